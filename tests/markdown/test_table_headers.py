"""Tables whose corner cell is empty get row and column headers (trp_handbook.markdown.table_headers)."""

import markdown


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "trp_handbook.markdown.table_headers"])


def test_an_empty_corner_makes_the_first_column_row_headers():
    html = render("| | Convention | Directive |\n|---|---|---|\n| Length | 30 days | national law |\n| Purpose | recover | recover |\n")
    assert "<th></th>" not in html and "<td></td>" in html
    assert '<th scope="col">Convention</th>' in html and '<th scope="col">Directive</th>' in html
    assert '<th scope="row">Length</th>' in html and '<th scope="row">Purpose</th>' in html
    assert "<td>30 days</td>" in html


def test_a_table_with_a_named_first_column_is_left_alone():
    html = render("| Need | Tips |\n|---|---|\n| Work | check |\n")
    assert "<th>Need</th>" in html and "<td>Work</td>" in html and "scope" not in html
