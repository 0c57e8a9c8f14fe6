"""Tests of trp_handbook.book.layout: a book laid out in parts, with every page number right.

The parts must lay out exactly as one document would (same text on every page,
same footers), numbers are corrected in place only when nothing can move, and
nothing is written with a wrong number.
"""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from trp_handbook.book import layout as book_layout
from trp_handbook.book import pdf as print_pdf
from trp_handbook.book.fonts import book_font_configuration
from trp_handbook.core.errors import HandbookError


def _texts(pdf: Path | bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [page.extract_text() for page in reader.pages]


# --------------------------------------------------------------------------- the numbers written in


def test_page_numbers_are_written_into_the_links():
    html = '<a class="xref" href="#c02-x">x</a> <a href="#c09-unknown">y</a> <a href="https://e.org/#c02-x">z</a>'
    written = book_layout.with_page_numbers(html, {"c02-x": 7})
    assert written == '<a class="xref" href="#c02-x" data-page="7">x</a> <a href="#c09-unknown">y</a> <a href="https://e.org/#c02-x">z</a>'


def test_the_first_guess_follows_the_paper():
    assert book_layout.chars_per_page('<html lang="sr" class="paper-A4">') == 4100
    assert book_layout.chars_per_page('<html lang="sr" class="paper-A5">') == 2100
    assert book_layout.chars_per_page("<p>no paper named</p>") == 4100


# --------------------------------------------------------------------------- parts


def test_a_book_splits_before_each_chapter_and_nothing_is_lost():
    html = ('<html><head><style>x</style></head><body><section class="cover">c</section><nav>t</nav>\n'
            '<section class="chapter" id="c01">one</section>\n<section class="chapter" id="c02">two</section>\n</body></html>')
    head, parts, tail = book_layout.split(html)
    assert head.endswith("<body>") and tail == "</body></html>"
    assert [p.body[:30] for p in parts] == ['<section class="cover">c</sect', '<section class="chapter" id="c', '<section class="chapter" id="c']
    assert head + "".join(p.body for p in parts) + tail == html
    assert [html[p.start:p.start + 9] for p in parts] == ["<section ", "<section ", "<section "]
    assert book_layout.split("<p>no body</p>")[1][0].body == "<p>no body</p>"


def test_a_part_counts_its_pages_from_where_it_begins_and_prints_the_total():
    head = '<html><head><style>@page { @bottom-right { content: "p. " counter(page) " of " counter(pages) } }</style></head><body>'
    part = book_layout.Part('<a href="#x">x</a>', 0)
    html = book_layout.part_html(head, part, "</body></html>", {"x": 12}, 40, 129)
    assert 'counter(page) " of " "129"' in html
    assert "@page :first { counter-reset: page 40; }" in html
    assert '<a href="#x" data-page="12">' in html
    assert "counter-reset" not in book_layout.part_html(head, part, "", {}, 1, 129)


def _boxes(*texts: str) -> list:
    return [SimpleNamespace(text=t, pango_layout=SimpleNamespace(text=t)) for t in texts]


def test_footers_are_renumbered_in_place_only_with_the_same_digits():
    footers = [_boxes("Page 41 of 129"), _boxes("Page 42 of 129"), []]  # a page without a footer
    fixes = book_layout.footer_fixes(footers, (41, 129), (44, 131))
    book_layout._apply(fixes)
    assert [b.text for page in footers for b in page] == ["Page 44 of 131", "Page 45 of 131"]
    assert [b.pango_layout.text for page in footers for b in page] == ["Page 44 of 131", "Page 45 of 131"]
    # "129 of 129" is the page and the total: both change apart
    last = [_boxes("Page 129 of 129")]
    book_layout._apply(book_layout.footer_fixes(last, (129, 129), (128, 130)))
    assert last[0][0].text == "Page 128 of 130"
    # the total first, as a language may print it
    first = [_boxes("129 pages, page 41")]
    book_layout._apply(book_layout.footer_fixes(first, (41, 129), (42, 131), page_first=False))
    assert first[0][0].text == "131 pages, page 42"
    # other digits, or numbers this module did not write: laid out again, nothing changed
    footers = [_boxes("Page 99 of 129")]
    assert book_layout.footer_fixes(footers, (99, 129), (100, 130)) is None
    assert book_layout.footer_fixes([_boxes("Page 7 of 129")], (41, 129), (42, 129)) is None
    assert footers[0][0].text == "Page 99 of 129"
    assert book_layout.footer_fixes(footers, (99, 129), (99, 129)) == []


BOOK = """<!DOCTYPE html>
<html lang="en" class="paper-A4"><head><meta charset="utf-8"><title>A book in parts</title><style>
@page { size: A6; margin: 12mm 10mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 6pt "Noto Sans" } }
@page cover { @bottom-right { content: none } }
.cover { page: cover }
section.chapter { break-before: page; counter-reset: footnote }
body { font: 8pt/1.3 "Noto Serif" }
.toc a[data-page]::after { content: leader(". ") attr(data-page) }
a.xref[data-page]::after { content: " (p. " attr(data-page) ")" }
.fn { float: footnote }
</style></head>
<body><section class="cover" id="cover"><h1>A book in parts</h1></section>
<nav class="toc" id="contents"><ol>{toc}</ol></nav>
{chapters}</body></html>"""


def _book(chapters: int = 14) -> str:
    toc = "".join(f'<li><a href="#c{i:02d}">Chapter {i}</a></li>' for i in range(1, chapters + 1))
    body = []
    for i in range(1, chapters + 1):
        text = " ".join(["Temporary residence permits for victims of trafficking."] * (10 + 9 * (i % 3)))
        body.append(
            f'<section class="chapter" id="c{i:02d}"><h1>Chapter {i}</h1><p id="c{i:02d}-p">{text}'
            f'<span class="fn">A note of chapter {i}.</span> See <a class="xref" href="#c{chapters + 1 - i:02d}-p">'
            f'chapter {chapters + 1 - i}</a> and <a class="xref" href="#c{chapters:02d}">the last</a>.</p>'
            f"<p>{text}</p></section>\n")
    return BOOK.replace("{toc}", toc).replace("{chapters}", "".join(body))


def _renderer(calls: list[str] | None = None):
    import weasyprint

    fonts = book_font_configuration()
    sheets = print_pdf.weasyprint_stylesheets(fonts, [print_pdf.FONTS_CSS])

    def render(html: str):
        if calls is not None:
            calls.append(html)
        return weasyprint.HTML(string=html, base_url=print_pdf.FONTS_CSS.as_uri()).render(
            stylesheets=sheets, font_config=fonts)

    return render


@pytest.fixture(scope="module")
def laid_out():
    calls: list[str] = []
    html = _book()
    document, rounds, pages = book_layout.lay_out(html, _renderer(calls))
    return html, document, rounds, pages, calls


@pytest.mark.build
def test_parts_lay_out_as_one_document_would(laid_out):
    html, document, rounds, laid_out_pages, calls = laid_out
    # one document, laid out by WeasyPrint at once with the numbers the parts found
    where = book_layout._anchor_pages(document)
    whole = _renderer()(book_layout.with_page_numbers(html, where))
    assert book_layout.stale_page_references(whole) == []
    ours = document.write_pdf(pdf_identifier=b"t", pdf_tags=True)
    theirs = whole.write_pdf(pdf_identifier=b"t", pdf_tags=True)
    assert _texts(ours) == _texts(theirs)
    assert len(document.pages) > 15 and sum(1 for t in _texts(ours) if "A note of chapter" in t) == 14
    assert PdfReader(io.BytesIO(ours)).named_destinations.keys() == PdfReader(io.BytesIO(theirs)).named_destinations.keys()


@pytest.mark.build
def test_every_footer_and_page_reference_names_its_page(laid_out):
    _, document, rounds, laid_out_pages, calls = laid_out
    assert book_layout.stale_page_references(document) == []
    assert book_layout.stale_footers(document) == []
    texts = _texts(document.write_pdf())
    total = len(texts)
    assert "Page" not in texts[0]  # the cover
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text
    last = book_layout._anchor_pages(document)["c14"]
    assert last > 20 and texts[last - 1].startswith("Chapter 14")
    assert f"the last (p. {last})" in " ".join(" ".join(texts).split())


@pytest.mark.build
def test_only_the_parts_whose_numbers_need_other_digits_are_laid_out_again(laid_out):
    _, document, rounds, laid_out_pages, calls = laid_out
    # the guess (4,100 characters a page) puts every chapter of this small book on page 1 or 2;
    # the chapters from 10 on are on pages 10 and later: the contents and the parts that link
    # forward to them print two digits only in a second round
    assert rounds == 2
    parts = len(book_layout.split(_book())[1])
    assert parts == 15 and parts < len(calls) < 2 * parts
    assert laid_out_pages < 2 * len(document.pages)
    again = [c for c in calls[parts:]]
    assert any('<nav class="toc"' in c for c in again)  # the contents
    assert not any('id="c14"' in c for c in again)  # the last chapter knew every page it links to


@pytest.mark.build
def test_too_few_rounds_is_an_error_not_a_wrong_book():
    with pytest.raises(HandbookError, match=r"page numbers still wrong after 1 rounds of layout: \[\("):
        book_layout.lay_out(_book(), _renderer(), max_rounds=1)


# --------------------------------------------------------------------------- corrections in place

DIGITS = "0123456789"


def _digit_kerning(font) -> set[tuple[str, str]]:
    """Glyph pairs with a digit that the font's GPOS pair positioning moves."""
    digits = {font.getBestCmap()[ord(c)] for c in DIGITS}
    found: set[tuple[str, str]] = set()
    if "GPOS" not in font:
        return found
    for lookup in font["GPOS"].table.LookupList.Lookup:
        subtables = [getattr(st, "ExtSubTable", st) for st in lookup.SubTable]
        for st in subtables:
            if getattr(st, "LookupType", lookup.LookupType) != 2:
                continue
            if st.Format == 1:
                for first, pairs in zip(st.Coverage.glyphs, st.PairSet):
                    for pair in pairs.PairValueRecord:
                        moved = any(getattr(v, "XAdvance", 0) or getattr(v, "XPlacement", 0)
                                    for v in (pair.Value1, getattr(pair, "Value2", None)) if v)
                        if moved and (first in digits or pair.SecondGlyph in digits):
                            found.add((first, pair.SecondGlyph))
            else:
                class1, class2 = st.ClassDef1.classDefs, st.ClassDef2.classDefs
                for first in st.Coverage.glyphs:
                    for second_class, record in enumerate(st.Class1Record[class1.get(first, 0)].Class2Record):
                        moved = any(getattr(v, "XAdvance", 0) or getattr(v, "XPlacement", 0)
                                    for v in (record.Value1, getattr(record, "Value2", None)) if v)
                        if not moved:
                            continue
                        seconds = {g for g, c in class2.items() if c == second_class} if second_class else digits - set(class2)
                        if first in digits or seconds & digits:
                            found.add((first, sorted(seconds & digits or seconds)[0]))
    return found


def test_shipped_fonts_have_one_width_for_every_figure_and_never_kern_one():
    """What correct_in_place relies on: a number's width depends only on its count of digits."""
    from fontTools.ttLib import TTFont

    fonts = sorted(print_pdf.FONTS_DIR.glob("*.woff2"))
    assert fonts
    for path in fonts:
        font = TTFont(path)
        widths = {font["hmtx"][font.getBestCmap()[ord(c)]][0] for c in DIGITS}
        assert len(widths) == 1, (path.name, widths)
        assert not _digit_kerning(font), path.name


def _reference_document(printed: str):
    import weasyprint

    html = f"""<html lang="en"><style>
      @page {{ size: A6; margin: 10mm }}
      body {{ font-family: "Noto Serif" }}
      a.xref[data-page]::after {{ content: " (p. " attr(data-page) ")" }}
      h2 {{ break-before: page }}
    </style><p>See <a class="xref" href="#t" data-page="{printed}">the target</a>.</p>
    <h2 id="t">Target</h2><p><a class="xref" href="#t" data-page="2">here</a></p></html>"""
    fonts = book_font_configuration()
    sheets = print_pdf.weasyprint_stylesheets(fonts, [print_pdf.FONTS_CSS])
    return weasyprint.HTML(string=html, base_url=print_pdf.FONTS_CSS.as_uri()).render(stylesheets=sheets, font_config=fonts)


@pytest.mark.build
def test_a_wrong_page_number_with_the_right_digits_is_corrected_in_place(tmp_path):
    document = _reference_document("7")
    assert book_layout.stale_page_references(document) == [("t", 7, 2)]
    assert book_layout.correct_in_place(document)
    assert book_layout.stale_page_references(document) == []
    pdf = tmp_path / "fixed.pdf"
    pdf.write_bytes(document.write_pdf())
    text = " ".join(" ".join(_texts(pdf)).split())
    assert "See the target (p. 2)." in text and "(p. 7)" not in text


@pytest.mark.build
def test_a_page_number_with_other_digits_needs_another_layout():
    document = _reference_document("17")
    assert not book_layout.correct_in_place(document)
    assert book_layout.stale_page_references(document) == [("t", 17, 2)]  # nothing half-corrected




def test_the_print_stylesheet_and_the_book_html_keep_what_parts_rely_on():
    """A part must begin where one layout would begin a page: each chapter starts a new page."""
    import re

    from sample_book import info, sr_chapters

    css = print_pdf.BOOK_CSS.read_text(encoding="utf-8")
    assert re.search(r"section\.chapter\s*\{[^}]*break-before:\s*page", css)
    html, prepared = print_pdf.assemble(sr_chapters(), info(), print_pdf.PrintOptions())
    head, parts, tail = book_layout.split(html)
    assert len(parts) == 1 + len(prepared)  # the cover and contents, then one part per chapter
    assert '<nav class="toc"' in parts[0].body and all(p.body.startswith('<section class="chapter"') for p in parts[1:])
    assert book_layout._TOTAL in head and book_layout.FOOTER.lstrip("@") in print_pdf.BOOK_CSS.read_text(encoding="utf-8")
