"""Per-language site settings derived from the language list and the UI texts.

Pure data for the site engine's adapter: the entries of mkdocs-static-i18n's
``languages`` option, and the handbook values each page template needs. Kept
engine-neutral (plain dicts) so that another engine's adapter can reuse them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import Language, codes, load_languages
from trp_handbook.core.texts import nav_translations, text
from trp_handbook.site.shards import ZIP_PATH

#: Environment variable with the comma-separated languages to build (all when unset).
ONLY_LANGUAGES_ENV = "HANDBOOK_LANGUAGES"


def languages_to_build(
    languages: tuple[Language, ...] | None = None, env: Mapping[str, str] | None = None
) -> list[str]:
    """The languages this build makes: all, or those in ``HANDBOOK_LANGUAGES``.

    The default language is always built, because every other edition falls
    back to it for untranslated pages. ``env`` defaults to this process's environment.
    """
    languages = languages or load_languages()
    wanted = (os.environ if env is None else env).get(ONLY_LANGUAGES_ENV, "").strip()
    if not wanted:
        return codes(languages)
    asked = [c.strip() for c in wanted.split(",") if c.strip()]
    known = codes(languages)
    unknown = [c for c in asked if c not in known]
    if unknown:
        raise HandbookError(
            f"{ONLY_LANGUAGES_ENV}: unknown language {', '.join(unknown)}; expected one of: {', '.join(known)}"
        )
    default = next(lang.code for lang in languages if lang.default)
    return [c for c in known if c == default or c in asked]


#: Environment variable with the languages this engine process renders (a shard of the site).
SHARD_LANGUAGES_ENV = "HANDBOOK_SHARD_LANGUAGES"


def shard_languages(languages: tuple[Language, ...] | None = None) -> list[str]:
    """The languages this engine process renders: ``HANDBOOK_SHARD_LANGUAGES``, or all it builds.

    The site still has every language of :func:`languages_to_build` (language
    selector, alternate links, generated pages of each edition); a shard only
    renders some of them. The full build runs one shard per core and merges
    them (:mod:`trp_handbook.site.build`); a one-language preview renders only
    that language. Unlike ``HANDBOOK_LANGUAGES`` the default language is not
    added: a shard without it writes its languages' folders only.
    """
    languages = languages or load_languages()
    site = languages_to_build(languages)
    wanted = os.environ.get(SHARD_LANGUAGES_ENV, "").strip()
    if not wanted:
        return site
    asked = [c.strip() for c in wanted.split(",") if c.strip()]
    unknown = [c for c in asked if c not in site]
    if unknown:
        raise HandbookError(
            f"{SHARD_LANGUAGES_ENV}: {', '.join(unknown)} is not a language this site builds; "
            f"expected some of: {', '.join(site)}"
        )
    return [c for c in site if c in asked]


def renders_default(languages: tuple[Language, ...] | None = None) -> bool:
    """True when this process renders the default language (and so writes the site's root)."""
    languages = languages or load_languages()
    return next(lang.code for lang in languages if lang.default) in shard_languages(languages)


def is_shard(languages: tuple[Language, ...] | None = None) -> bool:
    """True when this process renders only some of the site's languages (site-wide steps are left out)."""
    languages = languages or load_languages()
    return shard_languages(languages) != languages_to_build(languages)


def i18n_languages(languages: tuple[Language, ...] | None = None) -> list[dict[str, Any]]:
    """The ``languages`` entries of the i18n plugin, one per language of the list."""
    languages = languages or load_languages()
    build = set(languages_to_build(languages))
    return [
        {
            "locale": lang.code,
            "name": lang.name,
            "default": lang.default,
            "build": lang.code in build,
            "site_name": text("site_name", lang.code),
            "site_description": text("site_description", lang.code),
            "nav_translations": {} if lang.default else nav_translations(lang.code),
            "theme": {"language": lang.theme},
        }
        for lang in languages
    ]


def page_context(language: str, languages: tuple[Language, ...] | None = None) -> dict[str, Any]:
    """Values the templates show on every page of ``language`` (footer, downloads)."""
    languages = languages or load_languages()
    default = next(lang.code for lang in languages if lang.default)
    return {
        "language": language,
        "default_language": default,
        "language_root": "" if language == default else f"{language}/",
        "offline_label": text("offline_download", language),
        "offline_zip": ZIP_PATH,
        "pdf_label": text("pdf_download", language),
        "epub_label": text("epub_download", language),
        "search_dialog_label": text("search_dialog", language),
        "not_found_title": text("not_found_title", language),
        "not_found_text": text("not_found_text", language),
        "home_label": text("home_link", language),
        "languages": [{"code": lang.code, "name": lang.name} for lang in languages],
    }


def nav_order(nav: list[Any] | None) -> list[str]:
    """Source paths of the pages in a MkDocs-style ``nav`` option, in reading order."""
    order: list[str] = []

    def walk(items: Any) -> None:
        if isinstance(items, str):
            if not items.startswith(("http://", "https://")):
                order.append(items)
        elif isinstance(items, list):
            for item in items:
                walk(item)
        elif isinstance(items, dict):
            for value in items.values():
                walk(value)

    walk(nav or [])
    return order


def generated_in_nav(nav: list[Any] | None) -> list[str]:
    """The every-edition generated pages that this site's navigation lists."""
    from trp_handbook.core.generated import EVERY_EDITION

    order = nav_order(nav)
    return [page for page in EVERY_EDITION if page in order]
