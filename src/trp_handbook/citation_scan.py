"""Find the legal citations in Markdown source: ``[text](law:target)`` with file and line.

One scanner serves the checker, the translation parity check, the table of
legislation and the Python-Markdown extension, so that all of them agree on
what a citation is:

* an inline link whose target starts with ``law:`` (``[Art. 6](law:eu-dir-2004-81/art-6)``,
  or ``[](law:...)`` with empty text), or a reference definition ``[x]: law:...``;
* not inside fenced code, inline code, an HTML comment or the YAML front matter;
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

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<types>[\w-]+(?:[ \t]+[\w-]+)*)")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_COMMENT = re.compile(r"<!--.*?-->")
_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]"
    r"\(\s*<?law:(?P<target>[^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_HISTORICAL_ATTR = re.compile(r"\{:?[^}]*(?<![\w-])\.historical(?![\w-])[^}]*\}")
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?P<text>[^\]]+)\]:\s*<?law:(?P<target>[^\s>]*)>?")

HISTORICAL = "historical"


@dataclass(frozen=True)
class Citation:
    """One ``law:`` link in a Markdown source."""

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


def anchor_id(target: str, ordinal: int) -> str:
    """The HTML id of the ``ordinal``-th citation of ``target`` on a page."""
    return "law-" + re.sub(r"[^a-z0-9]+", "-", target.lower()).strip("-") + f"-{ordinal}"


def _indent(text: str) -> int:
    return len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))


def _blank_out(pattern: re.Pattern[str], line: str) -> str:
    """Replace matches by spaces, keeping the columns of the rest of the line."""
    return pattern.sub(lambda m: " " * len(m.group(0)), line)


def scan_text(
    text: str, file: str = "<text>", page: str = "", language: str = "", front_matter: bool = True
) -> list[Citation]:
    """All citations in a Markdown document, in source order (see :func:`_scan`)."""
    return list(_scan(text, file, page, language, front_matter))


# The checks, the table of legislation and the parity check of every language build
# scan the same pages again; a scan depends on its arguments only.
@lru_cache(maxsize=1024)
def _scan(
    text: str, file: str = "<text>", page: str = "", language: str = "", front_matter: bool = True
) -> tuple[Citation, ...]:
    """All citations in a Markdown document, in source order.

    ``front_matter=False`` for text whose front matter has already been removed
    (MkDocs hands Python-Markdown the page without it).
    """
    lines = text.replace("\r\n", "\n").split("\n")
    citations: list[Citation] = []
    seen: Counter[str] = Counter()
    fence: tuple[str, int] | None = None  # (fence characters, indent) while inside fenced code
    in_comment = False
    blocks: list[tuple[int, bool]] = []  # open admonitions: (indent of the marker, historical?)
    start = 0
    if front_matter and lines and lines[0].strip() == "---":  # YAML front matter is not rendered
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                start = i + 1
                break

    for number, raw in enumerate(lines[start:], start=start + 1):
        if fence is not None:
            m = _FENCE.match(raw)
            if m and m.group("fence")[0] == fence[0][0] and len(m.group("fence")) >= len(fence[0]) \
                    and not raw[m.end():].strip():
                fence = None
            continue
        if raw.strip():
            indent = _indent(raw)
            while blocks and indent <= blocks[-1][0]:
                blocks.pop()
        m = _FENCE.match(raw)
        if m:
            fence = (m.group("fence"), _indent(m.group("indent")))
            continue
        m = _ADMONITION.match(raw)
        if m:
            blocks.append((_indent(m.group("indent")), HISTORICAL in m.group("types").split()))
            continue

        line = raw
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = " " * (end + 3) + line[end + 3:]
            in_comment = False
        line = _blank_out(_COMMENT, line)
        if "<!--" in line:
            line = line[: line.index("<!--")]
            in_comment = True
        line = _blank_out(_INLINE_CODE, line)

        historical = any(h for _, h in blocks)
        found = list(_LINK.finditer(line))
        ref = _REFERENCE.match(line)
        if ref:
            found.append(ref)
        for match in sorted(found, key=lambda m: m.start()):
            target = match.group("target")
            seen[target] += 1
            marked = bool(_HISTORICAL_ATTR.match(line, match.end()))
            citations.append(
                Citation(file, number, target, match.group("text").strip(), historical or marked, seen[target],
                         page, language, match.start("target"))
            )
    return tuple(citations)


def scan_file(path: Path, shown_as: str, page: str = "", language: str = "") -> list[Citation]:
    return scan_text(path.read_text(encoding="utf-8"), shown_as, page, language)


def page_title(text: str) -> str | None:
    """A page's title: ``title:`` in its front matter, else its first level-one heading."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() in ("---", "..."):
                break
            m = re.match(r"^title:\s*(.+?)\s*$", line)
            if m:
                return m.group(1).strip("'\"")
    for line in lines:
        m = re.match(r"^#\s+(.+?)\s*#*\s*$", line)
        if m:
            return re.sub(r"\s*\{[^}]*\}\s*$", "", m.group(1)).strip()
    return None
