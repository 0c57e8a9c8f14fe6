"""The printed handbook: print HTML assembly, a small rendered book, and the real PDFs in site/.

Unit tests build chapters in memory; one small Serbian and one Macedonian book
are rendered once per session (a few seconds); the tests marked ``site`` parse
the PDFs that ``make`` put into site/. To look at pages, render them yourself:
``pdftoppm -r 60 -png -f 1 -l 3 site/pdf/trp-handbook-en.pdf page``.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from helpers import SITE, hyphenate, require
from sample_book import EPOCH, info, sr_chapters
from trp_handbook.book import pdf as print_pdf
from trp_handbook.core.editions import EditionList, current_edition, load_editions
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import codes, default_language

MK_TEXT = """<h1 id="home">Дозволи за привремен престој</h1>
<p>Прирачникот е наменет за оние што им помагаат на странските жртви на трговијата со луѓе: полициските
службеници, социјалните работници, невладините организации и адвокатите. Македонските институции
обезбедуваат привремен престој, правна помош, здравствена заштита и сместување за жртвите.
Идентификацијата, рефлексијата и реинтеграцијата се одговорност на надлежните органи.</p>
"""

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40">
<rect x="1" y="1" width="198" height="38" fill="#eee" stroke="#333"/></svg>"""


def prepared_home() -> print_pdf.PreparedChapter:
    chapters = sr_chapters()
    targets = print_pdf.link_targets(chapters, "https://trp-handbook.example.org/", "annexes/legislation.md")
    return print_pdf.prepare_chapter(chapters[0], 1, targets, "sr")


# --------------------------------------------------------------------------- assembly (no rendering)


def test_ids_get_a_chapter_prefix_and_heading_links_go():
    chapter = prepared_home()
    assert 'id="c01-home"' in chapter.html and 'id="c01-contents"' in chapter.html
    assert "headerlink" not in chapter.html and "¶" not in chapter.html
    assert chapter.title == "Дозволе за привремени боравак"
    assert [(e.level, e.anchor) for e in chapter.toc] == [(1, "c01-home"), (2, "c01-contents")]


def test_links_to_other_pages_become_page_references_inside_the_book():
    html = prepared_home().html
    assert re.search(r'<a href="#c02-reflection" class="xref">период за размишљање</a>', html)


def test_tables_with_page_references_get_fixed_columns():
    chapter = print_pdf.Chapter("a.md", "sr/a/", '<h1 id="a">A</h1><table><tr><td><a href="../b/">B</a></td></tr></table>'
                                '<table><tr><td>none</td></tr></table>')
    other = print_pdf.Chapter("b.md", "sr/b/", '<h1 id="b">B</h1>')
    targets = print_pdf.link_targets([chapter, other], "https://e.org/", None)
    html = print_pdf.prepare_chapter(chapter, 1, targets, "sr").html
    assert html.count('<table class="page-refs">') == 1 and html.count("<table>") == 1


def test_external_links_print_their_address():
    html = prepared_home().html
    assert 'службени текст<span class="link-url"> (https://example.org/official/text)</span></a>' in html


def test_law_citations_point_at_the_table_of_legislation():
    html = prepared_home().html
    assert '<a class="law-ref" data-law="coe-cets-197/art-13" href="#c03-coe-cets-197"' in html
    assert "https://www.coe.int/cets-197" not in html  # printed once, in the table


def test_footnotes_become_print_footnotes_at_their_call():
    html = prepared_home().html
    assert 'важи у Србији<span class="footnote" id="c01-fn:kosovo">Ово означавање не прејудицира ставове о статусу.</span> од 2009' in html
    assert 'class="footnote-ref"' not in html and "↩" not in html and "<hr" not in html


def test_fallback_notice_goes_under_the_title_in_the_books_language():
    chapters = sr_chapters()
    targets = print_pdf.link_targets(chapters, "https://trp-handbook.example.org/", "annexes/legislation.md")
    chapter = print_pdf.prepare_chapter(chapters[1], 2, targets, "sr")
    html = chapter.html
    assert html.index("Introduction") < html.index("The law is stated") < html.index("Напомена о преводу")
    assert '<aside class="admonition info handbook-notice handbook-notice--fallback" role="note" aria-label="Напомена" lang="sr">' in html
    assert "github.com" not in html and "Помозите" not in html  # nothing to click on paper
    assert chapter.lang == "en"
    assert '<a href="#c01-contents" class="xref">' in html  # ../#contents from sr/introduction/
    assert "☐" not in html and html.count('<span class="check-box">□</span>') == 2


