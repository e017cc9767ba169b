"""Segment differences: which reach and conversion differences between segments are real.

:func:`differences` compares, for every stage and touchpoint, each segment of
a :func:`~journeymap.mining.mine` result measured with ``segment=`` against
the rest of the customers (or against one ``baseline`` segment):

- **reach**: the share of the segment's customers with an event in the stage
  or at the touchpoint;
- **conversion**: for a stage, the share of those reaching it who went
  further (the stage's ``conversion``); for a touchpoint, the share of its
  customers who reached the journey's last stage.

Each difference comes with a two-sided two-proportion z-test (pooled
standard error; ``p_value``) and a confidence interval of the difference
(unpooled, normal approximation, clipped to −1…1). The figures are arithmetic on the counts
the one SQL text gives on either engine, so DuckDB and Spark agree.

>>> from journeymap.mining.differences import two_proportions
>>> d = two_proportions(30, 100, 50, 100)
>>> round(d.difference, 2), round(d.p_value, 4), (round(d.low, 3), round(d.high, 3))
(-0.2, 0.0039, (-0.333, -0.067))
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from statistics import NormalDist
from typing import Literal

import attrs

from journeymap.mining.metrics import JourneyMetrics

__all__ = ["Difference", "SegmentDifference", "differences", "two_proportions"]

Figure = Literal["reach", "conversion"]


@attrs.frozen(kw_only=True)
class Difference:
    """Two proportions ``a = hits_a / n_a`` and ``b = hits_b / n_b`` compared."""

    a: float
    b: float
    difference: float
    low: float
    high: float
    z: float
    p_value: float


def two_proportions(hits_a: int, n_a: int, hits_b: int, n_b: int, confidence: float = 0.95) -> Difference:
    """The difference ``a - b`` with its confidence interval and the two-sided z-test p-value.

    The p-value is ``erfc(|z| / √2)`` (the normal tail, from :func:`math.erfc`);
    equal shares of 0 or 1 give ``z = 0``, ``p = 1``. Both ``n`` must be positive.
    """
    if n_a <= 0 or n_b <= 0:
        raise ValueError(f"two_proportions: both groups need customers, got {n_a} and {n_b}")
    a, b = hits_a / n_a, hits_b / n_b
    pooled = (hits_a + hits_b) / (n_a + n_b)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (a - b) / se_pooled if se_pooled > 0 else 0.0
    spread = NormalDist().inv_cdf(0.5 + confidence / 2) * math.sqrt(a * (1 - a) / n_a + b * (1 - b) / n_b)
    return Difference(
        a=a,
        b=b,
        difference=a - b,
        low=max(a - b - spread, -1.0),
        high=min(a - b + spread, 1.0),
        z=z,
        p_value=math.erfc(abs(z) / math.sqrt(2)),
    )


@attrs.frozen(kw_only=True)
class SegmentDifference:
    """One figure of one stage or touchpoint, a segment against its baseline (``"(rest)"`` or a segment value).

    ``share`` / ``baseline_share`` are ``hits / customers`` of each side;
    ``difference = share - baseline_share`` with ``low``…``high`` its
    confidence interval, ``p_value`` the two-proportion z-test's.
    """

    segment: str | None
    baseline: str | None
    kind: Literal["stage", "touchpoint"]
    id: str
    name: str
    figure: Figure
    hits: int
    customers: int
    baseline_hits: int
    baseline_customers: int
    share: float
    baseline_share: float
    difference: float
    low: float
    high: float
    p_value: float

    @property
    def significant(self) -> bool:
        """True when the confidence interval leaves out 0."""
        return self.low > 0 or self.high < 0


REST = "(rest)"
"""The baseline name of "every customer outside the segment"."""

Counts = dict[tuple[str, str, Figure], tuple[int, int, str]]


def _counts(m: JourneyMetrics) -> Counts:
    """(kind, id, figure) -> (hits, customers, name) of one group."""
    out: Counts = {}
    for stage in m.stages:
        figures = stage.metrics
        out[("stage", stage.id, "reach")] = (figures.reached, m.customers, stage.name)
        out[("stage", stage.id, "conversion")] = (figures.converted, figures.reached, stage.name)
    for tp in m.touchpoints:
        out[("touchpoint", tp.id, "reach")] = (tp.customers, m.customers, tp.name)
        if tp.converted is not None:
            out[("touchpoint", tp.id, "conversion")] = (tp.converted, tp.customers, tp.name)
    return out


def differences(
    metrics: JourneyMetrics, *, baseline: str | None = None, confidence: float = 0.95, top: int | None = None
) -> tuple[SegmentDifference, ...]:
    """Every segment against the rest (or against segment ``baseline``), most certain differences first.

    Ordered by p-value, then by the size of the difference; ``top`` keeps the
    first ones. Figures a side has no customers for are left out. Needs
    ``mine(..., segment=...)``; raises ``ValueError`` naming the segment
    values when ``baseline`` is not one of them.
    """
    if not metrics.segments:
        raise ValueError("differences: the metrics have no segments (mine with segment=COLUMN)")
    by = {s.segment: s for s in metrics.segments}
    if baseline is not None and baseline not in by:
        known = ", ".join(str(k) for k in by)
        raise ValueError(f"baseline: no segment {baseline!r} (segments: {known})")
    whole = _counts(metrics)
    found = [
        item
        for segment in metrics.segments
        if segment.segment != baseline or baseline is None
        for item in _compare(segment, whole, by.get(baseline) if baseline is not None else None, confidence)
    ]
    found.sort(key=lambda d: (d.p_value, -abs(d.difference), d.segment or "", d.kind, d.id, d.figure))
    return tuple(found[:top] if top is not None else found)


def _compare(
    segment: JourneyMetrics, whole: Counts, baseline: JourneyMetrics | None, confidence: float
) -> Iterator[SegmentDifference]:
    mine = _counts(segment)
    other = _counts(baseline) if baseline is not None else None
    for key, (total_hits, total_n, name) in whole.items():
        hits, n, _ = mine.get(key, (0, 0, name))
        if other is not None:
            base_hits, base_n, _ = other.get(key, (0, 0, name))
        else:
            base_hits, base_n = total_hits - hits, total_n - n
        if n <= 0 or base_n <= 0:
            continue
        d = two_proportions(hits, n, base_hits, base_n, confidence)
        kind, id, figure = key
        yield SegmentDifference(
            segment=segment.segment,
            baseline=baseline.segment if baseline is not None else REST,
            kind="stage" if kind == "stage" else "touchpoint",
            id=id,
            name=name,
            figure=figure,
            hits=hits,
            customers=n,
            baseline_hits=base_hits,
            baseline_customers=base_n,
            share=d.a,
            baseline_share=d.b,
            difference=d.difference,
            low=d.low,
            high=d.high,
            p_value=d.p_value,
        )
