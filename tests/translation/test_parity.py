"""Structural parity of translations: every rule, its file:line, exceptions, the CLI and the strict build."""

from __future__ import annotations

import json
import shutil

import pytest

from helpers import FIXTURES, build_with_real_config
from trp_handbook.cli.main import main
from trp_handbook.translation import parity

FIXTURE = FIXTURES / "translations"
DOCS = FIXTURE / "docs"

EN = """\
---
title: Page
---

# Page { #page }

Intro with [a link](other.md#x) and [Article 13](law:coe-cets-197/art-13).

## One { #one }

!!! note "Note"
    Text.

| A | B |
|---|---|
| 1 | 2 |

![Figure](img/a.png)

## Two { #two }

!!! warning "Careful"
    Text.
"""


def compare(translation: str, source: str = EN) -> list[str]:
    return [str(p) for p in parity.compare(source, translation, "en.md", "tr.md")]


def test_an_identical_structure_has_no_findings():
    assert compare(EN.replace("Text.", "Текст.").replace("Intro", "Увод")) == []


def test_fixture_drift_is_reported_rule_by_rule_with_lines():
    found = [str(p) for p in parity.check(DOCS, lambda p: p.relative_to(FIXTURE).as_posix(), ["sr"])]
    assert found == [
        "docs/sr/drift.md:9: parity-admonitions: admonition note is missing here (docs/en/drift.md:13 has it); "
        "expected the same as the English page",
        "docs/sr/drift.md:9: parity-heading-ids: no heading #reflection-period (docs/en/drift.md:11 \"Reflection "
        "period\"); expected the same heading ids as the English page (write { #reflection-period } after the heading)",
        "docs/sr/drift.md:9: parity-images: image img/flow.png is missing here (docs/en/drift.md:20 has it); "
        "expected the same as the English page",
        "docs/sr/drift.md:9: parity-links: link to guide.md#permit is missing here (docs/en/drift.md:9 has it); "
        "expected the same as the English page",
        "docs/sr/drift.md:11: parity-changed: law:coe-cets-197/art-14 where docs/en/drift.md:7 cites "
        "law:coe-cets-197/art-13; expected the same target (translate the text, keep the target)",
        "docs/sr/drift.md:13: parity-heading-ids: heading #reflection is not in docs/en/drift.md; expected the "
        "English page's ids",
        "docs/sr/drift.md:15: parity-admonitions: admonition tip is not in docs/en/drift.md; expected the same as "
        "the English page",
        "docs/sr/drift.md:18: parity-tables: table 1 has 2 columns here, 3 in docs/en/drift.md:16; expected the "
        "same columns",
        "docs/sr/drift.md:22: parity-admonitions: admonition warning is missing here (docs/en/drift.md:24 has it); "
        "expected the same as the English page",
    ]


def test_a_marked_exception_and_wrapped_links_pass():
    # fr/drift.md leaves out the image under <!-- parity: ignore images -->, and wraps its link over three lines
    assert parity.check(DOCS, str, ["fr"]) == []


def test_changed_admonition_type_is_named_one_by_one():
    assert compare(EN.replace("!!! warning", "!!! danger")) == [
        "tr.md:22: parity-admonitions: admonition 2 is 'danger' here, 'warning' in en.md:22; expected the same "
        "type (translate its title, keep !!! warning)"
    ]


def test_heading_level_order_and_slug_hint():
    moved = EN.replace("## One { #one }", "### One { #one }")
    assert compare(moved) == ["tr.md:9: parity-heading-ids: heading #one is level 3 here, level 2 in en.md:9; "
                              "expected the same level"]
    swapped = EN.replace("## One { #one }", "## X { #tmp }").replace("## Two { #two }", "## One { #one }")
    swapped = swapped.replace("## X { #tmp }", "## Two { #two }")
    assert compare(swapped)[-1] == ("tr.md:9: parity-heading-ids: heading #two comes where en.md has #one; "
                                    "expected the headings in the English page's order")
    no_id = EN.replace("## Two { #two }", "## Друго")
    assert "tr.md:20: parity-heading-ids: heading #drugo is not in en.md (a heading without { #id } gets an id " \
           "made from its text); expected the English page's ids" in compare(no_id)


def test_tables_images_links_counted():
    extra = EN + "\n| X |\n|---|\n| y |\n\n![Other](img/b.png) [more](other.md#y)\n"
    assert compare(extra) == [
        "tr.md:25: parity-tables: 2 tables here, 1 in en.md; expected the same tables",
        "tr.md:29: parity-images: image img/b.png is not in en.md; expected the same as the English page",
        "tr.md:29: parity-links: link to other.md#y is not in en.md; expected the same as the English page",
    ]


def test_code_and_comments_are_not_structure():
    hidden = EN + "\n```markdown\n## Not a heading { #no }\n![x](img/c.png)\n```\n<!-- [x](y.md) -->\n"
    assert compare(hidden) == []


def with_directive(page: str, directive: str) -> str:
    """The page with a comment after its front matter (before it, the front matter would be none)."""
    return page.replace("---\n\n", f"---\n\n{directive}\n", 1)


def test_ignore_all_and_ignore_citations():
    drift = EN.replace("art-13", "art-14").replace("## Two { #two }", "## Друго")
    assert compare(with_directive(drift, "<!-- parity: ignore -->")) == []
    assert [p.split(": ")[1] for p in compare(with_directive(drift, "<!-- parity: ignore citations -->"))] == [
        "parity-heading-ids", "parity-heading-ids"]


def test_a_directive_is_a_comment_not_text_that_looks_like_one():
    drift = EN.replace("## Two { #two }", "## Друго")
    assert compare(with_directive(drift, "`<!-- parity: ignore -->`")) != []


def test_cli_exit_codes_json_and_file_selection(capsys, monkeypatch):
    monkeypatch.chdir(FIXTURE)
    assert main(["check-parity", "--docs", "docs", "--language", "sr", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 9 and {p["file"] for p in data["problems"]} == {"docs/sr/drift.md"}
    # only the files given (e.g. by pre-commit); an English page selects its translations
    assert main(["check-parity", "--docs", "docs", "docs/sr/guide.md", "README.md"]) == 0
    assert "no problems found" in capsys.readouterr().out
    assert main(["check-parity", "--docs", "docs", "docs/en/drift.md"]) == 1
    assert "docs/sr/drift.md:9: parity-heading-ids" in capsys.readouterr().out


@pytest.mark.build
def test_the_strict_build_fails_on_drift_naming_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    for lang in ("en", "sr"):
        (docs / lang).mkdir(parents=True)
        shutil.copy(DOCS / lang / "index.md", docs / lang / "index.md")
    (docs / "sr" / "index.md").write_text(
        (DOCS / "sr" / "index.md").read_text(encoding="utf-8").replace("{ #home }", "{ #pocetna }"), encoding="utf-8")
    (docs / "en" / "guide.md").write_text("# Guide { #guide }\n", encoding="utf-8")
    result = build_with_real_config(docs, tmp_path / "site", ["index.md", "guide.md"], tmp_path,
                                    env={"HANDBOOK_LANGUAGES": "sr"})
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert any(line.endswith("hooks/translations: docs/sr/index.md:10: parity-heading-ids: no heading #home "
                             '(docs/en/index.md:5 "Translation fixture"); expected the same heading ids as the '
                             "English page (write { #home } after the heading)") for line in warnings), warnings
    assert "Aborted with 2 warnings in strict mode" in result.stdout
