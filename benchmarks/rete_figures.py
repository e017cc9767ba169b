"""retentioneering's nearest equivalents of the figures of mining_figures.py (run in retentioneering's own interpreter).

retentioneering is never a dependency of journeymap: bench_mining.py runs these
functions with ``--retentioneering /path/to/python`` (an interpreter with
retentioneering, pandas and pyarrow), in a subprocess, and skips them with a
printed reason otherwise. Telemetry is switched off (``RETENTIONEERING_NO_TRACK``).

``rete_time``  (next to ``mine``)
    An eventstream of the touchpoints, its step matrix (10 steps), and
    ``time_between`` of the stages (first event of a stage to the first of
    the next, and first to last stage): p10…p90 and 15-minute bins.
``rete_funnel``  (next to ``funnel_ordered``)
    An eventstream of the stages, its funnel over the six stages (ordered,
    no window: retentioneering has none) and ``get_conversion_rate`` of each
    stage to the next ``within="30m"``.
``rete_segments``  (next to ``segments``)
    The funnel of each segment against the rest (``diff=``), a two-proportion
    z-test of each step, and ``time_between`` per segment.
"""

from __future__ import annotations

import math
import os
from typing import Any

from mining_figures import BIN_SECONDS, QUANTILES, SEGMENT, WINDOW


def _stream(path: str, *, stages: bool, segmented: bool = False) -> Any:
    os.environ.setdefault("RETENTIONEERING_NO_TRACK", "1")
    import pandas as pd
    from bench_mining import stage_names
    from retentioneering.eventstream.eventstream import Eventstream

    df = pd.read_parquet(path).rename(columns={"customer_id": "user_id", "touchpoint": "event"})
    if stages:
        df["event"] = df["event"].map(stage_names())
    if not segmented:
        df = df.drop(columns=[SEGMENT])
    return Eventstream(df, schema={"path_cols": ["user_id"], "segment_cols": [SEGMENT] if segmented else []})


def _pairs() -> list[tuple[str, str]]:
    from bench_mining import STAGES

    return [(f"S{k}", f"S{k + 1}") for k in range(STAGES - 1)] + [("S0", f"S{STAGES - 1}")]


def _time_between(stream: Any) -> Any:
    return stream.get_metrics(
        [{"metric": "time_between", "metric_args": {"start_event": a, "end_event": b}} for a, b in _pairs()]
    )


def _distribution(seconds: Any) -> tuple[int, tuple[float, ...], dict[int, int]]:
    """Customers, p10…p90 and the bins of the non-negative times (those who entered the later stage after)."""
    import numpy as np

    d = seconds[seconds >= 0].to_numpy(dtype=float)
    bins = np.floor(d / BIN_SECONDS).astype(np.int64)
    index, counts = np.unique(bins, return_counts=True)
    qs = tuple(round(float(q), 6) for q in np.quantile(d, QUANTILES)) if len(d) else ()
    return len(d), qs, dict(zip(index.tolist(), counts.tolist(), strict=True))


def rete_time(path: str) -> object:
    """Step matrix of the touchpoints, time between the stages (p10…p90, bins)."""
    stream = _stream(path, stages=False)
    matrix = stream.step_matrix_data(max_steps=10)
    from bench_mining import stage_names

    staged = stream.rename_events(stage_names())
    times = _time_between(staged)
    return [matrix.shape, [_distribution(times[column])[:2] for column in times.columns]]


def rete_funnel(path: str) -> object:
    """The ordered funnel of the stages, and each stage's conversion to the next within the window."""
    stream = _stream(path, stages=True)
    steps = sorted({a for a, _ in _pairs()} | {b for _, b in _pairs()})
    funnel = stream.funnel_data(steps=steps)
    within = [stream.get_conversion_rate(a, b, within=WINDOW)["converted"].iloc[0] for a, b in _pairs()[:-1]]
    return [[s["unique_paths"] for s in funnel["steps"]], [int(n) for n in within]]


def rete_segments(path: str) -> object:
    """Each segment's funnel against the rest with a z-test per step, and time between the stages per segment."""
    stream = _stream(path, stages=True, segmented=True)
    steps = sorted({a for a, _ in _pairs()} | {b for _, b in _pairs()})
    levels = sorted(stream.get_segment_levels()[SEGMENT])
    total = stream.df["user_id"].nunique()
    sizes = stream.df.groupby("user_id", sort=False)[SEGMENT].first().value_counts()
    tests = []
    for level in levels:
        diff = stream.funnel_data(steps=steps, diff=(SEGMENT, level, "<REST>"))
        for step in diff["steps"]:
            a, n_a = step["funnel1_unique_paths"], int(sizes[level])
            b, n_b = step["funnel2_unique_paths"], total - n_a
            tests.append((level, step["step"], _z_test(a, n_a, b, n_b)))
    times = _time_between(stream)
    segment = stream.df.groupby("user_id", sort=False)[SEGMENT].first()
    per = {
        (level, column): _distribution(group)[:2]
        for column in times.columns
        for level, group in times[column].groupby(segment.reindex(times.index))
    }
    return [len(tests), len(per)]


def _z_test(hits_a: int, n_a: int, hits_b: int, n_b: int) -> float:
    a, b, pooled = hits_a / n_a, hits_b / n_b, (hits_a + hits_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return math.erfc(abs((a - b) / se) / math.sqrt(2)) if se > 0 else 1.0


CONTENDERS = {"rete_time": rete_time, "rete_funnel": rete_funnel, "rete_segments": rete_segments}
