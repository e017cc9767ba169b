"""The richer map on every map renderer: doing, thinking, the service blueprint with its lines, custom lanes,
moments of truth, evidence and one curve per persona (layout, poster SVG, HTML map, deck map slide)."""

from __future__ import annotations

import io
import itertools
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import journeymap as jm
from journeymap.errors import ValidationError
from journeymap.i18n import labels
from journeymap.layout import LANES, MOMENT_OF_TRUTH, MapLayout, lane_keys, layout_map
from journeymap.plugins import get_exporter

from .strategies import journeys

EXAMPLES = Path(__file__).parent.parent / "examples"
CUSTOMER = ["goals", "expectations", "questions", "doing", "actions", "touchpoints", "thinking", "emotions", "barriers"]


@cache
def rich() -> jm.Journey:
    """Two personas, a service blueprint, a custom lane, moments of truth, evidence."""
    return jm.load(EXAMPLES / "b2b-saas-trial.yaml")


@cache
def plain() -> jm.Journey:
    """One persona, no blueprint, no custom lane."""
    return jm.load(EXAMPLES / "online-school.yaml")


def written(name: str, journey: jm.Journey, **options: object) -> bytes:
    stream = io.BytesIO()
    get_exporter(name).write(journey, stream, lang=str(options.pop("lang", journey.language)), **options)
    return stream.getvalue()


def fulls(layout: MapLayout, key: str) -> list[str]:
    """Every whole text of a lane, stage by stage (a "more" line's hidden texts included)."""
    return [text for cell in layout.lane(key).cells for item in cell.items for text in item.full.split("\n")]


# --- the layout --------------------------------------------------------------------------------------------------


def test_the_new_lanes_come_in_order_customer_lanes_then_the_blueprint_then_custom_lanes() -> None:
    keys = [lane.key for lane in layout_map(rich()).lanes]
    assert keys[: len(CUSTOMER)] == CUSTOMER
    assert keys[len(CUSTOMER) : len(CUSTOMER) + 3] == ["frontstage", "backstage", "support"]
    assert keys[-1] == "security_legal"
    assert lane_keys(rich()) == (*LANES, "security_legal")


def test_lanes_hold_the_stage_texts_with_their_paths() -> None:
    journey = rich()
    layout = layout_map(journey, size=(1200.0, 1.0e7))  # tall enough that nothing is shortened
    stage = journey.stages[0]
    first = layout.lane("doing").cells[0].items
    assert [item.full for item in first] == list(stage.doing)
    assert [item.path for item in first] == ["stages[0].doing[0]", "stages[0].doing[1]"]
    thoughts = [f"{text} ({tp.name})" for s in journey.stages for tp in s.touchpoints for text in tp.thinking] + [
        text for s in journey.stages for text in s.thinking
    ]
    assert sorted(fulls(layout, "thinking")) == sorted(thoughts)
    steps = [(s, step) for s in journey.stages for step in s.frontstage]
    assert fulls(layout, "frontstage") == [
        f"{step.description} ({step.owner})" if step.owner else step.description for _, step in steps
    ]
    custom = [text for s in journey.stages for text in s.lanes.get("security_legal", ())]
    assert fulls(layout, "security_legal") == custom
    paths = [item.path for cell in layout.lane("security_legal").cells for item in cell.items]
    assert all(re.fullmatch(r"stages\[\d+\]\.lanes\.security_legal\[\d+\]", path) for path in paths)


def test_a_step_keeps_the_touchpoint_it_serves_and_its_evidence_for_tooltips() -> None:
    journey = rich()
    names = {tp.id: tp.name for _, tp in journey.touchpoints()}
    layout = layout_map(journey, size=(1200.0, 1.0e7))
    items = {item.path: item for cell in layout.lane("backstage").cells for item in cell.items}
    for index, stage in enumerate(journey.stages):
        for number, step in enumerate(stage.backstage):
            item = items[f"stages[{index}].backstage[{number}]"]
            if step.touchpoint:
                assert f"→ {names[step.touchpoint]}" in item.note
            if step.evidence is not None:
                assert f"Evidence: {step.evidence.kind.value}" in item.note


def test_moments_of_truth_are_marked_on_their_touchpoint_and_their_point() -> None:
    journey = rich()
    layout = layout_map(journey, size=(1200.0, 1.0e7))
    marked = [tp.name for _, tp in journey.touchpoints() if tp.moment_of_truth]
    assert marked
    items = [item for cell in layout.lane("touchpoints").cells for item in cell.items]
    assert [item.full for item in items if item.moment_of_truth] == [f"{MOMENT_OF_TRUTH} {name}" for name in marked]
    assert [point.name for point in layout.curve if point.moment_of_truth] == marked


