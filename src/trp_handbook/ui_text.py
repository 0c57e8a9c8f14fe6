"""Interface texts in every language, from ``data/ui.yml``.

Notices, download labels, the 404 page and navigation section names are kept
as data so translators edit one file. A generated edition (``sr-Latn``) takes
the texts of its source language, transliterated.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from pydantic import BaseModel, ConfigDict, model_validator

from .datafile import load_model
from .languages import Language, by_code, load_languages
from .paths import data_dir
from .transliteration import to_latin


class UiTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    messages: dict[str, dict[str, str]]

    @model_validator(mode="after")
    def _every_language_present(self) -> "UiTexts":
        required = [lang.code for lang in load_languages() if not lang.is_generated]
        for key, values in self.messages.items():
            missing = [code for code in required if code not in values]
            if missing:
                raise ValueError(f"message {key!r} has no text for: {', '.join(missing)}")
        return self


@lru_cache(maxsize=2)
def load_ui_texts(path: Path | None = None) -> UiTexts:
    return load_model(path or data_dir() / "ui.yml", UiTexts, shown_as="data/ui.yml")


def text(key: str, language: str, **values: str) -> str:
    """The interface text ``key`` in ``language``, with ``{placeholders}`` filled."""
    lang: Language = by_code(language)
    messages = load_ui_texts().messages
    if key not in messages:
        raise KeyError(f"no interface text {key!r} in data/ui.yml")
    source = lang.generated_from or lang.code
    value = messages[key][source]
    if lang.generated_from:
        value = to_latin(value)
    if not values:
        return value
    value = value.format(**values)
    # a date ending in its ordinal dot ("2026.") at the end of a sentence: one full stop
    return value[:-1] if value.endswith("..") and not value.endswith("...") else value


def nav_translations(language: str) -> dict[str, str]:
    """English navigation section titles mapped to ``language`` (keys ``nav_<Title>``)."""
    return {
        key.removeprefix("nav_"): text(key, language)
        for key in load_ui_texts().messages
        if key.startswith("nav_")
    }


def long_date(date: datetime.date | str, language: str) -> str:
    """A date written the way ``language`` writes it (CLDR, via babel): ``28. новембар 2026.``"""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    locale = {"en": "en_GB"}.get(language, language.replace("-", "_"))
    return format_date(date, "long", locale=locale)
