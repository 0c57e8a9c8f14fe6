"""MkDocs adapter: add the generated glossary page (trp_handbook.glossary)."""

from mkdocs.plugins import event_priority

from trp_handbook import generated_pages
from trp_handbook.glossary import glossary_markdown
from trp_handbook.site_config import nav_order


@event_priority(10)  # before the i18n plugin sorts files into languages (-100)
def on_files(files, config):
    if "annexes/glossary.md" in nav_order(config.nav):
        generated_pages.add(files, config, "en/annexes/glossary.md", glossary_markdown)
    return files
