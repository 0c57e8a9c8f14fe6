"""The legislation registry: every instrument the handbook cites, and its provisions.

``data/legislation.yml`` is the one source of truth for legal citations. This
module holds its schema, its loader and the pure functions built on it:

* :func:`load_registry` validates the file (errors name file, line, key path);
* :func:`resolve` turns a citation target such as ``eu-dir-2004-81/art-8/para-3``
  into the instrument and provision it names, or explains what is wrong and
  suggests the nearest target ("did you mean");
* :func:`citation_text` writes the citation in a page's language
  ("Art. 8(3) Directive 2004/81/EC", "чл. 8(3) Директиве 2004/81/ЕЗ");
* :func:`identifier_error` checks CELEX numbers, ELI URIs, Official Journal
  references and gazette references;
* :func:`registry_problems` finds malformed identifiers, duplicate ids and
  references to instruments that are not in the registry.

Every instrument and provision carries its verification: ``verified`` (true only
when it was read in a source), ``verification`` (how: ``en`` English text,
``translation`` an official text in another language, ``secondary`` a reliable
secondary source, ``none`` not checked) and ``source`` (where).
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from trp_handbook.core import texts
from trp_handbook.core.datafile import _line_of, load_model, read_yaml
from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.languages import by_code, default_language
from trp_handbook.translation.transliteration import to_latin as transliterate

Verification = Literal["en", "translation", "secondary", "none"]

#: Where an instrument sits in the table of legislation, by its type.
InstrumentType = Literal[
    "un_treaty",
    "coe_treaty",
    "soft_law_regional",
    "eu_directive",
    "eu_framework_decision",
    "eu_commission_report",
    "eu_commission_communication",
    "cjeu_judgment",
    "national_law",
    "national_bylaw",
]
GROUP_OF_TYPE: dict[str, str] = {
    "un_treaty": "international",
    "coe_treaty": "international",
    "soft_law_regional": "international",
    "eu_directive": "eu",
    "eu_framework_decision": "eu",
    "eu_commission_report": "eu",
    "eu_commission_communication": "eu",
    "cjeu_judgment": "eu",
    "national_law": "national",
    "national_bylaw": "national",
}

_LANGUAGE_CODE = r"^[a-z]{2}(-[A-Z][a-z]{3})?$"
_INSTRUMENT_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_PROVISION_ID = r"(?:art|para|subpara|point)-[0-9a-z]+"
TARGET = re.compile(rf"^(?P<instrument>{_INSTRUMENT_ID})(?P<path>(?:/{_PROVISION_ID})*)$")


# --------------------------------------------------------------------------- schema


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Checked(_Strict):
    """How a statement was verified. ``verified: true`` needs a method and a source."""

    verified: bool = False
    verification: Verification = "none"
    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _method_and_source(self) -> "Checked":
        if self.verified and self.verification == "none":
            raise ValueError("verified: true needs verification: en, translation or secondary (how it was checked)")
        if self.verified and not self.source:
            raise ValueError("verified: true needs a source (the text or page it was checked against)")
        return self


class Fact(Checked):
    """A statement about an instrument that is not a provision (a date, a scope rule, a change)."""

    text: str = Field(min_length=1)


class DatedFact(Checked):
    date: dt.date
    text: str | None = None


class Identifier(_Strict):
    """An official identifier. A plain string is shorthand for ``{value: ...}``.

    Without its own ``verified``, an identifier shares the instrument's verification
    (:meth:`Instrument.identifier_check`); with ``verified: true`` it needs its own
    method and source, like any other checked statement.
    """

    value: str = Field(min_length=1)
    verified: bool | None = None
    verification: Verification | None = None
    source: str | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        return {"value": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _method_and_source(self) -> "Identifier":
        if self.verified and self.verification in (None, "none"):
            raise ValueError("verified: true needs verification: en, translation or secondary (how it was checked)")
        if self.verified and not self.source:
            raise ValueError("verified: true needs a source (the text or page it was checked against)")
        return self


IdentifierKind = Literal[
    "celex",
    "celex_consolidated",
    "eli",
    "eli_consolidated",
    "oj",
    "cets",
    "official_gazette",
    "law_number",
    "com",
    "swd",
    "original_proposal",
    "case",
    "ecli",
    "ga_resolution",
    "unts",
    "untc",
    "un_registration",
    "un_doc",
]


class LocalTitle(_Strict):
    """An instrument's short title in one language.

    ``cited_as`` is the form written after an article number (a genitive in
    Serbian, Croatian, Bosnian, Albanian and Macedonian, "de la ..." in French);
    without it the title itself is used.
    """

    title: str = Field(min_length=1)
    cited_as: str | None = None
    basis: Literal[
        "handbook", "official", "official_summary", "government", "secondary", "original_title", "abbreviation"
    ] = "handbook"
    source: str | None = None
    note: str | None = None


class Amendment(Checked):
    """A provision as changed by a later instrument (the current wording)."""

    by: str
    date: dt.date | None = None
    heading: str | None = None
    heading_original: str | None = None
    heading_language: str | None = None


class Provision(Checked):
    """An article, paragraph or point, as deep as the handbook cites it."""

    id: str = Field(pattern=rf"^{_PROVISION_ID}$", description="art-6, para-1, point-a")
    heading: str | None = None
    heading_original: str | None = Field(None, description="the heading in the text that was read, if not English")
    heading_language: str | None = Field(None, pattern=_LANGUAGE_CODE)
    content: str | None = Field(None, description="one line on what the provision says")
    url: str | None = Field(None, pattern=r"^https?://")
    as_amended: Amendment | None = None
    provisions: list["Provision"] = []

    @model_validator(mode="after")
    def _nesting(self) -> "Provision":
        for child in self.provisions:
            if child.id.startswith("art-"):
                raise ValueError(f"{child.id} cannot sit inside {self.id}; expected para-, subpara- or point-")
        return self


class Status(Checked):
    value: Literal["in_force", "in_force_amended", "repealed", "replaced", "not_in_force", "unknown"]
    since: dt.date | None = None
    replaced_by: str | None = None
    amended_by: list[str] = []

    @property
    def is_repealed(self) -> bool:
        return self.value in ("repealed", "replaced")


class Ratification(Checked):
    state: str
    signed: dt.date | None = None
    ratified: dt.date | None = None
    entry_into_force: dt.date | None = None
    act: Identifier | None = Field(
        None, description="the State's ratification act as published (gazette), with its own verification"
    )


class Instrument(Checked):
    """One treaty, directive, communication, judgment, law or by-law."""

    id: str = Field(pattern=rf"^{_INSTRUMENT_ID}$")
    type: InstrumentType
    jurisdiction: str = Field(pattern=r"^(UN|CoE|EU|SEE|[A-Z]{2})$", description="UN, CoE, EU, SEE or a country code")
    title: str = Field(min_length=1, description="official title (in English where one exists)")
    original_title: str | None = None
    original_language: str | None = Field(None, pattern=_LANGUAGE_CODE)
    short_titles: dict[str, LocalTitle]
    date: dt.date | None = None
    dates: dict[str, DatedFact] = {}
    identifiers: dict[IdentifierKind, Identifier] = {}
    url: str | None = Field(None, pattern=r"^https?://", description="the official text or its official page")
    article_url: str | None = Field(
        None,
        pattern=r"^https?://.*\{article\}",
        description="link to one article, with {article} (only where the source supports it)",
    )
    status: Status | None = None
    amends: list[str] = []
    replaces: list[str] = []
    legal_basis: str | None = None
    issuer: str | None = None
    facts: list[Fact] = []
    ratifications: list[Ratification] = []
    provisions: list[Provision] = []

    @field_validator("short_titles")
    @classmethod
    def _english_first(cls, value: dict[str, LocalTitle]) -> dict[str, LocalTitle]:
        if "en" not in value:
            raise ValueError("needs an English short title (short_titles.en)")
        for code in value:
            if not re.match(_LANGUAGE_CODE, code):
                raise ValueError(f"{code!r} is not a language code; expected e.g. en, sr, hr, sr-Latn")
        return value

    @model_validator(mode="after")
    def _national_has_country(self) -> "Instrument":
        country = self.jurisdiction not in ("UN", "CoE", "EU", "SEE") and re.match(r"^[A-Z]{2}$", self.jurisdiction)
        if GROUP_OF_TYPE[self.type] == "national" and not country:
            raise ValueError(f"a {self.type} needs a two-letter country code as jurisdiction")
        return self

    @property
    def group(self) -> str:
        return GROUP_OF_TYPE[self.type]

    def identifier_check(self, kind: str) -> tuple[bool, str]:
        """(verified, verification) of identifier ``kind``: its own, or else the instrument's.

        A reader cannot tell an identifier recorded from memory from one read in the
        gazette, so every place that prints one asks this first and marks it if needed.
        """
        ident = self.identifiers[kind]
        if ident.verified is None:
            return self.verified, self.verification
        return ident.verified, ident.verification or "none"

    @property
    def is_repealed(self) -> bool:
        return self.status is not None and self.status.is_repealed


class Meta(_Strict):
    as_at: dt.date = Field(description="the date the registry states the law as at")
    version: str
    converted_from: list[str] = []
    legend: dict[str, str] = {}
    warning: str | None = None


class RegistryFile(_Strict):
    meta: Meta
    instruments: list[Instrument] = Field(min_length=1)


# --------------------------------------------------------------------------- loaded registry


@dataclass(frozen=True)
class Node:
    """A provision with its place: instrument, path and YAML key path."""

    instrument: Instrument
    path: tuple[str, ...]
    chain: tuple[Provision, ...]
    key_path: tuple[Any, ...]

    @property
    def provision(self) -> Provision:
        return self.chain[-1]

    @property
    def target(self) -> str:
        return "/".join((self.instrument.id, *self.path))


@dataclass
class Registry:
    """The validated registry, indexed for lookups, with the lines of its entries."""

    data: RegistryFile
    shown_as: str
    _yaml: Any = None
    instruments: dict[str, Instrument] = field(default_factory=dict)
    instrument_index: dict[str, int] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, inst in enumerate(self.data.instruments):
            if inst.id in self.instruments:
                continue  # a duplicate: reported by registry_problems, the first one counts
            self.instruments[inst.id] = inst
            self.instrument_index[inst.id] = i
            for node in _walk(inst, inst.provisions, (), (), ("instruments", i, "provisions")):
                self.nodes.setdefault(node.target, node)

    @property
    def as_at(self) -> dt.date:
        return self.data.meta.as_at

    def line(self, key_path: tuple[Any, ...]) -> int:
        """The line of the entry at ``key_path`` in the registry file."""
        return _line_of(self._yaml, key_path)

    def instrument_line(self, instrument_id: str) -> int:
        return self.line(("instruments", self.instrument_index[instrument_id]))

    def provisions_of(self, instrument_id: str) -> list[Node]:
        prefix = instrument_id + "/"
        return [n for t, n in self.nodes.items() if t.startswith(prefix)]


def _walk(inst, provisions, path, chain, key_path) -> Iterator[Node]:
    for j, prov in enumerate(provisions):
        here = (*path, prov.id)
        keys = (*key_path, j)
        node = Node(inst, here, (*chain, prov), keys)
        yield node
        yield from _walk(inst, prov.provisions, here, node.chain, (*keys, "provisions"))


#: Registries already read in this process, by (path, name shown, content digest).
_loaded: dict[tuple[str, str, str], Registry] = {}


def load_registry(path: Path, shown_as: str | None = None) -> Registry:
    """Read and validate the registry; broken input raises :class:`HandbookError`.

    The site engine builds each language in turn in one process and every build
    asks for the registry: it is parsed once per content (a changed file is
    read again), and callers treat the result as read-only.
    """
    shown_as = shown_as or path.name
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = ""  # missing or unreadable: load_model reports it
    key = (str(path.resolve()), shown_as, digest)
    if digest and key in _loaded:
        return _loaded[key]
    data = load_model(path, RegistryFile, shown_as)
    _, node = read_yaml(path, shown_as)
    registry = Registry(data=data, shown_as=shown_as, _yaml=node)
    if digest:
        _loaded.clear()  # keep only the newest: a preview server reads many versions
        _loaded[key] = registry
    return registry


# --------------------------------------------------------------------------- resolving targets


class UnknownTarget(LookupError):
    """A citation target that the registry cannot resolve; ``rule`` names the check."""

    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule
        self.message = message


@dataclass(frozen=True)
class Resolved:
    """What a citation target points at."""

    target: str
    instrument: Instrument
    node: Node | None

    @property
    def provision(self) -> Provision | None:
        return self.node.provision if self.node else None

    @property
    def path(self) -> tuple[str, ...]:
        return self.node.path if self.node else ()

    @property
    def _checked(self) -> Checked:
        """The verification the citation rests on: the provision's current wording, or the instrument."""
        prov = self.provision
        if prov is None:
            return self.instrument
        if prov.as_amended and prov.as_amended.verified:
            return prov.as_amended  # cited as in force now, and that wording was read
        return prov

    @property
    def verified(self) -> bool:
        """Whether the cited provision (or instrument) itself was read in a source."""
        return self._checked.verified

    @property
    def verification(self) -> str:
        return self._checked.verification

    @property
    def heading(self) -> str | None:
        """The heading of the provision, or of the nearest article above it (current wording)."""
        if not self.node:
            return None
        for prov in reversed(self.node.chain):
            if prov.as_amended and prov.as_amended.heading:
                return prov.as_amended.heading
            if prov.heading:
                return prov.heading
        return None

    @property
    def url(self) -> str | None:
        """The official text, at the article where the registry knows a per-article link."""
        inst = self.instrument
        if self.node:
            for prov in reversed(self.node.chain):
                if prov.url:
                    return prov.url
            if inst.article_url:
                return inst.article_url.format(article=self.node.path[0].removeprefix("art-"))
        return inst.url


