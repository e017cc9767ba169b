"""The contenders of bench_mining.py for the funnel, time-to-convert and segment figures.

Each figure is computed four ways on the same synthetic log: ``journeymap.mining``,
hand-written DuckDB SQL, pandas and (in its own interpreter) retentioneering's
nearest equivalent. The first three return the same figures, in the same
plain form, so :func:`check` can compare them at a small size
(tests/test_bench_mining.py runs it, so the hand-written queries cannot drift).

Figures (the whole ``mine()`` result is computed by every contender, so the
hand-written query and pandas compute the base figures too):

``mine``
    ``mine(log, journey, bin_width=BIN)``: base figures and time to convert
    (p10…p90 and bins per stage pair and end to end).
``funnel_any_order`` / ``funnel_ordered`` / ``funnel_strict_order`` / ``funnel_dedup``
    The same with ``window=WINDOW`` and that mode (``funnel_dedup``: ordered, ``dedup=True``).
``segments``
    ``mine(..., segment="plan")`` and ``differences()``: everything per segment,
    time to convert per segment, every segment against the rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

WINDOW, WINDOW_SECONDS = "30m", 1800
BIN, BIN_SECONDS = "15m", 900.0
SEGMENT = "plan"
FUNNELS: dict[str, dict[str, Any]] = {
    "funnel_any_order": {"mode": "any_order"},
    "funnel_ordered": {"mode": "ordered"},
    "funnel_strict_order": {"mode": "strict_order"},
    "funnel_dedup": {"mode": "ordered", "dedup": True},
}
FIGURES: tuple[str, ...] = ("mine", *FUNNELS, "segments")
RETE_NEXT_TO = {"rete_time": "mine", "rete_funnel": "funnel_ordered", "rete_segments": "segments"}
"""The figure row each retentioneering contender (rete_figures.py) stands next to."""
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
Figures = dict[str, Any]


def _journey() -> Any:
    from bench_mining import journey

    return journey()


def _codes() -> dict[str, tuple[int, int]]:
    from bench_mining import _codes

    return _codes()


def _stages() -> int:
    from bench_mining import STAGES

    return STAGES


# -- journeymap.mining ----------------------------------------------------------------------------------------------


def _ttc(m: Any, stage_index: dict[str, int]) -> dict[tuple[int, int], Any]:
    return {
        (stage_index[t.source], stage_index[t.target]): (
            t.customers,
            tuple(round(v, 6) for v in (t.p10_seconds, t.p25_seconds, t.p50_seconds, t.p75_seconds, t.p90_seconds)),
            {round(b.start_seconds / t.bin_seconds): b.customers for b in t.bins if b.customers},
        )
        for t in m.time_to_convert
    }


def _funnel(m: Any) -> dict[int, tuple[int, int]]:
    return {k: (s.metrics.reached, s.metrics.converted) for k, s in enumerate(m.stages) if s.metrics.reached}


def mining_figures(path: str, figure: str) -> Figures:
    """The figures of ``figure`` by journeymap.mining."""
    from journeymap.mining import differences, mine

    j = _journey()
    stage_index = {s.id: k for k, s in enumerate(j.stages)}
    if figure == "segments":
        m = mine(path, j, segment=SEGMENT, bin_width=BIN)
        tp_code = {tp.id: code for code, tp in enumerate(tp for s in j.stages for tp in s.touchpoints)}
        diffs = {
            (d.segment, d.kind, stage_index[d.id] if d.kind == "stage" else tp_code[d.id], d.figure): (
                d.hits,
                d.customers,
                d.baseline_hits,
                d.baseline_customers,
                round(d.p_value, 9),
            )
            for d in differences(m)
        }
        per = {s.segment: {"funnel": _funnel(s), "ttc": _ttc(s, stage_index)} for s in m.segments}
        return {"ttc": _ttc(m, stage_index), "segments": per, "differences": diffs}
    options = {"window": WINDOW, **FUNNELS[figure]} if figure in FUNNELS else {}
    m = mine(path, j, bin_width=BIN, **options)
    return {"customers": m.customers, "funnel": _funnel(m), "ttc": _ttc(m, stage_index)}


# -- hand-written DuckDB --------------------------------------------------------------------------------------------

TABLES_SQL = """
CREATE TEMP TABLE m AS SELECT name, code, stage FROM (VALUES {values}) t(name, code, stage);
CREATE TEMP TABLE ev AS SELECT s.customer_id AS c, {seg} AS seg, m.code, m.stage, s.timestamp AS ts,
  epoch_us(s.timestamp) AS us, row_number() OVER w AS step, lag(m.code) OVER w AS pc, lag(m.stage) OVER w AS ps,
  lead(m.code) OVER w IS NULL AS last
  FROM read_parquet('{path}') s JOIN m ON s.touchpoint = m.name
  WINDOW w AS (PARTITION BY s.customer_id ORDER BY s.timestamp, m.code);
