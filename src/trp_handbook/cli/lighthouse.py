"""Command-line front for the Lighthouse scores: ``handbook lighthouse``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from trp_handbook.browser.lighthouse import CATEGORIES, DEFAULT_PAGES, measure, table
from trp_handbook.cli.main import EXIT_OK, EXIT_PROBLEMS, add_format_option, command
from trp_handbook.core.project import root as project_root


@command("lighthouse", "Lighthouse scores (accessibility, best practices, SEO) of the built site; exit 1 below 1.0")
def _configure_lighthouse(parser: argparse.ArgumentParser):
    parser.add_argument("--site-dir", type=Path, default=project_root() / "site", help="the built site (default: site/)")
    parser.add_argument("--languages", default="", help="comma-separated language codes (default: all)")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES),
                        help=f"comma-separated source paths to measure (default: {','.join(DEFAULT_PAGES)})")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        languages = [c.strip() for c in args.languages.split(",") if c.strip()] or None
        pages = tuple(p.strip() for p in args.pages.split(",") if p.strip())
        quiet = args.format == "json"
        results = measure(args.site_dir, languages, pages, log=(lambda _: None) if quiet else print)
        perfect = all(r.perfect() for r in results)
        if quiet:
            print(json.dumps({"categories": list(CATEGORIES), "pages": [r.as_dict() for r in results],
                              "all_perfect": perfect}, indent=2, sort_keys=True))
        else:
            print(table(results))
            for r in results:
                for audit in r.failed_audits:
                    print(f"{r.language} {r.page}: {audit}")
        return EXIT_OK if perfect else EXIT_PROBLEMS

    return run
