"""Pages the build writes itself (glossary, table of legislation, status, editions, Serbian Latin).

Part of the engine adapter (:mod:`trp_handbook.engine.adapter`).
mkdocs-static-i18n sorts files by their path under ``docs_dir`` and rebuilds
every File object, dropping content held in memory. So a generated page is
added with a path under ``docs_dir`` (never read) and its content is kept with
the build's state, then put back by :func:`restore` after the plugin has
sorted the files.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

from trp_handbook.engine.adapter import build_state, docs_prefix, site_languages


def _contents(config: Any) -> dict[str, str | Callable[[], str]]:
    """src_uri -> content, or a function making it (called only if the page is built)."""
    return build_state(config, "generated_pages", dict)


def add(
    files: Any, config: Any, src_uri: str, content: str | Callable[[], str], edit_uri: str | None = None
) -> None:
    """Add a generated page ``src_uri`` (e.g. ``en/annexes/glossary.md``) unless a real file exists.

    ``content`` may be a function: it is called only when the page is really
    built in the current language, not for every language's build.
    """
    from mkdocs.structure.files import File

    if files.get_file_from_path(src_uri) is not None:
        return
    _contents(config)[src_uri] = content
    generated = File.generated(config, src_uri, content="")
    generated.abs_src_path = os.path.join(config.docs_dir, src_uri)
    generated.edit_uri = edit_uri
    files.append(generated)


def add_every_edition(
    files: Any, config: Any, page: str, make: Callable[[str], str], languages: Callable[[str], bool] | None = None
) -> None:
    """Add ``page`` (``annexes/glossary.md``) of every language of the site (or those ``languages`` accepts).

    ``make(code)`` makes a language's page. Every edition's page is added (only
    the current language's is built) so that the i18n plugin links the
    editions of the page to each other.
    """
    for code in site_languages(config):
        if languages is None or languages(code):
            add(files, config, f"{docs_prefix(config, code)}{page}", functools.partial(make, code))


def add_derived_edition(files: Any, config: Any, code: str, source: str, convert: Callable[[str], str]) -> None:
    """Add every page of the edition ``code`` made from ``source``'s pages by ``convert`` (sr-Latn from sr)."""
    prefix = f"{source}/"
    for file in list(files.documentation_pages()):
        if file.src_uri.startswith(prefix):
            target = f"{code}/{file.src_uri[len(prefix):]}"
            add(files, config, target, functools.partial(_converted, file.abs_src_path, convert), file.edit_uri)


def _converted(path: str, convert: Callable[[str], str]) -> str:
    with open(path, encoding="utf-8-sig") as source:
        return convert(source.read())


def restore(files: Any, config: Any) -> Any:
    """Give the i18n plugin's rebuilt File objects their generated content back."""
    contents = _contents(config)
    for file in files.documentation_pages():
        content = contents.get(file.src_uri)
        if content is not None:
            if callable(content):  # made once per build, however many hooks restore it
                content = contents[file.src_uri] = content()
            edit_uri = file.edit_uri
            file.content_string = content
            file.edit_uri = edit_uri
    return files


def clear(config: Any) -> None:
    """Forget the previous language's pages (each language build adds them again)."""
    _contents(config).clear()
