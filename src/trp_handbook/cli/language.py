"""``handbook check-language``: the translation quality checks (:mod:`trp_handbook.translation.quality`).

A thin front: the rules, their data and their exceptions are described in the
package; CONTRIBUTING.md ("Translation quality checks") explains them to translators.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trp_handbook.cli.main import (
    EXIT_BROKEN_INPUT,
    EXIT_ENVIRONMENT,
    EXIT_OK,
    EXIT_PROBLEMS,
    add_format_option,
    command,
    report,
)
from trp_handbook.cli.translations import _docs, _only, _shown
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import codes
from trp_handbook.translation.quality import check as quality

EPILOG = f"""\
rules (file:line: rule: finding; expected ...), every one an error but term-mixed:
  spelling               a word that Hunspell (en_GB, fr, hr, bs, sr, sr_Latn, sq, mk) and
                         data/wordlists/<language>.txt do not know
  script-latin           Latin letters in Serbian or Macedonian (Cyrillic) running text
  script-cyrillic        Cyrillic letters in a Latin-script edition
  leftover-sentence      a sentence, heading or table cell identical to its English one
  leftover-abbreviation  an English abbreviation (TRP, NGO, IOM ...) the language writes otherwise
  variant-spelling       another spelling of a word the edition spells one way (data/wordlists/variants.yml)
  numbers-missing        a number, date or article of the English section missing in its translation
  term-mixed             (warning) two glossary target terms for one concept in one page
Only prose is read: not code, link targets, law: references, ids or front matter.
The generated Latin Serbian edition (sr-Latn) is checked from docs/sr/, its findings marked [sr-Latn].
A justified exception: an entry in data/language-exceptions.yml (rule, language, text,
optional file, reason). A name or term of art: a line in data/wordlists/<language>.txt.

exit codes:
  {EXIT_OK}  no errors (warnings may be printed)
  {EXIT_PROBLEMS}  findings (each printed as file:line: rule: message)
  {EXIT_BROKEN_INPUT}  the command could not run: unknown language, invalid data file
  {EXIT_ENVIRONMENT}  a dictionary or the hunspell program is missing: `make check` installs them
"""


@command("check-language", help="translation quality: spelling, script, English leftovers, variants, numbers")
def configure(parser: argparse.ArgumentParser):
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EPILOG
    parser.add_argument("--language", action="append", metavar="CODE",
                        help="only this language (repeatable; default: every language, English and sr-Latn included)")
    parser.add_argument("--docs", type=Path, default=None, metavar="DIR",
                        help="the docs folder, with one folder per language (default: docs/)")
    parser.add_argument("pages", nargs="*", metavar="FILE",
                        help="only these pages (docs/<lang>/x.md; an English page selects its translations)")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        docs = _docs(parser, args)
        known = codes()
        unknown = sorted(set(args.language or []) - set(known))
        if unknown:
            raise HandbookError(f"unknown language {', '.join(unknown)}; expected one of: {', '.join(known)}")
        only = _only(docs, args.pages)
        if only is not None:
            source = only
            only = lambda language, page: source(language, page) or (language == "en" and source(None, page))  # noqa: E731
        problems, stats = quality.check(docs, _shown, args.language, only=only)
        return report(sorted(problems), args.format, {"languages": stats} if args.format == "json"
                      else {lang: _line(s) for lang, s in stats.items()})

    return run


def _line(stats: dict[str, object]) -> str:
    counts = stats["findings"] or {}
    listed = ", ".join(f"{rule} {n}" for rule, n in counts.items()) or "no findings"  # type: ignore[union-attr]
    return f"{stats['words']} words, {listed}; spelling {stats['spelling_errors_per_1000_words']} per 1000 words"
