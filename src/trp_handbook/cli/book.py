"""Command-line front for the books: ``handbook pdf``, ``handbook epub`` and ``handbook hyphenation``.

``handbook pdf`` renders the PDFs again from an already built site (``handbook
build --no-pdf`` then ``handbook pdf`` is the quick loop when working on the
print stylesheet); ``make`` does not need it, the build renders the books itself.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from dataclasses import replace
from pathlib import Path

from trp_handbook.cli.main import EXIT_BROKEN_INPUT, EXIT_OK, add_format_option, command
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.project import REPO_ROOT


def _book_inputs(site: Path, codes: list[str], config_file: Path | None = None):
    """(language, its chapters, its BookInfo) read back from a built site, in the order of the nav."""
    from trp_handbook.book import pdf as print_pdf
    from trp_handbook.core.editions import current_edition
    from trp_handbook.engine.config import load_site_config
    from trp_handbook.core.languages import by_code, default_language
    from trp_handbook.core.reproducible import source_date_epoch
    from trp_handbook.site.config import nav_order
    from trp_handbook.core.texts import nav_translations, text

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


def _book_jobs(site: Path, codes: list[str], options, out: Path | None, config_file: Path | None = None):
    """One render job per language from a built site, chapters in the order of the configuration's nav."""
    from trp_handbook.book import hyphenation
    from trp_handbook.book import pdf as print_pdf
    from trp_handbook.core.editions import current_edition
    from trp_handbook.engine.config import load_site_config
    from trp_handbook.core.languages import by_code, default_language, load_languages
    from trp_handbook.core.reproducible import source_date_epoch
    from trp_handbook.site.config import nav_order
    from trp_handbook.core.texts import nav_translations, text

    config = load_site_config(config_file)
    default = default_language().code
    order = nav_order(config.get("nav"))
    english_sections = print_pdf.nav_sections(config.get("nav"))
    dictionaries = [p for lang in load_languages() if lang.hyphenation
                    for p in [hyphenation.dictionary_path(lang.hyphenation)] if p]
    jobs, targets = [], []
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
        html, _ = print_pdf.assemble(chapters, info, options)
        key = print_pdf.cache_key(html, options, dictionaries)
        cache = options.cache_dir or Path(out or site) / ".pdf-work"
        jobs.append(print_pdf.RenderJob(code, html, str(cache / f"{key}.pdf"), site.resolve().as_uri() + "/", options.variant))
        target = (out / print_pdf.book_filename(code)) if out else site / print_pdf.site_pdf_path(code, default)
        targets.append(target)
    return jobs, targets


