#!/usr/bin/env python3
"""Print a pip-compile lock file without the named packages: ``lock_without.py LOCK NAME...``.

``make ENGINE=properdocs`` installs the pinned environment with ProperDocs in
place of MkDocs (``.venv-properdocs/``): requirements.lock without ``mkdocs``,
then requirements-properdocs.lock. A requirement is its ``name==version`` line,
its ``--hash`` continuation lines and its ``# via`` comment lines.
"""

import re
import sys


def without(text: str, names: set[str]) -> str:
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        start = re.match(r"^([A-Za-z0-9_.-]+)==", line)
        if start:
            skipping = start.group(1).lower().replace("_", "-") in names
        elif not line.startswith((" ", "\t")):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


if __name__ == "__main__":
    lock, *dropped = sys.argv[1:]
    with open(lock, encoding="utf-8") as f:
        sys.stdout.write(without(f.read(), {n.lower().replace("_", "-") for n in dropped}))
