"""Every ``fact:`` reference of the handbook's pages resolves, or a problem names its file and line.

The build (hooks/jurisdictions.py) reports these as warnings, which ``--strict``
makes fatal; ``handbook check`` runs the same function. The parity of a
translation's ``fact:`` references is checked with the ``law:`` citations
(:mod:`trp_handbook.translation.parity`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from trp_handbook.core.errors import Problem
from trp_handbook.jurisdictions.model import Facts, UnknownFact, resolve_fact
from trp_handbook.legislation.check import language_folders
from trp_handbook.legislation.scan import Citation, scan_text


def scan_facts(folder: Path, language: str, shown: Callable[[Path], str]) -> list[Citation]:
    """The ``fact:`` references of every page of one language folder."""
    refs: list[Citation] = []
    for path in sorted(folder.rglob("*.md")):
        refs.extend(scan_text(path.read_text(encoding="utf-8"), shown(path), path.relative_to(folder).as_posix(), language, scheme="fact"))
    return refs


def fact_problems(facts: Facts, docs: Path, shown: Callable[[Path], str],
                  languages: Iterable[str] | None = None) -> list[Problem]:
    """An ``unknown-fact`` problem for each reference that data/jurisdictions.yml does not resolve."""
    problems = []
    wanted = None if languages is None else set(languages)
    for code, folder in language_folders(docs).items():
        if wanted is not None and code not in wanted:
            continue
        for ref in scan_facts(folder, code, shown):
            try:
                resolve_fact(facts, ref.target)
            except UnknownFact as exc:
                problems.append(Problem(ref.file, ref.line, exc.rule, exc.message))
    return sorted(problems)


__all__ = ["fact_problems", "scan_facts"]
