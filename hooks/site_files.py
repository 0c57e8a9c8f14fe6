"""MkDocs hook: the site-wide files, made by the outer build once every language is built.

Each language's 404 page is kept before the next language overwrites it; then
come the per-language 404 pages and search indexes (trp_handbook.site.not_found,
.search_index), sitemap.xml (trp_handbook.site.sitemap), Material's bundle
without its sitemap lookups (trp_handbook.engine.material_bundle), and last the
root 404 page, the offline ZIP and SHA256SUMS (trp_handbook.site.shards.finish_site,
left by a shard to the build that merges the shards).
"""

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from trp_handbook.core.languages import default_language, load_languages
from trp_handbook.engine import adapter
from trp_handbook.engine.material_bundle import patch_site
from trp_handbook.site import not_found, search_index
from trp_handbook.site.config import generated_in_nav, is_shard, nav_order, shard_languages
from trp_handbook.site.shards import finish_site
from trp_handbook.site.sitemap import write_sitemaps
from trp_handbook.translation.pages import scan


def _kept(config):
    return adapter.build_state(config, "not_found_pages", dict)


@event_priority(adapter.BEFORE_NEXT_LANGUAGE)
def _keep_404(config):
    not_found.keep_language_page(Path(config.site_dir), _kept(config), adapter.language(config))


@event_priority(adapter.AFTER_LANGUAGES)
def _language_files(config):
    if adapter.is_language_build(config):
        return
    site, default = Path(config.site_dir), default_language().code
    not_found.write_language_pages(site, _kept(config), default)
    codes = adapter.site_languages(config, single=[default])
    rendered = shard_languages() if adapter.has_languages(config) else [default]
    tmap = scan(Path(config.docs_dir), generated=generated_in_nav(config.nav))
    search_index.write_per_language(site, tmap, tuple(lang for lang in load_languages() if lang.code in codes),
                                    rendered, default)
    folders = codes if adapter.has_languages(config) else []
    write_sitemaps(site, tmap, config.site_url or "/", nav_order(config.nav), folders)


@event_priority(adapter.BOOKS_DONE)
def _material_bundle(config):
    if not adapter.is_language_build(config):
        with adapter.refusing():
            patch_site(Path(config.site_dir))


@event_priority(adapter.SITE_DONE)
def _site(config):
    if not adapter.is_language_build(config) and not is_shard():
        finish_site(Path(config.site_dir))


on_post_build = CombinedEvent(_keep_404, _language_files, _material_bundle, _site)
