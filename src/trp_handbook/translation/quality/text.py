"""What the quality checks read of a page: its prose as words, sentences and sections.

Everything comes from the page's one source model (:attr:`trp_handbook.markdown.Page.prose`
and :attr:`~trp_handbook.markdown.Page.blocks`): code, link targets, ``law:``
references, attribute lists, HTML tags and front matter are never read here.
Chunks that hold a digit (``2011/36/EU``, ``ECLI:EU:C:2020:123``, ``No.&nbsp;197``'s
number) are identifiers, not words: they are left to the numbers rule.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from trp_handbook.markdown import Block, Page, parse

#: A word: letters, with inner apostrophes and hyphens (``l'étranger``, ``co-ordinating``, ``t'u``).
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: An identifier: a run of non-space characters that holds a digit, or a domain name (``ecoi.net``).
_IDENTIFIER = re.compile(r"[^\s()\[\],;]*\d[^\s()\[\],;]*|\b[\w-]+(?:\.[\w-]+)*\.(?:net|org|com|int|eu|gov|mk|rs|hr|ba|al|me|fr|info)\b")
_CYRILLIC = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
#: A sentence ends at . ! ? (or …) followed by a space and no lower-case letter.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»“)]*\s+(?=[^\s\w]*[^\W\d_])(?![a-zа-џ])")


@dataclass(frozen=True)
class Token:
    text: str
    line: int
    column: int


def blank_identifiers(text: str) -> str:
    """The text with identifiers and domain names replaced by spaces (same length, same columns)."""
    return _IDENTIFIER.sub(lambda m: " " * len(m.group(0)), text)


@functools.lru_cache(maxsize=512)
def tokens(text: str) -> tuple[Token, ...]:
    """The page's prose words, with the line and column (1-based) each starts at."""
    found = []
    for segment in parse(text).prose:
        clean = blank_identifiers(segment.text)
        for m in WORD.finditer(clean):
            before = segment.text[: m.start()]
            line = segment.line + before.count("\n")
            column = (m.start() - before.rfind("\n")) if "\n" in before else segment.column + m.start()
            found.append(Token(m.group(0), line, column))
    return tuple(found)


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


def is_latin(word: str) -> bool:
    return bool(_LATIN.search(word))


def blocks(text: str) -> tuple[Block, ...]:
    return parse(text).blocks


def sentences(block_text: str) -> list[str]:
    """A block's text as sentences (a heuristic good enough to find one pasted sentence)."""
    return [s.strip() for s in _SENTENCE_END.split(block_text) if s.strip()]


def page(text: str) -> Page:
    return parse(text)
