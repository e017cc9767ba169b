"""The journey's own slides: title, persona, one per stage, action plan (private).

Each function adds one kind of slide (plus its "(cont.)" slides) to a
:class:`~._pptx_deck.Deck`, in deck order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap._measure import ellipsize, text_width
from journeymap.analysis import Report
from journeymap.builtin.pptx._deck import Box, Deck, emu, paint, rgb, title_slide, write_paras
from journeymap.builtin.pptx._flow import Section
from journeymap.builtin.pptx._notes import journey_notes, stage_notes
from journeymap.builtin.pptx._page import TABLE_SIZE, Table, columns_and_table
from journeymap.builtin.pptx._style import (
    BODY,
    GRID,
    INK,
    LIST_SIZES,
    ON_PRIMARY,
    PRIMARY,
    QUIET,
    SMALL,
    STRIP_HEIGHT,
)
from journeymap.builtin.pptx._text import INSET_X, Para
from journeymap.i18n import Labels
from journeymap.model import Journey, Persona, Segment, Stage, Touchpoint

__all__ = [
    "LIST_SIZE",
    "MOMENT_OF_TRUTH",
    "STAGE_LIST_SIZES",
    "STRIP_NAME",
    "TABLE_SIZE",
    "action_slides",
    "columns_and_table",
    "emotion_text",
    "journey_strip",
    "opening_slide",
    "persona_slides",
    "stage_slides",
    "touchpoint_name",
    "touchpoint_rows",
]

LIST_SIZE = BODY
STAGE_LIST_SIZES = LIST_SIZES
"""Sizes a stage slide's lists try, largest first, to fit on one slide before they continue at 12 pt."""
MOMENT_OF_TRUTH = "★"
"""Mark before the name of a touchpoint that is a moment of truth."""
_EMOTION_FILLS = ("F8C9C4", "FCE3D6", "F2F2F2", "E2F0D9", "C6E5B9")


def opening_slide(deck: Deck, journey: Journey, report: Report) -> None:
    """Title slide: the journey's title; below it, largest first, the client, the product and segment, then the
    author and date (each with its label, so a reader knows which is which), in the theme's colour roles."""
    w = deck.words
    segment = journey.segment.name if journey.segment else None
    middle = " · ".join(
        f"{label}: {value}" for label, value in ((w.product, journey.product), (w.segment, segment)) if value
    )
    last = " · ".join(
        f"{label}: {value}"
        for label, value in ((w.author, journey.author), (w.date, journey.date.isoformat() if journey.date else None))
        if value
    )
    paras = [
        Para(w.deck_subtitle, 16, after=GRID, colour=PRIMARY),
        *([Para(f"{w.client}: {journey.client}", 20, bold=True, after=GRID / 2, colour=INK)] if journey.client else []),
        *([Para(middle, 16, after=GRID / 2, colour=INK)] if middle else []),
        *([Para(last, 14, after=0, colour=INK)] if last else []),
    ]
    title_slide(deck, journey.title, paras, journey_notes(report, w))


def persona_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """One slide per persona (facts, quote, goals, motivations, pains, influences); the first has the segment.

    A journey with several personas (``persona`` and ``personas``) gets a slide for each, in the order of
    :meth:`~journeymap.Journey.all_personas`; a journey with only a segment gets the segment's slide.
    """
    w = deck.words
    personas: tuple[Persona | None, ...] = journey.all_personas() or ((None,) if journey.segment else ())
    for number, persona in enumerate(personas):
        columns = _persona_columns(persona, w) if persona is not None else []
        if number == 0 and journey.segment is not None:
            columns.append(_segment_column(journey.segment, w))
        title = f"{w.persona}: {persona.name}" if persona is not None else w.segment
        columns_and_table(deck, title, [c for c in columns if c], None, journey_notes(report, w))


