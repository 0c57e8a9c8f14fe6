"""``handbook check-language``: each rule on the real editions, with seeded mistakes.

The editions in docs/ are copied to a temporary folder; a test inserts one
mistake of the kind reviewers found in the drafts (a misspelling, Latin "GRETA"
in Macedonian, "(TRP)" in Croatian, a French colon without its non-breaking
space, a pasted English sentence ...) and expects its finding at that file and
line, with exit code 1. The real dictionaries are used (installed by make).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import ROOT
from trp_handbook.cli.main import main
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.faults import EnvironmentFault
from trp_handbook.translation.quality import check as quality
from trp_handbook.translation.quality import exceptions, spelling


def shown(path: Path) -> str:
    """docs/<lang>/<page>, wherever the tree was copied (so page exceptions still match)."""
    parts = path.parts
    return "/".join(parts[len(parts) - 1 - parts[::-1].index("docs"):])


@pytest.fixture
def docs(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", target)
    return target


def seed(docs: Path, language: str, page: str, paragraph: str) -> int:
    """Insert ``paragraph`` after the page's first heading; return its line number."""
    path = docs / language / page
    lines = path.read_text(encoding="utf-8").split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("# "))
    lines[heading + 1:heading + 1] = ["", paragraph]
    path.write_text("\n".join(lines), encoding="utf-8")
    return heading + 3


def findings(docs: Path, language: str, page: str | None = None) -> list:
    only = (lambda lang, p: p == page) if page else None
    problems, _ = quality.check(docs, shown, [language], only=only)
    return [p for p in problems if p.severity == "error"]


def at(problems, file: str, line: int) -> list[tuple[str, str]]:
    return [(p.rule, p.message) for p in problems if p.file == file and p.line == line]


def test_the_editions_are_clean():
    problems, stats = quality.check(ROOT / "docs", shown)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert set(stats) == {"en", "sr", "sr-Latn", "hr", "bs", "sq", "mk", "fr"}
    assert all(s["words"] > 20000 for s in stats.values())


@pytest.mark.parametrize("language, sentence, word", [
    ("en", "Every victim should recieve the permit.", "recieve"),
    ("fr", "Le gouvernment délivre le titre.", "gouvernment"),
    ("hr", "Žrtva dobiva dozvollu boravka.", "dozvollu"),
    ("bs", "Žrtva dobija dozvollu boravka.", "dozvollu"),
    ("sq", "Viktima merr lejjen e qëndrimit.", "lejjen"),
    ("mk", "Жрвтата добива дозвола.", "Жрвтата"),
    ("sr", "Жрвта добија дозволу.", "Жрвта"),
])
def test_a_misspelled_word_is_reported_with_file_and_line(docs, language, sentence, word):
    line = seed(docs, language, "introduction.md", sentence)
    found = at(findings(docs, language, "introduction.md"), f"docs/{language}/introduction.md", line)
    assert any(rule == "spelling" and f'"{word}"' in message for rule, message in found), found


def test_the_latin_serbian_edition_is_spell_checked_from_the_cyrillic_source(docs):
    line = seed(docs, "sr", "introduction.md", "Жрвта добија дозволу.")
    found = at(findings(docs, "sr-Latn", "introduction.md"), "docs/sr/introduction.md", line)
    assert any(rule == "spelling" and '"Žrvta"' in message and "[sr-Latn]" in message for rule, message in found)


def test_latin_greta_in_macedonian_is_reported(docs):
    line = seed(docs, "mk", "framework.md", "Извештајот на GRETA и CETS бр. 197 се наведени.")
    found = at(findings(docs, "mk", "framework.md"), "docs/mk/framework.md", line)
    assert ("leftover-abbreviation" in {r for r, _ in found}) and any('"GRETA"' in m for _, m in found)
    assert any(rule == "script-latin" and '"CETS"' in message for rule, message in found)


def test_cyrillic_in_a_latin_edition_is_reported(docs):
    line = seed(docs, "hr", "framework.md", "Dozvola se izdaje žrtvi (с ćirilicom).")
    found = at(findings(docs, "hr", "framework.md"), "docs/hr/framework.md", line)
    assert any(rule == "script-cyrillic" for rule, _ in found)


def test_trp_in_croatian_is_a_leftover(docs):
    line = seed(docs, "hr", "assistance.md", "Žrtva može dobiti privremenu dozvolu boravka (TRP).")
    found = at(findings(docs, "hr", "assistance.md"), "docs/hr/assistance.md", line)
    assert ("leftover-abbreviation", 'the English abbreviation') in [(r, m.split(";")[0][8:]) for r, m in found] \
        or any(r == "leftover-abbreviation" and '"TRP"' in m for r, m in found)


