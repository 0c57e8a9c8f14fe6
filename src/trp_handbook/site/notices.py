"""Honest notices on pages that are not (yet) what the reader asked for.

A page missing in the reader's language is shown in English: the reader is told
so in their own language, the English text is marked ``lang="en"`` for screen
readers and hyphenation, and the edit link invites a translation instead of an
edit of the English file.

A translated page says, in the reader's language, when it was made from an
earlier version of the English page (*outdated*: the English page's blob id is
not the one its ``translation:`` record names), with a link to the current
English page, and when nobody has reviewed it yet (*draft*, or no record).
Notices are left out of the search index (``data-search-exclude``): they are
not what a reader searches for.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from html import escape
from pathlib import Path

from pydantic import ValidationError

from trp_handbook.core.languages import by_code
from trp_handbook.core.texts import long_date, text
from trp_handbook.markdown.frontmatter import Translation, blob_of
from trp_handbook.translation.pages import TranslationMap, page_url


def fallback_notice(language: str, invite_url: str | None) -> str:
    """HTML of the notice shown above an untranslated page, in ``language``."""
    lang = by_code(language)
    label = escape(text("notice_label", language))
    body = escape(text("fallback_notice", language, language_name=lang.name))
    invite = ""
    if invite_url:
        invite = (
            f' <a href="{escape(invite_url)}" rel="noopener noreferrer">'
            f"{escape(text('fallback_invite', language))}</a>"
        )
    return _aside("info", "fallback", label, f"<p>{body}{invite}</p>")


def _aside(kind: str, modifier: str, label: str, body_html: str) -> str:
    return (
        f'<aside class="admonition {kind} handbook-notice handbook-notice--{modifier}" '
        f'role="note" aria-label="{label}" data-search-exclude>'
        f'<p class="admonition-title">{label}</p>{body_html}</aside>'
    )


def translation_notice(language: str, outdated: bool, draft: bool, english_url: str | None) -> str:
    """HTML of the notice on a translated page: outdated (with a link to the English page), unreviewed.

    Empty when the translation is current and reviewed.
    """
    if not (outdated or draft):
        return ""
    label = escape(text("notice_label", language))
    parts = []
    if outdated:
        link = ""
        if english_url:
            link = (f' <a href="{escape(english_url)}" hreflang="en">'
                    f"{escape(text('outdated_link', language))}</a>")
        parts.append(f"<p>{escape(text('outdated_notice', language))}{link}</p>")
    if draft:
        parts.append(f"<p>{escape(text('draft_notice', language))}</p>")
    return _aside("warning" if outdated else "info", "outdated" if outdated else "draft", label, "".join(parts))


def wrap_in_language(html: str, language: str) -> str:
    """Mark a block of content as being in another language than the page."""
    return f'<div lang="{escape(language)}">{html}</div>'


def translate_invite_url(repo_url: str, language: str, path: str, branch: str = "main") -> str:
    """Where a translator starts the missing ``docs/<language>/<path>`` (GitHub's new-file form)."""
    folder, _, name = f"docs/{language}/{path}".rpartition("/")
    return f"{repo_url.rstrip('/')}/new/{branch}/{folder}?filename={name}"


def law_as_at(date: datetime.date | str, language: str) -> str:
    """HTML of the line under a chapter's title: the date at which it states the law."""
    return f'<p class="handbook-as-at">{escape(text("law_as_at", language, date=long_date(date, language)))}</p>'


def after_title(html: str, insert: str) -> str:
    """``insert`` placed right after the page's first ``<h1>``."""
    end = html.find("</h1>")
    return html[: end + 5] + insert + html[end + 5 :] if end >= 0 else insert + html


def translation_state(
    meta: dict, path: str, language: str, tmap: TranslationMap, docs: Path, url_from: Callable[[str], str]
) -> tuple[bool, bool, str] | None:
    """(outdated, draft, URL of the English page) for a translated page; None for any other page.

    ``meta`` is the page's front matter (its ``translation:`` record), ``path``
    its path in the language folder, ``url_from(target)`` the link from the
    page to a site-relative URL.
    """
    if language == tmap.default:
        return None
    try:
        record = Translation.model_validate(meta.get("translation") or {})
    except ValidationError:
        record = None  # no record, or a broken one (the status command reports it): revision unknown
    source = record.source if record else path
    english = docs / tmap.default / source
    if not english.is_file():
        return None  # a generated page (glossary, status) or an orphan: no English page to compare
    outdated = record is not None and blob_of(english) != record.source_blob
    draft = record is None or record.review != "reviewed"
    url = url_from(page_url(source, tmap.default, tmap.default) or ".")
    if url.endswith(".."):
        url += "/"  # a folder URL, as the offline edition's link rewriting expects
    return outdated, draft, url


def decorate(html: str, language: str, page_language: str, meta: dict, edit_url: str | None) -> str:
    """The page's content with its notices: fallback (and ``lang``), law as at, outdated or draft translation."""
    as_at = meta.get("law_as_at")
    if page_language == language:
        insert = law_as_at(as_at, language) if as_at else ""
        state = meta.get("handbook_translation")
        if state:
            outdated, draft, url = state
            insert += translation_notice(language, outdated, draft, url)
        return after_title(html, insert) if insert else html
    if as_at:  # the English text, with its date written in English
        html = after_title(html, law_as_at(as_at, page_language))
    return fallback_notice(language, edit_url) + wrap_in_language(html, page_language)
