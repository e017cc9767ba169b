"""The measured funnel of a journey: reach, conversion, drop-off and stage-to-stage flows.

The figures are those :func:`journeymap.mining.enrich` stored on each stage
(``stage.metrics``); nothing is measured here. A journey without measured
figures has no funnel (:func:`measured_funnel` returns None); the charts, the
workbook, the deck and ``journeymap analyze`` all read the funnel from here.

>>> from journeymap import Journey, Stage
>>> from journeymap.model import StageMetrics, StageMove
>>> j = Journey(title="Shop", stages=[
...     Stage(name="Visit", metrics=StageMetrics(reached=10, converted=4, dropped=6, median_seconds=90,
...           moves=[StageMove(to="buy", count=5)])),
...     Stage(name="Buy", metrics=StageMetrics(reached=4, backward=1, moves=[StageMove(to="visit", count=1)]))])
>>> f = measured_funnel(j)
>>> [(s.id, s.reached, s.conversion) for s in f.stages]
[('visit', 10, 0.4), ('buy', 4, 0.0)]
>>> [(m.source, m.target, m.count, m.backward) for m in f.flows]
[('visit', 'buy', 5, False), ('buy', 'visit', 1, True)]
>>> duration(90), duration(5400), duration(200_000), duration(None)
('1.5 min', '1.5 h', '2.3 d', '–')
"""

from __future__ import annotations

import attrs

from journeymap.analysis._result import Result
from journeymap.errors import ValidationError
from journeymap.model import Journey

__all__ = ["Flow", "FunnelReport", "FunnelStage", "duration", "measured_funnel", "percent", "require_funnel"]


@attrs.frozen(kw_only=True)
class FunnelStage(Result):
    """One measured stage: customers reaching it, going further, leaving, and the time to the next stage.

    ``conversion`` is ``converted / reached`` (None when nobody reached the
    stage); ``converted`` customers reached any later stage.
    """

    id: str
    name: str
    reached: int
    converted: int
    conversion: float | None
    dropped: int
    median_seconds: float | None
    p75_seconds: float | None
    backward: int


@attrs.frozen(kw_only=True)
class Flow(Result):
    """``count`` moves straight from stage ``source`` to stage ``target``; ``backward`` when it goes back."""

    source: str
    target: str
    count: int
    backward: bool


@attrs.frozen(kw_only=True)
class FunnelReport(Result):
    """The measured stages in journey order (stages without figures are left out) and the flows between them.

    ``backward_moves`` sums the stages' moves back to an earlier stage (the
    squiggle); ``unmeasured`` lists the ids of stages without figures.
    """

    stages: tuple[FunnelStage, ...]
    flows: tuple[Flow, ...]
    backward_moves: int
    unmeasured: tuple[str, ...] = ()


def measured_funnel(journey: Journey) -> FunnelReport | None:
    """The funnel of ``journey`` from its stages' ``metrics``; None when no stage carries measured figures."""
    if not any(stage.metrics is not None for stage in journey.stages):
        return None
    order = {stage.id: index for index, stage in enumerate(journey.stages)}
    stages: list[FunnelStage] = []
    flows: list[Flow] = []
    for stage in journey.stages:
        m = stage.metrics
        if m is None:
            continue
        stages.append(
            FunnelStage(
                id=stage.id,
                name=stage.name,
                reached=m.reached,
                converted=m.converted,
                conversion=m.conversion,
                dropped=m.dropped,
                median_seconds=m.median_seconds,
                p75_seconds=m.p75_seconds,
                backward=m.backward,
            )
        )
        flows += [
            Flow(source=stage.id, target=move.to, count=move.count, backward=order[move.to] < order[stage.id])
            for move in m.moves
        ]
    return FunnelReport(
        stages=tuple(stages),
        flows=tuple(flows),
        backward_moves=sum(s.backward for s in stages),
        unmeasured=tuple(stage.id for stage in journey.stages if stage.metrics is None),
    )


def require_funnel(journey: Journey) -> FunnelReport:
    """The funnel of ``journey``, or a :class:`~journeymap.ValidationError` saying it has no measured metrics."""
    report = measured_funnel(journey)
    if report is None:
        raise ValidationError.at(
            "stages",
            "the journey has no measured metrics (no stage has `metrics`): measure it from an event log first"
            " with `journeymap mine EVENTS --journey FILE -o OUT.yaml`",
        )
    return report


def duration(seconds: float | None, units: tuple[str, str, str, str] = ("s", "min", "h", "d")) -> str:
    """A time span in the largest fitting unit with at most one decimal; ``–`` for None.

    ``units`` names seconds, minutes, hours and days (the labels' ``time_units`` translate them).
    """
    if seconds is None:
        return "–"
    for unit, size in zip(units[:0:-1], (86400.0, 3600.0, 60.0), strict=True):
        if seconds >= size:
            return f"{seconds / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{seconds:.0f} {units[0]}"


def percent(share: float | None) -> str:
    """A share as a whole percentage with a space before the sign; ``–`` for None.

    >>> percent(0.755), percent(None)
    ('76 %', '–')
    """
    return "–" if share is None else f"{share:.0%}".replace("%", " %")
