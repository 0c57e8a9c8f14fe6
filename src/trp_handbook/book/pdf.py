"""The printable handbook: one book-like, tagged PDF per language.

The site engine hands over each page's *content* HTML (after the handbook's own
extensions: law citations, notices, ``lang="en"`` on untranslated pages) in
navigation order; this module turns those pages into one print document and
renders it with WeasyPrint:

1. :func:`prepare_chapter` makes a page a chapter of the book: ids get a
   per-chapter prefix so they stay unique, links to other pages become
   ``#anchor`` links inside the book (printed as page references), external
   links print their URL, law citations point at the table of legislation,
   footnotes become CSS footnotes, the "¶" heading links go;
2. :func:`book_html` adds the cover (title, language, edition, "law as at"),
   the table of contents and the page furniture in the book's language;
3. :func:`render_job` renders it (PDF/UA-1 by default, hyphenated with the
   dictionaries of :mod:`trp_handbook.book.hyphenation`, every page reference
   checked against where its target really is, see :func:`render`) unless a
   PDF of exactly these inputs is already in the cache (:func:`cache_key`);
4. :func:`split_chapters` cuts per-chapter PDFs from a book, when asked.

The print stylesheet is ``overrides/print/book.css`` (kept out of the served site
by the adapter) and the printed texts are in the text store
(``data/texts/print.yml``, :mod:`trp_handbook.core.texts`), which is not published.
Everything here is a plain function of its arguments, so that the adapter of
another site engine, the ``handbook pdf`` command and the tests share it.

Switches, read by :func:`options_from_env` (all optional):

=============================  ============================================================
``HANDBOOK_PDF``               ``off`` skips the PDFs (``make serve``, ``build --no-pdf``)
``HANDBOOK_PDF_PAPER``         ``A4`` (default) or ``A5``
``HANDBOOK_PDF_VARIANT``       ``pdf/ua-1`` (default, accessible); ``pdf/ua-2``; ``pdf/a-3a``,
                               ``pdf/a-2a``, ``pdf/a-3u``, ``pdf/a-2u`` (archival). Every variant
                               is tagged. PDF/X is refused: it writes a random ``xmp.did``.
``HANDBOOK_PDF_UNTRANSLATED``  ``include`` (default: English text with its notice) or ``omit``
``HANDBOOK_PDF_CHAPTERS``      ``on`` also writes one PDF per chapter, split from the book
``HANDBOOK_PDF_JOBS``          renders at once (default: the cores available)
``HANDBOOK_PDF_CACHE``         cache folder (default ``.cache/pdf`` in the repository); ``off``
=============================  ============================================================
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import html as html_lib
import importlib.metadata
import json
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from trp_handbook.book import fonts, weasyprint_fixes
from trp_handbook.book import layout as book_layout
from trp_handbook.core import lifeline, palette
from trp_handbook.core.errors import HandbookError, Problem
from trp_handbook.core.project import root
from trp_handbook.translation.pages import page_url

#: Bump when the rendering code changes in a way the cache key cannot see.
RENDERER_REVISION = "4"  # 2: fewer garbage collections (object order changed); 3: page numbers written in, no target-counter passes; 4: laid out in parts

#: Variants WeasyPrint 70 writes reproducibly (PDF/X writes a random xmp.did).
VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-2a", "pdf/a-3a", "pdf/a-2u", "pdf/a-3u")
PAPERS = ("A4", "A5")
#: Page margins per paper size (top right bottom left); the rest of the page is book.css.
PAGE_MARGINS = {"A4": "22mm 20mm 24mm 22mm", "A5": "15mm 13mm 17mm 15mm"}

#: The project's files the books are made with (read from the current project, :mod:`trp_handbook.core.project`).
_PROJECT_FILES = {
    "PRINT_DIR": ("overrides", "print"),
    "FONTS_DIR": ("overrides", "assets", "fonts"),
    "FONTS_CSS": ("overrides", "assets", "stylesheets", "fonts.css"),
    #: quotation marks per language (trp_handbook.markdown.typography), the same as the site's
    "QUOTES_CSS": ("overrides", "assets", "stylesheets", "quotes.css"),
    "BOOK_CSS": ("overrides", "print", "book.css"),
    #: the handbook's mark, drawn on the cover by book.css (a background: decoration, not content)
    "MARK_SVG": ("overrides", "assets", "images", "mark.svg"),
}


def __getattr__(name: str) -> Path:
    """``PRINT_DIR``, ``FONTS_DIR``, ``FONTS_CSS``, ``QUOTES_CSS``, ``BOOK_CSS``, ``MARK_SVG`` of the current project."""
    if name in _PROJECT_FILES:
        return root().joinpath(*_PROJECT_FILES[name])
    raise AttributeError(name)


def _default_cache() -> Path:
    return root() / ".cache" / "pdf"


# --------------------------------------------------------------------------- options


@dataclass(frozen=True)
class PrintOptions:
    """How the books are made; see the module's table of switches."""

    enabled: bool = True
    paper: str = "A4"
    variant: str = "pdf/ua-1"
    untranslated: str = "include"
    chapters: bool = False
    jobs: int = 0
    cache_dir: Path | None = field(default_factory=_default_cache)

    def workers(self, books: int) -> int:
        """Processes to render ``books`` books: no more than the cores this process may use."""
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            cores = os.cpu_count() or 1
        return max(1, min(books, self.jobs or cores))


