"""The Python-Markdown extension: Markdown in, HTML out."""

from __future__ import annotations

import pytest

import markdown
from trp_handbook.core.project import REPO_ROOT
from trp_handbook.legislation.citations import CitationExtension, UnknownCitationError
from trp_handbook.legislation.registry import load_registry
from trp_handbook.legislation.scan import scan_text

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "legislation" / "registry.yml"
EURLEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32004L0081"


@pytest.fixture(scope="module")
def registry():
    return load_registry(FIXTURE, "registry.yml")


def render(registry, source: str, **config) -> tuple[str, CitationExtension]:
    ext = CitationExtension(registry=registry, **config)
    html = markdown.markdown(source, extensions=[ext, "admonition", "footnotes"])
    return html, ext


def link(target: str, text: str, title: str, anchor: str, classes: str = "law-ref", href: str = EURLEX) -> str:
    return (
        f'<a class="{classes}" data-law="{target}" href="{href}" id="{anchor}" rel="noopener noreferrer" '
        f'title="{title}">{text}</a>'
    )


def test_verified_citation_keeps_its_text(registry):
    html, ext = render(registry, "See [the reflection period](law:dir-a/art-6/para-1).")
    assert html == (
        "<p>See "
        + link("dir-a/art-6/para-1", "the reflection period", "Reflection period", "law-dir-a-art-6-para-1-1")
        + ".</p>"
    )
    assert ext.take_problems() == []


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Art. 8(3) Directive 2004/81/EC"),
        ("sr", "чл. 8 ст. 3 Директиве 2004/81/ЕЗ"),
        ("hr", "čl. 8. st. 3. Direktive 2004/81/EZ"),
        ("sr-Latn", "čl. 8 st. 3 Direktive 2004/81/EZ"),
    ],
)
def test_empty_text_is_generated_in_the_page_language(registry, language, text):
    html, _ = render(registry, "[](law:dir-a/art-8/para-3)", language=language)
    assert html == "<p>" + link(
        "dir-a/art-8/para-3", text, "Issue and renewal of the residence permit", "law-dir-a-art-8-para-3-1"
    ) + "</p>"


def test_unverified_citation_is_marked_with_a_spoken_label(registry):
    html, _ = render(registry, "[](law:dir-a/art-13) applies.", language="hr")
    assert html == (
        "<p>"
        + link("dir-a/art-13", "čl. 13. Direktive 2004/81/EZ", "Non-renewal", "law-dir-a-art-13-1",
               classes="law-ref law-ref--unverified")
        + '<sup class="law-ref__mark law-ref__mark--unverified"><span aria-hidden="true">?</span>'
        '<span class="law-ref__label">neprovjerena odredba</span></sup> applies.</p>'
    )


def test_repealed_instrument_is_marked_and_without_official_link_stays_text(registry):
    source = '!!! historical "Before 2018"\n    The [2008 law](law:law-old/art-28/para-5) applied.'
    html, _ = render(registry, source)
    assert html == (
        '<div class="admonition historical">\n<p class="admonition-title">Before 2018</p>\n<p>The '
        '<span class="law-ref law-ref--repealed" data-law="law-old/art-28/para-5" '
        'id="law-law-old-art-28-para-5-1" title="Law on Foreigners (2008)">2008 law</span>'
        '<sup class="law-ref__mark law-ref__mark--repealed"><span aria-hidden="true">†</span>'
        '<span class="law-ref__label">no longer in force</span></sup> applied.</p>\n</div>'
    )


