"""Hyphenation dictionaries: every language hyphenates with the dictionary data/languages.yml names."""

from pathlib import Path

import pyphen
import pytest

from helpers import hyphenate
from trp_handbook.book import hyphenation
from trp_handbook.cli.main import main
from trp_handbook.core.languages import load_languages

TEX = r"""% title: Hyphenation patterns for Testish
% licence:
%     - name: GPL
% hyphenmins:
%     typesetting:
%         left: 1
%         right: 3
\patterns{
% a comment inside the patterns
.ма2
а1к  % trailing comment
}
\hyphenation{
те-ст-ов
}
"""


def test_every_language_has_a_dictionary():
    assert hyphenation.problems() == []


def test_registration_follows_the_language_list():
    chosen = hyphenation.register()
    assert chosen["bs"].name == "hyph_hr_HR.dic"  # Bosnian: the Croatian patterns
    assert chosen["mk"] == hyphenation.dictionary_dir() / "hyph_mk.dic"  # shipped in the repository
    assert chosen["en"].name == "hyph_en_GB.dic"  # not pyphen's own pick for "en"
    for lang in load_languages():
        # what WeasyPrint asks for a text in this language (its lang attribute)
        assert pyphen.LANGUAGES[pyphen.language_fallback(lang.code)] == chosen[lang.code], lang.code


@pytest.mark.parametrize(
    ("code", "word", "expected"),
    [
        ("mk", "македонски", "ма-ке-дон-ски"),
        ("mk", "организации", "ор-га-ни-за-ции"),
        ("bs", "trgovina", "tr-go-vi-na"),
        ("sr", "приручник", "при-руч-ник"),
        ("sr-Latn", "privremeni", "pri-vre-me-ni"),
    ],
)
def test_words_break_where_the_language_breaks_them(code, word, expected):
    assert hyphenate(word, code) == expected


def test_shipped_macedonian_dictionary_keeps_its_licence_and_hyphenmins():
    text = (hyphenation.dictionary_dir() / "hyph_mk.dic").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "UTF-8"
    assert "% copyright: Copyright (C) 2006 Vasil Taneski" in lines
    assert "%     - name: GPL" in lines
    assert "LEFTHYPHENMIN 2" in lines and "RIGHTHYPHENMIN 2" in lines
    assert (hyphenation.dictionary_dir() / "GPL-2.txt").is_file()


def test_tex_patterns_convert_to_a_dictionary(tmp_path: Path):
    dic = hyphenation.tex_to_dic(TEX, "hyph-test.tex")
    lines = dic.splitlines()
    assert lines[0] == "UTF-8"
    assert "% licence:" in lines and "LEFTHYPHENMIN 1" in lines and "RIGHTHYPHENMIN 3" in lines
    assert ".ма2" in lines and "а1к" in lines
    assert not any("comment" in line for line in lines if not line.startswith("%"))
    assert ".т8е9с8т9о8в." in lines  # the exception forces exactly its breaks
    path = tmp_path / "hyph_test.dic"
    path.write_text(dic, encoding="utf-8")
    assert pyphen.Pyphen(filename=str(path), left=1, right=1).inserted("тестов") == "те-ст-ов"


def test_tex_without_patterns_is_refused():
    with pytest.raises(ValueError, match=r"hyph-x.tex: no \\patterns"):
        hyphenation.tex_to_dic("% nothing here\n", "hyph-x.tex")


def test_missing_dictionary_is_reported_against_the_language_list(tmp_path: Path):
    from trp_handbook.core.languages import Language

    lang = Language(code="de", name="Deutsch", english_name="German", script="Latn", theme="de", locale="de",
                    hyphenation="xx_XX")
    [problem] = hyphenation.problems((lang,), root=tmp_path)
    assert str(problem).startswith("data/languages.yml:1: hyphenation-missing: de: no hyphenation dictionary 'xx_XX'")


def test_cli_converts_tex_patterns(tmp_path: Path, capsys):
    source = tmp_path / "hyph-test.tex"
    source.write_text(TEX, encoding="utf-8")
    out = tmp_path / "hyph_test.dic"
    assert main(["hyphenation", str(source), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("UTF-8\n% Converted from hyph-test.tex")
    assert main(["hyphenation", str(tmp_path / "none.tex"), "--out", str(out)]) == 2
