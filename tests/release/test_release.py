"""Cutting editions in a temporary clone with two tags: changelog, bundle, checksums."""

import subprocess
from pathlib import Path

import pytest

from helpers import ROOT
from trp_handbook.core.errors import HandbookError
from trp_handbook.legislation.changes import compare_refs
from trp_handbook.release import bundle as release

GIT_ID = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *GIT_ID, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A copy of the handbook's data and English chapters as they are now, in a new repository."""
    repo = tmp_path / "handbook"
    (repo / "data").mkdir(parents=True)
    for name in ("legislation.yml", "editions.yml", "languages.yml"):
        (repo / "data" / name).write_bytes((ROOT / "data" / name).read_bytes())
    subprocess.run(["cp", "-r", str(ROOT / "docs" / "en"), str(repo / "docs-en")], check=True)
    (repo / "docs").mkdir()
    (repo / "docs-en").rename(repo / "docs" / "en")
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## Edition 1 — first\n\nFirst edition.\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "edition 1")
    git(repo, "tag", "-a", "edition-1", "-m", "edition 1")
    return repo


def second_edition(repo: Path) -> None:
    """Change the law between the editions: a heading, a removed and an added citation."""
    registry = repo / "data" / "legislation.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("heading: Reflection period", "heading: Reflection period (amended)", 1), encoding="utf-8")
    intro = repo / "docs" / "en" / "introduction.md"
    page = intro.read_text(encoding="utf-8")
    assert "law:coe-cets-197/art-13" in page
    page = page.replace("law:coe-cets-197/art-13/para-1", "law:coe-cets-197/art-13") + (
        "\nSee also [Article 23](law:xk-law-04-l-218/art-23).\n"
    )
    intro.write_text(page, encoding="utf-8")
    editions = repo / "data" / "editions.yml"
    editions.write_text(
        editions.read_text(encoding="utf-8").replace(
            "editions:\n", "editions:\n  - number: 2\n    date: 2027-06-01\n    law_as_at: 2027-05-15\n"
            "    languages: [en, sr, sr-Latn, hr, bs, sq, mk, fr]\n", 1
        ),
        encoding="utf-8",
    )
    changelog = repo / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text(encoding="utf-8").replace("# Changelog\n\n", "# Changelog\n\n## Edition 2 — second\n\nUpdated.\n\n"),
        encoding="utf-8",
    )
    commit_all(repo, "edition 2")


def test_changes_in_the_law_between_two_tags(clone):
    second_edition(clone)
    git(clone, "tag", "-a", "edition-2", "-m", "edition 2")
    changes = compare_refs(clone, "edition-1", "edition-2")
    assert changes.instruments_added == [] and changes.provisions_removed == []
    assert [t for t, _ in changes.provisions_changed] == ["eu-dir-2004-81/art-6"]
    assert "Reflection period (amended)" in changes.provisions_changed[0][1][0]
    page, added, removed = next(c for c in changes.citations if c[0] == "introduction.md")
    assert added == ["xk-law-04-l-218/art-23"]
    assert removed == ["coe-cets-197/art-13/para-1"]
    generated = release.update_changelog(clone, 2, "edition-2")
    assert "### Changes in the law since edition-1" in generated
    log = (clone / "CHANGELOG.md").read_text(encoding="utf-8")
    entry2 = release.entry(log, 2)
    assert "`eu-dir-2004-81/art-6`: heading: 'Reflection period' → 'Reflection period (amended)'" in entry2
    assert "`introduction.md`" in entry2 and "Updated." in entry2
    assert "Changes in the law" not in release.entry(log, 1)  # the older entry is untouched
    # regenerating replaces the section instead of adding a second one
    release.update_changelog(clone, 2, "edition-2")
    assert (clone / "CHANGELOG.md").read_text(encoding="utf-8").count("law-changes:edition-2:start") == 1


def test_bundle_holds_every_pdf_and_epub_the_zip_notes_and_checksums(clone, tmp_path):
    site = tmp_path / "site"
    for code in ["en", "sr", "sr-Latn", "hr", "bs", "sq", "mk", "fr"]:
        for kind in ("pdf", "epub"):
            folder = site / (kind if code == "en" else f"{code}/{kind}")
            folder.mkdir(parents=True)
            (folder / f"trp-handbook-{code}.{kind}").write_bytes(f"{kind} {code}".encode())
    (site / "downloads").mkdir()
    (site / "downloads" / "trp-handbook-offline.zip").write_bytes(b"PK")
    target = release.make_bundle(clone, 1, site, tmp_path / "dist")
    names = sorted(p.name for p in target.iterdir())
    assert "trp-handbook-mk.pdf" in names and "trp-handbook-offline-edition-1.zip" in names
    assert "trp-handbook-sr-Latn.epub" in names and "trp-handbook-en.epub" in names
    assert "RELEASE_NOTES.md" in names and "SHA256SUMS" in names
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=target, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "First edition." in (target / "RELEASE_NOTES.md").read_text(encoding="utf-8")
    (site / "fr" / "epub" / "trp-handbook-fr.epub").unlink()
    with pytest.raises(HandbookError, match="fr/epub/trp-handbook-fr.epub"):
        release.make_bundle(clone, 1, site, tmp_path / "dist")


def test_an_edition_is_tagged_once_and_only_from_a_clean_tree(clone):
    second_edition(clone)
    assert release.tag(clone, 2) == "edition-2"
    with pytest.raises(HandbookError, match="exists already"):
        release.tag(clone, 2)
    (clone / "CHANGELOG.md").write_text("dirty", encoding="utf-8")
    with pytest.raises(HandbookError, match="uncommitted changes"):
        release.tag(clone, 3)


def test_unknown_edition_is_refused(clone):
    with pytest.raises(HandbookError, match="no edition 7"):
        release.edition(7, clone)
