"""mine() on hand-computed logs: every figure checked against a computation done by hand."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap import Journey, Stage, Touchpoint
from journeymap.errors import JourneyMapError
from journeymap.mining import (
    EmptyLogError,
    EventLogError,
    MissingColumnError,
    ObjectCentricLogError,
    TimestampError,
    enrich,
    mine,
    mine_rows,
)
from journeymap.model import StageMetrics, StageMove

from .conftest import examples

pytest.importorskip("duckdb")

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


# c4's first event is written with a +01:00 offset: 01:00+01:00 is 00:00 UTC, before its "ad" at 00:30.
LOG = [
    ("c1", "ad", at(0)),
    ("c1", "pricing_page", at(10)),
    ("c1", "checkout", at(20)),
    ("c1", "login", at(60)),
    ("c2", "blog", at(0)),
    ("c2", "pricing_faq", at(5)),
    ("c2", "blog", at(15)),
    ("c2", "pricing_page", at(30)),
    ("c3", "ad", at(0)),
    ("c3", "unknown_event", at(1)),
    ("c4", "pricing_page", "2024-01-01T01:00:00+01:00"),
    ("c4", "ad", at(30)),
]


@pytest.fixture(scope="module")
def shop() -> object:
    return mine_rows(LOG, SHOP)


def test_counts_and_unmatched_events(shop: object) -> None:
    m = shop
    assert (m.customers, m.events, m.matched_events, m.unmatched_events) == (4, 12, 11, 1)  # type: ignore[attr-defined]
    assert [(u.name, u.events) for u in m.unmatched] == [("unknown_event", 1)]  # type: ignore[attr-defined]


def test_stage_reach_conversion_drop_off_and_backward_moves(shop: object) -> None:
    stages = {s.id: s.metrics for s in shop.stages}  # type: ignore[attr-defined]
    assert stages["discover"] == StageMetrics(
        reached=4,
        converted=3,
        dropped=1,
        median_seconds=450.0,
        p75_seconds=525.0,
        p10_seconds=330.0,  # c1 600 s, c2 300 s; c4 entered Consider first
        p25_seconds=375.0,
        p90_seconds=570.0,
        timed_customers=2,
        backward=0,
        moves=[StageMove(to="consider", count=3)],
    )
    assert stages["consider"] == StageMetrics(
        reached=3,
        converted=1,
        dropped=2,
        median_seconds=600.0,
        p75_seconds=600.0,
        p10_seconds=600.0,
        p25_seconds=600.0,
        p90_seconds=600.0,
        timed_customers=1,
        backward=2,
        moves=[StageMove(to="discover", count=2), StageMove(to="buy", count=1)],
    )
    assert stages["buy"] == StageMetrics(
        reached=1,
        converted=1,
        dropped=0,
        median_seconds=2400.0,
        p75_seconds=2400.0,
        p10_seconds=2400.0,
        p25_seconds=2400.0,
        p90_seconds=2400.0,
        timed_customers=1,
        backward=0,
        moves=[StageMove(to="use", count=1)],
    )
    assert stages["use"] == StageMetrics(reached=1, converted=0, dropped=1)
    assert shop.converted_customers == 1  # type: ignore[attr-defined]
    assert (shop.backward_customers, shop.backward_moves, shop.backward_share) == (2, 2, 0.5)  # type: ignore[attr-defined]


def test_touchpoint_figures(shop: object) -> None:
    got = {
        t.id: (t.customers, t.events, t.first, t.last, t.exits, t.impact)
        for t in shop.touchpoints  # type: ignore[attr-defined]
    }
    assert got == {
        "ad": (3, 3, 2, 2, 2, 1.0),
        "blog": (1, 2, 1, 0, 0, 0.0),
        "pricing": (3, 4, 1, 1, 1, 1.0),
        "checkout": (1, 1, 0, 0, 0, 1.0),
        "login": (1, 1, 0, 1, 0, 1.0),
    }


def test_transitions_and_variants(shop: object) -> None:
    m = shop
    assert [(t.source, t.target, t.count) for t in m.transitions] == [  # type: ignore[attr-defined]
        ("blog", "pricing", 2),
        ("ad", "pricing", 1),
        ("checkout", "login", 1),
        ("pricing", "ad", 1),
        ("pricing", "blog", 1),
        ("pricing", "checkout", 1),
    ]
    assert [(t.source, t.target, t.count) for t in m.stage_transitions] == [  # type: ignore[attr-defined]
        ("discover", "consider", 3),
        ("consider", "discover", 2),
        ("buy", "use", 1),
        ("consider", "buy", 1),
    ]
    assert m.variant_count == 4  # type: ignore[attr-defined]
    assert [(v.path, v.customers) for v in m.variants] == [  # type: ignore[attr-defined]
        (("ad",), 1),
        (("ad", "pricing", "checkout", "login"), 1),
        (("blog", "pricing", "blog", "pricing"), 1),
        (("pricing", "ad"), 1),
    ]
    assert mine_rows(LOG, SHOP, top_variants=2).variants == m.variants[:2]  # type: ignore[attr-defined]


def test_to_dict_is_plain_json(shop: object) -> None:
    data = json.loads(json.dumps(shop.to_dict()))  # type: ignore[attr-defined]
    assert data["stages"][1]["metrics"]["conversion"] == pytest.approx(1 / 3)
    assert data["unmatched_events"] == 1
    assert data["variants"][0] == {"path": ["ad"], "customers": 1}


def test_without_a_journey_event_names_are_touchpoints() -> None:
    m = mine_rows(LOG)
    assert m.stages == ()
    assert m.converted_customers is None
    assert m.unmatched == ()
    assert m.touchpoint("pricing_page").customers == 3
    assert m.touchpoint("blog").exits is None
    assert m.touchpoint("blog").impact is None
    assert m.customers == 4
    assert m.matched_events == 12


def test_ties_follow_journey_order_whatever_the_row_order() -> None:
    rows = [("c", "checkout", at(0)), ("c", "ad", at(0)), ("c", "login", at(1))]
    for order in (rows, rows[::-1]):
        m = mine_rows(order, SHOP)
        assert [(t.source, t.target) for t in m.transitions] == [("ad", "checkout"), ("checkout", "login")]
        assert m.backward_moves == 0
        assert m.stage("discover").median_seconds is None  # Consider never reached


def test_naive_timestamps_are_taken_as_utc() -> None:
    m = mine_rows([("c", "ad", "2024-01-01 00:00:00"), ("c", "pricing_x", "2024-01-01T00:10:00+00:00")], SHOP)
    assert m.stage("discover").median_seconds == 600.0


def test_segments(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    lines = ["customer_id,touchpoint,timestamp,plan"]
    plans = {"c1": "pro", "c2": "free", "c3": "free", "c4": "pro"}
    lines += [f"{c},{e},{t},{plans[c]}" for c, e, t in LOG]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    m = mine(path, SHOP, segment="plan")
    assert m == attrs_evolve_segments(mine_rows(LOG, SHOP), m)
    by = {s.segment: s for s in m.segments}
    assert set(by) == {"free", "pro"}
    assert (by["pro"].customers, by["free"].customers) == (2, 2)
    assert by["pro"].stage("discover") == StageMetrics(
        reached=2,
        converted=2,
        dropped=0,
        median_seconds=600.0,
        p75_seconds=600.0,
        p10_seconds=600.0,
        p25_seconds=600.0,
        p90_seconds=600.0,
        timed_customers=1,  # c1 (c4 entered Consider first)
        moves=[StageMove(to="consider", count=1)],
    )
    assert by["free"].backward_moves == 1
    assert by["pro"].converted_customers == 1


def attrs_evolve_segments(metrics: object, like: object) -> object:
    import attrs

    return attrs.evolve(metrics, segments=like.segments)  # type: ignore[misc, attr-defined]


def test_enrich_attaches_stage_metrics_and_reach(shop: object) -> None:
    enriched = enrich(SHOP, shop)  # type: ignore[arg-type]
    assert enriched.stage("consider").metrics == shop.stage("consider")  # type: ignore[attr-defined]
    assert [tp.reach for _, tp in enriched.touchpoints()] == [3, 1, 3, 1, 1]
    assert enriched.stage("discover").name == "Discover"
    assert SHOP.stages[0].metrics is None
    with pytest.raises(EventLogError, match="without a journey"):
        enrich(SHOP, mine_rows(LOG))
    with pytest.raises(EventLogError, match="another journey"):
        enrich(Journey(title="x", stages=["Other"]), shop)  # type: ignore[arg-type]


def write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_column_names_file_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "customer_id,event,timestamp\nc,a,2024-01-01\n")
    with pytest.raises(MissingColumnError) as info:
        mine(path)
    assert str(path) in str(info.value)
    assert "'touchpoint'" in str(info.value)
    assert info.value.column == "touchpoint"
    assert isinstance(info.value, JourneyMapError)


def test_unparseable_timestamp_names_row(tmp_path: Path) -> None:
    path = write(tmp_path, "customer_id,touchpoint,timestamp\nc,a,2024-01-01\nc,b,yesterday\n")
    with pytest.raises(TimestampError) as info:
        mine(path)
    assert info.value.row == 2
    assert "'yesterday'" in str(info.value)
    assert "'timestamp'" in str(info.value)
    empty = write(tmp_path, "customer_id,touchpoint,timestamp\nc,a,\n", "empty-ts.csv")
    with pytest.raises(TimestampError, match="row 1: is empty"):
        mine(empty)


def test_empty_log(tmp_path: Path) -> None:
    with pytest.raises(EmptyLogError, match="holds no events"):
        mine(write(tmp_path, "customer_id,touchpoint,timestamp\n"))


def test_several_customers_in_one_event_is_object_centric(tmp_path: Path) -> None:
    path = write(tmp_path, "customer_id,touchpoint,timestamp\nc1,a,2024-01-01\n\"['o1', 'o2']\",b,2024-01-02\n")
    with pytest.raises(ObjectCentricLogError) as info:
        mine(path)
    assert info.value.row == 2
    assert info.value.column == "customer_id"


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(JourneyMapError, match="unknown event log format"):
        mine(tmp_path / "log.txt")
    with pytest.raises(EventLogError, match="no such file"):
        mine(tmp_path / "log.csv")
    with pytest.raises(EventLogError, match="is not an event log"):
        mine([("c", "a", "2024-01-01")])


def test_other_file_formats_give_the_same_figures(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    expected = mine_rows(LOG, SHOP)
    connection = duckdb.connect()
    relation = connection.sql(
        "SELECT unnest(?::VARCHAR[]) AS customer_id, unnest(?::VARCHAR[]) AS touchpoint,"
        " unnest(?::VARCHAR[]) AS timestamp",
        params=[list(c) for c in zip(*LOG, strict=True)],
    )
    typed = relation.select("customer_id, touchpoint, CAST(timestamp AS TIMESTAMPTZ) AS timestamp")
    relation.write_parquet(str(tmp_path / "log.parquet"))
    typed.write_parquet(str(tmp_path / "typed.parquet"))
    (tmp_path / "log.jsonl").write_text(
        "".join(json.dumps({"customer_id": c, "touchpoint": e, "timestamp": t}) + "\n" for c, e, t in LOG)
    )
    for name in ("log.parquet", "typed.parquet", "log.jsonl"):
        assert mine(tmp_path / name, SHOP) == expected, name
    connection.execute("CREATE TABLE events AS SELECT * FROM typed")  # a DuckDB table
    assert mine(connection.table("events"), SHOP, connection=connection) == expected


@pytest.mark.parametrize("library", ["pandas", "polars", "pyarrow"])
def test_dataframes(library: str) -> None:
    module = pytest.importorskip(library)
    columns = {name: [row[i] for row in LOG] for i, name in enumerate(("customer_id", "touchpoint", "timestamp"))}
    frame = module.table(columns) if library == "pyarrow" else module.DataFrame(columns)
    assert mine(frame, SHOP) == mine_rows(LOG, SHOP)


def test_progress_reports_steps() -> None:
    import duckdb

    connection = duckdb.connect()
    relation = connection.sql("SELECT 'c' AS customer_id, 'ad' AS touchpoint, TIMESTAMP '2024-01-01' AS timestamp")
    steps: list[str] = []
    mine(relation, SHOP, connection=connection, progress=steps.append)
    assert steps[0] == "reading"
    assert "ordering events" in steps
    assert connection.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone() == (0,)


names = st.sampled_from(["ad", "blog", "pricing_a", "checkout", "login", "other"])
logs = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d"]), names, st.integers(min_value=0, max_value=5)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=examples(25), deadline=None)
@given(logs, st.randoms(use_true_random=False))
def test_shuffled_rows_give_the_same_metrics_and_conversion_never_exceeds_reach(
    log: list[tuple[str, str, int]], rnd: random.Random
) -> None:
    rows = [(c, e, at(m)) for c, e, m in log]
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    m = mine_rows(rows, SHOP)
    assert mine_rows(shuffled, SHOP) == m
    for result in m.stages:
        assert result.metrics.converted <= result.metrics.reached
    for tp in m.touchpoints:
        assert tp.customers <= m.customers
        assert tp.impact is None or 0 <= tp.impact <= 1
    assert sum(v.customers for v in m.variants) <= m.customers


def test_a_log_too_large_for_duckdbs_memory_limit_is_an_event_log_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB's OutOfMemoryException (one customer, 10M events: benchmarks/bench_limits.py) is a clear error."""
    import duckdb

    import journeymap.mining as mining_module

    log = tmp_path / "huge.csv"
    log.write_text("customer_id,touchpoint,timestamp\nc1,ad,2026-01-01 10:00\n", encoding="utf-8")

    def out_of_memory(*args: object, **kwargs: object) -> None:
        raise duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate data of size 256.0 MiB")

    monkeypatch.setattr(mining_module, "_mine", out_of_memory)
    with pytest.raises(mining_module.EventLogError, match=r"huge\.csv: needs more memory than DuckDB may use here"):
        mining_module.mine(log)