def _choice(env: Mapping[str, str], name: str, allowed: Sequence[str], default: str) -> str:
    value = env.get(name, "").strip() or default
    folded = {a.lower(): a for a in allowed}
    if value.lower() not in folded:
        raise HandbookError(f"{name}={value!r}: expected one of {', '.join(allowed)}")
    return folded[value.lower()]


def options_from_env(env: Mapping[str, str] | None = None) -> PrintOptions:
    """The switches of the environment as options; a wrong value is a clear error."""
    env = os.environ if env is None else env
    enabled = _choice(env, "HANDBOOK_PDF", ("on", "off"), "on") == "on"
    jobs = env.get("HANDBOOK_PDF_JOBS", "").strip()
    if jobs and not jobs.isdigit():
        raise HandbookError(f"HANDBOOK_PDF_JOBS={jobs!r}: expected a number of processes")
    cache = env.get("HANDBOOK_PDF_CACHE", "").strip()
    return PrintOptions(
        enabled=enabled,
        paper=_choice(env, "HANDBOOK_PDF_PAPER", PAPERS, "A4"),
        variant=_choice(env, "HANDBOOK_PDF_VARIANT", VARIANTS, "pdf/ua-1"),
        untranslated=_choice(env, "HANDBOOK_PDF_UNTRANSLATED", ("include", "omit"), "include"),
        chapters=_choice(env, "HANDBOOK_PDF_CHAPTERS", ("on", "off"), "off") == "on",
        jobs=int(jobs) if jobs else 0,
        cache_dir=None if cache == "off" else (Path(cache) if cache else _default_cache()),
    )


# --------------------------------------------------------------------------- where


def book_filename(language: str) -> str:
    return f"trp-handbook-{language}.pdf"


def site_pdf_path(language: str, default_language: str) -> str:
    """The book's stable path in the site: ``pdf/…-en.pdf``, ``sr/pdf/…-sr.pdf``."""
    folder = "" if language == default_language else f"{language}/"
    return f"{folder}pdf/{book_filename(language)}"


def size_token(language: str) -> str:
    """What the page templates show until the book's size is known (replaced after rendering)."""
    return f"@@trp-handbook-pdf-size:{language}@@"


def human_size(size: int, language: str) -> str:
    """``1.4 MB`` written the way ``language`` writes decimals (``1,4 MB``)."""
    from trp_handbook.core.texts import decimal

    if size < 100_000:
        return f"{decimal(max(1, round(size / 1000)), language)} kB"
    return f"{decimal(round(size / 1_000_000, 1), language, '0.0')} MB"


# --------------------------------------------------------------------------- chapters


@dataclass(frozen=True)
class Chapter:
    """One page of the site as it enters the book."""

    path: str  #: source path inside the language folder (``see/serbia.md``)
    url: str  #: the page's URL in the site (``sr/see/serbia/``; ``""`` for the home page)
    html: str  #: the page's content HTML
    section: str | None = None  #: the navigation section it belongs to, in the book's language
    fallback: bool = False  #: an untranslated page, shown in English


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    text: str
    lang: str | None = None


@dataclass
class PreparedChapter:
    number: int
    html: str
    title: str
    toc: list[TocEntry]
    section: str | None
    lang: str | None
    problems: list[str] = field(default_factory=list)


def chapter_prefix(number: int) -> str:
    return f"c{number:02d}"


