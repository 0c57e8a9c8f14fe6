"""Heading anchors that are readable, stable and the same in both Serbian scripts.

Headings should carry explicit ids (``## Title { #reflection-period }``) so every
translation keeps the English anchors. For a heading without one, the default
slugifier turns Cyrillic into ids like ``_1``; this one transliterates Cyrillic
(Serbian and Macedonian letters) to Latin and drops diacritics, so
``Права жртве`` and ``Prava žrtve`` both become ``prava-zrtve``.
"""

from __future__ import annotations

import re
import unicodedata

import cyrtranslit

# Letters NFKD does not decompose.
_SPECIAL = str.maketrans({"đ": "dj", "Đ": "Dj", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})
# Macedonian letters that are not in the Serbian alphabet.
_MACEDONIAN = str.maketrans({"ѓ": "gj", "Ѓ": "Gj", "ќ": "kj", "Ќ": "Kj", "ѕ": "dz", "Ѕ": "Dz"})


def slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown ``toc`` slugify: ASCII, lower case, words joined by ``separator``."""
    text = cyrtranslit.to_latin(value.translate(_MACEDONIAN), "sr").translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s-]", "", text.lower(), flags=re.ASCII)
    text = re.sub(r"[^a-z0-9\s_-]", "", text)
    return re.sub(r"[\s_-]+", separator, text).strip(separator)
