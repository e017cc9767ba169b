"""Conversion windows and funnel modes: which customers count as reaching and converting at each stage.

The vocabulary is that of warehouse funnels (ClickHouse's ``windowFunnel``):

``any_order`` (default)
    A customer reaches a stage with any event in it and converts with an
    event in any *later* stage, before or after; with a ``window`` the two
    events must lie within the window of each other.
``ordered``
    The stages count in journey order, other events allowed in between: a
    customer reaches stage *k* with a stage-*k* event after an event that
    reached stage *k-1* (within the ``window`` from it). Customers entering
    a later stage first only count there once they came through the stages
    before it.
``strict_order``
    As ``ordered``, and no event of another stage may come between the
    event that reached stage *k-1* and the stage-*k* event (browsing within
    stage *k-1* is allowed; a step back or a skip ahead breaks the chain).

``dedup=True`` counts only each customer's first event of each stage: a
repeated visit to a stage does not start the window again. Window edges are
inclusive: an event exactly ``window`` after the first counts. Events at the
same instant are ordered as everywhere in mining (journey order), so a
stage-*k* event at the same instant as a stage-*k-1* event comes after it.

Every figure is one SQL text run on DuckDB and on Spark.

>>> Funnel(window_seconds=parse_duration("14d"), mode="ordered").is_default
False
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

from journeymap.mining.engines import Engine

__all__ = ["MODES", "Funnel", "funnel_rows", "parse_duration"]

MODES: tuple[str, ...] = ("any_order", "ordered", "strict_order")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")


def parse_duration(value: str | dt.timedelta | float, what: str = "window") -> float:
    """Seconds of a duration given as ``"14d"``, ``"36h"``, ``"30m"``, ``"90s"``, ``"2w"``, a timedelta or seconds.

    Raises ``ValueError`` naming ``what`` for anything else or a negative duration.

    >>> parse_duration("14d"), parse_duration("1.5h"), parse_duration(dt.timedelta(minutes=30))
    (1209600.0, 5400.0, 1800.0)
    """
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    elif isinstance(value, str) and (found := _DURATION.match(value)):
        seconds = float(found.group(1)) * _UNITS[found.group(2)]
    else:
        raise ValueError(f"{what}: expected a duration like '14d', '36h', '30m' or '90s', got {value!r}")
    if seconds < 0:
        raise ValueError(f"{what}: must not be negative, got {value!r}")
    return seconds


@attrs.frozen(kw_only=True)
class Funnel:
    """The funnel settings of one :func:`~journeymap.mining.mine` call (see the module text)."""

    window_seconds: float | None = None
    mode: str = "any_order"
    dedup: bool = False

    def __attrs_post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode: expected one of {', '.join(MODES)}, got {self.mode!r}")

    @property
    def is_default(self) -> bool:
        """True when the settings give the plain figures (any order, no window): no extra query runs."""
        return self.mode == "any_order" and self.window_seconds is None


def funnel_rows(engine: Engine, ev: str, stages: int, funnel: Funnel, g: str) -> list[tuple[Any, ...]]:
    """Rows (group, stage, customers reaching it, customers converting) under ``funnel``.

    ``ev`` is the per-event frame (customer, seg, stage, step, ts); ``g`` the
    group expression over its ``seg`` column.
    """
    epoch = engine.dialect.epoch_us
    if funnel.dedup:
        src = f"SELECT customer, max(seg) AS seg, stage, min(step) AS step, {epoch.format('min(ts)')} AS us FROM {ev}"
        src += " GROUP BY customer, stage"
    else:
        src = f"SELECT customer, seg, stage, step, {epoch.format('ts')} AS us FROM {ev}"
    view = engine.name("fsrc")
    engine.view(view, src)
    within = "" if funnel.window_seconds is None else f" AND {{gap}} <= {round(funnel.window_seconds * 1_000_000)}"
    if funnel.mode == "any_order":
        return _any_order(engine, view, g, within)
    return _chain(engine, view, stages, g, within, strict=funnel.mode == "strict_order")


def _any_order(engine: Engine, src: str, g: str, within: str) -> list[tuple[Any, ...]]:
    """Reach: an event in the stage; conversion: an event in a later stage (within the window of each other)."""
    ga = g.replace("seg", "a.seg")
    near = within.format(gap="abs(b.us - a.us)")
    return engine.rows(
        f"SELECT r.g, r.stage, r.n, coalesce(c.n, 0) FROM"
        f" (SELECT {g} AS g, stage, count(DISTINCT customer) AS n FROM {src} GROUP BY 1, 2) r LEFT JOIN"
        f" (SELECT {ga} AS g, a.stage, count(DISTINCT a.customer) AS n FROM {src} a JOIN {src} b"
        f" ON a.customer = b.customer AND b.stage > a.stage{near} GROUP BY 1, 2) c"
        " ON r.stage = c.stage AND (r.g = c.g OR (r.g IS NULL AND c.g IS NULL))"
    )


def _chain(engine: Engine, src: str, stages: int, g: str, within: str, *, strict: bool) -> list[tuple[Any, ...]]:
    """The ordered chain: the events reaching stage k are found from those reaching stage k-1, one query a stage.

    A stage-k event reaches stage k when an event that reached stage k-1 comes before it (the latest such
    one within the window; with ``strict``, after the last event of another stage before it). Each step
    is a join of the stage's events to the events that reached the stage before, per customer: the funnel
    narrows, so the later stages cost little.
    """
    blocked = ""
    if strict:  # per event: the last earlier event of a stage other than its own and the one before
        before = "OVER (PARTITION BY customer ORDER BY step ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
        cases = " ".join(
            f"WHEN {k} THEN max(CASE WHEN stage NOT IN ({k - 1}, {k}) THEN step END) {before}" for k in range(1, stages)
        )
        view = engine.name("fblk")
        engine.create(view, f"SELECT customer, seg, stage, step, us, CASE stage {cases} END AS blk FROM {src}")
        src, blocked = view, " AND (s.blk IS NULL OR r.step > s.blk)"
    reached = [engine.name("fr0")]
    engine.create(reached[0], f"SELECT customer, seg, step, us FROM {src} WHERE stage = 0")
    gap = within.format(gap="s.us - max(r.us)").replace(" AND ", " HAVING ", 1)
    for k in range(1, stages):
        name = engine.name(f"fr{k}")
        engine.create(
            name,
            f"SELECT s.customer, s.seg, s.step, s.us FROM {src} s JOIN {reached[-1]} r"
            f" ON s.customer = r.customer AND r.step < s.step{blocked}"
            f" WHERE s.stage = {k} GROUP BY s.customer, s.seg, s.step, s.us{gap}",
        )
        reached.append(name)
    counts = " UNION ALL ".join(
        f"SELECT {g} AS g, {k} AS stage, count(DISTINCT customer) AS n FROM {name} GROUP BY 1"
        for k, name in enumerate(reached)
    )
    by = {(row[0], int(row[1])): int(row[2]) for row in engine.rows(counts)}
    return [(group, k, n, by.get((group, k + 1), 0)) for (group, k), n in by.items()]
