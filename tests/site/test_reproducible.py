"""Two builds of one commit are byte-identical, and the edition lists every file in SHA256SUMS.

The fixture handbook is built twice through ``handbook build``'s own function
(trp_handbook.site.build), in two different folders, with different hash seeds,
time zones and locales, the second over an older site. Every file is compared
through the SHA256SUMS each build writes as its last step: HTML, search indexes,
sitemaps, the offline ZIP and, when the PDF step is on, every ``**/*.pdf``.
Dates come from the commit (trp_handbook.core.reproducible), never from the clock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import FIXTURE_NAV, FIXTURES, require
from trp_handbook.site import checksums

BUILD = """
import sys
from pathlib import Path
from trp_handbook.site.build import build_site
root = Path(sys.argv[1])
sys.exit(build_site(root=root, site=root / "site", config_file=root / "mkdocs.yml"))
"""


def _build(root: Path, env: dict[str, str]) -> Path:
    """Build the fixture handbook in project folder ``root`` (as `handbook build` does); returns its site/.

    The PDF step's cache is off, so that each build renders its own books.
    """
    from trp_handbook.engine.config import derived_config

    shutil.copytree(FIXTURES / "site" / "docs", root / "docs")
    (root / "mkdocs.yml").write_text(derived_config(root / "docs", root / "site", FIXTURE_NAV), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", BUILD, str(root)], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF_CACHE": "off", **env})
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return root / "site"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    first = _build(tmp_path_factory.mktemp("first"), {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"})
    second_root = tmp_path_factory.mktemp("second-build-elsewhere")
    (second_root / "site").mkdir()
    (second_root / "site" / "stale.html").write_text("from an older edition\n", encoding="utf-8")
    second = _build(second_root, {"PYTHONHASHSEED": "2", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"})
    return first, second


def _listed(site: Path) -> dict[str, str]:
    lines = (site / checksums.FILENAME).read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


@pytest.mark.build
def test_two_builds_of_one_commit_are_byte_identical(two_builds):
    first, second = two_builds
    a, b = _listed(first), _listed(second)
    differing = sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))
    assert differing == [], f"these files differ between two builds of one commit: {differing}"
    assert (first / checksums.FILENAME).read_bytes() == (second / checksums.FILENAME).read_bytes()
    for kind in ("index.html", "sr/guide/index.html", "search/search_index.json", "sr/search/search_index.json",
                 "sitemap.xml", "sitemap.xml.gz", "downloads/trp-handbook-offline.zip", "legislation.json"):
        assert kind in a, f"{kind} is not in the edition"
    pdfs = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.pdf"))
    assert all(pdf in a for pdf in pdfs)  # whatever PDFs the build makes are compared too


@pytest.mark.build
def test_sha256sums_lists_every_file_and_verifies(two_builds):
    first, _ = two_builds
    assert sorted(_listed(first)) == checksums.site_files(first)
    result = subprocess.run([require("sha256sum"), "--check", "--strict", "--quiet", checksums.FILENAME], cwd=first,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.build
def test_the_successful_build_replaced_the_old_site_and_left_no_temporary_folder(two_builds):
    _, second = two_builds
    assert not (second / "stale.html").exists()
    assert sorted(p.name for p in second.parent.iterdir()) == ["docs", "mkdocs.yml", "site"]


@pytest.mark.build
def test_dates_come_from_the_commit_not_the_clock(two_builds):
    from trp_handbook.core.reproducible import zip_timestamp

    first, _ = two_builds
    commit = zip_timestamp()
    with zipfile.ZipFile(first / "downloads" / "trp-handbook-offline.zip") as archive:
        # a ZIP stores seconds in steps of two
        assert {info.date_time for info in archive.infolist()} == {commit[:5] + (commit[5] // 2 * 2,)}


# --------------------------------------------------------------------------- checksums, unit by unit


def test_sums_are_sorted_by_path_and_in_coreutils_format(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_bytes(b"z")
    (tmp_path / "B.txt").write_bytes(b"")
    (tmp_path / "a.txt").write_bytes(b"a")
    (tmp_path / "odd\\name.txt").write_bytes(b"")
    checksums.write_sums(tmp_path)
    lines = (tmp_path / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert lines == [
        f"{empty}  B.txt",
        "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt",
        "594e519ae499312b29433b7dd8a97ff068defcba9755b6d5d00e84c524d67b06  b/z.txt",
        f"\\{empty}  odd\\\\name.txt",
    ]
    assert subprocess.run([require("sha256sum"), "--check", "--strict", "--quiet", "SHA256SUMS"], cwd=tmp_path).returncode == 0
