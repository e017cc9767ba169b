"""Reading the Map sheet back: the title, stage names and phases, and the lanes a stage holds itself (private).

Stage columns are found by the hidden row of stage ids below the lanes (so a
moved column moves its stage), lanes by their labels in column A. A cell that
still shows what the exporter wrote keeps the embedded value; an edited cell
is read one item a line. The lanes drawn from other sheets (touchpoints,
emotion, feeling, barriers) and the KPIs are not read: an edit there is a
warning naming the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap.analysis import score_emotions
from journeymap.builtin.xlsx._book import Grid
from journeymap.builtin.xlsx._draft import Draft, Item
from journeymap.builtin.xlsx._map import FIRST_LANE_ROW, ID_LABEL, _subtitle, map_lanes, thoughts
from journeymap.builtin.xlsx._values import as_lines, as_text, choice, hidden_tail, same
from journeymap.model import Phase, Stage

__all__ = ["read_map"]

_ELSEWHERE = {
    "touchpoints": "the Touchpoints lane is drawn from the Touchpoints sheet; change touchpoints there",
    "emotion": "the Emotion lane is worked out from the touchpoints' emotions on the Touchpoints sheet",
    "feeling": "the Feeling lane is worked out from the touchpoints' emotions on the Touchpoints sheet",
    "barriers": "the Barriers lane is drawn from the Barriers sheet; change barriers there",
    "kpis": "KPIs are not read back from the workbook; change them in the journey file",
}
_LISTS = ("goals", "expectations", "questions", "doing")


def read_map(grid: Grid, draft: Draft) -> None:
    """Apply the Map sheet to ``draft``: stage order, names, phases, the title and the stages' own lanes."""
    columns = _stage_columns(grid, draft)
    if columns is None:
        return
    draft.stage_order = sorted(columns, key=columns.__getitem__)
    base, words = draft.base, draft.words
    if not same(grid.value(1, 1), base.title):
        _required(draft.journey, "title", grid.value(1, 1), grid.where(1, 1), "title", draft)
    if not same(grid.value(2, 1), _subtitle(base, words) or None):
        draft.warn(grid.where(2, 1), "the subtitle is drawn from the Persona sheet; this edit is not read")
    for row, label in ((3, words.stage), (4, words.phase_heading)):
        if as_text(grid.value(row, 1)) != label:
            draft.error(grid.where(row, 1), f"expected {label!r} here; rows above the lanes were moved or deleted")
            return
    phases: dict[str, Phase] = {words.phase(p): p for p in Phase} | {p.value: p for p in Phase}
    for stage_id, column in columns.items():
        item = draft.stages[stage_id]
        stage: Stage = item.base
        if not same(grid.value(3, column), stage.name):
            _required(item, "name", grid.value(3, column), grid.where(3, column), "stage name", draft)
        if not same(grid.value(4, column), words.phase(stage.phase) or None):
            cell = grid.where(4, column)
            ok, phase = draft.parse(cell, "", choice, grid.value(4, column), phases, "phase")
            if ok:
                item.set("phase", phase, cell)
    _lanes(grid, draft, columns, _id_row(grid) or 0)


def _id_row(grid: Grid) -> int | None:
    """The row of stage ids: the last row labelled ``id`` (a custom lane may have that title too)."""
    found = [number for number in range(1, len(grid.rows) + 1) if as_text(grid.value(number, 1)) == ID_LABEL]
    return found[-1] if found else None


def _stage_columns(grid: Grid, draft: Draft) -> dict[str, int] | None:
    """Each stage's column, from the id row; a column without an id, or a stage without a column, is a problem."""
    id_row = _id_row(grid)
    if id_row is None:
        draft.error(grid.name, f"the hidden row of stage ids (labelled {ID_LABEL!r}, below the lanes) is missing")
        return None
    before = len(draft.problems)
    columns: dict[str, int] = {}
    width = max((len(row) for row in grid.rows), default=0)
    for column in range(2, width + 1):
        raw = grid.value(id_row, column)
        stage_id = raw if isinstance(raw, str) else as_text(raw)
        if stage_id is None:
            if any(grid.value(row, column) is not None for row in range(3, id_row)):
                message = "a column without a stage id; stages are added in the journey file, not in the workbook"
                draft.error(grid.where(3, column), message)
        elif stage_id not in draft.stages or stage_id in columns:
            draft.error(grid.where(id_row, column), f"{stage_id!r} is not the id of one stage of the journey")
        else:
            columns[stage_id] = column
    for stage_id in draft.stage_order:
        if stage_id not in columns:
            name = draft.stages[stage_id].base.name
            message = f"stage {name!r} is missing; stages are removed in the journey file, not in the workbook"
            draft.error(grid.name, message)
    return columns if len(draft.problems) == before else None


