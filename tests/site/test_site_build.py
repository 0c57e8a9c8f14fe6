"""One real build of the tiny fixture handbook, with the project's real configuration."""

import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURE_NAV, FIXTURES, build_with_real_config

pytestmark = pytest.mark.build  # every test reads or makes a build of the fixture handbook


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_language_is_built(fixture_site):
    for code in ["sr", "sr-Latn", "hr", "bs", "sq", "mk", "fr"]:
        html = read(fixture_site, f"{code}/index.html")
        assert f'<html lang="{code}"' in html


def test_bosnian_and_serbian_latin_interfaces_exist(fixture_site):
    assert "Pretraga" in read(fixture_site, "bs/index.html")
    latin = read(fixture_site, "sr-Latn/guide/index.html")
    assert "Period za razmišljanje" in latin and "Период" not in latin.split("<article")[1]


def test_cyrillic_heading_gets_a_readable_stable_anchor(fixture_site):
    cyr = read(fixture_site, "sr/guide/index.html")
    lat = read(fixture_site, "sr-Latn/guide/index.html")
    assert 'id="prava-zrtve-bez-posebne-oznake"' in cyr
    assert 'id="prava-zrtve-bez-posebne-oznake"' in lat
    assert 'id="_1"' not in cyr


def test_fallback_page_is_english_with_a_notice_in_the_readers_language(fixture_site):
    html = read(fixture_site, "sr/untranslated/index.html")
    assert "Ова страница још није преведена на српски језик." in html
    assert '<div lang="en">' in html
    assert "new/main/docs/sr?filename=untranslated.md" in html  # invitation to translate
    head = html.split("</head>")[0]
    assert 'hreflang="sr"' not in head and 'hreflang="x-default"' in head


def test_sitemap_has_absolute_urls_hreflang_and_no_fallbacks(fixture_site):
    xml = read(fixture_site, "sitemap.xml")
    assert "<loc>https://trp-handbook.example.org/sr/guide/</loc>" in xml
    assert "sr/untranslated/" not in xml
    assert 'hreflang="x-default" href="https://trp-handbook.example.org/guide/"' in xml
    assert "None" not in xml


def test_404_page_per_language(fixture_site):
    assert "Page not found" in read(fixture_site, "404.html")
    assert "Страница није пронађена" in read(fixture_site, "sr/404.html")
    assert "Page introuvable" in read(fixture_site, "fr/404.html")
    assert '<html lang="fr"' in read(fixture_site, "fr/404.html")


def test_search_index_per_language(fixture_site):
    sr = json.loads(read(fixture_site, "sr/search/search_index.json"))
    en = json.loads(read(fixture_site, "search/search_index.json"))
    sr_text = " ".join(d["text"] for d in sr["docs"])
    assert "светионичар" in sr_text and "zeppelinwharf" not in sr_text
    assert "lighthousekeeper" in " ".join(d["text"] for d in en["docs"])
    assert all(not d["location"].startswith("sr/") for d in sr["docs"])


def test_no_page_loads_anything_from_another_host(fixture_site):
    """Links to official sources are fine; nothing may be *loaded* from elsewhere."""
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert re.findall(r'\bsrc="((?:https?:)?//[^"]+)"', html) == [], page
        for tag in re.findall(r"<link\b[^>]*>", html):
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                continue  # not fetched by the browser
            assert not re.search(r'href="(?:https?:)?//', tag), f"{page}: {tag}"
        assert "fonts.googleapis" not in html and "unpkg.com" not in html


def test_broken_internal_link_fails_the_strict_build_naming_the_file(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "site" / "docs", docs)
    (docs / "en" / "guide" / "index.md").write_text("# Guide\n\nSee [nowhere](../missing.md).\n")
    result = build_with_real_config(docs, tmp_path / "out", FIXTURE_NAV, tmp_path)
    assert result.returncode != 0
    assert "en/guide/index.md" in result.stderr and "missing.md" in result.stderr
