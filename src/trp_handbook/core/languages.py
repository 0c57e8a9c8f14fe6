"""The handbook's languages, read from ``data/languages.yml``.

This is the one place the language list is kept. The MkDocs adapter builds the
i18n plugin's language list from it, the checks use it to accept or refuse a
``docs/<folder>``, and the PDF step takes hyphenation dictionaries from it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from trp_handbook.core.datafile import load_model
from trp_handbook.core.project import data_dir


class Spelling(BaseModel):
    """The Hunspell dictionary that spell-checks an edition (``handbook check-language``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dictionary: str = Field(min_length=1, description="file name without .aff/.dic")
    package: str = Field(min_length=1, description="what installs it, named when it is missing")


class Language(BaseModel):
    """One edition of the handbook."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z]{2}(-[A-Z][a-z]{3})?$", description="BCP 47 tag, also the docs/ folder")
    name: str = Field(min_length=1, description="the language's name in itself")
    english_name: str
    script: Literal["Latn", "Cyrl"]
    theme: str = Field(description="Material UI language")
    locale: str = Field(description="Babel locale that writes this language's dates and numbers")
    alphabet: str | None = Field(
        default=None, min_length=1,
        description="letters in dictionary order, for the glossary; none: accents ignored, code point order",
    )
    hyphenation: str | None = None
    search_language: str | None = None
    generated_from: str | None = None
    spelling: Spelling | None = None
    default: bool = False

    @field_validator("locale")
    @classmethod
    def _a_babel_locale(cls, value: str) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(value)
        except (ValueError, UnknownLocaleError):
            raise ValueError(f"{value!r} is not a locale Babel knows; expected one such as en_GB, sr, sr_Latn") from None
        return value

    @property
    def is_generated(self) -> bool:
        """True for an edition made by transliteration, never edited by hand."""
        return self.generated_from is not None


class LanguageList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    languages: list[Language] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_default_unique_codes(self) -> "LanguageList":
        codes = [lang.code for lang in self.languages]
        if len(set(codes)) != len(codes):
            raise ValueError(f"language codes must be unique, found {codes}")
        if sum(lang.default for lang in self.languages) != 1:
            raise ValueError("exactly one language must have default: true")
        for lang in self.languages:
            if lang.generated_from and lang.generated_from not in codes:
                raise ValueError(f"{lang.code}: generated_from {lang.generated_from!r} is not a language")
        return self


@lru_cache(maxsize=4)
def load_languages(path: Path | None = None) -> tuple[Language, ...]:
    """All languages, default first, in the order of the data file."""
    path = path or data_dir() / "languages.yml"
    langs = load_model(path, LanguageList, shown_as="data/languages.yml").languages
    return tuple(sorted(langs, key=lambda lang: not lang.default))


def default_language(langs: tuple[Language, ...] | None = None) -> Language:
    return next(lang for lang in (langs or load_languages()) if lang.default)


def by_code(code: str, langs: tuple[Language, ...] | None = None) -> Language:
    """The language with ``code``; an unknown code is a clear error."""
    langs = langs or load_languages()
    for lang in langs:
        if lang.code == code:
            return lang
    known = ", ".join(lang.code for lang in langs)
    raise KeyError(f"unknown language {code!r}; expected one of: {known}")


def codes(langs: tuple[Language, ...] | None = None) -> list[str]:
    return [lang.code for lang in (langs or load_languages())]
