"""The browser the tests and measurements drive: Debian's Chromium, closed to Google's hosts.

One place for the executable and its flags, so that the browser tests
(tests/conftest.py) and the Lighthouse measurement (trp_handbook.browser.lighthouse)
run the same browser the same way.
"""

from __future__ import annotations

import os

#: Debian's Chromium (``CHROMIUM`` names another).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

#: Flags without which Chromium tries to reach Google's hosts from a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
