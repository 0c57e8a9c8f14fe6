"""MkDocs hook: the glossary page of every edition with a glossary file (trp_handbook.translation.glossary)."""

from mkdocs.plugins import event_priority

from trp_handbook.core.languages import by_code
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.site.config import nav_order
from trp_handbook.translation.glossary import PAGE, available_languages, edition_glossary


def _page(language):
    with adapter.refusing():
        return edition_glossary(language)


@event_priority(adapter.BEFORE_I18N_FILES)
def on_files(files, config):
    if PAGE in nav_order(config.nav):
        with_data = set(available_languages())
        generated_pages.add_every_edition(files, config, PAGE, _page,
                                          lambda code: (by_code(code).generated_from or code) in with_data)
    return files
