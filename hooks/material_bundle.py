"""MkDocs hook: switch off Material's sitemap lookups next to language alternates (trp_handbook.engine.material_bundle).

Once every language is built (before the offline ZIP and the checksums); a
shard changes the bundle of its own folder.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from trp_handbook.core.errors import HandbookError
from trp_handbook.engine import adapter
from trp_handbook.engine.material_bundle import patch_site


@event_priority(adapter.BOOKS_DONE)
def on_post_build(config):
    if adapter.is_language_build(config):
        return
    try:
        patch_site(Path(config.site_dir))
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
