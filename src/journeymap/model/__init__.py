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

from journeymap.model._evidence import Evidence, EvidenceKind
from journeymap.model._journey import SCHEMA_VERSION, Action, ActionStatus, Journey, Persona, Segment
from journeymap.model._lanes import RESERVED_LANE_IDS, CustomLane
from journeymap.model._stage import (
    Barrier,
    BlueprintStep,
    Emotion,
    Kpi,
    Phase,
    Severity,
    Stage,
    StageMetrics,
    StageMove,
    Touchpoint,
    emotion_step,
)

__all__ = [
    "RESERVED_LANE_IDS",
    "SCHEMA_VERSION",
    "Action",
    "ActionStatus",
    "Barrier",
    "BlueprintStep",
    "CustomLane",
    "Emotion",
    "Evidence",
    "EvidenceKind",
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