@dataclass(frozen=True)
class UnverifiedValue:
    """An identifier printed somewhere that the registry does not record as read in a source."""

    instrument: str
    kind: str
    value: str


def unverified_values(registry: Registry) -> list[UnverifiedValue]:
    """Every identifier of the registry that rests on no source (``verified: false``, own or inherited)."""
    found = []
    for inst in registry.instruments.values():
        for kind, ident in inst.identifiers.items():
            if not inst.identifier_check(kind)[0]:
                found.append(UnverifiedValue(inst.id, kind, ident.value))
    return found


def did_you_mean(word: str, candidates: list[str]) -> str | None:
    """The candidate closest to ``word``, if any is close enough."""
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def _old_style_target(registry: Registry, target: str) -> str | None:
    """The path form of a draft-registry provision id.

    ``eu-dir-2011-36-art-11-6`` or ``rs-law-foreigners-2018/art-40-1-12`` ->
    ``.../art-11/para-6``, ``.../art-40/para-1/point-12`` (or the nearest provision that exists).
    """
    for instrument_id in registry.instruments:
        for joiner in ("-", "/"):
            rest = target.removeprefix(instrument_id + joiner)
            if rest == target or not rest.startswith("art-"):
                continue
            number, *subs = rest[4:].split("-")
            levels = ["para", "point", "point"]
            parts = [f"art-{number}", *(f"{levels[min(k, 2)]}-{sub}" for k, sub in enumerate(subs))]
            while parts:
                candidate = f"{instrument_id}/{'/'.join(parts)}"
                if candidate in registry.nodes:
                    return candidate
                parts.pop()
    return None


