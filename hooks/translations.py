"""MkDocs hook: each language's structural parity warnings (trp_handbook.translation.parity), the status pages."""

from pathlib import Path

from mkdocs.plugins import event_priority

from trp_handbook.core.languages import by_code
from trp_handbook.core.project import shower
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.site.config import nav_order
from trp_handbook.translation import parity, status_page
from trp_handbook.translation.status import status as translation_status

log = adapter.hook_logger(__file__)


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
