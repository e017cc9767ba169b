"""Charts of a journey with matplotlib: the emotion curve, barrier and coverage heatmaps, a dashboard,
the journey map as one poster, and, for a journey measured from an event log, the funnel and the moves
between stages.

Every function takes the journey, an optional keyword-only ``ax=`` to draw
into the caller's Axes and keyword styling, and returns the Axes (the Figure
for the multi-panel :func:`dashboard` and the :func:`journey_map` poster). Figures are built with the object API
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

from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Final

from journeymap.analysis import DEFAULT_THRESHOLD, count_barriers, score_emotions, stage_coverage
from journeymap.analysis.barriers import check_threshold
from journeymap.analysis.funnel import require_funnel
from journeymap.charts._curve import check_by, draw_curves
from journeymap.charts._flows import FlowPaths, draw_paths
from journeymap.charts._funnel import draw_flows, draw_funnel
from journeymap.charts._grid import draw_matrix, matrix_size
from journeymap.charts._headline import draw_headline
from journeymap.charts._layout import (
    COLORS,
    FONT,
    TEXT,
    TITLE_CHARS,
    chart_style,
    draw_chart,
    new_axes,
    no_data,
    set_title,
    words_for,
)
from journeymap.charts._poster import PAPER, journey_map
from journeymap.charts._save import save
from journeymap.charts._text import clean, shorten
from journeymap.charts._times import TimePair, draw_times, stage_pairs
from journeymap.errors import ValidationError
from journeymap.i18n import Labels, labels
from journeymap.model import Journey

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CHARTS",
    "PAPER",
    "barrier_heatmap",
    "compare_curves",
    "coverage_matrix",
    "dashboard",
    "emotion_curve",
    "flows",
    "funnel",
    "journey_map",
    "persona_curves",
    "save_figure",
    "time_to_convert",
    "transitions",
]


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
    mode = check_by(by)
    check_threshold(threshold)

    def draw(ax: Axes, words: Labels) -> None:
        """The curve with its annotations and legend."""
        report, barriers = score_emotions(journey), count_barriers(journey, threshold)
        draw_curves(ax, [journey], [report], [words.emotion_curve], mode, words, barriers=barriers, color=color)

    return draw_chart(
        journey,
        lang=lang,
        ax=ax,
        figsize=figsize,
        heading=lambda words: f"{words.emotion_curve}: {journey.title}",
        title=title,
        empty=not journey.stages,
        draw=draw,
    )


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
    return _several([before, after], names, lambda words: [words.as_is, words.to_be], by, ax, lang, title, figsize)


def persona_curves(
    journeys: Journey | Sequence[Journey],
    *,
    names: Sequence[str] | None = None,
    by: str = "stage",
    ax: Axes | None = None,
    lang: str | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (12, 5),
) -> Axes:
    """Several personas' curves on one chart.

    One journey: a curve for each of its personas (main persona first), as each
    feels the touchpoints (:meth:`Touchpoint.emotion_for`; a touchpoint for other
    personas only is a gap in that persona's curve); a journey without personas
    draws its own curve. Several journeys: one curve per journey. ``names``
    default to each persona's name (else the journey's title).
    """
    if isinstance(journeys, Journey):
        everyone = journeys.all_personas()
        people = [journeys] * max(len(everyone), 1)
        ids: list[str | None] = [p.id for p in everyone] or [None]
        default = [p.name for p in everyone] or [journeys.title]
        return _several(people, names, lambda _: default, by, ax, lang, title, figsize, personas=ids)
    if not journeys:
        raise ValidationError.at("journeys", "must hold at least one journey")
    default = [j.persona.name if j.persona is not None else j.title for j in journeys]
    return _several(list(journeys), names, lambda _: default, by, ax, lang, title, figsize)


def _several(
    journeys: list[Journey],
    names: Sequence[str] | None,
    default: Callable[[Labels], Sequence[str]],
    by: str,
    ax: Axes | None,
    lang: str | None,
    title: str | None,
    figsize: tuple[float, float],
    personas: Sequence[str | None] | None = None,
) -> Axes:
    """Several curves on one chart, labelled in the language of the first journey; ``default`` names them.

    ``personas``: whose curve each journey gives (None: the map's own); by default the map's own for each.
    """
    mode = check_by(by)
    who = list(personas) if personas is not None else [None] * len(journeys)
    if names and len(names) != len(journeys):
        what = "journeys" if personas is None else "personas"
        raise ValidationError.at("names", f"must name each of the {len(journeys)} {what}, got {len(names)}")

    def draw(ax: Axes, words: Labels) -> None:
        """The curves and their legend."""
        reports = [score_emotions(j, persona=p) for j, p in zip(journeys, who, strict=True)]
        draw_curves(ax, journeys, reports, names or default(words), mode, words)

    return draw_chart(
        journeys[0],
        lang=lang,
        ax=ax,
        figsize=figsize,
        heading=lambda words: words.emotion_curve,
        title=title,
        empty=not any(j.stages for j in journeys),
        draw=draw,
    )


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
    report = count_barriers(journey, threshold)
    severities = ("minor", "major", "critical")

    def draw(ax: Axes, words: Labels) -> None:
        """The barrier matrix."""
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

    return draw_chart(
        journey,
        lang=lang,
        ax=ax,
        figsize=figsize or matrix_size(len(report.stages), 4),
        heading=lambda words: words.barriers_per_stage,
        title=title,
        empty=not report.stages,
        draw=draw,
    )


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
    report = stage_coverage(journey)
    columns = list(report.channels)
    without = any(s.no_channel for s in report.stages)
    counts = [[s.channels.get(c, 0) for c in columns] + ([s.no_channel] if without else []) for s in report.stages]

    def draw(ax: Axes, words: Labels) -> None:
        """The coverage matrix."""
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

    return draw_chart(
        journey,
        lang=lang,
        ax=ax,
        figsize=figsize or matrix_size(len(report.stages), len(columns) + without),
        heading=lambda words: words.coverage,
        title=title,
        empty=not report.stages or not (columns or without),
        draw=draw,
    )


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
    words = words_for(journey, lang)
    with chart_style():
        figure = Figure(figsize=figsize, layout="constrained")
        grid = figure.add_gridspec(3, 2, height_ratios=[0.45, 3, 2.6], width_ratios=[1, 1.5])
        figure.suptitle(shorten(clean(journey.title), TITLE_CHARS), fontsize=FONT + 6, fontweight="bold", **TEXT)
        draw_headline(figure.add_subplot(grid[0, :]), journey, words, threshold)
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
    *,
    ax: Axes | None = None,
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
    report = require_funnel(journey)
    return draw_chart(
        journey,
        lang=lang,
        ax=ax,
        figsize=figsize or (10, min(max(2.5, 1.2 + 0.6 * len(report.stages)), 14)),
        heading=lambda words: f"{words.funnel}: {journey.title}",
        title=title,
        empty=not report.stages,
        draw=lambda ax, words: draw_funnel(ax, report, words, color or COLORS["curve"]),
    )


def transitions(
    journey: Journey,
    *,
    ax: Axes | None = None,
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
    report = require_funnel(journey)
    colors = (color or COLORS["curve"], backward_color or COLORS["risk"])
    return draw_chart(
        journey,
        lang=lang,
        ax=ax,
        figsize=figsize,
        heading=lambda words: f"{words.stage_flows}: {journey.title}",
        title=title,
        empty=not report.stages,
        draw=lambda ax, words: draw_flows(ax, report, [s.name for s in report.stages], words, colors),
    )


def flows(
    paths: FlowPaths,
    *,
    journey: Journey | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
    color: str | None = None,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Paths around a touchpoint as a Sankey-style flow; returns the Axes.

    ``paths`` is what :func:`journeymap.mining.paths` returns: one column per
    position (the touchpoint itself, in orange, at 0), its steps stacked
    most customers first (the six largest, the rest as "…"), and a band from
    each step to the next as wide as the customers who went that way.
    "(start)" / "(end)" stand for no earlier / no later event. With a
    ``journey`` the steps are written with their touchpoint (or stage) names.
    Labels come in ``lang``, else the language of ``journey``, else English.

    >>> from journeymap.mining import paths_rows
    >>> log = [("c1", "ad", "2024-01-01T10:00Z"), ("c1", "pricing", "2024-01-01T10:01Z")]
    >>> ax = flows(paths_rows(log, around="pricing", before=1, after=1))
    >>> sorted(p.get_gid() for p in ax.patches if p.get_gid().startswith("flow-band"))
    ['flow-band-0-0-0', 'flow-band-1-0-0']
    """
    words = labels(lang or (journey.language if journey is not None else "en"))
    with chart_style():
        axes = new_axes(ax, figsize or (11, 5))
        names: dict[str, str] = {}
        if journey is not None:
            for stage in journey.stages:
                names.update(
                    {stage.id: stage.name} if paths.by == "stage" else {t.id: t.name for t in stage.touchpoints}
                )
        set_title(axes, f"{words.paths_around} {names.get(paths.around, paths.around)}", title)
        if not paths.links:
            no_data(axes, words.no_data)
        else:
            draw_paths(axes, paths, words, color or COLORS["curve"], names)
    return axes


def time_to_convert(
    metrics: Any,
    *,
    journey: Journey | None = None,
    segment: str | None = None,
    ax: Axes | None = None,
    lang: str | None = None,
    color: str | None = None,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """How long customers take from stage to stage: a box (p25–p75), whiskers (p10–p90) and median; returns the Axes.

    ``metrics`` is what :func:`journeymap.mining.mine` returns, or a
    :class:`~journeymap.Journey` measured by ``journeymap mine`` (its
    stages keep the percentiles; a journey has no end-to-end pair and no
    segments). ``segment=`` draws one segment's times of a mining result.
    One row per pair of neighbouring stages, the end-to-end pair (first
    stage to last) last, with the median and the customers counted at the
    right. Stage names come from ``journey`` when given (else the ids),
    labels in ``lang``, else the journey's language, else English.

    >>> from journeymap.mining import mine_rows
    >>> log = [("c1", "ad", "2024-01-01T10:00Z"), ("c1", "cart", "2024-01-01T10:30Z")]
    >>> import journeymap as jm
    >>> shop = jm.Journey(title="Shop", stages=[jm.Stage(name="Look", touchpoints=["Ad"]),
    ...                                         jm.Stage(name="Buy", touchpoints=["Cart"])])
    >>> ax = time_to_convert(mine_rows(log, shop), journey=shop)
    >>> [float(p.get_width()) for p in ax.patches if p.get_gid() == "ttc-box-0"]
    [0.0]
    """
    pairs: Sequence[TimePair]
    if isinstance(metrics, Journey):
        if segment is not None:
            raise ValidationError.at("segment", "a journey keeps the overall times only: pass mine()'s result")
        journey = journey or metrics
        pairs = stage_pairs(metrics)
    else:
        source = metrics
        if segment is not None:
            found = [s for s in metrics.segments if s.segment == segment]
            if not found:
                known = ", ".join(str(s.segment) for s in metrics.segments) or "none"
                raise ValidationError.at("segment", f"no segment {segment!r} in the metrics (segments: {known})")
            source = found[0]
        pairs = source.time_to_convert
    names = {stage.id: stage.name for stage in journey.stages} if journey is not None else {}
    words = labels(lang or (journey.language if journey is not None else "en"))
    with chart_style():
        axes = new_axes(ax, figsize or (10, min(max(2.5, 1.4 + 0.55 * len(pairs)), 12)))
        heading = f"{words.time_to_convert}: {journey.title}" if journey is not None else words.time_to_convert
        set_title(axes, heading + (f" ({segment})" if segment is not None else ""), title)
        if not pairs:
            no_data(axes, words.no_data)
        else:
            draw_times(axes, pairs, names, words, color or COLORS["curve"])
    return axes


CHARTS: Final[Mapping[str, Callable[..., Any]]] = {
    "dashboard": dashboard,
    "emotion_curve": emotion_curve,
    "barrier_heatmap": barrier_heatmap,
    "coverage_matrix": coverage_matrix,
    "funnel": funnel,
    "transitions": transitions,
    "map": journey_map,
}
"""The charts of one journey by name, as the image exporters' ``chart=`` option knows them."""


def save_figure(figure: Figure | Any, target: IO[bytes] | str, format: str, *, dpi: float = 150) -> None:
    """Save ``figure`` as ``png``, ``svg`` or ``pdf``, the same bytes every time for the same chart.

    The SVG hash salt is fixed, the SVG's internal ids are numbered in order
    of appearance, and the dates are left out of the metadata. An SVG of the
    :func:`journey_map` poster also gets the whole text of each label as a
    ``<title>`` (a tooltip), which ``figure.savefig`` alone does not add.
    """
    save(figure, target, format, dpi)
