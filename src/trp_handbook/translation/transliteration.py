"""Serbian Cyrillic to Latin, for the generated ``sr-Latn`` edition.

The Latin edition is never edited by hand: it is made from ``docs/sr/`` at build
time. The letter mapping is the official Serbian one, from the ``cyrtranslit``
library; this module adds what a Markdown document needs on top of it:

* only what a reader reads is changed (the source model's prose, front-matter
  values, abbreviation keys): link targets, ``law:`` references, attribute lists
  (``{ #id }``), code, comments, HTML tags and front-matter keys are kept, so
  anchors, citations and links stay identical to the Cyrillic edition;
* all-capital words keep all capitals (ЉУБАВ -> LJUBAV, not LjUBAV).
"""

from __future__ import annotations

import re

import cyrtranslit

from trp_handbook.markdown import READER_TEXT, parse

_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+")


def _word_to_latin(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = cyrtranslit.to_latin(word, "sr")
    if len(word) > 1 and word.isupper():
        return latin.upper()
    return latin


def to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic prose; leaves Latin text unchanged."""
    return _CYRILLIC_WORD.sub(_word_to_latin, text)


def markdown_to_latin(markdown: str) -> str:
    """Transliterate a whole Markdown page: what a reader sees, nothing a link, an id or code needs.

    The page's source model (:mod:`trp_handbook.markdown`) names every run of the
    page by kind; the reader's text (prose, front-matter values such as the
    title, abbreviation keys, so that they still match the transliterated text)
    is transliterated, everything else is kept as written.
    """
    return "".join(to_latin(s.text) if s.kind in READER_TEXT else s.text for s in parse(markdown).segments)
