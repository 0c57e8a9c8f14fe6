"""Command-line front for building the site: ``handbook build``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .cli import command
from .site_build import build_site


@command("build", "build every language (site, PDFs, offline ZIP) into site/, atomically")
def _configure_build(parser: argparse.ArgumentParser):
    parser.add_argument("--site-dir", type=Path, default=None, help="where to put the site (default: site/)")
    parser.add_argument(
        "--languages",
        default="",
        help="comma-separated language codes to build (default: all; English is always built)",
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF editions (faster preview builds)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="engines rendering languages at the same time (default: one per available core; "
                             "1 renders every language in one process)")

    def run(args: argparse.Namespace) -> int:
        env = {}
        if args.languages:
            env["HANDBOOK_LANGUAGES"] = args.languages
        if args.no_pdf:
            env["HANDBOOK_PDF"] = "off"
        if args.jobs is not None and args.jobs < 1:
            parser.error("--jobs: expected a number of at least 1")
        return build_site(site=args.site_dir, extra_env=env, jobs=args.jobs)

    return run
