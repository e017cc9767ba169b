"""What each lane of the map holds at each stage, read off the model (private; no geometry here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from journeymap.analysis.funnel import duration, percent
from journeymap.i18n import Labels
from journeymap.model import Kpi, Stage

__all__ = ["LANES", "Entry", "entries", "lane_title"]

LANES: tuple[str, ...] = (
    "goals",
    "expectations",
    "questions",
    "actions",
    "touchpoints",
    "emotions",
    "barriers",
    "opportunities",
    "kpis",
    "measured",
    "owner",
)
"""Every lane of the map, in the default order (top to bottom)."""


@attrs.frozen(kw_only=True)
class Entry:
    """One thing written in a cell, before it is fitted: its whole text and where it comes from."""

    text: str
    kind: str
    path: str
    severity: str | None = None
    channel: str | None = None


def lane_title(lane: str, words: Labels) -> str:
    """The heading of a lane in the labels' language."""
    titles = {
        "goals": words.goals,
        "expectations": words.expectations,
        "questions": words.questions,
        "actions": words.customer_actions,
        "touchpoints": words.touchpoints,
        "emotions": words.emotion_curve,
        "barriers": words.barriers,
        "opportunities": words.opportunities,
        "kpis": words.kpis,
        "measured": words.measured,
        "owner": words.owner,
    }
    return titles[lane]


def entries(lane: str, stage: Stage, index: int, words: Labels) -> list[Entry]:
    """What ``lane`` shows for the stage at ``index``; the emotion lane holds no text (the curve draws it)."""
    return list(_READERS[lane](stage, f"stages[{index}]", words))


def _texts(field: str, kind: str) -> Callable[[Stage, str, Labels], Iterator[Entry]]:
    """A lane showing a list of text of the stage."""

    def read(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
        for number, text in enumerate(getattr(stage, field)):
            yield Entry(text=text, kind=kind, path=f"{path}.{field}[{number}]")

    return read


def _actions(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
    for number, touchpoint in enumerate(stage.touchpoints):
        if touchpoint.action:
            yield Entry(text=touchpoint.action, kind="action", path=f"{path}.touchpoints[{number}].action")


def _touchpoints(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
    for number, touchpoint in enumerate(stage.touchpoints):
        yield Entry(
            text=touchpoint.name,
            kind="touchpoint",
            path=f"{path}.touchpoints[{number}]",
            channel=touchpoint.channel,
        )


def _barriers(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
    for number, touchpoint in enumerate(stage.touchpoints):
        for which, barrier in enumerate(touchpoint.barriers):
            where = f"{path}.touchpoints[{number}].barriers[{which}]"
            yield Entry(text=barrier.description, kind="barrier", path=where, severity=barrier.severity.value)
    for which, barrier in enumerate(stage.barriers):
        where = f"{path}.barriers[{which}]"
        yield Entry(text=barrier.description, kind="barrier", path=where, severity=barrier.severity.value)


def _opportunities(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
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


def _kpis(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
    for number, kpi in enumerate(stage.kpis):
        yield Entry(text=_kpi_text(kpi), kind="kpi", path=f"{path}.kpis[{number}]")


def _measured(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
    metrics = stage.metrics
    if metrics is None:
        return
    where = f"{path}.metrics"
    yield Entry(text=f"{words.reached}: {metrics.reached:,}", kind="metric", path=f"{where}.reached")
    yield Entry(text=f"{words.conversion}: {percent(metrics.conversion)}", kind="metric", path=f"{where}.converted")
    if metrics.median_seconds is not None:
        time = duration(metrics.median_seconds, words.time_units)
        yield Entry(text=f"{words.median_to_next}: {time}", kind="metric", path=f"{where}.median_seconds")


def _owner(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
    if stage.owner:
        yield Entry(text=stage.owner, kind="owner", path=f"{path}.owner")


def _emotions(stage: Stage, path: str, words: Labels) -> Iterator[Entry]:
    return iter(())


_READERS: dict[str, Callable[[Stage, str, Labels], Iterator[Entry]]] = {
    "goals": _texts("goals", "goal"),
    "expectations": _texts("expectations", "expectation"),
    "questions": _texts("questions", "question"),
    "actions": _actions,
    "touchpoints": _touchpoints,
    "emotions": _emotions,
    "barriers": _barriers,
    "opportunities": _opportunities,
    "kpis": _kpis,
    "measured": _measured,
    "owner": _owner,
}
