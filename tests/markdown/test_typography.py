"""Quotation marks per language (trp_handbook.markdown.typography and quotes.css).

The Markdown source keeps straight quotes; the page shows each language's marks
on the site (Chromium) and in the PDF (WeasyPrint, text read back with pypdf).
"""

from __future__ import annotations

import io
import re

import pytest
import weasyprint
from pypdf import PdfReader

import markdown
from helpers import ROOT

QUOTES_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "quotes.css"
MARKS = {  # outer pair, the inner pair inside it
    "en": "“a ‘b’ c”",
    "fr": "«\u00a0a “b” c\u00a0»",
    "sr": "„a ’b’ c”",
    "sr-Latn": "„a ’b’ c”",
    "hr": "„a ’b’ c”",
    "bs": "„a ’b’ c”",
    "mk": "„a ’b‘ c“",
    "sq": "„a ‘b’ c“",
}


def render(text: str) -> str:
    return markdown.Markdown(extensions=["attr_list", "trp_handbook.markdown.typography"]).convert(text)


def test_straight_quotes_become_q_elements_even_across_lines():
    assert render('The project "Enhancing\nprotection" ended.') == \
        "<p>The project <q>Enhancing\nprotection</q> ended.</p>"
    assert render('Said "a *b*" and "c".') == "<p>Said <q>a <em>b</em></q> and <q>c</q>.</p>"


def test_code_links_attributes_and_html_keep_their_quotes():
    html = render('`"x"` [l](p.md "t") <span title="u">s</span> a 5" screen\n{: data-k="v" }')
    assert "<q>" not in html
    assert '<code>"x"</code>' in html and 'title="t"' in html and 'title="u"' in html and 'data-k="v"' in html


def test_the_real_configuration_uses_the_extension_and_the_stylesheet():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- trp_handbook.markdown.typography" in config and "- assets/stylesheets/quotes.css" in config
    from trp_handbook.book import pdf
    assert QUOTES_CSS in pdf.stylesheets()


@pytest.mark.build  # WeasyPrint renders
@pytest.mark.parametrize("language", sorted(MARKS))
def test_the_pdf_shows_the_languages_quotation_marks(language):
    body = render('x "a <q>b</q> c" y')
    html = f'<html lang="{language}"><body>{body}<p lang="en"><q>e</q></p></body></html>'
    pdf = weasyprint.HTML(string=html).write_pdf(stylesheets=[weasyprint.CSS(filename=str(QUOTES_CSS))])
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert f"x {MARKS[language]} y" in text
    assert "“e”" in text  # an English passage keeps English marks


@pytest.mark.browser
def test_the_browser_shows_the_languages_quotation_marks(browser):
    page = browser.new_page()
    try:
        body = "".join(f'<p lang="{lang}" id="{lang}">x <q>a <q>b</q> c</q> y</p>' for lang in MARKS)
        page.set_content(f"<html lang='en'><head><style>{QUOTES_CSS.read_text()}</style></head><body>{body}</body></html>")
        for language, marks in MARKS.items():
            # the marks Chromium computes for the element (generated content is not in innerText)
            shown = page.evaluate("id => getComputedStyle(document.getElementById(id).querySelector('q')).quotes",
                                  language)
            opening, closing, inner_open, inner_close = re.findall(r'"([^"]*)"', shown)
            assert f"{opening}a {inner_open}b{inner_close} c{closing}" == marks, (language, shown)
    finally:
        page.close()


@pytest.mark.site
def test_the_built_site_marks_quotations_and_loads_the_stylesheet(real_site):
    # the source language is at the site's root
    english = (real_site / "introduction" / "index.html").read_text(encoding="utf-8")
    assert "<q>Enhancing protection and assistance to victims of" in english
    french = (real_site / "fr" / "introduction" / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/quotes.css" in french


@pytest.mark.site
def test_the_built_books_show_the_languages_quotation_marks(real_site):
    english = "".join(p.extract_text() for p in PdfReader(real_site / "pdf" / "trp-handbook-en.pdf").pages[:30])
    assert "“Enhancing protection and assistance to" in english.replace("\n", " ")
    albanian = "".join(p.extract_text() for p in PdfReader(real_site / "sq" / "pdf" / "trp-handbook-sq.pdf").pages)
    assert "„TRP Watchdog Mechanism“" in albanian.replace("\n", " ")
