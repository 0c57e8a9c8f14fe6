"""Command-line front for the books: ``handbook pdf``, ``handbook epub``, ``handbook hyphenation``, ``handbook fonts``.

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
from trp_handbook.core.project import root as project_root


@command("pdf", "render the printable PDFs again from an already built site (see README, The books)")
def _configure_pdf(parser: argparse.ArgumentParser):
    parser.add_argument("--site-dir", type=Path, default=project_root() / "site", help="the built site (default: site/)")
    parser.add_argument("--languages", default="", help="comma-separated codes (default: every language built)")
    parser.add_argument("--out", type=Path, default=None, help="write the PDFs here instead of into the site")
    parser.add_argument("--jobs", type=int, default=0, help="renders at once (default: the cores available)")
    parser.add_argument("--no-cache", action="store_true", help="render even when the cache has the PDF")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        from trp_handbook.book import pdf as print_pdf
        from trp_handbook.site.books import book_jobs

        options = print_pdf.options_from_env()
        options = replace(options, jobs=args.jobs or options.jobs, cache_dir=None if args.no_cache else options.cache_dir)
        site = args.site_dir
        wanted = _wanted_languages(site, args.languages)
        jobs, targets = book_jobs(site, wanted, options, args.out)
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
    from trp_handbook.core.languages import codes as all_codes
    from trp_handbook.translation.pages import page_url

    wanted = [c.strip() for c in languages.split(",") if c.strip()] or [
        c for c in all_codes() if (site / page_url("index.md", c, all_codes()[0]) / "index.html").is_file()
    ]
    unknown = [c for c in wanted if c not in all_codes()]
    if unknown:
        raise HandbookError(f"--languages: unknown {', '.join(unknown)}; expected some of {', '.join(all_codes())}")
    return wanted


@command("epub", "write the EPUB editions again from an already built site (see README, Editions)")
def _configure_epub(parser: argparse.ArgumentParser):
    parser.add_argument("--site-dir", type=Path, default=project_root() / "site", help="the built site (default: site/)")
    parser.add_argument("--languages", default="", help="comma-separated codes (default: every language built)")
    parser.add_argument("--out", type=Path, default=None, help="write the EPUBs here instead of into the site")
    parser.add_argument("--no-cache", action="store_true", help="write even when the cache has the EPUB")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        from trp_handbook.book import epub
        from trp_handbook.book import pdf as print_pdf
        from trp_handbook.core.languages import default_language
        from trp_handbook.site.books import book_inputs

        options = print_pdf.options_from_env()
        cache = None if args.no_cache else epub.cache_folder(options.cache_dir)
        site = args.site_dir
        books = []
        for code, chapters, info in book_inputs(site, _wanted_languages(site, args.languages)):
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


@command("fonts", "cut the self-hosted Noto subsets (overrides/assets/fonts) from the full Noto TrueType files")
def _configure_fonts(parser: argparse.ArgumentParser):
    from trp_handbook.book.fonts import DEBIAN_NOTO, FONTS_DIR

    parser.add_argument("--source", type=Path, default=DEBIAN_NOTO,
                        help=f"the folder of NotoSans-Regular.ttf and the other faces (default: {DEBIAN_NOTO})")
    parser.add_argument("--out", type=Path, default=FONTS_DIR, help="where to write the WOFF2 subsets "
                        "(default: overrides/assets/fonts)")

    def run(args: argparse.Namespace) -> int:
        from trp_handbook.book.fonts import subset_fonts

        for path in subset_fonts(args.source, args.out):
            print(f"wrote {path}")
        return EXIT_OK

    return run
