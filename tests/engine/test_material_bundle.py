"""Material's bundle without its sitemap lookups next to language alternates."""

import re
from pathlib import Path

import pytest

from trp_handbook.core.errors import HandbookError
from trp_handbook.engine.material_bundle import (
    ALTERNATE_QUERY,
    BUNDLE_GLOB,
    NO_ELEMENT_QUERY,
    patch_site,
    without_alternate_sitemaps,
)

MATERIAL = Path(__import__("material").__file__).parent / "templates"


def shipped_bundle() -> str:
    (bundle,) = MATERIAL.glob(BUNDLE_GLOB)
    return bundle.read_text(encoding="utf-8")


def test_the_shipped_bundle_looks_up_sitemaps_next_to_alternates_once():
    """What the change relies on: the pinned Material queries link[rel=alternate] in one place, for sitemaps."""
    bundle = shipped_bundle()
    assert bundle.count(ALTERNATE_QUERY) == 1
    at = bundle.index(ALTERNATE_QUERY)
    assert re.search(r'new URL\("sitemap\.xml"', bundle[at - 400: at])  # the sitemap fetch defined just before


def test_the_lookup_matches_no_element_and_keeps_every_offset():
    bundle = shipped_bundle()
    patched = without_alternate_sitemaps(bundle)
    assert ALTERNATE_QUERY not in patched and NO_ELEMENT_QUERY in patched
    assert len(patched) == len(bundle)  # the source map still fits
    assert without_alternate_sitemaps(patched) == patched  # already changed: left alone


def test_a_bundle_without_the_lookup_is_an_error():
    with pytest.raises(HandbookError, match=r"b\.js: material bundle: found .* 0 times; expected once"):
        without_alternate_sitemaps("var x = 1;", "b.js")


def test_the_built_site_is_changed_in_place(tmp_path):
    target = tmp_path / "assets" / "javascripts" / "bundle.0000.min.js"
    target.parent.mkdir(parents=True)
    target.write_text(f"a({ALTERNATE_QUERY})")
    assert patch_site(tmp_path) == [target]
    assert target.read_text() == f"a({NO_ELEMENT_QUERY})"
    assert patch_site(tmp_path) == []
    with pytest.raises(HandbookError, match="no assets/javascripts/bundle"):
        patch_site(tmp_path / "empty")
