"""Paths around a touchpoint and before leaving a stage: what customers did just before and just after.

:func:`paths` answers "what do people do before and after the pricing page?":
for every customer who reached the touchpoint ``around``, the ``before``
events before their first visit there and the ``after`` events following it,
counted as whole sequences and as moves between neighbouring positions (the
links a Sankey-style :func:`journeymap.charts.flows` chart draws).

:func:`left_at` answers "what did those who left at Consider do last, and
where did they go instead?": for the customers whose furthest stage is
``stage``, their last events, and the event that followed their last event
in the stage.

Both run one SQL text on DuckDB and on Spark, like :func:`journeymap.mining.mine`.
A step is a touchpoint id, or the event name of an event no touchpoint
matches (it is where a customer went instead); ``None`` is "no event"
(before the first event or after the last). A customer's events are ordered
by timestamp, then journey order, then event name.

>>> from journeymap import mining
>>> log = [("c1", "ad", "2024-01-01T10:00Z"), ("c1", "pricing", "2024-01-01T10:01Z"),
...        ("c1", "cart", "2024-01-01T10:02Z"), ("c2", "pricing", "2024-01-01T11:00Z")]
>>> p = mining.paths_rows(log, around="pricing", before=1, after=1)
>>> [(s.steps, s.customers) for s in p.sequences]
[((None, 'pricing', None), 1), (('ad', 'pricing', 'cart'), 1)]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs

from journeymap.mining.engines import Engine
from journeymap.mining.errors import EventLogError
from journeymap.mining.inputs import Columns, check_events, open_source, reading, rows_relation
from journeymap.mining.matching import match_events
from journeymap.model import Journey

__all__ = ["DropOff", "Link", "PathCount", "Paths", "left_at", "paths", "paths_rows"]

Step = str | None


@attrs.frozen(kw_only=True)
class PathCount:
    """A sequence of steps and how many customers followed it."""

    steps: tuple[Step, ...]
    customers: int


@attrs.frozen(kw_only=True)
class Link:
    """``count`` customers had ``source`` at position ``offset`` and ``target`` at ``offset + 1``.

    Offsets count from the touchpoint (0): -1 is the event just before it.
    """

    offset: int
    source: Step
    target: Step
    count: int


@attrs.frozen(kw_only=True)
class Paths:
    """What customers did around their first event at the touchpoint ``around``.

    ``customers``: those who reached it. ``sequences``: the ``top`` most
    frequent sequences of positions ``-before`` … ``after`` (``None`` where
    a customer had no event), most customers first; ``distinct``: how many
    different sequences there were. ``links``: every move between
    neighbouring positions with its count (self-loops and "no event" included).
    ``by``: whether the steps are touchpoints or stages.
    """

    around: str
    before: int
    after: int
    customers: int
    distinct: int
    sequences: tuple[PathCount, ...]
    links: tuple[Link, ...]
    by: Literal["touchpoint", "stage"] = "touchpoint"

    def steps(self, offset: int) -> dict[Step, int]:
        """Customers per step at one position (0 is ``around`` itself), most customers first.

        >>> Paths(around="a", before=0, after=1, customers=2, distinct=1, sequences=(),
        ...       links=(Link(offset=0, source="a", target="b", count=2),)).steps(1)
        {'b': 2}
        """
        counts: dict[Step, int] = {}
        for link in self.links:
            if offset == -self.before and link.offset == offset:
                counts[link.source] = counts.get(link.source, 0) + link.count
            elif offset > -self.before and link.offset == offset - 1:
                counts[link.target] = counts.get(link.target, 0) + link.count
        return dict(sorted(counts.items(), key=lambda item: (-item[1], str(item[0]))))


@attrs.frozen(kw_only=True)
class DropOff:
    """The customers who left at ``stage`` (reached it and no later stage).

    ``last``: the most frequent sequences of their last ``events`` events
    (oldest first; ``None`` pads a customer with fewer events). ``instead``:
    what followed their last event in the stage — a touchpoint of an earlier
    stage or an unmatched event name — with counts; ``None`` counts those
    whose last event was in the stage.
    """

    stage: str
    customers: int
    last: tuple[PathCount, ...]
    instead: tuple[tuple[Step, int], ...]


def paths(
    events: Any,
    journey: Journey | None = None,
    *,
    around: str,
    before: int = 3,
    after: int = 3,
    top: int = 10,
    by: Literal["touchpoint", "stage"] = "touchpoint",
    customer: str | None = None,
    touchpoint: str | None = None,
    timestamp: str | None = None,
    connection: Any = None,
) -> Paths:
    """The ``top`` most frequent paths of ``before`` steps before and ``after`` steps after ``around``.

    ``events`` and the column options are those of :func:`journeymap.mining.mine`;
    ``around`` is a touchpoint id (without a journey: an event name). With
    ``by="stage"`` the steps are stages: ``around`` is a stage id, and
    back-to-back events of one stage are one step (stage-to-stage paths).
    Raises ``ValueError`` for an unknown ``around`` or a negative number of steps.
    """
    if before < 0 or after < 0 or top < 0:
        raise ValueError("before, after and top must be 0 or more")
    if by not in ("touchpoint", "stage") or (by == "stage" and journey is None):
        raise ValueError(f"by: {by!r} must be 'touchpoint' or 'stage' (stages need a journey)")
    columns = Columns(customer=customer, touchpoint=touchpoint, timestamp=timestamp)
    with _Log(events, journey, columns, connection, stages=by == "stage") as log:
        code = log.code_of(around, "around")
        anchors = f"SELECT customer, min(step) AS at FROM {log.ev} WHERE code = {code} GROUP BY customer"
        customers, distinct, sequences, links = log.windows(anchors, -before, after, top)
        return Paths(
            around=around,
            before=before,
            after=after,
            customers=customers,
            distinct=distinct,
            sequences=sequences,
            links=links,
            by=by,
        )


def left_at(
    events: Any,
    journey: Journey,
    *,
    stage: str,
    last: int = 3,
    top: int = 10,
    customer: str | None = None,
    touchpoint: str | None = None,
    timestamp: str | None = None,
    connection: Any = None,
) -> DropOff:
    """The last ``last`` events of the customers who left at ``stage``, and where they went instead.

    ``stage`` is a stage id; the other options are those of :func:`paths`.
    """
    if last < 1 or top < 0:
        raise ValueError("last must be 1 or more and top 0 or more")
    index = next((i for i, s in enumerate(journey.stages) if s.id == stage), None)
    if index is None:
        known = ", ".join(s.id for s in journey.stages)
        raise ValueError(f"stage: {stage!r} is not a stage of the journey (stages: {known})")
    with _Log(
        events, journey, Columns(customer=customer, touchpoint=touchpoint, timestamp=timestamp), connection
    ) as log:
        ev = log.ev
        left = (
            f"SELECT customer FROM {ev} GROUP BY customer"
            f" HAVING max(stage) = {index}"  # reached the stage and nothing later (unmatched events have no stage)
        )
        ends = (
            f"SELECT e.customer, max(e.step) AS at FROM {ev} e JOIN ({left}) l ON e.customer = l.customer"
            " GROUP BY e.customer"
        )
        customers, _, sequences, _ = log.windows(ends, 1 - last, 0, top)
        stays = (
            f"SELECT e.customer, max(e.step) AS at FROM {ev} e JOIN ({left}) l ON e.customer = l.customer"
            f" WHERE e.stage = {index} GROUP BY e.customer"
        )
        rows = log.engine.rows(
            f"SELECT n.code, count(*) FROM ({stays}) a LEFT JOIN {ev} n"
            " ON n.customer = a.customer AND n.step = a.at + 1 GROUP BY n.code"
        )
        instead = sorted(((log.label(c), int(n)) for c, n in rows), key=lambda item: (-item[1], str(item[0])))
        return DropOff(stage=stage, customers=customers, last=sequences, instead=tuple(instead))


class _Log:
    """An opened log with its per-event table ``ev`` (customer, code, stage, step); closed on exit."""

    def __init__(
        self, events: Any, journey: Journey | None, columns: Columns, connection: Any, *, stages: bool = False
    ) -> None:
        self.source = open_source(events, columns, connection)
        try:
            with reading(self.source.label):  # the first full read of the file: its bad lines fail here
                counts = check_events(self.source)
            matching = match_events(journey, counts)
            nodes = matching.nodes
            # matched events: their touchpoint; unmatched ones keep their name, coded after the touchpoints
            # (with ``stages``, matched events: the stage id; back-to-back events of one stage are one step)
            steps = [stage.id for stage in journey.stages] if stages and journey is not None else [n.id for n in nodes]
            self.labels: list[str] = steps + list(matching.unmatched)
            names = sorted(counts)
            unmatched = {name: len(steps) + i for i, name in enumerate(matching.unmatched)}
            node_of = {name: nodes[code] for name, code in matching.touchpoint_of.items()}
            codes = [
                (node_of[name].stage if stages else node_of[name].code) if name in node_of else unmatched[name]
                for name in names
            ]
            stage_of = [node_of[name].stage if name in node_of and journey is not None else None for name in names]
            self.engine: Engine = self.source.engine
            lab = self.engine.name("lab")
            self.engine.table(
                lab, [("name", "VARCHAR"), ("code", "INTEGER"), ("stage", "INTEGER")], [names, codes, stage_of]
            )
            self.ev = self.engine.name("pev")
            events_sql = (
                f"SELECT s.customer, l.code, l.stage, s.ts FROM {self.source.view} s JOIN {lab} l ON s.event = l.name"
            )
            if stages:
                events_sql = (
                    "SELECT customer, code, stage, ts FROM (SELECT e.*, lag(code) OVER (PARTITION BY customer"
                    f" ORDER BY ts, code) AS previous FROM ({events_sql}) e) x"
                    " WHERE previous IS NULL OR previous <> code"
                )
            with reading(self.source.label):  # numbering every customer's events: where memory runs out
                self.engine.create(
                    self.ev,
                    "SELECT customer, code, stage, row_number() OVER (PARTITION BY customer ORDER BY ts, code) AS step"
                    f" FROM ({events_sql}) s",
                )
        except BaseException:
            self.source.close()
            raise

    def __enter__(self) -> _Log:
        return self

    def __exit__(self, *_: object) -> None:
        self.source.close()

    def code_of(self, step: str, option: str) -> int:
        """The code of a touchpoint id or event name; ValueError naming ``option`` when the log has none."""
        if step not in self.labels:
            raise EventLogError(
                self.source.label, f"{option}: {step!r} is neither a touchpoint nor an event of the log"
            )
        return self.labels.index(step)

    def label(self, code: Any) -> Step:
        return None if code is None else self.labels[int(code)]

    def windows(
        self, anchors: str, low: int, high: int, top: int
    ) -> tuple[int, int, tuple[PathCount, ...], tuple[Link, ...]]:
        """Customers, distinct sequences, top sequences and links of positions ``low`` … ``high`` around ``anchors``.

        ``anchors`` is a query of (customer, at): the step each customer's window is centred on.
        """
        offsets = range(low, high + 1)
        columns = [f"p{k - low}" for k in offsets]
        pivot = ", ".join(
            f"max(CASE WHEN e.step = a.at + ({k}) THEN e.code END) AS {name}"
            for k, name in zip(offsets, columns, strict=True)
        )
        win = self.engine.name("win")
        self.engine.create(
            win,
            f"SELECT a.customer, {pivot} FROM ({anchors}) a JOIN {self.ev} e ON e.customer = a.customer"
            f" AND e.step BETWEEN a.at + ({low}) AND a.at + ({high}) GROUP BY a.customer",
        )
        listed = ", ".join(columns)
        order = ", ".join(f"coalesce({c}, -1)" for c in columns)
        grouped = f"SELECT {listed}, count(*) AS n FROM {win} GROUP BY {listed}"
        customers, distinct = (int(v or 0) for v in self.engine.rows(f"SELECT sum(n), count(*) FROM ({grouped}) g")[0])
        top_rows = self.engine.rows(f"SELECT {listed}, n FROM ({grouped}) g ORDER BY n DESC, {order} LIMIT {top}")
        sequences = tuple(
            PathCount(steps=tuple(self.label(code) for code in row[: len(columns)]), customers=int(row[len(columns)]))
            for row in top_rows
        )
        pairs = " UNION ALL ".join(
            f"SELECT {k} AS k, {a} AS s, {b} AS t, count(*) AS n FROM {win} GROUP BY {a}, {b}"
            for k, a, b in zip(offsets, columns, columns[1:], strict=False)  # the last position has no link
        )
        link_rows = self.engine.rows(pairs) if pairs else []
        links = sorted(
            (Link(offset=int(k), source=self.label(s), target=self.label(t), count=int(n)) for k, s, t, n in link_rows),
            key=lambda link: (link.offset, -link.count, str(link.source), str(link.target)),
        )
        return customers, distinct, sequences, tuple(links)


def paths_rows(
    rows: Iterable[tuple[str, str, str]], journey: Journey | None = None, *, around: str, **options: Any
) -> Paths:
    """:func:`paths` of a small log given as ``(customer, event, timestamp)`` tuples, like ``mine_rows``."""
    with rows_relation(rows) as (relation, connection):
        return paths(relation, journey, around=around, connection=connection, **options)
