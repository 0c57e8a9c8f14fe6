"""Rules ``typography-french-spacing`` and ``typography-double-space`` in the Markdown source.

French puts a non-breaking space (U+00A0, or the narrow U+202F) before ``; : ? !``
and ``»`` and after ``«``; an ordinary space lets the line break before the
mark, and no space at all is an English habit. The quotation marks and
apostrophes themselves are set by the build for each language (Python-Markdown's
``smarty``, see :mod:`trp_handbook.markdown.typography`), so the source may keep
straight quotes. Two spaces inside a line of prose are a slip in every language.
Identifiers (``ECLI:EU:C:2022:...``) are not prose here either (:mod:`.text`).
"""

from __future__ import annotations

import re

from trp_handbook.markdown import parse
from trp_handbook.translation.quality.findings import Finding
from trp_handbook.translation.quality.text import blank_identifiers

_NBSP = "\u00a0\u202f"
#: A mark that needs a non-breaking space before it, preceded by an ordinary space or by no space.
_BEFORE = re.compile(rf"(?:(?<=[^\s{_NBSP}])|(?<= ))(?P<space> ?)(?P<mark>[;:?!»])")
_AFTER = re.compile(rf"«(?P<space> ?)(?=[^{_NBSP}])")
_DOUBLE = re.compile(r"(?<=\S)  +(?=\S)")


def _french(text: str, line: int) -> list[Finding]:
    found = []
    for m in _BEFORE.finditer(text):
        mark, before = m.group("mark"), text[: m.start()]
        if mark != "»" and (before.endswith(("?", "!", "»", "(", "[")) or not before):
            continue  # "?!", "!»": one space before the first mark is enough
        if mark == "»" and before.endswith(tuple(_NBSP)):
            continue
        what = "an ordinary space" if m.group("space") else "no space"
        found.append(Finding(line, "typography-french-spacing", f"{before[-12:].lstrip()}{m.group(0)}",
                             f'"{mark}" has {what} before it; expected a non-breaking space (U+00A0 or U+202F) '
                             f'between the word and "{mark}"'))
    for m in _AFTER.finditer(text):
        found.append(Finding(line, "typography-french-spacing", text[m.start():m.start() + 12],
                             '"«" is not followed by a non-breaking space; expected U+00A0 or U+202F after "«"'))
    return found


def check(text: str, language: str) -> list[Finding]:
    found = []
    for segment in parse(text).prose:
        blanked = blank_identifiers(segment.text).split("\n")
        for offset, line_text in enumerate(segment.text.split("\n")):
            line = segment.line + offset
            if language == "fr":
                found += _french(blanked[offset], line)
            for m in _DOUBLE.finditer(line_text):
                found.append(Finding(line, "typography-double-space", line_text[max(0, m.start() - 10):m.end() + 10],
                                     "two spaces between words; expected one"))
    return found
