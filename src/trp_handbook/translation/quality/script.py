"""Rules ``script-latin`` and ``script-cyrillic``: one script per edition.

Serbian and Macedonian are written in Cyrillic: a Latin word in their running
text ("GRETA", "CETS", "NGO") is an untranslated leftover, unless it is on the
edition's list of allowed tokens (``data/wordlists/<language>.latin.txt``:
Latin names of instruments and publications, formats, units). URLs, code, link targets and identifiers with digits (case numbers,
ECLI, CELEX) are not words (:mod:`.text`). In a Latin-script edition any
Cyrillic letter is a slip of the keyboard layout.
"""

from __future__ import annotations

from trp_handbook.translation.quality.findings import Finding
from trp_handbook.translation.quality.text import Token, is_cyrillic, is_latin


def check(tokens: tuple[Token, ...], script: str, allowed: frozenset[str] = frozenset()) -> list[Finding]:
    found = []
    for token in tokens:
        if script == "Cyrl" and is_latin(token.text) and token.text not in allowed:
            found.append(Finding(token.line, "script-latin", token.text,
                                 f'"{token.text}" is written in Latin letters in Cyrillic text; expected its '
                                 "Cyrillic form (the glossary's term); a name that stays in Latin letters: "
                                 "a line in data/wordlists/<language>.latin.txt"))
        elif script == "Latn" and is_cyrillic(token.text):
            found.append(Finding(token.line, "script-cyrillic", token.text,
                                 f'"{token.text}" has Cyrillic letters in a Latin-script edition; expected '
                                 "Latin letters (check the keyboard layout)"))
    return found
