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

from collections.abc import Iterable, Iterator, Mapping

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


def _tally(kinds: Iterable[str]) -> EvidenceTally:
    counts = dict.fromkeys(KINDS, 0)
    for kind in kinds:
        counts[kind] += 1
    items = sum(counts.values())
    shares = {kind: count / items for kind, count in counts.items()} if items else None
    return EvidenceTally(items=items, counts=counts, shares=shares)


def _items(stage: Stage) -> Iterator[tuple[str, str]]:
    """(kind of item, kind of evidence) for every item of ``stage`` that can carry evidence."""
    for tp in stage.touchpoints:
        yield "touchpoints", _kind(tp.evidence)
        for emotion in ([tp.emotion] if tp.emotion is not None else []) + list(tp.emotions.values()):
            yield "emotions", _kind(emotion.evidence)
        for barrier in tp.barriers:
            yield "barriers", _kind(barrier.evidence)
    for barrier in stage.barriers:
        yield "barriers", _kind(barrier.evidence)
    for step in (*stage.frontstage, *stage.backstage, *stage.support):
        yield "blueprint", _kind(step.evidence)


def _by_item(pairs: list[tuple[str, str]]) -> dict[str, EvidenceTally]:
    return {item: _tally(kind for which, kind in pairs if which == item) for item in ITEMS}


def evidence_share(journey: Journey) -> EvidenceReport:
    """Count the items of ``journey`` by the kind of evidence behind them, per stage and for the whole map."""
    stages: list[StageEvidence] = []
    everything: list[tuple[str, str]] = []
    for i, stage in enumerate(journey.stages):
        pairs = list(_items(stage))
        everything.extend(pairs)
        stages.append(
            StageEvidence(
                path=f"stages[{i}]",
                id=stage.id,
                name=stage.name,
                total=_tally(kind for _, kind in pairs),
                by_item=_by_item(pairs),
            )
        )
    return EvidenceReport(
        stages=tuple(stages), total=_tally(kind for _, kind in everything), by_item=_by_item(everything)
    )
