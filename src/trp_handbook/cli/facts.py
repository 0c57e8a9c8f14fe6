"""``handbook check-facts``: data/jurisdictions.yml and every ``fact:`` reference of docs/.

A thin front over :mod:`trp_handbook.jurisdictions`; the MkDocs build runs the same
checks (hooks/jurisdictions.py), so a clean run here means a clean build. The
summary counts the facts of each jurisdiction, verified and not.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trp_handbook.cli.main import EXIT_BROKEN_INPUT, EXIT_OK, EXIT_PROBLEMS, add_format_option, command, report
from trp_handbook.core.errors import relative
from trp_handbook.core.project import data_dir, docs_dir
from trp_handbook.jurisdictions.check import fact_problems
from trp_handbook.jurisdictions.model import load_facts
from trp_handbook.legislation.registry import load_registry

EPILOG = f"""\
checks (file:line: rule: message):
  schema, unknown-fact, unknown-state, unknown-provision ...   mistakes in data/jurisdictions.yml
  unknown-fact           a fact: reference in docs/ that the data does not know
The summary counts each jurisdiction's facts: verified/total.

exit codes:
  {EXIT_OK}  no errors
  {EXIT_PROBLEMS}  a fact: reference does not resolve
  {EXIT_BROKEN_INPUT}  data/jurisdictions.yml or the registry cannot be read or does not match its schema
"""


@command("check-facts", help="check data/jurisdictions.yml and the fact: references in docs/")
def configure(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--docs", type=Path, default=None, metavar="DIR",
                        help="the docs folder, with one folder per language (default: docs/)")
    parser.add_argument("--facts", type=Path, default=None, metavar="FILE",
                        help="the country facts (default: data/jurisdictions.yml)")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        cwd = Path.cwd()
        docs = args.docs or docs_dir()
        if not docs.is_dir():
            parser.error(f"--docs {docs}: not a folder; expected the docs folder with one folder per language")
        registry_path = data_dir() / "legislation.yml"
        facts_path = args.facts or data_dir() / "jurisdictions.yml"
        registry = load_registry(registry_path, relative(registry_path, cwd))
        facts = load_facts(facts_path, registry, relative(facts_path, cwd))
        summary = {}
        for jur in facts.jurisdictions:
            values = [v for _, v in facts.facts_of(jur.id)]
            summary[f"facts_{jur.id}"] = f"{sum(v.verified for v in values)}/{len(values)} verified"
        return report(fact_problems(facts, docs, lambda p: relative(p, cwd)), args.format, summary)

    return run
