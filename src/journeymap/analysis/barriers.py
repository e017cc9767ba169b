"""Barrier analysis: counts per stage and touchpoint, abandonment risks, the Pareto set.

The seed rule: *more than two barriers at a step and the customer will likely
abandon the purchase*. A stage whose barrier count (its touchpoints' barriers
plus its own, stage-level barriers) exceeds ``threshold`` (default 2) is an
abandonment risk.

Barriers are ranked by weight (:attr:`Severity.weight`: minor 1, major 2,
critical 3), heaviest first; barriers of equal weight keep their order in the
journey (stage by stage; in a stage, the touchpoints' barriers in touchpoint
order, then the stage-level ones). The **Pareto set** is the shortest head of
that ranking whose weights make up at least 80 % of the total weight.

>>> from journeymap import Barrier, Journey, Stage, Touchpoint
>>> j = Journey(title="t", stages=[
...     Stage(name="Study", barriers=["No reviews"], touchpoints=[
...         Touchpoint(name="Site", barriers=[Barrier(description="Price hidden", severity="critical"),
...                                           Barrier(description="Slow", severity="minor")]),
...     ]),
... ])
>>> report = count_barriers(j)
>>> report.stages[0].total, report.stages[0].weight, report.stages[0].at_risk
(3, 6, True)
>>> [b.description for b in report.pareto]
['Price hidden', 'No reviews']
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from journeymap.analysis._result import Result
from journeymap.errors import ValidationError
from journeymap.model import Barrier, Journey, Severity

__all__ = [
    "DEFAULT_THRESHOLD",
    "PARETO_SHARE",
    "BarrierReport",
    "RankedBarrier",
    "StageBarriers",
    "TouchpointBarriers",
    "count_barriers",
]

DEFAULT_THRESHOLD = 2
"""More than this many barriers at a stage marks it as an abandonment risk (seed 002)."""

PARETO_SHARE = 0.8
"""Share of the total barrier weight the Pareto set must reach."""


@attrs.frozen(kw_only=True)
class RankedBarrier(Result):
    """One barrier with where it sits and its weight."""

    path: str
    """Field path, e.g. ``stages[1].touchpoints[0].barriers[2]`` or ``stages[1].barriers[0]``."""
    stage: str
    """Id of the stage."""
    touchpoint: str | None
    """Id of the touchpoint, or None for a stage-level barrier."""
    description: str
    severity: Severity
    weight: int
    id: str | None
    remedy: str | None


@attrs.frozen(kw_only=True)
class TouchpointBarriers(Result):
    """Barrier count and weight at one touchpoint."""

    path: str
    id: str
    name: str
    count: int
    weight: int


@attrs.frozen(kw_only=True)
class StageBarriers(Result):
    """Barriers at one stage."""

    path: str
    id: str
    name: str
    touchpoint_barriers: int
    """Barriers of the stage's touchpoints."""
    stage_barriers: int
    """Barriers of the stage as a whole."""
    total: int
    """``touchpoint_barriers + stage_barriers``; compared with the threshold."""
    by_severity: Mapping[str, int]
    """Counts by severity, keys ``minor``, ``major``, ``critical`` in that order."""
    weight: int
    """Sum of the barriers' weights."""
    at_risk: bool
    """True when ``total`` exceeds the threshold: the customer will likely abandon here."""
    touchpoints: tuple[TouchpointBarriers, ...]


@attrs.frozen(kw_only=True)
class BarrierReport(Result):
    """What :func:`count_barriers` finds."""

    threshold: int
    stages: tuple[StageBarriers, ...]
    total: int
    by_severity: Mapping[str, int]
    weight: int
    at_risk: tuple[str, ...]
    """Ids of the stages over the threshold, in journey order."""
    ranked: tuple[RankedBarrier, ...]
    """Every barrier, heaviest first; equal weights in journey order."""
    pareto: tuple[RankedBarrier, ...]
    """The fewest top-ranked barriers whose weights reach 80 % of the total weight."""