def _fragment(html: str):
    import lxml.html

    return lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _remove_keep_tail(element) -> None:
    """Remove ``element`` but keep the text that follows it."""
    parent = element.getparent()
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _convert_footnotes(root) -> None:
    """Python-Markdown's end notes as CSS footnotes (``float: footnote``) at their call."""
    import lxml.html

    notes = {}
    for block in root.xpath('.//div[contains(concat(" ", @class, " "), " footnote ")]'):
        for item in block.xpath(".//li[@id]"):
            notes[item.get("id")] = item
        block.getparent().remove(block)
    for call in root.xpath('.//sup[starts-with(@id, "fnref")]'):
        link = call.find("a")
        target = (link.get("href") or "").lstrip("#") if link is not None else ""
        item = notes.pop(target, None)
        if item is None:  # a second call of the same note: the number alone
            call.attrib.pop("id", None)
            if link is not None:
                link.attrib.pop("href", None)
            continue
        note = lxml.html.Element("span", {"class": "footnote", "id": target})
        for backref in item.xpath('.//a[contains(@class, "footnote-backref")]'):
            _remove_keep_tail(backref)
        paragraphs = item.findall("p") or [item]
        for i, paragraph in enumerate(paragraphs):
            if i:
                note.append(lxml.html.Element("br"))
            if paragraph.text:
                if len(note):
                    note[-1].tail = (note[-1].tail or "") + paragraph.text
                else:
                    note.text = (note.text or "") + paragraph.text
            for child in list(paragraph):
                note.append(child)
        if len(note) and note[-1].tail:
            note[-1].tail = note[-1].tail.rstrip("\xa0 ")
        elif note.text:
            note.text = note.text.rstrip("\xa0 ")
        note.tail = call.tail
        call.getparent().replace(call, note)


#: Characters the shipped fonts lack, printed as a look-alike they have (font class in book.css):
#: the checklists' ballot box is only in Noto's symbol fonts, not in the handbook's subsets.
SUBSTITUTES = {"\u2610": ("\u25a1", "check-box")}


def _substitute_symbols(root) -> None:
    """Put look-alikes from the shipped fonts in place of characters they lack (no system font leaks in)."""
    import lxml.html

    pattern = re.compile("|".join(map(re.escape, SUBSTITUTES)))

    def split(text: str):
        """(text before the first symbol, [(span, text after it)...])."""
        pieces = pattern.split(text)
        symbols = pattern.findall(text)
        spans = []
        for symbol, after in zip(symbols, pieces[1:]):
            shown, css_class = SUBSTITUTES[symbol]
            span = lxml.html.Element("span", {"class": css_class})
            span.text = shown
            span.tail = after
            spans.append(span)
        return pieces[0], spans

    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.text and pattern.search(element.text):
            element.text, spans = split(element.text)
            for i, span in enumerate(spans):
                element.insert(i, span)
        if element is not root and element.tail and pattern.search(element.tail):
            element.tail, spans = split(element.tail)
            for span in reversed(spans):
                element.addnext(span)


def _prefix_ids(root, prefix: str) -> set[str]:
    ids = set()
    for element in root.xpath(".//*[@id]"):
        element.set("id", f"{prefix}-{element.get('id')}")
        ids.add(element.get("id"))
    for attr in ("aria-labelledby", "aria-describedby", "for"):
        for element in root.xpath(f".//*[@{attr}]"):
            element.set(attr, " ".join(f"{prefix}-{i}" for i in element.get(attr).split()))
    return ids


@dataclass(frozen=True)
class LinkTargets:
    """Where each page of the book begins, and the rest of the site for absolute URLs."""

    chapters: dict[str, int]  #: page URL (``sr/see/``) -> chapter number
    site_url: str
    legislation_chapter: int | None = None
    legislation_ids: frozenset[str] = frozenset()


def _page_key(path: str) -> str:
    path = path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path


def _resolve(href: str, page_url: str, targets: LinkTargets, own_ids: set[str], number: int) -> tuple[str, str]:
    """(kind, new href) of a link: ``internal`` into the book, ``external``, or ``site``."""
    if href.startswith("#"):
        anchor = f"{chapter_prefix(number)}-{href[1:]}"
        return ("internal", f"#{anchor}" if anchor in own_ids or not href[1:] else f"#{chapter_prefix(number)}")
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return ("external", href)
    joined = urlsplit(urljoin("https://book.invalid/" + page_url, href))
    key = _page_key(joined.path)
    if key in targets.chapters:
        target = chapter_prefix(targets.chapters[key])
        return ("internal", f"#{target}-{joined.fragment}" if joined.fragment else f"#{target}")
    absolute = targets.site_url.rstrip("/") + "/" + joined.path.lstrip("/")
    return ("site", absolute + (f"#{joined.fragment}" if joined.fragment else ""))


def _print_url(href: str) -> str:
    return href[len("mailto:") :] if href.startswith("mailto:") else href


