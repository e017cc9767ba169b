"""Segment differences on a hand-computed log: shares, two-proportion z-test, confidence interval."""

from __future__ import annotations

import math

import pytest

from journeymap.mining import differences, mine
from journeymap.mining.differences import REST, two_proportions

from .test_mining import LOG, SHOP

duckdb = pytest.importorskip("duckdb")


def segmented(plans: dict[str, str]) -> object:
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE log AS SELECT unnest(?::VARCHAR[]) AS customer_id, unnest(?::VARCHAR[]) AS touchpoint,"
        " unnest(?::VARCHAR[]) AS timestamp, unnest(?::VARCHAR[]) AS plan",
        [[c for c, _, _ in LOG], [e for _, e, _ in LOG], [t for _, _, t in LOG], [plans[c] for c, _, _ in LOG]],
    )
    return mine(connection.table("log"), SHOP, segment="plan", connection=connection)


PLANS = {"c1": "pro", "c4": "pro", "c2": "free", "c3": "free"}


def test_one_segment_against_the_rest() -> None:
    found = {(d.segment, d.kind, d.id, d.figure): d for d in differences(segmented(PLANS))}  # type: ignore[arg-type]
    d = found[("pro", "stage", "discover", "conversion")]
    # pro: c1 and c4 went further (2 of 2); the rest: c2 did, c3 did not (1 of 2)
    assert (d.baseline, d.hits, d.customers, d.baseline_hits, d.baseline_customers) == (REST, 2, 2, 1, 2)
    assert d.difference == 0.5
    # pooled 3/4: se = sqrt(0.75 * 0.25 * (1/2 + 1/2)) = 0.4330, z = 1.1547
    assert d.p_value == pytest.approx(math.erfc(0.5 / math.sqrt(0.75 * 0.25) / math.sqrt(2)))
    assert d.p_value == pytest.approx(0.2482, abs=1e-4)
    assert (d.low, d.high) == pytest.approx((0.5 - 1.959964 * math.sqrt(0.125), 1.0))  # 1.19, clipped to 1
    assert not d.significant
    assert found[("free", "stage", "discover", "conversion")].difference == -0.5
    reach = found[("pro", "stage", "discover", "reach")]
    assert (reach.share, reach.baseline_share, reach.p_value) == (1.0, 1.0, 1.0)
    tp = found[("pro", "touchpoint", "checkout", "reach")]  # only c1 (pro) checked out
    assert (tp.hits, tp.customers, tp.baseline_hits, tp.baseline_customers) == (1, 2, 0, 2)


def test_against_a_baseline_segment_and_ordering() -> None:
    m = segmented(PLANS)
    got = differences(m, baseline="free")  # type: ignore[arg-type]
    assert {d.segment for d in got} == {"pro"}
    assert {d.baseline for d in got} == {"free"}
    assert [d.p_value for d in got] == sorted(d.p_value for d in got)
    assert len(differences(m, top=3)) == 3  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="baseline: no segment 'gold' \\(segments: free, pro\\)"):
        differences(m, baseline="gold")  # type: ignore[arg-type]


def test_touchpoint_conversion_counts_customers_reaching_the_last_stage() -> None:
    m = segmented(PLANS)
    assert m.touchpoint("ad").converted == 1  # type: ignore[attr-defined]
    assert m.touchpoint("login").converted == 1  # type: ignore[attr-defined]


def test_without_segments() -> None:
    from journeymap.mining import mine_rows

    with pytest.raises(ValueError, match="mine with segment=COLUMN"):
        differences(mine_rows(LOG, SHOP))


def test_a_large_real_difference_is_significant() -> None:
    d = two_proportions(300, 1000, 200, 1000)
    assert d.p_value < 1e-6
    assert d.low > 0
    assert two_proportions(0, 5, 0, 7).p_value == 1.0
    with pytest.raises(ValueError, match="both groups need customers"):
        two_proportions(0, 0, 1, 2)


def test_the_workbook_shows_the_top_differences(tmp_path: object) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import journeymap as jm
    from journeymap.errors import ValidationError
    from journeymap.mining import enrich, mine_rows

    m = segmented(PLANS)
    path = tmp_path / "seg.xlsx"  # type: ignore[operator]
    jm.export(enrich(SHOP, m), path, metrics=m)  # type: ignore[arg-type]
    sheet = openpyxl.load_workbook(path)["Segment differences"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    first = differences(m)[0]  # type: ignore[arg-type]
    assert rows[0][:4] == (first.segment, "(rest)", first.name, "Reach" if first.figure == "reach" else "Conversion")
    assert rows[0][6] == pytest.approx(first.difference)
    assert rows[0][9] == pytest.approx(first.p_value)
    assert len(rows) == min(20, len(differences(m)))  # type: ignore[arg-type]
    assert jm.load(path).title == "Shop"  # the workbook still reads back
    with pytest.raises(ValidationError, match=r"options\.metrics"):
        jm.export(SHOP, tmp_path / "bad.xlsx", metrics=mine_rows(LOG, SHOP))  # type: ignore[operator]


def test_the_deck_has_a_segment_differences_slide(tmp_path: object) -> None:
    pptx = pytest.importorskip("pptx")
    import journeymap as jm
    from journeymap.mining import enrich

    m = segmented(PLANS)
    path = tmp_path / "seg.pptx"  # type: ignore[operator]
    jm.export(enrich(SHOP, m), path, metrics=m)  # type: ignore[arg-type]
    titles = [(s.shapes.title.text if s.shapes.title is not None else "") for s in pptx.Presentation(path).slides]
    assert titles.index("Segment differences") == titles.index("Funnel") + 1
    slide = pptx.Presentation(path).slides[titles.index("Segment differences")]
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    first = differences(m)[0]  # type: ignore[arg-type]
    cells = [table.cell(1, c).text for c in range(8)]
    assert cells[:3] == [first.segment, "(rest)", first.name]
    assert cells[7] == f"{first.p_value:.4f}"
    assert len(table.rows) == 1 + 10
    jm.export(enrich(SHOP, m), tmp_path / "plain.pptx")  # type: ignore[operator]
    plain = [
        (s.shapes.title.text if s.shapes.title is not None else "")
        for s in pptx.Presentation(tmp_path / "plain.pptx").slides
    ]  # type: ignore[operator]
    assert "Segment differences" not in plain
