"""What changed between two versions of one map, item by item: the review of an edit.

:func:`diff` matches the items of the old and the new journey and lists every
difference as a :class:`Change`: an item ``added``, ``removed``, ``changed`` (one
field), ``moved`` (a touchpoint to another stage) or a list ``reordered``.
Unlike :func:`~journeymap.analysis.compare` (an as-is map against a to-be map,
in figures), nothing is summed up: it says what an editor did.

>>> from journeymap import Journey, Stage, Touchpoint
>>> old = Journey(title="Trial", stages=[Stage(name="Trial sign-up", touchpoints=[
...     Touchpoint(name="Pricing page", emotion=-1)])])
>>> new = Journey(title="Trial", stages=[Stage(name="Trial sign-up", touchpoints=[
...     Touchpoint(name="Pricing page", emotion=1, barriers=["Price hidden"])])])
>>> changes = diff(old, new)
>>> [(c.path, c.kind, c.field, c.old, c.new) for c in changes.changes][0]
('stages[trial-sign-up].touchpoints[pricing-page]', 'changed', 'emotion.score', -1, 1)
>>> print(changes.text())
Trial sign-up › Pricing page: emotion −1 → +1; barrier added: Price hidden (major)
>>> bool(diff(new, new)), diff(new, new).empty
(False, True)

**How items are matched.** Stages, touchpoints and personas by ``id``
(touchpoints across the whole journey, so one that changed stage is *moved*);
barriers by ``id`` when they have one, else by description; actions by title,
KPIs by name, blueprint steps by description, custom lanes and per-persona
emotions by their key. Items with the same key are matched in order. Then an
old item whose key is gone and a new one whose key is new are the same item,
changed, when they come right after the same kept item (or both first): so
renaming a stage whose id comes from its name is a rename, not a removal and
an addition. An old item with an explicit id is never paired that way.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from journeymap.analysis._diff_words import render_markdown, render_text
from journeymap.analysis._result import Result
from journeymap.model import Action, Barrier, CustomLane, Journey, Kpi, Persona, Stage, Touchpoint

__all__ = ["KINDS", "Change", "JourneyDiff", "data", "diff"]

KINDS = ("added", "removed", "changed", "moved", "reordered")
"""The kinds of :class:`Change`, in the order they are explained in the docs."""

# The lists of items that are matched one by one, by the field that holds them: the item's word.
_ITEMS = {
    "personas": "persona",
    "stages": "stage",
    "touchpoints": "touchpoint",
    "barriers": "barrier",
    "kpis": "kpi",
    "actions": "action",
    "frontstage": "frontstage",
    "backstage": "backstage",
    "support": "support",
    "lanes": "lane",
}
# The fields of a class that hold such lists (the journey's own are walked one by one in ``diff``).
_LISTS: dict[type, frozenset[str]] = {
    Stage: frozenset({"barriers", "kpis", "frontstage", "backstage", "support"}),
    Touchpoint: frozenset({"barriers"}),
}
_BARE = re.compile(r"[^\W\d][\w-]*|\d+[^\W\d][\w-]*")


@attrs.frozen(kw_only=True)
class Change(Result):
    """One difference between the old and the new journey."""

    path: str
    """Where, by keys: ``stages[trial].touchpoints[pricing]``; ``""`` for the journey itself.

    A key that is not a plain slug is quoted as JSON (``barriers["Price hidden"]``); the second item with the
    same key is ``["Price hidden", 2]``. A matched item is named by its key in the old journey, an added one by its
    key in the new journey.
    """
    place: str
    """Where, in words: the names of the stage and the touchpoint (``Trial sign-up › Pricing page``), or ``""``."""
    kind: str
    """``added``, ``removed``, ``changed``, ``moved`` or ``reordered``."""
    item: str
    """What the path leads to: ``journey``, ``persona``, ``segment``, ``lane``, ``stage``, ``touchpoint``,
    ``barrier``, ``kpi``, ``action``, ``frontstage``, ``backstage`` or ``support`` (blueprint steps)."""
    name: str
    """The item's name (title, description) in the new journey, or in the old one when it was removed; for a
    reordered list, the names of the items in the new order, joined by ``, ``."""
    field: str | None
    """The field that changed, dotted, a mapping's key in brackets like a path's (``emotion.score``,
    ``emotions[boris].score``, ``lanes[legal]``); None for added, removed and reordered items; ``stage`` for a
    moved touchpoint."""
    old: Any
    """The old value as plain data: a removed item's fields, a field's old value, the stage a touchpoint moved
    from (its name), the keys of a list in the old order."""
    new: Any
    """The new value, likewise (an added stage without its touchpoints, which are changes of their own)."""
    index: int | None = None
    """Position of an added or moved item in its list in the new journey (from 0); None otherwise."""


@attrs.frozen(kw_only=True)
class JourneyDiff(Result):
    """What :func:`diff` finds: the changes in a stable order (the new journey's order, removals after)."""

    language: str
    """The new journey's language: the default of :meth:`text` and :meth:`markdown`."""
    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        """True when the journeys differ."""
        return bool(self.changes)

    @property
    def empty(self) -> bool:
        """True when the journeys are the same."""
        return not self.changes

    def text(self, language: str | None = None) -> str:
        """The changes in words, one line per place, in ``language`` (default: the new journey's)."""
        return render_text(self.changes, language or self.language)

    def markdown(self, language: str | None = None) -> str:
        """The changes as a Markdown list grouped by place, for a pull-request comment."""
        return render_markdown(self.changes, language or self.language)


def data(value: Any) -> Any:
    """``value`` as plain data in the form :func:`journeymap.loads` reads (public fields, dates as ISO text).

    >>> from journeymap import Barrier
    >>> data(Barrier(description="Slow"))
    {'description': 'Slow', 'severity': 'major', 'id': None, 'cause': None, 'remedy': None, 'evidence': None}
    """
    if attrs.has(type(value)):
        return {f.alias: data(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): data(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [data(item) for item in value]
    return value


def _name(item: Any) -> str:
    for attribute in ("name", "title", "description"):
        value = getattr(item, attribute, None)
        if isinstance(value, str):
            return value
    return ""


def _key(item: Any) -> str:
    if isinstance(item, Stage | Touchpoint | Persona):
        return item.id
    if isinstance(item, Barrier):
        return item.id if item.id is not None else item.description
    if isinstance(item, Action):
        return item.title
    if isinstance(item, Kpi):
        return item.name
    return str(item.description)


def _explicit(item: Any) -> bool:
    """Whether the item carries an id someone chose (such items are never paired by position)."""
    if isinstance(item, Stage | Touchpoint | Persona):
        return not item._auto_id
    return isinstance(item, Barrier) and item.id is not None


def _keys(items: Sequence[Any]) -> list[tuple[str, int]]:
    """Each item's key and its occurrence among items with that key (from 1)."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        key = _key(item)
        seen[key] = seen.get(key, 0) + 1
        out.append((key, seen[key]))
    return out


def _segment(field: str, key: str, occurrence: int = 1) -> str:
    """One step of a :attr:`Change.path`: ``stages[trial]``, ``barriers["Price hidden"]``, ``barriers["Slow", 2]``.

    >>> _segment("barriers", "Price hidden", 2), _segment("stages", "trial")
    ('barriers["Price hidden", 2]', 'stages[trial]')
    """
    shown = key if _BARE.fullmatch(key) else json.dumps(key, ensure_ascii=False)
    return f"{field}[{shown}]" if occurrence == 1 else f"{field}[{shown}, {occurrence}]"


def _join(path: str, step: str) -> str:
    return f"{path}.{step}" if path else step


def _leftovers(old: Sequence[Any], old_left: list[int], new_left: list[int], kept: dict[int, int]) -> dict[int, int]:
    """Pairs of items left over on both sides that come right after the same kept item (or both first), in order.

    ``kept`` maps the new index of each kept item to its old index; an old item with an explicit id is never
    paired (its id is gone from the new list, so it is gone).
    """
    kept_old, old_left_set = set(kept.values()), set(old_left)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    anchor = -1
    for index in range(len(old)):
        if index in kept_old:
            anchor = index
        elif index in old_left_set and not _explicit(old[index]):
            groups.setdefault(anchor, ([], []))[0].append(index)
    anchor, left = -1, set(new_left)
    for index in range(max([*new_left, *kept, -1]) + 1):
        if index in kept:
            anchor = kept[index]
        elif index in left:
            groups.setdefault(anchor, ([], []))[1].append(index)
    return {new: was for befores, afters in groups.values() for was, new in zip(befores, afters, strict=False)}


def _match(old: Sequence[Any], new: Sequence[Any]) -> tuple[dict[int, int], list[int], set[int]]:
    """``(pairs, removed, added)``: new index → old index of the same item, and the old and new ones left over."""
    where = {key: index for index, key in enumerate(_keys(old))}
    pairs: dict[int, int] = {}
    for index, key in enumerate(_keys(new)):
        if key in where:
            pairs[index] = where[key]
    used = set(pairs.values())
    old_left = [index for index in range(len(old)) if index not in used]
    new_left = [index for index in range(len(new)) if index not in pairs]
    pairs |= _leftovers(old, old_left, new_left, pairs)
    used = set(pairs.values())
    removed = [index for index in range(len(old)) if index not in used]
    added = {index for index in range(len(new)) if index not in pairs}
    return pairs, removed, added


@attrs.define
class _Walk:
    """The changes found so far, and the field-by-field comparison of two items."""

    changes: list[Change] = attrs.Factory(list)

    def add(self, path: str, place: str, kind: str, item: str, name: str, **rest: Any) -> None:
        fields = {"field": None, "old": None, "new": None} | rest
        self.changes.append(Change(path=path, place=place, kind=kind, item=item, name=name, **fields))

    def fields(self, path: str, place: str, item: str, old: Any, new: Any, skip: frozenset[str] = frozenset()) -> None:
        """The changed fields of two versions of one item, then its lists of items."""
        if old == new:
            return
        lists, name = [], _name(new)
        for f in attrs.fields(type(new)):
            if not f.init or f.name in skip:
                continue
            if f.name in _LISTS.get(type(new), ()):
                lists.append(f.name)
            else:
                self.value(path, place, item, name, f.name, getattr(old, f.name), getattr(new, f.name))
        for name in lists:
            self.items(path, place, name, getattr(old, name), getattr(new, name))

    def value(self, path: str, place: str, item: str, name: str, field: str, old: Any, new: Any) -> None:
        """One field: nested records and mappings field by field, anything else as a whole."""
        if old == new:
            return
        if attrs.has(type(old)) and type(old) is type(new):
            for f in attrs.fields(type(new)):
                sub_old, sub_new = getattr(old, f.name), getattr(new, f.name)
                self.value(path, place, item, name, f"{field}.{f.name}", sub_old, sub_new)
        elif isinstance(old, Mapping) and isinstance(new, Mapping):
            for key in [*new, *(key for key in old if key not in new)]:
                self.value(path, place, item, name, _segment(field, key), old.get(key), new.get(key))
        else:
            self.add(path, place, "changed", item, name, field=field, old=data(old), new=data(new))

    def items(self, path: str, place: str, field: str, old: Any, new: Any) -> None:
        """A list (or the custom lanes) of items, matched by key: added, changed, removed, reordered."""
        word = _ITEMS[field]
        if isinstance(new, Mapping):
            self.lanes(path, place, old, new)
            return
        pairs, removed, added = _match(old, new)
        old_keys, new_keys = _keys(old), _keys(new)
        for index, thing in enumerate(new):
            if index in added:
                step = _segment(field, *new_keys[index])
                self.add(_join(path, step), place, "added", word, _name(thing), new=data(thing), index=index)
            else:
                step = _segment(field, *old_keys[pairs[index]])
                self.fields(_join(path, step), place, word, old[pairs[index]], thing)
        for index in removed:
            step = _segment(field, *old_keys[index])
            self.add(_join(path, step), place, "removed", word, _name(old[index]), old=data(old[index]))
        kept = sorted(pairs)
        self.order(_join(path, field), place, word, [old_keys[pairs[i]] for i in kept], old_keys, new, kept)

    def order(
        self,
        path: str,
        place: str,
        word: str,
        kept: list[tuple[str, int]],
        old_keys: list[tuple[str, int]],
        new: Sequence[Any],
        positions: list[int],
    ) -> None:
        """A ``reordered`` change when the items kept on both sides (``new[positions]``) come in another order.

        ``old`` and ``new`` list the kept items' keys as paths show them: the key, or ``[key, n]`` for the n-th
        item with that key; ``name`` lists their names in the new order.
        """
        chosen = set(kept)
        before = [key for key in old_keys if key in chosen]
        if before != kept:
            names = ", ".join(_name(new[index]) for index in positions)
            self.add(path, place, "reordered", word, names, old=_shown(before), new=_shown(kept))

    def lanes(self, path: str, place: str, old: Mapping[str, CustomLane], new: Mapping[str, CustomLane]) -> None:
        for key, lane in new.items():
            step = _join(path, _segment("lanes", key))
            if key in old:
                self.fields(step, place, "lane", old[key], lane)
            else:
                self.add(step, place, "added", "lane", lane.title, new=data(lane))
        for key, lane in old.items():
            if key not in new:
                self.add(_join(path, _segment("lanes", key)), place, "removed", "lane", lane.title, old=data(lane))


def _shown(keys: list[tuple[str, int]]) -> list[Any]:
    return [key if occurrence == 1 else [key, occurrence] for key, occurrence in keys]


def _without_touchpoints(stage: Stage) -> Any:
    raw = data(stage)
    raw["touchpoints"] = []
    return raw


def _touchpoint_pairs(old: Journey, new: Journey, stage_pairs: dict[int, int]) -> dict[str, Touchpoint]:
    """The old version of each new touchpoint that has one, by new id: same id anywhere, else a leftover of the
    same stage in the same place (see :func:`_leftovers`)."""
    before = {tp.id: tp for _, tp in old.touchpoints()}
    after = {tp.id for _, tp in new.touchpoints()}
    found = {tp.id: before[tp.id] for _, tp in new.touchpoints() if tp.id in before}
    for index, old_index in stage_pairs.items():
        then, now = old.stages[old_index].touchpoints, new.stages[index].touchpoints
        where = {tp.id: position for position, tp in enumerate(then)}
        kept = {position: where[tp.id] for position, tp in enumerate(now) if tp.id in where}
        old_left = [position for position, tp in enumerate(then) if tp.id not in after]
        new_left = [position for position, tp in enumerate(now) if tp.id not in before]
        for position, was in _leftovers(then, old_left, new_left, kept).items():
            found[now[position].id] = then[was]
    return found


def _stages(walk: _Walk, old: Journey, new: Journey) -> None:
    """Stages matched by id, then the touchpoints of each, matched by id across the journey."""
    pairs, removed, added = _match(old.stages, new.stages)
    found = _touchpoint_pairs(old, new, pairs)
    taken = {tp.id for tp in found.values()}
    stage_of = {tp.id: stage for stage, tp in old.touchpoints()}
    for index, stage in enumerate(new.stages):
        if index in added:
            path = _segment("stages", stage.id)
            walk.add(path, "", "added", "stage", stage.name, new=_without_touchpoints(stage), index=index)
            previous: tuple[Touchpoint, ...] = ()
        else:
            before = old.stages[pairs[index]]
            path = _segment("stages", before.id)
            walk.fields(path, stage.name, "stage", before, stage, skip=frozenset({"touchpoints"}))
            previous = before.touchpoints
        kept: list[tuple[str, int]] = []
        positions: list[int] = []
        for position, tp in enumerate(stage.touchpoints):
            was = found.get(tp.id)
            if was is None:
                step = _join(path, _segment("touchpoints", tp.id))
                walk.add(step, stage.name, "added", "touchpoint", tp.name, new=data(tp), index=position)
                continue
            step = _join(path, _segment("touchpoints", was.id))
            place = f"{stage.name} › {tp.name}"
            if stage_of[was.id].id == (old.stages[pairs[index]].id if index in pairs else None):
                kept.append((was.id, 1))
                positions.append(position)
            else:
                origin = stage_of[was.id].name
                walk.add(
                    step,
                    place,
                    "moved",
                    "touchpoint",
                    tp.name,
                    field="stage",
                    old=origin,
                    new=stage.name,
                    index=position,
                )
            walk.fields(step, place, "touchpoint", was, tp)
        _gone(walk, path, stage.name, previous, taken)
        old_keys = [(tp.id, 1) for tp in previous]
        walk.order(_join(path, "touchpoints"), stage.name, "touchpoint", kept, old_keys, stage.touchpoints, positions)
    for index in removed:
        stage = old.stages[index]
        path = _segment("stages", stage.id)
        walk.add(path, "", "removed", "stage", stage.name, old=_without_touchpoints(stage))
        _gone(walk, path, stage.name, stage.touchpoints, taken)
    matched = sorted(pairs)
    keys = [(old.stages[pairs[i]].id, 1) for i in matched]
    walk.order("stages", "", "stage", keys, _keys(old.stages), new.stages, matched)


def _gone(walk: _Walk, path: str, place: str, previous: Sequence[Touchpoint], taken: set[str]) -> None:
    """The touchpoints of an old stage that are nowhere in the new journey."""
    for tp in previous:
        if tp.id not in taken:
            walk.add(_join(path, _segment("touchpoints", tp.id)), place, "removed", "touchpoint", tp.name, old=data(tp))


def diff(old: Journey, new: Journey) -> JourneyDiff:
    """What changed from ``old`` to ``new``: every item added, removed, changed, moved or reordered.

    Deterministic: the changes follow the new journey's order (the journey's own fields, the personas, the
    segment, the custom lanes, each stage with its touchpoints, then the journey's KPIs and actions), and
    what was removed comes after what is kept, in the old order.
    """
    walk = _Walk()
    skip = frozenset({"persona", "segment", "stages", "personas", "lanes", "kpis", "actions"})
    walk.fields("", "", "journey", old, new, skip=skip)
    for field, word in (("persona", "persona"), ("segment", "segment")):
        then, now = getattr(old, field), getattr(new, field)
        if then is None and now is not None:
            walk.add(field, "", "added", word, _name(now), new=data(now))
        elif then is not None and now is None:
            walk.add(field, "", "removed", word, _name(then), old=data(then))
        elif then is not None and now is not None:
            walk.fields(field, "", word, then, now)
    walk.items("", "", "personas", old.personas, new.personas)
    walk.lanes("", "", old.lanes, new.lanes)
    _stages(walk, old, new)
    walk.items("", "", "kpis", old.kpis, new.kpis)
    walk.items("", "", "actions", old.actions, new.actions)
    return JourneyDiff(language=new.language, changes=tuple(walk.changes))
