"""The CI workflows for the public Git host: valid, pinned, calling our own make targets."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
MAKE_TARGETS = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M))


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True; the workflow syntax means the string
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_the_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["bench.yml", "publish.yml", "release.yml", "test.yml"]


def test_workflows_validate_against_the_github_workflow_schema():
    tool = shutil.which("check-jsonschema") or str(ROOT / ".venv/bin/check-jsonschema")
    result = subprocess.run(
        [tool, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_only_make_targets_run(path):
    data = load(path)
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.search(r"@v\d+\.\d+\.\d+$", step["uses"]), f"{path.name}: {step['uses']} not pinned to a version"
            for command in re.findall(r"\bmake\s+([a-z][a-z-]*)", step.get("run", "")):
                assert command in MAKE_TARGETS, f"{path.name}: make {command} is not a Makefile target"
    text = path.read_text(encoding="utf-8")
    secrets = set(re.findall(r"secrets\.([A-Za-z_]+)", text))
    assert secrets <= {"GITHUB_TOKEN"}, f"{path.name} needs secrets {secrets}"


def test_triggers_and_permissions():
    test, publish, release = (load(ROOT / ".github" / "workflows" / n) for n in ("test.yml", "publish.yml", "release.yml"))
    assert "pull_request" in test["on"] and "make test" in str(test["jobs"])
    assert "make ENGINE=properdocs" in str(test["jobs"]["properdocs"]["steps"])  # the maintained engine builds it
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    languages = publish["jobs"]["pdf"]["strategy"]["matrix"]["language"]
    from trp_handbook.core.languages import codes

    assert sorted(languages) == sorted(c for c in codes() if c != "en")  # one PDF job per language
    assert publish["jobs"]["site"]["needs"] == "pdf"
    assert release["on"]["push"]["tags"] == ["edition-*"]
    assert release["permissions"] == {"contents": "write"}
    assert "make bundle" in str(release["jobs"]["bundle"]["steps"])
    bench = load(ROOT / ".github" / "workflows" / "bench.yml")
    assert set(bench["on"]) == {"workflow_dispatch", "schedule"} and "pull_request" not in bench["on"]
    assert "make bench" in str(bench["jobs"]["bench"]["steps"])
