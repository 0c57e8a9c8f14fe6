"""Every page of the built site, and every language's 404 answer, in a real browser.

The site is served as the publishing host serves it (trp_handbook.browser.static_host:
the root 404.html with status 404 for any missing path). Each page is opened in
Chromium and must make no request to another origin, no request that fails (a
network error or a status of 400 or more, the missing page's own 404 aside) and
log no console error; axe-core (WCAG 2.2 A/AA rules and its best practices)
must find no violation of any impact on it. Pages are visited by a few browser pages at a time (the async
API in a thread of its own, beside the session's synchronous browser).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import AXE, CHROMIUM, CHROMIUM_ARGS
from trp_handbook.core.languages import load_languages

pytestmark = [pytest.mark.site, pytest.mark.browser]

#: WCAG 2.2 A/AA rules and axe's best practices (among them empty-table-header, which is no WCAG rule)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: browser pages open at once (two cores: a page mostly waits for the network to go quiet)
PARALLEL = 4
#: folders of the site that hold no pages
NOT_PAGES = ("assets", "search", "pdf", "downloads")
MISSING = "no-such-page/at/any/depth/"


def page_paths(site: Path) -> list[str]:
    """Every page of the site as a URL path (``sr/see/albania/``), 404 pages aside."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.relative_to(site)
        if any(part in NOT_PAGES for part in rel.parts[:-1]) or rel.parts[0] in NOT_PAGES:
            continue
        folder = rel.parent.as_posix()
        paths.append("" if folder == "." else folder + "/")
    return paths


def missing_paths() -> list[str]:
    """A missing path under every language (the default language's at the root)."""
    return [("" if lang.default else f"{lang.code}/") + MISSING for lang in load_languages()]


@dataclass
class Visit:
    path: str
    status: int | None = None
    lang: str | None = None
    requests: int = 0
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


async def _settle(in_flight: set, quiet: float = 0.5, limit: float = 30.0) -> None:
    """Wait until no request of the page has been in flight for ``quiet`` seconds.

    After the load event (Playwright's "networkidle" can come before it on a
    busy machine): the search index and its worker are requested late.
    """
    loop = asyncio.get_running_loop()
    start = calm_since = loop.time()
    while loop.time() - start < limit:
        now = loop.time()
        if in_flight:
            calm_since = now
        elif now - calm_since >= quiet:
            return
        await asyncio.sleep(0.05)


async def _visit(context, base: str, path: str, axe: str, expect_404: bool) -> Visit:
    visit = Visit(path)
    url = f"{base}/{path}"
    page = await context.new_page()

    def on_response(response):
        if response.status >= 400 and not (expect_404 and response.url == url and response.status == 404):
            visit.failed.append(f"{response.url} ({response.status})")

    def on_console(message):
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        if expect_404 and where == url and "status of 404" in message.text:
            return  # Chromium reports the missing page's own 404, which the host sends on purpose
        visit.errors.append(f"{message.text} [{where}]")

    def on_request(request):
        in_flight.add(request)
        visit.requests += 1
        if not request.url.startswith((base, "data:", "blob:", "about:")):
            visit.foreign.append(request.url)

    def on_failed(request):
        in_flight.discard(request)
        visit.failed.append(f"{request.url} ({request.failure})")

    in_flight: set = set()
    page.on("request", on_request)
    page.on("requestfinished", lambda r: in_flight.discard(r))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda e: visit.errors.append(f"uncaught: {e}"))
    try:
        response = await page.goto(url, wait_until="load")
        await _settle(in_flight)
        visit.status = response.status if response else None
        visit.lang = await page.locator("html").get_attribute("lang")
        await page.add_script_tag(content=axe)
        result = await page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        visit.violations = [
            f"{v['id']} ({v['impact']}): {n['target']}" for v in result["violations"] for n in v["nodes"]
        ]
    finally:
        await page.close()
    return visit


async def _visit_all(base: str, pages: list[str], missing: list[str]) -> list[Visit]:
    from playwright.async_api import async_playwright

    axe = AXE.read_text(encoding="utf-8")
    queue = [(p, False) for p in pages] + [(p, True) for p in missing]
    visits: list[Visit] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            async def worker():
                context = await browser.new_context()
                try:
                    while queue:
                        path, expect_404 = queue.pop(0)
                        visits.append(await _visit(context, base, path, axe, expect_404))
                finally:
                    await context.close()

            await asyncio.gather(*(worker() for _ in range(PARALLEL)))
        finally:
            await browser.close()
    return sorted(visits, key=lambda v: v.path)


def visit_everything(base: str, pages: list[str], missing: list[str]) -> list[Visit]:
    """Visit every page, in a thread of its own (the session's browser runs Playwright's sync API)."""
    result: dict[str, object] = {}

    def run():
        try:
            result["visits"] = asyncio.run(_visit_all(base, pages, missing))
        except BaseException as exc:  # handed to the test's thread
            result["error"] = exc

    thread = threading.Thread(target=run, name="every-page")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["visits"]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def visits(real_site, site_url) -> list[Visit]:
    return visit_everything(site_url, page_paths(real_site), missing_paths())


def _report(visits: list[Visit], attribute: str) -> list[str]:
    return [f"/{v.path}: {item}" for v in visits for item in getattr(v, attribute)]


def test_every_page_and_every_404_was_visited(real_site, visits):
    pages = page_paths(real_site)
    assert [v.path for v in visits] == sorted(pages + missing_paths())
    answered = {v.path: v.status for v in visits}
    assert all(answered[p] == 200 for p in pages), {p: answered[p] for p in pages if answered[p] != 200}
    assert all(answered[p] == 404 for p in missing_paths()), {p: answered[p] for p in missing_paths()}


def test_no_page_requests_another_origin(visits):
    assert _report(visits, "foreign") == []


def test_no_page_makes_a_request_that_fails(visits):
    failed = _report(visits, "failed")
    assert failed == [], f"{len(failed)} failed requests, first: " + "\n".join(failed[:20])


def test_no_page_logs_a_console_error(visits):
    errors = _report(visits, "errors")
    assert errors == [], f"{len(errors)} console errors, first: " + "\n".join(errors[:20])


def test_axe_finds_no_violation_on_any_page(visits):
    violations = _report(visits, "violations")
    assert violations == [], f"{len(violations)} axe violations: " + "\n".join(violations[:40])


def test_a_missing_path_under_a_language_answers_in_that_language(visits):
    langs = {v.path: v.lang for v in visits}
    expected = {path: (path.split("/")[0] if path != MISSING else None) for path in missing_paths()}
    default = next(lang.code for lang in load_languages() if lang.default)
    expected = {path: code or default for path, code in expected.items()}
    assert {path: langs[path] for path in expected} == expected
