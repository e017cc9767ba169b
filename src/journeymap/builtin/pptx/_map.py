"""The journey map slide(s): stages as columns, lanes as rows, the emotion curve drawn over its columns (private).

Right after the overview. The map is laid out once by :func:`journeymap.layout.layout_map` (the same layout
the poster and the HTML map draw) in the body of a content slide, at :data:`MAP_FONT` points and without
growing the page: what does not fit is shortened with "…", and the whole text goes to the slide's speaker
notes. Up to :data:`STAGES_PER_MAP` stages share a slide; more are split evenly over as few slides as hold
them (see :func:`stage_groups`), each slide repeating the lane titles.

The emotion curve is drawn with native shapes rather than a chart: a polyline (freeform) through the
touchpoints' points, broken where a touchpoint has no emotion, with a marker per point and a triangle under
each point with barriers (size and colour by the heaviest severity). Shapes sit exactly where the layout
puts each touchpoint (spread over its own stage's column); a line chart spaces its categories evenly over
the plot area, which PowerPoint and LibreOffice place themselves, so its points would not line up with
the stage columns above and below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from journeymap._measure import ellipsize, text_width, wrap
from journeymap.analysis import Report
from journeymap.builtin.pptx._deck import Deck, emu, paint, rgb, write_paras
from journeymap.builtin.pptx._notes import journey_notes
from journeymap.builtin.pptx._text import Para
from journeymap.i18n import Labels
from journeymap.layout import PAD, Column, CurvePoint, Item, Lane, MapLayout, MapLine, lane_keys, layout_map
from journeymap.model import Journey

__all__ = ["MAP_FONT", "STAGES_PER_MAP", "map_notes", "map_slides", "stage_groups"]

STAGES_PER_MAP = 7
"""The most stages one map slide shows; more are split over several slides."""

MAP_FONT = 10.0
"""Text size of the map slide (the deck's smallest); stage names are a point larger and bold."""

RISK = "C0392B"
RISK_SHADE = "FBE4E1"
BAND = "F2F2F2"
MUTED = "6F6F6F"
SEVERITY = {"minor": "B7950B", "major": "D35400", "critical": "C0392B"}
"""Colour of a barrier by severity (its text in the barrier lane, its bar and its triangle on the curve)."""
TRIANGLE = {"minor": 6.0, "major": 8.0, "critical": 10.0}
"""Size of the triangle under a curve point, in points, by the heaviest severity of its barriers."""
STAR = 9.0
"""Size of the ★ over a moment of truth's point, in points."""
MOMENT = "C99700"
INK = "1F3B57"
_ORDER = ("minor", "major", "critical")
_EMOTION = ("C0392B", "E67E22", "8C8C8C", "7CB342", "2E7D32")
_MARKER = 7.0


def stage_groups(count: int, per_slide: int = STAGES_PER_MAP) -> list[list[int]]:
    """The stage indexes of each map slide: as few slides as hold ``per_slide`` stages each, split evenly.

    >>> [len(group) for group in stage_groups(12)], [len(group) for group in stage_groups(15)]
    ([6, 6], [5, 5, 5])
    >>> stage_groups(3)
    [[0, 1, 2]]
    """
    if count <= 0:
        return []
    slides = -(-count // per_slide)
    base, extra = divmod(count, slides)
    groups, start = [], 0
    for number in range(slides):
        size = base + (number < extra)
        groups.append(list(range(start, start + size)))
        start += size
    return groups


def map_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """The journey map, as native shapes, on one slide per group of stages (nothing for a journey without stages)."""
    w = deck.words
    if not journey.stages:
        return
    probe = layout_map(journey, size=(deck.body.width, deck.body.height), font_size=MAP_FONT, stages=[0], grow=False)
    margin, top = probe.margin, probe.stage_top
    size = (deck.body.width + 2 * margin, deck.body.height + top + margin)  # the legend ends at the body's bottom
    offset = (deck.body.left - margin, deck.body.top - top)
    for page, (group, (layout, left_out)) in enumerate(_pages(journey, size, w.language)):
        risky = {index for index in group if report.barriers.stages[index].at_risk}
        notes = map_notes(layout, journey_notes(report, w), left_out)
        slide = deck.slide(w.journey_map, page=page, notes=notes)
        _Drawing(slide, layout, offset, w).draw(risky)


def _pages(
    journey: Journey, size: tuple[float, float], lang: str
) -> list[tuple[list[int], tuple[MapLayout, MapLayout | None]]]:
    """Each map slide's stages and layout: as few slides as show every stage name's words whole (at
    :data:`MAP_FONT` at least, never broken between letters), down to :data:`_FEWEST_STAGES` stages a slide;
    when even that is too narrow, the fewest slides (:data:`STAGES_PER_MAP` stages each)."""
    first: list[tuple[list[int], tuple[MapLayout, MapLayout | None]]] = []
    tried: list[list[list[int]]] = []
    for per_slide in range(STAGES_PER_MAP, _FEWEST_STAGES - 1, -1):
        groups = stage_groups(len(journey.stages), per_slide)
        if groups in tried:
            continue
        tried.append(groups)
        pages = [(group, _fitted(journey, size, lang, group)) for group in groups]
        first = first or pages
        if all(_name_size(column, layout) for _, (layout, _) in pages for column in layout.columns):
            return pages
    return first


_FEWEST_STAGES = 3
"""The fewest stages a map slide is split down to so that stage names are not broken inside a word."""


def _name_size(column: Column, layout: MapLayout) -> float:
    """The size of a stage's name in its header: a point over the map's, or the map's own when a word of the
    name is only whole at that size; 0 when a word is wider than the header even then."""
    room = column.width - 2 * PAD
    widest = max(column.name.split() or [""], key=lambda word: text_width(word, layout.font_size + 1, bold=True))
    for size in (layout.font_size + 1, layout.font_size):
        if text_width(widest, size, bold=True) <= room:
            return size
    return 0.0


def _fitted(
    journey: Journey, size: tuple[float, float], lang: str, group: Sequence[int]
) -> tuple[MapLayout, MapLayout | None]:
    """The layout of ``group``'s stages, and, when even one line a lane is too tall for a (template's) short
    slide, the lanes left out at the bottom (laid out on a page as tall as they need, for the notes)."""
    keys = list(lane_keys(journey))
    while True:
        layout = layout_map(journey, size=size, font_size=MAP_FONT, lang=lang, stages=group, lanes=keys, grow=False)
        if _holds(layout, size):
            break
        narrow = _word_width(layout)  # titles shortened rather than a lane left out
        if narrow < layout.label_width:
            layout = layout_map(
                journey,
                size=size,
                font_size=MAP_FONT,
                lang=lang,
                stages=group,
                lanes=keys,
                grow=False,
                title_width=narrow,
            )
            if _holds(layout, size):
                break
        lanes = layout.lanes
        if len(lanes) <= 1:
            break
        shown = [lane.key for lane in lanes]
        spare = [key for key in _SPARED_FIRST if key in shown]
        keys.remove(spare[0] if spare else shown[-1])
    dropped = [key for key in lane_keys(journey) if key not in keys]
    if not dropped:
        return layout, None
    rest = layout_map(journey, size=size, font_size=MAP_FONT, lang=lang, stages=group, lanes=dropped, grow=True)
    return layout, rest


def _holds(layout: MapLayout, size: tuple[float, float]) -> bool:
    """Whether the page of ``size`` holds every lane of ``layout`` (and the legend under them)."""
    lanes = layout.lanes
    return len(lanes) <= 1 or lanes[-1].y + lanes[-1].height + layout.line_height <= size[1] - layout.margin + 0.01


def _word_width(layout: MapLayout) -> float:
    """A title column as wide as the widest word of a lane title (60 to 110 points), the narrowest that cuts no
    word."""
    widest = max(
        (text_width(word, layout.font_size, bold=True) for lane in layout.lanes for word in lane.title.split()),
        default=0.0,
    )
    return min(110.0, max(60.0, widest + 2 * PAD))


def map_notes(layout: MapLayout, summary: str, left_out: MapLayout | None = None) -> str:
    """The speaker notes: the analysis ``summary``, then per stage the whole text of what the slide shortened
    (and all the text of lanes ``left_out`` because the slide is too short for them)."""
    blocks = [summary]
    for number, column in enumerate(layout.columns):
        status = _status(column, layout)
        lines = (
            ([status] if _status_text(column, layout) != status else [])  # a narrow column shortens its status
            + _noted(layout, number, shortened=True)
            + _annotated(layout, number)
            + (_noted(left_out, number) if left_out else [])
        )
        if lines or _stage_name(column, layout) != column.name:
            blocks.append("\n".join([column.name, *lines]))
    titles = [lane.title for lane in layout.lanes if _title_text(lane, layout) != lane.title]
    if titles:
        blocks.append("\n".join(titles))
    if layout.personas:  # the emotion lane's legend may shorten their names
        blocks.append("\n".join([f"{layout.words.personas}:", *(f"— {p.name}" for p in layout.personas)]))
    return "\n\n".join(blocks)


def _status(column: Column, layout: MapLayout) -> str:
    """A stage header's second line: the abandonment risk, else the barrier count."""
    w = layout.words
    return f"⚠ {w.abandonment_risk}" if column.at_risk else f"{w.barriers}: {column.barriers}"


def _status_text(column: Column, layout: MapLayout) -> str:
    """The status as the header shows it: one line, shortened with "…" when longer."""
    return ellipsize(_status(column, layout), column.width - 2 * PAD, layout.font_size, 1, bold=column.at_risk)


def _noted(layout: MapLayout, number: int, *, shortened: bool = False) -> list[str]:
    """``Lane: text`` for column ``number``'s items: only those the slide shortens, or all of them."""
    return [
        f"{lane.title}: {text}"
        for lane in layout.lanes
        for item in lane.cells[number].items
        for text in (_hidden(item) if shortened else item.full.split("\n") if item.kind == "more" else [item.full])
    ]


def _annotated(layout: MapLayout, number: int) -> list[str]:
    """``Lane: text — note`` for column ``number``'s items with more to say than the slide shows (the touchpoint
    a blueprint step serves, evidence), and each moment of truth and emotion's evidence on the curve."""
    stage = layout.columns[number].stage
    lines = [
        f"{lane.title}: {line}"
        if item.kind == "more"
        else f"{lane.title}: {item.full} — {'; '.join(item.note.splitlines())}"
        for lane in layout.lanes
        for item in lane.cells[number].items
        if item.note
        for line in (item.note.splitlines() if item.kind == "more" else [item.note])
    ]
    for point in layout.curve:
        if point.stage == stage and (point.moment_of_truth or point.note):
            marks = [layout.words.moment_mark()] if point.moment_of_truth else []
            lines.append(
                f"{layout.words.emotion_curve}: {point.name} — {'; '.join([*marks, *point.note.splitlines()])}"
            )
    return lines


def _hidden(item: Item) -> list[str]:
    """The whole texts an item leaves out on the slide: its own when shortened, the rest for a "more" line."""
    if item.kind == "more":
        return item.full.split("\n")
    channel = item.channel if item.channel is not None and item.channel_line != item.channel else None
    if item.shortened or channel is not None:
        return [item.full + (f" ({channel})" if channel else "")]
    return []


def _stage_name(column: Column, layout: MapLayout) -> str:
    """A stage's name as its header shows it: bold, at :func:`_name_size`, in at most three lines."""
    size = _name_size(column, layout) or layout.font_size
    return ellipsize(column.name, column.width - 2 * PAD, size, 3, bold=True)


def _title_text(lane: Lane, layout: MapLayout) -> str:
    """A lane's title as its row shows it: wrapped to the row's lines, shortened with "…" when longer."""
    lines = max(1, int((lane.height - 2 * PAD) // layout.line_height))
    return ellipsize(lane.title, layout.label_width - 2 * _TITLE_INSET, layout.font_size, lines)


def _persona_legend(layout: MapLayout, lane: Lane, title: str) -> list[tuple[str, str]]:
    """Under the emotion lane's title, each persona's name (one line, shortened) in its curve's colour, as many
    as the lane has lines for."""
    width = layout.label_width - 2 * _TITLE_INSET
    room = max(0, int((lane.height - 2 * PAD) // layout.line_height) - len(wrap(title, width, layout.font_size)))
    return [
        (ellipsize(f"— {persona.name}", width, layout.font_size, 1), persona.colour[1:])
        for persona in layout.personas[:room]
    ]


_SPARED_FIRST = ("owner", "measured", "kpis", "opportunities")
"""Lanes a short slide leaves to the notes first (the stage slides show them), before any from the bottom: the
customer's lanes, the service blueprint and the team's own lanes stay on the map."""

_TITLE_INSET = 2.0
"""Left and right inset of a lane title (the layout's label column is narrow)."""


class _Drawing:
    """One map slide being drawn: the layout's points moved by ``offset`` onto the slide."""

    def __init__(self, slide: Any, layout: MapLayout, offset: tuple[float, float], words: Labels) -> None:
        self.slide, self.layout, self.words = slide, layout, words
        self.dx, self.dy = offset
        lanes = layout.lanes
        self.bottom = lanes[-1].y + lanes[-1].height if lanes else layout.stage_top + layout.stage_height

    def draw(self, risky: set[int]) -> None:
        """Bands, risk shading, stage headers, lane titles, cells, the curve and the legend, back to front."""
        layout = self.layout
        for number, lane in enumerate(layout.lanes):
            if number % 2:
                self.rect(layout.margin, lane.y, layout.width - 2 * layout.margin, lane.height, BAND)
        below = layout.stage_top + layout.stage_height
        for column in layout.columns:
            if column.stage in risky:
                self.rect(column.x, below, column.width, self.bottom - below, RISK_SHADE)
            self.header(column, column.stage in risky)
        for lane in layout.lanes:
            self.lane_title(lane)
            for cell in lane.cells:
                if cell.items:
                    self.cell(cell.x, cell.y, cell.width, cell.height, cell.items)
        for line in layout.lines:
            self.blueprint_line(line)
        if layout.curve:
            self.curve(layout.lane("emotions"), layout.curve)
        self.legend()

    def blueprint_line(self, line: MapLine) -> None:
        """A line of the service blueprint in its band: its label left, a dashed rule from there to the right."""
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.enum.shapes import MSO_CONNECTOR
        from pptx.util import Pt

        layout = self.layout
        left, right = layout.columns[0].x, layout.columns[-1].x + layout.columns[-1].width
        label = ellipsize(line.title, (right - left) / 2, layout.font_size, 1)
        width = text_width(label, layout.font_size) + 2 * PAD
        para = Para(label, layout.font_size, after=0)
        self.text((left, line.top, width, line.height), [para], (INK,), inset=(PAD, 0))
        y = line.y + self.dy
        rule = self.slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, emu(left + width + self.dx), emu(y), emu(right + self.dx), emu(y)
        )
        rule.line.color.rgb = rgb(INK)
        rule.line.width = Pt(1)
        rule.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        _plain(rule)

    def rect(self, left: float, top: float, width: float, height: float, colour: str) -> Any:
        """A filled rectangle without outline or text."""
        from pptx.enum.shapes import MSO_SHAPE

        shape = self.slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, emu(left + self.dx), emu(top + self.dy), emu(width), emu(height)
        )
        paint(shape, colour)
        return shape

    def text(
        self,
        box: tuple[float, float, float, float],
        paras: Sequence[Para],
        colours: Sequence[str | None] = (),
        *,
        inset: tuple[float, float] = (PAD, PAD),
    ) -> Any:
        """A text box at ``box`` (layout points) holding ``paras``, paragraph ``n`` coloured ``colours[n]``."""
        left, top, width, height = box
        shape = self.slide.shapes.add_textbox(emu(left + self.dx), emu(top + self.dy), emu(width), emu(height))
        tints = [*colours, *[None] * (len(paras) - len(colours))]
        coloured = [p if c is None else attrs.evolve(p, colour=c) for p, c in zip(paras, tints, strict=False)]
        write_paras(shape.text_frame, coloured, inset=inset)
        return shape

    def header(self, column: Column, at_risk: bool) -> None:
        """A stage's header: its name (bold) and its barrier count, or the abandonment risk, on a filled box."""
        from pptx.enum.dml import MSO_THEME_COLOR

        layout, w = self.layout, self.words
        size = layout.font_size
        status = f"⚠ {w.abandonment_risk}" if at_risk else f"{w.barriers}: {column.barriers}"
        paras = [
            Para(_stage_name(column, layout), _name_size(column, layout) or size, bold=True, after=0),
            Para(ellipsize(status, column.width - 2 * PAD, size, 1, bold=at_risk), size, bold=at_risk, after=0),
        ]
        box = (column.x, layout.stage_top, column.width, layout.stage_height)
        shape = self.text(box, paras, ("FFFFFF", "FFFFFF"))
        shape.fill.solid()
        if at_risk:
            shape.fill.fore_color.rgb = rgb(RISK)
        else:
            shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
        shape.line.color.rgb = rgb("FFFFFF")

    def lane_title(self, lane: Lane) -> None:
        """A lane's title in the label column, in the theme's accent colour, shortened to the lane's lines if longer."""

        layout = self.layout
        title = _title_text(lane, layout)
        paras = [Para(title, layout.font_size, after=0)]
        legend = _persona_legend(layout, lane, title) if lane.key == "emotions" else []
        paras += [Para(name, layout.font_size, after=0) for name, _ in legend]
        box = (layout.margin, lane.y, layout.label_width, lane.height)
        self.text(box, paras, ["accent1", *(colour for _, colour in legend)], inset=(_TITLE_INSET, PAD))

    def cell(self, left: float, top: float, width: float, height: float, items: Sequence[Item]) -> None:
        """A cell's items, one paragraph each (a touchpoint's channel on its own line); barriers by severity."""
        size = self.layout.font_size
        paras: list[Para] = []
        colours: list[str | None] = []
        for item in items:
            paras.append(Para(item.text, size, after=0))
            colours.append(MUTED if item.kind == "more" else SEVERITY[item.severity] if item.severity else None)
            if item.channel_line is not None:
                paras.append(Para(item.channel_line, size, after=0))
                colours.append(MUTED)
            if item.severity is not None:
                lines = item.line_count * self.layout.line_height
                self.rect(left + 1, item.y, PAD - 2, lines, SEVERITY[item.severity])
        self.text((left, top, width, height), paras, colours)

    def curve(self, lane: Lane, points: Sequence[CurvePoint]) -> None:
        """The neutral line, the curve broken at touchpoints without an emotion, markers and barrier triangles."""
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.enum.shapes import MSO_CONNECTOR
        from pptx.util import Pt

        layout = self.layout
        left, right = layout.columns[0].x, layout.columns[-1].x + layout.columns[-1].width
        zero = layout.score_y(0) + self.dy
        line = self.slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, emu(left + self.dx), emu(zero), emu(right + self.dx), emu(zero)
        )
        line.line.color.rgb = rgb("A6A6A6")
        line.line.width = Pt(0.75)
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        _plain(line)
        personas = layout.personas
        if personas:
            for number, persona in enumerate(personas):
                width = 1.25 + 1.25 * (len(personas) - 1 - number)  # the first widest, under: shared runs show all
                self.line(persona.points, persona.colour[1:], width)
            for persona in personas:
                for point in persona.points:
                    if point.y is not None:
                        self.dot(point.x, point.y, persona.colour[1:], _MARKER - 2)
        else:
            self.line(points, "404040", 1.75)
        for point in points:
            if point.y is not None and point.score is not None and not personas:
                self.dot(point.x, point.y, _EMOTION[max(-2, min(2, round(point.score))) + 2], _MARKER)
            if point.y is not None and point.barriers:
                self.triangle(point.x, point.y, point.barriers, lane.y + lane.height)
            if point.moment_of_truth:
                self.star(point.x, layout.score_y(0) if point.y is None else point.y, lane.y)
        for score, mark in ((2, "+2"), (0, "0"), (-2, "−2")):  # the scale, in the margin right of the curve
            y = layout.score_y(score) - layout.line_height / 2
            para = Para(mark, layout.font_size, after=0)
            self.text((right, y, layout.margin, layout.line_height), [para], (MUTED,), inset=(1, 0))

    def line(self, points: Sequence[CurvePoint], colour: str, width: float) -> None:
        """The curve through ``points`` in ``colour``, broken where a point has no emotion."""
        runs: list[list[tuple[float, float]]] = [[]]
        for point in points:
            if point.y is None:
                runs.append([])
            else:
                runs[-1].append((point.x, point.y))
        for run in runs:
            if len(run) > 1:
                self.polyline(run, colour, width)

    def polyline(self, vertices: Sequence[tuple[float, float]], colour: str, width: float) -> None:
        """An open freeform through ``vertices`` (layout points)."""

        at = [(emu(x + self.dx), emu(y + self.dy)) for x, y in vertices]
        builder = self.slide.shapes.build_freeform(at[0][0], at[0][1], scale=1.0)
        builder.add_line_segments(at[1:], close=False)
        shape = builder.convert_to_shape()
        paint(shape, None, colour, width)

    def dot(self, x: float, y: float, colour: str, size: float) -> None:
        """A dot of ``size`` points centred on (x, y), white-edged."""
        from pptx.enum.shapes import MSO_SHAPE

        dot = self.slide.shapes.add_shape(
            MSO_SHAPE.OVAL, emu(x - size / 2 + self.dx), emu(y - size / 2 + self.dy), emu(size), emu(size)
        )
        paint(dot, colour, "FFFFFF", 0.75)

    def triangle(self, x: float, y: float, barriers: Sequence[str], floor: float) -> None:
        """Under the point (above ``floor``) a triangle sized and coloured by the heaviest barrier."""
        from pptx.enum.shapes import MSO_SHAPE

        worst = max(barriers, key=_ORDER.index)
        side = TRIANGLE[worst]
        top = min(y + _MARKER / 2 + 1, floor - side - 1)  # a low point's triangle stays in the lane
        mark = self.slide.shapes.add_shape(
            MSO_SHAPE.ISOSCELES_TRIANGLE, emu(x - side / 2 + self.dx), emu(top + self.dy), emu(side), emu(side)
        )
        paint(mark, SEVERITY[worst])

    def star(self, x: float, y: float, ceiling: float) -> None:
        """A ★ over the point of a moment of truth (under ``ceiling``, the lane's top)."""
        from pptx.enum.shapes import MSO_SHAPE

        top = max(y - _MARKER / 2 - STAR - 1, ceiling + 1)
        mark = self.slide.shapes.add_shape(
            MSO_SHAPE.STAR_5_POINT, emu(x - STAR / 2 + self.dx), emu(top + self.dy), emu(STAR), emu(STAR)
        )
        paint(mark, MOMENT)

    def legend(self) -> None:
        """The key under the map: the emotion scale, barrier triangles and shading, then the severities' colours."""
        layout, w = self.layout, self.words
        width = layout.width - 2 * layout.margin
        severities = "   ".join(f"▲ {w.severity(value)}" for value in _ORDER)
        moment = f"   {w.moment_mark()}" if any(point.moment_of_truth for point in layout.curve) else ""
        text = ellipsize(f"{w.map_legend}{moment}   {severities}", width - 2 * PAD, layout.font_size, 1)
        paras = [Para(text, layout.font_size, after=0)]
        shape = self.text((layout.margin, self.bottom, width, layout.line_height), paras, (MUTED,), inset=(PAD, 0))
        _colour_severities(shape, [w.severity(value) for value in _ORDER])


def _colour_severities(shape: Any, names: Sequence[str]) -> None:
    """Split the legend's run so that each ``▲ severity`` is written in its severity's colour."""
    paragraph = shape.text_frame.paragraphs[0]
    runs = list(paragraph.runs)
    if len(runs) != 1:
        return
    run = runs[0]
    text = run.text
    marks = [f"▲ {name}" for name in names]
    first = text.find(marks[0])
    if first < 0 or not text.endswith(marks[-1]):
        return
    run.text = text[:first]
    for mark, value in zip(marks, _ORDER, strict=True):
        piece = paragraph.add_run()
        piece.text = mark + ("" if mark == marks[-1] else "   ")
        piece.font.size = run.font.size
        piece.font.color.rgb = rgb(SEVERITY[value])


def _plain(shape: Any) -> None:
    """Drop the theme style of a drawn shape (its shadow and effects); its fill and line are set explicitly."""
    from pptx.oxml.ns import qn

    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
