"""Cutting an edition: the bundle offices download, and its tag.

An edition is a dated, citable state of the handbook (``data/editions.yml``).
Its bundle holds every language's PDF and EPUB, the offline ZIP, the release notes and a
``SHA256SUMS`` file that lets anyone check a downloaded PDF
(``sha256sum -c SHA256SUMS``). The release notes are the edition's entry of
``CHANGELOG.md``, whose "changes in the law" part is generated from the two
tagged states (see :mod:`trp_handbook.legislation.changes`).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

from trp_handbook.book import epub
from trp_handbook.book.pdf import book_filename, site_pdf_path
from trp_handbook.core.editions import Edition, load_editions
from trp_handbook.core.errors import HandbookError
from trp_handbook.legislation.changes import compare_refs, to_markdown
from trp_handbook.markdown import parse
from trp_handbook.site.shards import ZIP_PATH

CHANGELOG = "CHANGELOG.md"
OFFLINE_ZIP = ZIP_PATH


def tag_name(number: int) -> str:
    return f"edition-{number}"


def edition(number: int, root: Path) -> Edition:
    for item in load_editions(root / "data" / "editions.yml"):
        if item.number == number:
            return item
    raise HandbookError(f"data/editions.yml: no edition {number}; add it (newest first) before releasing")


def _tags(root: Path) -> set[str]:
    out = subprocess.run(["git", "tag", "--list", "edition-*"], cwd=root, capture_output=True, text=True)
    return set(out.stdout.split())


def previous_tag(number: int, root: Path) -> str | None:
    """The tag of the newest earlier edition that exists in the repository."""
    tags = _tags(root)
    for n in range(number - 1, 0, -1):
        if tag_name(n) in tags:
            return tag_name(n)
    return None


# ---------------------------------------------------------------- CHANGELOG


def _markers(number: int) -> tuple[str, str]:
    return (f"<!-- law-changes:{tag_name(number)}:start (generated; do not edit) -->",
            f"<!-- law-changes:{tag_name(number)}:end -->")


def changelog_with_law_changes(changelog: str, number: int, generated: str) -> str:
    """Put the generated section into the edition's entry, replacing an older one.

    The entry is the ``## Edition N`` heading and what follows it up to the next
    ``## `` heading; the generated part goes at its end, between markers.
    """
    start, end = _markers(number)
    block = f"{start}\n{generated.rstrip()}\n{end}\n"
    if start in changelog and end in changelog:
        return re.sub(re.escape(start) + r".*?" + re.escape(end) + r"\n?", lambda _: block, changelog, flags=re.S)
    changelog = parse(changelog, CHANGELOG, front_matter=False).text
    found = _entry(changelog, number)
    if found is None:
        raise HandbookError(f"{CHANGELOG}:1: changelog: no '## Edition {number}' entry; write its notes first")
    _, cut = found
    following = cut < len(changelog)
    before = changelog[:cut].rstrip("\n") + "\n\n"
    return before + block + ("\n" + changelog[cut:] if following else "")


def _entry(changelog: str, number: int) -> tuple[int, int] | None:
    """Where the edition's entry lies: from the end of its ``## Edition N`` heading to the next level-2 heading."""
    page = parse(changelog, CHANGELOG, front_matter=False)
    entries = [h for h in page.headings if h.level == 2 and not h.setext]
    for k, heading in enumerate(entries):
        if re.match(rf"Edition {number}\b", heading.text):
            following = entries[k + 1].start if k + 1 < len(entries) else len(page.text)
            return heading.end, following
    return None


def entry(changelog: str, number: int) -> str:
    """The edition's whole entry (its notes), without the heading."""
    changelog = parse(changelog, CHANGELOG, front_matter=False).text
    found = _entry(changelog, number)
    if found is None:
        raise HandbookError(f"{CHANGELOG}:1: changelog: no '## Edition {number}' entry")
    return changelog[found[0]:found[1]].strip() + "\n"


def update_changelog(root: Path, number: int, ref: str = "HEAD") -> str:
    """Regenerate the edition's "changes in the law" in CHANGELOG.md; returns the section."""
    old = previous_tag(number, root)
    if old is None:
        generated = "### Changes in the law\n\nThis is the first edition: every provision is new to the reader.\n"
    else:
        generated = to_markdown(compare_refs(root, old, ref))
    path = root / CHANGELOG
    path.write_text(changelog_with_law_changes(path.read_text(encoding="utf-8"), number, generated), encoding="utf-8")
    return generated


# ---------------------------------------------------------------- bundle


def sha256sums(folder: Path) -> str:
    """``sha256sum``-compatible lines for every file in ``folder``, sorted by name."""
    lines = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.name != "SHA256SUMS"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")
    return "\n".join(lines) + "\n"


def make_bundle(root: Path, number: int, site: Path, dist: Path | None = None) -> Path:
    """Copy one edition's downloads out of a built site into ``dist/edition-N/``."""
    item = edition(number, root)
    target = (dist or root / "dist") / tag_name(number)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    default = item.languages[0] if "en" not in item.languages else "en"
    missing = []
    for code in item.languages:
        for book, name in ((site / site_pdf_path(code, default), book_filename(code)),
                           (site / epub.site_epub_path(code, default), epub.book_filename(code))):
            if book.is_file():
                shutil.copy2(book, target / name)
            else:
                missing.append(book.relative_to(site).as_posix())
    if missing:
        raise HandbookError(f"the built site lacks the books (PDF, EPUB) of edition {number}: {', '.join(missing)}; run `make` first")
    zip_file = site / OFFLINE_ZIP
    if not zip_file.is_file():
        raise HandbookError(f"the built site lacks {OFFLINE_ZIP}; run `make` first")
    shutil.copy2(zip_file, target / f"trp-handbook-offline-{tag_name(number)}.zip")
    changelog = (root / CHANGELOG).read_text(encoding="utf-8")
    notes = (f"# TRP Handbook, edition {number}\n\nPublished {item.date}; the law is stated as at "
             f"{item.law_as_at}. Verify a download with `sha256sum -c SHA256SUMS`.\n\n" + entry(changelog, number))
    (target / "RELEASE_NOTES.md").write_text(notes, encoding="utf-8")
    (target / "SHA256SUMS").write_text(sha256sums(target), encoding="utf-8")
    return target


def tag(root: Path, number: int) -> str:
    """Tag the current commit as the edition (refuses a dirty tree or an existing tag)."""
    name = tag_name(number)
    if name in _tags(root):
        raise HandbookError(f"tag {name} exists already; an edition is cut once")
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    if dirty.strip():
        raise HandbookError("the working tree has uncommitted changes; commit CHANGELOG.md and data/editions.yml first")
    subprocess.run(["git", "tag", "-a", name, "-m", f"TRP Handbook, edition {number}"], cwd=root, check=True)
    return name
