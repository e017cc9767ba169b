"""The journey as a whole: persona, segment, action plan, and the checks across its stages (private).

The public names are in :mod:`journeymap.model`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import cast

import attrs

from journeymap._rules import (
    NAME,
    TEXTS,
    Choice,
    Instances,
    Keyed,
    Language,
    Text,
    Version,
    day,
    doc,
    evolve,
    make_unique_ids,
    rule_checks,
    slugify,
    text,
    whole_number,
)
from journeymap._shorthands import collect, expand, keyed, shorthand, to_enum, to_texts
from journeymap.errors import Problem, ValidationError
from journeymap.model._lanes import RESERVED_LANE_IDS, CustomLane
from journeymap.model._stage import Kpi, Stage, Touchpoint, _kpis, _stages

SCHEMA_VERSION = 1
"""The version of the file format this library writes (``schema_version``)."""


class ActionStatus(enum.StrEnum):
    """Where an action of the plan stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


def _status(value: ActionStatus | str) -> ActionStatus:
    return cast(ActionStatus, to_enum(ActionStatus, value))


def _age(value: str | int | None) -> str | None:
    return str(value) if isinstance(value, int) else value


@shorthand("name")
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Persona:
    """A real or composite customer the map is about."""

    name: str = attrs.field(validator=NAME, metadata=doc("The persona's name, e.g. 'Anna, marketing lead'."))
    age: str | None = attrs.field(
        default=None,
        converter=_age,
        validator=Text(whole_numbers=True),
        metadata=doc("Age or age range, e.g. 34 or '25-34'."),
    )
    gender: str | None = text("Gender.")
    education: str | None = text("Education.")
    occupation: str | None = text("Occupation.")
    income: str | None = text("Income, as text (e.g. '3,000 EUR/month').")
    location: str | None = text("Where the persona lives.")
    description: str | None = text("A short portrait.")
    interests: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Interests and hobbies.")
    )
    goals: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("What the persona wants.")
    )
    motivations: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Why the persona buys.")
    )
    pains: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Fears, frustrations and problems.")
    )
    influences: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_texts,
        validator=TEXTS,
        metadata=doc("Key influences on decisions (people, media, reviews)."),
    )
    quote: str | None = text("A quote that sums the persona up.")
    id: str = text(
        "Id of the persona, unique within the journey; the slug of the name unless given. Touchpoints refer to it.",
        default="",
    )
    _auto_id: bool = attrs.field(default=False, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.name, "persona"))
            object.__setattr__(self, "_auto_id", True)


def _persona(value: Persona | str | None) -> Persona | None:
    return cast("Persona | None", expand(Persona)(value))


@shorthand("name")
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Segment:
    """The audience the map is built for, by its criteria."""

    name: str = attrs.field(validator=NAME, metadata=doc("Segment name, e.g. 'Marketers switching careers'."))
    description: str | None = text("Who is in the segment.")
    demographic: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_texts,
        validator=TEXTS,
        metadata=doc("Demographic criteria (age, income, education…)."),
    )
    geographic: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Geographic criteria.")
    )
    psychographic: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=TEXTS, metadata=doc("Psychographic criteria (values, lifestyle).")
    )
    behavioural: tuple[str, ...] = attrs.field(
        default=(),
        converter=to_texts,
        validator=TEXTS,
        metadata=doc("Behavioural criteria (usage, loyalty, occasions)."),
    )
    size: int | None = whole_number("Number of customers in the segment.")


def _personas(value: Iterable[Persona | str] | None) -> tuple[Persona, ...]:
    return collect(value, expand(Persona))


def _custom_lanes(value: Mapping[str, CustomLane | str] | None) -> dict[str, CustomLane]:
    return keyed(value, expand(CustomLane))


def _segment(value: Segment | str | None) -> Segment | None:
    return cast("Segment | None", expand(Segment)(value))


@shorthand("title")
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Action:
    """One line of the action plan: who improves which stage, by when."""

    title: str = attrs.field(validator=NAME, metadata=doc("What will be done."))
    stage: str | None = text("Id of the stage the action improves.")
    owner: str | None = text("Who is responsible.")
    due: dt.date | None = day("Due date, YYYY-MM-DD.")
    status: ActionStatus = attrs.field(
        default=ActionStatus.PLANNED,
        converter=_status,
        validator=Choice(ActionStatus),
        metadata=doc("planned (default), in_progress, done or cancelled."),
    )
    description: str | None = text("Details of the action.")


