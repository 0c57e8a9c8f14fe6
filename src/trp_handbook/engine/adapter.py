"""The one place that knows the site engine's internals: MkDocs (or ProperDocs), Material, mkdocs-static-i18n.

Every other module of the handbook speaks in its own terms (a language, a
page's path in its language folder, the site's languages, "the build of the
whole site" versus "one language's build"); the hooks in ``hooks/`` translate
MkDocs events into calls of the package and ask this module whatever depends on
how the engine and its plugins work today:

* which versions are known to work (:func:`check_versions`, called by the first
  hook and by the engine process): an unknown version stops the build with one
  line and the environment's exit code instead of rendering something else;
* mkdocs-static-i18n's model: it renders the default language, then every other
  language from its own ``on_post_build`` (priority -100) by running the whole
  build again on the same configuration object. :func:`language`,
  :func:`is_language_build`, :func:`site_languages`, :func:`page_language` and
  the priorities below are the only readers of its attributes;
* a shard of a parallel build (``HANDBOOK_SHARD_LANGUAGES``) renders only its
  languages through the plugin's own ``build`` option (:func:`limit_to_shard`);
  no function of another package is replaced;
* state that lives as long as one site build (every language of it) and no
  longer: :func:`build_state`, keyed by the configuration object MkDocs creates
  for each build, so a live preview's rebuild (which loads the hook files again)
  starts afresh.

Material's bundle change is :mod:`trp_handbook.engine.material_bundle`; pages
made by the build are :mod:`trp_handbook.engine.generated_pages`; both belong
to this adapter layer.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import weakref
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from trp_handbook.core.faults import EnvironmentFault, Fault

#: The distributions the adapter is written against, and the version prefix each must have.
#: The engine is MkDocs or its maintained fork ProperDocs (whichever is installed).
SUPPORTED_VERSIONS = {
    "mkdocs": "1.6.",
    "properdocs": "1.6.",
    "mkdocs-material": "9.",
    "mkdocs-static-i18n": "1.3.",
}

# Event priorities, relative to mkdocs-static-i18n's (-100 for on_config, on_files and
# on_post_build; 50 for on_page_context). Higher runs first.
#: ``on_config``: before the plugin reads its languages (so they come from data/languages.yml).
BEFORE_I18N_CONFIG = 100
#: ``on_config``: the content check, after the languages are known, before every other hook.
CONTENT_CHECK = 90
#: ``on_files``: add generated pages before the plugin sorts the files into languages.
BEFORE_I18N_FILES = 10
#: ``on_files``: check the navigation after the generated pages are added, before the plugin sorts.
NAV_CHECK = -90
#: ``on_files``: after the plugin has rebuilt the File objects (put generated content back).
AFTER_I18N_FILES = -110
#: ``on_files``: later still (drop the print sources from the served site).
LAST_FILES = -120
#: ``on_page_context``: after the plugin has pointed the language selector at the page's translations.
AFTER_I18N_PAGE_CONTEXT = 0
#: ``on_page_content``: after the notices and the citations (0), the page as the book takes it.
BOOK_PAGE_CONTENT = -50
#: ``on_post_build``: this language's build, before the plugin starts the next language.
BEFORE_NEXT_LANGUAGE = 0
#: ``on_post_build``: the outer build, just before the plugin's loop over the other languages.
BEFORE_LANGUAGE_LOOP = -90
#: ``on_post_build``: the outer build, right after the plugin's loop (every language is built).
AFTER_LANGUAGE_LOOP = -110
#: ``on_post_build`` once every language is built: search indexes and sitemap, books, offline ZIP.
AFTER_LANGUAGES = -200
BOOKS_DONE = -250
SITE_DONE = -300


def engine_name() -> str:
    """``mkdocs`` or ``properdocs``: the engine this process runs (ProperDocs answers to ``mkdocs`` too)."""
    import mkdocs

    return "properdocs" if mkdocs.__name__ == "properdocs" else "mkdocs"


def installed_versions() -> dict[str, str]:
    """The installed version of the engine, Material and mkdocs-static-i18n."""
    engine = engine_name()
    return {name: metadata.version(name) for name in (engine, "mkdocs-material", "mkdocs-static-i18n")}


def unsupported(versions: dict[str, str]) -> list[str]:
    """``name version`` of each distribution whose version the adapter does not know."""
    return [f"{name} {version}" for name, version in versions.items()
            if not version.startswith(SUPPORTED_VERSIONS[name])]


def check_versions() -> None:
    """Stop with one line (exit code 3, a fault of the environment) on an engine version not known to work.

    A new major or minor release of the engine or its plugins may render
    something else while every output test still passes (the plugin's loop over
    the languages, the attributes read here); such an upgrade is a decision, made
    by changing :data:`SUPPORTED_VERSIONS` after a byte comparison of the site.
    """
    try:
        found = unsupported(installed_versions())
    except metadata.PackageNotFoundError as exc:
        raise EnvironmentFault(Fault("missing-package", detail=str(exc))) from None
    if found:
        expected = ", ".join(f"{name} {prefix}x" for name, prefix in SUPPORTED_VERSIONS.items())
        raise EnvironmentFault(Fault("engine-version", detail=f"{', '.join(found)} (expected {expected})"))


# --- the project ---------------------------------------------------------------------------

def config_folder(config: Any) -> Path:
    """The folder of the configuration file (MkDocs' own base for relative paths), else the working directory."""
    return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()


def use_project(config: Any) -> None:
    """Read the project (data/, overrides/) from the configuration file's folder when that is a project.

    MkDocs' convention: a build is about the configuration it is given, so a
    second checkout sharing this environment builds its own sources. A
    configuration derived for a fixture (:mod:`trp_handbook.engine.config`)
    lives in a temporary folder without data and keeps the project the
    process already has.
    """
    from trp_handbook.core import project

    folder = config_folder(config)
    if project.is_project(folder):
        project.use_root(folder)


# --- mkdocs-static-i18n ----------------------------------------------------------------------

def _i18n(config: Any) -> Any:
    return config.plugins.get("i18n")


def has_languages(config: Any) -> bool:
    """True when the site is multilingual (the i18n plugin is configured); a fixture may have one language."""
    return _i18n(config) is not None


def language(config: Any, default: str = "en") -> str:
    """The language being rendered now (the i18n plugin renders one after the other)."""
    i18n = _i18n(config)
    if i18n is None:
        return config.theme.get("language") or default
    return i18n.current_language or i18n.default_language


def is_language_build(config: Any) -> bool:
    """True inside a language build the i18n plugin started from the outer build (not the site's first)."""
    i18n = _i18n(config)
    return i18n is not None and bool(i18n.building)


def site_languages(config: Any, single: list[str] | None = None) -> list[str]:
    """Every language of the site (built by this process or by another shard), in the list's order."""
    i18n = _i18n(config)
    if i18n is None:
        return list(single) if single is not None else [language(config)]
    return [lang.locale for lang in i18n.config.languages if lang.build]


def page_language(page: Any, config: Any) -> str:
    """The language of the file a page shows: the page's own, or the default one on a fallback page."""
    return getattr(page.file, "locale", None) or language(config)


def page_path(page: Any, config: Any) -> str:
    """The page's path inside its language folder (``see/serbia.md``), as every language shares it."""
    src = page.file.src_uri
    for code in (getattr(page.file, "locale", None), language(config)):
        if code and src.startswith(f"{code}/"):
            return src[len(code) + 1:]
    return src


def docs_prefix(config: Any, code: str) -> str:
    """The folder of ``code``'s pages under ``docs_dir`` (none on a one-language site)."""
    return f"{code}/" if has_languages(config) else ""


def set_languages(config: Any, entries: list[dict[str, Any]]) -> None:
    """Give the i18n plugin the language list of data/languages.yml (``entries``: its ``languages`` option).

    mkdocs.yml holds a one-language placeholder so that the plugin validates;
    the real list replaces it once per site build, before the plugin reads it.
    """
    from mkdocs.exceptions import PluginError
    from mkdocs_static_i18n.config import I18nPluginLanguage

    i18n = _i18n(config)
    if i18n is None or i18n.current_language is not None:
        return  # a one-language site, or a language build of a site already configured
    options = []
    for entry in entries:
        option = I18nPluginLanguage()
        option.load_dict(entry)
        failed, _ = option.validate()
        if failed:
            raise PluginError(f"data/languages.yml: {entry['locale']}: {failed}")
        options.append(option)
    i18n.config.languages = options


def start_shard(config: Any, shard: list[str]) -> None:
    """A shard without the default language starts its outer build with its own first language.

    The plugin renders ``current_language`` first (the default language when
    unset); a shard that does not render the default language must not render
    it even once.
    """
    i18n = _i18n(config)
    if i18n is None or i18n.current_language is not None or not shard:
        return
    if i18n.default_language not in shard:
        i18n.current_language = shard[0]


def limit_to_shard(config: Any, shard: list[str]) -> None:
    """Let the plugin's loop over the languages render only ``shard``: the others' ``build`` becomes false.

    Called in the outer build's ``on_post_build`` just before the plugin's
    (:data:`BEFORE_LANGUAGE_LOOP`): the plugin reads its list of languages to
    build once, as its loop starts. Each language build's ``on_config``
    (:func:`restore_site_languages`) then sets ``build`` back, so that every
    page's language selector, alternates and generated pages still cover every
    language of the site; only the rendering is limited.
    """
    i18n = _i18n(config)
    if i18n is None or i18n.building:
        return
    shard_set = set(shard)
    for lang in i18n.config.languages:
        if lang.build and lang.locale not in shard_set:
            lang.build = False
            build_state(config, "shard", dict).setdefault("hidden", []).append(lang.locale)


def restore_site_languages(config: Any) -> None:
    """Undo :func:`limit_to_shard` inside a language build (see there)."""
    i18n = _i18n(config)
    hidden = build_state(config, "shard", dict).get("hidden", ())
    if i18n is None or not hidden:
        return
    for lang in i18n.config.languages:
        if lang.locale in hidden:
            lang.build = True


def reset_language_selector(config: Any) -> None:
    """Point the language selector at each language's home before the 404 page is rendered.

    The 404 page is rendered right after ``on_env``, before the pages. The
    plugin points the selector at each page's translations by setting
    ``config.extra.alternate`` as an attribute, and resets only the item at
    the next language's start; so a later language's 404 page would link to
    the previous language's last page.
    """
    homes = getattr(_i18n(config), "extra_alternate", None)
    if homes:
        config.extra["alternate"] = copy.deepcopy(homes)
        if hasattr(config.extra, "alternate"):
            config.extra.alternate = copy.deepcopy(homes)


# --- state of one site build ------------------------------------------------------------------

_T = TypeVar("_T")
#: id(configuration) -> {name: state}; an entry goes when its configuration object does.
_builds: dict[int, dict[str, Any]] = {}


def build_state(config: Any, name: str, factory: Callable[[], _T]) -> _T:
    """The state ``name`` of the site build ``config`` belongs to, made by ``factory`` on first use.

    The i18n plugin runs every language's build on the same configuration
    object, so the state lasts for all of a site's languages; MkDocs makes a
    new configuration for each build (and each rebuild of a live preview, which
    also loads the hook files again), so nothing outlives its build.
    """
    key = id(config)
    states = _builds.get(key)
    if states is None:
        states = _builds[key] = {}
        weakref.finalize(config, _builds.pop, key, None)
    if name not in states:
        states[name] = factory()
    return states[name]


# --- small helpers every hook needs ------------------------------------------------------------

def hook_logger(hook_file: str) -> logging.Logger:
    """The logger of a hook, named by its file (``hooks/pdf``).

    MkDocs names a hook module by its configured path and cuts the prefix at
    the first dot, which an absolute path (a derived configuration) may hold.
    """
    from mkdocs.plugins import get_plugin_logger

    return get_plugin_logger(f"hooks/{Path(hook_file).stem}")


@contextlib.contextmanager
def refusing() -> Iterator[None]:
    """Turn the handbook's content error into the engine's: the build stops with the message, no traceback."""
    from mkdocs.exceptions import PluginError

    from trp_handbook.core.errors import HandbookError

    try:
        yield
    except HandbookError as exc:
        raise PluginError(str(exc)) from None


def drop_files(files: Any, prefix: str) -> Any:
    """Leave the files under ``prefix`` (not pages) out of the site: sources of something else (the books)."""
    for file in list(files):
        if file.src_uri.startswith(prefix) and not file.is_documentation_page():
            files.remove(file)
    return files
