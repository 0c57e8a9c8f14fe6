"""Justified exceptions to the quality rules, recorded in ``data/language-exceptions.yml``.

An exception names the rule, the language, what was found exactly as the
finding quotes it (a word, an abbreviation, a sentence, a number) and why it is
right; with ``file`` it holds for that page only, without it for the whole
edition. The file is validated like every data file (file:line errors), and an
exception that no longer matches anything is reported, so the list stays true.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from trp_handbook.core.datafile import read_model
from trp_handbook.core.errors import Problem
from trp_handbook.core.project import data_dir

SHOWN = "data/language-exceptions.yml"


class LanguageException(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str = Field(pattern=r"^[a-z-]+$")
    language: str = Field(pattern=r"^[a-z]{2}(-[A-Z][a-z]{3})?$")
    text: str = Field(min_length=1)
    file: str | None = Field(default=None, pattern=r"^docs/[^/]+/.+\.md$")
    reason: str = Field(min_length=10)


class ExceptionList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    exceptions: list[LanguageException] = []


class Exceptions:
    """The recorded exceptions, with the line of each for the ``unused`` report."""

    def __init__(self, entries: list[tuple[LanguageException, int]]):
        self.entries = entries
        self.used: set[int] = set()

    def allows(self, rule: str, language: str, text: str, file: str) -> bool:
        for i, (entry, _) in enumerate(self.entries):
            if (entry.rule == rule and entry.language == language and entry.text == text
                    and (entry.file is None or entry.file == file)):
                self.used.add(i)
                return True
        return False

    def tokens(self, rule: str, language: str) -> set[str]:
        """The edition-wide exceptions of a rule (an allowed-token list)."""
        return {e.text for e, _ in self.entries if e.rule == rule and e.language == language and e.file is None}

    def unused(self, languages: set[str], rules: set[str]) -> list[Problem]:
        return [
            Problem(SHOWN, line, "language-exception-unused",
                    f'{entry.rule} exception for {entry.language} "{entry.text}" matches nothing; '
                    f"expected it removed (or its text as the finding quotes it)", "warning")
            for i, (entry, line) in enumerate(self.entries)
            if i not in self.used and entry.language in languages and entry.rule in rules
        ]


def load(root: Path | None = None) -> Exceptions:
    path = data_dir(root) / "language-exceptions.yml"
    if not path.exists():
        return Exceptions([])
    model, node = read_model(path, ExceptionList, SHOWN)
    lines = _item_lines(node)
    return Exceptions([(e, lines[i] if i < len(lines) else 1) for i, e in enumerate(model.exceptions)])


def _item_lines(node) -> list[int]:
    """The line of each item of ``exceptions:`` (1-based), from the YAML node tree."""
    if node is None:
        return []
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "exceptions":
            return [item.start_mark.line + 1 for item in value.value]
    return []
