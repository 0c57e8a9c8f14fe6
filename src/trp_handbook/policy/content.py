"""The content policy: what a contribution to ``docs/`` may contain.

Pull requests come from people the maintainers may not know, and the site is
read by people whose safety depends on discretion. So the build refuses, before
anything is built, what could run code in a reader's browser, tell another host
who reads a page, publish a person's contact details, or publish half a site.
``handbook check-content`` runs the same rules (``content_cli``); the MkDocs
adapter is ``hooks/content_policy.py``.

Every finding is a :class:`~trp_handbook.core.errors.Problem`: ``file:line: rule: what
was found; expected ...``.

| rule                      | kind    | finding                                                          |
|---------------------------|---------|------------------------------------------------------------------|
| unsafe-element            | content | ``<script>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<form>``, ``<base>``, ``<link>``, ``<meta>``... |
| event-handler             | content | an ``on*=`` attribute (raw HTML or a ``{ onclick=... }`` attribute list) |
| unsafe-url                | content | a ``javascript:``, ``vbscript:``, ``data:`` or unknown-scheme URL   |
| style-url                 | content | ``<style>`` or ``style=`` with ``url()``, ``@import`` or ``expression()`` |
| meta-refresh              | content | ``<meta http-equiv="refresh">``                                   |
| svg-script                | content | an SVG file with a script, an event handler or a ``javascript:`` link |
| remote-resource           | content | an image or other resource loaded from another host                 |
| insecure-link             | content | an ``http://`` (or ``//host``) link where ``https://`` is meant     |
| personal-email            | content | an e-mail address not in ``data/contacts-allowlist.yml``           |
| personal-phone            | content | a phone number not in ``data/contacts-allowlist.yml``              |
| control-character         | content | an invisible control or bidirectional-override character           |
| front-matter              | content | front matter that is not YAML or has an unknown key (``frontmatter``) |
| empty-page                | content | a page with no text                                              |
| broken-link               | content | a relative link to a missing page, file or anchor                   |
| outside-docs              | content | a link or include (``--8<--``) that points outside ``docs/``         |
| duplicate-anchor          | content | an id (``{ #id }``, ``id="..."``) used twice on one page             |
| outside-language-folder   | layout  | a file in ``docs/`` that is not in a language folder               |
| unknown-language          | layout  | ``docs/<folder>/`` that is not a language of data/languages.yml      |
| generated-language-folder | layout  | ``docs/sr-Latn/``: an edition the build generates                  |
| case-collision            | layout  | two paths that differ only in letter case                         |
| encoding                  | layout  | a page that is not UTF-8                                          |
| byte-order-mark           | layout  | a page with a byte-order mark (U+FEFF)                            |
| file-type                 | layout  | a file that is neither a page (.md) nor an image                  |
| symlink                   | layout  | a symbolic link                                                   |
| too-large                 | layout  | a page over 512 KiB or an image over 5 MiB                         |
| nav-missing               | layout  | a ``nav:`` entry of mkdocs.yml for a page that does not exist       |

"Layout" problems stop the build at once; "content" problems are warnings that
``--strict`` makes fatal. Raw HTML is parsed with lxml (libxml2's HTML parser),
both as written in the Markdown and as Python-Markdown renders it, so markup that
only becomes HTML when rendered (attribute lists, entity-encoded URLs) is seen.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

import yaml
from lxml import etree
from lxml import html as lxml_html
from pydantic import BaseModel, ConfigDict, Field, model_validator

from trp_handbook.core import generated
from trp_handbook.core.datafile import load_model
from trp_handbook.core.errors import Problem
from trp_handbook.core.languages import Language, load_languages
from trp_handbook.markdown import Page, parse

MAX_PAGE_BYTES = 512 * 1024
MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
#: Modules that make a page of every edition at build time, each naming it in ``PAGE``
#: (added by hooks/glossary.py, hooks/legislation.py, hooks/translations.py).

#: Problems that stop the build at once (the tree itself is unsafe or unreadable).
LAYOUT_RULES = frozenset({
    "outside-language-folder", "unknown-language", "generated-language-folder", "case-collision",
    "encoding", "byte-order-mark", "file-type", "symlink", "too-large", "nav-missing",
})

_EXPECT_CONTENT = "expected Markdown text, links and images from docs/ (no scripts, frames, embedded objects, forms or page metadata)"
_UNSAFE_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "link",
    "portal", "fencedframe", "meta",
})
#: Attributes whose value the browser fetches as it shows the page.
_RESOURCE_ATTRS = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "ping", "codebase", "archive"})
#: Elements whose ``href`` is fetched (not followed by a click).
_RESOURCE_HREF_ELEMENTS = frozenset({"link", "image", "use", "feimage", "script"})
_IMAGE_ELEMENTS = frozenset({"img", "source", "picture", "image", "input", "video", "audio", "track"})
_LINK_ATTRS = frozenset({"href", "xlink:href", "action", "formaction", "cite", "longdesc"})
_SAFE_LINK_SCHEMES = frozenset({"https", "mailto", "tel", "law", "fact"})
_RUNNING_SCHEMES = ("javascript", "vbscript")


def generated_pages() -> frozenset[str]:
    """Paths (inside a language folder) of the pages the build generates: no file, yet linkable."""
    return frozenset(generated.EVERY_EDITION)


# --------------------------------------------------------------------------- allow-list


class Contact(BaseModel):
    """An organisation's published contact that pages may show."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: str = Field(min_length=1)
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
    phone: str | None = Field(default=None, pattern=r"^\+[0-9][0-9 ()./-]{5,}$", description="international form")
    source: str | None = Field(default=None, description="where the organisation publishes it")

    @model_validator(mode="after")
    def _an_email_or_a_phone(self) -> "Contact":
        if not self.email and not self.phone:
            raise ValueError("a contact needs an email or a phone")
        return self


