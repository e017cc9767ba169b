"""Speaker notes for the PowerPoint exporter: the analysis summary of the journey and of each stage (private)."""

from __future__ import annotations

from journeymap.analysis import Report
from journeymap.i18n import Labels
from journeymap.model import Stage

__all__ = ["journey_notes", "stage_notes"]


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def journey_notes(report: Report, words: Labels) -> str:
    """The whole journey's analysis in a few lines, in the deck's language."""
    e, b, c = report.emotions, report.barriers, report.coverage
    names = {s.id: s.name for s in b.stages}
    risk = ", ".join(names[i] for i in b.at_risk) or "–"
    lowest = ", ".join(f"{m.name} ({m.score:+g})" for m in e.lowest) or words.no_emotions
    lines = [
        f"{words.mean_emotion}: {_num(e.mean)}",
        f"{words.peak_end}: {_num(e.peak_end)}",
        f"{words.lowest_moments}: {lowest}",
        f"{words.without_emotion}: {len(e.missing)}",
        f"{words.barriers}: {b.total}; {words.abandonment_risk}: {risk}",
        f"{words.pareto}: " + ("; ".join(x.description for x in b.pareto) or "–"),
        f"{words.completeness}: {c.completeness:.0f} %",
    ]
    return "\n".join(lines)


def stage_notes(stage: Stage, index: int, report: Report, words: Labels) -> str:
    """One stage's analysis (mean emotion, barriers and risk, lanes filled) with its description and notes."""
    e, b, c = report.emotions.stages[index], report.barriers.stages[index], report.coverage.stages[index]
    risk = f" — {words.abandonment_risk}" if b.at_risk else ""
    lines = [
        f"{words.mean_emotion}: {_num(e.mean)} ({words.without_emotion}: {e.missing})",
        f"{words.barriers}: {b.total}{risk}",
        f"{words.completeness}: {c.completeness:.0f} %",
    ]
    if stage.description:
        lines.insert(0, stage.description)
    if stage.notes:
        lines.append(stage.notes)
    return "\n".join(lines)
