"""The offline edition: a ZIP of the whole site that works from disk (file://).

Opened from disk, a browser shows a folder listing for ``chapter/`` instead of
``chapter/index.html``, finds nothing at a root-relative ``/fr/`` (that is the
root of the disk), and cannot fetch the JSON search index. So the copy in the
ZIP has every link inside the site made relative to its page and pointed at an
``index.html`` when it names a folder; every language gets the
``search/search_index.js`` that Material loads when it runs from ``file://``,
with each result's location pointed at its ``index.html`` too (a search result
opens ``see/albania/index.html?h=word``, the page with the word highlighted);
and the footer's link to the offline edition itself, which the ZIP cannot hold,
is left out. The archive is reproducible: sorted entries, one fixed timestamp,
fixed permissions.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: href/src values that are relative links inside the site (not scheme:, //, /, #, ?).
_RELATIVE_LINK = re.compile(r'(?P<attr>\b(?:href|src)=")(?P<url>(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\?)[^"]*)"')
#: href/src values that are root-relative (``/fr/``, not ``//host/``).
_ROOT_RELATIVE_LINK = re.compile(r'(?P<attr>\b(?:href|src)=")/(?P<path>(?!/)[^"]*)"')
#: The footer's item linking the offline edition (overrides/partials/copyright.html).
_OFFLINE_DOWNLOAD_ITEM = re.compile(r'\s*<li class="handbook-offline-download">.*?</li>', re.S)


#: Files whose format is compressed already: deflating them again gains nothing.
_COMPRESSED = (".pdf", ".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".zip")


def _to_file_url(url: str) -> str:
    """A relative link to a folder (``see/``, ``..``, ``../..``) pointed at its ``index.html``."""
    path, hash_, fragment = url.partition("#")
    if path == "":
        return url
    if path.rsplit("/", 1)[-1] in (".", ".."):
        path += "/"  # MkDocs writes the site's root, seen from a page, as ".." or "../.."
    if path.endswith("/"):
        path += "index.html"
    return path + hash_ + fragment


def _file_location(location: str) -> str:
    """A search result's location as a file: ``""`` and ``#x`` are the language's ``index.html``."""
    path, hash_, fragment = location.partition("#")
    return _to_file_url((path or "./") + hash_ + fragment)


def _relative_to_page(path: str, page: str) -> str:
    """A root-relative link's path (``fr/see/``) as seen from ``page`` (``sr/index.html``): ``../fr/see/``."""
    up = "../" * page.count("/")
    return (up + path) or "./"


def rewrite_links(html: str, page: str = "index.html") -> str:
    """The offline form of one HTML page at ``page`` (its path in the site, ``sr/see/index.html``).

    Root-relative links become relative to the page, links to folders point at
    their ``index.html``, and the link to the offline edition itself is dropped.
    """
    html = _OFFLINE_DOWNLOAD_ITEM.sub("", html)
    html = _ROOT_RELATIVE_LINK.sub(
        lambda m: f'{m.group("attr")}{_relative_to_page(m.group("path"), page)}"', html
    )
    return _RELATIVE_LINK.sub(lambda m: f'{m.group("attr")}{_to_file_url(m.group("url"))}"', html)


def file_locations(index: dict[str, Any]) -> dict[str, Any]:
    """A search index whose locations name files (``see/index.html#x``), for search from disk.

    Material opens a result at its location (with ``?h=`` for the highlight);
    from disk, a folder's location would show the folder's listing.
    """
    docs = [{**doc, "location": _file_location(doc["location"])} for doc in index["docs"]]
    return {**index, "docs": docs}


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
            data = rewrite_links(data.decode("utf-8"), rel).encode("utf-8")
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
