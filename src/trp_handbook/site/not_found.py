"""The page-not-found answer in the reader's language, from one file.

The publishing host (GitHub Pages) answers every missing path, at any depth
(``/fr/no-such-page/``, ``/sr/see/nowhere/``), with the site's root
``404.html`` and status 404; a ``404.html`` inside a language folder is never
used for that. So the root file carries every edition's 404 page: the default
language's as the page itself, each other language's as a
``<template data-handbook-language="fr">`` holding that page's body and its
Material configuration (the language's search index, its interface texts). A
small same-origin script (``overrides/assets/javascripts/not-found.js``), run
before Material's bundle, reads the language folder from the missing path and
shows that language's page: text, ``lang``, title, search and links into that
edition. Nothing is fetched, so nothing can fail or flash; without JavaScript
the reader gets the default language's page, which links to every edition.

Each language's own ``<lang>/404.html`` stays as it is (a direct link to it
works, and it is where the template comes from).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from trp_handbook.core.errors import HandbookError

#: The attribute naming a template's language (read by not-found.js).
LANGUAGE_ATTRIBUTE = "data-handbook-language"

_BODY = re.compile(r"<body\b[^>]*>(?P<inner>.*)</body>", re.S)
_TITLE = re.compile(r"<title>(?P<title>.*?)</title>", re.S)
_DESCRIPTION = re.compile(r'<meta name="description" content="(?P<content>[^"]*)">')
_CONFIG = re.compile(r'<script id="__config" type="application/json">.*?</script>', re.S)
_TEMPLATES = re.compile(rf"\s*<template {LANGUAGE_ATTRIBUTE}=.*?</template>", re.S)


@dataclass(frozen=True)
class NotFoundPage:
    """What the root 404 file needs of one language's 404 page."""

    title: str  # as written in the page (entities kept)
    description: str  # as written in the page's attribute
    content: str  # the body's HTML before Material's configuration and scripts
    config: str  # the ``<script id="__config">`` element


def read_page(text: str, name: str) -> NotFoundPage:
    """The parts of a rendered 404 page; ``name`` (its file) is named in errors."""
    body = _BODY.search(text)
    title = _TITLE.search(text)
    config = _CONFIG.search(text)
    for found, what in ((body, "<body>"), (title, "<title>"), (config, '<script id="__config">')):
        if found is None:
            raise HandbookError(f"{name}: not-found page: no {what}; expected a page rendered by overrides/404.html")
    if "</template>" in body.group("inner"):
        raise HandbookError(f"{name}: not-found page: holds a <template>; expected none (it would end its own)")
    inner = body.group("inner")
    config_at = inner.find(config.group(0))
    if config_at < 0:
        raise HandbookError(f'{name}: not-found page: <script id="__config"> is outside <body>')
    description = _DESCRIPTION.search(text)
    return NotFoundPage(
        title=title.group("title"),
        description=description.group("content") if description else "",
        content=inner[:config_at].rstrip(),
        config=config.group(0),
    )


def template(language: str, page: NotFoundPage) -> str:
    """One language's 404 page as an inert ``<template>`` (its title and description as attributes)."""
    # the attributes hold the text as the page wrote it: unescape, then escape once for the attribute
    title = html.escape(html.unescape(page.title.strip()), quote=True)
    description = html.escape(html.unescape(page.description), quote=True)
    return (
        f'<template {LANGUAGE_ATTRIBUTE}="{html.escape(language, quote=True)}" '
        f'data-title="{title}" data-description="{description}">'
        f"{page.content}\n{page.config}</template>"
    )


def compose(default_page: str, others: dict[str, str], name: str = "404.html") -> str:
    """The root 404 file: ``default_page`` with a template per language of ``others`` (code -> page HTML).

    The templates go right before Material's configuration, so that the script
    that follows it sees them and the configuration it rewrites. Composing an
    already composed page replaces its templates.
    """
    default_page = _TEMPLATES.sub("", default_page)
    config = _CONFIG.search(default_page)
    if config is None:
        raise HandbookError(f'{name}: not-found page: no <script id="__config">; expected a page rendered by overrides/404.html')
    templates = "".join(
        template(code, read_page(text, f"{code}/{name}")) + "\n" for code, text in others.items()
    )
    return default_page[: config.start()] + templates + default_page[config.start():]


def compose_site(site: Path, languages: list[str], default: str) -> bool:
    """Write the root ``404.html`` of ``site`` with every language's page; False when there is none.

    ``languages`` are the site's language codes; a language without its own
    ``<code>/404.html`` (not built) is left out.
    """
    root = site / "404.html"
    if not root.is_file():
        return False
    others = {}
    for code in languages:
        page = site / code / "404.html"
        if code != default and page.is_file():
            others[code] = page.read_text(encoding="utf-8")
    root.write_text(compose(root.read_text(encoding="utf-8"), others), encoding="utf-8")
    return True


def keep_language_page(site: Path, kept: dict[str, bytes], language: str) -> None:
    """Keep the ``404.html`` the engine just wrote for ``language`` (the next language overwrites it)."""
    page = site / "404.html"
    if page.exists():
        kept[language] = page.read_bytes()


def write_language_pages(site: Path, kept: dict[str, bytes], default: str) -> None:
    """Put each language's kept 404 page in its folder (the default language's at the root).

    A static template: it did not pass through the engine's page events, so it
    is finished here (:func:`trp_handbook.site.html_output.finish_page`).
    """
    from trp_handbook.site.html_output import finish_page

    for code, content in kept.items():
        target = site / "404.html" if code == default else site / code / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(finish_page(content.decode("utf-8")), encoding="utf-8")
    kept.clear()
