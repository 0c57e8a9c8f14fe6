"""What changed in the law between two editions of the handbook.

A reader holding an older printed edition needs to know what to re-read. This
module compares two states of the repository (two git refs, normally two edition
tags): the legislation registry (instruments and provisions added, removed or
changed, including a change of status or of verification) and the citations of
each English chapter (added or removed), and the country facts of
``data/jurisdictions.yml`` whose value or verification changed. The result is
rendered as the generated part of a CHANGELOG entry.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from trp_handbook.legislation.registry import Registry, load_registry
from trp_handbook.markdown import parse

REGISTRY_PATH = "data/legislation.yml"
FACTS_PATH = "data/jurisdictions.yml"
SOURCE_DOCS = "docs/en/"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def registry_at(root: Path, ref: str) -> Registry | None:
    """The registry as it was at ``ref`` (None if that state had no registry yet)."""
    try:
        text = git(root, "show", f"{ref}:{REGISTRY_PATH}")
    except subprocess.CalledProcessError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "legislation.yml"
        path.write_text(text, encoding="utf-8")
        return load_registry(path, f"{REGISTRY_PATH}@{ref}")


def facts_at(root: Path, ref: str, registry: Registry | None):
    """The country facts as they were at ``ref`` (None without the file or a registry)."""
    from trp_handbook.jurisdictions.model import load_facts

    if registry is None:
        return None
    try:
        text = git(root, "show", f"{ref}:{FACTS_PATH}")
    except subprocess.CalledProcessError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jurisdictions.yml"
        path.write_text(text, encoding="utf-8")
        return load_facts(path, registry, f"{FACTS_PATH}@{ref}")


def citations_at(root: Path, ref: str) -> dict[str, set[str]]:
    """English chapter (path under docs/en/) -> the set of ``law:`` targets it cites, at ``ref``."""
    names = git(root, "ls-tree", "-r", "--name-only", ref, "--", SOURCE_DOCS).split()
    result: dict[str, set[str]] = {}
    for name in sorted(n for n in names if n.endswith(".md")):
        text = git(root, "show", f"{ref}:{name}")
        result[name[len(SOURCE_DOCS):]] = {r.target for r in parse(text, name).references("law")}
    return result


def _instrument_summary(reg: Registry, instrument_id: str) -> dict[str, object]:
    inst = reg.instruments[instrument_id]
    return {
        "title": inst.title,
        "status": inst.status.value if inst.status else None,
        "replaced_by": inst.status.replaced_by if inst.status else None,
        "verified": inst.verified,
        "url": inst.url,
    }


def _provision_summary(reg: Registry, target: str) -> dict[str, object]:
    prov = reg.nodes[target].provision
    return {"heading": prov.heading, "verified": prov.verified, "content": prov.content}


@dataclass
class LawChanges:
    """The differences between two editions, each list sorted for stable output."""

    old_ref: str
    new_ref: str
    instruments_added: list[str] = field(default_factory=list)
    instruments_removed: list[str] = field(default_factory=list)
    instruments_changed: list[tuple[str, list[str]]] = field(default_factory=list)
    provisions_added: list[str] = field(default_factory=list)
    provisions_removed: list[str] = field(default_factory=list)
    provisions_changed: list[tuple[str, list[str]]] = field(default_factory=list)
    citations: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # page, added, removed
    facts_changed: list[tuple[str, str, str]] = field(default_factory=list)  # fact, before, after (English)
    facts_introduced: bool = False  # the older state had no data/jurisdictions.yml

    @property
    def empty(self) -> bool:
        return not any(
            (self.instruments_added, self.instruments_removed, self.instruments_changed,
             self.provisions_added, self.provisions_removed, self.provisions_changed, self.citations,
             self.facts_changed, self.facts_introduced)
        )


def _changed_fields(old: dict[str, object], new: dict[str, object]) -> list[str]:
    return [f"{key}: {old[key]!r} → {new[key]!r}" for key in old if old[key] != new[key]]


def compare(old: Registry | None, new: Registry | None, old_cites: dict[str, set[str]], new_cites: dict[str, set[str]],
            old_ref: str = "old", new_ref: str = "new") -> LawChanges:
    """Pure comparison of two registries and two citation maps."""
    out = LawChanges(old_ref, new_ref)
    old_ids = set(old.instruments) if old else set()
    new_ids = set(new.instruments) if new else set()
    out.instruments_added = sorted(new_ids - old_ids)
    out.instruments_removed = sorted(old_ids - new_ids)
    for iid in sorted(old_ids & new_ids):
        diff = _changed_fields(_instrument_summary(old, iid), _instrument_summary(new, iid))
        if diff:
            out.instruments_changed.append((iid, diff))
    old_t = set(old.nodes) if old else set()
    new_t = set(new.nodes) if new else set()
    out.provisions_added = sorted(new_t - old_t)
    out.provisions_removed = sorted(old_t - new_t)
    for target in sorted(old_t & new_t):
        diff = _changed_fields(_provision_summary(old, target), _provision_summary(new, target))
        if diff:
            out.provisions_changed.append((target, diff))
    for page in sorted(set(old_cites) | set(new_cites)):
        before, after = old_cites.get(page, set()), new_cites.get(page, set())
        if before != after:
            out.citations.append((page, sorted(after - before), sorted(before - after)))
    return out


def compare_facts(out: LawChanges, old, new) -> LawChanges:
    """Add the country facts whose value or verification changed (written in English, marked)."""
    from trp_handbook.jurisdictions.export import changed_facts
    from trp_handbook.jurisdictions.values import value_text

    if new is None:
        return out
    if old is None:
        out.facts_introduced = True
        return out

    def shown(facts, value) -> str:
        if value is None:
            return "(none)"
        return value_text(facts, value, "en") + ("" if value.verified else " (not verified)")

    out.facts_changed = [(c.fact, shown(old, c.before), shown(new, c.after)) for c in changed_facts(old, new)]
    return out


def compare_refs(root: Path, old_ref: str, new_ref: str) -> LawChanges:
    old_registry, new_registry = registry_at(root, old_ref), registry_at(root, new_ref)
    out = compare(
        old_registry, new_registry,
        citations_at(root, old_ref), citations_at(root, new_ref), old_ref, new_ref,
    )
    return compare_facts(out, facts_at(root, old_ref, old_registry), facts_at(root, new_ref, new_registry))


def to_markdown(changes: LawChanges) -> str:
    """The generated "Changes in the law" section of a CHANGELOG entry."""
    lines = [f"### Changes in the law since {changes.old_ref}", ""]
    if changes.empty:
        return "\n".join(lines + ["No instrument, provision or citation changed.", ""])

    def block(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"**{title}**", ""] + [f"- {item}" for item in items] + [""])

    block("Instruments added", [f"`{i}`" for i in changes.instruments_added])
    block("Instruments removed", [f"`{i}`" for i in changes.instruments_removed])
    block("Instruments changed", [f"`{i}`: " + "; ".join(d) for i, d in changes.instruments_changed])
    block("Provisions added", [f"`{t}`" for t in changes.provisions_added])
    block("Provisions removed", [f"`{t}`" for t in changes.provisions_removed])
    block("Provisions changed", [f"`{t}`: " + "; ".join(d) for t, d in changes.provisions_changed])
    cites = []
    for page, added, removed in changes.citations:
        parts = []
        if added:
            parts.append("cites now " + ", ".join(f"`{t}`" for t in added))
        if removed:
            parts.append("no longer cites " + ", ".join(f"`{t}`" for t in removed))
        cites.append(f"`{page}`: " + "; ".join(parts))
    block("Citations per chapter (re-read these pages)", cites)
    if changes.facts_introduced:
        block("Country facts", ["introduced as data (`data/jurisdictions.yml`): every edition's key facts, "
                                "comparisons and diagrams are generated from it"])
    block("Country facts changed (every edition shows the new value)",
          [f"`{fact}`: {before} → {after}" for fact, before, after in changes.facts_changed])
    return "\n".join(lines)
