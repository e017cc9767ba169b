"""Apply a :class:`journeymap.JourneyDiff` to the old journey, as its docs describe, to get the new one back.

Written from the documented meaning of :class:`journeymap.analysis.Change` (paths, kinds, ``index``), not
from the diff's code, so that a property test can check the two agree: ``apply(a, diff(a, b)) == b``.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import journeymap as jm
from journeymap.analysis.diff import data

# What each list holds, by the kind of its owner, and how its items are keyed.
CHILDREN = {
    "journey": {"personas": "persona", "stages": "stage", "kpis": "kpi", "actions": "action"},
    "stage": {
        "touchpoints": "touchpoint",
        "barriers": "barrier",
        "kpis": "kpi",
        "frontstage": "step",
        "backstage": "step",
        "support": "step",
    },
    "touchpoint": {"barriers": "barrier"},
}
KEYS = {
    "persona": lambda d: d["id"],
    "stage": lambda d: d["id"],
    "touchpoint": lambda d: d["id"],
    "barrier": lambda d: d["id"] if d["id"] is not None else d["description"],
    "kpi": lambda d: d["name"],
    "action": lambda d: d["title"],
    "step": lambda d: d["description"],
}
STEP = re.compile(r'(\w+)(?:\[(?:([\w-]+)|("(?:[^"\\]|\\.)*"))(?:, (\d+))?\])?(?:\.|$)')


def parse(path: str) -> list[tuple[str, tuple[str, int] | None, str]]:
    """``stages[a].barriers["Slow", 2]`` → ``[("stages", ("a", 1), "stages[a]"), ("barriers", ("Slow", 2), …)]``."""
    steps: list[tuple[str, tuple[str, int] | None, str]] = []
    position = 0
    while position < len(path):
        found = STEP.match(path, position)
        assert found, f"cannot read the path {path!r} at {position}"
        field, bare, quoted, occurrence = found.groups()
        key = None if bare is None and quoted is None else (bare if bare is not None else json.loads(quoted))
        steps.append((field, None if key is None else (key, int(occurrence or 1)), found.group(0).rstrip(".")))
        position = found.end()
    return steps


def _key_of(path: str) -> str:
    key = parse(path)[-1][1]
    assert key is not None
    return key[0]


class _Patch:
    def __init__(self, journey: jm.Journey) -> None:
        self.root = data(journey)
        self.at: dict[str, dict[str, Any]] = {"": self.root}  # path → the item's dict
        self.kind: dict[int, str] = {id(self.root): "journey"}
        self.key: dict[int, tuple[str, int]] = {}  # the item's key in the old journey
        self.removed: set[int] = set()
        self.moved: set[int] = set()
        self.inserts: dict[tuple[int, str], list[tuple[int, dict[str, Any]]]] = {}
        self.orders: dict[tuple[int, str], list[Any]] = {}
        self.index("", self.root, "journey")
        for name in ("persona", "segment"):
            if self.root[name] is not None:
                self.at[name] = self.root[name]
        for lane, value in self.root["lanes"].items():
            self.at[_step("lanes", lane, 1)] = value

    def index(self, path: str, item: dict[str, Any], kind: str) -> None:
        self.kind[id(item)] = kind
        for field, child in CHILDREN.get(kind, {}).items():
            seen: dict[str, int] = {}
            for thing in item[field]:
                key = KEYS[child](thing)
                seen[key] = seen.get(key, 0) + 1
                self.key[id(thing)] = (key, seen[key])
                where = (f"{path}." if path else "") + _step(field, key, seen[key])
                self.at[where] = thing
                self.index(where, thing, child)

    def parent(self, path: str) -> tuple[dict[str, Any], str]:
        """The dict that holds the list the path's last step is in, and that list's field."""
        steps = parse(path)
        return self.at[".".join(text for _, _, text in steps[:-1])], steps[-1][0]

    def apply(self, change: jm.analysis.Change) -> None:
        if change.kind == "added":
            self.add(change)
        elif change.kind == "removed":
            if change.path.startswith("lanes["):
                del self.root["lanes"][_key_of(change.path)]
            elif change.path in ("persona", "segment"):
                self.root[change.path] = None
            else:
                self.removed.add(id(self.at[change.path]))
        elif change.kind == "moved":
            touchpoints = [v for v in self.at.values() if self.kind.get(id(v)) == "touchpoint"]
            touchpoint = next(v for v in touchpoints if v["id"] == _key_of(change.path))
            self.moved.add(id(touchpoint))
            owner, field = self.parent(change.path)
            assert change.index is not None
            self.inserts.setdefault((id(owner), field), []).append((change.index, touchpoint))
            self.at[change.path] = touchpoint
            self.index(change.path, touchpoint, "touchpoint")  # its barriers, under the new path
        elif change.kind == "reordered":
            head, _, field = change.path.rpartition(".")
            self.orders[(id(self.at[head]), field)] = change.new

    def add(self, change: jm.analysis.Change) -> None:
        item = copy.deepcopy(change.new)
        if change.path in ("persona", "segment"):
            self.root[change.path] = item
        elif change.path.startswith("lanes["):
            self.root["lanes"][_key_of(change.path)] = item
        else:
            owner, field = self.parent(change.path)
            self.index(change.path, item, CHILDREN[self.kind[id(owner)]][field])
            assert change.index is not None
            self.inserts.setdefault((id(owner), field), []).append((change.index, item))
        self.at[change.path] = item

    def set(self, change: jm.analysis.Change) -> None:
        """A field's new value; a mapping's key set to nothing is taken out of the mapping."""
        target: Any = self.at[change.path]
        steps = [name for field, key, _ in parse(change.field or "") for name in (field, *([key[0]] if key else []))]
        *parts, last = steps
        for part in parts:
            target = target[part]
        keyed = (change.field or "").endswith("]")
        if change.new is None and keyed:
            del target[last]
        else:
            target[last] = copy.deepcopy(change.new)

    def rebuild(self, item: dict[str, Any]) -> None:
        """Every list of ``item``: kept items (in the new order), then the added and moved ones at their places."""
        kind = self.kind[id(item)]
        for field in CHILDREN.get(kind, {}):
            kept = [t for t in item[field] if id(t) not in self.removed and id(t) not in self.moved]
            order = self.orders.get((id(item), field))
            if order is not None:
                wanted = [tuple(key) if isinstance(key, list) else (key, 1) for key in order]
                kept.sort(key=lambda t: wanted.index(self.key[id(t)]))
            for position, thing in sorted(self.inserts.get((id(item), field), []), key=lambda pair: pair[0]):
                kept.insert(position, thing)
            item[field] = kept
            for thing in kept:
                self.rebuild(thing)


def _step(field: str, key: str, occurrence: int) -> str:
    shown = key if re.fullmatch(r"[^\W\d][\w-]*|\d+[^\W\d][\w-]*", key) else json.dumps(key, ensure_ascii=False)
    return f"{field}[{shown}]" if occurrence == 1 else f"{field}[{shown}, {occurrence}]"


def apply(journey: jm.Journey, changes: jm.JourneyDiff) -> jm.Journey:
    """``journey`` with ``changes`` made to it."""
    patch = _Patch(journey)
    for change in changes.changes:
        if change.kind != "changed":
            patch.apply(change)
    for change in changes.changes:
        if change.kind == "changed":
            patch.set(change)
    patch.rebuild(patch.root)
    return jm.loads(json.dumps(patch.root, ensure_ascii=False), format="json")