def resolve(registry: Registry, target: str) -> Resolved:
    """The instrument and provision named by ``target``; :class:`UnknownTarget` if none."""
    m = TARGET.match(target)
    if not m:
        hint = _old_style_target(registry, target) or did_you_mean(
            target, list(registry.nodes) + list(registry.instruments)
        )
        raise UnknownTarget(
            "malformed-target",
            f"law:{target} is not a citation target; expected instrument-id[/art-N[/para-N[/point-x]]], "
            f"e.g. law:eu-dir-2004-81/art-8/para-3" + (f"; did you mean law:{hint}?" if hint else ""),
        )
    instrument_id = m.group("instrument")
    inst = registry.instruments.get(instrument_id)
    if inst is None:
        hint = _old_style_target(registry, target) or did_you_mean(
            target, list(registry.nodes) + list(registry.instruments)
        )
        raise UnknownTarget(
            "unknown-instrument",
            f"law:{target}: no instrument {instrument_id!r} in the registry; "
            + (f"did you mean law:{hint}?" if hint else "add it to the registry or correct the id"),
        )
    if not m.group("path"):
        return Resolved(target, inst, None)
    node = registry.nodes.get(target)
    if node is None:
        path = m.group("path")[1:]
        hint = did_you_mean(path, [n.target.split("/", 1)[1] for n in registry.provisions_of(instrument_id)])
        raise UnknownTarget(
            "unknown-provision",
            f"law:{target}: {instrument_id} has no provision {path!r} in the registry; "
            + (
                f"did you mean law:{instrument_id}/{hint}?"
                if hint
                else "add it to the registry (with its verification) or cite the instrument"
            ),
        )
    return Resolved(target, inst, node)


