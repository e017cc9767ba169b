"""The hand-written DuckDB queries and the pandas code of benchmarks/bench_mining.py compute mining's figures.

The benchmark compares journeymap.mining with them; this runs its check on a small synthetic log, so
neither can drift from what mining computes (funnel modes and window, time to convert, segment
differences). The timings themselves are the benchmark's business, never a test's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> object:
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import mining_figures

    return mining_figures


def test_hand_written_duckdb_and_pandas_give_minings_figures(figures: object) -> None:
    with figures.small_log(6000) as path:  # type: ignore[attr-defined]
        assert figures.check(path) == []  # type: ignore[attr-defined]


def test_the_check_sees_a_figure_that_differs(figures: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hand-written query that drifts (here: half the window) is reported, naming the figure."""
    monkeypatch.setattr(figures, "WINDOW_SECONDS", figures.WINDOW_SECONDS // 2)  # type: ignore[attr-defined]
    with figures.small_log(6000) as path:  # type: ignore[attr-defined]
        problems = figures.check(path, ("funnel_any_order",))  # type: ignore[attr-defined]
    assert problems
    assert problems[0].startswith("funnel_any_order: duckdb differs in funnel")
