"""Charts of a journey with matplotlib: the emotion curve, barrier and coverage heatmaps, a dashboard,
and, for a journey measured from an event log, the funnel and the moves between stages.

Every function takes the journey, an optional ``ax=`` to draw into the
caller's Axes and keyword styling, and returns the Axes (the Figure for the
multi-panel :func:`dashboard`). Figures are built with the object API
(:class:`matplotlib.figure.Figure`): no pyplot state, no ``show()``.
matplotlib is imported only when a chart is drawn (``pip install
'journeymap[charts]'``), so ``import journeymap.charts`` is cheap.

What is drawn comes from :mod:`journeymap.analysis` (the curve and its
lowest moments and sharp drops from :func:`~journeymap.analysis.score_emotions`,
counts and abandonment risks from :func:`~journeymap.analysis.count_barriers`,
the channel matrix and completeness from
:func:`~journeymap.analysis.stage_coverage`, the measured figures from
:func:`~journeymap.analysis.measured_funnel`). Labels come in the journey's
language (or ``lang=``).

User text stays text: labels are drawn with ``parse_math=False`` (a ``$`` or
``_`` never becomes mathtext); characters the font cannot draw (emoji) and
control characters are left out; long names are wrapped or shortened with
an ellipsis, and crowded labels are thinned or rotated.

>>> import io, journeymap as jm
>>> from journeymap import charts
>>> j = jm.Journey(title="Buying a course", stages=[jm.Stage(name="Study", touchpoints=[
...     jm.Touchpoint(name="Price $5_off", emotion=-1, barriers=["Price hidden"])])])
>>> ax = charts.emotion_curve(j)
>>> curve = next(line for line in ax.get_lines() if line.get_gid() == "curve-0")
>>> [float(y) for y in curve.get_ydata()]
[-1.0]
>>> charts.save_figure(ax.get_figure(), io.BytesIO(), "svg")
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Final

from journeymap.analysis import DEFAULT_THRESHOLD, count_barriers, score_emotions, stage_coverage
from journeymap.analysis.barriers import check_threshold
from journeymap.analysis.funnel import require_funnel
from journeymap.charts._curve import check_by
from journeymap.charts._layout import COLORS, FONT, TEXT, axes_size, chart_style, new_axes, no_data
from journeymap.charts._text import clean, shorten
from journeymap.errors import ValidationError
from journeymap.i18n import Labels, labels
from journeymap.model import Journey

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CHARTS",
    "barrier_heatmap",
    "compare_curves",
    "coverage_matrix",
    "dashboard",
    "emotion_curve",
    "funnel",
    "persona_curves",
    "save_figure",
    "transitions",
]

_TITLE_CHARS = 90


def _words(journey: Journey, lang: str | None) -> Labels:
    return labels(lang or journey.language)


def _title(ax: Axes, default: str, title: str | None) -> None:
    text = default if title is None else title
    if text:
        ax.set_title(shorten(clean(text), _TITLE_CHARS), fontsize=FONT + 2, loc="left", **TEXT)


def emotion_curve(
    journey: Journey,
    by: str = "touchpoint",
    *,
    ax: Axes | None = None,
    lang: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    color: str | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (12, 5),
) -> Axes:
    """The emotion curve across the journey; returns the Axes.

    ``by="touchpoint"`` (default) draws one point per touchpoint,
    ``by="stage"`` one per stage (its mean, with a bar from its lowest to its
    highest score). Stage bands carry the stage names; abandonment-risk stages
    (more barriers than ``threshold``) are tinted red. The dashed line is
    neutral (0); the y axis names the steps −2 … +2. The lowest moments are
    ringed and named, sharp drops drawn in orange with their fall, and ▼ marks
    touchpoints with barriers (with their count). Touchpoints without an
    emotion are gaps in the line. ``title=""`` draws no title; ``figsize`` is
    used only when ``ax`` is None.
    """
    from journeymap.charts._curve import draw_curves

    mode = check_by(by)
    check_threshold(threshold)
    words = _words(journey, lang)
    with chart_style():
        ax = new_axes(ax, figsize)
        _title(ax, f"{words.emotion_curve}: {journey.title}", title)
        if not journey.stages:
            no_data(ax, words.no_data)
            return ax
        report = score_emotions(journey)
        draw_curves(
            ax,
            [journey],
            [report],
            [words.emotion_curve],
            mode,
            words,
            barriers=count_barriers(journey, threshold),
            color=color,
        )
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=FONT, frameon=False)
    return ax


def compare_curves(
    before: Journey,
    after: Journey,
    *,
    names: Sequence[str] | None = None,
    by: str = "stage",
    ax: Axes | None = None,
    lang: str | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (12, 5),
) -> Axes:
    """The as-is and to-be curves on one chart (stages matched by id, touchpoints by id).

    ``names`` defaults to the labels "As is" and "To be" in the language of
    ``before`` (or ``lang``). ``by`` is ``"stage"`` (default: stage means) or
    ``"touchpoint"``.
    """
    words = _words(before, lang)
    return _several([before, after], names or [words.as_is, words.to_be], by, ax, words, title, figsize)


def persona_curves(
    journeys: Sequence[Journey],
    *,
    names: Sequence[str] | None = None,
    by: str = "stage",
    ax: Axes | None = None,
    lang: str | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (12, 5),
) -> Axes:
    """Several personas' curves on one chart; ``names`` default to each persona's name (else the title)."""
    if not journeys:
        raise ValidationError.at("journeys", "must hold at least one journey")
    words = _words(journeys[0], lang)
    default = [j.persona.name if j.persona is not None else j.title for j in journeys]
    return _several(list(journeys), names or default, by, ax, words, title, figsize)


def _several(
    journeys: list[Journey],
    names: Sequence[str],
    by: str,
    ax: Axes | None,
    words: Labels,
    title: str | None,
    figsize: tuple[float, float],
) -> Axes:
    from journeymap.charts._curve import draw_curves

    mode = check_by(by)
    if len(names) != len(journeys):
        raise ValidationError.at("names", f"must name each of the {len(journeys)} journeys, got {len(names)}")
    with chart_style():
        ax = new_axes(ax, figsize)
        _title(ax, words.emotion_curve, title)
        if not any(j.stages for j in journeys):
            no_data(ax, words.no_data)
            return ax
        draw_curves(ax, journeys, [score_emotions(j) for j in journeys], names, mode, words)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=FONT, frameon=False)
    return ax


def _matrix_size(rows: int, columns: int) -> tuple[float, float]:
    return (min(4 + 0.55 * columns, 14), min(max(3.0, 1.6 + 0.32 * rows), 14))


def barrier_heatmap(
    journey: Journey,
    *,
    ax: Axes | None = None,
    lang: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    cmap: str = "Reds",
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Barriers per stage and severity (minor, major, critical); returns the Axes.

    Rows are stages; the right-hand figures are each stage's total. Stages
    with more barriers than ``threshold`` (abandonment risks) are outlined
    and labelled in red.
    """
    from journeymap.charts._grid import draw_matrix

    words = _words(journey, lang)
    report = count_barriers(journey, threshold)
    severities = ("minor", "major", "critical")
    with chart_style():
        ax = new_axes(ax, figsize or _matrix_size(len(report.stages), 4))
        _title(ax, words.barriers_per_stage, title)
        if not report.stages:
            no_data(ax, words.no_data)
            return ax
        draw_matrix(
            ax,
            [s.name for s in report.stages],
            [words.severity(s) for s in severities],
            [[s.by_severity[k] for k in severities] for s in report.stages],
            cmap=cmap,
            right=[str(s.total) for s in report.stages],
            right_title=words.total,
            highlight=[i for i, s in enumerate(report.stages) if s.at_risk],
        )
    return ax


