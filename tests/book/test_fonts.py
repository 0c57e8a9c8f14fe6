"""The books are set in the shipped fonts on any machine, whatever fonts the machine has.

A book is rendered in a fresh process under three fontconfig configurations,
as three machines would have them: this machine's own, one whose only font is
an impostor that calls itself "Noto Serif" (a system Noto of another version, as
Debian's ``fonts-noto-core`` would be), and one with no font at all (a fresh
machine without Noto has DejaVu at best). Each book must embed only the shipped
Noto subsets, and the three books must be the same bytes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from trp_handbook.book import fonts
from trp_handbook.book import pdf as print_pdf
from trp_handbook.core.errors import HandbookError

BOOK = """<!DOCTYPE html><html lang="sr"><head><meta charset="utf-8"><title>Приручник</title></head><body>
<section class="chapter" id="c1" lang="sr"><h1 id="c1-h">Дозволе за привремени боравак</h1>
<p>Жртве трговине људима <em>бгдпт</em> <strong>члан 13</strong> — čćđšž ë ç «guillemets» „наводници“.</p>
<pre><code>law:coe-cets-197/art-13</code></pre></section></body></html>"""

RENDER = """
import json, sys
from pathlib import Path
from trp_handbook.book import pdf as print_pdf
args = json.loads(sys.argv[1])
if args["plain"]:  # WeasyPrint as the books were made before: stylesheets without the font configuration
    import weasyprint
    sheets = [weasyprint.CSS(filename=str(p)) for p in print_pdf.stylesheets()]
    html = "<html lang=en><body><p>A page set the way the books were set before.</p></body></html>"
    pdf = weasyprint.HTML(string=html, base_url=args["base"]).write_pdf(stylesheets=sheets)
else:
    job = print_pdf.RenderJob("sr", args["html"], args["out"], args["base"])
    pdf, _, _ = print_pdf.render(job)
