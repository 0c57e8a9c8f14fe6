"""Shared fixtures: the real built site, a tiny fixture site, a local server, a real browser."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Debian's Chromium and the flags without which it tries to reach Google's hosts
# (one list for the tests and the Lighthouse measurement)
from trp_handbook.browser.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SITE = ROOT / "site"

FIXTURE_NAV = ["index.md", "guide/index.md", "untranslated.md"]


def build_with_real_config(docs: Path, out: Path, nav: list | None, tmp: Path, env: dict | None = None):
    """Build ``docs`` with the project's real mkdocs.yml (theme, plugins, hooks); returns the process."""
    from trp_handbook.engine.config import derived_config

    config = tmp / "mkdocs.yml"
    config.write_text(derived_config(docs, out, nav), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "off", **(env or {})},
        cwd=tmp,
    )


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The tiny fixture handbook (tests/fixtures/site) built with the real configuration."""
    tmp = tmp_path_factory.mktemp("fixture-site")
    out = tmp / "site"
    result = build_with_real_config(FIXTURES / "site" / "docs", out, FIXTURE_NAV, tmp)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def real_site(request) -> Path:
    """The handbook built by `make` (make test builds it first).

    HANDBOOK_TEST_SITE=fixture runs the same tests on the fixture handbook
    instead (quicker while working on the site's machinery).
    """
    if os.environ.get("HANDBOOK_TEST_SITE") == "fixture":
        return request.getfixturevalue("fixture_site")
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make` (or `make test`, which builds it first)")
    return SITE


def serve(directory: Path):
    """Serve a built site as the publishing host does (root 404.html, status 404, for any missing path)."""
    from trp_handbook.browser.static_host import start

    return start(directory)


@pytest.fixture(scope="session")
def site_url(real_site):
    server, url = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_url(fixture_site):
    server, url = serve(fixture_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (make test-deps does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class RecordedPage:
    """A browser page that records every request, failed request, console error and CSP violation.

    A request fails when the network refuses it or the server answers 400 or
    more. A page the server answers with 404 on purpose (a missing path) is
    not a failure of its own: :meth:`expect_not_found` names it.
    """

    def __init__(self, context, allowed_origin: str):
        self.page = context.new_page()
        self.requests: list[str] = []
        self.violations: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.not_found: set[str] = set()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", self._response)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.allowed_origin = allowed_origin

    def _response(self, response) -> None:
        if response.status >= 400 and response.url not in self.not_found:
            self.failed.append(f"{response.url} ({response.status})")

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if url in self.not_found and "status of 404" in message.text:
            return  # Chromium reports the missing page's own 404, which the host sends on purpose
        self.errors.append(f"{message.text} [{url}]")

    def expect_not_found(self, url: str) -> None:
        """``url`` is a missing path: its answer 404 is the expected one."""
        self.not_found.add(url)

    def foreign_requests(self) -> list[str]:
        return [
            u
            for u in self.requests
            if not (u.startswith(self.allowed_origin) or u.startswith(("data:", "blob:", "file:", "about:")))
        ]


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(origin: str, **kwargs) -> RecordedPage:
        context = browser.new_context(**kwargs)
        contexts.append(context)
        return RecordedPage(context, origin)

    yield make
    for c in contexts:
        c.close()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


#: Debian package of each program the tests run (``make test`` installs them).
PACKAGES = {"java": "default-jre-headless", "qpdf": "qpdf", "pdffonts": "poppler-utils", "pdftoppm": "poppler-utils",
            "pdftotext": "poppler-utils", "chromium": "chromium", "node": "nodejs", "git": "git"}


def require(tool: str) -> str:
    """The path of ``tool``; a test without it fails (never skips), saying what to install."""
    path = shutil.which(tool)
    if path is None:
        package = PACKAGES.get(tool, tool)
        pytest.fail(f"{tool} not found: install the Debian package {package} (`make test` installs it when run as root)")
    return path


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` with its content's hash (folders: "dir")."""
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        result[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def processes_using(marker: str) -> list[int]:
    """Ids of running processes whose command line or environment names ``marker`` (a test's own folder).

    The environment finds the processes that do not name the folder in their
    arguments, such as a PDF worker started by an engine.
    """
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        for part in ("cmdline", "environ"):
            try:
                if marker.encode() in (entry / part).read_bytes():
                    pids.append(int(entry.name))
                    break
            except OSError:  # ended meanwhile, or another user's environment
                continue
    return pids
