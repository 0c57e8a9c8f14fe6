"""The EPUB editions made in memory from a small book: container, package, navigation, links, notes.

The real EPUBs of the built site are read by tests/test_epub_site.py and validated by
EPUBCheck and DAISY Ace in tests/test_epub_validation.py.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import lxml.etree
import pytest

from epub_reader import EpubReader
from trp_handbook.book import epub
from trp_handbook.book import pdf as print_pdf
from trp_handbook.core import palette
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.project import REPO_ROOT

EPOCH = 1795000000  # a fixed SOURCE_DATE_EPOCH

HOME = """<h1 id="home">Дозволе за привремени боравак</h1>
<p>Видети <a href="introduction/#reflection">период за размишљање</a> и
<a href="https://example.org/official/text">службени текст</a>.
Конвенција <a class="law-ref" data-law="coe-cets-197/art-13" href="https://www.coe.int/cets-197">члан 13</a>
важи<sup id="fnref:kosovo"><a class="footnote-ref" href="#fn:kosovo">1</a></sup> од 2009.</p>
<h2 id="contents">Шта ћете овде наћи</h2>
<div class="footnote"><hr /><ol><li id="fn:kosovo"><p>Ово означавање не прејудицира ставове о статусу.&#160;<a class="footnote-backref" href="#fnref:kosovo">&#8617;</a></p></li></ol></div>
"""

INTRO = """<aside class="admonition info handbook-notice handbook-notice--fallback" role="note" aria-label="Напомена"><p class="admonition-title">Напомена о преводу</p><p>Ова страница још није преведена.</p></aside><div lang="en"><h1 id="introduction">Introduction</h1>
<h2 id="reflection">The reflection period</h2><p>Back to the <a href="../#contents">home page's table</a>.</p></div>
"""

LEGISLATION = """<h1 id="table-of-legislation">Преглед прописа</h1>
<h3 id="coe-cets-197">Конвенција Савета Европе</h3>
<p>Службени текст: <a href="https://www.coe.int/cets-197">https://www.coe.int/cets-197</a></p>
"""


def chapters(intro: str = INTRO) -> list[print_pdf.Chapter]:
    return [
        print_pdf.Chapter("index.md", "sr/", HOME),
        print_pdf.Chapter("introduction.md", "sr/introduction/", intro, fallback=True),
        print_pdf.Chapter("annexes/legislation.md", "sr/annexes/legislation/", LEGISLATION, section="Прилози"),
    ]


def book_info(language: str = "sr") -> print_pdf.BookInfo:
    return print_pdf.BookInfo(
        language=language, title="Приручник о дозволама", description="Практични приручник",
        language_name="Српски", edition=1, date=datetime.date(2026, 11, 28),
        law_as_at=datetime.date(2026, 11, 28), site_url="https://trp-handbook.example.org/",
        copyright="Content CC BY 4.0.", source_epoch=EPOCH,
    )


def prepared(intro: str = INTRO) -> list[print_pdf.PreparedChapter]:
    _, result = print_pdf.assemble(chapters(intro), book_info(), print_pdf.PrintOptions(cache_dir=None))
    return result


@pytest.fixture(scope="module")
def book() -> EpubReader:
    return EpubReader(epub.epub_bytes(prepared(), book_info()))


def test_the_container_is_reproducible_with_mimetype_first_and_stored():
    data = epub.epub_bytes(prepared(), book_info())
    assert data == epub.epub_bytes(prepared(), book_info())
    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED and first.extra == b""
    assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"
    when = datetime.datetime.fromtimestamp(EPOCH, tz=datetime.timezone.utc).timetuple()[:6]
    assert {i.date_time for i in archive.infolist()} == {when}
    later = epub.epub_bytes(prepared(), book_info().__class__(**{**book_info().__dict__, "source_epoch": EPOCH + 86400}))
    assert later != data  # the date comes from the sources, and it is the only thing that moved


def test_package_metadata_names_language_cover_navigation_and_accessibility(book):
    assert book.metadata("dc:language") == ["sr"]
    assert book.metadata("dc:title") == ["Приручник о дозволама"]
    assert book.meta("dcterms:modified") == ["2026-11-18T11:06:40Z"]
    assert book.meta("schema:accessMode") == ["textual"]
    assert "tableOfContents" in book.meta("schema:accessibilityFeature")
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert book.meta("schema:accessibilitySummary")[0].startswith("Прилагодљив текст")
    assert book.spine()[0] == "EPUB/cover.xhtml"  # it opens on its cover
    assert book.manifest_with("cover-image") == ["EPUB/images/cover.svg"]
    assert book.manifest_with("nav") == ["EPUB/nav.xhtml"]
    fonts = [href for href, media in book.manifest_types().items() if media == "font/woff2"]
    assert len(fonts) == len(epub.FONT_FACES)


def test_navigation_lists_every_chapter_and_every_entry_resolves(book):
    entries = book.toc()
    assert [text for text, _ in entries][:3] == ["Дозволе за привремени боравак", "Шта ћете овде наћи", "Introduction"]
    assert "Преглед прописа" in [text for text, _ in entries]
    for _, target in entries:
        assert book.resolves(target), target
    assert book.landmarks() == {"cover": "EPUB/cover.xhtml", "toc": "EPUB/nav.xhtml#toc",
                                "bodymatter": "EPUB/text/chapter-01.xhtml"}


def test_links_between_chapters_point_at_their_file_and_resolve(book):
    home = book.document("EPUB/text/chapter-01.xhtml")
    reflection = [a.get("href") for a in book.links(home) if "размишљање" in "".join(a.itertext())]
    assert reflection == ["chapter-02.xhtml#c02-reflection"]
    law = [a.get("href") for a in book.links(home) if "law-ref" in (a.get("class") or "")]
    assert law == ["chapter-03.xhtml#c03-coe-cets-197"]  # the table of legislation
    for name in book.texts():
        for link in book.links(book.document(name)):
            href = link.get("href")
            if not href.startswith(("http:", "https:", "mailto:")):
                assert book.resolves(href, name), f"{name}: {href}"


def test_footnotes_are_epub_notes_at_the_end_of_their_chapter(book):
    home = book.document("EPUB/text/chapter-01.xhtml")
    [call] = home.xpath("//x:a[@epub:type='noteref']", namespaces=book.NS)
    assert call.get("href") == "#c01-fn-kosovo" and call.get("role") == "doc-noteref"
    [note] = home.xpath("//x:aside[@epub:type='footnote']", namespaces=book.NS)
    assert note.get("id") == "c01-fn-kosovo" and note.get("role") == "doc-footnote"
    assert "прејудицира" in "".join(note.itertext())
    assert note.xpath(".//x:a[@role='doc-backlink']/@href", namespaces=book.NS) == [f"#{call.get('id')}"]
    assert not home.xpath("//*[contains(@class, 'link-url')]")  # links work here: no printed address


def test_an_untranslated_chapter_is_marked_english_and_its_notice_not(book):
    intro = book.document("EPUB/text/chapter-02.xhtml")
    root = intro.getroot()
    assert root.get("lang") == "en" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    [notice] = intro.xpath("//x:aside[contains(@class, 'handbook-notice--fallback')]", namespaces=book.NS)
    assert notice.get("lang") == "sr"
    home = book.document("EPUB/text/chapter-01.xhtml").getroot()
    assert home.get("lang") == "sr"


def test_the_cover_says_title_language_edition_and_law_as_at(book):
    cover = " ".join(" ".join(book.document("EPUB/cover.xhtml").getroot().itertext()).split())
    for words in ("Приручник о дозволама", "Српски", "Издање 1", "28. новембар 2026"):
        assert words in cover
    picture = book.read("EPUB/images/cover.svg").decode()
    assert "<text" not in picture and "@font-face" not in picture and "<path" in picture  # words as outlines
    assert "Приручник о дозволама" in picture  # its accessible name


def test_nothing_is_fetched_from_elsewhere_and_no_script(book):
    for name in book.names():
        if name.endswith((".xhtml", ".css", ".svg")):
            content = book.read(name).decode()
            assert "<script" not in content, name
            assert "src=\"http" not in content and "url(http" not in content and "url(\"http" not in content, name


def test_a_chapter_with_inline_svg_declares_it_and_the_others_do_not():
    """A country's process diagram is inline SVG: EPUBCheck wants the chapter's manifest item to say so."""
    diagram = ('<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 10 10">'
               '<title>Path</title><text x="1" y="5">Identification</text></svg></figure>')
    book = EpubReader(epub.epub_bytes(prepared(INTRO.replace("<h2", diagram + "<h2", 1)), book_info()))
    package = lxml.etree.fromstring(book.read("EPUB/package.opf"))
    ns = {"opf": "http://www.idpf.org/2007/opf"}
    properties = {item.get("href"): item.get("properties") for item in package.iterfind(".//opf:manifest/opf:item", ns)
                  if item.get("href").startswith("text/")}
    with_svg = {href for href, props in properties.items() if props and "svg" in props.split()}
    assert len(with_svg) == 1 and b"<svg" in book.read("EPUB/" + with_svg.pop())
    assert all(b"<svg" not in book.read("EPUB/" + href) for href, props in properties.items() if not props)


def test_an_image_from_another_host_is_refused():
    intro = INTRO.replace("<h2", '<p><img alt="A map" src="https://tiles.example/map.png"/></p><h2', 1)
    with pytest.raises(HandbookError, match="an EPUB has no remote resource"):
        epub.epub_bytes(prepared(intro), book_info())


def test_the_cache_returns_the_same_bytes_and_follows_the_content(tmp_path):
    first = epub.write_edition(prepared(), book_info(), tmp_path / "a.epub", tmp_path / "cache")
    again = epub.write_edition(prepared(), book_info(), tmp_path / "b.epub", tmp_path / "cache")
    assert (first.cached, again.cached) == (False, True)
    assert (tmp_path / "a.epub").read_bytes() == (tmp_path / "b.epub").read_bytes()
    changed = epub.write_edition(prepared(INTRO.replace("Back to", "Return to")), book_info(),
                                 tmp_path / "c.epub", tmp_path / "cache")
    assert not changed.cached and (tmp_path / "c.epub").read_bytes() != (tmp_path / "a.epub").read_bytes()


def test_stable_paths_next_to_the_pdfs():
    assert epub.site_epub_path("en", "en") == "epub/trp-handbook-en.epub"
    assert epub.site_epub_path("sr-Latn", "en") == "sr-Latn/epub/trp-handbook-sr-Latn.epub"


def test_the_palette_meets_wcag_aa_and_the_site_uses_it():
    for foreground, background, where in palette.TEXT_PAIRS:
        ratio = palette.contrast(palette.PALETTE[foreground], palette.PALETTE[background])
        assert ratio >= 4.5, f"{where}: {foreground} on {background} is {ratio:.2f}:1; expected at least 4.5:1"
    assert palette.contrast("#777777", "#ffffff") < 4.5  # the check can fail
    css = REPO_ROOT / "overrides" / "assets" / "stylesheets" / "palette.css"
    assert css.read_text(encoding="utf-8") == palette.site_css(), "palette.css: regenerate from palette.site_css()"
    mark = (REPO_ROOT / "overrides" / "assets" / "images" / "mark.svg").read_text(encoding="utf-8")
    assert palette.PALETTE["ink"] in mark and palette.PALETTE["gold"] in mark
    lxml.etree.fromstring(mark.encode())  # well-formed
