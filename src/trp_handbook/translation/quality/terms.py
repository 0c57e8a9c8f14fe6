"""Rule ``term-mixed`` (warning): one glossary target term per concept in one page.

Where the glossary gives a concept more than one target term (``a / b``
alternatives, or variants under ``also:``), a page that uses two of them for
that one concept reads as if it spoke of two things (``prihvatni centar`` and
``sklonište`` for the shelter). The reader cannot tell they are the same; the
reviewer decides whether one term should go, so this is a warning.

Terms are found as the glossary check finds them
(:func:`trp_handbook.translation.glossary_check.uses`, inflected forms
included). A form found inside a longer form of the same concept counts as the
longer one; two forms of which one is written inside the other, inflected or not
(``i huaj`` in ``shtetas i huaj``; ``национални механизми за упатување``, a plural
listed under ``also:``, and ``Национален механизам за упатување``), are one
term, its short and its inflected form; and an abbreviation (``VT`` beside ``viktimë e trafikimit (VT)``)
is never a second term: introducing a term and then abbreviating it is right.
Where the English page itself uses two terms of the concept ("shelter" and "safe
accommodation", "expulsion order" and "removal"), a translation with as many is
faithful and not reported. The page's ``<!-- glossary: ignore <id> -->`` comment silences a concept here
as in ``check-glossary``; a recorded exception (``data/language-exceptions.yml``)
names the second term as its text.
"""

from __future__ import annotations

from pathlib import Path

from trp_handbook.markdown import parse
from trp_handbook.translation import glossary_check
from trp_handbook.translation.glossary import Concept, glossary_path, load_glossary
from trp_handbook.translation.quality.findings import Finding

RULE = "term-mixed"


def _longest(uses: list[glossary_check.Use]) -> list[glossary_check.Use]:
    """The uses not lying inside a longer use (``centar`` inside ``prihvatni centar``)."""
    def span(u: glossary_check.Use) -> tuple[int, int]:
        return u.start, u.start + len(u.form.words)

    kept = []
    for use in uses:
        a, b = span(use)
        if not any(o is not use and o.start <= a and b <= span(o)[1] and span(o)[1] - o.start > b - a for o in uses):
            kept.append(use)
    return kept


def _one_term(a: glossary_check.Form, b: glossary_check.Form, language: str) -> bool:
    """Whether ``a`` is written inside ``b`` or ``b`` inside ``a`` (inflected or not)."""
    def inside(x: glossary_check.Form, y: glossary_check.Form) -> bool:
        return bool(glossary_check.find(x, [glossary_check.Word(w, 0) for w in y.words], language))

    return inside(a, b) or inside(b, a)


def _terms(uses: list[glossary_check.Use], language: str) -> list[glossary_check.Use]:
    """The first use of each distinct term, in page order (forms of one term grouped)."""
    firsts: list[glossary_check.Use] = []
    for use in sorted(uses, key=lambda u: u.start):
        if not any(_one_term(use.form, seen.form, language) for seen in firsts):
            firsts.append(use)
    return firsts


def _distinct_terms(concept: Concept, words: list[glossary_check.Word], language: str) -> list[glossary_check.Use]:
    uses = [u for u in glossary_check.uses(concept, words, language) if not u.form.abbreviation]
    return _terms(_longest(uses), language)


def check(text: str, language: str, root: Path | None = None, english_text: str | None = None) -> list[Finding]:
    """One finding per concept whose page uses more of its target terms than its English page.

    The English page may itself use two terms of one concept ("shelter" and "safe
    accommodation"): a translation that follows it with two is faithful, not mixed.
    """
    if not glossary_path(language, root).exists():
        return []
    ignored = parse(text).directives("glossary")
    if "all" in ignored:
        return []
    words = glossary_check.words_of(text)
    english = load_glossary("en", root) if english_text is not None else None
    en_words = glossary_check.words_of(english_text) if english_text is not None else None
    found = []
    for concept in load_glossary(language, root).concepts:
        if concept.id in ignored:
            continue
        first, *others = _distinct_terms(concept, words, language) or [None]
        source = english.get(concept.id) if english is not None else None
        if others and source is not None and len(_distinct_terms(source, en_words, "en")) > len(others):
            continue  # the English page uses as many terms for the concept
        for other in others:
            found.append(Finding(
                other.line, RULE, other.form.written,
                f'"{other.form.written}" and "{first.form.written}" (line {first.line}) are two terms for one concept '
                f'({concept.id}) in this page; expected one of them throughout (the glossary prefers "{concept.term}"), '
                f"or <!-- glossary: ignore {concept.id} --> where both are meant",
                "warning"))
    return found
