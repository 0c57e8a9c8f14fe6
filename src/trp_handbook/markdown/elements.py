"""What the source model finds in a page: plain, frozen records with their place in the text.

Every element knows where it stands: ``start``/``end`` are offsets in
:attr:`Page.text <trp_handbook.markdown.page.Page.text>` (the page with its
newlines normalised), ``line`` is 1-based and ``column`` 0-based, as a
contributor's editor shows them. Nothing here reads Markdown: the readers are
:mod:`.blocks`, :mod:`.inline` and :mod:`.prose`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: Link targets that point into one of the handbook's registries instead of at a URL:
#: ``[Art. 13](law:coe-cets-197/art-13)`` (data/legislation.yml) and, later,
#: ``[](fact:rs/reflection-period)`` (the facts registry). Each is read the same way:
#: ordinal per target, historical flag, anchor id.
REFERENCE_SCHEMES = ("law", "fact")

#: An admonition type under which citing a repealed instrument is expected.
HISTORICAL = "historical"


@dataclass(frozen=True)
class Span:
    """Where something stands in the text."""

    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class CodeRegion:
    """Code the renderer shows as text: a fenced block (fence lines included) or a code span."""

    kind: str  # "fence" | "span"
    start: int
    end: int
    line: int
    last_line: int
    column: int
    code: str  # the code itself, without fences or backticks
    info: str = ""  # a fence's info string (language, options)


@dataclass(frozen=True)
class Comment:
    """An HTML comment ``<!-- ... -->``; it may span lines."""

    start: int
    end: int
    line: int
    last_line: int
    column: int
    text: str  # between ``<!--`` and ``-->``


@dataclass(frozen=True)
class AttributeList:
    """An attribute list ``{ #id .class key=value }`` (Python-Markdown's attr_list)."""

    start: int
    end: int
    line: int
    column: int
    content: str  # inside the braces, without a leading ':'
    pairs: tuple[tuple[str, str | None], ...]  # as attr_list reads them: ('id', x), ('.', class), (key, value)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(v for k, v in self.pairs if k == "id" and v)

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(v for k, v in self.pairs if k == "." and v)


@dataclass(frozen=True)
class HtmlTag:
    """A raw HTML tag written in the Markdown (``<a href="...">``, ``</span>``)."""

    name: str  # lower case
    closing: bool
    attributes: tuple[tuple[str, str], ...]  # (name lower case, value as written, entities kept)
    start: int
    end: int
    line: int
    column: int
    offsets: tuple[int, ...] = field(default=(), compare=False, repr=False)  # where each value is written

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.attributes if k == name), None)


@dataclass(frozen=True)
class Link:
    """A link or an image, in whichever syntax it is written.

    ``kind``: ``inline`` (``[text](target)``), ``reference`` (``[text][label]``,
    ``[label][]``, ``[label]``: its target is the definition's), ``definition``
    (``[label]: target``), ``autolink`` (``<https://...>``) or ``html``
    (``<a href>``, ``<img src>``, ``<source src>``).

    ``line`` and ``column`` are where the target is written (for a reference:
    where its label is), so that a problem with the target points at it, even
    when the link text is wrapped over lines; ``start_line`` is where the link
    begins.
    """

    kind: str
    target: str
    text: str  # link text or image alt as written; a definition's label; an HTML link's element text
    line: int
    column: int
    start: int
    end: int
    start_line: int
    is_image: bool = False
    title: str | None = None
    label: str | None = None  # reference and definition label, lower case
    attributes: AttributeList | None = None  # an attribute list right after the link ({ .historical })
    element: str = ""  # the HTML element of an html link (a, img, source)
    target_start: int = -1  # offset of the target (its label for a reference)
    target_end: int = -1

    @property
    def scheme(self) -> str | None:
        """The URL scheme as written (``https``, ``mailto``, ``law``), lower case; None for a relative link."""
        m = _SCHEME.match(self.target)
        return m.group(1).lower() if m else None

    @property
    def reference_scheme(self) -> str | None:
        """``law`` or ``fact`` when the target points into a registry (see REFERENCE_SCHEMES)."""
        scheme = self.scheme
        return scheme if scheme in REFERENCE_SCHEMES else None


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Reference:
    """A link into a registry (``law:``, ``fact:``): a citation.

    ``ordinal`` counts the references to the same target on the page (1, 2, ...);
    with the target it makes the id the rendered link carries (:attr:`anchor`),
    so the table of legislation can link back to each citation. ``historical``:
    inside an admonition of type ``historical``, or marked ``{ .historical }``
    right after the link (where no block fits, e.g. in a table cell).
    """

    scheme: str
    target: str  # after "scheme:"
    text: str  # the link text as written (stripped); empty: written out from the registry
    line: int
    column: int  # where the target (after "scheme:") starts, 0-based
    historical: bool
    ordinal: int
    link: Link = field(compare=False, repr=False)

    @property
    def anchor(self) -> str:
        return anchor_id(self.target, self.ordinal, self.scheme)


