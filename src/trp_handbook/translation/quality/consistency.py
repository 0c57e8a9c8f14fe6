"""Rule ``variant-spelling``: one spelling of a word in an edition.

``data/wordlists/variants.yml`` lists, per language, groups of word beginnings
that spell one word two ways (Albanian ``Evrop``/``Europ``: "Evropë", "Europë");
the first is the edition's spelling. Where an edition uses the first, every use
of another is reported (both may be correct words: Hunspell alone cannot tell).
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from trp_handbook.core.datafile import load_model
from trp_handbook.core.project import data_dir
from trp_handbook.translation.quality.findings import Finding
from trp_handbook.translation.quality.text import Token


class VariantList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    variants: dict[str, list[list[str]]]


@functools.lru_cache(maxsize=4)
def groups(language: str, root: Path | None = None) -> tuple[tuple[str, ...], ...]:
    path = data_dir(root) / "wordlists" / "variants.yml"
    if not path.exists():
        return ()
    model = load_model(path, VariantList, "data/wordlists/variants.yml")
    return tuple(tuple(g) for g in model.variants.get(language, []))


def _starts(word: str, prefix: str) -> bool:
    return word.casefold().startswith(prefix.casefold())


def edition_uses(all_tokens: list[tuple[Token, ...]], language: str, root: Path | None = None) -> set[str]:
    """The preferred beginnings the edition uses somewhere."""
    used = set()
    for group in groups(language, root):
        if any(_starts(t.text, group[0]) for tokens in all_tokens for t in tokens):
            used.add(group[0])
    return used


def check(tokens: tuple[Token, ...], language: str, used: set[str], root: Path | None = None) -> list[Finding]:
    found = []
    for group in groups(language, root):
        if group[0] not in used:
            continue
        for token in tokens:
            for variant in group[1:]:
                if _starts(token.text, variant):
                    expected = group[0] + token.text[len(variant):]
                    found.append(Finding(token.line, "variant-spelling", token.text,
                                         f'"{token.text}" spells "{group[0]}…" another way; expected "{expected}" '
                                         "(data/wordlists/variants.yml)"))
    return found
