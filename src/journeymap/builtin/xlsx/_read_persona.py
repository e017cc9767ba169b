"""Reading the Persona sheet back: the persona's, the segment's and the map's facts (private).

The sheet is label–value pairs under section headings. Pairs are matched by
label within their section, so a pair may move; a pair the exporter left out
because it was empty can be added as a new row with its label, and a deleted
pair is an empty value. The journey KPIs are not read (a warning).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from journeymap.builtin.xlsx._book import Grid
from journeymap.builtin.xlsx._draft import Draft
from journeymap.builtin.xlsx._lists import _journey_pairs, _persona_pairs, _segment_pairs
from journeymap.builtin.xlsx._values import CellError, as_date, as_lines, as_text, as_whole, hidden_tail, same
from journeymap.errors import ValidationError, split_path
from journeymap.i18n import Labels

__all__ = ["read_persona"]

Reader = Callable[[Any], Any]


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(as_lines(value))


def _persona_fields(words: Labels) -> dict[str, tuple[str, Reader]]:
    fields: dict[str, tuple[str, Reader]] = {
        words.name: ("name", as_text),
        words.age: ("age", as_text),
        words.gender: ("gender", as_text),
        words.education: ("education", as_text),
        words.occupation: ("occupation", as_text),
        words.income: ("income", as_text),
        words.location: ("location", as_text),
        words.description: ("description", as_text),
        words.quote: ("quote", as_text),
    }
    for label, field in (
        (words.goals, "goals"),
        (words.motivations, "motivations"),
        (words.pains, "pains"),
        (words.interests, "interests"),
        (words.influences, "influences"),
    ):
        fields[label] = (field, _texts)
    return fields


def _segment_fields(words: Labels) -> dict[str, tuple[str, Reader]]:
    fields: dict[str, tuple[str, Reader]] = {
        words.name: ("name", as_text),
        words.description: ("description", as_text),
        words.size: ("size", as_whole),
    }
    for label, field in (
        (words.demographic, "demographic"),
        (words.geographic, "geographic"),
        (words.psychographic, "psychographic"),
        (words.behavioural, "behavioural"),
    ):
        fields[label] = (field, _texts)
    return fields


def _journey_fields(words: Labels) -> dict[str, tuple[str, Reader]]:
    return {
        words.product: ("product", as_text),
        words.client: ("client", as_text),
        words.author: ("author", as_text),
        words.date: ("date", as_date),
        words.description: ("description", as_text),
    }


def read_persona(grid: Grid, draft: Draft) -> None:
    """Apply the Persona sheet to ``draft``."""
    base, words = draft.base, draft.words
    sections: list[tuple[str, list[tuple[str, Any]], dict[str, tuple[str, Reader]], str | None]] = []
    if base.persona is not None:
        sections.append((words.persona, _persona_pairs(base.persona, words), _persona_fields(words), "persona"))
    if base.segment is not None:
        sections.append((words.segment, _segment_pairs(base.segment, words), _segment_fields(words), "segment"))
    sections.append((base.title, _journey_pairs(base, words), _journey_fields(words), None))
    found = _pairs(grid, [title for title, *_ in sections], draft)
    for title, pairs, fields, target in sections:
        owner = getattr(base, target) if target is not None else base
        wrote = dict(pairs)
        actual = found.get(title, {})
        changes: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for label, (value, cell) in actual.items():
            if label == words.kpis:
                if not same(value, wrote.get(label)):
                    draft.warn(cell, "KPIs are not read back from the workbook; change them in the journey file")
                continue
            if label not in fields:
                draft.warn(cell, f"{label!r} is not a fact journeymap writes here; it is not read")
                continue
            if not same(value, wrote.get(label)):
                was = getattr(owner, fields[label][0])
                _read(fields[label], value, (str(wrote.get(label) or ""), was), cell, changes, cells, draft)
        for label, value in wrote.items():
            if label not in actual and value not in (None, "") and label in fields:
                field, _ = fields[label]
                changes[field] = () if fields[label][1] is _texts else None
                cells[field] = f"{grid.name} ({title})"
        if changes:
            _apply(target, changes, cells, draft)


def _pairs(grid: Grid, titles: list[str], draft: Draft) -> dict[str, dict[str, tuple[Any, str]]]:
    """The label–value pairs under each section heading, with the cell of each value."""
    found: dict[str, dict[str, tuple[Any, str]]] = {}
    current: dict[str, tuple[Any, str]] | None = None
    for row in range(1, len(grid.rows) + 1):
        raw, value = grid.value(row, 1), grid.value(row, 2)
        label = as_text(raw)
        if label is None:
            continue
        if raw in titles and value is None and raw not in found:
            current = found.setdefault(raw, {})
        elif current is None:
            draft.warn(grid.where(row, 1), f"{label!r} is above the first section; it is not read")
        else:
            current[label] = (value, grid.where(row, 2))
    return found


def _read(
    spec: tuple[str, Reader],
    value: Any,
    before: tuple[str, Any],
    cell: str,
    changes: dict[str, Any],
    cells: dict[str, str],
    draft: Draft,
) -> None:
    field, reader = spec
    try:
        read = reader(value)
    except CellError as error:
        draft.error(cell, f"{field} {error}")
        return
    wrote, was = before
    if reader is _texts:
        lines, kept = hidden_tail(list(read), draft.words.more)
        _, cut = hidden_tail(wrote.splitlines(), draft.words.more)
        if cut is not None and kept is not None:
            lines = [*lines, *was[len(was) - cut :]]
        elif cut is not None:
            draft.warn(cell, f"the line that stood for {cut} more items was removed; those items are dropped")
        read = tuple(lines)
    changes[field] = read
    cells[field] = cell


def _apply(target: str | None, changes: dict[str, Any], cells: dict[str, str], draft: Draft) -> None:
    """Set the edited facts on the persona, the segment or the journey itself."""
    if target is None:
        for field, value in changes.items():
            draft.journey.set(field, value, cells[field])
        return
    was = getattr(draft.base, target)
    if "name" in changes and changes["name"] is None:
        draft.error(cells["name"], f"{target} name is empty")
        return
    try:
        made = attrs.evolve(was, **changes)
    except ValidationError as error:
        for problem in error.problems:
            parts = split_path(problem.path)
            field = str(parts[0]) if parts else ""
            draft.error(cells.get(field, draft.words.sheet_persona), f"{field} {problem.message}")
        return
    draft.journey.set(target, made, next(iter(cells.values())))
