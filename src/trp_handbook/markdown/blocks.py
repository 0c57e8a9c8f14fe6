"""The block structure of a page, read line by line as the renderer reads it.

What the renderer shows as code or hides as a comment is no text for any check:

* **front matter**: the YAML between ``---`` lines at the very top (MkDocs
  strips it before Python-Markdown sees the page);
* **fenced code**, as ``pymdownx.superfences`` finds it, also inside block
  quotes, admonitions and list items: the opening fence is a run of three or
  more backticks or tildes after the container's prefix (``>``, spaces), with an
  info string superfences accepts (a language, ``{ attributes }`` or options;
  so ```` ```code``` ```` on one line is not a fence); the closing fence is the
  same run again, alone on its line, indented as the opening one. A fence that
  is never closed, or whose content is less indented than its opening, is no
  fence: superfences leaves those lines to Markdown, and so does the model.
  (CommonMark also closes a fence with a *longer* run; superfences does not, and
  what the reader sees is what superfences made.)
* **code spans**: a run of backticks up to the next run of the same length in
  the same paragraph (a blank line ends a paragraph, so a lone backtick does not
  mask the rest of the page); a backslash-escaped backtick opens none;
* **HTML comments**: ``<!--`` to ``-->``. A comment that begins a line (at most
  three spaces in, outside a block quote) is a raw HTML block and may span blank
  lines; anywhere else it must end in its paragraph, or it is text. Code spans and
  comments are read left to right: whichever opens first wins.

On the text left (the *masked* view, where all of the above are spaces, so that
offsets, lines and columns stay those of the file) it then finds the headings,
admonitions, tables, footnote and abbreviation definitions.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown.blockprocessors import HRProcessor
from markdown.extensions.attr_list import get_attrs_and_remainder
from pymdownx.superfences import RE_NESTED_FENCE_START

from trp_handbook.markdown.elements import (
    Abbreviation,
    Admonition,
    AttributeList,
    Cell,
    CodeRegion,
    Comment,
    Footnote,
    FrontMatterBlock,
    Span,
    Table,
)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
#: A YAML line's key (``title:``, ``  source:``): a transliteration keeps it as written.
_YAML_KEY = re.compile(r"[ \t]*[A-Za-z_][\w-]*:")
_CONTAINER_PREFIX = re.compile(r"[> \t]*")
_BLANK = re.compile(r"[ \t>]*")
_INLINE_OPENERS = re.compile(r"`+|<!--")
_ATX = re.compile(r"^[ \t>]*(#{1,6})[ \t]+(.*?)[ \t]*$")
_CLOSING_HASHES = re.compile(r"[ \t]*#*[ \t]*$")
_TRAILING_ATTRS = re.compile(r"[ \t]*\{:?([^{}]*)\}[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
_RULE = HRProcessor.SEARCH_RE  # a horizontal rule ends a block, as a blank line does
_NOT_SETEXT_TEXT = "|#>:!-"
_ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>!!!|\?\?\?\+?)[ \t]+(?P<types>[\w-]+(?:[ \t]+[\w-]+)*)"
    r"(?:[ \t]+\"(?P<title>.*)\")?"
)
_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_FOOTNOTE = re.compile(r"^[ ]{0,3}\[\^([^\]]+)\]:")
_ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[(?P<key>[^\]]+)\][ \t]*:[ \t]*(?P<expansion>.*)$")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*?)[ \t]*\}")


class Lines:
    """A text with its lines, and the conversions between offsets and (line, column)."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        starts = [0]
        for line in self.lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        self.starts = starts

    def line_of(self, offset: int) -> int:
        """The 1-based line of ``offset``."""
        return bisect.bisect_right(self.starts, offset)

    def column_of(self, offset: int) -> int:
        return offset - self.starts[self.line_of(offset) - 1]

    def start_of(self, line: int) -> int:
        """The offset where 1-based ``line`` begins."""
        return self.starts[line - 1]

    def end_of(self, line: int) -> int:
        """The offset where 1-based ``line`` ends (before its newline)."""
        return self.starts[line - 1] + len(self.lines[line - 1])

    def span(self, start: int, end: int) -> Span:
        line = self.line_of(start)
        return Span(start, end, line, start - self.starts[line - 1])


