"""Moments of truth: reach against the stage's measured reach or its largest touchpoint reach, else the marks."""

from __future__ import annotations

import pytest

from journeymap import Journey, Stage, StageMetrics, Touchpoint, ValidationError
from journeymap.analysis import analyze, moments_of_truth, render_summary

MEASURED = Journey(
    title="Shop",
    stages=[
        Stage(
            name="Visit",
            metrics=StageMetrics(reached=1000),
            touchpoints=[Touchpoint(name="Home", reach=990), Touchpoint(name="Blog", reach=120)],
        ),
        Stage(
            name="Buy",
            touchpoints=[
                Touchpoint(name="Checkout", reach=800, moment_of_truth=True),
                Touchpoint(name="Gift wrap", reach=50, moment_of_truth=True),
                Touchpoint(name="Chat"),
            ],
        ),
    ],
)


def test_measured_candidates_compare_reach_with_the_stage_metrics_else_the_stages_largest_reach() -> None:
    report = moments_of_truth(MEASURED)
    assert report.basis == "measured"
    assert [(m.touchpoint, m.base, m.share) for m in report.touchpoints] == [
        ("home", 1000, 0.99),
        ("blog", 1000, 0.12),
        ("checkout", 800, 1.0),  # Buy has no metrics: the largest reach of its touchpoints (Checkout's)
        ("gift-wrap", 800, 50 / 800),
        ("chat", 800, None),
    ]
    assert report.candidates == ("home", "checkout")
    assert report.marked == ("checkout", "gift-wrap")
    assert report.unmarked_candidates == ("home",)
    gift = report.touchpoints[3]
    assert (gift.marked, gift.candidate) == (True, False)  # marked but measured reach says it is not one


def test_the_threshold_moves_the_line() -> None:
    assert moments_of_truth(MEASURED, threshold=0.1).candidates == ("home", "blog", "checkout")
    assert moments_of_truth(MEASURED, threshold=0.99).candidates == ("home", "checkout")
    assert moments_of_truth(MEASURED, threshold=1).candidates == ("checkout",)


def test_without_measured_reach_the_marks_are_the_candidates() -> None:
    journey = Journey(
        title="Plan",
        stages=[
            Stage(name="Buy", touchpoints=[Touchpoint(name="Checkout", moment_of_truth=True), "Chat"]),
            Stage(name="Use", metrics=StageMetrics(reached=0), touchpoints=[Touchpoint(name="App", reach=0)]),
        ],
    )
    report = moments_of_truth(journey)
    assert report.basis == "marked"
    assert report.candidates == report.marked == ("checkout",)
    assert report.unmarked_candidates == ()
    assert [m.share for m in report.touchpoints] == [None, None, None]  # a base of 0 gives no share


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5, True, "0.8"])
def test_a_threshold_outside_0_to_1_is_a_validation_error_naming_it(threshold: object) -> None:
    with pytest.raises(ValidationError) as caught:
        moments_of_truth(MEASURED, threshold=threshold)  # type: ignore[arg-type]
    assert caught.value.path == "threshold"


def test_analyze_reports_the_moments_of_truth() -> None:
    data = analyze(MEASURED).to_dict()["moments"]
    assert (data["basis"], data["threshold"], data["candidates"]) == ("measured", 0.8, ["home", "checkout"])
    assert data["touchpoints"][0] == {
        "path": "stages[0].touchpoints[0]",
        "stage": "visit",
        "touchpoint": "home",
        "name": "Home",
        "marked": False,
        "candidate": True,
        "reach": 990,
        "base": 1000,
        "share": 0.99,
    }


def test_the_summary_names_the_candidates_the_unmarked_ones_and_the_marked_ones_reached_by_fewer() -> None:
    assert (
        "Moments of truth (reached by ≥ 80 % of their stage's customers): Home, Checkout;"
        " not marked on the map: Home; marked but reached by fewer: Gift wrap"
    ) in render_summary(analyze(MEASURED)).splitlines()
