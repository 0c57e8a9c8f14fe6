"""The books of one site build: one PDF and one EPUB per language, rendered while the next languages build.

The site engine renders one language after the other; each language's book is
assembled from its pages as soon as that language is built and handed to the
book workers (:mod:`trp_handbook.book.workers`), so the books render while the
next languages build. Once every language is built the books are collected,
put at their stable paths, their sizes written into every page, and cut into
per-chapter PDFs when asked (``HANDBOOK_PDF_CHAPTERS=on``). A book that fails
stops the build with its language named: a content problem as a
:class:`~trp_handbook.core.errors.HandbookError`, a fault of the machine as the
:class:`~trp_handbook.core.faults.EnvironmentFault` the engine reports in one line.

The hook ``hooks/pdf.py`` only hands the engine's events to :class:`SiteBooks`.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
import weakref
from pathlib import Path

from trp_handbook.book import epub, hyphenation
from trp_handbook.book import pdf as print_pdf
from trp_handbook.book.workers import BookWorkers
from trp_handbook.core.editions import current_edition
from trp_handbook.core.languages import by_code, default_language, load_languages
from trp_handbook.core.reproducible import source_date_epoch
from trp_handbook.core.texts import text

#: Every SiteBooks with workers running, so that a failed build can end them (the engine's
#: error event names no build).
_running: weakref.WeakSet[SiteBooks] = weakref.WeakSet()

#: What a page's footer shows until the book's size is known.
_SIZE_TOKEN = "@@trp-handbook-pdf-size:"


class SiteBooks:
    """The books of one site build: the pages of the language being built, the workers, the jobs."""

    def __init__(self, options: print_pdf.PrintOptions | None = None):
        self.options = options or print_pdf.options_from_env()
        self.pages: dict[str, print_pdf.Chapter] = {}
        self.jobs: list[tuple[object, list[str], list[str]]] = []
        self.epubs: list = []  # what epub.write_for_site returned, one per language
        self.pool: BookWorkers | None = None
        self.started: float | None = None
        self.temp: str | None = None
        if self.options.enabled and self.options.cache_dir is not None:
            print_pdf.remove_partial_files(self.options.cache_dir)  # left by a worker killed while writing

    def footer(self, language: str) -> dict[str, str | None]:
        """The template values of a page's footer: where this language's book will be, and its size's placeholder."""
        if not self.options.enabled:
            return {"pdf_url": None, "epub_url": None}
        default = default_language().code
        return {"pdf_url": print_pdf.site_pdf_path(language, default), "pdf_size": print_pdf.size_token(language),
                "epub_url": epub.site_epub_path(language, default), "epub_size": epub.size_token(language)}

    def new_language(self) -> None:
        self.pages.clear()

    def keep_page(self, path: str, url: str, html: str, section: str | None, fallback: bool) -> None:
        """Keep a rendered page of the language being built for its book."""
        if self.options.enabled:
            self.pages[path] = print_pdf.Chapter(path=path, url=url, html=html, section=section, fallback=fallback)

    def submit(self, language: str, site: Path, order: list[str], books: int, site_url: str, copyright: str,
               log: logging.Logger) -> None:
        """Assemble this language's book from its pages in ``order`` and hand it to the workers."""
        if not self.options.enabled:
            return
        chapters = [self.pages[path] for path in order if path in self.pages]
        images: list[Path] = []

        def resolve_image(path: str) -> str | None:
            found = site / path
            if found.is_file():
                images.append(found)
                return found.as_uri()
            return None

        info = book_info(language, site_url, copyright)
        html, prepared = print_pdf.assemble(chapters, info, self.options, resolve_image=resolve_image)
        # the EPUB is written here, from the same chapters (quick, and cached like the PDF)
        self.epubs.append(epub.write_for_site(prepared, info, site, default_language().code, self.options.cache_dir))
        dictionaries = [p for lang in load_languages() if lang.hyphenation
                        for p in [hyphenation.dictionary_path(lang.hyphenation)] if p]
        for chapter in prepared:
            for problem in chapter.problems:
                log.warning(problem)
        key = print_pdf.cache_key(html, self.options, dictionaries, images)
        job = print_pdf.RenderJob(language=language, html=html, output=str(self._output_path(key)),
                                  base_url=site.as_uri() + "/", variant=self.options.variant)
        book = self._pool(books).submit("PDF", language, print_pdf.render_job, job)
        omitted = self.options.untranslated == "omit"
        self.jobs.append((book, [c.path for c in chapters if not (omitted and c.fallback)], [c.title for c in prepared]))

    def _pool(self, books: int) -> BookWorkers:
        if self.pool is None:
            self.pool = BookWorkers(self.options.workers(books), books)
            self.started = time.perf_counter()
            _running.add(self)
        return self.pool

    def _output_path(self, key: str) -> Path:
        if self.options.cache_dir is not None:
            return self.options.cache_dir / f"{key}.pdf"
        if self.temp is None:
            self.temp = tempfile.mkdtemp(prefix="trp-handbook-pdf-")
        return Path(self.temp) / f"{key}.pdf"

    def finish(self, site: Path, log: logging.Logger) -> None:
        """Wait for the books, put them in the site, write their sizes into every page."""
        if not self.options.enabled or not self.jobs:
            return
        default = default_language().code
        sizes = {}
        try:
            for book, paths, titles in self.jobs:
                language = book.language
                result = self.pool.result(book)  # a failure names the book; a fault of the machine passes on
                target = site / print_pdf.site_pdf_path(language, default)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(result.output, target)
                sizes[language] = print_pdf.human_size(result.size, language)
                log.info(
                    "pdf: %s: %d pages, %s, %s",
                    language, result.pages, print_pdf.human_size(result.size, "en"),
                    "unchanged (cache)" if result.cached
                    else f"rendered in {result.seconds:.1f} s (layouts: {result.layouts})",
                )
                if self.options.chapters:
                    pieces = print_pdf.split_chapters(target, target.parent / "chapters", language, paths, titles,
                                                      source_date_epoch())
                    log.info("pdf: %s: %d chapter PDFs", language, len(pieces))
            log.info("pdf: %d books with %d processes, %.1f s after the first was handed over",
                     len(self.jobs), self.pool.workers, time.perf_counter() - self.started)
        finally:
            self.shutdown()
        replace_sizes(site, sizes)
        epub.finish_site(site, self.epubs, log)
        if self.options.cache_dir is not None:
            print_pdf.prune_cache(self.options.cache_dir)

    def shutdown(self) -> None:
        """End the workers and remove the temporary books."""
        if self.pool is not None:
            self.pool.shutdown()
        self.pool = None
        _running.discard(self)
        if self.temp:
            shutil.rmtree(self.temp, ignore_errors=True)
            self.temp = None


def shutdown_all() -> None:
    """End the workers of every build still running (the build failed)."""
    for books in list(_running):
        books.shutdown()


def book_info(language: str, site_url: str, copyright: str) -> print_pdf.BookInfo:
    """The title page and metadata of ``language``'s book."""
    edition = current_edition(language)
    return print_pdf.BookInfo(
        language=language,
        title=text("site_name", language),
        description=text("site_description", language),
        language_name=by_code(language).name,
        edition=edition.number,
        date=edition.date,
        law_as_at=edition.law_as_at,
        site_url=site_url or "/",
        copyright=copyright or "",
        source_epoch=source_date_epoch(),
    )


def replace_sizes(site: Path, sizes: dict[str, str]) -> None:
    """Write each book's size where its pages show the placeholder."""
    tokens = {print_pdf.size_token(code): size for code, size in sizes.items()}
    for page in site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        if _SIZE_TOKEN not in content:
            continue
        for token, size in tokens.items():
            content = content.replace(token, size)
        page.write_text(content, encoding="utf-8")
