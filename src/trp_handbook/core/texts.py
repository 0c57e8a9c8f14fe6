"""Every text a reader sees, in every language: one store in ``data/texts/``, one lookup.

The words of the interface, the notices, the 404 page, the printed books'
furniture, the generated pages (glossary, table of legislation, translation
status, editions), citation words and country names are data, not code, so that
a translator finds every word of an edition in one folder and the build can
check that none is missing. Every file of ``data/texts/`` has the same form::

    texts:
      law_as_at:                       # the key code asks for, unique in the store
        en: The law is stated as at {date}.
        sr: Право је приказано према стању на дан {date}.
        ...                            # one value per language of data/languages.yml

* a generated edition (``sr-Latn``) has no texts of its own: it takes its
  source's (``sr``), transliterated;
* ``{placeholders}`` are filled by the build; a translation has the English
  text's placeholders, except those the entry lists under ``may_omit`` (a
  translation may write its own language's name in the case its sentence
  needs instead of ``{language_name}``);
* a text missing in a language, a placeholder a translation adds or loses, a key
  defined twice (in one file or in two) stop the build naming ``file:line``
  (:func:`read_store`, ``handbook check-texts``);
* code asking for a key the store lacks gets an error, never English.

Dates and numbers are written with each language's Babel locale (the
``locale`` of ``data/languages.yml``): :func:`long_date`, :func:`decimal`,
:func:`percent`.
"""

from __future__ import annotations

import datetime
import difflib
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from trp_handbook.core.datafile import read_model
from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.languages import Language, by_code, load_languages
from trp_handbook.core.project import data_dir
from trp_handbook.translation.transliteration import to_latin

#: Where the store is, as contributors see it.
SHOWN_DIR = "data/texts"

_PLACEHOLDER_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# --------------------------------------------------------------------------- schema


class TextEntry(BaseModel):
    """One text: its value in every language (the extra keys), and the placeholders a translation may omit."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Annotated[str, StringConstraints(min_length=1)]] = Field(init=False)

    may_omit: tuple[str, ...] = ()


class TextFile(BaseModel):
    """A file of the store: ``texts:`` then one entry per key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    texts: dict[str, TextEntry] = Field(min_length=1)


@dataclass(frozen=True)
class Text:
    """A text of the store with where it is defined (for messages)."""

    key: str
    values: Mapping[str, str]  #: language -> text (the languages with their own texts)
    may_omit: frozenset[str]
    file: str  #: ``data/texts/<name>.yml``
    line: int  #: line of the key
    lines: Mapping[str, int] = field(default_factory=dict)  #: language -> line of its value

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class TextStore:
    """Every text of ``data/texts/``, and what is wrong with them."""

    texts: Mapping[str, Text]
    problems: tuple[Problem, ...] = ()


# --------------------------------------------------------------------------- reading and checking


def placeholders(value: str) -> set[str]:
    """The ``{names}`` of a text; a brace that is not a plain ``{name}`` is an error (ValueError)."""
    names = set()
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError as exc:  # a lone { or }
        raise ValueError(f"a brace that opens or closes nothing ({exc})") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not _PLACEHOLDER_NAME.match(name) or spec or conversion:
            shown = f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            raise ValueError(f"{shown}, which is not a placeholder")
        names.add(name)
    return names


def _key_lines(node: yaml.Node | None) -> dict[str, list[tuple[int, yaml.MappingNode | None]]]:
    """Each key of ``texts:`` with the line of every definition (a YAML file may repeat a key) and its node."""
    found: dict[str, list[tuple[int, yaml.MappingNode | None]]] = {}
    if not isinstance(node, yaml.MappingNode):
        return found
    for key, value in node.value:
        if key.value == "texts" and isinstance(value, yaml.MappingNode):
            for text_key, entry in value.value:
                entry_node = entry if isinstance(entry, yaml.MappingNode) else None
                found.setdefault(str(text_key.value), []).append((text_key.start_mark.line + 1, entry_node))
    return found


def _value_lines(entry: yaml.MappingNode | None) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {}
    for key, _ in entry.value if entry is not None else []:
        lines.setdefault(str(key.value), []).append(key.start_mark.line + 1)
    return lines


