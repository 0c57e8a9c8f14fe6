"""Laying out a printed book chapter by chapter, with every page number right.

A book is laid out in *parts*: the cover and contents, then each chapter
(``<section class="chapter">``, which always starts a new page, so the pages
are the ones a single layout makes). WeasyPrint lays out each part as a
document of its own and the parts' pages are joined into one document to
write (``Document.copy``, WeasyPrint's way of combining documents: links,
named destinations, outline and tags are made from the joined pages).

Why parts: WeasyPrint's cost per page grows with the size of the document it
lays out (its style, anchor and page lists, and the memory it walks), so a
part's pages cost the same in a 1,000-page book as in a 100-page one; and a
page number that needs another layout costs one part, not the book.

Page numbers are written into the HTML, never left to ``target-counter()``
(whose passes lay most of the book out again): each link gets ``data-page``
(:func:`with_page_numbers`), each part's footers start at its first page
(``counter-reset``) and print the book's total as a number. Parts are laid
out in order, so a link back to an earlier part prints its real page; a link
forward prints a guess (:func:`guessed_pages`, from where the target stands
in the HTML, at the pages per character of the parts laid out so far). Then
every printed number is checked against where its target landed:

- the right count of digits but the wrong number: the number is replaced in
  the laid-out box (:func:`correct_in_place`, :func:`correct_footers`). The
  shipped fonts' figures are all one width and never kerned (tested), so
  nothing moves;
- another count of digits: that part is laid out again with the real numbers,
  and the parts after it are checked again (its pages may have changed).

Nothing is written until every page reference and every footer names the
right page (:func:`stale_page_references`, :func:`stale_footers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from trp_handbook.core.errors import HandbookError

#: Characters of print HTML per page, measured on the Serbian book (A4: 4,142 at 129
#: pages, 4,115 at 1,087); A5 has half the area. The first guess, before a part is laid out.
CHARS_PER_PAGE = {"A4": 4100, "A5": 2100}

#: How many pages the prior above weighs against the chapters laid out so far. A few
#: chapters say little (a chapter of tables prints fewer characters per page), the whole book
#: much: 100 fits both the 129-page and the 1,087-page Serbian book (fewest parts laid out again).
PRIOR_PAGES = 100

_INTERNAL_LINK = re.compile(r'<a\b(?P<attrs>[^>]*?)\bhref="#(?P<anchor>[^"]+)"')
_ID = re.compile(r'\bid="([^"]+)"')
_PAPER = re.compile(r'<html\b[^>]*\bclass="paper-(\w+)"')
_BODY = re.compile(r"<body\b[^>]*>")
_CHAPTER = re.compile(r'<section class="chapter"')
_LAST_NUMBER = re.compile(r"(\d+)(\D*)$")
_NUMBER = re.compile(r"\d+")
#: The footer that prints "page n of N" (book.css, print_pdf.language_css).
FOOTER = "@bottom-right"
_TOTAL = "counter(pages)"
_PAGE_COUNTER = re.compile(r"counter\(page\)")


# --------------------------------------------------------------------------- the numbers written in


def with_page_numbers(html: str, pages: Mapping[str, int]) -> str:
    """The print HTML with every page reference written out (``data-page``) for the pages in ``pages``."""

    def add(match: re.Match[str]) -> str:
        page = pages.get(match.group("anchor"))
        return match.group(0) if page is None else f'{match.group(0)} data-page="{page}"'

    return _INTERNAL_LINK.sub(add, html)


def chars_per_page(html: str) -> int:
    """The first guess of characters per page, from the paper the book is printed on."""
    paper = _PAPER.search(html)
    return CHARS_PER_PAGE.get(paper.group(1) if paper else "A4", CHARS_PER_PAGE["A4"])


# --------------------------------------------------------------------------- reading a laid-out document


def _anchor_pages(document, first_page: int = 1) -> dict[str, int]:
    """Where WeasyPrint put each id: anchor -> page number (the document's first page is ``first_page``)."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=first_page):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def _page_references(document):
    """(anchor, the box whose text ends with the printed number, that number) of every page reference."""
    from weasyprint.formatting_structure.boxes import ParentBox

    for page in document.pages:
        for box in page._page_box.descendants():
            if getattr(box, "element_tag", "") != "a::after" or not isinstance(box, ParentBox):
                continue  # its text boxes carry the same tag: the inline box stands for them
            href = box.element.get("href", "")
            texts = [b for b in box.descendants() if getattr(b, "text", None)]
            printed = _LAST_NUMBER.search("".join(b.text for b in texts))
            if href.startswith("#") and printed:
                holder = next(b for b in reversed(texts) if _LAST_NUMBER.search(b.text))
                yield href[1:], holder, int(printed.group(1))


def _footer_texts(page) -> list:
    """The text boxes of a page's "page n of N" footer (none on the cover)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    return [box for margin in page._page_box.children
            if isinstance(margin, MarginBox) and margin.at_keyword == FOOTER
            for box in margin.descendants() if getattr(box, "text", None)]


def _numbers_in(boxes) -> list[int]:
    """The numbers the text boxes print, in reading order."""
    return [int(n) for box in boxes for n in _NUMBER.findall(box.text)]


def stale_page_references(document) -> list[tuple[str, int, int]]:
    """(anchor, printed page, real page) of every page reference that names the wrong page."""
    where = _anchor_pages(document)
    return [(anchor, printed, where.get(anchor, 0))
            for anchor, _, printed in _page_references(document) if where.get(anchor) != printed]


def stale_footers(document) -> list[tuple[int, list[int]]]:
    """(page, numbers printed) of every footer that does not say "page n of N" for its page."""
    total = len(document.pages)
    stale = []
    for number, page in enumerate(document.pages, start=1):
        printed = _numbers_in(_footer_texts(page))
        if printed and sorted(printed) != sorted([number, total]):
            stale.append((number, printed))
    return stale


# --------------------------------------------------------------------------- corrections in place


Fix = tuple[Any, Callable[[str], str]]  #: a laid-out text box and how its text changes


def _apply(fixes: list[Fix]) -> None:
    """Change the text of laid-out boxes (and of the Pango layouts WeasyPrint draws them from)."""
    for box, change in fixes:
        box.text = change(box.text)
        if getattr(box, "pango_layout", None) is not None:
            box.pango_layout.text = change(box.pango_layout.text)


def _last_number(number: int) -> Callable[[str], str]:
    """A change of text: its last number becomes ``number``."""
    return lambda text: _LAST_NUMBER.sub(lambda m: f"{number}{m.group(2)}", text, count=1)


def _numbers(values: list[str]) -> Callable[[str], str]:
    """A change of text: its numbers become ``values``, in order."""
    def change(text: str) -> str:
        new = iter(values)
        return _NUMBER.sub(lambda _: next(new), text)

    return change


def reference_fixes(references, where: Mapping[str, int]) -> list[Fix] | None:
    """What makes every page reference in ``references`` name its page in ``where``; None if one needs other digits.

    A number with as many digits as the one laid out has the same width: the
    shipped fonts' figures are all one width and never kerned (a test checks
    both), so the line, the page and every other page stay as they are.
    """
    fixes = []
    for anchor, box, printed in references:
        real = where.get(anchor)
        if real == printed:
            continue
        if real is None or len(str(real)) != len(str(printed)):
            return None
        fixes.append((box, _last_number(real)))
    return fixes


def footer_fixes(footers, laid_out: tuple[int, int], now: tuple[int, int], page_first: bool = True) -> list[Fix] | None:
    """What makes the footers of a part laid out as pages ``laid_out`` = (first, total) say ``now``.

    ``footers`` has the footer's text boxes of each page of the part; a footer
    prints the page and the total, in that order when ``page_first`` (as the
    book's "page n of N" label has them). None when a number needs other
    digits.
    """
    (laid_first, laid_total), (first, total) = laid_out, now
    if (laid_first, laid_total) == (first, total):
        return []
    fixes: list[Fix] = []
    for offset, boxes in enumerate(footers):
        if not boxes:
            continue  # the cover has no footer
        old = [laid_first + offset, laid_total] if page_first else [laid_total, laid_first + offset]
        new = [first + offset, total] if page_first else [total, first + offset]
        if _numbers_in(boxes) != old:
            return None  # not a footer this module wrote
        if any(len(str(a)) != len(str(b)) for a, b in zip(old, new)):
            return None
        values = [str(n) for n in new]
        for box in boxes:  # the numbers may be spread over the footer's text boxes
            count = len(_NUMBER.findall(box.text))
            fixes.append((box, _numbers(values[:count])))
            values = values[count:]
    return fixes


def correct_in_place(document, where: Mapping[str, int] | None = None) -> bool:
    """Print the right number in every page reference of a laid-out document, if that moves nothing.

    The text is replaced in the laid-out box, as WeasyPrint itself does when it
    draws an ellipsis (see :func:`reference_fixes`). False, with nothing
    changed, when a number needs another count of digits or names no page:
    the document must be laid out again. ``where`` is the page of every
    anchor (default: :func:`_anchor_pages` of the document itself).
    """
    fixes = reference_fixes(_page_references(document), _anchor_pages(document) if where is None else where)
    if fixes is None:
        return False
    _apply(fixes)
    return True


# --------------------------------------------------------------------------- a book in parts


@dataclass
class Part:
    """The cover and contents, or one chapter: a piece of the book's ``<body>`` laid out on its own."""

    body: str  #: its HTML, from the book's body
    start: int  #: where it begins in the book's HTML (for guesses)
    document: Any = None  #: its layout (a WeasyPrint Document), once laid out
    laid_out: tuple[int, int] = (0, 0)  #: (first page, the book's pages) its footers were laid out with
    references: list = field(default_factory=list)  #: its page references, as :func:`_page_references`
    footers: list = field(default_factory=list)  #: each page's footer text boxes

    @property
    def pages(self) -> int:
        return len(self.document.pages)


def split(html: str) -> tuple[str, list[Part], str]:
    """(head, parts, tail) of a print document: a part begins at each chapter.

    ``head`` runs to the end of the opening ``<body>`` tag, ``tail`` from
    ``</body>``; a document without a body is one part.
    """
    body = _BODY.search(html)
    end = html.rfind("</body>")
    if not body or end < body.end():
        return "", [Part(html, 0)], ""
    cuts = sorted({body.end(), end, *(m.start() for m in _CHAPTER.finditer(html, body.end(), end))})
    return html[: body.end()], [Part(html[a:b], a) for a, b in zip(cuts, cuts[1:])], html[end:]


def part_html(head: str, part: Part, tail: str, numbers: Mapping[str, int], first_page: int, total: int) -> str:
    """The document WeasyPrint lays out for ``part``: footers count from ``first_page`` and print ``total``."""
    head = head.replace(_TOTAL, f'"{total}"')
    if first_page > 1:  # WeasyPrint: the page a reset names is that page's own number
        head = head.replace("</head>", f"<style>@page :first {{ counter-reset: page {first_page}; }}</style>\n</head>", 1)
    return head + with_page_numbers(part.body, numbers) + tail


class Layout:
    """The parts of one book and where their pages are; see the module's docstring."""

    def __init__(self, html: str, render: Callable[[str], Any]) -> None:
        self.html = html
        self.render = render
        self.head, self.parts, self.tail = split(html)
        self.ids: dict[str, int] = {}
        for match in _ID.finditer(html):
            self.ids.setdefault(match.group(1), match.start())
        self.laid_out_pages = 0  #: pages laid out, every part and round together
        page, total = _PAGE_COUNTER.search(self.head), self.head.find(_TOTAL)
        #: whether the footer prints the page before the total ("page n of N")
        self.page_first = page is None or total < 0 or page.start() < total

    def _lay_out(self, part: Part, numbers: Mapping[str, int], first_page: int, total: int) -> None:
        part.document = part.references = part.footers = None  # the previous layout goes before the next
        part.document = self.render(part_html(self.head, part, self.tail, numbers, first_page, total))
        part.laid_out = (first_page, total)
        part.references = list(_page_references(part.document))
        part.footers = [_footer_texts(page) for page in part.document.pages]
        self.laid_out_pages += part.pages

    def starts(self) -> list[int]:
        """The first page of each part, as laid out now."""
        starts, page = [], 1
        for part in self.parts:
            starts.append(page)
            page += part.pages
        return starts

    def where(self) -> dict[str, int]:
        """The page of every anchor, as the parts are laid out now."""
        pages: dict[str, int] = {}
        for part, first in zip(self.parts, self.starts()):
            for anchor, page in _anchor_pages(part.document, first).items():
                pages.setdefault(anchor, page)
        return pages

    def first_round(self) -> None:
        """Lay out every part in order: links back print their real page, links forward a guess."""
        known: dict[str, int] = {}
        page, prior = 1, chars_per_page(self.html)
        per_page = float(prior)
        chapters = None  # (where the chapters begin in the HTML, their first page)
        for part in self.parts:
            if chapters is None and part.start and _CHAPTER.match(part.body):
                chapters = (part.start, page)
            elif chapters:  # what the chapters so far measured, weighed against the prior
                per_page = (prior * PRIOR_PAGES + part.start - chapters[0]) / (PRIOR_PAGES + page - chapters[1])
            numbers = {}
            for match in _INTERNAL_LINK.finditer(part.body):
                anchor = match.group("anchor")
                if anchor in known:
                    numbers[anchor] = known[anchor]
                elif anchor in self.ids:
                    numbers[anchor] = max(1, page + int((self.ids[anchor] - part.start) // per_page))
            total = page - 1 + max(1, round((len(self.html) - part.start) / per_page))
            self._lay_out(part, numbers, page, total)
            for anchor, found in _anchor_pages(part.document, page).items():
                known.setdefault(anchor, found)
            page += part.pages

    def _fixes(self, part: Part, first: int, total: int, where: Mapping[str, int]) -> list[Fix] | None:
        references = reference_fixes(part.references, where)
        footers = footer_fixes(part.footers, part.laid_out, (first, total), self.page_first)
        return None if references is None or footers is None else references + footers

    def correct(self, max_rounds: int) -> int:
        """Lay out again the parts with a number of other digits, until every number can be corrected in place.

        Returns the rounds of layout (1: the first round did). Raises
        :class:`HandbookError` when ``max_rounds`` are not enough.
        """
        for rounds in range(1, max_rounds + 1):
            where, starts = self.where(), self.starts()
            total = starts[-1] + self.parts[-1].pages - 1
            fixes = [self._fixes(part, first, total, where) for part, first in zip(self.parts, starts)]
            if all(f is not None for f in fixes):
                for part_fixes in fixes:
                    _apply(part_fixes)
                return rounds
            if rounds == max_rounds:
                break
            for index, part_fixes in enumerate(fixes):
                if part_fixes is None:
                    self._lay_out(self.parts[index], where, self.starts()[index], total)
        document = self.joined()
        raise HandbookError(f"page numbers still wrong after {max_rounds} rounds of layout: "
                            f"{(stale_page_references(document) + stale_footers(document))[:3]}")

    def joined(self):
        """One document of every part's pages, in order (the metadata of the first part: they share the head)."""
        return self.parts[0].document.copy([page for part in self.parts for page in part.document.pages])


def lay_out(html: str, render: Callable[[str], Any], max_rounds: int = 4) -> tuple[Any, int, int]:
    """(document, rounds of layout, pages laid out) of a print document, every page number checked.

    ``render`` lays out one HTML document (a WeasyPrint ``Document``).
    """
    layout = Layout(html, render)
    layout.first_round()
    rounds = layout.correct(max_rounds)
    document = layout.joined()
    stale = stale_page_references(document) + stale_footers(document)
    if stale:  # what correct() promised: nothing is written wrong
        raise HandbookError(f"page numbers wrong after layout: {stale[:3]}")
    return document, rounds, layout.laid_out_pages
