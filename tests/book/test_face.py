"""The handbook's face: one mark and palette on the site, the books and the EPUBs.

Real renders for a person to review, written to tests/output/review/:

* ``home-light.png`` and ``home-dark.png``: the English home page in both schemes;
* ``epub-cover-<lang>.png``: the first page of each EPUB (its cover.xhtml with the EPUB's own
  stylesheet and fonts) as a reading system with a phone-sized screen shows it;
* ``epub-cover-image-<lang>.png``: the cover picture libraries show (images/cover.svg);
* ``pdf-cover-<lang>.png``: the first page of each PDF (poppler's pdftoppm).

The tests also assert what a render shows: the header in the palette's ink, the mark as the
site's logo and favicon, the cover's words in the edition's language and script.
"""

from __future__ import annotations

import subprocess
import zipfile

import pytest

from helpers import ROOT, require
from trp_handbook.book import epub
from trp_handbook.book import pdf as print_pdf
from trp_handbook.core import palette
from trp_handbook.core.languages import codes, default_language
from trp_handbook.core.texts import text

pytestmark = [pytest.mark.site, pytest.mark.browser]

REVIEW = ROOT / "tests" / "output" / "review"


def rgb(colour: str) -> str:
    value = colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i:i + 2], 16) for i in (0, 2, 4)))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_wears_the_mark_and_palette(site_url, page_factory, scheme):
    rec = page_factory(site_url, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = rec.page
    page.goto(site_url + "/", wait_until="networkidle")
    header = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert header == rgb(palette.PALETTE["ink"])
    logo = page.eval_on_selector(".md-header__button.md-logo img", "e => [e.getAttribute('src'), e.naturalWidth]")
    assert logo[0].endswith("assets/images/mark.svg") and logo[1] > 0  # the mark, loaded
    favicon = page.eval_on_selector('link[rel="icon"]', "e => e.href")
    assert favicon.endswith("assets/images/favicon.svg")
    assert page.request.get(favicon).headers["content-type"].startswith("image/svg+xml")
    link = rgb(palette.PALETTE["link" if scheme == "light" else "dark-link"])
    colours = page.eval_on_selector_all("article a[href]", "as => as.map(a => getComputedStyle(a).color)")
    assert link in colours
    REVIEW.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(REVIEW / f"home-{scheme}.png"))
    assert rec.foreign_requests() == [] and rec.failed == []


@pytest.mark.parametrize("code", codes())
def test_epub_cover_renders_in_the_editions_language_with_its_own_fonts(real_site, browser, code, tmp_path):
    book = real_site / epub.site_epub_path(code, default_language().code)
    with zipfile.ZipFile(book) as archive:
        archive.extractall(tmp_path)
    context = browser.new_context(viewport={"width": 420, "height": 860}, device_scale_factor=2)
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((tmp_path / "EPUB" / "cover.xhtml").as_uri())
        page.evaluate("document.fonts.ready")
        shown = " ".join(page.inner_text("body").split())
        assert text("site_name", code) in shown
        families = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        assert any("Noto" in f for f in families), families  # the embedded fonts, not the machine's
        band = page.eval_on_selector(".cover-band", "e => getComputedStyle(e).backgroundColor")
        assert band == rgb(palette.PALETTE["ink"])
        REVIEW.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(REVIEW / f"epub-cover-{code}.png"), full_page=True)
        shelf = tmp_path / "EPUB" / "shelf.html"  # the picture as a library shows it: scaled to a thumbnail
        shelf.write_text('<!DOCTYPE html><html lang="en"><title>cover</title><body style="margin:0">'
                         '<img src="images/cover.svg" alt="" style="width:400px;height:600px;display:block">',
                         encoding="utf-8")
        page.set_viewport_size({"width": 400, "height": 600})
        page.goto(shelf.as_uri())
        assert page.eval_on_selector("img", "e => e.naturalWidth") == 1600
        page.screenshot(path=str(REVIEW / f"epub-cover-image-{code}.png"))
        assert all(u.startswith("file:") for u in requests), requests
    finally:
        context.close()


@pytest.mark.parametrize("code", codes())
def test_pdf_cover_is_rendered_for_review(real_site, code, tmp_path):
    pdf = real_site / print_pdf.site_pdf_path(code, default_language().code)
    REVIEW.mkdir(parents=True, exist_ok=True)
    prefix = REVIEW / f"pdf-cover-{code}"
    subprocess.run([require("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(prefix)], check=True)
    from PIL import Image

    with Image.open(prefix.with_suffix(".png")) as image:
        colours = {colour for _, colour in image.convert("RGB").getcolors(1 << 20)}
    ink = tuple(int(palette.PALETTE["ink"].lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    assert ink in colours, "expected the cover band in the palette's ink"
