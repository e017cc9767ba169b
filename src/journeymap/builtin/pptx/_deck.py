"""The deck being built: presentation, template, layouts, drawing helpers, deterministic bytes (private).

Geometry is in points (1 pt = 12,700 EMU). Text is always written at an
explicit size of at least :data:`~._text.MIN_SIZE` with auto-fit off, in
the theme's fonts; fills use theme colours (so a client template restyles
them) except where a colour carries meaning (risk, emotion, coverage).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Collection, Sequence
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
    "paint",
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
    title_frame: tuple[float, float] | None = None
    """Width and height of a content slide's title (read once: python-pptx looks it up through the layout)."""
    _blank_notes: Any = attrs.field(default=None, init=False)
    """The first notes page's XML before its text, copied for the next ones."""

    def slide(self, title: str, *, page: int = 0, notes: str = "") -> Slide:
        """A content slide titled ``title`` (with "(cont.)" after the first ``page``) and speaker ``notes``."""
        slide = self.prs.slides.add_slide(self.content_layout)
        full = title if page == 0 else f"{title} {self.words.continued}"
        _set_title(slide, full, sizes=(28, 24, 20, 18), frame=self.title_frame)
        if notes:
            self.notes(slide, notes)
        return slide

    def notes(self, slide: Slide, text: str) -> None:
        """Give ``slide`` the speaker notes ``text``.

        The first notes page is python-pptx's (it clones the notes master's
        placeholders, a search per shape); later ones are copies of it before
        its text, related the same way.
        """
        import copy

        from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
        from pptx.parts.slide import NotesSlidePart

        if self._blank_notes is None:
            page = slide.notes_slide
            self._blank_notes = copy.deepcopy(page._element)
        else:
            package = slide.part.package
            part = NotesSlidePart(
                package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                CONTENT_TYPE.PML_NOTES_SLIDE,
                package,
                copy.deepcopy(self._blank_notes),
            )
            part.relate_to(package.presentation_part.notes_master_part, RELATIONSHIP_TYPE.NOTES_MASTER)
            part.relate_to(slide.part, RELATIONSHIP_TYPE.SLIDE)
            slide.part.relate_to(part, RELATIONSHIP_TYPE.NOTES_SLIDE)
            page = part.notes_slide
        page.notes_text_frame.text = text

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
        groups: Collection[int] = (),
        vertical: bool = False,
    ) -> Any:
        """A table: a header row, then ``rows`` of (cells, height); ``fills[r][c]`` colours body cells.

        A row whose index is in ``groups`` is a heading: its first cell, bold,
        spans the table on the theme's quiet colour. ``vertical`` sets the
        header's names from the second column on bottom to top.

        Its rows are written as one XML string (as :func:`write_paras` does for
        text): python-pptx's row-height setter re-adds every row's height each time.
        """
        from pptx.oxml import parse_xml

        total = header_height + sum(h for _, h in rows)
        shape = slide.shapes.add_table(1, len(widths), emu(box.left), emu(box.top), emu(sum(widths)), emu(total))
        grid_xml = "".join(f'<a:gridCol w="{round(w * EMU)}"/>' for w in widths)
        head = [[Para(text, size, bold=True, after=0)] for text in header]
        turned = [vertical and c > 0 for c in range(len(head))]
        lines = [_row_xml(head, header_height, [None] * len(head), turned)]
        for r, (cells, row_height) in enumerate(rows):
            if r in groups:
                lines.append(_heading_row_xml(Para(cells[0], size, bold=True, after=0), len(widths), row_height))
                continue
            colours = fills[r] if fills else [None] * len(cells)
            lines.append(_row_xml([[Para(text, size, after=0)] for text in cells], row_height, colours))
        table = shape._element.graphic.graphicData.tbl
        for old in table.findall(_A + "tr"):
            table.remove(old)
        grid = table.find(_A + "tblGrid")
        grid.getparent().replace(grid, parse_xml(f'<a:tblGrid xmlns:a="{_A_NS}">{grid_xml}</a:tblGrid>'))
        table.extend(list(parse_xml(f'<a:tbl xmlns:a="{_A_NS}">{"".join(lines)}</a:tbl>')))
        return shape


