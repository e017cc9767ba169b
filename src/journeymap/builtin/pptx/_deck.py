"""The deck being built: presentation, template, layouts, drawing helpers, deterministic bytes (private).

Geometry is in points (1 pt = 12,700 EMU). Text is always written at an
explicit size of at least :data:`~._text.MIN_SIZE` with auto-fit off, in
the theme's fonts; fills use theme colours (so a client template restyles
them) except where a colour carries meaning (risk, emotion, coverage).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import attrs

from journeymap._measure import ellipsize, wrap
from journeymap.builtin._zip import redate_zip
from journeymap.builtin.pptx._text import INSET_X, INSET_Y, MIN_SIZE, Para, height
from journeymap.errors import ValidationError
from journeymap.i18n import Labels

if TYPE_CHECKING:
    from pptx.util import Length

Presentation = Any
Slide = Any
SlideLayout = Any
"""python-pptx is only partly typed; its objects are handled as ``Any``."""

__all__ = [
    "EPOCH",
    "Box",
    "Deck",
    "emu",
    "open_deck",
    "rgb",
    "set_properties",
    "title_slide",
    "to_bytes",
    "write_paras",
]

EPOCH = dt.datetime(2000, 1, 1)
"""Document timestamp of a journey without a ``date`` (fixed, so output is byte-identical)."""

EMU = 12700
WIDE = (960.0, 540.0)
"""16:9 slide size in points (13.333 × 7.5 in)."""

MARGIN = 36.0
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)")


@attrs.frozen
class Box:
    """A rectangle on a slide, in points."""

    left: float
    top: float
    width: float
    height: float


def rgb(hex_colour: str) -> Any:
    """A python-pptx colour from ``"RRGGBB"``."""
    from pptx.dml.color import RGBColor

    return cast(Any, RGBColor).from_string(hex_colour)


def emu(points: float) -> Length:
    """Points to EMU."""
    from pptx.util import Emu

    return Emu(round(points * EMU))


@attrs.define
class Deck:
    """A presentation under construction with the journey's labels and the slide geometry."""

    prs: Presentation
    words: Labels
    title_layout: SlideLayout
    content_layout: SlideLayout
    body: Box
    """Where content goes on a content slide (below the title)."""

    def slide(self, title: str, *, page: int = 0, notes: str = "") -> Slide:
        """A content slide titled ``title`` (with "(cont.)" after the first ``page``) and speaker ``notes``."""
        slide = self.prs.slides.add_slide(self.content_layout)
        full = title if page == 0 else f"{title} {self.words.continued}"
        _set_title(slide, full, sizes=(28, 24, 20, 18))
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    def text(self, slide: Slide, box: Box, paras: Sequence[Para], *, fill: Any = None, centre: bool = False) -> Any:
        """A text box at ``box`` holding ``paras`` (wrapped, never auto-fitted)."""
        shape = slide.shapes.add_textbox(emu(box.left), emu(box.top), emu(box.width), emu(box.height))
        write_paras(shape.text_frame, paras, centre=centre)
        if fill is not None:
            shape.fill.solid()
            shape.fill.fore_color.rgb = fill
        return shape

    def table(
        self,
        slide: Slide,
        box: Box,
        widths: Sequence[float],
        header: Sequence[str],
        rows: Sequence[tuple[Sequence[str], float]],
        *,
        size: float,
        header_height: float,
        fills: Sequence[Sequence[Any]] | None = None,
    ) -> Any:
        """A table: a header row, then ``rows`` of (cells, height); ``fills[r][c]`` colours body cells."""
        total = header_height + sum(h for _, h in rows)
        shape = slide.shapes.add_table(
            len(rows) + 1, len(widths), emu(box.left), emu(box.top), emu(sum(widths)), emu(total)
        )
        table = shape.table
        for index, width in enumerate(widths):
            table.columns[index].width = emu(width)
        table.rows[0].height = emu(header_height)
        for column, text in enumerate(header):
            write_paras(table.cell(0, column).text_frame, [Para(text, size, bold=True, after=0)])
        for r, (cells, row_height) in enumerate(rows, start=1):
            table.rows[r].height = emu(row_height)
            for column, text in enumerate(cells):
                cell = table.cell(r, column)
                write_paras(cell.text_frame, [Para(text, size, after=0)])
                colour = fills[r - 1][column] if fills else None
                if colour is not None:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = colour
        return shape