def test_unknown_target_is_collected_with_its_line(registry):
    html, ext = render(registry, "Line one.\n\nSee [Article 6](law:dir-z/art-6) and [](law:dir-q).", page="docs/en/x.md")
    assert html == (
        '<p>Line one.</p>\n<p>See <span class="law-ref law-ref--unknown" data-law="dir-z/art-6">Article 6</span> '
        'and <span class="law-ref law-ref--unknown" data-law="dir-q">law:dir-q</span>.</p>'
    )
    assert [str(p) for p in ext.take_problems()] == [
        "docs/en/x.md:3: unknown-instrument: law:dir-z/art-6: no instrument 'dir-z' in the registry; "
        "did you mean law:dir-a/art-6?",
        "docs/en/x.md:3: unknown-instrument: law:dir-q: no instrument 'dir-q' in the registry; "
        "did you mean law:dir-b?",
    ]
    assert ext.take_problems() == []


def test_strict_raises_on_unknown_target(registry):
    with pytest.raises(UnknownCitationError) as info:
        render(registry, "See [x](law:dir-a/art-99).", strict=True, page="p.md")
    assert str(info.value).startswith("p.md:1: unknown-provision: law:dir-a/art-99: ")


def test_code_is_left_alone(registry):
    html, ext = render(registry, "Write `[](law:dir-a/art-6)` like this.")
    assert html == "<p>Write <code>[](law:dir-a/art-6)</code> like this.</p>"
    assert ext.citations == []


def test_repeated_and_footnote_citations_get_ids_in_source_order(registry):
    source = "A[^1] and [](law:dir-a/art-6), then [again](law:dir-a/art-6).\n\n[^1]: [](law:dir-a/art-6) first."
    html, _ = render(registry, source)
    # Ids follow the order of the source, the order the checker and the table of legislation see.
    ids = [cit.anchor for cit in scan_text(source)]
    assert ids == ["law-dir-a-art-6-1", "law-dir-a-art-6-2", "law-dir-a-art-6-3"]
    for anchor in ids:
        assert f'id="{anchor}"' in html


def test_footnote_defined_before_use_keeps_source_numbering(registry):
    source = "[^1]: Note [](law:dir-a/art-6).\n\nText[^1] and [](law:dir-a/art-6)."
    html, _ = render(registry, source)
    footnote = html[html.index('<div class="footnote">'):]
    assert 'id="law-dir-a-art-6-1"' in footnote  # first in the source, though rendered last
    assert 'id="law-dir-a-art-6-2"' in html[: html.index('<div class="footnote">')]


def test_reference_style_link(registry):
    html, _ = render(registry, "See [the article][a6].\n\n[a6]: law:dir-a/art-6")
    assert html == "<p>See " + link("dir-a/art-6", "the article", "Reflection period", "law-dir-a-art-6-1") + ".</p>"


def test_extension_by_name_with_configs(registry):
    html = markdown.markdown(
        "[](law:dir-a/art-8/para-3)",
        extensions=["trp_handbook.legislation.citations"],
        extension_configs={"trp_handbook.legislation.citations": {"registry": registry, "language": "sr"}},
    )
    assert "чл. 8 ст. 3 Директиве 2004/81/ЕЗ" in html


def test_unknown_option_is_an_error(registry):
    with pytest.raises(KeyError):
        CitationExtension(registry=registry, langauge="sr")


def test_reset_forgets_the_document(registry):
    ext = CitationExtension(registry=registry)
    md = markdown.Markdown(extensions=[ext])
    md.convert("[](law:dir-a/art-6)")
    assert len(ext.citations) == 1
    md.reset()
    assert ext.citations == []


def test_real_registry_default(tmp_path):
    html = markdown.markdown("[](law:coe-cets-197/art-13)", extensions=[CitationExtension(language="fr")])
    assert "art. 13 de la Convention du Conseil de l&#x27;Europe" in html or \
        "art. 13 de la Convention du Conseil de l'Europe" in html
    assert 'title="Recovery and reflection period"' in html


def test_historical_class_on_a_link_is_applied_to_the_link(registry):
    ext = CitationExtension(registry=registry)
    html = markdown.markdown("| a |\n|---|\n| [2008 law](law:law-old){ .historical } then |",
                             extensions=[ext, "attr_list", "tables"])
    assert '<span class="law-ref law-ref--repealed historical" data-law="law-old"' in html
    assert '</sup> then</td>' in html


