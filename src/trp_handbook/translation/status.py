"""Which pages of each edition are translated, current, outdated, missing or orphaned.

A translated page records in its front matter which revision of its English
source it translates (:mod:`trp_handbook.markdown.frontmatter`)::

    translation:
      source: assistance.md        # path under docs/en/
      source_blob: 3f2a...         # git blob id of that English file (git hash-object)
      review: draft                # draft | reviewed

From that record and the ``docs/`` tree, :func:`language_status` gives each
English page one state per language:

| state     | meaning                                                                     |
|-----------|-----------------------------------------------------------------------------|
| current   | translated from the English page as it is now (blob ids equal)              |
| outdated  | the English page has changed since (blob ids differ)                        |
| untracked | translated, but the page records no ``translation:`` (revision unknown)     |
| missing   | no translation: readers get the English page with a notice                  |
| orphaned  | a translated page whose English source does not exist (renamed or deleted)  |

For an outdated page, :func:`source_diff` shows what changed in the English
page since the translated revision (``git cat-file blob <source_blob>`` against
the file now). :func:`catch_up` records that a translator has caught up,
changing only the ``source_blob`` value in the page.

The languages covered are those of ``data/languages.yml`` that are neither the
source nor generated (``sr-Latn`` is made from ``sr`` and has no folder).
"""

from __future__ import annotations

import difflib
import re
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.languages import Language, default_language, load_languages
from trp_handbook.markdown import FrontMatterBlock, parse
from trp_handbook.markdown.frontmatter import FrontMatter, Translation, blob_of, line_of_key

STATES = ("current", "outdated", "untracked", "missing", "orphaned")


def source_code() -> str:
    return default_language().code


def translation_languages(wanted: Iterable[str] | None = None) -> list[Language]:
    """The languages translators write by hand, in the order of the language list."""
    wanted_set = set(wanted) if wanted is not None else None
    langs = [lang for lang in load_languages() if not lang.default and not lang.is_generated]
    if wanted_set is not None:
        known = {lang.code for lang in langs}
        unknown = sorted(wanted_set - known)
        if unknown:
            raise HandbookError(
                f"unknown or generated language {', '.join(unknown)}; expected one of: {', '.join(sorted(known))}"
            )
        langs = [lang for lang in langs if lang.code in wanted_set]
    return langs


def english_pages(docs: Path) -> list[str]:
    """Paths of the English pages (``see/serbia.md``), sorted."""
    folder = docs / source_code()
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) if folder.is_dir() else []


def translated_pages(docs: Path, language: str) -> list[tuple[str, Path]]:
    """``(path inside the language folder, file)`` of every page in ``docs/<language>/``."""
    folder = docs / language
    if not folder.is_dir():
        return []
    return [(p.relative_to(folder).as_posix(), p) for p in sorted(folder.rglob("*.md"))]


def translation_record(text: str) -> Translation | None:
    """The page's ``translation:`` record, or None when absent or invalid."""
    front = parse(text, "<page>").front_matter
    return front.data.translation if front.data is not None and not front.problems else None


def english_source_of(docs: Path, page: str, text: str) -> Path:
    """The English file a translated page translates: its recorded ``source``, else the same path."""
    record = translation_record(text)
    return docs / source_code() / (record.source if record else page)


@dataclass
class PageStatus:
    """One page of one language."""

    language: str
    path: str  # inside the language folder (and under docs/en/)
    state: str  # one of STATES
    review: str | None = None  # draft | reviewed (None: missing, or no record)
    reviewer_role: str | None = None
    source: str | None = None  # the English page it translates
    source_blob: str | None = None  # the English revision it translates
    current_blob: str | None = None  # the English page now
    file: str | None = None  # the translated file, as shown to contributors
    line: int = 1  # the line of source_blob (or 1)

    @property
    def reviewed(self) -> bool:
        return self.review == "reviewed"

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


