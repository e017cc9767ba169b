"""Benchmark of journeymap.mining against hand-written DuckDB SQL, pandas, retentioneering and PM4Py.

Generates a synthetic clickstream (about 10 events per customer, 40
touchpoints over 6 stages, some customers going back, many leaving early, a
``plan`` segment per customer) as Parquet, then runs each contender in a
fresh subprocess and prints wall time and peak memory (the subprocess's own
peak RSS, VmHWM on Linux).

    python benchmarks/bench_mining.py              # mine(), DuckDB, pandas at 1M events
    python benchmarks/bench_mining.py 10000000 --only mine,duckdb
    python benchmarks/bench_mining.py 1000000 --figures all --check --retentioneering /tmp/rete/bin/python
    python benchmarks/bench_mining.py 1000000 --figures funnel_ordered,segments
    python benchmarks/bench_mining.py 1000000 --only paths,paths_duckdb,paths_pandas  # paths + left_at

``--figures`` runs, for each figure row (``mine``: base figures and time to
convert; ``funnel_any_order``, ``funnel_ordered``, ``funnel_strict_order``,
``funnel_dedup``: the 30-minute windowed funnel in each mode; ``segments``:
everything per segment and the segment differences), journeymap, the
hand-written DuckDB query and pandas computing the same figures
(mining_figures.py; ``--check`` first compares their results, as
tests/test_bench_mining.py does at a small size), and retentioneering's
nearest equivalent (rete_figures.py) when ``--retentioneering`` names an
interpreter that has it; it is never a dependency, and is skipped with the
reason otherwise. The table at the end is Markdown (docs/mining.md, "Speed").

Targets: journeymap within 1.3x of hand-written DuckDB, faster than
retentioneering on every figure both compute, >= 3x faster than pandas,
10M events under 1 GiB peak. PM4Py's directly-follows discovery runs too when
PM4Py is installed by hand (``pip install pm4py``; it is AGPL, so it is never a
dependency of journeymap); it computes only the transitions.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mining_figures import FIGURES, RETE_NEXT_TO, check, duckdb_figures, mining_figures, pandas_figures

STAGES = 6
TOUCHPOINTS = 40


def _name(figure: str, tool: str) -> str:
    """The contender of ``tool`` (duckdb, pandas) for a figure row: the base row keeps its short names."""
    return tool if figure == "mine" else f"{figure}_{tool}"


def stage_names() -> dict[str, str]:
    """Touchpoint name -> stage name of the synthetic journey (no journeymap needed: retentioneering runs it)."""
    return {f"tp{i:02d}": f"S{i * STAGES // TOUCHPOINTS}" for i in range(TOUCHPOINTS)}


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
    # a segment per customer (its own generator, so the events stay those of earlier runs): long journeys are "team"
    plans = np.where(lengths >= 16, "team", np.random.default_rng(seed + 1).choice(["free", "pro"], size=len(lengths)))
    table = pa.table(
        {
            "customer_id": customer[order],
            "plan": np.repeat(plans, lengths)[order],
            "touchpoint": names[tp[order]],
            "timestamp": pa.array((1_700_000_000 + seconds[order]) * 1_000_000, pa.timestamp("us", tz="UTC")),
        }
    )
    pq.write_table(table, path)


def pandas_frame(path: str) -> Any:
    """The log read by pandas, with touchpoint code and stage, ordered per customer as mine() orders it."""
    import pandas as pd

    codes = _codes()
    df = pd.read_parquet(path)
    df["code"] = df["touchpoint"].map(lambda n: codes[n][0]).astype("int16")
    df["stage"] = df["touchpoint"].map(lambda n: codes[n][1]).astype("int8")
    return df.sort_values(["customer_id", "timestamp", "code"], kind="stable").reset_index(drop=True)


def pandas_base(df: Any) -> object:
    """The base figures of mine() by pandas, from :func:`pandas_frame` (mining_figures adds the new figures)."""
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


CONTENDERS: dict[str, Callable[[str], object]] = {
    "pm4py": run_pm4py,
    "paths": run_paths,
    "paths_duckdb": run_paths_duckdb,
    "paths_pandas": run_paths_pandas,
}
for _figure in FIGURES:
    CONTENDERS[_figure] = functools.partial(mining_figures, figure=_figure)
    CONTENDERS[_name(_figure, "duckdb")] = functools.partial(duckdb_figures, figure=_figure)
    CONTENDERS[_name(_figure, "pandas")] = functools.partial(pandas_figures, figure=_figure)
RETE = ("rete_time", "rete_funnel", "rete_segments")
"""Run in retentioneering's interpreter (--retentioneering), from rete_figures.py."""


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
    if name in RETE:
        import rete_figures

        run = rete_figures.CONTENDERS[name]
    else:
        run = CONTENDERS[name]
    start = time.perf_counter()
    result = run(path)
    elapsed = time.perf_counter() - start
    peak = peak_mib()
    print(json.dumps({"name": name, "seconds": elapsed, "peak_mib": peak, "result": str(result)[:80]}))


