from trp_handbook.markdown.slugs import slugify
from trp_handbook.translation.transliteration import markdown_to_latin, to_latin


def test_serbian_letters_and_digraphs():
    assert to_latin("Џеп, љубав, њива, ђак, ћерка") == "Džep, ljubav, njiva, đak, ćerka"
    assert to_latin("ЉУБАВ и ЊИВА") == "LJUBAV i NJIVA"
    assert to_latin("Latin stays") == "Latin stays"


def test_markdown_structure_is_kept():
    source = (
        "---\ntitle: Водич\nlaw_as_at: 2026-11-28\n---\n\n"
        "## Период за размишљање { #reflection-period }\n\n"
        "Видети [члан 13](law:coe-cets-197/art-13) и [водич](../водич.md#рок).\n\n"
        "```\nкод остаје\n```\n\n`ћирилица у коду` и <abbr title=\"дозвола\">ДПБ</abbr>\n"
    )
    out = markdown_to_latin(source)
    assert "title: Vodič" in out and "law_as_at: 2026-11-28" in out
    assert "## Period za razmišljanje { #reflection-period }" in out
    assert "[član 13](law:coe-cets-197/art-13)" in out
    assert "(../водич.md#рок)" in out  # link targets are not touched
    assert "```\nкод остаје\n```" in out
    assert "`ћирилица у коду`" in out
    assert '<abbr title="дозвола">DPB</abbr>' in out


def test_slugs_are_ascii_and_script_independent():
    assert slugify("Права жртве без ознаке", "-") == slugify("Prava žrtve bez oznake", "-") == "prava-zrtve-bez-oznake"
    assert slugify("Ѓорѓија и ќерка", "-") == "gjorgjija-i-kjerka"
    assert slugify("Délai de réflexion", "-") == "delai-de-reflexion"
    assert slugify("Përkthim në shqip", "-") == "perkthim-ne-shqip"
