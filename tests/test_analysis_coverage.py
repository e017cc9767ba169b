"""Stage coverage: channel matrix, empty stages, phases, ownership, lane completeness."""

from __future__ import annotations

from journeymap import Journey, Kpi, Stage, Touchpoint
from journeymap.analysis import phase_of, stage_coverage

JOURNEY = Journey(
    title="School",
    stages=[
        Stage(
            name="Awareness",
            goals=["Learn a trade"],
            touchpoints=[
                Touchpoint(name="Ad", channel="social", owned=False, emotion=1),
                Touchpoint(name="Blog", channel="Site", owned=True),
                Touchpoint(name="Friend", channel="word of mouth"),
            ],
        ),
        Stage(
            name="Checkout page",
            phase="purchase",
            questions=["Can I pay in parts?"],
            touchpoints=[
                Touchpoint(name="Pay", channel=" site ", owned=True, opportunities=["Instalments"]),
                Touchpoint(name="Call", barriers=["Long wait"]),
            ],
            kpis=[Kpi(name="Conversion")],
        ),
        Stage(name="Week one", expectations=["A mentor"]),
    ],
)


def test_stage_by_channel_matrix_groups_channels_ignoring_case_and_spaces() -> None:
    report = stage_coverage(JOURNEY)
    assert report.channels == ("social", "Site", "word of mouth")
    assert [dict(s.channels) for s in report.stages] == [
        {"social": 1, "Site": 1, "word of mouth": 1},
        {"Site": 1},
        {},
    ]
    assert [s.no_channel for s in report.stages] == [0, 1, 0]


def test_empty_stages_and_channels_used_in_one_stage_only() -> None:
    report = stage_coverage(JOURNEY)
    assert report.empty_stages == ("week-one",)
    assert dict(report.single_stage_channels) == {"social": "awareness", "word of mouth": "awareness"}


def test_owned_versus_external_per_stage() -> None:
    awareness, checkout, _ = stage_coverage(JOURNEY).stages
    assert (awareness.owned, awareness.external, awareness.ownership_unknown) == (1, 1, 1)
    assert (checkout.owned, checkout.external, checkout.ownership_unknown) == (1, 0, 1)


def test_phases_come_from_the_field_or_a_common_stage_name() -> None:
    report = stage_coverage(JOURNEY)
    awareness, checkout, week = report.stages
    assert (awareness.phase, awareness.phase_inferred) == ("pre_purchase", True)
    assert (checkout.phase, checkout.phase_inferred) == ("purchase", False)
    assert week.phase is None
    assert report.phases == ("pre_purchase", "purchase")
    assert report.missing_phases == ("post_purchase",)
    assert report.unphased_stages == ("week-one",)
    assert phase_of(Stage(name="Лояльность")) == "post_purchase"


def test_lane_completeness_per_stage_and_for_the_map() -> None:
    awareness, checkout, week = stage_coverage(JOURNEY).stages
    assert dict(awareness.lanes) == {
        "goals": True,
        "expectations": False,
        "questions": False,
        "touchpoints": True,
        "emotions": True,
        "barriers": False,
        "opportunities": False,
        "kpis": False,
    }
    # checkout: questions, touchpoints, barriers (a touchpoint's), opportunities (a touchpoint's), kpis
    assert [k for k, v in checkout.lanes.items() if v] == [
        "questions",
        "touchpoints",
        "barriers",
        "opportunities",
        "kpis",
    ]
    assert (awareness.completeness, checkout.completeness, week.completeness) == (37.5, 62.5, 12.5)
    assert stage_coverage(JOURNEY).completeness == 100 * (3 + 5 + 1) / 24


def test_map_without_stages_has_zero_completeness() -> None:
    report = stage_coverage(Journey(title="t"))
    assert (report.completeness, report.stages, report.phases) == (0.0, (), ())
    assert report.missing_phases == ("pre_purchase", "purchase", "post_purchase")


def test_to_dict_keeps_channel_order_and_enum_values() -> None:
    data = stage_coverage(JOURNEY).to_dict()
    assert list(data["stages"][0]["channels"]) == ["social", "Site", "word of mouth"]
    assert data["stages"][1]["phase"] == "purchase"
