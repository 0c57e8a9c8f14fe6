"""The language alternates of every page: fully qualified, with x-default, as in the sitemap.

Search engines use ``<link rel="alternate" hreflang>`` only with absolute URLs.
Every page of every language must list its alternates from ``site_url``,
``x-default`` included, and the same ones as the sitemap's entry for the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trp_handbook.engine.config import load_site_config

pytestmark = pytest.mark.site

_ALTERNATE = re.compile(r'<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)">')
_SITEMAP_URL = re.compile(r"<url>\s*<loc>(?P<loc>[^<]*)</loc>(?P<links>.*?)</url>", re.S)
_SITEMAP_LINK = re.compile(r'hreflang="(?P<lang>[^"]*)" href="(?P<href>[^"]*)"')


def site_url_of(site: Path) -> str:
    config = site.parent / "mkdocs.yml"
    return load_site_config(config if config.exists() else None)["site_url"]


def pages(site: Path) -> list[Path]:
    return [
        p for p in sorted(site.rglob("index.html"))
        if not {"assets", "search", "pdf", "downloads"} & set(p.relative_to(site).parts)
    ]


def test_every_page_has_absolute_alternates_with_x_default(real_site):
    base = site_url_of(real_site)
    assert base.startswith("https://")
    problems = []
    for page in pages(real_site):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        found = [(m["lang"], m["href"]) for m in _ALTERNATE.finditer(head)]
        where = page.relative_to(real_site)
        if not found:
            problems.append(f"{where}: no alternates")
        if [h for _, h in found if not h.startswith(base)]:
            problems.append(f"{where}: not from site_url: {[h for _, h in found if not h.startswith(base)]}")
        if "x-default" not in [lang for lang, _ in found]:
            problems.append(f"{where}: no x-default")
    assert problems == [], "\n".join(problems[:20])


def test_each_page_lists_the_alternates_its_sitemap_entry_lists(real_site):
    xml = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    base = site_url_of(real_site)
    entries = {
        m["loc"]: sorted((link["lang"], link["href"]) for link in _SITEMAP_LINK.finditer(m["links"]))
        for m in _SITEMAP_URL.finditer(xml)
    }
    assert entries
    for loc, expected in entries.items():
        page = real_site / loc[len(base):] / "index.html"
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert sorted((m["lang"], m["href"]) for m in _ALTERNATE.finditer(head)) == expected, loc
