"""MkDocs adapter: take the language list from data/languages.yml.

Runs before mkdocs-static-i18n (priority 100 > -100) on every language build:
replaces the plugin's placeholder ``languages`` option with the entries derived
from the data file, and puts the handbook's per-language template values in
``config.extra.handbook``. It also generates the Serbian Latin edition's pages
from the Cyrillic ones before the plugin sorts files into languages.
"""

import functools

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs_static_i18n.config import I18nPluginLanguage

from trp_handbook import generated_pages, site_config
from trp_handbook.errors import HandbookError
from trp_handbook.languages import load_languages
from trp_handbook.transliteration import markdown_to_latin


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


@event_priority(100)
def on_config(config):
    i18n = config.plugins.get("i18n")
    try:
        if i18n is not None and i18n.current_language is None:
            i18n.config.languages = _plugin_languages(site_config.i18n_languages())
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


def on_env(env, config, files):
    """Template filter for the generated Serbian Latin interface texts."""
    from trp_handbook.transliteration import to_latin

    env.filters["translit_sr"] = to_latin
    return env