def _row_xml(
    cells: Sequence[Sequence[Para]], row_height: float, colours: Sequence[Any], turned: Sequence[bool] = ()
) -> str:
    """One ``a:tr`` ``row_height`` points high, cell ``c`` holding ``cells[c]`` and filled with ``colours[c]``
    (its text bottom to top when ``turned[c]``)."""
    parts = []
    for c, (paras, colour) in enumerate(zip(cells, colours, strict=True)):
        text = "".join(_paragraph_xml(para, False) for para in paras) or "<a:p/>"
        fill = _fill_xml(str(colour)) if colour is not None else ""
        look = ' vert="vert270" anchor="b"' if c < len(turned) and turned[c] else ""
        parts.append(
            f'<a:tc><a:txBody><a:bodyPr wrap="square"><a:noAutofit/></a:bodyPr><a:lstStyle/>{text}</a:txBody>'
            f"<a:tcPr{look}>{fill}</a:tcPr></a:tc>"
        )
    return f'<a:tr h="{round(row_height * EMU)}">{"".join(parts)}</a:tr>'


def _heading_row_xml(para: Para, count: int, row_height: float) -> str:
    """An ``a:tr`` whose one cell, holding ``para`` on the theme's quiet colour, spans ``count`` columns."""
    body = '<a:txBody><a:bodyPr wrap="square"><a:noAutofit/></a:bodyPr><a:lstStyle/>{}</a:txBody>'
    text = body.format(_paragraph_xml(para, False))
    first = f'<a:tc gridSpan="{count}">{text}<a:tcPr>{_fill_xml("bg2")}</a:tcPr></a:tc>'
    empty = f'<a:p><a:endParaRPr sz="{round(para.size * 100)}"/></a:p>'
    merged = f'<a:tc hMerge="1">{body.format(empty)}<a:tcPr/></a:tc>' * (count - 1)
    return f'<a:tr h="{round(row_height * EMU)}">{first}{merged}</a:tr>'


def write_paras(
    frame: Any, paras: Sequence[Para], *, centre: bool = False, inset: tuple[float, float] = (INSET_X, INSET_Y)
) -> None:
    """Fill a text frame with ``paras``: explicit sizes, word wrap on, no auto-fit, ``inset`` (x, y) points.

    The paragraphs are written as one XML string parsed once: python-pptx's
    per-paragraph property setters cost a search of the element's children
    each, and were half the time of building a deck.
    """
    from pptx.oxml import parse_xml

    body = frame._txBody
    properties = body.find(_A + "bodyPr")
    properties.set("wrap", "square")
    for name, value in (("lIns", inset[0]), ("rIns", inset[0]), ("tIns", inset[1]), ("bIns", inset[1])):
        properties.set(name, str(round(value * EMU)))
    for child in [c for c in properties if c.tag in _AUTOFIT]:
        properties.remove(child)
    warp = len(properties) > 0 and properties[0].tag == _A + "prstTxWarp"
    properties.insert(1 if warp else 0, parse_xml(f'<a:noAutofit xmlns:a="{_A_NS}"/>'))
    for old in body.findall(_A + "p"):
        body.remove(old)
    xml = "".join(_paragraph_xml(para, centre) for para in paras) or "<a:p/>"
    body.extend(list(parse_xml(f'<a:txBody xmlns:a="{_A_NS}">{xml}</a:txBody>')))


_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_A = "{" + _A_NS + "}"
_AUTOFIT = {_A + "noAutofit", _A + "normAutofit", _A + "spAutoFit"}
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


def paint(shape: Any, fill: str | None, line: str | None = None, width: float = 0.75) -> None:
    """Give a drawn shape a solid ``fill`` and a ``width``-point ``line`` (``None``: none) without its theme style.

    Colours as in :attr:`Para.colour`. Written as one XML string, like the text.
    """
    from pptx.oxml import parse_xml

    element = shape._element
    style = element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}style")
    if style is not None:
        element.remove(style)
    properties = element.spPr
    for old in [c for c in properties if c.tag in _SHAPE_LOOK]:
        properties.remove(old)
    body = _fill_xml(fill) or "<a:noFill/>"
    outline = _fill_xml(line) or "<a:noFill/>"
    body += f'<a:ln w="{round(width * EMU)}">{outline}</a:ln>' if line else f"<a:ln>{outline}</a:ln>"
    properties.extend(list(parse_xml(f'<a:spPr xmlns:a="{_A_NS}">{body}</a:spPr>')))


_SHAPE_LOOK = {_A + n for n in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "ln")}


def _fill_xml(colour: str | None) -> str:
    """``a:solidFill`` of ``"RRGGBB"`` or of a theme colour role (``"accent1"``); empty for ``None``."""
    if colour is None:
        return ""
    if _HEX.fullmatch(colour):
        return f'<a:solidFill><a:srgbClr val="{colour.upper()}"/></a:solidFill>'
    return f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'


def _escaped(text: str) -> str:
    """``text`` safe inside ``a:t``: markup escaped, control characters as ``_xHHHH_`` (as python-pptx does)."""
    from xml.sax.saxutils import escape

    return escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text))


