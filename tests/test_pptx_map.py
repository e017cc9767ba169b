"""The deck's journey map slide(s): read back with python-pptx and checked as the client sees them."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

import journeymap as jm
from journeymap.builtin.pptx import PptxExporter, _map_text
from journeymap.builtin.pptx._map import RISK, SEVERITY, stage_groups
from journeymap.builtin.pptx._text import MIN_SIZE
from journeymap.errors import ValidationError
from journeymap.i18n import labels
from journeymap.layout import layout_map

pptx = pytest.importorskip("pptx")
from pptx import Presentation  # noqa: E402
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE  # noqa: E402

from .conftest import example_files  # noqa: E402
from .strategies import journeys  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
EMU = 12700


def deck(journey: jm.Journey, lang: str | None = None, **options: Any) -> Any:
    stream = io.BytesIO()
    PptxExporter().write(journey, stream, lang=lang or journey.language, **options)
    return Presentation(io.BytesIO(stream.getvalue()))


def map_slides(prs: Any, lang: str) -> list[Any]:
    name = labels(lang).journey_map
    return [slide for slide in prs.slides if slide.shapes.title.text.startswith(name)]


def texts(slide: Any) -> list[Any]:
    """The slide's shapes holding text, the title included."""
    return [shape for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text.strip()]


def paragraphs(slide: Any) -> set[str]:
    return {p.text.replace("\v", "\n") for shape in texts(slide) for p in shape.text_frame.paragraphs}


def notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text)


def shown(slide: Any, text: str) -> bool:
    """Whether ``text`` is a paragraph on the slide or, shortened there, in its speaker notes."""
    return text in paragraphs(slide) or text in notes(slide)


def boxes(slide: Any) -> Iterator[tuple[str, float, float, float, float]]:
    for shape in slide.shapes:
        yield shape.name, shape.left / EMU, shape.top / EMU, shape.width / EMU, shape.height / EMU


def outside(prs: Any, slide: Any) -> list[str]:
    """Shapes reaching beyond the slide's edges."""
    width, height = prs.slide_width / EMU, prs.slide_height / EMU
    return [
        name
        for name, left, top, w, h in boxes(slide)
        if left < 0 or top < 0 or left + w > width + 0.01 or top + h > height + 0.01
    ]


