"""Serbian Cyrillic to Latin, for the generated ``sr-Latn`` edition.

The Latin edition is never edited by hand: it is made from ``docs/sr/`` at build
time. The letter mapping is the official Serbian one, from the ``cyrtranslit``
library; this module adds what a Markdown document needs on top of it:

* only prose is changed: link targets, ``law:`` references, attribute lists
  (``{ #id }``), inline code, fenced code, HTML tags and front-matter keys are
  kept, so anchors, citations and links stay identical to the Cyrillic edition;
* all-capital words keep all capitals (ЉУБАВ -> LJUBAV, not LjUBAV).
"""

from __future__ import annotations

import re

import cyrtranslit

_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+")

# Parts of a Markdown line that must not be transliterated, tried in order.
_PROTECTED = re.compile(
    r"""
    (?P<code>`+[^`]*`+)                      # inline code
  | (?P<target>\]\([^)]*\))                  # link / image target ](...)
  | (?P<ref>^\s{0,3}\[[^\]]+\]:\s*\S+)       # reference definition
  | (?P<attr>\{\s*[:#.][^}]*\})              # attribute list { #id .class }
  | (?P<tag></?[A-Za-z][^>]*>)               # HTML tag (its attributes)
  | (?P<url>https?://\S+)                    # bare URL
    """,
    re.VERBOSE | re.MULTILINE,
)


def _word_to_latin(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = cyrtranslit.to_latin(word, "sr")
    if len(word) > 1 and word.isupper():
        return latin.upper()
    return latin


def to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic prose; leaves Latin text unchanged."""
    return _CYRILLIC_WORD.sub(_word_to_latin, text)


def _transliterate_line(line: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _PROTECTED.finditer(line):
        out.append(to_latin(line[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(to_latin(line[pos:]))
    return "".join(out)


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_FRONT_MATTER_KEY = re.compile(r"^(\s*[A-Za-z_][\w-]*:)(.*)$")


def markdown_to_latin(markdown: str) -> str:
    """Transliterate a whole Markdown page (front matter values included, keys kept)."""
    lines = markdown.split("\n")
    out: list[str] = []
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    fence: str | None = None
    for index, line in enumerate(lines):
        if in_front_matter:
            if index > 0 and line.strip() in ("---", "..."):
                in_front_matter = False
                out.append(line)
                continue
            m = _FRONT_MATTER_KEY.match(line)
            if m and index > 0:
                out.append(m.group(1) + to_latin(m.group(2)))
            else:
                out.append(line if index == 0 else to_latin(line))
            continue
        fence_match = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            out.append(line)
            continue
        out.append(_transliterate_line(line))
    return "\n".join(out)
