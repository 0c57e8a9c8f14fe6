"""MkDocs adapter: take the language list from data/languages.yml.

Runs before mkdocs-static-i18n (priority 100 > -100) on every language build:
replaces the plugin's placeholder ``languages`` option with the entries derived
from the data file, and puts the handbook's per-language template values in
``config.extra.handbook``. It also generates the Serbian Latin edition's pages
from the Cyrillic ones before the plugin sorts files into languages.
"""

import copy
import functools

import jinja2

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs_static_i18n.config import I18nPluginLanguage

from trp_handbook.engine import generated_pages
from trp_handbook.site import config as site_config
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import load_languages
from trp_handbook.translation.transliteration import markdown_to_latin


def _plugin_languages(entries):
    result = []
    for entry in entries:
        option = I18nPluginLanguage()
        option.load_dict(entry)
        failed, _ = option.validate()
        if failed:
            raise PluginError(f"data/languages.yml: {entry['locale']}: {failed}")
        result.append(option)
    return result


#: the languages this process renders (HANDBOOK_SHARD_LANGUAGES); read by _render_part
_part = {"languages": None, "rendered": set()}


def _render_part(build):
    """The i18n plugin's per-language ``build``, skipping languages another process renders."""

    @functools.wraps(build)
    def build_part(config, *args, **kwargs):
        i18n = config.plugins.get("i18n")
        languages = _part["languages"]
        if i18n is not None and languages is not None:
            # the plugin's loop skips the language it started with only when it is the default
            if i18n.current_language not in languages or i18n.current_language in _part["rendered"]:
                return None
            _part["rendered"].add(i18n.current_language)
        return build(config, *args, **kwargs)

    build_part.renders_part = True
    return build_part


def _limit_to_part(i18n, part):
    """Render only ``part``: start with its first language, skip the others in the plugin's loop.

    mkdocs-static-i18n builds the default language, then every other one from
    its ``on_post_build`` by calling ``build`` (a module global of its plugin
    module). Every language stays in its configuration, so pages still link to
    all editions; only the rendering is limited.
    """
    import mkdocs_static_i18n.plugin as i18n_plugin

    if not getattr(i18n_plugin.build, "renders_part", False):
        i18n_plugin.build = _render_part(i18n_plugin.build)
    everything = site_config.languages_to_build()
    _part["languages"] = None if part == everything else set(part)
    _part["rendered"] = {part[0]}
    if _part["languages"] is not None and i18n.default_language not in part:
        i18n.current_language = part[0]  # the outer build renders the part's first language


@event_priority(100)
def on_config(config):
    i18n = config.plugins.get("i18n")
    try:
        if i18n is not None and i18n.current_language is None:
            i18n.config.languages = _plugin_languages(site_config.i18n_languages())
            _limit_to_part(i18n, site_config.shard_languages())
        language = (i18n.current_language or i18n.default_language) if i18n else "en"
        config.extra["handbook"] = site_config.page_context(language)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    generated_pages.clear()
    return config


def _transliterated(path):
    with open(path, encoding="utf-8-sig") as source:
        return markdown_to_latin(source.read())


@event_priority(10)
def _add_generated(files, config):
    """Add the generated editions' pages (sr-Latn from sr) before the i18n plugin sorts files."""
    for lang in load_languages():
        if not lang.generated_from:
            continue
        prefix = f"{lang.generated_from}/"
        for file in list(files.documentation_pages()):
            if file.src_uri.startswith(prefix):
                target = f"{lang.code}/{file.src_uri[len(prefix):]}"
                make = functools.partial(_transliterated, file.abs_src_path)
                generated_pages.add(files, config, target, make, file.edit_uri)
    return files


@event_priority(-110)
def _restore_generated(files, config):
    return generated_pages.restore(files)


# Two handlers for one event, before and after the i18n plugin's (-100).
on_files = CombinedEvent(_add_generated, _restore_generated)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled page templates kept in memory for every language build of this process.

    Jinja checks each entry against its template's source, so an edited
    template (in a live preview) is compiled again.
    """

    def __init__(self):
        self._code = {}

    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


def on_env(env, config, files):
    """Template filter for the Serbian Latin interface texts; the 404 page's language links.

    The 404 page is rendered right after this event, before the pages. The i18n
    plugin points the language selector at each page's translations by setting
    ``config.extra.alternate`` as an attribute, and resets only the item at the
    next language's start; so a later language's 404 page would link to the
    previous language's last page. Both are set back to each language's home.
    """
    from trp_handbook.translation.transliteration import to_latin

    env.filters["translit_sr"] = to_latin
    env.bytecode_cache = _TEMPLATES  # each language build gets a new environment: compile templates once
    i18n = config.plugins.get("i18n")
    homes = getattr(i18n, "extra_alternate", None)
    if homes:
        config.extra["alternate"] = copy.deepcopy(homes)
        if hasattr(config.extra, "alternate"):
            config.extra.alternate = copy.deepcopy(homes)
    return env
