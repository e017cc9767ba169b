"""Invariants of the analysis, checked on generated journeys (hypothesis)."""

from __future__ import annotations

import json
import math

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap import Barrier, Journey, Severity, Stage, Touchpoint
from journeymap.analysis import (
    RULES,
    analyze,
    count_barriers,
    evidence_share,
    moments_of_truth,
    render_summary,
    score_emotions,
    stage_coverage,
)

from .conftest import examples
from .strategies import journeys as rich_journeys

RICH = settings(max_examples=examples(50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Journeys with every field filled are slow to draw."""

scores = st.one_of(st.none(), st.integers(-2, 2), st.floats(-2, 2, allow_nan=False).map(lambda x: round(x, 2)))
barriers = st.lists(
    st.builds(Barrier, description=st.sampled_from(["a", "b", "c"]), severity=st.sampled_from(list(Severity))),
    max_size=3,
)


@st.composite
def touchpoints(draw: st.DrawFn, n: int) -> Touchpoint:
    return Touchpoint(
        name=f"t{n}",
        channel=draw(st.sampled_from([None, "site", "Site", "email", "phone"])),
        emotion=draw(scores),
        barriers=draw(barriers),
        reach=draw(st.one_of(st.none(), st.integers(0, 1000))),
    )


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    stages = []
    for i in range(draw(st.integers(0, 4))):
        count = draw(st.integers(0, 4))
        stages.append(
            Stage(
                name=draw(st.sampled_from(["Awareness", "Purchase", "Loyalty", "Step"])) + f" {i}",
                touchpoints=[draw(touchpoints(n)) for n in range(count)],
                barriers=draw(barriers),
            )
        )
    return Journey(title="generated", stages=stages)


@settings(max_examples=examples(50))
@given(journeys())
def test_counts_add_up(journey: Journey) -> None:
    report = count_barriers(journey)
    assert report.total == sum(s.total for s in report.stages) == len(report.ranked)
    for s in report.stages:
        assert s.total == s.touchpoint_barriers + s.stage_barriers == sum(s.by_severity.values())
        assert s.touchpoint_barriers == sum(t.count for t in s.touchpoints)
    assert report.weight == sum(b.weight for b in report.ranked)
    assert sum(b.weight for b in report.pareto) >= 0.8 * report.weight
    emotions = score_emotions(journey)
    assert all(
        s.scored + s.missing == len(stage.touchpoints) for s, stage in zip(emotions.stages, journey.stages, strict=True)
    )
    assert emotions.scored + len(emotions.missing) == sum(len(s.touchpoints) for s in journey.stages)
    coverage = stage_coverage(journey)
    assert all(sum(s.channels.values()) + s.no_channel == s.touchpoints for s in coverage.stages)
    assert all(s.owned + s.external + s.ownership_unknown == s.touchpoints for s in coverage.stages)
    assert 0 <= coverage.completeness <= 100


@settings(max_examples=examples(50))
@given(journeys())
def test_pareto_set_is_the_shortest_head(journey: Journey) -> None:
    report = count_barriers(journey)
    shorter = report.pareto[:-1]
    if report.pareto:
        assert sum(b.weight for b in shorter) < 0.8 * report.weight


@settings(max_examples=examples(50))
@given(journeys(), st.data())
def test_adding_a_barrier_never_lowers_a_stage_count(journey: Journey, data: st.DataObject) -> None:
    if not journey.stages:
        return
    i = data.draw(st.integers(0, len(journey.stages) - 1))
    stage = journey.stages[i]
    added = data.draw(barriers.filter(bool))
    on_touchpoint: bool = data.draw(st.booleans())
    if stage.touchpoints and on_touchpoint:
        k = data.draw(st.integers(0, len(stage.touchpoints) - 1))
        tp = stage.touchpoints[k]
        tps = list(stage.touchpoints)
        tps[k] = attrs.evolve(tp, barriers=[*tp.barriers, *added])
        new_stage = attrs.evolve(stage, touchpoints=tps)
    else:
        new_stage = attrs.evolve(stage, barriers=[*stage.barriers, *added])
    stages = list(journey.stages)
    stages[i] = new_stage
    before = count_barriers(journey)
    after = count_barriers(attrs.evolve(journey, stages=stages))
    for old, new in zip(before.stages, after.stages, strict=True):
        assert new.total >= old.total
        assert new.weight >= old.weight
        assert new.at_risk or not old.at_risk
    assert after.stages[i].total == before.stages[i].total + len(added)


@settings(max_examples=examples(50))
@given(journeys(), st.randoms(use_true_random=False))
def test_reordering_touchpoints_within_a_stage_keeps_per_stage_means(journey: Journey, rng: object) -> None:
    shuffled = []
    for stage in journey.stages:
        tps = list(stage.touchpoints)
        rng.shuffle(tps)  # type: ignore[attr-defined]
        shuffled.append(attrs.evolve(stage, touchpoints=tps))
    other = attrs.evolve(journey, stages=shuffled)
    for weight_by in ("none", "reach"):  # a tuple of literals: each is a WeightBy
        a = score_emotions(journey, weight_by=weight_by)
        b = score_emotions(other, weight_by=weight_by)
        assert [(s.mean, s.min, s.max, s.scored, s.missing) for s in a.stages] == [
            (s.mean, s.min, s.max, s.scored, s.missing) for s in b.stages
        ]
    assert [s.total for s in count_barriers(journey).stages] == [s.total for s in count_barriers(other).stages]


@settings(max_examples=examples(50))
@given(journeys())
def test_peak_end_lies_within_the_curve(journey: Journey) -> None:
    report = score_emotions(journey)
    if not report.curve:
        assert report.peak_end is None
        return
    values = [m.score for m in report.curve]
    assert report.peak_end is not None
    assert min(values) <= report.peak_end <= max(values)
    assert report.peak is not None
    assert abs(report.peak.score) == max(abs(v) for v in values)
    assert all(d.fall >= 2 for d in report.drops)
    assert all(m.score == min(values) for m in report.lowest)


@settings(max_examples=examples(30))
@given(journeys())
def test_analyze_never_fails_and_gives_json_ready_data(journey: Journey) -> None:
    data = analyze(journey).to_dict()
    assert json.loads(json.dumps(data)) == data


@RICH
@given(rich_journeys())
def test_evidence_shares_add_up_to_1_or_there_are_no_items(journey: Journey) -> None:
    report = evidence_share(journey)
    tallies = [report.total, *report.by_item.values()]
    tallies += [t for s in report.stages for t in (s.total, *s.by_item.values())]
    for tally in tallies:
        assert sum(tally.counts.values()) == tally.items
        if tally.items:
            assert tally.shares is not None
            assert math.fsum(tally.shares.values()) == pytest.approx(1)
        else:
            assert tally.shares is None
    assert report.total.items == sum(s.total.items for s in report.stages)
    assert report.total.items == sum(t.items for t in report.by_item.values())


@RICH
@given(rich_journeys(), st.sampled_from([0.5, 0.8, 1.0]))
def test_moments_of_truth_are_touchpoints_of_the_journey(journey: Journey, threshold: float) -> None:
    report = moments_of_truth(journey, threshold)
    ids = [tp.id for _, tp in journey.touchpoints()]
    assert [m.touchpoint for m in report.touchpoints] == ids
    assert set(report.candidates) <= set(ids)
    assert set(report.unmarked_candidates) <= set(report.candidates)
    assert report.marked == tuple(tp.id for _, tp in journey.touchpoints() if tp.moment_of_truth)
    if report.basis == "marked":
        assert report.candidates == report.marked
    else:
        assert all(m.candidate == (m.share is not None and m.share >= threshold) for m in report.touchpoints)


@RICH
@given(rich_journeys())
def test_each_persona_curve_partitions_the_touchpoints(journey: Journey) -> None:
    total = sum(len(s.touchpoints) for s in journey.stages)
    for persona in [None, *(p.id for p in journey.all_personas())]:
        report = score_emotions(journey, persona=persona)
        assert report.scored + len(report.missing) + len(report.not_met) == total
        assert all(
            s.scored + s.missing + s.not_met == len(stage.touchpoints)
            for s, stage in zip(report.stages, journey.stages, strict=True)
        )


@RICH
@given(rich_journeys())
def test_analyze_never_fails_on_a_rich_journey_and_gives_json_ready_data(journey: Journey) -> None:
    report = analyze(journey)
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert ("personas" in data) == (len(journey.all_personas()) > 1)
    assert all(f.rule in RULES for f in report.findings)
    render_summary(report)
