"""MkDocs adapter: the editions page of every language and the edition line of the footer."""

from mkdocs.plugins import event_priority

from trp_handbook.site import editions_page
from trp_handbook.engine import generated_pages
from trp_handbook.core.editions import load_editions
from trp_handbook.core.languages import default_language
from trp_handbook.site.config import nav_order
from trp_handbook.core.texts import text


def _language(config):
    i18n = config.plugins.get("i18n")
    return (i18n.current_language or i18n.default_language) if i18n else default_language().code


def on_config(config):
    language = _language(config)
    handbook = config.extra.setdefault("handbook", {})
    handbook["edition_line"] = editions_page.footer_line(load_editions()[0], language)
    handbook["editions_label"] = text("editions_title", language)
    return config


@event_priority(10)  # before mkdocs-static-i18n (-100) sorts the files into languages
def on_files(files, config):
    if editions_page.PAGE not in nav_order(config.nav):
        return files
    i18n = config.plugins.get("i18n")
    default = default_language().code
    for code in (i18n.build_languages if i18n else [default]):
        make = lambda code=code: editions_page.editions_markdown(code, default, config.repo_url or "")
        generated_pages.add(files, config, f"{code}/{editions_page.PAGE}", make)
    return files
