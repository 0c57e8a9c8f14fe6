"""MkDocs hook: country facts, their checks, jurisdictions.json (trp_handbook.jurisdictions.site_facts)."""

from pathlib import Path

from mkdocs.plugins import event_priority

from trp_handbook.core.project import shower
from trp_handbook.engine import adapter
from trp_handbook.jurisdictions.site_facts import SiteFacts
from trp_handbook.site.config import renders_default

log = adapter.hook_logger(__file__)


def _facts(config):
    return adapter.build_state(config, "facts", dict)["current"]


def on_config(config):
    folder = adapter.config_folder(config)
    with adapter.refusing():  # one per language build: the extension writes that language's facts
        facts = SiteFacts(folder, shower(folder), log, adapter.language(config))
    adapter.build_state(config, "facts", dict)["current"] = facts
    config.markdown_extensions[:] = facts.extensions(config.markdown_extensions)
    return config


@event_priority(adapter.BEFORE_I18N_FILES)
def on_files(files, config):
    _facts(config).check_language(Path(config.docs_dir), adapter.has_languages(config))
    return files


def on_page_markdown(markdown, page, config, files):
    facts, path = _facts(config), page.file.abs_src_path
    source = page.file.content_string if path else markdown
    facts.start_page(adapter.page_language(page, config), facts.show(Path(path)) if path else page.file.src_uri,
                     source, markdown)
    return markdown


def on_page_content(html, page, config, files):
    _facts(config).finish_page()
    return html


def on_post_build(config):
    if not adapter.is_language_build(config) and renders_default():  # one file, by the shard with the root
        _facts(config).write_json(Path(config.site_dir))
