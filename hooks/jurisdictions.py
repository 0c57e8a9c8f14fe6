"""MkDocs adapter for country facts: ``fact:`` references and ``jurisdictions.json``.

A thin adapter over :mod:`trp_handbook.jurisdictions` (the sibling of hooks/legislation.py):

* ``on_config``: load data/legislation.yml and data/jurisdictions.yml (a broken file
  stops the build naming file and line) and put a fresh FactExtension for the current
  language into ``markdown_extensions``;
* ``on_files``: report unknown ``fact:`` targets of this language's pages as warnings
  (``--strict`` makes them fatal), with file and line;
* ``on_page_markdown``: the extension writes values in the page's language;
* ``on_page_content``: warnings for problems only the renderer saw (a view not alone
  in its paragraph);
* ``on_post_build``: write ``jurisdictions.json`` beside ``legislation.json``.
"""

import dataclasses
import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from trp_handbook.core.editions import load_editions
from trp_handbook.core.errors import HandbookError, relative
from trp_handbook.core.languages import by_code
from trp_handbook.core.project import REPO_ROOT, data_dir
from trp_handbook.jurisdictions.check import fact_problems
from trp_handbook.jurisdictions.export import jurisdictions_json
from trp_handbook.jurisdictions.extension import FactExtension
from trp_handbook.jurisdictions.model import load_facts
from trp_handbook.legislation.registry import load_registry
from trp_handbook.site.config import renders_default

log = get_plugin_logger(f"hooks/{Path(__file__).stem}")
_state = {}


def _root(config):
    return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()


def _data(config, name):
    local = _root(config) / "data" / name
    return local if local.exists() else data_dir() / name


def _show(path):
    shown = relative(path, _state["root"])
    return relative(path, REPO_ROOT) if shown.startswith("/") else shown


def _language(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        return i18n.current_language or i18n.default_language
    return config.theme.get("language") or "en"


def on_config(config):
    _state.clear()
    _state["root"] = _root(config)
    facts_path = _data(config, "jurisdictions.yml")
    # the facts cite the registry beside them (a fixture with its own registry but no facts of its
    # own uses the project's facts with the project's registry)
    registry_path = facts_path.parent / "legislation.yml"
    if not registry_path.exists():
        registry_path = data_dir() / "legislation.yml"
    try:
        registry = load_registry(registry_path, _show(registry_path))
        facts = load_facts(facts_path, registry, _show(facts_path))
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    language = _language(config)
    extension = FactExtension(facts=facts, language=language)
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, FactExtension)
                                     and e != "trp_handbook.jurisdictions.extension"] + [extension]
    try:
        generated = by_code(language).generated_from is not None
    except (KeyError, HandbookError):
        generated = False
    _state.update(facts=facts, language=language, extension=extension, reported=set(), generated=generated)
    return config


@event_priority(10)
def on_files(files, config):
    i18n = config.plugins.get("i18n")
    problems = fact_problems(_state["facts"], Path(config.docs_dir), _show,
                             None if i18n is None else [_state["language"]])
    for problem in problems:
        _state["reported"].add((problem.file, problem.rule, problem.message))
        log.warning(str(problem))
    return files


def on_page_markdown(markdown, page, config, files):
    extension = _state["extension"]
    locale = getattr(page.file, "locale", None) or _state["language"]
    _state["reported_elsewhere"] = locale != _state["language"] or _state["generated"]
    extension.setConfig("page", _show(Path(page.file.abs_src_path)) if page.file.abs_src_path else page.file.src_uri)
    extension.setConfig("language", locale)
    source = page.file.content_string if page.file.abs_src_path else markdown
    _state["line_offset"] = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
    return markdown


def on_page_content(html, page, config, files):
    problems = _state["extension"].take_problems()
    if _state["reported_elsewhere"]:
        return html
    for problem in problems:
        key = (problem.file, problem.rule, problem.message)
        if key not in _state["reported"]:
            _state["reported"].add(key)
            log.warning(str(dataclasses.replace(problem, line=problem.line + _state["line_offset"])))
    return html


def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # one jurisdictions.json for the site, written by the outer build
    if not renders_default():
        return
    data = jurisdictions_json(_state["facts"])
    current = load_editions()[0]
    data["edition"] = {"number": current.number, "date": current.date.isoformat(),
                       "law_as_at": current.law_as_at.isoformat()}
    out = Path(config.site_dir) / "jurisdictions.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
