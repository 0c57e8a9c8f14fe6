"""The schema of ``data/jurisdictions.yml``, its loader and the lookup of one fact.

Why a file of values: a length, a date or "independent of cooperation" written
as prose in seven languages needs seven edits when the law changes and marks
every translation outdated. As data, it is written once; a page refers to it
with ``[](fact:rs/reflection-period/length)`` and every edition follows.

A fact carries its verification exactly as the registry does (``verified``,
``verification``, ``source``, ``note``: :class:`~trp_handbook.legislation.registry.Checked`).
The Council of Europe Convention's dates are not repeated here: they are read
from the ratifications of ``coe-cets-197`` in the registry (:func:`_ratification_facts`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from trp_handbook.core.datafile import _line_of, read_model
from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.legislation.registry import Checked, Registry, UnknownTarget, _Strict, resolve

#: The words a fact may take as its value; each is the text ``fact_term_<word>`` of data/texts/jurisdictions.yml.
Term = Literal["yes", "no", "unknown", "independent", "tied", "personal_situation", "party", "not_party",
               "not_applicable"]
TERMS: tuple[str, ...] = Term.__args__  # type: ignore[attr-defined]

#: The facts every jurisdiction states (a value, or ``term: unknown``), in the order the
#: key-facts box and the verification list show them.
REQUIRED_FACTS: tuple[str, ...] = (
    "law",
    "reflection-period/provided",
    "reflection-period/length",
    "reflection-period/article",
    "reflection-period/starts",
    "permit-presumed/provided",
    "permit-presumed/article",
    "permit-presumed/duration",
    "permit/provided",
    "permit/article",
    "permit/duration",
    "permit/renewable",
    "permit/cooperation",
    "authority",
    "cets-197/status",
    "greta/round",
    "greta/latest",
)
#: Facts a jurisdiction may add (shown where they exist).
OPTIONAL_FACTS: tuple[str, ...] = ("reflection-period/length-children",)
#: Facts read from the registry (the ratifications of CETS No. 197), not written in the file.
REGISTRY_FACTS: tuple[str, ...] = ("cets-197/signed", "cets-197/ratified", "cets-197/in-force")
ALL_FACTS: tuple[str, ...] = (*REQUIRED_FACTS[:15], *REGISTRY_FACTS, *REQUIRED_FACTS[15:], *OPTIONAL_FACTS)

#: The generated blocks a page can place with a ``fact:`` reference alone in its paragraph.
VIEWS: tuple[str, ...] = ("key-facts", "diagram", "to-verify")
#: The comparisons of every jurisdiction: ``[](fact:see/comparison)`` (the key facts) and
#: ``[](fact:see/cets-197)`` (the Council of Europe Convention's signature and ratification).
COMPARISONS: tuple[str, ...] = ("see/comparison", "see/cets-197")

CETS = "coe-cets-197"
_VALUE_FIELDS = ("term", "days", "months", "years", "date", "law", "number")


class FactValue(Checked):
    """One fact: exactly one value, its verification, the provision that states it."""

    term: Term | None = None
    days: int | None = Field(None, gt=0)
    months: int | None = Field(None, gt=0)
    years: int | None = Field(None, gt=0)
    qualifier: Literal["up_to", "at_least"] | None = None
    date: dt.date | None = None
    law: str | None = Field(None, description="a citation target of data/legislation.yml")
    number: int | None = Field(None, ge=0)
    provision: str | None = Field(None, description="the law: target of the provision that states the value")
    settle: list[str] = Field([], description="where an unverified value would be settled: law: targets or https addresses")

    @model_validator(mode="after")
    def _one_value(self) -> "FactValue":
        given = [name for name in _VALUE_FIELDS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"a fact has exactly one value, found {given or 'none'}; expected one of "
                             + ", ".join(_VALUE_FIELDS))
        if self.qualifier and given[0] not in ("days", "months", "years"):
            raise ValueError("qualifier (up_to, at_least) goes with days, months or years only")
        if self.term == "unknown" and self.verified:
            raise ValueError("term: unknown cannot be verified: true (an unknown value is not a verified fact)")
        return self

    @field_validator("settle")
    @classmethod
    def _settle_form(cls, value: list[str]) -> list[str]:
        for item in value:
            if not (item.startswith("https://") or item.startswith("http://") or re.match(r"^[a-z0-9-]+(/[a-z0-9-]+)*$", item)):
                raise ValueError(f"settle entry {item!r}: expected a law: target (rs-law-foreigners-2018) or an https address")
        return value

    @property
    def kind(self) -> str:
        return next(name for name in _VALUE_FIELDS if getattr(self, name) is not None)

    @property
    def is_unknown(self) -> bool:
        return self.term == "unknown"

    def plain(self) -> Any:
        """The value for JSON: the word, the number, the ISO date, the target or a length."""
        kind = self.kind
        if kind in ("days", "months", "years"):
            return {"amount": getattr(self, kind), "unit": kind, "qualifier": self.qualifier}
        value = getattr(self, kind)
        return value.isoformat() if isinstance(value, dt.date) else value


class Jurisdiction(_Strict):
    id: str = Field(pattern=r"^[a-z]{2}$")
    country: str = Field(pattern=r"^[A-Z]{2}$", description="the code of data/texts/countries.yml (country_XX)")
    profile: str = Field(pattern=r"^see/[a-z-]+\.md$")
    cets_state: str | None = Field(description="the state's name in the ratifications of coe-cets-197; null: not a Party")
    instruments: list[str] = Field(min_length=1)
    facts: dict[str, FactValue]

    @field_validator("facts")
    @classmethod
    def _every_fact(cls, facts: dict[str, FactValue]) -> dict[str, FactValue]:
        missing = [name for name in REQUIRED_FACTS if name not in facts]
        if missing:
            raise ValueError(f"missing facts {', '.join(missing)}; expected a value or term: unknown for each")
        return facts


class Meta(_Strict):
    as_at: dt.date
    converted_from: list[str] = []


class JurisdictionsFile(_Strict):
    meta: Meta
    jurisdictions: list[Jurisdiction] = Field(min_length=1)


@dataclass(frozen=True)
class Facts:
    """The loaded file with the registry facts added: what pages and views ask."""

    meta: Meta
    jurisdictions: list[Jurisdiction]
    values: dict[str, dict[str, FactValue]]  # jurisdiction id -> fact name -> value (file and registry)
    lines: dict[str, int]  # "rs/reflection-period/length" -> its line in the file
    registry: Registry
    shown_as: str

    def jurisdiction(self, jid: str) -> Jurisdiction:
        return next(j for j in self.jurisdictions if j.id == jid)

    def facts_of(self, jid: str) -> list[tuple[str, FactValue]]:
        """A jurisdiction's facts in display order."""
        values = self.values[jid]
        return [(name, values[name]) for name in ALL_FACTS if name in values]


