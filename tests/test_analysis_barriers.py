"""Barrier analysis: counts, abandonment risk (seed rule), ranking and the Pareto set."""

from __future__ import annotations

import json

import pytest

from journeymap import Barrier, Journey, Severity, Stage, Touchpoint, ValidationError
from journeymap.analysis import count_barriers


def _b(text: str, severity: str = "major", **extra: str) -> Barrier:
    return Barrier(description=text, severity=severity, **extra)


JOURNEY = Journey(
    title="School",
    stages=[
        Stage(
            name="Study",
            touchpoints=[
                Touchpoint(name="Site", barriers=[_b("Price hidden", "critical"), _b("Slow", "minor")]),
                Touchpoint(name="Reviews", barriers=[_b("Few reviews")]),
            ],
            barriers=[_b("Too many options", "minor")],
        ),
        Stage(name="Trial", touchpoints=[Touchpoint(name="Lesson", barriers=[_b("Bad sound", "critical")])]),
        Stage(name="Purchase", barriers=[_b("No instalments"), _b("Card declined", "critical")]),
        Stage(name="Loyalty"),
    ],
)


def test_stage_counts_tell_touchpoint_and_stage_barriers_apart() -> None:
    study, trial, purchase, loyalty = count_barriers(JOURNEY).stages
    assert (study.touchpoint_barriers, study.stage_barriers, study.total) == (3, 1, 4)
    assert (trial.touchpoint_barriers, trial.stage_barriers, trial.total) == (1, 0, 1)
    assert (purchase.touchpoint_barriers, purchase.stage_barriers, purchase.total) == (0, 2, 2)
    assert loyalty.total == 0


def test_counts_by_severity_and_weights_are_hand_computed() -> None:
    report = count_barriers(JOURNEY)
    study = report.stages[0]
    assert dict(study.by_severity) == {"minor": 2, "major": 1, "critical": 1}
    assert study.weight == 3 + 1 + 2 + 1
    assert report.stages[2].weight == 2 + 3
    assert dict(report.by_severity) == {"minor": 2, "major": 2, "critical": 3}
    assert (report.total, report.weight) == (7, 7 + 3 + 5)


def test_more_than_threshold_barriers_marks_the_stage_as_abandonment_risk() -> None:
    report = count_barriers(JOURNEY)
    assert report.at_risk == ("study",)
    assert [s.at_risk for s in report.stages] == [True, False, False, False]
    # exactly two barriers is not "more than two"; a threshold of 1 catches it
    assert count_barriers(JOURNEY, threshold=1).at_risk == ("study", "purchase")
    assert count_barriers(JOURNEY, threshold=4).at_risk == ()


def test_per_touchpoint_counts_and_paths() -> None:
    site, reviews = count_barriers(JOURNEY).stages[0].touchpoints
    assert (site.path, site.id, site.count, site.weight) == ("stages[0].touchpoints[0]", "site", 2, 4)
    assert (reviews.count, reviews.weight) == (1, 2)


def test_ranking_is_by_weight_with_ties_in_journey_order() -> None:
    ranked = count_barriers(JOURNEY).ranked
    assert [b.description for b in ranked] == [
        "Price hidden",  # critical, stage 0 touchpoint 0
        "Bad sound",  # critical, stage 1
        "Card declined",  # critical, stage 2 (stage-level)
        "Few reviews",  # major, stage 0 touchpoint 1
        "No instalments",  # major, stage 2
        "Slow",  # minor, stage 0 touchpoint 0
        "Too many options",  # minor, stage 0 stage-level (after the touchpoints' barriers)
    ]
    assert ranked[2].path == "stages[2].barriers[1]"
    assert ranked[2].touchpoint is None
    assert ranked[0].path == "stages[0].touchpoints[0].barriers[0]"


def test_pareto_set_is_the_fewest_barriers_reaching_80_percent_of_weight() -> None:
    # weights 3,3,3,2,2,1,1 = 15; 80 % = 12; 3+3+3+2 = 11 < 12, +2 = 13 >= 12 -> five barriers
    pareto = count_barriers(JOURNEY).pareto
    assert [b.description for b in pareto] == [
        "Price hidden",
        "Bad sound",
        "Card declined",
        "Few reviews",
        "No instalments",
    ]


def test_pareto_set_stops_exactly_at_80_percent() -> None:
    # weights 2,2,2,2,2 = 10: four barriers give exactly 8 = 80 %
    journey = Journey(title="t", stages=[Stage(name="S", barriers=[f"b{n}" for n in range(5)])])
    assert [b.description for b in count_barriers(journey).pareto] == ["b0", "b1", "b2", "b3"]


def test_journey_without_barriers_has_empty_ranking() -> None:
    report = count_barriers(Journey(title="t", stages=["Only"]))
    assert (report.total, report.weight, report.ranked, report.pareto, report.at_risk) == (0, 0, (), (), ())


@pytest.mark.parametrize("threshold", [-1, 1.5, True, "2"])
def test_bad_threshold_is_a_validation_error_naming_it(threshold: object) -> None:
    with pytest.raises(ValidationError, match="threshold"):
        count_barriers(JOURNEY, threshold=threshold)  # type: ignore[arg-type]


def test_to_dict_is_plain_json_data_in_field_order() -> None:
    data = count_barriers(JOURNEY).to_dict()
    assert list(data) == ["threshold", "stages", "total", "by_severity", "weight", "at_risk", "ranked", "pareto"]
    assert data["ranked"][0]["severity"] == "critical"
    assert data["stages"][0]["by_severity"] == {"minor": 2, "major": 1, "critical": 1}
    assert json.loads(json.dumps(data)) == data


def test_severity_weights_are_minor_1_major_2_critical_3() -> None:
    assert [s.weight for s in (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL)] == [1, 2, 3]
