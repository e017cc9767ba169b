"""Moments of truth: the touchpoints the map marks as decisive, and those nearly every customer passes through.

Seed 001 calls them *moments of impact* — the contact form, the checkout page.
A touchpoint is **marked** when the map says ``moment_of_truth: true``. It is a
**candidate** when measured reach shows that nearly every customer passes
through it: its ``reach`` is at least ``threshold`` (default 0.8) of its
*base* — the stage's measured ``metrics.reached`` when the stage has metrics,
else the largest reach of the stage's touchpoints (every customer at the stage
meets at least one of them, so that is the fewest customers the stage can
have; a stage's only touchpoint with a reach is then its candidate). Comparing
within the stage keeps a checkout page that every buyer sees a candidate even
though far fewer people buy than see the first ad.

``basis`` says where the candidates come from: ``"measured"`` when some
touchpoint has a reach and a base above 0; otherwise ``"marked"``, and the
candidates are simply the marked touchpoints (the map's own judgement is all
there is).

>>> from journeymap import Journey, Stage, StageMetrics, Touchpoint
>>> j = Journey(title="Shop", stages=[Stage(name="Buy", metrics=StageMetrics(reached=100), touchpoints=[
...     Touchpoint(name="Cart", reach=95), Touchpoint(name="Coupon", reach=20, moment_of_truth=True)])])
>>> report = moments_of_truth(j)
>>> report.basis, report.candidates, report.marked, report.unmarked_candidates
('measured', ('cart',), ('coupon',), ('cart',))
>>> [(m.name, m.base, m.share) for m in report.touchpoints]
[('Cart', 100, 0.95), ('Coupon', 100, 0.2)]
>>> moments_of_truth(Journey(title="Plan", stages=[Stage(name="Buy", touchpoints=[
...     Touchpoint(name="Cart", moment_of_truth=True), "Coupon"])])).candidates
('cart',)
"""

from __future__ import annotations

from typing import Literal

import attrs

from journeymap.analysis._result import Result
from journeymap.errors import ValidationError
from journeymap.model import Journey

__all__ = ["DEFAULT_SHARE", "Basis", "MomentOfTruth", "MomentsReport", "moments_of_truth"]

DEFAULT_SHARE = 0.8
"""A touchpoint reached by at least this share of its base is a candidate moment of truth."""

Basis = Literal["measured", "marked"]


@attrs.frozen(kw_only=True)
class MomentOfTruth(Result):
    """One touchpoint: marked by the map, a candidate, its reach and the base it is compared with."""

    path: str
    stage: str
    """Id of the stage."""
    touchpoint: str
    """Id of the touchpoint."""
    name: str
    marked: bool
    """The map says ``moment_of_truth: true``."""
    candidate: bool
    """Measured basis: ``share >= threshold``; marked basis: the same as ``marked``."""
    reach: int | None
    base: int | None
    """The stage's ``metrics.reached``, else its touchpoints' largest reach; None when neither is known."""
    share: float | None
    """``reach / base``; None without a reach or with a base of 0 (may exceed 1 when the figures disagree)."""


@attrs.frozen(kw_only=True)
class MomentsReport(Result):
    """What :func:`moments_of_truth` finds; ids in journey order."""

    threshold: float
    basis: Basis
    touchpoints: tuple[MomentOfTruth, ...]
    """Every touchpoint of the journey, in order."""
    candidates: tuple[str, ...]
    """Ids of the candidate touchpoints."""
    marked: tuple[str, ...]
    """Ids of the touchpoints the map marks as moments of truth."""
    unmarked_candidates: tuple[str, ...]
    """Candidates the map does not mark: moments of truth it may be missing."""


def check_share(threshold: float) -> float:
    """``threshold`` if it is a number in (0, 1], else a ValidationError naming it."""
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise ValidationError.at("threshold", f"must be a share above 0 and at most 1, got {threshold!r}")
    return float(threshold)


def moments_of_truth(journey: Journey, threshold: float = DEFAULT_SHARE) -> MomentsReport:
    """Mark and find the moments of truth of ``journey`` (see the module text for the rule)."""
    threshold = check_share(threshold)
    found: list[MomentOfTruth] = []
    for i, stage in enumerate(journey.stages):
        largest = max((tp.reach for tp in stage.touchpoints if tp.reach is not None), default=None)
        base = stage.metrics.reached if stage.metrics is not None else largest
        for k, tp in enumerate(stage.touchpoints):
            share = tp.reach / base if tp.reach is not None and base else None
            found.append(
                MomentOfTruth(
                    path=f"stages[{i}].touchpoints[{k}]",
                    stage=stage.id,
                    touchpoint=tp.id,
                    name=tp.name,
                    marked=tp.moment_of_truth is True,
                    candidate=share is not None and share >= threshold,
                    reach=tp.reach,
                    base=base,
                    share=share,
                )
            )
    basis: Basis = "measured" if any(m.share is not None for m in found) else "marked"
    if basis == "marked":
        found = [attrs.evolve(m, candidate=m.marked) for m in found]
    return MomentsReport(
        threshold=threshold,
        basis=basis,
        touchpoints=tuple(found),
        candidates=tuple(m.touchpoint for m in found if m.candidate),
        marked=tuple(m.touchpoint for m in found if m.marked),
        unmarked_candidates=tuple(m.touchpoint for m in found if m.candidate and not m.marked),
    )