def test_links_to_the_site_outside_the_book_print_the_absolute_address():
    chapter = print_pdf.Chapter("index.md", "sr/", '<h1 id="a">A</h1><p><a href="../downloads/x.zip">ZIP</a></p>')
    targets = print_pdf.link_targets([chapter], "https://trp-handbook.example.org/", None)
    html = print_pdf.prepare_chapter(chapter, 1, targets, "sr").html
    assert 'href="https://trp-handbook.example.org/downloads/x.zip"' in html
    assert "(https://trp-handbook.example.org/downloads/x.zip)" in html


def test_book_has_cover_contents_and_language():
    html, prepared = print_pdf.assemble(sr_chapters(), info(), print_pdf.PrintOptions())
    assert html.startswith('<!DOCTYPE html>\n<html lang="sr" class="paper-A4">')
    assert '<meta charset="utf-8">' in html
    assert "<title>Приручник о дозволама</title>" in html
    assert "Издање 1, 28. новембар 2026." in html
    assert "Право је приказано према стању на дан 28. новембар 2026" in html
    assert '<h1 class="toc-title" id="contents-title">Садржај</h1>' in html
    assert '<li class="toc-chapter" lang="en"><a href="#c02-introduction">Introduction</a>' in html
    assert '<span class="toc-part-title">Прилози</span>' in html
    assert '"Страна " counter(page) " од " counter(pages)' in html
    assert '"стр. " target-counter(attr(href url), page)' in html
    assert 'content="2026-11-18T11:06:40Z"' in html  # dates from SOURCE_DATE_EPOCH, not the clock
    assert "size: A4" in html


def test_untranslated_chapters_can_be_left_out_and_the_cover_says_so():
    options = print_pdf.PrintOptions(untranslated="omit", paper="A5")
    html, prepared = print_pdf.assemble(sr_chapters(), info(), options)
    assert [c.title for c in prepared] == ["Дозволе за привремени боравак", "Преглед прописа"]
    assert "Поглавља која још нису преведена на српски језик нису укључена" in html
    assert "size: A5" in html and 'class="paper-A5"' in html


def test_page_numbers_are_written_into_the_links():
    css = print_pdf.language_css(info(), print_pdf.PrintOptions())
    assert 'a.xref[data-page]::after { content: " (" "стр. " attr(data-page) ")"; }' in css


def test_options_from_environment():
    assert print_pdf.options_from_env({}) == print_pdf.PrintOptions()
    options = print_pdf.options_from_env(
        {"HANDBOOK_PDF": "OFF", "HANDBOOK_PDF_PAPER": "a5", "HANDBOOK_PDF_CHAPTERS": "on",
         "HANDBOOK_PDF_VARIANT": "pdf/a-3a", "HANDBOOK_PDF_JOBS": "3", "HANDBOOK_PDF_CACHE": "off"}
    )
    assert (options.enabled, options.paper, options.chapters, options.variant, options.jobs, options.cache_dir) == (
        False, "A5", True, "pdf/a-3a", 3, None)
    assert options.workers(8) == 3 and options.workers(2) == 2
    with pytest.raises(HandbookError, match=r"HANDBOOK_PDF_VARIANT='pdf/x-4': expected one of pdf/ua-1"):
        print_pdf.options_from_env({"HANDBOOK_PDF_VARIANT": "pdf/x-4"})
    with pytest.raises(HandbookError, match="HANDBOOK_PDF_PAPER='Letter'"):
        print_pdf.options_from_env({"HANDBOOK_PDF_PAPER": "Letter"})


def test_stable_names_and_sizes_in_the_readers_language():
    assert print_pdf.site_pdf_path("en", "en") == "pdf/trp-handbook-en.pdf"
    assert print_pdf.site_pdf_path("sr-Latn", "en") == "sr-Latn/pdf/trp-handbook-sr-Latn.pdf"
    assert print_pdf.human_size(1_449_000, "en") == "1.4 MB"
    assert print_pdf.human_size(1_449_000, "sr") == "1,4 MB"
    assert print_pdf.human_size(45_000, "fr") == "45 kB"


