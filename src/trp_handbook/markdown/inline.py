"""Links, images and raw HTML tags of a page, found as Python-Markdown finds them.

Read on the masked view (no code, comments or front matter), with backslash
escapes set aside, so ``\\[`` opens nothing. The link syntax is Python-Markdown's
own: its ``LinkInlineProcessor`` reads the text between the brackets (nested
brackets allowed) and the target between the parentheses (nested parentheses,
``<...>``, a title), so the model and the renderer cannot disagree on where a
link ends. A link may be wrapped over lines but not over a blank line. As in
Python-Markdown, a link's text holds no other link (only images); an image's
text holds nothing.

Besides inline links: reference links (``[text][label]``, ``[label][]``,
``[label]``, only where the label is defined), their definitions
(``[label]: target "title"``), autolinks (``<https://...>``, ``<name@host>``)
and the links of raw HTML (``<a href>``, ``<img src>``, ``<source src>``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, LinkInlineProcessor

from trp_handbook.markdown.blocks import Lines
from trp_handbook.markdown.elements import AttributeList, HtmlTag, Link

_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t>]*\n")
_OPENER = re.compile(r"!?\[")
_REFERENCE_LABEL = re.compile(r"\s?\[([^\]]*)\]", re.DOTALL)
_DEFINITION = re.compile(
    r"^(?:[ ]{0,3}>)*[ \t]*\[(?P<label>[^\[\]^\n][^\[\]\n]*)\]:[ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<target>\S+))"
    r"(?:[ \t]+(?P<title>\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$"
)
_AUTOLINK = re.compile(AUTOLINK_RE)
_AUTOMAIL = re.compile(AUTOMAIL_RE)
_TAG = re.compile(
    r"""<(?P<closing>/?)(?P<name>[a-zA-Z][^\s/<>]*)"""
    r"""(?P<attrs>(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"""
)
_TAG_ATTRIBUTE = re.compile(r"""(?P<name>[^\s"'<>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?""")


class _LinkSyntax(LinkInlineProcessor):
    """Python-Markdown's reading of ``[text](target "title")``, on source text (nothing stashed)."""

    def unescape(self, text: str) -> str:
        return text


_SYNTAX = _LinkSyntax(r"\[")


def syntax_view(masked: str) -> str:
    """The masked text with backslash escapes blanked: brackets in it are Markdown's."""
    return _ESCAPE.sub("  ", masked)


def html_tags(src: Lines, masked: str, body_start: int, autolinks: Iterable[tuple[int, int]]) -> list[HtmlTag]:
    """The raw HTML tags of the body (autolinks are links, not tags)."""
    taken = sorted(autolinks)
    found = []
    for m in _TAG.finditer(masked, body_start):
        if any(a <= m.start() < b for a, b in taken):
            continue
        attributes, offsets = [], []
        for a in _TAG_ATTRIBUTE.finditer(masked, m.start("attrs"), m.end("attrs")):
            value_group = next((g for g in ("dq", "sq", "bare") if a.group(g) is not None), None)
            value = a.group(value_group) if value_group else ""
            attributes.append((a.group("name").lower(), value))
            offsets.append(a.start(value_group) if value_group else a.start())
        span = src.span(m.start(), m.end())
        found.append(HtmlTag(m.group("name").lower(), bool(m.group("closing")), tuple(attributes),
                             m.start(), m.end(), span.line, span.column, tuple(offsets)))
    return found


def autolinks(src: Lines, masked: str, body_start: int) -> list[Link]:
    found = []
    for pattern, prefix in ((_AUTOLINK, ""), (_AUTOMAIL, "mailto:")):
        for m in pattern.finditer(masked, body_start):
            span = src.span(m.start(1), m.end(1))
            found.append(Link("autolink", prefix + src.text[m.start(1):m.end(1)], src.text[m.start(1):m.end(1)],
                              span.line, span.column, m.start(), m.end(), src.line_of(m.start()),
                              target_start=m.start(1), target_end=m.end(1)))
    return found


def definitions(src: Lines, masked: Lines, first: int, fence_lines: set[int]) -> list[Link]:
    """Reference definitions ``[label]: target "title"`` (a footnote's ``[^label]:`` is none)."""
    found = []
    for i in range(first, len(masked.lines)):
        if i in fence_lines:
            continue
        m = _DEFINITION.match(masked.lines[i])
        if not m:
            continue
        base = src.starts[i]
        group = "angled" if m.group("angled") is not None else "target"
        target = src.text[base + m.start(group):base + m.end(group)]
        title = src.text[base + m.start("title") + 1:base + m.end("title") - 1] if m.group("title") else None
        label = src.text[base + m.start("label"):base + m.end("label")]
        found.append(Link("definition", target, label, i + 1, m.start(group), base + m.start(), base + m.end(), i + 1,
                          title=title, label=_normal_label(label), target_start=base + m.start(group),
                          target_end=base + m.end(group)))
    return found


def _normal_label(label: str) -> str:
    return " ".join(label.split()).lower()


def links(src: Lines, syntax: str, body_start: int, defined: dict[str, Link], skip: list[tuple[int, int]],
          attrs: dict[int, AttributeList]) -> list[Link]:
    """Inline and reference links and images, in the order they start.

    ``skip``: spans where no link starts (definitions, autolinks, HTML tags).
    """
    found: list[Link] = []
    skip = sorted(skip)
    text_range = (-1, -1)  # the text of the last link: only images start there
    skip_until = -1  # the rest of the last link (its target or label), or the last image: nothing starts there
    for m in _OPENER.finditer(syntax, body_start):
        is_image = m.group() == "!["
        bracket = m.start() + is_image
        k = bisect.bisect_right(skip, (bracket, len(syntax) + 1)) - 1
        if bracket < skip_until or (k >= 0 and skip[k][0] <= bracket < skip[k][1]):
            continue
        if not is_image and text_range[0] <= bracket < text_range[1]:
            continue
        if syntax.startswith("[^", bracket):
            continue  # a footnote reference
        found_link = _link_at(src, syntax, m.start(), is_image, defined, attrs)
        if found_link is None:
            continue
        link, text_end = found_link
        found.append(link)
        if is_image:
            skip_until = link.end
        else:
            text_range = (bracket + 1, text_end)
            bisect.insort(skip, (text_end, link.end))
    return sorted(found, key=lambda link: link.start)


def _link_at(src: Lines, syntax: str, p: int, is_image: bool, defined: dict[str, Link],
             attrs: dict[int, AttributeList]) -> tuple[Link, int] | None:
    """The link or image starting at ``p``, and where its text ends (its ``]``)."""
    text_start = p + (2 if is_image else 1)
    text, index, handled = _SYNTAX.getText(syntax, text_start)
    if not handled or _PARAGRAPH_BREAK.search(syntax, p, index):
        return None
    text_end = index - 1
    written = src.text[text_start:text_end]
    if syntax.startswith("(", index):
        href, title, end, handled = _SYNTAX.getLink(syntax, index)
        if not handled or _PARAGRAPH_BREAK.search(syntax, index, end):
            return None
        target_start = _target_start(syntax, index, href)
        target = src.text[target_start:target_start + len(href)]
        span = src.span(target_start, target_start + len(href))
        return Link("inline", target, written, span.line, span.column, p, end, src.line_of(p), is_image,
                    title, None, attrs.get(end), target_start=target_start,
                    target_end=target_start + len(href)), text_end
    ref = _REFERENCE_LABEL.match(syntax, index)
    if ref is not None and not _PARAGRAPH_BREAK.search(syntax, index, ref.end()):
        label, end, label_start = ref.group(1) or text, ref.end(), ref.start(1) if ref.group(1) else text_start
    else:
        label, end, label_start = text, index, text_start
    definition = defined.get(_normal_label(label))
    if definition is None:
        return None
    span = src.span(label_start, label_start + len(label))
    return Link("reference", definition.target, written, span.line, span.column, p, end, src.line_of(p), is_image,
                definition.title, definition.label, attrs.get(end), target_start=label_start,
                target_end=label_start + len(label)), text_end


def _target_start(syntax: str, index: int, href: str) -> int:
    """Where the target ``href`` (as getLink returns it) is written, after ``(`` at ``index``."""
    i = index + 1
    while i < len(syntax) and syntax[i] in " \t\n":
        i += 1
    if i < len(syntax) and syntax[i] == "<":
        i += 1
        while i < len(syntax) and syntax[i] in " \t":
            i += 1
    found = syntax.find(href, i) if href else i
    return found if found != -1 else i


def html_links(src: Lines, tags: list[HtmlTag]) -> list[Link]:
    """The links of raw HTML: ``<a href>`` (with its element text) and ``<img src>``, ``<source src>``."""
    found = []
    for k, tag in enumerate(tags):
        if tag.closing:
            continue
        if tag.name == "a" and tag.get("href") is not None:
            attribute, is_image = "href", False
            close = next((t for t in tags[k + 1:] if t.name == "a" and t.closing), None)
            text = src.text[tag.end:close.start] if close else ""
        elif tag.name in ("img", "source") and tag.get("src") is not None:
            attribute, is_image = "src", True
            text = tag.get("alt") or ""
        else:
            continue
        index = next(i for i, (name, _) in enumerate(tag.attributes) if name == attribute)
        value = tag.attributes[index][1]
        offset = tag.offsets[index]
        span = src.span(offset, offset + len(value))
        found.append(Link("html", value, text, span.line, span.column, tag.start, tag.end, tag.line, is_image,
                          tag.get("title"), element=tag.name, target_start=offset, target_end=offset + len(value)))
    return found
