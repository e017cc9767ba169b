"""Sessions: a customer's events cut where they paused longer than ``session_gap``, and sessions to convert.

A customer's first event opens their first session; each later event opens
a new session when it comes *more than* ``session_gap`` after the event
before it. The edge is inclusive: an event exactly ``session_gap`` after the
previous one stays in the session. Events at the same instant are always in
one session. Sessions are cut from the events matched to the journey's
touchpoints (unmatched events neither open nor extend a session), in the
order used everywhere in mining.

Sessions to convert, per stage: over the customers who reached the stage,
the number of the session (1 = their first) in which they first had an
event in it — p10, p25, p50, p75 and p90 (exact, linear interpolation, as
for the time to convert, rounded to 6 decimals so both engines give the same
numbers) and the number of customers per session number.
A customer who enters a later stage first is counted at each stage where
they entered it. Every figure is one SQL text on DuckDB and Spark.

>>> from journeymap import Journey, Stage, mining
>>> shop = Journey(title="Shop", stages=[Stage(name="Look", touchpoints=["Home"]),
...                                      Stage(name="Buy", touchpoints=["Cart"])])
>>> log = [("c1", "home", "2024-01-01T10:00Z"), ("c1", "home", "2024-01-01T10:20Z"),
...        ("c1", "cart", "2024-01-02T09:00Z")]
>>> m = mining.mine_rows(log, shop, session_gap="30m")
>>> m.sessions, m.sessions_to("buy").p50, m.sessions_to("buy").counts
(2, 2.0, (SessionCount(sessions=2, customers=1),))
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import attrs

from journeymap.mining.durations import QUANTILES
from journeymap.mining.engines import Engine
from journeymap.model import Journey

__all__ = ["SessionCount", "SessionsToConvert", "session_figures"]


@attrs.frozen(kw_only=True)
class SessionCount:
    """``customers`` first reached the stage in their session number ``sessions`` (1 = the first)."""

    sessions: int
    customers: int


@attrs.frozen(kw_only=True)
class SessionsToConvert:
    """In which of their sessions the ``customers`` who reached ``stage`` first got there.

    Percentiles of the session number (1 = the customer's first session;
    exact, linear interpolation, rounded to 6 decimals); ``counts``: customers per session number,
    fewest sessions first (numbers nobody had are left out).
    """

    stage: str
    customers: int
    p10: float
    p25: float
    p50: float
    p75: float
    p90: float
    counts: tuple[SessionCount, ...] = ()


Figures = tuple[int, tuple[SessionsToConvert, ...]]


def session_figures(engine: Engine, ev: str, g: str, gap_seconds: float, journey: Journey | None) -> dict[Any, Figures]:
    """Per group (``g`` over the ``seg`` column of ``ev``): the number of sessions and the sessions to convert.

    ``ev`` is the per-event frame (customer, seg, stage, step, ts). Without a
    journey only the numbers of sessions are given.
    """
    epoch = engine.dialect.epoch_us.format("ts")
    gap = round(gap_seconds * 1_000_000)
    order = "OVER (PARTITION BY customer ORDER BY step)"
    opened = (
        f"SELECT customer, seg, stage, step, CASE WHEN lag({epoch}) {order} IS NULL"
        f" OR {epoch} - lag({epoch}) {order} > {gap} THEN 1 ELSE 0 END AS opens FROM {ev}"
    )
    numbered = (
        "SELECT customer, seg, stage, sum(opens) OVER (PARTITION BY customer ORDER BY step"
        f" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session FROM ({opened}) o"
    )
    # one row a customer and stage: the session of their first event there, and their last session so far
    table = engine.name("sess")
    engine.create(
        table,
        "SELECT customer, max(seg) AS seg, stage, min(session) AS first_session, max(session) AS last_session"
        f" FROM ({numbered}) n GROUP BY customer, stage",
    )
    totals = engine.rows(
        f"SELECT {g} AS g, sum(n) FROM (SELECT customer, max(seg) AS seg, max(last_session) AS n FROM {table}"
        " GROUP BY customer) c GROUP BY 1"
    )
    stages: dict[Any, list[SessionsToConvert]] = defaultdict(list)
    if journey is not None:
        counts: dict[tuple[Any, int], list[SessionCount]] = defaultdict(list)
        for group, stage, sessions, n in engine.rows(
            f"SELECT {g} AS g, stage, first_session, count(*) FROM {table} WHERE stage IS NOT NULL"
            " GROUP BY 1, 2, 3 ORDER BY 3"
        ):
            counts[(group, int(stage))].append(SessionCount(sessions=int(sessions), customers=int(n)))
        quantiles = ", ".join(f"percentile_cont({q}) WITHIN GROUP (ORDER BY first_session)" for q in QUANTILES)
        rows = engine.rows(
            f"SELECT {g} AS g, stage, count(*), {quantiles} FROM {table} WHERE stage IS NOT NULL GROUP BY 1, 2"
        )
        for group, stage, n, *values in sorted(rows, key=lambda row: int(row[1])):
            # rounded: the engines interpolate in different float steps (1.2 vs 1.2000000000000002)
            p10, p25, p50, p75, p90 = (round(float(v), 6) for v in values)
            stages[group].append(
                SessionsToConvert(
                    stage=journey.stages[int(stage)].id,
                    customers=int(n),
                    p10=p10,
                    p25=p25,
                    p50=p50,
                    p75=p75,
                    p90=p90,
                    counts=tuple(counts[(group, int(stage))]),
                )
            )
    return {group: (int(total), tuple(stages[group])) for group, total in totals}
