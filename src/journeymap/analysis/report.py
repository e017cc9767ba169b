"""One report with every analysis of a journey: :func:`analyze`.

>>> from journeymap import Journey, Stage, Touchpoint
>>> report = analyze(Journey(title="t", stages=[Stage(name="Study", touchpoints=[
...     Touchpoint(name="Site", emotion=-1, barriers=["a", "b", "c"])])]))
>>> report.barriers.at_risk, report.emotions.peak_end, [f.rule for f in report.findings]
(('study',), -1.0, ['JM008', 'JM003', 'JM005'])
>>> list(report.to_dict())
['title', 'barriers', 'emotions', 'coverage', 'findings', 'moments', 'evidence']

A journey measured from an event log (``journeymap mine``) also gets its
``funnel`` (see :mod:`journeymap.analysis.funnel`), and ``to_dict()`` a
``"funnel"`` key (before ``"moments"``); without measured figures the key is left out. A journey with
two personas or more gets each persona's emotion curve in ``personas`` (by
persona id, main persona first) and a ``"personas"`` key; otherwise it is empty
and the key is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from journeymap.analysis._result import Result
from journeymap.analysis.barriers import DEFAULT_THRESHOLD, BarrierReport, count_barriers
from journeymap.analysis.coverage import CoverageReport, stage_coverage
from journeymap.analysis.emotions import EmotionReport, WeightBy, score_emotions
from journeymap.analysis.evidence import EvidenceReport, evidence_share
from journeymap.analysis.funnel import FunnelReport, measured_funnel
from journeymap.analysis.lint import Finding, lint
from journeymap.analysis.moments import MomentsReport, moments_of_truth
from journeymap.model import Journey

__all__ = ["Report", "analyze"]


@attrs.frozen(kw_only=True)
class Report(Result):
    """Barriers, emotions, coverage, moments of truth, evidence and lint findings of one journey;
    its measured funnel and its personas' curves when it has them."""

    title: str
    barriers: BarrierReport
    emotions: EmotionReport
    coverage: CoverageReport
    findings: tuple[Finding, ...]
    funnel: FunnelReport | None = None
    moments: MomentsReport
    evidence: EvidenceReport
    personas: Mapping[str, EmotionReport] = attrs.field(factory=dict)
    """Each persona's emotion curve by persona id, for a journey with two personas or more."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data; the ``funnel`` key only when the journey carries measured figures, ``personas`` only
        when it has two personas or more."""
        data = super().to_dict()
        if data["funnel"] is None:
            del data["funnel"]
        if not data["personas"]:
            del data["personas"]
        return data


def analyze(journey: Journey, *, threshold: int = DEFAULT_THRESHOLD, weight_by: WeightBy = "none") -> Report:
    """Run every analysis on ``journey``: :func:`count_barriers`, :func:`score_emotions` (for the map, and
    for each persona when there are several), :func:`stage_coverage`, :func:`moments_of_truth`,
    :func:`evidence_share` and :func:`lint` (with the same ``threshold``)."""
    barriers = count_barriers(journey, threshold)
    emotions = score_emotions(journey, weight_by)
    moments = moments_of_truth(journey)
    # lint reads drops, which do not depend on weighting, so the report's emotions serve it as they are
    findings = lint(journey, threshold=threshold, _reports=(barriers, emotions, moments))
    everyone = journey.all_personas() if len(journey.all_personas()) > 1 else ()
    return Report(
        title=journey.title,
        barriers=barriers,
        emotions=emotions,
        coverage=stage_coverage(journey),
        findings=tuple(findings),
        funnel=measured_funnel(journey),
        moments=moments,
        evidence=evidence_share(journey),
        personas={p.id: score_emotions(journey, weight_by, persona=p.id) for p in everyone},
    )
