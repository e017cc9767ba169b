"""The journey model: typed, immutable, validated on construction.

A :class:`Journey` is built per *segment + product* pair. It holds a
:class:`Persona`, a :class:`Segment`, ordered :class:`Stage` objects (each with
goals, expectations, questions, :class:`Touchpoint` objects, barriers,
opportunities and :class:`Kpi` objects) and an action plan of :class:`Action`
objects.

Every class is frozen and keyword-only; use :func:`attrs.evolve` for a changed
copy. Collections accept any iterable and are stored as tuples. The shorthands
a person writes are accepted in Python too::

    >>> from journeymap import Journey, Stage, Touchpoint
    >>> j = Journey(title="Buying a course", stages=[
    ...     Stage(name="Awareness", touchpoints=[
    ...         Touchpoint(name="Instagram ad", channel="social", emotion=1,
    ...                    barriers=["Price not shown"]),
    ...     ]),
    ...     "Consideration",
    ... ])
    >>> j.stages[0].touchpoints[0].emotion.score
    1
    >>> j.stages[0].touchpoints[0].barriers[0].severity
    <Severity.MAJOR: 'major'>
    >>> [s.id for s in j.stages]
    ['awareness', 'consideration']

Invalid values raise :class:`journeymap.errors.ValidationError` naming the
field.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

import attrs
from attrs import field

from journeymap._rules import (
    check_language,
    check_name,
    check_number,
    check_text,
    check_texts,
    collect,
    slugify,
    texts,
)
from journeymap.errors import Problem, ValidationError

E = TypeVar("E", bound=enum.Enum)

__all__ = [
    "SCHEMA_VERSION",
    "Action",
    "ActionStatus",
    "Barrier",
    "Emotion",
    "Journey",
    "Kpi",
    "Persona",
    "Phase",
    "Segment",
    "Severity",
    "Stage",
    "StageMetrics",
    "StageMove",
    "Touchpoint",
    "emotion_step",
]

SCHEMA_VERSION = 1
"""The version of the file format this library writes (``schema_version``)."""

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


class ActionStatus(enum.StrEnum):
    """Where an action of the plan stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


def doc(text: str) -> dict[str, str]:
    """Field metadata holding the field's documentation (used by the schema and docs)."""
    return {"doc": text}


