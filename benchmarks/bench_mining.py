"""Benchmark of journeymap.mining.mine() against hand-written DuckDB SQL, pandas and PM4Py.

Generates a synthetic clickstream (about 10 events per customer, 40
touchpoints over 6 stages, some customers going back, many leaving early) as
Parquet, then runs each contender in a fresh subprocess and prints wall time
and peak memory (the subprocess's own peak RSS, VmHWM on Linux).

    python benchmarks/bench_mining.py              # 1M events
    python benchmarks/bench_mining.py 10000000     # 10M events
    python benchmarks/bench_mining.py 1000000 --only mine,duckdb
    python benchmarks/bench_mining.py 1000000 --only paths,paths_duckdb,paths_pandas  # paths + left_at

Targets: mine() within 1.5x of hand-written DuckDB (paths + left_at within 1.3x), >= 3x faster than pandas,
10M events under 1 GiB peak. PM4Py's directly-follows discovery runs too when
PM4Py is installed by hand (``pip install pm4py``; it is AGPL, so it is never a
dependency of journeymap); it computes only the transitions.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = 6
TOUCHPOINTS = 40


def journey() -> object:
    from journeymap import Journey, Stage

    stages = [[f"tp{i:02d}" for i in range(TOUCHPOINTS) if i * STAGES // TOUCHPOINTS == s] for s in range(STAGES)]
    return Journey(title="Synthetic", stages=[Stage(name=f"S{s}", touchpoints=tps) for s, tps in enumerate(stages)])


def generate(events: int, path: Path, seed: int = 7) -> None:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    lengths = rng.integers(1, 20, size=events // 10 + 1)
    lengths = lengths[: np.searchsorted(np.cumsum(lengths), events) + 1]
    lengths[-1] -= lengths.sum() - events
    lengths = lengths[lengths > 0]
    customer = np.repeat(np.arange(len(lengths)), lengths)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    step = rng.choice([-1, 0, 1], size=events, p=[0.08, 0.6, 0.32])
    step[starts == np.arange(events)] = 0
    walk = np.cumsum(step)
    stage = np.clip(walk - np.repeat(walk[np.cumsum(lengths) - lengths], lengths), 0, STAGES - 1)
    first = np.array([min(i for i in range(TOUCHPOINTS) if i * STAGES // TOUCHPOINTS == s) for s in range(STAGES)])
    width = np.diff(np.append(first, TOUCHPOINTS))
    tp = first[stage] + (rng.random(events) * width[stage]).astype(np.int64)
    names = np.array([f"tp{i:02d}" for i in range(TOUCHPOINTS)])
    gaps = rng.integers(1, 3600, size=events)
    base = np.repeat(rng.integers(0, 86400 * 30, size=len(lengths)), lengths)
    seconds = base + np.cumsum(gaps) - np.repeat(np.cumsum(gaps)[np.cumsum(lengths) - lengths], lengths)
    rows = len(customer)
    order = rng.permutation(rows)  # logs are not sorted
    table = pa.table(
        {
            "customer_id": customer[order],
            "touchpoint": names[tp[order]],
            "timestamp": pa.array((1_700_000_000 + seconds[order]) * 1_000_000, pa.timestamp("us", tz="UTC")),
        }
    )
    pq.write_table(table, path)


HAND_SQL = """
CREATE TEMP TABLE m AS SELECT name, code, stage FROM (VALUES {values}) t(name, code, stage);
CREATE TEMP TABLE ev AS SELECT s.customer_id AS c, m.code, m.stage, s.timestamp AS ts,
  row_number() OVER w AS step, lag(m.code) OVER w AS pc, lag(m.stage) OVER w AS ps, lead(m.code) OVER w IS NULL AS last
  FROM read_parquet('{path}') s JOIN m ON s.touchpoint = m.name
  WINDOW w AS (PARTITION BY s.customer_id ORDER BY s.timestamp, m.code);
CREATE TEMP TABLE cu AS SELECT c, max(stage) ms, max(CASE WHEN step = 1 THEN code END) fc,
  max(CASE WHEN last THEN code END) lc, sum(CASE WHEN stage < ps THEN 1 ELSE 0 END) back,
  string_agg(code::VARCHAR, ',' ORDER BY step) path FROM ev GROUP BY c;