def _rewrite_links(root, page_url: str, targets: LinkTargets, own_ids: set[str], number: int) -> None:
    import lxml.html

    for link in root.xpath(".//a[@href]"):
        classes = set((link.get("class") or "").split())
        href = link.get("href")
        if "law-ref" in classes and targets.legislation_chapter is not None:
            instrument = (link.get("data-law") or "").split("/")[0]
            anchor = f"{chapter_prefix(targets.legislation_chapter)}-{instrument}"
            if anchor in targets.legislation_ids:
                # The table of legislation prints the official text's address once.
                link.set("href", f"#{anchor}")
                link.attrib.pop("rel", None)
                continue
        kind, new = _resolve(href, page_url, targets, own_ids, number)
        link.set("href", new)
        link.attrib.pop("rel", None)
        link.attrib.pop("target", None)
        if kind == "internal":
            if not link.xpath('ancestor::*[contains(concat(" ", @class, " "), " footnote-ref ")]'):
                link.set("class", " ".join(sorted(classes | {"xref"})))
            continue
        shown = _print_url(new)
        if _text(link) in (shown, new):
            continue
        url = lxml.html.Element("span", {"class": "link-url"})
        url.text = f" ({shown})"
        link.append(url)


def _place_notice(root, language: str) -> None:
    """The untranslated-page notice goes under the chapter title, in the book's language."""
    notice = root.find('.//aside[@class]')
    if notice is None or "handbook-notice--fallback" not in notice.get("class", ""):
        return
    for invite in notice.xpath(".//a"):
        _remove_keep_tail(invite)  # an invitation to edit online: nothing to click on paper
    for paragraph in notice.xpath(".//p"):
        if paragraph.text:
            paragraph.text = paragraph.text.rstrip()
    title = root.find(".//h1")
    notice.getparent().remove(notice)
    notice.set("lang", language)
    if title is None:
        root.insert(0, notice)
        return
    anchor = title.getnext() if title.getnext() is not None and "handbook-as-at" in (title.getnext().get("class") or "") else title
    anchor.addnext(notice)


def prepare_chapter(
    chapter: Chapter,
    number: int,
    targets: LinkTargets,
    language: str,
    resolve_image: Callable[[str], str | None] | None = None,
) -> PreparedChapter:
    """One page as a chapter of the book (see the module docstring, step 1)."""
    import lxml.html

    root = _fragment(chapter.html)
    problems: list[str] = []
    for anchor in root.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")]'):
        _remove_keep_tail(anchor)
    for element in root.xpath(".//script | .//style | .//form"):
        _remove_keep_tail(element)
    _convert_footnotes(root)
    _substitute_symbols(root)
    _place_notice(root, language)
    prefix = chapter_prefix(number)
    own_ids = _prefix_ids(root, prefix)
    _rewrite_links(root, chapter.url, targets, own_ids, number)
    for table in root.xpath('.//table[.//a[contains(concat(" ", @class, " "), " xref ")]]'):
        # Column widths from the content would be measured before the page numbers are
        # known, and differ from a layout with them: fixed widths keep one layout enough.
        table.set("class", " ".join(filter(None, [table.get("class"), "page-refs"])))
    for image in root.xpath(".//img"):
        src = image.get("src") or ""
        if not image.get("alt"):
            problems.append(f"{chapter.path}: image {src!r} has no alt text; expected ![what it shows](...)")
        if resolve_image is not None and not urlsplit(src).scheme:
            found = resolve_image(urlsplit(urljoin("https://book.invalid/" + chapter.url, src)).path.lstrip("/"))
            if found:
                image.set("src", found)
    title_element = root.find(".//h1")
    title = _text(title_element) if title_element is not None else chapter.path
    toc = []
    for heading in root.xpath(".//h1 | .//h2"):
        if not heading.get("id"):
            heading.set("id", f"{prefix}-h{len(toc)}")
        lang = heading.xpath("ancestor-or-self::*[@lang][1]/@lang")
        toc.append(TocEntry(int(heading.tag[1]), heading.get("id"), _text(heading), lang[0] if lang else None))
    section = lxml.html.Element("section", {"class": "chapter", "id": prefix, "data-source": chapter.path})
    section.text = root.text
    for child in list(root):
        section.append(child)
    lang = next((e.lang for e in toc if e.level == 1), None)
    return PreparedChapter(
        number, lxml.html.tostring(section, encoding="unicode"), title, toc, chapter.section, lang, problems
    )


def link_targets(chapters: Sequence[Chapter], site_url: str, legislation_path: str | None) -> LinkTargets:
    """The book's chapter numbers by page URL, and the ids of the table of legislation."""
    numbers = {_page_key(c.url): i for i, c in enumerate(chapters, start=1)}
    legislation = next((i for i, c in enumerate(chapters, start=1) if c.path == legislation_path), None)
    ids: frozenset[str] = frozenset()
    if legislation is not None:
        root = _fragment(chapters[legislation - 1].html)
        ids = frozenset(f"{chapter_prefix(legislation)}-{i}" for i in root.xpath(".//*[@id]/@id"))
    return LinkTargets(numbers, site_url, legislation, ids)


# --------------------------------------------------------------------------- the book


