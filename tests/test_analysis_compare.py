"""As-is versus to-be comparison: emotion change, barriers and touchpoints added and removed, coverage change."""

from __future__ import annotations

import pytest

from journeymap import Barrier, Journey, Stage, Touchpoint
from journeymap.analysis import compare

BEFORE = Journey(
    title="as-is",
    stages=[
        Stage(
            name="Study",
            touchpoints=[
                Touchpoint(name="Site", channel="site", emotion=-1, barriers=["Price hidden", "Slow  page"]),
                Touchpoint(name="Forum", channel="forum", emotion=0),
            ],
            barriers=[Barrier(description="Old wording", id="B1")],
        ),
        Stage(name="Call", touchpoints=[Touchpoint(name="Phone", channel="phone", emotion=-2)]),
    ],
)
AFTER = Journey(
    title="to-be",
    stages=[
        Stage(
            name="Study",
            goals=["Pick a course"],
            touchpoints=[
                Touchpoint(name="Site", channel="site", emotion=1, barriers=["slow page"]),
                Touchpoint(name="Chat", channel="messenger", emotion=2),
            ],
            barriers=[Barrier(description="New wording, same barrier", id="B1"), "Few reviews"],
        ),
        Stage(name="Loyalty", touchpoints=[Touchpoint(name="Club", channel="email", emotion=1)]),
    ],
)


def test_stages_are_matched_by_id_after_order_then_removed_ones() -> None:
    result = compare(BEFORE, AFTER)
    assert [(s.id, s.status) for s in result.stages] == [("study", "kept"), ("loyalty", "added"), ("call", "removed")]


def test_mean_emotion_change_per_stage() -> None:
    study, loyalty, call = compare(BEFORE, AFTER).stages
    assert (study.mean_before, study.mean_after, study.mean_change) == (-0.5, 1.5, 2.0)
    assert (loyalty.mean_before, loyalty.mean_after, loyalty.mean_change) == (None, 1, None)
    assert (call.mean_before, call.mean_after, call.mean_change) == (-2, None, None)


def test_barriers_are_matched_by_id_then_by_text() -> None:
    study = compare(BEFORE, AFTER).stages[0]
    assert (study.barriers_before, study.barriers_after) == (3, 3)
    assert [b.description for b in study.barriers_added] == ["Few reviews"]
    assert [(b.description, b.touchpoint) for b in study.barriers_removed] == [("Price hidden", "site")]


def test_touchpoints_added_and_removed() -> None:
    study, loyalty, call = compare(BEFORE, AFTER).stages
    assert (study.touchpoints_added, study.touchpoints_removed) == (("chat",), ("forum",))
    assert (loyalty.touchpoints_added, call.touchpoints_removed) == (("club",), ("phone",))


def test_whole_map_figures_and_coverage_change() -> None:
    result = compare(BEFORE, AFTER)
    assert result.mean_before == pytest.approx(-1)
    assert result.mean_after == pytest.approx(4 / 3)
    assert (result.barriers_before, result.barriers_after) == (3, 3)
    assert result.channels_added == ("messenger", "email")
    assert result.channels_removed == ("forum", "phone")
    assert result.phases_after == ("pre_purchase", "post_purchase")  # Study: inferred from its name
    # before: Study touchpoints, emotions, barriers (3/8); Call touchpoints, emotions (2/8) -> 5/16
    # after: Study goals, touchpoints, emotions, barriers (4/8); Loyalty touchpoints, emotions (2/8) -> 6/16
    assert (result.completeness_before, result.completeness_after) == (31.25, 37.5)
    assert result.completeness_change == 6.25
    assert result.stages[0].completeness_before == 37.5


def test_comparing_a_map_with_itself_changes_nothing() -> None:
    result = compare(BEFORE, BEFORE)
    assert all(s.status == "kept" and not s.barriers_added and not s.barriers_removed for s in result.stages)
    assert all(s.mean_change == 0 for s in result.stages)
    assert (result.completeness_change, result.channels_added, result.channels_removed) == (0, (), ())


def test_equal_texts_are_matched_one_to_one() -> None:
    before = Journey(title="a", stages=[Stage(name="S", barriers=["Same", "Same"])])
    after = Journey(title="b", stages=[Stage(name="S", barriers=["same"])])
    study = compare(before, after).stages[0]
    assert (len(study.barriers_removed), study.barriers_added) == (1, ())


def test_to_dict_is_json_ready() -> None:
    data = compare(BEFORE, AFTER).to_dict()
    assert data["stages"][0]["barriers_added"] == [
        {"description": "Few reviews", "severity": "major", "id": None, "touchpoint": None}
    ]
