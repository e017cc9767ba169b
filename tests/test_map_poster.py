"""The journey map poster (``charts.journey_map``, ``chart=map``): what a reader of the SVG, PDF or PNG sees.

Every stage and touchpoint name is in the SVG's text (shortened labels keep their whole text in a
``<title>``); no text leaves its cell or the page; nothing is drawn under 8 points; the same journey gives
the same bytes.
"""

from __future__ import annotations

import io
import math
import pickle
import re
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

import pytest

import journeymap as jm
from journeymap import charts
from journeymap.builtin.images import IMAGE_EXPORTERS
from journeymap.errors import ValidationError
from journeymap.i18n import labels
from journeymap.layout import A3, A4, layout_map
from journeymap.model import StageMetrics
from journeymap.testing import check_exporter

from .conftest import example_files

matplotlib = pytest.importorskip("matplotlib")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402

EXPORTERS = {e.name: e for e in IMAGE_EXPORTERS}
NAUGHTY_NAMES = [
    "<script>alert('x')</script>",
    "R&D & \"quotes\" 'single'",
    "Оплата 💳 в один клик",
    "تسجيل الدخول",
    "הרשמה לאתר",
    "Pay $5 now_or $10_later",
    "]]> --> <!-- end",
]


@cache
def examples() -> dict[str, jm.Journey]:
    return {path.stem: jm.load(path) for path in example_files()}


def naughty() -> jm.Journey:
    """Names a poster must keep whole and well-formed: markup, entities, quotes, emoji, RTL, dollars."""
    first, rest = NAUGHTY_NAMES[:4], NAUGHTY_NAMES[4:]
    return jm.Journey(
        title="Naughty <b>map</b> & co 🛒",
        persona=jm.Persona(name='Zoë "Z" <O\'Neil>'),
        stages=[
            jm.Stage(
                name="<script>Stage</script> & «one»", touchpoints=[jm.Touchpoint(name=n, emotion=1) for n in first]
            ),
            jm.Stage(name="مرحلة الشراء", touchpoints=[jm.Touchpoint(name=n, channel="<chat>") for n in rest]),
            jm.Stage(name="Étape 🎉 finale " * 6, touchpoints=["A touchpoint with a very long name " * 5]),
        ],
    )


def synthetic(stages: int, per_stage: int) -> jm.Journey:
    """A journey with long names, missing emotions, barriers of every severity and seven channels."""
    severities = ["minor", "major", "critical"]
    return jm.Journey(
        title="A synthetic journey",
        persona=jm.Persona(name="Sam"),
        stages=[
            jm.Stage(
                name=f"Stage {i} with a longish name",
                goals=[f"Goal of stage {i}"],
                touchpoints=[
                    jm.Touchpoint(
                        name=f"Touchpoint {i}.{k} of the stage",
                        channel=f"channel {(i + k) % 7}",
                        emotion=((i * 3 + k * 2) % 5) - 2 if (i + k) % 6 else None,
                        barriers=[jm.Barrier(description="Slow", severity=severities[(i + k) % 3])]
                        * ((i + k) % 4 == 0),
                    )
                    for k in range(per_stage)
                ],
            )
            for i in range(stages)
        ],
    )


def svg_of(journey: jm.Journey, **options: Any) -> bytes:
    buffer = io.BytesIO()
    EXPORTERS["svg"].write(journey, buffer, lang=options.pop("lang", journey.language), **options)
    return buffer.getvalue()


def svg_text(svg: bytes) -> str:
    """The SVG's text content, as a reader (a search, a screen reader) gets it."""
    return "".join(ET.fromstring(svg).itertext())


def names(journey: jm.Journey) -> list[str]:
    return [s.name for s in journey.stages] + [t.name for s in journey.stages for t in s.touchpoints]


def texts(figure: Figure) -> list[Text]:
    return [t for t in figure.axes[0].texts if t.get_text().strip()]


def lane_titles(figure: Figure) -> list[str]:
    """The lane titles drawn, top to bottom."""
    found = [t for t in texts(figure) if (t.get_gid() or "").startswith("map-lane-")]
    return [(t.get_gid() or "")[len("map-lane-") :] for t in sorted(found, key=lambda t: t.get_position()[1])]