# attrs validators (instance, attribute, value) built on the shared checks.
def _name(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    check_name(attribute.name, value)


def _text(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is None or (value.__class__ is str and value.isascii()):  # the common case, checked fast
        return
    check_text(attribute.name, value)


def _texts(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if value:
        check_texts(attribute.name, value)


def _number(_: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None:
        check_number(attribute.name, value)


def _count(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError.at(attribute.name, f"must be a whole number, got {value!r}")
    check_number(attribute.name, value, low=0)


def _seconds(_: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None:
        check_number(attribute.name, value, low=0)


def _score(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    check_number(attribute.name, value, low=EMOTION_MIN, high=EMOTION_MAX)


def _enum(kind: type[enum.Enum]) -> Any:
    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            choices = ", ".join(m.value for m in kind)
            raise ValidationError.at(attribute.name, f"must be one of {choices}, got {value!r}")

    return validate


def _to_enum(kind: type[E], value: object) -> Any:
    """An enum member from its value in any letter case; other input is left for the validator."""
    if isinstance(value, str) and not isinstance(value, kind):
        try:
            return kind(value.strip().lower())
        except ValueError:
            return value
    return value


def _severity(value: Severity | str) -> Severity:
    return cast(Severity, _to_enum(Severity, value))


def _phase(value: Phase | str | None) -> Phase | None:
    return cast(Phase | None, _to_enum(Phase, value))


def _status(value: ActionStatus | str) -> ActionStatus:
    return cast(ActionStatus, _to_enum(ActionStatus, value))


def _optional_enum(kind: type[enum.Enum]) -> Any:
    check = _enum(kind)

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return validate


def _date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise ValidationError.at(attribute.name, f"must be a date (YYYY-MM-DD), got {value!r}")


def _flag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise ValidationError.at(attribute.name, f"must be true or false, got {value!r}")


def _of(kind: type, optional: bool = False) -> Any:
    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (value is None and optional) or value == ():
            return
        values = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(values):
            if not isinstance(item, kind):
                where = f"{attribute.name}[{index}]" if isinstance(value, tuple) else attribute.name
                raise ValidationError.at(where, f"must be a {kind.__name__}, got {type(item).__name__}")

    return validate


def _age(value: str | int | None) -> str | None:
    return str(value) if isinstance(value, int) else value


@attrs.frozen(kw_only=True)
class Emotion:
    """How the customer feels at a touchpoint, on the signed scale −2 … +2.

    0 is neutral; fractions are allowed (averages of interviews). In files
    ``emotion: -1`` is short for ``emotion: {score: -1}``.

    >>> Emotion(score=-1.5, label="frustrated").score
    -1.5
    """

    score: float = field(
        validator=_score, metadata=doc("Signed score from -2 (very negative) to +2 (very positive); 0 is neutral.")
    )
    label: str | None = field(default=None, validator=_text, metadata=doc("A word for the feeling, e.g. 'confused'."))
    quote: str | None = field(default=None, validator=_text, metadata=doc("A verbatim customer quote."))


def emotion_step(score: float) -> int:
    """The whole step −2 … +2 nearest to an emotion score, halves away from zero, clamped to the scale.

    Labels, faces, mind-map icons and Mermaid scores all round this way.

    >>> emotion_step(1.5), emotion_step(-0.4), emotion_step(-0.5), emotion_step(7)
    (2, 0, -1, 2)
    """
    step = int(math.copysign(math.floor(abs(score) + 0.5), score))
    return max(EMOTION_MIN, min(EMOTION_MAX, step))


def _emotion(value: Emotion | float | None) -> Emotion | None:
    return Emotion(score=value) if isinstance(value, int | float) else value


@attrs.frozen(kw_only=True)
class Barrier:
    """A pain point that may stop the customer.

    In files a plain string is a ``major`` barrier with that description.
    """

    description: str = field(validator=_name, metadata=doc("What gets in the customer's way."))
    severity: Severity = field(
        default=Severity.MAJOR,
        converter=_severity,
        validator=_enum(Severity),
        metadata=doc("minor, major (default) or critical."),
    )
    id: str | None = field(
        default=None,
        validator=_text,
        metadata=doc("Optional stable id, used to match barriers between versions of a map."),
    )
    cause: str | None = field(default=None, validator=_text, metadata=doc("Why the barrier exists."))
    remedy: str | None = field(default=None, validator=_text, metadata=doc("What would remove it."))


def _barrier(value: Barrier | str) -> Barrier:
    return Barrier(description=value) if isinstance(value, str) else value


def _barriers(value: Iterable[Barrier | str] | None) -> tuple[Barrier, ...]:
    return collect(value, _barrier)


@attrs.frozen(kw_only=True)
class Kpi:
    """A measure tracked for a stage or the whole journey (conversion, NPS…)."""

    name: str = field(validator=_name, metadata=doc("What is measured, e.g. 'Trial-to-paid conversion'."))
    target: float | None = field(default=None, validator=_number, metadata=doc("The value aimed for."))
    actual: float | None = field(default=None, validator=_number, metadata=doc("The value measured now."))
    unit: str | None = field(
        default=None, validator=_text, metadata=doc("Unit of target and actual, e.g. '%' or 'days'.")
    )
    description: str | None = field(default=None, validator=_text, metadata=doc("How it is measured."))


def _kpi(value: Kpi | str) -> Kpi:
    return Kpi(name=value) if isinstance(value, str) else value


def _kpis(value: Iterable[Kpi | str] | None) -> tuple[Kpi, ...]:
    return collect(value, _kpi)


@attrs.frozen(kw_only=True)
class Touchpoint:
    """Where customer and company meet: a channel, an action, a feeling.

    ``id`` is the slug of the name unless given; a journey makes ids unique.
    """

    name: str = field(validator=_name, metadata=doc("What the touchpoint is, e.g. 'Pricing page'."))
    id: str = field(
        default="", validator=_text, metadata=doc("Unique id within the journey; the slug of the name unless given.")
    )
    channel: str | None = field(
        default=None,
        validator=_text,
        metadata=doc(
            "Channel: site, office, ads, search, maps, reviews, messenger, email, social, phone,"
            " marketplace, word of mouth…"
        ),
    )
    owned: bool | None = field(
        default=None,
        validator=_flag,
        metadata=doc(
            "true for the company's own platforms, false for external ones (portals, aggregators, review sites)."
        ),
    )
    action: str | None = field(default=None, validator=_text, metadata=doc("What the customer does here."))
    description: str | None = field(
        default=None, validator=_text, metadata=doc("Longer description of the touchpoint.")
    )
    content: tuple[str, ...] = field(
        factory=tuple,
        converter=texts,
        validator=_texts,
        metadata=doc("Content the customer uses here (articles, videos, price lists)."),
    )
    emotion: Emotion | None = field(
        default=None,
        converter=_emotion,
        validator=_of(Emotion, optional=True),
        metadata=doc("How the customer feels here; a number is short for {score: number}."),
    )
    barriers: tuple[Barrier, ...] = field(
        factory=tuple,
        converter=_barriers,
        validator=_of(Barrier),
        metadata=doc("Barriers met at this touchpoint; a string is a major barrier."),
    )
    opportunities: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Ideas to improve this touchpoint.")
    )
    reach: int | None = field(
        default=None, validator=_count, metadata=doc("How many customers pass through it (measured or estimated).")
    )
    events: tuple[str, ...] = field(
        factory=tuple,
        converter=texts,
        validator=_texts,
        metadata=doc(
            "Event names or glob patterns (*, ?, [abc]) of an event log that count as this touchpoint"
            " (journeymap.mining); the id and the name always match too."
        ),
    )
    actors: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Who takes part (Mermaid journey actors).")
    )
    notes: str | None = field(default=None, validator=_text, metadata=doc("Free notes."))
    _auto_id: bool = field(default=False, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.name, "touchpoint"))
            object.__setattr__(self, "_auto_id", True)


def _touchpoint(value: Touchpoint | str) -> Touchpoint:
    return Touchpoint(name=value) if isinstance(value, str) else value


def _touchpoints(value: Iterable[Touchpoint | str] | None) -> tuple[Touchpoint, ...]:
    return collect(value, _touchpoint)


@attrs.frozen(kw_only=True)
class StageMove:
    """How often customers moved straight from one stage to another (consecutive events changing stage).

    >>> StageMove(to="purchase", count=12).count
    12
    """

    to: str = field(validator=_name, metadata=doc("Id of the stage moved to."))
    count: int = field(validator=_count, metadata=doc("Moves from this stage straight to that stage."))


def _moves(value: Iterable[StageMove] | None) -> tuple[StageMove, ...]:
    return collect(value, lambda move: move)


@attrs.frozen(kw_only=True)
class StageMetrics:
    """Numbers measured for a stage from an event log (see :mod:`journeymap.mining`).

    ``converted`` customers reached a later stage too; ``dropped`` never went
    further. Times run from a customer's first event in this stage to their
    first event in the next stage.

    >>> StageMetrics(reached=10, converted=6, dropped=4).conversion
    0.6
    """

    reached: int = field(validator=_count, metadata=doc("Customers with at least one event in this stage."))
    converted: int = field(
        default=0, validator=_count, metadata=doc("Customers of this stage who also reached a later stage.")
    )
    dropped: int = field(
        default=0, validator=_count, metadata=doc("Customers of this stage who never reached a later stage.")
    )
    median_seconds: float | None = field(
        default=None,
        validator=_seconds,
        metadata=doc("Median time in seconds from first entering this stage to first entering the next one."),
    )
    p75_seconds: float | None = field(
        default=None,
        validator=_seconds,
        metadata=doc("75th percentile of the time in seconds from entering this stage to entering the next one."),
    )
    backward: int = field(
        default=0, validator=_count, metadata=doc("Moves from this stage back to an earlier stage (the squiggle).")
    )
    moves: tuple[StageMove, ...] = field(
        factory=tuple,
        converter=_moves,
        validator=_of(StageMove),
        metadata=doc(
            "Stage transitions: moves from this stage straight to another stage, by stage id"
            " (forward, skipping ahead or back)."
        ),
    )

    def __attrs_post_init__(self) -> None:
        for name in ("converted", "dropped"):
            if getattr(self, name) > self.reached:
                raise ValidationError.at(name, f"must not exceed reached ({self.reached}), got {getattr(self, name)}")

    @property
    def conversion(self) -> float | None:
        """Share of the customers reaching this stage who went further (None when nobody reached it)."""
        return self.converted / self.reached if self.reached else None


@attrs.frozen(kw_only=True)
class Stage:
    """One step of the journey, with the lanes of the map.

    ``id`` is the slug of the name unless given; a journey makes ids unique.
    """

    name: str = field(validator=_name, metadata=doc("Stage name, e.g. 'Awareness'."))
    id: str = field(
        default="",
        validator=_text,
        metadata=doc("Unique id within the journey; the slug of the name unless given. Actions refer to it."),
    )
    phase: Phase | None = field(
        default=None,
        converter=_phase,
        validator=_optional_enum(Phase),
        metadata=doc("pre_purchase, purchase or post_purchase."),
    )
    description: str | None = field(default=None, validator=_text, metadata=doc("What happens at this stage."))
    goals: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("What the customer wants to achieve here.")
    )
    expectations: tuple[str, ...] = field(
        factory=tuple,
        converter=texts,
        validator=_texts,
        metadata=doc("What the customer expects from the company here."),
    )
    questions: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Questions the customer asks at this step.")
    )
    touchpoints: tuple[Touchpoint, ...] = field(
        factory=tuple,
        converter=_touchpoints,
        validator=_of(Touchpoint),
        metadata=doc("Touchpoints in order; a string is a touchpoint with that name."),
    )
    barriers: tuple[Barrier, ...] = field(
        factory=tuple,
        converter=_barriers,
        validator=_of(Barrier),
        metadata=doc("Barriers of the stage as a whole (not tied to one touchpoint)."),
    )
    opportunities: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Ideas to improve the stage.")
    )
    kpis: tuple[Kpi, ...] = field(
        factory=tuple,
        converter=_kpis,
        validator=_of(Kpi),
        metadata=doc("Measures of the stage; a string is a KPI with that name."),
    )
    owner: str | None = field(default=None, validator=_text, metadata=doc("Team or person responsible for the stage."))
    notes: str | None = field(default=None, validator=_text, metadata=doc("Free notes."))
    metrics: StageMetrics | None = field(
        default=None,
        validator=_of(StageMetrics, optional=True),
        metadata=doc("Numbers measured from an event log (journeymap mine); absent for a map not yet measured."),
    )
    _auto_id: bool = field(default=False, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.name, "stage"))
            object.__setattr__(self, "_auto_id", True)


