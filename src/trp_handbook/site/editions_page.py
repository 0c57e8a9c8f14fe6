"""The editions page: every dated edition, its downloads and how to check them.

Generated per language from ``data/editions.yml``. The current edition's files
are on this site; earlier editions' bundles stay attached to their release on
the Git host (``<repo>/releases/download/edition-N/``), each with its
``SHA256SUMS``, so an office can always fetch and verify the edition it cites.
"""

from __future__ import annotations

from trp_handbook.book import epub
from trp_handbook.book.pdf import book_filename, site_pdf_path
from trp_handbook.core import generated
from trp_handbook.core.editions import Edition, load_editions
from trp_handbook.core.texts import long_date, text

PAGE = generated.EDITIONS


def footer_line(edition: Edition, language: str) -> str:
    """"Edition 1, 28 November 2026; law as at ..." in the reader's language."""
    return text(
        "edition_footer", language, number=str(edition.number),
        date=long_date(edition.date, language), law_as_at=long_date(edition.law_as_at, language),
    )


def _relative_to_page(site_path: str, language: str, default: str) -> str:
    """A link from ``<lang>/annexes/editions/`` to a site path of the same language."""
    prefix = "" if language == default else f"{language}/"
    inside = site_path[len(prefix):] if site_path.startswith(prefix) else site_path
    return "../../" + inside


def editions_markdown(language: str, default: str, repo_url: str, editions: tuple[Edition, ...] | None = None) -> str:
    """The Markdown of the editions page in ``language``."""
    editions = editions or load_editions()
    current = editions[0]
    title = text("editions_title", language)
    lines = [
        "---", f"title: {title}", "---", "", f"# {title} {{ #editions }}", "",
        text("editions_intro", language, number=str(current.number), date=long_date(current.date, language),
             law_as_at=long_date(current.law_as_at, language)),
        "",
    ]
    columns = text("editions_columns", language).split(" | ")
    lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for item in editions:
        tag = f"edition-{item.number}"
        if item is current:
            pdf = _relative_to_page(site_pdf_path(language, default), language, default)
            # raw HTML: the PDF is written by the build, not a page the engine can check
            ebook = _relative_to_page(epub.site_epub_path(language, default), language, default)
            downloads = (f'<a href="{pdf}">PDF</a>, <a href="{ebook}">EPUB</a> '
                         f'({text("editions_current", language)})')
        else:
            base = f"{repo_url.rstrip('/')}/releases/download/{tag}"
            downloads = f"[PDF]({base}/{book_filename(language)}), [SHA256SUMS]({base}/SHA256SUMS)"
        lines.append(
            f"| {item.number} | {long_date(item.date, language)} | {long_date(item.law_as_at, language)} | {downloads} |"
        )
    return "\n".join(lines) + "\n"
