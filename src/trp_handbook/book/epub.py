"""The EPUB editions: one reflowable EPUB 3 per language, for phones and e-readers.

The EPUB is made from the same chapters as the printed book
(:func:`trp_handbook.book.pdf.assemble`: law citations pointing at the table of
legislation, notices, ``lang="en"`` on untranslated pages, unverified marks,
one id space for the whole book), so the two editions cannot drift apart. What
paper needs and a screen does not is undone here: the printed URL after a link
goes (the link itself works), and the CSS footnotes become EPUB footnotes
(``epub:type="footnote"`` asides at the end of their chapter, which reading
systems show as pop-ups).

The container is written with :mod:`zipfile` rather than a library such as
ebooklib: the OCF is a handful of files, and writing it here keeps every byte
under our control (``mimetype`` first and stored, fixed timestamps from
``SOURCE_DATE_EPOCH``, fixed order and permissions), which a reproducible build
needs and ebooklib does not promise.

Every function is a plain function of its arguments (the engine adapter
``hooks/pdf.py``, the tests and the ``handbook`` command share them).
"""

from __future__ import annotations

import datetime
import hashlib
import html as html_lib
import os
import re
import shutil
import time
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from trp_handbook.book import fonts
from trp_handbook.book.pdf import TOC_MAX_SECTIONS, BookInfo, PreparedChapter, _write_whole
from trp_handbook.core import palette
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.project import root as project_root

#: Bump when the code changes what it writes in a way the cache key cannot see.
EPUB_REVISION = "2"  # 2: chapters with inline SVG declare it

MIMETYPE = b"application/epub+zip"


def epub_css() -> Path:
    """The EPUB's own stylesheet, of the current project (:mod:`trp_handbook.core.project`)."""
    return project_root() / "overrides" / "print" / "epub.css"


def mark_file() -> Path:
    """The handbook's mark, of the current project: the cover and the site draw the same one."""
    return project_root() / "overrides" / "assets" / "images" / "mark.svg"


#: The shipped faces the EPUB embeds: the serif text (four faces), bold sans headings, mono.
FONT_FACES = (
    ("Noto Serif", "normal", 400, "noto-serif-400-normal"),
    ("Noto Serif", "italic", 400, "noto-serif-400-italic"),
    ("Noto Serif", "normal", 700, "noto-serif-700-normal"),
    ("Noto Serif", "italic", 700, "noto-serif-700-italic"),
    ("Noto Sans", "normal", 700, "noto-sans-700-normal"),
    ("Noto Sans Mono", "normal", 400, "noto-sans-mono-400-normal"),
)

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"


# --------------------------------------------------------------------------- where


def book_filename(language: str) -> str:
    return f"trp-handbook-{language}.epub"


def site_epub_path(language: str, default_language: str) -> str:
    """The EPUB's stable path in the site: ``epub/…-en.epub``, ``sr/epub/…-sr.epub``."""
    folder = "" if language == default_language else f"{language}/"
    return f"{folder}epub/{book_filename(language)}"


def size_token(language: str) -> str:
    """What the page templates show until the EPUB's size is known (see :func:`write_sizes`)."""
    return f"@@trp-handbook-epub-size:{language}@@"


def write_sizes(site: Path, sizes: Mapping[str, str]) -> None:
    """Put each EPUB's size in place of its token in every page of the site."""
    tokens = {size_token(code): size for code, size in sizes.items()}
    for page in site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        if "@@trp-handbook-epub-size:" not in content:
            continue
        for token, size in tokens.items():
            content = content.replace(token, size)
        page.write_text(content, encoding="utf-8")


def chapter_file(number: int) -> str:
    return f"chapter-{number:02d}.xhtml"


# --------------------------------------------------------------------------- chapters


_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _safe_ids(chapters: Sequence[PreparedChapter]) -> dict[str, str]:
    """Every id of the book -> an id of letters, digits, ``_.-`` only, still unique.

    Python-Markdown's footnote ids hold a colon (``fn:1``); reading systems
    differ in how they resolve such fragments, plain ids work everywhere.
    """
    import lxml.html

    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for chapter in chapters:
        for old in lxml.html.fragment_fromstring(chapter.html).xpath("descendant-or-self::*[@id]/@id"):
            new = _SAFE_ID.sub("-", old)
            while new in taken and mapping.get(old) != new:
                new += "_"
            taken.add(new)
            mapping[old] = new
    return mapping


