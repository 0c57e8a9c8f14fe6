"""One search index per language, made from the engine's single mixed index.

mkdocs-static-i18n merges every language into ``search/search_index.json`` and
drops translated sections whose text equals the English one. A reader of the
Serbian edition must find Serbian pages only, so :func:`split_index` gives each
language its own index (``<lang>/search/search_index.json``) with locations
relative to that language's root, and search settings that suit the language:
no English stemmer or trimmer on Cyrillic or South Slavic text (lunr's
trimmer strips every non-ASCII letter and would empty Cyrillic words), prefix
matching instead.
"""

from __future__ import annotations

import json
from typing import Any

from .languages import Language

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
        result[lang.code] = {"config": config, "docs": docs[lang.code]}
    return result


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
