"""The content policy's pure functions, ``handbook check``, and what the built pages promise.

The exact message of every rule on a whole tree is in test_bad_inputs.py; here
each function is tried on the tricks a hostile contribution would use, and on
ordinary handbook text that must not be mistaken for a problem.
"""

from __future__ import annotations

import json
import re

import pytest
from lxml import html as lxml_html

from trp_handbook.cli import check as check_cli
from trp_handbook.cli import main as cli
from trp_handbook.markdown import parse
from trp_handbook.policy.content import (
    Allowlist,
    Link,
    check_page,
    decode_page,
    personal_data,
    rendered_problems,
    url_problems,
    url_scheme,
)

PAGE = "---\ntitle: T\n---\n\n# Title { #title }\n\n"


def rules(text: str, allowlist: Allowlist = Allowlist()) -> list[str]:
    return sorted({p.rule for p in check_page(PAGE + text, "docs/en/x.md", allowlist)})


# --------------------------------------------------------------------------- what must be refused

HOSTILE = [
    ("<ScRiPt>alert(1)</sCrIpT>", "unsafe-element"),
    ("<script\n>alert(1)</script>", "unsafe-element"),
    ("<img src=ok.png onerror=alert(1)>", "event-handler"),
    ('<a href="&#x6A;avascript:alert(1)">x</a>', "unsafe-url"),
    ('<a href="java\tscript:alert(1)">x</a>', "unsafe-url"),
    ("[x](javascript:alert%281%29)", "unsafe-url"),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "unsafe-url"),
    ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "unsafe-element"),
    ("<frameset><frame src=a.html></frameset>", "unsafe-element"),
    ('<object data="https://cdn.example/x.swf"></object>', "remote-resource"),
    ('<img srcset="img/a.png 1x, https://t.example/p.gif 2x" alt="">', "remote-resource"),
    ('<video poster="https://t.example/p.jpg"></video>', "remote-resource"),
    ('<a href="https://ok.example/" ping="https://t.example/ping">x</a>', "remote-resource"),
    ('<input type="image" src="https://t.example/b.png">', "remote-resource"),
    ('<link rel="prefetch" href="https://t.example/">', "remote-resource"),
    ('![pixel](https://t.example/p.gif "a title")', "remote-resource"),
    ('<div style="background-image: URL( https://t.example/p.gif )">x</div>', "style-url"),
    ("<style>/* comment */ @im\\70 ort 'https://t.example/x.css';</style>", "style-url"),
    ('A paragraph.\n{ style="background: url(https://t.example/p.gif)" }', "style-url"),
    ('<meta http-equiv="Refresh" content="0;url=https://elsewhere.example/">', "meta-refresh"),
    ('<base href="https://elsewhere.example/">', "unsafe-element"),
    ("[plain](http://www.coe.int/)", "insecure-link"),
    ("[x]: http://www.coe.int/\n\nSee [the page][x].", "insecure-link"),
    ("Write to ana.ivanovic@yahoo.com.", "personal-email"),
    ("Her number is +385 91 234 5678.", "personal-phone"),
    ("Mobile: 063 123 4567.", "personal-phone"),
    ("[Call](tel:+38163123456)", "personal-phone"),
    ("Text\u2067with an isolate.", "control-character"),
    ("<div>`<iframe src=a.html></iframe>`</div>", "unsafe-element"),
    ('--8<-- "/etc/passwd"', "outside-docs"),
    ("```\n<script>alert('an unclosed fence is no code block')</script>\n", "unsafe-element"),
    ("Text with a ` stray backtick.\n\n<script>alert(1)</script>\n\nAnother ` backtick.", "unsafe-element"),
    ("[![logo](https://t.example/p.gif)](https://www.coe.int/)", "remote-resource"),
]


@pytest.mark.parametrize("text, rule", HOSTILE, ids=[f"{i}-{rule}" for i, (_, rule) in enumerate(HOSTILE)])
def test_hostile_input_is_refused(text, rule):
    assert rule in rules(text)


# --------------------------------------------------------------------------- what must pass

