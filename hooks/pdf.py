"""MkDocs hook: the printable handbook, one PDF per language (trp_handbook.book.site_books)."""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from trp_handbook.book.site_books import SiteBooks, shutdown_all
from trp_handbook.core.errors import HandbookError
from trp_handbook.engine import adapter
from trp_handbook.site.config import nav_order, shard_languages

# named by its file: MkDocs names a hook module by its configured path and cuts the
# prefix at the first dot, which an absolute path (a derived configuration) may hold
log = get_plugin_logger(f"hooks/{Path(__file__).stem}")


def _books(config):
    try:
        return adapter.build_state(config, "books", SiteBooks)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None


def on_config(config):
    books = _books(config)
    books.new_language()
    config.extra.setdefault("handbook", {}).update(books.footer(adapter.language(config)))
    return config


@event_priority(adapter.LAST_FILES)
def on_files(files, config):
    for file in list(files):  # the print stylesheet and texts are not part of the served site
        if file.src_uri.startswith("print/") and not file.is_documentation_page():
            files.remove(file)
    return files


@event_priority(adapter.BOOK_PAGE_CONTENT)
def on_page_content(html, page, config, files):
    path = page.meta.get("handbook_path") or page.file.src_uri
    section = page.parent.title if page.parent is not None else None
    _books(config).keep_page(path, page.url, html, section, bool(page.meta.get("handbook_fallback")))
    return html


@event_priority(adapter.BEFORE_NEXT_LANGUAGE)
def _submit(config):
    count = len(shard_languages()) if adapter.has_languages(config) else 1
    try:
        _books(config).submit(adapter.language(config), Path(config.site_dir), nav_order(config.nav), count,
                              config.site_url, config.copyright, log)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None


@event_priority(adapter.BOOKS_DONE)
def _finish(config):
    if adapter.is_language_build(config):
        return  # the outer build collects the books
    try:
        _books(config).finish(Path(config.site_dir), log)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None


on_post_build = CombinedEvent(_submit, _finish)


def on_build_error(error):
    shutdown_all()
