"""Country facts as data: the schema (file:line), the fact: reference in every language, the generated
views and diagram, parity, the content policy, jurisdictions.json and the changes in the law."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

import markdown
from helpers import FIXTURES, ROOT
from trp_handbook.core.errors import HandbookError
from trp_handbook.core.project import data_dir
from trp_handbook.jurisdictions.diagram import diagram_svg
from trp_handbook.jurisdictions.export import changed_facts, jurisdictions_json
from trp_handbook.jurisdictions.extension import FactExtension, UnknownFactError
from trp_handbook.jurisdictions.model import REQUIRED_FACTS, load_facts
from trp_handbook.legislation.changes import LawChanges, compare_facts, to_markdown
from trp_handbook.legislation.registry import load_registry
from trp_handbook.policy.content import check_page
from trp_handbook.translation import parity

DATA = data_dir() / "jurisdictions.yml"
LANGUAGES = ("en", "sr", "sr-Latn", "hr", "bs", "sq", "mk", "fr")


@pytest.fixture(scope="module")
def registry():
    return load_registry(data_dir() / "legislation.yml", "data/legislation.yml")


@pytest.fixture(scope="module")
def facts(registry):
    return load_facts(DATA, registry)


def _changed_data(tmp_path: Path, days: int) -> Path:
    """A copy of data/jurisdictions.yml in which Croatia's reflection period lasts ``days`` days."""
    text = DATA.read_text(encoding="utf-8")
    changed = re.sub(r"(reflection-period/length: \{)days: 60,", rf"\1days: {days},", text, count=1)
    assert changed != text, "the Croatian period is no longer 60 days in the data: adapt the test"
    path = tmp_path / "jurisdictions.yml"
    path.write_text(changed, encoding="utf-8")
    return path


def render(text: str, language: str = "en", facts=None, strict: bool = False, page: str = "docs/en/see/x.md"):
    ext = FactExtension(language=language, strict=strict, page=page, **({"facts": facts} if facts else {}))
    html = markdown.markdown(text, extensions=[ext, "tables"])
    return html, ext


# ------------------------------------------------------------------ the data and its schema


def test_every_jurisdiction_states_every_fact_and_unknowns_are_unverified(facts):
    assert [j.id for j in facts.jurisdictions] == ["rs", "ba", "hr", "me", "mk", "al", "xk"]
    for jur in facts.jurisdictions:
        assert set(REQUIRED_FACTS) <= set(facts.values[jur.id])
        for name, value in facts.facts_of(jur.id):
            if value.is_unknown:
                assert not value.verified, f"{jur.id}/{name}"


def test_cets_dates_come_from_the_registry(facts, registry):
    serbia = next(r for r in registry.instruments["coe-cets-197"].ratifications if r.state == "Serbia")
    assert facts.values["rs"]["cets-197/ratified"].date == serbia.ratified
    assert facts.values["me"]["cets-197/ratified"].is_unknown
    assert facts.values["xk"]["cets-197/ratified"].term == "not_applicable"


@pytest.mark.parametrize(
    "edit, line_of, rule, words",
    [
        (lambda t: t.replace("      authority: {term: unknown, settle: [rs-law-foreigners-2018]}\n", "", 1),
         "    facts:\n", "schema", "missing facts authority"),
        (lambda t: t.replace("      authority: {term: unknown, settle: [rs-law-foreigners-2018]}",
                             "      authority: {term: unknown, settle: [rs-law-foreigners-2018]}\n"
                             "      permit/lenght: {days: 3}", 1),
         "permit/lenght", "unknown-fact", "did you mean 'permit/"),
        (lambda t: t.replace("greta/round: {number: 3, verified: true",
                             "greta/round: {number: 3, days: 4, verified: true", 1),
         "greta/round: {number: 3, days", "schema", "exactly one value"),
        (lambda t: t.replace("permit-presumed/article: {law: rs-law-foreigners-2018/art-40/para-1/point-12",
                             "permit-presumed/article: {law: rs-law-foreigners-2018/art-41", 1),
         "permit-presumed/article: {law: rs-law-foreigners-2018/art-41", None, "art-41"),
        (lambda t: t.replace("cets_state: Serbia", "cets_state: Serbland", 1),
         "cets_state: Serbland", "unknown-state", "Serbland"),
    ],
)
def test_bad_data_names_file_and_line(tmp_path, registry, edit, line_of, rule, words):
    text = edit(DATA.read_text(encoding="utf-8"))
    path = tmp_path / "jurisdictions.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_facts(path, registry, "data/jurisdictions.yml")
    message = str(caught.value)
    expected_line = text[: text.index(line_of)].count("\n") + 1  # for a missing key: its mapping (facts:)
    first = message.splitlines()[0]
    assert first.startswith("data/jurisdictions.yml:"), message
    found_line = int(first.split(":")[1])
    assert abs(found_line - expected_line) <= 1, (first, expected_line)
    if rule:
        assert f": {rule}: " in first
    assert words in message


