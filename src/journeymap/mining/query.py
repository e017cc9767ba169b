"""The mining queries: one SQL text for DuckDB and Spark, and the assembly of their rows.

The per-event frame is computed once (events joined to their touchpoints,
ordered per customer, with the previous touchpoint and stage) and every
figure derives from it and two small per-customer tables.

Order of a customer's events: by timestamp (UTC); events at the same
instant by the journey order of their touchpoints (without a journey: by
event name), then by segment value. The rule does not depend on the row
order of the log, so a shuffled log gives the same figures.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

import attrs

from journeymap.mining.durations import duration_rows
from journeymap.mining.engines import Engine
from journeymap.mining.funnel import Funnel, funnel_rows
from journeymap.mining.matching import Matching, Node
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
from journeymap.model import Journey, StageMetrics, StageMove

__all__ = ["Tables", "build_tables", "measure"]

Progress = Callable[[str], None]
Rows = list[tuple[Any, ...]]
Groups = dict[Any, Rows]


class Tables:
    """Names of the temporary tables built for one log."""

    def __init__(self, engine: Engine) -> None:
        self.map = engine.name("map")
        self.ev = engine.name("ev")
        self.cust = engine.name("cust")
        self.cs = engine.name("cs")
        self.pairs = engine.name("pairs")


def build_tables(
    engine: Engine, source: str, matching: Matching, staged: bool, progress: Progress, *, segmented: bool = False
) -> Tables:
    """Materialize the per-event frame and the per-customer tables.

    Without ``segmented`` the segment column is NULL throughout, and neither
    the ordering nor the per-customer tables spend time on it.
    """
    t = Tables(engine)
    # A customer's segment: the value of their first event (constant over the customer, so max() keeps it).
    if segmented:
        first_seg, order_seg, seg = "first_value(s.seg) OVER w", ", s.seg", "max(seg)"
    else:
        first_seg, order_seg, seg = "CAST(NULL AS STRING)", "", "CAST(NULL AS STRING)"
    names = sorted(matching.touchpoint_of)
    codes = [matching.touchpoint_of[name] for name in names]
    stages = [matching.nodes[code].stage if staged else None for code in codes]
    engine.table(t.map, [("name", "VARCHAR"), ("code", "INTEGER"), ("stage", "INTEGER")], [names, codes, stages])
    progress("ordering events")
    engine.create(
        t.ev,
        f"SELECT s.customer, {first_seg} AS seg, m.code, m.stage, s.ts,"
        " row_number() OVER w AS step, lag(m.code) OVER w AS prev_code, lag(m.stage) OVER w AS prev_stage,"
        " lead(m.code) OVER w IS NULL AS is_last"
        f" FROM {source} s JOIN {t.map} m ON s.event = m.name"
        f" WINDOW w AS (PARTITION BY s.customer ORDER BY s.ts, m.code{order_seg})",
    )
    progress("summarising customers")
    engine.create(
        t.cust,
        f"SELECT customer, {seg} AS seg, max(stage) AS max_stage,"
        " max(CASE WHEN step = 1 THEN code END) AS first_code, max(CASE WHEN is_last THEN code END) AS last_code,"
        " sum(CASE WHEN stage < prev_stage THEN 1 ELSE 0 END) AS back,"
        f" {engine.dialect.path} AS path FROM {t.ev} GROUP BY customer",
    )
    if staged:
        engine.create(
            t.cs,
            "SELECT customer, seg, stage, t, max(stage) OVER (PARTITION BY customer) AS max_stage FROM"
            f" (SELECT customer, {seg} AS seg, stage, min(ts) AS t FROM {t.ev} GROUP BY customer, stage) x",
        )
        # time to convert: each customer's neighbouring stages, and first to last stage (with three or more)
        epoch = engine.dialect.epoch_us
        last = max((node.stage for node in matching.nodes if node.stage is not None), default=0)
        end_to_end = f" OR (a.stage = 0 AND b.stage = {last})" if last > 1 else ""
        engine.create(
            t.pairs,
            f"SELECT a.customer, a.seg, a.stage AS src, b.stage AS dst,"
            f" CAST({epoch.format('b.t')} - {epoch.format('a.t')} AS DOUBLE) / 1000000.0 AS d FROM {t.cs} a"
            f" JOIN {t.cs} b ON a.customer = b.customer AND (b.stage = a.stage + 1{end_to_end}) WHERE b.t >= a.t",
        )
    return t


def _grouped(rows: Iterable[tuple[Any, ...]]) -> Groups:
    groups: Groups = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row[1:])
    return groups


class GroupRows(NamedTuple):
    """The rows of the figure queries for one group (a segment value, or everything), without the group column."""

    customers: Rows
    """(first code, last code, furthest stage, backward moves, customers, customers moving back)."""
    touchpoints: Rows
    """(code, events, customers, customers reaching the last stage)."""
    transitions: Rows
    """(previous code, code, count)."""
    variants: Rows
    """(path, customers, distinct paths of the group): the top paths."""
    reach: Rows
    """(stage, customers reaching it, customers going further); empty without a journey."""
    times: Rows
    """(stage, customers, (p10, p25, p50, p75, p90) seconds) to the next stage; empty without a journey."""
    moves: Rows
    """(stage, next stage, count) of the moves between stages; empty without a journey."""
    durations: Rows
    """(from stage, to stage, customers, percentiles, bin width, bins) of the times to convert."""


def measure(
    engine: Engine,
    t: Tables,
    journey: Journey | None,
    matching: Matching,
    *,
    by_segment: bool,
    top: int,
    progress: Progress,
    funnel: Funnel | None = None,
    bin_seconds: float | None = None,
) -> dict[str | None, JourneyMetrics]:
    """Run the figure queries (overall, or per segment value) and assemble one JourneyMetrics per group.

    A non-default ``funnel`` replaces each stage's reached / converted / dropped by its windowed figures.
    """
    g = "seg" if by_segment else "CAST(NULL AS STRING)"
    last_stage = len(journey.stages) - 1 if journey is not None else -1
    progress("counting customers" + (" per segment" if by_segment else ""))
    customers, touchpoints = _customer_rows(engine, t, g, last_stage)
    progress("counting transitions")
    transitions = _grouped(
        engine.rows(
            f"SELECT {g} AS g, prev_code, code, count(*) FROM {t.ev} WHERE prev_code IS NOT NULL GROUP BY 1, 2, 3"
        )
    )
    variants = _grouped(engine.rows(_top_paths(t, g, by_segment, top)))
    reach: Groups = {}
    times: Groups = {}
    moves: Groups = {}
    durations: dict[Any, Rows] = {}
    if journey is not None:
        progress("measuring stages")
        durations = duration_rows(engine, t.pairs, g, bin_seconds)
        times = {
            key: [(src, n, p) for src, dst, n, p, _, _ in rows if dst == src + 1] for key, rows in durations.items()
        }
        reach, moves = _stage_rows(engine, t, g)
        if funnel is not None and not funnel.is_default:
            progress("measuring the funnel")
            reach = _grouped(funnel_rows(engine, t.ev, len(journey.stages), funnel, g))
    keys = set(customers) | set(touchpoints)
    return {
        key: _assemble(
            journey,
            matching.nodes,
            key,
            GroupRows(
                customers=customers.get(key, []),
                touchpoints=touchpoints.get(key, []),
                transitions=transitions.get(key, []),
                variants=variants.get(key, []),
                reach=reach.get(key, []),
                times=times.get(key, []),
                moves=moves.get(key, []),
                durations=durations.get(key, []),
            ),
        )
        for key in keys
    }


def _customer_rows(engine: Engine, t: Tables, g: str, last_stage: int) -> tuple[Groups, Groups]:
    """The per-group customer rows and touchpoint rows (see :class:`GroupRows`)."""
    customers = _grouped(
        engine.rows(
            f"SELECT {g} AS g, first_code, last_code, max_stage, sum(back), count(*),"
            f" sum(CASE WHEN back > 0 THEN 1 ELSE 0 END) FROM {t.cust} GROUP BY 1, 2, 3, 4"
        )
    )
    touchpoints = _grouped(
        engine.rows(
            f"SELECT {g.replace('seg', 'c.seg')} AS g, x.code, sum(x.n), count(*),"
            f" sum(CASE WHEN c.max_stage = {last_stage} THEN 1 ELSE 0 END)"
            f" FROM (SELECT customer, code, count(*) AS n FROM {t.ev} GROUP BY customer, code) x"
            f" JOIN {t.cust} c ON x.customer = c.customer GROUP BY 1, 2"
        )
    )
    return customers, touchpoints


def _top_paths(t: Tables, g: str, by_segment: bool, top: int) -> str:
    """The query of each group's ``top`` most frequent paths, with the group's number of distinct paths."""
    paths = f"SELECT {g} AS g, path, count(*) AS n FROM {t.cust} GROUP BY 1, 2"
    if by_segment:
        return (
            f"SELECT g, path, n, total FROM (SELECT g, path, n, count(*) OVER (PARTITION BY g) AS total,"
            f" row_number() OVER (PARTITION BY g ORDER BY n DESC, path) AS r FROM ({paths}) x) y WHERE r <= {top}"
        )
    # one group: a top-N instead of ranking every distinct path
    return f"SELECT g, path, n, count(*) OVER () AS total FROM ({paths}) x ORDER BY n DESC, path LIMIT {max(top, 0)}"


def _stage_rows(engine: Engine, t: Tables, g: str) -> tuple[Groups, Groups]:
    """The per-group reach and moves rows of the stages (see :class:`GroupRows`)."""
    reach = _grouped(
        engine.rows(
            f"SELECT {g} AS g, stage, count(*), sum(CASE WHEN max_stage > stage THEN 1 ELSE 0 END)"
            f" FROM {t.cs} GROUP BY 1, 2"
        )
    )
    moves = _grouped(
        engine.rows(
            f"SELECT {g} AS g, prev_stage, stage, count(*) FROM {t.ev} WHERE prev_stage <> stage GROUP BY 1, 2, 3"
        )
    )
    return reach, moves


def _transitions(counts: Iterable[tuple[str, str, int]]) -> tuple[Transition, ...]:
    ordered = sorted(counts, key=lambda item: (-item[2], item[0], item[1]))
    return tuple(Transition(source=s, target=t, count=c) for s, t, c in ordered)


@attrs.define
class _Totals:
    """What the customer rows of one group add up to."""

    customers: int = 0
    converted: int = 0
    backward_customers: int = 0
    backward_moves: int = 0
    first: Counter[int] = attrs.Factory(Counter)
    last: Counter[int] = attrs.Factory(Counter)
    exits: Counter[int] = attrs.Factory(Counter)


def _totals(customers: Rows, last_stage: int | None) -> _Totals:
    """Sum the customer rows; ``last_stage`` None (no journey): no conversions or exits."""
    totals = _Totals()
    for first_code, last_code, max_stage, back, count, back_customers in customers:
        totals.customers += int(count)
        totals.first[first_code] += int(count)
        totals.last[last_code] += int(count)
        totals.backward_moves += int(back or 0)
        totals.backward_customers += int(back_customers or 0)
        if last_stage is not None:
            if max_stage == last_stage:
                totals.converted += int(count)
            else:
                totals.exits[last_code] += int(count)
    return totals


def _touchpoint_results(
    nodes: tuple[Node, ...], per_code: dict[int, tuple[int, int, int]], totals: _Totals, staged: bool
) -> tuple[TouchpointMetrics, ...]:
    """One TouchpointMetrics per node, in node order; ``per_code``: (events, customers, buyers) by code."""
    results = []
    for node in nodes:
        events, people, buyers = per_code.get(node.code, (0, 0, 0))
        results.append(
            TouchpointMetrics(
                id=node.id,
                name=node.name,
                stage=node.stage_id,
                customers=people,
                events=events,
                first=totals.first[node.code],
                last=totals.last[node.code],
                exits=totals.exits[node.code] if staged else None,
                impact=buyers / totals.converted if staged and totals.converted else None,
                converted=buyers if staged else None,
            )
        )
    return tuple(results)


def _stage_results(journey: Journey, rows: GroupRows) -> tuple[tuple[StageResult, ...], list[tuple[str, str, int]]]:
    """One StageResult per stage of ``journey``, and the moves between stages as (source id, target id, count)."""
    reached = {int(stage): (int(n), int(conv)) for stage, n, conv in rows.reach}
    durations = {int(stage): (int(n), tuple(float(v) for v in p)) for stage, n, p in rows.times}
    backward: Counter[int] = Counter()
    onward: dict[int, list[tuple[int, int]]] = defaultdict(list)
    stage_moves: list[tuple[str, str, int]] = []
    for source, target, count in rows.moves:
        stage_moves.append((journey.stages[source].id, journey.stages[target].id, int(count)))
        onward[int(source)].append((int(target), int(count)))
        if target < source:
            backward[int(source)] += int(count)
    results = []
    for index, stage in enumerate(journey.stages):
        n, conv = reached.get(index, (0, 0))
        timed, (p10, p25, median, p75, p90) = durations.get(index, (None, (None,) * 5))
        metrics = StageMetrics(
            reached=n,
            converted=conv,
            dropped=n - conv,
            median_seconds=median,
            p75_seconds=p75,
            p10_seconds=p10,
            p25_seconds=p25,
            p90_seconds=p90,
            timed_customers=timed,
            backward=backward[index],
            moves=[StageMove(to=journey.stages[target].id, count=count) for target, count in sorted(onward[index])],
        )
        results.append(StageResult(id=stage.id, name=stage.name, metrics=metrics))
    return tuple(results), stage_moves


def _variants(variants: Rows, ids: Sequence[str]) -> tuple[Variant, ...]:
    """The top paths as Variants, most customers first (ties by path)."""
    ordered = sorted(variants, key=lambda row: (-int(row[1]), str(row[0])))
    return tuple(
        Variant(path=tuple(ids[int(code)] for code in str(path).split(",")), customers=int(n)) for path, n, _ in ordered
    )


def _assemble(journey: Journey | None, nodes: tuple[Node, ...], segment: str | None, rows: GroupRows) -> JourneyMetrics:
    """The JourneyMetrics of one group from its query rows."""
    staged = journey is not None
    totals = _totals(rows.customers, len(journey.stages) - 1 if journey is not None else None)
    per_code = {int(code): (int(events), int(people), int(buyers)) for code, events, people, buyers in rows.touchpoints}
    ids = [node.id for node in nodes]
    matched = sum(events for events, _, _ in per_code.values())
    stage_results: tuple[StageResult, ...] = ()
    stage_moves: list[tuple[str, str, int]] = []
    if journey is not None:
        stage_results, stage_moves = _stage_results(journey, rows)
    return JourneyMetrics(
        customers=totals.customers,
        events=matched,
        matched_events=matched,
        stages=stage_results,
        touchpoints=_touchpoint_results(nodes, per_code, totals, staged),
        transitions=_transitions((ids[int(a)], ids[int(b)], int(n)) for a, b, n in rows.transitions),
        stage_transitions=_transitions(stage_moves),
        converted_customers=totals.converted if staged else None,
        backward_customers=totals.backward_customers,
        backward_moves=totals.backward_moves,
        variant_count=int(rows.variants[0][2]) if rows.variants else 0,
        variants=_variants(rows.variants, ids),
        time_to_convert=_times_to_convert(journey, rows.durations) if journey is not None else (),
        segment=segment,
    )


def _times_to_convert(journey: Journey, rows: Rows) -> tuple[TimeToConvert, ...]:
    """The time-to-convert figures in stage order, the end-to-end pair last."""
    ids = [stage.id for stage in journey.stages]
    return tuple(
        TimeToConvert(
            source=ids[src],
            target=ids[dst],
            customers=n,
            p10_seconds=p[0],
            p25_seconds=p[1],
            p50_seconds=p[2],
            p75_seconds=p[3],
            p90_seconds=p[4],
            bin_seconds=width,
            bins=tuple(TimeBin(start_seconds=start, customers=count) for start, count in bins),
        )
        for src, dst, n, p, width, bins in sorted(rows, key=lambda row: (row[1] - row[0] > 1, row[0]))
    )


def unmatched_counts(counts: dict[str, int], matching: Matching) -> tuple[EventCount, ...]:
    """The unmatched event names with their counts, most frequent first."""
    items = [(name, counts[name]) for name in matching.unmatched]
    items.sort(key=lambda item: (-item[1], item[0]))
    return tuple(EventCount(name=name, events=n) for name, n in items)
