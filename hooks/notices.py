"""MkDocs hook: fallback, outdated and draft notices (trp_handbook.site.notices); hreflang alternates (.sitemap)."""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from trp_handbook.engine import adapter
from trp_handbook.site import notices
from trp_handbook.site.config import generated_in_nav
from trp_handbook.site.sitemap import alternates
from trp_handbook.translation.pages import scan


def _map(config):
    return adapter.build_state(config, "translation_map", lambda: scan(Path(config.docs_dir),
                                                                        generated=generated_in_nav(config.nav)))


def on_page_markdown(markdown, page, config, files):
    language = adapter.language(config)
    fallback = adapter.page_language(page, config) != language
    path = adapter.page_path(page, config)
    page.meta.update(handbook_fallback=fallback, handbook_path=path, handbook_translation=None)
    if fallback and config.repo_url:
        page.edit_url = notices.translate_invite_url(config.repo_url, language, path)
    if not fallback:
        page.meta["handbook_translation"] = notices.translation_state(
            page.meta, path, language, _map(config), Path(config.docs_dir),
            lambda url: get_relative_url(url, page.url or "."))
    return markdown


def on_page_content(html, page, config, files):
    return notices.decorate(html, adapter.language(config), adapter.page_language(page, config), page.meta,
                            page.edit_url)


@event_priority(adapter.AFTER_I18N_PAGE_CONTEXT)
def on_page_context(context, page, config, nav):
    path = page.meta.get("handbook_path", page.file.src_uri)
    context["handbook_hreflang"] = [
        {"lang": code, "href": href} for code, href in alternates(_map(config), path, config.site_url or "/")
    ]
    return context