def test_cache_key_follows_every_input():
    options = print_pdf.PrintOptions()
    key = print_pdf.cache_key("<p>a</p>", options, [])
    assert key == print_pdf.cache_key("<p>a</p>", options, [])
    assert key != print_pdf.cache_key("<p>b</p>", options, [])
    assert key != print_pdf.cache_key("<p>a</p>", print_pdf.PrintOptions(variant="pdf/a-3a"), [])
    from trp_handbook.book.hyphenation import dictionary_path

    assert key != print_pdf.cache_key("<p>a</p>", options, [dictionary_path("mk")])


def test_editions_file_is_valid_and_lists_every_language():
    edition = current_edition("mk")
    assert (edition.number, edition.date, edition.law_as_at) == (1, datetime.date(2026, 11, 28), datetime.date(2026, 11, 28))
    assert set(load_editions()[0].languages) == set(codes())


def test_edition_errors_name_file_line_and_key(tmp_path: Path):
    bad = tmp_path / "editions.yml"
    bad.write_text("editions:\n  - number: 1\n    date: 2026-11-28\n    law_as_at: 2026-12-01\n    languages: [en, de]\n",
                   encoding="utf-8")
    with pytest.raises(HandbookError) as err:
        load_editions(bad)
    assert str(err.value).startswith("data/editions.yml:5: schema: editions[0].languages: Value error, unknown language de")
    bad.write_text("editions:\n  - number: 1\n    date: 2026-11-28\n    law_as_at: 2026-12-01\n    languages: [en]\n",
                   encoding="utf-8")
    with pytest.raises(HandbookError, match=r"editions.yml:2: schema: editions\[0\]: Value error, law_as_at 2026-12-01 is after"):
        load_editions(bad)
    with pytest.raises(HandbookError, match="edition-missing: no edition lists language 'fr'"):
        current_edition("fr", EditionList.model_validate(
            {"editions": [{"number": 1, "date": "2026-11-28", "law_as_at": "2026-11-28", "languages": ["en"]}]}).editions)


# --------------------------------------------------------------------------- a rendered book


def _render(tmp: Path, language: str, chapters, **options) -> tuple[Path, str]:
    (tmp / "sr").mkdir(parents=True, exist_ok=True)
    (tmp / "sr" / "introduction").mkdir(exist_ok=True)
    (tmp / "sr" / "introduction" / "timeline.svg").write_text(SVG, encoding="utf-8")
    book_info = info(language)
    if language == "mk":
        book_info = dataclasses.replace(book_info, title="Прирачник", language_name="Македонски")
    html, _ = print_pdf.assemble(
        chapters, book_info, print_pdf.PrintOptions(**options),
        resolve_image=lambda path: (tmp / path).as_uri() if (tmp / path).is_file() else None,
    )
    job = print_pdf.RenderJob(language, html, str(tmp / f"book-{language}.pdf"), tmp.as_uri() + "/",
                              variant=options.get("variant", "pdf/ua-1"))
    print_pdf.render_job(job)
    return Path(job.output), html


