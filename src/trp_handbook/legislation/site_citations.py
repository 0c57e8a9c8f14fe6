"""Legal citations in one site build: ``law:`` links written per language, their checks, the legislation files.

The engine builds one language after the other; for each, a fresh
:class:`~trp_handbook.legislation.citations.CitationExtension` writes the
citations in that language (an untranslated page shown in English gets English
citations), the language's citation problems are reported (``--strict`` makes
them fatal; the registry's own problems in the source language's build), and
each edition gets its generated table of legislation. Once per site,
``legislation.json`` is written. The hook ``hooks/legislation.py`` hands the
engine's events to :class:`SiteCitations`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from trp_handbook.core.editions import load_editions
from trp_handbook.core.project import data_dir
from trp_handbook.legislation import table as legislation_table
from trp_handbook.legislation.check import check, language_folders, scan_language, source_language
from trp_handbook.legislation.citations import CitationExtension
from trp_handbook.legislation.registry import load_registry
from trp_handbook.markdown.page_reports import PageReports

#: How a configuration may name the extension for engines without the hook (this instance replaces it).
EXTENSION_NAMES = ("trp_handbook.legislation.citations", "trp_handbook_citations")


class SiteCitations(PageReports):
    """The registry, and the citation extension of the language being built."""

    extension_names = EXTENSION_NAMES

    def __init__(self, config_folder: Path, show: Callable[[Path], str], log: logging.Logger, language: str):
        local = config_folder / "data" / "legislation.yml"
        path = local if local.exists() else data_dir() / "legislation.yml"
        self.registry = load_registry(path, show(path))
        super().__init__(CitationExtension(registry=self.registry, language=language), show, log, language)

    def check_language(self, docs: Path, multilingual: bool) -> None:
        """Report the citation problems of this language's pages (all pages on a one-language site)."""
        is_source = not multilingual or self.language == source_language()
        result = check(self.registry, docs, self.show, languages=[self.language] if multilingual else None,
                       registry_rules=is_source)
        for problem in result.problems:
            self.reported.add((problem.file, problem.rule, problem.message))
            (self.log.warning if problem.severity == "error" else self.log.info)(str(problem))
        if is_source:
            self.log.info(
                "legislation: %(citations)s citations, %(citations_unverified)s on unverified provisions; "
                "%(provisions_verified)s of %(provisions)s provisions verified (%(provisions_verified_share)s)"
                % result.summary
            )

    def table(self, docs: Path, language: str) -> str:
        """The Markdown of ``language``'s table of legislation."""
        pages = legislation_table.edition_pages(docs, language, self.show)
        return legislation_table.table_markdown(self.registry, language, pages)

    def write_json(self, docs: Path, site: Path) -> None:
        """``legislation.json``: the registry, every language's citations, the edition."""
        citations = {code: scan_language(folder, code, self.show) for code, folder in language_folders(docs).items()}
        data = legislation_table.legislation_json(self.registry, citations)
        current = load_editions()[0]
        data["edition"] = {"number": current.number, "date": current.date.isoformat(),
                           "law_as_at": current.law_as_at.isoformat()}
        out = site / "legislation.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
