"""The PowerPoint exporter: decks re-opened with python-pptx and checked as a client would see them."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import journeymap as jm
from journeymap._measure import wrap
from journeymap.analysis import score_emotions
from journeymap.builtin.pptx import PptxExporter
from journeymap.builtin.pptx._flow import Section, flow_columns, flow_rows
from journeymap.builtin.pptx._slides import STRIP_NAME, emotion_text
from journeymap.builtin.pptx._text import INSET_X, INSET_Y, LEADING, MIN_SIZE, Para, height
from journeymap.errors import ValidationError
from journeymap.i18n import labels

pptx = pytest.importorskip("pptx")
pytest.importorskip("matplotlib")
from matplotlib.font_manager import FontProperties, findfont  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402
from matplotlib.textpath import TextToPath  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.enum.chart import XL_CHART_TYPE  # noqa: E402

from .conftest import example_files  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
EMU = 12700


def deck(journey: jm.Journey, lang: str | None = None, **options: Any) -> bytes:
    stream = io.BytesIO()
    PptxExporter().write(journey, stream, lang=lang or journey.language, **options)
    return stream.getvalue()


def opened(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def titles(prs: Any) -> list[str]:
    return [slide.shapes.title.text for slide in prs.slides]


def without_cont(names: list[str], lang: str) -> list[str]:
    """Titles with "(cont.)" slides folded into the slide they continue."""
    suffix = " " + labels(lang).continued
    result: list[str] = []
    for name in names:
        if name.endswith(suffix):
            assert result[-1:] == [name[: -len(suffix)]], f"{name!r} continues nothing"
        else:
            result.append(name)
    return result


def expected_titles(journey: jm.Journey, *, with_map: bool = True) -> list[str]:
    w = labels(journey.language)
    head = [journey.title]
    head += [f"{w.persona}: {persona.name}" for persona in journey.all_personas()]  # a slide for each
    if not journey.all_personas() and journey.segment is not None:
        head.append(w.segment)
    overview = [w.overview, *([w.journey_map] if with_map and journey.stages else [])]
    if any(stage.frontstage or stage.backstage or stage.support for stage in journey.stages):
        overview.append(w.blueprint)
    body = [*overview, *(stage.name for stage in journey.stages), w.pareto, w.critical_barriers, w.coverage]
    return head + body + ([w.sheet_actions] if journey.actions else [])


@pytest.fixture(scope="module", params=example_files(), ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> tuple[jm.Journey, Any]:
    journey = jm.load(request.param)
    return journey, opened(deck(journey))


def test_deck_is_16_9_and_titles_follow_the_journey(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert without_cont(titles(prs), journey.language) == expected_titles(journey)


def charts(prs: Any) -> Iterator[Any]:
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                yield shape.chart


def test_native_line_chart_holds_the_emotion_curve(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    found = list(charts(prs))
    assert found
    assert all(chart.chart_type == XL_CHART_TYPE.LINE_MARKERS for chart in found)
    values = [v for chart in found for v in chart.plots[0].series[0].values]
    report = score_emotions(journey)
    assert [v for v in values if v is not None] == [m.score for m in report.curve]
    assert values.count(None) == len(report.missing)


def stage_tables(prs: Any, header: str) -> Iterator[tuple[str, list[list[str]]]]:
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table and shape.table.cell(0, 0).text == header:
                rows = [[cell.text for cell in row.cells] for row in list(shape.table.rows)[1:]]
                yield slide.shapes.title.text, rows


def test_touchpoint_tables_equal_the_touchpoints(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    w = labels(journey.language)
    shown = [row for _, rows in stage_tables(prs, w.touchpoint) for row in rows]
    expected = [
        [
            ("★ " if tp.moment_of_truth else "") + tp.name,
            tp.channel or "",
            emotion_text(tp, w),
            "\n".join(f"{b.description} ({w.severity(b.severity)})" for b in tp.barriers),
        ]
        for _, tp in journey.touchpoints()
    ]
    assert [[cell.replace("\v", "\n") for cell in row] for row in shown] == expected


def frame_paras(frame: Any) -> list[Para]:
    paras = []
    for paragraph in frame.paragraphs:
        sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
        assert all(size >= MIN_SIZE for size in sizes)
        after = paragraph.space_after.pt if paragraph.space_after is not None else 0.0
        bold = any(run.font.bold for run in paragraph.runs)
        size = max(sizes, default=empty_size(paragraph))
        paras.append(Para(paragraph.text.replace("\v", "\n"), size, bold=bold, after=after))
    return paras


# --- overflow, measured apart from the exporter ------------------------------------------------
#
# The exporter wraps with its own measure (Pillow's advances of DejaVu Sans) and sizes every box from
# it. This check reads what the file says -- each box's size and insets, each run's font size, bold,
# line spacing and space after -- and wraps the text again with matplotlib's own FreeType layout of the
# same font, at PowerPoint's single line spacing instead of the exporter's LEADING.

DECK_FONT = "DejaVu Sans"
SINGLE_SPACING = 1.2
"""PowerPoint's single line spacing, in ems; the check uses the font's own when that is taller."""
WIDTH_SLACK = 0.1
"""Points a line may be wider than its frame: the two FreeType readings differ by hundredths of a point."""
HEIGHT_SLACK = 0.5
"""Points the text may be taller than its box (EMU rounding)."""
_TEXT_TO_PATH = TextToPath()


@functools.cache
def deck_font(bold: bool) -> FontProperties:
    """DejaVu Sans as matplotlib finds it (the copy it ships), never a fallback font."""
    prop = FontProperties(family=DECK_FONT, weight="bold" if bold else "normal")
    found = Path(findfont(prop, fallback_to_default=False))
    assert found.name == ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"), found
    return prop


@functools.cache
def line_height_em() -> float:
    """Height of a single-spaced line in ems: PowerPoint's, or DejaVu Sans's ascender to descender if taller."""
    font = FT2Font(findfont(deck_font(False), fallback_to_default=False))
    return max(SINGLE_SPACING, (font.ascender - font.descender) / font.units_per_EM)


@functools.lru_cache(maxsize=1 << 18)
def line_width(text: str, size: float, bold: bool) -> float:
    """Advance width of one line of ``text`` at ``size`` points, in points, laid out by matplotlib."""
    if not text:
        return 0.0
    prop = deck_font(bold).copy()
    prop.set_size(size)
    width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return float(width)


def fits(line: str, width: float, size: float, bold: bool) -> bool:
    return line_width(line.rstrip(" "), size, bold) <= width + WIDTH_SLACK  # spaces at a line's end hang


def line_count(text: str, width: float, size: float, bold: bool) -> int:
    """Lines ``text`` takes when wrapped greedily at spaces into ``width`` points (an over-long word breaks)."""
    count = 0
    for piece in text.split("\v"):  # a line break inside the paragraph
        current, lines = "", 0
        for token in re.findall(r"[^ ]+ *| +", piece):
            if fits(current + token, width, size, bold):
                current += token
                continue
            if current:
                lines, current = lines + 1, ""
            while not fits(token, width, size, bold):
                cut = longest_fitting_prefix(token, width, size, bold)
                lines, token = lines + 1, token[cut:]
            current = token
        count += lines + (1 if current or not lines else 0)
    return count


def longest_fitting_prefix(word: str, width: float, size: float, bold: bool) -> int:
    """Length of the longest start of ``word`` that fits ``width`` (at least one character)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(word[:middle], width, size, bold) else (low, middle - 1)
    return low


