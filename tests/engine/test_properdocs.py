"""The handbook builds with ProperDocs (MkDocs' maintained fork) as it does with MkDocs: the same pages.

``make ENGINE=properdocs`` builds with ProperDocs in its own environment
(``.venv-properdocs/``: requirements.lock without mkdocs, plus
requirements-properdocs.lock), from the same configuration. This test builds
the fixture handbook with both engines and compares every file. The
environment is made (``make ENGINE=properdocs properdocs-env``) when missing;
when that cannot be done the test fails, saying why.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURE_NAV, FIXTURES, ROOT
from trp_handbook.engine.config import derived_config

PROPERDOCS_PYTHON = ROOT / ".venv-properdocs" / "bin" / "python"


def _properdocs_python() -> Path:
    if not (ROOT / ".venv-properdocs" / ".installed").exists():
        made = subprocess.run(["make", "--no-print-directory", "ENGINE=properdocs", "properdocs-env"], cwd=ROOT,
                              capture_output=True, text=True)
        if made.returncode != 0:
            pytest.fail("cannot make .venv-properdocs (make ENGINE=properdocs properdocs-env): "
                        + (made.stderr or made.stdout)[-2000:])
    return PROPERDOCS_PYTHON


def _build(python: Path | str, config: Path, tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOOK_PDF": "off", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TRP_HANDBOOK_ROOT", None)
    return subprocess.run([str(python), "-m", "trp_handbook.engine.process", "build", "--strict", "-f", str(config)],
                          capture_output=True, text=True, env=env, cwd=tmp)


def _differences(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b)
    found = [f"only in {a.name}: {n}" for n in cmp.left_only] + [f"only in {b.name}: {n}" for n in cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    found += [f"differs: {n}" for n in mismatch + errors]
    for name in cmp.common_dirs:
        found += [f"{name}/{line}" for line in _differences(a / name, b / name)]
    return found


@pytest.mark.build
def test_properdocs_builds_the_same_fixture_site_as_mkdocs(tmp_path):
    properdocs = _properdocs_python()
    sites = {}
    for engine, python in (("mkdocs", sys.executable), ("properdocs", properdocs)):
        sites[engine] = tmp_path / f"site-{engine}"
        config = tmp_path / f"mkdocs-{engine}.yml"
        config.write_text(derived_config(FIXTURES / "site" / "docs", sites[engine], FIXTURE_NAV), encoding="utf-8")
        result = _build(python, config, tmp_path)
        assert result.returncode == 0, f"{engine}: {result.stderr[-3000:]}"
        if engine == "properdocs":  # it really was ProperDocs that built
            assert "properdocs" in subprocess.run(
                [str(python), "-c", "from trp_handbook.engine.process import engine_cli; print(engine_cli().callback.__module__)"],
                capture_output=True, text=True).stdout
    assert (sites["properdocs"] / "fr" / "index.html").is_file()
    filecmp.clear_cache()
    assert _differences(sites["mkdocs"], sites["properdocs"]) == []