class UnknownFact(LookupError):
    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule, self.message = rule, message


def _ratification_facts(registry: Registry, state: str | None) -> dict[str, FactValue]:
    """CETS No. 197 signature, ratification and entry into force, from the registry's ratification."""
    if state is None:
        na = FactValue(term="not_applicable", verified=True, verification="en", source="not a Party (cets-197/status)")
        return {name: na for name in REGISTRY_FACTS}
    inst = registry.instruments[CETS]
    rat = next((r for r in inst.ratifications if r.state == state), None)
    out = {}
    for name, attr in zip(REGISTRY_FACTS, ("signed", "ratified", "entry_into_force")):
        date = getattr(rat, attr, None) if rat else None
        if date is None:
            out[name] = FactValue(term="unknown", note=(rat.note if rat else None),
                                  settle=["https://verdragenbank.overheid.nl/nl/Verdrag/Details/011298_b.html",
                                          "https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=197"])
        else:
            out[name] = FactValue(date=date, verified=rat.verified, verification=rat.verification,
                                  source=rat.source or "data/legislation.yml (coe-cets-197 ratifications)",
                                  note=rat.note, provision=CETS)
    return out


def load_facts(path: Path, registry: Registry, shown_as: str = "data/jurisdictions.yml") -> Facts:
    """Read and check the file; every problem names its line (:class:`HandbookError`)."""
    model, node = read_model(path, JurisdictionsFile, shown_as)
    if CETS not in registry.instruments:
        raise HandbookError(Problem(shown_as, 1, "unknown-instrument",
                                    f"the registry {registry.shown_as} has no {CETS}; expected the registry that "
                                    "records the Convention's ratifications (data/legislation.yml)"))
    problems: list[Problem] = []
    values: dict[str, dict[str, FactValue]] = {}
    lines: dict[str, int] = {}
    seen: set[str] = set()
    states = {r.state for r in registry.instruments[CETS].ratifications}
    for k, jur in enumerate(model.jurisdictions):
        at = ("jurisdictions", k)
        if jur.id in seen:
            problems.append(Problem(shown_as, _line_of(node, (*at, "id")), "duplicate-id",
                                    f"jurisdiction {jur.id} is defined twice; expected one entry per jurisdiction"))
        seen.add(jur.id)
        if jur.cets_state is not None and jur.cets_state not in states:
            problems.append(Problem(shown_as, _line_of(node, (*at, "cets_state")), "unknown-state",
                                    f"{jur.cets_state!r} has no ratification of {CETS} in the registry; expected one of "
                                    + ", ".join(sorted(states))))
        for i, target in enumerate(jur.instruments):
            problems += _target_problem(registry, target, shown_as, _line_of(node, (*at, "instruments", i)))
        allowed = set(REQUIRED_FACTS) | set(OPTIONAL_FACTS)
        for name, fact in jur.facts.items():
            line = _line_of(node, (*at, "facts", name))
            lines[f"{jur.id}/{name}"] = line
            if name not in allowed:
                near = difflib.get_close_matches(name, sorted(allowed), n=1)
                problems.append(Problem(shown_as, line, "unknown-fact",
                                        f"{jur.id} has an unknown fact {name!r}"
                                        + (f" (did you mean {near[0]!r}?)" if near else "")
                                        + f"; expected one of {', '.join(REQUIRED_FACTS + OPTIONAL_FACTS)}"))
            for target in [t for t in (fact.law, fact.provision) if t] + [s for s in fact.settle if "://" not in s]:
                problems += _target_problem(registry, target, shown_as, line)
        values[jur.id] = {**jur.facts, **_ratification_facts(registry, jur.cets_state)}
        for name in REGISTRY_FACTS:
            lines[f"{jur.id}/{name}"] = _line_of(node, (*at, "cets_state"))
    if problems:
        raise HandbookError(sorted(problems))
    return Facts(model.meta, model.jurisdictions, values, lines, registry, shown_as)


