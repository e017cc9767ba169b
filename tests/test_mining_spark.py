"""The Spark engine: a local Spark session gives exactly the DuckDB figures (same SQL, one code path).

Slow (a JVM starts): about a minute. Skipped when pyspark or Java is missing.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from journeymap.mining import mine, mine_rows

from .test_mining import LOG, SHOP  # the hand-computed log and journey

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sql = pytest.importorskip("pyspark.sql")
        session = (
            sql.SparkSession.builder.master("local[1]")
            .appName("journeymap-test")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.sql.codegen.wholeStage", "false")
            .getOrCreate()
        )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_spark_engine_gives_the_duckdb_metrics(spark: Any) -> None:
    frame = spark.createDataFrame(
        [(c, e, t, "pro" if c in ("c1", "c4") else "free") for c, e, t in LOG],
        schema="customer_id string, touchpoint string, timestamp string, plan string",
    )
    before = spark.conf.get("spark.sql.session.timeZone")
    got = mine(frame, SHOP, segment="plan")
    assert spark.conf.get("spark.sql.session.timeZone") == before
    assert [name for name in spark.catalog.listTables() if name.name.startswith("jm_")] == []
    import duckdb

    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE log AS SELECT unnest(?::VARCHAR[]) AS customer_id, unnest(?::VARCHAR[]) AS touchpoint,"
        " unnest(?::VARCHAR[]) AS timestamp",
        [[c for c, _, _ in LOG], [e for _, e, _ in LOG], [t for _, _, t in LOG]],
    )
    connection.execute("ALTER TABLE log ADD COLUMN plan VARCHAR")
    connection.execute("UPDATE log SET plan = CASE WHEN customer_id IN ('c1', 'c4') THEN 'pro' ELSE 'free' END")
    expected = mine(connection.table("log"), SHOP, segment="plan", connection=connection)
    assert got == expected
    assert got.stages == mine_rows(LOG, SHOP).stages
    # the windowed funnel: any order (one self-join) and strict order (one join a stage) on both engines
    for options in ({"window": "15m", "dedup": True}, {"window": "15m", "mode": "strict_order"}):
        spark_figures = mine(frame, SHOP, segment="plan", **options)
        assert spark_figures == mine(connection.table("log"), SHOP, segment="plan", connection=connection, **options)
        assert spark_figures.stages != got.stages
    ordered = {"mode": "ordered"}  # the chain without a window: no HAVING
    assert mine(frame, SHOP, **ordered) == mine(connection.table("log"), SHOP, connection=connection, **ordered)


@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_spark_engine_gives_the_duckdb_paths(spark: Any) -> None:
    from journeymap.mining.around import left_at, paths, paths_rows

    from .test_mining_around import LOG as AROUND_LOG
    from .test_mining_around import SHOP as AROUND_SHOP
    from .test_mining_around import relation

    frame = spark.createDataFrame(AROUND_LOG, schema="customer_id string, touchpoint string, timestamp string")
    assert paths(frame, AROUND_SHOP, around="pricing", before=2, after=2) == paths_rows(
        AROUND_LOG, AROUND_SHOP, around="pricing", before=2, after=2
    )
    assert paths(frame, AROUND_SHOP, around="consider", before=1, after=1, by="stage") == paths_rows(
        AROUND_LOG, AROUND_SHOP, around="consider", before=1, after=1, by="stage"
    )
    connection, log = relation(AROUND_LOG)
    expected = left_at(log, AROUND_SHOP, stage="consider", last=2, connection=connection)
    assert left_at(frame, AROUND_SHOP, stage="consider", last=2) == expected
    assert [name for name in spark.catalog.listTables() if name.name.startswith("jm_")] == []


@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_spark_engine_gives_the_duckdb_sessions(spark: Any) -> None:
    import duckdb

    from .test_mining_funnel import FUNNEL
    from .test_mining_sessions import LOG as SESSIONS_LOG
    from .test_mining_sessions import PRO

    rows = [(c, e, t, "pro" if c in PRO else "free") for c, e, t in SESSIONS_LOG]
    frame = spark.createDataFrame(rows, schema="customer_id string, touchpoint string, timestamp string, plan string")
    got = mine(frame, FUNNEL, segment="plan", session_gap="30m")
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE log AS SELECT unnest(?::VARCHAR[]) AS customer_id, unnest(?::VARCHAR[]) AS touchpoint,"
        " unnest(?::VARCHAR[]) AS timestamp, unnest(?::VARCHAR[]) AS plan",
        [list(column) for column in zip(*rows, strict=True)],
    )
    assert got == mine(connection.table("log"), FUNNEL, segment="plan", session_gap="30m", connection=connection)
    assert (got.sessions, [s.sessions for s in got.segments]) == (10, [5, 5])
