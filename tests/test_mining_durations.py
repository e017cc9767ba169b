"""Time to convert on hand-computed logs: percentiles, histogram bins, end to end, per segment."""

from __future__ import annotations

import pytest

from journeymap.mining import TimeBin, mine, mine_rows
from journeymap.mining.durations import auto_width

from .test_mining import LOG, SHOP, at

duckdb = pytest.importorskip("duckdb")


def test_neighbouring_stages_and_end_to_end() -> None:
    m = mine_rows(LOG, SHOP)
    pairs = [(t.source, t.target, t.customers) for t in m.time_to_convert]
    # c4 entered Consider before Discover: not counted from Discover to Consider
    assert pairs == [("discover", "consider", 2), ("consider", "buy", 1), ("buy", "use", 1), ("discover", "use", 1)]
    first = m.time("discover", "consider")  # c2: 5 minutes, c1: 10 minutes
    assert (first.p10_seconds, first.p25_seconds, first.p50_seconds, first.p75_seconds, first.p90_seconds) == (
        330.0,
        375.0,
        450.0,
        525.0,
        570.0,
    )
    assert first.p50_seconds == m.stage("discover").median_seconds
    assert first.bin_seconds == 300.0  # 2·IQR/n^⅓ = 238 s, rounded up to 5 minutes
    assert first.bins == (TimeBin(start_seconds=300.0, customers=1), TimeBin(start_seconds=600.0, customers=1))
    assert m.time("discover", "use").p50_seconds == 3600.0  # c1: ad at 0, login at 60 minutes
    with pytest.raises(KeyError):
        m.time("use", "discover")


def test_fixed_bin_width_and_empty_bins_in_between() -> None:
    log = [(f"c{i}", e, at(m)) for i, (d) in enumerate([1, 2, 7, 9]) for e, m in (("ad", 0), ("pricing_x", d))]
    t = mine_rows(log, SHOP, bin_width="2m").time("discover", "consider")
    assert t.bin_seconds == 120.0
    assert [(b.start_seconds, b.customers) for b in t.bins] == [
        (0.0, 1),
        (120.0, 1),
        (240.0, 0),
        (360.0, 1),
        (480.0, 1),
    ]
    assert sum(b.customers for b in t.bins) == t.customers == 4


def test_one_event_customers_and_ties_count_no_time() -> None:
    log = [("one", "ad", at(0)), ("tie", "pricing_x", at(5)), ("tie", "ad", at(5))]
    t = mine_rows(log, SHOP).time("discover", "consider")
    assert (t.customers, t.p10_seconds, t.p90_seconds) == (1, 0.0, 0.0)  # a tie is 0 seconds, journey order


def test_per_segment_with_the_bins_of_the_whole_log() -> None:
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE log AS SELECT unnest(?::VARCHAR[]) AS customer_id, unnest(?::VARCHAR[]) AS touchpoint,"
        " unnest(?::VARCHAR[]) AS timestamp, unnest(?::VARCHAR[]) AS plan",
        [
            [c for c, _, _ in LOG],
            [e for _, e, _ in LOG],
            [t for _, _, t in LOG],
            ["pro" if c == "c1" else "free" for c, _, _ in LOG],
        ],
    )
    m = mine(connection.table("log"), SHOP, segment="plan", connection=connection)
    by = {s.segment: s for s in m.segments}
    assert by["pro"].time("discover", "consider").p50_seconds == 600.0
    assert by["free"].time("discover", "consider").p50_seconds == 300.0
    assert by["free"].time("discover", "consider").bin_seconds == m.time("discover", "consider").bin_seconds
    assert [t.source for t in by["free"].time_to_convert] == ["discover"]


def test_automatic_widths_are_round() -> None:
    assert auto_width(1000, 600, 3000, 0, 7200) == 600.0
    assert auto_width(1, 5, 5, 5, 5) == 2.0  # no spread: one second, doubled by the rule
    assert auto_width(10, 0, 86400 * 90, 0, 86400 * 400) == 3 * 2419200.0  # 2.98 four-week spans, rounded up
    assert auto_width(5, 0, 0, 0, 86400 * 7 * 400) == 12 * 2419200.0  # no IQR: a tenth of the range


def test_time_to_convert_chart_draws_one_box_per_pair() -> None:
    pytest.importorskip("matplotlib")
    from journeymap import charts
    from journeymap.errors import ValidationError

    m = mine_rows(LOG, SHOP)
    ax = charts.time_to_convert(m, journey=SHOP)
    boxes = {p.get_gid(): (p.get_x(), p.get_width()) for p in ax.patches if (p.get_gid() or "").startswith("ttc-box")}
    assert boxes["ttc-box-0"] == pytest.approx((375.0, 150.0))  # p25 to p75 of Discover -> Consider
    assert len(boxes) == 4
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Discover → Use"
    figures = [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("ttc-figures")]
    assert figures[0] == "7.5 min · n = 2"
    assert ax.get_title(loc="left") == "Time to convert: Shop"
    with pytest.raises(ValidationError, match="segment: no segment 'pro'"):
        charts.time_to_convert(m, segment="pro")
    empty = charts.time_to_convert(mine_rows([("c", "ad", at(0))], SHOP))
    assert not [p for p in empty.patches if (p.get_gid() or "").startswith("ttc-box")]


def test_a_measured_journey_file_keeps_the_percentiles_and_the_chart_reads_it(tmp_path: object) -> None:
    pytest.importorskip("matplotlib")
    import journeymap as jm
    from journeymap import charts
    from journeymap.errors import ValidationError
    from journeymap.mining import enrich

    m = mine_rows(LOG, SHOP)
    for suffix in ("yaml", "json"):
        path = jm.save(enrich(SHOP, m), tmp_path / f"shop-measured.{suffix}")  # type: ignore[operator]
        back = jm.load(path)
        discover = back.stages[0].metrics
        assert discover is not None
        assert (discover.p10_seconds, discover.p25_seconds, discover.p90_seconds) == (330.0, 375.0, 570.0)
        assert discover.timed_customers == 2  # c4 entered Consider first
    from_file = charts.time_to_convert(back)
    from_metrics = charts.time_to_convert(m, journey=SHOP)

    def rows(ax: object) -> list[tuple[str, float, float]]:
        patches = ax.patches  # type: ignore[attr-defined]
        return [(p.get_gid(), p.get_x(), p.get_width()) for p in patches if p.get_gid().startswith("ttc-box")]

    assert rows(from_file) == rows(from_metrics)[:3]  # the neighbouring pairs; a journey has no end-to-end pair
    labels = [t.get_text() for t in from_file.get_yticklabels()]
    assert labels == ["Discover → Consider", "Consider → Buy", "Buy → Use"]
    figures = [t.get_text() for t in from_file.texts if (t.get_gid() or "").startswith("ttc-figures")]
    assert figures[0] == "7.5 min · n = 2"
    with pytest.raises(ValidationError, match="segment: a journey keeps the overall times only"):
        charts.time_to_convert(back, segment="pro")
    with pytest.raises(ValidationError, match="stages: the journey has no measured times to convert"):
        charts.time_to_convert(SHOP)
