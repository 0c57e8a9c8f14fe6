"""``handbook check-legislation`` on a tree with one deliberately broken reference per rule."""

from __future__ import annotations

import json
import shutil

import pytest

from trp_handbook.cli.main import main
from trp_handbook.core.project import REPO_ROOT

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "legislation"

EXPECTED = [
    # one per rule, in the docs ...
    "docs/en/chapter.md:11: unknown-instrument: law:dir-z/art-6: no instrument 'dir-z' in the registry; "
    "did you mean law:dir-a/art-6?",
    "docs/en/chapter.md:12: unknown-provision: law:dir-a/art-20: dir-a has no provision 'art-20' in the registry; "
    "did you mean law:dir-a/art-8?",
    "docs/en/chapter.md:13: malformed-target: law:law-new/art-40-1-12 is not a citation target; expected "
    "instrument-id[/art-N[/para-N[/point-x]]], e.g. law:eu-dir-2004-81/art-8/para-3; "
    "did you mean law:law-new/art-40/para-1/point-12?",
    "docs/en/chapter.md:14: repealed-citation: law:law-old/art-28/para-5: law-old is replaced by law-new; "
    'cite the law in force, or put the passage in a historical admonition (!!! historical "...")',
    # ... in the translation (the same broken targets are reported there too) ...
    "docs/fr/chapter.md:3: parity-missing: law:dir-a/art-13 is cited in docs/en/chapter.md:8 but not in this "
    "translation; expected the same citations as the English page",
    "docs/fr/chapter.md:4: parity-changed: law:dir-a/art-8/para-1 where docs/en/chapter.md:7 cites "
    "law:dir-a/art-8/para-3; expected the same target (translate the text, keep the target)",
    "docs/fr/chapter.md:4: unknown-provision: law:dir-a/art-8/para-1: dir-a has no provision 'art-8/para-1' in the "
    "registry; did you mean law:dir-a/art-8/para-3?",
    "docs/fr/chapter.md:5: parity-extra: law:law-new is not cited in docs/en/chapter.md; expected the same "
    "citations as the English page (remove it, or add it to the English page first)",
    "docs/fr/chapter.md:7: unknown-instrument: law:dir-z/art-6: no instrument 'dir-z' in the registry; "
    "did you mean law:dir-a/art-6?",
    "docs/fr/chapter.md:8: unknown-provision: law:dir-a/art-20: dir-a has no provision 'art-20' in the registry; "
    "did you mean law:dir-a/art-8?",
    "docs/fr/chapter.md:9: malformed-target: law:law-new/art-40-1-12 is not a citation target; expected "
    "instrument-id[/art-N[/para-N[/point-x]]], e.g. law:eu-dir-2004-81/art-8/para-3; "
    "did you mean law:law-new/art-40/para-1/point-12?",
    "docs/fr/chapter.md:10: repealed-citation: law:law-old/art-28/para-5: law-old is replaced by law-new; "
    'cite the law in force, or put the passage in a historical admonition (!!! historical "...")',
    # ... and in the registry.
    "registry.yml:47: identifier: dir-b.identifiers.celex: '3200L081' is not a CELEX number; "
    "expected e.g. 32004L0081 (sector, year, document type, number)",
    "registry.yml:77: identifier: law-new.identifiers.official_gazette: 'Sluzbeni glasnik 24-2018' is not a gazette "
    "reference; expected e.g. 'Sluzbeni glasnik RS 24/2018, 31/2019' or 'NN 130/11' "
    "(the gazette's name, then issue/year numbers)",
    "registry.yml:100: dangling-reference: law-gone.status.replaced_by: 'law-newer' is not an instrument in the "
    "registry; expected an instrument id (did you mean 'law-new'?)",
    "registry.yml:103: duplicate-id: instrument id 'law-new' is already used at line 70; expected unique ids",
    "registry.yml:111: never-cited: treaty-x is in the registry but no page cites it (warning)",
]

