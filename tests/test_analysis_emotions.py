"""The emotion curve: missing is never 0, per-stage figures, peak-end, sharp drops, reach weighting."""

from __future__ import annotations

import pytest

from journeymap import Journey, Stage, Touchpoint, ValidationError
from journeymap.analysis import score_emotions

JOURNEY = Journey(
    title="School",
    stages=[
        Stage(
            name="Study",
            touchpoints=[
                Touchpoint(name="Ad", emotion=1, reach=100),
                Touchpoint(name="Site", emotion=-1, reach=300),
                Touchpoint(name="Webinar"),  # missing: not 0
            ],
        ),
        Stage(name="Trial", touchpoints=[Touchpoint(name="Lesson", emotion=2, reach=50)]),
        Stage(
            name="Purchase",
            touchpoints=[Touchpoint(name="Checkout", emotion=-2), Touchpoint(name="Receipt", emotion=0.5, reach=10)],
        ),
        Stage(name="Loyalty"),
    ],
)


def test_missing_emotion_is_counted_as_missing_not_as_zero() -> None:
    report = score_emotions(JOURNEY)
    study = report.stages[0]
    assert (study.scored, study.missing) == (2, 1)
    assert study.mean == 0.0  # (1 + -1) / 2, not (1 - 1 + 0) / 3
    assert report.missing == ("stages[0].touchpoints[2]",)
    assert [m.name for m in report.curve] == ["Ad", "Site", "Lesson", "Checkout", "Receipt"]
    assert [m.position for m in report.curve] == [0, 1, 3, 4, 5]  # the gap at 2 is the missing webinar


def test_per_stage_mean_min_max() -> None:
    study, trial, purchase, loyalty = score_emotions(JOURNEY).stages
    assert (study.mean, study.min, study.max) == (0.0, -1, 1)
    assert (trial.mean, trial.min, trial.max, trial.scored) == (2, 2, 2, 1)
    assert (purchase.mean, purchase.min, purchase.max) == (-0.75, -2, 0.5)
    assert (loyalty.mean, loyalty.min, loyalty.max, loyalty.scored, loyalty.missing) == (None, None, None, 0, 0)


def test_journey_mean_lowest_highest_and_end() -> None:
    report = score_emotions(JOURNEY)
    assert report.mean == pytest.approx((1 - 1 + 2 - 2 + 0.5) / 5)
    assert report.scored == 5
    assert [m.name for m in report.lowest] == ["Checkout"]
    assert [m.name for m in report.highest] == ["Lesson"]
    assert report.end is not None
    assert (report.end.name, report.end_score) == ("Receipt", 0.5)


def test_peak_is_the_earliest_of_the_most_intense_moments() -> None:
    report = score_emotions(JOURNEY)
    # Lesson (+2) and Checkout (-2) are equally intense; the earlier one is the peak
    assert report.peak is not None
    assert report.peak.name == "Lesson"
    assert report.peak_end == (2 + 0.5) / 2


def test_lowest_and_highest_list_every_tie() -> None:
    journey = Journey(title="t", stages=[Stage(name="S", touchpoints=[
        Touchpoint(name="A", emotion=-1), Touchpoint(name="B", emotion=1), Touchpoint(name="C", emotion=-1),
    ])])  # fmt: skip
    report = score_emotions(journey)
    assert [m.name for m in report.lowest] == ["A", "C"]
    assert [m.name for m in report.highest] == ["B"]
    assert report.peak is not None
    assert (report.peak.name, report.peak_end) == ("A", -1)


def test_sharp_drops_are_falls_of_two_or_more_between_scored_moments_across_stages() -> None:
    drops = score_emotions(JOURNEY).drops
    # Ad 1 -> Site -1 (fall 2); Site -1 -> Lesson 2 (rise); Lesson 2 -> Checkout -2 (fall 4, across stages)
    assert [(d.before.name, d.after.name, d.fall) for d in drops] == [("Ad", "Site", 2), ("Lesson", "Checkout", 4)]


