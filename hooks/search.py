"""MkDocs hook: per-language search indexes and 404 pages (trp_handbook.site.search_index, .not_found).

The engine builds every language into one folder, leaving the last language's
404 page and a mixed search index: each language's 404 page is kept before the
next language starts, and put back in its folder, and the index split, once
every language is built.
"""

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from trp_handbook.core.languages import default_language, load_languages
from trp_handbook.engine import adapter
from trp_handbook.site import not_found, search_index
from trp_handbook.site.config import generated_in_nav, shard_languages
from trp_handbook.translation.pages import scan


def _kept(config):
    return adapter.build_state(config, "not_found_pages", dict)


@event_priority(adapter.BEFORE_NEXT_LANGUAGE)
def _keep_404(config):
    not_found.keep_language_page(Path(config.site_dir), _kept(config), adapter.language(config))


@event_priority(adapter.AFTER_LANGUAGES)
def _finish(config):
    if adapter.is_language_build(config):
        return  # the outer build finishes the site
    site, default = Path(config.site_dir), default_language().code
    not_found.write_language_pages(site, _kept(config), default)
    site_languages = adapter.site_languages(config, single=[default])
    languages = tuple(lang for lang in load_languages() if lang.code in site_languages)
    rendered = shard_languages() if adapter.has_languages(config) else [default]
    tmap = scan(Path(config.docs_dir), generated=generated_in_nav(config.nav))
    search_index.write_per_language(site, tmap, languages, rendered, default)


on_post_build = CombinedEvent(_keep_404, _finish)