def _required(item: Item, field: str, value: Any, cell: str, what: str, draft: Draft) -> None:
    text = as_text(value)
    if text is None:
        draft.error(cell, f"{what} is empty")
    else:
        item.set(field, text, cell)


def _lanes(grid: Grid, draft: Draft, columns: dict[str, int], id_row: int) -> None:
    """Each lane row, matched by its label, read for every stage whose cell was edited."""
    base = draft.base
    means = dict(zip((s.id for s in base.stages), (s.mean for s in score_emotions(base).stages), strict=True))
    pending = map_lanes(base, draft.words, means)
    for row in range(FIRST_LANE_ROW, id_row):
        label = grid.value(row, 1)
        lane = next((lane for lane in pending if lane[1] == label), None)
        if lane is None:
            if any(grid.value(row, column) is not None for column in range(1, len(grid.rows[row - 1]) + 1)):
                draft.warn(grid.where(row, 1), f"row {label!r} is not a lane journeymap writes; it is not read")
            continue
        pending.remove(lane)
        key, _, render = lane
        for stage_id, column in columns.items():
            stage = draft.stages[stage_id].base
            wrote = render(stage)
            if not same(grid.value(row, column), wrote if wrote != "" else None):
                _lane(key, stage, grid.value(row, column), str(wrote or ""), grid.where(row, column), draft)
    for key, label, _ in pending:
        draft.warn(grid.name, f"the {label!r} row is missing; {key} kept as they were")


def _lane(key: str, stage: Stage, value: Any, wrote: str, cell: str, draft: Draft) -> None:
    """Read one edited lane cell of ``stage``."""
    item = draft.stages[stage.id]
    if key in _ELSEWHERE:
        draft.warn(cell, f"{_ELSEWHERE[key]}; this edit is not read")
    elif key == "owner":
        item.set("owner", as_text(value), cell)
    elif key in _LISTS:
        item.set(key, tuple(_items(value, getattr(stage, key), wrote, cell, draft)), cell)
    elif key == "thinking":
        _thinking(stage, _items(value, thoughts(stage), wrote, cell, draft), cell, draft)
    elif key == "opportunities":
        every = [*stage.opportunities, *(o for tp in stage.touchpoints for o in tp.opportunities)]
        _opportunities(stage, _items(value, every, wrote, cell, draft), cell, draft)
    elif key.startswith("lane:"):
        lane_id = key[len("lane:") :]
        lanes = dict(item.get("lanes"))
        items = _items(value, lanes.get(lane_id, ()), wrote, cell, draft)
        if items:
            lanes[lane_id] = tuple(items)
        else:
            lanes.pop(lane_id, None)
        item.set("lanes", lanes, cell)


def _items(value: Any, was: Sequence[str], wrote: str, cell: str, draft: Draft) -> list[str]:
    """The items of an edited list cell, with the items a ``… and N more`` line stood for kept at the end."""
    more = draft.words.more
    lines, kept = hidden_tail(as_lines(value), more)
    _, cut = hidden_tail(wrote.splitlines(), more)
    if cut is None:
        return lines
    if kept is None:
        draft.warn(cell, f"the line that stood for {cut} more items was removed; those items are dropped")
        return lines
    return [*lines, *was[len(was) - cut :]]


def _thinking(stage: Stage, lines: list[str], cell: str, draft: Draft) -> None:
    """Thoughts ending in ``(touchpoint name)`` go to that touchpoint of the stage, the rest to the stage."""
    own: list[str] = []
    by_touchpoint: dict[str, list[str]] = {tp.id: [] for tp in stage.touchpoints}
    for line in lines:
        for tp in stage.touchpoints:
            suffix = f" ({tp.name})"
            if line.endswith(suffix) and len(line) > len(suffix):
                by_touchpoint[tp.id].append(line[: -len(suffix)])
                break
        else:
            own.append(line)
    draft.stages[stage.id].set("thinking", tuple(own), cell)
    for tp in stage.touchpoints:
        if tuple(by_touchpoint[tp.id]) != tp.thinking and tp.id in draft.touchpoints:
            draft.touchpoints[tp.id].set("thinking", tuple(by_touchpoint[tp.id]), cell)


def _opportunities(stage: Stage, lines: list[str], cell: str, draft: Draft) -> None:
    """A line that is a touchpoint's opportunity stays that touchpoint's; the other lines are the stage's."""
    rest = list(lines)
    for tp in stage.touchpoints:
        kept = []
        for opportunity in tp.opportunities:
            if opportunity in rest:
                rest.remove(opportunity)
                kept.append(opportunity)
        if tuple(kept) != tp.opportunities and tp.id in draft.touchpoints:
            draft.touchpoints[tp.id].set("opportunities", tuple(kept), cell)
    draft.stages[stage.id].set("opportunities", tuple(rest), cell)