# ------------------------------------------------------------------ the fact: reference


def test_a_value_is_written_in_the_page_language_with_its_mark(facts):
    text = "It lasts [](fact:hr/reflection-period/length).\n"
    html = {lang: render(text, lang, facts)[0] for lang in LANGUAGES}
    assert "60 days" in html["en"] and "60 дана" in html["sr"] and "60 dana" in html["sr-Latn"]
    assert "60\u00a0jours" in html["fr"] and "60 ditë" in html["sq"] and "60 дена" in html["mk"]
    for lang, page in html.items():
        assert 'class="fact-value fact-value--unverified"' in page, lang
        assert "law-ref__mark--unverified" in page, lang


def test_a_verified_value_links_to_its_provision_and_has_no_mark(facts):
    html, _ = render("[](fact:rs/permit-presumed/article) and [](fact:rs/cets-197/ratified)\n", "sr", facts)
    assert "чл. 40 ст. 1 тач. 12" in html
    assert "14. април 2009." in html
    assert "law-ref__mark" not in html
    assert html.count('href="http') == 2


def test_an_unknown_fact_fails_strict_with_file_and_line(facts):
    text = "# Title\n\nFine [](fact:rs/greta/latest).\n\nBroken [](fact:rs/reflection-perod/length).\n"
    with pytest.raises(UnknownFactError) as caught:
        render(text, facts=facts, strict=True, page="docs/en/see/serbia.md")
    assert str(caught.value).startswith("docs/en/see/serbia.md:5: unknown-fact: fact:rs/reflection-perod/length")
    assert "did you mean rs/reflection-period/length" in str(caught.value)
    html, ext = render(text, facts=facts)
    assert [p.line for p in ext.problems] == [5]
    assert 'class="fact fact--unknown"' in html


