"""MkDocs hook: the editions page of every language and the edition line of the footer (trp_handbook.site.editions_page)."""

from mkdocs.plugins import event_priority

from trp_handbook.core.editions import load_editions
from trp_handbook.core.languages import default_language
from trp_handbook.core.texts import text
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.site import editions_page
from trp_handbook.site.config import nav_order


def on_config(config):
    language = adapter.language(config)
    config.extra.setdefault("handbook", {}).update(
        edition_line=editions_page.footer_line(load_editions()[0], language),
        editions_label=text("editions_title", language))
    return config


@event_priority(adapter.BEFORE_I18N_FILES)
def on_files(files, config):
    if editions_page.PAGE in nav_order(config.nav):
        default, repo = default_language().code, config.repo_url or ""
        generated_pages.add_every_edition(files, config, editions_page.PAGE,
                                          lambda code: editions_page.editions_markdown(code, default, repo))
    return files
