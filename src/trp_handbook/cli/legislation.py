"""``handbook check-legislation``: the legal citations against the registry.

A thin front over :mod:`trp_handbook.legislation.check`; the MkDocs build runs
the same checks (hooks/legislation.py), so a clean run here means a clean build.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trp_handbook.cli.main import EXIT_BROKEN_INPUT, EXIT_OK, EXIT_PROBLEMS, add_format_option, command, report
from trp_handbook.core.errors import relative
from trp_handbook.core.project import data_dir, docs_dir
from trp_handbook.legislation.check import check
from trp_handbook.legislation.registry import load_registry

EPILOG = f"""\
checks (file:line: rule: message):
  malformed-target, unknown-instrument, unknown-provision   law: targets the registry does not know
  repealed-citation      a repealed/replaced instrument cited outside a !!! historical admonition
  parity-missing, parity-extra, parity-changed   a translation's citations differ from its English page
  identifier, duplicate-id, dangling-reference   mistakes in the registry itself
  never-cited            (warning) an instrument no page cites
The summary counts instruments, provisions, citations and the citations that rest
on unverified provisions (list them with --list-unverified).

exit codes:
  {EXIT_OK}  no errors (warnings may be printed)
  {EXIT_PROBLEMS}  errors found in the citations or the registry
  {EXIT_BROKEN_INPUT}  the registry cannot be read or does not match its schema, or a path is missing
"""


@command("check-legislation", help="check law: citations in docs/ against data/legislation.yml")
def configure(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--docs", type=Path, default=None, metavar="DIR",
                        help="the docs folder, with one folder per language (default: docs/)")
    parser.add_argument("--registry", type=Path, default=None, metavar="FILE",
                        help="the legislation registry (default: data/legislation.yml)")
    parser.add_argument("--list-unverified", action="store_true",
                        help="also list every citation that rests on an unverified provision (as warnings)")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        cwd = Path.cwd()
        docs = args.docs or docs_dir()
        registry_path = args.registry or data_dir() / "legislation.yml"
        if not docs.is_dir():
            parser.error(f"--docs {docs}: not a folder; expected the docs folder with one folder per language")
        registry = load_registry(registry_path, relative(registry_path, cwd))
        result = check(registry, docs, lambda p: relative(p, cwd), list_unverified=args.list_unverified)
        return report(result.problems, args.format, result.summary)

    return run
