"""MkDocs adapter: package the finished site as the offline ZIP edition.

Runs last (priority -300), after the per-language search indexes, the sitemap
and the PDFs exist, and only once, after every language is built.
"""

import json
from pathlib import Path

from mkdocs.plugins import event_priority

from trp_handbook import checksums, offline, search_index
from trp_handbook.languages import load_languages
from trp_handbook.reproducible import zip_timestamp

ZIP_PATH = "downloads/trp-handbook-offline.zip"


@event_priority(-300)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site = Path(config.site_dir)
    extra = {}
    for lang in load_languages():
        folder = "" if lang.default else f"{lang.code}/"
        index_file = site / folder / "search" / "search_index.json"
        if index_file.exists():
            index = json.loads(index_file.read_text(encoding="utf-8"))
            extra[f"{folder}search/search_index.js"] = search_index.as_script(index).encode("utf-8")
    offline.write_zip(site, site / ZIP_PATH, extra, zip_timestamp(), exclude=[ZIP_PATH])
    checksums.write_sums(site)  # the last step: SHA256SUMS of every file, the ZIP included
