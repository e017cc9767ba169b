"""Paths around a touchpoint and before leaving a stage, on a hand-computed log, and the flows chart."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap import Journey, Stage, Touchpoint
from journeymap.mining import EventLogError
from journeymap.mining.around import DropOff, Link, PathCount, left_at, paths, paths_rows

from .conftest import examples

duckdb = pytest.importorskip("duckdb")

SHOP = Journey(
    title="Shop",
    stages=[
        Stage(name="Discover", touchpoints=["Ad", "Blog"]),
        Stage(name="Consider", touchpoints=[Touchpoint(name="Pricing", events=["pricing_*"])]),
        Stage(name="Buy", touchpoints=["Checkout"]),
        Stage(name="Use", touchpoints=["Login"]),
    ],
)


def at(minute: int) -> str:
    return f"2024-01-01T{minute // 60:02d}:{minute % 60:02d}:00Z"


LOG = [
    ("c1", "ad", at(0)),
    ("c1", "pricing_page", at(10)),
    ("c1", "checkout", at(20)),
    ("c1", "login", at(60)),
    ("c2", "blog", at(0)),
    ("c2", "pricing_faq", at(5)),  # the first visit of Pricing
    ("c2", "blog", at(15)),
    ("c2", "pricing_page", at(30)),
    ("c3", "ad", at(0)),  # never at Pricing, left at Discover
    ("c3", "unknown_event", at(1)),
    ("c4", "pricing_page", at(0)),  # enters a later stage first
    ("c4", "ad", at(30)),
    ("c5", "pricing_page", at(0)),  # one event
    ("c6", "pricing_page", at(0)),  # a tie: Ad comes first in journey order
    ("c6", "ad", at(0)),
    ("c6", "newsletter", at(5)),  # matches no touchpoint: where c6 went instead
]


def relation(rows: list[tuple[str, str, str]]) -> tuple[object, object]:
    connection = duckdb.connect()
    columns = [list(column) for column in zip(*rows, strict=True)]
    return connection, connection.sql(
        "SELECT unnest(?::VARCHAR[]) AS customer_id, unnest(?::VARCHAR[]) AS touchpoint,"
        " unnest(?::VARCHAR[]) AS timestamp",
        params=columns,
    )


def test_paths_around_a_touchpoint_by_hand() -> None:
    p = paths_rows(LOG, SHOP, around="pricing", before=2, after=2)
    assert (p.customers, p.distinct) == (5, 5)
    assert p.sequences == (
        PathCount(steps=(None, None, "pricing", None, None), customers=1),  # c5
        PathCount(steps=(None, None, "pricing", "ad", None), customers=1),  # c4
        PathCount(steps=(None, "ad", "pricing", "checkout", "login"), customers=1),  # c1
        PathCount(steps=(None, "ad", "pricing", "newsletter", None), customers=1),  # c6
        PathCount(steps=(None, "blog", "pricing", "blog", "pricing"), customers=1),  # c2
    )
    assert p.steps(-1) == {None: 2, "ad": 2, "blog": 1}
    assert p.steps(0) == {"pricing": 5}
    assert p.steps(2) == {None: 3, "login": 1, "pricing": 1}
    assert p.steps(-2) == {None: 5}
    assert [link for link in p.links if link.offset == -1] == [
        Link(offset=-1, source=None, target="pricing", count=2),
        Link(offset=-1, source="ad", target="pricing", count=2),
        Link(offset=-1, source="blog", target="pricing", count=1),
    ]
    assert sum(link.count for link in p.links) == 4 * p.customers  # one move per neighbouring pair


def test_top_keeps_the_most_frequent_and_counts_every_distinct_path() -> None:
    p = paths_rows(LOG, SHOP, around="pricing", before=1, after=0, top=2)
    assert p.sequences == (
        PathCount(steps=(None, "pricing"), customers=2),
        PathCount(steps=("ad", "pricing"), customers=2),
    )
    assert (p.customers, p.distinct) == (5, 3)


def test_without_a_journey_event_names_are_steps() -> None:
    p = paths_rows(LOG, around="blog", before=0, after=1)
    assert [(s.steps, s.customers) for s in p.sequences] == [(("blog", "pricing_faq"), 1)]


def test_customers_who_left_at_a_stage_by_hand() -> None:
    connection, log = relation(LOG)
    drop = left_at(log, SHOP, stage="consider", last=2, connection=connection)
    assert drop == DropOff(
        stage="consider",
        customers=4,  # c2, c4, c5, c6 (c1 went on, c3 never got there)
        last=(
            PathCount(steps=(None, "pricing"), customers=1),  # c5
            PathCount(steps=("blog", "pricing"), customers=1),  # c2
            PathCount(steps=("pricing", "ad"), customers=1),  # c4
            PathCount(steps=("pricing", "newsletter"), customers=1),  # c6
        ),
        instead=((None, 2), ("ad", 1), ("newsletter", 1)),
    )


def test_bad_arguments_name_the_option() -> None:
    connection, log = relation(LOG)
    with pytest.raises(EventLogError, match="around: 'nowhere' is neither"):
        paths(log, SHOP, around="nowhere", connection=connection)
    with pytest.raises(ValueError, match="before, after and top"):
        paths(log, SHOP, around="pricing", before=-1, connection=connection)
    with pytest.raises(ValueError, match=r"stage: 'pay' is not a stage of the journey \(stages: discover"):
        left_at(log, SHOP, stage="pay", connection=connection)
    assert connection.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone() == (0,)


rows = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["ad", "blog", "pricing_a", "checkout", "other"]),
        st.integers(min_value=0, max_value=4),
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=examples(20), deadline=None)
@given(rows, st.randoms(use_true_random=False))
def test_shuffled_rows_give_the_same_paths(log: list[tuple[str, str, int]], rnd: random.Random) -> None:
    data = [(c, e, at(m)) for c, e, m in log]
    shuffled = data[:]
    rnd.shuffle(shuffled)
    if not any(e == "ad" for _, e, _ in data):
        return
    p = paths_rows(data, SHOP, around="ad", before=2, after=2)
    assert paths_rows(shuffled, SHOP, around="ad", before=2, after=2) == p
    assert p.customers == len({c for c, e, _ in data if e == "ad"})
    for offset in range(-2, 3):
        assert sum(p.steps(offset).values()) == p.customers


def test_flows_chart_draws_a_band_per_move() -> None:
    pytest.importorskip("matplotlib")
    from journeymap import charts

    p = paths_rows(LOG, SHOP, around="pricing", before=1, after=1)
    ax = charts.flows(p, journey=SHOP)
    bands = [patch for patch in ax.patches if (patch.get_gid() or "").startswith("flow-band-")]
    assert len(bands) == len(p.links)
    nodes = {patch.get_gid(): patch.get_height() for patch in ax.patches if "flow-node-" in (patch.get_gid() or "")}
    assert nodes["flow-node-1-0"] == pytest.approx(1.0)  # every customer is at Pricing
    assert ax.get_title(loc="left") == "Paths around Pricing"  # the touchpoint's name
    texts = [text.get_text() for text in ax.texts]
    assert {"Pricing (5)", "(start) (2)", "(end) (1)"} <= set(texts)
    staged = charts.flows(paths_rows(LOG, SHOP, around="consider", before=1, after=1, by="stage"), journey=SHOP)
    assert staged.get_title(loc="left") == "Paths around Consider"
    assert "Discover (3)" in [text.get_text() for text in staged.texts]
    charts.save_figure(ax.get_figure(), io.BytesIO(), "png")


def test_stage_to_stage_paths_by_hand() -> None:
    p = paths_rows(LOG, SHOP, around="consider", before=1, after=1, by="stage")
    assert p.sequences == (
        PathCount(steps=(None, "consider", None), customers=1),  # c5
        PathCount(steps=(None, "consider", "discover"), customers=1),  # c4
        PathCount(steps=("discover", "consider", "discover"), customers=1),  # c2: blog, pricing, blog, pricing
        PathCount(steps=("discover", "consider", "buy"), customers=1),  # c1
        PathCount(steps=("discover", "consider", "newsletter"), customers=1),  # c6
    )
    # back-to-back events of one stage are one step: ad and blog are both Discover
    browse = [("x", "ad", at(0)), ("x", "blog", at(1)), ("x", "pricing_page", at(2))]
    assert paths_rows(browse, SHOP, around="discover", before=0, after=1, by="stage").sequences == (
        PathCount(steps=("discover", "consider"), customers=1),
    )
    assert paths_rows(browse, SHOP, around="ad", before=0, after=1).sequences == (
        PathCount(steps=("ad", "blog"), customers=1),
    )
    with pytest.raises(ValueError, match="stages need a journey"):
        paths_rows(LOG, around="consider", by="stage")
