"""Run the quality rules over the editions (``handbook check-language``).

Every edition is checked: English (spelling, script), each translation against
its English page (every rule), and the generated Latin Serbian edition, made
from ``docs/sr/`` as the build makes it (spelling with ``sr_Latn``, script);
its findings name the Cyrillic source file and line, where they are fixed.
A finding that ``data/language-exceptions.yml`` records is not reported.

A word of a translation that its English page also has, as written, is quoted
from the source (a name, an instrument's title in its own language, an English
publication's title) and is not spell-checked in the translation's language:
the English page's check covers it, and a whole English sentence pasted into a
translation is the ``leftover-sentence`` rule's finding. So are the few words
after a marker that says "in English" (``engl.``, ``anglisht``: see
``data/wordlists/abbreviations.yml``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trp_handbook.core.errors import Problem
from trp_handbook.core.languages import Language, load_languages
from trp_handbook.translation.quality import (
    RULES,
    consistency,
    exceptions,
    leftovers,
    numbers,
    script,
    spelling,
    terms,
    typography,
    wordlists,
)
from trp_handbook.translation.quality.findings import Finding
from trp_handbook.translation.quality.text import tokens
from trp_handbook.translation.status import english_source_of, translated_pages
from trp_handbook.translation.transliteration import markdown_to_latin


@dataclass
class PageText:
    page: str  #: path inside the language folder
    file: str  #: as shown in findings
    text: str
    english_file: str | None = None
    english_text: str | None = None


@dataclass
class Stats:
    words: int = 0
    counts: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        spelling_rate = round(1000 * self.counts["spelling"] / self.words, 2) if self.words else 0.0
        return {"words": self.words, "findings": dict(sorted(self.counts.items())),
                "spelling_errors_per_1000_words": spelling_rate}


def _language_pages(docs: Path, lang: Language, shown: Callable[[Path], str]) -> list[PageText]:
    folder = lang.generated_from or lang.code
    pages = []
    for page, path in translated_pages(docs, folder):
        text = path.read_text(encoding="utf-8")
        if lang.generated_from:
            text = markdown_to_latin(text)
        entry = PageText(page, shown(path), text)
        if not lang.default:
            source = english_source_of(docs, page, text)
            if source.exists():
                entry.english_file, entry.english_text = shown(source), source.read_text(encoding="utf-8")
        pages.append(entry)
    return pages


def _page_findings(page: PageText, lang: Language, used: set[str], unknown: frozenset[str],
                   accepted: frozenset[str], root: Path | None) -> list[Finding]:
    words = tokens(page.text)
    quoted = frozenset(t.text for t in tokens(page.english_text)) if page.english_text is not None else frozenset()
    english_quote = leftovers.after_english_marker(words, root) if page.english_text is not None else set()
    found: list[Finding] = []
    for i, t in enumerate(words):
        if (i not in english_quote and len(t.text) > 1 and t.text in unknown and not wordlists.accepts(t.text, accepted)
                and not wordlists.accepts(t.text, quoted)):
            found.append(Finding(t.line, "spelling", t.text,
                                 f'"{t.text}" is not in the {lang.spelling.dictionary if lang.spelling else "?"} dictionary nor in '
                                 f"data/wordlists/{'sr' if lang.code == 'sr-Latn' else lang.code}.txt; expected "
                                 "the word corrected (a name, acronym or term of art: added to the word list)"))
    found += script.check(words, lang.script, wordlists.latin_tokens(lang.code, root))
    if not lang.generated_from:
        found += typography.check(page.text, lang.code)
    if page.english_text is not None and page.english_file is not None and not lang.generated_from:
        abbreviations = leftovers.abbreviation_check(words, lang.code, root)
        reported = {(f.line, f.subject) for f in abbreviations}
        found = [f for f in found if not (f.rule == "script-latin" and (f.line, f.subject) in reported)]
        found += abbreviations
        found += leftovers.sentence_check(page.english_text, page.text, page.english_file)
        found += consistency.check(words, lang.code, used, root)
        found += numbers.check(page.english_text, page.text, page.english_file)
        found += terms.check(page.text, lang.code, root, page.english_text)
    return found


def check(
    docs: Path,
    shown: Callable[[Path], str],
    languages: Iterable[str] | None = None,
    root: Path | None = None,
    only: Callable[[str, str], bool] | None = None,
) -> tuple[list[Problem], dict[str, dict[str, object]]]:
    """The findings of every rule on every page of ``languages`` (default: all), and per-language counts.

    ``only(language, page)`` limits the pages (e.g. the files of a commit); a
    generated edition follows its source language's pages.
    """
    wanted = set(languages) if languages is not None else None
    allowed = exceptions.load(root)
    problems: list[Problem] = []
    stats: dict[str, dict[str, object]] = {}
    checked: set[str] = set()
    for lang in load_languages():
        if wanted is not None and lang.code not in wanted:
            continue
        checked.add(lang.code)
        pages = _language_pages(docs, lang, shown)
        used = consistency.edition_uses([tokens(p.text) for p in pages], lang.code, root)
        pages = [p for p in pages if only is None or only(lang.generated_from or lang.code, p.page)]
        all_words = frozenset(t.text for p in pages for t in tokens(p.text))
        unknown = spelling.unknown(spelling.dictionary(lang.code, root), all_words) if pages else frozenset()
        accepted = wordlists.words(lang.code, root) | wordlists.latin_tokens(lang.generated_from or lang.code, root)
        counted = Stats()
        for page in pages:
            counted.words += len(tokens(page.text))
            for f in sorted(set(_page_findings(page, lang, used, unknown, accepted, root))):
                if allowed.allows(f.rule, lang.code, f.subject, page.file):
                    continue
                counted.counts[f.rule] += 1
                problems.append(Problem(page.file, f.line, f.rule,
                                        f.message if not lang.generated_from else f"{f.message} [{lang.code}]", f.severity))
        stats[lang.code] = counted.as_dict()
    if only is None:
        problems += allowed.unused(checked, set(RULES))
    return problems, stats