def write_paras(frame: Any, paras: Sequence[Para], *, centre: bool = False) -> None:
    """Fill a text frame with ``paras``: explicit sizes, word wrap on, no auto-fit, default insets."""
    from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = emu(INSET_X)
    frame.margin_top = frame.margin_bottom = emu(INSET_Y)
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_before = Pt(0)
        paragraph.space_after = Pt(para.after)
        paragraph.line_spacing = 1.0
        if centre:
            paragraph.alignment = PP_ALIGN.CENTER
        for number, piece in enumerate(para.text.split("\n")):
            if number:
                paragraph.add_line_break()
            run = paragraph.add_run()
            run.text = piece
            run.font.size = Pt(max(para.size, MIN_SIZE))
            run.font.bold = para.bold


def _set_title(slide: Slide, text: str, sizes: Sequence[float]) -> None:
    """Put ``text`` in the slide's title placeholder at the largest of ``sizes`` that fits, else shortened."""
    title = slide.shapes.title
    if title is None:
        return
    width, box_height = title.width / EMU, title.height / EMU
    for size in sizes:
        para = Para(text, size, bold=False, after=0)
        if height([para], width) <= box_height:
            break
    else:
        size = sizes[-1]
        lines = max(1, int((box_height - 2 * INSET_Y) // (size * 1.25)))
        text = ellipsize(text, width - 2 * INSET_X, size, lines)
    write_paras(title.text_frame, [Para(text, size, after=0)])


def title_slide(deck: Deck, title: str, subtitle: Sequence[str], notes: str) -> Slide:
    """The opening slide: ``title`` in the centre title, ``subtitle`` lines below it."""
    slide = deck.prs.slides.add_slide(deck.title_layout)
    _set_title(slide, title, sizes=(40, 36, 32, 28, 24, 20))
    body = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
    if body is not None:
        width, room = body.width / EMU, body.height / EMU
        paras = [Para(line, 18, after=2) for line in subtitle]
        while paras and height(paras, width) > room:
            size = paras[0].size - 2
            if size < 12:
                paras = paras[:-1]
                size = 12
            paras = [attrs.evolve(p, size=size) for p in paras]
        write_paras(body.text_frame, paras)
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return slide


def open_deck(template: str | Path | None, words: Labels) -> Deck:
    """A new 16:9 deck, or one built on ``template`` (``.pptx``/``.potx``) without its sample slides."""
    import pptx

    if template is None:
        prs = pptx.Presentation()
        _widen(prs)
    else:
        prs = pptx.Presentation(io.BytesIO(_template_bytes(template)))
        _drop_slides(prs)
    title_layout, content_layout = _layouts(prs)
    width = (prs.slide_width or emu(WIDE[0])) / EMU
    height_ = (prs.slide_height or emu(WIDE[1])) / EMU
    probe = prs.slides.add_slide(content_layout)
    title = probe.shapes.title
    top = (title.top + title.height) / EMU + 8 if title is not None else MARGIN
    left = max(MARGIN, title.left / EMU) if title is not None else MARGIN
    _drop_slides(prs)
    body = Box(left, top, width - 2 * left, height_ - top - MARGIN)
    return Deck(prs=prs, words=words, title_layout=title_layout, content_layout=content_layout, body=body)


def _template_bytes(template: str | Path) -> bytes:
    """The template's bytes, a ``.potx`` made loadable by declaring its main part a presentation."""
    path = Path(template)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError.at("options.template", f"cannot read {path}: {error.strerror or error}") from error
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError.at("options.template", f"{path} is not a .pptx or .potx file")
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if _TEMPLATE_TYPE not in types:
        return data
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "[Content_Types].xml":
                content = types.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
            target.writestr(entry, content)
    return fixed.getvalue()


def _drop_slides(prs: Presentation) -> None:
    """Remove every slide (a template's samples): drop each slide id and its relationship."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def _widen(prs: Presentation) -> None:
    """Make python-pptx's default 4:3 deck 16:9, stretching its masters' and layouts' placeholders."""
    old = prs.slide_width
    prs.slide_width, prs.slide_height = emu(WIDE[0]), emu(WIDE[1])
    factor = prs.slide_width / old
    shapes = [s for master in prs.slide_masters for s in (*master.shapes, *_layout_shapes(master))]
    frames = [(shape, shape.left, shape.top, shape.width, shape.height) for shape in shapes]  # before any change
    for shape, left, top, width, height_ in frames:  # every frame explicit: layouts no longer inherit a 4:3 one
        shape.left, shape.top = round(left * factor), top
        shape.width, shape.height = round(width * factor), height_
    title_only = _by_name(prs, "Title Only")
    title = next((p for p in title_only.placeholders if p.placeholder_format.idx == 0), None) if title_only else None
    if title is not None:
        title.left, title.top, title.width, title.height = emu(MARGIN), emu(18), emu(WIDE[0] - 2 * MARGIN), emu(66)


def _layout_shapes(master: Any) -> list[Any]:
    return [shape for layout in master.slide_layouts for shape in layout.shapes]


def _by_name(prs: Presentation, name: str) -> SlideLayout | None:
    return next((layout for layout in prs.slide_layouts if layout.name == name), None)


def _layouts(prs: Presentation) -> tuple[SlideLayout, SlideLayout]:
    """The title-slide layout and the title-only layout (by name, else by their placeholders)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    furniture = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
    layouts = list(prs.slide_layouts)
    if not layouts:
        raise ValidationError.at("options.template", "the template has no slide layouts")

    def kinds(layout: Any) -> set[Any]:
        return {p.placeholder_format.type for p in layout.placeholders} - furniture

    title = _by_name(prs, "Title Slide") or next(
        (layout for layout in layouts if PP_PLACEHOLDER.CENTER_TITLE in kinds(layout)), layouts[0]
    )
    content = _by_name(prs, "Title Only") or next(
        (layout for layout in layouts if kinds(layout) == {PP_PLACEHOLDER.TITLE}),
        next((layout for layout in layouts if PP_PLACEHOLDER.TITLE in kinds(layout)), layouts[-1]),
    )
    return title, content


def set_properties(
    prs: Presentation, *, title: str, subject: str | None, author: str | None, language: str, date: dt.date | None
) -> None:
    """Core properties with fixed timestamps (the journey's date, else :data:`EPOCH`)."""
    moment = dt.datetime.combine(date, dt.time()) if date else EPOCH
    core = prs.core_properties
    core.created = core.modified = core.last_printed = moment
    core.title = title[:255]
    core.subject = (subject or "")[:255]
    core.author = (author or "journeymap")[:255]
    core.last_modified_by = "journeymap"
    core.language = language
    core.revision = 1


def to_bytes(prs: Presentation, moment: dt.datetime) -> bytes:
    """The saved deck with every zip entry dated 1980-01-01 and embedded chart workbooks' dates fixed."""
    raw = io.BytesIO()
    prs.save(raw)
    return _fixed_zip(raw.getvalue(), moment)


def _fixed_zip(data: bytes, moment: dt.datetime) -> bytes:
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def change(name: str, content: bytes) -> bytes:
        if name.endswith(".xlsx"):  # a chart's embedded workbook has dates of its own
            return _fixed_zip(content, moment)
        if name == "docProps/core.xml":
            return _CORE_DATE.sub(lambda m: m.group(1) + stamp + m.group(3), content)
        return content

    return redate_zip(data, change)


def line_count(text: str, width: float, size: float) -> int:
    """Lines ``text`` takes in a frame ``width`` points wide (insets included)."""
    return len(wrap(text, width - 2 * INSET_X, size))