def _check_text(text: Text, languages: tuple[Language, ...], source: str) -> list[Problem]:
    """A text's problems: languages missing, unknown or generated; placeholders that differ from English."""
    problems = []

    def problem(language: str | None, rule: str, message: str) -> None:
        line = text.lines.get(language, text.line) if language else text.line
        problems.append(Problem(text.file, line, rule, f"{text.key}: {message}"))

    known = {lang.code: lang for lang in languages}
    for code in text.values:
        lang = known.get(code)
        if lang is None:
            problem(code, "text-language", f"{code!r} is not a language of data/languages.yml; "
                    f"expected one of: {', '.join(known)}")
        elif lang.generated_from:
            problem(code, "text-language", f"{code} is generated from {lang.generated_from} (its texts are "
                    f"{lang.generated_from}'s, transliterated); expected no {code} text of its own")
    for lang in languages:
        if not lang.generated_from and lang.code not in text.values:
            problem(None, "text-missing", f"no {lang.code} ({lang.english_name}) text; expected one value "
                    "per language of data/languages.yml")
    if source not in text.values:
        return problems
    try:
        wanted = placeholders(text.values[source])
    except ValueError as exc:
        problem(source, "text-placeholders", f"the {source} text has {exc}; expected {{name}} (letters, digits, _)")
        return problems
    for name in sorted(text.may_omit - wanted):
        problem(None, "text-placeholders", f"may_omit names {{{name}}}, which the {source} text does not have")
    for code, value in text.values.items():
        if code == source or code not in known:
            continue
        try:
            found = placeholders(value)
        except ValueError as exc:
            problem(code, "text-placeholders", f"the {code} text has {exc}; expected {{name}} (letters, digits, _)")
            continue
        added, lost = found - wanted, wanted - found - text.may_omit
        if added or lost:
            what = "; ".join(
                part for part in (
                    f"adds {', '.join(f'{{{n}}}' for n in sorted(added))}" if added else "",
                    f"lacks {', '.join(f'{{{n}}}' for n in sorted(lost))}" if lost else "",
                ) if part
            )
            problem(code, "text-placeholders", f"the {code} text {what}; expected the placeholders of the "
                    f"{source} text ({', '.join(f'{{{n}}}' for n in sorted(wanted)) or 'none'})")
    return problems


def read_store(folder: Path | None = None, languages: tuple[Language, ...] | None = None) -> TextStore:
    """Read every ``*.yml`` of ``folder`` (default ``data/texts/``) and check it; never raises for content.

    Problems (a file that is not valid YAML or not of the store's form, a key
    defined twice, a text missing in a language, placeholders that differ) are
    collected in :attr:`TextStore.problems`, each with its file and line.
    """
    folder = folder or data_dir() / "texts"
    languages = languages or load_languages()
    source = next(lang.code for lang in languages if lang.default)
    paths = sorted(folder.glob("*.yml"))
    if not paths:
        return TextStore({}, (Problem(SHOWN_DIR, 1, "missing-file", f"no text files; expected {SHOWN_DIR}/*.yml"),))
    texts: dict[str, Text] = {}
    problems: list[Problem] = []
    for path in paths:
        shown = f"{SHOWN_DIR}/{path.name}"
        try:
            model, node = read_model(path, TextFile, shown_as=shown)
        except HandbookError as exc:
            problems.extend(exc.problems or [Problem(shown, 1, "schema", str(exc))])
            continue
        for key, definitions in _key_lines(node).items():
            entry = model.texts[key]
            line, entry_node = definitions[-1]  # YAML keeps the last definition of a repeated key
            lines = _value_lines(entry_node)
            for earlier, _ in definitions[:-1]:
                problems.append(Problem(shown, line, "text-duplicate",
                                        f"{key}: defined again (first at {shown}:{earlier}); expected one definition"))
            for code, at in lines.items():
                for again in at[1:]:
                    problems.append(Problem(shown, again, "text-duplicate",
                                            f"{key}: a second {code} value (first at line {at[0]}); expected one"))
            text = Text(key, dict(entry.__pydantic_extra__ or {}), frozenset(entry.may_omit), shown, line,
                        {code: at[-1] for code, at in lines.items()})
            first = texts.get(key)
            if first is not None:
                problems.append(Problem(shown, line, "text-duplicate",
                                        f"{key}: already defined at {first.where}; expected each key once in "
                                        f"{SHOWN_DIR}/"))
                continue
            texts[key] = text
            problems.extend(_check_text(text, languages, source))
    return TextStore(texts, tuple(sorted(problems)))


