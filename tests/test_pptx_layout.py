"""Layout of the deck of every example, on the default theme and on both client templates: nothing collides.

Shapes that hold something to read (text, a table, a chart, a picture) must
not overlap one another, unless one lies wholly inside the other (a label
meant to sit on a box). Shapes without text — bands, tints, dots, lines,
markers — are drawn to sit under or on the content, so they may overlap.
"""

from __future__ import annotations

import functools
import itertools
from pathlib import Path
from typing import Any

import pytest

import journeymap as jm

pytest.importorskip("pptx")
pytest.importorskip("matplotlib")

from .conftest import example_files
from .test_pptx import deck, opened
from .test_pptx_templates_fit import TEMPLATES

EMU = 12700
TOUCH = 0.5
"""Points two frames may share (EMU rounding of boxes laid edge to edge)."""

Frame = tuple[float, float, float, float]


@functools.cache
def slides_of(template: str, example: Path) -> Any:
    journey = jm.load(example)
    options = {} if template == "default" else {"template": str(TEMPLATES[template])}
    return opened(deck(journey, **options)).slides


def readable(shape: Any) -> bool:
    """Whether ``shape`` holds something to read."""
    if shape.has_chart or shape.has_table or shape.shape_type == 13:  # 13: a picture
        return True
    return bool(shape.has_text_frame and shape.text_frame.text.strip())


def frame(shape: Any) -> Frame:
    return (shape.left / EMU, shape.top / EMU, (shape.left + shape.width) / EMU, (shape.top + shape.height) / EMU)


def inside(a: Frame, b: Frame) -> bool:
    """Whether ``a`` lies within ``b``."""
    return a[0] >= b[0] - TOUCH and a[1] >= b[1] - TOUCH and a[2] <= b[2] + TOUCH and a[3] <= b[3] + TOUCH


def overlap(a: Frame, b: Frame) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > TOUCH and min(a[3], b[3]) - max(a[1], b[1]) > TOUCH


def collisions(slides: Any) -> list[str]:
    found = []
    for number, slide in enumerate(slides, start=1):
        shapes = [(shape.name, frame(shape)) for shape in slide.shapes if readable(shape)]
        for (name_a, a), (name_b, b) in itertools.combinations(shapes, 2):
            if overlap(a, b) and not inside(a, b) and not inside(b, a):
                found.append(f"slide {number}: {name_a} and {name_b}")
    return found


@pytest.mark.parametrize("template", ["default", *TEMPLATES])
@pytest.mark.parametrize("example", example_files(), ids=lambda p: p.stem)
def test_no_two_readable_shapes_overlap(template: str, example: Path) -> None:
    assert collisions(slides_of(template, example)) == []


def test_an_overlap_is_found() -> None:
    """The check itself: a text box laid half over another is reported, one inside another is not."""
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for left, top, size, text in ((10, 10, 100, "a"), (60, 60, 100, "b"), (20, 20, 30, "c")):
        slide.shapes.add_textbox(Pt(left), Pt(top), Pt(size), Pt(size)).text_frame.text = text
    assert collisions(prs.slides) == ["slide 1: TextBox 1 and TextBox 2"]
