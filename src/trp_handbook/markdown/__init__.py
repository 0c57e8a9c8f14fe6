"""The handbook's one reader of Markdown source: :func:`parse` a page, ask the model.

See :mod:`trp_handbook.markdown.page`. No other module of the package reads
Markdown syntax itself (tests/markdown/test_markdown_page.py keeps it that way).
"""

from trp_handbook.markdown.elements import (
    HISTORICAL,
    REFERENCE_SCHEMES,
    Abbreviation,
    Admonition,
    AttributeList,
    Block,
    Cell,
    CodeRegion,
    Comment,
    Footnote,
    FrontMatterBlock,
    Heading,
    HtmlTag,
    Link,
    Reference,
    Segment,
    Span,
    Table,
    anchor_id,
)
from trp_handbook.markdown.page import Page, parse, section_of
from trp_handbook.markdown.prose import KINDS, READER_TEXT

__all__ = [
    "HISTORICAL", "KINDS", "READER_TEXT", "REFERENCE_SCHEMES", "Abbreviation", "Admonition", "AttributeList",
    "Block", "Cell", "CodeRegion", "Comment", "Footnote", "FrontMatterBlock", "Heading", "HtmlTag", "Link", "Page",
    "Reference", "Segment", "Span", "Table", "anchor_id", "parse", "section_of",
]
