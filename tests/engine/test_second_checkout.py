"""A second checkout that shares this environment builds its own sources, not this one's.

The build takes the project from its configuration file's folder, the command
line from the working directory (trp_handbook.core.project); the package's own
location (this checkout, installed in editable mode) must not decide which
data a build reads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURE_NAV, FIXTURES, ROOT
from trp_handbook.engine.config import derived_config

TITLE = "Second Checkout Handbook"


def _checkout(tmp_path: Path) -> Path:
    """A copy of the project (configuration, hooks, templates, data) with the fixture's pages and its own title."""
    other = tmp_path / "other-checkout"
    for name in ("hooks", "overrides", "data"):
        shutil.copytree(ROOT / name, other / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(FIXTURES / "site" / "docs", other / "docs")
    shutil.copyfile(ROOT / "mkdocs.yml", other / "mkdocs.yml")
    (other / "mkdocs.yml").write_text(
        derived_config(other / "docs", other / "site", FIXTURE_NAV, config_file=other / "mkdocs.yml"), encoding="utf-8")
    texts = other / "data" / "texts" / "interface.yml"
    source = texts.read_text(encoding="utf-8")
    assert "    en: TRP Handbook\n" in source
    texts.write_text(source.replace("    en: TRP Handbook\n", f"    en: {TITLE}\n", 1), encoding="utf-8")
    return other


def _env() -> dict[str, str]:
    env = {**os.environ, "HANDBOOK_PDF": "off", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TRP_HANDBOOK_ROOT", None)
    return env


@pytest.mark.build
def test_the_command_line_builds_the_checkout_it_runs_in(tmp_path):
    other = _checkout(tmp_path)
    result = subprocess.run([sys.executable, "-m", "trp_handbook", "build", "--no-pdf", "--jobs", "1"],
                            cwd=other, env=_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f" - {TITLE}</title>" in (other / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_engine_builds_the_checkout_of_its_configuration(tmp_path):
    other = _checkout(tmp_path)
    result = subprocess.run([sys.executable, "-m", "trp_handbook.engine.process", "build", "--strict",
                             "-f", str(other / "mkdocs.yml")], cwd=ROOT, env=_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f" - {TITLE}</title>" in (other / "site" / "index.html").read_text(encoding="utf-8")
    assert not (ROOT / "site" / "index.html").exists() or TITLE not in (ROOT / "site" / "index.html").read_text(
        encoding="utf-8")
