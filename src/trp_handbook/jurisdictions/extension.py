"""Python-Markdown extension: render ``[](fact:rs/reflection-period/length)`` from data/jurisdictions.yml.

The sibling of the ``law:`` citations (:mod:`trp_handbook.legislation.citations`),
read by the same source model (:mod:`trp_handbook.markdown`, ``references("fact")``):

* in prose, ``[](fact:rs/reflection-period/length)`` becomes the value in the
  page's language, linked to the provision that states it, with the "?" mark
  when it is not verified;
* alone in its paragraph, a view target becomes a generated block:
  ``fact:rs/key-facts`` (the key-facts box), ``fact:rs/diagram`` (the process
  diagram, inline SVG), ``fact:rs/to-verify`` (what still needs verification)
  and ``fact:see/comparison`` / ``fact:see/cets-197`` (comparisons of every jurisdiction).

A translation writes the same references, so a changed value changes every
edition and no translation is outdated for it. An unknown target becomes
``<span class="fact fact--unknown">`` and a :class:`Problem` (``strict``: an
:class:`UnknownFactError` naming file and line).

| kind          | name          | priority | what it does                                              |
|---------------|---------------|----------|-----------------------------------------------------------|
| preprocessor  | ``fact_lines``| 27       | finds each reference with its line (after ``law_lines``)  |
| treeprocessor | ``fact_links``| 16       | writes values and blocks (before ``law_links`` 15)        |
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from markdown import Extension, Markdown
from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.project import data_dir
from trp_handbook.jurisdictions import views
from trp_handbook.jurisdictions.diagram import diagram_svg
from trp_handbook.jurisdictions.model import Facts, UnknownFact, load_facts, resolve_fact
from trp_handbook.jurisdictions.values import value_element
from trp_handbook.legislation.registry import load_registry
from trp_handbook.markdown import Reference, parse

_TAGGED = re.compile(r"^fact:(?P<target>.*?)(?:@(?P<index>\d+))?$")


class UnknownFactError(HandbookError):
    """A ``fact:`` target that data/jurisdictions.yml does not know, raised only when ``strict`` is on."""


class _FactLines(Preprocessor):
    def __init__(self, md: Markdown, ext: "FactExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        source = parse("\n".join(lines), self.ext.getConfig("page") or "<markdown>", front_matter=False)
        refs = list(source.references("fact"))
        self.ext.references = refs
        out = list(lines)
        for index, ref in sorted(enumerate(refs), key=lambda ir: (ir[1].line, -ir[1].column)):
            line = out[ref.line - 1]
            end = ref.column + len(ref.target)
            out[ref.line - 1] = f"{line[:end]}@{index}{line[end:]}"
        return out


class _FactLinks(Treeprocessor):
    def __init__(self, md: Markdown, ext: "FactExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for link in [el for el in root.iter("a") if (el.get("href") or "").startswith("fact:")]:
            m = _TAGGED.match(link.get("href", ""))
            target = m.group("target")
            index = int(m.group("index")) if m.group("index") else None
            ref = self.ext.references[index] if index is not None and index < len(self.ext.references) else None
            try:
                found = resolve_fact(self.ext.facts, target)
            except UnknownFact as exc:
                self._unknown(link, target, exc, ref)
                continue
            parent = parents.get(link)
            if found.is_view:
                self._view(link, parent, parents.get(parent) if parent is not None else None, found)
            else:
                self._value(link, parent, found)

    def _value(self, link: etree.Element, parent: etree.Element | None, found) -> None:
        language = self.ext.getConfig("language")
        elements = value_element(self.ext.facts, found.value, language, found.target)
        written = (link.text or "").strip() or len(link)
        if written:  # the page wrote its own words: keep them, link and mark them
            elements[0].text, elements[0][:] = link.text, list(link)
        tail = link.tail
        if parent is None:
            return
        position = list(parent).index(link)
        parent.remove(link)
        for offset, element in enumerate(elements):
            parent.insert(position + offset, element)
        elements[-1].tail = tail

    def _view(self, link: etree.Element, paragraph: etree.Element | None, holder: etree.Element | None, found) -> None:
        language = self.ext.getConfig("language")
        facts = self.ext.facts
        alone = (paragraph is not None and paragraph.tag == "p" and len(paragraph) == 1
                 and not (paragraph.text or "").strip() and not (link.tail or "").strip() and holder is not None)
        if not alone:
            self._problem(found.target, "fact-view-placement",
                          f"fact:{found.target} is a generated block; expected it alone in its own paragraph")
            link.tag, link.attrib = "span", {"class": "fact fact--unknown"}
            return
        if found.name == "diagram":
            placeholder = self.md.htmlStash.store(diagram_svg(facts, found.jurisdiction, language))
            paragraph.remove(link)
            paragraph.text = placeholder
            return
        if found.name == "key-facts":
            block = views.key_facts(facts, found.jurisdiction, language)
        elif found.name == "to-verify":
            block = views.to_verify(facts, found.jurisdiction, language)
        else:
            block = views.comparison(facts, language, self.ext.page_in_language, found.name)
        position = list(holder).index(paragraph)
        block.tail = paragraph.tail
        holder.remove(paragraph)
        holder.insert(position, block)

    def _unknown(self, link: etree.Element, target: str, exc: UnknownFact, ref: Reference | None) -> None:
        self._problem(target, exc.rule, exc.message, ref)
        text = (link.text or "").strip()
        link.tag = "span"
        link.attrib.clear()
        link.attrib.update({"class": "fact fact--unknown", "data-fact": target})
        if not text and len(link) == 0:
            link.text = f"fact:{target}"

    def _problem(self, target: str, rule: str, message: str, ref: Reference | None = None) -> None:
        if ref is None:
            ref = next((r for r in self.ext.references if r.target == target), None)
        problem = Problem(self.ext.getConfig("page") or "<markdown>", ref.line if ref else 1, rule, message)
        if self.ext.getConfig("strict"):
            raise UnknownFactError(problem)
        self.ext.problems.append(problem)


class FactExtension(Extension):
    """Render ``fact:`` references from data/jurisdictions.yml (see the module docstring)."""

    def __init__(self, **kwargs: Any):
        self.config = {
            "facts": ["", "The facts: a trp_handbook.jurisdictions.model.Facts, or the path of data/jurisdictions.yml"],
            "language": ["en", "Language code of the page (data/languages.yml)"],
            "strict": [False, "Raise UnknownFactError on an unknown target instead of collecting it in .problems"],
            "page": ["", "Name of the document being converted, used in problems (docs/en/see/serbia.md)"],
        }
        super().__init__(**kwargs)
        self.problems: list[Problem] = []
        self.references: list[Reference] = []
        self._facts: Facts | None = None

    @property
    def facts(self) -> Facts:
        if self._facts is None:
            value = self.getConfig("facts")
            if isinstance(value, Facts):
                self._facts = value
            else:
                registry = load_registry(data_dir() / "legislation.yml", "data/legislation.yml")
                path = Path(value) if value else data_dir() / "jurisdictions.yml"
                self._facts = load_facts(path, registry, str(value or "data/jurisdictions.yml"))
        return self._facts

    @property
    def page_in_language(self) -> str:
        """The page's path inside its language folder (see/index.md), for relative links to profiles."""
        page = self.getConfig("page") or ""
        parts = page.split("/")
        if len(parts) > 2 and parts[0] == "docs":
            return "/".join(parts[2:])
        return page

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.registerExtension(self)
        md.preprocessors.register(_FactLines(md, self), "fact_lines", 27)
        md.treeprocessors.register(_FactLinks(md, self), "fact_links", 16)

    def reset(self) -> None:
        self.references = []

    def take_problems(self) -> list[Problem]:
        problems, self.problems = self.problems, []
        return problems


def makeExtension(**kwargs: Any) -> FactExtension:  # noqa: N802 - Python-Markdown's name
    return FactExtension(**kwargs)
