"""The cover as a picture: an SVG whose words are drawn as outlines of the shipped fonts.

Reading systems show a book's cover image in their library, where no font of
ours is loaded, so the words are turned into paths with fontTools from the same
Noto subsets the books use: the picture looks the same everywhere, in Cyrillic
and Latin alike, needs no font and fetches nothing. The EPUB's first page is a
real text cover (:mod:`trp_handbook.book.epub`); this image is what a library
shelf shows of it.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Mapping
from functools import lru_cache

from trp_handbook.book import fonts
from trp_handbook.core import palette

WIDTH, HEIGHT, MARGIN = 1600, 2400, 130


@lru_cache(maxsize=4)
def _font(name: str):
    from fontTools.ttLib import TTFont

    return TTFont(fonts.FONTS_DIR / f"{name}.woff2")


def _advance(font, text: str, size: float) -> float:
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    scale = size / font["head"].unitsPerEm
    return sum(hmtx[cmap.get(ord(ch), ".notdef")][0] for ch in text) * scale


def _wrap(font, text: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and _advance(font, lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _outline(font, text: str, size: float, x: float, baseline: float) -> str:
    """The path data of ``text`` set at (x, baseline)."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    glyphs, cmap, hmtx = font.getGlyphSet(), font.getBestCmap(), font["hmtx"]
    scale = size / font["head"].unitsPerEm
    pen = SVGPathPen(glyphs, ntos=lambda v: f"{v:.1f}".rstrip("0").rstrip("."))
    for ch in text:
        name = cmap.get(ord(ch), ".notdef")
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
        x += hmtx[name][0] * scale
    return pen.getCommands()


#: The ink band's height: the mark stands on it, the words below.
BAND = 760

#: (line of cover_lines, face, size, colour, space between the previous baseline and this block's top)
BLOCKS = (
    ("title", "noto-sans-700-normal", 118, "ink", 150),
    ("subtitle", "noto-serif-400-normal", 58, "text", 70),
    ("language", "noto-sans-700-normal", 80, "ink", 150),
    ("edition", "noto-serif-400-normal", 56, "text", 50),
    ("law", "noto-serif-400-normal", 56, "text", 30),
)


def cover_svg(lines: Mapping[str, str]) -> str:
    """The cover picture for ``lines`` (title, subtitle, language, edition, law; see ``epub.cover_lines``)."""
    import lxml.etree

    from trp_handbook.book.epub import mark_element

    colours = palette.PALETTE
    mark_body = "".join(lxml.etree.tostring(child, encoding="unicode") for child in mark_element())
    paths = []
    y = float(BAND)
    for key, face, size, colour, before in BLOCKS:
        font = _font(face)
        y += before + size  # the first line's baseline
        for i, line in enumerate(_wrap(font, lines[key], size, WIDTH - 2 * MARGIN)):
            if i:
                y += size * 1.22
            paths.append(f'<path fill="{colours[colour]}" d="{_outline(font, line, size, MARGIN, y)}"/>')
    label = html_lib.escape(". ".join(lines[k] for k, *_ in BLOCKS), quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{label}">\n<title>{label}</title>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{colours["paper"]}"/>\n'
        f'<rect width="{WIDTH}" height="{BAND}" fill="{colours["ink"]}"/>\n'
        f'<svg x="{MARGIN}" y="200" width="360" height="360" viewBox="0 0 64 64">{mark_body}</svg>\n'
        f'<rect x="{MARGIN}" y="{HEIGHT - 170}" width="{WIDTH - 2 * MARGIN}" height="14" fill="{colours["gold"]}"/>\n'
        + "\n".join(paths) + "\n</svg>\n"
    )
