"""Translation status, the English diff of an outdated page, caught-up, notices and the status page.

Everything runs on tests/fixtures/translations (see its README.md), copied to a
temporary folder where a test changes files or needs its own git repository.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from helpers import FIXTURES
from trp_handbook.cli.main import main
from trp_handbook.core.languages import by_code
from trp_handbook.markdown.frontmatter import blob_of
from trp_handbook.site import notices
from trp_handbook.translation import status as translations
from trp_handbook.translation import status_page as translation_status_page

FIXTURE = FIXTURES / "translations"
DOCS = FIXTURE / "docs"


def shown(path: Path) -> str:
    """docs/<lang>/<page>, wherever the tree was copied."""
    parts = path.parts
    return "/".join(parts[len(parts) - 1 - parts[::-1].index("docs"):])


def states(language: str, docs: Path = DOCS) -> dict[str, tuple[str, str | None]]:
    status, _ = translations.language_status(docs, by_code(language), shown)
    return {p.path: (p.state, p.review) for p in status.pages}


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of the fixture in its own git repository holding the translated English revision."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "hash-object", "-w", "previous/guide.md"], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


def test_every_state_is_recognised():
    assert states("sr") == {
        "index.md": ("current", "reviewed"),
        "guide.md": ("outdated", "reviewed"),
        "drift.md": ("current", "draft"),
        "orphan.md": ("orphaned", "draft"),
        "untranslated.md": ("missing", None),
    }
    assert states("fr") == {
        "index.md": ("untracked", None),
        "drift.md": ("current", "draft"),
        "guide.md": ("missing", None),
        "untranslated.md": ("missing", None),
    }


def test_outdated_means_the_english_blob_changed():
    status, _ = translations.language_status(DOCS, by_code("sr"), shown)
    guide = status.by_path()["guide.md"]
    assert guide.source_blob == blob_of(FIXTURE / "previous" / "guide.md")
    assert guide.current_blob == blob_of(DOCS / "en" / "guide.md") != guide.source_blob
    assert (guide.file, guide.line) == ("docs/sr/guide.md", 5)  # the source_blob line


def test_summary_counts_progress_over_english_pages():
    status, _ = translations.language_status(DOCS, by_code("sr"), shown)
    assert status.summary() == {
        "current": 2, "outdated": 1, "untracked": 0, "missing": 1, "orphaned": 1,
        "reviewed": 1, "english_pages": 4, "progress_percent": 50,
    }


def test_orphan_is_a_problem_with_file_and_line():
    _, problems = translations.status(DOCS, shown, ["sr"])
    assert [str(p) for p in problems] == [
        "docs/sr/orphan.md:1: orphaned: no English page docs/en/orphan.md; expected a translation of an "
        "existing page (move the file to the English page's new path, or delete it)"
    ]


def test_a_generated_or_unknown_language_is_refused():
    with pytest.raises(Exception, match="unknown or generated language sr-Latn"):
        translations.translation_languages(["sr-Latn"])


def test_status_covers_languages_with_folders_not_the_generated_one():
    codes = [lang.code for lang in translations.translation_languages()]
    assert "sr" in codes and "sr-Latn" not in codes and "en" not in codes


def test_outdated_page_shows_the_english_diff_since_the_translated_revision(repo):
    status, _ = translations.language_status(repo / "docs", by_code("sr"), shown)
    diff, why = translations.source_diff(repo / "docs", status.by_path()["guide.md"])
    assert why == ""
    assert "--- docs/en/guide.md (translated revision 7651cebcf3a2)" in diff
    assert "+++ docs/en/guide.md (now)" in diff
    assert "-The permit lasts six months." in diff
    assert "+The permit lasts six months and is renewable." in diff


def test_a_blob_missing_from_the_repository_is_said_plainly(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    status, _ = translations.language_status(DOCS, by_code("sr"), shown)
    diff, why = translations.source_diff(DOCS, status.by_path()["guide.md"], translations.GitObjects(tmp_path))
    assert diff is None
    assert "7651cebcf3a2f445c96213fe3565d543f6f862cd is not in this repository" in why


def test_caught_up_changes_only_the_blob(repo):
    page = repo / "docs" / "sr" / "guide.md"
    before = page.read_bytes()
    result = translations.catch_up(repo / "docs", "sr", "guide.md")
    after = page.read_bytes()
    new = blob_of(repo / "docs" / "en" / "guide.md")
    assert result.old_blob == "7651cebcf3a2f445c96213fe3565d543f6f862cd" and result.new_blob == new
    assert after == before.replace(b"7651cebcf3a2f445c96213fe3565d543f6f862cd", new.encode())
    assert states("sr", repo / "docs")["guide.md"] == ("current", "reviewed")


def test_caught_up_keeps_windows_line_endings_and_quotes(tmp_path):
    shutil.copytree(DOCS, tmp_path / "docs")
    page = tmp_path / "docs" / "sr" / "guide.md"
    text = page.read_text(encoding="utf-8").replace("source_blob: 7651", "source_blob: '7651")
    text = text.replace("f862cd\n", "f862cd'\n").replace("\n", "\r\n")
    page.write_bytes(text.encode())
    translations.catch_up(tmp_path / "docs", "sr", "guide.md")
    new = blob_of(tmp_path / "docs" / "en" / "guide.md")
    assert page.read_bytes() == text.replace("7651cebcf3a2f445c96213fe3565d543f6f862cd", new).encode()


def test_caught_up_adds_a_draft_record_to_an_untracked_page(tmp_path):
    shutil.copytree(DOCS, tmp_path / "docs")
    page = tmp_path / "docs" / "fr" / "index.md"
    before = page.read_text(encoding="utf-8")
    result = translations.catch_up(tmp_path / "docs", "fr", "index.md")
    assert result.added_record
    blob = blob_of(tmp_path / "docs" / "en" / "index.md")
    assert page.read_text(encoding="utf-8") == before.replace(
        "title: Accueil\n---",
        f"title: Accueil\ntranslation:\n  source: index.md\n  source_blob: {blob}\n  review: draft\n---",
    )
    assert states("fr", tmp_path / "docs")["index.md"] == ("current", "draft")


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_status_text_lists_work_and_prints_the_diff(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    code, out, _ = run_cli(["status", "--docs", "docs", "--language", "sr"], capsys)
    assert code == 1  # the orphan
    assert out.startswith("sr (Serbian (Cyrillic)): 50% of 4 English pages translated and current; "
                          "2 current (1 reviewed), 1 outdated, 0 untracked, 1 missing, 1 orphaned\n")
    assert "  outdated  guide.md [reviewed]" in out
    assert "            +The permit lasts six months and is renewable." in out
    assert "when caught up: handbook caught-up sr guide.md" in out
    assert "  missing   1 pages: untranslated.md" in out
    assert "docs/sr/orphan.md:1: orphaned:" in out


def test_cli_status_json(capsys, monkeypatch):
    monkeypatch.chdir(FIXTURE)
    code, out, _ = run_cli(["status", "--docs", "docs", "--language", "fr", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["errors"] == 0
    (fr,) = data["languages"]
    assert fr["code"] == "fr" and fr["summary"]["untracked"] == 1
    assert {p["path"]: p["state"] for p in fr["pages"]} == {
        "index.md": "untracked", "drift.md": "current", "guide.md": "missing", "untranslated.md": "missing"}


def test_cli_status_json_explains_a_missing_diff(capsys, monkeypatch, tmp_path):
    shutil.copytree(DOCS, tmp_path / "docs")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(["status", "--docs", "docs", "--language", "sr", "--format", "json"], capsys)
    guide = next(p for p in json.loads(out)["languages"][0]["pages"] if p["path"] == "guide.md")
    assert guide["diff"] is None and "is not in this repository" in guide["diff_unavailable"]


def test_cli_caught_up_and_its_errors(tmp_path, capsys, monkeypatch):
    shutil.copytree(DOCS, tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(["caught-up", "sr", "docs/sr/guide.md", "--docs", "docs"], capsys)
    assert code == 0 and out.startswith("docs/sr/guide.md: source_blob 7651cebcf3a2")
    code, out, _ = run_cli(["caught-up", "sr", "guide.md", "--docs", "docs"], capsys)
    assert code == 0 and "already current" in out
    code, _, err = run_cli(["caught-up", "sr-Latn", "guide.md", "--docs", "docs"], capsys)
    assert code == 2 and "unknown or generated language sr-Latn" in err
    code, _, err = run_cli(["caught-up", "sr", "orphan.md", "--docs", "docs"], capsys)
    assert code == 2 and "no such English page" in err


# --- notices ---------------------------------------------------------------------------------


def test_outdated_notice_links_the_english_page_in_the_readers_language():
    html = notices.translation_notice("sr", outdated=True, draft=False, english_url="../../guide/")
    assert "handbook-notice--outdated" in html and "data-search-exclude" in html
    assert "Овај превод је урађен према ранијој верзији енглеске странице" in html
    assert '<a href="../../guide/" hreflang="en">Прочитајте актуелну енглеску страницу</a>' in html
    assert "није стручно прегледан" not in html


def test_draft_notice_and_none_for_a_current_reviewed_page():
    assert "Cette traduction n'a pas encore été relue." in unescape(notices.translation_notice("fr", False, True, None))
    assert "Ovaj prevod još nije stručno pregledan." in notices.translation_notice("sr-Latn", False, True, None)
    assert notices.translation_notice("sr", outdated=False, draft=False, english_url="x") == ""


def test_notice_texts_exist_in_every_language():
    for code in ["en", "sr", "sr-Latn", "hr", "bs", "sq", "mk", "fr"]:
        html = notices.translation_notice(code, True, True, "../")
        assert html.count("<p>") == 2, code


# --- the status page -------------------------------------------------------------------------


def test_status_page_per_language_and_per_page():
    statuses, _ = translations.status(DOCS, shown, ["sr", "fr"])
    md = translation_status_page.status_markdown(statuses, DOCS, "en", ["index.md", "guide.md"], "en")
    assert "# Translation status { #translation-status }" in md
    assert "| Language | Translated and current | Reviewed | Outdated or unrecorded | Missing |" in md
    assert "| Српски | 50% | 1 | 1 | 1 |" in md
    assert "| Français | 25% | 0 | 1 | 2 |" in md
    # pages in navigation order, then the others; titles linked from annexes/; a table per language
    assert "### Српски { #pages-sr }\n\n| Page | Српски |\n|---|---|\n| [Home](../index.md) | current, reviewed |\n" \
        "| [Guide](../guide.md) | outdated |\n| [Drift](../drift.md) | current, draft |\n" in md
    assert "| [Home](../index.md) | translated, revision not recorded |\n| [Guide](../guide.md) | missing |" in md
    assert "## What needs work: Српски { #needs-work-sr }" in md
    assert "### To update (the English page has changed) { #needs-work-sr-outdated }" in md
    assert "## What needs work: Français { #needs-work-fr }" in md


def test_status_page_of_a_translation_is_in_its_language_and_lists_its_own_work():
    statuses, _ = translations.status(DOCS, shown, ["sr", "fr"])
    md = translation_status_page.status_markdown(statuses, DOCS, "sr", ["index.md", "guide.md"], "en")
    assert "# Стање превода" in md and "| [Водич](../guide.md) | застарела |" in md
    assert "| Français | 25" in md  # every language's progress, on every edition
    assert "needs-work-sr" in md and "needs-work-fr" not in md and "pages-fr" not in md
    assert "`handbook status --language sr`" in md
    latin = translation_status_page.edition_markdown(statuses, DOCS, "sr-Latn", ["index.md", "guide.md"])
    assert "# Stanje prevoda" in latin and "| [Vodič](../guide.md) | zastarela |" in latin
