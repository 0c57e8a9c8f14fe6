"""``jurisdictions.json`` and the facts that changed between two versions of the file.

The JSON gives every value with its verification, as legislation.json does, so a
machine reader meets the same "not verified" the page shows (``verified: false``).
:func:`changed_facts` compares two versions of the facts (the last edition's and
today's) for the edition's "changes in the law".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trp_handbook.jurisdictions.model import Facts, FactValue


def _fact_json(value: FactValue) -> dict[str, Any]:
    return {
        "kind": value.kind,
        "value": value.plain(),
        "verified": value.verified,
        "verification": value.verification,
        "source": value.source,
        "note": value.note,
        "provision": value.law or value.provision,
        "settle": list(value.settle),
    }


def jurisdictions_json(facts: Facts) -> dict[str, Any]:
    """Every jurisdiction's facts, with counts of verified and unverified values."""
    out: dict[str, Any] = {"as_at": facts.meta.as_at.isoformat(), "jurisdictions": {}}
    for jur in facts.jurisdictions:
        values = dict(facts.facts_of(jur.id))
        out["jurisdictions"][jur.id] = {
            "country": jur.country,
            "profile": jur.profile,
            "instruments": list(jur.instruments),
            "facts": {name: _fact_json(v) for name, v in values.items()},
            "counts": {"facts": len(values), "verified": sum(v.verified for v in values.values()),
                       "unverified": sum(not v.verified for v in values.values())},
        }
    return out


@dataclass(frozen=True)
class Change:
    """One fact whose value or verification differs between two versions."""

    fact: str  # "rs/reflection-period/length"
    before: FactValue | None
    after: FactValue | None


def changed_facts(before: Facts, after: Facts) -> list[Change]:
    """The facts added, removed or changed (value or verification) from ``before`` to ``after``."""
    changes = []
    ids = [j.id for j in after.jurisdictions] + [j.id for j in before.jurisdictions if j.id not in after.values]
    for jid in ids:
        old = dict(before.facts_of(jid)) if jid in before.values else {}
        new = dict(after.facts_of(jid)) if jid in after.values else {}
        for name in [*new, *[n for n in old if n not in new]]:
            a, b = old.get(name), new.get(name)
            if a is None or b is None or _key(a) != _key(b):
                changes.append(Change(f"{jid}/{name}", a, b))
    return changes


def _key(value: FactValue) -> tuple:
    return (value.kind, repr(value.plain()), value.verified)
