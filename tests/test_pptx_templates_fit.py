"""The deck on two client templates (16:9 and 4:3, fonts wider than DejaVu Sans) keeps its content and fits.

The fixtures are made by ``tests/fixtures/make_pptx_templates.py``. Text is
measured here in the template's own font -- the widest of its theme fonts
that this machine has (DejaVu Sans Mono, shipped by matplotlib, at least) --
with Pillow and a greedy wrap of this file's own, not with the exporter's
measure.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import journeymap as jm
from journeymap.builtin.pptx._fonts import UNKNOWN_FACTOR, _installed, faces, theme_fonts, width_factor
from journeymap.i18n import labels

pytest.importorskip("pptx")
pytest.importorskip("matplotlib")

from PIL import ImageFont

from .conftest import example_files
from .test_pptx import cell_box, charts, deck, empty_size, expected_titles, opened, stage_tables, titles, without_cont

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATES = {"16x9": FIXTURES / "client-16x9.pptx", "4x3": FIXTURES / "client-4x3.pptx"}
SIZES = {"16x9": (12192000, 6858000), "4x3": (9144000, 6858000)}
EMU = 12700
SLACK = 0.5
"""Points a text may be taller than its box, or a shape past the slide's edge (EMU rounding)."""
SINGLE = 1.2
"""PowerPoint's single line spacing in ems (the font's own ascender to descender when taller)."""


@functools.cache
def built(template: str, example: Path) -> tuple[jm.Journey, bytes]:
    journey = jm.load(example)
    return journey, deck(journey, template=str(TEMPLATES[template]))


@pytest.fixture(params=[(t, e) for t in TEMPLATES for e in example_files()], ids=lambda p: f"{p[0]}-{p[1].stem}")
def case(request: pytest.FixtureRequest) -> tuple[str, jm.Journey, bytes]:
    template, example = request.param
    journey, data = built(template, example)
    return template, journey, data


def test_the_fixtures_are_what_they_claim() -> None:
    for name, path in TEMPLATES.items():
        prs = opened(path.read_bytes())
        assert (prs.slide_width, prs.slide_height) == SIZES[name]
        assert all(width_factor(font) > 1.1 for font in theme_fonts(prs)), theme_fonts(prs)


def test_wider_fonts_are_measured_or_estimated_wider() -> None:
    assert width_factor("DejaVu Sans") == pytest.approx(1.0)
    assert width_factor("DejaVu Sans Mono") == pytest.approx(1.146, abs=0.01)  # matplotlib ships it
    assert width_factor("Calibri") == 1.0  # known to be narrower than DejaVu Sans
    assert width_factor("A Font Nobody Has Installed") == UNKNOWN_FACTOR
    assert (None, None, UNKNOWN_FACTOR) in faces(opened(TEMPLATES["16x9"].read_bytes()))  # Verdana: not on Linux


def test_deck_takes_the_templates_size_fonts_colours_and_layouts(case: tuple[str, jm.Journey, bytes]) -> None:
    template, _, data = case
    prs = opened(data)
    assert (prs.slide_width, prs.slide_height) == SIZES[template]
    client = opened(TEMPLATES[template].read_bytes())
    assert theme_fonts(prs) == theme_fonts(client)
    with zipfile.ZipFile(TEMPLATES[template]) as source, zipfile.ZipFile(io.BytesIO(data)) as out:
        accent = re.search(rb'<a:accent1><a:srgbClr val="(\w+)"', source.read("ppt/theme/theme1.xml"))
        assert accent is not None
        assert accent.group(0) in out.read("ppt/theme/theme1.xml")
    layouts = {slide.slide_layout.name for slide in prs.slides}
    assert layouts <= {layout.name for layout in client.slide_layouts}
    assert len(layouts) == 2
    assert not any(name.startswith("SAMPLE SLIDE") for name in titles(prs))


def series(prs: Any) -> list[float | None]:
    return [value for chart in charts(prs) for value in chart.plots[0].series[0].values]


def test_content_is_the_same_as_on_the_default_deck(case: tuple[str, jm.Journey, bytes]) -> None:
    _, journey, data = case
    prs = opened(data)
    assert without_cont(titles(prs), journey.language) == expected_titles(journey)
    plain = opened(deck(journey))
    assert series(prs) == series(plain)
    header = labels(journey.language).touchpoint
    assert [row for _, rows in stage_tables(prs, header) for row in rows] == [
        row for _, rows in stage_tables(plain, header) for row in rows
    ]


