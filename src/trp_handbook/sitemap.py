"""``sitemap.xml`` with absolute URLs and hreflang alternates.

Only real translations are listed: a page shown in English inside another
edition (a fallback) is neither a URL of the sitemap nor an alternate, and every
entry carries ``x-default`` pointing at the default language's page.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr, escape

from .translation_map import TranslationMap, page_url


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
        alternates = [(code, base + page_url(path, code, tmap.default)) for code in languages]
        if tmap.default in languages:
            alternates.append(("x-default", base + page_url(path, tmap.default, tmap.default)))
        for code in languages:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(base + page_url(path, code, tmap.default))}</loc>")
            for hreflang, href in alternates:
                lines.append(
                    f"    <xhtml:link rel=\"alternate\" hreflang={quoteattr(hreflang)} href={quoteattr(href)}/>"
                )
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