# --------------------------------------------------------------------------- citation text


def edition_source(language: str) -> tuple[str, bool]:
    """The language whose texts an edition uses, and whether to transliterate them to Latin.

    A generated edition (sr-Latn) takes its source's texts (sr), transliterated.
    """
    try:
        lang = by_code(language)
    except (KeyError, HandbookError):  # a code outside data/languages.yml uses its own texts
        return language, False
    if lang.generated_from:
        return lang.generated_from, lang.script == "Latn"
    return language, False


#: The text of the store that writes each kind of provision (data/texts/citations.yml).
_PROVISION_TEXTS = {"art": "provision_article", "para": "provision_paragraph", "subpara": "provision_subparagraph",
                    "point": "provision_point_number"}


def provision_label(path: tuple[str, ...], language: str) -> str:
    """A provision's label as ``language`` cites it: ``("art-8", "para-3")`` -> ``Art. 8(3)``, ``чл. 8 ст. 3``.

    Each part is the text store's form for its kind (``provision_article``,
    ``provision_paragraph``, ...) appended as written. A point numbered by a
    letter takes the letter at the same place in the edition's list of point
    letters (``provision_point_letters``): ``point-b`` is ``б`` in Serbian.
    A generated edition (sr-Latn) writes its source's label, transliterated.
    """
    source, latin = edition_source(language)
    label = ""
    for part in path:
        kind, number = part.split("-", 1)
        if kind == "point" and not number.isdigit():
            label += texts.text("provision_point_letter", source, letter=_point_letter(number, source))
        else:
            label += texts.text(_PROVISION_TEXTS[kind], source, number=number)
    return transliterate(label) if latin else label


