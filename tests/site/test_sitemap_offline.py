import zipfile

from trp_handbook.site import offline
from trp_handbook.site.sitemap import alternates, build_sitemap
from trp_handbook.translation.pages import TranslationMap, page_url


def test_page_urls():
    assert page_url("index.md", "en", "en") == ""
    assert page_url("see/index.md", "sr", "en") == "sr/see/"
    assert page_url("see/serbia.md", "fr", "en") == "fr/see/serbia/"
    assert page_url("see/serbia.md", "en", "en", directory_urls=False) == "see/serbia.html"


def test_sitemap_lists_only_real_translations_with_x_default():
    tmap = TranslationMap(
        pages={"en": frozenset({"index.md", "a.md"}), "sr": frozenset({"index.md"})}, default="en"
    )
    xml = build_sitemap(tmap, "https://h.example/", ["index.md", "a.md"])
    assert "<loc>https://h.example/sr/</loc>" in xml
    assert "https://h.example/sr/a/" not in xml  # a fallback is not a translation
    assert xml.count('hreflang="x-default"') == 3  # index (en, sr) + a (en)


def test_offline_links_point_at_index_files():
    html = '<a href="../">up</a><a href="guide/#x">g</a><a href="https://e.org/">e</a><a href="#top">t</a><img src="a.png"><a href=".">h</a>'
    out = offline.rewrite_links(html)
    assert 'href="../index.html"' in out
    assert 'href="guide/index.html#x"' in out
    assert 'href="https://e.org/"' in out and 'href="#top"' in out and 'src="a.png"' in out
    assert 'href="./index.html"' in out
    assert offline.rewrite_links('<a href="../..">r</a><a href="../../..#x">r</a>') == (
        '<a href="../../index.html">r</a><a href="../../../index.html#x">r</a>'
    )


def test_offline_zip_is_reproducible(tmp_path):
    site = tmp_path / "site"
    (site / "sr").mkdir(parents=True)
    (site / "index.html").write_text('<a href="sr/">sr</a>')
    (site / "sr" / "index.html").write_text("x")
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    offline.write_zip(site, a, {"search/search_index.js": b"var __index={};"}, (2026, 11, 28, 0, 0, 0))
    offline.write_zip(site, b, {"search/search_index.js": b"var __index={};"}, (2026, 11, 28, 0, 0, 0))
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        assert zf.read("trp-handbook/index.html") == b'<a href="sr/index.html">sr</a>'
        assert "trp-handbook/search/search_index.js" in zf.namelist()


def test_external_links_are_secured_and_checkbox_autocomplete_dropped():
    from trp_handbook.site.html_output import finish_page

    html = (
        '<a href="https://eur-lex.europa.eu/x" target="_blank" rel="noopener">e</a>'
        '<a href="https://coe.int/">c</a><a href="../local/">l</a>'
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" autocomplete="off">'
    )
    out = finish_page(html)
    assert 'rel="noopener noreferrer"' in out.split("</a>")[0]
    assert '<a href="https://coe.int/" rel="noopener noreferrer">' in out
    assert '<a href="../local/">' in out
    assert 'id="__drawer">' in out and '<input type="text" autocomplete="off">' in out


def test_generated_pages_count_as_every_editions_own(tmp_path):
    from trp_handbook.translation.pages import scan

    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.md").write_text("# x")
    tmap = scan(tmp_path, generated=["annexes/glossary.md"])
    assert "annexes/glossary.md" in tmap.pages["mk"]
    assert "index.md" not in tmap.pages["mk"]
    assert tmap.languages_of("annexes/glossary.md")[:2] == ["en", "sr"]


def test_offline_links_from_the_site_root_become_relative_to_the_page():
    html = '<a href="/fr/">fr</a><a href="/">home</a><a href="/fr/pdf/b.pdf">pdf</a><a href="//h.example/x">h</a>'
    out = offline.rewrite_links(html, "sr/see/albania/index.html")
    assert 'href="../../../fr/index.html"' in out and 'href="../../../index.html"' in out
    assert 'href="../../../fr/pdf/b.pdf"' in out and 'href="//h.example/x"' in out
    assert 'href="fr/index.html"' in offline.rewrite_links('<a href="/fr/">fr</a>', "404.html")


def test_the_offline_edition_leaves_out_its_own_download_link():
    html = ('<ul class="handbook-downloads">\n    <li><a href="../pdf/a.pdf" download>PDF</a></li>\n'
            '    <li class="handbook-offline-download"><a href="../downloads/z.zip" download>ZIP</a></li>\n  </ul>')
    out = offline.rewrite_links(html, "a/index.html")
    assert "z.zip" not in out and "handbook-offline-download" not in out and 'href="../pdf/a.pdf"' in out


def test_offline_search_results_open_files():
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "", "title": "Home"}, {"location": "#contents", "title": "Contents"},
        {"location": "see/albania/", "title": "Albania"}, {"location": "see/albania/#reflection", "title": "R"},
    ]}
    out = offline.file_locations(index)
    assert [d["location"] for d in out["docs"]] == [
        "./index.html", "./index.html#contents", "see/albania/index.html", "see/albania/index.html#reflection",
    ]
    assert out["config"] == index["config"] and index["docs"][0]["location"] == ""  # a copy


def test_alternates_are_absolute_and_end_with_x_default():
    tmap = TranslationMap(pages={"en": frozenset({"a.md"}), "fr": frozenset({"a.md", "b.md"})}, default="en")
    assert alternates(tmap, "a.md", "https://h.example/") == [
        ("en", "https://h.example/a/"), ("fr", "https://h.example/fr/a/"), ("x-default", "https://h.example/a/"),
    ]
    assert alternates(tmap, "b.md", "https://h.example") == [("fr", "https://h.example/fr/b/")]
