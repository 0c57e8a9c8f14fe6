"""Check that translated pages use the glossary's terms (``handbook check-glossary``).

For each translated page and its English source page:

| rule              | severity | finding                                                               |
|-------------------|----------|-----------------------------------------------------------------------|
| glossary-avoided  | warning  | the page uses a term the glossary says to avoid                       |
| glossary-missing  | warning  | the English page uses a concept, the translation never uses its       |
|                   |          | preferred term (nor an ``also`` variant)                              |

plus the data files' own problems (:func:`trp_handbook.translation.glossary.consistency_problems`).

Page findings are warnings: terms are found by a heuristic (below), and many
terms to avoid are right in another sense (``оштећени`` is wrong for the
victim's status, right for the criminal-procedure role). A reviewer judges
them; ``handbook check-glossary --strict`` makes them errors.

How terms are found (documented for translators in CONTRIBUTING.md)
--------------------------------------------------------------------
Text is read as words (letters only; case, hyphens and apostrophes do not
matter) from the page's prose as its source model gives it
(:attr:`trp_handbook.markdown.Page.prose`): not code, comments, link targets,
attribute lists, HTML tags, admonition types or abbreviation keys; across line
breaks. A term's *forms* are its ``term`` and each ``also`` entry, split at
`` / `` (equal alternatives), with parenthesised words removed (optional words,
or notes); a parenthesised abbreviation such as ``(NRM)`` is a form of its own.

A form matches a run of consecutive words of the page, word by word:

* a word of one or two letters inside a longer form (an article or preposition:
  ``i``/``të`` in Albanian, ``de``/``des`` in French) matches any word of up to
  three letters, because these change with the case (``trafikim i`` / ``trafikimit të``);
* an abbreviation (a one-word form in capitals) matches only itself;
* any other word is reduced to a *stem* by removing its inflectional ending:
  the longest of the language's endings in ``data/inflection.yml`` that leaves
  four letters (Albanian ``vendit``: ``vend``, so that ``vendeve`` matches;
  French ``national``: ``nation``, so that ``nationaux`` matches); otherwise a final plural ``s``/``x`` (English, French) or ``ies``/``es`` (English), then
  one final vowel, never leaving fewer than three letters. A page word matches
  when it begins with the stem, so ``трговина`` (stem ``трговин``) matches
  ``трговине``, ``трговином``; ``victim`` matches ``victims``. In Serbian,
  Croatian, Bosnian and Macedonian the fleeting ``a`` (Macedonian ``е`` or ``а``) before
  the stem's last consonant may appear or disappear (``жртва``: ``жртава``;
  ``странац``: ``странцима``), and a final ``-анин``/``-anin`` may lose its
  ``-in`` in the plural (``državljanin``: ``državljanima``).

Where the English page uses a concept only in a short form ("removal") and the
translated term is a longer phrase ("принудно удаљење"), the translation passes
with any run of its term that has as many words of three letters or more as the
English form ("удаљење"). A translation that uses another qualifier ("наводна
жртва" for "претпостављена жртва") is found by the term's ``avoid`` list.

This is a prefix match, not a full stemmer: it errs towards finding a term.
A term to avoid inside quotation marks (``"…"``, ``„…“``, ``« … »``) is not
reported: it is a title or a phrase cited as written (the Tirana Statement's
"… të personave të trafikuar"); a quotation ends with its paragraph.
Words that are a preferred term are never reported as a term to avoid: not
where an avoided term is also another concept's term (French ``délai de
réflexion``), nor where an avoided term's stem begins the preferred one
(Albanian ``trafik`` in ``trafikimit``).

Known exceptions are marked in the page with a comment that names the concept
ids (or ``all``): ``<!-- glossary: ignore victim, presumed_victim -->``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from trp_handbook.core.datafile import load_model
from trp_handbook.core.errors import Problem
from trp_handbook.core.project import data_dir
from trp_handbook.markdown import parse, section_of
from trp_handbook.translation.glossary import (
    Concept,
    Glossary,
    consistency_problems,
    glossary_path,
    load_glossary,
    shown_path,
)
from trp_handbook.translation.status import english_source_of, translated_pages, translation_languages

_SLAVIC = {"sr", "hr", "bs", "mk"}
_VOWELS = set("aeiouyàâäéèêëîïôöùûüæœаеиоуѐѝ")
_WORD = re.compile(r"[^\W\d_]+")
_PARENS = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class Word:
    text: str  # case-folded
    line: int
    quoted: bool = False  #: inside quotation marks: a title or a phrase cited as written


#: Double quotation marks of every edition ("…", „…“, „…”, “…”, « … »): each one opens or closes.
_QUOTES = frozenset('"„“”«»')


@dataclass(frozen=True)
class Form:
    """One way of writing a term, as the words the check looks for."""

    written: str
    words: tuple[str, ...]
    abbreviation: bool = False


class Words(list):
    """A page's words in order, with an index from each distinct word to its positions.

    The index lets :func:`find` look up where a term's first word can start
    (by prefix, with :mod:`bisect`) instead of trying every word of the page.
    """

    def __init__(self, words: Iterable[Word] = ()):
        super().__init__(words)
        self._positions: dict[str, list[int]] | None = None
        self._sorted: list[str] = []

    def positions(self) -> dict[str, list[int]]:
        if self._positions is None:
            self._positions = {}
            for i, word in enumerate(self):
                self._positions.setdefault(word.text, []).append(i)
            self._sorted = sorted(self._positions)
        return self._positions

    def starting_with(self, prefix: str) -> list[int]:
        """Positions of the words that begin with ``prefix``."""
        positions = self.positions()
        found: list[int] = []
        for word in self._sorted[bisect.bisect_left(self._sorted, prefix):]:
            if not word.startswith(prefix):
                break
            found.extend(positions[word])
        return found

    def short(self) -> list[int]:
        """Positions of the words of up to three letters."""
        return [i for word, at in self.positions().items() if len(word) <= 3 for i in at]


@functools.lru_cache(maxsize=512)
def words_of(text: str) -> Words:
    """The page's prose (its source model's prose view) as case-folded words with their line numbers."""
    found = Words()
    quoted, last_line = False, 0
    for segment in parse(text).prose:
        if segment.line > last_line + 1:
            quoted = False  # a quotation does not run on past its paragraph (an unpaired mark)
        last_line, at = segment.line, 0
        for match in _WORD.finditer(segment.text):
            quoted ^= sum(c in _QUOTES for c in segment.text[at:match.start()]) % 2 == 1
            found.append(Word(match.group().casefold(), segment.line, quoted))
            at = match.end()
        quoted ^= sum(c in _QUOTES for c in segment.text[at:]) % 2 == 1
    return found


def forms(term: str) -> list[Form]:
    """The forms of a glossary term: ``a / b`` alternatives, optional (parenthesised) words removed."""
    result: list[Form] = []
    for alternative in term.split(" / "):
        for inside in _PARENS.findall(alternative):
            inside = inside.strip()
            if inside and " " not in inside and inside.isupper() and len(inside) >= 2:
                result.append(Form(inside, (inside.casefold(),), abbreviation=True))
        bare = " ".join(_PARENS.sub(" ", alternative).split())
        words = tuple(w.casefold() for w in _WORD.findall(bare))
        if words:
            abbreviation = len(words) == 1 and bare.isupper() and len(bare) >= 2
            result.append(Form(bare, words, abbreviation))
    return result


class Inflection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    endings: dict[str, list[str]]


@functools.lru_cache(maxsize=4)
def endings(language: str, root: Path | None = None) -> tuple[str, ...]:
    """The language's inflectional endings from ``data/inflection.yml``, longest first."""
    path = data_dir(root) / "inflection.yml"
    if not path.exists():
        return ()
    found = load_model(path, Inflection, "data/inflection.yml").endings.get(language.split("-")[0], [])
    return tuple(sorted(set(found), key=len, reverse=True))


