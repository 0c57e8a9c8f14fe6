"""The offline edition opened from disk (``file://``), every kind of link clicked in Chromium.

A link that works online can open a folder listing from disk (``see/albania/``)
or the root of the disk (``/fr/``). Each kind of link the edition has is
clicked here as a reader clicks it, and must open a page of the edition: search
results (with the word highlighted), navigation, the language selector, footer
and edition links, the table of legislation's links back to the chapters,
glossary links, links inside notices.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import pytest

from helpers import DEFAULT, FIXTURE_NAV, FIXTURES, LANGUAGES, build_with_real_config, search
from trp_handbook.site.shards import ZIP_PATH


def extract(site: Path, into: Path) -> Path:
    with zipfile.ZipFile(site / ZIP_PATH) as zf:
        zf.extractall(into)
    return into / "trp-handbook"


@pytest.fixture(scope="module")
def offline_root(real_site, tmp_path_factory) -> Path:
    return extract(real_site, tmp_path_factory.mktemp("offline"))


def folder(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def file_of(url: str) -> Path:
    """The file a ``file://`` URL opens (query and fragment aside)."""
    parts = urlsplit(url)
    assert parts.scheme == "file", url
    return Path(unquote(parts.path))


def assert_page(rec, root: Path, expected: str | None = None) -> None:
    """The browser shows a page of the edition (not a listing, not a file outside it)."""
    url = rec.page.url
    path = file_of(url)
    assert path.is_file(), f"{url}: not a file"
    assert path.is_relative_to(root), f"{url}: outside the edition"
    assert not rec.page.title().startswith("Index of"), url
    assert rec.page.locator("article h1").count() == 1, url
    if expected is not None:
        assert path == root / expected, url
    fragment = urlsplit(url).fragment
    if fragment:
        assert rec.page.locator(f'[id="{unquote(fragment)}"]').count() == 1, url
    assert rec.foreign_requests() == [], url
    assert rec.failed == [] and rec.errors == [], url  # e.g. a sitemap asked for from disk


def click(rec, locator) -> None:
    """Click a link as a reader does and wait for the page it opens."""
    with rec.page.expect_navigation():
        locator.click()
    rec.page.wait_for_load_state()


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_search_result_opens_its_page_with_the_word_highlighted(offline_root, page_factory, search_words, lang):
    word, location = search_words[lang]
    rec = page_factory("file://")
    rec.page.goto((offline_root / folder(lang) / "index.html").as_uri())
    search(rec.page, word)
    rec.page.locator(".md-search-result__list a").first.wait_for(timeout=15000)
    # the first result that highlights the word (a page's card does only when its own text has it)
    links = rec.page.locator(".md-search-result__list a")
    hrefs = links.evaluate_all("ls => ls.map(l => new URL(l.href).searchParams.get('h') || '')")
    result = links.nth(next(n for n, h in enumerate(hrefs) if word in h.split()))
    if not result.is_visible():
        result.locator("xpath=ancestor::details/summary").click()  # "n more on this page"
    click(rec, result)
    assert_page(rec, offline_root)
    assert file_of(rec.page.url).parent == offline_root / folder(lang) / location.split("#")[0]
    assert urlsplit(rec.page.url).query == urlencode({"h": word})
    marks = rec.page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert any(word in m.lower() for m in marks), marks


@pytest.mark.site
@pytest.mark.browser
def test_navigation_links_open_pages(offline_root, page_factory):
    rec = page_factory("file://")
    rec.page.goto((offline_root / "sr" / "index.html").as_uri())
    chapters = rec.page.locator('nav.md-nav--primary a.md-nav__link[href$="/index.html"]').locator("visible=true")
    click(rec, chapters.nth(1))
    assert_page(rec, offline_root)
    assert file_of(rec.page.url) != offline_root / "sr" / "index.html"
    click(rec, rec.page.locator("a.md-footer__link--next"))
    assert_page(rec, offline_root)
    click(rec, rec.page.locator("a.md-footer__link--prev"))
    assert_page(rec, offline_root)
    click(rec, rec.page.locator("a.md-header__button.md-logo"))
    assert_page(rec, offline_root, "sr/index.html")
    # from deeper down, the home page is "../.." (a folder without its slash)
    rec.page.goto((offline_root / "sr" / "see" / "albania" / "index.html").as_uri())
    click(rec, rec.page.locator("a.md-header__button.md-logo"))
    assert_page(rec, offline_root, "sr/index.html")


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("start", ["index.html", "see/albania/index.html"])
def test_the_language_selector_opens_the_same_page_in_every_edition(offline_root, page_factory, start):
    rec = page_factory("file://")
    for lang in LANGUAGES:
        rec.page.goto((offline_root / start).as_uri())
        rec.page.hover(".md-header__option .md-select")
        click(rec, rec.page.locator(f'a.md-select__link[hreflang="{lang}"]'))
        assert_page(rec, offline_root, folder(lang) + start)


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_footer_links_open_the_editions_page_and_the_book(offline_root, page_factory, lang):
    rec = page_factory("file://")
    rec.page.goto((offline_root / folder(lang) / "assistance" / "index.html").as_uri())
    click(rec, rec.page.locator(".handbook-edition a"))
    assert_page(rec, offline_root, folder(lang) + "annexes/editions/index.html")
    # the edition cannot hold itself: no link to the offline ZIP
    assert rec.page.locator(".handbook-downloads a[download]:not([type])").count() == 0
    # from disk, Chromium opens the book in its viewer (a file's "download" needs a web origin)
    click(rec, rec.page.locator('.handbook-downloads a[type="application/pdf"]'))
    book = file_of(rec.page.url)
    assert book.is_relative_to(offline_root) and book.suffix == ".pdf" and book.read_bytes()[:4] == b"%PDF"
    assert book.name == f"trp-handbook-{lang}.pdf"