def _point_letter(letter: str, language: str) -> str:
    """The registry's point letter (as the English text letters it) in the letters ``language`` numbers points with."""
    english = texts.template("provision_point_letters", default_language().code)
    own = texts.template("provision_point_letters", language)
    index = english.find(letter) if len(letter) == 1 else -1
    if index < 0 or index >= len(own):
        raise HandbookError(f"point-{letter}: no {language} point letter for {letter!r}; expected one letter of "
                            f"{english!r} (provision_point_letters in data/texts/citations.yml)")
    return own[index]


def short_title(instrument: Instrument, language: str) -> LocalTitle:
    """The instrument's short title in ``language``, or the English one."""
    return instrument.short_titles.get(language) or instrument.short_titles["en"]


def citation_text(resolved: Resolved, language: str) -> str:
    """The citation written out in ``language``: "Art. 8(3) Directive 2004/81/EC"."""
    source, latin = edition_source(language)
    title = short_title(resolved.instrument, source)
    if resolved.node is None:
        text = title.title
    else:
        text = f"{provision_label(resolved.path, source)} {title.cited_as or title.title}"
    return transliterate(text) if latin else text


# --------------------------------------------------------------------------- identifiers

_CELEX = re.compile(r"^[0-9CE](?:19|20)\d{2}[A-Z]{1,2}\d{4}(?:\(\d{2}\))?(?:-\d{8})?$")
_ELI_EU = re.compile(
    r"^https?://data\.europa\.eu/eli/[a-z_]+/\d{4}/\d+(?:/(?:oj|\d{4}-\d{2}-\d{2}))?(?:/[a-z]{3})?$"
)
_OJ = re.compile(
    r"^OJ (?:[LC] \d+, \d{1,2}\.\d{1,2}\.\d{4}(?:, p\. \d+(?:[-–]\d+)?)?"
    r"|[LC], \d{4}/\d+, \d{1,2}\.\d{1,2}\.\d{4})$"
)
_ISSUE = r"\d+/\d{2}(?:\d{2})?"
_GAZETTE = re.compile(
    rf"^[^\d,;()]+? (?:{_ISSUE}(?:, {_ISSUE})*(?: \([^)]*\))?|No\. \d+, \d{{1,2}} [A-Z][a-z]+ \d{{4}})$"
)
_COM = re.compile(r"^COM\(\d{4}\) ?\d+(?: final)?$")
#: kind -> (pattern, what it is, an example)
_PATTERNS: dict[str, tuple[re.Pattern[str], str, str]] = {
    "celex": (_CELEX, "a CELEX number", "32004L0081 (sector, year, document type, number)"),
    "celex_consolidated": (_CELEX, "a consolidated CELEX number", "02011L0036-20240714"),
    "eli": (_ELI_EU, "an EU ELI URI", "http://data.europa.eu/eli/dir/2004/81/oj"),
    "eli_consolidated": (_ELI_EU, "an EU ELI URI", "http://data.europa.eu/eli/dir/2011/36/2024-07-14"),
    "oj": (_OJ, "an Official Journal reference", "'OJ L 261, 6.8.2004, p. 19-23' or 'OJ L, 2024/1712, 24.6.2024'"),
    "cets": (re.compile(r"^\d{1,3}$"), "a CETS number", "197"),
    "official_gazette": (
        _GAZETTE,
        "a gazette reference",
        "'Sluzbeni glasnik RS 24/2018, 31/2019' or 'NN 130/11' (the gazette's name, then issue/year numbers)",
    ),
    "ecli": (re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9.]{1,7}:\d{4}:[A-Z0-9.]{1,25}$"), "an ECLI", "ECLI:EU:C:2022:434"),
    "case": (re.compile(r"^[CTF]-\d+/\d{2}(?: [A-Z]+)?$"), "a CJEU case number", "C-66/21"),
    "com": (_COM, "a COM document number", "COM(2014) 635 final"),
    "original_proposal": (_COM, "a COM document number", "COM(2007) 249"),
    "swd": (re.compile(r"^SWD\(\d{4}\) ?\d+(?: final)?$"), "an SWD document number", "SWD(2014) 318 final"),
    "law_number": (re.compile(r"^[0-9A-Z][0-9A-Z/.\-]*$"), "a law number", "108/2013 or 04/L-218"),
}


