"""Reading the Touchpoints, Barriers and Actions tables back (private).

Columns are found by their headings (in the workbook's language), rows by the
hidden id column: a row whose cells still show what the exporter wrote keeps
the embedded item as it was; a changed cell sets that one field; a row
without an id is a new item; an id missing from the table is a deleted item.
Sorting and filtering change nothing (every row is read, hidden or not).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import attrs

from journeymap.builtin.xlsx._book import Grid
from journeymap.builtin.xlsx._draft import ActionDraft, BarrierDraft, Draft, Item, TouchpointDraft
from journeymap.builtin.xlsx._lists import ID_HEADING, action_table, barrier_table, touchpoint_table
from journeymap.builtin.xlsx._values import as_date, as_number, as_text, as_whole, choice, evidence, same
from journeymap.errors import ValidationError
from journeymap.model import ActionStatus, Emotion, Severity

__all__ = ["read_actions", "read_barriers", "read_touchpoints"]

D = TypeVar("D", bound=Item)

_SYNTHETIC = re.compile(r"#\d+")

Table = tuple[tuple[str, ...], Iterator[tuple[object, ...]]]


@attrs.define
class _Row:
    """One row of a table being read: its cells by heading, and what the exporter wrote there (None: a new row)."""

    grid: Grid
    number: int
    columns: dict[str, int]
    index: dict[str, int]
    """Each heading's place in the exporter's row."""
    expected: tuple[object, ...] | None
    in_place: bool
    """The columns are where the exporter put them (A, B, C… in heading order)."""

    def value(self, heading: str) -> Any:
        return self.grid.value(self.number, self.columns[heading]) if heading in self.columns else None

    def where(self, heading: str) -> str:
        return self.grid.where(self.number, self.columns.get(heading, 1))

    def untouched(self) -> bool:
        """Whether every cell of a known row still shows what the exporter wrote (the fast path)."""
        expected = self.expected
        if expected is None:
            return False
        values = self.grid.rows[self.number - 1]
        if self.in_place and values[: len(expected)] == expected:
            return True
        for heading, column in self.columns.items():
            value = values[column - 1] if column <= len(values) else None
            wrote = expected[self.index[heading]]
            if value != wrote and not same(self.grid.value(self.number, column), wrote):
                return False
        return True

    def changed(self, heading: str) -> bool:
        """Whether the cell under ``heading`` was edited (every filled cell of a new row counts as edited)."""
        if heading not in self.columns:
            return False
        value = self.value(heading)
        if self.expected is None:
            return value is not None
        return not same(value, self.expected[self.index[heading]])


def table_first(row: _Row) -> str:
    """The heading of the row's first column (where an error about the whole row points)."""
    return next(iter(row.index))


def _columns(grid: Grid, headings: Sequence[str], draft: Draft) -> dict[str, int] | None:
    """Each expected heading's column; a heading not expected is a warning, a missing id column a problem."""
    found: dict[str, int] = {}
    for column, value in enumerate(grid.rows[0] if grid.rows else (), start=1):
        text = value if isinstance(value, str) else as_text(value)  # a heading is matched as written
        if text is None:
            continue
        if text in headings and text not in found:
            found[text] = column
        else:
            draft.warn(grid.where(1, column), f"column {text!r} is not one journeymap writes; it is not read")
    if ID_HEADING not in found:
        message = f"the hidden {ID_HEADING!r} column is missing; rows are matched by it, so put it back (undo)"
        draft.error(f"{grid.name}", message)
        return None
    for heading in headings:
        if heading not in found:
            draft.warn(grid.name, f"column {heading!r} is missing; its values are kept as they were")
    return found


def _rows(
    grid: Grid, table: Table, draft: Draft, known: dict[str, D], make: Callable[[str], D]
) -> Iterator[tuple[_Row, D]]:
    """Each filled row with its item: the known one its id names, or a new one ``make`` builds (a problem: skipped).

    Afterwards, every known item whose id no row holds is removed from ``known`` (deleted rows).
    """
    headings, rows = table
    expected = {str(row[-1]): row for row in rows}
    columns = _columns(grid, headings, draft)
    if columns is None:
        return
    index = {heading: place for place, heading in enumerate(headings)}
    in_place = all(columns.get(heading) == place + 1 for place, heading in enumerate(headings))
    seen: dict[str, int] = {}
    id_column = columns[ID_HEADING]
    for number, values in enumerate(grid.rows[1:], start=2):
        if all(value is None or value == "" for value in values):
            continue
        row = _Row(grid=grid, number=number, columns=columns, index=index, expected=None, in_place=in_place)
        raw = grid.value(number, id_column)
        key = raw if isinstance(raw, str) else as_text(raw)  # an id is matched as written, spaces and all
        if key is not None and key in seen:
            first = grid.where(seen[key], id_column)
            message = f"id {key!r} is also on {first}; a copied row needs its id cell cleared (it is a new item)"
            draft.error(row.where(ID_HEADING), message)
            continue
        if key is not None and key in expected and key in known and known[key].base is not None:
            item = known[key]
            row.expected = expected[key]
        else:
            key = key or f"row {number}"
            item = make(key)
            known[key] = item
        seen[key] = number
        yield row, item
    for key in [k for k, item in known.items() if item.base is not None and k not in seen]:
        del known[key]