@pytest.fixture(scope="module")
def sr_book(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("sr-book")
    path, html = _render(tmp, "sr", sr_chapters())
    (tmp / "book.html").write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def mk_book(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("mk-book")
    path, _ = _render(tmp, "mk", [print_pdf.Chapter("index.md", "mk/", MK_TEXT)], paper="A5")
    return path


def pages_text(pdf: Path) -> list[str]:
    """The text of each page, as poppler extracts it (reading order)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def struct_elements(pdf: pikepdf.Pdf):
    root = pdf.Root.StructTreeRoot
    stack = [root]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                yield kid
                stack.append(kid)


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every bookmark, in order."""
    reader = PdfReader(pdf)
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


@pytest.mark.build
def test_small_book_is_a_tagged_pdf_ua_with_language_outline_and_fonts(sr_book):
    with pikepdf.open(sr_book) as pdf:
        assert str(pdf.Root.Lang) == "sr"
        assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert b"pdfuaid:part=\"1\"" in pdf.Root.Metadata.read_bytes() or b"<pdfuaid:part>1<" in pdf.Root.Metadata.read_bytes()
        elements = list(struct_elements(pdf))
        tags = {str(e.S) for e in elements}
        assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Figure", "/L", "/LI", "/Link"} <= tags
        figures = [e for e in elements if e.S == "/Figure"]
        assert [str(f.Alt) for f in figures] == ["A timeline of the reflection period"]
        # the untranslated chapter is marked English for screen readers
        assert "en" in {str(e.Lang) for e in elements if "/Lang" in e}
    assert outline(sr_book)[:3] == [(1, "Садржај", 2), (1, "Дозволе за привремени боравак", 3), (2, "Шта ћете овде наћи", 3)]
    fonts = subprocess.run(["pdffonts", str(sr_book)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(re.match(r"\S+\+Noto-(Serif|Sans)", f) and f.split()[-5] == "yes" for f in fonts), fonts


@pytest.mark.build
def test_small_book_prints_references_footnotes_and_cover(sr_book):
    pages = [" ".join(page.split()) for page in pages_text(sr_book)]
    assert len(pages) == 5  # cover, contents, three chapters
    cover, contents, home, intro, table = pages
    assert "Српски" in cover and "Издање 1, 28. новембар 2026." in cover
    # contents: page numbers where the chapters begin
    assert re.search(r"Дозволе за привремени боравак[ .]*3", contents)
    assert re.search(r"Introduction[ .]*4", contents) and re.search(r"Преглед прописа[ .]*5", contents)
    # cross reference to another chapter, with its page; external address printed
    assert re.search(r"период за размишљање \(стр\. 4\)", home)
    assert "(https://example.org/official/text)" in home
    # the footnote is at the foot of the page that calls it, after the text
    assert home.index("од 2009. године") < home.index("Ово означавање не прејудицира")
    assert "Страна 3 од 5" in home
    assert "□ Identification" in intro
    assert re.search(r"Почетна \(стр\. 3\)", table)  # the table of legislation: citations by page


@pytest.mark.build
def test_cyrillic_text_is_extractable_in_reading_order(sr_book, mk_book):
    home = " ".join(pages_text(sr_book)[2].split())
    assert "Дозволе за привремени боравак Овај приручник је намењен онима који помажу жртвама трговине људима." in home
    mk = " ".join("".join(pages_text(mk_book)).split())
    assert mk.index("Дозволи за привремен престој") < mk.index("Прирачникот е наменет за оние")


@pytest.mark.build
def test_macedonian_is_hyphenated_with_the_shipped_dictionary(mk_book):
    text = "".join(pages_text(mk_book))
    broken = re.findall(r"(\w+)[\u2010-]\n(\w+)", text)
    assert broken, "no word was hyphenated"
    for first, rest in broken:
        allowed = hyphenate(first + rest, "mk")  # "ад-во-ка-ти-те"
        breaks = {len(part) for part in _prefixes(allowed.split("-"))}
        assert len(first) in breaks, (first, rest, allowed)


def _prefixes(parts):
    for i in range(1, len(parts)):
        yield "".join(parts[:i])


@pytest.mark.build
def test_rendering_is_byte_identical_in_another_process(sr_book, tmp_path):
    again = tmp_path / "again.pdf"
    code = (
        "import sys; from trp_handbook.book import pdf as p; "
        f"p.render_job(p.RenderJob('sr', open(sys.argv[1], encoding='utf-8').read(), sys.argv[2], {sr_book.parent.as_uri() + '/'!r}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(sr_book.parent / "book.html"), str(again)], check=True, env=env)
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(sr_book.read_bytes()).hexdigest()


@pytest.mark.build
def test_a_cached_book_is_not_rendered_again(sr_book, tmp_path):
    job = print_pdf.RenderJob("sr", "<p>never rendered</p>", str(sr_book), "file:///")
    result = print_pdf.render_job(job)
    assert result.cached and result.pages == 5 and result.size == sr_book.stat().st_size
    for i in range(3):
        (tmp_path / f"{i}.pdf").write_bytes(b"%PDF")
        (tmp_path / f"{i}.json").write_text("{}")
        os.utime(tmp_path / f"{i}.pdf", (i, i))
    print_pdf.prune_cache(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.json", "1.pdf", "2.json", "2.pdf"]


@pytest.mark.build
def test_chapters_split_from_the_book_by_its_outline(sr_book, tmp_path):
    paths = ["index.md", "introduction.md", "annexes/legislation.md"]
    titles = ["Дозволе за привремени боравак", "Introduction", "Преглед прописа"]
    written = print_pdf.split_chapters(sr_book, tmp_path, "sr", paths, titles, EPOCH)
    assert [p.name for p in written] == [
        "trp-handbook-sr-01-home.pdf",
        "trp-handbook-sr-02-introduction.pdf",
        "trp-handbook-sr-03-annexes-legislation.pdf",
    ]
    assert [len(PdfReader(p).pages) for p in written] == [1, 1, 1]
    assert "Introduction" in pages_text(written[1])[0]
    again = print_pdf.split_chapters(sr_book, tmp_path / "again", "sr", paths, titles, EPOCH)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]
    with pytest.raises(HandbookError, match="pdf-outline: 3 chapter bookmarks for 2 chapters"):
        print_pdf.split_chapters(sr_book, tmp_path, "sr", paths[:2], titles[:2], EPOCH)


@pytest.mark.build
def test_archival_variant_is_pdf_a_and_still_tagged(tmp_path):
    path, _ = _render(tmp_path, "sr", sr_chapters()[:1], variant="pdf/a-3a")
    with pikepdf.open(path) as pdf:
        meta = pdf.Root.Metadata.read_bytes()
        assert b'pdfaid:part="3"' in meta and b'pdfaid:conformance="A"' in meta
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "sr"
        assert "/OutputIntents" in pdf.Root


@pytest.mark.build
def test_qpdf_finds_no_error(sr_book):
    result = subprocess.run([require("qpdf"), "--check", str(sr_book)], capture_output=True, text=True)
    assert result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout


# --------------------------------------------------------------------------- the engine adapter (hooks/pdf.py)


@pytest.fixture(scope="module")
def fixture_books(tmp_path_factory):
    """The tiny fixture handbook built with PDFs and chapter PDFs on, twice (the second from the cache)."""
    from helpers import FIXTURE_NAV, FIXTURES, build_with_real_config

    tmp = tmp_path_factory.mktemp("fixture-pdf")
    env = {"HANDBOOK_PDF": "on", "HANDBOOK_PDF_CHAPTERS": "on", "HANDBOOK_PDF_CACHE": str(tmp / "cache")}
    builds = []
    for name in ("first", "second"):
        (tmp / name).mkdir()
        result = build_with_real_config(FIXTURES / "site" / "docs", tmp / name / "site", FIXTURE_NAV, tmp / name, env)
        assert result.returncode == 0, result.stderr[-4000:]
        builds.append((tmp / name / "site", result.stderr))
    return builds


@pytest.mark.build
def test_build_writes_each_languages_book_links_it_and_splits_chapters(fixture_books):
    (site, log), (again, log_again) = fixture_books
    for code in codes():
        book = site / print_pdf.site_pdf_path(code, "en")
        assert book.is_file(), code
        assert [level for level, _, _ in outline(book)].count(1) == 4  # contents + three pages
        chapters = sorted(p.name for p in (book.parent / "chapters").iterdir())
        assert chapters == [f"trp-handbook-{code}-01-home.pdf", f"trp-handbook-{code}-02-guide.pdf",
                            f"trp-handbook-{code}-03-untranslated.pdf"], code
        html = (site / ("" if code == "en" else code) / "index.html").read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+)" type="application/pdf" download>([^<]+)</a>', html)
        assert link and link.group(1).endswith(f"pdf/trp-handbook-{code}.pdf"), code
        assert re.search(r", \d+([.,]\d)? (kB|MB)$", link.group(2)), link.group(2)
    assert "pdf: sr: 5 pages" in log and "layouts: 1" in log
    assert not (site / "print").exists()  # the print stylesheet is not served
    # the second build found every book in the cache, and wrote the same bytes
    assert log_again.count("unchanged (cache)") == len(codes())
    for code in codes():
        path = print_pdf.site_pdf_path(code, "en")
        assert (site / path).read_bytes() == (again / path).read_bytes()


@pytest.mark.build
def test_switched_off_the_build_makes_no_pdf_and_no_link(fixture_site):
    assert not list(fixture_site.rglob("*.pdf"))
    assert "application/pdf" not in (fixture_site / "index.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the real books in site/


def _books():
    default = default_language().code
    return {code: SITE / print_pdf.site_pdf_path(code, default) for code in codes()}


@pytest.fixture(scope="module")
def books(real_site):
    if real_site != SITE:
        pytest.skip("the fixture handbook is built without PDFs")
    found = _books()
    missing = [str(p) for p in found.values() if not p.is_file()]
    assert not missing, f"not built: {missing} (run `make`)"
    return found


@pytest.mark.site
def test_every_language_has_its_book_at_a_stable_path(books):
    for code, path in books.items():
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == code
            assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
            assert len(pdf.pages) > 50, (code, len(pdf.pages))
        assert subprocess.run([require("qpdf"), "--check", str(path)], capture_output=True).returncode == 0, code


@pytest.mark.site
def test_every_book_has_every_chapter_in_navigation_order(books):
    from trp_handbook.engine.config import load_site_config
    from trp_handbook.site.config import nav_order
    from trp_handbook.translation.pages import page_url

    order = nav_order(load_site_config().get("nav"))
    default = default_language().code
    for code, path in books.items():
        chapters = [level_title for level_title in outline(path) if level_title[0] == 1][1:]
        titles = []
        for page in order:
            html = (SITE / page_url(page, code, default) / "index.html").read_text(encoding="utf-8")
            h1 = re.search(r"<h1[^>]*>(.*?)(?:<a class=\"headerlink\"|</h1>)", html, re.S).group(1)
            titles.append(" ".join(re.sub(r"<[^>]+>", "", h1).split()))
        assert [t for _, t, _ in chapters] == titles, code
        pages = [p for _, _, p in chapters]
        assert pages == sorted(pages) and len(set(pages)) == len(pages), code  # each on a new page


@pytest.mark.site
def test_contents_page_numbers_are_where_the_headings_are(books):
    """Each line of the printed contents names the page where the outline (the heading itself) is."""
    for code in ("en", "sr", "mk"):
        path = books[code]
        marks = [(" ".join(title.split()), page) for level, title, page in outline(path) if level <= 2]
        text = pages_text(path)
        listed = _contents_entries(path, marks[0][1], marks[1][1] - 1)
        chapters = [m for m in outline(path) if m[0] == 1][1:]
        assert len(listed) >= len(chapters), (code, len(listed))
        position = 0
        for title, page in listed:  # in order: titles such as "Legal basis" recur
            while position < len(marks) and marks[position][0] != title:
                position += 1
            assert position < len(marks), (code, title, "not in the outline after the previous entry")
            assert page == marks[position][1], (code, title, page, marks[position][1])
            assert title.split()[0] in text[page - 1], (code, title, page)
            position += 1


def _contents_entries(pdf: Path, first: int, last: int) -> list[tuple[str, int]]:
    """(title, page) of the contents' lines ``Title . . . . 12`` (titles may wrap)."""
    entries = []
    for page in range(first, last + 1):
        out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(pdf), "-"],
                             capture_output=True, check=True).stdout.decode("utf-8")
        lines = [line.strip() for line in out.splitlines() if line.strip()][1:-1]  # no running head, no foot
        pending = ""
        for line in lines:
            match = re.match(r"^(.*?)[ .]*\.\s*(\d+)$", line)
            if match:
                entries.append((" ".join((pending + " " + match.group(1)).split()), int(match.group(2))))
                pending = ""
            elif page == first and not entries and not pending:
                continue  # the title of the contents
            elif not line.isupper():  # a part's name is in capitals; anything else is a title that wraps
                pending = line
    return entries


@pytest.mark.site
def test_books_use_only_the_shipped_fonts_all_embedded(books):
    for code in ("en", "sr", "mk", "fr"):
        out = subprocess.run(["pdffonts", str(books[code])], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows, code
        for row in rows:
            assert re.match(r"[A-Z]{6}\+Noto-(Serif|Sans)", row), (code, row)
            assert row.split()[-5:-2] == ["yes", "yes", "yes"], (code, row)  # embedded, subset, unicode


@pytest.mark.site
def test_cyrillic_books_read_in_order_without_site_chrome(books):
    from trp_handbook.core.texts import text as ui

    for code in ("sr", "mk"):
        pages = pages_text(books[code])
        body = " ".join(" ".join(pages).split())
        home = " ".join(pages[outline(books[code])[1][2] - 1].split())  # the first chapter
        html = (SITE / code / "index.html").read_text(encoding="utf-8")
        first = re.search(r"<h1[^>]*>(.*?)<a", html).group(1)
        # the first paragraph of the text itself (a translation notice may stand between)
        article = re.sub(r'<aside class="admonition[^"]*handbook-notice.*?</aside>', "", html, flags=re.S)
        paragraph = re.sub(r"<[^>]+>", "", re.search(r"</h1>\s*<p>(.*?)</p>", article, re.S).group(1))
        words = " ".join(paragraph.split()).split()[:6]
        assert home.index(first) < home.index(" ".join(words)), code
        assert ui("site_name", code) in body
        # the theme's texts around the article, as this language's page shows them
        chrome = [
            re.search(r'class="md-skip">\s*(.*?)\s*</a>', html, re.S).group(1),
            re.search(r'title="([^"]+)" class="md-content__button', html).group(1),  # the edit button
            " ".join(re.sub(r"<[^>]+>", " ", re.search(r'class="md-top md-icon"[^>]*>(.*?)</button>', html, re.S).group(1)).split()),
            "Link to this section", "¶",
        ]
        for text in chrome:
            assert text and text not in body, (code, text)


@pytest.mark.site
def test_every_page_links_to_its_languages_book_with_its_size(books, real_site):
    default = default_language().code
    for code in codes():
        folder = real_site if code == default else real_site / code
        for page in [folder / "index.html", folder / "introduction" / "index.html", folder / "404.html"]:
            html = page.read_text(encoding="utf-8")
            match = re.search(r'<a href="([^"]*pdf/trp-handbook-' + re.escape(code) + r'\.pdf)"[^>]*>([^<]*)</a>', html)
            assert match, page
            assert re.search(r", \d+([.,]\d)? (MB|kB)$", match.group(2)), (page, match.group(2))
    leftovers = [p for p in real_site.rglob("*.html") if "@@trp-handbook-pdf-size" in p.read_text(encoding="utf-8")]
    assert leftovers == []
    assert not (real_site / "print").exists()  # the print stylesheet is not served


def _built_epoch(book: Path) -> int:
    """The SOURCE_DATE_EPOCH a built book was made with (its /CreationDate, written from it)."""
    with pikepdf.open(book) as pdf:
        stamp = str(pdf.docinfo["/CreationDate"])
    return int(datetime.datetime.strptime(stamp, "D:%Y%m%d%H%M%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())


@pytest.mark.site
def test_book_rendered_again_from_the_site_is_byte_identical(books, tmp_path, monkeypatch):
    """`handbook pdf` reads the built pages back: the same HTML, the same bytes as the build's.

    The book's date is the last commit's (SOURCE_DATE_EPOCH): a commit made after
    `make` (tests only, say) would change it and nothing else. The render again
    takes the date the site was built with, so that what is compared is the HTML.
    """
    from trp_handbook.cli.main import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(_built_epoch(books["mk"])))
    assert main(["pdf", "--site-dir", str(SITE), "--languages", "mk", "--out", str(tmp_path), "--no-cache"]) == 0
    assert (tmp_path / "trp-handbook-mk.pdf").read_bytes() == books["mk"].read_bytes()


@pytest.mark.site
def test_books_print_the_unverified_mark_after_an_unverified_identifier(books):
    """The table of legislation and the Croatia profile print NN 79/07 (recorded from memory) with its '?'."""
    for code in ("en", "fr"):
        text = " ".join(" ".join(pages_text(books[code])).split())
        found = re.findall(r"NN 79/07 ?(\S)", text)
        assert found and set(found) == {"?"}, (code, found)