def emu_pt(value: int | None) -> float:
    return (value or 0) / EMU


def text_problems(
    frame: Any, width: float, box_height: float, margins: tuple[int, int, int, int], where: str
) -> list[str]:
    """What is wrong with a text frame ``width`` x ``box_height`` points with the given (l, r, t, b) margins in EMU."""
    problems = []
    for paragraph in frame.paragraphs:
        sizes = [run.font.size for run in paragraph.runs]
        if any(size is None for size in sizes):
            problems.append(f"{where}: a run without an explicit font size")
            continue
        problems += [f"{where}: {size.pt:g} pt is below 10 pt" for size in sizes if size.pt < 10]
    need = text_need(frame, width, margins)
    if need > box_height + HEIGHT_SLACK:
        problems.append(f"{where}: text needs {need:.1f} pt, the box is {box_height:.1f} pt")
    return problems


def empty_size(paragraph: Any) -> float:
    """The size a paragraph without runs is set at: its end-of-paragraph size, else PowerPoint's default 18 pt."""
    end = paragraph._p.find("{http://schemas.openxmlformats.org/drawingml/2006/main}endParaRPr")
    return int(end.get("sz")) / 100 if end is not None and end.get("sz") else 18.0


def text_need(frame: Any, width: float, margins: tuple[int, int, int, int]) -> float:
    """Height (points) the text of ``frame`` takes wrapped at ``width`` points with (l, r, t, b) ``margins`` (EMU)."""
    left, right, top, bottom = (emu_pt(m) for m in margins)
    need = top + bottom
    for paragraph in frame.paragraphs:
        size = max(
            (run.font.size.pt for run in paragraph.runs if run.font.size is not None), default=empty_size(paragraph)
        )
        bold = any(run.font.bold for run in paragraph.runs)
        indent = emu_pt(int(paragraph._p.pPr.get("marL", 0)) if paragraph._p.pPr is not None else 0)
        spacing = paragraph.line_spacing
        lines = line_count(paragraph.text, width - left - right - indent, size, bold)
        if spacing is None or isinstance(spacing, float):
            need += lines * size * line_height_em() * (spacing or 1.0)
        else:  # an exact line height
            need += lines * spacing.pt
        need += sum(emu_pt(space) for space in (paragraph.space_before, paragraph.space_after))
    return need


