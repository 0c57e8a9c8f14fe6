"""Every bad input a contributor could send, and the exact line that explains it.

Each folder of ``tests/fixtures/bad-inputs/`` is one case: files laid over a copy
of the fixture handbook (``docs/...``, ``data/...``, ``mkdocs.yml``), a
``case.yml`` (how it is run, what it proves) and ``expected.txt`` (the exact
lines). Inputs git cannot hold everywhere (two names differing in case, a
symlink, a page of 600 KB) are made by the test (``make:``).

* ``via: check`` cases run ``handbook check-content`` and must print exactly the
  expected problems, exit 1, and no traceback; all of them together (those
  without data files of their own) go through one real ``mkdocs build --strict``
  with the project's configuration, which must print the same lines and fail.
* ``via: build`` cases are refused by the build itself (a broken registry, a
  malformed language list, an unknown language in HANDBOOK_LANGUAGES, a broken
  ``law:`` target); each runs its own build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURE_NAV, FIXTURES, ROOT, build_with_real_config
from trp_handbook.cli.main import main

CASES = FIXTURES / "bad-inputs"
BASE_DOCS = FIXTURES / "site" / "docs"
PROBLEM_LINE = re.compile(r"^\S+:\d+: [a-z-]+: ")
HUGE_PAGE_BYTES = 600_000


def _case(name: str) -> dict:
    return yaml.safe_load((CASES / name / "case.yml").read_text(encoding="utf-8")) or {}


def _expected(name: str) -> list[str]:
    return [line for line in (CASES / name / "expected.txt").read_text(encoding="utf-8").splitlines() if line]


ALL = sorted(p.name for p in CASES.iterdir() if (p / "case.yml").is_file())
CHECK_CASES = [name for name in ALL if _case(name).get("via") == "check"]
BUILD_CASES = [name for name in ALL if _case(name).get("via") == "build"]
#: check cases that can share one docs tree in one build (no data or configuration of their own)
COMBINED = [name for name in CHECK_CASES if not (CASES / name / "data").exists() and "config" not in _case(name)]


def _make_case_collision(docs: Path) -> None:
    (docs / "en" / "Case-Collision.md").write_text("# Upper { #upper }\n\nText.\n", encoding="utf-8")
    (docs / "en" / "case-collision.md").write_text("# Lower { #lower }\n\nText.\n", encoding="utf-8")


def _make_huge_page(docs: Path) -> None:
    head = "# Huge { #huge }\n\n"
    line = "A line of text that repeats until the page is far too large to publish.\n"
    body = (line * (HUGE_PAGE_BYTES // len(line) + 1))[: HUGE_PAGE_BYTES - len(head)]
    (docs / "en" / "huge-page.md").write_text(head + body, encoding="utf-8")
    assert (docs / "en" / "huge-page.md").stat().st_size == HUGE_PAGE_BYTES


def _make_symlink(docs: Path) -> None:
    secret = docs.parent / "outside-secret.md"
    secret.write_text("# Secret\n\nNot for publication.\n", encoding="utf-8")
    (docs / "en" / "symlink.md").symlink_to(secret)
    (docs / "en" / "linked-folder").symlink_to(docs.parent)


MAKERS = {"case-collision": _make_case_collision, "huge-page": _make_huge_page, "symlink": _make_symlink}


def _lay(name: str, tree: Path) -> None:
    """Lay case ``name``'s files (and made inputs) over ``tree``."""
    for path in sorted((CASES / name).rglob("*")):
        rel = path.relative_to(CASES / name)
        if path.is_file() and rel.as_posix() not in ("case.yml", "expected.txt"):
            (tree / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, tree / rel)
    make = _case(name).get("make")
    if make:
        MAKERS[make](tree / "docs")


def _tree(tmp: Path, names: list[str]) -> Path:
    tree = tmp / "tree"
    shutil.copytree(BASE_DOCS, tree / "docs")
    for name in names:
        _lay(name, tree)
    return tree


def _can_hold_case_collision(tmp: Path) -> bool:
    (tmp / "a").write_text("a")
    return not (tmp / "A").exists()


def test_there_are_at_least_25_distinct_bad_inputs():
    assert len(ALL) >= 25
    for name in ALL:
        assert _case(name).get("proves"), f"{name}/case.yml: say what the case proves"
        assert _expected(name), f"{name}/expected.txt is empty"


@pytest.mark.parametrize("name", CHECK_CASES)
def test_check_content_prints_exactly_the_expected_lines(name, tmp_path, monkeypatch, capsys):
    if name == "case-collision" and not _can_hold_case_collision(tmp_path):
        pytest.skip("this file system ignores letter case")
    tree = _tree(tmp_path, [name])
    monkeypatch.chdir(tree)
    args = ["check-content", "--docs", "docs"]
    if (tree / "data" / "contacts-allowlist.yml").exists():
        args += ["--allowlist", "data/contacts-allowlist.yml"]
    if _case(name).get("config"):
        args += ["--config", _case(name)["config"]]
    code = main(args)
    out, err = capsys.readouterr()
    assert [line for line in out.splitlines() if PROBLEM_LINE.match(line)] == _expected(name)
    assert code == 1
    assert "Traceback" not in out + err


