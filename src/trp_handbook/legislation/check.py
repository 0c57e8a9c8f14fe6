"""Check the handbook's legal citations against the registry: every rule, in one place.

Used by ``handbook check-legislation`` and, language by language, by the MkDocs
hook, so that ``mkdocs build --strict`` fails on exactly the same errors.

| rule                 | severity | finding                                                            |
|----------------------|----------|--------------------------------------------------------------------|
| malformed-target     | error    | a ``law:`` target that is not ``instrument[/art-N[/para-N...]]``     |
| unknown-instrument   | error    | the instrument is not in the registry (with "did you mean")        |
| unknown-provision    | error    | the provision is not in the registry (with "did you mean")         |
| repealed-citation    | error    | a repealed or replaced instrument cited outside ``!!! historical``   |
| parity-missing       | error    | a translation lacks a citation its English page has                |
| parity-extra         | error    | a translation has a citation its English page lacks                |
| parity-changed       | error    | a translation cites another provision of the instrument            |
| identifier           | error    | a malformed CELEX, ELI, OJ, gazette or other identifier            |
| duplicate-id         | error    | an instrument or provision id used twice                           |
| dangling-reference   | error    | replaced_by / amended_by / amends / replaces names no instrument   |
| never-cited          | warning  | a registry instrument no page cites                                |
| unverified-citation  | warning  | (only with ``list_unverified``) a citation of an unverified entry  |

Content problems come back as :class:`~trp_handbook.core.errors.Problem`; a registry
that cannot be read raises :class:`~trp_handbook.core.errors.HandbookError`.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.languages import codes, default_language
from trp_handbook.legislation.registry import Registry, UnknownTarget, registry_problems, resolve
from trp_handbook.legislation.scan import Citation, scan_file

_LANGUAGE_FOLDER = r"^[a-z]{2}(-[A-Z][a-z]{3})?$"


@dataclass
class CheckResult:
    problems: list[Problem]
    summary: dict[str, Any]
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # language -> citations


def source_language() -> str:
    """The language every translation is compared with (the default of data/languages.yml)."""
    try:
        return default_language().code
    except HandbookError:  # without a readable language list the handbook is English
        return "en"


def language_folders(docs: Path) -> dict[str, Path]:
    """``docs/<code>/`` folders by language code; a tree without them is one source-language edition."""
    try:
        known = set(codes())
    except HandbookError:  # without a readable language list, any xx or xx-Yyyy folder is a language
        known = set()
    folders = {
        p.name: p
        for p in sorted(docs.iterdir())
        if p.is_dir() and (p.name in known or (not known and re.match(_LANGUAGE_FOLDER, p.name)))
    }
    return folders or {source_language(): docs}


def scan_language(folder: Path, language: str, shown: Callable[[Path], str]) -> list[Citation]:
    """The citations of every Markdown page of one language folder, page by page."""
    citations: list[Citation] = []
    for path in sorted(folder.rglob("*.md")):
        page = path.relative_to(folder).as_posix()
        citations.extend(scan_file(path, shown(path), page, language))
    return citations


def citation_problems(registry: Registry, citations: Iterable[Citation]) -> list[Problem]:
    """Unknown and malformed targets, and repealed instruments cited outside historical passages."""
    problems = []
    for cit in citations:
        try:
            resolved = resolve(registry, cit.target)
        except UnknownTarget as exc:
            problems.append(Problem(cit.file, cit.line, exc.rule, exc.message))
            continue
        inst = resolved.instrument
        if inst.is_repealed and not cit.historical:
            status = inst.status
            by = f" by {status.replaced_by}" if status and status.replaced_by else ""
            problems.append(
                Problem(
                    cit.file, cit.line, "repealed-citation",
                    f"law:{cit.target}: {inst.id} is {status.value}{by}; cite the law in force, "
                    f'or put the passage in a historical admonition (!!! historical "...")',
                )
            )
    return problems


def parity_problems(source: list[Citation], translation: list[Citation], source_file: str,
                    translation_file: str, scheme: str = "law") -> list[Problem]:
    """Differences between the citations of a translated page and of its English page.

    The order may differ (sentences move in translation); the set of targets may not.
    ``scheme="fact"`` compares the references to country facts the same way.
    """
    src = [c.target for c in source]
    tr = [c.target for c in translation]
    if Counter(src) == Counter(tr):
        return []
    matcher = difflib.SequenceMatcher(None, src, tr, autojunk=False)
    aligned: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            aligned[block.a + k] = block.b + k
    lost = [i for i in range(len(src)) if i not in aligned]
    added = [j for j in range(len(tr)) if j not in set(aligned.values())]
    for i in list(lost):  # the same target, only moved
        j = next((j for j in added if tr[j] == src[i]), None)
        if j is not None:
            lost.remove(i)
            added.remove(j)

    def line_near(i: int) -> int:
        before = [aligned[k] for k in aligned if k < i]
        if before:
            return translation[max(before)].line
        return translation[0].line if translation else 1

    problems = []
    for i in list(lost):
        instrument = src[i].split("/", 1)[0]
        j = next((j for j in added if tr[j].split("/", 1)[0] == instrument), None)
        if j is None:
            continue
        lost.remove(i)
        added.remove(j)
        problems.append(
            Problem(translation_file, translation[j].line, "parity-changed",
                    f"{scheme}:{tr[j]} where {source_file}:{source[i].line} cites {scheme}:{src[i]}; "
                    "expected the same target (translate the text, keep the target)")
        )
    for i in lost:
        problems.append(
            Problem(translation_file, line_near(i), "parity-missing",
                    f"{scheme}:{src[i]} is cited in {source_file}:{source[i].line} but not in this translation; "
                    "expected the same citations as the English page")
        )
    for j in added:
        problems.append(
            Problem(translation_file, translation[j].line, "parity-extra",
                    f"{scheme}:{tr[j]} is not cited in {source_file}; expected the same citations as the English page "
                    "(remove it, or add it to the English page first)")
        )
    return problems


def check(
    registry: Registry,
    docs: Path,
    shown: Callable[[Path], str],
    languages: Iterable[str] | None = None,
    registry_rules: bool = True,
    list_unverified: bool = False,
) -> CheckResult:
    """Run every rule over ``docs`` (all language folders, or only ``languages``)."""
    folders = language_folders(docs)
    source = source_language()
    wanted = [code for code in folders if languages is None or code in set(languages)]
    problems: list[Problem] = []
    scanned: dict[str, list[Citation]] = {code: scan_language(folders[code], code, shown) for code in wanted}

    for code in wanted:
        problems.extend(citation_problems(registry, scanned[code]))
        if code == source or source not in folders:
            continue
        by_page: dict[str, list[Citation]] = {}
        for cit in scanned[code]:
            by_page.setdefault(cit.page, []).append(cit)
        for path in sorted(folders[code].rglob("*.md")):
            page = path.relative_to(folders[code]).as_posix()
            original = folders[source] / page
            if not original.exists():
                continue
            source_cits = (
                [c for c in scanned[source] if c.page == page]
                if source in scanned
                else scan_file(original, shown(original), page, source)
            )
            problems.extend(parity_problems(source_cits, by_page.get(page, []), shown(original), shown(path)))

    all_citations = [c for code in wanted for c in scanned[code]]
    if registry_rules:
        problems.extend(registry_problems(registry))
        cited = {c.target.split("/", 1)[0] for c in all_citations}
        for inst_id in registry.instruments:
            if inst_id not in cited:
                problems.append(
                    Problem(registry.shown_as, registry.instrument_line(inst_id), "never-cited",
                            f"{inst_id} is in the registry but no page cites it", "warning")
                )

    unverified: list[Citation] = []
    for cit in all_citations:
        try:
            resolved = resolve(registry, cit.target)
        except UnknownTarget:
            continue
        if not resolved.verified:
            unverified.append(cit)
            if list_unverified:
                problems.append(
                    Problem(cit.file, cit.line, "unverified-citation",
                            f"law:{cit.target} rests on an entry not verified against a source "
                            f"(verification: {resolved.verification})", "warning")
                )
    return CheckResult(sorted(problems, key=_order), summarise(registry, all_citations, unverified), scanned)


def _order(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.rule, problem.message)


def summarise(registry: Registry, citations: list[Citation], unverified: list[Citation]) -> dict[str, Any]:
    nodes = list(registry.nodes.values())
    verified = sum(1 for n in nodes if n.provision.verified)
    cited = {c.target.split("/", 1)[0] for c in citations}
    return {
        "instruments": len(registry.instruments),
        "instruments_verified": sum(1 for i in registry.instruments.values() if i.verified),
        "instruments_never_cited": sum(1 for i in registry.instruments if i not in cited),
        "provisions": len(nodes),
        "provisions_verified": verified,
        "provisions_verified_share": _share(verified, len(nodes)),
        "citations": len(citations),
        "citations_unverified": len(unverified),
        "citations_verified_share": _share(len(citations) - len(unverified), len(citations)),
    }


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"
