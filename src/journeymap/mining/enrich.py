"""Attach measured figures to a journey, so every exporter can show them."""

from __future__ import annotations

import attrs

from journeymap.mining.errors import EventLogError
from journeymap.mining.metrics import JourneyMetrics
from journeymap.model import Journey, Stage

__all__ = ["enrich"]


def enrich(journey: Journey, metrics: JourneyMetrics) -> Journey:
    """The journey with each stage's ``metrics`` and each touchpoint's ``reach`` set from ``metrics``.

    ``metrics`` must have been mined with this journey (its stage ids); for
    segmented metrics the overall figures are used. Stages and touchpoints
    are matched by id; anything else in the journey is kept as it is.

    >>> from journeymap import Journey
    >>> from journeymap.mining.metrics import StageResult
    >>> from journeymap.model import StageMetrics
    >>> j = Journey(title="t", stages=["Visit"])
    >>> m = JourneyMetrics(customers=3, events=3, matched_events=3,
    ...     stages=(StageResult(id="visit", name="Visit", metrics=StageMetrics(reached=3)),))
    >>> enrich(j, m).stages[0].metrics.reached
    3
    """
    if not metrics.stages:
        raise EventLogError("metrics", "were mined without a journey: pass journey= to mine() first")
    by_stage = {result.id: result.metrics for result in metrics.stages}
    missing = [stage.id for stage in journey.stages if stage.id not in by_stage]
    if missing:
        raise EventLogError("metrics", f"were mined with another journey: no figures for stage(s) {', '.join(missing)}")
    reach = {result.id: result.customers for result in metrics.touchpoints}
    stages: list[Stage] = []
    for stage in journey.stages:
        touchpoints = [attrs.evolve(tp, reach=reach[tp.id]) if tp.id in reach else tp for tp in stage.touchpoints]
        stages.append(attrs.evolve(stage, metrics=by_stage[stage.id], touchpoints=touchpoints))
    return attrs.evolve(journey, stages=stages)
