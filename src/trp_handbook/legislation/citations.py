"""Python-Markdown extension: render ``[text](law:target)`` citations from the registry.

A chapter cites legislation with an ordinary Markdown link whose target starts
with ``law:``, readable in any Markdown viewer::

    [Article 13 of the Convention](law:coe-cets-197/art-13)
    [](law:eu-dir-2004-81/art-8/para-3)      <- empty text: written out from the registry

The rendered link points at the official text (at the article where the
registry knows a per-article link), carries the provision's heading as a
tooltip and is marked when the provision is not verified or the instrument is
no longer in force::

    <a class="law-ref law-ref--unverified" href="https://eur-lex..." title="Non-renewal"
       data-law="eu-dir-2004-81/art-13" id="law-eu-dir-2004-81-art-13-1"
       rel="noopener noreferrer">Art. 13 Directive 2004/81/EC</a><sup class="law-ref__mark ...">...</sup>

A target the registry does not know becomes ``<span class="law-ref law-ref--unknown">``
and a :class:`~trp_handbook.core.errors.Problem` in :attr:`CitationExtension.problems`
(with ``strict`` on, an :class:`UnknownCitationError` instead).

An identifier that the registry records as not verified (``NN 79/07`` recorded from
memory) gets the same "?" mark wherever the page prints it, written as the registry
spells it, outside code, links and headings::

    NN 79/07<sup class="law-ref__mark law-ref__mark--unverified">...</sup>

The table of legislation (:mod:`trp_handbook.legislation.table`) prints the same mark,
from :func:`mark_html`, so a reader meets one sign for "not verified" everywhere.

Processors, in the order they run:

| kind          | name            | priority | what it does                                                  |
|---------------|-----------------|----------|---------------------------------------------------------------|
| preprocessor  | ``law_lines``   | 28       | finds each citation with its line and occurrence number (after |
|               |                 |          | ``normalize_whitespace`` 30, before fenced code 25 is stashed) |
|               |                 |          | and tags its target with the citation's index                  |
| treeprocessor | ``law_links``   | 15       | rewrites ``<a href="law:...">`` (after ``inline`` 20 has made   |
|               |                 |          | the links, before ``attr_list`` 8 and ``toc`` 5, so the ids it  |
|               |                 |          | adds are known to the table of contents and to MkDocs)          |
| treeprocessor | ``law_values``  | 14       | marks unverified identifiers printed in the text (after the    |
|               |                 |          | links are rendered, before ``abbr`` 7 splits the text)         |
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from markdown import Extension, Markdown, util
from trp_handbook.core import texts
from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.project import data_dir
from trp_handbook.legislation.registry import (
    Registry,
    Resolved,
    UnknownTarget,
    citation_text,
    load_registry,
    resolve,
    unverified_values,
)
from trp_handbook.markdown import Reference, parse

MARK_SYMBOLS = {"unverified": "?", "repealed": "†"}
#: The kind of mark (its symbol and class) each label belongs to; the labels are the texts
#: ``mark_<label>`` of data/texts/citations.yml.
MARK_KINDS = {"unverified": "unverified", "unverified_value": "unverified", "repealed": "repealed"}

_ATTR_LIST = re.compile(r"\{:?[^}\n]*\}")
_TAGGED = re.compile(r"^law:(?P<target>.*?)(?:@(?P<index>\d+))?$")
#: Raw HTML that Python-Markdown has set aside, as it stands in the text until it is put back.
_PLACEHOLDER = re.compile(re.escape(util.HTML_PLACEHOLDER).replace(re.escape("%s"), r"(\d+)"))


class UnknownCitationError(HandbookError):
    """A ``law:`` target that is not in the registry, raised only when ``strict`` is on."""


def mark_label(kind: str, language: str) -> str:
    """The spoken label of a mark in ``language`` (the text ``mark_<kind>`` of the store)."""
    return texts.text(f"mark_{kind}", language)


def mark_element(label: str, language: str) -> etree.Element:
    """A mark: its symbol for the eye and its label (``label``, a key of MARK_KINDS) for a screen reader."""
    kind = MARK_KINDS[label]
    sup = etree.Element("sup", {"class": f"law-ref__mark law-ref__mark--{kind}"})
    symbol = etree.SubElement(sup, "span", {"aria-hidden": "true"})
    symbol.text = MARK_SYMBOLS[kind]
    spoken = etree.SubElement(sup, "span", {"class": "law-ref__label"})
    spoken.text = mark_label(label, language)
    return sup


def mark_html(label: str, language: str) -> str:
    """The same mark as raw HTML, for generated Markdown (the table of legislation)."""
    return etree.tostring(mark_element(label, language), encoding="unicode")


def value_pattern(registry: Registry) -> re.Pattern[str] | None:
    """The unverified identifiers of ``registry`` as one pattern, longest first, whole values only."""
    values = sorted({v.value for v in unverified_values(registry)}, key=len, reverse=True)
    if not values:
        return None
    alternatives = "|".join(re.escape(v) for v in values)
    return re.compile(rf"(?<![\w/.:-])(?:{alternatives})(?![\w/-]|[.:]\w)")


class _CitationLines(Preprocessor):
    """Record every citation of the document and tag its target with the citation's index."""

    def __init__(self, md: Markdown, ext: "CitationExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        # The source model reads the page as MkDocs hands it over: without its front matter.
        source = parse("\n".join(lines), self.ext.getConfig("page") or "<markdown>", front_matter=False)
        citations = list(source.references("law"))
        self.ext.citations = citations
        out = list(lines)
        # Right to left, so that the columns of the citations still to tag stay valid.
        for index, cit in sorted(enumerate(citations), key=lambda ic: (ic[1].line, -ic[1].column)):
            line = out[cit.line - 1]
            end = cit.column + len(cit.target)
            out[cit.line - 1] = f"{line[:end]}@{index}{line[end:]}"
        return out


class _CitationLinks(Treeprocessor):
    """Turn ``<a href="law:...">`` into a link to the official text, with marks."""

    def __init__(self, md: Markdown, ext: "CitationExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for link in [el for el in root.iter("a") if (el.get("href") or "").startswith("law:")]:
            m = _TAGGED.match(link.get("href", ""))
            target = m.group("target")
            index = int(m.group("index")) if m.group("index") else None
            citation = self.ext.citations[index] if index is not None and index < len(self.ext.citations) else None
            try:
                resolved = resolve(self.ext.registry, target)
            except UnknownTarget as exc:
                self._unknown(link, target, exc, citation)
                continue
            self._render(link, resolved, citation, parents.get(link))

    def _render(self, link: etree.Element, resolved: Resolved, citation: Reference | None, parent) -> None:
        language = self.ext.getConfig("language")
        classes = ["law-ref"]
        marks = []
        if not resolved.verified:
            classes.append("law-ref--unverified")
            marks.append("unverified")
        if resolved.instrument.is_repealed:
            classes.append("law-ref--repealed")
            marks.append("repealed")
        if link.get("class"):
            classes.append(link.get("class"))
        heading = resolved.heading or resolved.instrument.title
        attributes = {
            "class": " ".join(classes),
            "title": link.get("title") or heading,
            "data-law": resolved.target,
        }
        url = resolved.url
        if url:
            attributes["href"] = url
            attributes["rel"] = "noopener noreferrer"
        else:  # no known link: the citation is text, not a link
            link.tag = "span"
            link.attrib.pop("href", None)
        if citation is not None and "id" not in link.attrib:
            attributes["id"] = citation.anchor
        link.attrib.update(attributes)
        if not (link.text or "").strip() and len(link) == 0:
            link.text = citation_text(resolved, language)
        if parent is None:
            return
        position = list(parent).index(link)
        for offset, kind in enumerate(marks, start=1):
            parent.insert(position + offset, mark_element(kind, language))
        if marks:
            # The text after the link moves behind the marks, except an attribute list
            # ({ .historical }), which attr_list must still find right after the link.
            tail = link.tail or ""
            attrs = _ATTR_LIST.match(tail)
            keep = attrs.group(0) if attrs else ""
            link.tail = keep or None
            parent[position + len(marks)].tail = tail[len(keep):] or None

    def _unknown(self, link: etree.Element, target: str, exc: UnknownTarget, citation: Reference | None) -> None:
        problem = Problem(
            self.ext.getConfig("page") or "<markdown>", citation.line if citation else 1, exc.rule, exc.message
        )
        if self.ext.getConfig("strict"):
            raise UnknownCitationError(problem)
        self.ext.problems.append(problem)
        link.tag = "span"
        text = (link.text or "").strip()
        link.attrib.clear()
        link.attrib.update({"class": "law-ref law-ref--unknown", "data-law": target})
        if not text and len(link) == 0:
            link.text = f"law:{target}"


class _UnverifiedValues(Treeprocessor):
    """Put the unverified mark after every unverified identifier the text prints."""

    #: Elements whose own text is left alone: code, links (a citation has its own mark),
    #: headings (their text is the table of contents) and the marks themselves.
    SKIP = frozenset({"code", "pre", "kbd", "samp", "script", "style", "a", "span", "sup",
                      "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self, md: Markdown, ext: "CitationExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        pattern = self.ext.value_pattern
        if pattern is not None:
            self._visit(root, pattern, self.ext.getConfig("language"))

    def _visit(self, element: etree.Element, pattern: re.Pattern[str], language: str) -> None:
        if element.tag in self.SKIP:
            return  # its tail belongs to the parent, which marks it
        children = list(element)  # not the marks about to be inserted
        self._mark_text(element, pattern, language)
        for child in children:
            self._visit(child, pattern, language)
            if self._is_plain_link_to_mark(child, pattern):
                child = self._mark_after(element, child, language)
            self._mark_tail(element, child, pattern, language)

    @staticmethod
    def _is_plain_link_to_mark(element: etree.Element, pattern: re.Pattern[str]) -> bool:
        """A link (not a citation, which has its own marks) whose text is an unverified value."""
        if element.tag != "a" or "law-ref" in (element.get("class") or ""):
            return False
        return pattern.search("".join(element.itertext())) is not None

    @staticmethod
    def _mark_after(parent: etree.Element, link: etree.Element, language: str) -> etree.Element:
        """Insert a mark after ``link``; an attribute list (``{ rel=... }``) stays with the link."""
        tail = link.tail or ""
        attrs = _ATTR_LIST.match(tail)
        keep = attrs.group(0) if attrs else ""
        link.tail = keep or None
        mark = mark_element("unverified_value", language)
        mark.tail = tail[len(keep):] or None
        parent.insert(list(parent).index(link) + 1, mark)
        return mark

    def _split(self, text: str | None, pattern: re.Pattern[str]) -> list[str]:
        """``text`` cut after each unverified value not marked yet: ["... NN 79/07", " rest"]."""
        if not text:
            return []
        ends = [m.end() for m in pattern.finditer(text) if not self._marked_at(text, m.end())]
        if not ends:
            return []
        starts = [0, *ends]
        return [text[a:b] for a, b in zip(starts, [*ends, len(text)])]

    def _marked_at(self, text: str, position: int) -> bool:
        """Whether the text already carries a mark there, as raw HTML (the table of legislation writes its own)."""
        stashed = _PLACEHOLDER.match(text, position)
        if stashed is None:
            return False
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(stashed.group(1))
        return index < len(blocks) and str(blocks[index]).startswith('<sup class="law-ref__mark')

    def _mark_text(self, element: etree.Element, pattern: re.Pattern[str], language: str) -> None:
        pieces = self._split(element.text, pattern)
        if not pieces:
            return
        element.text = pieces[0]
        for k, rest in enumerate(pieces[1:]):
            sup = mark_element("unverified_value", language)
            sup.tail = rest or None
            element.insert(k, sup)

    def _mark_tail(self, parent: etree.Element, child: etree.Element, pattern: re.Pattern[str],
                   language: str) -> None:
        pieces = self._split(child.tail, pattern)
        if not pieces:
            return
        child.tail = pieces[0]
        position = list(parent).index(child)
        for k, rest in enumerate(pieces[1:], start=1):
            sup = mark_element("unverified_value", language)
            sup.tail = rest or None
            parent.insert(position + k, sup)


class CitationExtension(Extension):
    """Render ``law:`` citations from the legislation registry (see the module docstring)."""

    def __init__(self, **kwargs: Any):
        self.config = {
            "registry": [
                "",
                "The legislation registry: a trp_handbook.legislation.registry.Registry, or the path of the "
                "registry file (default: data/legislation.yml of the project)",
            ],
            "language": ["en", "Language code for generated citation texts and mark labels (data/languages.yml)"],
            "strict": [
                False,
                "Raise UnknownCitationError on a target that is not in the registry instead of collecting "
                "it in .problems (for engines without the MkDocs hook)",
            ],
            "page": ["", "Name of the document being converted, used in problems (the MkDocs hook sets it per page)"],
        }
        super().__init__(**kwargs)
        self.problems: list[Problem] = []
        self.citations: list[Reference] = []
        self._registry: Registry | None = None
        self._value_pattern: tuple[Registry, re.Pattern[str] | None] | None = None

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            value = self.getConfig("registry")
            if isinstance(value, Registry):
                self._registry = value
            else:
                path = Path(value) if value else data_dir() / "legislation.yml"
                self._registry = load_registry(path, str(value or "data/legislation.yml"))
        return self._registry

    @property
    def value_pattern(self) -> re.Pattern[str] | None:
        """The unverified identifiers to mark in the text (made once per registry)."""
        registry = self.registry
        if self._value_pattern is None or self._value_pattern[0] is not registry:
            self._value_pattern = (registry, value_pattern(registry))
        return self._value_pattern[1]

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        md.preprocessors.register(_CitationLines(md, self), "law_lines", 28)
        md.treeprocessors.register(_CitationLinks(md, self), "law_links", 15)
        md.treeprocessors.register(_UnverifiedValues(md, self), "law_values", 14)

    def reset(self) -> None:
        """Forget the current document's citations (problems stay until :meth:`take_problems`)."""
        self.citations = []

    def take_problems(self) -> list[Problem]:
        """The problems collected so far, emptying the list."""
        problems, self.problems = self.problems, []
        return problems


def makeExtension(**kwargs: Any) -> CitationExtension:  # noqa: N802 - Python-Markdown's name
    return CitationExtension(**kwargs)