@lru_cache(maxsize=4)
def load_store(folder: Path | None = None) -> TextStore:
    """The checked store; any problem stops here (the build fails naming every file:line)."""
    store = read_store(folder)
    if store.problems:
        raise HandbookError(list(store.problems))
    return store


# --------------------------------------------------------------------------- lookup


def _entry(key: str) -> Text:
    texts = load_store().texts
    found = texts.get(key)
    if found is None:
        close = difflib.get_close_matches(key, list(texts), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; expected a key of {SHOWN_DIR}/*.yml"
        raise HandbookError(f"unknown text {key!r}: no entry in {SHOWN_DIR}/{hint}")
    return found


def template(key: str, language: str) -> str:
    """The text ``key`` in ``language`` with its ``{placeholders}`` left in (for callers that fill them
    otherwise, such as CSS counters). A generated edition gets its source's text, transliterated."""
    entry = _entry(key)
    lang = by_code(language)
    value = entry.values[lang.generated_from or lang.code]
    return to_latin(value) if lang.generated_from and lang.script == "Latn" else value


def text(key: str, language: str, **values: object) -> str:
    """The text ``key`` in ``language``, its ``{placeholders}`` filled from ``values``.

    ``values`` must name exactly the placeholders of the English text: a value
    missing or one the text has no place for is a mistake in the code, reported
    with the entry's file and line.
    """
    entry = _entry(key)
    value = template(key, language)
    wanted = placeholders(entry.values[_source()])
    given = set(values)
    if given != wanted:
        missing, unknown = sorted(wanted - given), sorted(given - wanted)
        raise HandbookError(
            f"{entry.where}: text {key!r} "
            + "; ".join(p for p in (f"needs {', '.join(missing)}" if missing else "",
                                    f"has no placeholder {', '.join(unknown)}" if unknown else "") if p)
            + f"; expected values for: {', '.join(sorted(wanted)) or 'none'}"
        )
    if not values:
        return value
    filled = value.format(**values)
    # a date ending in its ordinal dot ("2026.") at the end of a sentence: one full stop
    return filled[:-1] if filled.endswith("..") and not filled.endswith("...") else filled


def _source() -> str:
    """The source language (English), whose text sets each entry's placeholders."""
    return next(lang.code for lang in load_languages() if lang.default)


def keys(prefix: str = "") -> list[str]:
    """The keys of the store that start with ``prefix``, in store order."""
    return [key for key in load_store().texts if key.startswith(prefix)]


def nav_translations(language: str) -> dict[str, str]:
    """English navigation section titles mapped to ``language`` (keys ``nav_<Title>``)."""
    return {key.removeprefix("nav_"): text(key, language) for key in keys("nav_")}


# --------------------------------------------------------------------------- dates and numbers


def babel_locale(language: str) -> str:
    """The Babel locale that writes dates and numbers for ``language`` (``data/languages.yml``)."""
    return by_code(language).locale


def long_date(date: datetime.date | str, language: str) -> str:
    """A date written the way ``language`` writes it (CLDR, via Babel): ``28. новембар 2026.``"""
    from babel.dates import format_date

    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    return format_date(date, "long", locale=babel_locale(language))


def decimal(number: float, language: str, pattern: str | None = None) -> str:
    """A number with ``language``'s decimal sign and grouping (``1,4`` in Serbian)."""
    from babel.numbers import format_decimal

    return format_decimal(number, format=pattern, locale=babel_locale(language))


def percent(fraction: float, language: str) -> str:
    """A fraction as a percentage, as ``language`` writes it (``75 %`` in French)."""
    from babel.numbers import format_percent

    return format_percent(fraction, locale=babel_locale(language))
