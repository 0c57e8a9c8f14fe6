"""MkDocs hook: every edition's generated glossary page (trp_handbook.translation.glossary).

An edition with a glossary file (data/glossary/<code>.yml) gets its own
``annexes/glossary.md`` (the Serbian Latin edition: the Serbian page,
transliterated); an edition without one falls back to the English page.
"""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import by_code
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.site.config import nav_order
from trp_handbook.translation.glossary import PAGE, available_languages, edition_glossary


def _page(language):
    try:
        return edition_glossary(language)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None


@event_priority(adapter.BEFORE_I18N_FILES)
def on_files(files, config):
    if PAGE in nav_order(config.nav):
        with_data = set(available_languages())
        generated_pages.add_every_edition(files, config, PAGE, _page,
                                          lambda code: (by_code(code).generated_from or code) in with_data)
    return files
