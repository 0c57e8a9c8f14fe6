"""Final touches on every HTML page the engine writes.

* External links get ``rel="noopener noreferrer"``: a reader's visit to the
  handbook is not disclosed to the site they go to.
* Material's hidden checkbox toggles carry ``autocomplete="off"``, which HTML
  does not allow on checkboxes (the Nu Html Checker reports it); it is dropped,
  and so is the empty ``tabindex=""`` Material writes on some navigation labels
  and a ``for="__toc"`` that points at no control (on a section's index page).
"""

from __future__ import annotations

import re

_EXTERNAL_A = re.compile(r'<a\s(?P<attrs>[^>]*\bhref="https?://[^"]*"[^>]*)>')
_REL = re.compile(r'\srel="(?P<rel>[^"]*)"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')


def _secure_rel(match: re.Match[str]) -> str:
    attrs = match.group("attrs")
    rel = _REL.search(attrs)
    if rel:
        words = rel.group("rel").split()
        for needed in ("noopener", "noreferrer"):
            if needed not in words:
                words.append(needed)
        attrs = attrs[: rel.start()] + f' rel="{" ".join(words)}"' + attrs[rel.end() :]
    else:
        attrs += ' rel="noopener noreferrer"'
    return f"<a {attrs}>"


def finish_page(html: str) -> str:
    html = _EXTERNAL_A.sub(_secure_rel, html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        # a section's index page has no table-of-contents toggle to point at
        html = html.replace(' for="__toc"', "")
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
