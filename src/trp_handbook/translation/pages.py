"""Which page exists in which language, read from the ``docs/`` tree.

A page is *translated* into a language when ``docs/<lang>/<path>`` exists (for a
generated edition: when its source language has it). Everything that must not
advertise an untranslated page as a translation (hreflang links, the sitemap,
the fallback notice) asks this module rather than the site engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from trp_handbook.core.languages import Language, default_language, load_languages


@dataclass(frozen=True)
class TranslationMap:
    """Pages per language, as paths relative to the language folder (``see/serbia.md``)."""

    pages: dict[str, frozenset[str]]
    default: str

    def languages_of(self, path: str) -> list[str]:
        """Languages that have their own version of ``path``, in language-list order."""
        return [code for code, paths in self.pages.items() if path in paths]


def scan(
    docs: Path, languages: tuple[Language, ...] | None = None, generated: Iterable[str] = ()
) -> TranslationMap:
    """Read ``docs/<lang>/**/*.md`` for every language of the language list.

    ``generated`` are pages the build writes in every language (the glossary,
    the table of legislation): they count as that language's own pages.
    """
    languages = languages or load_languages()
    generated = frozenset(generated)
    pages: dict[str, frozenset[str]] = {}
    for lang in languages:
        folder = docs / (lang.generated_from or lang.code)
        found = (
            frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
            if folder.is_dir()
            else frozenset()
        )
        pages[lang.code] = found | generated
    return TranslationMap(pages=pages, default=default_language(languages).code)


def page_url(path: str, language: str, default: str, directory_urls: bool = True) -> str:
    """The site-relative URL of ``path`` in ``language`` (``sr/see/serbia/``)."""
    stem = path[:-3] if path.endswith(".md") else path
    if directory_urls:
        if stem == "index":
            url = ""
        elif stem.endswith("/index"):
            url = stem[: -len("index")]
        else:
            url = stem + "/"
    else:
        url = stem + ".html"
    prefix = "" if language == default else f"{language}/"
    return prefix + url
