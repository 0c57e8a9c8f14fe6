"""The legislation registry: schema errors with file:line:key path, identifiers, lookups, citation text."""

from __future__ import annotations

from pathlib import Path

import pytest

from trp_handbook.core.errors import HandbookError
from trp_handbook.core.project import REPO_ROOT
from trp_handbook.legislation.registry import (
    UnknownTarget,
    citation_text,
    identifier_error,
    load_registry,
    provision_label,
    registry_problems,
    resolve,
)

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "legislation" / "registry.yml"
REGISTRY = REPO_ROOT / "data" / "legislation.yml"

MINIMAL = """\
meta:
  as_at: 2026-11-28
  version: test
instruments:
  - id: dir-a
    type: eu_directive
    jurisdiction: EU
    title: Directive A
    short_titles:
      en: {title: Directive A}
    verified: true
    verification: en
    source: EUR-Lex
    provisions:
      - id: art-1
        verified: false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "legislation.yml"
    path.write_text(text, encoding="utf-8")
    return path


def schema_errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(HandbookError) as info:
        load_registry(write(tmp_path, text), "data/legislation.yml")
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- the real registry


def test_the_real_registry_loads_and_has_no_registry_problems():
    registry = load_registry(REGISTRY, "data/legislation.yml")
    assert registry_problems(registry) == []
    assert str(registry.as_at) == "2026-11-28"
    for instrument_id in (
        "eu-dir-2004-81", "coe-cets-197", "un-palermo-protocol", "eu-dir-2011-36", "eu-dir-2024-1712",
        "eu-dir-2012-29", "eu-dir-2009-52", "eu-com-2010-493", "eu-com-2014-635", "cjeu-c-66-21",
        "sp-tirana-statement-2002", "rs-law-foreigners-2018",
    ):
        assert instrument_id in registry.instruments


def test_the_real_registry_keeps_unverified_entries_unverified():
    registry = load_registry(REGISTRY, "data/legislation.yml")
    # From memory only in legal-facts: never verified here.
    for target in ("eu-dir-2004-81/art-13", "eu-dir-2004-81/art-14", "eu-dir-2011-36/art-11/para-6",
                   "eu-dir-2009-52/art-13/para-4", "mk-law-aliens-2006/art-82"):
        assert resolve(registry, target).verified is False, target
    # Verified in official translations.
    for target in ("eu-dir-2004-81/art-8/para-3", "coe-cets-197/art-13/para-1", "eu-dir-2011-36/art-11/para-3"):
        assert resolve(registry, target).verification == "translation", target
    assert resolve(registry, "coe-cets-197/art-14/para-1/point-b").verification == "en"


def test_the_real_registry_marks_what_the_third_pass_could_not_verify():
    registry = load_registry(REGISTRY, "data/legislation.yml")
    instruments = registry.instruments
    # Not found in any pass: the identifier stays unverified and is printed with its mark.
    assert instruments["hr-aliens-act-2007"].identifier_check("official_gazette") == (False, "none")
    assert instruments["eu-dir-2012-29"].identifier_check("celex")[0] is False
    assert instruments["eu-dir-2009-52"].identifier_check("eli")[0] is False
    # Read in the third pass: CURIA shows the ECLI; a decree reproduces the Macedonian gazette numbers.
    assert instruments["cjeu-c-66-21"].identifier_check("ecli")[0] is True
    assert instruments["mk-law-foreigners-2018"].identifier_check("official_gazette")[0] is True
    # Croatia's 60/90-day period rests on one weak copy of a US report about the law in force c. 2021.
    facts = [f for f in instruments["hr-aliens-act-2020"].facts if "60 days" in f.text]
    assert len(facts) == 1 and facts[0].verified is False
    assert not [f for f in instruments["hr-foreigners-act-2011"].facts if "60 days" in f.text]
    # Art. 19 of 2011/36: the original heading is from memory, the wording in force since 2024 was read (DE).
    art_19 = resolve(registry, "eu-dir-2011-36/art-19")
    assert (art_19.verified, art_19.verification) == (True, "translation")
    assert art_19.heading.startswith("National anti-trafficking coordinators")


# --------------------------------------------------------------------------- schema errors


def test_minimal_registry_loads(tmp_path):
    registry = load_registry(write(tmp_path, MINIMAL))
    assert list(registry.nodes) == ["dir-a/art-1"]


def test_unknown_type_names_line_and_key_path(tmp_path):
    errors = schema_errors(tmp_path, MINIMAL.replace("type: eu_directive", "type: eu_regulation"))
    assert len(errors) == 1
    assert errors[0].startswith("data/legislation.yml:6: schema: instruments[0].type: Input should be ")
    assert "'eu_directive'" in errors[0] and "(found 'eu_regulation')" in errors[0]


def test_missing_english_short_title(tmp_path):
    errors = schema_errors(tmp_path, MINIMAL.replace("en: {title: Directive A}", "hr: {title: Direktiva A}"))
    assert errors == [
        "data/legislation.yml:9: schema: instruments[0].short_titles: "
        "Value error, needs an English short title (short_titles.en)"
    ]


def test_verified_without_source(tmp_path):
    errors = schema_errors(tmp_path, MINIMAL.replace("    source: EUR-Lex\n", ""))
    assert errors == [
        "data/legislation.yml:5: schema: instruments[0]: "
        "Value error, verified: true needs a source (the text or page it was checked against)"
    ]


def test_a_verified_identifier_needs_its_source(tmp_path):
    text = MINIMAL.replace("    verified: true\n    verification: en\n",
                           "    identifiers:\n      celex: {value: 32004L0081, verified: true, verification: en}\n"
                           "    verified: true\n    verification: en\n")
    errors = schema_errors(tmp_path, text)
    assert errors == [
        "data/legislation.yml:12: schema: instruments[0].identifiers.celex: "
        "Value error, verified: true needs a source (the text or page it was checked against)"
    ]


def test_verified_without_method(tmp_path):
    errors = schema_errors(tmp_path, MINIMAL.replace("    verification: en\n", ""))
    assert errors == [
        "data/legislation.yml:5: schema: instruments[0]: Value error, verified: true needs verification: "
        "en, translation or secondary (how it was checked)"
    ]


def test_bad_provision_id_names_the_nested_key_path(tmp_path):
    errors = schema_errors(tmp_path, MINIMAL.replace("id: art-1", "id: article-1"))
    assert len(errors) == 1
    assert errors[0].startswith(
        "data/legislation.yml:15: schema: instruments[0].provisions[0].id: String should match pattern"
    )
    assert "(found 'article-1')" in errors[0]


def test_article_inside_article_is_refused(tmp_path):
    text = MINIMAL.replace("        verified: false\n", "        provisions:\n          - {id: art-2}\n")
    errors = schema_errors(tmp_path, text)
    assert errors == [
        "data/legislation.yml:15: schema: instruments[0].provisions[0]: "
        "Value error, art-2 cannot sit inside art-1; expected para-, subpara- or point-"
    ]


def test_unknown_key_is_refused(tmp_path):
    errors = schema_errors(tmp_path, MINIMAL.replace("    title: Directive A\n", "    title: Directive A\n    titel: x\n"))
    assert errors == ["data/legislation.yml:9: schema: instruments[0].titel: Extra inputs are not permitted (found 'x')"]


def test_national_law_needs_a_country(tmp_path):
    text = MINIMAL.replace("type: eu_directive", "type: national_law")
    errors = schema_errors(tmp_path, text)
    assert errors == [
        "data/legislation.yml:5: schema: instruments[0]: "
        "Value error, a national_law needs a two-letter country code as jurisdiction"
    ]


def test_yaml_syntax_error(tmp_path):
    errors = schema_errors(tmp_path, MINIMAL + "  - id: [unclosed\n")
    assert len(errors) == 1 and errors[0].startswith("data/legislation.yml:18: yaml-syntax: ")


# --------------------------------------------------------------------------- identifiers


@pytest.mark.parametrize(
    "kind, value",
    [
        ("celex", "32004L0081"),
        ("celex", "52014DC0635"),
        ("celex", "62021CJ0066"),
        ("celex_consolidated", "02011L0036-20240714"),
        ("eli", "http://data.europa.eu/eli/dir/2004/81/oj"),
        ("eli_consolidated", "http://data.europa.eu/eli/dir/2011/36/2024-07-14"),
        ("oj", "OJ L 261, 6.8.2004, p. 19-23"),
        ("oj", "OJ L 168, 30.6.2009, p. 24"),
        ("oj", "OJ L, 2024/1712, 24.6.2024"),
        ("oj", "OJ L 203, 1.8.2002"),
        ("official_gazette", "Sluzbeni glasnik RS 24/2018, 31/2019, 62/2023"),
        ("official_gazette", "NN 130/11, 74/13"),
        ("official_gazette", "Sluzbeni list CG 82/2008 (31.12.2008)"),
        ("official_gazette", "Official Gazette of the Republic of Kosovo No. 34, 4 September 2013"),
        ("cets", "197"),
        ("ecli", "ECLI:EU:C:2022:434"),
        ("case", "C-66/21"),
        ("com", "COM(2014) 635 final"),
        ("law_number", "04/L-218"),
    ],
)
def test_well_formed_identifiers(kind, value):
    assert identifier_error(kind, value) is None


@pytest.mark.parametrize(
    "kind, value, expected",
    [
        ("celex", "3200L081", "'3200L081' is not a CELEX number; expected e.g. 32004L0081"),
        ("celex", "32004 L 0081", "'32004 L 0081' is not a CELEX number"),
        ("eli", "https://eur-lex.europa.eu/eli/dir/2004/81", "is not an EU ELI URI; expected e.g. http://data.europa.eu/eli/dir/2004/81/oj"),
        ("eli", "http://data.europa.eu/eli/dir/81/2004/oj", "is not an EU ELI URI"),
        ("oj", "OJ L261 6.8.2004", "is not an Official Journal reference"),
        ("oj", "L 261, 6.8.2004, p. 19", "is not an Official Journal reference"),
        ("official_gazette", "Sluzbeni glasnik 24-2018", "is not a gazette reference; expected e.g. 'Sluzbeni glasnik RS 24/2018"),
        ("official_gazette", "24/2018", "is not a gazette reference"),
        ("cets", "No. 197", "is not a CETS number; expected e.g. 197"),
        ("ecli", "EU:C:2022:434", "is not an ECLI"),
    ],
)
def test_malformed_identifiers(kind, value, expected):
    error = identifier_error(kind, value)
    assert error is not None and expected in error


def test_registry_problems_of_the_fixture():
    registry = load_registry(FIXTURE, "registry.yml")
    assert [str(p) for p in registry_problems(registry)] == [
        "registry.yml:47: identifier: dir-b.identifiers.celex: '3200L081' is not a CELEX number; "
        "expected e.g. 32004L0081 (sector, year, document type, number)",
        "registry.yml:77: identifier: law-new.identifiers.official_gazette: 'Sluzbeni glasnik 24-2018' is not a "
        "gazette reference; expected e.g. 'Sluzbeni glasnik RS 24/2018, 31/2019' or 'NN 130/11' "
        "(the gazette's name, then issue/year numbers)",
        "registry.yml:100: dangling-reference: law-gone.status.replaced_by: 'law-newer' is not an instrument in "
        "the registry; expected an instrument id (did you mean 'law-new'?)",
        "registry.yml:103: duplicate-id: instrument id 'law-new' is already used at line 70; expected unique ids",
    ]


# --------------------------------------------------------------------------- targets and text


@pytest.fixture(scope="module")
def registry():
    return load_registry(FIXTURE, "registry.yml")


def test_resolve_provision(registry):
    resolved = resolve(registry, "dir-a/art-8/para-3")
    assert resolved.instrument.id == "dir-a"
    assert resolved.path == ("art-8", "para-3")
    assert resolved.heading == "Issue and renewal of the residence permit"  # the article's
    assert resolved.verified and resolved.verification == "translation"
    assert resolved.url == "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32004L0081"


def test_resolve_instrument_only(registry):
    resolved = resolve(registry, "law-old")
    assert resolved.provision is None and resolved.instrument.is_repealed


@pytest.mark.parametrize(
    "target, rule, message",
    [
        ("dir-z/art-6", "unknown-instrument",
         "law:dir-z/art-6: no instrument 'dir-z' in the registry; did you mean law:dir-a/art-6?"),
        ("dir-a/art-20", "unknown-provision",
         "law:dir-a/art-20: dir-a has no provision 'art-20' in the registry; did you mean law:dir-a/art-8?"),
        ("treaty-x/art-1", "unknown-provision",
         "law:treaty-x/art-1: treaty-x has no provision 'art-1' in the registry; "
         "add it to the registry (with its verification) or cite the instrument"),
        ("law-new/art-40-1-12", "malformed-target",
         "law:law-new/art-40-1-12 is not a citation target; expected instrument-id[/art-N[/para-N[/point-x]]], "
         "e.g. law:eu-dir-2004-81/art-8/para-3; did you mean law:law-new/art-40/para-1/point-12?"),
        ("dir-a-art-6-1", "unknown-instrument",
         "law:dir-a-art-6-1: no instrument 'dir-a-art-6-1' in the registry; did you mean law:dir-a/art-6/para-1?"),
    ],
)
def test_unknown_targets_say_what_was_meant(registry, target, rule, message):
    with pytest.raises(UnknownTarget) as info:
        resolve(registry, target)
    assert (info.value.rule, info.value.message) == (rule, message)


def test_provision_label():
    assert provision_label(("art-8", "para-3"), "en") == "Art. 8(3)"
    assert provision_label(("art-40", "para-1", "point-12"), "sr") == "чл. 40 ст. 1 тач. 12"
    assert provision_label(("art-10", "point-c"), "sq") == "neni 10(c)"


@pytest.mark.parametrize(
    "language, label",
    [
        # as each edition's pages cite Art. 14(1)(b) of the Convention (data/texts/citations.yml)
        ("en", "Art. 14(1)(b)"),
        ("sr", "чл. 14 ст. 1 тач. б"),
        ("sr-Latn", "čl. 14 st. 1 tač. b"),
        ("hr", "čl. 14. st. 1. toč. (b)"),
        ("bs", "član 14. stav (1) tačka b)"),
        ("sq", "neni 14(1)(b)"),
        ("mk", "член 14 став 1 точка (б)"),
        ("fr", "art. 14, par. 1, point b)"),
    ],
)
def test_provision_label_per_edition(language, label):
    assert provision_label(("art-14", "para-1", "point-b"), language) == label


def test_a_cyrillic_edition_letters_points_in_its_alphabet():
    # the third point is в in Serbian and Macedonian (а, б, в), not the transliteration of c (ц)
    assert provision_label(("art-3", "point-c"), "sr") == "чл. 3 тач. в"
    assert provision_label(("art-3", "point-c"), "mk") == "член 3 точка (в)"
    assert provision_label(("art-3", "point-c"), "hr") == "čl. 3. toč. (c)"


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Art. 8(3) Directive 2004/81/EC"),
        ("sr", "чл. 8 ст. 3 Директиве 2004/81/ЕЗ"),
        ("sr-Latn", "čl. 8 st. 3 Direktive 2004/81/EZ"),
        ("hr", "čl. 8. st. 3. Direktive 2004/81/EZ"),
        ("fr", "art. 8, par. 3 Directive 2004/81/EC"),  # no French title in the fixture: the English one
    ],
)
def test_citation_text_per_language(registry, language, text):
    assert citation_text(resolve(registry, "dir-a/art-8/para-3"), language) == text


def test_citation_text_in_a_language_the_handbook_does_not_have_is_an_error_not_english(registry):
    with pytest.raises(KeyError, match="unknown language 'xx'; expected one of: en, sr"):
        citation_text(resolve(registry, "dir-a/art-8/para-3"), "xx")


def test_citation_text_of_an_instrument_is_its_short_title(registry):
    assert citation_text(resolve(registry, "dir-a"), "sr") == "Директива 2004/81/ЕЗ"


def test_real_registry_citation_texts():
    registry = load_registry(REGISTRY, "data/legislation.yml")
    resolved = resolve(registry, "eu-dir-2004-81/art-8/para-3")
    assert citation_text(resolved, "en") == "Art. 8(3) Directive 2004/81/EC"
    assert citation_text(resolved, "sr") == "чл. 8 ст. 3 Директиве 2004/81/ЕЗ"
    assert citation_text(resolved, "hr") == "čl. 8. st. 3. Direktive 2004/81/EZ"
    assert citation_text(resolved, "bs") == "član 8. stav (3) Direktive 2004/81/EZ"
    assert citation_text(resolved, "fr") == "art. 8, par. 3 de la directive 2004/81/CE"
    assert citation_text(resolved, "sq") == "neni 8(3) i Direktivës 2004/81/KE"
    assert citation_text(resolved, "mk") == "член 8 став 3 од Директивата 2004/81/ЕЗ"


def test_duplicate_provision_and_dangling_amendment(tmp_path):
    text = MINIMAL.replace(
        "      - id: art-1\n        verified: false\n",
        "      - id: art-1\n        as_amended: {by: dir-b}\n      - id: art-1\n",
    )
    registry = load_registry(write(tmp_path, text), "data/legislation.yml")
    assert [str(p) for p in registry_problems(registry)] == [
        "data/legislation.yml:17: duplicate-id: dir-a lists provision 'art-1' twice; expected unique provision ids",
        "data/legislation.yml:16: dangling-reference: dir-a.art-1.as_amended.by: 'dir-b' is not an instrument in "
        "the registry; expected an instrument id (did you mean 'dir-a'?)",
    ]
