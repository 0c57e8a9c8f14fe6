"""MkDocs adapter: package the finished site as the offline ZIP edition.

Runs last (priority -300), after the per-language search indexes, the sitemap
and the PDFs exist, and only once, after every language is built. A part of a
parallel build leaves it to the build that merges the parts
(trp_handbook.site.shards).
"""

from pathlib import Path

from mkdocs.plugins import event_priority

from trp_handbook.site.config import is_shard
from trp_handbook.site.shards import finish_site


@event_priority(-300)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    if is_shard():
        return
    finish_site(Path(config.site_dir))
