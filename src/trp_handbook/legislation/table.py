"""The table of legislation (one Markdown page per language) and ``legislation.json``.

Both are derived from the registry and from the citations found in ``docs/``:

* :func:`table_markdown` writes ``annexes/legislation.md`` for one edition:
  every instrument of the registry, grouped as international, European Union
  and national law (by country), each cited provision as a ``law:`` citation
  (so it is rendered and marked like any other) and links back to every place
  that cites it (``../see/serbia.md#law-rs-law-foreigners-2018-art-40-1``).
* :func:`legislation_json` is the machine-readable registry with its
  verification and the citations of every page, published with the site.

Whatever the registry records as not verified (an instrument, an identifier, a
status) is printed with the "?" mark that citations carry (:func:`~trp_handbook.legislation.citations.mark_html`),
and ``legislation.json`` gives the verification of every value it lists.

An edition's pages are its own translations plus the English pages shown in
their place (the i18n fallback); a generated edition (sr-Latn) uses the pages of
its source (sr), transliterated.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trp_handbook.core import generated
from trp_handbook.core.languages import default_language
from trp_handbook.core.texts import text
from trp_handbook.legislation.check import language_folders, source_language
from trp_handbook.legislation.citations import mark_html
from trp_handbook.legislation.registry import (
    GROUP_OF_TYPE,
    Instrument,
    Registry,
    UnknownTarget,
    citation_text,
    edition_source,
    provision_label,
    resolve,
    short_title,
)
from trp_handbook.legislation.scan import Citation, scan_text
from trp_handbook.markdown import parse
from trp_handbook.translation.transliteration import to_latin

PAGE = generated.LEGISLATION

_TYPE_ORDER = list(GROUP_OF_TYPE)
#: The identifiers an instrument's line shows, in this order, with the text that labels each
#: (data/texts/legislation-table.yml); None: the value is shown as it is.
_SHOWN_IDENTIFIERS = {
    "celex": "identifier_celex",
    "eli": "identifier_eli",
    "oj": None,
    "cets": "identifier_cets",
    "official_gazette": None,
    "law_number": "identifier_law_number",
    "com": None,
    "case": None,
    "ecli": None,
}


def _country(code: str, language: str) -> str:
    """A jurisdiction's name in ``language`` (the text ``country_<code>`` of the store)."""
    return text(f"country_{code}", language)


@dataclass
class EditionPage:
    """A page as an edition shows it: its own translation or the English page in its place."""

    page: str  # path inside the language folder
    title: str
    citations: list[Citation] = field(default_factory=list)


def edition_pages(docs: Path, language: str, shown: Callable[[Path], str]) -> list[EditionPage]:
    """The pages of ``language``'s edition with their citations, in page order."""
    folders = language_folders(docs)
    source = source_language()
    own, latin = language, False
    if language not in folders:
        own, latin = edition_source(language)
    chosen: dict[str, tuple[Path, str]] = {}
    for code in (source, own):
        folder = folders.get(code)
        if folder is None:
            continue
        for path in folder.rglob("*.md"):
            chosen[path.relative_to(folder).as_posix()] = (path, code)
    pages = []
    for page in sorted(chosen):
        if page == PAGE:
            continue
        path, code = chosen[page]
        content = path.read_text(encoding="utf-8")
        title = parse(content, shown(path)).title or posixpath.splitext(posixpath.basename(page))[0]
        if latin and code == own:
            title = to_latin(title)
        pages.append(EditionPage(page, title, scan_text(content, shown(path), page, code)))
    return pages


def _instrument_order(inst: Instrument, language: str) -> tuple:
    # countries in the order of their names as the edition writes them (sr-Latn: in Latin)
    country = _country(inst.jurisdiction, language)
    return (country, _TYPE_ORDER.index(inst.type), str(inst.date or ""), inst.id)


def _escape(label: str) -> str:
    return label.replace("[", "\\[").replace("]", "\\]")