ORDINARY = [
    "An ordinary paragraph with *emphasis*, a [link](https://www.coe.int/) and a [citation](law:coe-cets-197/art-13).",
    "Recommendation 07-00-465/2024-02 of 19 July 2024; Law No. 04/L-218; UNSCR 1244/1999; CELEX:32024L1712.",
    "Sluzbeni glasnik RS 24/2018, 31/2019, 15/2024; between 2009-2014; 2 000 000 people; ISBN 978-86-7549-123-4.",
    "Dates: 01.02.2024, 2024-02-01, 01/02/2024 and 1 February 2024.",
    "Placeholders: name@example.org, someone@agency.example, office@example.com.",
    '<div markdown>\n**Bold** in a block.\n</div>\n\n<abbr title="Temporary residence permit">TRP</abbr> <sup>1</sup> <kbd>Ctrl</kbd>',
    '<details><summary>More</summary>Text.</details>\n\n<span id="anchor"></span> [back](#title) [there](#anchor)',
    "```html\n<script>alert('shown as code')</script>\n<iframe src=\"https://video.example/\"></iframe>\n```",
    "Inline code: `<script>` and `onclick=\"x\"` and `http://example.org` are shown, not run.",
    "!!! note \"Heading\"\n    A note with a [link](https://eur-lex.europa.eu/).\n\n    ```\n    <form>code</form>\n    ```",
    "<style>.note { color: #333; }</style>",
    "A footnote.[^1]\n\n[^1]: The note, see [the text](#fn:1).",
    "| a | b |\n|---|---|\n| 1 | 2 |",
]


@pytest.mark.parametrize("text", ORDINARY, ids=range(len(ORDINARY)))
def test_ordinary_handbook_text_passes(text):
    assert rules(text) == []


def test_url_scheme_is_what_the_browser_sees():
    assert url_scheme(" JaVa\tScRipt:alert(1)") == "javascript"
    assert url_scheme("&#106;avascript:x") == "javascript"
    assert url_scheme("//cdn.example/x.png") == "//"
    assert url_scheme("\\\\cdn.example/x.png") == "//"
    assert url_scheme("guide/index.md#permit") is None
    assert url_scheme("law:eu-dir-2004-81/art-6") == "law"


def test_url_problems_distinguish_links_from_fetched_resources():
    assert url_problems(Link(3, "https://www.coe.int/", "link"), "p.md") == []
    [remote] = url_problems(Link(3, "https://www.coe.int/logo.png", "image"), "p.md")
    assert str(remote) == (
        "p.md:3: remote-resource: an image loaded from another host (https://www.coe.int/logo.png); expected a file "
        "under docs/ (a remote resource tells its host who reads the page)"
    )
    [mail] = url_problems(Link(4, "mailto:office@example.org", "image"), "p.md")
    assert mail.rule == "unsafe-url"


def test_masking_keeps_lines_and_offsets():
    text = "---\ntitle: T\n---\n# A\n\n```\n<script>\n```\n\nText `<b>` end <!-- <script> -->\n"
    masked = parse(text).masked
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "<script>" not in masked and "title" not in masked and "<b>" not in masked
    assert "# A" in masked and "Text" in masked and "end" in masked


def test_anchors_are_the_ids_the_toc_extension_makes():
    text = (
        "# Guide { #guide }\n\n## Права жртве\n\n## Права жртве\n\n### Plain *heading*\n\n"
        'Para.\n{ #para-id }\n\n<a name="old-anchor"></a>\n\nSetext heading\n--------------\n\nNote.[^n]\n\n[^n]: Text.\n'
    )
    found = parse(text).anchors
    assert {"guide", "prava-zrtve", "prava-zrtve_1", "plain-heading", "para-id", "old-anchor", "setext-heading",
            "fn:n", "fnref:n"} <= set(found)
    assert found["guide"] == 1 and found["prava-zrtve_1"] == 5


def test_allowed_contacts_match_in_national_and_international_form():
    allow = Allowlist(emails=frozenset({"office@astra.rs"}), phones=frozenset({"+381112850000"}))
    text = "Office@ASTRA.rs, +381 11 285 0000, 011 285 0000, (011) 285-0000; not 011 285 0001."
    found = personal_data(text, "p.md", allow)
    assert [p.message.split(";")[0] for p in found] == ["phone number 011 285 0001"]


