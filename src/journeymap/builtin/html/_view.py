"""The page the template renders: header, stage columns, lane rows with their entries, the curve (private).

It reads the :class:`~journeymap.layout.MapLayout` (which lanes, in which order, what each cell holds, the
curve's points, the stages at risk) and goes back to the model for what a detail shows. Every text is the
whole text: the browser wraps it. Element ids come from the items' paths (``stages[1].touchpoints[0]`` →
``jm-s1-t0``), so the same journey gives the same page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from journeymap import i18n
from journeymap.builtin.html._curve import Curve, curve
from journeymap.builtin.html._details import Detail, Fact, barrier_detail, stage_detail, touchpoint_detail
from journeymap.builtin.html._flows import Flow, flows
from journeymap.builtin.html._words import PageWords, page_words
from journeymap.i18n import Labels
from journeymap.layout import Column, Item, MapLayout, layout_map
from journeymap.model import Journey

__all__ = ["Entry", "Head", "Page", "Row", "dom_id", "page"]

_STEP = re.compile(r"([a-z])[a-z_]*\[(\d+)\]")
_PATH = re.compile(r"^stages\[(\d+)\](?:\.touchpoints\[(\d+)\])?(?:\.barriers\[(\d+)\])?$")
_DETAILED = {("touchpoint", True), ("barrier", False)}  # (kind, path ends at a touchpoint): has a detail
_UNCUT = (1200.0, 1.0e7)  # a page so tall that no cell is shortened: the browser wraps the whole text


@attrs.frozen(kw_only=True)
class Entry:
    """One thing in a cell: its whole text, a small note under it (channel, severity), and its detail."""

    text: str
    kind: str
    id: str = ""
    note: str = ""
    face: str = ""
    severity: str = ""
    detail: Detail | None = None
    tip: str = ""
    """A plain entry's tooltip: what the cell does not show (the touchpoint a step serves, its evidence)."""


@attrs.frozen(kw_only=True)
class Head:
    """A stage column's header."""

    id: str
    name: str
    phase: str
    barriers: int
    at_risk: bool
    detail: Detail


@attrs.frozen(kw_only=True)
class Row:
    """A lane: its key, its title and one tuple of entries per stage."""

    key: str
    title: str
    cells: tuple[tuple[Entry, ...], ...]
    line: str = ""
    """The title of the service blueprint's line right above the lane (interaction, visibility), or ``""``."""


@attrs.frozen(kw_only=True)
class Page:
    """Everything the template shows."""

    language: str
    labels: Labels
    words: PageWords
    title: str
    facts: tuple[Fact, ...]
    description: str
    persona: Detail | None
    heads: tuple[Head, ...]
    rows: tuple[Row, ...]
    curve: Curve | None
    curve_title: str
    flows: tuple[Flow, ...] = ()
    """The flows views of the ``paths`` option (:func:`journeymap.mining.paths` results), after the map."""


def dom_id(path: str) -> str:
    """The element id for an item's path: ``stages[1].touchpoints[0].barriers[2]`` → ``jm-s1-t0-b2``.

    >>> dom_id("stages[1].touchpoints[0].barriers[2]")
    'jm-s1-t0-b2'
    """
    return "jm-" + "-".join(f"{letter}{number}" for letter, number in _STEP.findall(path))


def page(journey: Journey, lang: str, lanes: Sequence[str] | None, paths: Sequence[Any] = ()) -> Page:
    """The page of ``journey`` with labels in ``lang`` and the lanes ``lanes`` (every lane with content).

    ``paths``: :func:`journeymap.mining.paths` results, each drawn as a flows view after the map.
    """
    words = page_words(lang)
    if not journey.stages:  # layout_map needs a stage: the page is the header alone
        labels = i18n.labels(lang)
        return attrs.evolve(_page(journey, labels, words, (), (), None), flows=flows(journey, paths, labels, words))
    layout = layout_map(journey, size=_UNCUT, lang=lang, lanes=lanes)
    labels = layout.words
    heads = tuple(_head(journey, column, labels, words) for column in layout.columns)
    lines = {line.before: line.title for line in layout.lines}
    rows = tuple(
        Row(
            key=lane.key,
            title=lane.title,
            cells=tuple(tuple(_entries(journey, cell.items, labels, words)) for cell in lane.cells),
            line=lines.get(lane.key, ""),
        )
        for lane in layout.lanes
    )
    drawn = _page(journey, labels, words, heads, rows, _curve(layout) if layout.curve else None)
    return attrs.evolve(drawn, flows=flows(journey, paths, labels, words))


