"""The journey being read back: the embedded journey with the workbook's edits on top, matched by id (private).

Each sheet's reader records its edits here — field values by stage,
touchpoint, barrier and action, with the cell each came from — and the
problems and warnings it met. :meth:`Draft.build` makes the journey, and a
value the model refuses is reported at the cell it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from journeymap.builtin.xlsx._lists import barrier_keys, journey_barriers
from journeymap.builtin.xlsx._values import CellError
from journeymap.errors import Problem, ValidationError, split_path
from journeymap.i18n import Labels
from journeymap.model import Action, Barrier, Journey, Stage, Touchpoint

__all__ = ["ActionDraft", "BarrierDraft", "Draft", "Item", "TouchpointDraft"]

T = TypeVar("T")

_NOTHING: dict[str, Any] = {}
"""The edits of an item not edited (never written to: :meth:`Item.set` gives the item its own dicts)."""


@attrs.define
class Item:
    """One stage, touchpoint, barrier or action: what it was (None for a new row) and the fields edited."""

    base: Any
    fields: dict[str, Any] = attrs.field(factory=dict)
    """The edited fields by name (one dict shared by every unedited item: :meth:`set` makes each its own)."""
    cells: dict[str, str] = attrs.field(factory=dict)
    """The cell each edited field came from (for errors), by field name."""
    row: str | None = None
    """The cell that names the row (its id or first cell), for errors about the whole item."""

    def set(self, field: str, value: Any, cell: str) -> None:
        """Record an edit of ``field`` read from ``cell``."""
        if self.fields is _NOTHING:
            self.fields, self.cells = {}, {}
        self.fields[field] = value
        self.cells[field] = cell

    def get(self, field: str) -> Any:
        """The field's value: the edit, else what it was."""
        return self.fields[field] if field in self.fields else getattr(self.base, field, None)


@attrs.define
class TouchpointDraft(Item):
    """A touchpoint and the stage it is in now."""

    stage: str = ""


@attrs.define
class BarrierDraft(Item):
    """A barrier and whose it is now: a stage id and a touchpoint key (None: the stage's own barrier)."""

    stage: str = ""
    touchpoint: str | None = None


@attrs.define
class ActionDraft(Item):
    """An action of the plan."""


