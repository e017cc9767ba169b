"""Drawing the time to convert (private): one row per stage pair, a box from p25 to p75 and whiskers p10–p90.

Reads anything shaped like :class:`journeymap.mining.JourneyMetrics` (charts
do not import mining): its ``time_to_convert`` entries with ``source``,
``target``, ``customers`` and ``p10_seconds`` … ``p90_seconds``. The time
axis is logarithmic when the times span more than a factor of 50. ``gid``:
``ttc-box-<row>`` (x = p25, width = p75 − p25), ``ttc-whisker-<row>``
(p10 to p90), ``ttc-median-<row>``, ``ttc-figures-<row>``.

:func:`stage_pairs` gives the same rows from a journey whose stages carry
the measured percentiles (``StageMetrics.p10_seconds`` … ``p90_seconds`` and
``timed_customers``, as ``journeymap mine`` writes them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

import attrs

from journeymap.analysis.funnel import duration
from journeymap.charts._layout import FONT, TEXT
from journeymap.charts._text import clean, shorten
from journeymap.errors import ValidationError
from journeymap.i18n import Labels
from journeymap.model import Journey

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["StagePair", "TimePair", "draw_times", "stage_pairs"]

_LOG_RATIO = 50  # a log time axis when p90 / p10 over all rows exceeds this
# round tick steps in seconds (1 s … 4 weeks); a log axis ticks at the coarser ones
_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 604800, 2419200)
_LOG_TICKS = (1, 10, 60, 600, 3600, 21600, 86400, 604800, 2419200, 31536000)


class TimePair(Protocol):
    """One stage pair's time to convert."""

    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def customers(self) -> int: ...
    @property
    def p10_seconds(self) -> float: ...
    @property
    def p25_seconds(self) -> float: ...
    @property
    def p50_seconds(self) -> float: ...
    @property
    def p75_seconds(self) -> float: ...
    @property
    def p90_seconds(self) -> float: ...


@attrs.frozen(kw_only=True)
class StagePair:
    """A stage and the next one with the times a journey file keeps (a :class:`TimePair`)."""

    source: str
    target: str
    customers: int
    p10_seconds: float
    p25_seconds: float
    p50_seconds: float
    p75_seconds: float
    p90_seconds: float


def stage_pairs(journey: Journey) -> list[StagePair]:
    """The pairs of neighbouring stages whose ``metrics`` hold all five percentiles and ``timed_customers``.

    Raises :class:`~journeymap.errors.ValidationError` when no stage has them.
    """
    pairs = []
    for stage, after in zip(journey.stages, journey.stages[1:], strict=False):
        m = stage.metrics
        if m is None or m.timed_customers is None:
            continue
        values = (m.p10_seconds, m.p25_seconds, m.median_seconds, m.p75_seconds, m.p90_seconds)
        if any(v is None for v in values):
            continue
        p10, p25, p50, p75, p90 = (float(v) for v in values if v is not None)
        pairs.append(
            StagePair(
                source=stage.id,
                target=after.id,
                customers=m.timed_customers,
                p10_seconds=p10,
                p25_seconds=p25,
                p50_seconds=p50,
                p75_seconds=p75,
                p90_seconds=p90,
            )
        )
    if not pairs:
        raise ValidationError.at(
            "stages",
            "the journey has no measured times to convert (no stage's `metrics` has p10_seconds … p90_seconds"
            " and timed_customers): measure it with `journeymap mine EVENTS --journey FILE -o OUT.yaml`",
        )
    return pairs


def draw_times(ax: Axes, pairs: Sequence[TimePair], names: Mapping[str, str], words: Labels, color: str) -> None:
    """One row per pair, first pair on top; ``names``: stage id to the name shown."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, MultipleLocator

    high = max(p.p90_seconds for p in pairs) or 1.0
    log = _spread(pairs)
    floor = max(min((p.p10_seconds for p in pairs if p.p10_seconds > 0), default=1.0) / 2, 1e-3)
    ax.set_ylim(len(pairs) - 0.5, -0.5)
    for row, pair in enumerate(pairs):
        p10, p25, p50, p75, p90 = (
            max(v, floor) if log else v
            for v in (pair.p10_seconds, pair.p25_seconds, pair.p50_seconds, pair.p75_seconds, pair.p90_seconds)
        )
        ax.plot([p10, p90], [row, row], color=color, linewidth=1.2, gid=f"ttc-whisker-{row}")
        box = ax.barh(row, p75 - p25, left=p25, height=0.5, color=color, alpha=0.45, edgecolor=color)[0]
        box.set_gid(f"ttc-box-{row}")
        ax.plot([p50, p50], [row - 0.25, row + 0.25], color="#222222", linewidth=2, gid=f"ttc-median-{row}")
        ax.annotate(
            f"{duration(pair.p50_seconds, words.time_units)} · n = {pair.customers:,}".replace(",", "\u202f"),
            (p90, row),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=FONT,
            color="#333333",
            gid=f"ttc-figures-{row}",
            **TEXT,
        )
    if log:
        ax.set_xscale("log")
        ax.set_xlim(floor / 2, high * 4)
        ax.xaxis.set_major_locator(FixedLocator([t for t in _LOG_TICKS if floor / 2 <= t <= high * 4]))
        ax.xaxis.set_minor_locator(FixedLocator([]))
    else:
        ax.set_xlim(0, high * 1.35)
        ax.xaxis.set_major_locator(MultipleLocator(next((t for t in _STEPS if t >= high * 1.35 / 6), _STEPS[-1])))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: duration(float(x), words.time_units)))
    ax.set_yticks(range(len(pairs)))
    ax.set_yticklabels(
        [shorten(clean(f"{names.get(p.source, p.source)} → {names.get(p.target, p.target)}"), 40) for p in pairs],
        fontsize=FONT,
        **TEXT,
    )
    ax.tick_params(axis="x", labelsize=FONT - 1)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _spread(pairs: Sequence[TimePair]) -> bool:
    """True when the positive times span more than the log ratio (zero times are drawn at the axis floor)."""
    positive = [p.p90_seconds for p in pairs if p.p90_seconds > 0] + [p.p10_seconds for p in pairs if p.p10_seconds > 0]
    return bool(positive) and max(positive) / min(positive) > _LOG_RATIO