def test_decode_page_names_the_encoding_problem_and_line():
    assert decode_page("# Ok\n".encode(), "p.md") == ("# Ok\n", None)
    _, problem = decode_page(b"# T\n\nCaf\xe9\n", "p.md")
    assert str(problem) == "p.md:3: encoding: byte 0xe9 is not valid UTF-8 (the file was saved in another encoding); expected UTF-8 text"
    _, problem = decode_page("# T\n\nA\ufeffB\n".encode(), "p.md")
    assert problem.rule == "byte-order-mark" and problem.line == 3


def test_rendered_check_finds_the_source_line_of_markup_made_by_the_renderer():
    source = PAGE + "Text.\n\n![a](img/a.png){ onerror=\"steal()\" }\n"
    rendered = '<h1 id="title">Title</h1><p>Text.</p><p><img alt="a" onerror="steal()" src="img/a.png" /></p>'
    [problem] = rendered_problems(rendered, "docs/en/x.md", source, frozenset({"event-handler"}))
    assert str(problem) == ('docs/en/x.md:9: event-handler: event handler onerror="steal()"; expected no event '
                            "handlers (scripts are not allowed in content)")


# --------------------------------------------------------------------------- handbook check


def _fake_check(name: str, findings: list[str], code: int):
    def configure(parser):
        cli.add_format_option(parser)

        def run(args):
            if args.format == "json":
                print(json.dumps({"problems": findings, "errors": len(findings)}))
            else:
                print("\n".join(findings) or "no problems found")
            return code

        return run

    cli.command(name, help="a check for the test")(configure)


@pytest.fixture
def fake_checks(monkeypatch):
    cli.build_parser()  # the real commands register themselves once, on first import
    monkeypatch.setattr(cli, "_COMMANDS", dict(cli._COMMANDS))
    _fake_check("check-fine", [], 0)
    _fake_check("check-broken", ["docs/en/a.md:3: rule-x: found; expected y"], 1)


def test_check_runs_every_available_check_and_returns_the_worst_exit(fake_checks, capsys):
    code = check_cli.run_checks("text", ("check-fine", "check-broken", "check-not-written-yet"))
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out == [
        "== check-fine ==",
        "no problems found",
        "== check-broken ==",
        "docs/en/a.md:3: rule-x: found; expected y",
        "(not available here: check-not-written-yet)",
        "check: failed: check-broken",
    ]


def test_check_json_gathers_each_checks_report(fake_checks, capsys):
    assert check_cli.run_checks("json", ("check-fine", "check-broken")) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["failed"] == ["check-broken"]
    assert payload["checks"]["check-broken"]["problems"] == ["docs/en/a.md:3: rule-x: found; expected y"]
    assert payload["checks"]["check-fine"]["exit_code"] == 0


def test_check_command_runs_the_content_policy_and_the_legislation_check(capsys):
    assert check_cli.CHECKS[:2] == ("check-content", "check-legislation")
    check_cli.run_checks("text", check_cli.CHECKS[:2])  # the others are another module's (and slower)
    out = capsys.readouterr().out
    assert "== check-content ==" in out and "== check-legislation ==" in out
    assert "Traceback" not in out


# --------------------------------------------------------------------------- the built pages


@pytest.mark.build
def test_external_links_get_noopener_noreferrer(fixture_site):
    checked = 0
    for page in fixture_site.rglob("*.html"):
        tree = lxml_html.fromstring(page.read_bytes())
        for a in tree.iter("a"):
            if re.match(r"^(?:https?:)?//", a.get("href", "")):
                rel = (a.get("rel") or "").split()
                assert "noopener" in rel and "noreferrer" in rel, f"{page}: {lxml_html.tostring(a)[:200]}"
                checked += 1
    assert checked > 0


@pytest.mark.build
def test_every_page_forbids_third_party_origins_and_referrers(fixture_site):
    pages = sorted(fixture_site.rglob("*.html"))
    assert pages
    for page in pages:
        head = lxml_html.fromstring(page.read_bytes()).find("head")
        csp = head.xpath('meta[@http-equiv="Content-Security-Policy"]/@content')
        assert len(csp) == 1, page
        directives = dict(d.strip().split(" ", 1) for d in csp[0].split(";") if d.strip())
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert not re.search(r"https?:|\*", csp[0]), f"{page}: {csp[0]}"
        assert head.xpath('meta[@name="referrer"]/@content') == ["no-referrer"], page