def _messages(output: str) -> list[str]:
    """The build's log lines without level and logger: ``file:line: rule: message`` as printed."""
    messages = []
    for line in output.splitlines():
        line = re.sub(r"^(?:DEBUG|INFO|WARNING|ERROR)\s+-\s+", "", line)
        messages.append(re.sub(r"^\S*hooks/[a-z_]+: ", "", line))
    return messages


@pytest.mark.build
def test_one_strict_build_refuses_every_case_with_the_same_lines(tmp_path):
    names = [n for n in COMBINED if n != "case-collision" or _can_hold_case_collision(tmp_path)]
    tree = _tree(tmp_path, names)
    result = build_with_real_config(tree / "docs", tree / "site", FIXTURE_NAV, tree)
    output = result.stdout + result.stderr
    expected = {line for name in names for line in _expected(name)}
    reported = {m for m in _messages(output) if PROBLEM_LINE.match(m)}
    assert reported == expected
    assert result.returncode != 0
    assert f"content policy: {len(expected)} problem(s), listed above" in output
    assert "Traceback" not in output
    assert not (tree / "site" / "index.html").exists()  # refused before anything was written


@pytest.mark.build
def test_a_nav_entry_for_a_missing_page_stops_the_build_at_its_line(tmp_path):
    tree = _tree(tmp_path, [])
    nav = FIXTURE_NAV + [{"Annexes": ["missing.md", "annexes/glossary.md", "annexes/legislation.md"]}]
    result = build_with_real_config(tree / "docs", tree / "site", nav, tree)
    output = result.stdout + result.stderr
    config_lines = (tree / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(config_lines, 1) if text.strip() == "- missing.md")
    # the generated pages (glossary, table of legislation) have no file and are no problem
    warnings = _messages("\n".join(line for line in output.splitlines() if line.startswith("WARNING")))
    assert [m for m in warnings if PROBLEM_LINE.match(m)] == [
        f"mkdocs.yml:{line}: nav-missing: nav entry 'missing.md': docs/en/missing.md does not exist; "
        "expected an existing page (or remove the entry)"
    ]
    assert result.returncode != 0
    assert "Traceback" not in output


@pytest.mark.build
@pytest.mark.parametrize("name", BUILD_CASES)
def test_the_build_stops_with_the_expected_lines(name, tmp_path):
    tree = _tree(tmp_path, [name])
    case = _case(name)
    env = {key: str(value) for key, value in (case.get("env") or {}).items()}
    if case.get("root"):
        # The package reads this case's data/ (TRP_HANDBOOK_ROOT): the project's files, with the case's over them.
        for path in sorted((ROOT / "data").rglob("*")):
            target = tree / "data" / path.relative_to(ROOT / "data")
            if path.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        env["TRP_HANDBOOK_ROOT"] = str(tree)
    result = build_with_real_config(tree / "docs", tree / "site", FIXTURE_NAV, tree, env)
    output = result.stdout + result.stderr
    messages = _messages(output)
    for line in _expected(name):
        assert line in messages, f"{line!r} not in the build's output:\n{output[-3000:]}"
    assert result.returncode != 0
    assert "Traceback" not in output


def test_legislation_case_is_also_reported_by_check_legislation(tmp_path, monkeypatch, capsys):
    tree = _tree(tmp_path, ["broken-law-target"])
    monkeypatch.chdir(tree)
    code = main(["check-legislation", "--docs", "docs", "--registry", "data/legislation.yml"])
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if PROBLEM_LINE.match(line) and "(warning)" not in line] \
        == _expected("broken-law-target")
    assert code == 1


def test_the_clean_fixture_handbook_has_no_problem(capsys, monkeypatch):
    monkeypatch.chdir(BASE_DOCS.parent)
    assert main(["check-content", "--docs", "docs"]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_the_real_handbook_has_no_problem(capsys):
    code = main(["check-content"])
    out = capsys.readouterr().out
    assert code == 0, out


def test_a_malformed_allowlist_is_broken_input(tmp_path, monkeypatch, capsys):
    tree = _tree(tmp_path, [])
    (tree / "allow.yml").write_text("contacts:\n  - organisation: ASTRA\n    emial: office@astra.example.rs\n",
                                    encoding="utf-8")
    monkeypatch.chdir(tree)
    code = main(["check-content", "--docs", "docs", "--allowlist", "allow.yml"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == [
        "allow.yml:3: schema: contacts[0].emial: Extra inputs are not permitted (found 'office@astra.example.rs')",
    ]


def test_json_output_lists_the_same_problems(tmp_path, monkeypatch, capsys):
    import json

    tree = _tree(tmp_path, ["script-tag"])
    monkeypatch.chdir(tree)
    assert main(["check-content", "--docs", "docs", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["errors"] == 1
    assert [f"{p['file']}:{p['line']}: {p['rule']}: {p['message']}" for p in payload["problems"]] \
        == _expected("script-tag")

