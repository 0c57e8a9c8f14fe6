"""The edition's ``SHA256SUMS``: one line per file of the built site.

Written as the build's last step, so that anyone who mirrors or downloads the
site (or the offline ZIP) can verify every file with ``sha256sum -c SHA256SUMS``
run inside the site folder, and two builds of one commit can be compared by one
file. Lines are sorted by path (byte order), in GNU coreutils' text format.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

FILENAME = "SHA256SUMS"


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _line(digest: str, name: str) -> str:
    # coreutils escapes a name with a backslash or newline and marks the line with a leading backslash
    if "\\" in name or "\n" in name:
        return "\\" + digest + "  " + name.replace("\\", "\\\\").replace("\n", "\\n")
    return f"{digest}  {name}"


def site_files(site: Path) -> list[str]:
    """Every regular file under ``site`` as a slash-separated relative path, sorted, without SHA256SUMS."""
    names = []
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for name in files:
            rel = (Path(folder) / name).relative_to(site).as_posix()
            if rel != FILENAME:
                names.append(rel)
    return sorted(names, key=lambda n: n.encode("utf-8"))


def sums_text(site: Path) -> str:
    """The contents of ``SHA256SUMS`` for ``site`` as it is now."""
    return "".join(_line(_digest(site / name), name) + "\n" for name in site_files(site))


def write_sums(site: Path) -> Path:
    """Write ``site/SHA256SUMS`` (through a temporary file, so it is never half written)."""
    target = site / FILENAME
    tmp = site / (FILENAME + ".part")
    tmp.write_text(sums_text(site), encoding="utf-8", newline="\n")
    tmp.replace(target)
    return target