def read_touchpoints(grid: Grid, draft: Draft) -> None:
    """Apply the Touchpoints table to ``draft``."""
    words = draft.words
    table = touchpoint_table(draft.base, words)
    headings = table[0]
    personas = draft.base.all_personas()
    per_persona = list(zip(headings[10:-1], personas, strict=False))
    owned = {words.owned: True, words.external: False, "owned": True, "external": False}

    def make(key: str) -> TouchpointDraft:
        item = TouchpointDraft(base=None)
        if not key.startswith("row "):
            item.set("id", key, "")
        return item

    for row, item in _rows(grid, table, draft, draft.touchpoints, make):
        if row.untouched():
            continue
        item.row = row.where(table_first(row))
        if row.changed(words.stage) or item.base is None:
            stage = draft.stage_named(as_text(row.value(words.stage)), row.where(words.stage), item.stage or None)
            if stage is not None:
                item.stage = stage
            elif as_text(row.value(words.stage)) is None:
                draft.error(row.where(words.stage), "stage is empty; every touchpoint is in a stage")
        if row.changed(words.touchpoint) or item.base is None:
            _name(row, item, draft, words.touchpoint, "name", "touchpoint name")
        if row.changed(words.channel):
            item.set("channel", as_text(row.value(words.channel)), row.where(words.channel))
        _read_cell(row, words.owned_or_external, item, "owned", draft, "", choice, owned, "owned")
        if row.changed(words.emotion_heading):
            cell = row.where(words.emotion_heading)
            emotion = _emotion(row.value(words.emotion_heading), item.get("emotion"), cell, draft)
            if emotion is not False:
                item.set("emotion", emotion, cell)
        if row.changed(words.barrier_count) and item.base is not None:
            message = "the number of barriers is counted from the Barriers sheet; this edit is not read"
            draft.warn(row.where(words.barrier_count), message)
        _read_cell(row, words.reach, item, "reach", draft, "reach", as_whole)
        if row.changed(words.moment_of_truth):
            cell = row.where(words.moment_of_truth)
            item.set("moment_of_truth", True if as_text(row.value(words.moment_of_truth)) else None, cell)
        _read_cell(row, words.evidence, item, "evidence", draft, "", evidence, words)
        if row.changed(words.personas):
            _personas(row, item, draft)
        for heading, persona in per_persona:
            if row.changed(heading):
                cell = row.where(heading)
                emotions = dict(item.get("emotions") or {})
                emotion = _emotion(row.value(heading), emotions.get(persona.id), cell, draft)
                if emotion is None:
                    emotions.pop(persona.id, None)
                elif emotion is not False:
                    emotions[persona.id] = emotion
                item.set("emotions", emotions, cell)


def _read_cell(
    row: _Row, heading: str, item: Item, field: str, draft: Draft, what: str, read: Callable[..., Any], *args: Any
) -> None:
    """When the cell under ``heading`` was edited: ``read(value, *args)`` into ``field`` (a problem about ``what``)."""
    if row.changed(heading):
        cell = row.where(heading)
        ok, value = draft.parse(cell, what, read, row.value(heading), *args)
        if ok:
            item.set(field, value, cell)


def _name(row: _Row, item: Item, draft: Draft, heading: str, field: str, what: str) -> None:
    """A required name: an empty cell is a problem."""
    text = as_text(row.value(heading))
    if text is None:
        draft.error(row.where(heading), f"{what} is empty")
    else:
        item.set(field, text, row.where(heading))


def _emotion(value: Any, was: Emotion | None, cell: str, draft: Draft) -> Emotion | bool | None:
    """The emotion a score cell gives (keeping the label, quote and evidence it had); False after a problem."""
    ok, score = draft.parse(cell, "emotion", as_number, value)
    if not ok:
        return False
    if score is None:
        return None
    try:
        return attrs.evolve(was, score=score) if was is not None else Emotion(score=score)
    except ValidationError as error:
        draft.error(cell, f"emotion {error.problems[0].message}")
        return False


def _personas(row: _Row, item: TouchpointDraft, draft: Draft) -> None:
    """The personas cell: names (or ids) separated by commas; ``everyone`` or empty for every persona."""
    words = draft.words
    cell = row.where(words.personas)
    text = as_text(row.value(words.personas))
    if text is None or text.casefold() == words.everyone.casefold():
        item.set("personas", (), cell)
        return
    everyone = draft.base.all_personas()
    ids = []
    for name in (part.strip() for part in text.split(",")):
        found = [p.id for p in everyone if name in (p.name, p.id)]
        if not found:
            known = ", ".join(p.name for p in everyone) or "none"
            draft.error(cell, f"persona {name!r} is not a persona of the journey (personas: {known})")
            return
        ids.append(found[0])
    item.set("personas", tuple(ids), cell)


