"""Measured figures in every deliverable: a journey enriched from a hand-made event log.

The log below is small enough to count by hand. Stages: Discover (Ad, Blog),
Consider (Pricing, events ``pricing_*``), Buy (Checkout), Use (Login).

* c1: ad 0:00 → pricing 0:10 → checkout 0:20 → login 1:00  (D → C → B → U)
* c2: blog 0:00 → pricing 0:05 → blog 0:15 → pricing 0:30  (D → C → D → C)
* c3: ad 0:00, then an event no touchpoint matches          (D)
* c4: pricing 0:00 (written 01:00+01:00) → ad 0:30            (C → D)

Reached: D 4, C 3, B 1, U 1. Went further (reached a later stage): D 3 (c1, c2,
c4), C 1 (c1), B 1, U 0. Time from first D to first C: c1 10 min, c2 5 min
(c4 entered C before D: left out) → median 7.5 min, p75 8.75 min. Moves
between stages: D→C 3 (c1, c2 twice), C→D 2 (c2, c4: backward), C→B 1, B→U 1.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import journeymap as jm
from journeymap import Journey, Stage, Touchpoint
from journeymap.analysis import analyze, measured_funnel, render_summary
from journeymap.cli import main
from journeymap.errors import ValidationError
from journeymap.model import StageMetrics, StageMove

pytest.importorskip("duckdb")

from journeymap.mining import enrich, mine

SHOP = Journey(
    title="Shop",
    stages=[
        Stage(name="Discover", touchpoints=["Ad", "Blog"]),
        Stage(name="Consider", touchpoints=[Touchpoint(name="Pricing", events=["pricing_*"])]),
        Stage(name="Buy", touchpoints=["Checkout"]),
        Stage(name="Use", touchpoints=["Login"]),
    ],
)
LOG = """\
customer_id,touchpoint,timestamp
c1,ad,2024-01-01T00:00:00Z
c1,pricing_page,2024-01-01T00:10:00Z
c1,checkout,2024-01-01T00:20:00Z
c1,login,2024-01-01T01:00:00Z
c2,blog,2024-01-01T00:00:00Z
c2,pricing_faq,2024-01-01T00:05:00Z
c2,blog,2024-01-01T00:15:00Z
c2,pricing_page,2024-01-01T00:30:00Z
c3,ad,2024-01-01T00:00:00Z
c3,unknown_event,2024-01-01T00:01:00Z
c4,pricing_page,2024-01-01T01:00:00+01:00
c4,ad,2024-01-01T00:30:00Z
"""
REACHED = [4, 3, 1, 1]
CONVERTED = [3, 1, 1, 0]
DROPPED = [1, 2, 0, 1]
MEDIAN = [450.0, 600.0, 2400.0, None]
P75 = [525.0, 600.0, 2400.0, None]
FLOWS = {("discover", "consider"): 3, ("consider", "discover"): 2, ("consider", "buy"): 1, ("buy", "use"): 1}


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Journey:
    path = tmp_path_factory.mktemp("log") / "clicks.csv"
    path.write_text(LOG, encoding="utf-8")
    return enrich(SHOP, mine(path, SHOP))


# ------------------------------------------------------------------------------------------------- model and format


def test_enriched_stages_carry_the_hand_counted_figures_and_moves(measured: Journey) -> None:
    metrics = [stage.metrics for stage in measured.stages]
    assert all(m is not None for m in metrics)
    assert [m.reached for m in metrics if m] == REACHED
    assert [m.converted for m in metrics if m] == CONVERTED
    assert [m.dropped for m in metrics if m] == DROPPED
    assert [m.median_seconds for m in metrics if m] == MEDIAN
    assert [m.p75_seconds for m in metrics if m] == P75
    moves = {
        (stage.id, move.to): move.count for stage in measured.stages if stage.metrics for move in stage.metrics.moves
    }
    assert moves == FLOWS


def test_stage_moves_survive_a_file_round_trip(measured: Journey) -> None:
    for fmt in ("yaml", "json"):
        assert jm.loads(jm.dumps(measured, fmt), fmt) == measured
    assert "moves:" in jm.dumps(measured, "yaml")
    assert "moves" not in jm.dumps(SHOP, "yaml")


def test_a_move_to_an_unknown_or_the_same_stage_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        Journey(
            title="t",
            stages=[Stage(name="A", metrics=StageMetrics(reached=1, moves=[StageMove(to="zz", count=1)])), "B"],
        )
    assert [p.path for p in info.value.problems] == ["stages[0].metrics.moves[0].to"]
    text = "title: t\nstages:\n- name: A\n  metrics: {reached: 1, moves: [{to: a, count: 2}]}\n"
    with pytest.raises(ValidationError, match=r"moves\[0\]\.to: refers to its own stage"):
        jm.loads(text, "yaml")


# --------------------------------------------------------------------------------------------------------- analysis


def test_analysis_funnel_reads_the_stage_metrics(measured: Journey) -> None:
    funnel = measured_funnel(measured)
    assert funnel is not None
    assert [s.reached for s in funnel.stages] == REACHED
    assert [s.conversion for s in funnel.stages] == [0.75, 1 / 3, 1.0, 0.0]
    assert {(f.source, f.target): f.count for f in funnel.flows} == FLOWS
    assert [(f.source, f.target) for f in funnel.flows if f.backward] == [("consider", "discover")]
    assert funnel.backward_moves == 2
    assert measured_funnel(SHOP) is None


def test_analyze_shows_and_serialises_the_measured_figures(measured: Journey) -> None:
    report = analyze(measured)
    data = report.to_dict()
    assert list(data) == ["title", "barriers", "emotions", "coverage", "findings", "funnel", "moments", "evidence"]
    assert [s["reached"] for s in data["funnel"]["stages"]] == REACHED
    assert json.loads(json.dumps(data))["funnel"]["backward_moves"] == 2
    text = render_summary(report)
    assert "Measured stage  Reached  Went further  Conversion  Dropped  Median to next" in text
    assert any(line.startswith("Discover") and "75 %" in line and "7.5 min" in line for line in text.splitlines())
    assert "Backward moves: 2 (consider → discover (2))" in text
    plain = analyze(SHOP)
    assert "funnel" not in plain.to_dict()
    assert "Measured stage" not in render_summary(plain)


def test_analyze_command_prints_the_funnel_and_puts_it_in_json(measured: Journey, tmp_path: Path) -> None:
    path = tmp_path / "measured.yaml"
    jm.save(measured, path)
    runner = CliRunner()
    shown = runner.invoke(main, ["analyze", str(path)])
    assert shown.exit_code == 0, shown.output
    assert "Measured stage" in shown.output
    as_json = runner.invoke(main, ["analyze", str(path), "--json"])
    assert json.loads(as_json.output)["funnel"]["stages"][1]["dropped"] == 2


# ----------------------------------------------------------------------------------------------------------- charts


def test_funnel_chart_draws_reach_conversion_and_drop_off(measured: Journey) -> None:
    pytest.importorskip("matplotlib")
    from journeymap import charts

    from .test_charts import assert_readable

    ax = charts.funnel(measured)
    bars = {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith("funnel-bar-")}
    assert [bars[f"funnel-bar-{i}"].get_width() for i in range(4)] == REACHED
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Discover", "Consider", "Buy", "Use"]
    figures = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("funnel-figures-")}
    assert figures["funnel-figures-0"].splitlines() == [
        "Conversion: 75 % · Dropped: 1",
        "Median time to next stage: 7.5 min",
    ]
    assert figures["funnel-figures-1"].startswith("Conversion: 33 % · Dropped: 2")
    assert "funnel-figures-3" not in figures  # the last stage has nowhere further to go
    figure = ax.get_figure()
    assert figure is not None
    assert_readable(figure)  # type: ignore[arg-type]


def test_transitions_chart_draws_forward_arcs_above_and_backward_arcs_below(measured: Journey) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.colors import to_hex

    from journeymap import charts

    from .test_charts import assert_readable

    ax = charts.transitions(measured)
    index = {stage.id: i for i, stage in enumerate(measured.stages)}
    arrows = {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith("flow-")}
    assert set(arrows) == {f"flow-{index[a]}-{index[b]}" for a, b in FLOWS}
    counts = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("flow-count-")}
    assert counts == {f"flow-count-{index[a]}-{index[b]}": str(n) for (a, b), n in FLOWS.items()}
    tops = {t.get_gid(): t.xy[1] for t in ax.texts if (t.get_gid() or "").startswith("flow-count-")}  # type: ignore[attr-defined]
    assert tops["flow-count-1-0"] < 0 < min(tops["flow-count-0-1"], tops["flow-count-1-2"], tops["flow-count-2-3"])
    assert to_hex(arrows["flow-1-0"].get_edgecolor()) == "#c0392b"
    assert arrows["flow-0-1"].get_linewidth() > arrows["flow-1-2"].get_linewidth()  # 3 moves against 1
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Forward moves: 5", "Backward moves: 2"]
    figure = ax.get_figure()
    assert figure is not None
    assert_readable(figure)  # type: ignore[arg-type]


def test_charts_draw_into_the_callers_axes_in_the_requested_language(measured: Journey) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    from journeymap import charts

    given = Figure().add_subplot()
    assert charts.funnel(measured, ax=given, lang="ru") is given
    assert given.get_title(loc="left").startswith("Воронка")
    other = Figure().add_subplot()
    assert charts.transitions(measured, ax=other, lang="ro") is other
    assert other.get_title(loc="left").startswith("Treceri între etape")


@pytest.mark.parametrize("name", ["funnel", "transitions"])
def test_a_journey_without_metrics_gets_a_clear_error(name: str) -> None:
    from journeymap import charts

    with pytest.raises(ValidationError, match=r"no measured metrics.*journeymap mine"):
        charts.CHARTS[name](SHOP)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_image_exporters_draw_the_measured_charts(measured: Journey, fmt: str, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    for chart in ("funnel", "transitions"):
        target = tmp_path / f"{chart}.{fmt}"
        jm.export(measured, target, chart=chart)
        assert target.stat().st_size > 1000
    with pytest.raises(ValidationError, match="no measured metrics"):
        jm.export(SHOP, tmp_path / f"plain.{fmt}", chart="funnel")
    assert not (tmp_path / f"plain.{fmt}").exists()


# -------------------------------------------------------------------------------------------------- Excel workbook


def analysis_sheet(journey: Journey) -> Any:
    openpyxl = pytest.importorskip("openpyxl")
    from journeymap.builtin.xlsx import XlsxExporter

    stream = io.BytesIO()
    XlsxExporter().write(journey, stream, lang=journey.language)
    return openpyxl.load_workbook(io.BytesIO(stream.getvalue()))["Analysis"]


def test_workbook_analysis_sheet_holds_the_funnel_table(measured: Journey) -> None:
    sheet = analysis_sheet(measured)
    heading = next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == "Funnel")
    header = [sheet.cell(heading + 1, c).value for c in range(1, 9)]
    assert header == [
        "Stage",
        "Reached",
        "Went further",
        "Conversion",
        "Dropped",
        "Median time to next stage",
        "75th percentile time to next stage",
        "Backward moves",
    ]
    rows = [[sheet.cell(heading + 2 + r, c).value for c in range(1, 9)] for r in range(4)]
    assert [r[0] for r in rows] == ["Discover", "Consider", "Buy", "Use"]
    assert [r[1] for r in rows] == REACHED
    assert [r[2] for r in rows] == CONVERTED
    assert [r[3] for r in rows] == pytest.approx([0.75, 1 / 3, 1.0, 0.0])
    assert [r[4] for r in rows] == DROPPED
    assert rows[0][5:7] == [dt.timedelta(seconds=450), dt.timedelta(seconds=525)]
    assert rows[3][5:7] == [None, None]
    assert [r[7] for r in rows] == [0, 2, 0, 0]
    assert sheet.cell(heading + 2, 4).number_format == "0%"
    assert sheet.cell(heading + 2, 6).number_format == "[h]:mm:ss"
    assert sheet.cell(heading + 6, 1).value is None


def test_workbook_of_an_unmeasured_journey_has_no_funnel() -> None:
    sheet = analysis_sheet(SHOP)
    assert all(sheet.cell(row, 1).value != "Funnel" for row in range(1, sheet.max_row + 1))


# --------------------------------------------------------------------------------------------------- PowerPoint deck


def presentation(journey: Journey, lang: str | None = None) -> Any:
    pptx = pytest.importorskip("pptx")
    from journeymap.builtin.pptx import PptxExporter

    stream = io.BytesIO()
    PptxExporter().write(journey, stream, lang=lang or journey.language)
    return pptx.Presentation(io.BytesIO(stream.getvalue()))


def test_deck_has_a_funnel_slide_right_after_the_overview_and_the_map(measured: Journey) -> None:
    from .test_pptx import overflowing

    prs = presentation(measured)
    titles = [slide.shapes.title.text for slide in prs.slides]
    assert titles[1:4] == ["Journey overview", "Customer journey map", "Funnel"]
    table = next(shape.table for shape in prs.slides[3].shapes if shape.has_table)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0][:5] == ["Stage", "Reached", "Went further", "Conversion", "Dropped"]
    assert cells[1] == ["Discover", "4", "3", "75 %", "1", "7.5 min", "8.8 min", "0"]
    assert cells[2] == ["Consider", "3", "1", "33 %", "2", "10 min", "10 min", "2"]
    assert cells[4] == ["Use", "1", "0", "0 %", "1", "–", "–", "0"]
    assert prs.slides[3].notes_slide.notes_text_frame.text
    assert overflowing(prs) == []
    ru = presentation(measured, "ru")
    assert [slide.shapes.title.text for slide in ru.slides][3] == "Воронка"


def test_a_long_funnel_continues_without_overflow() -> None:
    from .test_pptx import overflowing

    stages = [
        Stage(
            name=f"Stage {i} with a rather long descriptive name to wrap",
            metrics=StageMetrics(reached=1000 - i, converted=900 - i, dropped=100, median_seconds=3600.0 * i),
        )
        for i in range(30)
    ]
    prs = presentation(Journey(title="Long", stages=stages))
    titles = [slide.shapes.title.text for slide in prs.slides]
    funnel = [t for t in titles if t.startswith("Funnel")]
    assert funnel[:2] == ["Funnel", "Funnel (cont.)"]
    assert overflowing(prs) == []


def test_deck_of_an_unmeasured_journey_has_no_funnel_slide() -> None:
    prs = presentation(SHOP)
    assert "Funnel" not in [slide.shapes.title.text for slide in prs.slides]
