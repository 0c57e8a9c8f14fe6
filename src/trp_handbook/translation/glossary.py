"""The glossary: one entry per concept and language, kept as data (``data/glossary/<code>.yml``).

English (``data/glossary/en.yml``) is the source: it holds the definitions and
the provisions behind them. Every other language's file has an entry for each
English concept id with its preferred term, the terms to avoid and where the
term comes from (``source``, ``verified``), seeded from the project's
terminology reference. A translated definition is optional: where there is
none, the glossary page shows the English one, marked ``lang="en"``.

The glossary page of each edition (``annexes/glossary.md``) is generated from
the data, with each concept id as its anchor, so that chapters link to
``annexes/glossary.md#reflection_period`` in every language and each
translated entry links to the English one. :mod:`trp_handbook.translation.glossary_check`
uses the same data to check the terms of translated pages.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, model_validator

from trp_handbook.core import generated
from trp_handbook.core.datafile import load_model, read_yaml
from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.languages import by_code
from trp_handbook.core.project import data_dir
from trp_handbook.core.texts import text

PAGE = generated.GLOSSARY
SOURCE_LANGUAGE = "en"


class Avoid(BaseModel):
    """A term that misleads, and why (``note``, in English, for translators)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, data: Any) -> Any:
        # ``avoid: [people smuggling]`` is shorthand for ``- term: people smuggling``
        return {"term": data} if isinstance(data, str) else data


class Concept(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    term: str = Field(min_length=1)
    also: list[str] = []
    avoid: list[Avoid] = []
    definition: str | None = None
    citations: list[str] = []
    # Where a translated term comes from (kept from the terminology reference).
    source: str | None = None
    source_ids: list[str] = []
    verified: bool | None = None
    basis: Literal["official-text", "official-summary", "government", "secondary", "partial", "knowledge"] | None = None
    note: str | None = None

    @property
    def is_unverified(self) -> bool:
        """A translated term not seen in its source (English entries are the source)."""
        return self.verified is False


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    language: str = Field(pattern=r"^[a-z]{2}(-[A-Z][a-z]{3})?$")
    concepts: list[Concept]

    @model_validator(mode="after")
    def _unique_ids(self) -> "Glossary":
        ids = [c.id for c in self.concepts]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"concept ids must be unique; repeated: {', '.join(dupes)}")
        if self.language == SOURCE_LANGUAGE:
            undefined = [c.id for c in self.concepts if not c.definition]
            if undefined:
                raise ValueError(f"every English concept needs a definition; missing: {', '.join(undefined)}")
        return self

    def get(self, concept_id: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == concept_id), None)


def glossary_path(language: str, root: Path | None = None) -> Path:
    return data_dir(root) / "glossary" / f"{language}.yml"


def shown_path(language: str) -> str:
    return f"data/glossary/{language}.yml"


@lru_cache(maxsize=32)
def load_glossary(language: str = SOURCE_LANGUAGE, root: Path | None = None) -> Glossary:
    """One language's glossary; an unreadable or invalid file is a :class:`HandbookError` (file:line)."""
    path = glossary_path(language, root)
    glossary = load_model(path, Glossary, shown_as=shown_path(language))
    if glossary.language != language:
        raise HandbookError(
            Problem(shown_path(language), _line(path, ("language",)), "schema",
                    f"language: {glossary.language!r} in the file of {language!r}; expected {language}")
        )
    return glossary


def available_languages(root: Path | None = None) -> list[str]:
    """Codes of the languages that have a glossary file, English first."""
    folder = data_dir(root) / "glossary"
    codes = sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []
    return sorted(codes, key=lambda code: code != SOURCE_LANGUAGE)


def _line(path: Path, key_path: tuple[Any, ...]) -> int:
    from trp_handbook.core.datafile import _line_of  # the same line finder as every data-file error

    _, node = read_yaml(path, path.name)
    return _line_of(node, key_path)


def consistency_problems(language: str, root: Path | None = None) -> list[Problem]:
    """A translated glossary against the English one: unknown ids (error), missing ids (warning)."""
    english = load_glossary(SOURCE_LANGUAGE, root)
    glossary = load_glossary(language, root)
    path = glossary_path(language, root)
    known = {c.id for c in english.concepts}
    problems = []
    for index, concept in enumerate(glossary.concepts):
        if concept.id not in known:
            problems.append(
                Problem(shown_path(language), _line(path, ("concepts", index, "id")), "glossary-unknown-concept",
                        f"concept id {concept.id!r} is not in {shown_path(SOURCE_LANGUAGE)}; "
                        "expected one of its ids (add the concept in English first)")
            )
    have = {c.id for c in glossary.concepts}
    for concept in english.concepts:
        if concept.id not in have:
            problems.append(
                Problem(shown_path(language), _line(path, ("concepts",)), "glossary-missing-concept",
                        f"no entry for {concept.id!r} ({concept.term}); expected one entry per English concept",
                        "warning")
            )
    return problems