def test_the_trp_watchdog_mechanism_keeps_its_english_name(docs):
    line = seed(docs, "hr", "assistance.md", "Mehanizam praćenja (engl. TRP Watchdog Mechanism) djelovao je do 2013.")
    assert at(findings(docs, "hr", "assistance.md"), "docs/hr/assistance.md", line) == []


def test_iom_in_french_is_a_leftover(docs):
    line = seed(docs, "fr", "assistance.md", "L'IOM a publié une étude.")
    found = at(findings(docs, "fr", "assistance.md"), "docs/fr/assistance.md", line)
    assert any(r == "leftover-abbreviation" and '"OIM"' in m for r, m in found), found


def test_an_english_sentence_pasted_into_a_translation_is_reported(docs):
    from trp_handbook.translation.quality.text import blocks, sentences
    english = (ROOT / "docs/en/introduction.md").read_text(encoding="utf-8")
    pasted = next(s for b in blocks(english) if b.kind == "paragraph" for s in sentences(b.text)
                  if len(s.split()) > 8 and "[" not in s and "*" not in s)
    line = seed(docs, "hr", "introduction.md", pasted)
    found = at(findings(docs, "hr", "introduction.md"), "docs/hr/introduction.md", line)
    assert any(rule == "leftover-sentence" and "docs/en/introduction.md:" in message for rule, message in found), \
        (pasted, found)


def test_a_french_colon_without_its_non_breaking_space_is_reported(docs):
    line = seed(docs, "fr", "assistance.md", "La victime a un droit : le séjour. Et un autre: l'aide ; enfin « ceci ».")
    found = at(findings(docs, "fr", "assistance.md"), "docs/fr/assistance.md", line)
    spacing = [m for r, m in found if r == "typography-french-spacing"]
    assert len(spacing) == 5, found  # " :", "autre:", " ;", "« ", " »"
    good = seed(docs, "fr", "monitoring.md", "La victime a un droit\u00a0: le séjour\u202f; «\u00a0ceci\u00a0».")
    assert at(findings(docs, "fr", "monitoring.md"), "docs/fr/monitoring.md", good) == []


def test_two_spaces_between_words_are_reported(docs):
    line = seed(docs, "en", "assistance.md", "The permit is  issued.")
    found = at(findings(docs, "en", "assistance.md"), "docs/en/assistance.md", line)
    assert [r for r, _ in found] == ["typography-double-space"]


def test_two_spellings_of_one_word_in_an_edition_are_reported(docs):
    line = seed(docs, "sq", "framework.md", "Këshilli i Europës miratoi Konventën.")
    found = at(findings(docs, "sq", "framework.md"), "docs/sq/framework.md", line)
    assert any(r == "variant-spelling" and '"Evropës"' in m for r, m in found), found


def test_a_number_missing_from_the_translation_is_reported(docs):
    path = docs / "sr" / "introduction.md"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, l in enumerate(text.split("\n"), 1) if "2005." in l)
    path.write_text(text.replace("2005.", "2006."), encoding="utf-8")
    found = [p for p in findings(docs, "sr", "introduction.md") if p.rule == "numbers-missing"]
    assert [(p.file, '"2005"' in p.message) for p in found] == [("docs/sr/introduction.md", True)]
    assert found[0].line < line  # reported at the section's heading, naming the English line


def test_dates_written_the_local_way_pass():
    from trp_handbook.translation.quality.numbers import numbers
    assert set(numbers("on 1 July 2013, 10,000 persons")) <= set(numbers("1. jula 2013. godine, 10 000 osoba"))