# --------------------------------------------------------------------------- front matter


def front_matter(src: Lines, shown_as: str, enabled: bool) -> FrontMatterBlock:
    """The front matter, validated by the schema of :mod:`trp_handbook.markdown.frontmatter`."""
    from trp_handbook.markdown import frontmatter  # the schema; it reads no Markdown itself

    m = _FRONT_MATTER.match(src.text) if enabled else None
    if m is None:
        return FrontMatterBlock(None, 0, 0, 0, None, frontmatter.FrontMatter(), ())
    raw = m.group(1)
    data, problems, mapping = frontmatter.validate(raw, shown_as)
    last_line = src.line_of(m.end() - 1) if src.text[m.end() - 1:m.end()] == "\n" else src.line_of(m.end())
    keys, values = [], []
    for number in range(2, last_line):
        start, end = src.start_of(number), src.end_of(number)
        key = _YAML_KEY.match(src.text, start, end)
        if key:
            keys.append(src.span(start, key.end()))
            start = key.end()
        values.append(src.span(start, end))
    return FrontMatterBlock(raw, 1, last_line, m.end(), mapping, data, tuple(problems), tuple(keys), tuple(values))


# --------------------------------------------------------------------------- fenced code


@dataclass(frozen=True)
class Fence:
    first: int  # 0-based line index of the opening fence
    last: int  # of the closing fence
    info: str


def fences(lines: list[str], first: int) -> list[Fence]:
    """The fenced code blocks from line index ``first`` on, as pymdownx.superfences finds them."""
    found: list[Fence] = []
    expanded = [line.expandtabs(4) for line in lines]  # Python-Markdown expands tabs first
    i = first
    while i < len(expanded):
        line = expanded[i]
        prefix = _CONTAINER_PREFIX.match(line).group()
        m = RE_NESTED_FENCE_START.match(line, len(prefix))
        if m is None or m.group("unrecognized"):
            i += 1
            continue
        end, closed = _fence_end(expanded, i, prefix, m.group("fence"))
        if end is None:
            break  # never closed: superfences looks for no other fence after it
        if closed:
            found.append(Fence(i, end, line[m.end("fence"):].strip()))
        i = end + 1
    return found


def _fence_end(lines: list[str], opening: int, prefix: str, fence: str) -> tuple[int | None, bool]:
    """(closing line, True), or (the line that ends the attempt, False), or (None, False) at the end."""
    width, quotes = len(prefix), prefix.count(">")
    closing = re.compile(re.escape(fence) + r"[ \t]*$")
    blank_seen = False
    for j in range(opening + 1, len(lines)):
        ws, content = _split_prefix(lines[j], width)
        level = ws.count(">")
        if quotes:
            if level > quotes:
                return j, False
            if not content.strip():
                blank_seen = True
                continue
            if len(ws) < width or (blank_seen and level < quotes):
                return j, False
            if closing.match(content):
                return j, True
            blank_seen = False
            continue
        if level:
            return j, False
        if not (ws + content).strip():
            continue
        if len(ws) != width and content:
            return j, False  # less indented than the opening fence
        if closing.match(content) and not content.startswith((" ", "\t")):
            return j, True
    return None, False


def _split_prefix(line: str, width: int) -> tuple[str, str]:
    """The container prefix (``>``, spaces) of ``line`` up to ``width`` columns, and the rest."""
    n = 0
    while n < len(line) and n < width and line[n] in "> \t":
        n += 1
    return line[:n], line[n:]


# --------------------------------------------------------------------------- code spans and comments