CREATE TEMP TABLE cu AS SELECT c, any_value(seg) seg, max(stage) ms, max(CASE WHEN step = 1 THEN code END) fc,
  max(CASE WHEN last THEN code END) lc, sum(CASE WHEN stage < ps THEN 1 ELSE 0 END) back,
  string_agg(code::VARCHAR, ',' ORDER BY step) path FROM ev GROUP BY c;
CREATE TEMP TABLE cs AS SELECT c, seg, stage, t, max(stage) OVER (PARTITION BY c) ms
  FROM (SELECT c, any_value(seg) seg, stage, min(ts) t FROM ev GROUP BY c, stage);
CREATE TEMP TABLE pairs AS SELECT a.c, a.seg, a.stage src, b.stage dst, (epoch_us(b.t) - epoch_us(a.t)) / 1e6 d
  FROM cs a JOIN cs b ON a.c = b.c AND (b.stage = a.stage + 1 OR (a.stage = 0 AND b.stage = {last}))
  WHERE b.t >= a.t
"""

FIGURES_SQL = """
SELECT {g} g, fc, lc, ms, sum(back), count(*), sum((back > 0)::INT) FROM cu GROUP BY ALL;
SELECT {gc} g, e.code, count(*), count(DISTINCT e.c), count(DISTINCT CASE WHEN cu.ms = {last} THEN e.c END)
  FROM ev e JOIN cu USING (c) GROUP BY ALL;
SELECT {g} g, pc, code, count(*) FROM ev WHERE pc IS NOT NULL GROUP BY ALL;
SELECT g, path, n, count(*) OVER (PARTITION BY g) FROM (SELECT {g} g, path, count(*) n FROM cu GROUP BY ALL)
  QUALIFY row_number() OVER (PARTITION BY g ORDER BY n DESC, path) <= 10;
