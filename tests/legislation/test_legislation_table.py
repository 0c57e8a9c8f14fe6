"""The table of legislation, legislation.json, and one real MkDocs build through the hook."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trp_handbook.core.errors import relative
from trp_handbook.core.project import REPO_ROOT
from trp_handbook.legislation.registry import load_registry
from trp_handbook.legislation.table import edition_pages, legislation_json, table_markdown

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "legislation"
#: The mark every unverified value carries, as citations carry it (here with the English label).
MARK_EN = ('<sup class="law-ref__mark law-ref__mark--unverified"><span aria-hidden="true">?</span>'
           '<span class="law-ref__label">not verified</span></sup>')


@pytest.fixture(scope="module")
def registry():
    return load_registry(FIXTURE / "registry.yml", "registry.yml")


def shown(path: Path) -> str:
    return relative(path, FIXTURE)


def test_edition_pages_fall_back_to_english(tmp_path):
    docs = tmp_path / "docs"
    (docs / "en" / "see").mkdir(parents=True)
    (docs / "fr").mkdir()
    (docs / "en" / "index.md").write_text("# Home\n\n[](law:dir-a/art-6)\n", encoding="utf-8")
    (docs / "en" / "see" / "serbia.md").write_text("# Serbia\n\n[](law:law-new)\n", encoding="utf-8")
    (docs / "fr" / "index.md").write_text("# Accueil\n\n[](law:dir-a/art-6)\n", encoding="utf-8")
    pages = edition_pages(docs, "fr", lambda p: relative(p, tmp_path))
    assert [(p.page, p.title, [c.file for c in p.citations]) for p in pages] == [
        ("index.md", "Accueil", ["docs/fr/index.md"]),
        ("see/serbia.md", "Serbia", ["docs/en/see/serbia.md"]),
    ]


def test_table_in_english(registry):
    pages = edition_pages(FIXTURE / "docs", "en", shown)
    md = table_markdown(registry, "en", pages)
    assert md.startswith("# Table of legislation { #table-of-legislation }\n\n")
    assert "The law is stated as at 2026-11-28." in md
    assert "## International instruments { #international }" in md
    assert "## European Union { #eu }" in md
    assert "## National law { #national }" in md
    assert "### Croatia { #national-hr }" in md and "### Serbia { #national-rs }" in md
    assert md.index("### Croatia") < md.index("### Serbia")
    assert "#### Law on Foreigners 2008 (Serbia) { #law-old }" in md
    assert "Replaced by: [Law on Foreigners 2018 (Serbia)](#law-new)" in md
    assert ("### Convention X { #treaty-x }\n\nA convention no page cites" + MARK_EN + "\n\nNot cited in this edition."
            in md)
    # every cited provision once, linking back to every place, with the ids the extension gives
    assert (
        "- [](law:dir-a/art-6/para-1) — Reflection period — cited in: "
        "[Chapter](../chapter.md#law-dir-a-art-6-para-1-1)"
    ) in md
    assert (
        "- [](law:law-old/art-28/para-5) — cited in: [Chapter](../chapter.md#law-law-old-art-28-para-5-1), "
        "[Chapter (2)](../chapter.md#law-law-old-art-28-para-5-2)"
    ) in md
    assert "- [The instrument as a whole](law:dir-b) — cited in: [Chapter](../chapter.md#law-dir-b-1)" in md
    # unknown targets are not listed
    assert "dir-z" not in md and "art-20" not in md
    # the order of provisions follows the registry
    assert md.index("law:dir-a/art-6/para-1)") < md.index("law:dir-a/art-8/para-3)") < md.index("law:dir-a/art-13)")


def test_table_in_serbian_and_generated_latin(registry):
    pages = edition_pages(FIXTURE / "docs", "sr", shown)
    md = table_markdown(registry, "sr", pages)
    assert md.startswith("# Преглед прописа { #table-of-legislation }")
    assert "### Директива 2004/81/ЕЗ { #dir-a }" in md
    assert "цитирано у: [Chapter](../chapter.md#" in md  # the English page, shown in its place
    latin = table_markdown(registry, "sr-Latn", edition_pages(FIXTURE / "docs", "sr-Latn", shown))
    assert latin.startswith("# Pregled propisa { #table-of-legislation }")
    assert "### Direktiva 2004/81/EZ { #dir-a }" in latin


def test_countries_follow_the_alphabet_the_edition_reads(registry):
    """sr-Latn lists the countries by their Latin names (it used to fall back to the codes' order)."""
    import re

    real = load_registry(REPO_ROOT / "data" / "legislation.yml")

    def countries(language):
        return re.findall(r"^### (.+) \{ #national-", table_markdown(real, language, []), flags=re.M)

    assert countries("sr-Latn") == ["Albanija", "Bosna i Hercegovina", "Crna Gora", "Hrvatska", "Kosovo*",
                                    "Severna Makedonija", "Srbija"]
    assert countries("sr") == ["Албанија", "Босна и Херцеговина", "Косово*", "Северна Македонија", "Србија",
                               "Хрватска", "Црна Гора"]
    assert countries("en") == ["Albania", "Bosnia and Herzegovina", "Croatia", "Kosovo*", "Montenegro",
                               "North Macedonia", "Serbia"]


@pytest.mark.parametrize(
    "language, cets, law_number",
    [
        # as each edition's pages write the Convention's series number and a law's number (issue 19)
        ("en", "CETS No. 197", "No. 04/L-218"),
        ("sr", "ЦЕТС бр. 197", "бр. 04/L-218"),
        ("sr-Latn", "CETS br. 197", "br. 04/L-218"),
        ("hr", "CETS br. 197", "br. 04/L-218"),
        ("bs", "CETS br. 197", "br. 04/L-218"),
        ("sq", "Seria e Traktateve të Këshillit të Evropës nr. 197", "nr. 04/L-218"),
        ("mk", "Серија договори на Советот на Европа, бр. 197", "бр. 04/L-218"),
        ("fr", "STCE n° 197", "n° 04/L-218"),
    ],
)
def test_identifiers_are_labelled_in_the_editions_language(language, cets, law_number):
    md = table_markdown(load_registry(REPO_ROOT / "data" / "legislation.yml"), language, [])
    assert f" · {cets}" in md and f" · {law_number}" in md
    if language == "mk":
        assert "CETS" not in md  # the Macedonian edition writes no Latin CETS


def test_table_in_french_uses_the_translation(registry):
    md = table_markdown(registry, "fr", edition_pages(FIXTURE / "docs", "fr", shown))
    assert md.startswith("# Table des textes juridiques")
    assert "[Chapitre](../chapter.md#law-dir-a-art-8-para-1-1)" not in md  # an unknown target is not listed
    assert "cité dans: [Chapitre](../chapter.md#law-dir-a-art-6-para-1-1)" in md


def test_legislation_json(registry):
    from trp_handbook.legislation.check import language_folders, scan_language

    citations = {code: scan_language(folder, code, shown) for code, folder in language_folders(FIXTURE / "docs").items()}
    data = legislation_json(registry, citations)
    assert data["as_at"] == "2026-11-28"
    assert [i["id"] for i in data["instruments"]] == ["dir-a", "dir-b", "law-old", "law-new", "law-gone", "treaty-x"]
    dir_a = data["instruments"][0]
    assert dir_a["group"] == "eu" and dir_a["short_titles"]["hr"] == "Direktiva 2004/81/EZ"
    assert dir_a["provisions"][0] == {
        "target": "dir-a/art-6",
        "label": "Art. 6",
        "heading": "Reflection period",
        "heading_as_amended": None,
        "content": None,
        "verified": True,
        "verification": "translation",
        "source": "DE text",
    }
    law_old = data["instruments"][2]
    assert law_old["status"] == {"value": "replaced", "since": None, "replaced_by": "law-new", "amended_by": [],
                                 "verified": True, "verification": "secondary", "source": "law-firm bulletin",
                                 "note": None}
    first = data["citations"]["en"]["chapter.md"][0]
    assert first == {"target": "dir-a/art-6/para-1", "line": 6, "anchor": "law-dir-a-art-6-para-1-1",
                     "text": "the reflection period", "verified": True, "historical": False}
    generated = data["citations"]["en"]["chapter.md"][1]
    assert generated["text"] == "Art. 8(3) Directive 2004/81/EC"
    unknown = [c for c in data["citations"]["en"]["chapter.md"] if c["target"] == "dir-z/art-6"]
    assert unknown[0]["verified"] is None
    json.dumps(data)  # serialisable


MARKED = """\
meta:
  as_at: 2026-11-28
  version: test
instruments:
  - id: law-a
    type: national_law
    jurisdiction: HR
    title: Aliens Act (2007)
    original_title: Zakon o strancima
    short_titles:
      en: {title: Aliens Act 2007 (Croatia)}
    date: 2007-07-13
    identifiers:
      official_gazette: {value: "NN 79/07", verified: false, verification: none, note: from memory}
      law_number: "79"
    status: {value: replaced, replaced_by: law-b, verified: false, verification: none}
    verified: true
    verification: en
    source: provisional English translation
  - id: law-b
    type: national_law
    jurisdiction: HR
    title: Aliens Act (2020)
    short_titles:
      en: {title: Aliens Act 2020 (Croatia)}
    date: 2020-12-02
    identifiers:
      official_gazette: "NN 133/20"
    verified: false
"""


def test_table_marks_every_unverified_value_and_only_those(tmp_path):
    path = tmp_path / "legislation.yml"
    path.write_text(MARKED, encoding="utf-8")
    md = table_markdown(load_registry(path), "en", [])
    old, new = md.split("#### Aliens Act 2020")
    # verified instrument: title, original title, date and law number plain; the gazette number from memory marked
    assert "Aliens Act (2007) · Zakon o strancima · 2007-07-13 · NN 79/07" + MARK_EN + " · No. 79\n" in old
    # an unverified status is marked like any other value
    assert "Replaced by: [Aliens Act 2020 (Croatia)](#law-b)" + MARK_EN in old
    # an unverified instrument: everything printed from it is marked, its identifiers included (inherited)
    assert "Aliens Act (2020)" + MARK_EN + " · 2020-12-02" + MARK_EN + " · NN 133/20" + MARK_EN + "\n" in new
    # the heading stays plain: it is what the table of contents shows
    assert "#### Aliens Act 2007 (Croatia) { #law-a }" in old and "(Croatia) { #law-b }" in new
    assert "? marks a provision or a detail (a title, date, identifier or status) not yet verified" in md


def test_table_marks_in_the_editions_language(tmp_path):
    path = tmp_path / "legislation.yml"
    path.write_text(MARKED, encoding="utf-8")
    registry = load_registry(path)
    assert '<span class="law-ref__label">непроверено</span>' in table_markdown(registry, "sr", [])
    assert '<span class="law-ref__label">neprovereno</span>' in table_markdown(registry, "sr-Latn", [])


def test_legislation_json_gives_the_verification_of_every_value(tmp_path):
    path = tmp_path / "legislation.yml"
    path.write_text(MARKED, encoding="utf-8")
    data = legislation_json(load_registry(path), {})
    law_a, law_b = data["instruments"]
    assert law_a["identifiers"]["official_gazette"] == {
        "value": "NN 79/07", "verified": False, "verification": "none", "source": None, "note": "from memory"}
    assert law_a["identifiers"]["law_number"]["verified"] is True  # shares the instrument's verification
    assert law_a["identifiers"]["law_number"]["source"] == "provisional English translation"
    assert law_b["identifiers"]["official_gazette"]["verified"] is False  # the instrument's, inherited
    assert law_a["status"]["verified"] is False
    real = legislation_json(load_registry(REPO_ROOT / "data" / "legislation.yml"), {})
    by_id = {i["id"]: i for i in real["instruments"]}
    croatia = by_id["hr-aliens-act-2020"]["facts"]
    reflection = [f for f in croatia if "60 days" in f["text"]]
    assert reflection and reflection[0]["verified"] is False  # one weak secondary source: not a fact
    serbia = [r for r in by_id["coe-cets-197"]["ratifications"] if r["state"] == "Serbia"][0]
    assert serbia["act"]["value"].endswith("19/2009") and serbia["act"]["verification"] == "secondary"


# --------------------------------------------------------------------------- a real build through the hook

SITE_CONFIG = """\
site_name: Legislation fixture
site_url: https://example.org/
theme:
  name: material
  font: false
hooks:
  - {hook}
nav:
  - index.md
  - chapter.md
  - annexes/legislation.md
markdown_extensions: [admonition, attr_list, footnotes, toc]
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      languages:
        - {{locale: en, default: true, name: English}}
        - {{locale: fr, name: Français}}
"""


def build_site(tmp_path: Path, chapter_en: str, chapter_fr: str) -> subprocess.CompletedProcess:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "fr").mkdir()
    (docs / "en" / "index.md").write_text("# Home\n\nThe [Convention](law:coe-cets-197).\n", encoding="utf-8")
    (docs / "en" / "chapter.md").write_text(chapter_en, encoding="utf-8")
    (docs / "fr" / "chapter.md").write_text(chapter_fr, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(SITE_CONFIG.format(hook=REPO_ROOT / "hooks" / "legislation.py"),
                                         encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)


CHAPTER_EN = """\
# Chapter

The [reflection period](law:eu-dir-2004-81/art-6/para-1) and [](law:eu-dir-2004-81/art-13).

!!! historical "Before 2018"
    The [2008 law](law:rs-law-foreigners-2008/art-28/para-5) applied.
"""
CHAPTER_FR = """\
# Chapitre

Le [délai de réflexion](law:eu-dir-2004-81/art-6/para-1) et [](law:eu-dir-2004-81/art-13).

!!! historical "Avant 2018"
    La [loi de 2008](law:rs-law-foreigners-2008/art-28/para-5).
"""


@pytest.mark.build
def test_real_build_renders_citations_and_the_table_in_every_language(tmp_path):
    result = build_site(tmp_path, CHAPTER_EN, CHAPTER_FR)
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    fr = (site / "fr" / "chapter" / "index.html").read_text(encoding="utf-8")
    assert "art. 13 de la directive 2004/81/CE</a>" in fr
    assert '<span class="law-ref__label">disposition non vérifiée</span>' in fr
    assert 'class="law-ref law-ref--repealed"' in fr
    table_en = (site / "annexes" / "legislation" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="table-of-legislation">Table of legislation</h1>' in table_en
    assert 'href="../../chapter/#law-eu-dir-2004-81-art-6-para-1-1"' in table_en
    table_fr = (site / "fr" / "annexes" / "legislation" / "index.html").read_text(encoding="utf-8")
    assert "Table des textes juridiques" in table_fr
    assert 'href="../../chapter/#law-eu-dir-2004-81-art-13-1">Chapitre</a>' in table_fr
    assert 'href="../../#law-coe-cets-197-1">Home</a>' in table_fr  # untranslated page, shown in English
    data = json.loads((site / "legislation.json").read_text(encoding="utf-8"))
    assert set(data["citations"]) == {"en", "fr"}
    # The real registry's unverified identifiers are marked in the table of every edition ...
    assert "NN 79/07" + MARK_EN in table_en
    assert "NN 79/07" + MARK_EN + "<sup" not in table_en  # the table's own mark, not a second one
    assert "NN 79/07" + MARK_EN.replace("not verified", "non vérifié") in table_fr
    # ... and in legislation.json, with their verification.
    hr_2007 = [i for i in data["instruments"] if i["id"] == "hr-aliens-act-2007"][0]
    assert hr_2007["identifiers"]["official_gazette"]["verified"] is False


@pytest.mark.build
def test_real_build_fails_strict_on_a_broken_citation(tmp_path):
    broken = CHAPTER_EN + "\nSee [Article 99](law:eu-dir-2004-81/art-99).\n"
    result = build_site(tmp_path, broken, CHAPTER_FR)
    assert result.returncode != 0
    assert (
        "docs/en/chapter.md:8: unknown-provision: law:eu-dir-2004-81/art-99: eu-dir-2004-81 has no provision "
        "'art-99' in the registry; did you mean law:eu-dir-2004-81/art-9?"
    ) in result.stderr