@functools.lru_cache(maxsize=32)
def _closing_backticks(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{n}}}(?!`)")


def code_and_comments(src: Lines, body_start: int, fenced: list[Fence]) -> tuple[list[CodeRegion], list[Comment]]:
    """Fenced code, code spans and comments of the body, in the order they open."""
    text, lines = src.text, src.lines
    fence_lines = set()
    regions: list[CodeRegion] = []
    for f in fenced:
        fence_lines.update(range(f.first, f.last + 1))
        start, end = src.starts[f.first], src.starts[f.last] + len(lines[f.last])
        code = "\n".join(lines[f.first + 1:f.last])
        regions.append(CodeRegion("fence", start, end, f.first + 1, f.last + 1, 0, code, f.info))
    # Where each line's paragraph ends: the start of the next blank or fence line.
    breaks = [len(text)] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        nxt = i + 1
        if nxt < len(lines) and (nxt in fence_lines or _BLANK.fullmatch(lines[nxt])):
            breaks[i] = src.starts[nxt]
        else:
            breaks[i] = breaks[nxt] if nxt < len(lines) else len(text)
    fence_spans = [(r.start, r.end) for r in regions]
    comments: list[Comment] = []
    pos = body_start
    while (m := _INLINE_OPENERS.search(text, pos)) is not None:
        k = bisect.bisect_right(fence_spans, (m.start(), len(text) + 1)) - 1
        if k >= 0 and fence_spans[k][0] <= m.start() < fence_spans[k][1]:
            pos = fence_spans[k][1]
            continue
        index = src.line_of(m.start()) - 1
        if m.group().startswith("`"):
            pos = _code_span(src, m, breaks[index], regions)
        else:
            pos = _comment(src, m, index, breaks[index], comments)
    return sorted(regions, key=lambda r: r.start), comments


def _code_span(src: Lines, m: re.Match[str], limit: int, regions: list[CodeRegion]) -> int:
    text = src.text
    backslashes = len(text[:m.start()]) - len(text[:m.start()].rstrip("\\"))
    if backslashes % 2:
        return m.start() + 1  # an escaped backtick opens no span
    close = _closing_backticks(len(m.group())).search(text, m.end(), limit)
    if close is None:
        return m.end()
    line, last = src.line_of(m.start()), src.line_of(close.end())
    regions.append(CodeRegion("span", m.start(), close.end(), line, last, src.column_of(m.start()),
                              text[m.end():close.start()]))
    return close.end()


def _comment(src: Lines, m: re.Match[str], index: int, limit: int, comments: list[Comment]) -> int:
    text = src.text
    before = text[src.starts[index]:m.start()]
    starts_block = len(before) <= 3 and not before.strip(" ")
    end = text.find("-->", m.end(), len(text) if starts_block else limit)
    if end == -1:
        return m.end()
    close = end + 3
    comments.append(Comment(m.start(), close, index + 1, src.line_of(close), src.column_of(m.start()),
                            text[m.end():end]))
    return close


def masked_text(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with each range blanked (spaces, newlines kept)."""
    out, pos = [], 0
    for start, end in sorted(ranges):
        if end <= pos:
            continue
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- attribute lists


def attribute_lists(src: Lines, masked: str, body_start: int) -> list[AttributeList]:
    """Every ``{ ... }`` of the body outside code: what attr_list may read as attributes."""
    found = []
    for m in _ATTR_LIST.finditer(masked, body_start):
        pairs, _ = get_attrs_and_remainder(m.group(1))
        span = src.span(m.start(), m.end())
        found.append(AttributeList(m.start(), m.end(), span.line, span.column, m.group(1),
                                   tuple((str(k), v) for k, v in pairs)))
    return found


# --------------------------------------------------------------------------- headings


@dataclass(frozen=True)
class RawHeading:
    """A heading before its id is made (that needs the whole page's ids)."""

    line: int
    level: int
    text: str  # as written, without marks, closing hashes and attribute list (a comment in it blanked)
    text_start: int  # offset of the text as written
    text_end: int
    setext: bool
    start: int
    end: int
    attributes: AttributeList | None
    explicit_id: str | None


def headings(src: Lines, masked: Lines, uncommented: str, first: int,
             attrs: dict[int, AttributeList]) -> list[RawHeading]:
    """ATX headings (``## Title``, also in block quotes and admonitions) and setext headings."""
    found = []
    lines = masked.lines

    def written_end(i: int) -> int:
        """Where line ``i``'s text ends, its code spans counted (the masked view has them blanked)."""
        return src.starts[i] + len(uncommented[src.starts[i]:src.end_of(i + 1)].rstrip())

    for i in range(first, len(lines)):
        line = lines[i]
        m = _ATX.match(line)
        if m:
            start = src.starts[i] + m.start(2)
            found.append(_heading(src, uncommented, i + 1, len(m.group(1)), start, max(written_end(i), start),
                                  False, src.starts[i], src.end_of(i + 1), attrs))
        elif _setext_text(lines, i, first):
            level = 1 if lines[i + 1].lstrip().startswith("=") else 2
            start = src.starts[i] + len(line) - len(line.lstrip())
            found.append(_heading(src, uncommented, i + 1, level, start, written_end(i), True,
                                  src.starts[i], src.end_of(i + 2), attrs))
    return found


def _setext_text(lines: Sequence[str], i: int, first: int) -> bool:
    """Whether line ``i`` is a setext heading: the first line of a block, underlined with ``===`` or ``---``."""
    line = lines[i]
    if i + 1 >= len(lines) or not line.strip() or line[0] in _NOT_SETEXT_TEXT:
        return False
    if not _SETEXT_UNDERLINE.match(lines[i + 1]) or _ADMONITION.match(line) or _is_table_row(lines, i):
        return False
    previous = lines[i - 1] if i > first else ""
    return not previous.strip() or _ATX.match(previous) is not None or _RULE.match(previous) is not None


def _is_table_row(lines: Sequence[str], i: int) -> bool:
    return "|" in lines[i] and _TABLE_DELIMITER.match(lines[i + 1]) is not None and "|" in lines[i + 1]


def _heading(src: Lines, uncommented: str, line: int, level: int, start: int, end: int, setext: bool,
             line_start: int, line_end: int, attrs: dict[int, AttributeList]) -> RawHeading:
    written = uncommented[start:end]
    if not setext:
        written = written[:_CLOSING_HASHES.search(written).start()]
    attributes, explicit = None, None
    trailing = _TRAILING_ATTRS.search(written)
    if trailing:
        attributes = attrs.get(start + trailing.start() + trailing.group().index("{"))
        pairs, _ = get_attrs_and_remainder(trailing.group(1))
        explicit = next((v for k, v in pairs if k == "id" and v), None)
        written = written[:trailing.start()]
    text_start = start + (len(written) - len(written.lstrip()))
    written = written.strip()
    return RawHeading(line, level, written, text_start,
                      text_start + len(written), setext, line_start, line_end, attributes, explicit)


# --------------------------------------------------------------------------- admonitions


def admonitions(src: Lines, masked: Lines, first: int) -> list[Admonition]:
    """Admonitions and collapsible blocks; the body is the following lines indented deeper than the marker."""
    found: list[dict[str, Any]] = []
    open_: list[int] = []  # indexes into found
    for i in range(first, len(masked.lines)):
        raw = src.lines[i]
        if not raw.strip():
            continue
        indent = _indent(raw)
        while open_ and indent <= found[open_[-1]]["indent"]:
            open_.pop()
        for k in open_:
            found[k]["last_line"] = i + 1
        m = _ADMONITION.match(masked.lines[i])
        if not m:
            continue
        title = None
        if m.group("title") is not None:
            title = src.lines[i][m.start("title"):m.end("title")]
        found.append({"types": tuple(m.group("types").split()), "title": title, "line": i + 1,
                      "last_line": i + 1, "indent": _indent(m.group("indent")), "depth": len(open_),
                      "parent": open_[-1] if open_ else None, "marker": m.group("marker")})
        open_.append(len(found) - 1)
    return [Admonition(**a) for a in found]


def admonition_markers(masked: Lines, line: int) -> re.Match[str] | None:
    """The admonition marker on 1-based ``line`` (for the prose view)."""
    return _ADMONITION.match(masked.lines[line - 1])


def _indent(text: str) -> int:
    expanded = text.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


# --------------------------------------------------------------------------- tables


def tables(src: Lines, masked: Lines, first: int, fence_lines: set[int]) -> list[Table]:
    """Tables: a header row with ``|``, a delimiter row (``|---|:--:|``), body rows up to a blank line."""
    found = []
    lines = masked.lines
    i = first
    while i + 1 < len(lines):
        header, delimiter = lines[i], lines[i + 1]
        if i in fence_lines or i + 1 in fence_lines or not ("|" in header and "-" in delimiter and "|" in delimiter
                                                            and _TABLE_DELIMITER.match(delimiter)):
            i += 1
            continue
        columns = len(delimiter.strip().strip("|").split("|"))
        rows = [_cells(src, masked, i)]
        j = i + 2
        while j < len(lines) and j not in fence_lines and lines[j].strip():
            rows.append(_cells(src, masked, j))
            j += 1
        found.append(Table(i + 1, j, columns, tuple(rows)))
        i = j
    return found


def _cells(src: Lines, masked: Lines, index: int) -> tuple[Cell, ...]:
    row = masked.lines[index]
    base = src.starts[index]
    left, right = len(row) - len(row.lstrip()), len(row.rstrip())
    if row[left:left + 1] == "|":
        left += 1
    if right > left and row[right - 1] == "|" and row[right - 2:right - 1] != "\\":
        right -= 1
    cells = []
    start = left
    for m in [*_UNESCAPED_PIPE.finditer(row, left, right), None]:
        end = m.start() if m else right
        piece = src.text[base + start:base + end]
        stripped = piece.strip()
        column = start + (len(piece) - len(piece.lstrip())) if stripped else start
        cells.append(Cell(stripped, index + 1, column))
        if m:
            start = m.end()
    return tuple(cells)


# --------------------------------------------------------------------------- definitions


def footnotes(src: Lines, masked: Lines, first: int) -> list[Footnote]:
    found = []
    for i in range(first, len(masked.lines)):
        m = _FOOTNOTE.match(masked.lines[i])
        if m:
            found.append(Footnote(m.group(1), i + 1, src.starts[i] + m.start(), src.starts[i] + m.end()))
    return found


def abbreviations(src: Lines, masked: Lines, first: int) -> list[Abbreviation]:
    found = []
    for i in range(first, len(masked.lines)):
        m = _ABBREVIATION.match(masked.lines[i])
        if m:
            base = src.starts[i]
            found.append(Abbreviation(src.lines[i][m.start("key"):m.end("key")], m.group("expansion").strip(),
                                      i + 1, base + m.start("key"), base + m.end("key"), base, base + m.end()))
    return found


# --------------------------------------------------------------------------- list items

_LIST_MARKER = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:(?P<bullet>[-*+]|\d+[.)])|:)[ \t]+\S")


def list_items(masked: Lines, first: int) -> set[int]:
    """The 1-based lines that begin a list item or a definition (``: ...``).

    As in Python-Markdown, a list does not interrupt a paragraph: a bullet starts
    an item after a blank line or inside a list, so a sentence wrapped before
    ``2018. godine`` stays a sentence.
    """
    found: set[int] = set()
    in_list, after_blank = False, True
    for i in range(first, len(masked.lines)):
        line = masked.lines[i]
        if not line.strip(" \t>"):
            after_blank = True
            continue
        m = _LIST_MARKER.match(line)
        if m and (after_blank or in_list or m.group("bullet") is None):
            found.add(i + 1)
            in_list = True
        elif after_blank and not line[:1].isspace():
            in_list = False
        after_blank = False
    return found
