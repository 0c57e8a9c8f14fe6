"""The root 404 page carries every language's (trp_handbook.site.not_found)."""

import pytest

from trp_handbook.core.errors import HandbookError
from trp_handbook.site.not_found import compose, compose_site, read_page


def page(lang: str, title: str, words: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta name="description" content="{words} &amp; more">'
        f"<title>{title}</title></head>\n<body dir=\"ltr\">\n<header>{words}</header><article><h1>{words}</h1></article>\n"
        f'<script id="__config" type="application/json">{{"base": "/{lang}/"}}</script>\n'
        f'<script src="/assets/javascripts/not-found.js"></script>\n</body></html>'
    )


def test_each_language_becomes_a_template_before_materials_configuration():
    root = compose(page("en", "Not found", "Lost"), {"fr": page("fr", "Introuvable &amp; perdu", "Perdu")})
    template_at, config_at = root.index("<template "), root.index('<script id="__config"')
    assert root.index("<h1>Lost</h1>") < template_at < config_at
    template = root[template_at:root.index("</template>")]
    assert 'data-handbook-language="fr"' in template and 'data-title="Introuvable &amp; perdu"' in template
    assert 'data-description="Perdu &amp; more"' in template
    assert "<h1>Perdu</h1>" in template and '{"base": "/fr/"}' in template
    assert "not-found.js" not in template  # the French page's scripts are the root page's own
    assert compose(root, {"fr": page("fr", "Introuvable", "Perdu")}).count("<template ") == 1  # composed again


def test_a_page_that_is_not_a_rendered_404_page_is_named():
    with pytest.raises(HandbookError, match=r'fr/404\.html: not-found page: no <script id="__config">'):
        read_page("<html><head><title>x</title></head><body></body></html>", "fr/404.html")


def test_the_site_root_gets_every_built_language(tmp_path):
    (tmp_path / "404.html").write_text(page("en", "Not found", "Lost"))
    for code in ("fr", "sr"):
        (tmp_path / code).mkdir()
        (tmp_path / code / "404.html").write_text(page(code, code, code))
    assert compose_site(tmp_path, ["en", "sr", "fr", "mk"], "en")
    root = (tmp_path / "404.html").read_text()
    assert root.count("<template ") == 2 and 'data-handbook-language="sr"' in root
    assert not compose_site(tmp_path / "nothing", ["en"], "en")