@pytest.mark.site
@pytest.mark.browser
def test_the_table_of_legislation_links_back_to_the_chapters(offline_root, page_factory):
    rec = page_factory("file://")
    table = (offline_root / "annexes" / "legislation" / "index.html").as_uri()
    rec.page.goto(table)
    backlinks = rec.page.locator('article a[href*="#law-"]')
    assert backlinks.count() > 10
    for n in (0, backlinks.count() // 2, backlinks.count() - 1):
        rec.page.goto(table)
        click(rec, rec.page.locator('article a[href*="#law-"]').nth(n))
        assert_page(rec, offline_root)
        assert urlsplit(rec.page.url).fragment.startswith("law-")


@pytest.mark.site
@pytest.mark.browser
def test_glossary_links_open_the_glossary_entry(offline_root, page_factory):
    rec = page_factory("file://")
    rec.page.goto((offline_root / "assistance" / "index.html").as_uri())
    click(rec, rec.page.locator('article a[href*="annexes/glossary/"]').first)
    assert_page(rec, offline_root, "annexes/glossary/index.html")
    assert urlsplit(rec.page.url).fragment
    # an edition's glossary links to the English entry of a term it lacks
    rec.page.goto((offline_root / "hr" / "annexes" / "glossary" / "index.html").as_uri())
    english = rec.page.locator('article a[hreflang="en"][href*="annexes/glossary/"]')
    if english.count():
        click(rec, english.first)
        assert_page(rec, offline_root, "annexes/glossary/index.html")


@pytest.mark.site
def test_every_link_of_every_offline_page_names_a_file_of_the_edition(offline_root):
    """Beside the clicks: no relative link or source of any page names a folder or a missing file."""
    bad = []
    link = re.compile(r'\b(?:href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|//)([^"]*)"')
    for page in sorted(offline_root.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            continue  # served by the host online, never opened from disk
        for target in link.findall(text):
            path = target.split("#")[0].split("?")[0]
            if not path:
                continue
            resolved = (page.parent / unquote(path)).resolve()
            if path.startswith("/") or not resolved.is_file():
                bad.append(f"{page.relative_to(offline_root)}: {target}")
    assert bad == [], f"{len(bad)} links, first: " + "\n".join(bad[:20])


@pytest.mark.build
@pytest.mark.browser
def test_a_link_inside_a_notice_opens_the_english_page(tmp_path, page_factory):
    """A translation outdated by its English page links it from its notice (fixture handbook)."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "site" / "docs", docs)
    (docs / "fr" / "index.md").write_text(
        "---\ntitle: Accueil\ntranslation:\n  source: index.md\n"
        "  source_blob: \"0000000000000000000000000000000000000000\"\n  review: draft\n---\n\n"
        "# Manuel d'essai { #home }\n\nVoir le [guide](guide/index.md) et la\n"
        "[période de réflexion](guide/index.md#reflection-period).\n\n"
        "Le mot phareuseraie n'apparaît que sur cette page française.\n",
        encoding="utf-8",
    )
    result = build_with_real_config(docs, tmp_path / "site", FIXTURE_NAV, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    root = extract(tmp_path / "site", tmp_path / "offline")
    rec = page_factory("file://")
    rec.page.goto((root / "fr" / "index.html").as_uri())
    notice = rec.page.locator(".handbook-notice--outdated a")
    assert notice.count() == 1
    click(rec, notice)
    assert_page(rec, root, "index.html")
    # and a page shown in English inside an edition: its links stay in that edition
    rec.page.goto((root / "fr" / "index.html").as_uri())
    click(rec, rec.page.locator('article a[href*="guide/"]').first)
    assert_page(rec, root, "fr/guide/index.html")