def table_markdown(registry: Registry, language: str, pages: list[EditionPage]) -> str:
    """The Markdown of ``annexes/legislation.md`` for one edition."""
    cited: dict[str, list[tuple[EditionPage, Citation]]] = {}
    for page in pages:
        for cit in page.citations:
            try:
                target = resolve(registry, cit.target).target
            except UnknownTarget:
                continue
            cited.setdefault(target, []).append((page, cit))

    lines = [
        f"# {text('legislation_title', language)} {{ #table-of-legislation }}",
        "",
        text("legislation_intro", language, date=registry.as_at.isoformat()),
        "",
        text("legislation_legend", language),
        "",
    ]
    groups = ("international", "eu", "national")
    for group in groups:
        instruments = sorted(
            (i for i in registry.instruments.values() if i.group == group),
            key=lambda i: _instrument_order(i, language) if group == "national" else (
                _TYPE_ORDER.index(i.type), str(i.date or ""), i.id),
        )
        if not instruments:
            continue
        lines += [f"## {text(f'legislation_{group}', language)} {{ #{group} }}", ""]
        country = None
        for inst in instruments:
            level = "###"
            if group == "national":
                level = "####"
                if inst.jurisdiction != country:
                    country = inst.jurisdiction
                    name = _country(country, language)
                    lines += [f"### {name} {{ #national-{country.lower()} }}", ""]
            lines += _instrument_section(registry, inst, language, level, cited)
    return "\n".join(lines).rstrip() + "\n"


def _instrument_section(registry: Registry, inst: Instrument, language: str, level: str,
                        cited: dict[str, list[tuple[EditionPage, Citation]]]) -> list[str]:
    source, latin = edition_source(language)

    def local(title: str) -> str:
        return to_latin(title) if latin else title

    title = local(short_title(inst, source).title)
    lines = [f"{level} {_escape(title[:1].upper() + title[1:])} {{ #{inst.id} }}", ""]

    def checked(value: str, verified: bool) -> str:
        return value if verified else value + mark_html("unverified_value", language)

    # The heading stays plain (it is the table of contents); the facts line under it carries the marks.
    facts = [checked(" ".join(inst.title.split()), inst.verified)]
    if inst.original_title:
        facts.append(checked(inst.original_title, inst.verified))
    if inst.date:
        facts.append(checked(inst.date.isoformat(), inst.verified))
    for kind, label in _SHOWN_IDENTIFIERS.items():
        if kind in inst.identifiers:
            value = inst.identifiers[kind].value
            value = f'[{value}]({value}){{ rel="noopener noreferrer" }}' if value.startswith("http") else value
            shown = text(label, language, value=value) if label else value
            facts.append(checked(shown, inst.identifier_check(kind)[0]))
    if inst.url:
        facts.append(f'[{text("legislation_official_text", language)}]({inst.url}){{ rel="noopener noreferrer" }}')
    lines += [" · ".join(facts), ""]
    if inst.status and inst.status.replaced_by and inst.status.replaced_by in registry.instruments:
        other = registry.instruments[inst.status.replaced_by]
        other_title = local(short_title(other, source).title)
        replaced = f"{text('legislation_replaced_by', language)}: [{_escape(other_title)}](#{other.id})"
        lines += [checked(replaced, inst.status.verified), ""]

    targets = [t for t in cited if t == inst.id or t.startswith(inst.id + "/")]
    if not targets:
        return lines + [text("legislation_not_cited", language), ""]
    order = {n.target: k for k, n in enumerate(registry.provisions_of(inst.id))}
    for target in sorted(targets, key=lambda t: order.get(t, -1)):
        resolved = resolve(registry, target)
        if resolved.node is None:
            label = text("legislation_as_a_whole", language)
            item = f"[{_escape(label)}](law:{target})"
        else:
            item = f"[](law:{target})"
        if resolved.heading:
            item += f" — {_escape(resolved.heading)}"
        links = []
        for page, cit in cited[target]:
            href = posixpath.relpath(page.page, posixpath.dirname(PAGE)) + "#" + cit.anchor
            name = page.title if cit.ordinal == 1 else f"{page.title} ({cit.ordinal})"
            links.append(f"[{_escape(name)}]({href})")
        lines.append(f"- {item} — {text('legislation_cited_in', language)}: {', '.join(links)}")
    return lines + [""]


