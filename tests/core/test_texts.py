"""The one store of reader-visible texts (``data/texts/``) and its lookup (:mod:`trp_handbook.core.texts`).

Two kinds of test:

* the store: its form (errors with file:line), keys unique across files,
  completeness per language, placeholders, the generated Serbian Latin edition,
  unknown keys, the ``check-texts`` command;
* the structure: no reader-visible text is defined outside ``data/`` (an AST scan
  of ``src/`` and ``hooks/`` for dict literals keyed by language codes and for
  English passed as a fallback), dates and numbers are formatted with the one
  Babel locale of ``data/languages.yml``, and every key the code asks for exists.
"""

from __future__ import annotations

import ast
import datetime
import re
from pathlib import Path

import pytest

from trp_handbook.cli.main import main
from trp_handbook.core import texts
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.languages import by_code, load_languages
from trp_handbook.core.project import REPO_ROOT
from trp_handbook.translation.transliteration import to_latin

#: The languages with texts of their own (all but the generated sr-Latn).
OWN = [lang.code for lang in load_languages() if not lang.generated_from]
CODES = {lang.code for lang in load_languages()}
SOURCE_DIRS = [REPO_ROOT / "src" / "trp_handbook", REPO_ROOT / "hooks"]


def _entry(key: str, values: dict[str, str], extra: str = "") -> str:
    lines = [f"  {key}:"] + ([extra] if extra else []) + [f'    {code}: "{value}"' for code, value in values.items()]
    return "\n".join(lines) + "\n"


def _complete(template: str) -> dict[str, str]:
    return {code: template for code in OWN}


def _store(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, body in files.items():
        (folder / f"{name}.yml").write_text(body, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    return [str(p) for p in texts.read_store(folder).problems]


# --------------------------------------------------------------------------- the real store


def test_the_real_store_has_every_text_in_every_language():
    assert texts.read_store().problems == ()
    store = texts.load_store()
    # one text of each former store: data/ui.yml, overrides/print/labels.yml, the table of legislation's
    # TEXTS and COUNTRIES, the citations' MARK_LABELS and the article words
    assert {"site_name", "print_contents", "legislation_title", "country_XK", "mark_repealed",
            "provision_article"} <= set(store.texts)
    for text in store.texts.values():
        assert set(text.values) == set(OWN), text.where


def test_check_texts_passes_on_the_real_store_and_is_part_of_handbook_check(capsys):
    assert main(["check-texts"]) == 0
    assert "no problems found" in capsys.readouterr().out
    from trp_handbook.cli.check import CHECKS

    assert "check-texts" in CHECKS


def test_no_text_file_is_left_in_overrides():
    # overrides/print/ keeps the print stylesheet only; the printed texts are in data/texts/print.yml
    assert sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "overrides").rglob("*.y*ml")) == []
    assert not (REPO_ROOT / "data" / "ui.yml").exists()


# --------------------------------------------------------------------------- form and errors


def test_a_complete_store_has_no_problem(tmp_path):
    folder = _store(tmp_path, a="texts:\n" + _entry("greeting", _complete("Hello {name}")))
    assert _problems(folder) == []


def test_a_missing_language_names_file_line_and_language(tmp_path):
    values = _complete("Hello")
    del values["mk"], values["fr"]
    folder = _store(tmp_path, a="texts:\n" + _entry("first", _complete("x")) + _entry("greeting", values))
    line = 2 + 1 + len(OWN)  # "texts:", the first entry, then this key
    assert _problems(folder) == [
        f"data/texts/a.yml:{line}: text-missing: greeting: no fr (French) text; "
        "expected one value per language of data/languages.yml",
        f"data/texts/a.yml:{line}: text-missing: greeting: no mk (Macedonian) text; "
        "expected one value per language of data/languages.yml",
    ]


def test_the_build_stops_on_an_incomplete_store(tmp_path):
    values = _complete("Hello")
    del values["sq"]
    folder = _store(tmp_path, a="texts:\n" + _entry("greeting", values))
    with pytest.raises(HandbookError) as err:
        texts.load_store(folder)
    assert str(err.value) == (
        "data/texts/a.yml:2: text-missing: greeting: no sq (Albanian) text; "
        "expected one value per language of data/languages.yml"
    )


