"""MkDocs hook: refuse unsafe or broken content before anything is built (trp_handbook.policy.site_check)."""

from pathlib import Path

from mkdocs.plugins import event_priority

from trp_handbook.core.languages import default_language
from trp_handbook.core.project import shower
from trp_handbook.engine import adapter
from trp_handbook.policy.site_check import SiteCheck
from trp_handbook.site import config as site_config

log = adapter.hook_logger(__file__)


def _check(config):
    folder = adapter.config_folder(config)
    return adapter.build_state(config, "content_policy", lambda: SiteCheck(folder, shower(folder), log))


@event_priority(adapter.CONTENT_CHECK)
def on_config(config):
    if not adapter.is_language_build(config):  # the whole tree, once per site build
        with adapter.refusing():
            _check(config).tree(Path(config.docs_dir), site_config.shard_languages(), config.strict)
    return config


@event_priority(adapter.NAV_CHECK)
def on_files(files, config):
    if adapter.is_language_build(config) or not config.nav or not config.config_file_path:
        return files
    if site_config.renders_default():  # the shard that renders the default language checks the navigation
        prefix = adapter.docs_prefix(config, default_language().code)
        present = {f.src_uri[len(prefix):] for f in files.documentation_pages() if f.src_uri.startswith(prefix)}
        with adapter.refusing():
            _check(config).navigation(Path(config.config_file_path), Path(config.docs_dir), present, config.strict)
    return files


def on_page_content(html, page, config, files):
    _check(config).rendered(html, page.file.abs_src_path, page.file.src_uri)
    return html