SUMMARY = {
    "instruments": 6,
    "instruments_verified": 3,
    "instruments_never_cited": 1,
    "provisions": 10,
    "provisions_verified": 9,
    "provisions_verified_share": "90%",
    "citations": 22,
    "citations_unverified": 5,
    "citations_verified_share": "77%",
}


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A copy of the fixture tree as the current directory, so paths print as docs/... and registry.yml."""
    shutil.copytree(FIXTURE, tmp_path / "tree")
    monkeypatch.chdir(tmp_path / "tree")
    return tmp_path / "tree"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check-legislation", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_rule_reports_file_line_rule_message(tree, capsys):
    code, out, _ = run(capsys, "--docs", "docs", "--registry", "registry.yml")
    lines = out.splitlines()
    assert lines[: len(EXPECTED)] == EXPECTED
    assert lines[len(EXPECTED):] == [f"{key}: {value}" for key, value in SUMMARY.items()]
    assert code == 1


def test_json_output(tree, capsys):
    code, out, _ = run(capsys, "--docs", "docs", "--registry", "registry.yml", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["errors"] == len(EXPECTED) - 1
    assert data["summary"] == SUMMARY
    assert data["problems"][0] == {
        "file": "docs/en/chapter.md",
        "line": 11,
        "rule": "unknown-instrument",
        "message": "law:dir-z/art-6: no instrument 'dir-z' in the registry; did you mean law:dir-a/art-6?",
        "severity": "error",
    }
    assert data["problems"][-1]["severity"] == "warning"
    assert sorted({p["rule"] for p in data["problems"]}) == [
        "dangling-reference", "duplicate-id", "identifier", "malformed-target", "never-cited", "parity-changed",
        "parity-extra", "parity-missing", "repealed-citation", "unknown-instrument", "unknown-provision",
    ]


def test_list_unverified(tree, capsys):
    _, out, _ = run(capsys, "--docs", "docs", "--registry", "registry.yml", "--list-unverified")
    assert (
        "docs/en/chapter.md:8: unverified-citation: law:dir-a/art-13 rests on an entry not verified against a "
        "source (verification: none) (warning)"
    ) in out.splitlines()


def test_clean_tree_exits_zero_with_warnings_only(tree, capsys):
    registry = tree / "registry.yml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("celex: 3200L081", "celex: 32004L0082").replace("24-2018", "24/2018")
    text = text.replace("replaced_by: law-newer", "replaced_by: law-new")
    text = text.replace("  - id: law-new\n    type: national_law\n    jurisdiction: RS\n    title: The same id",
                        "  - id: law-twin\n    type: national_law\n    jurisdiction: RS\n    title: The same id")
    registry.write_text(text, encoding="utf-8")
    shutil.rmtree(tree / "docs" / "fr")
    page = tree / "docs" / "en" / "chapter.md"
    kept = [line for line in page.read_text(encoding="utf-8").splitlines()
            if not any(bad in line for bad in ("dir-z", "art-20", "art-40-1-12", "outside a historical"))]
    page.write_text("\n".join(kept) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--docs", "docs", "--registry", "registry.yml")
    assert code == 0
    assert [line for line in out.splitlines() if "never-cited" in line] == [
        "registry.yml:103: never-cited: law-twin is in the registry but no page cites it (warning)",
        "registry.yml:111: never-cited: treaty-x is in the registry but no page cites it (warning)",
    ]


def test_invalid_registry_is_broken_input(tree, capsys):
    (tree / "registry.yml").write_text("meta: {as_at: 2026-11-28, version: x}\ninstruments: []\n", encoding="utf-8")
    code, out, err = run(capsys, "--docs", "docs", "--registry", "registry.yml")
    assert code == 2
    assert err.strip() == (
        "registry.yml:2: schema: instruments: List should have at least 1 item after validation, not 0"
    )


def test_missing_registry_is_broken_input(tree, capsys):
    code, _, err = run(capsys, "--docs", "docs", "--registry", "nowhere.yml")
    assert code == 2
    assert err.strip() == "nowhere.yml:1: missing-file: file not found"


def test_missing_docs_folder_is_broken_input(tree, capsys):
    with pytest.raises(SystemExit) as info:
        run(capsys, "--docs", "nowhere", "--registry", "registry.yml")
    assert info.value.code == 2
    assert "--docs nowhere: not a folder" in capsys.readouterr().err


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["check-legislation", "--help"])
    out = capsys.readouterr().out
    assert "exit codes:" in out and "0  no errors" in out and "2  the registry cannot be read" in out
