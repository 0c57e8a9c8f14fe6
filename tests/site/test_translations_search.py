"""Latin search on the Serbian Cyrillic edition: the hidden Latin fields of its search index."""

from trp_handbook.core import languages
from trp_handbook.site import search_index


def merged():
    return {
        "config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}, "lang": ["en"]},
        "docs": [
            {"location": "sr/", "title": "Жртва", "text": "<p>Ђак и <em>жртва</em> трговине</p>"},
            {"location": "sr-Latn/", "title": "Žrtva", "text": "<p>Đak</p>"},
            {"location": "mk/", "title": "Жртва", "text": "<p>жртва</p>"},
        ],
    }


def test_only_the_cyrillic_edition_with_a_latin_twin_gets_latin_fields():
    out = search_index.split_index(merged(), languages.load_languages())
    (sr,) = out["sr"]["docs"]
    assert sr["latin_title"] == "Žrtva Zrtva"
    assert sr["latin_text"] == "Đak i žrtva trgovine Djak zrtva"
    assert sr["title"] == "Жртва" and sr["text"].startswith("<p>Ђак")  # what readers see is unchanged
    assert out["sr"]["config"]["fields"] == {
        "title": {"boost": 1000.0}, "text": {"boost": 1.0},
        "latin_title": {"boost": 1000.0}, "latin_text": {"boost": 1.0},
    }
    for code in ("sr-Latn", "mk", "en"):  # Macedonian is Cyrillic but has no Latin edition
        assert "latin_text" not in str(out[code]) and "latin_text" not in out[code]["config"]["fields"]


def test_latin_forms_skip_the_folded_copy_when_nothing_changes():
    assert search_index.latin_forms("<p>Мама</p>") == "Mama"
