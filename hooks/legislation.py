"""MkDocs hook: legal citations, their checks, the table of legislation (trp_handbook.legislation.site_citations)."""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from trp_handbook.core.errors import HandbookError
from trp_handbook.core.project import shower
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.legislation import table as legislation_table
from trp_handbook.legislation.site_citations import SiteCitations
from trp_handbook.site.config import nav_order, renders_default

# named by its file: MkDocs names a hook module by its configured path and cuts the
# prefix at the first dot, which an absolute path (a derived configuration) may hold
log = get_plugin_logger(f"hooks/{Path(__file__).stem}")


def _citations(config):
    return adapter.build_state(config, "citations", dict)["current"]


def on_config(config):
    folder = adapter.config_folder(config)
    try:  # one per language build: the extension writes that language's citations
        citations = SiteCitations(folder, shower(folder), log, adapter.language(config))
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
    adapter.build_state(config, "citations", dict)["current"] = citations
    config.markdown_extensions[:] = citations.extensions(config.markdown_extensions)
    return config


@event_priority(adapter.BEFORE_I18N_FILES)
def _check_and_add_table(files, config):
    citations, docs = _citations(config), Path(config.docs_dir)
    citations.check_language(docs, adapter.has_languages(config))
    if legislation_table.PAGE in nav_order(config.nav):  # a fixture without the page does not get it
        generated_pages.add_every_edition(files, config, legislation_table.PAGE,
                                          lambda code: citations.table(docs, code))
    return files


@event_priority(adapter.AFTER_I18N_FILES)
def _restore_table(files, config):
    return generated_pages.restore(files, config)


on_files = CombinedEvent(_check_and_add_table, _restore_table)


def on_page_markdown(markdown, page, config, files):
    citations = _citations(config)
    shown = citations.show(Path(page.file.abs_src_path)) if page.file.abs_src_path else page.file.src_uri
    source = page.file.content_string if page.file.abs_src_path else markdown
    citations.start_page(adapter.page_language(page, config), shown, source, markdown)
    return markdown


def on_page_content(html, page, config, files):
    _citations(config).finish_page()
    return html


def on_post_build(config):
    if adapter.is_language_build(config) or not renders_default():
        return  # one legislation.json for the site, by the outer build of the shard with the site's root
    _citations(config).write_json(Path(config.docs_dir), Path(config.site_dir))
