"""The built handbook in a real browser (Debian's Chromium driven by Playwright).

Every test records every request the pages make and fails on any request to a
host other than the local test server, and on any Content-Security-Policy
violation reported by the browser.
"""

from __future__ import annotations

import zipfile

import pytest

from helpers import (
    AXE,
    DEFAULT,
    LANGUAGES,
    assert_clean,
    docs_of,
    first_chapter,
    search,
    switch_language,
    unique_words,
    url_of,
)
from trp_handbook.translation.pages import scan

pytestmark = [pytest.mark.site, pytest.mark.browser]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


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
