"""Lighthouse scores of the built site: accessibility, best practices, SEO.

Lighthouse 12 (npm ``lighthouse``, a test tool pinned in package-lock.json)
audits pages of ``site/`` served as the publishing host serves it
(trp_handbook.browser.static_host), in Debian's Chromium with the flags the browser
tests use (trp_handbook.browser.chromium). One run per page, one after another: runs
side by side on two cores would slow each other into timeouts. The handbook's
target is 1.0 in each of the three categories on every language's home page
and assistance chapter (ENGINEERING.md, "Accessibility and search engines").
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trp_handbook.browser.chromium import CHROMIUM, CHROMIUM_ARGS
from trp_handbook.browser.static_host import serving
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import load_languages
from trp_handbook.core.project import root as project_root
from trp_handbook.translation.pages import page_url

#: The categories measured, as Lighthouse names them.
CATEGORIES = ("accessibility", "best-practices", "seo")
#: The pages measured by default, as source paths: every language's home and the assistance chapter.
DEFAULT_PAGES = ("index.md", "assistance.md")
#: The Lighthouse command installed by ``npm ci`` (``make test-deps``).
LIGHTHOUSE = project_root() / "node_modules" / ".bin" / "lighthouse"


@dataclass
class PageScores:
    """One page's scores (0 to 1; None when Lighthouse could not score it) and its failing audits."""

    language: str
    page: str
    url: str
    scores: dict[str, float | None] = field(default_factory=dict)
    failed_audits: list[str] = field(default_factory=list)

    def perfect(self) -> bool:
        return all(self.scores.get(c) == 1 for c in CATEGORIES)

    def as_dict(self) -> dict[str, Any]:
        return {"language": self.language, "page": self.page, "url": self.url,
                "scores": self.scores, "failed_audits": self.failed_audits}


def read_report(report: dict[str, Any]) -> tuple[dict[str, float | None], list[str]]:
    """The category scores of a Lighthouse JSON report, and the audits that lost points in them."""
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    failed = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{category}: {ref['id']}: {audit.get('title', '')}")
    return scores, failed


def run_lighthouse(url: str, lighthouse: Path = LIGHTHOUSE) -> dict[str, Any]:
    """The JSON report of one Lighthouse run on ``url``."""
    if not lighthouse.exists():
        raise HandbookError(f"{lighthouse}: not found; expected the npm test tools (`npm ci`, or `make test-deps`)")
    if not Path(CHROMIUM).exists():
        raise HandbookError(f"{CHROMIUM}: not found; expected Debian's chromium (`make test-deps` installs it as root)")
    command = [
        str(lighthouse), url,
        "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        "--max-wait-for-load=60000",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode != 0:
        raise HandbookError(f"lighthouse {url}: exit {result.returncode}: {result.stderr.strip()[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise HandbookError(f"lighthouse {url}: {report['runtimeError'].get('message')}")
    return report


def measure(site: Path, languages: list[str] | None = None, pages: tuple[str, ...] = DEFAULT_PAGES,
            log=lambda _: None) -> list[PageScores]:
    """Scores of ``pages`` (source paths) in each of ``languages`` (default: all) of the built ``site``."""
    if not (site / "index.html").is_file():
        raise HandbookError(f"{site}: no index.html; expected a built site (run `make`)")
    all_languages = load_languages()
    default = next(lang.code for lang in all_languages if lang.default)
    codes = [lang.code for lang in all_languages]
    unknown = [code for code in languages or [] if code not in codes]
    if unknown:
        raise HandbookError(f"--languages: unknown {', '.join(unknown)}; expected some of: {', '.join(codes)}")
    results = []
    with serving(site) as base:
        for code in languages or codes:
            for page in pages:
                url = f"{base}/{page_url(page, code, default)}"
                log(f"lighthouse: {code} {page} ...")
                scores, failed = read_report(run_lighthouse(url))
                results.append(PageScores(code, page, url[len(base):], scores, failed))
    return results


def table(results: list[PageScores]) -> str:
    """The scores as a Markdown table (the form ENGINEERING.md shows)."""
    lines = ["| language | page | " + " | ".join(CATEGORIES) + " |", "|---|---|" + "---|" * len(CATEGORIES)]
    for r in results:
        cells = ["n/a" if r.scores.get(c) is None else f"{r.scores[c]:.2f}" for c in CATEGORIES]
        lines.append(f"| {r.language} | {r.page} ({r.url}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)
