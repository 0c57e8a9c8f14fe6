"""A site built in shards: one engine process per core, merged into one folder.

mkdocs-static-i18n renders the languages one after the other in one process,
so a build uses one core however many the machine has. The full build instead
splits the language list into *shards* (``HANDBOOK_SHARD_LANGUAGES``, read by
:func:`trp_handbook.site.config.shard_languages`) and runs one engine per shard,
each into its own folder, then merges them: the shard with the default language
holds the root (theme assets, the default language, the site-wide files), every
other shard adds its languages' folders. (A book's *parts*, in
:mod:`trp_handbook.book.layout`, are chapters laid out one at a time: another thing.) The site-wide steps that need every language's
pages (the root 404 page, the offline ZIP and ``SHA256SUMS``) run once on the
merged site (:func:`finish_site`), the same function the engine's hook calls
when one process builds everything.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from trp_handbook.core.languages import load_languages
from trp_handbook.core.reproducible import zip_timestamp
from trp_handbook.site import checksums, not_found, offline, search_index

#: The offline edition's place in the site.
ZIP_PATH = "downloads/trp-handbook-offline.zip"


def plan_shards(site_languages: list[str], jobs: int) -> list[list[str]]:
    """Split the languages into at most ``jobs`` contiguous shards of nearly equal size, default first.

    Each language costs about the same to render, so equal counts balance the
    cores; the first shard has the default language (first in the list) and
    writes the root.
    """
    jobs = max(1, min(jobs, len(site_languages)))
    size, extra = divmod(len(site_languages), jobs)
    shards, start = [], 0
    for n in range(jobs):
        end = start + size + (1 if n < extra else 0)
        shards.append(site_languages[start:end])
        start = end
    return shards


def merge_shard(shard_site: Path, site: Path, languages: list[str]) -> None:
    """Move the folders of ``languages`` from a shard's site into the main one.

    A shard without the default language writes nothing else of value: its root
    (theme assets, sitemap, mixed search index) repeats or is superseded by
    the main shard's, and is left behind.
    """
    for code in languages:
        source = shard_site / code
        if not source.is_dir():
            raise FileNotFoundError(f"the shard that renders {code!r} wrote no {code}/ folder")
        target = site / code
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(source), str(target))


def finish_site(site: Path) -> None:
    """The steps that need the whole site, in order.

    The root 404 page gets every language's (the host serves it for any missing
    path), the offline ZIP is made, then ``SHA256SUMS`` of every file.
    """
    languages = load_languages()
    default = next(lang.code for lang in languages if lang.default)
    not_found.compose_site(site, [lang.code for lang in languages], default)
    extra = {}
    for lang in languages:
        folder = "" if lang.default else f"{lang.code}/"
        index_file = site / folder / "search" / "search_index.json"
        if index_file.exists():
            index = offline.file_locations(json.loads(index_file.read_text(encoding="utf-8")))
            extra[f"{folder}search/search_index.js"] = search_index.as_script(index).encode("utf-8")
    offline.write_zip(site, site / ZIP_PATH, extra, zip_timestamp(), exclude=[ZIP_PATH])
    checksums.write_sums(site)  # the last step: SHA256SUMS of every file, the ZIP included