# --------------------------------------------------------------------------- the scanner the extension shares


SCANNED = """\
---
title: "[](law:in-front-matter)"
---
# Page

[One](law:a/art-1) and [two](law:b) <!-- [](law:in-comment) --> and `[](law:in-code)`.
<!-- a comment
[](law:in-long-comment)
-->
[](law:a/art-1)

!!! historical "Before 2018"
    [Old](law:old) is historical.

    ```
    [](law:in-fence)
    ```

    !!! note
        [Nested](law:old/art-2) is still historical.

[After](law:old) is not.

???+ note historical
    [Collapsible](law:old/art-3).

[x]: law:c/art-2
"""


def test_scanner_lines_order_and_historical_passages():
    found = [(c.line, c.target, c.text, c.historical, c.ordinal) for c in scan_text(SCANNED, "p.md")]
    assert found == [
        (6, "a/art-1", "One", False, 1),
        (6, "b", "two", False, 1),
        (10, "a/art-1", "", False, 2),
        (13, "old", "Old", True, 1),
        (20, "old/art-2", "Nested", True, 1),
        (22, "old", "After", False, 2),
        (25, "old/art-3", "Collapsible", True, 1),
        (27, "c/art-2", "x", False, 1),
    ]


# --------------------------------------------------------------------------- unverified values in the text

VALUE_MARK = ('<sup class="law-ref__mark law-ref__mark--unverified"><span aria-hidden="true">?</span>'
              '<span class="law-ref__label">{label}</span></sup>')


def test_an_unverified_identifier_printed_in_the_text_is_marked(registry):
    # law-old's gazette number is recorded from memory (verified: false) in the fixture registry
    html, _ = render(registry, "Published in Sluzbeni glasnik RS 97/2008, then amended.", language="hr")
    assert html == ("<p>Published in Sluzbeni glasnik RS 97/2008" + VALUE_MARK.format(label="neprovjereno")
                    + ", then amended.</p>")


def test_every_occurrence_is_marked_where_the_reader_sees_it(registry):
    source = (
        "- First Sluzbeni glasnik RS 97/2008 and again Sluzbeni glasnik RS 97/2008.\n"
        "- After a citation: [the 2008 law](law:law-new) (Sluzbeni glasnik RS 97/2008).\n"
    )
    html, _ = render(registry, source)
    assert html.count(VALUE_MARK.format(label="not verified")) == 3
    assert "(Sluzbeni glasnik RS 97/2008" + VALUE_MARK.format(label="not verified") + ")" in html


def test_verified_values_code_headings_and_longer_numbers_are_left_alone(registry):
    source = (
        "# Sluzbeni glasnik RS 97/2008\n\n"
        "`Sluzbeni glasnik RS 97/2008` and Sluzbeni glasnik RS 97/20081 and OJ L 261, 6.8.2004, p. 19-23.\n"
    )
    html, _ = render(registry, source)
    assert "law-ref__mark" not in html


def test_a_link_whose_text_is_an_unverified_value_is_marked_after_the_link(registry):
    html, _ = render(registry, "[Sluzbeni glasnik RS 97/2008](https://example.org/g){ .x } was read.")
    # attr_list is not loaded here, so the attribute list stays as text: it stays with the link
    assert html == ('<p><a href="https://example.org/g">Sluzbeni glasnik RS 97/2008</a>{ .x }'
                    + VALUE_MARK.format(label="not verified") + " was read.</p>")


def test_a_value_already_marked_in_raw_html_is_not_marked_twice(registry):
    from trp_handbook.legislation.citations import mark_html

    source = "Gazette: Sluzbeni glasnik RS 97/2008" + mark_html("unverified_value", "en") + " · other"
    html, _ = render(registry, source)
    assert html == ("<p>Gazette: Sluzbeni glasnik RS 97/2008" + VALUE_MARK.format(label="not verified")
                    + " · other</p>")