def _actions(value: Iterable[Action | str] | None) -> tuple[Action, ...]:
    return collect(value, expand(Action))


@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Journey:
    """A customer journey map for one segment and product.

    Stage and touchpoint ids are made unique on construction: an id derived
    from a name gets ``-2``, ``-3``… when it is taken; two explicit ids that
    are equal are an error. Every action's ``stage`` must be a stage id.
    """

    title: str = attrs.field(validator=NAME, metadata=doc("Title of the map."))
    schema_version: int = attrs.field(
        default=SCHEMA_VERSION,
        validator=Version(SCHEMA_VERSION),
        metadata={"doc": f"Version of the file format; {SCHEMA_VERSION} today."},
    )
    language: str = attrs.field(
        default="en",
        validator=Language(),
        metadata={"doc": "BCP 47 tag of the map's language (en, ru and ro have translated labels)."},
    )
    product: str | None = text("The product or service the journey leads to.")
    client: str | None = text("The client the map is made for.")
    author: str | None = text("Who made the map.")
    date: dt.date | None = day("Date of the map, YYYY-MM-DD.")
    description: str | None = text("What the map is about.")
    persona: Persona | None = attrs.field(
        default=None,
        converter=_persona,
        validator=Instances(Persona, optional=True),
        metadata=doc("The customer the map follows."),
    )
    segment: Segment | None = attrs.field(
        default=None,
        converter=_segment,
        validator=Instances(Segment, optional=True),
        metadata=doc("The audience segment."),
    )
    stages: tuple[Stage, ...] = attrs.field(
        default=(),
        converter=_stages,
        validator=Instances(Stage),
        metadata=doc("Stages in order; a string is a stage with that name."),
    )
    kpis: tuple[Kpi, ...] = attrs.field(
        default=(),
        converter=_kpis,
        validator=Instances(Kpi),
        metadata=doc("Measures of the whole journey (NPS, overall conversion)."),
    )
    actions: tuple[Action, ...] = attrs.field(
        default=(), converter=_actions, validator=Instances(Action), metadata=doc("The action plan.")
    )
    notes: str | None = text("Free notes.")
    personas: tuple[Persona, ...] = attrs.field(
        default=(),
        converter=_personas,
        validator=Instances(Persona),
        metadata=doc("More personas on the same map, beside `persona`; a string is a persona with that name."),
    )
    lanes: Mapping[str, CustomLane] = attrs.field(
        factory=dict,
        converter=_custom_lanes,
        validator=Keyed(CustomLane),
        hash=False,
        metadata=doc(
            "The team's own lanes, by id, in the order the map shows them; stages fill them in their `lanes`."
            " A text is the lane's title."
        ),
    )

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        self._unique_persona_ids(problems)
        stages = make_unique_ids(self.stages, lambda index: f"stages[{index}]", problems)
        flat = [tp for stage in stages for tp in stage.touchpoints]
        fixed = make_unique_ids(flat, lambda number: _touchpoint_path(stages, number), problems)
        if fixed is not flat:
            remaining = iter(fixed)
            stages = [evolve(stage, touchpoints=[next(remaining) for _ in stage.touchpoints]) for stage in stages]
        object.__setattr__(self, "stages", tuple(stages))
        stage_ids = {stage.id for stage in stages}
        _check_action_stages(self.actions, stages, problems)
        _check_moves(stages, stage_ids, problems)
        _check_references(stages, [p.id for p in self.all_personas()], problems)
        _check_lanes(self.lanes, stages, problems)
        if problems:
            raise ValidationError(problems)

    def _unique_persona_ids(self, problems: list[Problem]) -> None:
        """Make the personas' ids unique (the main persona first), as stage ids are."""
        everyone = self.all_personas()
        offset = 0 if self.persona is None else 1
        fixed = make_unique_ids(
            everyone, lambda index: "persona" if index < offset else f"personas[{index - offset}]", problems
        )
        if fixed is not everyone:
            if self.persona is not None:
                object.__setattr__(self, "persona", fixed[0])
            object.__setattr__(self, "personas", tuple(fixed[offset:]))

    def all_personas(self) -> tuple[Persona, ...]:
        """The main persona (if any) and the others, in that order.

        >>> [p.id for p in Journey(title="t", persona="Anna", personas=["Boris", "Anna"]).all_personas()]
        ['anna', 'boris', 'anna-2']
        """
        return ((self.persona,) if self.persona is not None else ()) + self.personas

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


