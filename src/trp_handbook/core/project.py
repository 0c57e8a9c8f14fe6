"""Where the project's files are, found from the package's own location.

The package is installed in editable mode from the repository, so the data
files are found relative to the repository root rather than copied into the
wheel: translators edit ``data/`` and the build must see their change at once.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root: ``src/trp_handbook/core/project.py`` -> four levels up.
#: ``TRP_HANDBOOK_ROOT`` lets tests point the package at a fixture tree.
REPO_ROOT = Path(os.environ.get("TRP_HANDBOOK_ROOT", Path(__file__).resolve().parents[3]))


def data_dir(root: Path | None = None) -> Path:
    """The folder that holds the project's single sources of truth."""
    return (root or REPO_ROOT) / "data"


def docs_dir(root: Path | None = None) -> Path:
    """The folder with one sub-folder per language."""
    return (root or REPO_ROOT) / "docs"