@dataclass(frozen=True)
class BookInfo:
    """What the cover and the PDF's metadata say."""

    language: str
    title: str
    description: str
    language_name: str
    edition: int
    date: datetime.date
    law_as_at: datetime.date
    site_url: str
    copyright: str
    source_epoch: int


def select_chapters(chapters: Sequence[Chapter], options: PrintOptions) -> list[Chapter]:
    """The chapters printed: untranslated ones are left out only when asked to."""
    if options.untranslated == "omit":
        return [c for c in chapters if not c.fallback]
    return list(chapters)


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def _css_template(template: str, counters: Mapping[str, str]) -> str:
    """``"Page {page} of {pages}"`` as CSS ``content``: strings around counter() calls."""
    parts = []
    for piece in re.split(r"(\{\w+\})", template):
        if piece.startswith("{") and piece[1:-1] in counters:
            parts.append(counters[piece[1:-1]])
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def language_css(info: BookInfo, options: PrintOptions) -> str:
    """The part of the print style that depends on the language and the options."""
    from trp_handbook.core.texts import template

    page_of = _css_template(template("print_page_of", info.language), {"page": "counter(page)", "pages": "counter(pages)"})
    reference = _css_template(
        template("print_page_reference", info.language), {"page": "target-counter(attr(href url), page)"}
    )
    reference_written = _css_template(template("print_page_reference", info.language), {"page": "attr(data-page)"})
    return (
        f"@page {{ size: {options.paper}; margin: {PAGE_MARGINS[options.paper]}; "
        f"@bottom-right {{ content: {page_of}; }} }}\n"
        f"@page cover {{ @bottom-right {{ content: none; }} }}\n"
        f"html {{ string-set: book-title {_css_string(info.title)}; }}\n"
        f"a.xref::after {{ content: \" (\" {reference} \")\"; }}\n"
        f"a.xref[data-page]::after {{ content: \" (\" {reference_written} \")\"; }}\n"
        + palette.print_css()
    )


#: A chapter with more sections than this (the glossary's terms) is listed by its title
#: alone in the contents; its sections stay in the PDF's bookmarks.
TOC_MAX_SECTIONS = 12


def _toc_html(chapters: Sequence[PreparedChapter]) -> str:
    esc = html_lib.escape
    out = ['<ol class="toc-list">']
    open_section = None
    for chapter in chapters:
        if chapter.section != open_section:
            if open_section is not None:
                out.append("</ol></li>")
            if chapter.section is not None:
                out.append(f'<li class="toc-part"><span class="toc-part-title">{esc(chapter.section)}</span><ol>')
            open_section = chapter.section
        entries = chapter.toc
        head = next((e for e in entries if e.level == 1), None)
        if head is None:
            continue
        lang = f' lang="{esc(head.lang)}"' if head.lang else ""
        out.append(f'<li class="toc-chapter"{lang}><a href="#{esc(head.anchor)}">{esc(head.text)}</a>')
        subs = [e for e in entries if e.level == 2]
        if subs and len(subs) <= TOC_MAX_SECTIONS:
            out.append('<ol class="toc-sections">')
            out.extend(f'<li><a href="#{esc(e.anchor)}">{esc(e.text)}</a></li>' for e in subs)
            out.append("</ol>")
        out.append("</li>")
    if open_section is not None:
        out.append("</ol></li>")
    out.append("</ol>")
    return "".join(out)


def _cover_html(info: BookInfo, options: PrintOptions, omitted: bool) -> str:
    esc = html_lib.escape
    from trp_handbook.core.texts import long_date, text

    edition = text("print_edition", info.language, number=info.edition, date=long_date(info.date, info.language))
    law = text("law_as_at", info.language, date=long_date(info.law_as_at, info.language))
    lines = [
        f'<section class="cover" id="cover" lang="{esc(info.language)}">',
        '<div class="cover-band"></div>',
        f'<p class="cover-title">{esc(info.title)}</p>',
        f'<p class="cover-subtitle">{esc(info.description)}</p>',
        f'<p class="cover-language">{esc(info.language_name)}</p>',
        f'<p class="cover-edition">{esc(edition)}</p>',
        f'<p class="cover-law">{esc(law)}</p>',
        f'<p class="cover-online">{esc(text("print_online_at", info.language, url=info.site_url))}</p>',
    ]
    if omitted:
        lines.append(
            f'<p class="cover-omitted">{esc(text("print_untranslated_left_out", info.language, language_name=info.language_name))}</p>'
        )
    lines.append(f'<p class="cover-licence" lang="en">{esc(info.copyright)}</p></section>')
    return "".join(lines)


