"""Rules ``leftover-sentence`` and ``leftover-abbreviation``: English left in a translation.

* A sentence, heading or table cell identical to one of its English page, with
  at least three lower-case words (so a name, a number or a title alone is not
  reported), was not translated.
* An English abbreviation the glossary writes differently in the language (the
  English glossary's ``TRP``, ``NRM``, ``NGO`` where the language's entry has no
  such abbreviation), or one of ``data/wordlists/abbreviations.yml`` (``IOM``
  where French writes ``OIM``), is a leftover of the source; not inside an
  English name listed there ("TRP Watchdog Mechanism"), nor shortly after a
  word that says "in English" (``engl.``, ``anglisht``, ``en anglais``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from trp_handbook.core.datafile import load_model
from trp_handbook.core.project import data_dir
from trp_handbook.translation.glossary import load_glossary
from trp_handbook.translation.glossary_check import forms
from trp_handbook.translation.quality.findings import Finding
from trp_handbook.translation.quality.text import Token, blocks, sentences

_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’-]+\b")
_SPACES = re.compile(r"\s+")
MINIMUM_WORDS = 3


class Abbreviation(BaseModel):
    model_config = ConfigDict(extra="allow")

    meaning: str


class AbbreviationList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    abbreviations: dict[str, Abbreviation]
    english_names: list[str] = []
    english_markers: list[str] = []


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.replace("*", "").replace("_", "")).strip()


def _units(text: str) -> list[tuple[int, str]]:
    """(line, text) of every block and every sentence of a page."""
    units = []
    for block in blocks(text):
        units.append((block.line, _normal(block.text)))
        parts = sentences(block.text)
        if len(parts) > 1:
            units.extend((block.line, _normal(s)) for s in parts)
    return units


def sentence_check(english_text: str, translation_text: str, english_file: str) -> list[Finding]:
    english = {}
    for line, unit in _units(english_text):
        english.setdefault(unit, line)
    found, seen = [], set()
    for line, unit in _units(translation_text):
        if unit in english and len(_LOWER_WORD.findall(unit)) >= MINIMUM_WORDS and (line, unit) not in seen:
            seen.add((line, unit))
            shown = unit if len(unit) <= 90 else unit[:87] + "..."
            found.append(Finding(line, "leftover-sentence", unit,
                                 f'"{shown}" is identical to the English page ({english_file}:{english[unit]}); '
                                 "expected a translation (a title that stays in English: an exception in "
                                 "data/language-exceptions.yml)"))
    return found


@functools.lru_cache(maxsize=4)
def _data(root: Path | None = None) -> AbbreviationList:
    path = data_dir(root) / "wordlists" / "abbreviations.yml"
    if not path.exists():
        return AbbreviationList(abbreviations={})
    return load_model(path, AbbreviationList, "data/wordlists/abbreviations.yml")


@functools.lru_cache(maxsize=16)
def leftover_abbreviations(language: str, root: Path | None = None) -> dict[str, str]:
    """English abbreviation -> what the language writes instead, for this language."""
    english = load_glossary("en", root)
    local = load_glossary(language, root)
    result: dict[str, str] = {}
    for concept in english.concepts:
        target = local.get(concept.id)
        if target is None:
            continue
        local_words = {w for term in [target.term, *target.also] for f in forms(term) for w in f.words}
        for term in [concept.term, *concept.also]:
            for form in forms(term):
                if form.abbreviation and form.words[0] not in local_words:
                    result[form.written] = f'the glossary\'s "{target.term}" (data/glossary/{language}.yml)'
    for abbreviation, entry in _data(root).abbreviations.items():
        written = (entry.model_extra or {}).get(language)
        if written and written != abbreviation:
            result[abbreviation] = f'"{written}" ({entry.meaning}; data/wordlists/abbreviations.yml)'
    return result


def _in_names(tokens: tuple[Token, ...], root: Path | None) -> set[int]:
    """Positions of the tokens that are part of an English name keeping its abbreviation."""
    inside: set[int] = set()
    for name in _data(root).english_names:
        words = name.split()
        for i in range(len(tokens) - len(words) + 1):
            if all(tokens[i + k].text.casefold() == w.casefold() for k, w in enumerate(words)):
                inside.update(range(i, i + len(words)))
    return inside | after_english_marker(tokens, root)


def after_english_marker(tokens: tuple[Token, ...], root: Path | None = None) -> set[int]:
    """Positions of the tokens that quote English on purpose: shortly after "engl.", "anglisht" ..."""
    markers = {m.casefold() for m in _data(root).english_markers}
    inside: set[int] = set()
    for i, token in enumerate(tokens):
        if token.text.casefold() in markers:
            inside.update(j for j in range(i + 1, min(i + 7, len(tokens))) if tokens[j].line == token.line)
    return inside


def abbreviation_check(tokens: tuple[Token, ...], language: str, root: Path | None = None) -> list[Finding]:
    wanted = leftover_abbreviations(language, root)
    cores = [_core(t.text) for t in tokens]
    named = _in_names(tokens, root) if any(c in wanted for c in cores) else set()
    return [
        Finding(t.line, "leftover-abbreviation", t.text,
                f'"{core}" is the English abbreviation; expected {wanted[core]}')
        for i, (t, core) in enumerate(zip(tokens, cores)) if core in wanted and i not in named
    ]


_ELISION = re.compile(r"^[^\W\d_]{1,3}['’]")


def _core(word: str) -> str:
    """The abbreviation in an inflected or elided token: ``IOM`` in ``l'IOM``, ``IOM-a``."""
    return _ELISION.sub("", word).split("-", 1)[0]