BAD_PAST_THE_SAMPLE = {
    # DuckDB sniffs a CSV's format from its first lines and reads a JSON object's keys lazily: the bad line
    # fails only in the query that reaches it (the JSON line was found by the fuzzer, tests/fuzz/crashes/jsonl)
    "log.csv": "customer_id,touchpoint,timestamp\n"
    + "".join(f"c{i},ad,2026-01-01T10:00:00Z\n" for i in range(30_000))
    + 'c1,ad,2026-01-01T10:00:00Z,extra,"x\n',
    "log.jsonl": '{"customer_id": 1, "touchpoint": "ad", "timestamp": "2026-01-01T10:00:00Z"}\n'
    '{"customer_id": 2, "touchpoint": "ad", "touchpoint": "ad", "timestamp": "2026-01-01T10:00:00Z"}\n',
}


@pytest.mark.parametrize("name", sorted(BAD_PAST_THE_SAMPLE))
@pytest.mark.parametrize("measure", ["mine", "paths"])
def test_a_bad_line_duckdb_reads_late_is_an_event_log_error_naming_the_file(
    tmp_path: Path, name: str, measure: str
) -> None:
    from journeymap import mining

    log = tmp_path / name
    log.write_text(BAD_PAST_THE_SAMPLE[name], encoding="utf-8")
    run = {"mine": lambda: mining.mine(log), "paths": lambda: mining.paths(log, around="ad")}[measure]
    with pytest.raises(mining.EventLogError, match="^" + re.escape(f"{log}: cannot be read: Invalid Input Error")):
        run()


@pytest.mark.parametrize("encoding", ["UTF-7", "UTF-16", "big5", "UTSSSF-8", "base64_codec", "idna", "punycode"])
def test_an_xes_log_declaring_an_encoding_expat_cannot_read_is_an_event_log_error(
    tmp_path: Path, encoding: str
) -> None:
    """Found by the fuzzer (tests/fuzz/crashes/xes): expat raised a bare ValueError or LookupError for these."""
    from journeymap import mining

    log = tmp_path / "log.xes"
    log.write_bytes(f"<?xml version='1.0' encoding='{encoding}'?>\n<log><trace/></log>\n".encode("ascii"))
    with pytest.raises(mining.EventLogError, match="^" + re.escape(f"{log}: is not valid XES: ")):
        mining.mine(log)
