"""What :func:`journeymap.mining.mine` measures: frozen result classes with ``.to_dict()``.

Every class is immutable; ``to_dict()`` gives plain lists, dicts, numbers and
text, ready for JSON or YAML.
"""

from __future__ import annotations

from typing import Any

import attrs

from journeymap.mining.funnel import Funnel
from journeymap.mining.sessions import SessionsToConvert
from journeymap.model import StageMetrics

__all__ = [
    "EventCount",
    "JourneyMetrics",
    "StageResult",
    "TimeBin",
    "TimeToConvert",
    "TouchpointMetrics",
    "Transition",
    "Variant",
]


@attrs.frozen(kw_only=True)
class StageResult:
    """A stage of the journey with its measured :class:`~journeymap.model.StageMetrics`."""

    id: str
    name: str
    metrics: StageMetrics


@attrs.frozen(kw_only=True)
class TouchpointMetrics:
    """Figures of one touchpoint (without a journey: of one event name).

    ``first``/``last``: customers whose first/last matched event was here.
    ``exits``: customers whose last event was here and who never reached the
    journey's last stage (None without a journey). ``impact``: the share of
    converting customers (those reaching the last stage) who passed through
    here — near 1.0 marks a moment of impact (None without a journey or
    without converting customers). ``converted``: customers of this
    touchpoint who reached the last stage (None without a journey).
    """

    id: str
    name: str
    stage: str | None
    customers: int
    events: int
    first: int
    last: int
    exits: int | None = None
    impact: float | None = None
    converted: int | None = None


@attrs.frozen(kw_only=True)
class Transition:
    """``count`` times one event was directly followed by the next one of the same customer."""

    source: str
    target: str
    count: int


@attrs.frozen(kw_only=True)
class Variant:
    """A path (touchpoint ids in order) and how many customers followed exactly it."""

    path: tuple[str, ...]
    customers: int


@attrs.frozen(kw_only=True)
class TimeBin:
    """A histogram bin of a :class:`TimeToConvert`: customers taking ``start_seconds`` up to one bin width more."""

    start_seconds: float
    customers: int


@attrs.frozen(kw_only=True)
class TimeToConvert:
    """How long customers took from entering stage ``source`` to entering stage ``target``.

    Over the ``customers`` who entered ``target`` at or after ``source`` (by
    their first event in each). The pairs are each stage and the next, and,
    with three stages or more, the first stage and the last (end to end).
    Percentiles are exact (linear interpolation); ``bins`` cover the range
    from the first to the last non-empty bin, each ``bin_seconds`` wide.
    """

    source: str
    target: str
    customers: int
    p10_seconds: float
    p25_seconds: float
    p50_seconds: float
    p75_seconds: float
    p90_seconds: float
    bin_seconds: float
    bins: tuple[TimeBin, ...] = ()


@attrs.frozen(kw_only=True)
class EventCount:
    """An event name and how many events carried it."""

    name: str
    events: int


@attrs.frozen(kw_only=True)
class JourneyMetrics:
    """Everything measured from one event log (or one segment of it).

    ``customers`` counts customers with at least one matched event;
    ``events`` every event read (for a segment: its matched events);
    ``unmatched`` the event names no touchpoint matched, most frequent first.
    ``stages`` is empty when mined without a journey. ``transitions`` are the
    directly-follows counts between touchpoints (self-loops included);
    ``stage_transitions`` count only moves that change stage. A backward move
    goes to an earlier stage than the event before it. ``variants`` are the
    most frequent paths, ``variant_count`` the number of distinct paths.
    ``segments`` holds the same figures per value of the ``segment=`` column.
    ``funnel`` the window and mode the stage funnel was counted with.
    ``time_to_convert`` the distribution of the time from stage to stage (see :class:`TimeToConvert`).
    With ``session_gap=``: ``session_gap_seconds``, ``sessions`` (the customers'
    sessions in all) and ``sessions_to_convert``, per stage the session in which
    customers first reached it (see :mod:`journeymap.mining.sessions`); else None and empty.
    """

    customers: int
    events: int
    matched_events: int
    unmatched: tuple[EventCount, ...] = ()
    stages: tuple[StageResult, ...] = ()
    touchpoints: tuple[TouchpointMetrics, ...] = ()
    transitions: tuple[Transition, ...] = ()
    stage_transitions: tuple[Transition, ...] = ()
    converted_customers: int | None = None
    backward_customers: int = 0
    backward_moves: int = 0
    variant_count: int = 0
    variants: tuple[Variant, ...] = ()
    time_to_convert: tuple[TimeToConvert, ...] = ()
    session_gap_seconds: float | None = None
    sessions: int | None = None
    sessions_to_convert: tuple[SessionsToConvert, ...] = ()
    segment: str | None = None
    segments: tuple[JourneyMetrics, ...] = ()
    funnel: Funnel = attrs.field(factory=Funnel)

    @property
    def unmatched_events(self) -> int:
        """Events whose name matched no touchpoint."""
        return sum(item.events for item in self.unmatched)

    @property
    def backward_share(self) -> float | None:
        """Share of customers with at least one backward move between stages (None without customers)."""
        return self.backward_customers / self.customers if self.customers else None

    def stage(self, id: str) -> StageMetrics:
        """The metrics of the stage with this id."""
        for result in self.stages:
            if result.id == id:
                return result.metrics
        raise KeyError(id)

    def time(self, source: str, target: str) -> TimeToConvert:
        """The time to convert from stage ``source`` to stage ``target`` (ids); KeyError when nobody made it."""
        for result in self.time_to_convert:
            if (result.source, result.target) == (source, target):
                return result
        raise KeyError((source, target))

    def sessions_to(self, stage: str) -> SessionsToConvert:
        """The sessions to convert into the stage with this id; KeyError when nobody reached it or without sessions."""
        for result in self.sessions_to_convert:
            if result.stage == stage:
                return result
        raise KeyError(stage)

    def touchpoint(self, id: str) -> TouchpointMetrics:
        """The figures of the touchpoint (or event name) with this id."""
        for result in self.touchpoints:
            if result.id == id:
                return result
        raise KeyError(id)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (lists, dicts, numbers, text), with the derived shares added.

        >>> JourneyMetrics(customers=2, events=3, matched_events=3).to_dict()["backward_share"]
        0.0
        """
        data = attrs.asdict(self)
        data["unmatched_events"] = self.unmatched_events
        data["backward_share"] = self.backward_share
        data["segments"] = [segment.to_dict() for segment in self.segments]
        for stage, raw in zip(self.stages, data["stages"], strict=True):
            raw["metrics"]["conversion"] = stage.metrics.conversion
        return data
