"""Every page of the built site is valid HTML (the Nu Html Checker, npm vnu-jar)."""

import shutil
import subprocess

import pytest

from helpers import VNU

pytestmark = pytest.mark.site


def test_nu_html_checker_reports_no_error(real_site):
    if shutil.which("java") is None:
        pytest.fail("java not found: install default-jre-headless (make test-deps does it as root)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "gnu", str(real_site)],
        capture_output=True,
        text=True,
    )
    errors = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if line.strip()]
    assert result.returncode == 0 and errors == [], "\n".join(errors[:30])
