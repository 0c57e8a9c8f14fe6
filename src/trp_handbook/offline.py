"""The offline edition: a ZIP of the whole site that works from disk (file://).

Opened from disk, a browser shows a folder listing for ``chapter/`` instead of
``chapter/index.html``, and cannot fetch the JSON search index. So the copy in
the ZIP has every relative link to a directory pointed at its ``index.html``,
and every language gets the ``search/search_index.js`` that Material loads when
it runs from ``file://``. The archive is reproducible: sorted entries, one fixed
timestamp, fixed permissions.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

#: href/src values that are relative links inside the site (not scheme:, //, /, #, ?).
_RELATIVE_LINK = re.compile(r'(?P<attr>\b(?:href|src)=")(?P<url>(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?)[^"]*)"')


#: Files whose format is compressed already: deflating them again gains nothing.
_COMPRESSED = (".pdf", ".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".zip")


def _to_file_url(url: str) -> str:
    path, hash_, fragment = url.partition("#")
    if path == "" :
        return url
    if path in (".", ".."):
        path += "/"
    if path.endswith("/"):
        path += "index.html"
    return path + hash_ + fragment


def rewrite_links(html: str) -> str:
    """Point relative directory links of one HTML page at ``index.html`` files."""
    return _RELATIVE_LINK.sub(lambda m: f'{m.group("attr")}{_to_file_url(m.group("url"))}"', html)


def write_zip(
    site: Path,
    target: Path,
    extra_files: dict[str, bytes],
    timestamp: tuple[int, int, int, int, int, int],
    exclude: Iterable[str] = (),
) -> int:
    """Write the offline ZIP of ``site`` to ``target``; returns the number of entries.

    ``extra_files`` maps archive paths to contents added beside the site's files
    (the per-language ``search_index.js``); ``exclude`` lists site-relative paths
    left out (the ZIP itself).
    """
    excluded = set(exclude)
    entries: dict[str, bytes] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel in excluded:
            continue
        data = path.read_bytes()
        if rel.endswith(".html"):
            data = rewrite_links(data.decode("utf-8")).encode("utf-8")
        entries[rel] = data
    entries.update(extra_files)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.part")
    # level 6: 1 % larger than 9 in half the time (the ZIP is the build's last step);
    # formats that are compressed already are stored as they are
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo("trp-handbook/" + name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(_COMPRESSED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, entries[name])
    tmp.replace(target)
    return len(entries)