def anchor_id(target: str, ordinal: int, scheme: str = "law") -> str:
    """The HTML id of the ``ordinal``-th reference to ``target`` on a page (``law-coe-cets-197-art-13-1``)."""
    return f"{scheme}-" + re.sub(r"[^a-z0-9]+", "-", target.lower()).strip("-") + f"-{ordinal}"


@dataclass(frozen=True)
class Heading:
    """A heading, ATX (``## Title { #id }``) or setext (a line underlined with ``===`` or ``---``)."""

    line: int
    level: int
    id: str  # the explicit id, else the one the toc extension makes (slugify, made unique: x, x_1)
    text: str  # as written, without the marks, closing hashes and attribute list
    explicit: bool  # the id was written ({ #id }), not made from the text
    setext: bool
    start: int  # offset of the heading's line
    end: int  # offset of the end of its (last) line
    attributes: AttributeList | None = None


@dataclass(frozen=True)
class Admonition:
    """An admonition (``!!! note "Title"``) or collapsible block (``??? note``, ``???+ note``)."""

    types: tuple[str, ...]  # the first is its type; the others are classes
    title: str | None  # as written, without the quotes; None when not written
    line: int  # the marker's line
    last_line: int  # the last non-blank line of its body (the marker's line when it has none)
    indent: int  # columns before the marker (tabs as four)
    depth: int  # 0 at the top, 1 inside another admonition, ...
    parent: int | None  # index in Page.admonitions of the admonition around it
    marker: str  # "!!!", "???" or "???+"

    @property
    def type(self) -> str:
        return self.types[0]

    def spans(self, line: int) -> bool:
        return self.line <= line <= self.last_line


@dataclass(frozen=True)
class Cell:
    text: str  # as written, stripped
    line: int
    column: int


@dataclass(frozen=True)
class Table:
    """A table (Python-Markdown's tables): its header row, delimiter row and body rows."""

    line: int  # the header row's line
    last_line: int
    columns: int  # as the delimiter row has them
    rows: tuple[tuple[Cell, ...], ...]  # the header row first, then the body rows

    @property
    def cells(self) -> tuple[Cell, ...]:
        return tuple(cell for row in self.rows for cell in row)


@dataclass(frozen=True)
class Footnote:
    """A footnote definition ``[^label]: text``."""

    label: str
    line: int
    start: int  # the ``[^label]:`` marker
    end: int


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation definition ``*[IOM]: International Organization for Migration``."""

    key: str
    expansion: str
    line: int
    key_start: int
    key_end: int
    start: int  # the whole line
    end: int


@dataclass(frozen=True)
class Segment:
    """A run of the text of one kind (see :data:`trp_handbook.markdown.prose.KINDS`)."""

    kind: str
    start: int
    end: int
    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Block:
    """A unit of prose for sentence-level checks: a paragraph, a heading, a list item, a table cell..."""

    kind: str  # paragraph | heading | list-item | table-cell | admonition-title | footnote | definition
    line: int
    last_line: int
    segments: tuple[Segment, ...]  # its prose, line by line

    @property
    def text(self) -> str:
        """The block's prose as one string, lines joined by a space."""
        return " ".join(s.text for s in self.segments)


@dataclass(frozen=True)
class FrontMatterBlock:
    """The YAML front matter between ``---`` lines at the top of the page.

    ``data`` is the page's metadata as :class:`trp_handbook.markdown.frontmatter.FrontMatter`
    validates it (an empty one when the page has no front matter; None when it is
    invalid, with ``problems`` saying why, each naming the file and line).
    """

    raw: str | None  # the YAML text; None: the page has no front matter
    first_line: int  # the opening fence's line (0 when none)
    last_line: int  # the closing fence's line (0 when none)
    end: int  # offset where the body begins
    mapping: Any  # the YAML as loaded (a dict when well-formed), None when absent or not YAML
    data: Any  # trp_handbook.markdown.frontmatter.FrontMatter | None
    problems: tuple[Any, ...]  # trp_handbook.core.errors.Problem
    keys: tuple[Span, ...] = ()  # "title:", "  source:": kept as written by a transliteration
    values: tuple[Span, ...] = ()  # what follows the keys (and lines without a key)

    @property
    def present(self) -> bool:
        return self.raw is not None

    @property
    def body_line(self) -> int:
        """The first line after the front matter."""
        return self.last_line + 1 if self.raw is not None else 1