def _footnotes(section, notes_label: str) -> None:
    """The book's CSS footnotes (``span.footnote`` at the call) as EPUB 3 footnotes.

    The call becomes a numbered link (``doc-noteref``) and the note an
    ``aside`` (``doc-footnote``) at the end of the chapter, linking back.
    """
    import lxml.html

    notes = []
    for number, span in enumerate(section.xpath('.//span[contains(concat(" ", @class, " "), " footnote ")]'),
                                  start=1):
        note_id = span.get("id") or f"{section.get('id')}-note-{number}"
        call_id = f"{note_id}-call"
        sup = lxml.html.Element("sup")
        link = lxml.html.Element("a", {"href": f"#{note_id}", "id": call_id, "class": "noteref",
                                       "role": "doc-noteref", "data-epub-type": "noteref"})
        link.text = str(number)
        sup.append(link)
        sup.tail = span.tail
        aside = lxml.html.Element("aside", {"id": note_id, "class": "footnote", "role": "doc-footnote",
                                            "data-epub-type": "footnote"})
        paragraph = lxml.html.Element("p")
        back = lxml.html.Element("a", {"href": f"#{call_id}", "role": "doc-backlink", "class": "note-number"})
        back.text = str(number)
        back.tail = " " + (span.text or "")
        paragraph.append(back)
        for child in list(span):
            paragraph.append(child)
        aside.append(paragraph)
        span.getparent().replace(span, sup)
        notes.append(aside)
    if notes:
        block = lxml.html.Element("section", {"class": "footnotes", "aria-label": notes_label})
        block.extend(notes)
        section.append(block)


def _drop_keep_tail(element) -> None:
    parent = element.getparent()
    previous = element.getprevious()
    tail = element.tail or ""
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


@dataclass(frozen=True)
class Resource:
    """A file of the EPUB other than a text: its path inside ``EPUB/`` and its bytes."""

    href: str
    media_type: str
    data: bytes


_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                ".svg": "image/svg+xml", ".webp": "image/webp"}


def _chapter_body(chapter: PreparedChapter, ids: Mapping[str, str], file_of: Mapping[str, str],
                  images: dict[str, Resource], notes_label: str) -> str:
    """The chapter's ``<section>`` as XHTML: links between files, EPUB footnotes, images inside."""
    import lxml.etree
    import lxml.html

    section = lxml.html.fragment_fromstring(chapter.html)
    for url in section.xpath('.//span[contains(concat(" ", @class, " "), " link-url ")]'):
        _drop_keep_tail(url)  # the printed address after a link: the link works here
    for element in section.xpath("descendant-or-self::*[@id]"):
        element.set("id", ids[element.get("id")])
    for attr in ("aria-labelledby", "aria-describedby", "for"):
        for element in section.xpath(f".//*[@{attr}]"):
            element.set(attr, " ".join(ids.get(i, i) for i in element.get(attr).split()))
    own = chapter_file(chapter.number)
    for link in section.xpath(".//a[@href]"):
        href = link.get("href")
        if not href.startswith("#"):
            continue
        target = ids.get(href[1:], href[1:])
        where = file_of.get(target)
        if where is None:
            raise HandbookError(f"{chapter.title}: link to #{href[1:]}, which is nowhere in the book; "
                                "expected an anchor of a chapter")
        link.set("href", f"#{target}" if where == own else f"{where}#{target}")
    _footnotes(section, notes_label)  # after the links: its own links stay in the chapter
    for image in section.xpath(".//img[@src]"):
        src = urlsplit(image.get("src"))
        if src.scheme != "file":
            raise HandbookError(f"{chapter.title}: image {image.get('src')!r} is not part of the site; "
                                "expected an image file of the docs folder (an EPUB has no remote resource)")
        path = Path(unquote(src.path))
        media = _IMAGE_TYPES.get(path.suffix.lower())
        if media is None:
            raise HandbookError(f"{chapter.title}: image {path.name!r}: expected one of {', '.join(_IMAGE_TYPES)}")
        data = path.read_bytes()
        href = f"images/{hashlib.sha256(data).hexdigest()[:16]}{path.suffix.lower()}"
        images[href] = Resource(href, media, data)
        image.set("src", f"../{href}")
    _strip_end(section)
    section.set("role", "doc-chapter")
    section.set("data-epub-type", "chapter")
    return lxml.etree.tostring(section, encoding="unicode", method="xml")


