"""A live preview of two languages (`make serve ONLY=sr,fr`) stays right over several saves.

The preview renders only the languages asked for (a shard without the default
language: trp_handbook.engine.adapter.limit_to_shard); MkDocs loads the hook
files again on every rebuild and makes a new configuration, so nothing of one
build may leak into the next. Each save must be served again, in its language,
with the other language's page unchanged and every page's language selector
still pointing at the same page in every language of the preview.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from helpers import FIXTURE_NAV, FIXTURES
from trp_handbook.engine.config import derived_config

_SELECTOR = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link">')


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _wait_for(url: str, text: str, server: subprocess.Popen, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while True:
        status, html = _get(url)
        if status == 200 and text in html:
            return html
        assert server.poll() is None, "the preview stopped"
        assert time.monotonic() < deadline, f"{url} did not show {text!r}"
        time.sleep(0.3)


def _save(page, line: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


@pytest.mark.build
def test_a_two_language_preview_stays_right_over_two_saves(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "site" / "docs", docs)
    config = tmp_path / "mkdocs.yml"
    config.write_text(derived_config(docs, tmp_path / "unused-site", FIXTURE_NAV), encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("TRP_HANDBOOK_ROOT", "HANDBOOK_SHARD_LANGUAGES")}
    server = subprocess.Popen(
        [sys.executable, "-m", "trp_handbook", "serve", "--languages", "sr,fr", "--config-file", str(config),
         "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/fr/", 'lang="fr"', server, 180)
        assert 'lang="sr"' in _wait_for(f"{base}/sr/", 'lang="sr"', server)
        assert _get(f"{base}/hr/")[0] == 404  # a language not asked for is neither rendered nor linked

        _save(docs / "sr" / "index.md", "Први123сачуван")
        _wait_for(f"{base}/sr/", "Први123сачуван", server)
        _save(docs / "fr" / "index.md", "Deuxieme456enregistre")
        fr = _wait_for(f"{base}/fr/", "Deuxieme456enregistre", server)

        sr = _wait_for(f"{base}/sr/", "Први123сачуван", server)  # the first save survives the second rebuild
        assert 'lang="sr"' in sr and "Deuxieme456enregistre" not in sr
        assert 'lang="fr"' in fr and "Први123сачуван" not in fr
        # the selector of a page links the same page in every language of the preview,
        # including English, which the preview does not render
        status, guide = _get(f"{base}/sr/guide/")
        assert status == 200
        assert dict((lang, href) for href, lang in _SELECTOR.findall(guide)) == {
            "en": "../../guide/", "sr": "./", "fr": "../../fr/guide/"}
        status, fr_guide = _get(f"{base}/fr/guide/")  # fr has no guide: the English page, in the fr edition
        assert status == 200 and 'lang="en"' in fr_guide
    finally:
        server.terminate()
        server.wait(timeout=30)
