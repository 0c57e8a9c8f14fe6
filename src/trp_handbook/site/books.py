"""The printed books of an already built site: what ``handbook pdf`` and the benchmark render.

The build renders each book while it runs (the engine adapter hands over each
page's content as it is made); this module reads the same content back from
the built pages (:func:`trp_handbook.book.pdf.chapters_from_site`), so a book
rendered again from ``site/`` is byte-identical to the build's.
"""

from __future__ import annotations

from pathlib import Path


def book_inputs(site: Path, codes: list[str], config_file: Path | None = None):
    """(language, its chapters, its BookInfo) read back from a built site, chapters in the nav's order.

    The PDF and the EPUB are made from the same chapters and the same title page.
    """
    from trp_handbook.book import pdf as print_pdf
    from trp_handbook.core.editions import current_edition
    from trp_handbook.core.languages import by_code, default_language
    from trp_handbook.core.reproducible import source_date_epoch
    from trp_handbook.core.texts import nav_translations, text
    from trp_handbook.engine.config import load_site_config
    from trp_handbook.site.config import nav_order

    config = load_site_config(config_file)
    default = default_language().code
    order = nav_order(config.get("nav"))
    english_sections = print_pdf.nav_sections(config.get("nav"))
    for code in codes:
        names = {} if code == default else nav_translations(code)
        sections = {path: names.get(title, title) for path, title in english_sections.items()}
        chapters = print_pdf.chapters_from_site(site, code, default, order, sections)
        edition = current_edition(code)
        info = print_pdf.BookInfo(
            language=code, title=text("site_name", code), description=text("site_description", code),
            language_name=by_code(code).name, edition=edition.number, date=edition.date,
            law_as_at=edition.law_as_at, site_url=config.get("site_url") or "/",
            copyright=config.get("copyright") or "", source_epoch=source_date_epoch(),
        )
        yield code, chapters, info


def book_jobs(site: Path, codes: list[str], options, out: Path | None, config_file: Path | None = None):
    """(render jobs, target paths): one job per language from a built site, chapters in the nav's order.

    ``out`` is a folder for the books instead of their places in the site;
    ``config_file`` the configuration the site was built with (default: the
    project's).
    """
    from trp_handbook.book import hyphenation
    from trp_handbook.book import pdf as print_pdf
    from trp_handbook.core.languages import default_language, load_languages

    default = default_language().code
    dictionaries = [p for lang in load_languages() if lang.hyphenation
                    for p in [hyphenation.dictionary_path(lang.hyphenation)] if p]
    jobs, targets = [], []
    for code, chapters, info in book_inputs(site, codes, config_file):
        html, _ = print_pdf.assemble(chapters, info, options)
        key = print_pdf.cache_key(html, options, dictionaries)
        cache = options.cache_dir or Path(out or site) / ".pdf-work"
        jobs.append(print_pdf.RenderJob(code, html, str(cache / f"{key}.pdf"), site.resolve().as_uri() + "/", options.variant))
        target = (out / print_pdf.book_filename(code)) if out else site / print_pdf.site_pdf_path(code, default)
        targets.append(target)
    return jobs, targets