CREATE TEMP TABLE cs AS SELECT c, stage, min(ts) t, max(stage) OVER (PARTITION BY c) ms FROM ev GROUP BY c, stage;
SELECT fc, lc, ms, sum(back), count(*), sum((back > 0)::INT) FROM cu GROUP BY ALL;
SELECT e.code, count(*), count(DISTINCT e.c), count(DISTINCT CASE WHEN cu.ms = 5 THEN e.c END)
  FROM ev e JOIN cu USING (c) GROUP BY 1;
SELECT pc, code, count(*) FROM ev WHERE pc IS NOT NULL GROUP BY ALL;
SELECT path, count(*) n FROM cu GROUP BY 1 ORDER BY n DESC, path LIMIT 10;
SELECT count(DISTINCT path) FROM cu;
SELECT stage, count(*), sum((ms > stage)::INT) FROM cs GROUP BY 1;
SELECT a.stage, quantile_cont(epoch(b.t) - epoch(a.t), [0.5, 0.75]) FROM cs a JOIN cs b
  ON a.c = b.c AND b.stage = a.stage + 1 WHERE b.t >= a.t GROUP BY 1;
SELECT ps, stage, count(*) FROM ev WHERE ps <> stage GROUP BY ALL;
"""


def run_mine(path: str) -> object:
    from journeymap.mining import mine

    m = mine(path, journey())  # type: ignore[arg-type]
    return [m.customers, m.variant_count, m.backward_moves, [s.metrics.reached for s in m.stages]]


def run_duckdb(path: str) -> object:
    import duckdb

    j = journey()
    values = ", ".join(
        f"('{tp.id}', {code}, {s})"
        for code, (s, tp) in enumerate((s, tp) for s, st in enumerate(j.stages) for tp in st.touchpoints)  # type: ignore[attr-defined]
    )
    con = duckdb.connect()
    out = []
    for statement in HAND_SQL.format(values=values, path=path).split(";"):
        if statement.strip():
            out = con.execute(statement).fetchall()
    return len(out)


def run_pandas(path: str) -> object:
    import pandas as pd

    j = journey()
    codes = {
        tp.id: (code, s)
        for code, (s, tp) in enumerate(  # type: ignore[attr-defined]
            (s, tp) for s, st in enumerate(j.stages) for tp in st.touchpoints
        )
    }  # type: ignore[attr-defined]
    df = pd.read_parquet(path)
    df["code"] = df["touchpoint"].map(lambda n: codes[n][0]).astype("int16")
    df["stage"] = df["touchpoint"].map(lambda n: codes[n][1]).astype("int8")
    df = df.sort_values(["customer_id", "timestamp", "code"], kind="stable")
    g = df.groupby("customer_id", sort=False)
    df["pc"] = g["code"].shift()
    df["ps"] = g["stage"].shift()
    transitions = df.dropna(subset=["pc"]).groupby(["pc", "code"]).size()
    stage_moves = df[df["ps"].notna() & (df["ps"] != df["stage"])].groupby(["ps", "stage"]).size()
    df["back"] = df["stage"] < df["ps"]
    cu = g.agg(ms=("stage", "max"), fc=("code", "first"), lc=("code", "last"))
    cu["back"] = df.groupby("customer_id", sort=False)["back"].sum()
    cu["path"] = g["code"].agg(lambda s: ",".join(map(str, s)))
    variants = cu["path"].value_counts().head(10)
    tps = df.groupby("code").agg(events=("customer_id", "size"), customers=("customer_id", "nunique"))
    cs = df.groupby(["customer_id", "stage"])["timestamp"].min().reset_index()
    cs = cs.merge(cu[["ms"]], left_on="customer_id", right_index=True)
    reach = cs.groupby("stage").agg(reached=("customer_id", "size"), conv=("ms", lambda m: 0))
    nxt = cs.assign(stage=cs["stage"] - 1).rename(columns={"timestamp": "t2"})
    pairs = cs.merge(nxt[["customer_id", "stage", "t2"]], on=["customer_id", "stage"])
    pairs = pairs[pairs["t2"] >= pairs["timestamp"]]
    pairs["d"] = (pairs["t2"] - pairs["timestamp"]).dt.total_seconds()
    times = pairs.groupby("stage")["d"].quantile([0.5, 0.75])
    return [len(transitions), len(stage_moves), len(variants), len(tps), len(reach), len(times)]


def run_pm4py(path: str) -> object:
    """PM4Py's directly-follows discovery alone (a fraction of what mine() computes).

    PM4Py is AGPL: a benchmark contender when installed by hand (``pip install pm4py``), never a dependency.
    """
    import pandas as pd
    import pm4py

    df = pd.read_parquet(path)
    df["customer_id"] = df["customer_id"].astype(str)  # PM4Py wants text case ids
    dfg, starts, ends = pm4py.discover_dfg(
        df, case_id_key="customer_id", activity_key="touchpoint", timestamp_key="timestamp"
    )
    return [len(dfg), len(starts), len(ends)]


AROUND, BEFORE, AFTER, LEFT_AT, LAST = "tp10", 3, 3, "s2", 3
"""The paths figures measured: 3 steps before and after tp10 (stage S1), the last 3 events of those who left at S2."""

PATHS_SQL = """
CREATE TEMP TABLE m AS SELECT name, code, stage FROM (VALUES {values}) t(name, code, stage);
CREATE TEMP TABLE ev AS SELECT s.customer_id AS c, m.code, m.stage,
  row_number() OVER (PARTITION BY s.customer_id ORDER BY s.timestamp, m.code) AS step
  FROM read_parquet('{path}') s JOIN m ON s.touchpoint = m.name;