def test_a_translation_that_loses_or_adds_a_placeholder_is_refused_at_its_line(tmp_path):
    values = _complete("As at {date}.")
    values["sr"] = "Стање на дан."
    values["fr"] = "Au {date}, {time}."
    folder = _store(tmp_path, a="texts:\n" + _entry("as_at", values))
    sr_line, fr_line = 2 + 1 + OWN.index("sr"), 2 + 1 + OWN.index("fr")
    assert _problems(folder) == sorted([
        f"data/texts/a.yml:{sr_line}: text-placeholders: as_at: the sr text lacks {{date}}; "
        "expected the placeholders of the en text ({date})",
        f"data/texts/a.yml:{fr_line}: text-placeholders: as_at: the fr text adds {{time}}; "
        "expected the placeholders of the en text ({date})",
    ])


def test_may_omit_lets_a_translation_write_out_a_placeholder_but_not_add_one(tmp_path):
    values = _complete("Not yet in {language_name}.")
    values["sr"] = "Још није на српском."
    allowed = _store(tmp_path, a="texts:\n" + _entry("missing", values, "    may_omit: [language_name]"))
    assert _problems(allowed) == []
    (allowed / "a.yml").write_text("texts:\n" + _entry("missing", values, "    may_omit: [language]"), encoding="utf-8")
    assert _problems(allowed) == sorted([
        "data/texts/a.yml:2: text-placeholders: missing: may_omit names {language}, which the en text does not have",
        f"data/texts/a.yml:{3 + 1 + OWN.index('sr')}: text-placeholders: missing: the sr text lacks "
        "{language_name}; expected the placeholders of the en text ({language_name})",
    ])


def test_a_brace_that_is_not_a_placeholder_is_refused(tmp_path):
    values = {**_complete("Page {page}"), "fr": "Page {page}}"}
    folder = _store(tmp_path, a="texts:\n" + _entry("odd", _complete("Page {0:>3}")), b="texts:\n" + _entry("lone", values))
    assert _problems(folder) == [
        "data/texts/a.yml:3: text-placeholders: odd: the en text has {0:>3}, which is not a placeholder; "
        "expected {name} (letters, digits, _)",
        f"data/texts/b.yml:{3 + OWN.index('fr')}: text-placeholders: lone: the fr text has a brace that opens or "
        "closes nothing (Single '}' encountered in format string); expected {name} (letters, digits, _)",
    ]


def test_a_key_defined_twice_names_both_files_and_lines(tmp_path):
    folder = _store(
        tmp_path,
        a="texts:\n" + _entry("first", _complete("x")) + _entry("greeting", _complete("Hello")),
        b="# another file\ntexts:\n" + _entry("greeting", _complete("Hi")),
    )
    assert _problems(folder) == [
        f"data/texts/b.yml:3: text-duplicate: greeting: already defined at data/texts/a.yml:{3 + len(OWN)}; "
        "expected each key once in data/texts/"
    ]


def test_a_key_repeated_in_one_file_is_refused(tmp_path):
    folder = _store(tmp_path, a="texts:\n" + _entry("greeting", _complete("Hello")) + _entry("greeting", _complete("Hi")))
    assert _problems(folder) == [
        f"data/texts/a.yml:{3 + len(OWN)}: text-duplicate: greeting: defined again (first at data/texts/a.yml:2); "
        "expected one definition"
    ]


def test_the_generated_edition_and_unknown_languages_have_no_texts_of_their_own(tmp_path):
    values = {**_complete("Hello"), "sr-Latn": "Zdravo", "de": "Hallo"}
    folder = _store(tmp_path, a="texts:\n" + _entry("greeting", values))
    known = ", ".join(lang.code for lang in load_languages())
    assert _problems(folder) == sorted([
        f"data/texts/a.yml:{3 + len(OWN)}: text-language: greeting: sr-Latn is generated from sr (its texts are "
        "sr's, transliterated); expected no sr-Latn text of its own",
        f"data/texts/a.yml:{4 + len(OWN)}: text-language: greeting: 'de' is not a language of data/languages.yml; "
        f"expected one of: {known}",
    ])


