"""A Markdown page's source, line by line, as the translation checks read it.

The parity and glossary checks report ``file:line``, so they read the source
rather than the rendered HTML. This module gives them the same view of a page:

* the YAML front matter is not part of the text (its lines still count);
* fenced code blocks are left out, inline code and HTML comments are blanked
  (replaced by spaces, so columns and line numbers stay right);
* ``<!-- name: ignore a, b -->`` comments are read as directives, so a
  translator can mark a known, intended difference (see :func:`directives`).

Only ATX headings (``## Title { #id }``) are recognised: the handbook's style
(CONTRIBUTING.md) writes every heading that way, with an explicit id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .slugs import slugify

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?(?P<attrs>[^}]*)\}[ \t]*$")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")
_DIRECTIVE = re.compile(r"<!--\s*(?P<name>[a-z-]+)\s*:\s*ignore\b(?P<what>[^>]*?)\s*-->", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of the page body: its 1-based number in the file and its readable text."""

    number: int
    text: str


@dataclass(frozen=True)
class Heading:
    number: int
    level: int
    id: str
    text: str
    explicit: bool  # the id was written ({ #id }), not made from the text


def front_matter_end(lines: list[str]) -> int:
    """Index of the first body line (0 when the page has no front matter)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def body_lines(text: str) -> list[Line]:
    """The page's body lines outside fenced code, with inline code and comments blanked."""
    raw = text.replace("\r\n", "\n").split("\n")
    start = front_matter_end(raw)
    # Comments may span lines: blank them in the whole body at once, keeping newlines.
    body = _blank(_COMMENT, "\n".join(raw[start:])).split("\n")
    result: list[Line] = []
    fence: str | None = None
    for offset, line in enumerate(body):
        number = start + offset + 1
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        result.append(Line(number, _blank(_INLINE_CODE, line)))
    return result


def body_text(text: str) -> str:
    """:func:`body_lines` as one text, with the skipped lines left empty (offsets give line numbers).

    For constructs that may span lines, such as a link whose text is wrapped.
    """
    lines = body_lines(text)
    total = text.replace("\r\n", "\n").count("\n") + 1
    out = [""] * total
    for line in lines:
        out[line.number - 1] = line.text
    return "\n".join(out)


def line_at(text: str, offset: int) -> int:
    """The 1-based line number of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def headings(lines: list[Line]) -> list[Heading]:
    """ATX headings with their ids: the explicit ``{ #id }``, else the slug the build makes."""
    found = []
    for line in lines:
        m = _HEADING.match(line.text)
        if not m:
            continue
        text = m.group("text")
        attrs = _ATTR_LIST.search(text)
        explicit_id = None
        if attrs:
            id_match = _ID_IN_ATTRS.search(attrs.group("attrs"))
            explicit_id = id_match.group("id") if id_match else None
            text = text[: attrs.start()]
        found.append(
            Heading(line.number, len(m.group("marks")), explicit_id or slugify(text), text.strip(), bool(explicit_id))
        )
    return found


def directives(text: str, name: str) -> set[str]:
    """What ``<!-- name: ignore a, b -->`` comments in the page ask to ignore (lower case).

    ``<!-- parity: ignore tables, images -->`` gives ``{"tables", "images"}``; a bare
    ``<!-- parity: ignore -->`` gives ``{"all"}``.
    """
    asked: set[str] = set()
    for m in _DIRECTIVE.finditer(text):
        if m.group("name").lower() != name:
            continue
        words = [w.strip().lower() for w in re.split(r"[,\s]+", m.group("what")) if w.strip()]
        asked.update(words or ["all"])
    return asked


def section_of(heads: list[Heading], line: int) -> Heading | None:
    """The heading whose section contains ``line`` (None before the first heading)."""
    current = None
    for head in heads:
        if head.number > line:
            break
        current = head
    return current
