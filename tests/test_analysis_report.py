"""analyze(): one Report with every analysis, JSON-ready; the readable summary; the shipped examples."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import journeymap as jm
from journeymap.analysis import analyze, count_barriers, lint, render_summary, score_emotions, stage_coverage

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DOC = Path(__file__).resolve().parent.parent / "docs" / "analysis.md"

JOURNEY = jm.Journey(
    title="School",
    persona="Anna",
    stages=[
        jm.Stage(
            name="Study",
            touchpoints=[
                jm.Touchpoint(name="Site", channel="site", emotion=1, barriers=["Price hidden", "Slow"]),
                jm.Touchpoint(name="Call", channel="phone", emotion=-1),
            ],
            barriers=["No reviews"],
        ),
        jm.Stage(name="Purchase", touchpoints=[jm.Touchpoint(name="Checkout", channel="site", emotion=0.5)]),
    ],
)


def test_report_holds_every_analysis_with_the_same_options() -> None:
    report = analyze(JOURNEY, threshold=3, weight_by="none")
    assert report.title == "School"
    assert report.barriers == count_barriers(JOURNEY, threshold=3)
    assert report.emotions == score_emotions(JOURNEY)
    assert report.coverage == stage_coverage(JOURNEY)
    assert list(report.findings) == lint(JOURNEY, threshold=3)
    assert [f.rule for f in analyze(JOURNEY).findings] == ["JM003", "JM005", "JM006", "JM007"]


def test_report_to_dict_is_json_with_a_stable_key_order() -> None:
    data = analyze(JOURNEY).to_dict()
    assert list(data) == ["title", "barriers", "emotions", "coverage", "findings", "moments", "evidence"]
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text) == data
    assert json.dumps(analyze(JOURNEY).to_dict()) == json.dumps(data)
    assert data["emotions"]["peak_end"] == 0.75  # peak Site 1 (earliest of |1|, |-1|), end Checkout 0.5


def test_summary_shows_stage_rows_then_moments_peak_end_pareto_and_gaps() -> None:
    text = render_summary(analyze(JOURNEY))
    lines = text.splitlines()
    assert lines[0] == "School"
    assert lines[2].split() == ["Stage", "Touchpoints", "Mean", "emotion", "Barriers", "Risk"]
    assert lines[3].split() == ["Study", "2", "0.00", "3", "ABANDONMENT", "RISK"]
    assert lines[4].split() == ["Purchase", "1", "0.50", "0"]
    assert "Lowest moments: Call (-1) at study" in lines
    assert "Peak-end score: 0.75 (peak Site 1, end Checkout 0.5)" in lines
    assert "Pareto barriers (80 % of weight): Price hidden (major), Slow (major), No reviews (major)" in lines
    assert "Coverage: 31 % of lanes filled; missing phases: post_purchase" in lines
    assert lines[-1] == "Lint: 1 error, 2 warnings, 1 info (run journeymap lint for details)"


def test_empty_emotions_and_one_stage_journeys_are_summarised_without_errors() -> None:
    text = render_summary(analyze(jm.Journey(title="Bare", stages=[jm.Stage(name="Only", touchpoints=["A"])])))
    assert "Peak-end score: – (no emotions scored)" in text
    assert "Lowest moments: none scored" in text
    assert "Pareto barriers (80 % of weight): none" in text
    assert "Only" in text.splitlines()[3]
    assert render_summary(analyze(jm.Journey(title="Nothing"))).startswith("Nothing\n")


@pytest.fixture
def online_school() -> jm.Journey:
    path = EXAMPLES / "online-school.yaml"
    if not path.exists():
        pytest.skip("examples/online-school.yaml is not present")
    return jm.load(path)


def test_online_school_example_figures(online_school: jm.Journey) -> None:
    """Figures read off the example by hand: consideration scores 1, -1, -1, 1; four barriers there."""
    report = analyze(online_school)
    consideration = report.emotions.stages[1]
    assert (consideration.id, consideration.mean, consideration.scored) == ("consideration", 0.0, 4)
    assert report.barriers.stages[1].total == 4
    assert "consideration" in report.barriers.at_risk
    # the free webinar (+2, first stage) is the earliest most intense moment; the last moment scores +2
    assert report.emotions.peak is not None
    assert report.emotions.peak.touchpoint == "webinar"
    assert report.emotions.peak_end == 2.0
    # every at-risk stage has an action in the plan: no JM005; no error findings at all
    assert not [f for f in report.findings if f.severity == "error"]


def test_the_examples_of_docs_analysis_md_give_what_they_show() -> None:
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=flags, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0


def test_a_journey_with_several_personas_reports_each_curve_and_the_summary_shows_the_new_figures() -> None:
    journey = jm.Journey(
        title="Team",
        persona="Anna",
        personas=["Boris"],
        stages=[
            jm.Stage(
                name="Trial",
                metrics=jm.StageMetrics(reached=10),
                touchpoints=[
                    jm.Touchpoint(name="Sign-up", emotion=1, emotions={"boris": -1}, reach=9, evidence="measured"),
                    jm.Touchpoint(name="Tour", emotion=0.5, reach=2, moment_of_truth=True),
                ],
            )
        ],
    )
    report = analyze(journey)
    assert list(report.personas) == ["anna", "boris"]
    assert report.personas["boris"] == score_emotions(journey, persona="boris")
    assert list(report.to_dict())[-1] == "personas"
    lines = render_summary(report).splitlines()
    assert (
        "Moments of truth (reached by ≥ 80 % of their stage's customers): Sign-up; none marked on the map;"
        " marked but reached by fewer: Tour" in lines
    )
    assert "Evidence: 20 % measured, 0 % observed, 0 % asserted, 80 % unstated (of 5 items)" in lines
    assert "Persona curves (peak-end): anna 0.75, boris -0.25" in lines
    assert "personas" not in analyze(JOURNEY).to_dict()
    assert not any(
        line.startswith(("Moments of truth", "Evidence", "Persona"))
        for line in render_summary(analyze(JOURNEY)).splitlines()
    )
