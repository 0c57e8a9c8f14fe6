"""MkDocs hook: the site's languages (data/languages.yml), its shard, its generated editions.

Translates engine events into calls of trp_handbook.engine.adapter (which alone
knows mkdocs-static-i18n) and trp_handbook.site.config.
"""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import load_languages
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.engine.templates import compile_once
from trp_handbook.site import config as site_config
from trp_handbook.translation.transliteration import markdown_to_latin, to_latin


@event_priority(adapter.BEFORE_I18N_CONFIG)
def on_config(config):
    try:
        if not adapter.is_language_build(config):
            adapter.use_project(config)
            adapter.check_versions()
            adapter.set_languages(config, site_config.i18n_languages())
            adapter.start_shard(config, site_config.shard_languages())
        adapter.restore_site_languages(config)
        config.extra["handbook"] = site_config.page_context(adapter.language(config))
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    generated_pages.clear(config)
    return config


@event_priority(adapter.BEFORE_I18N_FILES)
def _add_generated(files, config):
    for lang in load_languages():
        if lang.generated_from:
            generated_pages.add_derived_edition(files, config, lang.code, lang.generated_from, markdown_to_latin)
    return files


@event_priority(adapter.AFTER_I18N_FILES)
def _restore_generated(files, config):
    return generated_pages.restore(files, config)


on_files = CombinedEvent(_add_generated, _restore_generated)


def on_env(env, config, files):
    env.filters["translit_sr"] = to_latin  # the Serbian Latin interface texts
    compile_once(env, config)
    adapter.reset_language_selector(config)
    return env


@event_priority(adapter.BEFORE_LANGUAGE_LOOP)
def _limit_to_shard(config):
    adapter.limit_to_shard(config, site_config.shard_languages())


@event_priority(adapter.AFTER_LANGUAGE_LOOP)
def _every_language_again(config):
    adapter.restore_site_languages(config)


on_post_build = CombinedEvent(_limit_to_shard, _every_language_again)
