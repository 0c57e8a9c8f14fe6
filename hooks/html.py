"""MkDocs adapter: pass every written page through trp_handbook.site.html_output."""

from trp_handbook.site.html_output import finish_page


def on_post_page(output, page, config):
    return finish_page(output)
