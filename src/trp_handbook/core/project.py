"""Where the project's files are: the project a build or a command is about.

The project is the folder with ``mkdocs.yml`` and ``data/languages.yml``. A
build takes it from its configuration file's folder
(:func:`trp_handbook.engine.adapter.use_project`), the command line from
``--root`` or the working directory (:func:`use_root`, :func:`find_root`),
so a second checkout that shares this environment builds its own sources. The
package is installed in editable mode, so ``data/`` is read where translators
edit it, never copied into the wheel.

Precedence: the root chosen by :func:`use_root` (also handed to the processes
this one starts, through ``TRP_HANDBOOK_ROOT``), then ``TRP_HANDBOOK_ROOT``
(tests point it at a fixture tree), then the nearest project at or above the
working directory, then, as a last resort for a process started anywhere else,
the checkout the package is installed from.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

#: The environment variable naming the project root.
ROOT_ENV = "TRP_HANDBOOK_ROOT"
#: The checkout the package is installed from: ``src/trp_handbook/core/project.py`` -> four levels up.
_INSTALLED_FROM = Path(__file__).resolve().parents[3]


def is_project(folder: Path) -> bool:
    """True when ``folder`` holds a handbook: its configuration and its language list."""
    return (folder / "mkdocs.yml").is_file() and (folder / "data" / "languages.yml").is_file()


def find_root(start: Path) -> Path | None:
    """The nearest project at or above ``start``, or None."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if is_project(folder):
            return folder
    return None


def root() -> Path:
    """The project this process works on (see the module's precedence)."""
    chosen = os.environ.get(ROOT_ENV)
    if chosen:
        return Path(chosen)
    return find_root(Path.cwd()) or _INSTALLED_FROM


def use_root(folder: Path) -> None:
    """Work on the project in ``folder`` from now on, in this process and those it starts."""
    os.environ[ROOT_ENV] = str(Path(folder).resolve())


def __getattr__(name: str) -> Path:
    """``REPO_ROOT``: :func:`root` at the moment it is read (kept for the modules that import it)."""
    if name == "REPO_ROOT":
        return root()
    raise AttributeError(name)


def data_dir(root_folder: Path | None = None) -> Path:
    """The folder that holds the project's single sources of truth."""
    return (root_folder or root()) / "data"


def docs_dir(root_folder: Path | None = None) -> Path:
    """The folder with one sub-folder per language."""
    return (root_folder or root()) / "docs"


def shower(base: Path) -> Callable[[str | os.PathLike[str]], str]:
    """A function showing a path as contributors know it: relative to ``base`` (the configuration's
    folder), else to the project (``docs/en/x.md``), else as it is."""
    from trp_handbook.core.errors import relative

    def show(path: str | os.PathLike[str]) -> str:
        shown = relative(Path(path), base)
        return relative(Path(path), root()) if shown.startswith("/") else shown

    return show
