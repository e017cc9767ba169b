"""As-is versus to-be: what changed between two versions of a map.

Stages are matched by id; the result lists the *after* stages in order, then
the stages that were removed (in their *before* order). Within a matched
stage, barriers are matched first by ``id`` (when both have one), then by
text (description, ignoring case and spacing), each barrier used once;
touchpoints are matched by id.

>>> from journeymap import Journey, Stage, Touchpoint
>>> before = Journey(title="as-is", stages=[Stage(name="Study", touchpoints=[
...     Touchpoint(name="Site", emotion=-1, barriers=["Price hidden", "Slow"])])])
>>> after = Journey(title="to-be", stages=[Stage(name="Study", touchpoints=[
...     Touchpoint(name="Site", emotion=1, barriers=["slow"]), Touchpoint(name="Chat", emotion=2)])])
>>> s = compare(before, after).stages[0]
>>> s.mean_change, [b.description for b in s.barriers_removed], s.touchpoints_added
(2.5, ['Price hidden'], ('chat',))
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import attrs

from journeymap.analysis._result import Result
from journeymap.analysis.barriers import DEFAULT_THRESHOLD, count_barriers
from journeymap.analysis.coverage import CoverageReport, stage_coverage
from journeymap.analysis.emotions import EmotionReport, score_emotions
from journeymap.model import Barrier, Journey, Stage

__all__ = ["BarrierChange", "Comparison", "StageChange", "compare"]


@attrs.frozen(kw_only=True)
class BarrierChange(Result):
    """A barrier that appeared or disappeared."""

    description: str
    severity: str
    id: str | None
    touchpoint: str | None
    """Id of its touchpoint, None for a stage-level barrier."""


@attrs.frozen(kw_only=True)
class StageChange(Result):
    """How one stage changed; ``status`` is ``kept``, ``added`` or ``removed``."""

    id: str
    name: str
    status: str
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    """``mean_after - mean_before``; None unless both are scored."""
    barriers_before: int
    barriers_after: int
    barriers_added: tuple[BarrierChange, ...]
    barriers_removed: tuple[BarrierChange, ...]
    touchpoints_added: tuple[str, ...]
    """Ids of touchpoints only in *after*."""
    touchpoints_removed: tuple[str, ...]
    """Ids of touchpoints only in *before*."""
    completeness_before: float | None
    completeness_after: float | None


@attrs.frozen(kw_only=True)
class Comparison(Result):
    """What :func:`compare` finds."""

    stages: tuple[StageChange, ...]
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    peak_end_before: float | None
    peak_end_after: float | None
    barriers_before: int
    barriers_after: int
    at_risk_before: tuple[str, ...]
    at_risk_after: tuple[str, ...]
    completeness_before: float
    completeness_after: float
    completeness_change: float
    channels_added: tuple[str, ...]
    channels_removed: tuple[str, ...]
    phases_before: tuple[str, ...]
    phases_after: tuple[str, ...]


def _diff(a: float | None, b: float | None) -> float | None:
    return b - a if a is not None and b is not None else None


def _barriers(stage: Stage | None) -> list[tuple[str | None, Barrier]]:
    if stage is None:
        return []
    found: list[tuple[str | None, Barrier]] = [(tp.id, b) for tp in stage.touchpoints for b in tp.barriers]
    return found + [(None, b) for b in stage.barriers]


def _text(barrier: Barrier) -> str:
    return " ".join(barrier.description.split()).casefold()


def _change(where: str | None, barrier: Barrier) -> BarrierChange:
    return BarrierChange(
        description=barrier.description, severity=barrier.severity.value, id=barrier.id, touchpoint=where
    )


def _take(slots: deque[int] | None, left: dict[int, object]) -> int | None:
    """The first index in ``slots`` still in ``left`` (used ones are dropped on the way)."""
    while slots:
        n = slots.popleft()
        if n in left:
            return n
    return None


def match_barriers(
    before: list[tuple[str | None, Barrier]], after: list[tuple[str | None, Barrier]]
) -> tuple[tuple[BarrierChange, ...], tuple[BarrierChange, ...]]:
    """(added, removed): barriers of ``after`` and ``before`` left unmatched by id, then by text."""
    left: dict[int, object] = dict.fromkeys(range(len(before)))
    by_id: dict[str, deque[int]] = {}
    by_text: dict[str, deque[int]] = {}
    for index, (_, b) in enumerate(before):
        if b.id is not None:
            by_id.setdefault(b.id, deque()).append(index)
        by_text.setdefault(_text(b), deque()).append(index)
    unmatched: list[tuple[str | None, Barrier]] = []
    for item in after:
        n: int | None = _take(by_id.get(item[1].id), left) if item[1].id is not None else None
        if n is None:
            unmatched.append(item)
        else:
            del left[n]
    added: list[BarrierChange] = []
    for where, barrier in unmatched:
        n = _take(by_text.get(_text(barrier)), left)
        if n is None:
            added.append(_change(where, barrier))
        else:
            del left[n]
    return tuple(added), tuple(_change(*before[index]) for index in left)


def _ids(stage: Stage | None) -> list[str]:
    return [tp.id for tp in stage.touchpoints] if stage is not None else []


@attrs.frozen
class _Side:
    """One map's stages and per-stage figures, by stage id."""

    stages: dict[str, Stage]
    means: dict[str, float | None]
    completeness: dict[str, float]

    @classmethod
    def of(cls, journey: Journey, emotions: EmotionReport, coverage: CoverageReport) -> _Side:
        return cls(
            {s.id: s for s in journey.stages},
            {s.id: s.mean for s in emotions.stages},
            {s.id: s.completeness for s in coverage.stages},
        )