def assert_fits(figure: Figure, journey: jm.Journey, **options: Any) -> None:
    """No text leaves the page, its stage's column or its lane; nothing is smaller than 8 points."""
    layout = layout_map(journey, fill=True, **options)
    if layout.width > options.get("size", A3)[0] + 0.5:
        layout = layout_map(journey, **options)  # a wider page is only as tall as its content
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = figure.axes[0]
    width, height = figure.get_size_inches() * 72
    bottom = layout.lanes[-1].y + layout.lanes[-1].height if layout.lanes else math.inf
    with matplotlib.rc_context({"text.hinting": "none"}):  # as the poster draws them
        for text in texts(figure):
            assert text.get_fontsize() >= 8, text.get_text()
            box = text.get_window_extent(renderer)
            (x0, y1), (x1, y0) = ax.transData.inverted().transform([(box.x0, box.y0), (box.x1, box.y1)])
            assert -0.01 <= x0 <= x1 <= width + 0.01, text.get_text()
            assert -0.01 <= y0 <= y1 <= height + 0.01, text.get_text()
            x, y = text.get_position()
            if not layout.stage_top <= y < bottom:
                continue
            for column in layout.columns:
                if column.x <= x < column.x + column.width:
                    assert column.x - 0.05 <= x0 <= x1 <= column.x + column.width + 0.05, text.get_text()
            for lane in layout.lanes:
                if lane.y <= y < lane.y + lane.height:
                    assert lane.y - 0.05 <= y0 <= y1 <= lane.y + lane.height + 0.05, text.get_text()


# --- what is on the poster -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(examples()))
def test_the_svg_holds_every_stage_and_touchpoint_name_of_each_example(name: str) -> None:
    journey = examples()[name]
    content = svg_text(svg_of(journey))
    assert [n for n in names(journey) if n not in content] == []
    assert journey.title in content


def test_a_naughty_journey_gives_well_formed_svg_holding_every_name_in_full() -> None:
    journey = naughty()
    svg = svg_of(journey, lang="en")
    content = svg_text(svg)  # parses: markup in names is escaped
    assert [n for n in names(journey) if n not in content] == []
    assert journey.title in content
    assert 'Zoë "Z" <O\'Neil>' in content
    assert b"<script>" not in svg
    figure = charts.journey_map(journey)
    assert all(not t.get_parse_math() for t in texts(figure))
    assert_fits(figure, journey)


@pytest.mark.parametrize("name", sorted(examples()))
def test_every_example_fits_its_cells_on_a3(name: str) -> None:
    journey = examples()[name]
    figure = charts.journey_map(journey)
    assert tuple(figure.get_size_inches() * 72) == pytest.approx(A3)
    assert_fits(figure, journey)


def test_lanes_choose_and_order_the_rows() -> None:
    journey = examples()["b2b-saas-trial"]
    assert lane_titles(charts.journey_map(journey, lanes=["barriers", "touchpoints", "emotions"])) == [
        "barriers",
        "touchpoints",
        "emotions",
    ]
    everything = lane_titles(charts.journey_map(journey))
    assert everything[:7] == ["goals", "expectations", "questions", "doing", "actions", "touchpoints", "thinking"]
    assert "measured" not in everything  # empty lanes are left out


def test_an_unknown_lane_names_lanes() -> None:
    with pytest.raises(ValidationError, match="lanes") as caught:
        charts.journey_map(examples()["online-school"], lanes=["goals", "feelings"])
    assert "feelings" in str(caught.value)
    with pytest.raises(ValidationError, match=r"options\.lanes"):
        svg_of(examples()["online-school"], lanes="goals,feelings")
    with pytest.raises(ValidationError, match=r"options\.lanes"):
        svg_of(examples()["online-school"], chart="emotion_curve", lanes="goals")


def test_the_header_shows_stages_phases_and_barrier_counts_risky_stages_in_red() -> None:
    journey = examples()["b2b-saas-trial"]
    figure = charts.journey_map(journey)
    shown = [t.get_text() for t in texts(figure)]
    layout = layout_map(journey)
    for column in layout.columns:
        assert f"▲ {column.barriers}" in shown
    headers = {
        round(p.get_x(), 2): p.get_facecolor()
        for p in figure.axes[0].patches
        if isinstance(p, Rectangle) and p.get_y() == pytest.approx(layout.stage_top)
    }
    red = matplotlib.colors.to_rgba(charts.COLORS["risk"])
    assert {c.at_risk for c in layout.columns} == {True, False}
    for column in layout.columns:
        assert (headers[round(column.x, 2)] == red) == column.at_risk
    calm = charts.journey_map(journey, threshold=10)
    assert not any(p.get_facecolor() == red for p in calm.axes[0].patches)