@dataclass
class LanguageStatus:
    language: Language
    pages: list[PageStatus] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for p in self.pages if p.state == state)

    @property
    def english_total(self) -> int:
        return sum(1 for p in self.pages if p.state != "orphaned")

    @property
    def reviewed(self) -> int:
        return sum(1 for p in self.pages if p.state == "current" and p.reviewed)

    @property
    def progress(self) -> int:
        """Per cent of the English pages translated and current (rounded down)."""
        total = self.english_total
        return 100 * self.count("current") // total if total else 100

    def summary(self) -> dict[str, int]:
        return {**{state: self.count(state) for state in STATES}, "reviewed": self.reviewed,
                "english_pages": self.english_total, "progress_percent": self.progress}

    def by_path(self) -> dict[str, PageStatus]:
        return {p.path: p for p in self.pages}


def _blob_line(text: str) -> int:
    """The line of ``translation.source_blob`` in the page's front matter (1 when it has none)."""
    raw = parse(text).front_matter.raw
    return line_of_key(raw, "translation", "source_blob") if raw is not None else 1


def language_status(
    docs: Path, language: Language, shown: Callable[[Path], str]
) -> tuple[LanguageStatus, list[Problem]]:
    """The state of every English page in ``language``, its orphans, and front-matter problems."""
    english_folder = docs / source_code()
    english = set(english_pages(docs))
    blobs: dict[str, str] = {}

    def blob(page: str) -> str:
        if page not in blobs:
            blobs[page] = blob_of(english_folder / page)
        return blobs[page]

    status = LanguageStatus(language)
    problems: list[Problem] = []
    translated: dict[str, PageStatus] = {}
    for page, path in translated_pages(docs, language.code):
        text = path.read_text(encoding="utf-8")
        front = parse(text, shown(path)).front_matter
        problems.extend(front.problems)
        record = front.data.translation if isinstance(front.data, FrontMatter) else None
        entry = PageStatus(language.code, page, "untracked", file=shown(path))
        if record is not None:
            entry.review, entry.reviewer_role = record.review, record.reviewer_role
            entry.source, entry.source_blob, entry.line = record.source, record.source_blob, _blob_line(text)
            if record.source != page:
                problems.append(
                    Problem(shown(path), entry.line, "translation-source",
                            f"translation.source is {record.source!r} but the page is {page!r}; expected the "
                            "same path as its English page (the build pairs pages by path)")
                )
        source = entry.source or page
        if source not in english:
            entry.state = "orphaned"
            problems.append(
                Problem(shown(path), 1, "orphaned",
                        f"no English page docs/{source_code()}/{source}; expected a translation of an existing "
                        "page (move the file to the English page's new path, or delete it)")
            )
        elif record is not None:
            entry.current_blob = blob(source)
            entry.state = "current" if entry.current_blob == record.source_blob else "outdated"
        else:
            entry.current_blob = blob(source)
        translated[page] = entry
    for page in sorted(english | set(translated)):
        status.pages.append(translated.get(page) or PageStatus(language.code, page, "missing", source=page,
                                                                current_blob=blob(page)))
    return status, problems


def status(
    docs: Path, shown: Callable[[Path], str], languages: Iterable[str] | None = None
) -> tuple[list[LanguageStatus], list[Problem]]:
    """:func:`language_status` for every translated language (or those asked for)."""
    results, problems = [], []
    for lang in translation_languages(languages):
        result, found = language_status(docs, lang, shown)
        results.append(result)
        problems.extend(found)
    return results, sorted(problems)


# ---------------------------------------------------------------------------
# What changed in the English page
# ---------------------------------------------------------------------------


class GitObjects:
    """Reads file revisions (blobs) from the git repository that holds ``docs``."""

    def __init__(self, cwd: Path):
        self.cwd = cwd

    def read(self, blob: str) -> tuple[bytes | None, str]:
        """The blob's content, or None and why it could not be read."""
        try:
            result = subprocess.run(["git", "cat-file", "blob", blob], cwd=self.cwd, capture_output=True)
        except FileNotFoundError:
            return None, "git is not installed, so the translated revision cannot be shown"
        if result.returncode != 0:
            return None, (f"the English revision {blob} is not in this repository (fetch the full history: "
                          "git fetch --unshallow), so the changes cannot be shown; compare the pages by hand")
        return result.stdout, ""


