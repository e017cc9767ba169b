"""The readable summary of a :class:`Report` that ``journeymap analyze`` prints.

>>> from journeymap import Journey, Stage, Touchpoint
>>> from journeymap.analysis import analyze
>>> print(render_summary(analyze(Journey(title="Course", stages=[
...     Stage(name="Study", touchpoints=[Touchpoint(name="Site", emotion=-1, barriers=["a", "b", "c"])]),
...     Stage(name="Purchase")]))))
Course
<BLANKLINE>
Stage     Touchpoints  Mean emotion  Barriers  Risk
Study               1         -1.00         3  ABANDONMENT RISK
Purchase            0             –         0
<BLANKLINE>
Lowest moments: Site (-1) at study
Peak-end score: -1.00 (peak Site -1, end Site -1)
Pareto barriers (80 % of weight): a (major), b (major), c (major)
Coverage: 19 % of lanes filled; empty stages: purchase; missing phases: post_purchase
Lint: 1 error, 4 warnings, 0 info (run journeymap lint for details)

A journey measured from an event log (``journeymap mine``) gets a second
table: customers reaching each stage, going further (conversion), leaving,
the median and 75th-percentile time to the next stage, and backward moves.

Three lines appear only when the map has what they show: the moments of truth
(when some are marked or measured), the evidence share (when some item states
its evidence) and each persona's peak-end score, by persona id (with two personas or more):

>>> report = analyze(Journey(title="Course", persona="Anna", personas=["Boris"], stages=[
...     Stage(name="Study", touchpoints=[Touchpoint(name="Site", emotion=-1, emotions={"boris": 1},
...           moment_of_truth=True, evidence="observed")])]))
>>> for line in render_summary(report).splitlines()[-4:-1]:
...     print(line)
Moments of truth (marked on the map): Site
Evidence: 0 % measured, 33 % observed, 0 % asserted, 67 % unstated (of 3 items)
Persona curves (peak-end): anna -1.00, boris 1.00
"""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.analysis.emotions import Moment
from journeymap.analysis.evidence import KINDS, EvidenceTally
from journeymap.analysis.funnel import FunnelReport, duration, percent
from journeymap.analysis.moments import MomentsReport
from journeymap.analysis.report import Report

__all__ = ["render_summary"]

_HEAD = ("Stage", "Touchpoints", "Mean emotion", "Barriers", "Risk")
_MEASURED = ("Measured stage", "Reached", "Went further", "Conversion", "Dropped", "Median to next", "P75", "Back")


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _table(rows: Sequence[tuple[str, ...]], *, text_last: bool = True) -> list[str]:
    """Rows in columns: the first left-aligned, the others right-aligned (the last left-aligned if ``text_last``)."""
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = []
    for row in rows:
        middle = row[1:-1] if text_last else row[1:]
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[c]) for c, cell in enumerate(middle, start=1)]
        lines.append("  ".join([*cells, row[-1]] if text_last else cells).rstrip())
    return lines


def _funnel(funnel: FunnelReport) -> list[str]:
    rows: list[tuple[str, ...]] = [_MEASURED]
    for s in funnel.stages:
        rows.append(
            (
                s.name,
                str(s.reached),
                str(s.converted),
                percent(s.conversion),
                str(s.dropped),
                duration(s.median_seconds),
                duration(s.p75_seconds),
                str(s.backward),
            )
        )
    lines = ["", *_table(rows, text_last=False)]
    back = ", ".join(f"{f.source} → {f.target} ({f.count})" for f in funnel.flows if f.backward) or "none"
    lines.append(f"Backward moves: {funnel.backward_moves} ({back})")
    if funnel.unmeasured:
        lines.append("Not measured: " + ", ".join(funnel.unmeasured))
    return lines


def _moments(moments: Sequence[Moment]) -> str:
    return ", ".join(f"{m.name} ({m.score:g}) at {m.stage}" for m in moments) or "none scored"


def _moments_of_truth(moments: MomentsReport) -> list[str]:
    """The candidates, those the map does not mark and the marked ones reached by fewer; nothing without any."""
    if not moments.candidates and not moments.marked:
        return []
    names = {m.touchpoint: m.name for m in moments.touchpoints}
    if moments.basis == "marked":
        return ["Moments of truth (marked on the map): " + ", ".join(names[t] for t in moments.candidates)]
    line = f"Moments of truth (reached by ≥ {percent(moments.threshold)} of their stage's customers): "
    line += ", ".join(names[t] for t in moments.candidates) or "none"
    if moments.unmarked_candidates == moments.candidates and moments.candidates:
        line += "; none marked on the map"
    elif moments.unmarked_candidates:
        line += "; not marked on the map: " + ", ".join(names[t] for t in moments.unmarked_candidates)
    fewer = [m.name for m in moments.touchpoints if m.marked and not m.candidate]
    if fewer:
        line += "; marked but reached by fewer: " + ", ".join(fewer)
    return [line]


def _evidence(total: EvidenceTally) -> list[str]:
    """The share of each kind of evidence, or nothing when no item states its evidence."""
    if total.shares is None or total.counts["unstated"] == total.items:
        return []
    shares = ", ".join(f"{percent(total.shares[kind])} {kind}" for kind in KINDS)
    return [f"Evidence: {shares} (of {_plural(total.items, 'item')})"]


def render_summary(report: Report) -> str:
    """A plain-text summary: a stage table, then lowest moments, peak-end, Pareto barriers, coverage gaps."""
    barriers = {s.id: s for s in report.barriers.stages}
    rows: list[tuple[str, ...]] = [_HEAD]
    for s in report.emotions.stages:
        b = barriers[s.id]
        rows.append(
            (
                s.name,
                str(len(b.touchpoints)),
                _num(s.mean),
                str(b.total),
                "ABANDONMENT RISK" * b.at_risk,
            )
        )
    e = report.emotions
    lines = [report.title, "", *_table(rows)]
    if report.funnel is not None:
        lines += _funnel(report.funnel)
    lines.append("")
    lines.append(f"Lowest moments: {_moments(e.lowest)}")
    if e.peak is not None and e.end is not None:
        peak, end = f"{e.peak.name} {e.peak.score:g}", f"{e.end.name} {e.end.score:g}"
        lines.append(f"Peak-end score: {_num(e.peak_end)} (peak {peak}, end {end})")
    else:
        lines.append("Peak-end score: – (no emotions scored)")
    pareto = ", ".join(f"{b.description} ({b.severity.value})" for b in report.barriers.pareto) or "none"
    lines.append(f"Pareto barriers (80 % of weight): {pareto}")
    c = report.coverage
    gaps = [f"{c.completeness:.0f} % of lanes filled"]
    if c.empty_stages:
        gaps.append("empty stages: " + ", ".join(c.empty_stages))
    if c.missing_phases:
        gaps.append("missing phases: " + ", ".join(c.missing_phases))
    lines.append("Coverage: " + "; ".join(gaps))
    lines += _moments_of_truth(report.moments)
    lines += _evidence(report.evidence.total)
    if report.personas:
        curves = ", ".join(f"{persona} {_num(e.peak_end)}" for persona, e in report.personas.items())
        lines.append(f"Persona curves (peak-end): {curves}")
    counts = [sum(f.severity.value == level for f in report.findings) for level in ("error", "warning")]
    info = len(report.findings) - sum(counts)
    lines.append(
        f"Lint: {_plural(counts[0], 'error')}, {_plural(counts[1], 'warning')}, {info} info"
        " (run journeymap lint for details)"
    )
    return "\n".join(lines)
