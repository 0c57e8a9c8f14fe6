"""MkDocs hook, first of all: the site's languages and shard (trp_handbook.engine.adapter), generated pages.

Every hook's generated pages get their content back here, after the i18n plugin sorted the files.
"""

from mkdocs.plugins import CombinedEvent, event_priority

from trp_handbook.core.languages import load_languages
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.engine.templates import compile_once
from trp_handbook.site import config as site_config
from trp_handbook.translation.transliteration import markdown_to_latin, to_latin


@event_priority(adapter.BEFORE_I18N_CONFIG)
def on_config(config):
    with adapter.refusing():
        if not adapter.is_language_build(config):  # the site build's start
            adapter.use_project(config)
            adapter.check_versions()
            adapter.set_languages(config, site_config.i18n_languages())
            adapter.start_shard(config, site_config.shard_languages())
        adapter.restore_site_languages(config)
        config.extra["handbook"] = site_config.page_context(adapter.language(config))
    generated_pages.clear(config)
    return config


@event_priority(adapter.BEFORE_I18N_FILES)
def _add_generated(files, config):
    for lang in (lang for lang in load_languages() if lang.generated_from):  # sr-Latn from sr
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


on_post_build = CombinedEvent(
    event_priority(adapter.BEFORE_LANGUAGE_LOOP)(lambda config: adapter.limit_to_shard(config, site_config.shard_languages())),
    event_priority(adapter.AFTER_LANGUAGE_LOOP)(lambda config: adapter.restore_site_languages(config)),
)