def test_the_blueprint_lines_sit_between_their_lanes_in_bands_of_their_own() -> None:
    layout = layout_map(rich())
    lines = {line.key: line for line in layout.lines}
    assert set(lines) == {"interaction", "visibility"}
    assert lines["interaction"].title == "Line of interaction"
    assert lines["visibility"].title == "Line of visibility"
    for line, above, below in (
        (lines["interaction"], layout.lane("barriers"), layout.lane("frontstage")),
        (lines["visibility"], layout.lane("frontstage"), layout.lane("backstage")),
    ):
        assert above.y + above.height <= line.top < line.y < line.top + line.height <= below.y
        assert line.before == below.key


@pytest.mark.parametrize(
    ("lanes", "expected"),
    [
        (["touchpoints", "emotions"], set()),
        (["touchpoints", "frontstage"], {"interaction"}),
        (["touchpoints", "backstage", "support"], {"interaction"}),
        (["frontstage", "backstage"], {"visibility"}),
        (["touchpoints", "frontstage", "support"], {"interaction", "visibility"}),
    ],
)
def test_lines_are_there_only_with_the_lanes_they_separate(lanes: list[str], expected: set[str]) -> None:
    assert {line.key for line in layout_map(rich(), lanes=lanes).lines} == expected


def test_a_map_without_a_blueprint_has_no_lines() -> None:
    assert layout_map(plain()).lines == ()


def test_lanes_take_a_custom_lane_id_and_refuse_an_unknown_one_listing_every_lane() -> None:
    layout = layout_map(rich(), lanes=["touchpoints", "security_legal"])
    assert [lane.key for lane in layout.lanes] == ["touchpoints", "security_legal"]
    with pytest.raises(ValidationError, match="lanes") as caught:
        layout_map(rich(), lanes=["touchpoints", "legal_review"])
    assert "legal_review" in str(caught.value)
    assert "security_legal" in str(caught.value)
    with pytest.raises(ValidationError, match="lanes"):
        layout_map(plain(), lanes=["security_legal"])  # another journey's lane


@pytest.mark.parametrize("lang", ["ru", "ro"])
def test_lane_and_line_titles_are_in_the_map_language(lang: str) -> None:
    words = labels(lang)
    layout = layout_map(rich(), lang=lang)
    assert layout.lane("security_legal").title == rich().lanes["security_legal"].titles[lang]
    assert [layout.lane(key).title for key in ("doing", "thinking", "frontstage", "backstage", "support")] == [
        words.doing,
        words.thinking,
        words.frontstage,
        words.backstage,
        words.support,
    ]
    assert [line.title for line in layout.lines] == [words.line_of_interaction, words.line_of_visibility]


def test_a_custom_lane_without_a_title_in_the_language_keeps_its_title() -> None:
    journey = jm.Journey(
        title="t",
        lanes={"legal": jm.CustomLane(title="Legal review", titles={"ru": "Юристы"})},
        stages=[jm.Stage(name="A", lanes={"legal": ["DPA signed"]})],
    )
    assert layout_map(journey, lang="ro").lane("legal").title == "Legal review"
    assert layout_map(journey, lang="ru").lane("legal").title == "Юристы"


def test_several_personas_get_a_curve_each_and_one_persona_none() -> None:
    journey = rich()
    layout = layout_map(journey)
    assert [curve.name for curve in layout.personas] == [p.name for p in journey.all_personas()]
    assert len({curve.colour for curve in layout.personas}) == len(layout.personas)
    daniel = layout.personas[1]
    for point, (_, touchpoint) in zip(daniel.points, journey.touchpoints(), strict=True):
        emotion = touchpoint.emotion_for("daniel")
        assert point.score == (None if emotion is None else emotion.score)
    assert layout_map(plain()).personas == ()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_lanes_and_lines_never_overlap(journey: jm.Journey) -> None:
    if not journey.stages:
        return
    layout = layout_map(journey)
    bands = [(lane.y, lane.y + lane.height) for lane in layout.lanes] + [
        (line.top, line.top + line.height) for line in layout.lines
    ]
    bands.sort()
    assert all(end <= start + 1e-6 for (_, end), (start, _) in itertools.pairwise(bands))
    assert {lane.key for lane in layout.lanes} <= set(lane_keys(journey))
    shown = [lane.key for lane in layout.lanes]
    for line in layout.lines:
        assert line.before in shown
        if line.key == "visibility":
            assert shown[shown.index(line.before) - 1] == "frontstage"


# --- the poster --------------------------------------------------------------------------------------------------


@cache
def rich_svg() -> str:
    return written("svg", rich()).decode()


def test_the_poster_svg_holds_the_new_lanes_lines_stars_evidence_and_personas() -> None:
    svg = rich_svg()
    words = labels("en")
    for text in (
        words.doing,
        words.thinking,
        words.frontstage,
        words.backstage,
        "Security and legal review",
        words.line_of_interaction,
        words.line_of_visibility,
        words.moment_mark(),
        *(f"— {p.name}" for p in rich().all_personas()),
    ):
        assert text in svg, text
    assert 'id="map-moment-' in svg
    assert 'id="map-persona-1"' in svg
    assert "Evidence: measured — Product events of 1,930 trials, August to October 2024" in svg  # a tooltip
    assert "Evidence: observed — 4 interviews with CTOs of trial accounts" in svg  # an emotion's, on its point


