"""MkDocs hook: refuse unsafe or broken content before anything is built (trp_handbook.policy.site_check)."""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import default_language
from trp_handbook.core.project import shower
from trp_handbook.engine import adapter
from trp_handbook.policy.site_check import SiteCheck
from trp_handbook.site import config as site_config

# named by its file: MkDocs names a hook module by its configured path and cuts the
# prefix at the first dot, which an absolute path (a derived configuration) may hold
log = get_plugin_logger(f"hooks/{Path(__file__).stem}")


def _check(config):
    folder = adapter.config_folder(config)
    return adapter.build_state(config, "content_policy", lambda: SiteCheck(folder, shower(folder), log))


@event_priority(adapter.CONTENT_CHECK)
def on_config(config):
    if adapter.is_language_build(config):
        return config  # the outer build has checked the whole tree
    try:
        _check(config).tree(Path(config.docs_dir), site_config.shard_languages(), config.strict)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    return config


@event_priority(adapter.NAV_CHECK)
def on_files(files, config):
    if adapter.is_language_build(config) or not config.nav or not config.config_file_path:
        return files
    if not site_config.renders_default():
        return files  # the shard that renders the default language checks the navigation
    prefix = adapter.docs_prefix(config, default_language().code)
    present = {f.src_uri[len(prefix):] for f in files.documentation_pages() if f.src_uri.startswith(prefix)}
    try:
        _check(config).navigation(Path(config.config_file_path), Path(config.docs_dir), present, config.strict)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    return files


def on_page_content(html, page, config, files):
    _check(config).rendered(html, page.file.abs_src_path, page.file.src_uri)
    return html
