"""One search index per language, made from the engine's single mixed index.

mkdocs-static-i18n merges every language into ``search/search_index.json`` and
drops translated sections whose text equals the English one. A reader of the
Serbian edition must find Serbian pages only, so :func:`split_index` gives each
language its own index (``<lang>/search/search_index.json``) with locations
relative to that language's root, and search settings that suit the language:
no English stemmer or trimmer on Cyrillic or South Slavic text (lunr's
trimmer strips every non-ASCII letter and would empty Cyrillic words), prefix
matching instead.

Serbian is read in two scripts: a reader of the Cyrillic edition may type a
query in Latin letters. Each entry of an edition that has a generated edition
in another script (``sr``, whose ``sr-Latn`` edition is transliterated) also
carries its title and text in that script, in two extra fields (``latin_title``,
``latin_text``) that Material's search indexes (they are declared in
``config.fields``) but never displays: its result list shows only ``title``,
``text`` and ``tags``. Words with diacritics are also given without them
(``žrtva`` and ``zrtva``), because Latin is often typed without.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from trp_handbook.core.languages import Language
from trp_handbook.translation.transliteration import to_latin

#: Stop words only: Material searches every term with a trailing wildcard, and
#: lunr does not stem wildcard terms, so a stemmed index would miss "fixture"
#: (indexed as "fixtur"). Prefix search works for every language instead.
STOP_WORDS_ONLY = ["stopWordFilter"]


def _language_of(location: str, prefixes: dict[str, str], default: str) -> tuple[str, str]:
    for code, prefix in prefixes.items():
        if location.startswith(prefix):
            return code, location[len(prefix) :]
    return default, location


def split_index(index: dict[str, Any], languages: tuple[Language, ...]) -> dict[str, dict[str, Any]]:
    """Split a merged Material search index into one index per language code."""
    default = next(lang.code for lang in languages if lang.default)
    # Longest prefix first, so "sr-Latn/" is not taken for "sr/".
    prefixes = {
        lang.code: f"{lang.code}/"
        for lang in sorted(languages, key=lambda lang: -len(lang.code))
        if not lang.default
    }
    docs: dict[str, list[dict[str, Any]]] = {lang.code: [] for lang in languages}
    for doc in index.get("docs", []):
        code, location = _language_of(doc["location"], prefixes, default)
        docs[code].append({**doc, "location": location})
    result = {}
    for lang in languages:
        config = dict(index.get("config", {}))
        if lang.search_language:
            config["lang"] = [lang.search_language]
            config["pipeline"] = STOP_WORDS_ONLY
        else:
            config["lang"] = ["en"]
            config["pipeline"] = []
        entries = docs[lang.code]
        if _has_latin_twin(lang, languages):
            config["fields"] = {**config.get("fields", {}), **LATIN_FIELDS}
            entries = [with_latin(doc) for doc in entries]
        result[lang.code] = {"config": config, "docs": entries}
    return result


#: The hidden fields that make a Cyrillic edition findable in Latin letters (boosts as title and text).
LATIN_FIELDS = {"latin_title": {"boost": 1000.0}, "latin_text": {"boost": 1.0}}

_TAG = re.compile(r"<[^>]+>")
_LETTERS_NFKD_KEEPS = str.maketrans({"đ": "dj", "Đ": "Dj"})


def _has_latin_twin(lang: Language, languages: tuple[Language, ...]) -> bool:
    """True for a Cyrillic edition from which a Latin edition is generated (Serbian)."""
    return lang.script == "Cyrl" and any(
        other.generated_from == lang.code and other.script == "Latn" for other in languages
    )


def _ascii_folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS_NFKD_KEEPS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def latin_forms(html: str) -> str:
    """The Latin transliteration of an entry's text, then each word with diacritics once more without them.

    Only the words that change are repeated, once each: the field is searched,
    never shown, so order and repetition do not matter there.
    """
    latin = to_latin(" ".join(_TAG.sub(" ", html).split()))
    words = latin.split()
    present = set(words)
    folded = dict.fromkeys(f for f in map(_ascii_folded, words) if f not in present)
    return " ".join([latin, *folded]) if folded else latin


def with_latin(doc: dict[str, Any]) -> dict[str, Any]:
    """A search entry with its hidden Latin fields added."""
    return {**doc, "latin_title": latin_forms(doc.get("title", "")), "latin_text": latin_forms(doc.get("text", ""))}


def dumps(index: dict[str, Any]) -> str:
    """Serialise deterministically (same input, same bytes)."""
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def as_script(index: dict[str, Any]) -> str:
    """The ``search_index.js`` form Material loads when the site is opened from disk."""
    return "var __index = " + dumps(index) + ";\n"


def drop_untranslated(
    per_language: dict[str, dict[str, Any]], translated_urls: dict[str, set[str]]
) -> dict[str, dict[str, Any]]:
    """Keep only entries of pages that really exist in each language.

    ``translated_urls[lang]`` holds the language-relative page URLs (``see/serbia/``)
    of its own pages; an English fallback page is not that language's text and
    must not answer a search made in it.
    """
    result = {}
    for code, index in per_language.items():
        keep = translated_urls.get(code, set())
        docs = [d for d in index["docs"] if d["location"].split("#", 1)[0] in keep]
        result[code] = {**index, "docs": docs}
    return result


def write_per_language(site: Path, tmap: Any, languages: tuple[Language, ...], rendered: list[str],
                       default: str) -> None:
    """Split the engine's mixed ``search/search_index.json`` into one index per language it rendered.

    Each language's index keeps only the pages that language really has
    (``tmap``, a :class:`~trp_handbook.translation.pages.TranslationMap`);
    the default language's goes to the root's ``search/``.
    """
    from trp_handbook.translation.pages import page_url

    merged_path = site / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    per_language = split_index(merged, languages)
    # language-relative URLs of the pages each language really has
    translated = {code: {page_url(p, code, code) for p in tmap.pages.get(code, ())} for code in per_language}
    per_language = drop_untranslated(per_language, translated)
    for code, index in per_language.items():
        if code not in rendered:
            continue
        folder = site / ("" if code == default else code) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(dumps(index), encoding="utf-8")