def test_a_one_persona_poster_has_no_persona_curves_nor_lines() -> None:
    svg = written("svg", plain()).decode()
    assert 'id="map-curve"' in svg
    assert "map-persona-" not in svg
    assert "map-line-" not in svg


def test_the_image_exporters_take_custom_lanes_and_refuse_unknown_ones() -> None:
    svg = written("svg", rich(), lanes="touchpoints,security_legal").decode()
    assert 'id="map-lane-security_legal"' in svg
    assert 'id="map-lane-goals"' not in svg
    with pytest.raises(ValidationError, match=r"options\.lanes") as caught:
        written("png", rich(), chart="map", lanes="touchpoints,legal_review")
    assert "security_legal" in str(caught.value)


# --- the HTML map ------------------------------------------------------------------------------------------------


@cache
def rich_html() -> str:
    return written("html", rich()).decode()


def test_the_html_map_shows_the_new_lanes_lines_stars_evidence_and_personas() -> None:
    page = rich_html()
    words = labels("en")
    for key in ("doing", "thinking", "frontstage", "backstage", "support", "security_legal"):
        assert f'id="jm-lane-{key}"' in page, key
    assert page.count('class="jm-blueprint-line"') == 2
    assert words.line_of_interaction in page
    assert words.line_of_visibility in page
    assert page.count('class="jm-star"') == sum(1 for _, tp in rich().touchpoints() if tp.moment_of_truth)
    assert f"{MOMENT_OF_TRUTH} Server-side event setup" in page
    assert page.count('class="jm-persona-line"') >= 2
    for persona in rich().all_personas():
        assert persona.name in page
    # evidence: in a touchpoint's and a barrier's details, a step's tooltip
    assert "<dt>Evidence</dt><dd>measured — Product events of 1,930 trials, August to October 2024</dd>" in page
    assert 'title="→ ' in page


def test_the_html_map_takes_custom_lanes_and_refuses_unknown_ones() -> None:
    page = written("html", rich(), lanes="touchpoints,security_legal").decode()
    assert 'id="jm-lane-security_legal"' in page
    assert 'id="jm-lane-goals"' not in page
    assert 'class="jm-blueprint-line"' not in page
    with pytest.raises(ValidationError, match=r"options\.lanes"):
        written("html", rich(), lanes="legal_review")


def test_a_russian_html_map_titles_the_custom_lane_in_russian() -> None:
    page = written("html", rich(), lang="ru").decode()
    assert rich().lanes["security_legal"].titles["ru"] in page
    assert labels("ru").line_of_visibility in page


# --- the deck's map slide ------------------------------------------------------------------------------------------


def test_the_map_slide_shows_the_blueprint_lines_custom_lane_stars_and_personas_without_overlap() -> None:
    pytest.importorskip("pptx")
    from pptx.enum.shapes import MSO_SHAPE

    from .test_pptx_map import autoshapes, deck, map_slides, notes, outside, overlaps, paragraphs

    journey = rich()
    prs = deck(journey)
    (slide,) = map_slides(prs, journey.language)
    shown = paragraphs(slide)
    words = labels("en")
    assert {words.doing, words.thinking, words.frontstage, words.backstage} <= shown
    assert {words.line_of_interaction, words.line_of_visibility} <= shown
    assert any(text.startswith("Security and") for text in shown)
    assert len(autoshapes(slide, MSO_SHAPE.STAR_5_POINT)) == sum(
        1 for _, tp in journey.touchpoints() if tp.moment_of_truth
    )
    assert any(text.startswith("— Priya") for text in shown)
    said = notes(slide)
    assert "Evidence: measured — Product events of 1,930 trials, August to October 2024" in said
    assert all(persona.name in said for persona in journey.all_personas())
    assert outside(prs, slide) == []
    assert overlaps(slide) == []


@pytest.mark.parametrize("lang", ["ru", "ro"])
def test_the_map_slide_titles_the_blueprint_and_its_lines_in_the_deck_language(lang: str) -> None:
    pytest.importorskip("pptx")
    from .test_pptx_map import deck, map_slides, notes, overlaps, paragraphs

    journey, words = rich(), labels(lang)
    (slide,) = map_slides(deck(journey, lang), lang)
    shown = paragraphs(slide)
    assert {words.line_of_interaction, words.line_of_visibility} <= shown
    custom = journey.lanes["security_legal"].titles[lang]
    assert custom in shown or custom in notes(slide)  # a title the label column shortens is whole in the notes
    assert overlaps(slide) == []