@command("pdf", "render the printable PDFs again from an already built site (see README, PDF)")
def _configure_pdf(parser: argparse.ArgumentParser):
    parser.add_argument("--site-dir", type=Path, default=REPO_ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--languages", default="", help="comma-separated codes (default: every language built)")
    parser.add_argument("--out", type=Path, default=None, help="write the PDFs here instead of into the site")
    parser.add_argument("--jobs", type=int, default=0, help="renders at once (default: the cores available)")
    parser.add_argument("--no-cache", action="store_true", help="render even when the cache has the PDF")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        from trp_handbook.book import pdf as print_pdf
        from trp_handbook.core.languages import codes as all_codes

        options = print_pdf.options_from_env()
        options = replace(options, jobs=args.jobs or options.jobs, cache_dir=None if args.no_cache else options.cache_dir)
        site = args.site_dir
        wanted = [c.strip() for c in args.languages.split(",") if c.strip()] or [
            c for c in all_codes() if (site / print_pdf.page_url("index.md", c, all_codes()[0]) / "index.html").is_file()
        ]
        unknown = [c for c in wanted if c not in all_codes()]
        if unknown:
            raise HandbookError(f"--languages: unknown {', '.join(unknown)}; expected some of {', '.join(all_codes())}")
        jobs, targets = _book_jobs(site, wanted, options, args.out)
        workers = options.workers(len(jobs))
        started = time.perf_counter()
        results = print_pdf.render_all(jobs, workers)
        wall = time.perf_counter() - started
        for result, target in zip(results, targets):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(result.output, target)
        if options.cache_dir is None:
            shutil.rmtree(Path(args.out or site) / ".pdf-work", ignore_errors=True)
        books = [
            {"language": r.language, "path": str(t), "pages": r.pages, "bytes": r.size,
             "seconds": round(r.seconds, 2), "cached": r.cached, "layouts": r.layouts}
            for r, t in zip(results, targets)
        ]
        summary = {"books": books, "workers": workers, "wall_seconds": round(wall, 2),
                   "render_seconds": round(sum(r.seconds for r in results), 2)}
        if args.format == "json":
            print(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            for b in books:
                state = "cache" if b["cached"] else f"{b['seconds']:.1f} s"
                print(f"{b['language']:8} {b['pages']:4d} pages {b['bytes'] / 1e6:5.2f} MB  {state:>8}  {b['path']}")
            print(f"{len(books)} books, {workers} processes, {wall:.1f} s")
        return EXIT_OK

    return run


def _wanted_languages(site: Path, languages: str) -> list[str]:
    from trp_handbook.book import pdf as print_pdf
    from trp_handbook.core.languages import codes as all_codes

    wanted = [c.strip() for c in languages.split(",") if c.strip()] or [
        c for c in all_codes() if (site / print_pdf.page_url("index.md", c, all_codes()[0]) / "index.html").is_file()
    ]
    unknown = [c for c in wanted if c not in all_codes()]
    if unknown:
        raise HandbookError(f"--languages: unknown {', '.join(unknown)}; expected some of {', '.join(all_codes())}")
    return wanted


@command("epub", "write the EPUB editions again from an already built site (see README, Editions)")
def _configure_epub(parser: argparse.ArgumentParser):
    parser.add_argument("--site-dir", type=Path, default=REPO_ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--languages", default="", help="comma-separated codes (default: every language built)")
    parser.add_argument("--out", type=Path, default=None, help="write the EPUBs here instead of into the site")
    parser.add_argument("--no-cache", action="store_true", help="write even when the cache has the EPUB")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        from trp_handbook.book import epub
        from trp_handbook.book import pdf as print_pdf
        from trp_handbook.core.languages import default_language

        options = print_pdf.options_from_env()
        cache = None if args.no_cache else epub.cache_folder(options.cache_dir)
        site = args.site_dir
        books = []
        for code, chapters, info in _book_inputs(site, _wanted_languages(site, args.languages)):
            started = time.perf_counter()
            _, prepared = print_pdf.assemble(chapters, info, options)
            target = (args.out / epub.book_filename(code)) if args.out else \
                site / epub.site_epub_path(code, default_language().code)
            result = epub.write_edition(prepared, info, target, cache)
            books.append({"language": code, "path": str(target), "bytes": result.size, "cached": result.cached,
                          "seconds": round(time.perf_counter() - started, 2)})
        if args.format == "json":
            print(json.dumps({"books": books}, ensure_ascii=False, indent=2))
        else:
            for b in books:
                state = "cache" if b["cached"] else f"{b['seconds']:.1f} s"
                print(f"{b['language']:8} {b['bytes'] / 1e6:5.2f} MB  {state:>8}  {b['path']}")
        return EXIT_OK

    return run


@command("hyphenation", "convert hyph-utf8 TeX patterns into a pyphen dictionary (data/hyphenation/)")
def _configure_hyphenation(parser: argparse.ArgumentParser):
    parser.add_argument("source", type=Path, help="a hyph-utf8 file such as hyph-mk.tex")
    parser.add_argument("--out", type=Path, required=True, help="the .dic file to write")

    def run(args: argparse.Namespace) -> int:
        from trp_handbook.book.hyphenation import tex_to_dic

        try:
            tex = args.source.read_text(encoding="utf-8")
            args.out.write_text(tex_to_dic(tex, args.source.name), encoding="utf-8")
        except (OSError, ValueError) as exc:
            print(f"{args.source}: {exc}")
            return EXIT_BROKEN_INPUT
        print(f"wrote {args.out}")
        return EXIT_OK

    return run