def test_the_curve_breaks_at_missing_emotions_and_marks_barriers_by_severity() -> None:
    journey = jm.Journey(
        title="Gaps",
        stages=[
            jm.Stage(name="One", touchpoints=[jm.Touchpoint(name="a", emotion=1), jm.Touchpoint(name="b")]),
            jm.Stage(
                name="Two",
                touchpoints=[
                    jm.Touchpoint(name="c", emotion=-2, barriers=[jm.Barrier(description="x", severity="critical")]),
                    jm.Touchpoint(name="d", emotion=0, barriers=[jm.Barrier(description="y", severity="minor")]),
                ],
            ),
        ],
    )
    ax = charts.journey_map(journey).axes[0]
    lines = {line.get_gid(): line for line in ax.get_lines() if isinstance(line, Line2D)}
    ys = [float(y) for y in lines["map-curve"].get_ydata()]
    assert math.isnan(ys[1])
    assert not math.isnan(ys[0])
    layout = layout_map(journey, fill=True)
    assert ys[0] == pytest.approx(layout.score_y(1))
    assert ys[2] == pytest.approx(layout.score_y(-2))
    critical, minor = lines["map-barrier-2"], lines["map-barrier-3"]
    assert critical.get_marker() == minor.get_marker() == "^"
    assert critical.get_markersize() > minor.get_markersize()
    assert critical.get_color() != minor.get_color()
    scale = [t.get_text() for t in ax.texts]
    assert {"+2", "+1", "0", "−1", "−2"} <= set(scale)
    assert labels("en").face(-2) in scale


def test_measured_figures_are_shown() -> None:
    journey = jm.Journey(
        title="Shop",
        stages=[
            jm.Stage(name="Visit", touchpoints=["Ad"], metrics=StageMetrics(reached=1200, converted=300, dropped=900)),
            jm.Stage(name="Buy", touchpoints=["Checkout"], metrics=StageMetrics(reached=300, dropped=300)),
        ],
    )
    figure = charts.journey_map(journey)
    assert "measured" in lane_titles(figure)
    shown = [t.get_text() for t in texts(figure)]
    assert "Reached: 1,200" in shown
    assert "Reached: 300" in shown
    assert any(text.startswith("Conversion: 25") for text in shown)


def test_an_enriched_journey_shows_its_measured_figures(tmp_path: Any) -> None:
    pytest.importorskip("duckdb")
    from journeymap.mining import enrich, mine

    journey = jm.Journey(
        title="Shop",
        stages=[jm.Stage(name="Visit", touchpoints=["Ad"]), jm.Stage(name="Buy", touchpoints=["Checkout"])],
    )
    log = tmp_path / "events.csv"
    log.write_text(
        "customer_id,touchpoint,timestamp\n"
        "c1,ad,2024-01-01T00:00:00Z\nc1,checkout,2024-01-01T00:10:00Z\nc2,ad,2024-01-01T00:00:00Z\n"
    )  # fmt: skip
    measured = enrich(journey, mine(log, journey))
    content = svg_text(svg_of(measured, lang="en"))
    shown = [t.get_text() for t in texts(charts.journey_map(measured))]
    assert "Reached: 2" in shown
    assert "Reached: 1" in shown
    assert "Measured" in content


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", ["Точки контакта", "Кривая", "Барьеры", "Цели клиента"]), ("ro", ["Puncte de contact", "Bariere"])],
)
def test_labels_are_in_the_language(lang: str, words: list[str]) -> None:
    journey = examples()["b2b-saas-trial"]
    figure = charts.journey_map(journey, lang=lang)
    shown = " ".join(t.get_text() for t in texts(figure))
    for word in words:
        assert word in shown
    assert labels(lang).map_legend[:12] in shown
    assert labels(lang).phase("purchase") in shown
    assert "Точки контакта" in svg_text(svg_of(journey, lang="ru"))


# --- sizes and scale -------------------------------------------------------------------------------------------------


def test_a_12_stage_120_touchpoint_journey_stays_on_a_readable_a3() -> None:
    journey = synthetic(12, 10)
    figure = charts.journey_map(journey)
    assert tuple(figure.get_size_inches() * 72) == pytest.approx(A3)
    assert_fits(figure, journey)
    content = svg_text(svg_of(journey))
    assert [n for n in names(journey) if n not in content] == []


def test_50_stages_make_a_wider_page_as_tall_as_its_content() -> None:
    journey = synthetic(50, 3)
    figure = charts.journey_map(journey)
    width, height = figure.get_size_inches() * 72
    assert width > 50 * 84
    assert height < A3[1]
    assert_fits(figure, journey)
    content = svg_text(svg_of(journey))
    assert [n for n in names(journey) if n not in content] == []