def coverage_matrix(
    journey: Journey,
    *,
    ax: Axes | None = None,
    lang: str | None = None,
    cmap: str = "Blues",
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Touchpoints per stage and channel; the right-hand figures are each stage's completeness.

    A column "(no channel)" counts touchpoints without a channel, when
    there are any; stages without touchpoints are labelled in grey.
    """
    from journeymap.charts._grid import draw_matrix

    words = _words(journey, lang)
    report = stage_coverage(journey)
    columns = list(report.channels)
    without = any(s.no_channel for s in report.stages)
    counts = [[s.channels.get(c, 0) for c in columns] + ([s.no_channel] if without else []) for s in report.stages]
    with chart_style():
        ax = new_axes(ax, figsize or _matrix_size(len(report.stages), len(columns) + without))
        _title(ax, words.coverage, title)
        if not report.stages or not (columns or without):
            no_data(ax, words.no_data)
            return ax
        draw_matrix(
            ax,
            [s.name for s in report.stages],
            columns + ([words.no_channel] if without else []),
            counts,
            cmap=cmap,
            right=[f"{s.completeness:.0f} %" for s in report.stages],
            right_title=words.completeness,
            muted=[i for i, s in enumerate(report.stages) if s.touchpoints == 0],
        )
    return ax


def _signed(value: float | None, words: Labels) -> str:
    if value is None:
        return "—"
    return f"{value:+.2f}".replace("-", "−") + f" ({words.emotion(value)})"


def _headline(ax: Axes, journey: Journey, words: Labels, threshold: int) -> None:
    emotions = score_emotions(journey)
    barriers = count_barriers(journey, threshold)
    coverage = stage_coverage(journey)
    names = {s.id: s.name for s in journey.stages}
    risky = ", ".join(clean(names[i]) for i in barriers.at_risk)
    width, _ = axes_size(ax)
    room = int(width * 0.43 / ((FONT + 6) * 0.6))
    risk_text = shorten(f"{len(barriers.at_risk)}: {risky}", room) if barriers.at_risk else "0"
    figures = [
        ("peak_end", words.peak_end, _signed(emotions.peak_end, words)),
        ("mean", words.mean_emotion, _signed(emotions.mean, words)),
        ("risk", words.abandonment_risk, risk_text),
        ("completeness", words.completeness, f"{coverage.completeness:.0f} %"),
    ]
    ax.set_axis_off()
    widths = (0.2, 0.2, 0.44, 0.16)
    left = 0.0
    for (key, label, value), width in zip(figures, widths, strict=True):
        ax.text(left, 0.95, label, fontsize=FONT + 1, color="#555555", va="top", gid=f"headline-{key}-label", **TEXT)
        ax.text(left, 0.35, value, fontsize=FONT + 6, fontweight="bold", va="center", gid=f"headline-{key}", **TEXT)
        left += width


def dashboard(
    journey: Journey,
    *,
    lang: str | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    by: str = "touchpoint",
    figsize: tuple[float, float] = (16, 11),
) -> Figure:
    """One page: headline figures (peak-end score, mean emotion, abandonment-risk stages,
    completeness), the emotion curve, the barrier heatmap and the coverage matrix; returns the Figure."""
    from matplotlib.figure import Figure

    check_by(by)
    check_threshold(threshold)
    words = _words(journey, lang)
    with chart_style():
        figure = Figure(figsize=figsize, layout="constrained")
        grid = figure.add_gridspec(3, 2, height_ratios=[0.45, 3, 2.6], width_ratios=[1, 1.5])
        figure.suptitle(shorten(clean(journey.title), _TITLE_CHARS), fontsize=FONT + 6, fontweight="bold", **TEXT)
        _headline(figure.add_subplot(grid[0, :]), journey, words, threshold)
        emotion_curve(
            journey,
            by,
            ax=figure.add_subplot(grid[1, :]),
            lang=words.language,
            threshold=threshold,
            title=words.emotion_curve,
        )
        barrier_heatmap(journey, ax=figure.add_subplot(grid[2, 0]), lang=words.language, threshold=threshold)
        coverage_matrix(journey, ax=figure.add_subplot(grid[2, 1]), lang=words.language)
    return figure


def funnel(
    journey: Journey,
    ax: Axes | None = None,
    *,
    lang: str | None = None,
    color: str | None = None,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """The measured funnel: customers reaching each stage, conversion and drop-off; returns the Axes.

    One centred bar per measured stage, first stage on top, its width the
    customers who reached it (with their share of the first stage); to the
    right each stage's conversion (share going on to a later stage, red
    under 50 %), customers dropped and the median time to the next stage.
    Needs figures from an event log (``journeymap mine``): a journey without
    them raises :class:`~journeymap.ValidationError`.

    >>> import journeymap as jm
    >>> from journeymap.model import StageMetrics
    >>> j = jm.Journey(title="Shop", stages=[jm.Stage(name="Visit", metrics=StageMetrics(reached=10, converted=4,
    ...     dropped=6)), jm.Stage(name="Buy", metrics=StageMetrics(reached=4, dropped=4))])
    >>> ax = funnel(j)
    >>> [float(p.get_width()) for p in ax.patches if (p.get_gid() or "").startswith("funnel-bar")]
    [10.0, 4.0]
    """
    from journeymap.charts._funnel import draw_funnel

    report = require_funnel(journey)
    words = _words(journey, lang)
    with chart_style():
        ax = new_axes(ax, figsize or (10, min(max(2.5, 1.2 + 0.6 * len(report.stages)), 14)))
        _title(ax, f"{words.funnel}: {journey.title}", title)
        if not report.stages:
            no_data(ax, words.no_data)
            return ax
        draw_funnel(ax, report, words, color or COLORS["curve"])
    return ax


def transitions(
    journey: Journey,
    ax: Axes | None = None,
    *,
    lang: str | None = None,
    color: str | None = None,
    backward_color: str | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (12, 5),
) -> Axes:
    """The measured moves between stages: forward arcs above the stages, backward arcs below; returns the Axes.

    Stages are nodes left to right in journey order. Each arc is the count
    of moves straight from one stage to another (consecutive events of a
    customer changing stage; skips span several stages), drawn wider for
    more moves with the count at its top. Backward moves — the squiggle of
    real journeys — are red, below the line; the legend sums both. Needs
    figures from an event log (``journeymap mine``).
    """
    from journeymap.charts._funnel import draw_flows

    report = require_funnel(journey)
    words = _words(journey, lang)
    with chart_style():
        ax = new_axes(ax, figsize)
        _title(ax, f"{words.stage_flows}: {journey.title}", title)
        if not report.stages:
            no_data(ax, words.no_data)
            return ax
        colors = (color or COLORS["curve"], backward_color or COLORS["risk"])
        draw_flows(ax, report, [s.name for s in report.stages], words, colors)
    return ax


CHARTS: Final[Mapping[str, Callable[..., Any]]] = {
    "dashboard": dashboard,
    "emotion_curve": emotion_curve,
    "barrier_heatmap": barrier_heatmap,
    "coverage_matrix": coverage_matrix,
    "funnel": funnel,
    "transitions": transitions,
}
"""The charts of one journey by name, as the image exporters' ``chart=`` option knows them."""