SELECT {g} g, ps, stage, count(*) FROM ev WHERE ps <> stage GROUP BY ALL;
SELECT {g} g, stage, count(*), sum((ms > stage)::INT) FROM cs GROUP BY ALL;
SELECT {g} g, src, dst, count(*), quantile_cont(d, [0.1, 0.25, 0.5, 0.75, 0.9]) FROM pairs GROUP BY ALL;
SELECT {g} g, src, dst, floor(d / {width})::BIGINT, count(*) FROM pairs GROUP BY ALL
"""


def _funnel_sql(stages: int, mode: str, dedup: bool, window_us: int) -> str:
    """The windowed funnel, as one would write it for DuckDB (ASOF joins for the ordered chain)."""
    if dedup:
        src = "SELECT c, any_value(seg) seg, stage, min(step) step, min(us) us FROM ev GROUP BY c, stage"
    else:
        src = "SELECT c, seg, stage, step, us FROM ev"
    if mode == "any_order":  # a stage's event with an event of a later stage within the window of it
        return (
            f"CREATE TEMP TABLE fs AS {src};"
            "CREATE TEMP TABLE fc AS SELECT DISTINCT a.c, a.stage FROM fs a JOIN fs b"
            f" ON a.c = b.c AND b.stage > a.stage AND abs(b.us - a.us) <= {window_us}"
        )
    block = " ".join(
        f"WHEN {k} THEN max(CASE WHEN stage NOT IN ({k - 1}, {k}) THEN step END) OVER p" for k in range(1, stages)
    )
    blk = f"CASE stage {block} END" if mode == "strict_order" else "NULL"
    sql = [
        f"CREATE TEMP TABLE fs AS SELECT *, {blk} blk FROM ({src}) WINDOW p AS (PARTITION BY c ORDER BY step)",
        "CREATE TEMP TABLE r0 AS SELECT c, seg, step, us FROM fs WHERE stage = 0",
    ]
    for k in range(1, stages):
        sql.append(
            f"CREATE TEMP TABLE r{k} AS SELECT s.c, s.seg, s.step, s.us FROM (SELECT * FROM fs WHERE stage = {k}) s"
            f" ASOF JOIN r{k - 1} r ON s.c = r.c AND s.step > r.step"
            f" WHERE s.us - r.us <= {window_us} AND (s.blk IS NULL OR s.blk < r.step)"
        )
    return ";".join(sql)


def _funnel_counts(stages: int, mode: str) -> str:
    """Overall (stage, reached, converted) rows; the ordered chain's converted is the next stage's reached."""
    if mode == "any_order":
        return (
            "SELECT NULL g, stage, n, coalesce(conv, 0) FROM (SELECT stage, count(DISTINCT c) n FROM fs GROUP BY 1)"
            " LEFT JOIN (SELECT stage, count(*) conv FROM fc GROUP BY 1) USING (stage)"
        )
    return " UNION ALL ".join(f"SELECT NULL g, {k} stage, count(DISTINCT c), NULL FROM r{k}" for k in range(stages))


def _run(con: Any, sql: str) -> list[list[tuple[Any, ...]]]:
    return [con.execute(s).fetchall() for s in sql.split(";") if s.strip()]


def duckdb_figures(path: str, figure: str) -> Figures:
    """The figures of ``figure`` by hand-written DuckDB SQL."""
    import duckdb

    codes, stages = _codes(), _stages()
    values = ", ".join(f"('{name}', {code}, {stage})" for name, (code, stage) in codes.items())
    segmented = figure == "segments"
    seg = f"first_value(s.{SEGMENT}) OVER w" if segmented else "NULL::VARCHAR"
    con = duckdb.connect()
    last = stages - 1
    _run(con, TABLES_SQL.format(values=values, seg=seg, path=path, last=last))
    groups = ["NULL::VARCHAR", "seg"] if segmented else ["NULL::VARCHAR"]
    out: dict[Any, Any] = {}
    for g in groups:
        rows = _run(con, FIGURES_SQL.format(g=g, gc=g.replace("seg", "cu.seg"), last=last, width=BIN_SECONDS))
        for key, value in _group_figures(rows, BIN_SECONDS).items():
            out.setdefault(key, {}).update(value)
    if figure in FUNNELS:
        mode, dedup = FUNNELS[figure]["mode"], FUNNELS[figure].get("dedup", False)
        _run(con, _funnel_sql(stages, mode, dedup, WINDOW_SECONDS * 1_000_000))
        rows = con.execute(_funnel_counts(stages, mode)).fetchall()
        out[None]["funnel"] = _chain_counts(rows, mode)[None]
    return _shape(out, figure)


def _chain_counts(rows: list[tuple[Any, ...]], mode: str) -> dict[Any, dict[int, tuple[int, int]]]:
    """Per group {stage: (reached, converted)}: the ordered chain converts at k what reached k + 1."""
    by = {(g, int(k)): (int(n), int(conv or 0)) for g, k, n, conv in rows}
    out: dict[Any, dict[int, tuple[int, int]]] = {}
    for (g, k), (n, conv) in by.items():
        if not n:
            continue
        converted = conv if mode == "any_order" else by.get((g, k + 1), (0, 0))[0]
        out.setdefault(g, {})[k] = (n, converted)
    return out


def _group_figures(rows: list[list[tuple[Any, ...]]], width: float) -> dict[Any, dict[str, Any]]:
    """Per group: customers, funnel (reach/conversion), touchpoints (customers, converted) and time to convert."""
    customers, touchpoints, reach, quantiles, bins = rows[0], rows[1], rows[5], rows[6], rows[7]
    out: dict[Any, dict[str, Any]] = {}
    for g, *_, n, _back in customers:
        group = out.setdefault(g, {"customers": 0, "touchpoints": {}, "ttc": {}})
        group["customers"] += int(n)
    for g, code, _events, people, converted in touchpoints:
        out[g]["touchpoints"][int(code)] = (int(people), int(converted))
    for g, k, n, conv in reach:
        out[g].setdefault("funnel", {})[int(k)] = (int(n), int(conv))
    hist: dict[tuple[Any, int, int], dict[int, int]] = {}
    for g, src, dst, b, n in bins:
        hist.setdefault((g, int(src), int(dst)), {})[int(b)] = int(n)
    for g, src, dst, n, qs in quantiles:
        out[g]["ttc"][(int(src), int(dst))] = (int(n), tuple(round(q, 6) for q in qs), hist[(g, int(src), int(dst))])
    return out


def _shape(groups: dict[Any, Any], figure: str) -> Figures:
    """The plain figures of the hand-written contenders, in the form mining_figures gives."""
    whole = groups[None]
    if figure != "segments":
        return {"customers": whole["customers"], "funnel": whole["funnel"], "ttc": whole["ttc"]}
    per = {g: {"funnel": v["funnel"], "ttc": v["ttc"]} for g, v in groups.items() if g is not None}
    return {"ttc": whole["ttc"], "segments": per, "differences": _differences(groups)}


def _z_test(hits_a: int, n_a: int, hits_b: int, n_b: int) -> float:
    """Two-sided pooled two-proportion z-test p-value."""
    a, b, pooled = hits_a / n_a, hits_b / n_b, (hits_a + hits_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return math.erfc(abs((a - b) / se) / math.sqrt(2)) if se > 0 else 1.0


def _differences(groups: dict[Any, Any]) -> dict[tuple[Any, ...], tuple[int, int, int, int, float]]:
    """Every segment against the rest: stage reach and conversion, touchpoint reach and conversion."""

    def counts(v: dict[str, Any]) -> dict[tuple[str, int, str], tuple[int, int]]:
        out: dict[tuple[str, int, str], tuple[int, int]] = {}
        for k, (n, conv) in v["funnel"].items():
            out[("stage", k, "reach")] = (n, v["customers"])
            out[("stage", k, "conversion")] = (conv, n)
        for code, (people, converted) in v["touchpoints"].items():
            out[("touchpoint", code, "reach")] = (people, v["customers"])
            out[("touchpoint", code, "conversion")] = (converted, people)
        return out

    whole = counts(groups[None])
    found = {}
    for g, v in groups.items():
        if g is None:
            continue
        mine = counts(v)
        for key, (total_hits, total_n) in whole.items():
            hits, n = mine.get(key, (0, 0))
            rest_hits, rest_n = total_hits - hits, total_n - n
            if n > 0 and rest_n > 0:
                p = _z_test(hits, n, rest_hits, rest_n)
                found[(g, *key)] = (hits, n, rest_hits, rest_n, round(p, 9))
    return found


# -- pandas ---------------------------------------------------------------------------------------------------------


def pandas_figures(path: str, figure: str) -> Figures:
    """The figures of ``figure`` by pandas (the base figures too, as mine() computes them)."""

    from bench_mining import pandas_base, pandas_frame

    stages = _stages()
    df = pandas_frame(path)
    pandas_base(df)  # the base figures, as mine() computes them
    unit = df["timestamp"].dt.unit
    df["us"] = df["timestamp"].astype("int64") // (1000 if unit == "ns" else 1)
    df["step"] = df.index
    segmented = figure == "segments"
    df["seg"] = df.groupby("customer_id", sort=False)[SEGMENT].transform("first") if segmented else 0
    groups: list[str | None] = [None, "seg"] if segmented else [None]
    out: dict[Any, Any] = {}
    for g in groups:
        for key, value in _pandas_group(df, g, stages).items():
            out.setdefault(key, {}).update(value)
    if figure in FUNNELS:
        mode, dedup = FUNNELS[figure]["mode"], FUNNELS[figure].get("dedup", False)
        out[None]["funnel"] = _pandas_funnel(df, stages, mode, dedup, WINDOW_SECONDS * 1_000_000)
    return _shape(out, figure)


def _pandas_group(df: Any, g: str | None, stages: int) -> dict[Any, dict[str, Any]]:
    import numpy as np
    import pandas as pd

    keys = ["customer_id"]
    cs = df.groupby(["customer_id", "stage"], sort=False).agg(seg=("seg", "first"), t=("us", "min")).reset_index()
    cs["ms"] = cs.groupby("customer_id", sort=False)["stage"].transform("max")
    cu = df.groupby("customer_id", sort=False).agg(seg=("seg", "first"), ms=("stage", "max"))
    gk: Any = (lambda frame: frame["seg"]) if g else (lambda frame: pd.Series(0, index=frame.index))
    out: dict[Any, dict[str, Any]] = {}

    def group(value: Any) -> dict[str, Any]:
        return out.setdefault(value if g else None, {"customers": 0, "touchpoints": {}, "ttc": {}, "funnel": {}})

    for value, n in cu.groupby(gk(cu)).size().items():
        group(value)["customers"] = int(n)
    tp = (
        df[[*keys, "seg", "code"]]
        .drop_duplicates([*keys, "code"])
        .merge(cu[["ms"]], left_on="customer_id", right_index=True)
    )
    tp["buyer"] = tp["ms"] == stages - 1
    for (value, code), row in tp.groupby([gk(tp), "code"]).agg(n=("buyer", "size"), b=("buyer", "sum")).iterrows():
        group(value)["touchpoints"][int(code)] = (int(row["n"]), int(row["b"]))
    cs["conv"] = cs["ms"] > cs["stage"]
    for (value, k), row in cs.groupby([gk(cs), "stage"]).agg(n=("conv", "size"), c=("conv", "sum")).iterrows():
        group(value)["funnel"][int(k)] = (int(row["n"]), int(row["c"]))
    nxt = cs[["customer_id", "stage", "t"]].rename(columns={"stage": "dst", "t": "t2"})
    pairs = cs.merge(nxt, on="customer_id")
    pairs = pairs[((pairs["dst"] == pairs["stage"] + 1) | ((pairs["stage"] == 0) & (pairs["dst"] == stages - 1)))]
    pairs = pairs[pairs["t2"] >= pairs["t"]]
    pairs["d"] = (pairs["t2"] - pairs["t"]) / 1e6
    pairs["b"] = np.floor(pairs["d"] / BIN_SECONDS).astype("int64")
    for (value, src, dst), d in pairs.groupby([gk(pairs), "stage", "dst"])["d"]:
        qs = tuple(round(float(q), 6) for q in np.quantile(d.to_numpy(), QUANTILES))
        bins = pairs.loc[d.index, "b"].value_counts()
        group(value)["ttc"][(int(src), int(dst))] = (len(d), qs, {int(b): int(n) for b, n in bins.items()})
    return out


def _pandas_funnel(df: Any, stages: int, mode: str, dedup: bool, window_us: int) -> dict[int, tuple[int, int]]:
    import numpy as np
    import pandas as pd

    if dedup:
        src = df.groupby(["customer_id", "stage"], sort=False).agg(step=("step", "min"), us=("us", "min")).reset_index()
        src = src.sort_values("step").reset_index(drop=True)
    else:
        src = df[["customer_id", "stage", "step", "us"]]
    if mode == "any_order":
        gap = pd.Series(np.inf, index=src.index)
        for k in range(stages - 1):
            later = src["us"].where(src["stage"] > k)
            at = src["stage"] == k
            after = later.groupby(src["customer_id"], sort=False).bfill() - src["us"]
            before = src["us"] - later.groupby(src["customer_id"], sort=False).ffill()
            gap[at] = np.fmin(after, before)[at].fillna(np.inf)
        src = src.assign(conv=gap <= window_us)
        per = src.groupby(["customer_id", "stage"], sort=False)["conv"].any().reset_index()
        counts = per.groupby("stage")["conv"].agg(["size", "sum"])
        return {int(k): (int(r["size"]), int(r["sum"])) for k, r in counts.iterrows()}
    reached = [src[src["stage"] == 0][["customer_id", "step", "us"]]]
    for k in range(1, stages):
        s = src[src["stage"] == k][["customer_id", "step", "us"]]
        if mode == "strict_order":
            other = src["step"].where(~src["stage"].isin((k - 1, k)))
            s = s.assign(blk=other.groupby(src["customer_id"], sort=False).ffill()[s.index])
        r = reached[-1].rename(columns={"step": "r_step", "us": "r_us"})
        hit = pd.merge_asof(
            s.sort_values("step"),
            r.sort_values("r_step"),
            left_on="step",
            right_on="r_step",
            by="customer_id",
            allow_exact_matches=False,
        )
        ok = hit["r_step"].notna() & (hit["us"] - hit["r_us"] <= window_us)
        if mode == "strict_order":
            ok &= hit["blk"].isna() | (hit["blk"] < hit["r_step"])
        reached.append(hit[ok][["customer_id", "step", "us"]])
    n = [r["customer_id"].nunique() for r in reached]
    return {k: (n[k], n[k + 1] if k + 1 < stages else 0) for k in range(stages) if n[k]}


# -- the check ------------------------------------------------------------------------------------------------------

CONTENDERS: dict[str, Callable[[str, str], Figures]] = {
    "mining": mining_figures,
    "duckdb": duckdb_figures,
    "pandas": pandas_figures,
}


def check(path: str, figures: tuple[str, ...] = FIGURES) -> list[str]:
    """The figures that differ between mining, hand-written DuckDB and pandas (empty when all agree)."""
    problems = []
    for figure in figures:
        want = mining_figures(path, figure)
        for name in ("duckdb", "pandas"):
            got = CONTENDERS[name](path, figure)
            for key in want:
                if got[key] != want[key]:
                    problems.append(f"{figure}: {name} differs in {key}: {_first_difference(want[key], got[key])}")
    return problems


def _first_difference(want: Any, got: Any) -> str:
    if isinstance(want, dict) and isinstance(got, dict):
        for key in sorted(set(want) | set(got), key=repr):
            if want.get(key) != got.get(key):
                return f"[{key!r}] {_first_difference(want.get(key), got.get(key))}"
    return f"mining {want!r} vs {got!r}"


@contextmanager
def small_log(events: int) -> Iterator[str]:
    """A synthetic log of ``events`` events in a temporary Parquet file."""
    import tempfile
    from pathlib import Path

    from bench_mining import generate

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clicks.parquet"
        generate(events, path)
        yield str(path)