def test_schema_and_syntax_errors_carry_file_and_line(tmp_path):
    folder = _store(
        tmp_path,
        a="texts:\n  greeting:\n    en: [not, a, text]\n",
        b="texts:\n  greeting:\n    en: 'unclosed\n",
        c="messages:\n  greeting:\n    en: Hello\n",
    )
    problems = _problems(folder)
    assert problems[0] == "data/texts/a.yml:3: schema: texts.greeting.en: Input should be a valid string"
    assert problems[1].startswith("data/texts/b.yml:4: yaml-syntax: ")
    assert problems[2].startswith("data/texts/c.yml:1: schema: messages: Extra inputs are not permitted")


def test_an_empty_text_is_refused(tmp_path):
    folder = _store(tmp_path, a="texts:\n" + _entry("greeting", {**_complete("Hello"), "hr": ""}))
    assert _problems(folder) == [
        f"data/texts/a.yml:{3 + OWN.index('hr')}: schema: texts.greeting.hr: String should have at least 1 character"
        " (found '')"
    ]


def test_check_texts_reports_every_problem_and_exits_1(tmp_path, capsys):
    values = _complete("Hello")
    del values["bs"]
    folder = _store(tmp_path, a="texts:\n" + _entry("greeting", values))
    assert main(["check-texts", "--texts", str(folder)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/texts/a.yml:2: text-missing: greeting: no bs (Bosnian) text; "
        "expected one value per language of data/languages.yml"
    ]


# --------------------------------------------------------------------------- lookup


def test_text_in_each_language_and_the_generated_latin_edition():
    assert texts.text("notice_label", "en") == "Translation notice"
    assert texts.text("notice_label", "sr") == "Напомена о преводу"
    assert texts.text("notice_label", "sr-Latn") == "Napomena o prevodu" == to_latin(texts.text("notice_label", "sr"))
    assert texts.text("law_as_at", "sr-Latn", date="1. maj 2026.") == "Pravo je prikazano prema stanju na dan 1. maj 2026."


def test_every_entry_of_the_generated_edition_is_its_source_transliterated():
    for key in texts.keys():
        assert texts.template(key, "sr-Latn") == to_latin(texts.template(key, "sr")), key


def test_an_unknown_key_is_an_error_not_english():
    with pytest.raises(HandbookError, match=r"unknown text 'notice_lable': no entry in data/texts/; "
                                            r"did you mean 'notice_label'\?"):
        texts.text("notice_lable", "sr")
    with pytest.raises(KeyError, match="unknown language 'de'"):
        texts.text("notice_label", "de")


def test_values_must_match_the_placeholders():
    with pytest.raises(HandbookError, match=r"data/texts/notices.yml:\d+: text 'law_as_at' needs date; "
                                            r"expected values for: date"):
        texts.text("law_as_at", "en")
    with pytest.raises(HandbookError, match=r"text 'notice_label' has no placeholder year"):
        texts.text("notice_label", "en", year=2026)


def test_template_keeps_the_placeholders_for_callers_that_fill_them():
    assert texts.template("print_page_of", "fr") == "Page {page} sur {pages}"
    assert texts.template("print_page_of", "sr-Latn") == "Strana {page} od {pages}"


def test_dates_and_numbers_follow_the_locale_of_languages_yml():
    day = datetime.date(2026, 11, 28)
    assert by_code("en").locale == "en_GB"
    assert texts.long_date(day, "en") == "28 November 2026"
    assert texts.long_date(day, "sr") == "28. новембар 2026."
    assert texts.long_date(day, "sr-Latn") == "28. novembar 2026."
    assert texts.decimal(1.4, "sr", "0.0") == "1,4"
    assert texts.percent(0.75, "fr") == "75\u00a0%"
    assert texts.percent(0.75, "en") == "75%"


def test_every_key_the_code_composes_is_in_the_store():
    """Keys made at run time (mark_<kind>, legislation_<group>, country_<jurisdiction>) exist for every value."""
    from trp_handbook.legislation.citations import MARK_KINDS
    from trp_handbook.legislation.registry import GROUP_OF_TYPE, load_registry

    store = texts.load_store().texts
    registry = load_registry(REPO_ROOT / "data" / "legislation.yml")
    composed = [f"mark_{kind}" for kind in MARK_KINDS]
    composed += [f"legislation_{group}" for group in set(GROUP_OF_TYPE.values())]
    composed += [f"country_{inst.jurisdiction}" for inst in registry.instruments.values() if inst.group == "national"]
    assert sorted({key for key in composed if key not in store}) == []


# --------------------------------------------------------------------------- structure: texts live in data/


def _python_files() -> list[Path]:
    return sorted(p for folder in SOURCE_DIRS for p in folder.rglob("*.py"))


def _shown(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(REPO_ROOT).as_posix()}:{node.lineno}"


_CODE_LIKE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


def _language_keyed_dicts(tree: ast.AST) -> list[ast.Dict]:
    """Dict literals with two or more keys that are language codes, except maps from language to language code
    (a Material theme, a hyphenation dictionary), which are settings, not texts."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        if sum(k in CODES for k in keys) < 2:
            continue
        values = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        if len(values) == len(node.values) and all(_CODE_LIKE.match(v) for v in values):
            continue
        found.append(node)
    return found


def _english_fallbacks(tree: ast.AST) -> list[ast.Call]:
    """``x.get(language, table["en"])`` or ``x.get(code, {"en": ...})``: English shown where a text is missing."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and len(node.args) == 2):
            continue
        default = node.args[1]
        if isinstance(default, ast.Subscript) and isinstance(default.slice, ast.Constant) and default.slice.value == "en":
            found.append(node)
        elif isinstance(default, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in CODES for k in default.keys):
            found.append(node)
    return found


def test_no_reader_visible_text_is_defined_outside_data():
    offenders = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{_shown(path, n)}: dict keyed by language codes" for n in _language_keyed_dicts(tree)]
        offenders += [f"{_shown(path, n)}: English passed as a fallback" for n in _english_fallbacks(tree)]
    assert offenders == [], "texts belong in data/texts/ (trp_handbook.core.texts):\n" + "\n".join(offenders)


def test_the_scan_finds_the_forms_it_forbids():
    # the former stores, as they were written: the scan must catch each of them
    tree = ast.parse(
        'TEXTS = {"title": {"en": "Table of legislation", "sr": "Преглед прописа"}}\n'
        'word = ARTICLE_WORD.get(source, ARTICLE_WORD["en"])\n'
        'name = COUNTRIES.get(country, {"en": country})\n'
        'nearest = {"bs": "hr", "sr-Latn": "sh"}\n'
    )
    assert [n.lineno for n in _language_keyed_dicts(tree)] == [1]
    assert [n.lineno for n in _english_fallbacks(tree)] == [2, 3]


def test_babel_formats_only_in_the_texts_module():
    """The Babel locale of a language is written once (data/languages.yml), and one module formats with it."""
    offenders = []
    for path in _python_files():
        if path.name == "texts.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("babel.dates", "babel.numbers")):
                offenders.append(f"{_shown(path, node)}: formats with babel.{node.module.split('.')[1]}")
            if isinstance(node, ast.Constant) and node.value == "en_GB":
                offenders.append(f"{_shown(path, node)}: a Babel locale written in code")
    assert offenders == []


def test_every_key_the_code_asks_for_is_in_the_store():
    asked = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and ((isinstance(node.func, ast.Name) and node.func.id in ("text", "template", "t"))
                         or (isinstance(node.func, ast.Attribute) and node.func.attr in ("text", "template")
                             and isinstance(node.func.value, ast.Name) and node.func.value.id == "texts"))):
                asked.append((_shown(path, node), node.args[0].value))
    assert len(asked) > 50
    store = texts.load_store().texts
    assert [(where, key) for where, key in asked if key not in store] == []
