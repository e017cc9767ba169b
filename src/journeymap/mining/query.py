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
from collections.abc import Callable, Iterable
from typing import Any

from journeymap.mining.engines import Engine
from journeymap.mining.matching import Matching, Node
from journeymap.mining.metrics import (
    EventCount,
    JourneyMetrics,
    StageResult,
    TouchpointMetrics,
    Transition,
    Variant,
)
from journeymap.model import Journey, StageMetrics, StageMove

__all__ = ["Tables", "build_tables", "measure"]

Progress = Callable[[str], None]


class Tables:
    """Names of the temporary tables built for one log."""

    def __init__(self, engine: Engine) -> None:
        self.map = engine.name("map")
        self.ev = engine.name("ev")
        self.cust = engine.name("cust")
        self.cs = engine.name("cs")


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
    return t


def _grouped(rows: Iterable[tuple[Any, ...]]) -> dict[Any, list[tuple[Any, ...]]]:
    groups: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row[1:])
    return groups


def measure(
    engine: Engine,
    t: Tables,
    journey: Journey | None,
    matching: Matching,
    *,
    by_segment: bool,
    top: int,
    progress: Progress,
) -> dict[str | None, JourneyMetrics]:
    """Run the figure queries (overall, or per segment value) and assemble one JourneyMetrics per group."""
    g = "seg" if by_segment else "CAST(NULL AS STRING)"
    staged = journey is not None
    last_stage = len(journey.stages) - 1 if journey is not None else -1
    epoch = engine.dialect.epoch_us
    progress("counting customers" + (" per segment" if by_segment else ""))
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
    progress("counting transitions")
    transitions = _grouped(
        engine.rows(
            f"SELECT {g} AS g, prev_code, code, count(*) FROM {t.ev} WHERE prev_code IS NOT NULL GROUP BY 1, 2, 3"
        )
    )
    paths = f"SELECT {g} AS g, path, count(*) AS n FROM {t.cust} GROUP BY 1, 2"
    if by_segment:
        top_paths = (
            f"SELECT g, path, n, total FROM (SELECT g, path, n, count(*) OVER (PARTITION BY g) AS total,"
            f" row_number() OVER (PARTITION BY g ORDER BY n DESC, path) AS r FROM ({paths}) x) y WHERE r <= {top}"
        )
    else:  # one group: a top-N instead of ranking every distinct path
        top_paths = (
            f"SELECT g, path, n, count(*) OVER () AS total FROM ({paths}) x ORDER BY n DESC, path LIMIT {max(top, 0)}"
        )
    variants = _grouped(engine.rows(top_paths))
    reach: dict[Any, list[tuple[Any, ...]]] = {}
    times: dict[Any, list[tuple[Any, ...]]] = {}
    moves: dict[Any, list[tuple[Any, ...]]] = {}
    if staged:
        progress("measuring stages")
        reach = _grouped(
            engine.rows(
                f"SELECT {g} AS g, stage, count(*), sum(CASE WHEN max_stage > stage THEN 1 ELSE 0 END)"
                f" FROM {t.cs} GROUP BY 1, 2"
            )
        )
        seconds = f"CAST({epoch.format('b.t')} - {epoch.format('a.t')} AS DOUBLE) / 1000000.0"
        times = _grouped(
            engine.rows(
                "SELECT g, stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY d),"
                " percentile_cont(0.75) WITHIN GROUP (ORDER BY d) FROM"
                f" (SELECT {g.replace('seg', 'a.seg')} AS g, a.stage, {seconds} AS d FROM {t.cs} a JOIN {t.cs} b"
                " ON a.customer = b.customer AND b.stage = a.stage + 1 WHERE b.t >= a.t) x GROUP BY 1, 2"
            )
        )
        moves = _grouped(
            engine.rows(
                f"SELECT {g} AS g, prev_stage, stage, count(*) FROM {t.ev} WHERE prev_stage <> stage GROUP BY 1, 2, 3"
            )
        )
    keys = set(customers) | set(touchpoints)
    return {
        key: _assemble(
            journey,
            matching.nodes,
            key,
            customers.get(key, []),
            touchpoints.get(key, []),
            transitions.get(key, []),
            variants.get(key, []),
            reach.get(key, []),
            times.get(key, []),
            moves.get(key, []),
        )
        for key in keys
    }