def _w3c_date(epoch: int) -> str:
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def book_html(chapters: Sequence[PreparedChapter], info: BookInfo, options: PrintOptions, omitted: bool = False) -> str:
    """The whole print document of one language (cover, contents, chapters)."""
    esc = html_lib.escape
    when = _w3c_date(info.source_epoch)
    head = (
        f'<!DOCTYPE html>\n<html lang="{esc(info.language)}" class="paper-{options.paper}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f"<title>{esc(info.title)}</title>\n"
        f'<meta name="description" content="{esc(info.description)}">\n'
        f'<meta name="author" content="{esc(info.title)}">\n'
        '<meta name="generator" content="trp_handbook.book.pdf">\n'
        f'<meta name="dcterms.created" content="{when}">\n'
        f'<meta name="dcterms.modified" content="{when}">\n'
        f"<style>\n{language_css(info, options)}</style>\n</head>\n<body>\n"
    )
    from trp_handbook.core.texts import text

    contents = text("print_contents", info.language)
    toc = (
        f'<nav class="toc" id="contents" aria-label="{esc(contents)}">'
        f'<h1 class="toc-title" id="contents-title">{esc(contents)}</h1>{_toc_html(chapters)}</nav>\n'
    )
    body = "\n".join(c.html for c in chapters)
    return head + _cover_html(info, options, omitted) + "\n" + toc + body + "\n</body>\n</html>\n"


def assemble(
    chapters: Sequence[Chapter],
    info: BookInfo,
    options: PrintOptions,
    legislation_path: str | None = "annexes/legislation.md",
    resolve_image: Callable[[str], str | None] | None = None,
) -> tuple[str, list[PreparedChapter]]:
    """The print HTML of one language from its pages in navigation order."""
    selected = select_chapters(chapters, options)
    if not selected:
        raise HandbookError(f"{info.language}: no page to print; expected the pages of the navigation")
    targets = link_targets(selected, info.site_url, legislation_path)
    prepared = [
        prepare_chapter(chapter, i, targets, info.language, resolve_image) for i, chapter in enumerate(selected, start=1)
    ]
    return book_html(prepared, info, options, omitted=len(selected) < len(chapters)), prepared


# --------------------------------------------------------------------------- rendering


