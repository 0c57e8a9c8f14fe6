"""The handbook's self-hosted fonts, cut from the Noto families.

The site and the PDF use the same files, shipped in the repository
(``overrides/assets/fonts``), so no page ever asks a font server and the printed
book looks the same on every machine. :func:`subset_fonts` (``handbook fonts``)
makes them from the full Noto TrueType files (Debian's ``fonts-noto-core`` and
``fonts-noto-mono``) keeping every OpenType feature, in particular ``locl``,
which gives Serbian and Macedonian their own italic forms of б г д п т. Run it
again when a language needs a character outside :data:`UNICODE_RANGES` (the
book build names such a character) after adding its range there.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from trp_handbook.core.errors import HandbookError
from trp_handbook.core.project import root


def fonts_dir() -> Path:
    """The shipped faces (WOFF2) of the project, used by the site and the books alike."""
    return root() / "overrides" / "assets" / "fonts"


def fontconfig_file() -> Path:
    """A fontconfig configuration without any font folder (see :func:`book_font_configuration`)."""
    return root() / "overrides" / "print" / "fonts.conf"


def __getattr__(name: str) -> Path:
    """``FONTS_DIR``, ``FONTCONFIG_FILE``: the current project's (:mod:`trp_handbook.core.project`)."""
    if name == "FONTS_DIR":
        return fonts_dir()
    if name == "FONTCONFIG_FILE":
        return fontconfig_file()
    raise AttributeError(name)

#: Latin (incl. Latin Extended-A/B for č ć đ š ž ë ç), Cyrillic and its
#: supplement, combining accents, and the punctuation and symbols the text uses.
UNICODE_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x0259, 0x0259), (0x02B0, 0x02FF),
    (0x0300, 0x036F), (0x0400, 0x052F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
    (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF), (0x2212, 0x2212),
    (0x2260, 0x2265), (0x25A0, 0x25FF), (0x2610, 0x2612), (0x2713, 0x2714),
    (0xFB00, 0xFB06),
]

#: (output name, Debian source file) for each face the handbook uses.
FACES = [
    ("noto-sans-400-normal", "NotoSans-Regular.ttf"),
    ("noto-sans-400-italic", "NotoSans-Italic.ttf"),
    ("noto-sans-700-normal", "NotoSans-Bold.ttf"),
    ("noto-sans-700-italic", "NotoSans-BoldItalic.ttf"),
    ("noto-serif-400-normal", "NotoSerif-Regular.ttf"),
    ("noto-serif-400-italic", "NotoSerif-Italic.ttf"),
    ("noto-serif-700-normal", "NotoSerif-Bold.ttf"),
    ("noto-serif-700-italic", "NotoSerif-BoldItalic.ttf"),
    ("noto-sans-mono-400-normal", "NotoSansMono-Regular.ttf"),
    ("noto-sans-mono-700-normal", "NotoSansMono-Bold.ttf"),
]

#: Where Debian installs them (the default source of ``handbook fonts``).
DEBIAN_NOTO = Path("/usr/share/fonts/truetype/noto")


def subset_fonts(source_dir: Path, target_dir: Path) -> list[Path]:
    """Write one WOFF2 file per face into ``target_dir``; returns the files written.

    Every source file is looked for first, so a missing one stops the command
    before any shipped face is replaced.
    """
    from fontTools import subset

    missing = [source for _, source in FACES if not (source_dir / source).is_file()]
    if missing:
        raise HandbookError(f"{source_dir}: no {', '.join(missing)}; expected the full Noto TrueType files "
                            "(Debian: apt-get install fonts-noto-core fonts-noto-mono)")
    unicodes = [cp for start, end in UNICODE_RANGES for cp in range(start, end + 1)]
    written = []
    target_dir.mkdir(parents=True, exist_ok=True)
    for name, source in FACES:
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        font = subset.load_font(str(source_dir / source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        out = target_dir / f"{name}.woff2"
        subset.save_font(font, str(out), options)
        written.append(out)
    return written


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def book_font_configuration(config_file: Path | None = None):
    """A WeasyPrint font configuration that knows the shipped fonts and nothing else.

    WeasyPrint loads fontconfig's configuration when the object is made; the
    machine's one lists the system fonts, and a family the stylesheets name
    ("Noto Serif") would then be matched by whatever the machine has of that
    name, or by DejaVu. Loaded from :func:`fontconfig_file`, which names no
    font folder, the only fonts are those the stylesheets add with
    ``@font-face`` (given this configuration: ``CSS(..., font_config=...)``),
    so the books embed the same subsets, in the same bytes, on any machine.
    """
    from weasyprint.text.fonts import FontConfiguration

    with _environment(FONTCONFIG_FILE=str(config_file or fontconfig_file())):
        return FontConfiguration()


@lru_cache(maxsize=1)
def shipped_characters(folder: Path | None = None) -> frozenset[int]:
    """Every code point that a shipped face draws (the books fall back only to those faces)."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in sorted((folder or fonts_dir()).glob("*.woff2")):
        with TTFont(str(path), lazy=True) as font:
            covered |= set(font.getBestCmap())
    return frozenset(covered)


def missing_characters(text: str, covered: Iterable[int] | None = None) -> list[str]:
    """The characters of ``text`` that no shipped face draws (white space and controls aside)."""
    have = shipped_characters() if covered is None else frozenset(covered)
    return sorted({ch for ch in text if ord(ch) not in have and not ch.isspace() and ord(ch) >= 0x20})