class ContactList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    contacts: list[Contact] = Field(default_factory=list)


@dataclass(frozen=True)
class Allowlist:
    """The organisational contacts pages may show (addresses lower-cased, phones as digits)."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()

    def allows_email(self, address: str) -> bool:
        domain = address.rsplit("@", 1)[-1].lower()
        # Reserved for examples (RFC 2606, RFC 6761): never a real person's address.
        if domain in {"example.org", "example.com", "example.net"} or domain.endswith(
            (".example", ".invalid", ".test", ".localhost", ".example.org", ".example.com", ".example.net")
        ):
            return True
        return address.lower() in self.emails

    def allows_phone(self, number: str) -> bool:
        digits = _phone_digits(number)
        for allowed in self.phones:
            if digits == allowed:
                return True
            # a national form (0xx ...) of an allowed international number (+cc xx ...)
            if digits.startswith("0") and allowed.startswith("+") and allowed.endswith(digits[1:]) \
                    and 1 <= len(allowed) - len(digits) <= 3:
                return True
        return False


def load_allowlist(path: Path, shown_as: str = "data/contacts-allowlist.yml") -> Allowlist:
    """Read the allow-list; a missing file allows no contact, a broken one is a HandbookError."""
    if not path.exists():
        return Allowlist()
    contacts = load_model(path, ContactList, shown_as=shown_as).contacts
    return Allowlist(
        emails=frozenset(c.email.lower() for c in contacts if c.email),
        phones=frozenset(_phone_digits(c.phone) for c in contacts if c.phone),
    )


# --------------------------------------------------------------------------- policy


@dataclass(frozen=True)
class Policy:
    """What a tree is checked against: the language folders, the default, the contacts."""

    languages: tuple[str, ...]
    generated: dict[str, str] = field(default_factory=dict)  # generated language -> its source
    default: str = "en"
    allowlist: Allowlist = Allowlist()

    @classmethod
    def from_languages(cls, languages: Iterable[Language], allowlist: Allowlist | None = None) -> "Policy":
        langs = tuple(languages)
        return cls(
            languages=tuple(lang.code for lang in langs if not lang.is_generated),
            generated={lang.code: lang.generated_from for lang in langs if lang.generated_from},
            default=next(lang.code for lang in langs if lang.default),
            allowlist=allowlist or Allowlist(),
        )


def load_policy(allowlist_path: Path, allowlist_shown: str = "data/contacts-allowlist.yml") -> Policy:
    """The policy from data/languages.yml and the allow-list (HandbookError when either is broken)."""
    return Policy.from_languages(load_languages(), load_allowlist(allowlist_path, allowlist_shown))


# --------------------------------------------------------------------------- the tree


Shown = Callable[[Path], str]


@dataclass
class _Page:
    path: Path
    rel: str  # path under docs/, e.g. en/guide/index.md
    text: str
    shown_as: str

    @cached_property
    def source(self) -> Page:
        """The page's source model (made when needed: a part of a build checks some languages only)."""
        return parse(self.text, self.shown_as)

    @property
    def anchors(self) -> dict[str, int]:
        return self.source.anchors


