"""Material's JavaScript without its sitemap lookups next to language alternates.

Material's bundle looks for ``sitemap.xml`` next to every ``<link rel="alternate">``
of a page (``new URL("sitemap.xml", link.href)``), so that a language-selector
link pointing at another edition's *root* can be turned into a link to the same
page there. The handbook needs none of it: its alternates are each page's own
translations, fully qualified from ``site_url`` as search engines require, and
mkdocs-static-i18n already points every language-selector link at the page's
translation. Each lookup was therefore a wasted request that failed
(``/sr/see/albania/sitemap.xml``: eight 404s per page), and with absolute
alternates it would be a request to the published host from any other origin (a
local preview, the offline edition from ``file://``).

The one selector the lookup queries is replaced by one that matches no element,
padded to the same length so that the bundle's source map still fits it. The
change is checked: a Material release without that selector fails the build
instead of silently requesting again.
"""

from __future__ import annotations

from pathlib import Path

from trp_handbook.core.errors import HandbookError

#: The selector Material's ``setupAlternate`` queries, as a string literal in the bundle.
ALTERNATE_QUERY = '"link[rel=alternate]"'
#: A selector that matches no element (trailing spaces are ignored), as long as the original.
NO_ELEMENT_QUERY = '":not(*)' + " " * (len(ALTERNATE_QUERY) - len('":not(*)"')) + '"'

#: Where Material's theme puts its bundle in the site.
BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"


def without_alternate_sitemaps(bundle: str, name: str = "bundle") -> str:
    """The bundle's text with the alternate-sitemap lookup switched off (unchanged if it already is)."""
    if NO_ELEMENT_QUERY in bundle and ALTERNATE_QUERY not in bundle:
        return bundle
    count = bundle.count(ALTERNATE_QUERY)
    if count != 1:
        raise HandbookError(
            f"{name}: material bundle: found {ALTERNATE_QUERY} {count} times; expected once "
            "(Material's language-alternate lookup changed: see trp_handbook.engine.material_bundle)"
        )
    return bundle.replace(ALTERNATE_QUERY, NO_ELEMENT_QUERY)


def patch_site(site: Path) -> list[Path]:
    """Switch the lookup off in the Material bundle a built site holds; returns the files changed.

    A site without the bundle (Material not the theme) is an error: the
    handbook's pages rely on this change.
    """
    bundles = sorted(site.glob(BUNDLE_GLOB))
    if not bundles:
        raise HandbookError(f"{site}: no {BUNDLE_GLOB}: expected Material's bundle in the built site")
    changed = []
    for path in bundles:
        text = path.read_text(encoding="utf-8")
        patched = without_alternate_sitemaps(text, str(path))
        if patched != text:
            path.write_text(patched, encoding="utf-8")
            changed.append(path)
    return changed