_WEIGHT = {severity: severity.weight for severity in Severity}


def check_threshold(threshold: int) -> int:
    """``threshold`` if it is a whole number ≥ 0, else a ValidationError naming it."""
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
        raise ValidationError.at("threshold", f"must be a whole number of at least 0, got {threshold!r}")
    return threshold


def _severities(barriers: list[Barrier]) -> dict[str, int]:
    counts = dict.fromkeys(Severity, 0)
    for barrier in barriers:
        counts[barrier.severity] += 1
    return {severity.value: count for severity, count in counts.items()}


def _ranked(path: str, stage: str, touchpoint: str | None, barrier: Barrier) -> RankedBarrier:
    return RankedBarrier(
        path=path,
        stage=stage,
        touchpoint=touchpoint,
        description=barrier.description,
        severity=barrier.severity,
        weight=_WEIGHT[barrier.severity],
        id=barrier.id,
        remedy=barrier.remedy,
    )


def pareto_set(ranked: tuple[RankedBarrier, ...], share: float = PARETO_SHARE) -> tuple[RankedBarrier, ...]:
    """The shortest head of ``ranked`` (heaviest first) holding ``share`` of the total weight."""
    total = sum(b.weight for b in ranked)
    running = 0
    for count, barrier in enumerate(ranked, start=1):
        running += barrier.weight
        if running >= share * total - 1e-9:
            return ranked[:count]
    return ()


def count_barriers(journey: Journey, threshold: int = DEFAULT_THRESHOLD) -> BarrierReport:
    """Count barriers per stage and touchpoint, flag abandonment risks, rank them.

    ``threshold``: a stage with *more* barriers than this is an abandonment
    risk (default 2, the seed rule).
    """
    check_threshold(threshold)
    stages: list[StageBarriers] = []
    everything: list[RankedBarrier] = []
    all_barriers: list[Barrier] = []
    for i, stage in enumerate(journey.stages):
        stage_path = f"stages[{i}]"
        found: list[Barrier] = []
        touchpoints = []
        for k, touchpoint in enumerate(stage.touchpoints):
            tp_path = f"{stage_path}.touchpoints[{k}]"
            for b, barrier in enumerate(touchpoint.barriers):
                everything.append(_ranked(f"{tp_path}.barriers[{b}]", stage.id, touchpoint.id, barrier))
            found.extend(touchpoint.barriers)
            touchpoints.append(
                TouchpointBarriers(
                    path=tp_path,
                    id=touchpoint.id,
                    name=touchpoint.name,
                    count=len(touchpoint.barriers),
                    weight=sum(_WEIGHT[b.severity] for b in touchpoint.barriers),
                )
            )
        for b, barrier in enumerate(stage.barriers):
            everything.append(_ranked(f"{stage_path}.barriers[{b}]", stage.id, None, barrier))
        found.extend(stage.barriers)
        all_barriers.extend(found)
        stages.append(
            StageBarriers(
                path=stage_path,
                id=stage.id,
                name=stage.name,
                touchpoint_barriers=len(found) - len(stage.barriers),
                stage_barriers=len(stage.barriers),
                total=len(found),
                by_severity=_severities(found),
                weight=sum(_WEIGHT[b.severity] for b in found),
                at_risk=len(found) > threshold,
                touchpoints=tuple(touchpoints),
            )
        )
    ranked = tuple(sorted(everything, key=lambda b: -b.weight))  # stable: ties keep journey order
    return BarrierReport(
        threshold=threshold,
        stages=tuple(stages),
        total=len(all_barriers),
        by_severity=_severities(all_barriers),
        weight=sum(s.weight for s in stages),
        at_risk=tuple(s.id for s in stages if s.at_risk),
        ranked=ranked,
        pareto=pareto_set(ranked),
    )
