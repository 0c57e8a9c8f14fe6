"""MkDocs hook: the site-wide steps once every language is built: root 404 page, offline ZIP, SHA256SUMS.

A shard of a parallel build leaves them to the build that merges the shards
(trp_handbook.site.shards.finish_site, the same function).
"""

from pathlib import Path

from mkdocs.plugins import event_priority

from trp_handbook.engine import adapter
from trp_handbook.site.config import is_shard
from trp_handbook.site.shards import finish_site


@event_priority(adapter.SITE_DONE)
def on_post_build(config):
    if not adapter.is_language_build(config) and not is_shard():
        finish_site(Path(config.site_dir))