def test_a_fall_below_two_is_not_a_sharp_drop() -> None:
    journey = Journey(title="t", stages=[Stage(name="S", touchpoints=[
        Touchpoint(name="A", emotion=1), Touchpoint(name="B", emotion=-0.9)])])  # fmt: skip
    assert score_emotions(journey).drops == ()


def test_weighting_by_reach_leaves_out_and_counts_touchpoints_without_reach() -> None:
    report = score_emotions(JOURNEY, weight_by="reach")
    study, trial, purchase, _ = report.stages
    assert study.mean == pytest.approx((1 * 100 + -1 * 300) / 400)
    assert trial.mean == 2
    assert purchase.mean == 0.5  # Checkout has no reach: left out
    assert (purchase.without_reach, report.without_reach) == (1, 1)
    assert report.mean == pytest.approx((100 - 300 + 100 + 5) / 460)
    assert score_emotions(JOURNEY).without_reach == 0


def test_reach_weighting_with_no_reach_at_all_gives_no_mean() -> None:
    journey = Journey(title="t", stages=[Stage(name="S", touchpoints=[Touchpoint(name="A", emotion=1)])])
    report = score_emotions(journey, weight_by="reach")
    assert (report.mean, report.stages[0].mean, report.without_reach) == (None, None, 1)


def test_journey_without_emotions_has_no_figures_and_no_errors() -> None:
    journey = Journey(title="t", stages=[Stage(name="S", touchpoints=["A", "B"]), "Empty"])
    report = score_emotions(journey)
    assert (report.mean, report.peak, report.end, report.peak_end, report.end_score) == (None,) * 5
    assert (report.curve, report.lowest, report.highest, report.drops) == ((), (), (), ())
    assert report.missing == ("stages[0].touchpoints[0]", "stages[0].touchpoints[1]")
    assert report.to_dict()["peak_end"] is None


def test_one_stage_one_touchpoint() -> None:
    journey = Journey(title="t", stages=[Stage(name="S", touchpoints=[Touchpoint(name="A", emotion=-0.5)])])
    report = score_emotions(journey)
    assert (report.mean, report.peak_end, report.end_score) == (-0.5, -0.5, -0.5)


def test_unknown_weighting_is_a_validation_error_naming_it() -> None:
    with pytest.raises(ValidationError, match="weight_by"):
        score_emotions(JOURNEY, weight_by="people")  # type: ignore[arg-type]


PERSONAS = Journey(
    title="Team plan",
    persona="Anna",
    personas=["Boris"],
    stages=[
        Stage(
            name="Trial",
            touchpoints=[
                Touchpoint(name="Sign-up", emotion=1, emotions={"boris": -1}),
                Touchpoint(name="Admin console", emotion=-2, personas=["boris"]),
                Touchpoint(name="Invite", personas=["anna", "boris"]),
            ],
        ),
    ],
)


def test_a_persona_curve_uses_their_own_emotion_else_the_touchpoints() -> None:
    boris = score_emotions(PERSONAS, persona="boris")
    assert boris.persona == "boris"
    assert [(m.name, m.score) for m in boris.curve] == [("Sign-up", -1), ("Admin console", -2)]
    assert (boris.not_met, boris.missing) == ((), ("stages[0].touchpoints[2]",))


def test_a_touchpoint_for_other_personas_is_not_met_neither_scored_nor_missing() -> None:
    anna = score_emotions(PERSONAS, persona="anna")
    assert [(m.name, m.score) for m in anna.curve] == [("Sign-up", 1)]
    assert anna.not_met == ("stages[0].touchpoints[1]",)
    (stage,) = anna.stages
    assert (stage.scored, stage.missing, stage.not_met, stage.mean) == (1, 1, 1, 1)


def test_the_maps_own_curve_meets_every_touchpoint() -> None:
    own = score_emotions(PERSONAS)
    assert own.persona is None
    assert [m.score for m in own.curve] == [1, -2]
    assert own.not_met == ()
    assert own.stages[0].not_met == 0


def test_an_unknown_persona_is_a_validation_error_naming_the_argument() -> None:
    with pytest.raises(ValidationError, match="persona ids: anna, boris") as caught:
        score_emotions(PERSONAS, persona="carla")
    assert caught.value.path == "persona"
