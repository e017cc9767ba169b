"""The flows view of the HTML map: :func:`journeymap.mining.paths` results as an interactive Sankey (private).

One column per position around the touchpoint (or stage), its steps stacked most customers first (the
six largest; the rest are one "other steps" node), and a band from each step to the next as wide as the
customers who went that way — the same picture as :func:`journeymap.charts.flows`, laid out here as
inline SVG geometry so the page draws it without a script. The script only highlights: a step (its
bands in and out), a band, or one of the most frequent paths (every band along it), on hover, focus or
selection. The text alternative is two tables: the most frequent paths and every move with its count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from journeymap.builtin.html._words import PageWords
from journeymap.charts._flows import kept_steps, step_columns
from journeymap.errors import ValidationError
from journeymap.i18n import Labels
from journeymap.model import Journey

__all__ = ["Flow", "FlowBand", "FlowNode", "FlowRow", "flows", "paths_option"]

_COLUMN = 240.0  # px from one column to the next
_NODE = 12.0  # node width
_HEIGHT = 380.0  # px of the tallest column, gaps included
_GAP = 10.0  # px between the nodes of a column
_LINE = 15.0  # least px between two labels of a column
_TOP = 12.0  # margin above the nodes
_LABEL = 230.0  # room right of the last column for its labels
_OTHER = "\x00other"  # the merged node of a column's smaller steps (no step is called that)


@attrs.frozen(kw_only=True)
class FlowNode:
    """A step at one position: its rectangle, its label and what it says when highlighted."""

    id: str
    x: float
    y: float
    height: float
    label_y: float
    label: str
    name: str
    count: int
    tone: str
    say: str
    sequences: str


@attrs.frozen(kw_only=True)
class FlowBand:
    """The customers who went from one step to the next: an SVG ribbon between two nodes."""

    id: str
    d: str
    ends: str
    count: int
    say: str
    sequences: str


@attrs.frozen(kw_only=True)
class FlowRow:
    """A row of a text-alternative table: its cells and its count (a path's row has the path's index)."""

    cells: tuple[str, ...]
    count: int
    index: int = -1
    say: str = ""


@attrs.frozen(kw_only=True)
class Flow:
    """One paths result, ready to draw: the SVG's size, nodes and bands, and its two tables."""

    id: str
    heading: str
    summary: str
    width: float
    height: float
    positions: tuple[tuple[float, str], ...]
    nodes: tuple[FlowNode, ...]
    bands: tuple[FlowBand, ...]
    headers: tuple[str, ...]
    sequences: tuple[FlowRow, ...]
    moves: tuple[FlowRow, ...]


def paths_option(options: Mapping[str, Any]) -> tuple[Any, ...]:
    """The ``paths`` option: one :func:`journeymap.mining.paths` result or a list of them (none without it).

    >>> paths_option({})
    ()
    """
    value = options.get("paths")
    if value is None:
        return ()
    from journeymap.mining import Paths

    found = (value,) if isinstance(value, Paths) else value
    if not isinstance(found, Sequence) or isinstance(found, str) or not all(isinstance(p, Paths) for p in found):
        raise ValidationError.at(
            "options.paths", f"must be what mining.paths() returns (or a list of them), got {value!r}"
        )
    return tuple(found)


def flows(journey: Journey, results: Sequence[Any], labels: Labels, words: PageWords) -> tuple[Flow, ...]:
    """The flows view of each paths result, with steps named from ``journey``."""
    return tuple(_flow(f"jm-flow-{index}", journey, paths, labels, words) for index, paths in enumerate(results))


