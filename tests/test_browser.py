"""The built handbook in a real browser (Debian's Chromium driven by Playwright).

Every test records every request the pages make and fails on any request to a
host other than the local test server, and on any Content-Security-Policy
violation reported by the browser.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import AXE
from trp_handbook.core.languages import load_languages
from trp_handbook.site.config import nav_order
from trp_handbook.engine.config import load_site_config
from trp_handbook.translation.pages import page_url, scan

pytestmark = [pytest.mark.site, pytest.mark.browser]

LANGUAGES = [lang.code for lang in load_languages()]
DEFAULT = LANGUAGES[0]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SEPARATOR = re.compile(r'[\s\-,:;!=\[\]()"/.?]+')


def url_of(base: str, path: str, lang: str) -> str:
    return f"{base}/{page_url(path, lang, DEFAULT)}"


def docs_of(site: Path) -> Path:
    # the fixture build keeps its docs elsewhere; the real site comes from docs/
    marker = site.parent / "mkdocs.yml"
    if marker.exists():
        return Path(load_site_config(marker)["docs_dir"])
    return Path(__file__).resolve().parents[1] / "docs"


def first_chapter(site: Path) -> str:
    """The first page after the home page that exists in English."""
    tmap = scan(docs_of(site))
    return sorted(p for p in tmap.pages[DEFAULT] if p != "index.md")[0]


def search(page, query: str) -> None:
    """Put a query into the search box of the page and let the search run once."""
    page.click("input.md-search__input")
    # the whole query at once: typed letter by letter, the results of "ab" could be
    # read before those of the full word. Material reacts to keyup, as on a keyboard.
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")


def assert_clean(recorded):
    assert recorded.foreign_requests() == [], "requests to third-party hosts"
    assert recorded.violations == [], "Content-Security-Policy violations"
    assert recorded.failed == [], "failed requests"
    assert recorded.errors == [], "console errors"


def switch_language(rec, lang: str) -> None:
    """Choose ``lang`` in the header's language selector, as a reader does, and wait for the page."""
    rec.page.hover(".md-header__option .md-select")
    with rec.page.expect_navigation():
        rec.page.click(f'a.md-select__link[hreflang="{lang}"]')
    rec.page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != DEFAULT])
def test_language_switcher_keeps_the_page(real_site, site_url, page_factory, lang):
    path = first_chapter(real_site)
    rec = page_factory(site_url)
    rec.page.goto(url_of(site_url, path, DEFAULT), wait_until="networkidle")
    switch_language(rec, lang)
    assert rec.page.url == url_of(site_url, path, lang)
    assert rec.page.locator("html").get_attribute("lang") == lang
    assert_clean(rec)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_from_every_edition_keeps_the_page_and_fails_no_request(real_site, site_url, page_factory, lang):
    """From the home page and a chapter of ``lang``, to the next language of the list and back."""
    other = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
    rec = page_factory(site_url)
    for path in ("index.md", first_chapter(real_site)):
        rec.page.goto(url_of(site_url, path, lang), wait_until="networkidle")
        switch_language(rec, other)
        assert rec.page.url == url_of(site_url, path, other)
        assert rec.page.locator("html").get_attribute("lang") == other
        switch_language(rec, lang)
        assert rec.page.url == url_of(site_url, path, lang)
    assert_clean(rec)


def unique_words(site: Path) -> dict[str, tuple[str, str]]:
    """For each language, a word found on exactly one of its pages and in no other language.

    Search matches by prefix, so no other word of any page may start with it either.
    """
    pages_by_word: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for lang in LANGUAGES:
        folder = site / ("" if lang == DEFAULT else lang) / "search" / "search_index.json"
        for doc in json.loads(folder.read_text(encoding="utf-8"))["docs"]:
            text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])).lower()
            for word in SEPARATOR.split(text):
                if word:
                    pages_by_word[word][lang].add(doc["location"].split("#")[0])
    words = sorted(pages_by_word)
    chosen = {}
    for index, word in enumerate(words):
        langs = pages_by_word[word]
        if len(word) < 8 or not word.isalpha() or len(langs) != 1:
            continue
        (lang, pages), = langs.items()
        if len(pages) != 1 or lang in chosen:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if following.startswith(word):
            continue  # a longer word starting with this one would also match
        chosen[lang] = (word, next(iter(pages)))
    return chosen


