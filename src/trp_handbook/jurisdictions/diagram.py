"""The process diagram of one jurisdiction: an inline SVG made at build time.

identification -> recovery and reflection period (its length) -> residence permit
(duration, condition) -> renewal, another status or return. A step that rests on
an unverified value has a dashed frame and its values carry "?".

Why SVG text and ``currentColor``: the words are real text (searchable, read in
order from the PDF, translated like every other generated text), and strokes and
text take the page's text colour, so the contrast is the page's own in the light
and the dark palette and in print. No script, no remote resource, no CSS the
book might lack: presentation attributes only. ``role="img"`` with a title and a
description names the diagram for a screen reader, in the page's language.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from trp_handbook.core import texts
from trp_handbook.jurisdictions.model import Facts
from trp_handbook.jurisdictions.values import label, marked_text, value_text

WIDTH = 640
MARGIN = 16
PAD = 12
LINE = 20
GAP = 34
WRAP = 70

#: The facts each step shows, after its name.
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("diagram_identification", ("permit-presumed/provided", "permit-presumed/article")),
    ("diagram_reflection_period", ("reflection-period/provided", "reflection-period/length",
                                   "reflection-period/length-children", "reflection-period/article")),
    ("diagram_permit", ("permit/provided", "permit/duration", "permit/cooperation")),
    ("diagram_after", ("permit/renewable",)),
)


@dataclass
class _Step:
    title: str
    lines: list[str]
    unverified: bool


def _steps(facts: Facts, jid: str, language: str) -> list[_Step]:
    values = facts.values[jid]
    steps = []
    for key, names in STEPS:
        shown = [(n, values[n]) for n in names if n in values]
        # an article nobody found says nothing on a diagram: the verification list names it
        shown = [(n, v) for n, v in shown if not (n.endswith("/article") and v.is_unknown)]
        lines: list[str] = []
        for name, value in shown:
            lines += textwrap.wrap(f"{label(name, language)}: {marked_text(facts, value, language)}", WRAP)
        steps.append(_Step(texts.text(key, language), lines, any(not v.verified for _, v in shown)))
    return steps


def description(facts: Facts, jid: str, language: str) -> str:
    """The diagram in one paragraph, for screen readers (the SVG's ``<desc>``)."""
    values = facts.values[jid]
    unverified = [label(n, language) for _, names in STEPS for n in names if n in values and not values[n].verified]
    return texts.text(
        "diagram_description", language,
        period=marked_text(facts, values["reflection-period/length"], language),
        duration=marked_text(facts, values["permit/duration"], language),
        cooperation=marked_text(facts, values["permit/cooperation"], language),
        renewable=marked_text(facts, values["permit/renewable"], language),
        unverified=texts.text("diagram_unverified_steps", language, values=", ".join(unverified)) if unverified else "",
    ).strip()


def diagram_svg(facts: Facts, jid: str, language: str) -> str:
    """The figure (SVG and legend) as HTML, ready to stand in the page."""
    jur = facts.jurisdiction(jid)
    country = texts.text(f"country_{jur.country}", language)
    steps = _steps(facts, jid, language)
    heights = [PAD * 2 + LINE * (1 + len(s.lines)) for s in steps]
    total = MARGIN * 2 + sum(heights) + GAP * (len(steps) - 1)
    ident = f"fact-diagram-{jid}"
    svg = etree.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {total}", "role": "img",
        "aria-labelledby": f"{ident}-title", "aria-describedby": f"{ident}-desc", "class": "fact-diagram__svg",
        "width": str(WIDTH), "height": str(total),
        # the handbook's own font (self-hosted; the site's CSS lets the page's font win)
        "font-family": "Noto Sans, sans-serif",
    })
    etree.SubElement(svg, "title", {"id": f"{ident}-title"}).text = texts.text("diagram_title", language, country=country)
    etree.SubElement(svg, "desc", {"id": f"{ident}-desc"}).text = description(facts, jid, language)
    y = MARGIN
    for k, (step, height) in enumerate(zip(steps, heights)):
        group = etree.SubElement(svg, "g", {"class": "fact-diagram__step" + (" fact-diagram__step--unverified" if step.unverified else "")})
        rect = {"x": str(MARGIN), "y": str(y), "width": str(WIDTH - 2 * MARGIN), "height": str(height), "rx": "6",
                "fill": "none", "stroke": "currentColor", "stroke-width": "2"}
        if step.unverified:
            rect["stroke-dasharray"] = "8 5"
        etree.SubElement(group, "rect", rect)
        text_y = y + PAD + 15
        title = etree.SubElement(group, "text", {"x": str(MARGIN + PAD), "y": str(text_y), "fill": "currentColor",
                                                 "font-size": "16", "font-weight": "bold"})
        title.text = f"{k + 1}. {step.title}"
        for line in step.lines:
            text_y += LINE
            etree.SubElement(group, "text", {"x": str(MARGIN + PAD), "y": str(text_y), "fill": "currentColor",
                                             "font-size": "14"}).text = line
        y += height
        if k < len(steps) - 1:
            mid = WIDTH // 2
            etree.SubElement(svg, "line", {"x1": str(mid), "y1": str(y), "x2": str(mid), "y2": str(y + GAP - 8),
                                           "stroke": "currentColor", "stroke-width": "2"})
            etree.SubElement(svg, "polygon", {"points": f"{mid - 6},{y + GAP - 10} {mid + 6},{y + GAP - 10} {mid},{y + GAP}",
                                              "fill": "currentColor"})
            y += GAP
    figure = etree.Element("figure", {"class": "fact-diagram", "data-jurisdiction": jid})
    figure.append(svg)
    caption = etree.SubElement(figure, "figcaption", {"class": "fact-diagram__legend"})
    caption.text = texts.text("diagram_legend", language)
    return etree.tostring(figure, encoding="unicode", short_empty_elements=True)


__all__ = ["description", "diagram_svg", "value_text"]