@pytest.fixture(scope="module", params=example_files(), ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> tuple[jm.Journey, Any]:
    journey = jm.load(request.param)
    return journey, deck(journey)


def test_the_map_slide_follows_the_overview(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    w = labels(journey.language)
    names = [slide.shapes.title.text for slide in prs.slides]
    at = max(n for n, name in enumerate(names) if name.startswith(w.overview))  # after its "(cont.)" slides too
    assert names[at + 1] == w.journey_map
    assert len(map_slides(prs, journey.language)) == 1  # up to 7 stages share one slide
    assert w.mean_emotion in notes(map_slides(prs, journey.language)[0])


def test_every_stage_lane_and_touchpoint_is_on_the_slide_or_in_its_notes(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    (slide,) = map_slides(prs, journey.language)
    layout = layout_map(journey, font_size=10)
    for stage in journey.stages:
        assert shown(slide, stage.name) or stage.name in notes(slide), stage.name
    for lane in layout.lanes:
        assert shown(slide, lane.title), lane.title
    for _, touchpoint in journey.touchpoints():
        assert shown(slide, touchpoint.name) or touchpoint.name in notes(slide), touchpoint.name
    shortened = [p for p in paragraphs(slide) if p.endswith("…")]
    assert shortened  # the examples are too full for a slide: their whole text is in the notes
    assert all(p[:-1].rstrip() in notes(slide) for p in shortened if not p.startswith("…"))


def test_no_text_below_10_pt(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    for slide in map_slides(prs, journey.language):
        sizes = [run.font.size for shape in texts(slide) for p in shape.text_frame.paragraphs for run in p.runs]
        assert sizes
        assert all(size is not None and size.pt >= MIN_SIZE for size in sizes)


def test_every_shape_is_inside_the_slide(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    for slide in map_slides(prs, journey.language):
        assert outside(prs, slide) == []


def overlaps(slide: Any) -> list[tuple[str, str]]:
    frames = [(s.name, s.left / EMU, s.top / EMU, s.width / EMU, s.height / EMU) for s in texts(slide)]
    found = []
    for n, (a, al, at, aw, ah) in enumerate(frames):
        for b, bl, bt, bw, bh in frames[n + 1 :]:
            if min(al + aw, bl + bw) - max(al, bl) > 0.01 and min(at + ah, bt + bh) - max(at, bt) > 0.01:
                found.append((a, b))
    return found


def test_no_two_text_shapes_overlap(example: tuple[jm.Journey, Any]) -> None:
    journey, prs = example
    for slide in map_slides(prs, journey.language):
        assert overlaps(slide) == []


def freeforms(slide: Any) -> list[Any]:
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.FREEFORM]


def autoshapes(slide: Any, kind: Any) -> list[Any]:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and s.auto_shape_type == kind]


def test_the_curve_breaks_at_missing_emotions_and_marks_barriers_by_severity() -> None:
    touchpoints = [
        jm.Touchpoint(name="A", emotion=1, barriers=[jm.Barrier(description="slow", severity="minor")]),
        jm.Touchpoint(name="B"),
        jm.Touchpoint(name="C", emotion=-1),
        jm.Touchpoint(
            name="D",
            emotion=-2,
            barriers=[
                jm.Barrier(description="fee", severity="critical"),
                jm.Barrier(description="form", severity="major"),
            ],
        ),
    ]
    (slide,) = map_slides(deck(jm.Journey(title="t", stages=[jm.Stage(name="S", touchpoints=touchpoints)])), "en")
    (line,) = freeforms(slide)  # A stands alone before the gap; C–D is one line
    dots = autoshapes(slide, MSO_SHAPE.OVAL)
    assert len(dots) == 3
    triangles = autoshapes(slide, MSO_SHAPE.ISOSCELES_TRIANGLE)
    assert [str(t.fill.fore_color.rgb) for t in triangles] == [SEVERITY["minor"], SEVERITY["critical"]]
    assert triangles[0].width < triangles[1].width
    c, d = dots[1], dots[2]
    assert line.left <= c.left + c.width / 2
    assert line.left + line.width >= d.left + d.width / 2 - 1
    for triangle, dot in zip(triangles, (dots[0], dots[2]), strict=True):  # under its point, centred
        assert abs((triangle.left + triangle.width / 2) - (dot.left + dot.width / 2)) <= EMU
        assert triangle.top > dot.top + dot.height / 2  # under the point, clear of the lane below
    lane = next(shape for shape in texts(slide) if shape.text_frame.text == "Emotion curve")
    assert all(t.top + t.height <= lane.top + lane.height for t in triangles)
    assert shown(slide, "slow")
    assert shown(slide, "fee")


def test_risk_stages_are_highlighted_with_the_threshold_of_the_deck() -> None:
    stages = [
        jm.Stage(name="Calm", touchpoints=[jm.Touchpoint(name="a", emotion=1)]),
        jm.Stage(name="Rough", touchpoints=[jm.Touchpoint(name="b", emotion=-1, barriers=["x", "y", "z"])]),
    ]
    journey = jm.Journey(title="t", stages=stages)

    def header_fills(prs: Any) -> dict[str, str | None]:
        (slide,) = map_slides(prs, "en")
        fills = {}
        for shape in texts(slide):
            name = shape.text_frame.paragraphs[0].text
            if name in ("Calm", "Rough"):
                fill = shape.fill.fore_color
                fills[name] = str(fill.rgb) if fill.type == 1 else None  # 1: an RGB colour, else the theme's
        return fills

    assert header_fills(deck(journey)) == {"Calm": None, "Rough": RISK}
    assert header_fills(deck(journey, threshold=5)) == {"Calm": None, "Rough": None}
    (slide,) = map_slides(deck(journey), "en")
    assert "⚠ Abandonment risk" in paragraphs(slide)


def twelve_stages() -> jm.Journey:
    stages = [
        jm.Stage(
            name=f"Stage number {s}",
            goals=[f"Goal {s}"],
            touchpoints=[jm.Touchpoint(name=f"Touchpoint {s}.{t}", emotion=(s + t) % 5 - 2) for t in range(3)],
        )
        for s in range(12)
    ]
    return jm.Journey(title="Twelve", stages=stages)


def test_twelve_stages_split_over_two_slides_each_repeating_the_lane_titles() -> None:
    journey = twelve_stages()
    prs = deck(journey)
    slides = map_slides(prs, "en")
    assert [slide.shapes.title.text for slide in slides] == ["Customer journey map", "Customer journey map (cont.)"]
    for slide, group in zip(slides, stage_groups(12), strict=True):
        assert len(group) == 6
        assert {"Customer goals", "Touchpoints", "Emotion curve"} <= paragraphs(slide)
        for index in group:
            stage = journey.stages[index]
            assert shown(slide, stage.name)
            assert all(shown(slide, tp.name) for tp in stage.touchpoints)
        assert overlaps(slide) == []
    names = [slide.shapes.title.text for slide in prs.slides]
    assert names.index("Customer journey map (cont.)") == names.index("Customer journey map") + 1


@pytest.mark.parametrize(("count", "sizes"), [(1, [1]), (7, [7]), (8, [4, 4]), (13, [7, 6]), (15, [5, 5, 5])])
def test_split_rule(count: int, sizes: list[int]) -> None:
    groups = stage_groups(count)
    assert [len(group) for group in groups] == sizes
    assert [index for group in groups for index in group] == list(range(count))


def test_labels_follow_the_language() -> None:
    journey = jm.load(example_files()[0])
    for lang in ("ru", "ro"):
        w = labels(lang)
        (slide,) = map_slides(deck(journey, lang=lang), lang)
        assert w.emotion_curve in paragraphs(slide) or w.emotion_curve in notes(slide)
        assert w.mean_emotion in notes(slide)


@pytest.mark.parametrize("value", [False, "false", "no", "off", "0"])
def test_map_false_leaves_the_map_out(value: object) -> None:
    journey = jm.load(example_files()[0])
    prs = deck(journey, map=value)
    assert map_slides(prs, journey.language) == []
    assert len(prs.slides) == len(deck(journey).slides) - 1


def test_bad_map_option_names_the_option() -> None:
    with pytest.raises(ValidationError, match=r"options\.map"):
        deck(jm.Journey(title="t", stages=["S"]), map="maybe")


def test_a_journey_without_stages_has_no_map_slide() -> None:
    assert map_slides(deck(jm.Journey(title="t")), "en") == []


def test_template_decks_get_the_map_slide_inside_their_own_layout() -> None:
    journey = jm.load(example_files()[0])
    prs = deck(journey, template=str(FIXTURES / "template.pptx"))
    (slide,) = map_slides(prs, journey.language)
    assert slide.slide_layout.name == "Northwind title only"
    assert outside(prs, slide) == []
    assert overlaps(slide) == []
    assert all(shown(slide, tp.name) for _, tp in journey.touchpoints())


def test_a_short_slide_leaves_bottom_lanes_to_the_notes() -> None:
    from journeymap.builtin.pptx import _map
    from journeymap.builtin.pptx._deck import Box, open_deck

    journey = jm.load(example_files()[0])
    built = open_deck(None, labels("en"))
    built.body = Box(36, 92, 888, 220)
    _map.map_slides(built, journey, jm.analyze(journey))
    (slide,) = built.prs.slides
    assert max(top + h for _, _, top, _, h in boxes(slide)) <= 92 + 220 + 0.01
    owners = [stage.owner for stage in journey.stages if stage.owner]
    assert owners
    assert all(f"{labels('en').owner}: {owner}" in notes(slide) for owner in owners)


def test_a_long_stage_name_is_shortened_on_the_slide_and_whole_in_the_notes() -> None:
    long_name = "Comparing offers from several vendors " * 6
    journey = jm.Journey(title="t", stages=[jm.Stage(name=long_name.strip()), jm.Stage(name="one\ntwo")])
    (slide,) = map_slides(deck(journey), "en")
    headers = [shape.text_frame.paragraphs[0].text for shape in texts(slide)]
    assert any(text.endswith("…") and long_name.startswith(text[:-1].rstrip()) for text in headers)
    assert long_name.strip() in notes(slide)
    assert "one\vtwo" in headers  # a line feed in a name stays a line break


def storable(text: str) -> str:
    """``text`` with ``?`` for each character a PowerPoint file cannot hold."""
    return "".join(
        "?" if c not in "\t\n\r" and (unicodedata.category(c) == "Cc" or c in "\ufffe\uffff") else c for c in text
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_any_journey_gets_map_slides_inside_the_slide_without_overlap(journey: jm.Journey) -> None:
    try:  # text a PowerPoint file cannot hold is refused (tested elsewhere)
        journey = _map_text(journey, storable)
    except ValidationError:  # two ids differing only in such characters became one
        assume(False)
    prs = deck(journey)
    slides = map_slides(prs, journey.language)
    assert len(slides) == len(stage_groups(len(journey.stages)))
    for slide in slides:
        assert outside(prs, slide) == []
        assert overlaps(slide) == []
        sizes = [run.font.size for shape in texts(slide) for p in shape.text_frame.paragraphs for run in p.runs]
        assert all(size is not None and size.pt >= MIN_SIZE for size in sizes)
    for _, touchpoint in journey.touchpoints():  # a "… and 2 more" line's hidden texts are noted line by line
        lines = touchpoint.name.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert any(
            shown(slide, "\n".join(lines)) or all(line in notes(slide).replace("\v", "\n") for line in lines)
            for slide in slides
        ), repr(touchpoint.name)
