"""Translator commands: ``status``, ``caught-up``, ``check-parity``, ``check-glossary``.

Thin fronts over :mod:`trp_handbook.translation.status`, :mod:`trp_handbook.translation.parity`
and :mod:`trp_handbook.translation.glossary_check`; the build runs the same parity check
(hooks/translations.py), so a clean ``check-parity`` means a clean build.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from trp_handbook.cli.main import EXIT_BROKEN_INPUT, EXIT_OK, EXIT_PROBLEMS, add_format_option, command, report
from trp_handbook.core.errors import relative
from trp_handbook.core.project import docs_dir
from trp_handbook.translation import glossary_check, parity
from trp_handbook.translation import status as translations

_EXIT_CODES = f"""\
exit codes:
  {EXIT_OK}  nothing to fix (warnings may be printed)
  {EXIT_PROBLEMS}  problems found (each printed as file:line: rule: message)
  {EXIT_BROKEN_INPUT}  the command could not run: unknown language, unreadable data or page
"""

STATUS_EPILOG = f"""\
states (one per English page and language):
  current    translates the English page as it is now (its source_blob is the English file's blob)
  outdated   the English page has changed since; the diff of the English page is printed
  untracked  translated, but without a translation: record; check it, then run caught-up
  missing    not translated: readers see the English page with a notice
  orphaned   no English page at that path (renamed or deleted): move or delete the translation
Review state: draft (not yet reviewed) or reviewed (with reviewer_role).
Outdated and missing pages are normal work, not errors; orphaned pages and broken
translation: records are problems (exit 1).

{_EXIT_CODES}"""

PARITY_EPILOG = f"""\
checks (file:line: rule: message), each translated page against its English page:
  parity-heading-ids    the same heading ids, order and levels
  parity-admonitions    the same admonition types (!!! note, ??? warning ...)
  parity-tables         the same number of tables and columns
  parity-images         the same image files
  parity-links          the same links to other pages (x.md, x.md#id)
  parity-missing, parity-extra, parity-changed   the same law: citations
A known, intended difference: put <!-- parity: ignore images --> (rules without
"parity-", comma-separated; nothing after "ignore" means every rule) in the page.

{_EXIT_CODES}"""

GLOSSARY_EPILOG = f"""\
checks (file:line: rule: message), with data/glossary/<language>.yml:
  glossary-avoided   (warning) the page uses a term to avoid
  glossary-missing   (warning) the English page uses a concept, the translation never uses its term
  glossary-unknown-concept   (error) a concept id that data/glossary/en.yml does not have
  glossary-missing-concept   (warning) an English concept without an entry in the language's file
Page findings are warnings because terms are found by stem and some terms to avoid
are right in another sense; --strict makes every warning an error.
Words match by stem (an inflected form matches: трговине, трговином for трговина); the
method is documented in src/trp_handbook/glossary_check.py. Mark a known exception in
the page: <!-- glossary: ignore victim --> (concept ids, or all).

{_EXIT_CODES}"""


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", action="append", metavar="CODE",
                        help="only this language (repeatable; default: every language with a folder)")
    parser.add_argument("--docs", type=Path, default=None, metavar="DIR",
                        help="the docs folder, with one folder per language (default: docs/)")


def _pages_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pages", nargs="*", metavar="FILE",
                        help="only these pages (docs/<lang>/x.md; an English page selects its translations); "
                             "other files are ignored, so a pre-commit hook can pass every changed file")


def _only(docs: Path, files: list[str]):
    """A filter ``(language, page) -> bool`` for the given files, or None for every page.

    ``docs/<lang>/x.md`` selects that page, ``docs/en/x.md`` its translations, and a
    glossary file ``data/glossary/<lang>.yml`` every page of its language.
    """
    if not files:
        return None
    wanted: set[tuple[str | None, str | None]] = set()
    root = docs.resolve()
    for name in files:
        path = Path(name).resolve()
        if path.suffix == ".yml" and path.parent.name == "glossary":
            wanted.add((path.stem, None))
            continue
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            continue
        if len(parts) >= 2 and parts[-1].endswith(".md"):
            language, page = parts[0], "/".join(parts[1:])
            wanted.add((None if language == translations.source_code() else language, page))
    return lambda language, page: bool({(language, page), (None, page), (language, None)} & wanted)


def _docs(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Path:
    docs = args.docs or docs_dir()
    if not docs.is_dir():
        parser.error(f"--docs {docs}: not a folder; expected the docs folder with one folder per language")
    return docs


def _shown(path: Path) -> str:
    return relative(path, Path.cwd())


@command("status", help="which pages of each language are current, outdated, missing or orphaned")
def configure_status(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = STATUS_EPILOG
    _language_option(parser)
    parser.add_argument("--no-diff", action="store_true", help="do not print the English changes of outdated pages")
    parser.add_argument("--all", action="store_true", help="also list current pages and missing ones one by one")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        docs = _docs(parser, args)
        statuses, problems = translations.status(docs, _shown, args.language)
        objects = translations.GitObjects(docs)
        diffs: dict[tuple[str, str], tuple[str | None, str]] = {}
        if not args.no_diff:
            for status in statuses:
                for page in status.pages:
                    if page.state == "outdated":
                        diffs[(page.language, page.path)] = translations.source_diff(docs, page, objects)
        if args.format == "json":
            print(json.dumps(_status_json(statuses, problems, diffs), ensure_ascii=False, indent=2, sort_keys=True))
        else:
            _print_status(statuses, problems, diffs, args.all)
        return EXIT_PROBLEMS if any(p.severity == "error" for p in problems) else EXIT_OK

    return run


def _status_json(statuses, problems, diffs) -> dict[str, Any]:
    languages = []
    for status in statuses:
        pages = []
        for page in status.pages:
            entry = page.as_dict()
            if (page.language, page.path) in diffs:
                diff, why = diffs[(page.language, page.path)]
                entry["diff"] = diff
                if diff is None:
                    entry["diff_unavailable"] = why
            pages.append(entry)
        languages.append({"code": status.language.code, "name": status.language.name,
                          "summary": status.summary(), "pages": pages})
    return {"languages": languages, "problems": [p.as_dict() for p in problems],
            "errors": sum(1 for p in problems if p.severity == "error")}


def _print_status(statuses, problems, diffs, show_all: bool) -> None:
    for status in statuses:
        s = status.summary()
        print(f"{status.language.code} ({status.language.english_name}): {s['progress_percent']}% of "
              f"{s['english_pages']} English pages translated and current; "
              f"{s['current']} current ({s['reviewed']} reviewed), {s['outdated']} outdated, "
              f"{s['untracked']} untracked, {s['missing']} missing, {s['orphaned']} orphaned")
        for page in status.pages:
            if page.state in ("current", "missing") and not show_all:
                continue
            review = f" [{page.review}]" if page.review else ""
            print(f"  {page.state:<9} {page.path}{review}")
            if page.state == "outdated":
                diff, why = diffs.get((page.language, page.path), (None, "diff not asked for (--no-diff)"))
                print(f"            translated from {page.source_blob}, English now {page.current_blob} "
                      f"({page.file}:{page.line})")
                if diff is None:
                    print(f"            {why}")
                else:
                    print("\n".join("            " + line for line in diff.splitlines()))
                print(f"            when caught up: handbook caught-up {page.language} {page.path}")
            if page.state == "untracked":
                print(f"            once checked against the English page: handbook caught-up "
                      f"{page.language} {page.path}")
        missing = [p.path for p in status.pages if p.state == "missing"]
        if missing and not show_all:
            print(f"  missing   {len(missing)} pages: {', '.join(missing)}")
    for problem in problems:
        print(str(problem) if problem.severity == "error" else f"{problem} (warning)")


@command("caught-up", help="record that a translated page now translates the current English page")
def configure_caught_up(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = (
        "Set translation.source_blob of docs/LANG/PATH to the English page's blob id now\n"
        "(git hash-object docs/en/PATH), changing nothing else in the file. A page without\n"
        "a translation: record gets one (review: draft). Run it after updating the translation."
    )
    parser.epilog = _EXIT_CODES
    parser.add_argument("language", metavar="LANG", help="language code, e.g. sr")
    parser.add_argument("path", metavar="PATH", help="page inside docs/LANG/, e.g. assistance.md (or docs/sr/...)")
    parser.add_argument("--docs", type=Path, default=None, metavar="DIR", help="the docs folder (default: docs/)")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        docs = _docs(parser, args)
        page = args.path.replace("\\", "/")
        for prefix in (f"docs/{args.language}/", f"{args.language}/"):
            page = page.removeprefix(prefix)
        result = translations.catch_up(docs, args.language, page)
        payload = {"file": _shown(result.file), "old_blob": result.old_blob, "new_blob": result.new_blob,
                   "added_record": result.added_record}
        if args.format == "json":
            print(json.dumps(payload, indent=2, sort_keys=True))
        elif result.added_record:
            print(f"{payload['file']}: added a translation: record (review: draft, source_blob {result.new_blob})")
        elif result.old_blob == result.new_blob:
            print(f"{payload['file']}: already current (source_blob {result.new_blob})")
        else:
            print(f"{payload['file']}: source_blob {result.old_blob} -> {result.new_blob}")
        return EXIT_OK

    return run


@command("check-parity", help="compare each translation's structure with its English page")
def configure_parity(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = PARITY_EPILOG
    _language_option(parser)
    _pages_option(parser)
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        docs = _docs(parser, args)
        problems = parity.check(docs, _shown, args.language, only=_only(docs, args.pages))
        return report(sorted(problems), args.format, {"differences": len(problems)})

    return run


@command("check-glossary", help="check translated pages against the glossary's preferred and avoided terms")
def configure_glossary(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = GLOSSARY_EPILOG
    _language_option(parser)
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="the data folder holding glossary/<language>.yml (default: data/)")
    parser.add_argument("--strict", action="store_true", help="treat every warning as an error (exit 1)")
    _pages_option(parser)
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        root = args.data.resolve().parent if args.data else None
        docs = _docs(parser, args)
        problems = glossary_check.check(docs, _shown, args.language, root, only=_only(docs, args.pages))
        if args.strict:
            problems = [dataclasses.replace(p, severity="error") for p in problems]
        summary = {"avoided_terms": sum(1 for p in problems if p.rule == "glossary-avoided"),
                   "missing_terms": sum(1 for p in problems if p.rule == "glossary-missing")}
        return report(sorted(problems), args.format, summary)

    return run

