"""Structural parity: does a translation have the structure of its English page?

A translation may reword every sentence, but readers, deep links and the
checks rely on the same skeleton in every language. ``handbook check-parity``
and the build (hooks/translations.py, as warnings that ``--strict`` makes fatal)
compare each translated page with its English source:

| rule                | what must be the same                                                    |
|---------------------|--------------------------------------------------------------------------|
| parity-heading-ids  | heading ids, in the same order and at the same level                     |
| parity-admonitions  | admonitions (``!!! note``, ``??? warning``): the same types              |
| parity-tables       | the number of tables and each table's number of columns                  |
| parity-images       | images (``![..](path)`` and ``<img src>``): the same files               |
| parity-links        | links to other pages of the handbook (``x.md``, ``x.md#id``)              |
| parity-missing, parity-extra, parity-changed | ``law:`` citations and ``fact:`` references     |

The build checks the pages that record what they translate (a ``translation:``
record in the front matter, as every translation should: ``handbook status``
lists the others as *untracked*); ``handbook check-parity`` checks every page.

Each finding names the translated file and the line where the difference is
(for something missing: the start of the matching section) and, for
comparison, the line in the English page.

A known, intended difference is marked in the translated page with a comment
naming the rules to skip for that page (without the ``parity-`` prefix)::

    <!-- parity: ignore images -->
    <!-- parity: ignore heading-ids, tables -->
    <!-- parity: ignore -->                    (every rule)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from trp_handbook.core.errors import Problem
from trp_handbook.legislation.check import parity_problems
from trp_handbook.legislation.scan import scan_text
from trp_handbook.markdown import Heading, Page, parse, section_of
from trp_handbook.translation.status import (
    english_source_of,
    translated_pages,
    translation_languages,
    translation_record,
)


@dataclass(frozen=True)
class Item:
    """One structural element found in a page: what it is and where."""

    value: str
    line: int


@dataclass(frozen=True)
class Structure:
    headings: list[Heading]
    admonitions: list[Item]
    tables: list[Item]  # value: the number of columns
    images: list[Item]
    links: list[Item]


def structure(text: str) -> Structure:
    """The structural elements of a Markdown page, with their lines, from its source model."""
    page = parse(text)
    return Structure(
        headings=list(page.headings),
        admonitions=[Item(a.type, a.line) for a in page.admonitions],
        tables=[Item(str(t.columns), t.line) for t in page.tables],
        images=[Item(link.target, link.line) for link in page.images if link.kind in ("inline", "html")
                and link.element in ("", "img")],
        links=_page_links(page),
    )


def _page_links(page: Page) -> list[Item]:
    """Links to other pages of the handbook (``x.md``, ``../x.md#id``), not external or ``law:`` links."""
    result = []
    for link in page.links:
        if link.kind not in ("inline", "definition") or link.is_image or not link.target:
            continue
        if link.scheme is not None or link.target.startswith(("#", "/")):
            continue  # external, law:, mailto: or an anchor on the same page
        path = link.target.split("#", 1)[0]
        if path.endswith(".md") or path.endswith("/"):
            result.append(Item(link.target.removeprefix("./"), link.line))
    return result


def compare(source_text: str, translation_text: str, source_file: str, translation_file: str,
            include_citations: bool = True) -> list[Problem]:
    """Every structural difference of a translated page from its English page."""
    ignored = parse(translation_text).directives("parity")
    if "all" in ignored:
        return []
    en, tr = structure(source_text), structure(translation_text)
    near = _LineFinder(en.headings, tr.headings)
    problems: list[Problem] = []
    if "heading-ids" not in ignored:
        problems += _headings(en.headings, tr.headings, source_file, translation_file)
    if "admonitions" not in ignored:
        problems += _admonitions(en.admonitions, tr.admonitions, source_file, translation_file, near)
    if "tables" not in ignored:
        problems += _compare_tables(en.tables, tr.tables, source_file, translation_file, near)
    if "images" not in ignored:
        problems += _multiset("parity-images", "image", en.images, tr.images, source_file, translation_file, near)
    if "links" not in ignored:
        problems += _multiset("parity-links", "link to", en.links, tr.links, source_file, translation_file, near)
    if include_citations and "citations" not in ignored:
        problems += parity_problems(scan_text(source_text, source_file), scan_text(translation_text, translation_file),
                                    source_file, translation_file)
        # a fact: reference writes a value from data/jurisdictions.yml: a translation keeps each one
        problems += parity_problems(scan_text(source_text, source_file, scheme="fact"),
                                    scan_text(translation_text, translation_file, scheme="fact"),
                                    source_file, translation_file, scheme="fact")
    return sorted(problems)


class _LineFinder:
    """Where in the translation something of the English page belongs: the same section's heading."""

    def __init__(self, en_heads: list[Heading], tr_heads: list[Heading]):
        self.en_heads = en_heads
        self.tr_line = {h.id: h.line for h in tr_heads}
        self.first = tr_heads[0].line if tr_heads else 1

    def __call__(self, en_line: int) -> int:
        section = section_of(self.en_heads, en_line)
        return self.tr_line.get(section.id, self.first) if section else self.first


def _headings(en: list[Heading], tr: list[Heading], source_file: str, translation_file: str) -> list[Problem]:
    problems = []
    en_ids, tr_ids = [h.id for h in en], [h.id for h in tr]
    en_by_id = {h.id: h for h in en}
    tr_by_id = {h.id: h for h in tr}
    for h in en:
        if h.id not in tr_by_id:
            after = [t for t in tr if t.id in en_by_id and en_by_id[t.id].line < h.line]
            line = after[-1].line if after else (tr[0].line if tr else 1)
            problems.append(Problem(translation_file, line, "parity-heading-ids",
                                    f"no heading #{h.id} ({source_file}:{h.line} \"{h.text}\"); expected the same "
                                    "heading ids as the English page (write { #" + h.id + " } after the heading)"))
    for h in tr:
        if h.id not in en_by_id:
            hint = "" if h.explicit else " (a heading without { #id } gets an id made from its text)"
            problems.append(Problem(translation_file, h.line, "parity-heading-ids",
                                    f"heading #{h.id} is not in {source_file}{hint}; expected the English page's ids"))
        elif en_by_id[h.id].level != h.level:
            e = en_by_id[h.id]
            problems.append(Problem(translation_file, h.line, "parity-heading-ids",
                                    f"heading #{h.id} is level {h.level} here, level {e.level} in "
                                    f"{source_file}:{e.line}; expected the same level"))
    common_en = [i for i in en_ids if i in tr_by_id]
    common_tr = [i for i in tr_ids if i in en_by_id]
    if common_en != common_tr:
        first = next((i for i, (a, b) in enumerate(zip(common_en, common_tr)) if a != b),
                     min(len(common_en), len(common_tr)) - 1)
        h = tr_by_id[common_tr[first]]
        problems.append(Problem(translation_file, h.line, "parity-heading-ids",
                                f"heading #{h.id} comes where {source_file} has #{common_en[first]}; expected the "
                                "headings in the English page's order"))
    return problems


def _multiset(rule: str, what: str, en: list[Item], tr: list[Item], source_file: str, translation_file: str,
              near: Callable[[int], int]) -> list[Problem]:
    """Elements whose order may change in translation: compare how often each occurs."""
    en_count, tr_count = Counter(i.value for i in en), Counter(i.value for i in tr)
    problems = []
    for value in sorted(set(en_count) | set(tr_count)):
        missing = en_count[value] - tr_count[value]
        if missing > 0:
            source = [i for i in en if i.value == value][tr_count[value]]
            problems.append(Problem(translation_file, near(source.line), rule,
                                    f"{what} {value} is missing here ({source_file}:{source.line} has it"
                                    f"{f', {en_count[value]} times' if en_count[value] > 1 else ''}); "
                                    "expected the same as the English page"))
        elif missing < 0:
            extra = [i for i in tr if i.value == value][en_count[value]]
            problems.append(Problem(translation_file, extra.line, rule,
                                    f"{what} {value} is not in {source_file}"
                                    f"{f' (it has it {en_count[value]} times)' if en_count[value] else ''}; "
                                    "expected the same as the English page"))
    return problems


def _admonitions(en: list[Item], tr: list[Item], source_file: str, translation_file: str,
                 near: Callable[[int], int]) -> list[Problem]:
    """The same number of admonitions: compared one by one; otherwise by how often each type occurs."""
    if len(en) != len(tr):
        return _multiset("parity-admonitions", "admonition", en, tr, source_file, translation_file, near)
    return [
        Problem(translation_file, t.line, "parity-admonitions",
                f"admonition {k} is '{t.value}' here, '{e.value}' in {source_file}:{e.line}; expected the same type "
                f"(translate its title, keep !!! {e.value})")
        for k, (e, t) in enumerate(zip(en, tr), start=1) if e.value != t.value
    ]


def _compare_tables(en: list[Item], tr: list[Item], source_file: str, translation_file: str,
                    near: Callable[[int], int]) -> list[Problem]:
    problems = []
    for k, (e, t) in enumerate(zip(en, tr), start=1):
        if e.value != t.value:
            problems.append(Problem(translation_file, t.line, "parity-tables",
                                    f"table {k} has {t.value} columns here, {e.value} in {source_file}:{e.line}; "
                                    "expected the same columns"))
    if len(tr) < len(en):
        first = en[len(tr)]
        problems.append(Problem(translation_file, near(first.line), "parity-tables",
                                f"{len(tr)} tables here, {len(en)} in {source_file} (the next is at line {first.line}); "
                                "expected the same tables"))
    elif len(tr) > len(en):
        problems.append(Problem(translation_file, tr[len(en)].line, "parity-tables",
                                f"{len(tr)} tables here, {len(en)} in {source_file}; expected the same tables"))
    return problems


def check(docs: Path, shown: Callable[[Path], str], languages: Iterable[str] | None = None,
          include_citations: bool = True, only: Callable[[str, str], bool] | None = None,
          recorded_only: bool = False) -> list[Problem]:
    """Compare every translated page of ``languages`` (default: all) with its English page.

    ``only(language, page)`` limits the check to some pages (e.g. the files of a commit);
    ``recorded_only`` to pages with a ``translation:`` record (what the build checks).
    """
    problems: list[Problem] = []
    for lang in translation_languages(languages):
        for page, path in translated_pages(docs, lang.code):
            if only is not None and not only(lang.code, page):
                continue
            text = path.read_text(encoding="utf-8")
            if recorded_only and translation_record(text) is None:
                continue
            source = english_source_of(docs, page, text)
            if source.is_file():
                problems += compare(source.read_text(encoding="utf-8"), text, shown(source), shown(path),
                                    include_citations)
    return problems