def _check_action_stages(actions: Sequence[Action], stages: Sequence[Stage], problems: list[Problem]) -> None:
    """Every action's stage is a stage of the journey."""
    stage_ids = {stage.id for stage in stages}
    for index, action in enumerate(actions):
        if action.stage is not None and action.stage not in stage_ids:
            known = ", ".join(stage.id for stage in stages) or "none"
            problems.append(
                Problem(
                    path=f"actions[{index}].stage",
                    message=f"refers to stage {action.stage!r}, which does not exist (stage ids: {known})",
                )
            )


def _check_moves(stages: Sequence[Stage], stage_ids: set[str], problems: list[Problem]) -> None:
    """Every measured move between stages goes to another stage of the journey."""
    for index, stage in enumerate(stages):
        for position, move in enumerate(stage.metrics.moves if stage.metrics is not None else ()):
            if move.to == stage.id or move.to not in stage_ids:
                why = "its own stage" if move.to == stage.id else "a stage that does not exist"
                problems.append(
                    Problem(
                        path=f"stages[{index}].metrics.moves[{position}].to",
                        message=f"refers to {why} ({move.to!r}); stage ids: {', '.join(sorted(stage_ids))}",
                    )
                )


def _check_references(stages: Sequence[Stage], persona_ids: Sequence[str], problems: list[Problem]) -> None:
    """Touchpoints name personas of the journey; blueprint steps name touchpoints of the journey."""
    touchpoint_ids = {tp.id for stage in stages for tp in stage.touchpoints}
    known = ", ".join(persona_ids) or "none"
    for index, stage in enumerate(stages):
        for number, touchpoint in enumerate(stage.touchpoints):
            for which, persona in enumerate(touchpoint.personas):
                if persona not in persona_ids:
                    path = f"stages[{index}].touchpoints[{number}].personas[{which}]"
                    message = f"refers to persona {persona!r}, which does not exist (persona ids: {known})"
                    problems.append(Problem(path=path, message=message))
            for persona in touchpoint.emotions:
                if persona not in persona_ids:
                    path = f"stages[{index}].touchpoints[{number}].emotions.{persona}"
                    message = f"is the emotion of persona {persona!r}, which does not exist (persona ids: {known})"
                    problems.append(Problem(path=path, message=message))
        for lane in ("frontstage", "backstage", "support"):
            for which, step in enumerate(getattr(stage, lane)):
                if step.touchpoint is not None and step.touchpoint not in touchpoint_ids:
                    path = f"stages[{index}].{lane}[{which}].touchpoint"
                    message = f"refers to touchpoint {step.touchpoint!r}, which does not exist"
                    problems.append(Problem(path=path, message=message))


def _check_lanes(declared: Mapping[str, CustomLane], stages: Sequence[Stage], problems: list[Problem]) -> None:
    """Custom lanes do not take a built-in lane's id; every stage fills only lanes the journey declares."""
    for lane in declared:
        if lane in RESERVED_LANE_IDS:
            problems.append(Problem(path=f"lanes.{lane}", message="is the id of a built-in lane; choose another id"))
    known = ", ".join(declared) or "none declared"
    for index, stage in enumerate(stages):
        for lane in stage.lanes:
            if lane not in declared:
                message = f"is not a lane of the journey (journey lanes: {known}); declare it in the journey's lanes"
                problems.append(Problem(path=f"stages[{index}].lanes.{lane}", message=message))


def _touchpoint_path(stages: Sequence[Stage], number: int) -> str:
    """The field path of the touchpoint at this position in journey order."""
    for index, stage in enumerate(stages):
        if number < len(stage.touchpoints):
            return f"stages[{index}].touchpoints[{number}]"
        number -= len(stage.touchpoints)
    raise IndexError(number)