@attrs.define
class Draft:
    """The embedded journey ``base`` and every edit the sheets make to it."""

    base: Journey
    words: Labels
    problems: list[Problem] = attrs.Factory(list)
    warnings: list[str] = attrs.Factory(list)
    journey: Item = attrs.field(init=False)
    stages: dict[str, Item] = attrs.field(init=False)
    stage_order: list[str] = attrs.field(init=False)
    touchpoints: dict[str, TouchpointDraft] = attrs.field(init=False)
    barriers: dict[str, BarrierDraft] = attrs.field(init=False)
    actions: dict[str, ActionDraft] = attrs.field(init=False)
    _owner_cache: dict[str, tuple[str, str | None]] | None = attrs.field(init=False, default=None)
    _tp_stage_cache: dict[str, str] | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        base = self.base
        self.journey = Item(base=base)
        self.stages = {stage.id: Item(base=stage) for stage in base.stages}
        self.stage_order = [stage.id for stage in base.stages]
        self.touchpoints = {
            tp.id: TouchpointDraft(base=tp, fields=_NOTHING, cells=_NOTHING, stage=stage.id)
            for stage, tp in base.touchpoints()
        }
        self.barriers = {
            key: BarrierDraft(
                base=barrier,
                fields=_NOTHING,
                cells=_NOTHING,
                stage=stage.id,
                touchpoint=tp.id if tp is not None else None,
            )
            for key, (stage, tp, barrier) in zip(barrier_keys(base), journey_barriers(base), strict=True)
        }
        self.actions = {f"#{number}": ActionDraft(base=action) for number, action in enumerate(base.actions, start=1)}

    def error(self, cell: str, message: str) -> None:
        """A problem at ``cell`` (``Touchpoints!C14``): the journey is not read."""
        self.problems.append(Problem(message=message, path=cell))

    def warn(self, cell: str, message: str) -> None:
        """A warning at ``cell``: something in the workbook is not read back."""
        self.warnings.append(f"{cell}: {message}")

    def parse(self, cell: str, what: str, read: Callable[..., T | None], *args: Any) -> tuple[bool, T | None]:
        """``read(*args)``; a :class:`CellError` becomes a problem at ``cell`` about ``what``. Returns (ok, value)."""
        try:
            return True, read(*args)
        except CellError as error:
            self.error(cell, f"{what} {error}" if what else str(error))
            return False, None

    def stage_named(self, name: str | None, cell: str, current: str | None = None) -> str | None:
        """The id of the stage called ``name`` (its name now or as written); ``current`` wins a tie.

        A name no stage has, or that two stages share, is a problem at ``cell``.
        """
        if name is None:
            return None
        found = [sid for sid in self.stage_order if name in (self.stages[sid].get("name"), self.stages[sid].base.name)]
        if current in found:
            return current
        if len(found) == 1:
            return found[0]
        names = ", ".join(repr(self.stages[sid].get("name")) for sid in self.stage_order)
        why = "is not a stage of the Map" if not found else "is the name of several stages; rename one on the Map"
        self.error(cell, f"stage {name!r} {why} (stages: {names})")
        return None

    def build(self) -> Journey:
        """The journey with every edit applied (call when :attr:`problems` is empty)."""
        changed = self._changed()
        if not changed:
            return self.base
        groups: dict[tuple[str, str | None], list[BarrierDraft]] = {}
        for barrier in self.barriers.values():
            owner = ("", barrier.touchpoint) if barrier.touchpoint is not None else (barrier.stage, None)
            groups.setdefault(owner, []).append(barrier)
        stages = [self._stage(sid, groups) for sid in self.stage_order]
        actions = _present(self._make(Action, draft) for draft in self.actions.values())
        if self.problems:
            raise ValidationError(self.problems)
        fields = dict(self.journey.fields)
        try:
            return attrs.evolve(self.base, **fields, stages=stages, actions=actions)
        except ValidationError as error:
            raise ValidationError([self._at(self.journey, problem) for problem in error.problems]) from None

    def _changed(self) -> bool:
        items: list[Item] = [self.journey, *self.stages.values(), *self.touchpoints.values()]
        items += [*self.barriers.values(), *self.actions.values()]
        if any(item.fields or item.base is None for item in items):
            return True
        base = self.base
        return (
            self.stage_order != [stage.id for stage in base.stages]
            or len(self.touchpoints) != sum(len(stage.touchpoints) for stage in base.stages)
            or any(getattr(self.touchpoints.get(tp.id), "stage", None) != stage.id for stage, tp in base.touchpoints())
            or len(self.barriers) != sum(1 for _ in journey_barriers(base))
            or len(self.actions) != len(base.actions)
            or any(
                self._owners().get(key, (draft.stage, draft.touchpoint)) != (draft.stage, draft.touchpoint)
                for key, draft in self.barriers.items()
            )
        )

    def _owners(self) -> dict[str, tuple[str, str | None]]:
        """Whose each barrier of the embedded journey was, by key."""
        if self._owner_cache is None:
            self._owner_cache = {
                key: (stage.id, tp.id if tp is not None else None)
                for key, (stage, tp, barrier) in zip(barrier_keys(self.base), journey_barriers(self.base), strict=True)
            }
        return self._owner_cache

    def _stage(self, stage_id: str, groups: dict[tuple[str, str | None], list[BarrierDraft]]) -> Stage:
        """The stage with its edits, its touchpoints (its own first, then those moved in and the new ones)."""
        item = self.stages[stage_id]
        barriers = _present(self._make(Barrier, b) for b in groups.get((stage_id, None), ()))
        touchpoints = []
        here = [key for key, draft in self.touchpoints.items() if draft.stage == stage_id]
        own = [key for key in here if self._stage_of(key) == stage_id]
        for key in [*own, *(key for key in here if self._stage_of(key) != stage_id)]:
            draft = self.touchpoints[key]
            found = _present(self._make(Barrier, b) for b in groups.get(("", key), ()))
            if draft.base is None or tuple(found) != draft.base.barriers:
                draft.set("barriers", found, draft.row or "")
            touchpoints.append(self._make(Touchpoint, draft))
        stage = self._make(Stage, item, touchpoints=_present(touchpoints), barriers=barriers)
        return stage if stage is not None else item.base

    def _stage_of(self, key: str) -> str | None:
        """The stage a touchpoint was in, in the embedded journey (None for a new one)."""
        base = self.touchpoints[key].base
        return self._tp_stages().get(base.id) if base is not None else None

    def _tp_stages(self) -> dict[str, str]:
        if self._tp_stage_cache is None:
            self._tp_stage_cache = {tp.id: stage.id for stage, tp in self.base.touchpoints()}
        return self._tp_stage_cache

    def _make(self, kind: type[T], item: Item, **more: Any) -> T | None:
        """The item with its edits (and ``more``) applied; a value the model refuses is a problem at its cell (None)."""
        fields = {**item.fields, **more}
        if (
            item.base is not None
            and not item.fields
            and all(_same_items(getattr(item.base, k), v) for k, v in more.items())
        ):
            made: T = item.base
            return made
        try:
            return attrs.evolve(item.base, **fields) if item.base is not None else kind(**fields)
        except ValidationError as error:
            self.problems.extend(self._at(item, problem) for problem in error.problems)
            return None

    def _at(self, item: Item, problem: Problem) -> Problem:
        """``problem`` (at a field path of the item) moved to the cell the field came from."""
        parts = split_path(problem.path)
        field = str(parts[0]) if parts else ""
        cell = item.cells.get(field) or item.row or ""
        rest = ".".join(str(part) for part in parts[1:] if isinstance(part, str) and part != "score")
        what = f"{field}.{rest}" if rest else field
        return Problem(message=f"{what} {problem.message}" if what else problem.message, path=cell)


def _present(items: Iterable[T | None]) -> list[T]:
    """The items that could be made (a refused one is already a problem)."""
    return [item for item in items if item is not None]


def _same_items(old: Any, new: Any) -> bool:
    """Whether a list field keeps its items, compared one by one by identity first (fast for large stages)."""
    if isinstance(old, tuple) and isinstance(new, list):
        return len(old) == len(new) and all(a is b or a == b for a, b in zip(old, new, strict=True))
    return bool(old == new)