def _stage(value: Stage | str) -> Stage:
    return Stage(name=value) if isinstance(value, str) else value


def _stages(value: Iterable[Stage | str] | None) -> tuple[Stage, ...]:
    return collect(value, _stage)


@attrs.frozen(kw_only=True)
class Persona:
    """A real or composite customer the map is about."""

    name: str = field(validator=_name, metadata=doc("The persona's name, e.g. 'Anna, marketing lead'."))
    age: str | None = field(
        default=None, converter=_age, validator=_text, metadata=doc("Age or age range, e.g. 34 or '25-34'.")
    )
    gender: str | None = field(default=None, validator=_text, metadata=doc("Gender."))
    education: str | None = field(default=None, validator=_text, metadata=doc("Education."))
    occupation: str | None = field(default=None, validator=_text, metadata=doc("Occupation."))
    income: str | None = field(default=None, validator=_text, metadata=doc("Income, as text (e.g. '3,000 EUR/month')."))
    location: str | None = field(default=None, validator=_text, metadata=doc("Where the persona lives."))
    description: str | None = field(default=None, validator=_text, metadata=doc("A short portrait."))
    interests: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Interests and hobbies.")
    )
    goals: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("What the persona wants.")
    )
    motivations: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Why the persona buys.")
    )
    pains: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Fears, frustrations and problems.")
    )
    influences: tuple[str, ...] = field(
        factory=tuple,
        converter=texts,
        validator=_texts,
        metadata=doc("Key influences on decisions (people, media, reviews)."),
    )
    quote: str | None = field(default=None, validator=_text, metadata=doc("A quote that sums the persona up."))


