"""Sessions and sessions to convert on a hand-computed log (see docs/mining.md, "Sessions")."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.mining import SessionCount, mine_rows

from .conftest import examples
from .test_mining_funnel import FUNNEL

pytest.importorskip("duckdb")


def minute(n: int) -> str:
    return (dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=n)).isoformat()


# With a 30-minute gap:
# a: pricing exactly 30 min after the ad stays in session 1 (inclusive edge); checkout 31 min later opens session 2.
# b: one event, one session.
# c: enters Buy first (session 1), then ad and pricing at the same instant two hours later (both session 2).
# d: an ad a day, then pricing and checkout ten minutes apart: sessions 1, 2, 3, 3.
# e: an unmatched newsletter event between two pricing visits 40 minutes apart does not bridge them.
LOG = [
    ("a", "ad", minute(0)),
    ("a", "pricing", minute(30)),
    ("a", "checkout", minute(61)),
    ("b", "ad", minute(0)),
    ("c", "checkout", minute(0)),
    ("c", "pricing", minute(120)),
    ("c", "ad", minute(120)),
    ("d", "ad", minute(0)),
    ("d", "ad", minute(1440)),
    ("d", "pricing", minute(2880)),
    ("d", "checkout", minute(2890)),
    ("e", "pricing", minute(0)),
    ("e", "newsletter", minute(20)),
    ("e", "pricing", minute(40)),
]
PRO = {"a", "d"}


def figures(m: object, stage: str) -> tuple[int, tuple[float, ...], dict[int, int]]:
    s = m.sessions_to(stage)  # type: ignore[attr-defined]
    return s.customers, (s.p10, s.p25, s.p50, s.p75, s.p90), {c.sessions: c.customers for c in s.counts}


def test_sessions_to_convert_by_hand() -> None:
    m = mine_rows(LOG, FUNNEL, session_gap="30m")
    assert (m.sessions, m.session_gap_seconds) == (2 + 1 + 2 + 3 + 2, 1800.0)
    # discover: a 1, b 1, c 2, d 1; consider: a 1, c 2, d 3, e 1; buy: a 2, c 1, d 3
    assert figures(m, "discover") == (4, (1.0, 1.0, 1.0, 1.25, 1.7), {1: 3, 2: 1})
    assert figures(m, "consider") == (4, (1.0, 1.0, 1.5, 2.25, 2.7), {1: 2, 2: 1, 3: 1})
    assert figures(m, "buy") == (3, (1.2, 1.5, 2.0, 2.5, 2.8), {1: 1, 2: 1, 3: 1})
    assert [s.stage for s in m.sessions_to_convert] == ["discover", "consider", "buy"]
    assert m.sessions_to("buy").counts[0] == SessionCount(sessions=1, customers=1)  # fewest sessions first
    assert m.to_dict()["sessions_to_convert"][2]["p50"] == 2.0


def test_a_gap_one_minute_shorter_splits_at_the_edge() -> None:
    m = mine_rows(LOG, FUNNEL, session_gap="29m")
    assert m.sessions == 11  # a: ad | pricing | checkout
    assert {c.sessions: c.customers for c in m.sessions_to("consider").counts} == {1: 1, 2: 2, 3: 1}


def test_sessions_per_segment() -> None:
    assert mine_rows(LOG, FUNNEL, session_gap="30m").segments == ()  # no segment column: no per-segment figures
    import duckdb

    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE log AS SELECT unnest(?::VARCHAR[]) AS customer_id, unnest(?::VARCHAR[]) AS touchpoint,"
        " unnest(?::VARCHAR[]) AS timestamp, unnest(?::VARCHAR[]) AS plan",
        [list(column) for column in zip(*[(c, e, t, "pro" if c in PRO else "free") for c, e, t in LOG], strict=True)],
    )
    from journeymap.mining import mine

    m = mine(connection.table("log"), FUNNEL, segment="plan", session_gap="30m", connection=connection)
    free, pro = m.segments
    assert (free.segment, free.sessions, pro.segment, pro.sessions) == ("free", 5, "pro", 5)
    assert figures(pro, "consider")[1][2] == 2.0  # a 1, d 3
    assert figures(pro, "buy")[1][2] == 2.5  # a 2, d 3
    assert figures(free, "buy") == (1, (1.0,) * 5, {1: 1})  # c
    assert m.sessions == 10


def test_without_a_journey_only_the_sessions_are_counted() -> None:
    m = mine_rows(LOG, session_gap="30m")
    assert (m.sessions, m.sessions_to_convert) == (9, ())  # e: the newsletter is a touchpoint now and bridges the pause
    with pytest.raises(KeyError):
        m.sessions_to("discover")


def test_without_session_gap_nothing_is_measured() -> None:
    m = mine_rows(LOG, FUNNEL)
    assert (m.sessions, m.session_gap_seconds, m.sessions_to_convert) == (None, None, ())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("soon", "session_gap: expected a duration like"),
        ("0m", "session_gap: must be more than 0"),
        (-5, "session_gap: must not be negative"),
    ],
)
def test_bad_session_gap(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mine_rows(LOG, FUNNEL, session_gap=value)


names = st.sampled_from(["ad", "pricing", "checkout", "other"])
logs = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c"]), names, st.integers(min_value=0, max_value=120)),
    min_size=1,
    max_size=25,
)


def points(m: object) -> dict[str, tuple[float, ...]]:
    return {s.stage: (s.p10, s.p25, s.p50, s.p75, s.p90) for s in m.sessions_to_convert}  # type: ignore[attr-defined]


@settings(max_examples=examples(20), deadline=None)
@given(logs, st.integers(1, 60), st.integers(0, 60), st.randoms(use_true_random=False))
def test_shuffled_rows_give_equal_sessions_and_a_larger_gap_never_more(
    log: list[tuple[str, str, int]], gap: int, extra: int, shuffle: random.Random
) -> None:
    rows = [(c, e, minute(t)) for c, e, t in log]
    narrow = mine_rows(rows, FUNNEL, session_gap=gap * 60)
    shuffled = rows[:]
    shuffle.shuffle(shuffled)
    assert mine_rows(shuffled, FUNNEL, session_gap=gap * 60) == narrow
    wide = mine_rows(rows, FUNNEL, session_gap=(gap + extra) * 60)
    assert narrow.sessions is not None
    assert wide.sessions is not None
    assert narrow.customers <= wide.sessions <= narrow.sessions
    small, large = points(narrow), points(wide)
    assert small.keys() == large.keys()  # the same customers reach the same stages
    for stage, values in small.items():
        assert all(b <= a for a, b in zip(values, large[stage], strict=True)), stage
