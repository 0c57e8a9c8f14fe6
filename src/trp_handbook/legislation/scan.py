"""The legal citations of a page, ``[text](law:target)``, with the file they are in.

A thin view over the source model (:mod:`trp_handbook.markdown`), which finds
every ``law:`` reference once for the checker, the translation parity check, the
table of legislation, the law changes of a release and the Python-Markdown
extension, so that all of them agree on what a citation is:

* an inline link whose target starts with ``law:`` (``[Art. 6](law:eu-dir-2004-81/art-6)``,
  or ``[](law:...)`` with empty text, wrapped over lines or not), or a reference
  definition ``[x]: law:...``;
* not inside code, an HTML comment or the YAML front matter;
* *historical* when it sits in an admonition of type ``historical``
  (``!!! historical "Before 2018"`` or ``??? historical``), or carries the class
  itself where no block fits, e.g. in a table cell:
  ``[Law No. 108/2013](law:al-law-foreigners-108-2013){ .historical }``.
  There, citing a repealed instrument is expected.

Each citation also gets its occurrence number among the citations of the same
target in the file (1, 2, ...), from which :func:`anchor_id` makes the id the
rendered link carries, so the table of legislation can link back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trp_handbook.markdown import HISTORICAL, anchor_id, parse

__all__ = ["HISTORICAL", "Citation", "anchor_id", "scan_file", "scan_text"]


@dataclass(frozen=True)
class Citation:
    """One ``law:`` link in a Markdown source, with the file it is in."""

    file: str  # as shown to contributors, e.g. docs/en/see/serbia.md
    line: int
    target: str
    text: str  # the link text as written; empty: generated from the registry
    historical: bool
    ordinal: int  # 1 for the first citation of this target in the file, 2 for the next, ...
    page: str = ""  # path inside the language folder, e.g. see/serbia.md
    language: str = ""
    column: int = 0  # where the target (after "law:") starts in the line, 0-based

    @property
    def anchor(self) -> str:
        return anchor_id(self.target, self.ordinal)


def scan_text(
    text: str, file: str = "<text>", page: str = "", language: str = "", front_matter: bool = True,
    scheme: str = "law",
) -> list[Citation]:
    """All citations in a Markdown document, in source order.

    ``front_matter=False`` for text whose front matter has already been removed
    (MkDocs hands Python-Markdown the page without it). ``scheme="fact"`` reads the
    references to country facts (data/jurisdictions.yml) the same way.
    """
    return [
        Citation(file, r.line, r.target, r.text, r.historical, r.ordinal, page, language, r.column)
        for r in parse(text, file, front_matter).references(scheme)
    ]


def scan_file(path: Path, shown_as: str, page: str = "", language: str = "") -> list[Citation]:
    return scan_text(path.read_text(encoding="utf-8"), shown_as, page, language)