def check_tree(docs: Path, policy: Policy, shown: Shown, rendered: bool = True,
               languages: Collection[str] | None = None) -> list[Problem]:
    """Every problem of the docs tree: its layout, then each page and image. Sorted.

    ``rendered=False`` skips rendering each page to check its HTML: for the site
    build, which renders every page anyway and checks that HTML as it goes.
    ``languages`` limits the check to those language folders (links into the
    others are still resolved); what lies outside any language folder belongs
    to the default language. Parts of a parallel build each check their own.
    """
    def mine(rel: str) -> bool:
        folder = rel.split("/", 1)[0] if "/" in rel else ""
        if languages is None:
            return True
        if folder in policy.languages:
            return folder in languages
        return policy.default in languages

    problems, pages, images = _layout(docs, policy, shown, mine)
    index = {page.rel: page for page in pages}
    for page in pages:
        if mine(page.rel):
            problems += check_page(page.text, page.shown_as, policy.allowlist, rendered, page.source)
            problems += _link_problems(page, index, docs, policy, shown)
    for image in images:
        if image.suffix.lower() == ".svg" and mine(image.relative_to(docs).as_posix()):
            problems += svg_problems(image.read_bytes(), shown(image))
    return sorted(set(problems))


def _walk(docs: Path) -> Iterator[tuple[Path, bool]]:
    """Every entry under ``docs`` (path, is a symlink), without following links."""
    for folder, dirs, files in os.walk(docs, followlinks=False):
        dirs.sort()
        for name in sorted(dirs):
            path = Path(folder) / name
            if path.is_symlink():
                yield path, True
        for name in sorted(files):
            path = Path(folder) / name
            yield path, path.is_symlink()


def _layout(docs: Path, policy: Policy, shown: Shown,
            mine: Callable[[str], bool] = lambda rel: True) -> tuple[list[Problem], list[_Page], list[Path]]:
    """The tree's layout problems (of the files ``mine`` accepts), and every page and image found."""
    problems: list[Problem] = []

    def report(rel: str, problem: Problem) -> None:
        if mine(rel):
            problems.append(problem)

    pages: list[_Page] = []
    images: list[Path] = []
    known = ", ".join(policy.languages)
    reported_folders: set[str] = set()
    seen_case: dict[str, str] = {}
    for path, is_link in _walk(docs):
        rel = path.relative_to(docs).as_posix()
        where = shown(path)
        folder = rel.split("/", 1)[0]
        if is_link:
            where = f"{shown(path.parent)}/{path.name}"  # the link itself, not what it points at
            report(rel, Problem(where, 1, "symlink", "a symbolic link; expected a regular file "
                                "(a link can publish a file from outside docs/)"))
            continue
        if "/" not in rel:
            report(rel, Problem(where, 1, "outside-language-folder", f"{rel} is not in a language folder; "
                                f"expected docs/<language>/{rel} with a language of data/languages.yml ({known})"))
            continue
        if folder in policy.generated:
            if folder not in reported_folders:
                reported_folders.add(folder)
                source = policy.generated[folder]
                report(rel, Problem(where, 1, "generated-language-folder",
                                    f"docs/{folder}/ is generated from docs/{source}/ by the build; "
                                    f"expected no docs/{folder}/ folder (edit docs/{source}/ instead)"))
            continue
        if folder not in policy.languages:
            if folder not in reported_folders:
                reported_folders.add(folder)
                report(rel, Problem(where, 1, "unknown-language",
                                    f"docs/{folder}/ is not a language of data/languages.yml; "
                                    f"expected a folder named for one of: {known}"))
            continue
        if rel.lower() in seen_case:
            other = shown(docs / seen_case[rel.lower()])
            report(rel, Problem(where, 1, "case-collision", f"the name differs from {other} only in letter "
                                "case; expected one file (on Windows and macOS the two are one)"))
            continue
        seen_case[rel.lower()] = rel
        suffix = path.suffix.lower()
        size = path.stat().st_size
        if suffix == ".md":
            if size > MAX_PAGE_BYTES:
                report(rel, Problem(where, 1, "too-large", f"{size} bytes; expected a page of at most "
                                    f"{MAX_PAGE_BYTES} bytes (split it into several pages)"))
                continue
            text, problem = decode_page(path.read_bytes(), where)
            if problem:
                report(rel, problem)
                continue
            pages.append(_Page(path, rel, text, where))
        elif suffix in IMAGE_SUFFIXES:
            if size > MAX_IMAGE_BYTES:
                report(rel, Problem(where, 1, "too-large", f"{size} bytes; expected an image of at most "
                                    f"{MAX_IMAGE_BYTES} bytes"))
                continue
            images.append(path)
        else:
            report(rel, Problem(where, 1, "file-type", f"{path.name!r} is not a page or an image; expected "
                                f"Markdown (.md) or an image ({', '.join(IMAGE_SUFFIXES)})"))
    return problems, pages, images