CREATE TEMP TABLE w AS SELECT * FROM (SELECT c, step, code,
  lag(code, 3) OVER o AS p0, lag(code, 2) OVER o AS p1, lag(code, 1) OVER o AS p2,
  lead(code, 1) OVER o AS p4, lead(code, 2) OVER o AS p5, lead(code, 3) OVER o AS p6,
  min(CASE WHEN code = {around} THEN step END) OVER (PARTITION BY c) AS first_at
  FROM ev WINDOW o AS (PARTITION BY c ORDER BY step)) x WHERE step = first_at;
SELECT p0, p1, p2, code, p4, p5, p6, count(*) n FROM w GROUP BY ALL ORDER BY n DESC LIMIT 10;
SELECT count(*), count(DISTINCT (p0, p1, p2, p4, p5, p6)) FROM w;
SELECT p0, p1, count(*) FROM w GROUP BY ALL; SELECT p1, p2, count(*) FROM w GROUP BY ALL;
SELECT p2, code, count(*) FROM w GROUP BY ALL; SELECT code, p4, count(*) FROM w GROUP BY ALL;
SELECT p4, p5, count(*) FROM w GROUP BY ALL; SELECT p5, p6, count(*) FROM w GROUP BY ALL;
CREATE TEMP TABLE l AS SELECT * FROM (SELECT c, step, code, stage, lag(code, 2) OVER o AS q0, lag(code, 1) OVER o AS q1,
  lead(code) OVER o AS nxt, max(stage) OVER (PARTITION BY c) AS ms, max(step) OVER (PARTITION BY c) AS last_step,
  max(CASE WHEN stage = {left_at} THEN step END) OVER (PARTITION BY c) AS last_in
  FROM ev WINDOW o AS (PARTITION BY c ORDER BY step)) x WHERE ms = {left_at} AND (step = last_step OR step = last_in);
