"""Country facts in one site build: ``fact:`` references written per language, their checks, ``jurisdictions.json``.

The twin of :mod:`trp_handbook.legislation.site_citations`: for each language
the engine builds, a fresh :class:`~trp_handbook.jurisdictions.extension.FactExtension`
writes the facts in that language; the language's ``fact:`` problems are
reported (``--strict`` makes them fatal), each once, with the page's line; once
per site, ``jurisdictions.json`` is written beside ``legislation.json``. The
hook ``hooks/jurisdictions.py`` hands the engine's events to :class:`SiteFacts`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from trp_handbook.core.editions import load_editions
from trp_handbook.core.project import data_dir
from trp_handbook.jurisdictions.check import fact_problems
from trp_handbook.jurisdictions.export import jurisdictions_json
from trp_handbook.jurisdictions.extension import FactExtension
from trp_handbook.jurisdictions.model import load_facts
from trp_handbook.legislation.registry import load_registry
from trp_handbook.markdown.page_reports import PageReports

#: How a configuration may name the extension for engines without the hook (this instance replaces it).
EXTENSION_NAMES = ("trp_handbook.jurisdictions.extension",)


class SiteFacts(PageReports):
    """The facts, and the fact extension of the language being built."""

    extension_names = EXTENSION_NAMES

    def __init__(self, config_folder: Path, show: Callable[[Path], str], log: logging.Logger, language: str):
        local = config_folder / "data" / "jurisdictions.yml"
        facts_path = local if local.exists() else data_dir() / "jurisdictions.yml"
        # the facts cite the registry beside them (a fixture with its own registry but no facts of its
        # own uses the project's facts with the project's registry)
        registry_path = facts_path.parent / "legislation.yml"
        if not registry_path.exists():
            registry_path = data_dir() / "legislation.yml"
        self.facts = load_facts(facts_path, load_registry(registry_path, show(registry_path)), show(facts_path))
        super().__init__(FactExtension(facts=self.facts, language=language), show, log, language)

    def check_language(self, docs: Path, multilingual: bool) -> None:
        """Report the ``fact:`` problems of this language's pages (all pages on a one-language site)."""
        for problem in fact_problems(self.facts, docs, self.show, [self.language] if multilingual else None):
            self.reported.add((problem.file, problem.rule, problem.message))
            self.log.warning(str(problem))

    def write_json(self, site: Path) -> None:
        """``jurisdictions.json``: every fact with its verification and source, and the edition."""
        data = jurisdictions_json(self.facts)
        current = load_editions()[0]
        data["edition"] = {"number": current.number, "date": current.date.isoformat(),
                           "law_as_at": current.law_as_at.isoformat()}
        out = site / "jurisdictions.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
