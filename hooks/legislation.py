"""MkDocs hook: legal citations, their checks, the table of legislation (trp_handbook.legislation.site_citations)."""

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from trp_handbook.core.project import shower
from trp_handbook.engine import adapter, generated_pages
from trp_handbook.legislation import table as legislation_table
from trp_handbook.legislation.site_citations import SiteCitations
from trp_handbook.site.config import nav_order, renders_default

log = adapter.hook_logger(__file__)


def _citations(config):
    return adapter.build_state(config, "citations", dict)["current"]


def on_config(config):
    folder = adapter.config_folder(config)
    with adapter.refusing():  # one per language build: the extension writes that language's citations
        citations = SiteCitations(folder, shower(folder), log, adapter.language(config))
    adapter.build_state(config, "citations", dict)["current"] = citations
    config.markdown_extensions[:] = citations.extensions(config.markdown_extensions)
    return config


@event_priority(adapter.BEFORE_I18N_FILES)
def _check_and_add_table(files, config):
    citations, docs = _citations(config), Path(config.docs_dir)
    citations.check_language(docs, adapter.has_languages(config))
    if legislation_table.PAGE in nav_order(config.nav):  # a fixture without the page does not get it
        generated_pages.add_every_edition(files, config, legislation_table.PAGE, lambda code: citations.table(docs, code))
    return files


# the table's content back after the i18n plugin sorted the files (hooks/languages.py does it too;
# this hook also works alone)
on_files = CombinedEvent(_check_and_add_table, event_priority(adapter.AFTER_I18N_FILES)(
    lambda files, config: generated_pages.restore(files, config)))



def on_page_markdown(markdown, page, config, files):
    citations, path = _citations(config), page.file.abs_src_path
    source = page.file.content_string if path else markdown
    citations.start_page(adapter.page_language(page, config), citations.show(Path(path)) if path else page.file.src_uri,
                         source, markdown)
    return markdown


def on_page_content(html, page, config, files):
    _citations(config).finish_page()
    return html


def on_post_build(config):
    if not adapter.is_language_build(config) and renders_default():  # one file, by the shard with the root
        _citations(config).write_json(Path(config.docs_dir), Path(config.site_dir))