def _persona(value: Persona | str | None) -> Persona | None:
    return Persona(name=value) if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class Segment:
    """The audience the map is built for, by its criteria."""

    name: str = field(validator=_name, metadata=doc("Segment name, e.g. 'Marketers switching careers'."))
    description: str | None = field(default=None, validator=_text, metadata=doc("Who is in the segment."))
    demographic: tuple[str, ...] = field(
        factory=tuple,
        converter=texts,
        validator=_texts,
        metadata=doc("Demographic criteria (age, income, education…)."),
    )
    geographic: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Geographic criteria.")
    )
    psychographic: tuple[str, ...] = field(
        factory=tuple, converter=texts, validator=_texts, metadata=doc("Psychographic criteria (values, lifestyle).")
    )
    behavioural: tuple[str, ...] = field(
        factory=tuple,
        converter=texts,
        validator=_texts,
        metadata=doc("Behavioural criteria (usage, loyalty, occasions)."),
    )
    size: int | None = field(default=None, validator=_count, metadata=doc("Number of customers in the segment."))


def _segment(value: Segment | str | None) -> Segment | None:
    return Segment(name=value) if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class Action:
    """One line of the action plan: who improves which stage, by when."""

    title: str = field(validator=_name, metadata=doc("What will be done."))
    stage: str | None = field(default=None, validator=_text, metadata=doc("Id of the stage the action improves."))
    owner: str | None = field(default=None, validator=_text, metadata=doc("Who is responsible."))
    due: dt.date | None = field(default=None, validator=_date, metadata=doc("Due date, YYYY-MM-DD."))
    status: ActionStatus = field(
        default=ActionStatus.PLANNED,
        converter=_status,
        validator=_enum(ActionStatus),
        metadata=doc("planned (default), in_progress, done or cancelled."),
    )
    description: str | None = field(default=None, validator=_text, metadata=doc("Details of the action."))