def _selected(args: argparse.Namespace) -> list[str]:
    """The contenders to run: --only, or every contender of the --figures rows."""
    if not args.figures:
        return [name for name in args.only.split(",") if name]
    figures = FIGURES if args.figures == "all" else tuple(args.figures.split(","))
    unknown = set(figures) - set(FIGURES)
    if unknown:
        raise SystemExit(f"--figures: unknown {', '.join(sorted(unknown))} (known: {', '.join(FIGURES)})")
    rete = {figure: name for name, figure in RETE_NEXT_TO.items()}
    return [
        name
        for figure in figures
        for name in (figure, _name(figure, "duckdb"), _name(figure, "pandas"), rete.get(figure))
        if name is not None
    ]


def _rete_python(option: str | None) -> str | None:
    """The retentioneering interpreter, or None with a printed reason."""
    if option is None:
        print("retentioneering: skipped (no --retentioneering /path/to/python given)")
        return None
    probe = (
        subprocess.run(
            [option, "-c", "import retentioneering; print(retentioneering.__version__)"],
            capture_output=True,
            text=True,
            check=False,
        )
        if Path(option).exists()
        else None
    )
    if probe is None or probe.returncode != 0:
        print(f"retentioneering: skipped ({option} cannot import retentioneering)")
        return None
    print(f"retentioneering {probe.stdout.strip()} from {option}")
    return option


def _table(results: dict[str, tuple[float, float]]) -> list[str]:
    """The Markdown table of the figure rows: times, peaks and the ratios of the targets."""
    rete = {figure: name for name, figure in RETE_NEXT_TO.items()}
    lines = [
        "| figure | journeymap | hand-written DuckDB | pandas | retentioneering"
        " | journeymap / DuckDB | rete / journeymap |",
        "|---|---|---|---|---|---|---|",
    ]

    def cell(name: str | None) -> str:
        if name not in results:
            return "—"
        seconds, peak = results[name]
        return f"{seconds:.2f} s, {peak:.0f} MiB"

    def ratio(a: str | None, b: str | None) -> str:
        return f"{results[a][0] / results[b][0]:.2f}x" if a in results and b in results else "—"

    for figure in FIGURES:
        duck, pandas, other = _name(figure, "duckdb"), _name(figure, "pandas"), rete.get(figure)
        if figure in results:
            lines.append(
                f"| {figure} | {cell(figure)} | {cell(duck)} | {cell(pandas)} | {cell(other)}"
                f" | {ratio(figure, duck)} | {ratio(other, figure)} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("events", nargs="?", type=int, default=1_000_000)
    parser.add_argument(
        "--only", default=_default_contenders(), help="comma-separated contenders: " + ",".join([*CONTENDERS, *RETE])
    )
    parser.add_argument(
        "--figures", help=f"comma-separated figure rows (or all), each with its contenders: {','.join(FIGURES)}"
    )
    parser.add_argument("--retentioneering", metavar="PYTHON", help="an interpreter with retentioneering, for rete_*")
    parser.add_argument("--check", action="store_true", help="compare the figures of mining, DuckDB and pandas first")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    names = _selected(args)
    rete_python = _rete_python(args.retentioneering) if any(name in RETE for name in names) else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clicks.parquet"
        start = time.perf_counter()
        generate(args.events, path)
        print(f"generated {args.events:,} events in {time.perf_counter() - start:.1f} s")
        if args.check:
            problems = check(str(path))
            print("figures equal: mining, hand-written DuckDB, pandas" if not problems else "\n".join(problems))
        results: dict[str, tuple[float, float]] = {}
        for name in names:
            python = rete_python if name in RETE else sys.executable
            if python is None:
                continue
            for _ in range(args.repeat):
                out = subprocess.run(
                    [python, __file__, "--child", name, str(path)], capture_output=True, text=True, check=False
                )
                if out.returncode != 0:
                    print(f"{name:24s} failed (exit {out.returncode}): {out.stderr.strip().splitlines()[-1:]}")
                    break
                row = json.loads(out.stdout.strip().splitlines()[-1])
                if name not in results or row["seconds"] < results[name][0]:
                    results[name] = (row["seconds"], row["peak_mib"])
                print(f"{name:24s} {row['seconds']:8.2f} s  {row['peak_mib']:8.0f} MiB peak", flush=True)
        seconds = {name: value[0] for name, value in results.items()}
        if "mine" in seconds and "pandas" in seconds:
            print(f"pandas / mine: {seconds['pandas'] / seconds['mine']:.2f}x")
        if "paths" in seconds and "paths_duckdb" in seconds:
            print(f"paths + left_at / hand-written DuckDB: {seconds['paths'] / seconds['paths_duckdb']:.2f}x")
        if "paths" in seconds and "paths_pandas" in seconds:
            print(f"pandas / paths + left_at: {seconds['paths_pandas'] / seconds['paths']:.2f}x")
        if "mine" in seconds and "pm4py" in seconds:
            print(f"PM4Py directly-follows discovery / mine: {seconds['pm4py'] / seconds['mine']:.2f}x")
        if any(figure in results for figure in FIGURES):
            print("\n".join(_table(results)))


if __name__ == "__main__":
    main()
