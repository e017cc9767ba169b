"""Evidence share: how much of the map is measured, observed, asserted, or says nothing of where it comes from.

Four kinds of item carry evidence: **touchpoints**, **emotions** (a
touchpoint's own and each persona's), **barriers** (a touchpoint's and the
stage's) and **blueprint steps** (frontstage, backstage, support). Only the
explicit ``evidence`` counts: an item without it is ``unstated``, even when the
stage has measured ``metrics`` or the touchpoint a ``reach`` — those numbers
say how many, not what backs the text of the item.

Counts and shares are keyed ``measured``, ``observed``, ``asserted``,
``unstated``, in that order; the shares of a group add up to 1, and are None
for a group with no items.

>>> from journeymap import Barrier, Emotion, Journey, Stage, Touchpoint
>>> j = Journey(title="t", stages=[Stage(name="Study", backstage=["Review the lead"], touchpoints=[
...     Touchpoint(name="Site", evidence="measured", emotion=Emotion(score=-1, evidence="observed"),
...                barriers=[Barrier(description="Price hidden", evidence="asserted")])])])
>>> report = evidence_share(j)
>>> report.total.items, dict(report.total.counts)
(4, {'measured': 1, 'observed': 1, 'asserted': 1, 'unstated': 1})
>>> report.total.shares["measured"], report.by_item["blueprint"].shares
(0.25, {'measured': 0.0, 'observed': 0.0, 'asserted': 0.0, 'unstated': 1.0})
>>> evidence_share(Journey(title="empty")).total.shares is None
True
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from journeymap.analysis._result import Result
from journeymap.model import Evidence, Journey, Stage

__all__ = ["ITEMS", "KINDS", "EvidenceReport", "EvidenceTally", "StageEvidence", "evidence_share"]

KINDS = ("measured", "observed", "asserted", "unstated")
"""The keys of every tally, strongest evidence first."""

ITEMS = ("touchpoints", "emotions", "barriers", "blueprint")
"""The kinds of item that carry evidence, the keys of ``by_item``."""


@attrs.frozen(kw_only=True)
class EvidenceTally(Result):
    """How many items of a group rest on each kind of evidence."""

    items: int
    counts: Mapping[str, int]
    """Items per kind, keys :data:`KINDS`."""
    shares: Mapping[str, float] | None
    """``counts`` over ``items`` (they add up to 1); None when there are no items."""


@attrs.frozen(kw_only=True)
class StageEvidence(Result):
    """The evidence of one stage's items, all together and per kind of item."""

    path: str
    id: str
    name: str
    total: EvidenceTally
    by_item: Mapping[str, EvidenceTally]
    """One tally per kind of item, keys :data:`ITEMS`."""


@attrs.frozen(kw_only=True)
class EvidenceReport(Result):
    """What :func:`evidence_share` finds: per stage, then for the whole map."""

    stages: tuple[StageEvidence, ...]
    total: EvidenceTally
    by_item: Mapping[str, EvidenceTally]


def _kind(evidence: Evidence | None) -> str:
    return "unstated" if evidence is None else evidence.kind.value


Counts = dict[str, dict[str, int]]
"""Items per kind of evidence (keys :data:`KINDS`), per kind of item (keys :data:`ITEMS`)."""


def _tally(counts: Mapping[str, int]) -> EvidenceTally:
    items = sum(counts.values())
    shares = {kind: count / items for kind, count in counts.items()} if items else None
    return EvidenceTally(items=items, counts=dict(counts), shares=shares)


def _tallies(counts: Counts) -> tuple[EvidenceTally, dict[str, EvidenceTally]]:
    """The tally of all items, and one per kind of item."""
    total = {kind: sum(by_kind[kind] for by_kind in counts.values()) for kind in KINDS}
    return _tally(total), {item: _tally(by_kind) for item, by_kind in counts.items()}


def _count(stage: Stage) -> Counts:
    """How many items of ``stage`` rest on each kind of evidence, per kind of item."""
    counts = {item: dict.fromkeys(KINDS, 0) for item in ITEMS}
    touchpoints, emotions, barriers, blueprint = (counts[item] for item in ITEMS)
    for tp in stage.touchpoints:
        touchpoints[_kind(tp.evidence)] += 1
        if tp.emotion is not None:
            emotions[_kind(tp.emotion.evidence)] += 1
        for emotion in tp.emotions.values():
            emotions[_kind(emotion.evidence)] += 1
        for barrier in tp.barriers:
            barriers[_kind(barrier.evidence)] += 1
    for barrier in stage.barriers:
        barriers[_kind(barrier.evidence)] += 1
    for step in (*stage.frontstage, *stage.backstage, *stage.support):
        blueprint[_kind(step.evidence)] += 1
    return counts


def evidence_share(journey: Journey) -> EvidenceReport:
    """Count the items of ``journey`` by the kind of evidence behind them, per stage and for the whole map."""
    stages: list[StageEvidence] = []
    everything = {item: dict.fromkeys(KINDS, 0) for item in ITEMS}
    for i, stage in enumerate(journey.stages):
        counts = _count(stage)
        for item, by_kind in counts.items():
            for kind, count in by_kind.items():
                everything[item][kind] += count
        total, by_item = _tallies(counts)
        stages.append(StageEvidence(path=f"stages[{i}]", id=stage.id, name=stage.name, total=total, by_item=by_item))
    total, by_item = _tallies(everything)
    return EvidenceReport(stages=tuple(stages), total=total, by_item=by_item)