def _paragraph_xml(para: Para, centre: bool) -> str:
    """One ``a:p``: single line spacing, no space before, ``para.after`` after, runs split at line breaks."""
    size = round(max(para.size, MIN_SIZE) * 100)
    font = f'<a:rPr sz="{size}" b="{int(para.bold)}">{_fill_xml(para.colour)}</a:rPr>'
    runs = "".join(
        (f"<a:br>{font}</a:br>" if number else "") + f"<a:r>{font}<a:t>{_escaped(piece)}</a:t></a:r>"
        for number, piece in enumerate(para.text.split("\n"))
        if piece or number
    )  # no run for an empty text: LibreOffice would set an empty run at 18 pt whatever its size
    align = ' algn="ctr"' if centre else ""
    spacing = '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="0"/></a:spcBef>'
    after = f'<a:spcAft><a:spcPts val="{round(para.after * 100)}"/></a:spcAft>'
    end = f'<a:endParaRPr sz="{size}"/>'  # the size of an empty paragraph (an empty cell)
    return f"<a:p><a:pPr{align}>{spacing}{after}</a:pPr>{runs}{end}</a:p>"


def _set_title(slide: Slide, text: str, sizes: Sequence[float], frame: tuple[float, float] | None = None) -> None:
    """Put ``text`` in the slide's title placeholder (``frame`` points, else its own) at the largest of ``sizes``
    that fits, else shortened."""
    title = slide.shapes.title
    if title is None:
        return
    width, box_height = frame or (title.width / EMU, title.height / EMU)
    for size in sizes:
        para = Para(text, size, bold=False, after=0)
        if height([para], width) <= box_height:
            break
    else:
        size = sizes[-1]
        lines = max(1, int((box_height - 2 * INSET_Y) // (size * 1.25)))
        text = ellipsize(text, width - 2 * INSET_X, size, lines)
    write_paras(title.text_frame, [Para(text, size, after=0)])


def title_slide(deck: Deck, title: str, subtitle: Sequence[Para], notes: str) -> Slide:
    """The opening slide: ``title`` in the centre title, the ``subtitle`` paragraphs below it.

    When the paragraphs do not fit, all shrink by 2 pt a step (none below
    12 pt), then the last ones are left out.
    """
    slide = deck.prs.slides.add_slide(deck.title_layout)
    _set_title(slide, title, sizes=(40, 36, 32, 28, 24, 20))
    body = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
    if body is not None:
        width, room = body.width / EMU, body.height / EMU
        paras = list(subtitle)
        while paras and height(paras, width) > room:
            if min(p.size for p in paras) - 2 < 12:
                paras = paras[:-1]
            else:
                paras = [attrs.evolve(p, size=p.size - 2) for p in paras]
        write_paras(body.text_frame, paras)
    if notes:
        deck.notes(slide, notes)
    return slide


def open_deck(template: str | Path | None, words: Labels) -> Deck:
    """A new 16:9 deck, or one built on ``template`` (``.pptx``/``.potx``) without its sample slides."""
    import pptx

    if template is None:
        prs = pptx.Presentation(io.BytesIO(_wide_default()))
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
    frame = (title.width / EMU, title.height / EMU) if title is not None else None
    _drop_slides(prs)
    package: Any = prs.part.package
    package.next_partname = _PartNames(package)
    body = Box(left, top, width - 2 * left, height_ - top - MARGIN)
    return Deck(
        prs=prs, words=words, title_layout=title_layout, content_layout=content_layout, body=body, title_frame=frame
    )


class _PartNames:
    """A package's ``next_partname`` that scans the package once per name pattern, then counts.

    python-pptx's own walks every relationship of the package on each call, so
    adding a notes slide (or a chart) to each of n slides cost n² and was a
    quarter of the time of building a 50-stage deck. Same names as python-pptx
    gives: one more than the number taken, else the highest free one below.
    """

    def __init__(self, package: Any) -> None:
        self._package = package
        self._taken: dict[str, set[str]] = {}

    def __call__(self, template: str) -> Any:
        from pptx.opc.packuri import PackURI

        taken = self._taken.get(template)
        if taken is None:
            prefix = template[: (template % 42).find("42")]
            taken = {str(p.partname) for p in self._package.iter_parts() if p.partname.startswith(prefix)}
            self._taken[template] = taken
        name = next(template % n for n in range(len(taken) + 1, 0, -1) if template % n not in taken)
        taken.add(name)
        return PackURI(name)


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


@functools.cache
def _wide_default() -> bytes:
    """python-pptx's default template made 16:9 by :func:`_widen`, saved once per process."""
    import pptx

    prs = pptx.Presentation()
    _widen(prs)
    stream = io.BytesIO()
    prs.save(stream)
    return stream.getvalue()


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