def _transitions(counts: Iterable[tuple[str, str, int]]) -> tuple[Transition, ...]:
    ordered = sorted(counts, key=lambda item: (-item[2], item[0], item[1]))
    return tuple(Transition(source=s, target=t, count=c) for s, t, c in ordered)


def _assemble(
    journey: Journey | None,
    nodes: tuple[Node, ...],
    segment: str | None,
    customers: list[tuple[Any, ...]],
    touchpoints: list[tuple[Any, ...]],
    transitions: list[tuple[Any, ...]],
    variants: list[tuple[Any, ...]],
    reach: list[tuple[Any, ...]],
    times: list[tuple[Any, ...]],
    moves: list[tuple[Any, ...]],
) -> JourneyMetrics:
    last_stage = len(journey.stages) - 1 if journey is not None else None
    first: Counter[int] = Counter()
    last: Counter[int] = Counter()
    exits: Counter[int] = Counter()
    total = converted = backward_customers = backward_moves = 0
    for first_code, last_code, max_stage, back, count, back_customers in customers:
        total += int(count)
        first[first_code] += int(count)
        last[last_code] += int(count)
        backward_moves += int(back or 0)
        backward_customers += int(back_customers or 0)
        if last_stage is not None:
            if max_stage == last_stage:
                converted += int(count)
            else:
                exits[last_code] += int(count)
    per_code = {int(code): (int(events), int(people), int(buyers)) for code, events, people, buyers in touchpoints}
    tp_results = []
    for node in nodes:
        events, people, buyers = per_code.get(node.code, (0, 0, 0))
        tp_results.append(
            TouchpointMetrics(
                id=node.id,
                name=node.name,
                stage=node.stage_id,
                customers=people,
                events=events,
                first=first[node.code],
                last=last[node.code],
                exits=exits[node.code] if journey is not None else None,
                impact=buyers / converted if journey is not None and converted else None,
            )
        )
    ids = [node.id for node in nodes]
    matched = sum(events for events, _, _ in per_code.values())
    stage_results: list[StageResult] = []
    stage_moves: list[tuple[str, str, int]] = []
    if journey is not None:
        reached = {int(stage): (int(n), int(conv)) for stage, n, conv in reach}
        durations = {int(stage): (median, p75) for stage, median, p75 in times}
        backward: Counter[int] = Counter()
        onward: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for source, target, count in moves:
            stage_moves.append((journey.stages[source].id, journey.stages[target].id, int(count)))
            onward[int(source)].append((int(target), int(count)))
            if target < source:
                backward[int(source)] += int(count)
        for index, stage in enumerate(journey.stages):
            n, conv = reached.get(index, (0, 0))
            median, p75 = durations.get(index, (None, None))
            metrics = StageMetrics(
                reached=n,
                converted=conv,
                dropped=n - conv,
                median_seconds=None if median is None else float(median),
                p75_seconds=None if p75 is None else float(p75),
                backward=backward[index],
                moves=[StageMove(to=journey.stages[target].id, count=count) for target, count in sorted(onward[index])],
            )
            stage_results.append(StageResult(id=stage.id, name=stage.name, metrics=metrics))
    variant_count = int(variants[0][2]) if variants else 0
    ordered_variants = sorted(variants, key=lambda row: (-int(row[1]), str(row[0])))
    return JourneyMetrics(
        customers=total,
        events=matched,
        matched_events=matched,
        stages=tuple(stage_results),
        touchpoints=tuple(tp_results),
        transitions=_transitions((ids[int(a)], ids[int(b)], int(n)) for a, b, n in transitions),
        stage_transitions=_transitions(stage_moves),
        converted_customers=converted if journey is not None else None,
        backward_customers=backward_customers,
        backward_moves=backward_moves,
        variant_count=variant_count,
        variants=tuple(
            Variant(path=tuple(ids[int(code)] for code in str(path).split(",")), customers=int(n))
            for path, n, _ in ordered_variants
        ),
        segment=segment,
    )


def unmatched_counts(counts: dict[str, int], matching: Matching) -> tuple[EventCount, ...]:
    """The unmatched event names with their counts, most frequent first."""
    items = [(name, counts[name]) for name in matching.unmatched]
    items.sort(key=lambda item: (-item[1], item[0]))
    return tuple(EventCount(name=name, events=n) for name, n in items)
