"""The EPUB editions in the built site: where they are, what they say, how they are linked.

Each language's EPUB is read as a reading system reads it (tests/epub_reader.py):
its metadata, its cover, its navigation, and a sample of its links followed to
their targets. Writing them again from the built site gives the same bytes.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import random
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from epub_reader import EpubReader
from helpers import ROOT
from trp_handbook.book import epub
from trp_handbook.core.editions import current_edition
from trp_handbook.core.languages import by_code, codes, default_language
from trp_handbook.core.texts import long_date, text

pytestmark = pytest.mark.site


def reader(site: Path, code: str) -> EpubReader:
    path = site / epub.site_epub_path(code, default_language().code)
    assert path.is_file(), f"{path}: missing; expected `make` to write every language's EPUB"
    return EpubReader(path.read_bytes())


@pytest.mark.parametrize("code", codes())
def test_metadata_cover_and_navigation_are_in_the_editions_language(real_site, code):
    book = reader(real_site, code)
    assert book.metadata("dc:language") == [code]
    assert book.metadata("dc:title") == [text("site_name", code)]
    assert book.meta("schema:accessibilitySummary") == [text("epub_accessibility_summary", code)]
    assert book.spine()[0] == "EPUB/cover.xhtml"
    cover = " ".join(" ".join(book.document("EPUB/cover.xhtml").getroot().itertext()).split())
    edition = current_edition(code)
    for words in (text("site_name", code), by_code(code).name, long_date(edition.law_as_at, code)):
        assert " ".join(words.split()) in cover, words
    toc = book.toc()
    assert len([t for t, _ in toc]) > 20
    for title, target in toc:
        assert title and book.resolves(target), f"{code}: {title} -> {target}"
    assert book.landmarks()["bodymatter"] == "EPUB/text/chapter-01.xhtml"


@pytest.mark.parametrize("code", codes())
def test_a_sample_of_links_reaches_its_targets(real_site, code):
    book = reader(real_site, code)
    internal = []
    for name in book.texts():
        for link in book.links(book.document(name)):
            href = link.get("href")
            if not href.startswith(("http:", "https:", "mailto:")):
                internal.append((name, href))
    kinds = {"law": [l for l in internal if "chapter-" in l[1] and "#" in l[1]],
             "note": [l for l in internal if "-fn-" in l[1]]}
    assert kinds["law"] and kinds["note"], f"{code}: expected links between chapters and to notes"
    sample = random.Random(code).sample(internal, min(200, len(internal))) + kinds["note"][:20]
    broken = [f"{name}: {href}" for name, href in sample if not book.resolves(href, name)]
    assert broken == []


def test_each_chapter_is_in_the_editions_language_or_marked_english_when_untranslated(real_site):
    """(The fallback itself is tested on a small book in tests/test_epub.py: the site may have none.)"""
    for code in codes():
        book = reader(real_site, code)
        for name in book.texts():
            document = book.document(name)
            fallback = bool(document.xpath("//*[contains(@class, 'handbook-notice--fallback')]"))
            expected = "en" if fallback else code
            root = document.getroot()
            assert (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")) == (expected, expected), \
                f"{code}: {name}"


def test_every_page_links_the_epub_next_to_the_pdf_with_its_size(real_site):
    for code in codes():
        root = "" if code == default_language().code else f"{code}/"
        for page in (real_site / root / "index.html", real_site / root / "annexes" / "editions" / "index.html"):
            tree = lxml.html.fromstring(page.read_bytes())
            links = tree.xpath('//ul[@class="handbook-downloads"]//a')
            hrefs = [a.get("href") for a in links]
            assert any(h.endswith(f"pdf/trp-handbook-{code}.pdf") for h in hrefs), page
            [ebook] = [a for a in links if a.get("type") == "application/epub+zip"]
            target = (page.parent / ebook.get("href")).resolve()
            assert target == (real_site / epub.site_epub_path(code, default_language().code)).resolve()
            label = " ".join(ebook.text_content().split())
            assert label.startswith(text("epub_download", code)) and "@@" not in label and label.endswith("B")
        editions = lxml.html.fromstring((real_site / root / "annexes" / "editions" / "index.html").read_bytes())
        content = editions.xpath('//article')[0]
        assert any(a.get("href", "").endswith(f"epub/trp-handbook-{code}.epub") for a in content.iter("a")), code


def test_the_epubs_are_in_sha256sums(real_site):
    sums = (real_site / "SHA256SUMS").read_text(encoding="utf-8")
    for code in codes():
        path = epub.site_epub_path(code, default_language().code)
        digest = hashlib.sha256((real_site / path).read_bytes()).hexdigest()
        assert f"{digest}  {path}\n" in sums


def test_written_again_from_the_built_site_the_epubs_are_the_same_bytes(real_site, tmp_path):
    """Reproducible: `handbook epub` (no cache) writes exactly what the build wrote.

    The build took its dates from the last commit (SOURCE_DATE_EPOCH); the same date is given here,
    read from the EPUB, since the tree may have been committed to since.
    """
    [modified] = reader(real_site, "en").meta("dcterms:modified")
    epoch = int(datetime.datetime.strptime(modified, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())
    run = subprocess.run([sys.executable, "-m", "trp_handbook", "epub", "--site-dir", str(real_site),
                          "--out", str(tmp_path), "--no-cache", "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})
    assert run.returncode == 0, run.stderr[-3000:]
    for code in codes():
        again = (tmp_path / epub.book_filename(code)).read_bytes()
        built = (real_site / epub.site_epub_path(code, default_language().code)).read_bytes()
        assert again == built, f"{code}: the EPUB differs when written again from the same sources"
