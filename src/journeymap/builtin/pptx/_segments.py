"""The Segment differences slide (private): the top differences between segments of a measured log.

Added when the exporter gets ``metrics=`` (a :func:`journeymap.mining.mine`
result measured with ``segment=``), right after the funnel: the first rows of
:func:`journeymap.mining.differences`, most certain first, a difference whose
interval leaves out 0 shaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeymap.builtin.pptx._deck import Deck, rgb
from journeymap.builtin.pptx._page import Table, columns_and_table

if TYPE_CHECKING:
    from journeymap.mining import SegmentDifference

__all__ = ["TOP", "segment_slides"]

TOP = 10
"""Rows on the slide."""

_SHADE = "FCE4D6"


def _pct(share: float) -> str:
    return f"{share * 100:+.1f} %".replace("+-", "−").replace("-", "−")


def segment_slides(deck: Deck, found: Sequence[SegmentDifference]) -> None:
    """One table slide of the top differences; nothing without differences."""
    if not found:
        return
    w = deck.words
    shown = found[:TOP]
    rows = [
        (
            str(d.segment),
            w.rest if d.baseline == "(rest)" else str(d.baseline),
            d.name,
            w.reach if d.figure == "reach" else w.conversion,
            f"{d.share:.0%} / {d.baseline_share:.0%}",
            _pct(d.difference),
            f"{_pct(d.low)} … {_pct(d.high)}",
            f"{d.p_value:.4f}",
        )
        for d in shown
    ]
    fills = [[rgb(_SHADE) if d.significant else None] * 8 for d in shown]
    header = (
        w.segment,
        w.baseline,
        f"{w.stage} / {w.touchpoint}",
        "",
        f"{w.segment} / {w.baseline}",
        w.difference,
        w.confidence_interval,
        w.p_value,
    )
    shares = (0.12, 0.12, 0.18, 0.1, 0.12, 0.1, 0.16, 0.1)
    notes = f"{w.p_value}: two-proportion z-test; {w.confidence_interval}: normal approximation."
    columns_and_table(deck, w.segment_differences, [], Table(header, shares, rows, fills), notes)
