"""MkDocs adapter: per-language search indexes and 404 pages.

mkdocs-static-i18n builds the default language, then each other language from
its own ``on_post_build`` (priority -100), all into one folder, so the last
language's 404 page and a mixed search index are left. Each build keeps its own
404 page before the plugin moves on (priority 0); after the last language
(priority -200) the 404 pages are put back in their folders and the mixed index
is split per language.
"""

import json
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from trp_handbook.site import search_index
from trp_handbook.site.html_output import finish_page
from trp_handbook.core.languages import load_languages
from trp_handbook.site.config import generated_in_nav, shard_languages
from trp_handbook.translation.pages import page_url, scan

_not_found = {}


def _i18n(config):
    return config.plugins.get("i18n")


@event_priority(0)  # before the i18n plugin starts the next language's build
def _keep_404(config):
    i18n = _i18n(config)
    language = (i18n.current_language if i18n else None) or "en"
    page_404 = Path(config.site_dir) / "404.html"
    if page_404.exists():
        _not_found[language] = page_404.read_bytes()


@event_priority(-200)
def _finish(config):
    i18n = _i18n(config)
    if i18n is not None and i18n.building:
        return  # a nested language build: the outer build finishes the site
    site = Path(config.site_dir)
    page_404 = site / "404.html"
    languages = [lang for lang in load_languages() if lang.code in (i18n.build_languages if i18n else ["en"])]
    rendered = shard_languages() if i18n else ["en"]  # a part of a parallel build writes its own languages
    default = next(lang.code for lang in load_languages() if lang.default)
    for code, content in _not_found.items():
        target = page_404 if code == default else site / code / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        # a static template: it did not pass through on_post_page
        target.write_text(finish_page(content.decode("utf-8")), encoding="utf-8")
    _not_found.clear()

    merged_path = site / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    tmap = scan(Path(config.docs_dir), generated=generated_in_nav(config.nav))
    per_language = search_index.split_index(merged, tuple(languages))
    # language-relative URLs of the pages each language really has
    translated = {code: {page_url(p, code, code) for p in tmap.pages.get(code, ())} for code in per_language}
    per_language = search_index.drop_untranslated(per_language, translated)
    for code, index in per_language.items():
        if code not in rendered:
            continue
        folder = site / ("" if code == default else code) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(search_index.dumps(index), encoding="utf-8")


on_post_build = CombinedEvent(_keep_404, _finish)
