"""A missing address, in Chromium, served as the publishing host serves it.

GitHub Pages answers every missing path, at any depth, with the site's root
404.html and status 404 (trp_handbook.browser.static_host does the same). A reader who
mistypes an address inside an edition must get that edition's page: its text,
``lang`` and title, a search over that edition's index, links into it.
"""

from __future__ import annotations

import html
import re

import pytest

from helpers import DEFAULT, LANGUAGES, assert_clean, search, url_of
from trp_handbook.core.texts import text

pytestmark = [pytest.mark.site, pytest.mark.browser]


def missing(base: str, lang: str, rest: str) -> str:
    return f"{base}/{'' if lang == DEFAULT else lang + '/'}{rest}"


def _title(site, lang: str) -> str:
    page = site / ("" if lang == DEFAULT else lang) / "404.html"
    return html.unescape(re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1).strip())


def assert_search_uses_the_edition(rec, base: str, lang: str, search_words) -> None:
    word, location = search_words[lang]
    search(rec.page, word)
    first = rec.page.locator(".md-search-result__list a").first
    first.wait_for(timeout=15000)
    rec.page.wait_for_timeout(300)  # a result list being replaced settles
    href = first.get_attribute("href").split("#")[0].split("?h=")[0]
    assert href == url_of(base, "index.md", lang) + location.split("#")[0], word


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("rest", ["no-such-page/", "see/nowhere/deeper/page.html"])
def test_a_missing_path_in_an_edition_gets_that_editions_404_page(real_site, site_url, page_factory, search_words, lang, rest):
    rec = page_factory(site_url)
    url = missing(site_url, lang, rest)
    rec.expect_not_found(url)
    response = rec.page.goto(url)
    assert response.status == 404
    assert rec.page.url == url  # the reader's address stays as typed
    assert rec.page.locator("html").get_attribute("lang") == lang
    assert rec.page.locator("article h1").inner_text() == text("not_found_title", lang)
    assert rec.page.title() == _title(real_site, lang)
    # the links of the page lead into the reader's edition
    home = rec.page.locator("article a").first
    assert home.inner_text() == text("home_link", lang)
    nav = rec.page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "ls => ls.map(l => l.href)")
    assert nav and all(h.startswith(url_of(site_url, "index.md", lang)) for h in nav)
    assert_search_uses_the_edition(rec, site_url, lang, search_words)
    assert_clean(rec)
    rec.page.keyboard.press("Escape")  # close the search, as a reader does
    home.click()
    rec.page.wait_for_load_state()
    assert rec.page.url == url_of(site_url, "index.md", lang)
    assert rec.page.locator("html").get_attribute("lang") == lang
    assert_clean(rec)


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != DEFAULT])
def test_an_editions_own_404_page_searches_that_edition(site_url, page_factory, search_words, lang):
    rec = page_factory(site_url)
    rec.page.goto(f"{site_url}/{lang}/404.html")
    assert rec.page.locator("html").get_attribute("lang") == lang
    assert_search_uses_the_edition(rec, site_url, lang, search_words)
    assert_clean(rec)


def test_the_host_answers_a_missing_folder_without_a_listing(site_url, page_factory):
    rec = page_factory(site_url)
    url = f"{site_url}/assets/"  # a folder without index.html
    rec.expect_not_found(url)
    response = rec.page.goto(url)
    assert response.status == 404
    assert rec.page.locator("article h1").inner_text() == text("not_found_title", DEFAULT)
    assert_clean(rec)
