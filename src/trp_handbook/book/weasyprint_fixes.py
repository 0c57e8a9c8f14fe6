"""What the handbook changes in WeasyPrint 70 and pydyf 0.13 while it renders a book.

Each change wraps one private function or property for the duration of a
render and restores it afterwards; each checks that the thing it wraps is
there and otherwise leaves that WeasyPrint's own behaviour alone, so a newer
WeasyPrint renders correctly (if more slowly) before this module is revised.
The two speed fixes write the same bytes as WeasyPrint alone (tested); they
remove work that grows with the square of the pages:

- :func:`page_styles_for_the_page_only`: WeasyPrint's
  ``set_page_type_computed_styles`` looks for the margin boxes of a page
  type among the cascaded styles of *every element of the document*, once
  per page (3.5 s of a 1,087-page layout, 0.04 s of 129 pages);
- :func:`page_references_listed_once`: pydyf's ``PDF.page_references``
  builds the references of all pages on every access, and WeasyPrint's
  tagging asks once per structure element (68 s of a 1,087-page book, 1.7 s
  of 129 pages).

The third adds what PDF/UA needs and WeasyPrint 70 does not write:
:func:`languages_tagged` gives an element with a ``lang`` of its own a
``/Lang`` in the structure tree.

These are engine fixes, not handbook logic: drop each when WeasyPrint does it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager


@contextmanager
def _replaced(owner: object, name: str, make) -> Iterator[None]:
    """``owner.name`` replaced by ``make(original)`` while the block runs (left alone if absent)."""
    original = owner.__dict__.get(name) if isinstance(owner, type) else getattr(owner, name, None)
    if original is None:  # another WeasyPrint or pydyf: keep its own behaviour
        yield
        return
    setattr(owner, name, make(original))
    try:
        yield
    finally:
        setattr(owner, name, original)


def page_styles_for_the_page_only():
    """Compute a page type's margin-box styles from that page type's own rules.

    The result is what WeasyPrint computes: after ``add_page_declarations``
    the margin boxes of ``page_type`` are exactly the ``(page_type, pseudo)``
    keys of the cascade, for the pseudo-elements the ``@page`` rules name.
    """
    from weasyprint.layout import page

    def make(original):
        def set_page_type_computed_styles(page_type, html, style_for):
            style_for.add_page_declarations(page_type)
            root = html.etree_element
            style_for.set_computed_styles(page_type, root=root, parent=root, base_url=html.base_url)
            cascaded = style_for.get_cascaded_styles()
            pseudo_types = dict.fromkeys(
                pseudo_type
                for sheet, _, _ in style_for._sheets
                for _, selectors, _ in sheet.page_rules
                for _, pseudo_type, _ in selectors
                if pseudo_type
            )
            for key in [(page_type, pseudo) for pseudo in pseudo_types if (page_type, pseudo) in cascaded]:
                style_for.set_computed_styles(
                    page_type, pseudo_type=key[1], root=root, parent=page_type, base_url=html.base_url)

        return set_page_type_computed_styles

    return _replaced(page, "set_page_type_computed_styles", make)


def page_references_listed_once():
    """Make pydyf's ``PDF.page_references`` a tuple built once per number of pages."""
    import pydyf

    def make(original: property) -> property:
        def listed_once(pdf):
            kids = pdf.pages["Kids"]
            cached = pdf.__dict__.get("_handbook_page_references")
            if cached is None or cached[0] != len(kids):
                cached = (len(kids), original.fget(pdf))
                pdf.__dict__["_handbook_page_references"] = cached
            return cached[1]

        return property(listed_once)

    return _replaced(pydyf.PDF, "page_references", make)


def languages_tagged():
    """Give tagged elements with a ``lang`` of their own a ``/Lang`` (WeasyPrint 70 sets only the document's).

    An untranslated chapter is English inside a Serbian book: a screen reader
    must switch voice. WeasyPrint builds its structure tree in the private
    ``weasyprint.pdf.tags._build_box_tree``; it is wrapped for the render.
    """
    import pydyf
    from weasyprint.pdf import tags

    def make(original):
        def with_lang(box, *args, **kwargs):
            element = getattr(box, "element", None)
            lang = None
            if element is not None and getattr(box, "element_tag", None) not in ("html", "body"):
                lang = element.get("lang") if hasattr(element, "get") else None
            for struct in original(box, *args, **kwargs):
                if lang and "Lang" not in struct:
                    struct["Lang"] = pydyf.String(lang)
                yield struct

        return with_lang

    return _replaced(tags, "_build_box_tree", make)


@contextmanager
def laying_out() -> Iterator[None]:
    """The fixes that apply while WeasyPrint lays a document out."""
    with page_styles_for_the_page_only():
        yield


@contextmanager
def writing() -> Iterator[None]:
    """The fixes that apply while WeasyPrint writes a laid-out document as a tagged PDF."""
    with ExitStack() as stack:
        stack.enter_context(languages_tagged())
        stack.enter_context(page_references_listed_once())
        yield
