"""The source model (trp_handbook.markdown): input Markdown beside the model it gives.

Each case is a piece of Markdown and what the model must find in it, written
out (the pymdown-extensions way). The constructs on which the four former
readers of a page disagreed (a fence in a block quote or an admonition, a
comment over several lines holding a ``law:`` link, a link wrapped over two
lines, ...) each have a case. Then: every page of docs/ in every language and
of the fixtures read by every reader through the model (the consistency test),
and no module outside ``trp_handbook/markdown/`` that reads Markdown syntax itself
(the structural test).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from helpers import ROOT
from trp_handbook.legislation import scan as citation_scan
from trp_handbook.markdown import READER_TEXT, parse
from trp_handbook.markdown import page as page_module
from trp_handbook.policy import content as content_policy
from trp_handbook.translation import glossary_check, parity, transliteration

PACKAGE = ROOT / "src" / "trp_handbook"


def heads(text: str) -> list[tuple]:
    return [(h.line, h.level, h.id, h.text, h.explicit) for h in parse(text).headings]


def links(text: str) -> list[tuple]:
    return [(link.kind, link.target, link.text, link.line, link.column, link.is_image) for link in parse(text).links]


def cites(text: str, scheme: str | None = "law") -> list[tuple]:
    found = parse(text).references(scheme)
    for r in found:  # the target is where line and column say: the citation extension tags it there
        assert parse(text).lines[r.line - 1][r.column:].startswith(r.target)
    return [(r.scheme, r.target, r.text, r.line, r.column, r.historical, r.ordinal, r.anchor) for r in found]


def masked_lines(text: str) -> list[str]:
    return [line.rstrip() for line in parse(text).masked.split("\n")]


def prose(text: str) -> list[tuple[int, str]]:
    return [(s.line, s.text) for s in parse(text).prose]


# --------------------------------------------------------------------------- front matter


def test_front_matter_raw_lines_mapping_and_schema():
    page = parse("---\ntitle: Guide\nlaw_as_at: 2026-11-28\n---\n\n# Guide { #guide }\n", "docs/en/g.md")
    fm = page.front_matter
    assert (fm.raw, fm.first_line, fm.last_line, fm.body_line) == ("title: Guide\nlaw_as_at: 2026-11-28\n", 1, 4, 5)
    assert fm.mapping["title"] == "Guide" and fm.data.title == "Guide" and str(fm.data.law_as_at) == "2026-11-28"
    assert fm.problems == () and page.body == "\n# Guide { #guide }\n"
    assert [page.text[k.start:k.end] for k in fm.keys] == ["title:", "law_as_at:"]
    assert [page.text[v.start:v.end] for v in fm.values] == [" Guide", " 2026-11-28"]


def test_front_matter_problems_name_file_and_line():
    fm = parse("---\ntitle: T\nlaw_as_of: 2026-01-01\n---\n# T\n", "docs/en/x.md").front_matter
    assert fm.data is None
    assert [str(p) for p in fm.problems] == [
        "docs/en/x.md:3: front-matter: law_as_of: unknown key; expected one of: title, description, law_as_at, "
        "translation, hide"]


def test_no_front_matter_and_a_body_that_opens_with_a_rule():
    assert parse("# T\n").front_matter.present is False
    body = "---\ntitle: not front matter\n---\n"  # MkDocs has already taken the front matter off
    assert parse(body, front_matter=False).front_matter.present is False
    assert heads(body) == []  # read as front matter
    assert [h.text for h in parse(body, front_matter=False).headings] == ["title: not front matter"]


def test_front_matter_closed_by_dots():
    assert parse("---\ntitle: T\n...\nText\n").front_matter.body_line == 4


def test_crlf_and_byte_order_mark_keep_lines_and_columns():
    page = parse("\ufeff---\r\ntitle: T\r\n---\r\n\r\nSee [x](law:a/b).\r\n")
    assert page.bom and page.text.startswith("---\ntitle") and page.front_matter.data.title == "T"
    assert cites(page.text) == [("law", "a/b", "x", 5, 12, False, 1, "law-a-b-1")]
    assert parse("A\rB\n").lines == ("A", "B", "")


def test_title_from_front_matter_else_first_level_one_heading():
    assert parse("---\ntitle: 'It''s: here'\n---\n# Other\n").title == "It's: here"
    assert parse("Intro\n\n## Two\n\n# One { #one }\n").title == "One"
    assert parse("No heading\n").title is None


# --------------------------------------------------------------------------- code and comments


def test_fenced_code_in_a_block_quote_is_code():
    text = "> ```\n> [x](law:a/b) ## not\n> ```\n\n[y](law:c/d)\n"
    assert masked_lines(text) == ["", "", "", "", "[y](law:c/d)", ""]
    assert [r.target for r in parse(text).citations] == ["c/d"]
    assert [(r.kind, r.line, r.last_line, r.code) for r in parse(text).code_regions] == [
        ("fence", 1, 3, "> [x](law:a/b) ## not")]


def test_fenced_code_in_an_admonition_and_a_list_item_is_code():
    text = "!!! note\n    ```python\n    # no heading\n    ```\n\n- item\n\n    ~~~\n    <script>\n    ~~~\n"
    page = parse(text)
    assert [(r.line, r.last_line, r.info) for r in page.code_regions] == [(2, 4, "python"), (8, 10, "")]
    assert page.headings == () and "<script>" not in page.masked


def test_fence_rules_are_the_renderers():
    # unclosed: no code (superfences renders the lines as Markdown), so the link is seen
    assert [link.target for link in parse("```\n[a](b.md)\n").links] == ["b.md"]
    # a longer run does not close it either (superfences; CommonMark would close it)
    assert parse("```\n[a](b.md)\n````\n").code_regions == ()
    # the closing fence: the same run, alone on its line, as indented as the opening
    assert [(r.line, r.last_line) for r in parse("````\n```\n````  \nx\n").code_regions] == [(1, 3)]
    # one line with backticks around text is a code span, not a fence
    assert [(r.kind, r.code) for r in parse("```text```\n").code_regions] == [("span", "text")]
    # content less indented than the opening abandons it (what is left is a code span, as Python-Markdown has it)
    assert [r.kind for r in parse("  ```\n  x\n  ```\n").code_regions] == ["fence"]
    assert [r.kind for r in parse("  ```\nx\n  ```\n").code_regions] == ["span"]


def test_code_spans_stay_in_their_paragraph():
    page = parse("A `code over\ntwo lines` b. A lone ` backtick\n\nmasks [nothing](x.md) after a blank line\n")
    assert [(r.line, r.last_line, r.code) for r in page.code_regions] == [(1, 2, "code over\ntwo lines")]
    assert [link.target for link in page.links] == ["x.md"]
    assert [r.code for r in parse("``a ` b`` `c`\n").code_regions] == ["a ` b", "c"]


def test_an_escaped_backtick_opens_no_code_span():
    page = parse("\\` [a](b.md) `\n")
    assert page.code_regions == () and [link.target for link in page.links] == ["b.md"]


def test_a_comment_over_lines_hides_its_law_link_and_its_heading():
    text = "Text.\n\n<!-- a note\n[x](law:hidden/a)\n\n## Not a heading\n-->\n[y](law:shown/b)\n"
    page = parse(text)
    assert [(c.line, c.last_line) for c in page.comments] == [(3, 7)]
    assert [r.target for r in page.citations] == ["shown/b"] and page.headings == ()


def test_an_inline_comment_must_end_in_its_paragraph():
    page = parse("Text <!-- open\n\n[x](law:a/b) -->\n")
    assert page.comments == () and [r.target for r in page.citations] == ["a/b"]
    page = parse("Text <!-- over\ntwo lines --> and [x](law:a/b)\n")
    assert [c.text for c in page.comments] == [" over\ntwo lines "] and len(page.citations) == 1


def test_code_and_comments_left_to_right():
    assert [r.code for r in parse("`<!--` [a](b.md) `-->`\n").code_regions] == ["<!--", "-->"]
    assert parse("`<!--` [a](b.md) `-->`\n").comments == ()
    assert [c.text for c in parse("<!-- `a --> [x](y.md) `\n").comments] == [" `a "]


def test_masking_keeps_every_offset():
    text = "---\ntitle: T\n---\n# A\n\n```\n<script>\n```\n\nText `<b>` end <!-- <script>\n -->\n"
    masked = parse(text).masked
    assert len(masked) == len(text) and [len(x) for x in masked.split("\n")] == [len(x) for x in text.split("\n")]
    assert "<script>" not in masked and "title" not in masked and "<b>" not in masked


def test_directives_are_read_from_comments_only():
    page = parse("<!-- parity: ignore images, tables -->\n<!-- glossary: ignore -->\n"
                 "`<!-- parity: ignore links -->`\n<!--\nparity: ignore heading-ids\n-->\n")
    assert page.directives("parity") == {"images", "tables", "heading-ids"}
    assert page.directives("glossary") == {"all"} and page.directives("other") == frozenset()


# --------------------------------------------------------------------------- links


def test_inline_links_titles_and_angle_brackets():
    assert links('[a](x.md "T") [b](<y z.md>) [c](https://e.org/a_(b)) ![d](i.png)\n') == [
        ("inline", "x.md", "a", 1, 4, False), ("inline", "y z.md", "b", 1, 19, False),
        ("inline", "https://e.org/a_(b)", "c", 1, 32, False), ("inline", "i.png", "d", 1, 58, True)]
    assert parse('[a](x.md "T")').links[0].title == "T"


def test_a_link_wrapped_over_two_lines():
    text = "See [Article 13 of\nthe Convention](law:coe-cets-197/art-13) and [b\nc](other.md).\n"
    found = parse(text).links
    assert [(x.target, x.text, x.start_line, x.line, x.column) for x in found] == [
        ("law:coe-cets-197/art-13", "Article 13 of\nthe Convention", 1, 2, 16), ("other.md", "b\nc", 2, 3, 3)]
    assert cites(text) == [("law", "coe-cets-197/art-13", "Article 13 of\nthe Convention", 2, 20, False, 1,
                            "law-coe-cets-197-art-13-1")]
    assert parse("[a\n\nb](c.md)\n").links == ()  # not over a blank line


def test_reference_links_and_definitions():
    text = "[One][a], [two][], [A] and ![pic][img], [none][missing].\n\n[a]: x.md\n[two]: <y.md> 'T'\n[img]: p.png\n"
    assert links(text) == [
        ("reference", "x.md", "One", 1, 6, False), ("reference", "y.md", "two", 1, 11, False),
        ("reference", "x.md", "A", 1, 20, False), ("reference", "p.png", "pic", 1, 34, True),
        ("definition", "x.md", "a", 3, 5, False), ("definition", "y.md", "two", 4, 8, False),
        ("definition", "p.png", "img", 5, 7, True)]
    assert parse(text).links[5].title == "T"


def test_links_in_link_text_are_text_images_are_images():
    assert links("[a [b](c.md)](d.md) [![alt](i.png)](e.md)\n") == [
        ("inline", "d.md", "a [b](c.md)", 1, 14, False), ("inline", "e.md", "![alt](i.png)", 1, 36, False),
        ("inline", "i.png", "alt", 1, 28, True)]


def test_escaped_brackets_and_footnotes_are_no_links():
    assert links("\\[a](b.md) x[^1]\n\n[^1]: Note.\n") == []
    assert [(f.label, f.line) for f in parse("x[^1]\n\n[^1]: Note.\n").footnotes] == [("1", 3)]


def test_autolinks_and_html_links():
    text = '<https://e.org/a> <info@example.org>\n<a href="p.md#x">P</a> <img src="i.png" alt="I">\n'
    assert links(text) == [
        ("autolink", "https://e.org/a", "https://e.org/a", 1, 1, False),
        ("autolink", "mailto:info@example.org", "info@example.org", 1, 19, False),
        ("html", "p.md#x", "P", 2, 9, False), ("html", "i.png", "I", 2, 33, True)]
    assert [(t.name, t.closing, t.attributes) for t in parse(text).html_tags] == [
        ("a", False, (("href", "p.md#x"),)), ("a", True, ()), ("img", False, (("src", "i.png"), ("alt", "I")))]


def test_an_attribute_list_right_after_a_link_belongs_to_it():
    found = parse("[a](b.md){ .historical target=_blank } [c](d.md) { .x }\n").links
    assert found[0].attributes.classes == ("historical",) and found[1].attributes is None


# --------------------------------------------------------------------------- headings


def test_atx_headings_ids_explicit_and_made_as_the_toc_makes_them():
    text = ("# Guide { #guide }\n\n## Права жртве\n\n## Права жртве\n\n### Plain *heading* ###\n\n"
            "## See [Art. 6](law:x/y) `code`\n\n    ## In an admonition body\n\n> ## Quoted\n")
    assert heads(text) == [
        (1, 1, "guide", "Guide", True), (3, 2, "prava-zrtve", "Права жртве", False),
        (5, 2, "prava-zrtve_1", "Права жртве", False), (7, 3, "plain-heading", "Plain *heading*", False),
        (9, 2, "see-art-6-code", "See [Art. 6](law:x/y) `code`", False),
        (11, 2, "in-an-admonition-body", "In an admonition body", False), (13, 2, "quoted", "Quoted", False)]


def test_setext_headings():
    assert heads("Title\n=====\n\nSection { #sec }\n---\n\n| a | b |\n|---|---|\n") == [
        (1, 1, "title", "Title", False), (4, 2, "sec", "Section", True)]
    # only the first line of a block is one (Python-Markdown): after a paragraph line, --- is a rule
    assert heads("para one\npara two\n---\n\n# A\nB\n---\n") == [(5, 1, "a", "A", False), (6, 2, "b", "B", False)]


def test_made_ids_avoid_explicit_ones_and_anchors_list_every_id():
    page = parse('# A\n\n## B { #a }\n\nPara.\n{ #para }\n\n<a name="old"></a> x[^n] [c](law:q/r)\n\n[^n]: N.\n')
    assert [h.id for h in page.headings] == ["a_1", "a"]
    assert page.anchors == {"a": 3, "para": 6, "old": 8, "a_1": 1, "fn:n": 10, "fnref:n": 10, "law-q-r-1": 8}
    assert page.explicit_ids == (("a", 3), ("para", 6), ("old", 8))


def test_section_of_a_line():
    page = parse("Intro\n\n# A { #a }\n\ntext\n\n## B { #b }\n\ntext\n")
    assert page.section_at(1) is None and page.section_at(5).id == "a" and page.section_at(9).id == "b"


# --------------------------------------------------------------------------- admonitions and tables


def test_admonitions_types_titles_extent_and_nesting():
    text = ('!!! warning "Check [this](x.md)"\n    Body.\n\n    ??? note extra\n        Inner.\n\n'
            '    Outer again.\n\nAfter.\n\n???+ tip\n    Open.\n')
    page = parse(text)
    assert [(a.types, a.title, a.line, a.last_line, a.indent, a.depth, a.parent, a.marker) for a in page.admonitions] == [
        (("warning",), "Check [this](x.md)", 1, 7, 0, 0, None, "!!!"),
        (("note", "extra"), None, 4, 5, 4, 1, 0, "???"),
        (("tip",), None, 11, 12, 0, 0, None, "???+")]


def test_tables_columns_and_cells():
    text = "Para.\n\n| Name | `a|b` | C \\| D |\n|:--|:-:|--:|\n| [x](law:q/r) | 2 |   |\n\nAfter.\n"
    [table] = parse(text).tables
    assert (table.line, table.last_line, table.columns) == (3, 5, 3)
    assert [[(c.text, c.line, c.column) for c in row] for row in table.rows] == [
        [("Name", 3, 2), ("`a|b`", 3, 9), ("C \\| D", 3, 17)],
        [("[x](law:q/r)", 5, 2), ("2", 5, 17), ("", 5, 20)]]


# --------------------------------------------------------------------------- citations


def test_citations_ordinals_historical_flags_and_anchors():
    text = (
        "Now [Art. 13](law:coe-cets-197/art-13) and [](law:coe-cets-197/art-13).\n\n"
        '!!! historical "Before 2018"\n    [Old law](law:rs-law-2008) in force then.\n\n'
        "    !!! note\n        Still [inside](law:rs-law-2008).\n\n"
        "Out [again](law:rs-law-2008).\n\n"
        "| Law |\n|---|\n| [L](law:al-law-108-2013){ .historical } |\n\n"
        "[def]: law:coe-cets-197/art-13\n"
    )
    assert cites(text) == [
        ("law", "coe-cets-197/art-13", "Art. 13", 1, 18, False, 1, "law-coe-cets-197-art-13-1"),
        ("law", "coe-cets-197/art-13", "", 1, 50, False, 2, "law-coe-cets-197-art-13-2"),
        ("law", "rs-law-2008", "Old law", 4, 18, True, 1, "law-rs-law-2008-1"),
        ("law", "rs-law-2008", "inside", 7, 27, True, 2, "law-rs-law-2008-2"),
        ("law", "rs-law-2008", "again", 9, 16, False, 3, "law-rs-law-2008-3"),
        ("law", "al-law-108-2013", "L", 13, 10, True, 1, "law-al-law-108-2013-1"),
        ("law", "coe-cets-197/art-13", "def", 15, 11, False, 3, "law-coe-cets-197-art-13-3"),
    ]


def test_fact_references_are_read_like_law_citations():
    text = "[](fact:rs/reflection-period) [](law:a/b) [x](fact:rs/reflection-period)\n"
    assert cites(text, "fact") == [
        ("fact", "rs/reflection-period", "", 1, 8, False, 1, "fact-rs-reflection-period-1"),
        ("fact", "rs/reflection-period", "x", 1, 51, False, 2, "fact-rs-reflection-period-2")]
    assert [r.scheme for r in parse(text).references()] == ["fact", "law", "fact"]


def test_what_is_not_a_citation():
    text = "`[a](law:code/a)` ![img](law:image/a) <!-- [c](law:comment/a) -->\n\n```\n[d](law:fence/a)\n```\n"
    assert cites(text) == []


# --------------------------------------------------------------------------- prose


def test_prose_is_what_a_reader_reads():
    text = (
        "---\ntitle: Title\n---\n\n# Heading { #id }\n\n"
        'Text with [a link](target.md "tip") and ![an image](i.png){ .x }, `code`, <span class="c">html</span>,\n'
        "a citation [](law:a/b) [x][ref], https://e.org/x and a note[^1].\n\n"
        '!!! warning "Careful"\n    Inside.\n\n| Cell | Other |\n|---|---|\n| one | two |\n\n'
        "- item\n\n*[TRP]: temporary residence permit\n[ref]: https://e.org\n[^1]: Footnote.\n"
    )
    assert prose(text) == [
        (5, "Heading"), (7, "Text with"), (7, "a link"), (7, "and"), (7, "an image"), (7, ","), (7, ","),
        (7, "html"), (7, ","), (8, "a citation"), (8, "x"), (8, ","), (8, "and a note"), (8, "."),
        (10, "Careful"), (11, "Inside."), (13, "Cell"), (13, "Other"), (15, "one"), (15, "two"), (17, "item"),
        (19, "temporary residence permit"), (21, "Footnote.")]


def test_segments_cover_the_text_and_name_each_kind():
    text = "---\ntitle: Водич\n---\n\n## Наслов { #id }\n\n[Члан](law:a/b) `код` *[ДПБ]: дозвола\n"
    page = parse(text)
    assert "".join(s.text for s in page.segments) == page.text
    kinds = {(s.kind, s.text) for s in page.segments if s.kind != "prose"}
    assert {("front-matter-key", "title:"), ("front-matter-value", " Водич"), ("attributes", "{ #id }"),
            ("link-target", "(law:a/b)"), ("code", "`код`")} <= kinds


def test_blocks_give_paragraphs_with_their_lines():
    text = ("# Title\n\nOne sentence wrapped\nover two lines. Another one\n2018. godine ends it.\n\n"
            "- first item\n- second item\n  continued\n\n| a | b |\n|---|---|\n")
    assert [(b.kind, b.line, b.last_line, b.text) for b in parse(text).blocks] == [
        ("heading", 1, 1, "Title"),
        ("paragraph", 3, 5, "One sentence wrapped over two lines. Another one 2018. godine ends it."),
        ("list-item", 7, 7, "first item"), ("list-item", 8, 9, "second item continued"),
        ("table-cell", 11, 11, "a"), ("table-cell", 11, 11, "b")]


def test_the_latin_edition_changes_only_reader_text():
    text = (
        "---\ntitle: Водич\n---\n\n## Период { #период }\n\n[члан 13](law:coe-cets-197/art-13) и [водич](../водич.md#рок)."
        "\n\n```\nкод остаје\n```\n\n`ћирилица` <abbr title=\"дозвола\">ДПБ</abbr> <!-- коментар -->\n\n"
        "*[ДПБ]: дозвола\n[^1]: Овај назив.\n"
    )
    out = transliteration.markdown_to_latin(text)
    assert out == (
        "---\ntitle: Vodič\n---\n\n## Period { #период }\n\n[član 13](law:coe-cets-197/art-13) i [vodič](../водич.md#рок)."
        "\n\n```\nкод остаје\n```\n\n`ћирилица` <abbr title=\"дозвола\">DPB</abbr> <!-- коментар -->\n\n"
        "*[DPB]: dozvola\n[^1]: Ovaj naziv.\n"
    )


# --------------------------------------------------------------------------- every page, every reader


def _pages() -> list[Path]:
    return sorted(list((ROOT / "docs").rglob("*.md")) + list((ROOT / "tests" / "fixtures").rglob("*.md")))


def _readable(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


PAGES = [p for p in _pages() if _readable(p) is not None]
#: Rules the content policy applies to the whole text, code included (a contact in code is published too).
TEXT_RULES = {"personal-email", "personal-phone", "control-character"}


def _asks_the_model(read, text: str):
    """What ``read(text)`` returns, having checked that it asked the source model about ``text``."""
    page_module.parse.cache_clear()
    getattr(read, "cache_clear", lambda: None)()  # a reader's own cache (words_of) would answer for it
    result = read(text)
    assert page_module.parse.cache_info().currsize > 0, "the reader did not ask the source model"
    return result


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_reader_gets_its_view_from_the_model(path):
    text = _readable(path)
    shown = path.relative_to(ROOT).as_posix()
    page = parse(text, shown)

    # the citation scan (checker, parity, table of legislation): the model's law: references
    found = _asks_the_model(lambda t: citation_scan.scan_text(t, shown), text)
    assert [(c.line, c.column, c.target, c.text, c.historical, c.ordinal) for c in found] == [
        (r.line, r.column, r.target, r.text, r.historical, r.ordinal) for r in page.citations]

    # the parity check: headings, admonitions, tables, images and links as the model has them
    structure = _asks_the_model(parity.structure, text)
    assert [(h.line, h.id, h.level) for h in structure.headings] == [(h.line, h.id, h.level) for h in page.headings]
    assert [(i.value, i.line) for i in structure.admonitions] == [(a.type, a.line) for a in page.admonitions]
    assert [(i.value, i.line) for i in structure.tables] == [(str(t.columns), t.line) for t in page.tables]
    assert {i.value for i in structure.images} <= {link.target for link in page.images}
    assert {i.value for i in structure.links} <= {link.target.removeprefix("./") for link in page.links}

    # the glossary check: the words of the model's prose, nothing from code, targets or ids
    words = _asks_the_model(glossary_check.words_of, text)
    assert [(w.text, w.line) for w in words] == [
        (w.casefold(), s.line) for s in page.prose for w in re.findall(r"[^\W\d_]+", s.text)]

    # the content policy: the links it checks and the ids it resolves them against are the model's
    problems = _asks_the_model(lambda t: content_policy.check_page(t, shown, rendered=False), text)
    fenced = {n for r in page.code_regions if r.kind == "fence" for n in range(r.line + 1, r.last_line)}
    assert not [p for p in problems if p.line in fenced and p.rule not in TEXT_RULES]
    checked = content_policy._urls(page, ("inline", "definition", "autolink", "html"))
    assert [(u.line, u.url) for u in checked] == [
        (link.line, link.target) for link in page.links if link.kind != "reference"]

    # the Latin edition: reader text transliterated, everything else kept as the model names it
    latin = _asks_the_model(transliteration.markdown_to_latin, text)
    kept = [(s.kind, s.text) for s in page.segments if s.kind not in READER_TEXT]
    assert [(s.kind, s.text) for s in parse(latin).segments if s.kind not in READER_TEXT] == kept
    if "sr" in path.relative_to(ROOT).parts:  # the source of the Latin edition: no Cyrillic reader text left
        assert not [s for s in parse(latin).segments if s.kind in READER_TEXT and re.search(r"[Ѐ-ӿ]", s.text)]


# --------------------------------------------------------------------------- one reader only

#: What a second Markdown reader would contain: patterns of Markdown syntax in string
#: literals (regular expressions), and comparisons of a line with a fence.
TELL_TALES = {
    "splits front matter": re.compile(r"(\^|\\A)(\\?-){3}|-\{3\}"),
    "masks fenced code": re.compile(r"`\{3|~\{3|(\^|\[).{0,12}```"),
    "parses links": re.compile(r"\\\]\s*\\\("),
    "parses headings": re.compile(r"#\{1,6\}|\^#|\^\[[^\]]*\]\*#|\^ \{0,3\}#|\^##"),
    "parses admonitions": re.compile(r"\(\?:!!!|!!!\||\\\?\\\?\\\?"),
    "masks comments": re.compile(r"<!--(\.\*|\\s|\(\?)"),
}
FENCE_LINES = {"---", "...", "```", "~~~"}


def _tell_tales(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [(node.lineno, what) for what, pattern in TELL_TALES.items() if pattern.search(node.value)]
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            values = [v for o in operands for v in ([o] if isinstance(o, ast.Constant) else getattr(o, "elts", []))]
            if any(isinstance(v, ast.Constant) and v.value in FENCE_LINES for v in values):
                found.append((node.lineno, "compares a line with a fence"))
        elif isinstance(node, ast.Attribute) and node.attr in ("split", "parse") and \
                isinstance(node.value, ast.Name) and node.value.id == "frontmatter":
            found.append((node.lineno, "splits front matter"))
    return found


def test_no_second_markdown_reader():
    modules = [p for p in PACKAGE.rglob("*.py") if "markdown" not in p.relative_to(PACKAGE).parts]
    modules += sorted((ROOT / "hooks").glob("*.py"))
    found = [f"{p.relative_to(ROOT)}:{line}: {what}" for p in modules for line, what in _tell_tales(p.read_text())]
    assert found == [], "read Markdown through trp_handbook.markdown.parse instead:\n" + "\n".join(found)


def test_the_structural_test_finds_a_second_reader():
    second = (
        'import re\nFENCE = re.compile(r"^[ \\t]*(`{3,}|~{3,})")\nLINK = re.compile(r"\\[([^]]*)\\]\\(([^)]*)\\)")\n'
        'HEAD = re.compile(r"^(#{1,6})\\s+(.*)$")\nFM = re.compile(r"\\A---\\n(.*?)\\n---")\n'
        'def body(lines):\n    return lines[0].strip() == "---"\n'
        'from trp_handbook import frontmatter\nfrontmatter.split("x")\n'
    )
    assert sorted({what for _, what in _tell_tales(second)}) == [
        "compares a line with a fence", "masks fenced code", "parses headings", "parses links", "splits front matter"]
