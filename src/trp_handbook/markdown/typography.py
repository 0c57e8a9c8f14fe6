"""Quotation marks per language: a Python-Markdown extension and its stylesheet.

Each language writes quotations its own way: “…” in English, « … » with
non-breaking spaces in French, „…“ or „…” in the languages of South-East
Europe. The Markdown source may keep straight quotes (``"…"``): this extension
turns a pair of them in the prose into a ``<q>`` element, and the stylesheet
``overrides/assets/stylesheets/quotes.css`` gives ``q`` the marks of the
language of the page (``q:lang(fr) { quotes: ... }``), on the site and in the
PDF books (WeasyPrint honours ``quotes`` and ``:lang()``). One extension serves
every language build, and an English page shown in another edition (marked
``lang="en"``) keeps English marks, because the marks follow the element's
language, not the build's.

Not turned into ``<q>``: code (code spans are read before), link targets and
titles (read before), raw HTML (stashed before), attribute values written
``key="value"`` (a ``=`` before the quote), a lone quote, and typographic quotes
already written. A quotation may wrap across the lines of its paragraph.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.inlinepatterns import InlineProcessor

from markdown import Extension, Markdown

#: A straight-quoted run (it may wrap across the paragraph's lines): not after a letter, digit or
#: "=" (an attribute value), not starting or ending with a space.
QUOTED = r'(?<![\w="])"(?=[^\s"])([^"{}]*?[^\s"])"(?![\w"])'


class _QuoteProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        element = etree.Element("q")
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


class QuotesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        # after code spans (190), links (160), autolinks and raw HTML (120-90), before emphasis (60)
        md.inlinePatterns.register(_QuoteProcessor(QUOTED, md), "trp_quotes", 65)


def makeExtension(**kwargs) -> QuotesExtension:  # noqa: N802 - Python-Markdown's entry point
    return QuotesExtension(**kwargs)
