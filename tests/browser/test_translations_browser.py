"""Translations in a real browser: Latin search on the Cyrillic edition, and the honest notices.

Builds a small handbook from tests/fixtures/translations (the pages of every
reader-facing state: current and reviewed, outdated, untracked, missing) with
the real configuration, serves it, and drives Debian's Chromium.
"""

from __future__ import annotations

import shutil

import pytest

from helpers import FIXTURES, build_with_real_config, serve

pytestmark = pytest.mark.browser

FIXTURE_DOCS = FIXTURES / "translations" / "docs"
PAGES = {"en": ["index.md", "guide.md", "untranslated.md"], "sr": ["index.md", "guide.md"], "fr": ["index.md"]}


@pytest.fixture(scope="module")
def translations_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("translations-site")
    for lang, pages in PAGES.items():
        (tmp / "docs" / lang).mkdir(parents=True)
        for page in pages:
            shutil.copy(FIXTURE_DOCS / lang / page, tmp / "docs" / lang / page)
    result = build_with_real_config(tmp / "docs", tmp / "site", PAGES["en"], tmp,
                                    env={"HANDBOOK_LANGUAGES": "sr,sr-Latn,fr"})
    assert result.returncode == 0, result.stderr[-4000:]
    server, url = serve(tmp / "site")
    yield url
    server.shutdown()


def search(page, query: str):
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.keyboard.press("End")  # Material reacts to keyup; Playwright types č without key events
    first = page.locator(".md-search-result__list a").first
    first.wait_for(timeout=15000)
    return first


@pytest.mark.build
@pytest.mark.parametrize("query", ["jedrenjak", "svetioničar", "svetionicar"])
def test_a_latin_query_on_the_cyrillic_edition_finds_the_cyrillic_page(translations_url, page_factory, query):
    rec = page_factory(translations_url)
    rec.page.goto(f"{translations_url}/sr/")
    first = search(rec.page, query)
    expected = "guide/" if query == "jedrenjak" else ""
    assert first.get_attribute("href").split("?")[0].split("#")[0] == f"{translations_url}/sr/{expected}"
    shown = first.inner_text()
    # the result is shown as the reader's Cyrillic page; the Latin index text is never displayed
    assert ("Водич" if expected else "Пробни приручник") in shown
    assert "jedrenjak" not in shown.lower() and "svetioni" not in shown.lower()
    assert rec.foreign_requests() == []


@pytest.mark.build
def test_a_cyrillic_query_still_works_and_latin_edition_is_unchanged(translations_url, page_factory):
    rec = page_factory(translations_url)
    rec.page.goto(f"{translations_url}/sr/")
    assert search(rec.page, "једрењак").get_attribute("href").split("?")[0].endswith("/sr/guide/")
    rec.page.goto(f"{translations_url}/sr-Latn/")
    assert search(rec.page, "jedrenjak").get_attribute("href").split("?")[0].endswith("/sr-Latn/guide/")


@pytest.mark.build
def test_outdated_translation_says_so_and_links_the_current_english_page(translations_url, page_factory):
    rec = page_factory(translations_url)
    rec.page.goto(f"{translations_url}/sr/guide/")
    notice = rec.page.locator("article .handbook-notice--outdated")
    assert notice.count() == 1
    assert "Овај превод је урађен према ранијој верзији енглеске странице" in notice.inner_text()
    assert rec.page.locator("article .handbook-notice--draft").count() == 0  # reviewed
    notice.locator('a[hreflang="en"]').click()
    rec.page.wait_for_load_state()
    assert rec.page.url == f"{translations_url}/guide/"
    assert rec.page.locator("html").get_attribute("lang") == "en"


@pytest.mark.build
def test_latin_edition_shows_the_same_notice_in_latin(translations_url, page_factory):
    rec = page_factory(translations_url)
    rec.page.goto(f"{translations_url}/sr-Latn/guide/")
    assert "Ovaj prevod je urađen prema ranijoj verziji engleske stranice" in \
        rec.page.locator("article .handbook-notice--outdated").inner_text()


@pytest.mark.build
def test_unreviewed_translation_says_so_current_reviewed_one_has_no_notice(translations_url, page_factory):
    rec = page_factory(translations_url)
    rec.page.goto(f"{translations_url}/fr/")
    assert "Cette traduction n'a pas encore été relue." in \
        rec.page.locator("article .handbook-notice--draft").inner_text()
    rec.page.goto(f"{translations_url}/sr/")
    assert rec.page.locator("article .handbook-notice").count() == 0


@pytest.mark.build
def test_missing_translation_keeps_the_english_fallback_and_its_invitation(translations_url, page_factory):
    rec = page_factory(translations_url)
    rec.page.goto(f"{translations_url}/sr/untranslated/")
    assert rec.page.locator("article .handbook-notice--fallback").count() == 1
    assert rec.page.locator("article .handbook-notice--outdated, article .handbook-notice--draft").count() == 0
    assert rec.page.locator('a[href*="new/main/docs/sr?filename=untranslated.md"]').count() >= 1


@pytest.mark.site
def test_latin_search_on_the_real_serbian_edition(real_site, site_url, page_factory):
    """A Serbian word that occurs on one page only, typed in Latin without diacritics, finds that page."""
    import json
    import re
    from collections import defaultdict

    from trp_handbook.site.search_index import _ascii_folded
    from trp_handbook.translation.transliteration import to_latin

    index = json.loads((real_site / "sr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = defaultdict(set)
    for doc in index["docs"]:
        for word in re.findall(r"[\u0400-\u04FF]{9,}", re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])):
            pages[word.lower()].add(doc["location"].split("#")[0])
    # a word on one page only, and the beginning of no other word (search matches by prefix)
    unique = [(w, p) for w, p in sorted(pages.items())
              if len(p) == 1 and not any(o != w and o.startswith(w) for o in pages)]
    word, (location,) = unique[0]
    query = _ascii_folded(to_latin(word))
    rec = page_factory(site_url)
    rec.page.goto(f"{site_url}/sr/")
    href = search(rec.page, query).get_attribute("href").split("?")[0].split("#")[0]
    assert href == f"{site_url}/sr/{location}", f"{query!r} ({word}) should find sr/{location}"
    assert rec.foreign_requests() == []
