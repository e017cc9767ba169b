"""What each lane of the map holds at each stage, read off the model (private; no geometry here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import attrs

from journeymap.analysis.funnel import duration, percent
from journeymap.i18n import Labels
from journeymap.model import Barrier, BlueprintStep, Evidence, Journey, Kpi, Stage

__all__ = [
    "BLUEPRINT",
    "LANES",
    "MOMENT_OF_TRUTH",
    "Entry",
    "contexts",
    "entries",
    "evidence_note",
    "lane_keys",
    "lane_title",
]

MOMENT_OF_TRUTH = "★"
"""The mark of a touchpoint that is a moment of truth, before its name and on its curve point."""

LANES: tuple[str, ...] = (
    "goals",
    "expectations",
    "questions",
    "doing",
    "actions",
    "touchpoints",
    "thinking",
    "emotions",
    "barriers",
    "frontstage",
    "backstage",
    "support",
    "opportunities",
    "kpis",
    "measured",
    "owner",
)
"""Every built-in lane of the map, in the default order (top to bottom); the journey's custom lanes follow."""

BLUEPRINT: tuple[str, ...] = ("frontstage", "backstage", "support")
"""The service blueprint's lanes, below the line of interaction (backstage and support below the line of
visibility)."""


def lane_keys(journey: Journey) -> tuple[str, ...]:
    """Every lane ``journey``'s map can show, in the default order: :data:`LANES`, then its custom lanes' ids.

    >>> from journeymap import Journey
    >>> lane_keys(Journey(title="t", lanes={"legal": "Legal review"}))[-2:]
    ('owner', 'legal')
    """
    return LANES + tuple(journey.lanes)


@attrs.frozen(kw_only=True)
class Entry:
    """One thing written in a cell, before it is fitted: its whole text and where it comes from."""

    text: str
    kind: str
    path: str
    severity: str | None = None
    channel: str | None = None
    note: str = ""
    """More than the cell shows, for a tooltip or a note: the touchpoint a step serves, the evidence."""
    moment_of_truth: bool = False


def lane_title(lane: str, words: Labels, journey: Journey | None = None) -> str:
    """The heading of a lane in the labels' language; a custom lane's title in that language (else its title)."""
    if journey is not None and lane in journey.lanes:
        return journey.lanes[lane].title_in(words.language)
    titles = {
        "goals": words.goals,
        "expectations": words.expectations,
        "questions": words.questions,
        "doing": words.doing,
        "actions": words.customer_actions,
        "touchpoints": words.touchpoints,
        "thinking": words.thinking,
        "emotions": words.emotion_curve,
        "barriers": words.barriers,
        "opportunities": words.opportunities,
        "kpis": words.kpis,
        "measured": words.measured,
        "owner": words.owner,
        "frontstage": words.frontstage,
        "backstage": words.backstage,
        "support": words.support,
    }
    return titles[lane]


@attrs.frozen
class _Context:
    """What a reader needs besides the stage: the labels and every touchpoint's name by id."""

    words: Labels
    touchpoints: Mapping[str, str]


def contexts(journey: Journey, words: Labels) -> _Context:
    """The context the readers of ``journey``'s lanes share."""
    return _Context(words, {tp.id: tp.name for _, tp in journey.touchpoints()})


def entries(lane: str, stage: Stage, index: int, context: _Context) -> list[Entry]:
    """What ``lane`` shows for the stage at ``index``; the emotion lane holds no text (the curve draws it).

    A lane that is not built in is a custom lane: the stage's ``lanes[lane]`` texts.
    """
    read = _READERS.get(lane)
    if read is None:
        path = f"stages[{index}].lanes.{lane}"
        return [
            Entry(text=text, kind="lane", path=f"{path}[{number}]")
            for number, text in enumerate(stage.lanes.get(lane, ()))
        ]
    return list(read(stage, f"stages[{index}]", context))


def evidence_note(evidence: Evidence | None, words: Labels) -> str:
    """``Evidence: observed — 12 interviews`` in the labels' language, or ``""`` without evidence."""
    if evidence is None:
        return ""
    kind = words.evidence_kind(evidence.kind.value)
    return f"{words.evidence}: {kind}" + (f" — {evidence.source}" if evidence.source else "")


