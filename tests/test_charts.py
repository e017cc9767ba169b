"""Charts and the png/svg/pdf exporters: the data drawn is the analysis, text stays text, output is stable.

Golden SVGs live in tests/golden/charts/; regenerate them after an intended
change with ``JOURNEYMAP_REGEN_GOLDEN=1 pytest tests/test_charts.py`` and look
at the diff (and the pictures) before committing.
"""

from __future__ import annotations

import inspect
import io
import itertools
import math
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import journeymap as jm
from journeymap import analysis, charts
from journeymap.builtin.images import IMAGE_EXPORTERS
from journeymap.errors import ValidationError
from journeymap.i18n import labels
from journeymap.testing import sample_journeys

matplotlib = pytest.importorskip("matplotlib")

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from .conftest import example_files  # noqa: E402

GOLDEN = Path(__file__).parent / "golden" / "charts"
REGEN = os.environ.get("JOURNEYMAP_REGEN_GOLDEN") == "1"
EXPORTERS = {e.name: e for e in IMAGE_EXPORTERS}
CHART_NAMES = ("emotion_curve", "barrier_heatmap", "coverage_matrix")


@cache
def journeys() -> dict[str, jm.Journey]:
    """Every example and every renderable sample journey, by name."""
    found = {path.stem: jm.load(path) for path in example_files()}
    found.update({k: v for k, v in sample_journeys().items() if k != "control-characters"})
    return found


def big_journey(stages: int, per_stage: int) -> jm.Journey:
    """A synthetic journey with long names, missing emotions, barriers and seven channels."""
    return jm.Journey(
        title="A long journey",
        stages=[
            jm.Stage(
                name=f"Stage number {i} with a longish name",
                touchpoints=[
                    jm.Touchpoint(
                        name=f"Touchpoint {i}.{k} of the stage",
                        channel=f"channel {(i + k) % 7}",
                        emotion=((i * 3 + k * 5) % 5) - 2 if (i + k) % 6 else None,
                        barriers=["Slow"] * ((i + k) % 4),
                    )
                    for k in range(per_stage)
                ],
            )
            for i in range(stages)
        ],
    )


def by_gid(ax: Axes, gid: str) -> list[Any]:
    return [a for a in ax.get_children() if a.get_gid() == gid]


def curve_y(ax: Axes, index: int = 0) -> list[float]:
    (line,) = by_gid(ax, f"curve-{index}")
    return [float(y) for y in line.get_ydata()]


def same(a: list[float], b: list[float | None]) -> bool:
    return len(a) == len(b) and all(
        (math.isnan(x) and y is None) or (y is not None and x == pytest.approx(y)) for x, y in zip(a, b, strict=True)
    )


