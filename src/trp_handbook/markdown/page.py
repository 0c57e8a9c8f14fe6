"""The source model of a handbook page: its Markdown read once, for every check and transform.

The content policy, the parity and glossary checks, the citation scanner, the
Python-Markdown citation extension, the table of legislation and the Latin
edition all ask this model what a page holds, so none of them can see a page
differently from another (STYLE.md, lesson 11)::

    page = parse(text, "docs/en/framework.md")
    page.front_matter.data.title       # the validated front matter (trp_handbook.markdown.frontmatter)
    page.masked                        # the text with front matter, code and comments blanked
    [h.id for h in page.headings]      # heading ids, as the toc extension makes them
    page.references("law")             # citations: ordinal, historical flag, anchor id
    page.prose                         # what a reader reads, line by line

Every element carries its place (offset, line, column) in :attr:`Page.text`: the
page as given, with ``\\r\\n`` and ``\\r`` turned into ``\\n`` and a leading byte-order
mark dropped (as MkDocs reads pages), so lines and columns are those a
contributor's editor shows. :func:`parse` is cached by its arguments, and what
a text holds (:class:`Source`) by the text alone: every language build asks
again about the same English pages, each reader under its own name for them.

What is found where is described in :mod:`.blocks` (front matter, code,
comments, headings, admonitions, tables), :mod:`.inline` (links, images, HTML)
and :mod:`.prose` (the prose view and its paragraphs).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from trp_handbook.markdown import blocks, inline, prose
from trp_handbook.markdown.blocks import Lines
from trp_handbook.markdown.elements import (
    HISTORICAL,
    Abbreviation,
    Admonition,
    AttributeList,
    Block,
    CodeRegion,
    Comment,
    Footnote,
    FrontMatterBlock,
    Heading,
    HtmlTag,
    Link,
    Reference,
    Segment,
    Table,
)
from trp_handbook.markdown.slugs import slugify

_DIRECTIVE = re.compile(r"\s*(?P<name>[a-z-]+)\s*:\s*ignore\b(?P<what>[^>]*?)\s*", re.IGNORECASE)
_TOC_COUNT = re.compile(r"^(.*)_([0-9]+)$")


@functools.lru_cache(maxsize=1024)
def parse(text: str, shown_as: str = "<text>", front_matter: bool = True) -> Page:
    """The source model of a Markdown page.

    ``shown_as`` names the file in front-matter problems. ``front_matter=False``
    for text whose front matter is already gone (MkDocs hands Python-Markdown the
    page without it), so that a page opening with a ``---`` rule is read as one.
    Readers that name the page differently share one reading of it.
    """
    bom = text.startswith("\ufeff")
    normal = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Page(normal, shown_as, front_matter, bom, _source(normal, front_matter))


# About three hundred distinct texts per build process (every page, and every body the
# citation extension reads); each keeps the views it has been asked for.
@functools.lru_cache(maxsize=512)
def _source(text: str, front_matter: bool) -> Source:
    return Source(text, front_matter)


@dataclass(frozen=True, eq=False)
class Page:
    """A page's Markdown source, read once: the views of :class:`Source`, and the page's name.

    Build one with :func:`parse`. Every view is made when first asked, once per
    text, however many readers ask and whatever they call the page.
    """

    text: str
    shown_as: str
    reads_front_matter: bool
    bom: bool  # the file began with a byte-order mark (dropped from text)
    source: Source = field(repr=False)

    @cached_property
    def front_matter(self) -> FrontMatterBlock:
        """The front matter, its problems naming this page."""
        block = self.source.front_matter
        if not block.problems:
            return block
        return dataclasses.replace(block, problems=tuple(dataclasses.replace(p, file=self.shown_as)
                                                         for p in block.problems))

    # The views of the text, documented on Source.

    @property
    def lines(self) -> tuple[str, ...]:
        return self.source.lines

    @property
    def body_start(self) -> int:
        return self.source.body_start

    @property
    def body_line(self) -> int:
        return self.source.body_line

    @property
    def body(self) -> str:
        return self.source.body

    @property
    def masked(self) -> str:
        return self.source.masked

    @property
    def code_regions(self) -> tuple[CodeRegion, ...]:
        return self.source.code_regions

    @property
    def comments(self) -> tuple[Comment, ...]:
        return self.source.comments

    @property
    def attribute_lists(self) -> tuple[AttributeList, ...]:
        return self.source.attribute_lists

    @property
    def html_tags(self) -> tuple[HtmlTag, ...]:
        return self.source.html_tags

    @property
    def links(self) -> tuple[Link, ...]:
        return self.source.links

    @property
    def images(self) -> tuple[Link, ...]:
        return self.source.images

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self.source.headings

    @property
    def admonitions(self) -> tuple[Admonition, ...]:
        return self.source.admonitions

    @property
    def tables(self) -> tuple[Table, ...]:
        return self.source.tables

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        return self.source.footnotes

    @property
    def abbreviations(self) -> tuple[Abbreviation, ...]:
        return self.source.abbreviations

    @property
    def citations(self) -> tuple[Reference, ...]:
        return self.source.citations

    @property
    def explicit_ids(self) -> tuple[tuple[str, int], ...]:
        return self.source.explicit_ids

    @property
    def anchors(self) -> dict[str, int]:
        return self.source.anchors

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self.source.segments

    @property
    def prose(self) -> tuple[Segment, ...]:
        return self.source.prose

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.source.blocks

    @property
    def title(self) -> str | None:
        return self.source.title

    def line_of(self, offset: int) -> int:
        return self.source.line_of(offset)

    def column_of(self, offset: int) -> int:
        return self.source.column_of(offset)

    def section_at(self, line: int) -> Heading | None:
        return self.source.section_at(line)

    def references(self, scheme: str | None = None) -> tuple[Reference, ...]:
        return self.source.references(scheme)

    def prose_on(self, line: int) -> tuple[Segment, ...]:
        return self.source.prose_on(line)

    def directives(self, name: str) -> frozenset[str]:
        return self.source.directives(name)


class Source:
    """What a Markdown text holds, each view made when first asked (see the module docstring).

    Its front-matter problems name no file; :class:`Page` names them.
    """

    def __init__(self, text: str, reads_front_matter: bool = True):
        self.text = text
        self.reads_front_matter = reads_front_matter

    # ----------------------------------------------------------------- lines and front matter

    @cached_property
    def _src(self) -> Lines:
        return Lines(self.text)

    @cached_property
    def lines(self) -> tuple[str, ...]:
        return tuple(self._src.lines)

    def line_of(self, offset: int) -> int:
        """The 1-based line of an offset in :attr:`text`."""
        return self._src.line_of(offset)

    def column_of(self, offset: int) -> int:
        return self._src.column_of(offset)

    @cached_property
    def front_matter(self) -> FrontMatterBlock:
        return blocks.front_matter(self._src, "", self.reads_front_matter)

    @property
    def body_start(self) -> int:
        """The offset where the body (the page after its front matter) begins."""
        return self.front_matter.end

    @property
    def body_line(self) -> int:
        return self.front_matter.body_line

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    # ----------------------------------------------------------------- what is not text

    @cached_property
    def _fences(self) -> list[blocks.Fence]:
        return blocks.fences(self._src.lines, self.body_line - 1)

    @cached_property
    def _fence_lines(self) -> set[int]:
        """0-based indexes of the lines of fenced code (fences included)."""
        return {i for f in self._fences for i in range(f.first, f.last + 1)}

    @cached_property
    def _code_and_comments(self) -> tuple[list[CodeRegion], list[Comment]]:
        return blocks.code_and_comments(self._src, self.body_start, self._fences)

    @cached_property
    def code_regions(self) -> tuple[CodeRegion, ...]:
        """Fenced code blocks and code spans, in order."""
        return tuple(self._code_and_comments[0])

    @cached_property
    def comments(self) -> tuple[Comment, ...]:
        return tuple(self._code_and_comments[1])

    @cached_property
    def masked(self) -> str:
        """The text with front matter, code and comments blanked: offsets, lines and columns stay valid."""
        regions, comments = self._code_and_comments
        ranges = [(0, self.body_start)] + [(r.start, r.end) for r in regions] + [(c.start, c.end) for c in comments]
        return blocks.masked_text(self.text, ranges)

    @cached_property
    def _masked(self) -> Lines:
        return Lines(self.masked)


    # ----------------------------------------------------------------- links, HTML, attribute lists

    @cached_property
    def attribute_lists(self) -> tuple[AttributeList, ...]:
        return tuple(blocks.attribute_lists(self._src, self.masked, self.body_start))

    @cached_property
    def _attributes_at(self) -> dict[int, AttributeList]:
        return {a.start: a for a in self.attribute_lists}

    @cached_property
    def _autolinks(self) -> list[Link]:
        return inline.autolinks(self._src, self.masked, self.body_start)

    @cached_property
    def html_tags(self) -> tuple[HtmlTag, ...]:
        return tuple(inline.html_tags(self._src, self.masked, self.body_start,
                                      [(a.start, a.end) for a in self._autolinks]))

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """Every link and image, in the order they start (see :class:`~.elements.Link` for the kinds)."""
        definitions = inline.definitions(self._src, self._masked, self.body_line - 1, self._fence_lines)
        defined = {d.label: d for d in definitions}
        skip = [(d.start, d.end) for d in definitions] + [(a.start, a.end) for a in self._autolinks]
        skip += [(t.start, t.end) for t in self.html_tags]
        skip += [(f.start, f.end) for f in self.footnotes] + [(a.start, a.end) for a in self.abbreviations]
        found = inline.links(self._src, inline.syntax_view(self.masked), self.body_start, defined, skip,
                             self._attributes_at)
        # A definition an image uses is fetched with the page, like an image's own target.
        for_images = {link.label for link in found if link.kind == "reference" and link.is_image}
        definitions = [dataclasses.replace(d, is_image=True) if d.label in for_images else d for d in definitions]
        found += definitions + self._autolinks + inline.html_links(self._src, list(self.html_tags))
        return tuple(sorted(found, key=lambda link: (link.start, link.kind != "html")))

    @cached_property
    def images(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.is_image)

    # ----------------------------------------------------------------- blocks

    @cached_property
    def _raw_headings(self) -> list[blocks.RawHeading]:
        # A heading's text is read with its code spans (the masked view has them blanked), not its comments.
        ranges = [(0, self.body_start)] + [(c.start, c.end) for c in self.comments]
        ranges += [(r.start, r.end) for r in self.code_regions if r.kind == "fence"]
        uncommented = blocks.masked_text(self.text, ranges)
        return blocks.headings(self._src, self._masked, uncommented, self.body_line - 1, self._attributes_at)

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        """Headings with the ids the build gives them: the explicit one, else the toc extension's slug."""
        used = {ident for a in self.attribute_lists for ident in a.ids}
        used |= {r.anchor for r in self.references()}
        found = []
        for h in self._raw_headings:
            ident = h.explicit_id
            if ident is None:
                ident = _unique(slugify(self._plain_text(h)), used)
            found.append(Heading(h.line, h.level, ident, h.text, h.explicit_id is not None, h.setext, h.start, h.end,
                                 h.attributes))
        return tuple(found)

    def _plain_text(self, h: blocks.RawHeading) -> str:
        """A heading's text as the toc extension reads it: links as their text, no images, tags or marks."""
        replaced = [(link.start, link.end, "" if link.is_image else link.text) for link in self.links
                    if link.kind in ("inline", "reference", "autolink") and h.text_start <= link.start < h.text_end]
        replaced += [(t.start, t.end, "") for t in self.html_tags if h.text_start <= t.start < h.text_end]
        pieces, pos = [], h.text_start
        for start, end, text in sorted(replaced):
            if start >= pos:
                pieces += [h.text[pos - h.text_start:start - h.text_start], text]
                pos = end
        pieces.append(h.text[pos - h.text_start:])
        return html.unescape(re.sub(r"[*_`~]", "", "".join(pieces)))

    def section_at(self, line: int) -> Heading | None:
        """The heading whose section holds ``line`` (None before the first heading)."""
        return section_of(self.headings, line)

    @cached_property
    def admonitions(self) -> tuple[Admonition, ...]:
        return tuple(blocks.admonitions(self._src, self._masked, self.body_line - 1))

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        return tuple(blocks.tables(self._src, self._masked, self.body_line - 1, self._fence_lines))

    @cached_property
    def footnotes(self) -> tuple[Footnote, ...]:
        return tuple(blocks.footnotes(self._src, self._masked, self.body_line - 1))

    @cached_property
    def abbreviations(self) -> tuple[Abbreviation, ...]:
        return tuple(blocks.abbreviations(self._src, self._masked, self.body_line - 1))

    @cached_property
    def _list_items(self) -> set[int]:
        return blocks.list_items(self._masked, self.body_line - 1)

    # ----------------------------------------------------------------- references (citations)

    @cached_property
    def _references(self) -> tuple[Reference, ...]:
        seen: Counter[tuple[str, str]] = Counter()
        found = []
        for link in self.links:
            scheme = link.reference_scheme
            if scheme is None or link.is_image or link.kind not in ("inline", "definition"):
                continue
            target = link.target[len(scheme) + 1:]
            seen[scheme, target] += 1
            marked = link.attributes is not None and HISTORICAL in link.attributes.classes
            found.append(Reference(scheme, target, link.text.strip(), link.line, link.column + len(scheme) + 1,
                                   marked or self._in_historical_block(link.line), seen[scheme, target], link))
        return tuple(found)

    def references(self, scheme: str | None = None) -> tuple[Reference, ...]:
        """The links into a registry (``law:``, ``fact:``; all schemes when None), in source order."""
        if scheme is None:
            return self._references
        return tuple(r for r in self._references if r.scheme == scheme)

    @cached_property
    def citations(self) -> tuple[Reference, ...]:
        """The ``law:`` references."""
        return self.references("law")

    def _in_historical_block(self, line: int) -> bool:
        # An admonition that spans the line is the innermost one or one around it.
        return any(HISTORICAL in a.types for a in self.admonitions if a.spans(line))

    # ----------------------------------------------------------------- ids

    @cached_property
    def explicit_ids(self) -> tuple[tuple[str, int], ...]:
        """Ids set by hand, in order: ``{ #id }`` attribute lists and ``id=``/``name=`` of raw HTML."""
        found = [(ident, a.line) for a in self.attribute_lists for ident in a.ids]
        found += [(value, t.line) for t in self.html_tags if not t.closing
                  for name, value in t.attributes if name in ("id", "name")]
        return tuple(sorted(found, key=lambda item: item[1]))

    @cached_property
    def anchors(self) -> dict[str, int]:
        """Every id a link can point at, with its line: explicit ids, headings, footnotes, citations."""
        result: dict[str, int] = {}
        for ident, line in self.explicit_ids:
            result.setdefault(ident, line)
        for h in self.headings:
            result.setdefault(h.id, h.line)
        for f in self.footnotes:
            result.setdefault(f"fn:{f.label}", f.line)
            result.setdefault(f"fnref:{f.label}", f.line)
        for r in self.references():
            result.setdefault(r.anchor, r.line)
        return result

    # ----------------------------------------------------------------- prose

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        """The whole text as runs of one kind each (:data:`.prose.KINDS`); joined, they are the text."""
        heads = [(h.start, h.text_start, h.text_end, h.end) for h in self._raw_headings]
        return tuple(prose.segments(
            self._src, self._masked, front=self.front_matter, code=self.code_regions, comments=self.comments,
            links=self.links, attributes=self.attribute_lists, tags=self.html_tags, headings=heads,
            admonitions=self.admonitions, tables=self.tables, footnotes=self.footnotes,
            abbreviations=self.abbreviations, list_items=self._list_items, body_line=self.body_line,
        ))

    @cached_property
    def prose(self) -> tuple[Segment, ...]:
        """What a reader reads, per line: no code, link targets, ids, HTML tags, front matter or markup."""
        return tuple(prose.prose(self._src, self.segments, self.body_line))

    def prose_on(self, line: int) -> tuple[Segment, ...]:
        return tuple(s for s in self.prose if s.line == line)

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The prose by paragraph, heading, list item, table cell, admonition title, footnote."""
        skipped = {link.line for link in self.links if link.kind == "definition"}
        skipped |= {a.line for a in self.abbreviations} | {h.line + 1 for h in self.headings if h.setext}
        return tuple(prose.blocks(
            self._src, self._masked, self.prose, body_line=self.body_line,
            heading_lines={h.line for h in self.headings}, admonitions=self.admonitions, tables=self.tables,
            list_items=self._list_items, footnote_lines={f.line for f in self.footnotes}, skipped_lines=skipped,
        ))

    # ----------------------------------------------------------------- page-level facts

    def directives(self, name: str) -> frozenset[str]:
        """What ``<!-- name: ignore a, b -->`` comments ask to ignore (lower case).

        ``<!-- parity: ignore tables, images -->`` gives ``{"tables", "images"}``; a bare
        ``<!-- parity: ignore -->`` gives ``{"all"}``.
        """
        asked: set[str] = set()
        for comment in self.comments:
            m = _DIRECTIVE.fullmatch(comment.text)
            if m is None or m.group("name").lower() != name:
                continue
            words = [w.strip().lower() for w in re.split(r"[,\s]+", m.group("what")) if w.strip()]
            asked.update(words or ["all"])
        return frozenset(asked)

    @property
    def title(self) -> str | None:
        """The page's title: ``title:`` of its front matter, else its first level-one heading."""
        mapping = self.front_matter.mapping
        if isinstance(mapping, dict) and mapping.get("title") is not None:
            return str(mapping["title"])
        return next((h.text for h in self.headings if h.level == 1), None)


def section_of(headings: tuple[Heading, ...] | list[Heading], line: int) -> Heading | None:
    """The heading whose section holds ``line`` (None before the first heading)."""
    current = None
    for heading in headings:
        if heading.line > line:
            break
        current = heading
    return current


def _unique(ident: str, used: set[str]) -> str:
    """The toc extension's ``unique``: ``x``, then ``x_1``, ``x_2``...; an empty slug becomes ``_1``."""
    while ident in used or not ident:
        m = _TOC_COUNT.match(ident)
        ident = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{ident}_1"
    used.add(ident)
    return ident
