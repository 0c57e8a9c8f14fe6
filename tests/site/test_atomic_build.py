"""A failed or interrupted build never touches the published site (trp_handbook.site.build).

``handbook build`` builds into ``site.tmp-<pid>/`` and swaps it in only when the
whole build succeeded. These tests keep an "old" site, then break a build late
(after pages were written) and kill builds mid-way, the ways a person or a
service manager would: Ctrl-C (SIGINT to the process group) and SIGTERM, to the
group or to the build command alone. Each time the old site must be
byte-identical, no temporary folder may be left, and no build process may
outlive the command (an orphan would go on writing). The successful swap is
proved by test_reproducible.py, whose builds go through the same function.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import FIXTURE_NAV, FIXTURES, processes_using, tree_digest

pytestmark = pytest.mark.build  # every test builds the fixture handbook

BUILD = """
import signal
import sys
from pathlib import Path
from trp_handbook.site.build import build_site
# as in a terminal: a job started in the background by a non-interactive shell ignores SIGINT
signal.signal(signal.SIGINT, signal.default_int_handler)
root = Path(sys.argv[1])
sys.exit(build_site(root=root, site=root / "site", config_file=root / "mkdocs.yml", extra_env={"HANDBOOK_PDF": "off"}))
"""


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder: the fixture handbook, the real configuration, and a previously published site/."""
    from trp_handbook.engine.config import derived_config

    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "site" / "docs", root / "docs")
    (root / "mkdocs.yml").write_text(derived_config(root / "docs", root / "site", FIXTURE_NAV), encoding="utf-8")
    old = root / "site"
    (old / "guide").mkdir(parents=True)
    (old / "index.html").write_text("<!doctype html><title>the edition of last week</title>\n", encoding="utf-8")
    (old / "guide" / "index.html").write_text("<p>published</p>\n", encoding="utf-8")
    (old / "downloads").mkdir()
    (old / "downloads" / "trp-handbook-offline.zip").write_bytes(bytes(range(256)) * 64)
    return root


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))


def test_a_build_that_fails_late_leaves_the_old_site_untouched(project, capfd):
    from trp_handbook.site.build import build_site

    # A law: target the registry does not know: every page is written, then --strict fails at the end.
    (project / "docs" / "en" / "untranslated.md").write_text(
        "# Only in English { #only-english }\n\nSee [Article 6](law:no-such-instrument/art-6).\n", encoding="utf-8"
    )
    before = tree_digest(project / "site")
    code = build_site(root=project, site=project / "site", config_file=project / "mkdocs.yml",
                      extra_env={"HANDBOOK_PDF": "off", "HANDBOOK_LANGUAGES": "en,sr"})
    assert code == 1  # a content problem (trp_handbook.cli.main.EXIT_PROBLEMS)
    output = "".join(capfd.readouterr())
    assert "unknown-instrument: law:no-such-instrument/art-6" in output
    assert "in strict mode!" in output  # the engine's verdict after the whole build, not an early refusal
    assert tree_digest(project / "site") == before
    assert _leftovers(project) == []


@pytest.mark.parametrize(
    "sig, target",
    [
        (signal.SIGINT, "group"),  # Ctrl-C in a terminal
        (signal.SIGINT, "command"),
        (signal.SIGTERM, "group"),  # a service manager stopping the job
        (signal.SIGTERM, "command"),  # kill <pid>
    ],
    ids=["SIGINT-group", "SIGINT-command", "SIGTERM-group", "SIGTERM-command"],
)
def test_an_interrupted_build_leaves_the_old_site_untouched(project, sig, target):
    before = tree_digest(project / "site")
    proc = subprocess.Popen([sys.executable, "-c", BUILD, str(project)], cwd=project, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    tmp_site = project / f"site.tmp-{proc.pid}"
    try:
        deadline = time.monotonic() + 120
        # mid-build: the engine has started writing pages into the temporary folder
        while not any(tmp_site.rglob("*.html")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the build ended before it could be interrupted"
        if target == "group":
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
        proc.wait(timeout=60)
        deadline = time.monotonic() + 20
        while processes_using(str(project)) and time.monotonic() < deadline:
            time.sleep(0.1)
        orphans = processes_using(str(project))
    finally:
        for pid in processes_using(str(project)):  # only processes this test started (they name its folder)
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
    assert orphans == [], "a build process outlived the interrupted command"
    assert proc.returncode != 0
    assert tree_digest(project / "site") == before
    assert _leftovers(project) == []
