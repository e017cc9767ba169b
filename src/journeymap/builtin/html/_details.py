"""What the detail panel says about a touchpoint, a barrier or a stage, read off the model (private).

Each detail is a heading and a list of facts (label and text, empty ones left out); a touchpoint's barriers
are details of their own inside it. The page renders every detail inside a ``<details>`` element, so a
reader without scripts opens it in place, and the script shows the same markup in the panel.
"""

from __future__ import annotations

import attrs

from journeymap.analysis.funnel import duration, percent
from journeymap.builtin.html._words import PageWords
from journeymap.i18n import Labels
from journeymap.model import Barrier, Evidence, Stage, Touchpoint

__all__ = ["Detail", "Fact", "barrier_detail", "score_text", "stage_detail", "touchpoint_detail"]


@attrs.frozen
class Fact:
    """One line of a detail: a label and its text (which may hold line breaks)."""

    label: str
    text: str


@attrs.frozen
class Detail:
    """Everything shown about one thing: a heading, its facts, and details inside it (a touchpoint's barriers)."""

    heading: str
    facts: tuple[Fact, ...]
    parts: tuple[Detail, ...] = ()
    severity: str = ""
    """A barrier's severity (``minor``, ``major``, ``critical``), to colour it; empty for anything else."""


def score_text(score: float) -> str:
    """An emotion score with its sign and a real minus: ``+1``, ``0``, ``−1.5``."""
    return f"{score:+g}".replace("-", "\N{MINUS SIGN}") if score else "0"


def _facts(*pairs: tuple[str, str | None]) -> tuple[Fact, ...]:
    """The pairs whose text is not empty, as facts."""
    return tuple(Fact(label, text) for label, text in pairs if text)


def _lines(texts: tuple[str, ...]) -> str:
    return "\n".join(texts)


def _evidence(evidence: Evidence | None, labels: Labels) -> str | None:
    """``observed — 12 interviews`` in the labels' language, or None without evidence."""
    if evidence is None:
        return None
    kind = labels.evidence_kind(evidence.kind.value)
    return f"{kind} — {evidence.source}" if evidence.source else kind


def _persona_feelings(touchpoint: Touchpoint, names: dict[str, str], labels: Labels) -> str | None:
    """How each persona feels here, one line each (``Daniel: ☹ −1 negative``), or None without per-persona
    emotions."""
    if not touchpoint.emotions:
        return None
    lines = []
    for persona, emotion in touchpoint.emotions.items():
        parts = [labels.face(emotion.score), score_text(emotion.score), labels.emotion(emotion.score)]
        lines.append(
            f"{names.get(persona, persona)}: " + " · ".join([*parts, *([emotion.label] if emotion.label else [])])
        )
    return "\n".join(lines)


def touchpoint_detail(
    stage: Stage, touchpoint: Touchpoint, labels: Labels, words: PageWords, personas: dict[str, str] | None = None
) -> Detail:
    """The touchpoint's description, channel, action, content, emotion (and each persona's, ``personas``
    naming them by id), quote, reach, ideas, notes, moment of truth, evidence and barriers."""
    channel = touchpoint.channel or ""
    if channel and touchpoint.owned is not None:
        channel += f" ({labels.owned if touchpoint.owned else labels.external})"
    emotion = touchpoint.emotion
    feeling = None
    if emotion is not None:
        parts = [labels.face(emotion.score), score_text(emotion.score), labels.emotion(emotion.score)]
        feeling = " · ".join([*parts, *([emotion.label] if emotion.label else [])])
    facts = _facts(
        (labels.stage, stage.name),
        (labels.description, touchpoint.description),
        (labels.channel, channel),
        (labels.action, touchpoint.action),
        (words.content, _lines(touchpoint.content)),
        (labels.emotion_heading, feeling),
        (labels.personas, _persona_feelings(touchpoint, personas or {}, labels)),
        (labels.quote, emotion.quote if emotion else None),
        (labels.reach, f"{touchpoint.reach:,}" if touchpoint.reach is not None else None),
        (labels.opportunities, _lines(touchpoint.opportunities)),
        (labels.thinking, _lines(touchpoint.thinking)),
        (labels.moment_of_truth, "★" if touchpoint.moment_of_truth else None),
        (labels.evidence, _evidence(touchpoint.evidence, labels)),
        (f"{labels.evidence} ({labels.emotion_heading})", _evidence(emotion.evidence if emotion else None, labels)),
        (words.notes, touchpoint.notes),
    )
    barriers = tuple(barrier_detail(barrier, None, labels) for barrier in touchpoint.barriers)
    return Detail(heading=touchpoint.name, facts=facts, parts=barriers)


def barrier_detail(barrier: Barrier, where: str | None, labels: Labels) -> Detail:
    """The barrier's severity, where it is met (``where``; None inside its touchpoint), cause and remedy."""
    facts = _facts(
        (labels.severity_heading, labels.severity(barrier.severity)),
        (labels.touchpoint, where),
        (labels.cause, barrier.cause),
        (labels.remedy, barrier.remedy),
        (labels.evidence, _evidence(barrier.evidence, labels)),
    )
    return Detail(heading=barrier.description, facts=facts, severity=barrier.severity.value)


def stage_detail(stage: Stage, barriers: int, at_risk: bool, labels: Labels, words: PageWords) -> Detail:
    """The stage's description, phase, owner, barrier count and risk, KPIs, measured figures and notes."""
    count = f"{barriers}" + (f" · {labels.abandonment_risk}" if at_risk else "")
    kpis = _lines(tuple(_kpi(kpi.name, kpi.actual, kpi.target, kpi.unit, labels) for kpi in stage.kpis))
    facts = _facts(
        (labels.description, stage.description),
        (labels.phase_heading, labels.phase(stage.phase)),
        (labels.owner, stage.owner),
        (labels.barriers, count),
        (labels.kpis, kpis),
        (labels.measured, _measured(stage, labels)),
        (words.notes, stage.notes),
    )
    return Detail(heading=stage.name, facts=facts)


def _kpi(name: str, actual: float | None, target: float | None, unit: str | None, labels: Labels) -> str:
    """``Trial-to-paid: actual 12 %, target 20 %``."""
    unit_text = f" {unit}" if unit else ""
    pairs = ((labels.actual, actual), (labels.target, target))
    shown = [f"{word} {value:g}{unit_text}" for word, value in pairs if value is not None]
    return f"{name}: {', '.join(shown)}" if shown else name


def _measured(stage: Stage, labels: Labels) -> str | None:
    """The stage's measured figures (``journeymap mine``) as lines, or None when it was not measured."""
    metrics = stage.metrics
    if metrics is None:
        return None
    lines = [
        f"{labels.reached}: {metrics.reached:,}",
        f"{labels.went_further}: {metrics.converted:,}",
        f"{labels.dropped}: {metrics.dropped:,}",
        f"{labels.conversion}: {percent(metrics.conversion)}",
    ]
    if metrics.median_seconds is not None:
        lines.append(f"{labels.median_to_next}: {duration(metrics.median_seconds, labels.time_units)}")
    if metrics.p75_seconds is not None:
        lines.append(f"{labels.p75_to_next}: {duration(metrics.p75_seconds, labels.time_units)}")
    return "\n".join(lines)
