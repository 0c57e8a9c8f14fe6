"""MkDocs adapter: tell the reader when a page is not (quite) what they asked for.

On a fallback page (the English page shown inside another edition) the content
is wrapped as ``lang="en"``, a notice in the reader's language is put above it,
and the edit link becomes an invitation to translate. A translated page gets a
notice under its title when it is outdated (with a link to the current English
page) or not yet reviewed (trp_handbook.site.notices). The ``<head>`` alternates
list only languages that really have the page, fully qualified from
``site_url`` (trp_handbook.site.sitemap.alternates; see overrides/main.html).
"""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from pydantic import ValidationError

from trp_handbook.site import notices
from trp_handbook.markdown.frontmatter import Translation, blob_of
from trp_handbook.site.config import generated_in_nav
from trp_handbook.site.sitemap import alternates
from trp_handbook.translation.pages import page_url, scan

_state = {}


def _current_language(config):
    i18n = config.plugins.get("i18n")
    return (i18n.current_language or i18n.default_language) if i18n else "en"


def _source_path(page, language):
    """The page's path inside its language folder (``see/serbia.md``)."""
    src = page.file.src_uri
    locale = getattr(page.file, "locale", None)
    for prefix in (f"{locale}/", f"{language}/"):
        if locale and src.startswith(prefix):
            return src[len(prefix):]
    return src


def on_config(config):
    _state["map"] = scan(Path(config.docs_dir), generated=generated_in_nav(config.nav))
    return config


def on_page_markdown(markdown, page, config, files):
    language = _current_language(config)
    locale = getattr(page.file, "locale", language)
    page.meta["handbook_fallback"] = locale != language
    page.meta["handbook_path"] = _source_path(page, language)
    if page.meta["handbook_fallback"] and config.repo_url:
        page.edit_url = notices.translate_invite_url(config.repo_url, language, page.meta["handbook_path"])
    page.meta["handbook_translation"] = _translation_state(page, language, config)
    return markdown


def _translation_state(page, language, config):
    """(outdated, draft, URL of the English page) for a translated page; None for any other page."""
    tmap = _state.get("map")
    if tmap is None or language == tmap.default or page.meta["handbook_fallback"]:
        return None
    try:
        record = Translation.model_validate(page.meta.get("translation") or {})
    except ValidationError:
        record = None  # no record, or a broken one (the status command reports it): revision unknown
    source = record.source if record else page.meta["handbook_path"]
    english = Path(config.docs_dir) / tmap.default / source
    if not english.is_file():
        return None  # a generated page (glossary, status) or an orphan: no English page to compare
    outdated = record is not None and blob_of(english) != record.source_blob
    draft = record is None or record.review != "reviewed"
    url = get_relative_url(page_url(source, tmap.default, tmap.default) or ".", page.url or ".")
    if url.endswith(".."):
        url += "/"  # a folder URL, as the offline edition's link rewriting expects
    return outdated, draft, url


def on_page_content(html, page, config, files):
    language = _current_language(config)
    as_at = page.meta.get("law_as_at")
    if not page.meta.get("handbook_fallback"):
        insert = notices.law_as_at(as_at, language) if as_at else ""
        state = page.meta.get("handbook_translation")
        if state:
            outdated, draft, url = state
            insert += notices.translation_notice(language, outdated, draft, url)
        return notices.after_title(html, insert) if insert else html
    if as_at:  # the English text, with its date written in English
        html = notices.after_title(html, notices.law_as_at(as_at, page.file.locale))
    notice = notices.fallback_notice(language, page.edit_url)
    return notice + notices.wrap_in_language(html, page.file.locale)


@event_priority(0)  # after the i18n plugin (50) has set the language switcher links
def on_page_context(context, page, config, nav):
    tmap = _state.get("map")
    if tmap is None:
        return context
    path = page.meta.get("handbook_path", page.file.src_uri)
    context["handbook_hreflang"] = [
        {"lang": code, "href": href} for code, href in alternates(tmap, path, config.site_url or "/")
    ]
    return context
