"""The pages the build writes itself, in every edition: one list for every layer that needs it.

No file under ``docs/<lang>/`` holds them, yet every edition has them (when the
navigation lists them) and pages may link to them: the content policy accepts
links to them, the engine adapter adds them, the translation map counts them.
Each is made by the module named beside it.
"""

from __future__ import annotations

GLOSSARY = "annexes/glossary.md"  #: trp_handbook.translation.glossary
LEGISLATION = "annexes/legislation.md"  #: trp_handbook.legislation.table
TRANSLATION_STATUS = "annexes/translation-status.md"  #: trp_handbook.translation.status_page
EDITIONS = "annexes/editions.md"  #: trp_handbook.site.editions_page

#: Every generated page, in the order the annexes list them.
EVERY_EDITION = (GLOSSARY, LEGISLATION, TRANSLATION_STATUS, EDITIONS)
