"""mining.paths on real event logs (../shared/corpus/eventlogs), checked against an independent pandas computation.

Without a journey the tie rule is: timestamp (UTC), then event name; the
oracle sorts the same way and cuts a window around each customer's first
event of the activity, padding with None.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from journeymap.mining import paths

pd = pytest.importorskip("pandas")
pytest.importorskip("duckdb")

COLUMNS = {"customer": "case:concept:name", "touchpoint": "concept:name", "timestamp": "time:timestamp"}


def oracle(frame: Any, around: str, before: int, after: int) -> Counter[tuple[str | None, ...]]:
    data = pd.DataFrame(
        {
            "c": frame[COLUMNS["customer"]].astype(str),
            "a": frame[COLUMNS["touchpoint"]].astype(str),
            "t": pd.to_datetime(frame[COLUMNS["timestamp"]], utc=True, format="ISO8601"),
        }
    ).sort_values(["c", "t", "a"], kind="stable")
    windows: Counter[tuple[str | None, ...]] = Counter()
    for _, group in data.groupby("c", sort=False):
        steps = list(group["a"])
        if around in steps:
            at = steps.index(around)
            windows[tuple(steps[k] if 0 <= k < len(steps) else None for k in range(at - before, at + after + 1))] += 1
    return windows


@pytest.mark.parametrize(
    "name",
    [
        "pm4py/roadtraffic100traces.csv",  # same-timestamp ties
        "pm4py/receipt.csv",  # mixed DST offsets
    ],
)
def test_paths_match_pandas(corpus: Path, name: str) -> None:
    path = corpus / "eventlogs" / name
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    around = frame[COLUMNS["touchpoint"]].value_counts().index[1]  # the second most frequent activity
    expected = oracle(frame, around, 2, 2)
    got = paths(path, around=around, before=2, after=2, top=10_000, **COLUMNS)  # type: ignore[arg-type]
    assert got.customers == sum(expected.values())
    assert got.distinct == len(expected)
    assert {s.steps: s.customers for s in got.sequences} == dict(expected)
    assert got.sequences[0].customers == max(expected.values())
