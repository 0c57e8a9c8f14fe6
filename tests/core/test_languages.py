from pathlib import Path

import pytest

from trp_handbook.core import languages
from trp_handbook.core.errors import HandbookError
from trp_handbook.site import config as site_config


def test_language_list_is_the_configured_one():
    codes = languages.codes()
    assert codes[0] == "en"
    assert set(codes) == {"en", "sr", "sr-Latn", "hr", "bs", "sq", "mk", "fr"}
    assert languages.by_code("sr-Latn").generated_from == "sr"


def test_unknown_language_is_a_clear_error():
    with pytest.raises(KeyError, match="unknown language 'de'; expected one of: en, sr"):
        languages.by_code("de")


def test_schema_error_names_file_line_and_key(tmp_path: Path):
    bad = tmp_path / "languages.yml"
    bad.write_text(
        "languages:\n"
        "  - code: en\n    name: English\n    english_name: English\n    script: Latn\n    theme: en\n"
        "    locale: en_GB\n    default: true\n"
        "  - code: Serbian\n    name: x\n    english_name: x\n    script: Cyrl\n    theme: sr\n    locale: sr\n",
        encoding="utf-8",
    )
    languages.load_languages.cache_clear()
    with pytest.raises(HandbookError) as err:
        languages.load_languages(bad)
    message = str(err.value)
    assert message.startswith("data/languages.yml:9: schema: languages[1].code: String should match pattern")
    assert "'Serbian'" in message


def test_a_locale_babel_does_not_know_is_refused_at_its_line(tmp_path: Path):
    bad = tmp_path / "languages.yml"
    bad.write_text(
        "languages:\n"
        "  - code: en\n    name: English\n    english_name: English\n    script: Latn\n    theme: en\n"
        "    locale: en_XX\n    default: true\n",
        encoding="utf-8",
    )
    with pytest.raises(HandbookError) as err:
        languages.load_languages(bad)
    assert str(err.value) == (
        "data/languages.yml:7: schema: languages[0].locale: Value error, 'en_XX' is not a locale Babel knows; "
        "expected one such as en_GB, sr, sr_Latn (found 'en_XX')"
    )


def test_every_language_has_its_locale_written_once():
    assert {lang.code: lang.locale for lang in languages.load_languages()} == {
        "en": "en_GB", "sr": "sr", "sr-Latn": "sr_Latn", "hr": "hr", "bs": "bs", "sq": "sq", "mk": "mk", "fr": "fr",
    }


def test_yaml_syntax_error_names_line(tmp_path: Path):
    bad = tmp_path / "languages.yml"
    bad.write_text("languages:\n  - code: en\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(HandbookError, match=r"^data/languages.yml:\d+: yaml-syntax: "):
        languages.load_languages(bad)


def test_i18n_entries_derive_from_the_list(monkeypatch):
    monkeypatch.delenv(site_config.ONLY_LANGUAGES_ENV, raising=False)
    entries = site_config.i18n_languages()
    assert [e["locale"] for e in entries] == languages.codes()
    sr = next(e for e in entries if e["locale"] == "sr")
    assert sr["site_name"].startswith("Приручник")
    assert sr["nav_translations"]["Annexes"] == "Прилози"
    latn = next(e for e in entries if e["locale"] == "sr-Latn")
    assert latn["site_name"].startswith("Priručnik") and latn["theme"] == {"language": "sr-Latn"}


def test_only_languages_keeps_the_default(monkeypatch):
    monkeypatch.setenv(site_config.ONLY_LANGUAGES_ENV, "mk")
    assert site_config.languages_to_build() == ["en", "mk"]
    monkeypatch.setenv(site_config.ONLY_LANGUAGES_ENV, "de")
    with pytest.raises(HandbookError, match="HANDBOOK_LANGUAGES: unknown language de"):
        site_config.languages_to_build()
