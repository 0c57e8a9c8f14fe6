"""Rule ``numbers-missing``: a number of the English section is in its translation.

Sections are matched by heading id (parity keeps them the same). Every number
of an English section's prose (an article, paragraph, year, day, amount) must
appear in the translated section. Numbers are compared as digit strings, so
dates written the local way pass (``1 July 2013`` / ``1. jula 2013.``), and a
thousands separator of any kind (``10,000``, ``10 000``, ``10.000``) is
ignored. A translation may hold more numbers (a spelled-out "two" becomes "2").
"""

from __future__ import annotations

import re
from collections import defaultdict

from trp_handbook.markdown import parse
from trp_handbook.translation.quality.findings import Finding

_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d]|[.,]\d)")
_NUMBER = re.compile(r"\d+")


def numbers(text: str) -> list[str]:
    joined = _GROUPED.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)
    return [n.lstrip("0") or "0" for n in _NUMBER.findall(joined)]


def _by_section(text: str) -> tuple[dict[str | None, dict[str, int]], dict[str | None, int]]:
    """Section id -> {number: first line}; and the line of each section's heading."""
    page = parse(text)
    found: dict[str | None, dict[str, int]] = defaultdict(dict)
    for segment in page.prose:
        section = page.section_at(segment.line)
        for n in numbers(segment.text):
            found[section.id if section else None].setdefault(n, segment.line)
    heads = {h.id: h.line for h in page.headings}
    return found, heads


def check(english_text: str, translation_text: str, english_file: str) -> list[Finding]:
    english, _ = _by_section(english_text)
    translated, heads = _by_section(translation_text)
    found = []
    for section, wanted in english.items():
        if section is not None and section not in heads:
            continue  # a heading the translation lacks: reported by check-parity
        have = translated.get(section, {})
        line = heads.get(section, 1) if section else 1
        for number, en_line in sorted(wanted.items(), key=lambda item: item[1]):
            if number not in have:
                found.append(Finding(line, "numbers-missing", number,
                                     f'"{number}" of the English section ({english_file}:{en_line}) is not in this '
                                     f"section{f' (#{section})' if section else ''}; expected the same number, "
                                     "date or reference"))
    return found
