"""Hyphenation dictionaries for the printed handbook, one per language.

WeasyPrint hyphenates with pyphen, choosing the dictionary from the ``lang`` of
the text (``pyphen.language_fallback``). This module makes that choice follow
``data/languages.yml`` (the ``hyphenation`` key names the dictionary) and
provides the two dictionaries pyphen lacks:

* Bosnian (``bs``) uses the Croatian patterns (``hr_HR``): the two standard
  languages share the Latin orthography and its syllable rules.
* Macedonian (``mk``) is shipped as ``data/hyphenation/hyph_mk.dic``, converted
  by :func:`tex_to_dic` from the hyph-utf8 TeX patterns ``hyph-mk.tex`` (Debian
  package ``texlive-lang-european``), under their own licence (see
  ``data/hyphenation/README.md``).

Registering a dictionary needs both ``pyphen.LANGUAGES`` (name -> file) and
``pyphen.LANGUAGES_LOWERCASE`` (what ``language_fallback`` searches).
"""

from __future__ import annotations

import re
from pathlib import Path

from trp_handbook.core.errors import Problem
from trp_handbook.core.languages import Language, load_languages
from trp_handbook.core.project import data_dir

#: Dictionaries taken from another language's patterns: name -> pyphen dictionary.
ALIASES = {"bs": "hr_HR"}


def dictionary_dir(root: Path | None = None) -> Path:
    """Where the dictionaries the handbook ships are kept (``hyph_<name>.dic``)."""
    return data_dir(root) / "hyphenation"


def dictionary_path(name: str, root: Path | None = None) -> Path | None:
    """The file of the dictionary ``name``: shipped, pyphen's own, or an alias; None if none."""
    import pyphen

    shipped = dictionary_dir(root) / f"hyph_{name}.dic"
    if shipped.is_file():
        return shipped
    if name in ALIASES:
        return dictionary_path(ALIASES[name], root)
    found = pyphen.LANGUAGES.get(name)
    return Path(str(found)) if found is not None else None


def _register(key: str, path: Path) -> None:
    import pyphen

    pyphen.LANGUAGES[key] = path
    pyphen.LANGUAGES_LOWERCASE[key.lower()] = key


def register(languages: tuple[Language, ...] | None = None, root: Path | None = None) -> dict[str, Path]:
    """Make pyphen hyphenate each language with the dictionary data/languages.yml names.

    Both the dictionary's name and the language's own tag (``sr-Latn`` is
    looked up as ``sr_latn``) are registered, so that ``lang="en"`` gets
    ``en_GB`` rather than whatever pyphen would pick. Returns code -> file.
    """
    chosen: dict[str, Path] = {}
    for lang in languages or load_languages():
        if not lang.hyphenation:
            continue
        path = dictionary_path(lang.hyphenation, root)
        if path is None:
            continue
        _register(lang.hyphenation, path)
        _register(lang.code.replace("-", "_"), path)
        chosen[lang.code] = path
    return chosen


def problems(languages: tuple[Language, ...] | None = None, root: Path | None = None) -> list[Problem]:
    """A language whose ``hyphenation`` dictionary cannot be found (it would print unhyphenated)."""
    found = []
    for lang in languages or load_languages():
        if lang.hyphenation and dictionary_path(lang.hyphenation, root) is None:
            found.append(
                Problem(
                    "data/languages.yml",
                    1,
                    "hyphenation-missing",
                    f"{lang.code}: no hyphenation dictionary {lang.hyphenation!r}; expected a pyphen dictionary name "
                    f"or data/hyphenation/hyph_{lang.hyphenation}.dic",
                )
            )
    return found


_PATTERNS = re.compile(r"\\patterns\s*\{(?P<body>.*?)\}", re.DOTALL)
_EXCEPTIONS = re.compile(r"\\hyphenation\s*\{(?P<body>.*?)\}", re.DOTALL)
_HYPHENMIN = re.compile(r"^%\s+(?P<side>left|right):\s*(?P<value>\d+)", re.MULTILINE)


def _without_comments(text: str) -> str:
    return "\n".join(line.split("%", 1)[0] for line in text.splitlines())


def _exception_as_pattern(word: str) -> str:
    """``ex-am-ple`` as a Liang pattern that forces exactly those breaks (odd: break, even: none)."""
    letters = word.replace("-", "")
    breaks = set()
    position = 0
    for char in word:
        if char == "-":
            breaks.add(position)
        else:
            position += 1
    out = "."
    for i, char in enumerate(letters):
        if i:
            out += "9" if i in breaks else "8"
        out += char
    return out + "."


def tex_to_dic(tex: str, source_name: str) -> str:
    """A pyphen/LibreOffice ``.dic`` file from hyph-utf8 TeX patterns.

    The TeX file's header comments (title, copyright, licence) are kept as ``%``
    comments, which pyphen and LibreOffice skip; its ``hyphenmins`` become
    ``LEFTHYPHENMIN``/``RIGHTHYPHENMIN``; ``\\hyphenation`` exceptions become
    patterns that force their breaks. Liang's patterns need no other change:
    pyphen applies them exactly as TeX does.
    """
    match = _PATTERNS.search(tex)
    if match is None:
        raise ValueError(f"{source_name}: no \\patterns{{...}} block; expected hyph-utf8 TeX patterns")
    header = [line for line in tex[: tex.find("\\patterns")].splitlines() if line.startswith("%")]
    mins = {m.group("side"): m.group("value") for m in _HYPHENMIN.finditer(tex[: match.start()])}
    patterns = _without_comments(match.group("body")).split()
    exceptions = _EXCEPTIONS.search(tex)
    if exceptions:
        patterns += [_exception_as_pattern(w.lower()) for w in _without_comments(exceptions.group("body")).split()]
    lines = ["UTF-8", f"% Converted from {source_name} by trp_handbook.book.hyphenation.tex_to_dic.", *header]
    lines += [f"LEFTHYPHENMIN {mins.get('left', '2')}", f"RIGHTHYPHENMIN {mins.get('right', '2')}"]
    return "\n".join(lines + patterns) + "\n"
