"""What one stage of the map holds: touchpoints with emotions and barriers, KPIs, measured numbers (private).

The public names are in :mod:`journeymap.model`.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from typing import cast

import attrs

from journeymap._rules import (
    NAME,
    TEXTS,
    Choice,
    Instances,
    Keyed,
    doc,
    flag,
    number,
    rule_checks,
    slugify,
    text,
    whole_number,
)
from journeymap._shorthands import collect, expand, keyed, shorthand, to_enum, to_texts
from journeymap.errors import ValidationError
from journeymap.model._evidence import Evidence, EvidenceKind

EMOTION_MIN = -2
EMOTION_MAX = 2


class Severity(enum.StrEnum):
    """How badly a barrier blocks the customer."""

    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def weight(self) -> int:
        """Weight in barrier analysis: minor 1, major 2, critical 3."""
        return {"minor": 1, "major": 2, "critical": 3}[self.value]


class Phase(enum.StrEnum):
    """The three phases of touchpoints around the purchase."""

    PRE_PURCHASE = "pre_purchase"
    PURCHASE = "purchase"
    POST_PURCHASE = "post_purchase"


def _severity(value: Severity | str) -> Severity:
    return cast(Severity, to_enum(Severity, value))


def _phase(value: Phase | str | None) -> Phase | None:
    return cast("Phase | None", to_enum(Phase, value))


def _evidence(value: Evidence | EvidenceKind | str | None) -> Evidence | None:
    return None if value is None else _EVIDENCE(value)


_EVIDENCE = expand(Evidence)


@shorthand("score", compact=True)
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Emotion:
    """How the customer feels at a touchpoint, on the signed scale −2 … +2.

    0 is neutral; fractions are allowed (averages of interviews). In files
    ``emotion: -1`` is short for ``emotion: {score: -1}``.

    >>> Emotion(score=-1.5, label="frustrated").score
    -1.5
    """

    score: float = number(
        "Signed score from -2 (very negative) to +2 (very positive); 0 is neutral.",
        low=EMOTION_MIN,
        high=EMOTION_MAX,
        required=True,
    )
    label: str | None = text("A word for the feeling, e.g. 'confused'.")
    quote: str | None = text("A verbatim customer quote.")
    evidence: Evidence | None = attrs.field(
        default=None,
        converter=_evidence,
        validator=Instances(Evidence, optional=True),
        metadata=doc(
            "What the feeling rests on: asserted, observed (with its source) or measured; a text is the kind."
        ),
    )


def _emotion(value: Emotion | float | None) -> Emotion | None:
    return cast("Emotion | None", _EMOTION(value))


_EMOTION = expand(Emotion)


def _persona_emotions(value: Mapping[str, Emotion | float] | None) -> dict[str, Emotion]:
    return {} if value is None or value == {} else keyed(value, _EMOTION)


def emotion_step(score: float) -> int:
    """The whole step −2 … +2 nearest to an emotion score, halves away from zero, clamped to the scale.

    Labels, faces, mind-map icons and Mermaid scores all round this way.

    >>> emotion_step(1.5), emotion_step(-0.4), emotion_step(-0.5), emotion_step(7)
    (2, 0, -1, 2)
    """
    step = int(math.copysign(math.floor(abs(score) + 0.5), score))
    return max(EMOTION_MIN, min(EMOTION_MAX, step))


@shorthand("description", compact=True)
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Barrier:
    """A pain point that may stop the customer.

    In files a plain string is a ``major`` barrier with that description.
    """

    description: str = attrs.field(validator=NAME, metadata=doc("What gets in the customer's way."))
    severity: Severity = attrs.field(
        default=Severity.MAJOR,
        converter=_severity,
        validator=Choice(Severity),
        metadata=doc("minor, major (default) or critical."),
    )
    id: str | None = text("Optional stable id, used to match barriers between versions of a map.")
    cause: str | None = text("Why the barrier exists.")
    remedy: str | None = text("What would remove it.")
    evidence: Evidence | None = attrs.field(
        default=None,
        converter=_evidence,
        validator=Instances(Evidence, optional=True),
        metadata=doc(
            "What shows the barrier is real: asserted, observed (with its source) or measured; a text is the kind."
        ),
    )


def _barriers(value: Iterable[Barrier | str] | None) -> tuple[Barrier, ...]:
    return collect(value, expand(Barrier))


@shorthand("name")
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Kpi:
    """A measure tracked for a stage or the whole journey (conversion, NPS…)."""

    name: str = attrs.field(validator=NAME, metadata=doc("What is measured, e.g. 'Trial-to-paid conversion'."))
    target: float | None = number("The value aimed for.")
    actual: float | None = number("The value measured now.")
    unit: str | None = text("Unit of target and actual, e.g. '%' or 'days'.")
    description: str | None = text("How it is measured.")


def _kpis(value: Iterable[Kpi | str] | None) -> tuple[Kpi, ...]:
    return collect(value, expand(Kpi))


@shorthand("name")
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Touchpoint:
    """Where customer and company meet: a channel, an action, a feeling.

    ``id`` is the slug of the name unless given; a journey makes ids unique.
    """

    name: str = attrs.field(validator=NAME, metadata=doc("What the touchpoint is, e.g. 'Pricing page'."))
    id: str = text("Unique id within the journey; the slug of the name unless given.", default="")
    channel: str | None = text(
        "Channel: site, office, ads, search, maps, reviews, messenger, email, social, phone,"
        " marketplace, word of mouth…"
    )
    owned: bool | None = flag(
        "true for the company's own platforms, false for external ones (portals, aggregators, review sites)."
    )
    action: str | None = text("What the customer does here.")
    description: str | None = text("Longer description of the touchpoint.")
    content: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_texts,
        validator=TEXTS,
        metadata=doc("Content the customer uses here (articles, videos, price lists)."),
    )
    emotion: Emotion | None = attrs.field(
        default=None,
        converter=_emotion,
        validator=Instances(Emotion, optional=True),
        metadata=doc("How the customer feels here; a number is short for {score: number}."),
    )
    barriers: tuple[Barrier, ...] = attrs.field(
        default=(),
        converter=_barriers,
        validator=Instances(Barrier),
        metadata=doc("Barriers met at this touchpoint; a string is a major barrier."),
    )
    opportunities: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Ideas to improve this touchpoint.")
    )
    reach: int | None = whole_number("How many customers pass through it (measured or estimated).")
    events: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_texts,
        validator=TEXTS,
        metadata=doc(
            "Event names or glob patterns (*, ?, [abc]) of an event log that count as this touchpoint"
            " (journeymap.mining); the id and the name always match too."
        ),
    )
    actors: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Who takes part (Mermaid journey actors).")
    )
    notes: str | None = text("Free notes.")
    thinking: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("What the customer thinks here.")
    )
    moment_of_truth: bool | None = flag(
        "true for a decisive touchpoint: a moment of truth that makes or breaks the journey."
    )
    evidence: Evidence | None = attrs.field(
        default=None,
        converter=_evidence,
        validator=Instances(Evidence, optional=True),
        metadata=doc(
            "What the touchpoint rests on: asserted, observed (with its source) or measured; a text is the kind."
        ),
    )
    personas: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_texts,
        validator=TEXTS,
        metadata=doc("Ids of the personas who meet this touchpoint; empty for every persona."),
    )
    emotions: Mapping[str, Emotion] = attrs.field(
        factory=dict,
        converter=_persona_emotions,
        validator=Keyed(Emotion),
        hash=False,
        metadata=doc(
            "How each persona feels here, by persona id (`{anna: -1, boris: 1}`); a persona not listed feels `emotion`."
        ),
    )
    _auto_id: bool = attrs.field(default=False, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.name, "touchpoint"))
            object.__setattr__(self, "_auto_id", True)

    def emotion_for(self, persona: str | None = None) -> Emotion | None:
        """How ``persona`` (an id) feels here: their own emotion, else the touchpoint's; None for the map's curve.

        A persona the touchpoint is not for (see ``personas``) has no emotion here.

        >>> tp = Touchpoint(name="Demo", emotion=1, emotions={"boris": -1})
        >>> tp.emotion_for("anna").score, tp.emotion_for("boris").score, tp.emotion_for().score
        (1, -1, 1)
        """
        if persona is None:
            return self.emotion
        if self.personas and persona not in self.personas:
            return None
        return self.emotions.get(persona, self.emotion)


def _touchpoints(value: Iterable[Touchpoint | str] | None) -> tuple[Touchpoint, ...]:
    return collect(value, expand(Touchpoint))


@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class StageMove:
    """How often customers moved straight from one stage to another (consecutive events changing stage).

    >>> StageMove(to="purchase", count=12).count
    12
    """

    to: str = attrs.field(validator=NAME, metadata=doc("Id of the stage moved to."))
    count: int = whole_number("Moves from this stage straight to that stage.", required=True)


def _moves(value: Iterable[StageMove] | None) -> tuple[StageMove, ...]:
    return collect(value, expand(StageMove))


@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class StageMetrics:
    """Numbers measured for a stage from an event log (see :mod:`journeymap.mining`).

    ``converted`` customers reached a later stage too; ``dropped`` never went
    further. Times run from a customer's first event in this stage to their
    first event in the next stage, over the ``timed_customers`` who entered
    the next stage at or after this one: the percentiles p10, p25, median,
    p75 and p90 (what :func:`journeymap.charts.time_to_convert` draws).

    >>> StageMetrics(reached=10, converted=6, dropped=4).conversion
    0.6
    """

    reached: int = whole_number("Customers with at least one event in this stage.", required=True)
    converted: int = whole_number("Customers of this stage who also reached a later stage.", default=0)
    dropped: int = whole_number("Customers of this stage who never reached a later stage.", default=0)
    median_seconds: float | None = number(
        "Median time in seconds from first entering this stage to first entering the next one.", low=0
    )
    p75_seconds: float | None = number(
        "75th percentile of the time in seconds from entering this stage to entering the next one.", low=0
    )
    p10_seconds: float | None = number(
        "10th percentile of the time in seconds from entering this stage to entering the next one.", low=0
    )
    p25_seconds: float | None = number(
        "25th percentile of the time in seconds from entering this stage to entering the next one.", low=0
    )
    p90_seconds: float | None = number(
        "90th percentile of the time in seconds from entering this stage to entering the next one.", low=0
    )
    timed_customers: int | None = number(
        "Customers the times are measured over: those who entered the next stage at or after entering this one.",
        low=0,
        whole=True,
    )
    backward: int = whole_number("Moves from this stage back to an earlier stage (the squiggle).", default=0)
    moves: tuple[StageMove, ...] = attrs.field(
        default=(),
        converter=_moves,
        validator=Instances(StageMove),
        metadata=doc(
            "Stage transitions: moves from this stage straight to another stage, by stage id"
            " (forward, skipping ahead or back)."
        ),
    )

    def __attrs_post_init__(self) -> None:
        for field_name in ("converted", "dropped"):
            value = getattr(self, field_name)
            if value > self.reached:
                raise ValidationError.at(field_name, f"must not exceed reached ({self.reached}), got {value}")

    @property
    def conversion(self) -> float | None:
        """Share of the customers reaching this stage who went further (None when nobody reached it)."""
        return self.converted / self.reached if self.reached else None


@shorthand("description", compact=True)
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class BlueprintStep:
    """One step of the service blueprint below the line of interaction: frontstage, backstage or support.

    In files a plain text is a step with that description.

    >>> BlueprintStep(description="Sales engineer prepares the demo", owner="Solutions team").owner
    'Solutions team'
    """

    description: str = attrs.field(validator=NAME, metadata=doc("What staff, systems or partners do."))
    owner: str | None = text("Team, role or system responsible for the step.")
    touchpoint: str | None = text("Id of the touchpoint the step serves, if one.")
    evidence: Evidence | None = attrs.field(
        default=None,
        converter=_evidence,
        validator=Instances(Evidence, optional=True),
        metadata=doc("What the step rests on: asserted, observed (with its source) or measured; a text is the kind."),
    )


def _lane_texts(value: Mapping[str, Iterable[str] | str] | None) -> dict[str, tuple[str, ...]]:
    return {} if value is None or value == {} else keyed(value, to_texts)


def _steps(value: Iterable[BlueprintStep | str] | None) -> tuple[BlueprintStep, ...]:
    return collect(value, expand(BlueprintStep))


@shorthand("name")
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Stage:
    """One step of the journey, with the lanes of the map.

    ``id`` is the slug of the name unless given; a journey makes ids unique.
    """

    name: str = attrs.field(validator=NAME, metadata=doc("Stage name, e.g. 'Awareness'."))
    id: str = text("Unique id within the journey; the slug of the name unless given. Actions refer to it.", default="")
    phase: Phase | None = attrs.field(
        default=None,
        converter=_phase,
        validator=Choice(Phase, optional=True),
        metadata=doc("pre_purchase, purchase or post_purchase."),
    )
    description: str | None = text("What happens at this stage.")
    goals: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("What the customer wants to achieve here.")
    )
    expectations: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_texts,
        validator=TEXTS,
        metadata=doc("What the customer expects from the company here."),
    )
    questions: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Questions the customer asks at this step.")
    )
    touchpoints: tuple[Touchpoint, ...] = attrs.field(
        default=(),
        converter=_touchpoints,
        validator=Instances(Touchpoint),
        metadata=doc("Touchpoints in order; a string is a touchpoint with that name."),
    )
    barriers: tuple[Barrier, ...] = attrs.field(
        default=(),
        converter=_barriers,
        validator=Instances(Barrier),
        metadata=doc("Barriers of the stage as a whole (not tied to one touchpoint)."),
    )
    opportunities: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Ideas to improve the stage.")
    )
    kpis: tuple[Kpi, ...] = attrs.field(
        default=(),
        converter=_kpis,
        validator=Instances(Kpi),
        metadata=doc("Measures of the stage; a string is a KPI with that name."),
    )
    owner: str | None = text("Team or person responsible for the stage.")
    notes: str | None = text("Free notes.")
    metrics: StageMetrics | None = attrs.field(
        default=None,
        validator=Instances(StageMetrics, optional=True),
        metadata=doc("Numbers measured from an event log (journeymap mine); absent for a map not yet measured."),
    )
    doing: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("What the customer does at this stage.")
    )
    thinking: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("What the customer thinks at this stage.")
    )
    frontstage: tuple[BlueprintStep, ...] = attrs.field(
        default=(),
        converter=_steps,
        validator=Instances(BlueprintStep),
        metadata=doc("Service blueprint: what staff or systems do in view of the customer; a text is a step."),
    )
    backstage: tuple[BlueprintStep, ...] = attrs.field(
        default=(),
        converter=_steps,
        validator=Instances(BlueprintStep),
        metadata=doc("Service blueprint: what they do out of the customer's view, below the line of visibility."),
    )
    support: tuple[BlueprintStep, ...] = attrs.field(
        default=(),
        converter=_steps,
        validator=Instances(BlueprintStep),
        metadata=doc("Service blueprint: support processes (systems, partners) that make the rest possible."),
    )
    lanes: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict,
        converter=_lane_texts,
        validator=Keyed(str, many=True),
        hash=False,
        metadata=doc(
            "The team's own lanes at this stage, by lane id (declared in the journey's `lanes`); each holds a list"
            " of text, and one text stands for a list of one."
        ),
    )
    _auto_id: bool = attrs.field(default=False, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.name, "stage"))
            object.__setattr__(self, "_auto_id", True)


def _stages(value: Iterable[Stage | str] | None) -> tuple[Stage, ...]:
    return collect(value, expand(Stage))