def _texts(field: str, kind: str) -> Callable[[Stage, str, _Context], Iterator[Entry]]:
    """A lane showing a list of text of the stage."""

    def read(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
        for number, text in enumerate(getattr(stage, field)):
            yield Entry(text=text, kind=kind, path=f"{path}.{field}[{number}]")

    return read


def _thinking(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    """The stage's thoughts, then each touchpoint's, naming the touchpoint (as the workbook writes them)."""
    yield from _texts("thinking", "thought")(stage, path, context)
    for number, touchpoint in enumerate(stage.touchpoints):
        for which, text in enumerate(touchpoint.thinking):
            where = f"{path}.touchpoints[{number}].thinking[{which}]"
            yield Entry(text=f"{text} ({touchpoint.name})", kind="thought", path=where)


def _steps(field: str) -> Callable[[Stage, str, _Context], Iterator[Entry]]:
    """A service-blueprint lane: each step as ``description (owner)``; the touchpoint it serves and its
    evidence go to the note."""

    def read(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
        step: BlueprintStep
        for number, step in enumerate(getattr(stage, field)):
            text = f"{step.description} ({step.owner})" if step.owner else step.description
            served = f"→ {context.touchpoints.get(step.touchpoint, step.touchpoint)}" if step.touchpoint else ""
            note = "\n".join(part for part in (served, evidence_note(step.evidence, context.words)) if part)
            yield Entry(text=text, kind="step", path=f"{path}.{field}[{number}]", note=note)

    return read


def _actions(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    for number, touchpoint in enumerate(stage.touchpoints):
        if touchpoint.action:
            yield Entry(text=touchpoint.action, kind="action", path=f"{path}.touchpoints[{number}].action")


def _touchpoints(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    """Each touchpoint's name, ``★`` first for a moment of truth; its evidence goes to the note."""
    for number, touchpoint in enumerate(stage.touchpoints):
        mark = bool(touchpoint.moment_of_truth)
        yield Entry(
            text=f"{MOMENT_OF_TRUTH} {touchpoint.name}" if mark else touchpoint.name,
            kind="touchpoint",
            path=f"{path}.touchpoints[{number}]",
            channel=touchpoint.channel,
            note=evidence_note(touchpoint.evidence, context.words),
            moment_of_truth=mark,
        )


def _barriers(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    for number, touchpoint in enumerate(stage.touchpoints):
        for which, barrier in enumerate(touchpoint.barriers):
            where = f"{path}.touchpoints[{number}].barriers[{which}]"
            yield _barrier(barrier, where, context)
    for which, barrier in enumerate(stage.barriers):
        yield _barrier(barrier, f"{path}.barriers[{which}]", context)


def _barrier(barrier: Barrier, path: str, context: _Context) -> Entry:
    note = evidence_note(barrier.evidence, context.words)
    return Entry(text=barrier.description, kind="barrier", path=path, severity=barrier.severity.value, note=note)


def _opportunities(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    for number, touchpoint in enumerate(stage.touchpoints):
        for which, text in enumerate(touchpoint.opportunities):
            yield Entry(text=text, kind="opportunity", path=f"{path}.touchpoints[{number}].opportunities[{which}]")
    for which, text in enumerate(stage.opportunities):
        yield Entry(text=text, kind="opportunity", path=f"{path}.opportunities[{which}]")


def _kpi_text(kpi: Kpi) -> str:
    """A KPI with its figures: ``Trial-to-paid: 12 / 20 %``."""
    figures = " / ".join(f"{value:g}" for value in (kpi.actual, kpi.target) if value is not None)
    if not figures:
        return kpi.name
    return f"{kpi.name}: {figures}" + (f" {kpi.unit}" if kpi.unit else "")


def _kpis(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    for number, kpi in enumerate(stage.kpis):
        yield Entry(text=_kpi_text(kpi), kind="kpi", path=f"{path}.kpis[{number}]")


def _measured(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    metrics, words = stage.metrics, context.words
    if metrics is None:
        return
    where = f"{path}.metrics"
    yield Entry(text=f"{words.reached}: {metrics.reached:,}", kind="metric", path=f"{where}.reached")
    yield Entry(text=f"{words.conversion}: {percent(metrics.conversion)}", kind="metric", path=f"{where}.converted")
    if metrics.median_seconds is not None:
        time = duration(metrics.median_seconds, words.time_units)
        yield Entry(text=f"{words.median_to_next}: {time}", kind="metric", path=f"{where}.median_seconds")


def _owner(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    if stage.owner:
        yield Entry(text=stage.owner, kind="owner", path=f"{path}.owner")


def _emotions(stage: Stage, path: str, context: _Context) -> Iterator[Entry]:
    return iter(())


_READERS: dict[str, Callable[[Stage, str, _Context], Iterator[Entry]]] = {
    "goals": _texts("goals", "goal"),
    "expectations": _texts("expectations", "expectation"),
    "questions": _texts("questions", "question"),
    "doing": _texts("doing", "doing"),
    "actions": _actions,
    "touchpoints": _touchpoints,
    "thinking": _thinking,
    "emotions": _emotions,
    "barriers": _barriers,
    "opportunities": _opportunities,
    "kpis": _kpis,
    "measured": _measured,
    "owner": _owner,
    "frontstage": _steps("frontstage"),
    "backstage": _steps("backstage"),
    "support": _steps("support"),
}