#: A stem keeps at least this many letters when an ending of data/inflection.yml is removed.
MIN_STEM = 4


def stem(word: str, language: str) -> str:
    """The word without its inflectional ending (see the module docstring)."""
    base = language.split("-")[0]
    out = word
    for ending in endings(base):
        if out.endswith(ending) and len(out) - len(ending) >= MIN_STEM:
            return out[: -len(ending)]
    if base == "en":
        for ending in ("ies", "es", "s"):
            if out.endswith(ending) and len(out) - len(ending) >= 3:
                out = out[: -len(ending)]
                break
    elif base == "fr" and out.endswith(("s", "x")) and len(out) > 3:
        out = out[:-1]
    if len(out) > 3 and out[-1] in _VOWELS:
        out = out[:-1]
    return out


_DIGRAPHS = ("lj", "nj", "dž")


def _slavic_variants(s: str, language: str) -> list[str]:
    """Stems of the same word with its fleeting vowel or singulative suffix changed.

    * a fleeting ``a`` (``е`` or ``а`` in Macedonian: ``странец``: ``странци``;
      ``механизам``: ``механизми``) before the last consonant may appear
      (``жртв`` -> ``жртав``: ``жртава``) or disappear (``странац`` -> ``странц``:
      ``странцима``); Latin digraphs (``lj``, ``nj``, ``dž``) count as one consonant;
    * the singulative ``-анин``/``-anin`` loses its ``-in`` in the plural
      (``državljanin`` -> ``državljan``: ``državljani``, ``državljanima``).
    """
    cyrillic = bool(re.search(r"[\u0400-\u04FF]", s))
    fleeting = ("е", "а") if language == "mk" else ("а",) if cyrillic else ("a",)
    last = 2 if s.endswith(_DIGRAPHS) else 1
    body, tail = s[:-last], s[-last:]
    variants = []
    if tail[-1] not in _VOWELS and len(body) >= 2:
        variants.extend(body + vowel + tail for vowel in fleeting)
        if body.endswith(fleeting) and len(body) >= 3:
            variants.append(body[:-1] + tail)
    if s.endswith(("анин", "anin")):
        variants.append(s[:-2])
    return variants


