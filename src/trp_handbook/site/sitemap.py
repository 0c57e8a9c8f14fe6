"""``sitemap.xml`` with absolute URLs and hreflang alternates.

Only real translations are listed: a page shown in English inside another
edition (a fallback) is neither a URL of the sitemap nor an alternate, and every
entry carries ``x-default`` pointing at the default language's page. The same
alternates, fully qualified from ``site_url``, are each page's
``<link rel="alternate" hreflang>`` (search engines ignore relative ones).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from trp_handbook.translation.pages import TranslationMap, page_url


def alternates(tmap: TranslationMap, path: str, site_url: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of every language that really has the page ``path``, then ``x-default``.

    ``x-default`` is the default language's page, listed only when that page
    exists in the default language.
    """
    base = site_url.rstrip("/") + "/"
    languages = tmap.languages_of(path)
    result = [(code, base + page_url(path, code, tmap.default)) for code in languages]
    if tmap.default in languages:
        result.append(("x-default", base + page_url(path, tmap.default, tmap.default)))
    return result


def build_sitemap(tmap: TranslationMap, site_url: str, page_order: list[str]) -> str:
    """The sitemap XML for every page of ``page_order`` (source paths, nav order)."""
    base = site_url.rstrip("/") + "/"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in page_order:
        languages = tmap.languages_of(path)
        if not languages:
            continue
        links = alternates(tmap, path, site_url)
        for code in languages:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(base + page_url(path, code, tmap.default))}</loc>")
            for hreflang, href in links:
                lines.append(
                    f"    <xhtml:link rel=\"alternate\" hreflang={quoteattr(hreflang)} href={quoteattr(href)}/>"
                )
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemaps(site: Path, tmap: TranslationMap, site_url: str, page_order: list[str], languages: list[str]) -> None:
    """Write ``sitemap.xml`` (and its gzip) at the site's root and in each built language's folder.

    Material reads the sitemap at the root of the reader's language (its
    "base") for instant navigation and link previews, which the handbook does
    not switch on; each language folder has the same file, so that switching
    them on needs nothing else. (Its lookups next to each page's alternates are
    switched off: trp_handbook.engine.material_bundle.)
    """
    xml = build_sitemap(tmap, site_url, page_order)
    for folder in [site] + [site / code for code in languages if (site / code).is_dir()]:
        (folder / "sitemap.xml").write_text(xml, encoding="utf-8")
        # mtime=0: the compressed copy must be byte-identical from build to build
        (folder / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
