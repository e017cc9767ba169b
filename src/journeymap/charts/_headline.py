"""The dashboard's headline figures (private): peak-end score, mean emotion, abandonment risk, completeness."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap.analysis import count_barriers, score_emotions, stage_coverage
from journeymap.charts._layout import FONT, TEXT, axes_size
from journeymap.charts._text import clean, shorten
from journeymap.i18n import Labels
from journeymap.model import Journey

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_headline"]

_WIDTHS = (0.2, 0.2, 0.44, 0.16)  # share of the width of each figure
_RISK_EM = 0.6  # glyph width, in ems, assumed for the bold risk figure


def _signed(value: float | None, words: Labels) -> str:
    """A score with its sign (a real minus) and its word, or a dash when there is none."""
    if value is None:
        return "—"
    return f"{value:+.2f}".replace("-", "−") + f" ({words.emotion(value)})"


def draw_headline(ax: Axes, journey: Journey, words: Labels, threshold: int) -> None:
    """The four headline figures of ``journey`` side by side, each under its label, on a bare ``ax``."""
    emotions = score_emotions(journey)
    barriers = count_barriers(journey, threshold)
    coverage = stage_coverage(journey)
    names = {s.id: s.name for s in journey.stages}
    risky = ", ".join(clean(names[i]) for i in barriers.at_risk)
    width, _ = axes_size(ax)
    room = int(width * 0.43 / ((FONT + 6) * _RISK_EM))
    risk_text = shorten(f"{len(barriers.at_risk)}: {risky}", room) if barriers.at_risk else "0"
    figures = [
        ("peak_end", words.peak_end, _signed(emotions.peak_end, words)),
        ("mean", words.mean_emotion, _signed(emotions.mean, words)),
        ("risk", words.abandonment_risk, risk_text),
        ("completeness", words.completeness, f"{coverage.completeness:.0f} %"),
    ]
    ax.set_axis_off()
    left = 0.0
    for (key, label, value), share in zip(figures, _WIDTHS, strict=True):
        ax.text(left, 0.95, label, fontsize=FONT + 1, color="#555555", va="top", gid=f"headline-{key}-label", **TEXT)
        ax.text(left, 0.35, value, fontsize=FONT + 6, fontweight="bold", va="center", gid=f"headline-{key}", **TEXT)
        left += share
