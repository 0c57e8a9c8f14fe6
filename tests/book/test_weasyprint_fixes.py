"""The changes made to WeasyPrint and pydyf during a render: same bytes, restored afterwards."""

from __future__ import annotations

import io
import types

import pikepdf
import pydyf
import pytest
import weasyprint
from weasyprint.layout import page as weasyprint_page
from weasyprint.pdf import tags

from trp_handbook.book import pdf as print_pdf
from trp_handbook.book import weasyprint_fixes
from trp_handbook.book.fonts import book_font_configuration

BOOKLET = """<html lang="sr"><head><meta name="dcterms.created" content="2026-11-28T00:00:00Z">
<meta name="dcterms.modified" content="2026-11-28T00:00:00Z"><title>Пробa</title></head><style>
  @page { size: A6; margin: 12mm; @bottom-right { content: "Страна " counter(page) " од " counter(pages) } }
  @page cover { @bottom-right { content: none } @top-center { content: "Насловна" } }
  @page :left { @bottom-left { content: string(title) } }
  .cover { page: cover } h1 { string-set: title content(); break-before: page }
  body { font-family: "Noto Serif" }
</style><body><div class="cover"><p>Насловна страна</p></div>
<h1>Први део</h1><p>{text}</p><h1>Други део</h1><p lang="en">{text}</p></body></html>"""


def _render() -> weasyprint.Document:
    html = BOOKLET.replace("{text}", "Дозвола за привремени боравак. " * 120)
    fonts = book_font_configuration()
    sheets = print_pdf.weasyprint_stylesheets(fonts, [print_pdf.FONTS_CSS])
    return weasyprint.HTML(string=html, base_url=print_pdf.FONTS_CSS.as_uri()).render(stylesheets=sheets, font_config=fonts)


def _pdf(document: weasyprint.Document) -> bytes:
    return document.write_pdf(pdf_identifier=b"handbook-test", pdf_tags=True)


@pytest.fixture(scope="module")
def plain() -> tuple[int, bytes]:
    document = _render()
    return len(document.pages), _pdf(document)


@pytest.mark.build
def test_page_styles_fix_lays_out_the_same_pages(plain):
    original = weasyprint_page.set_page_type_computed_styles
    with weasyprint_fixes.laying_out():
        assert weasyprint_page.set_page_type_computed_styles is not original
        document = _render()
    assert weasyprint_page.set_page_type_computed_styles is original
    pages, pdf = plain
    assert len(document.pages) == pages >= 6  # cover, left and right pages with their margin boxes
    assert _pdf(document) == pdf


@pytest.mark.build
def test_page_references_fix_writes_the_same_bytes(plain):
    original = pydyf.PDF.__dict__["page_references"]
    document = _render()
    with weasyprint_fixes.page_references_listed_once():
        assert pydyf.PDF.__dict__["page_references"] is not original
        pdf = _pdf(document)
    assert pydyf.PDF.__dict__["page_references"] is original
    assert pdf == plain[1]


@pytest.mark.build
def test_tagging_fix_marks_an_element_in_another_language(plain):
    original = tags._build_box_tree
    with weasyprint_fixes.writing():
        pdf = _pdf(_render())
    assert tags._build_box_tree is original
    assert _element_languages(pdf) == {"en"} and _element_languages(plain[1]) == set()


def _element_languages(pdf: bytes) -> set[str]:
    """The /Lang of the structure elements (the document's own is on the catalogue)."""
    found, stack = set(), []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        stack.append(document.Root.StructTreeRoot)
        while stack:
            kids = stack.pop().get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                if isinstance(kid, pikepdf.Dictionary):
                    if "/Lang" in kid:
                        found.add(str(kid.Lang))
                    stack.append(kid)
    return found


def test_a_fix_whose_target_is_gone_leaves_the_engine_alone():
    engine = types.SimpleNamespace()
    with weasyprint_fixes._replaced(engine, "missing", lambda original: pytest.fail("not there: not replaced")):
        assert not hasattr(engine, "missing")
    assert vars(engine) == {}
