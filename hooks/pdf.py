"""MkDocs adapter: the printable handbook, one PDF per language (trp_handbook.book.pdf).

mkdocs-static-i18n re-runs the whole build once per language, so:

* ``on_config``: read the switches (``HANDBOOK_PDF`` ...); tell the footer where
  this language's PDF will be, with a placeholder for its size;
* ``on_files`` (after the i18n plugin, -120): keep ``overrides/print/`` (print
  stylesheet and texts) out of the served site;
* ``on_page_content`` (-50: after the notices and the law citations): keep the
  page's content HTML;
* ``on_post_build`` (0: before the i18n plugin starts the next language at
  -100): assemble this language's print HTML and hand it to the book workers
  (trp_handbook.book.workers), so the books render while the next languages build;
* ``on_post_build`` (-250, once, after the last language; after the search
  indexes and sitemap at -200, before the offline ZIP at -300): wait for the
  books, put them at their stable paths, write their sizes into every page,
  and cut per-chapter PDFs when ``HANDBOOK_PDF_CHAPTERS=on``. A book that fails
  stops the build with its language named: a content problem as a PluginError,
  a fault of the machine (a killed worker, a full disk) as the EnvironmentFault
  the engine reports in one line (trp_handbook.engine.process).
"""

import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from trp_handbook.book import epub, hyphenation
from trp_handbook.book import pdf as print_pdf
from trp_handbook.book.workers import BookWorkers
from trp_handbook.core.editions import current_edition
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import by_code, default_language, load_languages
from trp_handbook.core.reproducible import source_date_epoch
from trp_handbook.site.config import nav_order, shard_languages
from trp_handbook.core.texts import text

# named by its file: MkDocs names a hook module by its configured path and cuts the
# prefix at the first dot, which an absolute path (a derived configuration) may hold
log = get_plugin_logger(f"hooks/{Path(__file__).stem}")

#: this language's pages (reset by every language build)
_pages = {}
#: the whole build's renders: options, pool, jobs, start time
_run = {}


def _i18n(config):
    return config.plugins.get("i18n")


def _language(config):
    i18n = _i18n(config)
    return (i18n.current_language or i18n.default_language) if i18n else default_language().code


def on_config(config):
    i18n = _i18n(config)
    if i18n is None or not i18n.building:  # the outer build: a new run
        _shutdown()
        try:
            _run.update(options=print_pdf.options_from_env(), jobs=[], epubs=[], pool=None, started=None, temp=None)
        except HandbookError as exc:
            raise PluginError(str(exc)) from None
        if _run["options"].enabled and _run["options"].cache_dir is not None:
            print_pdf.remove_partial_files(_run["options"].cache_dir)  # left by a worker killed while writing
    _pages.clear()
    language = _language(config)
    handbook = config.extra.setdefault("handbook", {})
    if _run["options"].enabled:
        handbook["pdf_url"] = print_pdf.site_pdf_path(language, default_language().code)
        handbook["pdf_size"] = print_pdf.size_token(language)
        handbook["epub_url"], handbook["epub_size"] = epub.site_epub_path(language, default_language().code), epub.size_token(language)
    else:
        handbook["pdf_url"] = handbook["epub_url"] = None
    return config


@event_priority(-120)  # after mkdocs-static-i18n (-100) has rebuilt the files
def on_files(files, config):
    for file in list(files):
        if file.src_uri.startswith("print/") and not file.is_documentation_page():
            files.remove(file)
    return files


@event_priority(-50)  # after hooks/notices.py and hooks/legislation.py (0)
def on_page_content(html, page, config, files):
    if not _run["options"].enabled:
        return html
    path = page.meta.get("handbook_path") or page.file.src_uri
    _pages[path] = print_pdf.Chapter(
        path=path,
        url=page.url,
        html=html,
        section=page.parent.title if page.parent is not None else None,
        fallback=bool(page.meta.get("handbook_fallback")),
    )
    return html


def _book_info(config, language):
    edition = current_edition(language)
    return print_pdf.BookInfo(
        language=language,
        title=text("site_name", language),
        description=text("site_description", language),
        language_name=by_code(language).name,
        edition=edition.number,
        date=edition.date,
        law_as_at=edition.law_as_at,
        site_url=config.site_url or "/",
        copyright=config.copyright or "",
        source_epoch=source_date_epoch(),
    )


