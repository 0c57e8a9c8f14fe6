"""The generated blocks: the key-facts box, the comparison table, the verification list.

Each is an ElementTree element the Markdown extension puts where the page wrote
``[](fact:rs/key-facts)``, ``[](fact:see/comparison)`` or ``[](fact:rs/to-verify)``
alone in a paragraph, so that every edition has the same block at the same place
and no translator copies a value. Links to profiles are written as ``serbia.md``
relative to the page, so that MkDocs turns them into the edition's URLs.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from trp_handbook.core import texts
from trp_handbook.jurisdictions.model import Facts
from trp_handbook.jurisdictions.values import label, value_element
from trp_handbook.legislation.citations import mark_element
from trp_handbook.legislation.registry import citation_text, resolve

#: The facts of the key-facts box, in order.
BOX_FACTS: tuple[str, ...] = (
    "law",
    "reflection-period/provided",
    "reflection-period/length",
    "reflection-period/length-children",
    "reflection-period/article",
    "permit-presumed/provided",
    "permit-presumed/article",
    "permit/provided",
    "permit/article",
    "permit/duration",
    "permit/renewable",
    "permit/cooperation",
    "authority",
    "cets-197/status",
    "cets-197/ratified",
    "greta/latest",
)
#: The rows of the comparison table (one column per jurisdiction).
COMPARISON_FACTS: tuple[str, ...] = (
    "law",
    "reflection-period/provided",
    "reflection-period/length",
    "permit-presumed/provided",
    "permit/provided",
    "permit/duration",
    "permit/renewable",
    "permit/cooperation",
    "cets-197/status",
    "cets-197/ratified",
    "greta/latest",
)
#: The rows of the comparison of the Council of Europe Convention's status.
CETS_FACTS: tuple[str, ...] = ("cets-197/status", "cets-197/signed", "cets-197/ratified", "cets-197/in-force")
ROWS = {"comparison": COMPARISON_FACTS, "cets-197": CETS_FACTS}


def _cell(parent: etree.Element, tag: str, facts: Facts, jid: str, name: str, language: str) -> None:
    cell = etree.SubElement(parent, tag)
    value = facts.values[jid].get(name)
    if value is not None:
        cell.extend(value_element(facts, value, language, f"{jid}/{name}"))


def key_facts(facts: Facts, jid: str, language: str) -> etree.Element:
    """The box at the top of a profile: one row per key fact."""
    box = etree.Element("div", {"class": "facts-box", "data-jurisdiction": jid})
    table = etree.SubElement(box, "table", {"class": "facts-box__table"})
    caption = etree.SubElement(table, "caption")
    caption.text = texts.text("facts_box_title", language)
    body = etree.SubElement(table, "tbody")
    for name in BOX_FACTS:
        if name not in facts.values[jid]:
            continue
        row = etree.SubElement(body, "tr")
        head = etree.SubElement(row, "th", {"scope": "row"})
        head.text = label(name, language)
        _cell(row, "td", facts, jid, name, language)
    note = etree.SubElement(box, "p", {"class": "facts-box__note"})
    note.text = texts.text("facts_box_note", language, date=texts.long_date(facts.meta.as_at, language))
    return box


def comparison(facts: Facts, language: str, page: str, which: str = "comparison") -> etree.Element:
    """A comparison of every jurisdiction (``ROWS[which]``): facts as rows, jurisdictions as columns."""
    wrap = etree.Element("div", {"class": "facts-comparison", "data-comparison": which})
    table = etree.SubElement(wrap, "table", {"class": "facts-comparison__table"})
    caption = etree.SubElement(table, "caption")
    caption.text = texts.text("comparison_caption", language, date=texts.long_date(facts.meta.as_at, language))
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    corner = etree.SubElement(head, "th", {"scope": "col"})
    corner.text = texts.text("comparison_jurisdiction", language)
    here = posixpath.dirname(page)
    for jur in facts.jurisdictions:
        th = etree.SubElement(head, "th", {"scope": "col"})
        link = etree.SubElement(th, "a", {"href": posixpath.relpath(jur.profile, here or ".")})
        link.text = texts.text(f"country_{jur.country}", language)
    body = etree.SubElement(table, "tbody")
    for name in ROWS[which]:
        row = etree.SubElement(body, "tr")
        th = etree.SubElement(row, "th", {"scope": "row"})
        th.text = label(name, language)
        for jur in facts.jurisdictions:
            _cell(row, "td", facts, jur.id, name, language)
    return wrap


def to_verify(facts: Facts, jid: str, language: str) -> etree.Element:
    """The facts marked unverified, each with the sources that would settle it."""
    box = etree.Element("div", {"class": "facts-to-verify", "data-jurisdiction": jid})
    open_facts = [(name, v) for name, v in facts.facts_of(jid) if not v.verified]
    intro = etree.SubElement(box, "p")
    if not open_facts:
        intro.text = texts.text("to_verify_none", language)
        return box
    intro.text = texts.text("to_verify_intro", language)
    items = etree.SubElement(box, "ul")
    for name, value in open_facts:
        item = etree.SubElement(items, "li", {"data-fact": f"{jid}/{name}"})
        item.text = texts.text("to_verify_label", language, label=label(name, language)) + " "
        item.extend(value_element(facts, value, language, f"{jid}/{name}"))
        if value.settle:
            tail = item[-1]
            tail.tail = (tail.tail or "") + " — " + texts.text("to_verify_settle", language) + " "
            for k, where in enumerate(value.settle):
                item.append(_source_link(facts, where, language))
                if k < len(value.settle) - 1:
                    item[-1].tail = "; "
    return box


def _source_link(facts: Facts, where: str, language: str) -> etree.Element:
    """A source that would settle a value: a registry entry (its citation) or an address (its host)."""
    if "://" in where:
        link = etree.Element("a", {"href": where, "rel": "noopener noreferrer"})
        link.text = urlsplit(where).hostname or where
        return link
    resolved = resolve(facts.registry, where)
    url = resolved.url
    link = etree.Element("a" if url else "span", {"class": "law-ref"})
    if url:
        link.set("href", url)
        link.set("rel", "noopener noreferrer")
    link.text = citation_text(resolved, language)
    return link


def unverified_mark(language: str) -> etree.Element:
    return mark_element("unverified_value", language)
