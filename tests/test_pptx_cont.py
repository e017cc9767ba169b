"""No near-empty "(cont.)" slide: each holds at least a third of a slide, on every example and template.

A list or a table that does not fit one slide is split so that its last
slide is not left with one list or one row: the split is balanced. Content
is measured here apart from the exporter: a text box reaches as far down as
its text wrapped in DejaVu Sans (``test_pptx.text_need``), a table as far as
its rows; the slide's room is everything below its title.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

import journeymap as jm
from journeymap.builtin.pptx._slides import STRIP_NAME
from journeymap.i18n import labels

pytest.importorskip("pptx")
pytest.importorskip("matplotlib")

from .conftest import example_files
from .test_pptx import deck, long_journey, opened, text_need
from .test_pptx_templates_fit import TEMPLATES

EMU = 12700
THIRD = 1 / 3


@functools.cache
def slides_of(template: str, example: Path) -> tuple[str, Any]:
    journey = jm.load(example)
    options = {} if template == "default" else {"template": str(TEMPLATES[template])}
    return journey.language, opened(deck(journey, **options))


def reach(shape: Any) -> tuple[float, float] | None:
    """(top, bottom) of what ``shape`` shows, in points; ``None`` for a shape with nothing to read."""
    top = shape.top / EMU
    if shape.has_table:
        return top, top + sum(row.height for row in shape.table.rows) / EMU
    if shape.has_chart:
        return top, top + shape.height / EMU
    if shape.has_text_frame and shape.text_frame.text.strip():
        frame = shape.text_frame
        margins = (frame.margin_left, frame.margin_right, frame.margin_top, frame.margin_bottom)
        return top, top + text_need(frame, shape.width / EMU, margins)
    return None


def filled(slide: Any, slide_height: float) -> float:
    """Part of the room below the title that the slide's content spans (the journey strip left out)."""
    title = slide.shapes.title
    room_top = (title.top + title.height) / EMU
    spans = [
        found
        for shape in slide.shapes
        if shape != title and not shape.name.startswith(STRIP_NAME) and (found := reach(shape)) is not None
    ]
    if not spans:
        return 0.0
    return (max(b for _, b in spans) - min(t for t, _ in spans)) / (slide_height - room_top)


def thin_cont_slides(prs: Any, lang: str) -> list[str]:
    """The "(cont.)" slides holding less than a third of a slide: "slide n title: part"."""
    continued = labels(lang).continued
    height = prs.slide_height / EMU
    return [
        f"slide {number} {slide.shapes.title.text}: {part:.2f}"
        for number, slide in enumerate(prs.slides, start=1)
        if slide.shapes.title is not None
        and slide.shapes.title.text.endswith(continued)
        and (part := filled(slide, height)) < THIRD
    ]


@pytest.mark.parametrize("template", ["default", *TEMPLATES])
@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_every_cont_slide_holds_a_third_of_a_slide(template: str, example: Path) -> None:
    lang, prs = slides_of(template, example)
    assert thin_cont_slides(prs, lang) == []


def test_a_long_journey_splits_evenly_too() -> None:
    assert thin_cont_slides(opened(deck(long_journey())), "en") == []


def test_the_check_finds_a_thin_slide() -> None:
    """A lone short line under a "(cont.)" title is reported; the same line on a first slide is not."""
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    for title in ("Goals", "Goals (cont.)"):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
        box = slide.shapes.add_textbox(Pt(40), Pt(200), Pt(300), Pt(30)).text_frame
        box.text = "• one short item"
        box.paragraphs[0].runs[0].font.size = Pt(12)
    assert [found.split(":")[0] for found in thin_cont_slides(prs, "en")] == ["slide 2 Goals (cont.)"]
