"""MkDocs adapter: switch off Material's sitemap lookups next to language alternates.

Once every language is built (before the offline ZIP and the checksums are
made, priority -250 > -300), the Material bundle the site holds is changed by
trp_handbook.engine.material_bundle. A part of a parallel build changes the bundle of
its own folder; the merged site's root comes from the part that renders the
default language.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from trp_handbook.core.errors import HandbookError
from trp_handbook.engine.material_bundle import patch_site


@event_priority(-250)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    try:
        patch_site(Path(config.site_dir))
    except HandbookError as exc:
        raise PluginError(str(exc)) from None
