"""One language build's Markdown extension and the problems it reports, page by page.

The ``law:`` citations and the ``fact:`` references work alike in a site build:
a fresh extension per language, set up for each page (its language, its path,
the front matter's lines to count back), and the problems only the renderer
sees reported once, by the build of the page's own language (an untranslated
page shown in English belongs to the English build, the generated Serbian
Latin edition to its source's). :class:`PageReports` is that shared part;
:class:`~trp_handbook.legislation.site_citations.SiteCitations` and
:class:`~trp_handbook.jurisdictions.site_facts.SiteFacts` add what is theirs.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import by_code


def is_generated_edition(language: str) -> bool:
    """Whether ``language``'s pages are generated from another's (their problems are the source's)."""
    try:
        return by_code(language).generated_from is not None
    except (KeyError, HandbookError):
        return False


class PageReports:
    """The extension of the language being built, and the problems already reported in this build."""

    #: How a configuration may name the extension for engines without the hook (this instance replaces it).
    extension_names: tuple[str, ...] = ()

    def __init__(self, extension: Any, show: Callable[[Path], str], log: logging.Logger, language: str):
        self.extension = extension
        self.show = show
        self.log = log
        self.language = language
        self.reported: set[tuple[str, str, str]] = set()
        self.generated_edition = is_generated_edition(language)
        self.reported_elsewhere = False
        self.line_offset = 0

    def extensions(self, configured: list) -> list:
        """The Markdown extensions with this language's extension instead of any earlier one."""
        kind = type(self.extension)
        return [e for e in configured if not isinstance(e, kind) and e not in self.extension_names] + [self.extension]

    def start_page(self, page_language: str, shown: str, source: str, markdown: str) -> None:
        """Set the extension up for a page written in ``page_language`` (its front matter already cut off)."""
        self.reported_elsewhere = page_language != self.language or self.generated_edition
        self.extension.setConfig("page", shown)
        self.extension.setConfig("language", page_language)
        # count the front matter's lines back into the extension's line numbers
        self.line_offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0

    def finish_page(self) -> None:
        """Report the problems only the renderer saw (e.g. on a generated page), each once."""
        problems = self.extension.take_problems()
        if self.reported_elsewhere:
            return
        for problem in problems:
            key = (problem.file, problem.rule, problem.message)
            if key not in self.reported:
                self.reported.add(key)
                self.log.warning(str(dataclasses.replace(problem, line=problem.line + self.line_offset)))
