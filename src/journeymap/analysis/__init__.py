"""Analysis of a journey: barriers, emotions, stage coverage, moments of truth, evidence, lint, comparison, diff.

Pure functions over a :class:`~journeymap.Journey`, no I/O. Each returns a
frozen result whose ``to_dict()`` gives plain JSON-ready data in a stable key
order.

>>> import journeymap as jm
>>> from journeymap import analysis
>>> j = jm.Journey(title="t", stages=[jm.Stage(name="Study", touchpoints=[
...     jm.Touchpoint(name="Site", emotion=-1, barriers=["Price hidden"])])])
>>> analysis.count_barriers(j).stages[0].total
1
>>> analysis.score_emotions(j).peak_end
-1.0
>>> analysis.stage_coverage(j).missing_phases
('purchase', 'post_purchase')
>>> analysis.moments_of_truth(j).basis, analysis.evidence_share(j).total.counts["unstated"]
('marked', 3)
>>> [f.rule for f in analysis.lint(j)]
['JM008']
>>> analysis.analyze(j).to_dict()["barriers"]["total"]
1
"""

from journeymap.analysis.barriers import (
    DEFAULT_THRESHOLD,
    BarrierReport,
    RankedBarrier,
    StageBarriers,
    TouchpointBarriers,
    count_barriers,
)
from journeymap.analysis.compare import BarrierChange, Comparison, StageChange, compare
from journeymap.analysis.coverage import CoverageReport, StageCoverage, phase_of, stage_coverage
from journeymap.analysis.diff import Change, JourneyDiff, diff
from journeymap.analysis.emotions import Drop, EmotionReport, Moment, StageEmotions, score_emotions
from journeymap.analysis.evidence import EvidenceReport, EvidenceTally, StageEvidence, evidence_share
from journeymap.analysis.funnel import Flow, FunnelReport, FunnelStage, measured_funnel
from journeymap.analysis.lint import RULES, Finding, LintSeverity, Rule, lint
from journeymap.analysis.moments import MomentOfTruth, MomentsReport, moments_of_truth
from journeymap.analysis.report import Report, analyze
from journeymap.analysis.summary import render_summary

__all__ = [
    "DEFAULT_THRESHOLD",
    "RULES",
    "BarrierChange",
    "BarrierReport",
    "Change",
    "Comparison",
    "CoverageReport",
    "Drop",
    "EmotionReport",
    "EvidenceReport",
    "EvidenceTally",
    "Finding",
    "Flow",
    "FunnelReport",
    "FunnelStage",
    "JourneyDiff",
    "LintSeverity",
    "Moment",
    "MomentOfTruth",
    "MomentsReport",
    "RankedBarrier",
    "Report",
    "Rule",
    "StageBarriers",
    "StageChange",
    "StageCoverage",
    "StageEmotions",
    "StageEvidence",
    "TouchpointBarriers",
    "analyze",
    "compare",
    "count_barriers",
    "diff",
    "evidence_share",
    "lint",
    "measured_funnel",
    "moments_of_truth",
    "phase_of",
    "render_summary",
    "score_emotions",
    "stage_coverage",
]
