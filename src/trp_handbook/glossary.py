"""The glossary: one entry per concept, kept as data (``data/glossary-en.yml``).

The glossary page of the site (``annexes/glossary.md``) is generated from the
data, with each concept's id as its anchor, so chapters link to
``annexes/glossary.md#reflection_period`` in every language.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .datafile import load_model
from .paths import data_dir


class Concept(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    term: str = Field(min_length=1)
    also: list[str] = []
    avoid: list[str] = []
    definition: str = Field(min_length=1)
    citations: list[str] = []


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    concepts: list[Concept]

    @model_validator(mode="after")
    def _unique_ids(self) -> "Glossary":
        ids = [c.id for c in self.concepts]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"concept ids must be unique; repeated: {', '.join(dupes)}")
        return self


@lru_cache(maxsize=2)
def load_glossary(path: Path | None = None) -> Glossary:
    return load_model(path or data_dir() / "glossary-en.yml", Glossary, shown_as="data/glossary-en.yml")


def glossary_markdown(glossary: Glossary | None = None) -> str:
    """The Markdown of the English glossary page, terms in alphabetical order."""
    glossary = glossary or load_glossary()
    lines = [
        "---",
        "title: Glossary",
        "description: The terms this handbook uses, with their definitions and the provisions behind them.",
        "---",
        "",
        "# Glossary { #glossary }",
        "",
        "The terms this handbook uses, in alphabetical order. Each entry gives the preferred term, the",
        "variants you may meet, terms to avoid because they mislead, and the provisions the definition",
        "rests on. Translators start from this list: every language's terms are linked to these entries.",
        "",
    ]
    for concept in sorted(glossary.concepts, key=lambda c: c.term.lower()):
        lines += [f"## {concept.term} {{ #{concept.id} }}", "", " ".join(concept.definition.split()), ""]
        if concept.also:
            lines += [f"**Also:** {'; '.join(concept.also)}", ""]
        if concept.avoid:
            lines += [f"**Avoid:** {'; '.join(concept.avoid)}", ""]
        if concept.citations:
            refs = ", ".join(f"[](law:{target})" for target in concept.citations)
            lines += [f"**Provisions:** {refs}", ""]
    return "\n".join(lines)
