"""Per-language word lists (``data/wordlists/<language>.txt``): names, acronyms, terms of art.

Hunspell's dictionaries do not know "GRETA", "Palermo" or "Kosovo*"; such words
are added to the edition's word list, reviewed like the glossary, instead of
being ignored ad hoc. One word per line, as written; ``#`` starts a comment.
A word written in lower case is also accepted with a capital first letter (at
the start of a sentence); a capitalised or upper-case word only as written.
The generated Latin Serbian edition uses the Serbian list, transliterated.

``data/wordlists/<language>.latin.txt`` (Serbian, Macedonian) lists the Latin
tokens that Cyrillic running text may hold (rule ``script-latin``): names of
instruments, journals and publications in their own language, units and file
formats, Latin-script place names in their official form.
"""

from __future__ import annotations

import functools
from pathlib import Path

from trp_handbook.core.project import data_dir
from trp_handbook.translation.transliteration import to_latin


def path_of(language: str, root: Path | None = None) -> Path:
    return data_dir(root) / "wordlists" / f"{language}.txt"


def _read(path: Path) -> set[str]:
    if not path.exists():
        return set()
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


@functools.lru_cache(maxsize=32)
def words(language: str, root: Path | None = None) -> frozenset[str]:
    """The accepted words of an edition (the Latin Serbian edition: the Serbian list, transliterated)."""
    if language == "sr-Latn":
        return frozenset({to_latin(w) for w in _read(path_of("sr", root))} | _read(path_of("sr-Latn", root)))
    return frozenset(_read(path_of(language, root)))


def accepts(word: str, accepted: frozenset[str]) -> bool:
    """Whether ``word`` is on the list: as written, as a lower-case entry capitalised, with an
    English possessive (``GRETA's``), a French elision (``l'OIM``) or a case ending after a
    hyphen (``GRETA-e``, ``IOM-a``, ``ECLI-ознаката``) around a listed word."""
    for form in _forms(word):
        if form in accepted or (form[:1].isupper() and (form[:1].lower() + form[1:]) in accepted):
            return True
    return False


def _forms(word: str) -> list[str]:
    forms = [word]
    if "-" in word and len(word.rsplit("-", 1)[1]) <= 4:
        forms.append(word.rsplit("-", 1)[0])
    if "-" in word and word.split("-", 1)[0].isupper():
        forms.append(word.split("-", 1)[0])
    for apostrophe in ("'", "’"):
        if word.endswith(apostrophe + "s"):
            forms.append(word[:-2])
        if apostrophe in word and word.index(apostrophe) <= 3:
            forms.append(word.split(apostrophe, 1)[1])
    return [f for f in forms if f]


@functools.lru_cache(maxsize=8)
def latin_tokens(language: str, root: Path | None = None) -> frozenset[str]:
    """The Latin tokens a Cyrillic edition may hold (``data/wordlists/<language>.latin.txt``)."""
    return frozenset(_read(data_dir(root) / "wordlists" / f"{language}.latin.txt"))