_METADATA: Final = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {"Software": None}}


def save_figure(figure: Figure | Any, target: IO[bytes] | str, format: str, *, dpi: float = 150) -> None:
    """Save ``figure`` as ``png``, ``svg`` or ``pdf``, the same bytes every time for the same chart.

    The SVG hash salt is fixed, the SVG's internal ids are numbered in order
    of appearance, and the dates are left out of the metadata.
    """
    import matplotlib

    if format not in _METADATA:
        raise ValidationError.at("format", f"must be png, svg or pdf, got {format!r}")
    with matplotlib.rc_context({"svg.hashsalt": "journeymap", "text.parse_math": False}):
        if format != "svg":
            figure.savefig(target, format=format, dpi=dpi, metadata=_METADATA[format])
            return
        buffer = io.BytesIO()
        figure.savefig(buffer, format=format, dpi=dpi, metadata=_METADATA[format])
    data = _number_svg_ids(buffer.getvalue())
    if isinstance(target, str):
        with open(target, "wb") as stream:
            stream.write(data)
    else:
        target.write(data)


_SVG_HASH_ID = re.compile(rb'id="([a-z][0-9a-f]{10})"')


def _number_svg_ids(svg: bytes) -> bytes:
    """Rename matplotlib's hashed SVG ids (clip paths, markers) to ``jm1``, ``jm2``… in order of appearance.

    matplotlib hashes a clip rectangle's float bounds into its id, and those
    floats can differ in the last digit between two layouts of the same figure
    even when every drawn coordinate is the same; numbering makes the file
    byte-identical.
    """
    names = {old: f"jm{index}".encode() for index, old in enumerate(dict.fromkeys(_SVG_HASH_ID.findall(svg)), 1)}
    if not names:
        return svg
    pattern = re.compile(rb'(id="|url\(#|href="#)(' + b"|".join(re.escape(old) for old in names) + rb")\b")
    return pattern.sub(lambda match: match.group(1) + names[match.group(2)], svg)
