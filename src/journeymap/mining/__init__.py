"""Measure a journey from an event log: who did what, when.

:func:`mine` reads an event log (one row per event: a customer, an event name,
a timestamp) and measures each stage and touchpoint of a journey map: reach,
conversion, drop-off, time between stages, backward moves, transitions, exit
points and the most frequent paths. :func:`enrich` attaches the figures to
the journey so every exporter shows them.
:func:`paths` and :func:`left_at` show what customers did around a
touchpoint and before leaving a stage.

The default engine is embedded DuckDB (``pip install 'journeymap[mining]'``);
a PySpark DataFrame is measured by its own Spark session with the same SQL.
See ``docs/mining.md``.

>>> from journeymap import mining
>>> log = [("c1", "home", "2024-01-01T10:00Z"), ("c1", "cart", "2024-01-01T10:05Z")]
>>> m = mining.mine_rows(log)
>>> m.customers, [(t.source, t.target, t.count) for t in m.transitions]
(1, [('home', 'cart', 1)])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from journeymap.mining.around import DropOff, Link, PathCount, Paths, left_at, paths, paths_rows
from journeymap.mining.differences import SegmentDifference, differences
from journeymap.mining.engines import Engine
from journeymap.mining.enrich import enrich
from journeymap.mining.errors import (
    EmptyLogError,
    EventLogError,
    MissingColumnError,
    ObjectCentricLogError,
    TimestampError,
)
from journeymap.mining.funnel import MODES, Funnel, parse_duration
from journeymap.mining.inputs import Columns, Source, check_events, open_source, reading, rows_relation
from journeymap.mining.matching import match_events
from journeymap.mining.metrics import (
    EventCount,
    JourneyMetrics,
    StageResult,
    TimeBin,
    TimeToConvert,
    TouchpointMetrics,
    Transition,
    Variant,
)
from journeymap.mining.query import build_tables, measure, unmatched_counts
from journeymap.mining.sessions import SessionCount, SessionsToConvert, session_figures
from journeymap.model import Journey

__all__ = [
    "MODES",
    "DropOff",
    "EmptyLogError",
    "EventCount",
    "EventLogError",
    "Funnel",
    "JourneyMetrics",
    "Link",
    "MissingColumnError",
    "ObjectCentricLogError",
    "PathCount",
    "Paths",
    "SegmentDifference",
    "SessionCount",
    "SessionsToConvert",
    "StageResult",
    "TimeBin",
    "TimeToConvert",
    "TimestampError",
    "TouchpointMetrics",
    "Transition",
    "Variant",
    "differences",
    "enrich",
    "left_at",
    "mine",
    "mine_rows",
    "parse_duration",
    "paths",
    "paths_rows",
]


def mine(
    events: Any,
    journey: Journey | None = None,
    *,
    customer: str | None = None,
    touchpoint: str | None = None,
    timestamp: str | None = None,
    segment: str | None = None,
    top_variants: int = 10,
    window: str | dt.timedelta | float | None = None,
    mode: str = "any_order",
    dedup: bool = False,
    bin_width: str | dt.timedelta | float | None = None,
    session_gap: str | dt.timedelta | float | None = None,
    connection: Any = None,
    progress: Callable[[str], None] | None = None,
) -> JourneyMetrics:
    """Measure an event log against a journey.

    ``events`` is a file path (CSV, Parquet, JSON lines, XES, XES.gz), a
    pandas or polars DataFrame, a pyarrow Table, a DuckDB relation (pass
    ``connection=`` when it is not from DuckDB's default connection) or a
    PySpark DataFrame. Column names default to ``customer_id``,
    ``touchpoint`` and ``timestamp`` (for XES: ``case:concept:name``,
    ``concept:name`` and ``time:timestamp``). With ``segment=`` the figures
    are also given per value of that column (a customer belongs to the
    segment of their first event).

    Without a journey every event name is a touchpoint and no stages are
    measured. ``window`` (``"14d"``, ``"36h"``, a timedelta or seconds),
    ``mode`` (``"any_order"``, ``"ordered"``, ``"strict_order"``) and
    ``dedup`` set how the stage funnel counts (see
    :mod:`journeymap.mining.funnel`); the defaults give the plain figures.
    ``bin_width`` fixes the histogram bins of ``time_to_convert`` (default:
    a round width chosen from the log, see :mod:`journeymap.mining.durations`).
    ``session_gap`` (``"30m"``, a timedelta or seconds) cuts each customer's
    events into sessions where they paused longer than that, and measures
    per stage the sessions to convert (see :mod:`journeymap.mining.sessions`).

    >>> log = [("c1", "home", "2024-01-01T10:00Z"), ("c1", "cart", "2024-01-03T10:00Z")]
    >>> from journeymap import Stage
    >>> shop = Journey(title="Shop", stages=[Stage(name="Look", touchpoints=["Home"]),
    ...                                      Stage(name="Buy", touchpoints=["Cart"])])
    >>> [mine_rows(log, shop, window=w).stage("look").converted for w in ("1d", "2d")]
    [0, 1]

    Timestamps with an offset are compared in UTC; naive ones are
    taken as UTC. ``progress`` is called with a short text before each step.

    Raises :class:`EventLogError` subclasses naming the file and column.
    """
    step = progress or (lambda _: None)
    funnel = Funnel(window_seconds=None if window is None else parse_duration(window), mode=mode, dedup=dedup)
    bins = None if bin_width is None else parse_duration(bin_width, "bin_width") or None
    gap = None if session_gap is None else _session_gap(session_gap)
    step("reading")
    source = open_source(
        events, Columns(customer=customer, touchpoint=touchpoint, timestamp=timestamp, segment=segment), connection
    )
    try:
        with reading(source.label):
            return _mine(source, journey, segment is not None, top_variants, step, funnel, bins, gap)
    finally:
        source.close()


def _session_gap(value: str | dt.timedelta | float) -> float:
    seconds = parse_duration(value, "session_gap")
    if seconds == 0:
        raise ValueError(f"session_gap: must be more than 0, got {value!r}")
    return seconds


def _with_sessions(
    result: JourneyMetrics,
    engine: Engine,
    ev: str,
    journey: Journey | None,
    gap: float,
    progress: Callable[[str], None],
) -> JourneyMetrics:
    """``result`` with the sessions figures, overall and per segment, measured from the per-event frame ``ev``."""
    progress("cutting sessions")
    overall = session_figures(engine, ev, "CAST(NULL AS STRING)", gap, journey)
    groups = session_figures(engine, ev, "seg", gap, journey) if result.segments else {}

    def evolve(metrics: JourneyMetrics, figures: tuple[int, tuple[SessionsToConvert, ...]] | None) -> JourneyMetrics:
        total, stages = figures or (0, ())
        return attrs.evolve(metrics, session_gap_seconds=gap, sessions=total, sessions_to_convert=stages)

    return attrs.evolve(
        evolve(result, overall.get(None)),
        segments=tuple(evolve(segment, groups.get(segment.segment)) for segment in result.segments),
    )


def _mine(
    source: Source,
    journey: Journey | None,
    by_segment: bool,
    top: int,
    progress: Callable[[str], None],
    funnel: Funnel,
    bins: float | None,
    gap: float | None,
) -> JourneyMetrics:
    counts = check_events(source)
    progress("matching events to touchpoints")
    matching = match_events(journey, counts)
    tables = build_tables(source.engine, source.view, matching, journey is not None, progress, segmented=by_segment)
    overall = measure(
        source.engine,
        tables,
        journey,
        matching,
        by_segment=False,
        top=top,
        progress=progress,
        funnel=funnel,
        bin_seconds=bins,
    )
    result = overall.get(None) or JourneyMetrics(customers=0, events=0, matched_events=0)
    segments: tuple[JourneyMetrics, ...] = ()
    if by_segment:
        groups = measure(
            source.engine,
            tables,
            journey,
            matching,
            by_segment=True,
            top=top,
            progress=progress,
            funnel=funnel,
            bin_seconds=bins,
        )
        segments = tuple(
            attrs.evolve(groups[key], funnel=funnel) for key in sorted(groups, key=lambda k: (k is None, str(k)))
        )
    result = attrs.evolve(
        result,
        events=sum(counts.values()),
        unmatched=unmatched_counts(counts, matching),
        segments=segments,
        funnel=funnel,
    )
    return result if gap is None else _with_sessions(result, source.engine, tables.ev, journey, gap, progress)


def mine_rows(
    rows: Iterable[tuple[str, str, str]], journey: Journey | None = None, *, top_variants: int = 10, **options: Any
) -> JourneyMetrics:
    """Measure a small log given as ``(customer, event, timestamp)`` tuples (timestamps as ISO text).

    Handy in tests and notebooks; big logs belong in a file or a DataFrame.
    ``options`` are those of :func:`mine` (``window=``, ``mode=``, ``dedup=``, ``session_gap=``).
    """
    with rows_relation(rows) as (relation, connection):
        return mine(relation, journey, connection=connection, top_variants=top_variants, **options)