@functools.cache
def measuring_font(fonts: tuple[str, ...]) -> tuple[Any, Any, float]:
    """(regular, bold, line height in ems) of the widest installed theme font, else DejaVu Sans Mono."""
    installed = [name for name in fonts if _installed(name, False) and _installed(name, True)]
    name = max(installed, key=width_factor, default="DejaVu Sans Mono")
    regular, bold = (ImageFont.truetype(str(_installed(name, b)), size=1000) for b in (False, True))
    ascent, descent = regular.getmetrics()
    return regular, bold, max(SINGLE, (ascent + descent) / 1000)


def line_count(text: str, width: float, size: float, font: Any) -> int:
    """Lines ``text`` takes wrapped greedily at spaces into ``width`` points (an over-long word breaks)."""

    def fits(line: str) -> bool:
        return float(font.getlength(line.rstrip(" "))) / 1000 * size <= width + 0.1

    count = 0
    for piece in text.split("\v"):
        current, lines = "", 0
        for token in re.findall(r"[^ ]+ *| +", piece):
            if fits(current + token):
                current += token
                continue
            if current:
                lines, current = lines + 1, ""
            while not fits(token):
                cut = max([1, *(n for n in range(1, len(token)) if fits(token[:n]))])
                lines, token = lines + 1, token[cut:]
            current = token
        count += lines + (1 if current or not lines else 0)
    return count


def too_tall(frame: Any, width: float, height: float, margins: tuple[Any, ...], fonts: tuple[Any, Any, float]) -> str:
    """Why ``frame`` (``width`` x ``height`` points) cannot hold its text in the measuring font; "" if it can."""
    left, right, top, bottom = ((m or 0) / EMU for m in margins)
    need = top + bottom
    for paragraph in frame.paragraphs:
        points = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
        size = max(points, default=empty_size(paragraph))
        font = fonts[1] if any(run.font.bold for run in paragraph.runs) else fonts[0]
        indent = int(paragraph._p.pPr.get("marL", 0)) / EMU if paragraph._p.pPr is not None else 0.0
        spacing = paragraph.line_spacing
        lines = line_count(paragraph.text, width - left - right - indent, size, font)
        need += lines * (spacing.pt if spacing is not None and not isinstance(spacing, float) else size * fonts[2])
        need += sum((space or 0) / EMU for space in (paragraph.space_before, paragraph.space_after))
    return f"needs {need:.1f} pt, has {height:.1f} pt" if need > height + SLACK else ""


def frames(prs: Any) -> list[tuple[str, Any, float, float, tuple[Any, ...]]]:
    """Every text frame with text: (where, frame, width, height, margins); table cells one each."""
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            where = f"slide {number} {shape.name}"
            if shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        if cell.is_spanned:  # merged into the cell before it: shows nothing
                            continue
                        margins = (cell.margin_left, cell.margin_right, cell.margin_top, cell.margin_bottom)
                        box = cell_box(cell, table.columns[c].width / EMU, row.height / EMU)
                        found.append((f"{where} cell {r},{c}", cell.text_frame, *box, margins))
            elif shape.has_text_frame and shape.text_frame.text:
                frame = shape.text_frame
                margins = (frame.margin_left, frame.margin_right, frame.margin_top, frame.margin_bottom)
                found.append((where, frame, shape.width / EMU, shape.height / EMU, margins))
    return found


def test_every_text_fits_its_box_in_the_templates_font(case: tuple[str, jm.Journey, bytes]) -> None:
    _, _, data = case
    prs = opened(data)
    fonts = measuring_font(tuple(theme_fonts(prs)))
    problems = [
        f"{where}: {problem}"
        for where, frame, width, height, margins in frames(prs)
        if (problem := too_tall(frame, width, height, margins, fonts))
    ]
    assert problems == []


def test_no_shape_lies_off_the_slide(case: tuple[str, jm.Journey, bytes]) -> None:
    _, _, data = case
    prs = opened(data)
    size = (prs.slide_width / EMU, prs.slide_height / EMU)
    off = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            left, top = shape.left / EMU, shape.top / EMU
            if (
                min(left, top) < 0
                or left + shape.width / EMU > size[0] + SLACK
                or top + shape.height / EMU > size[1] + SLACK
            ):
                off.append(f"slide {number} {shape.name}")
    assert off == []
