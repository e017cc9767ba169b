"""Conversion windows and funnel modes on hand-computed logs (see docs/mining.md, "Conversion windows")."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap import Journey, Stage
from journeymap.mining import Funnel, mine_rows, parse_duration

from .conftest import examples
from .test_mining import LOG, SHOP, at

pytest.importorskip("duckdb")

FUNNEL = Journey(
    title="Funnel",
    stages=[
        Stage(name="Discover", touchpoints=["Ad"]),
        Stage(name="Consider", touchpoints=["Pricing"]),
        Stage(name="Buy", touchpoints=["Checkout"]),
    ],
)


def day(n: int) -> str:
    return (dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=n)).isoformat()


# a: straight through; b: enters Consider first; c: skips ahead to Buy, then back to Consider;
# d: comes back to Discover on day 20 and prices on day 25 (only a repeated visit is within 14 days).
MODES_LOG = [
    ("a", "ad", day(0)),
    ("a", "pricing", day(1)),
    ("a", "checkout", day(2)),
    ("b", "pricing", day(0)),
    ("b", "ad", day(1)),
    ("c", "ad", day(0)),
    ("c", "checkout", day(1)),
    ("c", "pricing", day(2)),
    ("d", "ad", day(0)),
    ("d", "ad", day(20)),
    ("d", "pricing", day(25)),
]


def funnel(log: list[tuple[str, str, str]], journey: Journey = FUNNEL, **options: object) -> list[tuple[int, int]]:
    m = mine_rows(log, journey, **options)
    return [(s.metrics.reached, s.metrics.converted) for s in m.stages]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, [(4, 4), (4, 2), (2, 0)]),
        ({"mode": "any_order", "window": "14d"}, [(4, 4), (4, 2), (2, 0)]),
        ({"mode": "any_order", "window": "14d", "dedup": True}, [(4, 3), (4, 2), (2, 0)]),
        ({"mode": "ordered"}, [(4, 3), (3, 1), (1, 0)]),
        ({"mode": "ordered", "window": "14d"}, [(4, 3), (3, 1), (1, 0)]),
        ({"mode": "ordered", "window": "14d", "dedup": True}, [(4, 2), (2, 1), (1, 0)]),
        ({"mode": "strict_order"}, [(4, 2), (2, 1), (1, 0)]),
        ({"mode": "strict_order", "window": "12h"}, [(4, 0), (0, 0), (0, 0)]),
    ],
)
def test_modes_give_the_hand_computed_funnel(options: dict[str, object], expected: list[tuple[int, int]]) -> None:
    assert funnel(MODES_LOG, **options) == expected


def test_dropped_is_reached_minus_converted_and_settings_are_kept() -> None:
    m = mine_rows(MODES_LOG, FUNNEL, mode="ordered", window="14d", dedup=True)
    assert [s.metrics.dropped for s in m.stages] == [2, 1, 1]
    assert m.funnel == Funnel(window_seconds=14 * 86400, mode="ordered", dedup=True)
    assert m.to_dict()["funnel"] == {"window_seconds": 1209600.0, "mode": "ordered", "dedup": True}


def test_window_edge_is_inclusive() -> None:
    log = [("c", "ad", day(0)), ("c", "pricing", day(14))]
    for mode in ("any_order", "ordered", "strict_order"):
        assert funnel(log, mode=mode, window="14d")[0] == (1, 1)
        assert funnel(log, mode=mode, window=dt.timedelta(days=14) - dt.timedelta(seconds=1))[0] == (1, 0)


def test_ties_count_in_journey_order() -> None:
    log = [("c", "pricing", day(0)), ("c", "ad", day(0))]  # same instant: Discover comes first
    assert funnel(log, mode="strict_order", window="0s") == [(1, 1), (1, 0), (0, 0)]
    assert funnel(log[::-1], mode="ordered", window=0) == [(1, 1), (1, 0), (0, 0)]


def test_one_event_customers_and_a_later_stage_first() -> None:
    log = [("one", "ad", day(0)), ("late", "checkout", day(0)), ("late", "ad", day(1))]
    assert funnel(log, mode="ordered") == [(2, 0), (0, 0), (0, 0)]
    assert funnel(log) == [(2, 1), (0, 0), (1, 0)]  # any order: a later stage at any time
    assert funnel(log, window="12h") == [(2, 0), (0, 0), (1, 0)]


def test_the_shop_log_in_strict_order_within_15_minutes() -> None:
    m = mine_rows(LOG, SHOP, mode="strict_order", window="15m")
    assert [(s.metrics.reached, s.metrics.converted) for s in m.stages] == [(4, 2), (2, 1), (1, 0), (0, 0)]


@pytest.mark.parametrize(
    ("value", "message"),
    [("fortnight", "window: expected a duration"), (-1, "window: must not be negative")],
)
def test_bad_window(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mine_rows(LOG, SHOP, window=value)


def test_bad_mode() -> None:
    with pytest.raises(ValueError, match="mode: expected one of any_order, ordered, strict_order, got 'strict'"):
        mine_rows(LOG, SHOP, mode="strict")


def test_durations() -> None:
    assert [parse_duration(v) for v in ("90s", "30m", "36h", "14d", "2w", "1.5h", 7)] == [
        90.0,
        1800.0,
        129600.0,
        1209600.0,
        1209600.0,
        5400.0,
        7.0,
    ]


names = st.sampled_from(["ad", "pricing", "checkout", "other"])
logs = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c"]), names, st.integers(min_value=0, max_value=30)),
    min_size=1,
    max_size=20,
)
modes = st.sampled_from(["any_order", "ordered", "strict_order"])


@settings(max_examples=examples(20), deadline=None)
@given(logs, modes, st.booleans(), st.integers(0, 20), st.integers(0, 20), st.randoms(use_true_random=False))
def test_shuffled_rows_give_equal_figures_and_a_wider_window_never_converts_fewer(
    log: list[tuple[str, str, int]], mode: str, dedup: bool, narrow: int, extra: int, rnd: random.Random
) -> None:
    rows = [(c, e, at(m)) for c, e, m in log]
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    small = funnel(rows, mode=mode, dedup=dedup, window=narrow * 60)
    assert funnel(shuffled, mode=mode, dedup=dedup, window=narrow * 60) == small
    wide = funnel(rows, mode=mode, dedup=dedup, window=(narrow + extra) * 60)
    unlimited = funnel(rows, mode=mode, dedup=dedup)
    for a, b, c in zip(small, wide, unlimited, strict=True):
        assert a[0] <= b[0] <= c[0]  # reach of a stage (the first stage's never changes)
        assert a[1] <= b[1] <= c[1]  # conversion
        assert 0 <= a[1] <= a[0]
    assert [x[0] for x in small[:1]] == [x[0] for x in unlimited[:1]]  # no stages when nothing matched