def _strip_end(section) -> None:
    """No white space after the chapter's last element: the page template's indentation is not content
    (a chapter read back from the built site, ``handbook epub``, then gives the same bytes as the build)."""
    last = section[-1] if len(section) else None
    if last is None:
        section.text = (section.text or "").rstrip() or None
    else:
        last.tail = (last.tail or "").rstrip() or None


def _xhtml_attributes(markup: str) -> str:
    """``epub:type`` from its placeholder; ``xml:lang`` beside every ``lang`` (older reading systems read it)."""
    markup = markup.replace(' data-epub-type="', ' epub:type="')
    return re.sub(r'(\s)lang="([^"]*)"', r'\1lang="\2" xml:lang="\2"', markup)


def _document(title: str, language: str, body: str, css: str, body_class: str = "") -> bytes:
    esc = html_lib.escape
    klass = f' class="{body_class}"' if body_class else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}" lang="{esc(language)}" xml:lang="{esc(language)}">\n'
        f'<head>\n<meta charset="UTF-8"/>\n<title>{esc(title)}</title>\n'
        f'<link rel="stylesheet" type="text/css" href="{css}"/>\n</head>\n'
        f"<body{klass}>\n{_xhtml_attributes(body)}\n</body>\n</html>\n"
    ).encode("utf-8")


# --------------------------------------------------------------------------- cover, navigation, package


def mark_element():
    """The mark (``overrides/assets/images/mark.svg``) parsed, without its comments."""
    import lxml.etree

    root = lxml.etree.fromstring(mark_file().read_bytes())
    for comment in root.xpath("//comment()"):
        comment.getparent().remove(comment)
    return root


def mark_svg(title: str | None = None) -> str:
    """The handbook's mark as inline SVG (decorative unless ``title`` names it)."""
    import lxml.etree

    root = mark_element()
    if title is None:
        root.set("aria-hidden", "true")
        root.set("focusable", "false")
    else:
        root.set("role", "img")
        root.set("aria-label", title)
    return lxml.etree.tostring(root, encoding="unicode")


def cover_lines(info: BookInfo) -> dict[str, str]:
    """What a cover says, in the edition's language: title, subtitle, language, edition, law as at."""
    from trp_handbook.core.texts import long_date, text

    return {
        "title": info.title,
        "subtitle": info.description,
        "language": info.language_name,
        "edition": text("print_edition", info.language, number=info.edition,
                        date=long_date(info.date, info.language)),
        "law": text("law_as_at", info.language, date=long_date(info.law_as_at, info.language)),
        "online": text("print_online_at", info.language, url=info.site_url),
    }


def _cover_body(info: BookInfo) -> str:
    esc = html_lib.escape
    lines = cover_lines(info)
    return (
        '<section class="cover" id="cover">'
        f'<div class="cover-band">{mark_svg()}</div>'
        f'<h1 class="cover-title">{esc(lines["title"])}</h1>'
        f'<p class="cover-subtitle">{esc(lines["subtitle"])}</p>'
        f'<p class="cover-language">{esc(lines["language"])}</p>'
        f'<p class="cover-edition">{esc(lines["edition"])}</p>'
        f'<p class="cover-law">{esc(lines["law"])}</p>'
        f'<p class="cover-online">{esc(lines["online"])}</p>'
        f'<p class="cover-licence" lang="en">{esc(info.copyright)}</p>'
        "</section>"
    )


