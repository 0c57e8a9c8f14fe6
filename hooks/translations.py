"""MkDocs hook: structural parity warnings and the translation status page (trp_handbook.translation).

Each language build compares the pages with a ``translation:`` record with their
English pages (trp_handbook.translation.parity; ``--strict`` makes a difference
fatal; citations are left to hooks/legislation.py), and adds every edition's
``annexes/translation-status.md`` when the navigation lists it.
"""

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from trp_handbook.core.languages import by_code
from trp_handbook.core.project import shower
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.site.config import nav_order
from trp_handbook.translation import parity
from trp_handbook.translation import status_page
from trp_handbook.translation.status import status as translation_status

# named by its file: MkDocs names a hook module by its configured path and cuts the
# prefix at the first dot, which an absolute path (a derived configuration) may hold
log = get_plugin_logger(f"hooks/{Path(__file__).stem}")


@event_priority(adapter.BEFORE_I18N_FILES)
def on_files(files, config):
    if not adapter.has_languages(config):
        return files
    language, docs, show = adapter.language(config), Path(config.docs_dir), shower(adapter.config_folder(config))
    lang = by_code(language)
    if not lang.default and not lang.is_generated:
        for problem in parity.check(docs, show, [language], include_citations=False, recorded_only=True):
            log.warning(str(problem))
    nav_pages = nav_order(config.nav)
    if status_page.PAGE in nav_pages:
        def make(code):  # every language's page shows all languages: their status is read once per site build
            status = adapter.build_state(config, "translation_status", lambda: translation_status(docs, show)[0])
            return status_page.edition_markdown(status, docs, code, nav_pages)

        generated_pages.add_every_edition(files, config, status_page.PAGE, make)
    return files