def _names(journey: Journey, by: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for stage in journey.stages:
        names.update({stage.id: stage.name} if by == "stage" else {t.id: t.name for t in stage.touchpoints})
    return names


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Namer:
    """How a step is written: its name, "(start)" / "(end)" for no event, "other steps" for the merged node."""

    def __init__(self, journey: Journey, paths: Any, labels: Labels, words: PageWords) -> None:
        self.names = _names(journey, paths.by)
        self.labels, self.words = labels, words

    def __call__(self, step: str | None, offset: int) -> str:
        if step == _OTHER:
            return self.words.other_steps
        if step is None:
            return self.labels.path_start if offset < 0 else self.labels.path_end
        return self.names.get(step, step)


def _flow(flow_id: str, journey: Journey, paths: Any, labels: Labels, words: PageWords) -> Flow:
    """Lay one paths result out (see the module text); ``flow_id`` prefixes every element id."""
    name = _Namer(journey, paths, labels, words)
    around = name(paths.around, 0)
    columns = step_columns(paths)
    first = -paths.before
    total = max((sum(column.values()) for column in columns), default=0) or 1
    most = max((min(len(column), len(kept_steps(column)) + 1) for column in columns), default=1)
    scale = (_HEIGHT - _GAP * (most - 1)) / total
    place: list[dict[str | None, tuple[str, float, float]]] = []  # step -> (node id, top, height)
    nodes: list[FlowNode] = []
    for x, column in enumerate(columns):
        kept = kept_steps(column)
        other = sum(n for step, n in column.items() if step not in kept)
        steps: list[str | None] = [*kept, _OTHER] if other else list(kept)
        top, spot, at = _TOP, {}, {}
        for row, step in enumerate(steps):
            count = other if step == _OTHER else column[step]
            spot[step] = (f"{flow_id}-n{x}-{row}", top, count * scale)
            top += count * scale + _GAP
        label_at = _labels_y([spot[step][1] + spot[step][2] / 2 for step in steps])
        for row, step in enumerate(steps):
            node_id, y, height = spot[step]
            count = other if step == _OTHER else column[step]
            full = name(step, first + x)
            at[step] = node_id
            tone = "anchor" if first + x == 0 else ("end" if step is None else ("other" if step == _OTHER else "step"))
            nodes.append(
                FlowNode(
                    id=node_id,
                    x=_px(x * _COLUMN),
                    y=_px(y),
                    height=_px(max(height, 1.0)),
                    label_y=_px(label_at[row]),
                    label=f"{_short(full)} ({count})",
                    name=full,
                    count=count,
                    tone=tone,
                    say=_says(words, full, first + x, count),
                    sequences="",
                )
            )
        place.append(spot)
    bands, band_of = _bands(flow_id, paths, place, name, words, scale)
    sequences, on_path = _sequences(paths, place, band_of, name, words)
    nodes = [attrs.evolve(node, sequences=" ".join(sorted(on_path.get(node.id, ()), key=int))) for node in nodes]
    bands = [attrs.evolve(band, sequences=" ".join(sorted(on_path.get(band.id, ()), key=int))) for band in bands]
    positions = tuple((_px(x * _COLUMN + _NODE / 2), _position(first + x, around)) for x in range(len(columns)))
    height = max((node.y + node.height for node in nodes), default=_TOP)
    height = max(height, max((node.label_y for node in nodes), default=0.0)) + _TOP + 8
    return Flow(
        id=flow_id,
        heading=f"{labels.paths_around} {around}",
        summary=words.flows_summary.format(customers=paths.customers, name=around, distinct=paths.distinct),
        width=_px(max(len(columns) - 1, 0) * _COLUMN + _NODE + _LABEL),
        height=_px(height),
        positions=positions,
        nodes=tuple(nodes),
        bands=tuple(bands),
        headers=tuple(_position(k, around) for k in range(-paths.before, paths.after + 1)),
        sequences=sequences,
        moves=tuple(
            FlowRow(
                cells=(
                    f"{_position(link.offset, around)} → {_position(link.offset + 1, around)}",
                    name(link.source, link.offset),
                    name(link.target, link.offset + 1),
                ),
                count=link.count,
            )
            for link in paths.links
        ),
    )


def _bands(
    flow_id: str,
    paths: Any,
    place: list[dict[str | None, tuple[str, float, float]]],
    name: _Namer,
    words: PageWords,
    scale: float,
) -> tuple[list[FlowBand], dict[tuple[int, Any, Any], str]]:
    """The ribbons between neighbouring columns (links into a merged node are one ribbon)."""
    first = -paths.before
    merged: dict[tuple[int, Any, Any], int] = {}
    for link in paths.links:
        x = link.offset - first
        source = link.source if link.source in place[x] else _OTHER
        target = link.target if link.target in place[x + 1] else _OTHER
        merged[(x, source, target)] = merged.get((x, source, target), 0) + link.count
    out_used: dict[tuple[int, Any], float] = {}
    in_used: dict[tuple[int, Any], float] = {}
    bands: list[FlowBand] = []
    band_of: dict[tuple[int, Any, Any], str] = {}
    order = list(place)
    for (x, source, target), count in sorted(
        merged.items(),
        key=lambda item: (
            item[0][0],
            list(order[item[0][0]]).index(item[0][1]),
            list(order[item[0][0] + 1]).index(item[0][2]),
        ),
    ):
        source_id, source_top, _ = place[x][source]
        target_id, target_top, _ = place[x + 1][target]
        thick = count * scale
        y0 = source_top + out_used.get((x, source), 0.0)
        y1 = target_top + in_used.get((x + 1, target), 0.0)
        out_used[(x, source)] = out_used.get((x, source), 0.0) + thick
        in_used[(x + 1, target)] = in_used.get((x + 1, target), 0.0) + thick
        left, right = x * _COLUMN + _NODE, (x + 1) * _COLUMN
        mid = (left + right) / 2
        d = (
            f"M{_px(left)} {_px(y0)}C{_px(mid)} {_px(y0)} {_px(mid)} {_px(y1)} {_px(right)} {_px(y1)}"
            f"L{_px(right)} {_px(y1 + thick)}C{_px(mid)} {_px(y1 + thick)} {_px(mid)} {_px(y0 + thick)}"
            f" {_px(left)} {_px(y0 + thick)}Z"
        )
        band_id = f"{flow_id}-b{x}-{source_id.rsplit('-', 1)[1]}-{target_id.rsplit('-', 1)[1]}"
        band_of[(x, source, target)] = band_id
        say = words.move_says.format(
            source=name(source, first + x), target=name(target, first + x + 1), customers=count
        )
        bands.append(FlowBand(id=band_id, d=d, ends=f"{source_id} {target_id}", count=count, say=say, sequences=""))
    return bands, band_of


def _sequences(
    paths: Any,
    place: list[dict[str | None, tuple[str, float, float]]],
    band_of: dict[tuple[int, Any, Any], str],
    name: _Namer,
    words: PageWords,
) -> tuple[tuple[FlowRow, ...], dict[str, set[str]]]:
    """The most frequent paths as table rows, and which nodes and bands each one runs through."""
    first = -paths.before
    on_path: dict[str, set[str]] = {}
    rows = []
    for index, sequence in enumerate(paths.sequences):
        steps = [step if step in place[x] else _OTHER for x, step in enumerate(sequence.steps[: len(place)])]
        for x, step in enumerate(steps):
            if step not in place[x]:
                continue
            on_path.setdefault(place[x][step][0], set()).add(str(index))
            if x + 1 < len(steps) and (x, step, steps[x + 1]) in band_of:
                on_path.setdefault(band_of[(x, step, steps[x + 1])], set()).add(str(index))
        cells = tuple(name(step, first + x) for x, step in enumerate(sequence.steps))
        say = words.path_says.format(path=" → ".join(cells), customers=sequence.customers)
        rows.append(FlowRow(cells=cells, count=sequence.customers, index=index, say=say))
    return tuple(rows), on_path


def _says(words: PageWords, step: str, offset: int, customers: int) -> str:
    """What a highlighted step says: its name, its position (but at the touchpoint itself), its customers."""
    if offset == 0:
        return words.path_says.format(path=step, customers=customers)
    return words.step_says.format(step=step, position=_position(offset, step), customers=customers)


def _labels_y(centres: list[float]) -> list[float]:
    """Label baselines near the nodes' centres, at least ``_LINE`` apart, top to bottom."""
    out: list[float] = []
    for centre in centres:
        y = centre + 4  # the baseline of a 12 px label centred on the node
        out.append(max(y, out[-1] + _LINE) if out else y)
    return out


def _position(offset: int, around: str) -> str:
    """A position's header: the touchpoint's name at 0, else ``-2``, ``+1``… (a real minus sign)."""
    if offset == 0:
        return around
    return f"+{offset}" if offset > 0 else f"−{-offset}"


def _px(value: float) -> float:
    return round(value, 1)