def _nav_body(chapters: Sequence[PreparedChapter], info: BookInfo, ids: Mapping[str, str]) -> str:
    from trp_handbook.core.texts import text

    esc = html_lib.escape
    contents = text("print_contents", info.language)
    out = [f'<nav data-epub-type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">'
           f'<h1 id="toc-title">{esc(contents)}</h1><ol>']
    open_section = None
    for chapter in chapters:
        head = next((e for e in chapter.toc if e.level == 1), None)
        if head is None:
            continue
        if chapter.section != open_section:
            if open_section is not None:
                out.append("</ol></li>")
            if chapter.section is not None:
                out.append(f'<li><span>{esc(chapter.section)}</span><ol>')
            open_section = chapter.section
        where = f"text/{chapter_file(chapter.number)}"
        lang = f' lang="{esc(head.lang)}"' if head.lang else ""
        out.append(f'<li{lang}><a href="{where}#{ids[head.anchor]}">{esc(head.text)}</a>')
        subs = [e for e in chapter.toc if e.level == 2]
        if subs and len(subs) <= TOC_MAX_SECTIONS:
            out.append("<ol>")
            out.extend(f'<li><a href="{where}#{ids[e.anchor]}">{esc(e.text)}</a></li>' for e in subs)
            out.append("</ol>")
        out.append("</li>")
    if open_section is not None:
        out.append("</ol></li>")
    out.append("</ol></nav>")
    first = f"text/{chapter_file(chapters[0].number)}"
    out.append(
        f'<nav data-epub-type="landmarks" hidden="hidden" aria-label="{esc(text("epub_start", info.language))}"><ol>'
        f'<li><a data-epub-type="cover" href="cover.xhtml">{esc(text("epub_cover", info.language))}</a></li>'
        f'<li><a data-epub-type="toc" href="nav.xhtml#toc">{esc(contents)}</a></li>'
        f'<li><a data-epub-type="bodymatter" href="{first}">{esc(text("epub_start", info.language))}</a></li>'
        "</ol></nav>"
    )
    return "".join(out)


def identifier(info: BookInfo) -> str:
    """A stable identifier of one language's edition (the same in every build of it)."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL,
                                        f"{info.site_url.rstrip('/')}/#epub/{info.language}/edition-{info.edition}"))


def _w3c(epoch: int) -> str:
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _package(info: BookInfo, manifest: Sequence[tuple[str, str, str, str]], spine: Sequence[str]) -> bytes:
    """The package document: metadata (with the accessibility metadata), manifest, spine."""
    from trp_handbook.core.texts import text

    esc = html_lib.escape
    features = ("structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability")
    meta = [
        f'<dc:identifier id="pub-id">{identifier(info)}</dc:identifier>',
        f"<dc:title>{esc(info.title)}</dc:title>",
        f"<dc:language>{esc(info.language)}</dc:language>",
        f"<dc:description>{esc(info.description)}</dc:description>",
        f"<dc:publisher>{esc(info.title)}</dc:publisher>",
        f'<dc:rights xml:lang="en">{esc(info.copyright)}</dc:rights>',
        f"<dc:date>{info.date.isoformat()}</dc:date>",
        f'<meta property="dcterms:modified">{_w3c(info.source_epoch)}</meta>',
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        *(f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features),
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{esc(text("epub_accessibility_summary", info.language))}</meta>',
        '<meta name="cover" content="cover-image"/>',
    ]
    items = []
    for item_id, href, media, properties in manifest:
        props = f' properties="{properties}"' if properties else ""
        items.append(f'<item id="{item_id}" href="{href}" media-type="{media}"{props}/>')
    refs = [f'<itemref idref="{i}"/>' for i in spine]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" '
        f'xml:lang="{esc(info.language)}" prefix="schema: http://schema.org/">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' + "\n".join(meta) + "\n</metadata>\n"
        "<manifest>\n" + "\n".join(items) + "\n</manifest>\n"
        "<spine>\n" + "\n".join(refs) + "\n</spine>\n</package>\n"
    ).encode("utf-8")


CONTAINER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    b'<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n'
    b"</container>\n"
)


def stylesheet() -> bytes:
    """The EPUB's CSS: the embedded faces, the palette's colours, then ``overrides/print/epub.css``."""
    faces = "".join(
        f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
        f'src: url("../fonts/{name}.woff2") format("woff2"); }}\n'
        for family, style, weight, name in FONT_FACES
    )
    return (faces + palette.epub_css() + epub_css().read_text(encoding="utf-8")).encode("utf-8")


def cover_image(info: BookInfo) -> bytes:
    """The cover as an SVG image for reading systems' libraries: text drawn as outlines, no font needed."""
    from trp_handbook.book import cover

    return cover.cover_svg(cover_lines(info)).encode("utf-8")