def read_barriers(grid: Grid, draft: Draft) -> None:
    """Apply the Barriers table to ``draft`` (after the Touchpoints table: a barrier names its touchpoint)."""
    words = draft.words
    severities: dict[str, Severity] = {words.severity(s): s for s in Severity} | {s.value: s for s in Severity}

    def make(key: str) -> BarrierDraft:
        item = BarrierDraft(base=None)
        if not key.startswith("row ") and not _SYNTHETIC.fullmatch(key):
            item.set("id", key, "")
        return item

    for row, item in _rows(grid, barrier_table(draft.base, words), draft, draft.barriers, make):
        _owner(row, item, draft)
        if row.untouched():
            continue
        item.row = row.where(table_first(row))
        if row.changed(words.barrier) or item.base is None:
            _name(row, item, draft, words.barrier, "description", "barrier")
        if row.changed(words.severity_heading):
            cell = row.where(words.severity_heading)
            ok, severity = draft.parse(cell, "", choice, row.value(words.severity_heading), severities, "severity")
            if ok and severity is not None:
                item.set("severity", severity, cell)
            elif ok and item.base is not None:
                draft.error(cell, f"severity is empty (one of: {', '.join(words.severity(s) for s in Severity)})")
        for heading, field in ((words.cause, "cause"), (words.remedy, "remedy")):
            if row.changed(heading):
                item.set(field, as_text(row.value(heading)), row.where(heading))
        _read_cell(row, words.evidence, item, "evidence", draft, "", evidence, words)


def _owner(row: _Row, item: BarrierDraft, draft: Draft) -> None:
    """Whose the barrier is: the stage and touchpoint cells, matched by name (a moved touchpoint takes it along)."""
    words = draft.words
    if item.base is not None and not row.changed(words.stage) and not row.changed(words.touchpoint):
        if item.touchpoint is None:
            return
        owner = draft.touchpoints.get(item.touchpoint)
        if owner is None:
            message = (
                f"touchpoint {as_text(row.value(words.touchpoint))!r} was deleted from the Touchpoints sheet;"
                " delete this barrier's row too, or name another touchpoint"
            )
            draft.error(row.where(words.touchpoint), message)
        else:
            item.stage = owner.stage
        return
    stage = draft.stage_named(as_text(row.value(words.stage)), row.where(words.stage), item.stage or None)
    if stage is None:
        if as_text(row.value(words.stage)) is None:
            draft.error(row.where(words.stage), "stage is empty; every barrier is in a stage")
        return
    name = as_text(row.value(words.touchpoint))
    if name is None:
        item.stage, item.touchpoint = stage, None
        return
    found = [
        key
        for key, tp in draft.touchpoints.items()
        if tp.stage == stage and name in (tp.get("name"), getattr(tp.base, "name", None))
    ]
    if item.touchpoint in found:
        found = [item.touchpoint]
    if len(found) != 1:
        stage_name = draft.stages[stage].get("name")
        why = "is not in" if not found else "is the name of several touchpoints in"
        draft.error(
            row.where(words.touchpoint), f"touchpoint {name!r} {why} stage {stage_name!r} on the Touchpoints sheet"
        )
        return
    item.stage, item.touchpoint = stage, found[0]


def read_actions(grid: Grid, draft: Draft) -> None:
    """Apply the Actions table to ``draft``."""
    words = draft.words
    statuses = {words.status(s): s for s in ActionStatus} | {s.value: s for s in ActionStatus}
    for row, item in _rows(grid, action_table(draft.base, words), draft, draft.actions, lambda _: ActionDraft(None)):
        if row.untouched():
            continue
        item.row = row.where(table_first(row))
        if row.changed(words.action) or item.base is None:
            _name(row, item, draft, words.action, "title", "action")
        if row.changed(words.stage):
            cell = row.where(words.stage)
            name = as_text(row.value(words.stage))
            stage = draft.stage_named(name, cell, item.get("stage"))
            if stage is not None or name is None:
                item.set("stage", stage, cell)
        if row.changed(words.owner):
            item.set("owner", as_text(row.value(words.owner)), row.where(words.owner))
        _read_cell(row, words.due, item, "due", draft, "due", as_date)
        if row.changed(words.status_heading):
            cell = row.where(words.status_heading)
            ok, status = draft.parse(cell, "", choice, row.value(words.status_heading), statuses, "status")
            if ok:
                item.set("status", status or ActionStatus.PLANNED, cell)
        if row.changed(words.description):
            item.set("description", as_text(row.value(words.description)), row.where(words.description))
