"""The emotion curve: per-stage statistics, lowest and highest moments, peak-end, sharp drops.

A touchpoint without an emotion is *missing*: it is counted as missing and left
out of every mean, minimum and maximum — never read as 0 (neutral).

**Peak-end score.** People judge an experience mostly by its most intense
moment and by its end (Kahneman's peak-end rule: Kahneman, Fredrickson,
Schreiber & Redelmeier 1993, "When more pain is preferred to less: adding a
better end", *Psychological Science* 4(6), 401–405). Here it is the mean of
the *peak* — the scored moment with the largest absolute score; when several
are equally intense, the earliest in journey order — and the *end*, the last
scored moment. It always lies within the range of the curve.

**Sharp drop**: the score falls by :data:`SHARP_DROP` (2) points or more from
one scored moment to the next scored one (missing moments are skipped; drops
across a stage boundary count).

**One persona's curve.** ``persona="boris"`` scores each touchpoint with
:meth:`Touchpoint.emotion_for` — the persona's own emotion, else the
touchpoint's. A touchpoint that is for other personas only is *not met*: it
is listed in ``not_met``, and neither scored nor missing.

>>> from journeymap import Journey, Stage, Touchpoint
>>> j = Journey(title="t", stages=[Stage(name="S", touchpoints=[
...     Touchpoint(name="Ad", emotion=1), Touchpoint(name="Form", emotion=-2),
...     Touchpoint(name="Call"), Touchpoint(name="Done", emotion=0.5)])])
>>> report = score_emotions(j)
>>> report.stages[0].scored, report.stages[0].missing, report.stages[0].mean
(3, 1, -0.1666...)
>>> report.peak.name, report.end.name, report.peak_end
('Form', 'Done', -0.75)
>>> [(d.before.name, d.after.name, d.fall) for d in report.drops]
[('Ad', 'Form', 3)]
>>> j = Journey(title="t", persona="Anna", personas=["Boris"], stages=[Stage(name="S", touchpoints=[
...     Touchpoint(name="Ad", emotion=1, emotions={"boris": -1}),
...     Touchpoint(name="Demo", emotion=2, personas=["anna"])])])
>>> [m.score for m in score_emotions(j, persona="boris").curve], score_emotions(j, persona="boris").not_met
([-1], ('stages[0].touchpoints[1]',))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Literal

import attrs

from journeymap.analysis._result import Result
from journeymap.errors import ValidationError
from journeymap.model import Journey, Stage

__all__ = [
    "SHARP_DROP",
    "Drop",
    "EmotionReport",
    "Moment",
    "StageEmotions",
    "WeightBy",
    "check_persona",
    "score_emotions",
]

SHARP_DROP = 2
"""A fall of this many points or more between consecutive scored moments is a sharp drop."""

WeightBy = Literal["none", "reach"]


@attrs.frozen(kw_only=True)
class Moment(Result):
    """One scored touchpoint on the curve."""

    position: int
    """Index of the touchpoint among all touchpoints of the journey (gaps show missing ones)."""
    path: str
    stage: str
    """Id of the stage."""
    touchpoint: str
    """Id of the touchpoint."""
    name: str
    score: float
    reach: int | None


@attrs.frozen(kw_only=True)
class Drop(Result):
    """A sharp fall between two consecutive scored moments."""

    before: Moment
    after: Moment
    fall: float
    """``before.score - after.score`` (positive)."""


@attrs.frozen(kw_only=True)
class StageEmotions(Result):
    """Emotion statistics of one stage; None where nothing is scored."""

    path: str
    id: str
    name: str
    mean: float | None
    """Mean score (weighted by reach when asked); None if nothing is scored (or no reach)."""
    min: float | None
    max: float | None
    scored: int
    missing: int
    """Touchpoints (met by the persona, when one is asked for) with no emotion."""
    not_met: int
    """Touchpoints for other personas only (0 for the map's own curve)."""
    without_reach: int
    """Scored touchpoints with no reach (left out of a reach-weighted mean); 0 when not weighting."""


@attrs.frozen(kw_only=True)
class EmotionReport(Result):
    """What :func:`score_emotions` finds."""

    weight_by: str
    persona: str | None
    """Id of the persona whose curve this is; None for the map's own curve."""
    curve: tuple[Moment, ...]
    """Scored moments in journey order."""
    missing: tuple[str, ...]
    """Paths of the touchpoints without an emotion."""
    not_met: tuple[str, ...]
    """Paths of the touchpoints for other personas only (empty for the map's own curve)."""
    stages: tuple[StageEmotions, ...]
    mean: float | None
    scored: int
    without_reach: int
    lowest: tuple[Moment, ...]
    """Every moment with the lowest score (all ties, journey order)."""
    highest: tuple[Moment, ...]
    """Every moment with the highest score (all ties, journey order)."""
    peak: Moment | None
    """Most intense moment (largest absolute score; the earliest of equals)."""
    end: Moment | None
    """Last scored moment."""
    end_score: float | None
    peak_end: float | None
    """Mean of the peak and end scores (Kahneman's peak-end rule)."""
    drops: tuple[Drop, ...]


def _mean(moments: Sequence[Moment], weight_by: str) -> tuple[float | None, int]:
    """Mean score and number of moments left out for having no reach; order-independent (``math.fsum``)."""
    if weight_by == "none":
        return (math.fsum(m.score for m in moments) / len(moments) if moments else None), 0
    weighted = [m for m in moments if m.reach is not None]
    total = sum(m.reach for m in weighted if m.reach is not None)
    left_out = len(moments) - len(weighted)
    if total == 0:
        return None, left_out
    return math.fsum(m.score * m.reach for m in weighted if m.reach is not None) / total, left_out


def _ties(moments: Sequence[Moment], value: float | None) -> tuple[Moment, ...]:
    return tuple(m for m in moments if m.score == value)


def check_persona(journey: Journey, persona: str | None) -> str | None:
    """``persona`` if it is None or the id of one of the journey's personas, else a ValidationError naming it."""
    known = [p.id for p in journey.all_personas()]
    if persona is not None and persona not in known:
        raise ValidationError.at("persona", f"unknown persona {persona!r}; persona ids: {', '.join(known) or 'none'}")
    return persona


def score_emotions(journey: Journey, weight_by: WeightBy = "none", *, persona: str | None = None) -> EmotionReport:
    """Analyse the emotion curve of ``journey``; with ``persona`` (an id), that persona's curve.

    ``weight_by="reach"`` weights every mean by :attr:`Touchpoint.reach`;
    scored touchpoints without a reach are left out of those means and
    counted in ``without_reach``. An unknown ``persona`` raises
    :class:`~journeymap.errors.ValidationError`.
    """
    if weight_by not in ("none", "reach"):
        raise ValidationError.at("weight_by", f"must be 'none' or 'reach', got {weight_by!r}")
    check_persona(journey, persona)
    curve: list[Moment] = []
    missing: list[str] = []
    not_met: list[str] = []
    stages: list[StageEmotions] = []
    position = 0
    for i, stage in enumerate(journey.stages):
        before = len(not_met)
        scored = _stage_moments(i, stage, position, persona, missing, not_met)
        stages.append(_stage_emotions(i, stage, scored, len(not_met) - before, weight_by))
        curve.extend(scored)
        position += len(stage.touchpoints)
    mean, left_out = _mean(curve, weight_by)
    low = min((m.score for m in curve), default=None)
    high = max((m.score for m in curve), default=None)
    peak = max(curve, key=lambda m: abs(m.score), default=None)  # max() keeps the first of equals
    end = curve[-1] if curve else None
    return EmotionReport(
        weight_by=weight_by,
        persona=persona,
        curve=tuple(curve),
        missing=tuple(missing),
        not_met=tuple(not_met),
        stages=tuple(stages),
        mean=mean,
        scored=len(curve),
        without_reach=left_out,
        lowest=_ties(curve, low),
        highest=_ties(curve, high),
        peak=peak,
        end=end,
        end_score=end.score if end else None,
        peak_end=(peak.score + end.score) / 2 if peak and end else None,
        drops=_drops(curve),
    )


def _stage_moments(
    i: int, stage: Stage, position: int, persona: str | None, missing: list[str], not_met: list[str]
) -> list[Moment]:
    """Scored moments of stage ``i`` (its first touchpoint at curve ``position``) as ``persona`` feels them;
    unscored paths go to ``missing``, those of touchpoints for other personas only to ``not_met``."""
    scored: list[Moment] = []
    for k, touchpoint in enumerate(stage.touchpoints):
        path = f"stages[{i}].touchpoints[{k}]"
        emotion = touchpoint.emotion_for(persona)
        if persona is not None and touchpoint.personas and persona not in touchpoint.personas:
            not_met.append(path)
        elif emotion is None:
            missing.append(path)
        else:
            scored.append(
                Moment(
                    position=position + k,
                    path=path,
                    stage=stage.id,
                    touchpoint=touchpoint.id,
                    name=touchpoint.name,
                    score=emotion.score,
                    reach=touchpoint.reach,
                )
            )
    return scored


def _stage_emotions(i: int, stage: Stage, scored: Sequence[Moment], not_met: int, weight_by: str) -> StageEmotions:
    """The figures of stage ``i`` from its scored moments (``not_met`` of its touchpoints are for others only)."""
    mean, left_out = _mean(scored, weight_by)
    scores = [m.score for m in scored]
    return StageEmotions(
        path=f"stages[{i}]",
        id=stage.id,
        name=stage.name,
        mean=mean,
        min=min(scores, default=None),
        max=max(scores, default=None),
        scored=len(scored),
        missing=len(stage.touchpoints) - len(scored) - not_met,
        not_met=not_met,
        without_reach=left_out,
    )


def _drops(curve: Sequence[Moment]) -> tuple[Drop, ...]:
    """Every fall of at least :data:`SHARP_DROP` between consecutive scored moments."""
    return tuple(
        Drop(before=a, after=b, fall=a.score - b.score)
        for a, b in itertools.pairwise(curve)
        if a.score - b.score >= SHARP_DROP
    )
