"""MkDocs hook: sitemap.xml once every language is built (trp_handbook.site.sitemap).

Replaces the engine's sitemap, which lists English fallbacks as translations
and has no x-default.
"""

from pathlib import Path

from mkdocs.plugins import event_priority

from trp_handbook.engine import adapter
from trp_handbook.site.config import generated_in_nav, nav_order
from trp_handbook.site.sitemap import write_sitemaps
from trp_handbook.translation.pages import scan


@event_priority(adapter.AFTER_LANGUAGES)
def on_post_build(config):
    if adapter.is_language_build(config):
        return
    tmap = scan(Path(config.docs_dir), generated=generated_in_nav(config.nav))
    folders = adapter.site_languages(config, single=[]) if adapter.has_languages(config) else []
    write_sitemaps(Path(config.site_dir), tmap, config.site_url or "/", nav_order(config.nav), folders)
