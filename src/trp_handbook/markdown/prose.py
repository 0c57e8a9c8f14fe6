"""The page as runs of one kind each: the prose a reader reads, and everything else.

A spell checker, a terminology check or a translation-quality check reads the
*prose*: headings, paragraphs, list items, table cells, admonition titles and
bodies, link texts and image descriptions, footnotes. Everything else is named
by its kind, so a transform (the Latin edition) knows what to keep:

| kind               | what                                                              |
|--------------------|-------------------------------------------------------------------|
| prose              | what a reader reads                                               |
| front-matter       | the ``---`` lines around the front matter                         |
| front-matter-key   | a front-matter key (``title:``)                                   |
| front-matter-value | what follows it (``title``'s value is shown to readers)           |
| code               | fenced code and code spans                                        |
| comment            | HTML comments                                                     |
| link-target        | ``(target "title")`` of a link, an autolink, a reference definition line |
| link-label         | ``[label]`` of a reference link                                   |
| footnote-label     | ``[^1]`` and the ``[^1]:`` of its definition                       |
| abbreviation-key   | the ``X`` of ``*[X]: expansion``                                  |
| attributes         | ``{ #id .class }``                                                |
| html               | a raw HTML tag with its attributes (the text between tags is prose) |
| url                | a bare ``https://...`` written in the text                        |
| markup             | heading marks, list and quote markers, admonition markers and types, |
|                    | table pipes and delimiter rows, link brackets, setext underlines  |
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from trp_handbook.markdown.blocks import Lines, admonition_markers
from trp_handbook.markdown.elements import (
    Abbreviation,
    Admonition,
    AttributeList,
    Block,
    CodeRegion,
    Comment,
    Footnote,
    FrontMatterBlock,
    HtmlTag,
    Link,
    Segment,
    Table,
)

KINDS = ("prose", "front-matter", "front-matter-key", "front-matter-value", "code", "comment", "link-target",
         "link-label", "footnote-label", "abbreviation-key", "attributes", "html", "url", "markup")
#: The kinds whose text a reader sees in the page: a transliteration converts these, and keeps the rest.
READER_TEXT = frozenset({"prose", "front-matter-value", "abbreviation-key"})

_URL = re.compile(r"https?://\S+")
_ITEM_MARKER = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:[-*+]|\d+[.)]|:)[ \t]+")
_QUOTE_MARKER = re.compile(r"^(?:[ \t]*>)*[ \t]*")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\n]*\]")
#: The order in which kinds are laid over each other: a later one wins where two overlap.
_PAINT_ORDER = ("prose", "markup", "url", "link-label", "link-target", "attributes", "html", "footnote-label",
                "abbreviation-key", "front-matter", "front-matter-key", "front-matter-value", "comment", "code")


def segments(src: Lines, masked: Lines, *, front: FrontMatterBlock, code: Iterable[CodeRegion],
             comments: Iterable[Comment], links: Iterable[Link], attributes: Iterable[AttributeList],
             tags: Iterable[HtmlTag], headings: Iterable[tuple[int, int, int, int]],
             admonitions: Iterable[Admonition], tables: Iterable[Table], footnotes: Iterable[Footnote],
             abbreviations: Iterable[Abbreviation], list_items: set[int], body_line: int) -> list[Segment]:
    """The whole text as consecutive segments, each of one kind; their texts joined are the page."""
    spans: list[tuple[int, int, str]] = []
    if front.present:
        spans.append((0, src.end_of(1), "front-matter"))
        spans.append((src.start_of(front.last_line), src.end_of(front.last_line), "front-matter"))
        spans += [(s.start, s.end, "front-matter-key") for s in front.keys]
        spans += [(s.start, s.end, "front-matter-value") for s in front.values]
    spans += [(r.start, r.end, "code") for r in code]
    spans += [(c.start, c.end, "comment") for c in comments]
    for link in links:
        spans += _link_spans(src, link)
    spans += [(a.start, a.end, "attributes") for a in attributes]
    spans += [(t.start, t.end, "html") for t in tags]
    for line_start, text_start, text_end, line_end in headings:
        spans.append((line_start, text_start, "markup"))
        spans.append((text_end, line_end, "markup"))  # closing hashes, or a setext underline
    for a in admonitions:
        m = admonition_markers(masked, a.line)
        base = src.start_of(a.line)
        spans.append((base + m.start("marker"), base + m.end("types"), "markup"))
        if m.group("title") is not None:
            spans.append((base + m.start("title") - 1, base + m.start("title"), "markup"))
            spans.append((base + m.end("title"), base + m.end("title") + 1, "markup"))
    spans += _table_spans(src, masked, tables)
    for f in footnotes:
        spans.append((f.start, f.end, "footnote-label"))
    for a in abbreviations:
        spans.append((a.start, a.key_start, "markup"))
        spans.append((a.key_start, a.key_end, "abbreviation-key"))
        colon = masked.text.index(":", a.key_end)
        spans.append((a.key_end, colon + 1, "markup"))
    for number in range(body_line, len(src.lines) + 1):
        base = src.start_of(number)
        line = masked.lines[number - 1]
        for m in _FOOTNOTE_REFERENCE.finditer(line):
            spans.append((base + m.start(), base + m.end(), "footnote-label"))
        marker = (_ITEM_MARKER if number in list_items else _QUOTE_MARKER).match(line)
        if marker.end():
            spans.append((base, base + marker.end(), "markup"))
    return _partition(src, spans)


def _link_spans(src: Lines, link: Link) -> list[tuple[int, int, str]]:
    if link.kind in ("autolink", "definition"):
        return [(link.start, link.end, "link-target")]
    if link.kind == "html":
        return []  # inside its tag
    opening = 2 if link.is_image else 1
    text_end = link.start + opening + len(link.text)
    spans = [(link.start, link.start + opening, "markup"), (text_end, text_end + 1, "markup")]
    if link.kind == "inline":
        spans.append((text_end + 1, link.end, "link-target"))
    elif link.end > text_end + 1:
        spans.append((text_end + 1, link.end, "link-label"))
    return spans


def _table_spans(src: Lines, masked: Lines, tables: Iterable[Table]) -> list[tuple[int, int, str]]:
    spans = []
    for table in tables:
        delimiter = table.line + 1
        spans.append((src.start_of(delimiter), src.end_of(delimiter), "markup"))
        for number in [table.line, *range(delimiter + 1, table.last_line + 1)]:
            base, line = src.start_of(number), masked.lines[number - 1]
            spans += [(base + m.start(), base + m.end(), "markup") for m in re.finditer(r"(?<!\\)\|", line)]
    return spans


def _partition(src: Lines, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Segments covering the whole text: each span painted over the text in :data:`_PAINT_ORDER`."""
    text = src.text
    codes = {kind: i for i, kind in enumerate(_PAINT_ORDER)}
    paint = bytearray(len(text))  # 0: prose
    for start, end, kind in sorted(spans, key=lambda s: codes[s[2]]):
        if end > start:
            paint[start:end] = bytes([codes[kind]]) * (end - start)
    out: list[Segment] = []

    def add(start: int, end: int, kind: str) -> None:
        if end > start:
            span = src.span(start, end)
            out.append(Segment(kind, start, end, span.line, span.column, text[start:end]))

    for run in re.finditer(rb"(.)\1*", bytes(paint), re.DOTALL):
        kind = _PAINT_ORDER[run.group()[0]]
        if kind == "prose":
            _prose(text, run.start(), run.end(), add)
        else:
            add(run.start(), run.end(), kind)
    return out