def _persona_columns(persona: Persona, w: Labels) -> list[list[Section]]:
    """A persona's facts and texts, then its goals and motivations, then its pains, influences and interests."""
    facts = w.persona_facts(persona)
    first = [Section(persona.name, tuple(f"{k}: {v}" for k, v in facts if v), bullet=False)]
    first += _texts(((w.description, persona.description), (w.quote, persona.quote)))
    return [
        first,
        _lists(((w.goals, persona.goals), (w.motivations, persona.motivations))),
        _lists(((w.pains, persona.pains), (w.influences, persona.influences), (w.interests, persona.interests))),
    ]


def _segment_column(segment: Segment, w: Labels) -> list[Section]:
    """The segment's name, description and size, then its criteria."""
    size = (f"{w.size}: {segment.size:,}".replace(",", "\u202f"),) if segment.size is not None else ()
    column = [Section(f"{w.segment}: {segment.name}", (*_opt(segment.description), *size), bullet=False)]
    column += _lists(
        (
            (w.demographic, segment.demographic),
            (w.geographic, segment.geographic),
            (w.psychographic, segment.psychographic),
            (w.behavioural, segment.behavioural),
        )
    )
    return column


def stage_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """One slide per stage (and its "(cont.)" slides): the stage's lists above its touchpoint table.

    Columns: goals and doing; expectations; questions and thinking (the
    stage's, then each touchpoint's, naming it); barriers and opportunities;
    the team's custom lanes, each under its title. Empty lists are left out.
    """
    w = deck.words
    for index, stage in enumerate(journey.stages):
        opportunities = (
            *stage.opportunities,
            *(f"{tp.name}: {o}" for tp in stage.touchpoints for o in tp.opportunities),
        )
        thinking = (*stage.thinking, *(f"{tp.name}: {t}" for tp in stage.touchpoints for t in tp.thinking))
        stage_barriers = tuple(f"{b.description} ({w.severity(b.severity)})" for b in stage.barriers)
        custom = [(lane.title_in(journey.language), stage.lanes.get(key, ())) for key, lane in journey.lanes.items()]
        columns = [
            _lists(((w.goals, stage.goals), (w.doing, stage.doing))),
            _lists(((w.expectations, stage.expectations),)),
            _lists(((w.questions, stage.questions), (w.thinking, thinking))),
            _lists(((w.barriers, stage_barriers), (w.opportunities, opportunities))),
            _lists(custom),
        ]
        table = _touchpoint_table(stage, w) if stage.touchpoints else None
        notes = stage_notes(stage, index, report, w)
        names = [s.name for s in journey.stages]

        def strip(slide: Any, index: int = index, names: Sequence[str] = names) -> None:
            journey_strip(deck, slide, names, index)

        columns_and_table(
            deck, stage.name, [c for c in columns if c], table, notes, list_sizes=STAGE_LIST_SIZES, decorate=strip
        )


STRIP_WINDOW = 7
STRIP_NAME = "Journey strip"
"""The journey strip's shapes are named ``"Journey strip: …"`` (so a reader of the deck can tell them)."""
"""Stages the journey strip shows at most: the stage and its neighbours."""