# --------------------------------------------------------------------------- the EPUB


def epub_files(chapters: Sequence[PreparedChapter], info: BookInfo) -> list[tuple[str, bytes]]:
    """Every file of the EPUB (path in the container, bytes) in the order they are stored."""
    from trp_handbook.core.texts import text

    if not chapters:
        raise HandbookError(f"{info.language}: no chapter for the EPUB; expected the pages of the navigation")
    ids = _safe_ids(chapters)
    file_of: dict[str, str] = {}
    import lxml.html

    for chapter in chapters:
        for old in lxml.html.fragment_fromstring(chapter.html).xpath("descendant-or-self::*[@id]/@id"):
            file_of[ids[old]] = chapter_file(chapter.number)
    images: dict[str, Resource] = {}
    notes = text("epub_notes", info.language)
    texts = []
    for chapter in chapters:
        body = _chapter_body(chapter, ids, file_of, images, notes)
        texts.append((f"text/{chapter_file(chapter.number)}",
                      _document(chapter.title, chapter.lang or info.language, body, "../css/epub.css")))
    cover_doc = _document(info.title, info.language, _cover_body(info), "css/epub.css", "cover-page")
    nav_doc = _document(text("print_contents", info.language), info.language, _nav_body(chapters, info, ids),
                        "css/epub.css")
    manifest = [
        ("cover", "cover.xhtml", "application/xhtml+xml", "svg"),
        ("nav", "nav.xhtml", "application/xhtml+xml", "nav"),
    ]
    # a chapter with inline SVG (a country's process diagram) must say so (EPUBCheck OPF-014)
    manifest += [(f"c{chapter.number:02d}", path, "application/xhtml+xml", "svg" if b"<svg" in data else "")
                 for chapter, (path, data) in zip(chapters, texts)]
    manifest += [("css", "css/epub.css", "text/css", ""),
                 ("cover-image", "images/cover.svg", "image/svg+xml", "cover-image")]
    manifest += [(f"font-{name}", f"fonts/{name}.woff2", "font/woff2", "") for *_, name in FONT_FACES]
    manifest += [(f"img-{i}", href, res.media_type, "") for i, (href, res) in enumerate(sorted(images.items()))]
    spine = ["cover", "nav"] + [f"c{chapter.number:02d}" for chapter in chapters]
    files = [
        ("META-INF/container.xml", CONTAINER),
        ("EPUB/package.opf", _package(info, manifest, spine)),
        ("EPUB/cover.xhtml", cover_doc),
        ("EPUB/nav.xhtml", nav_doc),
        *((f"EPUB/{path}", data) for path, data in texts),
        ("EPUB/css/epub.css", stylesheet()),
        ("EPUB/images/cover.svg", cover_image(info)),
        *((f"EPUB/fonts/{name}.woff2", (fonts.fonts_dir() / f"{name}.woff2").read_bytes()) for *_, name in FONT_FACES),
        *((f"EPUB/{href}", res.data) for href, res in sorted(images.items())),
    ]
    return files


def _zip_info(name: str, epoch: int, compress: int) -> zipfile.ZipInfo:
    when = datetime.datetime.fromtimestamp(max(epoch, 315532800), tz=datetime.timezone.utc)
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = compress
    info.create_system = 3  # Unix, whatever the machine: the same bytes everywhere
    info.external_attr = 0o100644 << 16
    return info


_STORED_SUFFIXES = (".woff2", ".png", ".jpg", ".jpeg", ".gif", ".webp")