def _prose(text: str, start: int, end: int, add) -> None:
    """Prose from ``start`` to ``end``, with any bare URL in it set apart."""
    pos = start
    for m in _URL.finditer(text, start, end):
        add(pos, m.start(), "prose")
        add(m.start(), m.end(), "url")
        pos = m.end()
    add(pos, end, "prose")


def prose(src: Lines, all_segments: Iterable[Segment], body_line: int) -> list[Segment]:
    """The prose of the body, one segment per line and run, without the whitespace around it."""
    found = []
    for seg in all_segments:
        if seg.kind != "prose" or seg.line < body_line:
            continue
        offset = seg.start
        for piece in seg.text.split("\n"):
            stripped = piece.strip()
            if stripped:
                start = offset + (len(piece) - len(piece.lstrip()))
                span = src.span(start, start + len(stripped))
                found.append(Segment("prose", start, start + len(stripped), span.line, span.column, stripped))
            offset += len(piece) + 1
    return found


def blocks(src: Lines, masked: Lines, prose_segments: Iterable[Segment], *, body_line: int,
           heading_lines: set[int], admonitions: Iterable[Admonition], tables: Iterable[Table],
           list_items: set[int], footnote_lines: set[int], skipped_lines: set[int]) -> list[Block]:
    """The prose in units a sentence-level check reads: paragraphs, headings, list items, cells..."""
    by_line: dict[int, list[Segment]] = {}
    for seg in prose_segments:
        by_line.setdefault(seg.line, []).append(seg)
    markers = {a.line for a in admonitions}
    table_rows = {n for t in tables for n in range(t.line, t.last_line + 1)}
    found: list[Block] = []
    current: list[Segment] = []
    kind, first = "paragraph", 0

    def close() -> None:
        nonlocal current
        if current:
            found.append(Block(kind, first, current[-1].line, tuple(current)))
        current = []

    for number in range(body_line, len(src.lines) + 1):
        here = by_line.get(number, [])
        if number in table_rows:
            close()
            found.extend(Block("table-cell", s.line, s.line, (s,)) for s in here)
        elif not masked.lines[number - 1].strip(" \t>") or number in skipped_lines:
            close()
        elif number in heading_lines or number in markers:
            close()
            if here:
                found.append(Block("heading" if number in heading_lines else "admonition-title", number, number,
                                   tuple(here)))
        else:
            item = number in list_items
            if item or number in footnote_lines or not current:
                close()
                definition = masked.lines[number - 1].lstrip(" \t>").startswith(":")
                kind = ("definition" if definition else "list-item") if item else \
                    "footnote" if number in footnote_lines else "paragraph"
                first = number
            current.extend(here)
    close()
    return found