def _action(value: Action | str) -> Action:
    return Action(title=value) if isinstance(value, str) else value


def _actions(value: Iterable[Action | str] | None) -> tuple[Action, ...]:
    return collect(value, _action)


def _schema_version(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError.at(attribute.name, f"must be a positive whole number, got {value!r}")
    if value > SCHEMA_VERSION:
        raise ValidationError.at(
            attribute.name,
            f"is {value}, but this journeymap reads versions up to {SCHEMA_VERSION}; upgrade journeymap",
        )


def _language(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    check_language(attribute.name, value)


@attrs.frozen(kw_only=True)
class Journey:
    """A customer journey map for one segment and product.

    Stage and touchpoint ids are made unique on construction: an id derived
    from a name gets ``-2``, ``-3``… when it is taken; two explicit ids that
    are equal are an error. Every action's ``stage`` must be a stage id.
    """

    title: str = field(validator=_name, metadata=doc("Title of the map."))
    schema_version: int = field(
        default=SCHEMA_VERSION,
        validator=_schema_version,
        metadata=doc(f"Version of the file format; {SCHEMA_VERSION} today."),
    )
    language: str = field(
        default="en",
        validator=_language,
        metadata=doc("BCP 47 tag of the map's language (en, ru and ro have translated labels)."),
    )
    product: str | None = field(
        default=None, validator=_text, metadata=doc("The product or service the journey leads to.")
    )
    client: str | None = field(default=None, validator=_text, metadata=doc("The client the map is made for."))
    author: str | None = field(default=None, validator=_text, metadata=doc("Who made the map."))
    date: dt.date | None = field(default=None, validator=_date, metadata=doc("Date of the map, YYYY-MM-DD."))
    description: str | None = field(default=None, validator=_text, metadata=doc("What the map is about."))
    persona: Persona | None = field(
        default=None,
        converter=_persona,
        validator=_of(Persona, optional=True),
        metadata=doc("The customer the map follows."),
    )
    segment: Segment | None = field(
        default=None, converter=_segment, validator=_of(Segment, optional=True), metadata=doc("The audience segment.")
    )
    stages: tuple[Stage, ...] = field(
        factory=tuple,
        converter=_stages,
        validator=_of(Stage),
        metadata=doc("Stages in order; a string is a stage with that name."),
    )
    kpis: tuple[Kpi, ...] = field(
        factory=tuple,
        converter=_kpis,
        validator=_of(Kpi),
        metadata=doc("Measures of the whole journey (NPS, overall conversion)."),
    )
    actions: tuple[Action, ...] = field(
        factory=tuple, converter=_actions, validator=_of(Action), metadata=doc("The action plan.")
    )
    notes: str | None = field(default=None, validator=_text, metadata=doc("Free notes."))

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        stages = _unique_ids(self.stages, lambda index: f"stages[{index}]", problems)
        flat = [tp for stage in stages for tp in stage.touchpoints]
        fixed = _unique_ids(flat, lambda number: _touchpoint_path(stages, number), problems)
        if fixed is not flat:
            remaining = iter(fixed)
            stages = [_evolve(stage, touchpoints=[next(remaining) for _ in stage.touchpoints]) for stage in stages]
        object.__setattr__(self, "stages", tuple(stages))
        stage_ids = {stage.id for stage in stages}
        for index, action in enumerate(self.actions):
            if action.stage is not None and action.stage not in stage_ids:
                known = ", ".join(stage.id for stage in stages) or "none"
                problems.append(
                    Problem(
                        path=f"actions[{index}].stage",
                        message=f"refers to stage {action.stage!r}, which does not exist (stage ids: {known})",
                    )
                )
        _check_moves(stages, stage_ids, problems)
        if problems:
            raise ValidationError(problems)

    def stage(self, id: str) -> Stage:
        """The stage with this id.

        >>> Journey(title="t", stages=["Awareness"]).stage("awareness").name
        'Awareness'
        """
        for stage in self.stages:
            if stage.id == id:
                return stage
        raise KeyError(id)

    def touchpoints(self) -> Iterable[tuple[Stage, Touchpoint]]:
        """Every touchpoint in journey order, with its stage."""
        for stage in self.stages:
            for touchpoint in stage.touchpoints:
                yield stage, touchpoint


def _check_moves(stages: Sequence[Stage], stage_ids: set[str], problems: list[Problem]) -> None:
    """Every measured move between stages goes to another stage of the journey."""
    for index, stage in enumerate(stages):
        for number, move in enumerate(stage.metrics.moves if stage.metrics is not None else ()):
            if move.to == stage.id or move.to not in stage_ids:
                why = "its own stage" if move.to == stage.id else "a stage that does not exist"
                problems.append(
                    Problem(
                        path=f"stages[{index}].metrics.moves[{number}].to",
                        message=f"refers to {why} ({move.to!r}); stage ids: {', '.join(sorted(stage_ids))}",
                    )
                )


def _evolve(thing: Any, **changes: Any) -> Any:
    """``attrs.evolve`` that keeps knowing whether the id was derived from the name."""
    new = attrs.evolve(thing, **changes)
    object.__setattr__(new, "_auto_id", thing._auto_id)
    return new


def _unique_ids(things: Sequence[Any], path_of: Callable[[int], str], problems: list[Problem]) -> Sequence[Any]:
    """Make ids unique: explicit duplicates are problems, derived ones get a suffix.

    Returns ``things`` itself when no id changes; ``path_of(index)`` names a thing in a problem.
    """
    taken: dict[str, int] = {}
    for index, thing in enumerate(things):
        if not thing._auto_id:
            first = taken.setdefault(thing.id, index)
            if first != index:
                message = f"duplicate id {thing.id!r} (also at {path_of(first)})"
                problems.append(Problem(path=f"{path_of(index)}.id", message=message))
    changed: list[Any] | None = None
    for index, thing in enumerate(things):
        if thing._auto_id:
            base, number, candidate = thing.id, 1, thing.id
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            taken[candidate] = index
            if candidate != thing.id:
                changed = list(things) if changed is None else changed
                changed[index] = _evolve(thing, id=candidate)
    return things if changed is None else changed


def _touchpoint_path(stages: Sequence[Stage], number: int) -> str:
    """The field path of the touchpoint at this position in journey order."""
    for index, stage in enumerate(stages):
        if number < len(stage.touchpoints):
            return f"stages[{index}].touchpoints[{number}]"
        number -= len(stage.touchpoints)
    raise IndexError(number)