@functools.lru_cache(maxsize=4096)
def _prefixes(term_word: str, language: str) -> tuple[str, ...]:
    """The beginnings a page word may have to match ``term_word`` (its stem and Slavic variants)."""
    s = stem(term_word, language)
    base = language.split("-")[0]
    if base in _SLAVIC and len(s) >= 3:
        return (s, *_slavic_variants(s, base))
    return (s,)


def _word_matches(term_word: str, page_word: str, language: str, in_phrase: bool) -> bool:
    if len(term_word) <= 2:
        return len(page_word) <= 3 if in_phrase else page_word == term_word
    return page_word.startswith(_prefixes(term_word, language))


def find(form: Form, words: list[Word], language: str) -> list[int]:
    """Start indexes in ``words`` where ``form`` matches."""
    indexed = words if isinstance(words, Words) else Words(words)
    n, first = len(form.words), form.words[0]
    if form.abbreviation:
        candidates = indexed.positions().get(first, [])
    elif len(first) <= 2:
        candidates = indexed.short() if n > 1 else indexed.positions().get(first, [])
    else:
        candidates = sorted({i for prefix in _prefixes(first, language) for i in indexed.starting_with(prefix)})
    return [
        i for i in sorted(candidates)
        if i + n <= len(indexed)
        and all(_word_matches(form.words[k], indexed[i + k].text, language, n > 1) for k in range(1, n))
    ]


def preferred_forms(concept: Concept) -> list[Form]:
    return [f for term in [concept.term, *concept.also] for f in forms(term)]


@dataclass(frozen=True)
class Use:
    concept: Concept
    form: Form
    start: int
    line: int


def uses(concept: Concept, words: list[Word], language: str, content_words: int | None = None) -> list[Use]:
    """Where a concept's preferred term (or an ``also`` variant) occurs.

    With ``content_words``, any run of that many words of three letters or more
    of a form counts as the form (see :func:`windows`).
    """
    result = []
    for form in preferred_forms(concept):
        for part in (windows(form, content_words) if content_words is not None else [form]):
            result.extend(Use(concept, part, i, words[i].line) for i in find(part, words, language))
    return result


def content_count(form: Form) -> int:
    """How many words of three letters or more a form has (articles and prepositions aside)."""
    return sum(1 for w in form.words if len(w) > 2) or len(form.words)


def windows(form: Form, content_words: int) -> list[Form]:
    """The runs of a form's words that hold ``content_words`` words of three letters or more.

    The English page may use a short form of a concept ("removal") where the
    translated term is a longer phrase ("принудно удаљење"): the translation
    then passes with a run of its term as long as the English form
    ("удаљење").
    """
    if form.abbreviation or content_count(form) <= content_words:
        return [form]
    result = []
    for start in range(len(form.words)):
        if len(form.words[start]) <= 2:
            continue  # a run starts with a content word
        seen, end = 0, start
        while end < len(form.words) and seen < content_words:
            seen += len(form.words[end]) > 2
            end += 1
        if seen == content_words:
            part = form.words[start:end]
            result.append(Form(" ".join(part), part))
    return result


