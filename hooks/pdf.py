"""MkDocs hook: the printable handbook, one PDF per language (trp_handbook.book.site_books)."""

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from trp_handbook.book.site_books import SiteBooks, shutdown_all
from trp_handbook.engine import adapter
from trp_handbook.site.config import nav_order, shard_languages

log = adapter.hook_logger(__file__)


def _books(config):
    with adapter.refusing():  # a wrong HANDBOOK_PDF_* switch
        return adapter.build_state(config, "books", SiteBooks)


def on_config(config):
    books = _books(config)
    books.new_language()
    config.extra.setdefault("handbook", {}).update(books.footer(adapter.language(config)))
    return config


@event_priority(adapter.LAST_FILES)
def on_files(files, config):
    return adapter.drop_files(files, "print/")  # the books' stylesheet and texts


@event_priority(adapter.BOOK_PAGE_CONTENT)
def on_page_content(html, page, config, files):
    section = page.parent.title if page.parent is not None else None
    _books(config).keep_page(page.meta.get("handbook_path") or page.file.src_uri, page.url, html, section,
                             bool(page.meta.get("handbook_fallback")))
    return html


@event_priority(adapter.BEFORE_NEXT_LANGUAGE)  # the book renders while the next languages build
def _submit(config):
    count = len(shard_languages()) if adapter.has_languages(config) else 1
    with adapter.refusing():
        _books(config).submit(adapter.language(config), Path(config.site_dir), nav_order(config.nav), count,
                              config.site_url, config.copyright, log)


@event_priority(adapter.BOOKS_DONE)
def _finish(config):
    if not adapter.is_language_build(config):
        with adapter.refusing():
            _books(config).finish(Path(config.site_dir), log)


on_post_build = CombinedEvent(_submit, _finish)


def on_build_error(error):
    shutdown_all()
