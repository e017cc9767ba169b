"""The list sheets of the Excel workbook: Touchpoints, Barriers, Persona, Actions (private)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from journeymap.builtin.xlsx._cells import bullets, cell, cells, put
from journeymap.builtin.xlsx._map import MOMENT_OF_TRUTH
from journeymap.builtin.xlsx._style import HEADER_FILL, landscape, line_height
from journeymap.i18n import Labels
from journeymap.model import Barrier, Emotion, Evidence, Journey, Persona, Segment, Severity, Stage, Touchpoint

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "ID_HEADING",
    "action_table",
    "barrier_keys",
    "barrier_table",
    "evidence_text",
    "journey_barriers",
    "touchpoint_table",
    "write_actions",
    "write_barriers",
    "write_persona",
    "write_touchpoints",
]

STATUS_ROWS_AHEAD = 200
"""Empty rows below the action plan that still offer the status drop-down."""


ID_HEADING = "id"
"""Heading of the hidden id column ending the Touchpoints, Barriers and Actions tables (the same in every language)."""


def touchpoint_table(journey: Journey, words: Labels) -> tuple[tuple[str, ...], Iterator[tuple[object, ...]]]:
    """The headings and rows of the Touchpoints table, the touchpoint's id last (the reader compares with them)."""
    personas = journey.all_personas()
    names = {persona.id: persona.name for persona in personas}
    everyone = words.everyone if len(personas) > 1 else None
    per_persona = personas if any(tp.emotions for _, tp in journey.touchpoints()) else ()
    headings = (
        words.stage,
        words.touchpoint,
        words.channel,
        words.owned_or_external,
        words.emotion_heading,
        words.barrier_count,
        words.reach,
        words.moment_of_truth,
        words.evidence,
        words.personas,
        *_persona_headings(per_persona, words),
        ID_HEADING,
    )
    owned = {True: words.owned, False: words.external, None: None}
    rows = (
        (
            stage.name,
            tp.name,
            tp.channel,
            owned[tp.owned],
            tp.emotion.score if tp.emotion is not None else None,
            len(tp.barriers),
            tp.reach,
            MOMENT_OF_TRUTH if tp.moment_of_truth else None,
            evidence_text(tp.evidence, words),
            ", ".join(names.get(p, p) for p in tp.personas) if tp.personas else everyone,
            *(_score(tp.emotion_for(persona.id)) for persona in per_persona),
            tp.id,
        )
        for stage, tp in journey.touchpoints()
    )
    return headings, rows


def write_touchpoints(sheet: Worksheet, journey: Journey, words: Labels) -> None:
    """One row per touchpoint, as an Excel table with filters.

    After the first seven columns: moment of truth (★), evidence, the personas
    the touchpoint is for, and, when some touchpoint has per-persona emotions,
    one emotion column per persona of the journey; last the hidden id column.
    """
    headings, rows = touchpoint_table(journey, words)
    least = (34, 44, 16, 16, 12, 12, 12, 8, 28, 24, *(12 for _ in headings[10:-1]), 12)
    widths = [
        max(width, len(heading) + 3) if index > 6 else width
        for index, (width, heading) in enumerate(zip(least, headings, strict=True))
    ]
    _table(sheet, "Touchpoints", headings, rows, widths=widths)


def _persona_headings(personas: Sequence[Persona], words: Labels) -> list[str]:
    """``Emotion: <name>`` per persona; a name two personas share gets the id too (table headings are unique)."""
    counts = Counter(persona.name for persona in personas)
    return [f"{words.emotion_heading}: {p.name}" + (f" ({p.id})" if counts[p.name] > 1 else "") for p in personas]


def _score(emotion: Emotion | None) -> float | None:
    return emotion.score if emotion is not None else None


def evidence_text(evidence: Evidence | None, words: Labels) -> str | None:
    """How something is known, e.g. ``observed: 12 interviews``; None when not said.

    >>> from journeymap import Evidence
    >>> from journeymap.i18n import labels
    >>> evidence_text(Evidence(kind="measured", source="analytics"), labels("ro"))
    'măsurat: analytics'
    """
    if evidence is None:
        return None
    kind = words.evidence_kind(evidence.kind)
    return f"{kind}: {evidence.source}" if evidence.source else kind


def barrier_keys(journey: Journey) -> list[str]:
    """What the id column holds for each barrier, in table order: its ``id``, else ``#N`` (the N-th barrier, from 1).

    An id a barrier before it already took, or one that looks like ``#N``, gives way to ``#N``: keys are unique.

    >>> from journeymap import Barrier, Journey, Stage
    >>> barrier_keys(Journey(title="t", stages=[Stage(name="A", barriers=[Barrier(description="x", id="b"), "y"])]))
    ['b', '#2']
    """
    keys: list[str] = []
    taken: set[str] = set()
    for number, (_, _, barrier) in enumerate(journey_barriers(journey), start=1):
        own = barrier.id
        key = own if own and own not in taken and not (own.startswith("#") and own[1:].isdigit()) else f"#{number}"
        taken.add(key)
        keys.append(key)
    return keys


