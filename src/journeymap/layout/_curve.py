"""The emotion curve of the map and each persona's curve, placed in the emotion lane (private)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from journeymap.layout._content import evidence_note
from journeymap.layout._shapes import CurvePoint, MapLayout, PersonaCurve
from journeymap.model import Journey, Touchpoint

__all__ = ["PERSONA_COLOURS", "curve_points", "persona_curves"]

PERSONA_COLOURS = ("#1f5fa8", "#8e44ad", "#16a085", "#b9770e", "#c2185b", "#5d6d7e")
"""Colours of the personas' curves, in the order of :meth:`Journey.all_personas` (repeated past six)."""


def curve_points(journey: Journey, layout: MapLayout, indexes: Sequence[int]) -> tuple[CurvePoint, ...]:
    """Every touchpoint of the shown stages, spread evenly across its stage's column."""
    points = []
    for column, index in zip(layout.columns, indexes, strict=True):
        touchpoints = journey.stages[index].touchpoints
        for number, touchpoint in enumerate(touchpoints):
            score = None if touchpoint.emotion is None else touchpoint.emotion.score
            points.append(
                CurvePoint(
                    stage=index,
                    x=column.x + (number + 0.5) / len(touchpoints) * column.width,
                    y=None if score is None else layout.score_y(score),
                    score=score,
                    name=touchpoint.name,
                    path=f"stages[{index}].touchpoints[{number}]",
                    label="" if score is None else layout.words.emotion(score),
                    barriers=tuple(barrier.severity.value for barrier in touchpoint.barriers),
                    moment_of_truth=bool(touchpoint.moment_of_truth),
                    note=evidence_note(touchpoint.emotion.evidence if touchpoint.emotion else None, layout.words),
                )
            )
    return tuple(points)


def _several_personas(journey: Journey) -> bool:
    """Whether the map holds more than one persona's emotions: two personas or more, and some touchpoint
    with a persona's own emotion or for some personas only."""
    return len(journey.all_personas()) > 1 and any(tp.emotions or tp.personas for _, tp in journey.touchpoints())


def persona_curves(
    journey: Journey, layout: MapLayout, indexes: Sequence[int], curve: Sequence[CurvePoint]
) -> tuple[PersonaCurve, ...]:
    """Each persona's curve (as :meth:`Touchpoint.emotion_for` scores it) on the map curve's places; none for
    a one-persona map, and none for a persona without a score on the shown stages."""
    if not _several_personas(journey):
        return ()
    touchpoints: list[Touchpoint] = [tp for index in indexes for tp in journey.stages[index].touchpoints]
    found = []
    for number, persona in enumerate(journey.all_personas()):
        points = []
        for point, touchpoint in zip(curve, touchpoints, strict=True):
            emotion = touchpoint.emotion_for(persona.id)
            score = None if emotion is None else emotion.score
            points.append(
                attrs.evolve(
                    point,
                    y=None if score is None else layout.score_y(score),
                    score=score,
                    label="" if score is None else layout.words.emotion(score),
                    barriers=(),
                    moment_of_truth=False,
                    note=evidence_note(emotion.evidence if emotion else None, layout.words),
                )
            )
        if any(point.score is not None for point in points):
            colour = PERSONA_COLOURS[number % len(PERSONA_COLOURS)]
            found.append(PersonaCurve(id=persona.id, name=persona.name, colour=colour, points=tuple(points)))
    return tuple(found) if len(found) > 1 else ()