def test_views_render_and_must_stand_alone(facts):
    html, ext = render("[](fact:rs/key-facts)\n\n[](fact:see/comparison)\n\n[](fact:rs/to-verify)\n", "fr", facts,
                       page="docs/fr/see/index.md")
    assert ext.problems == []
    assert '<div class="facts-box" data-jurisdiction="rs">' in html
    assert '<caption>L\'essentiel</caption>' in html
    assert 'href="serbia.md"' in html and 'href="kosovo.md"' in html  # MkDocs turns them into the edition's URLs
    assert "à vérifier dans" in html
    html, ext = render("See [](fact:rs/key-facts) here.\n", "en", facts)
    assert [p.rule for p in ext.problems] == ["fact-view-placement"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_sentences_end_with_one_full_stop(facts, language):
    """A date that ends in its own dot (28. новембар 2026.) ends the note's sentence without a second one."""
    html, _ = render("[](fact:rs/key-facts)\n\n[](fact:see/comparison)\n", language, facts)
    note = re.search(r'<p class="facts-box__note">([^<]+)</p>', html).group(1)
    assert ".." not in note and note.endswith("."), note


def test_the_verification_list_holds_exactly_the_unverified_facts(facts):
    html, _ = render("[](fact:me/to-verify)\n", "en", facts)
    listed = re.findall(r'<li data-fact="me/([^"]+)"', html)
    assert listed == [name for name, v in facts.facts_of("me") if not v.verified]
    assert "reflection-period/length" in listed and "cets-197/status" not in listed


# ------------------------------------------------------------------ the diagram


def test_the_diagram_is_an_accessible_svg_in_the_page_language(facts):
    figure = etree.fromstring(diagram_svg(facts, "hr", "hr"))
    svg = figure.find("{http://www.w3.org/2000/svg}svg") or figure.find("svg")
    assert svg is not None and svg.get("role") == "img"
    title = svg.find("title") if svg.find("title") is not None else svg.find("{http://www.w3.org/2000/svg}title")
    assert title.text == "Put do dozvole boravka: Hrvatska"
    assert svg.get("aria-labelledby") == "fact-diagram-hr-title"
    texts = ["".join(t.itertext()) for t in svg.iter() if t.tag.endswith("text")]
    assert texts[0] == "1. Identifikacija" and texts[-2].startswith("4. ")
    assert any("60 dana ?" in t for t in texts)
    dashed = [r for r in svg.iter() if r.tag.endswith("rect") and r.get("stroke-dasharray")]
    assert dashed, "the steps resting on unverified values are dashed"
    assert all(el.get("fill") in (None, "none", "currentColor") for el in svg.iter())
    assert "http" not in diagram_svg(facts, "hr", "hr").replace("http://www.w3.org/2000/svg", "")


# ------------------------------------------------------------------ parity, policy, JSON, changes


EN = "# Page { #page }\n\nIt lasts [](fact:rs/reflection-period/length) under [the law](law:rs-law-foreigners-2018).\n"


def test_parity_treats_fact_like_law():
    same = EN.replace("It lasts", "Траје")
    assert parity.compare(EN, same, "en.md", "sr.md") == []
    dropped = same.replace("[](fact:rs/reflection-period/length)", "90 дана")
    assert [p.rule for p in parity.compare(EN, dropped, "en.md", "sr.md")] == ["parity-missing"]
    changed = same.replace("fact:rs/reflection-period/length", "fact:rs/permit/duration")
    found = parity.compare(EN, changed, "en.md", "sr.md")
    assert [p.rule for p in found] == ["parity-changed"] and "fact:rs/permit/duration" in found[0].message


def test_the_content_policy_allows_fact_links():
    assert check_page(EN, "docs/en/x.md") == []
    assert [p.rule for p in check_page(EN.replace("fact:", "facts:"), "docs/en/x.md")]


def test_jurisdictions_json_gives_every_value_with_its_verification(facts):
    data = jurisdictions_json(facts)
    rs = data["jurisdictions"]["rs"]
    assert rs["facts"]["reflection-period/length"] == {
        "kind": "term", "value": "unknown", "verified": False, "verification": "none", "source": None,
        "note": "not found in the third pass (about 10 queries)", "provision": None,
        "settle": ["rs-law-foreigners-2018", "https://www.coe.int/en/web/anti-human-trafficking/serbia1"],
    }
    assert rs["facts"]["cets-197/ratified"]["value"] == "2009-04-14"
    assert rs["counts"]["verified"] + rs["counts"]["unverified"] == rs["counts"]["facts"]


def test_a_changed_value_is_listed_in_the_changes_in_the_law(tmp_path, facts, registry):
    changed = load_facts(_changed_data(tmp_path, 75), registry)
    diff = changed_facts(facts, changed)
    assert [c.fact for c in diff] == ["hr/reflection-period/length"]
    out = to_markdown(compare_facts(LawChanges("edition-1", "edition-2"), facts, changed))
    assert "`hr/reflection-period/length`: 60 days (not verified) → 75 days (not verified)" in out


# ------------------------------------------------------------------ every edition follows the data


FIXTURE = FIXTURES / "site" / "docs"
FACT_LINE = "\n\nReflection: [](fact:hr/reflection-period/length).\n\n[](fact:hr/diagram)\n"


FACTS_PAGE = {
    "en": "# Croatia { #croatia }\n\nThe period lasts [](fact:hr/reflection-period/length).\n\n[](fact:hr/key-facts)\n",
    "sr": "# Хрватска { #croatia }\n\nПериод траје [](fact:hr/reflection-period/length).\n\n[](fact:hr/key-facts)\n",
}


def _fixture_with_facts(tmp: Path) -> Path:
    """The fixture handbook with the same fact references on every edition's home page, and a page
    facts.md whose Serbian translation is recorded current (the fixture's own pages are not tracked)."""
    from trp_handbook.translation.status import catch_up

    docs = tmp / "docs"
    shutil.copytree(FIXTURE, docs)
    for page in sorted(docs.glob("*/index.md")):
        page.write_text(page.read_text(encoding="utf-8") + FACT_LINE, encoding="utf-8")
    for lang, text in FACTS_PAGE.items():
        (docs / lang / "facts.md").write_text(text, encoding="utf-8")
    catch_up(docs, "sr", "facts.md")
    return docs


def _status(docs: Path) -> dict[str, list[tuple[str, str]]]:
    from trp_handbook.translation.status import status

    results, _ = status(docs, lambda p: p.as_posix())
    return {r.language.code: [(p.path, p.state) for p in r.pages] for r in results}


@pytest.mark.build
def test_changing_one_value_changes_every_edition_of_the_fixture_and_outdates_no_translation(tmp_path):
    from helpers import FIXTURE_NAV, build_with_real_config

    docs = _fixture_with_facts(tmp_path)
    before = _status(docs)
    assert ("facts.md", "current") in before["sr"]
    sites = {}
    for days in (60, 75):
        root = tmp_path / f"build-{days}"
        (root / "data").mkdir(parents=True)
        if days == 60:
            shutil.copy(DATA, root / "data" / "jurisdictions.yml")
        else:
            _changed_data(root / "data", days)  # the only difference between the two builds
        result = build_with_real_config(docs, root / "site", [*FIXTURE_NAV, "facts.md"], root)
        assert result.returncode == 0, result.stderr[-3000:]
        sites[days] = root / "site"
    assert _status(docs) == before  # the data changed, no page did: no translation is outdated
    words = {"": "{n} days", "sr/": "{n} дана", "sr-Latn/": "{n} dana", "hr/": "{n} dana", "bs/": "{n} dana",
             "sq/": "{n} ditë", "mk/": "{n} дена", "fr/": "{n}\u00a0jours"}
    for prefix, word in words.items():
        for days, site in sites.items():
            html = (site / prefix / "index.html").read_text(encoding="utf-8")
            assert word.format(n=days) in html, (prefix, days)
            assert word.format(n=60 if days == 75 else 75) not in html, (prefix, days)
            assert "fact-value--unverified" in html and 'role="img"' in html
    for days, site in sites.items():  # the tracked, current Serbian guide follows the data too
        assert f"{days} дана" in (site / "sr" / "facts" / "index.html").read_text(encoding="utf-8")
    data = {days: json.loads((site / "jurisdictions.json").read_text(encoding="utf-8")) for days, site in sites.items()}
    assert data[60]["jurisdictions"]["hr"]["facts"]["reflection-period/length"]["value"]["amount"] == 60
    assert data[75]["jurisdictions"]["hr"]["facts"]["reflection-period/length"]["value"]["amount"] == 75


@pytest.mark.build
def test_an_unknown_fact_fails_the_strict_fixture_build_naming_file_and_line(tmp_path):
    from helpers import FIXTURE_NAV, build_with_real_config

    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    page = docs / "en" / "guide" / "index.md"
    text = page.read_text(encoding="utf-8") + "\nBroken: [](fact:hr/reflection-period/lenght).\n"
    page.write_text(text, encoding="utf-8")
    line = text.count("\n")
    result = build_with_real_config(docs, tmp_path / "site", FIXTURE_NAV, tmp_path)
    assert result.returncode != 0
    assert f"guide/index.md:{line}: unknown-fact: fact:hr/reflection-period/lenght" in result.stderr


# ------------------------------------------------------------------ the real handbook


@pytest.mark.site
def test_the_real_handbook_shows_the_data_in_every_edition(real_site, facts):
    """Every edition's profile, comparison and jurisdictions.json carry the values of data/jurisdictions.yml."""
    data = json.loads((real_site / "jurisdictions.json").read_text(encoding="utf-8"))
    assert data["jurisdictions"] == jurisdictions_json(facts)["jurisdictions"]
    for prefix, lang in (("", "en"), ("sr/", "sr"), ("sr-Latn/", "sr-Latn"), ("hr/", "hr"), ("bs/", "bs"),
                         ("sq/", "sq"), ("mk/", "mk"), ("fr/", "fr")):
        croatia = (real_site / prefix / "see" / "croatia" / "index.html").read_text(encoding="utf-8")
        expected, _ = render("[](fact:hr/reflection-period/length)\n", lang, facts)
        value = re.search(r'data-fact="hr/reflection-period/length">([^<]+)<', expected).group(1)
        assert f'data-fact="hr/reflection-period/length">{value}<' in croatia, lang
        assert '<div class="facts-box" data-jurisdiction="hr">' in croatia
        assert 'class="fact-diagram"' in croatia and 'role="img"' in croatia
        index = (real_site / prefix / "see" / "index.html").read_text(encoding="utf-8")
        assert 'data-comparison="comparison"' in index and 'data-comparison="cets-197"' in index


def test_changing_one_value_changes_every_page_of_the_real_handbook(tmp_path, registry):
    """The real pages of every language, rendered with a changed value, all show the new value; no page changes."""
    from trp_handbook.translation.status import status

    docs = ROOT / "docs"
    before = status(docs, lambda p: p.as_posix())[0]
    changed = load_facts(_changed_data(tmp_path, 75), registry)
    seen = {}
    for lang in LANGUAGES:
        folder = docs / ("sr" if lang == "sr-Latn" else lang)
        pages = [folder / "see" / "croatia.md", folder / "see" / "index.md"]
        for page in pages:
            text = page.read_text(encoding="utf-8").split("---\n", 2)[2]
            html, ext = render(text, lang, changed, strict=True, page=page.as_posix())
            assert ext.problems == []
            seen[(lang, page.name)] = html
    word = {"en": "75 days", "sr": "75 дана", "sr-Latn": "75 dana", "hr": "75 dana", "bs": "75 dana",
            "sq": "75 ditë", "mk": "75 дена", "fr": "75\u00a0jours"}
    for (lang, name), html in seen.items():
        assert word[lang] in html, (lang, name)
        assert word[lang].replace("75", "60") not in html, (lang, name)
    after = status(docs, lambda p: p.as_posix())[0]
    assert [[(p.path, p.state) for p in r.pages] for r in after] == [[(p.path, p.state) for p in r.pages] for r in before]
    assert all(p.state == "current" for r in after for p in r.pages)


# ------------------------------------------------------------------ the command line


def test_check_facts_counts_and_fails_on_an_unknown_reference(tmp_path, capsys):
    from trp_handbook.cli.main import main

    assert main(["check-facts"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"facts_rs: \d+/20 verified", out) and "no problems found" in out
    page = tmp_path / "docs" / "en" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text("# X\n\nSee [](fact:rs/nothing).\n", encoding="utf-8")
    assert main(["check-facts", "--docs", str(tmp_path / "docs")]) == 1
    assert "x.md:3: unknown-fact: fact:rs/nothing" in capsys.readouterr().out
    broken = tmp_path / "jurisdictions.yml"
    broken.write_text("meta: {as_at: 2026-11-28}\njurisdictions: []\n", encoding="utf-8")
    assert main(["check-facts", "--facts", str(broken)]) == 2


# ------------------------------------------------------------------ the built site: browser and books


def _contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours."""

    def luminance(color: str) -> float:
        r, g, b = (int(float(v)) for v in re.findall(r"[\d.]+", color)[:3])
        channels = [c / 255 for c in (r, g, b)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_key_facts_and_diagram_pass_axe_and_keep_contrast_in_both_palettes(site_url, page_factory, scheme):
    from helpers import AXE

    rec = page_factory(site_url, color_scheme=scheme)
    rec.page.goto(site_url.rstrip("/") + "/see/croatia/")
    diagram = rec.page.get_by_role("img", name="The path to a residence permit: Croatia")
    assert diagram.count() == 1
    rec.page.add_script_tag(path=str(AXE))
    result = rec.page.evaluate(
        "() => axe.run({include: [['.facts-box'], ['.fact-diagram'], ['.facts-to-verify']]},"
        " {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})")
    violations = [f"{v['id']}: {n['target']}" for v in result["violations"] for n in v["nodes"]]
    assert violations == [], scheme
    colours = rec.page.evaluate(
        "() => [getComputedStyle(document.querySelector('.fact-diagram')).color,"
        " getComputedStyle(document.body).backgroundColor]")
    assert _contrast(*colours) >= 4.5, (scheme, colours)
    assert rec.foreign_requests() == []


@pytest.mark.site
def test_the_book_prints_the_diagram_as_text_in_order(real_site):
    """The English book: Croatia's diagram is real text, its four steps in order, the unverified value marked."""
    import subprocess

    from helpers import require

    pdf = next(real_site.rglob("trp-handbook-en.pdf"))
    text = subprocess.run([require("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True, text=True).stdout
    start = text.index("1. Identification")
    steps = [text.index(step, start) for step in ("1. Identification", "2. Recovery and reflection period",
                                                 "3. Residence permit", "4. Renewal, another status or return")]
    assert steps == sorted(steps)
    assert "Key facts" in text
    assert re.search(r"Length of the period: (60 days|to be confirmed) \?", text[start:steps[-1]])
