"""MkDocs adapter: add every edition's generated glossary page (trp_handbook.translation.glossary).

Each edition with a glossary file (data/glossary/<code>.yml) gets its own
``annexes/glossary.md``; the Serbian Latin edition gets the Serbian page,
transliterated; an edition without a file falls back to the English page. All
editions' pages are added (only the current language's is built) so that the
i18n plugin links them to each other. Added before the i18n plugin sorts the
files (priority 10 > -100); hooks/languages.py puts the content back after it.
"""

import functools

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from trp_handbook.engine import generated_pages
from trp_handbook.core.errors import HandbookError
from trp_handbook.translation.glossary import PAGE, available_languages, glossary_markdown
from trp_handbook.core.languages import by_code
from trp_handbook.site.config import nav_order
from trp_handbook.translation.transliteration import markdown_to_latin


def _page(language):
    try:
        lang = by_code(language)
        if lang.generated_from:
            return markdown_to_latin(glossary_markdown(lang.generated_from))
        return glossary_markdown(language)
    except HandbookError as exc:
        raise PluginError(str(exc)) from None


@event_priority(10)  # before the i18n plugin sorts files into languages (-100)
def on_files(files, config):
    if PAGE not in nav_order(config.nav):
        return files
    i18n = config.plugins.get("i18n")
    editions = list(i18n.build_languages) if i18n is not None else ["en"]
    with_data = set(available_languages())
    for code in editions:
        source = by_code(code).generated_from or code
        if source in with_data:
            src_uri = f"{code}/{PAGE}" if i18n is not None else PAGE
            generated_pages.add(files, config, src_uri, functools.partial(_page, code))
    return files
