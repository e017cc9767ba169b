"""One report with every analysis of a journey: :func:`analyze`.

>>> from journeymap import Journey, Stage, Touchpoint
>>> report = analyze(Journey(title="t", stages=[Stage(name="Study", touchpoints=[
...     Touchpoint(name="Site", emotion=-1, barriers=["a", "b", "c"])])]))
>>> report.barriers.at_risk, report.emotions.peak_end, [f.rule for f in report.findings]
(('study',), -1.0, ['JM008', 'JM003', 'JM005'])
>>> list(report.to_dict())
['title', 'barriers', 'emotions', 'coverage', 'findings']

A journey measured from an event log (``journeymap mine``) also gets its
``funnel`` (see :mod:`journeymap.analysis.funnel`), and ``to_dict()`` a
``"funnel"`` key; without measured figures the key is left out.
"""

from __future__ import annotations

from typing import Any

import attrs

from journeymap.analysis._result import Result
from journeymap.analysis.barriers import DEFAULT_THRESHOLD, BarrierReport, count_barriers
from journeymap.analysis.coverage import CoverageReport, stage_coverage
from journeymap.analysis.emotions import EmotionReport, WeightBy, score_emotions
from journeymap.analysis.funnel import FunnelReport, measured_funnel
from journeymap.analysis.lint import Finding, lint
from journeymap.model import Journey

__all__ = ["Report", "analyze"]


@attrs.frozen(kw_only=True)
class Report(Result):
    """Barriers, emotions, coverage and lint findings of one journey; its measured funnel when it has one."""

    title: str
    barriers: BarrierReport
    emotions: EmotionReport
    coverage: CoverageReport
    findings: tuple[Finding, ...]
    funnel: FunnelReport | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data; the ``funnel`` key only when the journey carries measured figures."""
        data = super().to_dict()
        if data["funnel"] is None:
            del data["funnel"]
        return data


def analyze(journey: Journey, *, threshold: int = DEFAULT_THRESHOLD, weight_by: WeightBy = "none") -> Report:
    """Run every analysis on ``journey``: :func:`count_barriers`, :func:`score_emotions`,
    :func:`stage_coverage` and :func:`lint` (with the same ``threshold``)."""
    barriers = count_barriers(journey, threshold)
    emotions = score_emotions(journey, weight_by)
    # lint reads drops, which do not depend on weighting, so the report's emotions serve it as they are
    findings = lint(journey, threshold=threshold, _reports=(barriers, emotions))
    return Report(
        title=journey.title,
        barriers=barriers,
        emotions=emotions,
        coverage=stage_coverage(journey),
        findings=tuple(findings),
        funnel=measured_funnel(journey),
    )