def journey_barriers(journey: Journey) -> Iterator[tuple[Stage, Touchpoint | None, Barrier]]:
    """Every barrier in table order: per stage, its touchpoints' barriers, then the stage's own."""
    for stage in journey.stages:
        for tp in stage.touchpoints:
            for barrier in tp.barriers:
                yield stage, tp, barrier
        for barrier in stage.barriers:
            yield stage, None, barrier


def barrier_table(journey: Journey, words: Labels) -> tuple[tuple[str, ...], Iterator[tuple[object, ...]]]:
    """The headings and rows of the Barriers table, the barrier's key (:func:`barrier_keys`) last."""
    headings = (
        words.stage,
        words.touchpoint,
        words.barrier,
        words.severity_heading,
        words.cause,
        words.remedy,
        words.evidence,
        ID_HEADING,
    )
    rows = (
        (
            stage.name,
            tp.name if tp is not None else None,
            barrier.description,
            words.severity(barrier.severity),
            barrier.cause,
            barrier.remedy,
            evidence_text(barrier.evidence, words),
            key,
        )
        for key, (stage, tp, barrier) in zip(barrier_keys(journey), journey_barriers(journey), strict=True)
    )
    return headings, rows


def write_barriers(sheet: Worksheet, journey: Journey, words: Labels) -> None:
    """One row per barrier (touchpoint barriers, then the stage's own), severity highlighted."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill

    headings, rows = barrier_table(journey, words)
    last = _table(sheet, "Barriers", headings, rows, widths=(22, 28, 44, 14, 32, 32, 28, 12), wrap=True)
    for severity, fill, bold in ((Severity.CRITICAL, "FFC7CE", True), (Severity.MAJOR, "FFEB9C", False)):
        sheet.conditional_formatting.add(
            f"D2:D{last}",
            CellIsRule(
                operator="equal",
                formula=[_quoted(words.severity(severity))],
                fill=PatternFill("solid", bgColor=fill),
                font=Font(bold=bold, color="9C0006" if bold else "9C5700"),
            ),
        )


Pairs = list[tuple[str, str | int | None]]
"""Label–value pairs of one section of the Persona sheet; an empty value is left out."""


def write_persona(sheet: Worksheet, journey: Journey, words: Labels) -> None:
    """The persona, the segment and the map's own facts as label–value pairs."""
    sections: list[tuple[str, Pairs]] = []
    if journey.persona is not None:
        sections.append((words.persona, _persona_pairs(journey.persona, words)))
    if journey.segment is not None:
        sections.append((words.segment, _segment_pairs(journey.segment, words)))
    sections.append((journey.title, _journey_pairs(journey, words)))
    _write_sections(sheet, sections)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 80
    landscape(sheet)


def _persona_pairs(persona: Persona, words: Labels) -> Pairs:
    return [
        (words.name, persona.name),
        *words.persona_facts(persona),
        (words.description, persona.description),
        (words.goals, _list(persona.goals, words)),
        (words.motivations, _list(persona.motivations, words)),
        (words.pains, _list(persona.pains, words)),
        (words.interests, _list(persona.interests, words)),
        (words.influences, _list(persona.influences, words)),
        (words.quote, persona.quote),
    ]


def _segment_pairs(segment: Segment, words: Labels) -> Pairs:
    return [
        (words.name, segment.name),
        (words.description, segment.description),
        (words.demographic, _list(segment.demographic, words)),
        (words.geographic, _list(segment.geographic, words)),
        (words.psychographic, _list(segment.psychographic, words)),
        (words.behavioural, _list(segment.behavioural, words)),
        (words.size, segment.size),
    ]


def _journey_pairs(journey: Journey, words: Labels) -> Pairs:
    return [
        (words.product, journey.product),
        (words.client, journey.client),
        (words.author, journey.author),
        (words.date, journey.date.isoformat() if journey.date else None),
        (words.description, journey.description),
        (
            words.kpis,
            _list([_kpi_line(k.name, k.actual, k.target, k.unit, words) for k in journey.kpis], words),
        ),
    ]


