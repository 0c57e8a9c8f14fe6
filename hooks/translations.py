"""MkDocs adapter for translations: structural parity warnings and the status page.

Runs once per language build (mkdocs-static-i18n rebuilds everything per language):

* ``on_files`` (priority 10, before the i18n plugin sorts the files at -100):
  compare each page of the language being built with its English page
  (trp_handbook.translation.parity) and log every difference as a warning, which
  ``mkdocs build --strict`` makes fatal. Only pages with a ``translation:``
  record are compared (``handbook status`` lists the others as untracked;
  ``handbook check-parity`` compares them too). Citation parity is left to
  hooks/legislation.py, which reports it already. The English and the generated
  (sr-Latn) builds have nothing to compare.
* add every edition's ``annexes/translation-status.md`` when the navigation
  lists it (trp_handbook.translation.status_page); hooks/languages.py puts the
  generated content back after the i18n plugin.
"""

import functools
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from trp_handbook.engine import generated_pages
from trp_handbook.translation import parity
from trp_handbook.translation import status_page as translation_status_page
from trp_handbook.translation import status as translations
from trp_handbook.core.errors import relative
from trp_handbook.core.languages import by_code
from trp_handbook.core.project import REPO_ROOT
from trp_handbook.site.config import nav_order

# named by its file: MkDocs names a hook module by its configured path and cuts the
# prefix at the first dot, which an absolute path (a derived configuration) may hold
log = get_plugin_logger(f"hooks/{Path(__file__).stem}")


def _root(config):
    return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()


def _shower(config):
    root = _root(config)

    def show(path):
        shown = relative(path, root)
        return relative(path, REPO_ROOT) if shown.startswith("/") else shown

    return show


#: the translation status of the whole handbook, computed once per site build
#: (every language's status page shows all languages; the i18n plugin builds eight times)
_statuses = {}


def on_config(config):
    i18n = config.plugins.get("i18n")
    if i18n is None or not i18n.building:  # the outer build: a new site, a fresh status
        _statuses.clear()
    return config


def _status_page(docs, edition, nav_pages, show):
    if docs not in _statuses:
        _statuses[docs] = translations.status(docs, show)[0]
    return translation_status_page.edition_markdown(_statuses[docs], docs, edition, nav_pages)


@event_priority(10)
def on_files(files, config):
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return files
    language = i18n.current_language or i18n.default_language
    docs, show = Path(config.docs_dir), _shower(config)
    lang = by_code(language)
    if not lang.default and not lang.is_generated:
        for problem in parity.check(docs, show, [language], include_citations=False, recorded_only=True):
            log.warning(str(problem))
    nav_pages = nav_order(config.nav)
    if translation_status_page.PAGE in nav_pages:
        for code in i18n.build_languages:
            make = functools.partial(_status_page, docs, code, nav_pages, show)
            generated_pages.add(files, config, f"{code}/{translation_status_page.PAGE}", make)
    return files