def identifier_error(kind: str, value: str) -> str | None:
    """What is wrong with an identifier, or ``None`` if it has the expected form."""
    rule = _PATTERNS.get(kind)
    if rule is None:
        return None
    pattern, what, example = rule
    if pattern.match(value):
        return None
    return f"{value!r} is not {what}; expected e.g. {example}"


# --------------------------------------------------------------------------- registry checks


def registry_problems(registry: Registry) -> list[Problem]:
    """Malformed identifiers, duplicate ids and references to missing instruments."""
    problems: list[Problem] = []
    file = registry.shown_as

    def at(key_path: tuple[Any, ...]) -> int:
        return registry.line(key_path)

    seen: dict[str, int] = {}
    for i, inst in enumerate(registry.data.instruments):
        base = ("instruments", i)
        if inst.id in seen:
            problems.append(
                Problem(file, at((*base, "id")), "duplicate-id",
                        f"instrument id {inst.id!r} is already used at line {seen[inst.id]}; expected unique ids")
            )
        else:
            seen[inst.id] = at((*base, "id"))
        for kind, ident in inst.identifiers.items():
            error = identifier_error(kind, ident.value)
            if error:
                problems.append(
                    Problem(file, at((*base, "identifiers", kind)), "identifier",
                            f"{inst.id}.identifiers.{kind}: {error}")
                )
        problems.extend(_duplicate_provisions(registry, inst, inst.provisions, (*base, "provisions"), ""))
        references: list[tuple[tuple[Any, ...], str, str]] = []
        if inst.status and inst.status.replaced_by:
            references.append(((*base, "status", "replaced_by"), "status.replaced_by", inst.status.replaced_by))
        if inst.status:
            references += [((*base, "status", "amended_by", k), "status.amended_by", ref)
                           for k, ref in enumerate(inst.status.amended_by)]
        references += [((*base, "amends", k), "amends", ref) for k, ref in enumerate(inst.amends)]
        references += [((*base, "replaces", k), "replaces", ref) for k, ref in enumerate(inst.replaces)]
        for node in _walk(inst, inst.provisions, (), (), (*base, "provisions")):
            if node.provision.as_amended:
                references.append(
                    ((*node.key_path, "as_amended", "by"), f"{'/'.join(node.path)}.as_amended.by",
                     node.provision.as_amended.by)
                )
        for key_path, name, ref in references:
            if ref not in registry.instruments:
                hint = did_you_mean(ref, list(registry.instruments))
                problems.append(
                    Problem(file, at(key_path), "dangling-reference",
                            f"{inst.id}.{name}: {ref!r} is not an instrument in the registry; expected an instrument id"
                            + (f" (did you mean {hint!r}?)" if hint else ""))
                )
    return problems


def _duplicate_provisions(registry, inst, provisions, key_path, prefix) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for j, prov in enumerate(provisions):
        path = f"{prefix}{prov.id}"
        if prov.id in seen:
            problems.append(
                Problem(registry.shown_as, registry.line((*key_path, j, "id")), "duplicate-id",
                        f"{inst.id} lists provision {path!r} twice; expected unique provision ids")
            )
        seen.add(prov.id)
        problems.extend(
            _duplicate_provisions(registry, inst, prov.provisions, (*key_path, j, "provisions"), f"{path}/")
        )
    return problems