def _page(
    journey: Journey,
    labels: Labels,
    words: PageWords,
    heads: tuple[Head, ...],
    rows: tuple[Row, ...],
    drawn: Curve | None,
) -> Page:
    return Page(
        language=labels.language,
        labels=labels,
        words=words,
        title=journey.title,
        facts=_header(journey, labels),
        description=journey.description or "",
        persona=_persona(journey, labels),
        heads=heads,
        rows=rows,
        curve=drawn,
        curve_title=labels.emotion_curve,
    )


def _curve(layout: MapLayout) -> Curve:
    targets = {point.path: dom_id(point.path) for point in layout.curve}
    severities = {value: layout.words.severity(value) for value in ("minor", "major", "critical")}
    return curve(layout, targets, severities, layout.words.moment_of_truth)


def _header(journey: Journey, labels: Labels) -> tuple[Fact, ...]:
    pairs = (
        (labels.persona, journey.persona.name if journey.persona else None),
        (labels.segment, journey.segment.name if journey.segment else None),
        (labels.product, journey.product),
        (labels.client, journey.client),
        (labels.author, journey.author),
        (labels.date, journey.date.isoformat() if journey.date else None),
    )
    return tuple(Fact(label, text) for label, text in pairs if text)


def _persona(journey: Journey, labels: Labels) -> Detail | None:
    """The persona's portrait, facts, goals, motivations, pains and quote, for the header."""
    persona = journey.persona
    if persona is None:
        return None
    pairs = [
        (labels.description, persona.description),
        *labels.persona_facts(persona),
        (labels.goals, "\n".join(persona.goals)),
        (labels.interests, "\n".join(persona.interests)),
        (labels.motivations, "\n".join(persona.motivations)),
        (labels.pains, "\n".join(persona.pains)),
        (labels.influences, "\n".join(persona.influences)),
        (labels.quote, persona.quote),
    ]
    return Detail(heading=persona.name, facts=tuple(Fact(label, text) for label, text in pairs if text))


def _head(journey: Journey, column: Column, labels: Labels, words: PageWords) -> Head:
    stage = journey.stages[column.stage]
    return Head(
        id=f"jm-s{column.stage}",
        name=stage.name,
        phase=column.phase,
        barriers=column.barriers,
        at_risk=column.at_risk,
        detail=stage_detail(stage, column.barriers, column.at_risk, labels, words),
    )


def _entries(journey: Journey, items: Sequence[Item], labels: Labels, words: PageWords) -> list[Entry]:
    """The entries of a cell: touchpoints and barriers with their details, anything else as plain text."""
    found: list[Entry] = []
    for item in items:
        if item.kind == "more":  # not met with an uncut page; kept whole in case a cell is shortened
            found.extend(Entry(text=line, kind="more") for line in item.full.splitlines())
        elif (match := _PATH.match(item.path)) and (item.kind, match[3] is None) in _DETAILED:
            found.append(_detailed(journey, item, match, labels, words))
        else:
            found.append(Entry(text=item.full, kind=item.kind, tip=item.note))
    return found


def _detailed(journey: Journey, item: Item, match: re.Match[str], labels: Labels, words: PageWords) -> Entry:
    """A touchpoint or a barrier, found in the journey by its path, with its detail."""
    stage = journey.stages[int(match[1])]
    touchpoint = stage.touchpoints[int(match[2])] if match[2] is not None else None
    if item.kind == "touchpoint" and touchpoint is not None:
        emotion = touchpoint.emotion
        return Entry(
            text=item.full,
            kind="touchpoint",
            id=dom_id(item.path),
            note=item.channel or "",
            face=labels.face(emotion.score) if emotion else "",
            detail=touchpoint_detail(stage, touchpoint, labels, words, {p.id: p.name for p in journey.all_personas()}),
        )
    barriers = touchpoint.barriers if touchpoint is not None else stage.barriers
    barrier = barriers[int(match[3])]
    where = touchpoint.name if touchpoint is not None else f"{stage.name} ({words.stage_barrier})"
    return Entry(
        text=item.full,
        kind="barrier",
        id=dom_id(item.path),
        note=labels.severity(barrier.severity),
        severity=barrier.severity.value,
        detail=barrier_detail(barrier, where, labels),
    )
