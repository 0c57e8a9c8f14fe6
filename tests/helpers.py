"""What the tests share besides fixtures: paths, the fixture build, tools, the browser helpers.

The fixtures are in ``conftest.py`` (pytest finds them); anything a test
imports comes from here (``from helpers import ...``), never from another test
module or from ``conftest``. ``tests/`` is on ``sys.path`` because pytest puts
the folder of ``conftest.py`` there (rootdir-relative, no ``__init__.py``:
every test module's basename is unique).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

# Debian's Chromium and the flags without which it tries to reach Google's hosts
# (one list for the tests and the Lighthouse measurement)
from trp_handbook.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 - re-exported for the tests
from trp_handbook.core.languages import load_languages
from trp_handbook.translation.pages import page_url

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SITE = ROOT / "site"

FIXTURE_NAV = ["index.md", "guide/index.md", "untranslated.md"]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


# --------------------------------------------------------------------------- building the fixture handbook


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


def serve(directory: Path):
    """Serve a built site as the publishing host does (root 404.html, status 404, for any missing path)."""
    from trp_handbook.browser.static_host import start

    return start(directory)


# --------------------------------------------------------------------------- programs and processes


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


#: Debian package of each program the tests run (``make test`` installs them).
PACKAGES = {"java": "default-jre-headless", "qpdf": "qpdf", "pdffonts": "poppler-utils", "pdftoppm": "poppler-utils",
            "pdftotext": "poppler-utils", "chromium": "chromium", "node": "nodejs", "git": "git",
            "sha256sum": "coreutils"}


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


def hyphenate(word: str, code: str) -> str:
    """``word`` with ``-`` at every break the language's dictionary allows (as WeasyPrint's pyphen breaks it)."""
    import pyphen

    from trp_handbook.book.hyphenation import dictionary_path
    from trp_handbook.core.languages import by_code

    lang = by_code(code)
    path = dictionary_path(lang.hyphenation) if lang.hyphenation else None
    if path is None:
        return word
    return pyphen.Pyphen(filename=str(path), left=2, right=2).inserted(word)


# --------------------------------------------------------------------------- a built site in the browser

LANGUAGES = [lang.code for lang in load_languages()]
DEFAULT = LANGUAGES[0]
SEPARATOR = re.compile(r'[\s\-,:;!=\[\]()"/.?]+')


def url_of(base: str, path: str, lang: str) -> str:
    return f"{base}/{page_url(path, lang, DEFAULT)}"


def docs_of(site: Path) -> Path:
    """The sources a built site came from: the fixture build keeps its docs elsewhere, the real site's are docs/."""
    from trp_handbook.engine.config import load_site_config

    marker = site.parent / "mkdocs.yml"
    if marker.exists():
        return Path(load_site_config(marker)["docs_dir"])
    return ROOT / "docs"


def first_chapter(site: Path) -> str:
    """The first page after the home page that exists in English."""
    from trp_handbook.translation.pages import scan

    tmap = scan(docs_of(site))
    return sorted(p for p in tmap.pages[DEFAULT] if p != "index.md")[0]


def search(page, query: str) -> None:
    """Put a query into the search box of the page and let the search run once."""
    page.click("input.md-search__input")
    # the whole query at once: typed letter by letter, the results of "ab" could be
    # read before those of the full word. Material reacts to keyup, as on a keyboard.
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")


def assert_clean(recorded):
    assert recorded.foreign_requests() == [], "requests to third-party hosts"
    assert recorded.violations == [], "Content-Security-Policy violations"
    assert recorded.failed == [], "failed requests"
    assert recorded.errors == [], "console errors"


def switch_language(rec, lang: str) -> None:
    """Choose ``lang`` in the header's language selector, as a reader does, and wait for the page."""
    rec.page.hover(".md-header__option .md-select")
    with rec.page.expect_navigation():
        rec.page.click(f'a.md-select__link[hreflang="{lang}"]')
    rec.page.wait_for_load_state("networkidle")


def unique_words(site: Path) -> dict[str, tuple[str, str]]:
    """For each language, a word found on exactly one of its pages and in no other language.

    Search matches by prefix, so no other word of any page may start with it either.
    """
    pages_by_word: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for lang in LANGUAGES:
        folder = site / ("" if lang == DEFAULT else lang) / "search" / "search_index.json"
        for doc in json.loads(folder.read_text(encoding="utf-8"))["docs"]:
            text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])).lower()
            for word in SEPARATOR.split(text):
                if word:
                    pages_by_word[word][lang].add(doc["location"].split("#")[0])
    words = sorted(pages_by_word)
    chosen = {}
    for index, word in enumerate(words):
        langs = pages_by_word[word]
        if len(word) < 8 or not word.isalpha() or len(langs) != 1:
            continue
        (lang, pages), = langs.items()
        if len(pages) != 1 or lang in chosen:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if following.startswith(word):
            continue  # a longer word starting with this one would also match
        chosen[lang] = (word, next(iter(pages)))
    return chosen