def _write_sections(sheet: Worksheet, sections: Sequence[tuple[str, Pairs]]) -> None:
    """Each section as a heading row across both columns, its non-empty pairs below, a blank row after it."""
    from openpyxl.styles import Alignment, Font, PatternFill

    heading_font = Font(bold=True, color="FFFFFF")
    heading_fill = PatternFill("solid", fgColor=HEADER_FILL)
    top = Alignment(vertical="top", wrap_text=True)
    row = 1
    for title, pairs in sections:
        for column in (1, 2):
            put(sheet, row, column, title if column == 1 else None).fill = heading_fill
        sheet.cell(row=row, column=1).font = heading_font
        row += 1
        for label, value in pairs:
            if value is None or value == "":
                continue
            put(sheet, row, 1, label).font = Font(bold=True)
            put(sheet, row, 2, value).alignment = top
            sheet.cell(row=row, column=1).alignment = top
            if isinstance(value, str):
                sheet.row_dimensions[row].height = line_height(value, 80)
            row += 1
        row += 1


def action_table(journey: Journey, words: Labels) -> tuple[tuple[str, ...], Iterator[tuple[object, ...]]]:
    """The headings and rows of the Actions table; the id column holds ``#N``, the action's place in the plan (1…)."""
    headings = (words.action, words.stage, words.owner, words.due, words.status_heading, words.description, ID_HEADING)
    names = {stage.id: stage.name for stage in journey.stages}
    rows = (
        (
            action.title,
            names.get(action.stage) if action.stage else None,
            action.owner,
            action.due,
            words.status(action.status),
            action.description,
            f"#{number}",
        )
        for number, action in enumerate(journey.actions, start=1)
    )
    return headings, rows


def write_actions(sheet: Worksheet, journey: Journey, words: Labels) -> None:
    """The action plan as a table; the status column is a drop-down list of the status labels."""
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.datavalidation import DataValidation

    headings, rows = action_table(journey, words)
    last = _table(sheet, "Actions", headings, rows, widths=(40, 22, 20, 12, 16, 48, 12), wrap=True)
    top = Alignment(vertical="top")
    for row in range(2, last + 1):
        due = sheet.cell(row=row, column=4)
        due.number_format, due.alignment = "yyyy-mm-dd", top
    choices = ",".join(words.statuses())
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showDropDown=False)
    validation.error = ", ".join(words.statuses())
    validation.errorTitle = words.status_heading
    validation.showErrorMessage = True
    validation.add(f"E2:E{last + STATUS_ROWS_AHEAD}")
    sheet.add_data_validation(validation)


def _table(
    sheet: Worksheet,
    name: str,
    headings: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float],
    wrap: bool = False,
) -> int:
    """Write a header row and ``rows`` as an Excel table called ``name``; return the last row of the table."""
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    sheet.append([cell(sheet, heading) for heading in headings])
    top = Alignment(vertical="top", wrap_text=True)
    last = 1
    make = cells(sheet)
    with_id = headings[-1] == ID_HEADING
    for values in rows:
        # openpyxl makes a cell for every None it is given: the id goes in by itself, after the trimmed row
        row = make(_trimmed(values[:-1] if with_id else values))
        last += 1
        if wrap:  # spreadsheet programs do not grow rows to wrapped text on opening: give each its height
            height = 0.0
            for made, width in zip(row, widths, strict=False):
                if isinstance(made, Cell):
                    made.alignment = top
                    height = max(height, line_height(made.value, width))
            sheet.row_dimensions[last].height = height
        sheet.append(row)
        if with_id:
            put(sheet, last, len(headings), values[-1])
    last = max(last, 2)  # a table needs a data row, even an empty one
    end = get_column_letter(len(headings))
    table = Table(displayName=name, ref=f"A1:{end}{last}")
    table.tableColumns = [TableColumn(id=index, name=heading) for index, heading in enumerate(headings, start=1)]
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if headings[-1] == ID_HEADING:
        sheet.column_dimensions[end].hidden = True
    sheet.freeze_panes = "A2"
    landscape(sheet, title_rows="1:1")
    return last


def _trimmed(values: Sequence[object]) -> Sequence[object]:
    """``values`` without its trailing Nones: openpyxl makes a cell even for None, and empty columns are many."""
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values if end == len(values) else values[:end]


def _quoted(label: str) -> str:
    """``label`` as an Excel string literal for a formula."""
    return '"' + label.replace('"', '""') + '"'


def _list(items: Sequence[str], words: Labels) -> str | None:
    return bullets(items, more=words.more, limit=100) if items else None


def _kpi_line(name: str, actual: float | None, target: float | None, unit: str | None, words: Labels) -> str:
    suffix = f" {unit}" if unit else ""
    figures = [
        f"{label} {value:g}{suffix}"
        for label, value in ((words.actual, actual), (words.target, target))
        if value is not None
    ]
    return f"{name}: {', '.join(figures)}" if figures else name
