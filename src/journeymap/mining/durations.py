"""Time to convert: the distribution of the time from entering a stage to entering the next one.

For each pair of neighbouring stages, and end to end from the first stage to
the last, over the customers who entered the later stage at or after the
earlier one: their number, the percentiles p10, p25, p50, p75 and p90
(exact, linear interpolation) and a histogram. The bin width is the same
for every segment of a pair, so segments compare bin by bin: ``bin_seconds``
when given, else a round duration near the Freedman–Diaconis width of the
whole log (at most 40 bins). Every figure is one SQL text on DuckDB and Spark.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from journeymap.mining.engines import Engine

__all__ = ["QUANTILES", "auto_width", "duration_rows"]

QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
_MAX_BINS = 40
# round widths, in seconds: 1 s … 30 min, 1 h … 12 h, 1 d, 2 d, 1 w, 2 w, 4 w
_ROUND: tuple[int, ...] = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200)
_ROUND += (86400, 172800, 604800, 1209600, 2419200)

Row = tuple[Any, ...]


def auto_width(count: int, q25: float, q75: float, low: float, high: float) -> float:
    """A round bin width near Freedman–Diaconis (2·IQR/n^⅓), with at most 40 bins from 0 to ``high``.

    >>> auto_width(1000, 600, 3000, 0, 7200)
    600.0
    """
    spread = q75 - q25 or (high - low) / 10 or 1.0
    wanted = max(2 * spread / max(count, 1) ** (1 / 3), high / _MAX_BINS, 1.0)
    for width in _ROUND:
        if width >= wanted:
            return float(width)
    weeks = math.ceil(wanted / _ROUND[-1])
    return float(weeks * _ROUND[-1])


def duration_rows(
    engine: Engine, pairs: str, g: str, bin_seconds: float | None
) -> dict[Any, list[tuple[int, int, int, tuple[float, ...], float, tuple[tuple[float, int], ...]]]]:
    """Per group: (from stage, to stage, customers, percentiles, bin width, bins as (start, customers)).

    ``pairs`` holds one row a customer and stage pair: customer, seg, src, dst, d (seconds).
    """
    quantiles = ", ".join(f"percentile_cont({q}) WITHIN GROUP (ORDER BY d)" for q in QUANTILES)
    stats = engine.rows(f"SELECT {g} AS g, src, dst, count(*), {quantiles} FROM {pairs} GROUP BY 1, 2, 3")
    if not stats:
        return {}
    if bin_seconds:  # one width for every pair: no query for the automatic ones
        widths = {(int(row[1]), int(row[2])): bin_seconds for row in stats}
        width = repr(bin_seconds)
    else:
        overall = engine.rows(
            f"SELECT src, dst, count(*), percentile_cont(0.25) WITHIN GROUP (ORDER BY d),"
            f" percentile_cont(0.75) WITHIN GROUP (ORDER BY d), min(d), max(d) FROM {pairs} GROUP BY 1, 2"
        )
        widths = {
            (int(src), int(dst)): auto_width(int(n), float(q25), float(q75), float(low), float(high))
            for src, dst, n, q25, q75, low, high in overall
        }
        width = (
            "(CASE " + " ".join(f"WHEN src = {a} AND dst = {b} THEN {w!r}" for (a, b), w in widths.items()) + " END)"
        )
    bins: dict[tuple[Any, int, int], dict[int, int]] = defaultdict(dict)
    for group, src, dst, index, n in engine.rows(
        f"SELECT {g} AS g, src, dst, CAST(floor(d / {width}) AS BIGINT) AS b, count(*) FROM {pairs} GROUP BY 1, 2, 3, 4"
    ):
        bins[(group, int(src), int(dst))][int(index)] = int(n)
    out: dict[Any, list[tuple[int, int, int, tuple[float, ...], float, tuple[tuple[float, int], ...]]]] = defaultdict(
        list
    )
    for group, src, dst, n, *values in stats:
        key = (int(src), int(dst))
        counts = bins[(group, *key)]
        histogram = tuple((index * widths[key], counts.get(index, 0)) for index in range(min(counts), max(counts) + 1))
        out[group].append((*key, int(n), tuple(float(v) for v in values), widths[key], histogram))
    return out