SELECT q0, q1, code, count(*) n FROM l WHERE step = last_step GROUP BY ALL ORDER BY n DESC LIMIT 10;
SELECT nxt, count(*) FROM l WHERE step = last_in GROUP BY ALL;
"""


def run_paths(path: str) -> object:
    from journeymap.mining import left_at, paths

    j = journey()
    p = paths(path, j, around=AROUND, before=BEFORE, after=AFTER)  # type: ignore[arg-type]
    d = left_at(path, j, stage=LEFT_AT, last=LAST)  # type: ignore[arg-type]
    return [p.customers, p.distinct, len(p.links), d.customers, len(d.instead)]


def run_paths_duckdb(path: str) -> object:
    import duckdb

    codes = _codes()
    values = ", ".join(f"('{name}', {code}, {stage})" for name, (code, stage) in codes.items())
    sql = PATHS_SQL.format(values=values, path=path, around=codes[AROUND][0], left_at=int(LEFT_AT[1:]))
    con = duckdb.connect()
    out = []
    for statement in sql.split(";"):
        if statement.strip():
            out.append(len(con.execute(statement).fetchall()))
    return out


def run_paths_pandas(path: str) -> object:
    import pandas as pd

    codes = _codes()
    df = pd.read_parquet(path)
    df["code"] = df["touchpoint"].map(lambda n: codes[n][0]).astype("int16")
    df["stage"] = df["touchpoint"].map(lambda n: codes[n][1]).astype("int8")
    df = df.sort_values(["customer_id", "timestamp", "code"], kind="stable").reset_index(drop=True)
    g = df.groupby("customer_id", sort=False)["code"]
    for k in range(1, 4):
        df[f"b{k}"] = g.shift(k)
        df[f"a{k}"] = g.shift(-k)
    at = df[df["code"] == codes[AROUND][0]].drop_duplicates("customer_id")
    cols = ["b3", "b2", "b1", "code", "a1", "a2", "a3"]
    sequences = at[cols].fillna(-1).value_counts()
    links = [at[[a, b]].fillna(-1).value_counts() for a, b in itertools.pairwise(cols)]
    df["ms"] = df.groupby("customer_id", sort=False)["stage"].transform("max")
    left = df[df["ms"] == int(LEFT_AT[1:])]
    last = left.drop_duplicates("customer_id", keep="last")[["b2", "b1", "code"]].fillna(-1).value_counts().head(10)
    instead = (
        left[left["stage"] == left["ms"]].drop_duplicates("customer_id", keep="last")["a1"].value_counts(dropna=False)
    )
    return [len(at), len(sequences), sum(len(x) for x in links), len(last), len(instead)]


def _codes() -> dict[str, tuple[int, int]]:
    """Touchpoint id -> (code in journey order, stage index) of the synthetic journey."""
    j = journey()
    pairs = ((s, tp) for s, st in enumerate(j.stages) for tp in st.touchpoints)  # type: ignore[attr-defined]
    return {tp.id: (code, s) for code, (s, tp) in enumerate(pairs)}


CONTENDERS = {
    "mine": run_mine,
    "duckdb": run_duckdb,
    "pandas": run_pandas,
    "pm4py": run_pm4py,
    "paths": run_paths,
    "paths_duckdb": run_paths_duckdb,
    "paths_pandas": run_paths_pandas,
}


def _default_contenders() -> str:
    """mine, duckdb and pandas; pm4py too when it is installed."""
    import importlib.util

    return "mine,duckdb,pandas" + (",pm4py" if importlib.util.find_spec("pm4py") else "")


def peak_mib() -> float:
    """Peak resident memory of this process in MiB.

    VmHWM (Linux) belongs to the process image: ``ru_maxrss`` also keeps the
    peak of the parent before ``exec`` — here the benchmark's parent after it
    generated the log, which would hide the child's own figure.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(name: str, path: str) -> None:
    start = time.perf_counter()
    result = CONTENDERS[name](path)
    elapsed = time.perf_counter() - start
    peak = peak_mib()
    print(json.dumps({"name": name, "seconds": elapsed, "peak_mib": peak, "result": str(result)[:80]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("events", nargs="?", type=int, default=1_000_000)
    parser.add_argument(
        "--only",
        default=_default_contenders(),
        help="comma-separated: mine,duckdb,pandas,pm4py,paths,paths_duckdb,paths_pandas",
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clicks.parquet"
        start = time.perf_counter()
        generate(args.events, path)
        print(f"generated {args.events:,} events in {time.perf_counter() - start:.1f} s")
        results: dict[str, float] = {}
        for name in args.only.split(","):
            for _ in range(args.repeat):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", name, str(path)], capture_output=True, text=True, check=True
                )
                row = json.loads(out.stdout.strip().splitlines()[-1])
                results[name] = min(results.get(name, float("inf")), row["seconds"])
                print(f"{name:12s} {row['seconds']:8.2f} s  {row['peak_mib']:8.0f} MiB peak")
        if "mine" in results and "duckdb" in results:
            print(f"mine / hand-written DuckDB: {results['mine'] / results['duckdb']:.2f}x")
        if "mine" in results and "pandas" in results:
            print(f"pandas / mine: {results['pandas'] / results['mine']:.2f}x")
        if "paths" in results and "paths_duckdb" in results:
            print(f"paths + left_at / hand-written DuckDB: {results['paths'] / results['paths_duckdb']:.2f}x")
        if "paths" in results and "paths_pandas" in results:
            print(f"pandas / paths + left_at: {results['paths_pandas'] / results['paths']:.2f}x")
        if "mine" in results and "pm4py" in results:
            print(f"PM4Py directly-follows discovery / mine: {results['pm4py'] / results['mine']:.2f}x")


if __name__ == "__main__":
    main()