def _stage_change(sid: str, a: _Side, b: _Side) -> StageChange:
    old, new = a.stages.get(sid), b.stages.get(sid)
    mean_a, mean_b = a.means.get(sid), b.means.get(sid)
    added, removed = match_barriers(_barriers(old), _barriers(new))
    before_ids, after_ids = _ids(old), _ids(new)
    before_set, after_set = set(before_ids), set(after_ids)
    stage = new or old
    assert stage is not None
    return StageChange(
        id=sid,
        name=stage.name,
        status="kept" if old and new else ("added" if new else "removed"),
        mean_before=mean_a,
        mean_after=mean_b,
        mean_change=_diff(mean_a, mean_b),
        barriers_before=len(_barriers(old)),
        barriers_after=len(_barriers(new)),
        barriers_added=added,
        barriers_removed=removed,
        touchpoints_added=tuple(t for t in after_ids if t not in before_set),
        touchpoints_removed=tuple(t for t in before_ids if t not in after_set),
        completeness_before=a.completeness.get(sid),
        completeness_after=b.completeness.get(sid),
    )


def _casefolded(items: Iterable[str]) -> set[str]:
    return {item.casefold() for item in items}


def compare(before: Journey, after: Journey, threshold: int = DEFAULT_THRESHOLD) -> Comparison:
    """Compare an as-is map (``before``) with a to-be map (``after``)."""
    emo_a, emo_b = score_emotions(before), score_emotions(after)
    bar_a, bar_b = count_barriers(before, threshold), count_barriers(after, threshold)
    cov_a, cov_b = stage_coverage(before), stage_coverage(after)
    a, b = _Side.of(before, emo_a, cov_a), _Side.of(after, emo_b, cov_b)
    order = [s.id for s in after.stages] + [s.id for s in before.stages if s.id not in b.stages]
    channels_a, channels_b = _casefolded(cov_a.channels), _casefolded(cov_b.channels)
    return Comparison(
        stages=tuple(_stage_change(sid, a, b) for sid in order),
        mean_before=emo_a.mean,
        mean_after=emo_b.mean,
        mean_change=_diff(emo_a.mean, emo_b.mean),
        peak_end_before=emo_a.peak_end,
        peak_end_after=emo_b.peak_end,
        barriers_before=bar_a.total,
        barriers_after=bar_b.total,
        at_risk_before=bar_a.at_risk,
        at_risk_after=bar_b.at_risk,
        completeness_before=cov_a.completeness,
        completeness_after=cov_b.completeness,
        completeness_change=cov_b.completeness - cov_a.completeness,
        channels_added=tuple(c for c in cov_b.channels if c.casefold() not in channels_a),
        channels_removed=tuple(c for c in cov_a.channels if c.casefold() not in channels_b),
        phases_before=cov_a.phases,
        phases_after=cov_b.phases,
    )