def check_page(
    english_text: str,
    translation_text: str,
    english_file: str,
    translation_file: str,
    english: Glossary,
    glossary: Glossary,
) -> list[Problem]:
    """The glossary findings of one translated page against its English page."""
    language = glossary.language
    ignored = parse(translation_text).directives("glossary")
    if "all" in ignored:
        return []
    en_words = words_of(english_text)
    tr_words = words_of(translation_text)
    en_heads = parse(english_text).headings
    tr_heads = parse(translation_text).headings
    problems: list[Problem] = []

    # Spans where a preferred term of some concept stands: words there are not a term to avoid.
    preferred_spans: dict[str, set[tuple[int, int]]] = {}
    for concept in glossary.concepts:
        for use in uses(concept, tr_words, language):
            preferred_spans.setdefault(concept.id, set()).add((use.start, use.start + len(use.form.words)))

    avoided: dict[tuple[int, str], list[tuple[Concept, str | None]]] = {}
    for concept in glossary.concepts:
        if concept.id in ignored:
            continue
        for avoid in concept.avoid:
            for form in forms(avoid.term):
                for start in find(form, tr_words, language):
                    end = start + len(form.words)
                    if any(a <= start and end <= b for spans in preferred_spans.values() for a, b in spans):
                        continue  # the words there are a preferred term (of this or another concept)
                    if all(w.quoted for w in tr_words[start:end]):
                        continue  # a title or phrase quoted as written ("… personave të trafikuar")
                    avoided.setdefault((start, form.written), []).append((concept, avoid.note))
    for (start, written), concepts in sorted(avoided.items()):
        expected = "; ".join(
            f'for {c.id}{f" ({note})" if note else ""} use "{c.term}"{" (not yet verified)" if c.is_unverified else ""}'
            for c, note in concepts
        )
        ids = ", ".join(c.id for c, _ in concepts)
        problems.append(
            Problem(translation_file, tr_words[start].line, "glossary-avoided",
                    f'"{written}" is a term to avoid: {expected} ({shown_path(language)}); or mark it '
                    f"<!-- glossary: ignore {ids} --> where it is right", "warning")
        )

    for concept in glossary.concepts:
        if concept.id in ignored:
            continue
        source = english.get(concept.id)
        if source is None:
            continue
        en_uses = uses(source, en_words, "en")
        if not en_uses or concept.id in preferred_spans:
            continue
        shortest = min(content_count(u.form) for u in en_uses)
        if not uses(concept, tr_words, language, shortest):
            first = min(en_uses, key=lambda u: u.start)
            section = section_of(en_heads, first.line)
            line = next((h.line for h in tr_heads if section and h.id == section.id), None)
            line = line or (tr_heads[0].line if tr_heads else 1)
            problems.append(
                Problem(translation_file, line, "glossary-missing",
                        f'{english_file}:{first.line} uses "{first.form.written}" ({concept.id}) but this page '
                        f'never uses "{concept.term}"; expected the preferred term, a variant listed under also: '
                        f"in {shown_path(language)}, or <!-- glossary: ignore {concept.id} -->",
                        "warning")
            )
    return sorted(set(problems))


def check(
    docs: Path,
    shown: Callable[[Path], str],
    languages: Iterable[str] | None = None,
    root: Path | None = None,
    only: Callable[[str, str], bool] | None = None,
) -> list[Problem]:
    """Every translated page of ``languages`` (default: all with a folder) against its English page.

    ``only(language, page)`` limits the page checks to some pages (e.g. the files of a commit).
    """
    english = load_glossary("en", root)
    problems: list[Problem] = []
    for lang in translation_languages(languages):
        if not glossary_path(lang.code, root).exists():
            problems.append(Problem(shown_path(lang.code), 1, "glossary-no-file",
                                    f"no glossary for {lang.english_name}; expected {shown_path(lang.code)} "
                                    f"with one entry per concept of {shown_path('en')}", "warning"))
            continue
        problems.extend(consistency_problems(lang.code, root))
        glossary = load_glossary(lang.code, root)
        for page, path in translated_pages(docs, lang.code):
            if only is not None and not only(lang.code, page):
                continue
            text = path.read_text(encoding="utf-8")
            source = english_source_of(docs, page, text)
            if not source.exists():
                continue  # an orphaned page: reported by the status command
            problems.extend(
                check_page(source.read_text(encoding="utf-8"), text, shown(source), shown(path), english, glossary)
            )
    return problems
