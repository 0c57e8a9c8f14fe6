"""The notices a page shows above its text (trp_handbook.site.notices)."""


def test_law_as_at_date_is_shown_in_the_readers_language():
    from trp_handbook.site.notices import law_as_at

    assert law_as_at("2026-11-28", "en") == '<p class="handbook-as-at">The law is stated as at 28 November 2026.</p>'
    assert "28. новембар 2026." in law_as_at("2026-11-28", "sr")
    assert "28. novembar 2026." in law_as_at("2026-11-28", "sr-Latn")
    assert "28 novembre 2026" in law_as_at("2026-11-28", "fr")