def journey_strip(deck: Deck, slide: Any, names: Sequence[str], index: int) -> None:
    """The stage's place in the journey, in the bottom margin: "3 / 6", then chevrons with the stage filled.

    A long journey shows :data:`STRIP_WINDOW` stages around this one. The
    chevrons take the theme's colour roles (:data:`~._style.PRIMARY` for this
    stage, :data:`~._style.QUIET` for the others).
    """
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR

    body = deck.body
    top = body.top + body.height + GRID
    first = max(0, min(index - STRIP_WINDOW // 2, len(names) - STRIP_WINDOW))
    shown = range(first, min(len(names), first + STRIP_WINDOW))
    label = f"{index + 1} / {len(names)}"
    label_width = text_width(label, SMALL, bold=True) + 2 * INSET_X + GRID
    marker = deck.text(slide, Box(body.left, top, label_width, STRIP_HEIGHT), [Para(label, SMALL, bold=True, after=0)])
    marker.name = f"{STRIP_NAME}: {label}"
    step = (body.width - label_width) / len(shown)
    notch = STRIP_HEIGHT / 2  # a chevron's point and notch, each half its height deep
    for n, stage in enumerate(shown):
        here = stage == index
        left = body.left + label_width + n * step
        shape = slide.shapes.add_shape(MSO_SHAPE.CHEVRON, emu(left), emu(top), emu(step - GRID / 3), emu(STRIP_HEIGHT))
        shape.name = f"{STRIP_NAME}: {names[stage]}"
        paint(shape, PRIMARY if here else QUIET)
        text = ellipsize(names[stage], step - GRID / 3 - 2 * notch - 8, SMALL, 1, bold=here)
        para = Para(text, SMALL, bold=here, after=0, colour=ON_PRIMARY if here else INK)
        write_paras(shape.text_frame, [para], centre=True, inset=(2, 0))
        shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE


def action_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """The action plan grouped by stage, in journey order (actions of no stage last): each stage a heading row,
    then its actions with owner, due date and status, continued as needed."""
    w = deck.words
    if not journey.actions:
        return
    order = {stage.id: n for n, stage in enumerate(journey.stages)}
    names = {stage.id: stage.name for stage in journey.stages}
    rows: list[tuple[str, ...]] = []
    groups: set[int] = set()
    last: object = object()
    for a in sorted(journey.actions, key=lambda a: order.get(a.stage or "", len(order))):
        stage = a.stage if a.stage in names else None
        if stage != last:
            groups.add(len(rows))
            rows.append((names[stage] if stage else f"{w.stage}: –", "", "", ""))
            last = stage
        title = a.title + (f"\n{a.description}" if a.description else "")
        rows.append((title, a.owner or "", a.due.isoformat() if a.due else "", w.status(a.status)))
    header = (w.action, w.owner, w.due, w.status_heading)
    table = Table(header, None, rows, groups=frozenset(groups))
    columns_and_table(deck, w.sheet_actions, [], table, journey_notes(report, w))


def _touchpoint_table(stage: Stage, words: Labels) -> Table:

    header = (words.touchpoint, words.channel, words.emotion_heading, words.barriers)
    fills = [[None, None, rgb(_emotion_fill(tp)) if tp.emotion else None, None] for tp in stage.touchpoints]
    return Table(header, None, touchpoint_rows(stage, words), fills)


def _emotion_fill(tp: Touchpoint) -> str:
    assert tp.emotion is not None
    score = tp.emotion.score
    return _EMOTION_FILLS[2 + (round(score) if abs(score) != 0.5 else (1 if score > 0 else -1))]


def emotion_text(tp: Touchpoint, words: Labels) -> str:
    """The emotion cell: the customer's word (or the scale's) and the score; ``–`` when none is recorded."""
    if tp.emotion is None:
        return "–"
    score = tp.emotion.score
    return f"{tp.emotion.label or words.emotion(score)} ({score:+g})"


def touchpoint_name(tp: Touchpoint) -> str:
    """The touchpoint's name as the table shows it: ``★`` first for a moment of truth."""
    return f"{MOMENT_OF_TRUTH} {tp.name}" if tp.moment_of_truth else tp.name


def touchpoint_rows(stage: Stage, words: Labels) -> list[tuple[str, str, str, str]]:
    """The touchpoint table's rows: name (★ a moment of truth), channel, emotion, barriers (one per line)."""
    return [
        (
            touchpoint_name(tp),
            tp.channel or "",
            emotion_text(tp, words),
            "\n".join(f"{b.description} ({words.severity(b.severity)})" for b in tp.barriers),
        )
        for tp in stage.touchpoints
    ]


def _lists(pairs: Sequence[tuple[str, Sequence[str]]]) -> list[Section]:
    return [Section(heading, tuple(items)) for heading, items in pairs if items]


def _texts(pairs: Sequence[tuple[str, str | None]]) -> list[Section]:
    return [Section(heading, (text,), bullet=False) for heading, text in pairs if text]


def _opt(text: str | None) -> tuple[str, ...]:
    return (text,) if text else ()
