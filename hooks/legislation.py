"""MkDocs adapter for legal citations: ``law:`` links, their checks, the table of legislation.

Runs once per language build (mkdocs-static-i18n rebuilds everything per language):

* ``on_config``: load data/legislation.yml and put a fresh CitationExtension for
  the current language into ``markdown_extensions`` (replacing the previous one);
* ``on_files``: report the citation problems of this language's pages as
  warnings (``--strict`` makes them fatal; the registry's own problems are
  reported in the default-language build), and add the generated page
  ``annexes/legislation.md`` of every edition through
  :mod:`trp_handbook.engine.generated_pages` (before the i18n plugin sorts the files
  at -100; its content is put back after, at -110);
* ``on_page_markdown``: the extension writes citations in the page's language
  (an untranslated page shown in English gets English citations);
* ``on_page_content``: warnings for problems only the renderer saw;
* ``on_post_build``: write ``legislation.json`` into the site.

Without the i18n plugin (a one-language site) the docs folder is that language.
"""

import dataclasses
import functools
import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from trp_handbook.engine import generated_pages
from trp_handbook.legislation import table as legislation_table
from trp_handbook.legislation.citations import CitationExtension
from trp_handbook.core.editions import load_editions
from trp_handbook.core.errors import HandbookError, relative
from trp_handbook.core.languages import by_code
from trp_handbook.legislation.registry import load_registry
from trp_handbook.legislation.check import check, language_folders, scan_language, source_language
from trp_handbook.core.project import REPO_ROOT, data_dir
from trp_handbook.site.config import nav_order, renders_default

# named by its file: MkDocs names a hook module by its configured path and cuts the
# prefix at the first dot, which an absolute path (a derived configuration) may hold
log = get_plugin_logger(f"hooks/{Path(__file__).stem}")
_state = {}


def _language(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        return i18n.current_language or i18n.default_language
    return config.theme.get("language") or "en"


def _root(config):
    return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()


def _registry_path(config):
    local = _root(config) / "data" / "legislation.yml"
    return local if local.exists() else data_dir() / "legislation.yml"


def _is_generated_edition(language):
    try:
        return by_code(language).generated_from is not None
    except KeyError:
        return False


def on_config(config):
    _state.clear()
    _state["root"] = _root(config)
    try:
        registry = load_registry(_registry_path(config), _show(_registry_path(config)))
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    language = _language(config)
    extension = CitationExtension(registry=registry, language=language)
    # One instance per language build: drop the previous one (and the extension named in
    # mkdocs.yml for engines without this hook, which this instance replaces).
    named = ("trp_handbook.legislation.citations", "trp_handbook_citations")
    config.markdown_extensions[:] = [
        e for e in config.markdown_extensions if not isinstance(e, CitationExtension) and e not in named
    ] + [extension]
    _state.update(registry=registry, language=language, extension=extension, reported=set(),
                  generated_edition=_is_generated_edition(language))
    return config


def _show(path):
    """A path as contributors know it: relative to the project (docs/en/x.md)."""
    shown = relative(path, _state["root"])
    return relative(path, REPO_ROOT) if shown.startswith("/") else shown


@event_priority(10)  # before mkdocs-static-i18n (-100) sorts the files into languages
def _check_and_add_table(files, config):
    """Report this language's citation problems; add the table of legislation of every edition."""
    registry, language = _state["registry"], _state["language"]
    docs = Path(config.docs_dir)
    i18n = config.plugins.get("i18n")
    is_source = i18n is None or language == source_language()
    result = check(registry, docs, _show, languages=None if i18n is None else [language], registry_rules=is_source)
    for problem in result.problems:
        _state["reported"].add((problem.file, problem.rule, problem.message))
        if problem.severity == "error":
            log.warning(str(problem))
        else:
            log.info(str(problem))
    if is_source:
        log.info(
            "legislation: %(citations)s citations, %(citations_unverified)s on unverified provisions; "
            "%(provisions_verified)s of %(provisions)s provisions verified (%(provisions_verified_share)s)"
            % result.summary
        )
    # Every edition's page is added (only the current language's is built), so that the
    # i18n plugin links the editions of the page to each other.
    codes = list(i18n.build_languages) if i18n is not None else [None]
    if legislation_table.PAGE not in nav_order(config.nav):
        codes = []  # a site without the page in its navigation (a fixture) does not get it
    for code in codes:
        src_uri = f"{code}/{legislation_table.PAGE}" if code else legislation_table.PAGE
        make = functools.partial(_table, registry, docs, code or language)
        generated_pages.add(files, config, src_uri, make)
    return files


def _table(registry, docs, language):
    pages = legislation_table.edition_pages(docs, language, _show)
    return legislation_table.table_markdown(registry, language, pages)


@event_priority(-110)  # after mkdocs-static-i18n has rebuilt the File objects
def _restore_table(files, config):
    return generated_pages.restore(files)


on_files = CombinedEvent(_check_and_add_table, _restore_table)


def on_page_markdown(markdown, page, config, files):
    extension = _state["extension"]
    locale = getattr(page.file, "locale", None) or _state["language"]
    # An untranslated page shown in English gets English citations. Its problems belong
    # to the English build, and those of a generated edition (sr-Latn) to its source's build.
    _state["reported_elsewhere"] = locale != _state["language"] or _state["generated_edition"]
    extension.setConfig("page", _show(Path(page.file.abs_src_path)) if page.file.abs_src_path else page.file.src_uri)
    extension.setConfig("language", locale)
    source = page.file.content_string if page.file.abs_src_path else markdown
    # MkDocs has removed the front matter: count its lines back into the extension's line numbers.
    _state["line_offset"] = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
    return markdown


def on_page_content(html, page, config, files):
    problems = _state["extension"].take_problems()
    if _state["reported_elsewhere"]:
        return html
    for problem in problems:
        key = (problem.file, problem.rule, problem.message)
        if key not in _state["reported"]:  # the checker has not seen it (e.g. a generated page)
            _state["reported"].add(key)
            log.warning(str(dataclasses.replace(problem, line=problem.line + _state["line_offset"])))
    return html


def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # one legislation.json for the site, written by the outer build
    if not renders_default():
        return  # a part of a parallel build: the part with the site's root writes it
    registry = _state["registry"]
    docs = Path(config.docs_dir)
    citations = {code: scan_language(folder, code, _show) for code, folder in language_folders(docs).items()}
    data = legislation_table.legislation_json(registry, citations)
    current = load_editions()[0]
    data["edition"] = {"number": current.number, "date": current.date.isoformat(), "law_as_at": current.law_as_at.isoformat()}
    out = Path(config.site_dir) / "legislation.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
