"""Rule ``spelling``: every prose word is known to Hunspell or to the edition's word list.

Hunspell is the reference implementation of the dictionary format every
dictionary here is written for (LibreOffice's, Firefox's); the program
``hunspell`` checks all editions in a few seconds (see README, "Spelling", for
why not a Python binding). Each word is given on its own line, so a line it
reports is exactly one word of the page.
Dictionaries are installed by ``make`` (Debian packages, and npm's
``dictionary-mk`` for Macedonian, which Debian lacks), never fetched at run time.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from trp_handbook.core.faults import EnvironmentFault, Fault
from trp_handbook.core.languages import by_code
from trp_handbook.core.project import REPO_ROOT

_SYSTEM_FOLDERS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell"))


def dictionary(language: str, root: Path | None = None) -> Path:
    """The dictionary's path without extension; a missing one is the machine's fault (exit 3).

    Debian's dictionaries are in the system's folders; an npm package's (``package:
    "npm package NAME ..."`` in data/languages.yml) in node_modules/NAME.
    """
    spelling = by_code(language).spelling
    if spelling is None:
        raise EnvironmentFault(Fault("missing-dictionary", detail=f"no spelling: dictionary for {language} in "
                                     "data/languages.yml; expected one (see its header)"))
    name, origin = spelling.dictionary, spelling.package
    folders = list(_SYSTEM_FOLDERS)
    if origin.startswith("npm package "):
        folders = [(root or REPO_ROOT) / "node_modules" / origin.split()[2]]
    for folder in folders:
        if (folder / f"{name}.dic").exists() and (folder / f"{name}.aff").exists():
            return folder / name
    raise EnvironmentFault(Fault(
        "missing-dictionary",
        detail=f"the {language} spelling dictionary {name}.dic is not installed ({origin}); "
               "run `make check` (or `make test`), which installs the dictionaries"))


def _hunspell() -> str:
    program = shutil.which("hunspell")
    if program is None:
        raise EnvironmentFault(Fault(
            "missing-program",
            detail="hunspell (Debian package hunspell); run `make check`, which installs it"))
    return program


@functools.lru_cache(maxsize=64)
def unknown(dictionary_path: Path, words: frozenset[str]) -> frozenset[str]:
    """The words of ``words`` Hunspell's dictionary does not know.

    One word per line, ``-L`` prints back the lines with a misspelled word: the
    unknown words exactly as given (pipe mode, ``-a``, would also compute
    suggestions, a hundred times slower).
    """
    if not words:
        return frozenset()
    given = "".join(f"{w}\n" for w in sorted(words))
    out = subprocess.run([_hunspell(), "-L", "-i", "utf-8", "-d", str(dictionary_path)], input=given,
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    return frozenset(line for line in out.split("\n") if line in words)