def overflowing(prs: Any) -> list[str]:
    """Text boxes and table cells whose text, wrapped at their width, is taller than them; text below 10 pt.

    Boxes and tables must also lie on the slide; chart text is checked for its size only.
    """
    size = (emu_pt(prs.slide_width), emu_pt(prs.slide_height))
    return [
        problem
        for number, slide in enumerate(prs.slides, start=1)
        for shape in slide.shapes
        for problem in shape_problems(shape, f"slide {number} {shape.name}", size)
    ]


def cell_box(cell: Any, width: float, height: float) -> tuple[float, float]:
    """(width, height) a table cell's text runs in: swapped when its text is set vertically."""
    vertical = cell._tc.tcPr is not None and cell._tc.tcPr.get("vert") in ("vert", "vert270")
    return (height, width) if vertical else (width, height)


def shape_problems(shape: Any, where: str, slide_size: tuple[float, float]) -> list[str]:
    if shape.has_chart:
        sizes = re.findall(rb'<a:(?:defRPr|rPr|endParaRPr)\b[^>]*\bsz="(\d+)"', shape.chart.part.blob)
        return [f"{where}: chart text at {int(sz) / 100:g} pt is below 10 pt" for sz in sizes if int(sz) < 1000]
    if shape.has_table:
        table = shape.table
        problems = [
            problem
            for r, row in enumerate(table.rows)
            for c, cell in enumerate(row.cells)
            if not cell.is_spanned  # a cell merged into the one before it shows nothing
            for problem in text_problems(
                cell.text_frame,
                *cell_box(cell, emu_pt(table.columns[c].width), emu_pt(row.height)),
                (cell.margin_left, cell.margin_right, cell.margin_top, cell.margin_bottom),
                f"{where} cell {r},{c}",
            )
        ]
        width = sum(emu_pt(column.width) for column in table.columns)
        height = sum(emu_pt(row.height) for row in table.rows)  # rows as tall as their text: the table's real height
    elif shape.has_text_frame and shape.text_frame.text:
        frame = shape.text_frame
        width, height = emu_pt(shape.width), emu_pt(shape.height)
        margins = (frame.margin_left, frame.margin_right, frame.margin_top, frame.margin_bottom)
        problems = text_problems(frame, width, height, margins, where)
    else:
        return []
    left, top = emu_pt(shape.left), emu_pt(shape.top)
    if min(left, top) < 0 or left + width > slide_size[0] + HEIGHT_SLACK or top + height > slide_size[1] + HEIGHT_SLACK:
        problems.append(f"{where}: off the slide ({left:.0f}, {top:.0f}, {width:.0f} x {height:.0f} pt)")
    return problems


