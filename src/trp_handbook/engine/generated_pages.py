"""Pages the build writes itself (glossary, table of legislation, Serbian Latin).

MkDocs adapter code, kept in the package because several hooks need it.
mkdocs-static-i18n sorts files by their path under ``docs_dir`` and rebuilds
every File object, dropping content held in memory. So a generated page is
added with a path under ``docs_dir`` (never read) and its content is kept here,
then put back by :func:`restore` after the plugin has sorted the files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any


#: src_uri -> content, or a function making it (called only if the page is built)
_content: dict[str, str | Callable[[], str]] = {}


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
    _content[src_uri] = content
    generated = File.generated(config, src_uri, content="")
    generated.abs_src_path = os.path.join(config.docs_dir, src_uri)
    generated.edit_uri = edit_uri
    files.append(generated)


def restore(files: Any) -> Any:
    """Give the i18n plugin's rebuilt File objects their generated content back."""
    for file in files.documentation_pages():
        content = _content.get(file.src_uri)
        if content is not None:
            if callable(content):  # made once per build, however many hooks restore it
                content = _content[file.src_uri] = content()
            edit_uri = file.edit_uri
            file.content_string = content
            file.edit_uri = edit_uri
    return files


def clear() -> None:
    _content.clear()
