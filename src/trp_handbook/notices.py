"""Honest notices on pages that are not (yet) what the reader asked for.

A page missing in the reader's language is shown in English: the reader is told
so in their own language, the English text is marked ``lang="en"`` for screen
readers and hyphenation, and the edit link invites a translation instead of an
edit of the English file.
"""

from __future__ import annotations

import datetime
from html import escape

from babel.dates import format_date

from .ui_text import text
from .languages import by_code


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
    return (
        f'<aside class="admonition info handbook-notice handbook-notice--fallback" '
        f'role="note" aria-label="{label}">'
        f'<p class="admonition-title">{label}</p><p>{body}{invite}</p></aside>'
    )


def wrap_in_language(html: str, language: str) -> str:
    """Mark a block of content as being in another language than the page."""
    return f'<div lang="{escape(language)}">{html}</div>'


def translate_invite_url(repo_url: str, language: str, path: str, branch: str = "main") -> str:
    """Where a translator starts the missing ``docs/<language>/<path>`` (GitHub's new-file form)."""
    folder, _, name = f"docs/{language}/{path}".rpartition("/")
    return f"{repo_url.rstrip('/')}/new/{branch}/{folder}?filename={name}"


def law_as_at(date: datetime.date | str, language: str) -> str:
    """HTML of the line under a chapter's title: the date at which it states the law.

    The date is written the way the reader's language writes dates (babel/CLDR).
    """
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    locale = {"en": "en_GB"}.get(language, language.replace("-", "_"))
    written = format_date(date, "long", locale=locale)
    return f'<p class="handbook-as-at">{escape(text("law_as_at", language, date=written))}</p>'


def after_title(html: str, insert: str) -> str:
    """``insert`` placed right after the page's first ``<h1>``."""
    end = html.find("</h1>")
    return html[: end + 5] + insert + html[end + 5 :] if end >= 0 else insert + html