def source_diff(docs: Path, page: PageStatus, objects: GitObjects | None = None) -> tuple[str | None, str]:
    """The unified diff of the English page from the translated revision to now, or None and why not."""
    if page.state != "outdated" or not page.source or not page.source_blob:
        return None, "not outdated"
    objects = objects or GitObjects(docs)
    old, why = objects.read(page.source_blob)
    if old is None:
        return None, why
    name = f"docs/{source_code()}/{page.source}"
    new = (docs / source_code() / page.source).read_text(encoding="utf-8")
    lines = difflib.unified_diff(
        old.decode("utf-8", errors="replace").splitlines(),
        new.splitlines(),
        fromfile=f"{name} (translated revision {page.source_blob[:12]})",
        tofile=f"{name} (now)",
        lineterm="",
    )
    return "\n".join(lines), ""


# ---------------------------------------------------------------------------
# Declaring a page caught up
# ---------------------------------------------------------------------------

_SOURCE_BLOB = re.compile(r"^(?P<key>[ \t]+source_blob[ \t]*:[ \t]*)(?P<q>['\"]?)(?P<blob>[^'\"\s#]*)(?P=q)",
                          re.MULTILINE)
_TRANSLATION_KEY = re.compile(r"^translation[ \t]*:[ \t]*(?:#[^\r\n]*)?\r?$", re.MULTILINE)


@dataclass(frozen=True)
class CaughtUp:
    file: Path
    old_blob: str | None
    new_blob: str
    added_record: bool  # the page had no translation record: one was added (review: draft)


def catch_up(docs: Path, language: str, page: str) -> CaughtUp:
    """Set the page's ``source_blob`` to the English page's blob now, changing nothing else.

    A page without a ``translation:`` record gets one (``review: draft``), at
    the end of its front matter (a page without front matter gets one).
    """
    translation_languages([language])  # refuses unknown and generated languages
    path = docs / language / page
    if not path.is_file():
        raise HandbookError(f"docs/{language}/{page}: no such page; expected a path inside docs/{language}/ "
                           "such as index.md")
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    record = translation_record(raw)
    source = record.source if record else page
    english = docs / source_code() / source
    if not english.is_file():
        raise HandbookError(f"docs/{source_code()}/{source}: no such English page; this translation is orphaned")
    new_blob = blob_of(english)
    fm_end = _front_matter_end_offset(raw, parse(raw).front_matter)
    head, rest = raw[:fm_end], raw[fm_end:]
    has_record = bool(_TRANSLATION_KEY.search(head))
    match = _SOURCE_BLOB.search(head) if has_record else None
    if match:
        head = head[: match.start("blob")] + new_blob + head[match.end("blob"):]
        return _write(path, head + rest, CaughtUp(path, match.group("blob") or None, new_blob, False))
    if has_record:
        raise HandbookError(
            f"docs/{language}/{page}: its translation: record has no source_blob; expected the key "
            f"source_blob under translation: (add 'source_blob: {new_blob}')"
        )
    block = "".join(line + newline for line in
                    ["translation:", f"  source: {source}", f"  source_blob: {new_blob}", "  review: draft"])
    if not head:
        text = "---" + newline + block + "---" + newline + newline + raw
    else:
        lines = head.splitlines(keepends=True)  # the last line is the closing fence
        text = "".join(lines[:-1]) + block + lines[-1] + rest
    return _write(path, text, CaughtUp(path, None, new_blob, True))


def _front_matter_end_offset(raw: str, front: FrontMatterBlock) -> int:
    """Where the front matter ends in ``raw`` as written (``\\r\\n`` kept): after its closing line."""
    if not front.present:
        return 0
    end = 0
    for _ in range(front.last_line):
        newline = raw.find("\n", end)
        end = len(raw) if newline == -1 else newline + 1
    return end


def _write(path: Path, text: str, result: CaughtUp) -> CaughtUp:
    path.write_bytes(text.encode("utf-8"))
    return result
