"""Shared fixtures: the real built site, a tiny fixture site, a local server, a real browser.

What tests import (paths, helpers) is in ``helpers.py``; this file holds only fixtures.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import FIXTURE_NAV, FIXTURES, SITE, build_with_real_config, serve, unique_words
from trp_handbook.browser.chromium import CHROMIUM, CHROMIUM_ARGS


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


@pytest.fixture(scope="session")
def search_words(real_site):
    """For each language, a word of exactly one of its pages (see helpers.unique_words)."""
    return unique_words(real_site)