def test_no_text_is_taller_than_its_shape(example: tuple[jm.Journey, Any]) -> None:
    assert overflowing(example[1]) == []


def long_journey() -> jm.Journey:
    words = "Customer wants to understand the price, terms and refund policy before talking to anyone"
    stages = [
        jm.Stage(
            name=f"Stage {s} with a rather long name to wrap",
            goals=[f"{words} ({s}.{g})" for g in range(25)],
            questions=["?" * 3000],
            touchpoints=[
                jm.Touchpoint(
                    name=f"Touchpoint {s}.{t} " + words,
                    channel="site",
                    emotion=None if t % 3 == 0 else (t % 5) - 2,
                    barriers=[f"{words} {b}" for b in range(t % 4)],
                )
                for t in range(30)
            ],
        )
        for s in range(8)
    ]
    return jm.Journey(title="Long " * 60, stages=stages, actions=[jm.Action(title=words) for _ in range(40)])


def test_long_lists_and_tables_continue_on_cont_slides_without_overflow() -> None:
    journey = long_journey()
    prs = opened(deck(journey))
    names = titles(prs)
    assert without_cont(names, "en")[3:11] == [stage.name for stage in journey.stages]  # after the map
    assert sum(name.endswith("(cont.)") for name in names) > 20
    assert overflowing(prs) == []
    shown = [row[0] for _, rows in stage_tables(prs, "Touchpoint") for row in rows]
    assert "".join(shown).replace(" ", "").replace("\n", "") == "".join(
        tp.name for _, tp in journey.touchpoints()
    ).replace(" ", "")
    assert len(list(charts(prs))) == 2  # 8 stages: 6 on the overview, 2 on its "(cont.)"


def test_missing_emotions_are_gaps_not_zero() -> None:
    journey = jm.Journey(
        title="Gaps",
        stages=[
            jm.Stage(
                name="S", touchpoints=[jm.Touchpoint(name="A", emotion=1), "B", jm.Touchpoint(name="C", emotion=-1)]
            )
        ],
    )
    data = deck(journey)
    (chart,) = charts(opened(data))
    assert list(chart.plots[0].series[0].values) == [1.0, None, -1.0]
    assert b'dispBlanksAs val="gap"' in zipfile.ZipFile(io.BytesIO(data)).read("ppt/charts/chart1.xml")


def test_same_journey_gives_identical_bytes_with_fixed_dates() -> None:
    journey = jm.load(example_files()[0])
    first, second = deck(journey), deck(journey)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        embedded = [name for name in archive.namelist() if name.endswith(".xlsx")]
        assert embedded
        core = archive.read("docProps/core.xml")
    assert journey.date is not None
    assert journey.date.isoformat().encode() in core
    prs = opened(first)
    assert prs.core_properties.created == prs.core_properties.modified