def _pool(config):
    if _run["pool"] is None:
        i18n = _i18n(config)
        books = len(shard_languages()) if i18n else 1
        _run["pool"] = BookWorkers(_run["options"].workers(books), books)
        _run["started"] = time.perf_counter()
    return _run["pool"]


def _output_path(options, key):
    if options.cache_dir is not None:
        return options.cache_dir / f"{key}.pdf"
    if _run["temp"] is None:
        _run["temp"] = tempfile.mkdtemp(prefix="trp-handbook-pdf-")
    return Path(_run["temp"]) / f"{key}.pdf"


@event_priority(0)  # before the i18n plugin builds the next language (-100)
def _submit(config):
    options = _run["options"]
    if not options.enabled:
        return
    language = _language(config)
    site = Path(config.site_dir)
    chapters = [_pages[path] for path in nav_order(config.nav) if path in _pages]
    images = []

    def resolve_image(path):
        found = site / path
        if found.is_file():
            images.append(found)
            return found.as_uri()
        return None

    try:
        html, prepared = print_pdf.assemble(chapters, _book_info(config, language), options, resolve_image=resolve_image)
        dictionaries = [p for lang in load_languages() if lang.hyphenation
                        for p in [hyphenation.dictionary_path(lang.hyphenation)] if p]
        _run["epubs"].append(epub.write_for_site(prepared, _book_info(config, language), site, default_language().code, options.cache_dir))
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    for chapter in prepared:
        for problem in chapter.problems:
            log.warning(problem)
    key = print_pdf.cache_key(html, options, dictionaries, images)
    job = print_pdf.RenderJob(
        language=language,
        html=html,
        output=str(_output_path(options, key)),
        base_url=site.as_uri() + "/",
        variant=options.variant,
    )
    book = _pool(config).submit("PDF", language, print_pdf.render_job, job)
    _run["jobs"].append((book, [c.path for c in chapters if not (options.untranslated == "omit" and c.fallback)],
                         [c.title for c in prepared]))


def _replace_sizes(site, sizes):
    tokens = {print_pdf.size_token(code): size for code, size in sizes.items()}
    for page in site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        if "@@trp-handbook-pdf-size:" not in content:
            continue
        for token, size in tokens.items():
            content = content.replace(token, size)
        page.write_text(content, encoding="utf-8")


@event_priority(-250)  # after search and sitemap (-200), before the offline ZIP (-300)
def _finish(config):
    i18n = _i18n(config)
    if i18n is not None and i18n.building:
        return  # a nested language build: the outer build collects the books
    options = _run["options"]
    if not options.enabled or not _run["jobs"]:
        return
    site = Path(config.site_dir)
    default = default_language().code
    sizes = {}
    try:
        for book, paths, titles in _run["jobs"]:
            language = book.language
            result = _run["pool"].result(book)  # a failure names the book; a fault of the machine passes on
            target = site / print_pdf.site_pdf_path(language, default)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(result.output, target)
            sizes[language] = print_pdf.human_size(result.size, language)
            log.info(
                "pdf: %s: %d pages, %s, %s",
                language, result.pages, print_pdf.human_size(result.size, "en"),
                "unchanged (cache)" if result.cached else f"rendered in {result.seconds:.1f} s (layouts: {result.layouts})",
            )
            if options.chapters:
                pieces = print_pdf.split_chapters(target, target.parent / "chapters", language, paths, titles,
                                                  source_date_epoch())
                log.info("pdf: %s: %d chapter PDFs", language, len(pieces))
        log.info("pdf: %d books with %d processes, %.1f s after the first was handed over",
                 len(_run["jobs"]), _run["pool"].workers, time.perf_counter() - _run["started"])
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    finally:
        _shutdown()
    _replace_sizes(site, sizes)
    epub.finish_site(site, _run["epubs"], log)
    if options.cache_dir is not None:
        print_pdf.prune_cache(options.cache_dir)


on_post_build = CombinedEvent(_submit, _finish)


def _shutdown():
    pool = _run.get("pool")
    if pool is not None:
        pool.shutdown()
    _run["pool"] = None
    if _run.get("temp"):
        shutil.rmtree(_run["temp"], ignore_errors=True)
        _run["temp"] = None


def on_build_error(error):
    _shutdown()