@pytest.fixture(scope="session")
def search_words(real_site):
    return unique_words(real_site)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_word_of_this_language_on_its_page_first(site_url, page_factory, search_words, lang):
    assert lang in search_words, f"no word unique to one {lang} page in its search index"
    word, location = search_words[lang]
    rec = page_factory(site_url)
    rec.page.goto(url_of(site_url, "index.md", lang))
    search(rec.page, word)
    first = rec.page.locator(".md-search-result__list a").first
    first.wait_for(timeout=15000)
    rec.page.wait_for_timeout(500)  # a result list being replaced settles
    href = first.get_attribute("href").split("#")[0].split("?h=")[0]  # ?h= highlights the word
    expected = (url_of(site_url, "index.md", lang) + location).split("#")[0]
    assert href == expected, f"{word!r}: first result {href}, expected {expected}"
    assert_clean(rec)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violation_with_the_search_open(site_url, page_factory, lang):
    """Every page as loaded is checked by test_every_page.py; here, with search results shown."""
    rec = page_factory(site_url)
    rec.page.goto(url_of(site_url, "index.md", lang))
    search(rec.page, "permit" if lang == DEFAULT else "a")
    rec.page.locator(".md-search-result__meta").wait_for()
    rec.page.add_script_tag(path=str(AXE))
    # Material animates the search panel; a measurement taken mid-animation
    # reads blended colours, so a contrast finding is measured again.
    for _ in range(3):
        result = rec.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        violations = [
            f"{v['id']} ({v['impact']}): {n['target']} {n['failureSummary']}"
            for v in result["violations"]
            for n in v["nodes"]
        ]
        if not violations:
            break
        rec.page.wait_for_timeout(1000)
    assert violations == [], lang
    assert_clean(rec)


def test_keyboard_user_reaches_the_content_with_the_skip_link(real_site, site_url, page_factory):
    rec = page_factory(site_url)
    rec.page.goto(url_of(site_url, first_chapter(real_site), DEFAULT))
    rec.page.keyboard.press("Tab")
    focused = rec.page.evaluate("document.activeElement.className")
    assert "md-skip" in focused
    rec.page.keyboard.press("Enter")
    assert "#" in rec.page.url


def test_printing_a_page_hides_navigation_and_shows_link_urls(real_site, site_url, page_factory):
    rec = page_factory(site_url)
    rec.page.goto(url_of(site_url, first_chapter(real_site), DEFAULT))
    rec.page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert rec.page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none"
    after = rec.page.evaluate(
        """() => { const a = [...document.querySelectorAll('.md-content a[href^="http"]')][0];
                   return a ? getComputedStyle(a, '::after').content : null; }"""
    )
    assert after is None or "http" in after
    pdf = rec.page.pdf()
    assert pdf[:4] == b"%PDF"


def test_fallback_page_in_the_browser(real_site, site_url, page_factory):
    tmap = scan(docs_of(real_site))
    for lang in LANGUAGES[1:]:
        missing = sorted(tmap.pages[DEFAULT] - tmap.pages[lang])
        if missing:
            break
    else:
        pytest.skip("every page is translated into every language")
    rec = page_factory(site_url)
    rec.page.goto(url_of(site_url, missing[0], lang))
    assert rec.page.locator("html").get_attribute("lang") == lang
    assert rec.page.locator('article div[lang="en"]').count() == 1
    assert rec.page.locator(".handbook-notice--fallback").count() == 1
    hreflangs = rec.page.eval_on_selector_all('head link[rel="alternate"]', "ls => ls.map(l => l.hreflang)")
    assert lang not in hreflangs
    assert_clean(rec)


def test_offline_zip_works_from_disk(real_site, page_factory, tmp_path):
    with zipfile.ZipFile(real_site / "downloads" / "trp-handbook-offline.zip") as zf:
        zf.extractall(tmp_path)
    root = tmp_path / "trp-handbook"
    rec = page_factory("file://")
    rec.page.goto((root / "sr" / "index.html").as_uri())
    link = rec.page.locator("nav.md-nav--primary a.md-nav__link[href$='index.html']").nth(1)
    link.click()
    rec.page.wait_for_load_state()
    assert rec.page.url.endswith("/index.html")
    assert rec.page.locator("article h1").count() == 1
    # search from disk, in the language of the page
    word, location = unique_words(real_site)["sr"]
    rec.page.goto((root / "sr" / "index.html").as_uri())
    search(rec.page, word)
    first = rec.page.locator(".md-search-result__list a").first
    first.wait_for(timeout=15000)
    assert "/sr/" in first.get_attribute("href")
    assert rec.foreign_requests() == []
