"""One fact written in a page's language, with the mark and the link every reader meets.

Why here and not in each view: the key-facts box, the comparison table, the
diagram, the verification list and a ``[](fact:...)`` in prose must write the
same value the same way, so that a reader (and a test) finds one wording per
edition. Words come from the text store (``fact_term_*``), lengths from Babel's
unit patterns (plural forms per language), dates from :func:`texts.long_date`,
legal provisions from the registry's :func:`citation_text`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from babel.units import format_unit

from trp_handbook.core import texts
from trp_handbook.jurisdictions.model import Facts, FactValue
from trp_handbook.legislation.citations import mark_element
from trp_handbook.legislation.registry import citation_text, resolve

_UNITS = {"days": "duration-day", "months": "duration-month", "years": "duration-year"}


def label(name: str, language: str) -> str:
    """The label of a fact (``permit/duration`` -> "Duration of the permit")."""
    return texts.text("fact_label_" + name.replace("-", "_").replace("/", "_"), language)


def value_text(facts: Facts, value: FactValue, language: str) -> str:
    """The value as ``language`` writes it, without mark: "60 дана", "16. јун 2023.", "чл. 40 ст. 1 тач. 12 ..."."""
    kind = value.kind
    if kind == "term":
        return texts.text(f"fact_term_{value.term}", language)
    if kind in _UNITS:
        amount = format_unit(getattr(value, kind), _UNITS[kind], length="long", locale=texts.babel_locale(language))
        if value.qualifier:
            return texts.text(f"fact_{value.qualifier}", language, value=amount)
        return amount
    if kind == "date":
        return texts.long_date(value.date, language)
    if kind == "law":
        return citation_text(resolve(facts.registry, value.law), language)
    return texts.decimal(value.number, language)


def value_url(facts: Facts, value: FactValue) -> str | None:
    """Where the value is stated: the cited provision, or the provision recorded for it."""
    target = value.law or value.provision
    return resolve(facts.registry, target).url if target else None


def value_element(facts: Facts, value: FactValue, language: str, name: str = "", tag: str = "span") -> list[etree.Element]:
    """The value as HTML elements: a link to its source provision (or text), then its mark if unverified."""
    classes = "fact-value" + ("" if value.verified else " fact-value--unverified")
    url = value_url(facts, value)
    element = etree.Element("a" if url else tag, {"class": classes})
    if url:
        element.set("href", url)
        element.set("rel", "noopener noreferrer")
    if name:
        element.set("data-fact", name)
    element.text = value_text(facts, value, language)
    out = [element]
    if not value.verified:
        out.append(mark_element("unverified_value", language))
    return out


def marked_text(facts: Facts, value: FactValue, language: str) -> str:
    """The value as plain text with "?" when unverified (the diagram's labels, the description)."""
    text = value_text(facts, value, language)
    return text if value.verified else f"{text} ?"
