"""Command-line front for the text store: ``handbook check-texts``.

Reports every problem of ``data/texts/`` (a text missing in a language, a
placeholder a translation adds or lacks, a key defined twice, a file not in the
store's form), each as ``file:line: rule: message``; ``handbook check`` runs it
with the other checks.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trp_handbook.cli.main import add_format_option, command, report


@command("check-texts", "check that every text a reader sees exists in every language (data/texts/)")
def configure(parser: argparse.ArgumentParser):
    parser.add_argument("--texts", type=Path, default=None, help="the store's folder (default: data/texts/)")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        from trp_handbook.core.texts import read_store

        store = read_store(args.texts)
        return report(list(store.problems), args.format, {"texts": len(store.texts)} if args.format == "json" else None)

    return run
