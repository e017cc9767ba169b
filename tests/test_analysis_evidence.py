"""Evidence share: only explicit evidence counts; per stage, per kind of item and for the map; shares add up to 1."""

from __future__ import annotations

import math

import pytest

from journeymap import Barrier, BlueprintStep, Emotion, Journey, Persona, Stage, StageMetrics, Touchpoint
from journeymap.analysis import analyze, evidence_share

JOURNEY = Journey(
    title="Clinic",
    persona="Anna",
    personas=[Persona(name="Boris")],
    stages=[
        Stage(
            name="Book",
            metrics=StageMetrics(reached=100),  # measured numbers, but no evidence for the items' text
            touchpoints=[
                Touchpoint(
                    name="Site",
                    reach=90,
                    evidence="measured",
                    emotion=Emotion(score=-1, evidence="observed"),
                    emotions={"boris": Emotion(score=1, evidence="asserted")},
                    barriers=[Barrier(description="No slots", severity="critical", evidence="observed")],
                ),
                Touchpoint(name="Phone"),
            ],
            barriers=["Far away"],
            frontstage=[BlueprintStep(description="Receptionist confirms", evidence="observed")],
            backstage=["Doctor's calendar synced"],
        ),
        Stage(name="Visit", support=[BlueprintStep(description="Billing system", evidence="measured")]),
        Stage(name="Follow-up"),
    ],
)


def test_each_item_is_counted_by_its_explicit_evidence() -> None:
    report = evidence_share(JOURNEY)
    book = report.stages[0]
    assert dict(book.total.counts) == {"measured": 1, "observed": 3, "asserted": 1, "unstated": 3}
    assert {item: tally.items for item, tally in book.by_item.items()} == {
        "touchpoints": 2,
        "emotions": 2,  # the touchpoint's own and Boris's
        "barriers": 2,
        "blueprint": 2,
    }
    assert dict(book.by_item["touchpoints"].counts) == {"measured": 1, "observed": 0, "asserted": 0, "unstated": 1}
    assert report.total.items == 9
    assert report.total.counts["measured"] == 2
    assert report.by_item["blueprint"].counts == {"measured": 1, "observed": 1, "asserted": 0, "unstated": 1}


def test_shares_add_up_to_1_and_are_none_for_nothing() -> None:
    report = evidence_share(JOURNEY)
    assert report.total.shares is not None
    assert math.fsum(report.total.shares.values()) == pytest.approx(1)
    assert report.total.shares["observed"] == 3 / 9
    follow_up = report.stages[2]
    assert (follow_up.total.items, follow_up.total.shares) == (0, None)
    assert follow_up.by_item["emotions"].shares is None


def test_analyze_reports_the_evidence_in_kind_order() -> None:
    data = analyze(JOURNEY).to_dict()["evidence"]
    assert list(data) == ["stages", "total", "by_item"]
    assert list(data["total"]["counts"]) == ["measured", "observed", "asserted", "unstated"]
    assert [s["id"] for s in data["stages"]] == ["book", "visit", "follow-up"]