def drawn(figure: Figure) -> Any:
    """Lay out and draw ``figure``; return its renderer."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def visible_texts(figure: Figure) -> Iterator[Text]:
    for text in figure.findobj(Text):
        if isinstance(text, Text) and text.get_visible() and text.get_text().strip():
            yield text


def assert_readable(figure: Figure) -> None:
    """No text sticks out of the figure; tick labels of one axis never overlap."""
    renderer = drawn(figure)
    box = figure.bbox
    for text in visible_texts(figure):
        extent = text.get_window_extent(renderer)
        inside = (
            box.x0 - 1 <= extent.x0 <= extent.x1 <= box.x1 + 1 and box.y0 - 1 <= extent.y0 <= extent.y1 <= box.y1 + 1
        )
        assert inside, f"text outside the figure: {text.get_text()!r}"
    for ax in [*figure.get_axes(), *(child for parent in figure.get_axes() for child in parent.child_axes)]:
        for axis in (ax.xaxis, ax.yaxis):
            tick_labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
            for a, b in itertools.pairwise(tick_labels):
                assert apart(a, b, renderer), f"labels overlap: {a.get_text()!r} and {b.get_text()!r}"


def apart(a: Text, b: Text, renderer: Any) -> bool:
    """Two neighbouring labels do not overlap: boxes for level text, line distance for rotated text."""
    angle = math.radians(a.get_rotation())
    if abs(math.sin(angle)) < 1e-6:
        return not a.get_window_extent(renderer).shrunk(0.97, 0.97).overlaps(b.get_window_extent(renderer))
    pa = a.get_transform().transform(a.get_position())
    pb = b.get_transform().transform(b.get_position())
    across = abs((pb[0] - pa[0]) * math.sin(angle) - (pb[1] - pa[1]) * math.cos(angle))
    height = a.get_fontsize() * renderer.points_to_pixels(1.0)
    return bool(across >= 0.9 * height)


# --- import discipline -----------------------------------------------------------------------------------------------


def test_importing_journeymap_and_charts_does_not_import_matplotlib() -> None:
    code = "import sys, journeymap, journeymap.charts, journeymap.builtin.images; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- the data drawn is the analysis ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["b2b-saas-trial", "online-school", "wedding-photographer", "adversarial"])
def test_curve_by_touchpoint_draws_the_analysed_scores_with_gaps_for_missing_emotions(name: str) -> None:
    journey = journeys()[name]
    report = analysis.score_emotions(journey)
    ys = curve_y(charts.emotion_curve(journey))
    assert [y for y in ys if not math.isnan(y)] == [m.score for m in report.curve]
    empty_stages = sum(1 for s in journey.stages if not s.touchpoints)
    assert sum(math.isnan(y) for y in ys) == len(report.missing) + empty_stages


@pytest.mark.parametrize("name", ["b2b-saas-trial", "online-school", "adversarial"])
def test_curve_marks_lowest_moments_drops_and_barriers_from_the_analysis(name: str) -> None:
    journey = journeys()[name]
    emotions = analysis.score_emotions(journey)
    barriers = analysis.count_barriers(journey)
    ax = charts.emotion_curve(journey)
    (lowest,) = by_gid(ax, "lowest")
    assert [float(y) for y in lowest.get_ydata()] == [m.score for m in emotions.lowest]
    drops = [by_gid(ax, f"drop-{i}")[0] for i in range(len(emotions.drops))]
    assert [tuple(float(y) for y in line.get_ydata()) for line in drops] == [
        (d.before.score, d.after.score) for d in emotions.drops
    ]
    assert not by_gid(ax, f"drop-{len(emotions.drops)}")
    (marks,) = by_gid(ax, "barriers")
    assert len(marks.get_xdata()) == sum(1 for s in barriers.stages for tp in s.touchpoints if tp.count)
    shown = sorted(int(t.get_text()) for t in by_gid(ax, "barrier-count"))
    assert shown == sorted(tp.count for s in barriers.stages for tp in s.touchpoints if tp.count)
    risk_bands = [b for b in ax.patches if b.get_gid() in {f"band-{s}" for s in barriers.at_risk}]
    assert len(risk_bands) == len(barriers.at_risk)


def test_curve_by_stage_draws_the_stage_means() -> None:
    journey = journeys()["wedding-photographer"]
    report = analysis.score_emotions(journey)
    ax = charts.emotion_curve(journey, by="stage")
    assert same(curve_y(ax), [s.mean for s in report.stages])
    assert next(t.get_text() for t in ax.get_xticklabels()).startswith(journey.stages[0].name[:5])


def test_missing_emotion_is_a_gap_never_a_zero() -> None:
    journey = jm.Journey(
        title="t",
        stages=[jm.Stage(name="S", touchpoints=[jm.Touchpoint(name="a", emotion=1), "b", jm.Touchpoint(name="c")])],
    )
    ys = curve_y(charts.emotion_curve(journey))
    assert ys[0] == 1
    assert math.isnan(ys[1])
    assert math.isnan(ys[2])


@pytest.mark.parametrize("name", ["b2b-saas-trial", "online-school", "adversarial"])
def test_barrier_heatmap_shows_counts_by_severity_totals_and_risk_stages(name: str) -> None:
    journey = journeys()[name]
    report = analysis.count_barriers(journey)
    ax = charts.barrier_heatmap(journey)
    (mesh,) = by_gid(ax, "cells")
    expected = [[s.by_severity[k] for k in ("minor", "major", "critical")] for s in report.stages]
    assert mesh.get_array().reshape(len(report.stages), 3).tolist() == expected
    side = next(c for c in ax.child_axes)
    assert [t.get_text() for t in side.get_yticklabels()] == [str(s.total) for s in report.stages]
    outlined = sorted(p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("risk-"))
    assert outlined == sorted(f"risk-{i}" for i, s in enumerate(report.stages) if s.at_risk)
    words = labels(journey.language)
    assert [t.get_text() for t in ax.get_xticklabels()] == [words.severity(k) for k in ("minor", "major", "critical")]


@pytest.mark.parametrize("name", ["b2b-saas-trial", "wedding-photographer", "adversarial"])
def test_coverage_matrix_shows_touchpoints_per_channel_and_completeness(name: str) -> None:
    journey = journeys()[name]
    report = analysis.stage_coverage(journey)
    ax = charts.coverage_matrix(journey)
    (mesh,) = by_gid(ax, "cells")
    without = any(s.no_channel for s in report.stages)
    expected = [
        [s.channels.get(c, 0) for c in report.channels] + ([s.no_channel] if without else []) for s in report.stages
    ]
    columns = len(report.channels) + without
    assert mesh.get_array().reshape(len(report.stages), columns).tolist() == expected
    side = next(c for c in ax.child_axes)
    assert [t.get_text() for t in side.get_yticklabels()] == [f"{s.completeness:.0f} %" for s in report.stages]


def test_dashboard_headline_shows_peak_end_risk_stages_and_completeness() -> None:
    journey = journeys()["b2b-saas-trial"]
    report = analysis.analyze(journey)
    figure = charts.dashboard(journey)
    texts = {t.get_gid(): t.get_text() for t in figure.findobj(Text) if (t.get_gid() or "").startswith("headline-")}
    assert texts["headline-peak_end"].startswith(f"{report.emotions.peak_end:+.2f}".replace("-", "−"))
    assert texts["headline-completeness"] == f"{report.coverage.completeness:.0f} %"
    names = {s.id: s.name for s in journey.stages}
    assert texts["headline-risk"] == f"{len(report.barriers.at_risk)}: " + ", ".join(
        names[i] for i in report.barriers.at_risk
    )
    assert len(figure.get_axes()) >= 4


def test_compare_curves_draws_as_is_and_to_be_stage_means() -> None:
    before = journeys()["course"]
    stage = before.stages[0]
    better = jm.Touchpoint(name=stage.touchpoints[0].name, id=stage.touchpoints[0].id, emotion=2)
    after = jm.Journey(
        title=before.title,
        stages=[
            jm.Stage(name=stage.name, id=stage.id, touchpoints=[better, *stage.touchpoints[1:]]),
            *before.stages[1:],
        ],
    )
    ax = charts.compare_curves(before, after)
    assert same(curve_y(ax, 0), [s.mean for s in analysis.score_emotions(before).stages])
    assert same(curve_y(ax, 1), [s.mean for s in analysis.score_emotions(after).stages])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["As is", "To be"]
    by_touchpoint = charts.compare_curves(before, after, by="touchpoint")
    assert curve_y(by_touchpoint, 1)[0] == 2


def test_persona_curves_puts_each_persona_on_one_chart_named_by_persona() -> None:
    items = [journeys()["course"], journeys()["b2b-saas-trial"], journeys()["adversarial"]]
    ax = charts.persona_curves(items)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(legend) == 3
    assert legend[0] == "Anna, marketing lead"
    for index, journey in enumerate(items):
        values = [y for y in curve_y(ax, index) if not math.isnan(y)]
        assert values == [s.mean for s in analysis.score_emotions(journey).stages if s.mean is not None]


PERSONAS = jm.Journey(
    title="Team plan",
    persona="Anna",
    personas=["Boris"],
    stages=[
        jm.Stage(
            name="Trial",
            touchpoints=[
                jm.Touchpoint(name="Sign-up", emotion=1, emotions={"boris": -1}),
                jm.Touchpoint(name="Admin console", emotion=-2, personas=["boris"]),
                jm.Touchpoint(name="First report", emotion=2),
            ],
        ),
    ],
)


def test_persona_curves_of_one_journey_draws_each_persona_as_they_feel_it() -> None:
    ax = charts.persona_curves(PERSONAS, by="touchpoint")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Anna", "Boris"]
    anna, boris = curve_y(ax, 0), curve_y(ax, 1)
    assert same(anna, [1, None, 2])  # the admin console is Boris's only: a gap in Anna's curve
    assert boris == [-1, -2, 2]
    by_stage = charts.persona_curves(PERSONAS)
    assert curve_y(by_stage, 0) == [1.5]
    assert curve_y(by_stage, 1) == pytest.approx([-1 / 3])


def test_persona_curves_of_a_journey_without_personas_is_its_own_curve_and_names_must_match() -> None:
    journey = jm.Journey(title="Solo", stages=[jm.Stage(name="S", touchpoints=[jm.Touchpoint(name="T", emotion=1)])])
    ax = charts.persona_curves(journey)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Solo"]
    assert curve_y(ax, 0) == [1]
    with pytest.raises(ValidationError, match="personas"):
        charts.persona_curves(PERSONAS, names=["only Anna"])


def test_charts_draw_into_the_callers_axes_and_return_them() -> None:
    figure = Figure()
    ax = figure.add_subplot()
    assert charts.emotion_curve(journeys()["course"], ax=ax) is ax
    assert charts.barrier_heatmap(journeys()["course"], ax=figure.add_subplot(2, 1, 2)).get_figure() is figure


def test_every_chart_takes_ax_by_keyword_only() -> None:
    drawn_into = [charts.barrier_heatmap, charts.compare_curves, charts.coverage_matrix, charts.emotion_curve]
    drawn_into += [charts.funnel, charts.persona_curves, charts.transitions]
    for chart in drawn_into:
        assert inspect.signature(chart).parameters["ax"].kind is inspect.Parameter.KEYWORD_ONLY, chart.__name__


def test_bad_arguments_name_the_field() -> None:
    with pytest.raises(ValidationError, match="by"):
        charts.emotion_curve(journeys()["course"], by="week")
    with pytest.raises(ValidationError, match="names"):
        charts.compare_curves(journeys()["course"], journeys()["course"], names=["only one"])
    with pytest.raises(ValidationError, match="threshold"):
        charts.barrier_heatmap(journeys()["course"], threshold=-1)


# --- text is text ----------------------------------------------------------------------------------------------------


def test_dollar_and_underscore_stay_literal_and_saving_works() -> None:
    name = "Pay $5 now_or $10_later"
    journey = jm.Journey(
        title="Costs $1 and $2",
        stages=[jm.Stage(name="St_age $a$", touchpoints=[jm.Touchpoint(name=name, emotion=-2)])],
    )
    ax = charts.emotion_curve(journey)
    labels_ = [t for t in ax.get_xticklabels() if t.get_text()]
    assert [t.get_text() for t in labels_] == [name]
    assert all(not t.get_parse_math() for t in labels_)
    for fmt in ("svg", "pdf", "png"):
        buffer = io.BytesIO()
        charts.save_figure(charts.dashboard(journey), buffer, fmt)
        assert buffer.getvalue()


def test_emoji_are_left_out_cyrillic_and_romanian_letters_kept() -> None:
    journey = jm.Journey(
        title="Путь 🛒 ș/ț",
        stages=[jm.Stage(name="Cumpărare ș ț 🛒", touchpoints=[jm.Touchpoint(name="Оплата 💳", emotion=1)])],
    )
    ax = charts.emotion_curve(journey)
    texts = [t.get_text() for t in ax.get_xticklabels()] + [t.get_text() for t in ax.child_axes[0].get_xticklabels()]
    assert "Оплата" in texts
    assert any("Cumpărare ș ț" in t for t in texts)
    assert not any("🛒" in t or "💳" in t for t in texts)


def test_long_names_are_shortened_with_an_ellipsis() -> None:
    long = "A very long touchpoint name that goes on and on and on about the checkout page"
    journey = jm.Journey(title="t", stages=[jm.Stage(name="S", touchpoints=[jm.Touchpoint(name=long, emotion=0)])])
    (label,) = [t.get_text() for t in charts.emotion_curve(journey).get_xticklabels() if t.get_text()]
    assert label.endswith("…")
    assert long.startswith(label[:-1])


@pytest.mark.parametrize("name", sorted(journeys()))
def test_every_chart_of_every_example_is_readable(name: str) -> None:
    journey = journeys()[name]
    assert_readable(charts.dashboard(journey))
    for chart in CHART_NAMES:
        ax = charts.CHARTS[chart](journey)
        assert_readable(ax.get_figure())


def test_a_100_stage_journey_thins_its_labels_and_stays_readable() -> None:
    journey = big_journey(100, 3)
    figure = charts.dashboard(journey)
    assert_readable(figure)
    curve = figure.get_axes()[1]
    shown = [t for t in curve.get_xticklabels() if t.get_text()]
    assert 10 <= len(shown) < 300
    heatmap = charts.barrier_heatmap(journey)
    assert 5 <= len([t for t in heatmap.get_yticklabels() if t.get_text()]) < 100
    assert_readable(heatmap.get_figure())


# --- exporters -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [p.stem for p in example_files()])
@pytest.mark.parametrize("chart", ["dashboard", *CHART_NAMES])
def test_every_example_renders_in_every_chart(name: str, chart: str) -> None:
    buffer = io.BytesIO()
    EXPORTERS["png"].write(journeys()[name], buffer, lang="ro", chart=chart, dpi="40")
    assert buffer.getvalue().startswith(b"\x89PNG")


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_same_journey_gives_byte_identical_vector_files(fmt: str) -> None:
    outputs = []
    for _ in range(2):
        buffer = io.BytesIO()
        EXPORTERS[fmt].write(journeys()["online-school"], buffer, lang="ru", chart="emotion_curve")
        outputs.append(buffer.getvalue())
    assert outputs[0] == outputs[1]
    assert b"CreationDate" not in outputs[0]
    assert b"<dc:date>" not in outputs[0]


def test_size_and_dpi_options_arrive_as_strings() -> None:
    buffer = io.BytesIO()
    EXPORTERS["png"].write(journeys()["course"], buffer, lang="en", chart="coverage_matrix", size="6x4", dpi="50")
    width, height = struct.unpack(">II", buffer.getvalue()[16:24])
    assert (width, height) == (300, 200)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"chart": "pie"}, "options.chart"),
        ({"size": "big"}, "options.size"),
        ({"size": "0x4"}, "options.size"),
        ({"dpi": "lots"}, "options.dpi"),
        ({"threshold": "1.5"}, "options.threshold"),
        ({"by": "week"}, "options.by"),
        ({"colour": "red"}, "options.colour"),
    ],
)
def test_bad_options_name_the_option(options: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError, match=field.replace(".", r"\.")):
        EXPORTERS["svg"].write(journeys()["course"], io.BytesIO(), lang="en", **options)


def test_labels_follow_the_language() -> None:
    buffer = io.BytesIO()
    EXPORTERS["svg"].write(journeys()["course"], buffer, lang="ru", chart="barrier_heatmap")
    svg = buffer.getvalue().decode()
    assert "Барьеры по этапам" in svg or "<g id=" in svg  # text is drawn as paths; the title is also kept as a comment
    ax = charts.barrier_heatmap(journeys()["course"], lang="ru")
    assert ax.get_title(loc="left") == "Барьеры по этапам"


def test_image_exporters_pass_the_conformance_kit(tmp_path: Path) -> None:
    from journeymap.testing import check_exporter

    report = check_exporter("svg", tmp_path, options={"chart": "emotion_curve", "size": "6x4"})
    assert "adversarial" in report.written


def test_image_formats_are_default_plugins_chosen_by_suffix(tmp_path: Path) -> None:
    from journeymap import plugins

    found = {f.name: f for f in plugins.formats()}
    assert {name: (found[name].suffixes, found[name].extra) for name in ("png", "svg", "pdf")} == {
        "png": ((".png",), "charts"),
        "svg": ((".svg",), "charts"),
        "pdf": ((".pdf",), "charts"),
    }
    written = plugins.export(journeys()["course"], tmp_path / "course.pdf", chart="barrier_heatmap")
    assert written.read_bytes().startswith(b"%PDF")
    plugins.export(journeys()["course"], tmp_path / "course.png", chart="coverage_matrix", size="4x3", dpi=40)
    assert struct.unpack(">II", (tmp_path / "course.png").read_bytes()[16:24]) == (160, 120)


# --- golden files ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("chart", ["dashboard", *CHART_NAMES])
def test_svg_matches_the_golden_file(chart: str) -> None:
    buffer = io.BytesIO()
    EXPORTERS["svg"].write(journeys()["course"], buffer, lang="en", chart=chart)
    target = GOLDEN / f"course-{chart}.svg"
    if REGEN:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(buffer.getvalue())
    assert target.is_file(), f"missing {target}; create it with JOURNEYMAP_REGEN_GOLDEN=1"
    assert buffer.getvalue() == target.read_bytes(), f"{target.name} changed; regenerate with JOURNEYMAP_REGEN_GOLDEN=1"
