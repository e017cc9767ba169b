"""Stage coverage: the stage × channel matrix, empty stages, phases, lane completeness.

A map is *complete* when every stage fills its eight lanes: goals,
expectations, questions, touchpoints, emotions (at least one touchpoint with
an emotion), barriers (the stage's or a touchpoint's), opportunities (the
stage's or a touchpoint's) and KPIs. The map's completeness is the share of
filled lanes over all stages, in percent.

Channels are grouped ignoring letter case and surrounding spaces (``Email``
and ``email`` are one channel, shown as first written), in order of first
appearance. A stage's phase is its ``phase`` field; when that is empty it is
inferred from a common stage name (see :data:`PHASE_NAMES`), else unknown.

>>> from journeymap import Journey, Stage, Touchpoint
>>> j = Journey(title="t", stages=[
...     Stage(name="Awareness", touchpoints=[Touchpoint(name="Ad", channel="social", owned=False)]),
...     Stage(name="Purchase"),
... ])
>>> c = stage_coverage(j)
>>> c.empty_stages, c.phases, c.missing_phases
(('purchase',), ('pre_purchase', 'purchase'), ('post_purchase',))
>>> c.stages[0].channels, c.stages[0].external
({'social': 1}, 1)
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from journeymap._rules import slugify
from journeymap.analysis._result import Result
from journeymap.model import Journey, Phase, Stage

__all__ = ["LANES", "PHASE_NAMES", "CoverageReport", "StageCoverage", "phase_of", "stage_coverage"]

LANES = ("goals", "expectations", "questions", "touchpoints", "emotions", "barriers", "opportunities", "kpis")
"""The lanes of a stage counted for completeness, in order."""

_PRE, _PURCHASE, _POST = Phase.PRE_PURCHASE, Phase.PURCHASE, Phase.POST_PURCHASE
PHASE_NAMES: Mapping[str, Phase] = {
    # six steps (seed 003), five stages (seed 002), four stages (seed 001) — English
    "awareness": _PRE,
    "consideration": _PRE,
    "decision": _PRE,
    "impulse": _PRE,
    "study": _PRE,
    "choice": _PRE,
    "reach-engage": _PRE,
    "nurture-educate": _PRE,
    "pre-purchase": _PRE,
    "purchase": _PURCHASE,
    "convert-close": _PURCHASE,
    "checkout": _PURCHASE,
    "loyalty": _POST,
    "advocacy": _POST,
    "opinion": _POST,
    "support-grow": _POST,
    "retention": _POST,
    "post-purchase": _POST,
    # Russian
    "осведомлённость": _PRE,
    "осведомленность": _PRE,
    "импульс": _PRE,
    "изучение": _PRE,
    "рассмотрение": _PRE,
    "выбор": _PRE,
    "решение": _PRE,
    "покупка": _PURCHASE,
    "лояльность": _POST,
    "мнение": _POST,
    "отзыв": _POST,
    "рекомендация": _POST,
    # Romanian
    "conștientizare": _PRE,
    "considerare": _PRE,
    "decizie": _PRE,
    "cumpărare": _PURCHASE,
    "achiziție": _PURCHASE,
    "loialitate": _POST,
    "recomandare": _POST,
}
"""Stage ids (name slugs) whose phase is inferred when ``phase`` is not set."""


def phase_of(stage: Stage) -> Phase | None:
    """The stage's phase: its ``phase`` field, else inferred from its id or name, else None.

    >>> phase_of(Stage(name="Loyalty")), phase_of(Stage(name="Week one"))
    (<Phase.POST_PURCHASE: 'post_purchase'>, None)
    """
    if stage.phase is not None:
        return stage.phase
    return PHASE_NAMES.get(stage.id) or PHASE_NAMES.get(slugify(stage.name, ""))


@attrs.frozen(kw_only=True)
class StageCoverage(Result):
    """Coverage of one stage."""

    path: str
    id: str
    name: str
    phase: Phase | None
    """Explicit or inferred phase; None when unknown."""
    phase_inferred: bool
    touchpoints: int
    channels: Mapping[str, int]
    """Touchpoints per channel (only channels used here, in the map's channel order)."""
    no_channel: int
    """Touchpoints with no channel."""
    owned: int
    external: int
    ownership_unknown: int
    lanes: Mapping[str, bool]
    """Each lane of :data:`LANES`: filled (True) or empty."""
    completeness: float
    """Filled lanes, in percent."""


@attrs.frozen(kw_only=True)
class CoverageReport(Result):
    """What :func:`stage_coverage` finds."""

    channels: tuple[str, ...]
    """Every channel of the map, in order of first appearance."""
    stages: tuple[StageCoverage, ...]
    empty_stages: tuple[str, ...]
    """Ids of stages with no touchpoints."""
    single_stage_channels: Mapping[str, str]
    """Channel → id of the only stage that uses it."""
    phases: tuple[str, ...]
    """Phases the map covers, in phase order."""
    missing_phases: tuple[str, ...]
    unphased_stages: tuple[str, ...]
    """Ids of stages whose phase is unknown."""
    completeness: float
    """Filled lanes over all stages, in percent (0 for a map with no stages)."""


def _lanes(stage: Stage) -> dict[str, bool]:
    tps = stage.touchpoints
    return {
        "goals": bool(stage.goals),
        "expectations": bool(stage.expectations),
        "questions": bool(stage.questions),
        "touchpoints": bool(tps),
        "emotions": any(tp.emotion is not None for tp in tps),
        "barriers": bool(stage.barriers) or any(tp.barriers for tp in tps),
        "opportunities": bool(stage.opportunities) or any(tp.opportunities for tp in tps),
        "kpis": bool(stage.kpis),
    }


def _key(channel: str) -> str:
    return channel.strip().casefold()


def stage_coverage(journey: Journey) -> CoverageReport:
    """Which stages, channels, phases and lanes the map covers."""
    shown: dict[str, str] = {}  # channel key -> spelling first written
    stage_of: dict[str, set[str]] = {}
    stages: list[StageCoverage] = []
    filled = 0
    for i, stage in enumerate(journey.stages):
        counts: dict[str, int] = {}
        for tp in stage.touchpoints:
            if tp.channel is None or not tp.channel.strip():
                continue
            key = _key(tp.channel)
            shown.setdefault(key, tp.channel.strip())
            counts[key] = counts.get(key, 0) + 1
            stage_of.setdefault(key, set()).add(stage.id)
        lanes = _lanes(stage)
        filled += sum(lanes.values())
        phase = phase_of(stage)
        stages.append(
            StageCoverage(
                path=f"stages[{i}]",
                id=stage.id,
                name=stage.name,
                phase=phase,
                phase_inferred=stage.phase is None and phase is not None,
                touchpoints=len(stage.touchpoints),
                channels=counts,
                no_channel=len(stage.touchpoints) - sum(counts.values()),
                owned=sum(tp.owned is True for tp in stage.touchpoints),
                external=sum(tp.owned is False for tp in stage.touchpoints),
                ownership_unknown=sum(tp.owned is None for tp in stage.touchpoints),
                lanes=lanes,
                completeness=100 * sum(lanes.values()) / len(LANES),
            )
        )
    order = {key: n for n, key in enumerate(shown)}
    stages = [
        attrs.evolve(s, channels={shown[k]: v for k, v in sorted(s.channels.items(), key=lambda kv: order[kv[0]])})
        for s in stages
    ]
    covered = {s.phase for s in stages if s.phase is not None}
    return CoverageReport(
        channels=tuple(shown.values()),
        stages=tuple(stages),
        empty_stages=tuple(s.id for s in stages if s.touchpoints == 0),
        single_stage_channels={shown[k]: next(iter(ids)) for k, ids in stage_of.items() if len(ids) == 1},
        phases=tuple(p.value for p in Phase if p in covered),
        missing_phases=tuple(p.value for p in Phase if p not in covered),
        unphased_stages=tuple(s.id for s in stages if s.phase is None),
        completeness=100 * filled / (len(LANES) * len(stages)) if stages else 0.0,
    )