def test_past_300_touchpoints_the_marks_share_artists_and_the_svg_keeps_every_name() -> None:
    journey = synthetic(40, 8)
    figure = charts.journey_map(journey)
    gids = {line.get_gid() for line in figure.axes[0].get_lines()}
    assert "map-points-plain" in gids
    assert not any(gid.startswith("map-point-") for gid in gids if gid)
    content = svg_text(svg_of(journey))
    assert [n for n in names(journey) if n not in content] == []


def test_a_poster_pickles() -> None:
    figure = pickle.loads(pickle.dumps(charts.journey_map(examples()["online-school"])))
    assert tuple(figure.get_size_inches() * 72) == pytest.approx(A3)


def test_paper_sizes_and_points() -> None:
    journey = examples()["online-school"]
    assert tuple(charts.journey_map(journey, size="A4").get_size_inches() * 72) == pytest.approx(A4)
    assert tuple(charts.journey_map(journey, size=(1400, 900)).get_size_inches() * 72) == pytest.approx((1400, 900))
    assert_fits(charts.journey_map(journey, size="A4"), journey, size=A4)
    for bad in ("A7", (10, 10), "big"):
        with pytest.raises(ValidationError, match="size"):
            charts.journey_map(journey, size=bad)  # type: ignore[arg-type]
    assert re.search(rb'width="1683\.78\d*pt"', svg_of(journey, size="a2"))
    assert re.search(rb'width="864pt"', svg_of(journey, size="12x8"))
    with pytest.raises(ValidationError, match=r"options\.size"):
        svg_of(journey, size="A7")


def test_lanes_share_a_page_with_room_to_spare_down_to_the_legend() -> None:
    journey = jm.Journey(title="Short", stages=[jm.Stage(name="One", goals=["Find it"], touchpoints=["Ad"])])
    figure = charts.journey_map(journey)
    layout = layout_map(journey, fill=True)
    bottom = layout.lanes[-1].y + layout.lanes[-1].height
    assert bottom > A3[1] - 3 * layout.margin
    assert layout_map(journey).lanes[-1].y < bottom / 2  # without fill the lanes are as tall as their text
    assert_fits(figure, journey)


def test_the_layout_keeps_the_whole_title_and_subtitle_and_takes_a_threshold() -> None:
    journey = examples()["wedding-photographer"]
    layout = layout_map(journey)
    assert layout.full_title == journey.title
    assert layout.subtitle.endswith("…")
    assert layout.full_subtitle.startswith(layout.subtitle[:-1])
    assert any(c.at_risk for c in layout.columns)
    assert not any(c.at_risk for c in layout_map(journey, threshold=99).columns)
    assert layout_map(jm.Journey(title="Empty")).columns == ()


def test_a_journey_without_stages_still_gives_a_page() -> None:
    svg = svg_of(jm.Journey(title="Empty"), lang="en")
    assert "Empty" in svg_text(svg)


# --- files -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_the_map_is_byte_identical_across_renders(fmt: str) -> None:
    outputs = []
    for _ in range(2):
        buffer = io.BytesIO()
        EXPORTERS[fmt].write(jm.load(example_files()[0]), buffer, lang="ro", chart="map")
        outputs.append(buffer.getvalue())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 10_000


def test_map_is_the_default_of_svg_and_pdf_the_dashboard_of_png() -> None:
    journey = examples()["wedding-photographer"]
    assert svg_of(journey) == svg_of(journey, chart="map")
    assert b'id="map-title"' in svg_of(journey)
    pdf, explicit = io.BytesIO(), io.BytesIO()
    EXPORTERS["pdf"].write(journey, pdf, lang="ro")
    EXPORTERS["pdf"].write(journey, explicit, lang="ro", chart="map")
    assert pdf.getvalue() == explicit.getvalue()
    png, dashboard = io.BytesIO(), io.BytesIO()
    EXPORTERS["png"].write(journey, png, lang="ro", dpi=30)
    EXPORTERS["png"].write(journey, dashboard, lang="ro", dpi=30, chart="dashboard")
    assert png.getvalue() == dashboard.getvalue()
    assert "map" in charts.CHARTS
    assert charts.CHARTS["map"] is charts.journey_map


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_the_map_passes_the_conformance_kit(fmt: str, tmp_path: Any) -> None:
    report = check_exporter(fmt, tmp_path)
    assert "adversarial" in report.written


def test_a_png_of_the_map_is_the_page_at_the_dpi() -> None:
    buffer = io.BytesIO()
    EXPORTERS["png"].write(examples()["b2b-saas-trial"], buffer, lang="en", chart="map", size="A4", dpi="72")
    width, height = int.from_bytes(buffer.getvalue()[16:20], "big"), int.from_bytes(buffer.getvalue()[20:24], "big")
    assert (width, height) == (int(A4[0]), int(A4[1]))
