from trp_handbook.core import languages
from trp_handbook.site import search_index


def _merged():
    return {
        "config": {"lang": ["en", "fr"], "separator": "[\\s]+", "pipeline": ["stemmer"]},
        "docs": [
            {"location": "", "title": "Home", "text": "english"},
            {"location": "guide/#permit", "title": "Permit", "text": "english"},
            {"location": "sr/", "title": "Почетна", "text": "српски"},
            {"location": "sr/untranslated/", "title": "Only English", "text": "english"},
            {"location": "sr-Latn/", "title": "Početna", "text": "srpski"},
            {"location": "fr/guide/#permit", "title": "Titre", "text": "français"},
        ],
    }


def test_split_gives_each_language_its_own_entries():
    out = search_index.split_index(_merged(), languages.load_languages())
    assert [d["location"] for d in out["en"]["docs"]] == ["", "guide/#permit"]
    assert [d["location"] for d in out["sr"]["docs"]] == ["", "untranslated/"]
    assert [d["location"] for d in out["sr-Latn"]["docs"]] == [""]  # not taken for sr
    assert out["fr"]["docs"][0]["location"] == "guide/#permit"


def test_settings_suit_each_language():
    out = search_index.split_index(_merged(), languages.load_languages())
    assert out["en"]["config"]["lang"] == ["en"] and out["en"]["config"]["pipeline"]
    assert out["fr"]["config"]["lang"] == ["fr"]
    # no English stemmer or trimmer (which deletes Cyrillic letters) on Serbian
    assert out["sr"]["config"]["pipeline"] == [] and out["mk"]["config"]["pipeline"] == []


def test_fallback_pages_do_not_answer_in_another_language():
    out = search_index.split_index(_merged(), languages.load_languages())
    kept = search_index.drop_untranslated(out, {"sr": {""}, "en": {"", "guide/"}})
    assert [d["location"] for d in kept["sr"]["docs"]] == [""]
    assert [d["location"] for d in kept["en"]["docs"]] == ["", "guide/#permit"]


def test_serialisation_is_deterministic():
    a = search_index.dumps({"b": 1, "a": "ж"})
    assert a == '{"a":"ж","b":1}'
    assert search_index.as_script({"a": 1}) == "var __index = {\"a\":1};\n"
