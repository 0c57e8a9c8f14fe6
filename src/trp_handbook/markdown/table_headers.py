"""Tables with headers in both directions: an empty top-left cell (a Python-Markdown extension).

A Markdown table whose first header cell is empty (``| | Convention | Directive |``)
compares things row by row: its first column names each row, its first row each
column. Markdown writes the empty corner as a header cell (``<th></th>``), which
announces nothing to a screen reader (axe: ``empty-table-header``, WCAG 1.3.1),
and the row names as data cells. So in such a table the corner becomes a data
cell and each body row's first cell a row header (``<th scope="row">``), and
the header row's cells say they head columns (``scope="col"``), as in the W3C
tutorial's tables with two headers. Other tables are left as they are.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown.treeprocessors import Treeprocessor

from markdown import Extension, Markdown


def _is_empty(cell: etree.Element) -> bool:
    return not "".join(cell.itertext()).strip() and len(cell) == 0


def _first_cells(rows: etree.Element | None) -> list[etree.Element]:
    if rows is None:
        return []
    return [row[0] for row in rows.findall("tr") if len(row)]


def headers_in_both_directions(table: etree.Element) -> bool:
    """Give ``table`` row and column headers when its corner cell is empty; True when changed."""
    head = table.find("thead")
    header_row = head.find("tr") if head is not None else None
    if header_row is None or not len(header_row) or header_row[0].tag != "th" or not _is_empty(header_row[0]):
        return False
    corner = header_row[0]
    corner.tag = "td"
    for cell in header_row[1:]:
        if cell.tag == "th":
            cell.set("scope", "col")
    for cell in _first_cells(table.find("tbody")):
        cell.tag = "th"
        cell.set("scope", "row")
    return True


class _TableHeaders(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            headers_in_both_directions(table)


class TableHeadersExtension(Extension):
    """Register the table processor after the tables are built (low priority: it only edits them)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_TableHeaders(md), "trp_handbook_table_headers", 5)


def makeExtension(**kwargs: Any) -> TableHeadersExtension:  # noqa: N802 - Python-Markdown's name
    return TableHeadersExtension(**kwargs)
