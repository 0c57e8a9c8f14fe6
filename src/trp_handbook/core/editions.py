"""The dated editions of the printed handbook, from ``data/editions.yml``.

An office that prints the handbook must be able to say which text it holds:
every PDF states on its cover its edition number, the day it was published and
the day at which it states the law. Those facts are kept in one data file and
validated here; the PDF step reads them through :func:`current_edition`.

The file lists editions newest first::

    editions:
      - number: 1
        date: 2026-11-28        # published
        law_as_at: 2026-11-28   # the law is stated as at this day
        languages: [en, sr, ...]  # codes of data/languages.yml
"""

from __future__ import annotations

import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from trp_handbook.core.datafile import load_model
from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.languages import codes
from trp_handbook.core.project import data_dir

SHOWN_AS = "data/editions.yml"


class Edition(BaseModel):
    """One dated edition: what was printed, when, and as at which day it states the law."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=1, description="1, 2, ...")
    date: datetime.date = Field(description="day of publication")
    law_as_at: datetime.date = Field(description="the law is stated as at this day")
    languages: tuple[str, ...] = Field(min_length=1, description="codes of data/languages.yml")

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = codes()
        unknown = [code for code in value if code not in known]
        if unknown:
            raise ValueError(f"unknown language {', '.join(unknown)}; expected codes of data/languages.yml: {', '.join(known)}")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @model_validator(mode="after")
    def _law_not_after_publication(self) -> "Edition":
        if self.law_as_at > self.date:
            raise ValueError(f"law_as_at {self.law_as_at} is after the edition's date {self.date}")
        return self


class EditionList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    editions: list[Edition] = Field(min_length=1)

    @model_validator(mode="after")
    def _newest_first(self) -> "EditionList":
        for newer, older in zip(self.editions, self.editions[1:]):
            if newer.number != older.number + 1 or newer.date < older.date:
                raise ValueError(
                    f"editions must be listed newest first, numbered one apart: edition {newer.number} "
                    f"({newer.date}) is followed by edition {older.number} ({older.date})"
                )
        return self


def load_editions(path: Path | None = None) -> tuple[Edition, ...]:
    """All editions, newest first."""
    return tuple(load_model(path or data_dir() / "editions.yml", EditionList, shown_as=SHOWN_AS).editions)


def current_edition(language: str, editions: tuple[Edition, ...] | None = None) -> Edition:
    """The newest edition printed in ``language``; none is an error naming the file."""
    editions = editions if editions is not None else load_editions()
    for edition in editions:
        if language in edition.languages:
            return edition
    raise HandbookError(
        Problem(SHOWN_AS, 1, "edition-missing", f"no edition lists language {language!r}; add it to an edition's languages")
    )
