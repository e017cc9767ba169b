"""Which touchpoint of the journey an event belongs to: by id, by name, or by glob patterns.

Rules, in order (the first that applies wins):

1. the event name equals a touchpoint's ``id`` or ``name`` (letter case ignored);
2. the event name matches one of a touchpoint's ``events`` patterns
   (:func:`fnmatch.fnmatchcase`: ``*``, ``?``, ``[abc]``; letter case counts), the
   first touchpoint in journey order winning.

Event names matching nothing are *unmatched*: they are counted and reported by
:func:`journeymap.mining.mine`, and left out of every other figure.

>>> from journeymap import Journey, Stage, Touchpoint
>>> j = Journey(title="Shop", stages=[Stage(name="Buy", touchpoints=[
...     Touchpoint(name="Checkout", events=["checkout_*"])])])
>>> m = match_events(j, ["checkout_start", "Checkout", "home"])
>>> [(n, m.touchpoint_of[n]) for n in ("checkout_start", "Checkout")], m.unmatched
([('checkout_start', 0), ('Checkout', 0)], ('home',))
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

import attrs

from journeymap.model import Journey

__all__ = ["Matching", "Node", "match_events"]


@attrs.frozen(kw_only=True)
class Node:
    """A touchpoint as mining sees it: its code (position in journey order), id, name and stage index."""

    code: int
    id: str
    name: str
    stage: int | None
    stage_id: str | None


@attrs.frozen(kw_only=True)
class Matching:
    """Event names mapped to touchpoint codes, and the names that matched nothing (sorted)."""

    nodes: tuple[Node, ...]
    touchpoint_of: dict[str, int]
    unmatched: tuple[str, ...]


def match_events(journey: Journey | None, names: Iterable[str]) -> Matching:
    """Map distinct event names to touchpoints of ``journey``.

    Without a journey every event name is its own touchpoint (codes in
    alphabetical order of the names) and there are no stages.
    """
    distinct = sorted(set(names))
    if journey is None:
        nodes = tuple(Node(code=i, id=n, name=n, stage=None, stage_id=None) for i, n in enumerate(distinct))
        return Matching(nodes=nodes, touchpoint_of={n: i for i, n in enumerate(distinct)}, unmatched=())
    nodes_list: list[Node] = []
    exact: dict[str, int] = {}
    patterns: list[tuple[str, int]] = []
    for index, stage in enumerate(journey.stages):
        for touchpoint in stage.touchpoints:
            code = len(nodes_list)
            nodes_list.append(Node(code=code, id=touchpoint.id, name=touchpoint.name, stage=index, stage_id=stage.id))
            for key in (touchpoint.id, touchpoint.name):
                exact.setdefault(key.casefold(), code)
            patterns.extend((pattern, code) for pattern in touchpoint.events)
    touchpoint_of: dict[str, int] = {}
    unmatched: list[str] = []
    for name in distinct:
        code_or_none = exact.get(name.casefold())
        if code_or_none is None:
            code_or_none = next((code for pattern, code in patterns if fnmatchcase(name, pattern)), None)
        if code_or_none is None:
            unmatched.append(name)
        else:
            touchpoint_of[name] = code_or_none
    return Matching(nodes=tuple(nodes_list), touchpoint_of=touchpoint_of, unmatched=tuple(unmatched))