def test_every_slide_has_analysis_in_its_speaker_notes(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    w = labels(journey.language)
    for slide in prs.slides:
        assert slide.has_notes_slide
        assert w.mean_emotion in slide.notes_slide.notes_text_frame.text


def test_lang_overrides_the_journey_language() -> None:
    journey = jm.load(example_files()[0])
    prs = opened(deck(journey, lang="ro"))
    assert labels("ro").overview in titles(prs)


def test_control_characters_are_refused_naming_the_field() -> None:
    journey = jm.Journey(title="t", stages=[jm.Stage(name="S", touchpoints=[jm.Touchpoint(name="bell\x07")])])
    with pytest.raises(ValidationError) as caught:
        deck(journey)
    assert [p.path for p in caught.value.problems] == ["stages[0].touchpoints[0].name"]
    assert "PowerPoint" in str(caught.value)
    assert "Excel" not in str(caught.value)


def test_carriage_return_becomes_a_line_break_not_an_escape() -> None:
    journey = jm.Journey(title="one\r\ntwo\rthree", stages=["S"])
    data = deck(journey)
    assert b"_x000D_" not in zipfile.ZipFile(io.BytesIO(data)).read("ppt/slides/slide1.xml")
    assert opened(data).slides[0].shapes.title.text == "one\vtwo\vthree"


def test_long_text_over_excel_cell_limit_is_fine_for_powerpoint() -> None:
    journey = jm.Journey(title="t", notes="x " * 20_000, stages=[jm.Stage(name="S", notes="y " * 20_000)])
    assert opened(deck(journey)).slides


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"threshold": "many"}, "options.threshold"),
        ({"template": "missing.pptx"}, "options.template"),
        ({"template": "slides.key"}, "options.template"),
        ({"colour": "red"}, "options.colour"),
    ],
)
def test_bad_options_name_the_option(options: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        deck(jm.Journey(title="t"), **options)


def potx(tmp_path: Path) -> Path:
    """The fixture template saved as a real .potx (main part declared a template)."""
    target = tmp_path / "client.potx"
    with zipfile.ZipFile(FIXTURES / "template.pptx") as source, zipfile.ZipFile(target, "w") as out:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            out.writestr(entry, data)
    return target


@pytest.mark.parametrize("kind", ["pptx", "potx"])
def test_template_layouts_and_theme_are_used_and_its_samples_dropped(kind: str, tmp_path: Path) -> None:
    template = FIXTURES / "template.pptx" if kind == "pptx" else potx(tmp_path)
    journey = jm.load(example_files()[0])
    data = deck(journey, template=str(template))
    prs = opened(data)
    assert all(slide.slide_layout.name.startswith("Northwind ") for slide in prs.slides)
    assert prs.slides[0].slide_layout.name == "Northwind title slide"
    assert {slide.slide_layout.name for slide in list(prs.slides)[1:]} == {"Northwind title only"}
    assert not any("SAMPLE SLIDE" in name for name in titles(prs))
    assert without_cont(titles(prs), journey.language) == expected_titles(journey)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        theme = archive.read("ppt/theme/theme1.xml")
        assert b"8E2C48" in theme
        assert b"DejaVu Serif" in theme
        assert b"template.main+xml" not in archive.read("[Content_Types].xml")
    assert overflowing(prs) == []
    assert data == deck(journey, template=str(template))


def test_conformance_kit_passes(tmp_path: Path) -> None:
    from journeymap.testing import check_exporter

    report = check_exporter(PptxExporter(), tmp_path)
    assert "adversarial" in report.written
    assert "control-characters" in report.rejected


def persona_deck(description: str) -> Any:
    """A deck whose persona slide has one column: the persona's facts, then ``description``."""
    persona = jm.Persona(
        name="Ana",
        age=30,
        gender="female",
        education="MSc",
        occupation="Analyst",
        income="high",
        location="Chișinău",
        description=description,
    )
    return opened(deck(jm.Journey(title="t", persona=persona, stages=["S"])))


def persona_column(description: str) -> list[Para]:
    """The persona slide's column as one unbroken list of paragraphs (facts, then the description)."""
    facts = ["Age: 30", "Gender: female", "Education: MSc", "Occupation: Analyst", "Income: high", "Location: Chișinău"]
    return [
        Para("Ana", 12, bold=True),
        *(Para(fact, 12) for fact in facts),
        Para("Description", 12, bold=True),
        Para(description, 12),
    ]


def frames_on(prs: Any, prefix: str) -> list[tuple[str, list[str]]]:
    """(slide title, paragraphs) of every text box on the slides whose title starts with ``prefix``."""
    return [
        (slide.shapes.title.text, [p.text for p in shape.text_frame.paragraphs])
        for slide in prs.slides
        if slide.shapes.title.text.startswith(prefix)
        for shape in slide.shapes
        if shape.has_text_frame and shape != slide.shapes.title
    ]


def test_paragraph_that_overflows_by_a_line_moves_whole_to_the_cont_slide() -> None:
    from journeymap.builtin.pptx._deck import open_deck

    body = open_deck(None, labels("en")).body
    words = [f"word{n}" for n in range(2000)]
    low, high = 1, len(words)  # fewest words whose column is taller than the slide: it overflows by one line
    while low < high:
        middle = (low + high) // 2
        if height(persona_column(" ".join(words[:middle])), body.width) > body.height:
            high = middle
        else:
            low = middle + 1
    description = " ".join(words[:low])
    frames = frames_on(persona_deck(description), "Persona: Ana")
    assert [title for title, _ in frames] == ["Persona: Ana", "Persona: Ana (cont.)"]
    (_, first), (_, second) = frames
    assert "Description" not in first  # no heading left alone at the bottom
    assert second == ["Description", description]


def test_paragraph_longer_than_two_slides_splits_with_two_lines_or_more_on_each() -> None:
    from journeymap.builtin.pptx._deck import open_deck

    width = open_deck(None, labels("en")).body.width - 2 * INSET_X
    description = " ".join(f"word{n}" for n in range(1400))
    prs = persona_deck(description)
    frames = frames_on(prs, "Persona: Ana")
    assert len(frames) >= 3
    parts = [paras[paras.index(heading) + 1] for _, paras in frames for heading in paras if heading.startswith("Desc")]
    assert [h for _, paras in frames for h in paras if h.startswith("Desc")] == ["Description"] + [
        "Description (cont.)"
    ] * (len(parts) - 1)
    assert all(part.startswith("… ") for part in parts[1:])
    assert all(len(wrap(part, width, 12)) >= 2 for part in parts)
    assert " ".join(part.removeprefix("… ") for part in parts) == description
    assert overflowing(prs) == []


@pytest.mark.parametrize("lines", range(1, 40))
def test_split_items_keep_two_lines_on_every_page(lines: int) -> None:
    page_lines = 8
    caps = lambda page: page_lines * 12 * LEADING + 2 * INSET_Y + 6.0  # noqa: E731  (8 lines, 2 paragraphs)
    item = "\n".join(f"line {n}" for n in range(lines))
    pages = flow_columns([[Section("H", ("short", item))]], width=300, size=12, caps=caps)
    parts = [para.text for page in pages for para in page[0] if para.text not in ("H", "H (cont.)", "• short")]
    counts = [len(part.split("\n")) for part in parts]
    assert sum(counts) == lines
    if lines <= page_lines - 1:  # fits an empty page under its heading: moved or kept whole
        assert counts == [lines]
    else:
        assert min(counts) >= 2, counts
    for page in pages:  # a heading is always followed by something of its section
        texts = [para.text for para in page[0]]
        assert texts[-1] not in ("H", "H (cont.)")


def test_table_row_moves_whole_unless_taller_than_a_slide() -> None:
    widths = [200.0]
    line = 11 * LEADING
    caps = lambda page: 10 * line + 2 * INSET_Y + 20.0  # noqa: E731  (header 20 pt, then 10 lines)
    rows = [["\n".join(["a"] * 9)], ["\n".join(["b"] * 3)]]
    assert [[r.source for r in page] for page in flow_rows(rows, widths, 11, 20.0, caps)] == [[0], [1]]
    long_row = [["\n".join(str(n) for n in range(20))]]
    pages = flow_rows([["x"], *long_row], widths, 11, 20.0, caps)
    counts = [len(r.cells[0].split("\n")) for page in pages for r in page if r.source == 1]
    assert sum(counts) == 20
    assert min(counts) >= 2, counts
    lists_above = lambda page: caps(page) - (8 * line if page == 0 else 0)  # noqa: E731  (lists leave 2 lines)
    assert [[r.cells for r in page] for page in flow_rows(rows[1:], widths, 11, 20.0, lists_above)] == [
        [],
        [("b\nb\nb",)],
    ]


def stage_deck(goals: int) -> Any:
    """A deck whose one stage has four list columns: ``goals`` two-line goals, and one item in each other column."""
    goal = "Compare the price, the terms and the refund policy before talking to anyone in sales"
    stage = jm.Stage(
        name="Research",
        goals=[f"{goal} ({n})" for n in range(goals)],
        expectations=["Clear prices"],
        questions=["Is there a trial?"],
        opportunities=["Publish the price list"],
    )
    return opened(deck(jm.Journey(title="t", stages=[stage])))


def stage_slides_of(prs: Any, name: str) -> list[tuple[str, set[float]]]:
    """(title, font sizes of its lists) of the slides of stage ``name`` and their "(cont.)" slides."""
    return [
        (
            slide.shapes.title.text,
            {
                para.size
                for shape in slide.shapes
                if shape.has_text_frame and shape != slide.shapes.title and not shape.name.startswith(STRIP_NAME)
                for para in frame_paras(shape.text_frame)
            },
        )
        for slide in prs.slides
        if slide.shapes.title.text.startswith(name)
    ]


def goals_overflowing_at_normal_size() -> tuple[int, int]:
    """Fewest goals whose lists at the normal 12 pt need a "(cont.)" slide, and the lines their last goal needs."""
    from journeymap.builtin.pptx._deck import open_deck
    from journeymap.builtin.pptx._fit import column_widths
    from journeymap.builtin.pptx._slides import LIST_SIZE
    from journeymap.builtin.pptx._style import GAP

    body = open_deck(None, labels("en")).body
    goal = "Compare the price, the terms and the refund policy before talking to anyone in sales"
    others = [[Section(h, (t,))] for h, t in (("Expectations", "Clear prices"), ("Questions", "Is there a trial?"))]
    others.append([Section("Opportunities", ("Publish the price list",))])
    for count in range(1, 200):
        columns = [[Section("Goals", tuple(f"{goal} ({n})" for n in range(count)))]]
        width = column_widths([*columns, *others], body.width - 3 * GAP, LIST_SIZE)[0]  # sized by content
        if len(flow_columns(columns, width, LIST_SIZE, lambda page: body.height)) > 1:
            return count, len(wrap(f"• {goal} ({count - 1})", width - 2 * INSET_X, LIST_SIZE))
    raise AssertionError("the goals never overflow")


def test_lists_overflowing_by_a_bullet_fit_one_slide_at_a_smaller_size() -> None:
    count, lines = goals_overflowing_at_normal_size()
    assert lines <= 3  # the overflow is one short bullet: not worth a "(cont.)" slide
    prs = stage_deck(count)
    slides = stage_slides_of(prs, "Research")
    assert [title for title, _ in slides] == ["Research"]
    ((_, sizes),) = slides
    assert len(sizes) == 1  # every column at the same size
    assert MIN_SIZE <= sizes.pop() < 12
    assert overflowing(prs) == []


def test_lists_far_too_long_still_continue_at_the_normal_size() -> None:
    count, _ = goals_overflowing_at_normal_size()
    prs = stage_deck(3 * count)
    slides = stage_slides_of(prs, "Research")
    assert [title for title, _ in slides][:2] == ["Research", "Research (cont.)"]
    assert all(sizes == {12.0} for _, sizes in slides)
    assert overflowing(prs) == []