def epub_bytes(chapters: Sequence[PreparedChapter], info: BookInfo) -> bytes:
    """The EPUB of one language: ``mimetype`` first and stored, then every file in a fixed order."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_zip_info("mimetype", info.source_epoch, zipfile.ZIP_STORED), MIMETYPE)
        for name, data in epub_files(chapters, info):
            compress = zipfile.ZIP_STORED if name.endswith(_STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
            archive.writestr(_zip_info(name, info.source_epoch, compress), data, compresslevel=9)
    return buffer.getvalue()


# --------------------------------------------------------------------------- cache and site


def cache_key(chapters: Sequence[PreparedChapter], info: BookInfo) -> str:
    """A hash of everything that decides the EPUB's bytes."""
    h = hashlib.sha256()
    for part in (EPUB_REVISION, repr(info), epub_css().read_text(encoding="utf-8"), mark_file().read_text(encoding="utf-8"),
                 Path(__file__).read_text(encoding="utf-8"), repr(palette.PALETTE),
                 (Path(__file__).parent / "cover.py").read_text(encoding="utf-8"),
                 *(f"{c.number}\0{c.title}\0{c.section}\0{c.lang}\0{c.toc!r}\0{c.html}" for c in chapters)):
        h.update(part.encode("utf-8") + b"\0")
    for *_, name in FONT_FACES:
        h.update((fonts.fonts_dir() / f"{name}.woff2").read_bytes())
    from trp_handbook.core.texts import load_store

    h.update(repr(sorted((k, sorted(v.values.items())) for k, v in load_store().texts.items()
                         if k.startswith(("epub_", "print_", "law_as_at")))).encode("utf-8"))
    return h.hexdigest()


@dataclass(frozen=True)
class EpubResult:
    language: str
    path: Path
    size: int
    seconds: float
    cached: bool


def write_edition(chapters: Sequence[PreparedChapter], info: BookInfo, target: Path,
                  cache_dir: Path | None) -> EpubResult:
    """Write the EPUB of ``info.language`` to ``target``, from the cache when its inputs are unchanged."""
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    key = cache_key(chapters, info)
    cached = cache_dir / f"{key}.epub" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        os.utime(cached)  # recently used: kept by prune_cache
        shutil.copyfile(cached, target)
        return EpubResult(info.language, target, target.stat().st_size, time.perf_counter() - started, True)
    data = epub_bytes(chapters, info)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(cached, data)
        prune_cache(cache_dir)
    _write_whole(target, data)
    return EpubResult(info.language, target, len(data), time.perf_counter() - started, False)


def cache_folder(pdf_cache: Path | None) -> Path | None:
    """The EPUB cache sits beside the PDF cache (``.cache/epub``); none when the PDF cache is off."""
    return None if pdf_cache is None else pdf_cache.parent / "epub"


def prune_cache(cache_dir: Path | None, keep: int = 48) -> None:
    """Keep the ``keep`` most recently written EPUBs of the cache."""
    if cache_dir is None or not cache_dir.is_dir():
        return
    entries = sorted(cache_dir.glob("*.epub"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[keep:]:
        stale.unlink(missing_ok=True)


def write_for_site(chapters: Sequence[PreparedChapter], info: BookInfo, site: Path, default_language: str,
                   pdf_cache: Path | None) -> EpubResult:
    """Write ``info.language``'s EPUB at its stable place in the built site (see :func:`site_epub_path`)."""
    target = site / site_epub_path(info.language, default_language)
    return write_edition(chapters, info, target, cache_folder(pdf_cache))


def finish_site(site: Path, results: Sequence[EpubResult], log=None) -> None:
    """After the last language: write the EPUBs' sizes into the pages, report them, prune the cache."""
    from trp_handbook.book.pdf import human_size

    write_sizes(site, {r.language: human_size(r.size, r.language) for r in results})
    for result in results:
        if log is not None:
            log.info("epub: %s: %s, %s", result.language, human_size(result.size, "en"),
                     "taken from the EPUB cache" if result.cached else f"written in {result.seconds:.1f} s")