def decode_page(data: bytes, shown_as: str) -> tuple[str, Problem | None]:
    """The page's text, or the encoding problem that makes it unreadable."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem(shown_as, 1, "encoding", "UTF-16 text (it starts with a UTF-16 byte-order mark); "
                           "expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", Problem(shown_as, line, "encoding", f"byte 0x{data[exc.start]:02x} is not valid UTF-8 "
                           "(the file was saved in another encoding); expected UTF-8 text")
    if "\ufeff" in text:
        line = text[: text.index("\ufeff")].count("\n") + 1
        return "", Problem(shown_as, line, "byte-order-mark", "a byte-order mark (U+FEFF); expected UTF-8 "
                           "without a byte-order mark (save as 'UTF-8', not 'UTF-8 with BOM')")
    return text, None


# --------------------------------------------------------------------------- one page


def check_page(text: str, shown_as: str, allowlist: Allowlist = Allowlist(), rendered: bool = True,
               source: Page | None = None) -> list[Problem]:
    """The problems of one page that need no other file: safety, privacy, front matter, anchors.

    With ``rendered``, the page is also rendered and its HTML checked (markup that
    only Markdown produces, such as an attribute list's event handler).
    """
    problems = control_characters(text, shown_as)
    problems += personal_data(text, shown_as, allowlist)
    page = parse(text, shown_as) if source is None else source  # the tree check has it already
    problems += page.front_matter.problems
    if not page.body.strip():
        return problems + [Problem(shown_as, 1, "empty-page", "the page has no text; expected a heading and "
                                   "text (delete the file to show the English page instead)")]
    problems += duplicate_anchors(page, shown_as)
    problems += _include_problems(page.masked, shown_as)
    written = markdown_problems(page, shown_as) + html_problems(_html_view(page), shown_as)
    found = rendered_problems(render(page), shown_as, text) if rendered else []
    seen = {(p.rule, p.message) for p in written}
    problems += written + [p for p in found if (p.rule, p.message) not in seen]
    return problems


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_characters(text: str, shown_as: str) -> list[Problem]:
    problems = []
    for m in _CONTROL.finditer(text):
        char = m.group()
        name = unicodedata.name(char, "control character")
        problems.append(Problem(shown_as, _line(text, m.start()), "control-character",
                                f"invisible character U+{ord(char):04X} ({name}); expected visible text "
                                "(such characters can disguise links and text)"))
    return problems


# ----- personal data

_EMAIL = re.compile(r"(?<![\w.+%-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w-])")
_FILE_SUFFIXES = {"png", "jpg", "jpeg", "gif", "svg", "webp", "md", "pdf", "html", "css", "js"}
_PHONE_INTERNATIONAL = re.compile(r"(?<![\w+])\+[1-9]\d{0,2}(?:[ \t\u00a0./-]?\(?\d{1,4}\)?){2,6}(?!\w)")
_PHONE_NATIONAL = re.compile(r"(?<![\w/.+-])\(?0\d{1,4}\)?[ \t\u00a0/-]\d{2,4}(?:[ \t\u00a0-]\d{2,4}){1,3}(?![\w/-])")
_PHONE_TEL = re.compile(r"tel:([+\d][\d \t().-]*\d)", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$")


def _phone_digits(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "+" + digits if number.strip().startswith("+") else digits


def personal_data(text: str, shown_as: str, allowlist: Allowlist = Allowlist()) -> list[Problem]:
    """E-mail addresses and phone numbers that are not an allowed organisational contact."""
    problems = []
    for m in _EMAIL.finditer(text):
        address = m.group()
        if address.rsplit(".", 1)[-1].lower() in _FILE_SUFFIXES or allowlist.allows_email(address):
            continue
        problems.append(Problem(shown_as, _line(text, m.start()), "personal-email",
                                f"e-mail address {address}; expected no personal contact data (an "
                                "organisation's published address must be listed in data/contacts-allowlist.yml)"))
    found: dict[int, str] = {}
    for pattern in (_PHONE_TEL, _PHONE_INTERNATIONAL, _PHONE_NATIONAL):
        for m in pattern.finditer(text):
            number = m.group(1) if pattern is _PHONE_TEL else m.group()
            start = m.start(1) if pattern is _PHONE_TEL else m.start()
            digits = _phone_digits(number).lstrip("+")
            if not 8 <= len(digits) <= 15 or _DATE_LIKE.match(number.strip()):
                continue
            if any(start <= s < start + len(number) or s <= start < s + len(n) for s, n in found.items()):
                continue
            found[start] = number
    for start, number in sorted(found.items()):
        if allowlist.allows_phone(number):
            continue
        problems.append(Problem(shown_as, _line(text, start), "personal-phone",
                                f"phone number {number.strip()}; expected no personal contact data (an "
                                "organisation's published number must be listed in data/contacts-allowlist.yml)"))
    return problems


# ----- Markdown structure (read by the source model, trp_handbook.markdown)

_INCLUDE = re.compile(r"^[ \t>]*(?:-+8<-+[ \t]+['\"]?([^'\"\n]+?)['\"]?[ \t]*$|\{%-?\s*include\s+['\"]([^'\"]+)['\"])",
                      re.MULTILINE)


@dataclass(frozen=True)
class Link:
    """A URL to check: followed by the reader (``link``) or fetched with the page (``image``, ``resource``)."""

    line: int
    url: str
    kind: str


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _urls(page: Page, kinds: Collection[str]) -> list[Link]:
    """The page's links of the given source-model kinds, as URLs to check."""
    return [Link(link.line, link.target, "image" if link.is_image else "link")
            for link in page.links if link.kind in kinds]


def markdown_problems(page: Page, shown_as: str) -> list[Problem]:
    """Safety problems of Markdown links, images and attribute lists.

    A reference link is checked at its definition, where its target is written.
    """
    problems = []
    for link in _urls(page, ("inline", "definition", "autolink")):
        problems += url_problems(link, shown_as)
    for attrs in page.attribute_lists:
        if "=" not in attrs.content:
            continue
        for name, value in attrs.pairs:
            if name in (".", "id"):
                continue
            problems += attribute_problems("", name.lower(), html.unescape(value or ""), shown_as, attrs.line,
                                           in_svg=False)
    return problems


def _include_problems(masked: str, shown_as: str) -> list[Problem]:
    problems = []
    for m in _INCLUDE.finditer(masked):
        target = (m.group(1) or m.group(2)).strip()
        normal = posixpath.normpath(target)
        if target.startswith("/") or normal == ".." or normal.startswith("../") or re.match(r"^[a-zA-Z]:", target):
            problems.append(Problem(shown_as, _line(masked, m.start()), "outside-docs",
                                    f"include of {target!r} points outside docs/; expected the text itself "
                                    "(includes are not enabled, and never outside docs/)"))
    return problems


def duplicate_anchors(page: Page, shown_as: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for ident, line in page.explicit_ids:
        if ident in first:
            problems.append(Problem(shown_as, line, "duplicate-anchor", f"id '#{ident}' is already used on line "
                                    f"{first[ident]}; expected each id once on a page (links to it are ambiguous)"))
        else:
            first[ident] = line
    return problems


# ----- URLs


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see (entities decoded, spaces and controls dropped); ``//`` if protocol-relative."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    m = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return m.group(1) if m else None


def _short(url: str) -> str:
    url = html.unescape(url).strip()
    return url if len(url) <= 70 else url[:67] + "..."


def url_problems(link: Link, shown_as: str, in_svg: bool = False) -> list[Problem]:
    """The safety problems of one URL: a running or unknown scheme, a remote resource, plain http."""
    scheme = url_scheme(link.url)
    shown_url = _short(link.url)
    fetched = link.kind != "link"
    what = {"image": "an image", "resource": "a resource", "link": "a link"}[link.kind]
    expected = "expected a file under docs/" if fetched else \
        "expected https://, mailto:, law:, fact: or a relative link to a file under docs/"
    if scheme in _RUNNING_SCHEMES or scheme == "data" or (scheme and scheme not in _SAFE_LINK_SCHEMES | {"http", "//"}):
        rule = "svg-script" if in_svg and scheme in _RUNNING_SCHEMES else "unsafe-url"
        return [Problem(shown_as, link.line, rule, f"{scheme}: URL in {what} ({shown_url}); {expected}")]
    if fetched and scheme in ("http", "https", "//"):
        return [Problem(shown_as, link.line, "remote-resource", f"{what} loaded from another host ({shown_url}); "
                        f"{expected} (a remote resource tells its host who reads the page)")]
    if fetched and scheme in _SAFE_LINK_SCHEMES:
        return [Problem(shown_as, link.line, "unsafe-url", f"{scheme}: URL in {what} ({shown_url}); {expected}")]
    if scheme in ("http", "//"):
        return [Problem(shown_as, link.line, "insecure-link", f"{'http://' if scheme == 'http' else 'protocol-relative'} "
                        f"link ({shown_url}); expected https:// (plain http can be read and altered on the way)")]
    return []


# ----- raw HTML


def _html_view(page: Page) -> str:
    """The page as an HTML parser should read it: code and comments blanked, autolinks (not HTML) too, no NULs."""
    autolinks = [(link.start, link.end) for link in page.links if link.kind == "autolink"]
    masked = page.masked
    for start, end in autolinks:
        masked = masked[:start] + _blank(masked[start:end]) + masked[end:]
    return masked.replace("\x00", " ")


def _parse_html(text: str) -> etree._Element | None:
    if not text.strip() or "<" not in text:
        return None
    parser = lxml_html.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(text, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _css_decoded(css: str) -> str:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\\([0-9a-fA-F]{1,6})\s?", lambda m: chr(int(m.group(1), 16)) if int(m.group(1), 16) < 0x110000 else "", css)
    return re.sub(r"\\(.)", r"\1", css).lower()


def _css_loads(css: str) -> bool:
    decoded = _css_decoded(css)
    return bool(re.search(r"url\s*\(|@import|expression\s*\(|image-set\s*\(|image\s*\(", decoded))


def attribute_problems(element: str, name: str, value: str, shown_as: str, line: int, in_svg: bool) -> list[Problem]:
    """Problems of one attribute: an event handler, a running URL, a fetched remote URL, a loading style.

    Messages do not name the element, so that an attribute list (``{ onclick=... }``)
    and the HTML it renders to give the same line.
    """
    name = name.lower()
    if re.match(r"^on[a-z]+$", name):
        rule = "svg-script" if in_svg else "event-handler"
        return [Problem(shown_as, line, rule, f'event handler {name}="{_short(value)}"; expected no event '
                        "handlers (scripts are not allowed in content)")]
    if name == "style":
        if _css_loads(value):
            return [Problem(shown_as, line, "style-url", f'style="{_short(value)}" loads a resource; expected '
                            "no style that loads anything (no url(), @import or expression())")]
        return []
    if name in _RESOURCE_ATTRS or (name in ("href", "xlink:href") and element in _RESOURCE_HREF_ELEMENTS):
        urls = [u.strip().split()[0] for u in value.split(",") if u.strip()] if name == "srcset" else [value]
        kind = "image" if element in _IMAGE_ELEMENTS else "resource"
        return [p for u in urls for p in url_problems(Link(line, u, kind), shown_as, in_svg)]
    if name in _LINK_ATTRS:
        return url_problems(Link(line, value, "link"), shown_as, in_svg)
    if url_scheme(value) in _RUNNING_SCHEMES:  # e.g. SVG <set to="javascript:...">
        return url_problems(Link(line, value, "link"), shown_as, in_svg)
    return []


def _element_problems(el: etree._Element, shown_as: str, line: int, in_svg: bool) -> list[tuple[Problem, str]]:
    """The element's problems, each with the text to look for in the source (to find its line)."""
    tag = _local(el.tag)
    problems = []
    if tag == "meta" and (el.get("http-equiv") or "").strip().lower() == "refresh":
        problems.append(Problem(shown_as, line, "meta-refresh", '<meta http-equiv="refresh"> sends the reader '
                                "elsewhere; expected a link the reader chooses to follow"))
    elif tag == "script" and in_svg:
        problems.append(Problem(shown_as, line, "svg-script", "<script> in an SVG file; expected an SVG without "
                                "scripts, event handlers or javascript: links"))
    elif tag in _UNSAFE_ELEMENTS:
        problems.append(Problem(shown_as, line, "unsafe-element", f"<{tag}> element; {_EXPECT_CONTENT}"))
    if tag == "style" and _css_loads(el.text or ""):
        problems.append(Problem(shown_as, line, "style-url", "<style> loads a resource; expected no style that "
                                "loads anything (no url(), @import or expression())"))
    found = [(p, f"<{tag}") for p in problems]
    for name, value in el.attrib.items():
        name = _local(name) if name.startswith("{") else name
        for p in attribute_problems(tag, name, value, shown_as, line, in_svg):
            found.append((p, value if len(value) > 3 else name))
    return found


def _elements(root: etree._Element) -> Iterator[etree._Element]:
    return (el for el in root.iter() if isinstance(el.tag, str))


def html_problems(text: str, shown_as: str) -> list[Problem]:
    """Problems of the raw HTML in ``text`` (a page's Markdown, code blanked), at their source lines."""
    root = _parse_html(text)
    if root is None:
        return []
    return [p for el in _elements(root) for p, _ in _element_problems(el, shown_as, el.sourceline or 1, False)]


def render(page: Page) -> str:
    """The page's HTML as Python-Markdown makes it, with the extensions that shape HTML."""
    import markdown

    body = page.body
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "footnotes", "tables", "def_list", "admonition",
                                       "abbr", "pymdownx.superfences", "pymdownx.details"])
    try:
        return md.convert(body)
    except Exception:  # noqa: BLE001 - a page the renderer cannot handle is checked as written
        return ""


def rendered_problems(rendered: str, shown_as: str, source: str | None = None,
                      rules: frozenset[str] | None = None) -> list[Problem]:
    """Problems of a page's rendered HTML, located by searching what was found in ``source``."""
    root = _parse_html(rendered)
    if root is None:
        return []
    problems = []
    for el in _elements(root):
        for p, needle in _element_problems(el, shown_as, 1, False):
            if rules is None or p.rule in rules:
                problems.append(Problem(p.file, _find_line(source, needle), p.rule, p.message))
    return problems


def _find_line(source: str | None, needle: str) -> int:
    """The line where ``needle`` first appears in ``source`` (as written or entity-decoded); 1 if nowhere."""
    if not source:
        return 1
    for text in (source, html.unescape(source)):
        i = text.lower().find(needle.lower())
        if i != -1:
            return _line(text, i)
    return 1


# ----- SVG files


def svg_problems(data: bytes, shown_as: str) -> list[Problem]:
    """Scripts, event handlers and remote references in an SVG file (opened alone, it runs its scripts)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return [Problem(shown_as, 1, "svg-script", "not a readable SVG (XML) file; expected an SVG image")]
    problems = []
    for el in _elements(root):
        problems += [p for p, _ in _element_problems(el, shown_as, el.sourceline or 1, in_svg=True)]
    return problems


# ----- links between pages


def _link_problems(page: _Page, index: dict[str, _Page], docs: Path, policy: Policy, shown: Shown) -> list[Problem]:
    """Relative links and images that point at nothing, or outside docs/."""
    shown_as = shown(page.path)
    problems = []
    links = _urls(page.source, ("inline", "definition", "autolink", "html"))
    for link in links:
        if url_scheme(link.url) is not None or link.url.startswith("/"):
            continue
        problem = _resolve(link, page, index, docs, policy, shown)
        if problem:
            problems.append(Problem(shown_as, link.line, *problem))
    return problems


def _resolve(link: Link, page: _Page, index: dict[str, _Page], docs: Path, policy: Policy,
             shown: Shown) -> tuple[str, str] | None:
    """(rule, message) when a relative link points at nothing, else None."""
    path, _, fragment = html.unescape(link.url).partition("#")
    path = unquote(path.split("?", 1)[0])
    fragment = unquote(fragment)
    if not path:
        target = page
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
        if joined == ".." or joined.startswith("../"):
            return "outside-docs", f"link {link.url!r} points outside docs/; expected a page or image under docs/"
        language, _, inside = joined.partition("/")
        language = policy.generated.get(language, language)
        if not path.endswith(".md") and not path.lower().endswith(IMAGE_SUFFIXES):
            return None  # a folder or other URL: MkDocs does not resolve these either
        if inside in generated_pages():
            return None
        candidates = [f"{language}/{inside}"] + ([f"{policy.default}/{inside}"] if language != policy.default else [])
        found = next((c for c in candidates if c in index or (docs / c).is_file()), None)
        if found is None:
            return "broken-link", (f"link {link.url!r}: {shown(docs / candidates[0])} does not exist; expected a "
                                   "path, relative to this page, of a file under docs/")
        target = index.get(found)
    if not fragment or target is None or fragment.startswith("__"):
        return None
    if fragment in target.anchors:
        return None
    suggestion = _closest(fragment, target.anchors)
    return "broken-link", (f"link {link.url!r}: {shown(target.path)} has no heading or anchor '#{fragment}'; "
                           f"expected one of its ids{suggestion}")


def _closest(fragment: str, ids: Iterable[str]) -> str:
    import difflib

    candidates = sorted(i for i in ids if not i.startswith(("fn:", "fnref:")))
    close = difflib.get_close_matches(fragment, candidates, n=1)
    if close:
        return f" (did you mean '#{close[0]}'?)"
    return f" ({', '.join('#' + c for c in candidates[:5])})" if candidates else ""


# --------------------------------------------------------------------------- the nav of mkdocs.yml


def nav_problems(config_file: Path, docs: Path, policy: Policy, shown: Shown,
                 present: Iterable[str] | None = None) -> list[Problem]:
    """``nav:`` entries of ``config_file`` that name no page of the default language.

    ``present`` lists the pages the build has (files and generated pages, inside
    the default language's folder); without it, the files under ``docs/`` and the
    pages of :func:`generated_pages` count.
    """
    known = set(present) if present is not None else None
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return []  # MkDocs itself reports an unreadable configuration
    nav = None
    if isinstance(node, yaml.MappingNode):
        nav = next((v for k, v in node.value if k.value == "nav"), None)
    problems = []
    for scalar in _nav_scalars(nav):
        entry = scalar.value
        if entry.startswith(("http://", "https://")) or not entry.endswith(".md"):
            continue
        target = docs / policy.default / entry
        exists = entry in known if known is not None else (target.is_file() or entry in generated_pages())
        if not exists:
            problems.append(Problem(shown(config_file), scalar.start_mark.line + 1, "nav-missing",
                                    f"nav entry {entry!r}: {shown(target)} does not exist; expected an existing "
                                    "page (or remove the entry)"))
    return problems


def _nav_scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _nav_scalars(value)
