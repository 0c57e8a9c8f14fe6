"""Lighthouse 12 in Debian's Chromium: accessibility, best practices and SEO all 1.0.

Two of the pages ``handbook lighthouse`` measures (every language's home page
and assistance chapter; ENGINEERING.md, "Accessibility and search engines"): one home
page of a translation and the English assistance chapter, the page with the
comparison table. The full table takes a few minutes; this keeps the test short.
"""

import json
import subprocess
import sys

import pytest

from helpers import ROOT, require
from trp_handbook.browser.lighthouse import CATEGORIES, read_report


@pytest.mark.site
@pytest.mark.browser
def test_lighthouse_scores_are_perfect(real_site):
    require("node")
    result = subprocess.run(
        [sys.executable, "-m", "trp_handbook", "lighthouse", "--site-dir", str(real_site),
         "--languages", "fr", "--pages", "index.md", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    english = subprocess.run(
        [sys.executable, "-m", "trp_handbook", "lighthouse", "--site-dir", str(real_site),
         "--languages", "en", "--pages", "assistance.md", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    pages = []
    for run in (result, english):
        assert run.returncode in (0, 1), run.stderr[-2000:]
        pages += json.loads(run.stdout)["pages"]
    assert [(p["language"], p["page"]) for p in pages] == [("fr", "index.md"), ("en", "assistance.md")]
    for page in pages:
        assert page["scores"] == {c: 1 for c in CATEGORIES}, f"{page['url']}: {page['failed_audits']}"
    assert result.returncode == 0 and english.returncode == 0


def test_a_report_names_the_audits_that_lost_points():
    report = {
        "categories": {c: {"score": 1, "auditRefs": [{"id": f"{c}-a", "weight": 1}]} for c in CATEGORIES},
        "audits": {f"{c}-a": {"score": 1, "title": "fine"} for c in CATEGORIES},
    }
    report["categories"]["seo"]["score"] = 0.91
    report["categories"]["seo"]["auditRefs"].append({"id": "hreflang", "weight": 1})
    report["categories"]["seo"]["auditRefs"].append({"id": "manual", "weight": 0})
    report["audits"]["hreflang"] = {"score": 0, "title": "Document doesn't have a valid hreflang"}
    report["audits"]["manual"] = {"score": 0, "title": "not scored"}
    scores, failed = read_report(report)
    assert scores == {"accessibility": 1, "best-practices": 1, "seo": 0.91}
    assert failed == ["seo: hreflang: Document doesn't have a valid hreflang"]