def _target_problem(registry: Registry, target: str, shown_as: str, line: int) -> list[Problem]:
    try:
        resolve(registry, target)
    except UnknownTarget as exc:
        return [Problem(shown_as, line, exc.rule, exc.message)]
    return []


@dataclass(frozen=True)
class Target:
    """What a ``fact:`` target names: one value, a view of a jurisdiction, or the comparison."""

    target: str
    jurisdiction: str | None
    name: str  # the fact, the view (key-facts, diagram, to-verify) or "comparison"
    value: FactValue | None = None

    @property
    def is_view(self) -> bool:
        return self.value is None


def resolve_fact(facts: Facts, target: str) -> Target:
    """``rs/reflection-period/length`` -> its value; ``rs/key-facts`` -> a view; else :class:`UnknownFact`."""
    if target in COMPARISONS:
        return Target(target, None, target.split("/", 1)[1])
    jid, _, name = target.partition("/")
    ids = [j.id for j in facts.jurisdictions]
    if jid not in facts.values:
        near = difflib.get_close_matches(jid, ids, n=1)
        raise UnknownFact("unknown-fact", f"fact:{target}: no jurisdiction {jid!r}"
                          + (f" (did you mean {near[0]!r}?)" if near else "")
                          + f"; expected one of {', '.join(ids)} (data/jurisdictions.yml), "
                          + " or ".join(f"fact:{c}" for c in COMPARISONS))
    if name in VIEWS:
        return Target(target, jid, name)
    value = facts.values[jid].get(name)
    if value is None:
        names = list(facts.values[jid]) + list(VIEWS)
        near = difflib.get_close_matches(name, names, n=1)
        raise UnknownFact("unknown-fact", f"fact:{target}: {jid} has no fact {name!r}"
                          + (f" (did you mean {jid}/{near[0]}?)" if near else "")
                          + "; expected a fact of data/jurisdictions.yml or a view (" + ", ".join(VIEWS) + ")")
    return Target(target, jid, name, value)