Path(args["out"]).write_bytes(pdf)
"""


def impostor_font(folder: Path) -> Path:
    """A font that calls itself "Noto Serif" but is not the shipped one (PostScript name Impostor-Serif)."""
    from fontTools.ttLib import TTFont

    folder.mkdir(parents=True, exist_ok=True)
    font = TTFont(str(fonts.FONTS_DIR / "noto-sans-400-normal.woff2"))
    font.flavor = None
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            record.string = "Noto Serif"
        elif record.nameID == 4:
            record.string = "Noto Serif Impostor"
        elif record.nameID == 6:
            record.string = "Impostor-Serif"
    path = folder / "impostor.ttf"
    font.save(str(path))
    return path


def fontconfig_file(tmp: Path, name: str, folders: list[Path]) -> Path:
    dirs = "".join(f"<dir>{folder}</dir>" for folder in folders)
    path = tmp / f"{name}.conf"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
                    f"<fontconfig>{dirs}<cachedir>{tmp / 'fc-cache' / name}</cachedir></fontconfig>",
                    encoding="utf-8")
    return path


def render_under(config: Path | None, out: Path, plain: bool = False) -> Path:
    env = {k: v for k, v in os.environ.items() if k not in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")}
    if config is not None:
        env["FONTCONFIG_FILE"] = str(config)
    args = {"html": BOOK, "out": str(out), "base": print_pdf.FONTS_CSS.as_uri(), "plain": plain}
    result = subprocess.run([sys.executable, "-c", RENDER, json.dumps(args)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def embedded_fonts(pdf: Path) -> list[tuple[str, str | None]]:
    """(name in the PDF, PostScript name inside the embedded program) of every font in ``pdf``.

    WeasyPrint names a font in the PDF after the family it asked for, so a
    system font called "Noto Serif" gets the same name as the shipped one;
    the embedded program's own name table tells them apart.
    """
    import io

    import pikepdf
    from fontTools.ttLib import TTFont

    found = []
    with pikepdf.open(pdf) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                program = obj.get("/FontFile2")
                own = TTFont(io.BytesIO(program.read_bytes()))["name"].getDebugName(6) if program is not None else None
                found.append((str(obj.FontName), own))
    return sorted(found)


def shipped_postscript_names() -> set[str]:
    from fontTools.ttLib import TTFont

    return {TTFont(str(path))["name"].getDebugName(6) for path in fonts.FONTS_DIR.glob("*.woff2")}


@pytest.fixture(scope="module")
def machines(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("fontconfig")
    return {
        "this machine": None,
        "system Noto of its own": fontconfig_file(tmp, "impostor", [impostor_font(tmp / "impostor").parent]),
        "no font at all": fontconfig_file(tmp, "empty", []),
    }


@pytest.mark.build
def test_books_embed_only_the_shipped_fonts_and_the_same_bytes_on_any_machine(machines, tmp_path):
    shipped = shipped_postscript_names()
    books = {name: render_under(config, tmp_path / f"{i}.pdf") for i, (name, config) in enumerate(machines.items())}
    for name, book in books.items():
        found = embedded_fonts(book)
        assert len(found) >= 4, (name, found)  # serif, its italic and bold, sans for the heading, mono
        for in_pdf, own in found:
            assert re.fullmatch(r"/[A-Z]{6}\+Noto-(Serif|Sans|Sans-Mono)(-Bold|-Italic|-BoldItalic)?", in_pdf), (name, in_pdf)
            assert own in shipped, (name, in_pdf, own)  # embedded, and the shipped program
    first = books["this machine"].read_bytes()
    assert all(book.read_bytes() == first for book in books.values()), "the PDF's bytes depend on the machine's fonts"


@pytest.mark.build
def test_the_impostor_machine_would_fool_weasyprint_without_the_books_font_configuration(machines, tmp_path):
    """The control: the configuration really offers a false Noto Serif, which plain WeasyPrint takes."""
    book = render_under(machines["system Noto of its own"], tmp_path / "plain.pdf", plain=True)
    assert "Impostor-Serif" in {own for _, own in embedded_fonts(book)}


def test_the_books_font_configuration_names_no_font_folder():
    text = fonts.FONTCONFIG_FILE.read_text(encoding="utf-8")
    assert "<dir" not in text and "<include" not in text


def test_the_shipped_faces_draw_every_script_the_handbook_is_written_in():
    text = "Дозволе бгдпт Дозволи ѓќљњџѕ čćđšž ë ç «» „“ – — … € § ©"
    assert fonts.missing_characters(text) == []
    assert fonts.missing_characters("шта 😀 ☎") == ["☎", "😀"]


def test_a_character_no_shipped_font_draws_fails_the_book_naming_it_and_its_chapter(tmp_path):
    html = BOOK.replace("члан 13", "члан 13 ☎")
    job = print_pdf.RenderJob("sr", html, str(tmp_path / "x.pdf"), print_pdf.FONTS_CSS.as_uri())
    with pytest.raises(HandbookError, match=r"sr: no shipped font draws U\+260E '☎' \(first in c1\)"):
        print_pdf.render(job)


# --------------------------------------------------------------------------- handbook fonts: making the subsets


@pytest.fixture(scope="module")
def full_fonts(tmp_path_factory) -> Path:
    """Stand-ins for Debian's full Noto files: the shipped faces as TrueType, under Debian's file names.

    A subset of a subset keeps what the shipped face has, so ``handbook fonts``
    over these must give back the shipped coverage and features.
    """
    from fontTools.ttLib import TTFont

    folder = tmp_path_factory.mktemp("noto")
    for name, source in fonts.FACES:
        font = TTFont(str(fonts.FONTS_DIR / f"{name}.woff2"))
        font.flavor = None
        font.save(str(folder / source))
    return folder


def test_handbook_fonts_cuts_every_face_with_the_shipped_coverage_and_locl(full_fonts, tmp_path):
    from fontTools.ttLib import TTFont

    from trp_handbook.cli.main import main

    assert main(["fonts", "--source", str(full_fonts), "--out", str(tmp_path / "a")]) == 0
    written = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert written == sorted(f"{name}.woff2" for name, _ in fonts.FACES)
    wanted = {cp for start, end in fonts.UNICODE_RANGES for cp in range(start, end + 1)}
    for name, _ in fonts.FACES:
        made, shipped = TTFont(str(tmp_path / "a" / f"{name}.woff2")), TTFont(str(fonts.FONTS_DIR / f"{name}.woff2"))
        assert made.flavor == "woff2", name
        assert set(made.getBestCmap()) == set(shipped.getBestCmap()) and set(made.getBestCmap()) <= wanted, name
    italic = TTFont(str(tmp_path / "a" / "noto-serif-400-italic.woff2"))
    assert "locl" in {record.FeatureTag for record in italic["GSUB"].table.FeatureList.FeatureRecord}


def test_handbook_fonts_without_a_source_face_names_it_and_writes_nothing(full_fonts, tmp_path, capsys):
    from trp_handbook.cli.main import main

    source = tmp_path / "noto"
    source.mkdir()
    for _, name in fonts.FACES[1:]:
        (source / name).write_bytes((full_fonts / name).read_bytes())
    assert main(["fonts", "--source", str(source), "--out", str(tmp_path / "out")]) == 2
    assert f"{source}: no NotoSans-Regular.ttf; expected the full Noto TrueType files" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