@lru_cache(maxsize=8)
def _files_digest(paths: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def stylesheets() -> tuple[Path, ...]:
    return tuple(root().joinpath(*_PROJECT_FILES[name]) for name in ("FONTS_CSS", "QUOTES_CSS", "BOOK_CSS"))


def weasyprint_stylesheets(font_config, paths: Sequence[str | Path] | None = None, url_fetcher=None) -> list:
    """The print stylesheets as WeasyPrint objects whose ``@font-face`` rules take effect.

    WeasyPrint adds a stylesheet's fonts only to the font configuration it is
    made with; the same configuration must then be given to the layout.
    """
    import weasyprint

    fetch = {"url_fetcher": url_fetcher} if url_fetcher is not None else {}
    return [weasyprint.CSS(filename=str(path), font_config=font_config, **fetch) for path in (paths or stylesheets())]


def cache_key(html: str, options: PrintOptions, dictionaries: Sequence[Path], extra_files: Sequence[Path] = ()) -> str:
    """A hash of everything that decides the PDF's bytes: HTML, CSS, fonts, dictionaries, versions."""
    font_files = (*sorted(fonts.fonts_dir().glob("*.woff2")), fonts.fontconfig_file())
    versions = {name: importlib.metadata.version(name) for name in ("weasyprint", "pydyf", "pyphen", "fonttools")}
    h = hashlib.sha256()
    for part in (
        RENDERER_REVISION,
        json.dumps(versions, sort_keys=True),
        json.dumps({"variant": options.variant}, sort_keys=True),
        _files_digest((*stylesheets(), root().joinpath(*_PROJECT_FILES["MARK_SVG"]))),
        _files_digest(font_files),
        _files_digest(tuple(sorted(set(dictionaries)))),
        _files_digest(tuple(sorted(set(extra_files)))),
        html,
    ):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class RenderJob:
    """One book to render; plain values only, so that it can go to another process."""

    language: str
    html: str
    output: str  #: where the PDF is written (the cache file, or a temporary file)
    base_url: str
    variant: str = "pdf/ua-1"
    stylesheets: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderResult:
    language: str
    output: str
    pages: int
    size: int
    seconds: float
    cached: bool
    layouts: int = 0  #: rounds of layout: 1 when every number could be corrected in place, 2 when a part was laid out again (0: from the cache)


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while WeasyPrint lays out and writes a book.

    Layout allocates millions of small objects that live until the PDF is
    written, and makes little cyclic garbage (the same peak memory either
    way); the collector would walk the live objects again and again (15 % of
    a 129-page render with Python's defaults; 4 % of a 1,087-page one even
    with the thresholds raised seventyfold). A part laid out again frees its
    previous layout by reference counting; collection resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_characters(job: RenderJob) -> None:
    """Refuse a book with a character that no shipped font draws.

    The books see no system font (:func:`trp_handbook.book.fonts.book_font_configuration`),
    so such a character would print as an empty box; the error names it and
    the chapter where it first appears.
    """
    from lxml import html as lxml_html

    root = lxml_html.document_fromstring(job.html)
    missing = fonts.missing_characters(root.text_content())
    if not missing:
        return
    where = []
    for ch in missing[:5]:
        chapter = next((s.get("id", "?") for s in root.iter("section") if ch in s.text_content()), "the cover")
        where.append(f"U+{ord(ch):04X} {ch!r} (first in {chapter})")
    raise HandbookError(f"{job.language}: no shipped font draws {', '.join(where)}; "
                        "expected characters the Noto subsets cover (trp_handbook.book.fonts.UNICODE_RANGES)")


def render(job: RenderJob, max_rounds: int = 4) -> tuple[bytes, int, int]:
    """The PDF bytes of one print document, its number of pages and its rounds of layout.

    The book is laid out chapter by chapter with every page number written in
    and checked (:mod:`trp_handbook.book.layout`), then written as one tagged
    PDF. The parts share one font configuration, so each font is embedded once.
    """
    import weasyprint

    from trp_handbook.book import hyphenation

    _check_characters(job)
    hyphenation.register()
    fetcher = weasyprint.URLFetcher(allowed_protocols=["file"])
    # one font configuration for the stylesheets and every layout: WeasyPrint applies
    # @font-face only from stylesheets made with the configuration the layout uses
    font_config = fonts.book_font_configuration()
    sheets = weasyprint_stylesheets(font_config, job.stylesheets or stylesheets(), fetcher)

    def lay_out(html: str):
        return weasyprint.HTML(string=html, base_url=job.base_url, url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=font_config)

    with _collector_paused(), weasyprint_fixes.laying_out():
        try:
            document, rounds, _ = book_layout.lay_out(job.html, lay_out, max_rounds)
        except HandbookError as err:
            raise HandbookError(f"{job.language}: {err}") from None
        with weasyprint_fixes.writing():
            # tagged whatever the variant: the PDF/A ones keep the structure tree too
            pdf = document.write_pdf(pdf_variant=job.variant, pdf_identifier=True, pdf_tags=True)
    return pdf, len(document.pages), rounds


def render_job(job: RenderJob) -> RenderResult:
    """Render ``job`` into ``job.output`` unless that file exists already (the cache).

    Beside the PDF, ``<key>.json`` keeps what a cached book's report needs (its pages);
    it is written last, so an entry with both files is whole.
    """
    output = Path(job.output)
    facts = output.with_suffix(".json")
    started = time.perf_counter()
    if output.is_file() and facts.is_file():
        os.utime(output)  # recently used: kept by prune_cache
        pages = json.loads(facts.read_text(encoding="utf-8"))["pages"]
        return RenderResult(job.language, str(output), pages, output.stat().st_size, 0.0, True)
    pdf, pages, layouts = render(job)
    output.parent.mkdir(parents=True, exist_ok=True)
    _write_whole(output, pdf)
    try:
        _write_whole(facts, json.dumps({"pages": pages}).encode())  # last: the entry is whole once it is there
    except BaseException:
        output.unlink(missing_ok=True)
        raise
    return RenderResult(job.language, str(output), pages, len(pdf), time.perf_counter() - started, False, layouts)


def _partial_name(path: Path, pid: int) -> Path:
    return path.with_name(f"{path.name}.{pid}.part")


def _write_whole(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all: a concurrent build never reads half a file.

    The bytes go to ``<name>.<pid>.part`` first, renamed when complete; a
    failed write (a full disk) removes it. A process killed while writing
    leaves it, for :func:`remove_partial_files`.
    """
    partial = _partial_name(path, os.getpid())
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if exc.filename is None:  # a failed write names no file: name it, the reader must know where
            raise OSError(exc.errno, exc.strerror, str(partial)) from None
        raise
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


_PARTIAL = re.compile(r".+\.(\d+)\.part")


def remove_partial_files(cache_dir: Path) -> list[Path]:
    """Remove the ``.part`` files of the cache whose writer is gone (killed while writing)."""
    removed = []
    if not cache_dir.is_dir():
        return removed
    for path in cache_dir.glob("*.part"):
        match = _PARTIAL.fullmatch(path.name)
        try:
            changed = path.stat().st_mtime
        except FileNotFoundError:
            continue  # renamed in place meanwhile
        if match and not lifeline.running_since(int(match.group(1)), changed):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def prune_cache(cache_dir: Path, keep: int = 48) -> None:
    """Keep the ``keep`` most recently used PDFs of the cache; the others go."""
    if not cache_dir.is_dir():
        return
    entries = sorted(cache_dir.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[keep:]:
        stale.unlink(missing_ok=True)
        stale.with_suffix(".json").unlink(missing_ok=True)


# --------------------------------------------------------------------------- chapters as files


def _slug(path: str) -> str:
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if stem == "index":
        return "home"
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "home"


def split_chapters(
    book: Path, out_dir: Path, language: str, paths: Sequence[str], titles: Sequence[str], epoch: int
) -> list[Path]:
    """One PDF per chapter, cut from the book at its top-level bookmarks.

    The book's first top-level bookmark is its table of contents; the others
    are the chapters in order. The pieces are print copies: the tagged,
    accessible edition is the book. They are written with pypdf's public API
    only, so they carry no file identifier (``/ID``, optional in an unencrypted
    PDF 1.7; pypdf offers no public way to set one) and the same book always
    gives the same bytes.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(book)
    tops = [item for item in reader.outline if not isinstance(item, list)]
    starts = [reader.get_destination_page_number(item) for item in tops][1:]
    if len(starts) != len(paths):
        raise HandbookError(
            Problem(str(book), 1, "pdf-outline", f"{len(starts)} chapter bookmarks for {len(paths)} chapters")
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    when = "D:" + datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc).strftime("%Y%m%d%H%M%SZ")
    written = []
    for i, (path, title, start) in enumerate(zip(paths, titles, starts), start=1):
        end = starts[i] if i < len(starts) else len(reader.pages)
        writer = PdfWriter()
        for page in range(start, max(end, start + 1)):
            writer.add_page(reader.pages[page])
        writer.add_metadata({"/Title": title, "/Producer": "pypdf", "/CreationDate": when, "/ModDate": when})
        writer.root_object[NameObject("/Lang")] = TextStringObject(language)
        target = out_dir / f"trp-handbook-{language}-{i:02d}-{_slug(path)}.pdf"
        with open(target, "wb") as stream:
            writer.write(stream)
        written.append(target)
    return written


# --------------------------------------------------------------------------- from a built site


def nav_sections(nav: list | None) -> dict[str, str]:
    """Source path -> title of the navigation section it is in (top-level pages have none)."""
    sections: dict[str, str] = {}

    def walk(items, section):
        for item in items or []:
            if isinstance(item, str):
                if section:
                    sections[item] = section
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value, title)
                    elif isinstance(value, str) and section:
                        sections[value] = section

    walk(nav, None)
    return sections


def chapters_from_site(
    site: Path, language: str, default_language: str, order: Sequence[str], sections: Mapping[str, str] | None = None
) -> list[Chapter]:
    """The chapters of ``language`` read back from a built site (for ``handbook pdf``).

    The content is the page's ``<article>`` without the theme's edit button:
    the same HTML the engine adapter captures while building.
    """
    import lxml.html

    chapters = []
    for path in order:
        url = page_url(path, language, default_language)  # the site's directory URLs
        page = site / url / "index.html"
        if not page.is_file():
            raise HandbookError(f"{page}: missing; expected a site built by `handbook build`")
        tree = lxml.html.fromstring(page.read_bytes())
        found = tree.xpath('//article[contains(concat(" ", @class, " "), " md-content__inner ")]')
        if not found:
            raise HandbookError(f"{page}: no <article class=\"md-content__inner\">; expected a page of the handbook")
        article = found[0]
        for chrome in article.xpath('.//*[contains(concat(" ", @class, " "), " md-content__button ")]'):
            _remove_keep_tail(chrome)
        content = (article.text or "") + "".join(lxml.html.tostring(c, encoding="unicode") for c in article)
        fallback = bool(article.xpath('.//*[contains(@class, "handbook-notice--fallback")]'))
        chapters.append(Chapter(path, url, content, (sections or {}).get(path), fallback))
    return chapters


def render_all(jobs: Sequence[RenderJob], workers: int) -> list[RenderResult]:
    """Render ``jobs`` in a pool of ``workers`` processes (one render per book).

    A failure names its book (:func:`trp_handbook.book.workers.named_failure`).
    """
    from trp_handbook.book.workers import BookWorkers, named_failure

    if workers <= 1 or len(jobs) <= 1:
        results = []
        for job in jobs:
            try:
                results.append(render_job(job))
            except Exception as exc:
                failure = named_failure("PDF", job.language, exc)
                if failure is exc:
                    raise
                raise failure from None
        return results
    pool = BookWorkers(workers, len(jobs))
    try:
        for job in jobs:
            pool.submit("PDF", job.language, render_job, job)
        return [result for _, result in pool.results()]
    finally:
        pool.shutdown()