def test_the_cli_exits_1_with_file_and_line_and_0_on_the_clean_editions(docs, capsys, monkeypatch):
    monkeypatch.chdir(docs.parent)
    assert main(["check-language", "--language", "mk", "--docs", str(docs)]) == 0
    capsys.readouterr()
    line = seed(docs, "mk", "index.md", "Прирачникот на IOM.")
    assert main(["check-language", "--language", "mk", "--format", "json", "--docs", str(docs)]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert {(p["file"], p["line"]) for p in payload["problems"] if p["severity"] == "error"} == \
        {("docs/mk/index.md", line)}
    assert payload["summary"]["languages"]["mk"]["words"] > 0


def test_an_exception_in_data_silences_one_finding_and_an_unused_one_is_reported(docs, tmp_path, monkeypatch):
    line = seed(docs, "en", "assistance.md", "Colour is spelt color in America.")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "language-exceptions.yml").write_text(
        "exceptions:\n"
        "  - rule: spelling\n    language: en\n    text: color\n    file: docs/en/assistance.md\n"
        "    reason: the American spelling, quoted on purpose\n"
        "  - rule: spelling\n    language: en\n    text: neighbor\n"
        "    reason: an entry that no longer matches anything\n", encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    problems, _ = quality.check(docs, shown, ["en"], root=tmp_path)
    assert at(problems, "docs/en/assistance.md", line) == []
    unused = [p for p in problems if p.rule == "language-exception-unused"]
    assert [(p.file, p.line, p.severity) for p in unused] == [("data/language-exceptions.yml", 7, "warning")]


def test_a_broken_exception_file_names_file_and_line(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "language-exceptions.yml").write_text(
        "exceptions:\n  - rule: spelling\n    language: en\n    text: x\n    reason: short\n", encoding="utf-8")
    with pytest.raises(HandbookError) as error:
        exceptions.load(tmp_path)
    assert "data/language-exceptions.yml:5: schema: exceptions[0].reason" in str(error.value)


def test_a_missing_dictionary_is_the_machines_fault(monkeypatch, tmp_path):
    monkeypatch.setattr(spelling, "_SYSTEM_FOLDERS", (tmp_path,))
    with pytest.raises(EnvironmentFault) as fault:
        spelling.dictionary("hr")
    assert "hunspell-hr" in str(fault.value) and "make check" in str(fault.value)
    assert main(["check-language", "--language", "hr"]) == 3


# --- term-mixed: two glossary target terms for one concept in one page (a warning) ---------------


def mixed(docs: Path, language: str, page: str) -> list:
    problems, _ = quality.check(docs, shown, [language], only=lambda lang, p: p == page)
    return [p for p in problems if p.rule == "term-mixed"]


def test_two_terms_for_one_concept_in_one_page_are_a_warning(docs):
    assert mixed(docs, "sr", "monitoring.md") == []  # the page says "накнада штете" (compensation)
    line = seed(docs, "sr", "monitoring.md", "Жртва може да тражи обештећење.")
    found = mixed(docs, "sr", "monitoring.md")
    assert [(p.file, p.severity) for p in found] == [("docs/sr/monitoring.md", "warning")]
    assert '"обештећење" (line %d)' % line in found[0].message and "(compensation)" in found[0].message
    assert not any(p.rule == "term-mixed" for p in findings(docs, "sr", "monitoring.md"))  # not an error


@pytest.mark.parametrize("language, page, line, second, first", [
    ("bs", "see/north-macedonia.md", 47, "sklonište", "prihvatni centar"),  # the reception centre, then the shelter
    ("mk", "see/albania.md", 47, "враќање", "протерување"),
    ("hr", "see/serbia.md", 27, "privremeni boravak", "dozvola boravka"),
])
def test_two_terms_in_the_editions_are_reported_at_the_second(language, page, line, second, first):
    found = mixed(ROOT / "docs", language, page)
    assert any(p.line == line and p.message.startswith(f'"{second}" and "{first}"') for p in found), found


def test_two_terms_where_the_english_page_has_two_are_faithful():
    # docs/en/see/kosovo.md says "shelter" and "appropriate and secure accommodation"; so may the translations
    for language in ("mk", "sq", "bs"):
        assert not any("(shelter)" in p.message for p in mixed(ROOT / "docs", language, "see/kosovo.md"))


def test_a_short_or_inflected_form_of_one_term_is_not_a_second_term():
    # "i huaj" beside "shtetas i huaj"; the plural "национални механизми за упатување" (also:) beside the term
    assert not any("(foreigner)" in p.message for p in mixed(ROOT / "docs", "sq", "assistance.md"))
    assert not any("(nrm)" in p.message for p in mixed(ROOT / "docs", "mk", "assistance.md"))


def test_the_glossary_ignore_comment_silences_two_terms(docs):
    path = docs / "bs" / "see" / "north-macedonia.md"
    assert mixed(docs, "bs", "see/north-macedonia.md")
    path.write_text(path.read_text(encoding="utf-8") + "\n<!-- glossary: ignore shelter -->\n", encoding="utf-8")
    assert not any("(shelter)" in p.message for p in mixed(docs, "bs", "see/north-macedonia.md"))