# ---------------------------------------------------------------------------
# Alphabetical order
# ---------------------------------------------------------------------------


def sort_key(term: str, language: str) -> tuple[int, ...]:
    """A sort key that follows the language's alphabet (Serbian Cyrillic ђ after д, č after c ...).

    The alphabet is the language's ``alphabet`` in ``data/languages.yml`` (letters
    not listed sort by their code point after them); languages without one
    (English, French) sort without accents, as their dictionaries do.
    """
    folded = term.casefold()
    alphabet = by_code(language.split("-")[0]).alphabet
    if alphabet is None:
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
        return tuple(ord(ch) for ch in folded)
    return tuple(alphabet.index(ch) if ch in alphabet else 1000 + ord(ch) for ch in folded)


# ---------------------------------------------------------------------------
# The glossary page
# ---------------------------------------------------------------------------


def english_entry_url(language: str, concept_id: str) -> str:
    """The English entry's URL as seen from this edition's glossary page (``/<lang>/annexes/glossary/``)."""
    return f"../../../{PAGE[:-3]}/#{concept_id}"


def _source_links(source: str | None) -> str:
    links = []
    for url in re.split(r";\s*", source or ""):
        url = url.strip()
        if url.startswith(("http://", "https://")):
            host = urlparse(url).hostname or url
            links.append(f"[{host.removeprefix('www.')}]({url})")
    return ", ".join(links)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def glossary_markdown(language: str = SOURCE_LANGUAGE, root: Path | None = None) -> str:
    """The Markdown of one edition's glossary page, terms in the language's alphabetical order.

    ``language`` is a language with its own glossary file; the generated Serbian
    Latin edition transliterates the Serbian page (see hooks/glossary.py).
    """
    english = load_glossary(SOURCE_LANGUAGE, root)
    glossary = english if language == SOURCE_LANGUAGE else load_glossary(language, root)
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    lines = [
        "---",
        f"title: {t('glossary_title')}",
        f"description: {t('glossary_description')}",
        "---",
        "",
        f"# {t('glossary_title')} {{ #glossary }}",
        "",
        t("glossary_intro"),
        "",
    ]
    translated = language != SOURCE_LANGUAGE
    if translated and any(not c.definition for c in glossary.concepts):
        lines += [t("glossary_english_definitions"), ""]
    for concept in sorted(glossary.concepts, key=lambda c: sort_key(c.term, language)):
        source = english.get(concept.id)
        if source is None:  # reported by the glossary check; not shown to readers
            continue
        lines += [f"## {concept.term} {{ #{concept.id} }}", ""]
        if translated:
            lines += [f"{t('glossary_english')}: [{source.term}]({english_entry_url(language, concept.id)})"
                      '{ hreflang="en" lang="en" }', ""]
            if concept.is_unverified:
                lines += [f"*{t('glossary_unverified')}*", ""]
        if concept.definition:
            lines += [_one_line(concept.definition), ""]
        else:
            lines += ['<div lang="en" markdown="1">', "", _one_line(source.definition or ""), "", "</div>", ""]
        if concept.also:
            lines += [f"**{t('glossary_also')}:** {'; '.join(concept.also)}", ""]
        if concept.avoid:
            lines += [f"**{t('glossary_avoid')}:** {'; '.join(_avoided(a, translated) for a in concept.avoid)}", ""]
        if source.citations:
            refs = ", ".join(f"[](law:{target})" for target in source.citations)
            lines += [f"**{t('glossary_provisions')}:** {refs}", ""]
        if translated and _source_links(concept.source):
            lines += [f"**{t('glossary_source')}:** {_source_links(concept.source)}", ""]
    return "\n".join(lines)


def _avoided(avoid: Avoid, translated: bool) -> str:
    if not avoid.note:
        return avoid.term
    # Notes are written in English for translators: mark them so for screen readers.
    note = f'<span lang="en">({avoid.note})</span>' if translated else f"({avoid.note})"
    return f"{avoid.term} {note}"


def edition_glossary(language: str) -> str:
    """The glossary page of an edition: its own, or its source edition's transliterated (sr-Latn from sr)."""
    from trp_handbook.core.languages import by_code
    from trp_handbook.translation.transliteration import markdown_to_latin

    lang = by_code(language)
    if lang.generated_from:
        return markdown_to_latin(glossary_markdown(lang.generated_from))
    return glossary_markdown(language)