def _checked_json(checked: Any) -> dict[str, Any]:
    """The verification of a checked statement (a date, a fact, a ratification), as JSON."""
    return {"verified": checked.verified, "verification": checked.verification, "source": checked.source,
            "note": checked.note}


def _identifiers_json(inst: Instrument) -> dict[str, dict[str, Any]]:
    """Each identifier with the verification it rests on (its own, or the instrument's)."""
    shown = {}
    for kind, ident in inst.identifiers.items():
        verified, verification = inst.identifier_check(kind)
        shown[kind] = {"value": ident.value, "verified": verified, "verification": verification,
                       "source": ident.source if ident.verified is not None else inst.source, "note": ident.note}
    return shown


def legislation_json(registry: Registry, citations: dict[str, list[Citation]]) -> dict[str, Any]:
    """The registry with its verification and every page's citations, for ``legislation.json``.

    Every value carries the verification it rests on, so that a reader of the file
    can no more take an unverified identifier, date or fact for a fact than a reader
    of the pages.
    """
    instruments = []
    for inst in registry.instruments.values():
        provisions = []
        for node in registry.provisions_of(inst.id):
            prov = node.provision
            provisions.append({
                "target": node.target,
                "label": provision_label(node.path, default_language().code),
                "heading": prov.heading,
                "heading_as_amended": prov.as_amended.heading if prov.as_amended else None,
                "content": prov.content,
                "verified": prov.verified,
                "verification": prov.verification,
                "source": prov.source,
            })
        status = inst.status
        instruments.append({
            "id": inst.id,
            "type": inst.type,
            "group": inst.group,
            "jurisdiction": inst.jurisdiction,
            "title": " ".join(inst.title.split()),
            "original_title": inst.original_title,
            "short_titles": {code: t.title for code, t in inst.short_titles.items()},
            "date": inst.date.isoformat() if inst.date else None,
            "dates": {name: {"date": d.date.isoformat(), "text": d.text, **_checked_json(d)}
                      for name, d in inst.dates.items()},
            "identifiers": _identifiers_json(inst),
            "url": inst.url,
            "status": None if status is None else {
                "value": status.value,
                "since": status.since.isoformat() if status.since else None,
                "replaced_by": status.replaced_by,
                "amended_by": status.amended_by,
                "verified": status.verified,
                "verification": status.verification,
                "source": status.source,
                "note": status.note,
            },
            "verified": inst.verified,
            "verification": inst.verification,
            "source": inst.source,
            "facts": [{"text": f.text, **_checked_json(f)} for f in inst.facts],
            "ratifications": [_ratification_json(inst, r) for r in inst.ratifications],
            "provisions": provisions,
        })
    pages: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for language, cits in sorted(citations.items()):
        for cit in cits:
            try:
                resolved = resolve(registry, cit.target)
                verified: bool | None = resolved.verified
            except UnknownTarget:
                verified = None
            pages.setdefault(language, {}).setdefault(cit.page, []).append({
                "target": cit.target,
                "line": cit.line,
                "anchor": cit.anchor,
                "text": (cit.text or citation_text(resolved, language)) if verified is not None else cit.text,
                "verified": verified,
                "historical": cit.historical,
            })
    return {
        "as_at": registry.as_at.isoformat(),
        "registry": registry.shown_as,
        "instruments": instruments,
        "citations": pages,
    }


def _ratification_json(inst: Instrument, ratification: Any) -> dict[str, Any]:
    def day(value: Any) -> str | None:
        return value.isoformat() if value else None

    act = ratification.act
    # An act without its own verification shares the ratification's, as identifiers share the instrument's.
    act_verified = ratification.verified if act is None or act.verified is None else act.verified
    act_verification = ratification.verification if act is None or act.verified is None else (
        act.verification or "none")
    return {
        "state": ratification.state,
        "signed": day(ratification.signed),
        "ratified": day(ratification.ratified),
        "entry_into_force": day(ratification.entry_into_force),
        **_checked_json(ratification),
        "act": None if act is None else {
            "value": act.value,
            "verified": act_verified,
            "verification": act_verification,
            "source": act.source,
            "note": act.note,
        },
    }
