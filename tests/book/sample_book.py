"""A small Serbian book, in memory: three chapters as the build hands them to the print step.

Shared by the print tests (test_print_pdf, test_book_layout); import it as
``from sample_book import ...`` (tests/book/ is on ``sys.path`` for the tests in it).
"""

from __future__ import annotations

import datetime

from trp_handbook.book import pdf as print_pdf

EPOCH = 1795000000  # a fixed SOURCE_DATE_EPOCH


# --------------------------------------------------------------------------- a small book

SR_HOME = """<h1 id="home">Дозволе за привремени боравак<a class="headerlink" href="#home" title="Link">&para;</a></h1>
<p>Овај приручник је намењен онима који помажу жртвама трговине људима. Видети
<a href="introduction/#reflection">период за размишљање</a> и
<a href="https://example.org/official/text">службени текст</a>.
Конвенција <a class="law-ref" data-law="coe-cets-197/art-13" href="https://www.coe.int/cets-197" id="law-coe-cets-197-art-13-1" rel="noopener noreferrer" title="Recovery">члан 13</a>
важи у Србији<sup id="fnref:kosovo"><a class="footnote-ref" href="#fn:kosovo">1</a></sup> од 2009. године.</p>
<h2 id="contents">Шта ћете овде наћи</h2>
<table><thead><tr><th>Поглавље</th><th>На шта одговара</th></tr></thead>
<tbody><tr><td>Увод</td><td>Зашто су дозволе важне.</td></tr></tbody></table>
<div class="footnote"><hr /><ol><li id="fn:kosovo"><p>Ово означавање не прејудицира ставове о статусу.&#160;<a class="footnote-backref" href="#fnref:kosovo" title="Back">&#8617;</a></p></li></ol></div>
"""

EN_INTRO = """<aside class="admonition info handbook-notice handbook-notice--fallback" role="note" aria-label="Напомена"><p class="admonition-title">Напомена о преводу</p><p>Ова страница још није преведена на српски језик. <a href="https://github.com/x/new/main/docs/sr?filename=introduction.md">Помозите</a></p></aside><div lang="en"><h1 id="introduction">Introduction<a class="headerlink" href="#introduction">&para;</a></h1><p class="handbook-as-at">The law is stated as at 28 November 2026.</p>
<h2 id="reflection">The reflection period</h2>
<p>Checklist:</p><ul><li>☐ Identification</li><li>☐ Reflection period</li></ul>
<figure><img alt="A timeline of the reflection period" src="timeline.svg" /><figcaption>Timeline</figcaption></figure>
<p>Back to the <a href="../#contents">home page's table</a>.</p></div>
"""

LEGISLATION = """<h1 id="table-of-legislation">Преглед прописа</h1>
<h3 id="coe-cets-197">Конвенција Савета Европе</h3>
<p>Службени текст: <a href="https://www.coe.int/cets-197">https://www.coe.int/cets-197</a></p>
<ul><li>Члан 13 — цитирано у: <a href="../../#law-coe-cets-197-art-13-1">Почетна</a></li></ul>
"""

def sr_chapters() -> list[print_pdf.Chapter]:
    return [
        print_pdf.Chapter("index.md", "sr/", SR_HOME),
        print_pdf.Chapter("introduction.md", "sr/introduction/", EN_INTRO, fallback=True),
        print_pdf.Chapter("annexes/legislation.md", "sr/annexes/legislation/", LEGISLATION, section="Прилози"),
    ]


def info(language: str = "sr") -> print_pdf.BookInfo:
    return print_pdf.BookInfo(
        language=language,
        title="Приручник о дозволама",
        description="Практични приручник",
        language_name="Српски",
        edition=1,
        date=datetime.date(2026, 11, 28),
        law_as_at=datetime.date(2026, 11, 28),
        site_url="https://trp-handbook.example.org/",
        copyright="Content CC BY 4.0.",
        source_epoch=EPOCH,
    )
