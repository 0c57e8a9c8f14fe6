"""The translation status page of each edition (``annexes/translation-status.md``).

Made at build time from :func:`trp_handbook.translation.status.status`: progress per
language, the state of every page, and what needs work — in the reader's
language (texts in ``data/texts/translation-status.yml``). The English edition shows every language's
pages and work; a translated edition shows the progress of all and its own pages.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from trp_handbook.core import generated
from trp_handbook.core.languages import by_code
from trp_handbook.core.texts import percent, text
from trp_handbook.markdown import parse
from trp_handbook.translation.status import LanguageStatus, PageStatus, english_pages, source_code

PAGE = generated.TRANSLATION_STATUS

_CELL = {"missing": "status_cell_missing", "outdated": "status_cell_outdated", "untracked": "status_cell_untracked"}


def _cell(page: PageStatus | None) -> str:
    if page is None or page.state == "missing":
        return "status_cell_missing"
    if page.state == "current":
        return "status_cell_reviewed" if page.reviewed else "status_cell_draft"
    return _CELL[page.state]


def _percent(value: int, language: str) -> str:
    return percent(value / 100, language)


def _title(docs: Path, language: str, page: str) -> str:
    """The page's title in ``language`` where it is translated, else in English."""
    for folder in (language, source_code()):
        path = docs / folder / page
        if path.is_file():
            title = parse(path.read_text(encoding="utf-8"), str(path)).title
            if title:
                return title
    return page


def _link(title: str, page: str) -> str:
    """A link from this page (``annexes/``) to ``page`` of the same edition."""
    target = posixpath.relpath(page, posixpath.dirname(PAGE))
    return f"[{title.replace('[', '(').replace(']', ')')}]({target})"


def page_order(docs: Path, nav_pages: list[str]) -> list[str]:
    """The English pages in reading order: the navigation's first, then any others."""
    english = english_pages(docs)
    ordered = [p for p in nav_pages if p in english]
    return ordered + [p for p in english if p not in ordered]


def status_markdown(
    statuses: list[LanguageStatus], docs: Path, language: str, nav_pages: list[str], source_language: str
) -> str:
    """The Markdown of the status page of the edition ``language`` (a language with a folder, or English)."""
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    pages = page_order(docs, nav_pages)
    lines = [
        "---",
        f"title: {t('status_title')}",
        f"description: {t('status_description')}",
        "---",
        "",
        f"# {t('status_title')} {{ #translation-status }}",
        "",
        t("status_intro"),
        "",
        f"## {t('status_progress')} {{ #progress }}",
        "",
        "| " + " | ".join(t(k) for k in ("status_language", "status_col_progress", "status_col_reviewed",
                                          "status_col_to_update", "status_col_missing")) + " |",
        "|---|--:|--:|--:|--:|",
    ]
    for status in statuses:
        to_update = status.count("outdated") + status.count("untracked")
        lines.append(
            f"| {status.language.name} | {_percent(status.progress, language)} | {status.reviewed} | "
            f"{to_update} | {status.count('missing')} |"
        )
    # One narrow table per language (a page x language matrix is too wide to read on a phone).
    shown = statuses if language == source_language else [s for s in statuses if s.language.code == language]
    lines += ["", f"## {t('status_pages')} {{ #pages }}", ""]
    for status in shown:
        by_path = status.by_path()
        if len(shown) > 1:
            lines += [f"### {status.language.name} {{ #pages-{status.language.code} }}", ""]
        lines += [f"| {t('status_page')} | {status.language.name} |", "|---|---|"]
        lines += [f"| {_link(_title(docs, language, page), page)} | {t(_cell(by_path.get(page)))} |" for page in pages]
        lines.append("")
    for status in shown:
        lines += _needs_work(status, docs, language, pages)
    return "\n".join(lines)


def _needs_work(status: LanguageStatus, docs: Path, language: str, order: list[str]) -> list[str]:
    t = lambda key, **values: text(key, language, **values)  # noqa: E731
    code = status.language.code
    lines = [f"## {t('status_needs_work', language_name=status.language.name)} {{ #needs-work-{code} }}", ""]
    rank = {page: i for i, page in enumerate(order)}
    by_state: dict[str, list[PageStatus]] = {}
    for page in sorted(status.pages, key=lambda p: rank.get(p.path, len(rank))):
        if page.state == "current" and not page.reviewed:
            by_state.setdefault("draft", []).append(page)
        elif page.state in ("outdated", "untracked", "missing"):
            by_state.setdefault(page.state, []).append(page)
    groups = [("outdated", "status_to_update"), ("untracked", "status_to_record"),
              ("missing", "status_to_translate"), ("draft", "status_to_review")]
    if not by_state:
        return lines + [t("status_nothing"), ""]
    for state, key in groups:
        if state in by_state:
            lines += [f"### {t(key)} {{ #needs-work-{code}-{state} }}", ""]
            lines += [f"- {_link(_title(docs, language, p.path), p.path)}" for p in by_state[state]]
            lines.append("")
    lines += [t("status_translators", code=code), ""]
    return lines


def edition_markdown(statuses: list[LanguageStatus], docs: Path, edition: str, nav_pages: list[str]) -> str:
    """The page for any edition; a generated one (sr-Latn) is its source's page, transliterated."""
    from trp_handbook.translation.transliteration import markdown_to_latin

    lang = by_code(edition)
    source = source_code()
    if lang.generated_from:
        return markdown_to_latin(status_markdown(statuses, docs, lang.generated_from, nav_pages, source))
    return status_markdown(statuses, docs, edition, nav_pages, source)
