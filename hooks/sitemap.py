"""MkDocs adapter: write sitemap.xml once every language is built.

Replaces the engine's sitemap (which lists English fallbacks as translations
and has no x-default) with trp_handbook.site.sitemap's.
"""

import gzip
from pathlib import Path

from mkdocs.plugins import event_priority

from trp_handbook.site.config import generated_in_nav, nav_order
from trp_handbook.site.sitemap import build_sitemap
from trp_handbook.translation.pages import scan


@event_priority(-200)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    xml = build_sitemap(scan(Path(config.docs_dir), generated=generated_in_nav(config.nav)), config.site_url or "/", nav_order(config.nav))
    site = Path(config.site_dir)
    # Material reads the sitemap at the root of the reader's language (its
    # "base") for instant navigation and link previews, which the handbook
    # does not switch on; each language folder has the same file, so that
    # switching them on needs nothing else. (Its lookups next to each page's
    # alternates are switched off: trp_handbook.engine.material_bundle.)
    folders = [site] + [site / code for code in (i18n.build_languages if i18n else []) if (site / code).is_dir()]
    for folder in folders:
        (folder / "sitemap.xml").write_text(xml, encoding="utf-8")
        # mtime=0: the compressed copy must be byte-identical from build to build
        (folder / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
