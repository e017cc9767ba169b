"""Lint: is the map finished, and does it hide a problem the client should see?

Every rule has a stable id (``JM001``…), a name, and a default severity
(``error``, ``warning`` or ``info``); each finding carries a location as a field
path (``stages[2].touchpoints[0]``). The rules, with an example that triggers
each, are documented in ``docs/lint-rules.md``.

>>> from journeymap import Journey, Stage, Touchpoint
>>> j = Journey(title="t", stages=[Stage(name="Purchase", touchpoints=["Checkout"])])
>>> for finding in lint(j):
...     print(finding)
JM008 warning persona: the map has no persona; say whose journey it is
JM007 warning stages[0]: the journey ends at purchase (stage 'Purchase') with no post-purchase stage; ...
JM002 warning stages[0].touchpoints[0]: touchpoint 'Checkout' has no emotion; ...
>>> [f.rule for f in lint(j, disable=["JM002", "missing-persona"], severity_overrides={"JM007": "error"})]
['JM007']
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs

from journeymap.analysis._result import Result
from journeymap.analysis.barriers import DEFAULT_THRESHOLD, BarrierReport, count_barriers
from journeymap.analysis.coverage import phase_of
from journeymap.analysis.emotions import SHARP_DROP, EmotionReport, score_emotions
from journeymap.analysis.moments import MomentsReport, moments_of_truth
from journeymap.errors import ValidationError
from journeymap.model import ActionStatus, Barrier, EvidenceKind, Journey, Phase, Severity

__all__ = ["RULES", "Finding", "LintSeverity", "Rule", "lint"]


class LintSeverity(enum.StrEnum):
    """How serious a finding is. ``journeymap lint`` fails on errors (with ``--strict``, on warnings too)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(kw_only=True)
class Rule:
    """A lint rule: stable id, short name, default severity, what it checks."""

    id: str
    name: str
    severity: LintSeverity
    summary: str


@attrs.frozen(kw_only=True)
class Finding(Result):
    """One thing lint found, at a field path."""

    rule: str
    """Rule id, e.g. ``JM003``."""
    name: str
    """Rule name, e.g. ``barrier-threshold``."""
    severity: LintSeverity
    path: str
    """Field path of what the finding is about (``stages[2]``, ``persona``…)."""
    message: str

    def __str__(self) -> str:
        return f"{self.rule} {self.severity.value} {self.path}: {self.message}"


@attrs.frozen
class _Context:
    journey: Journey
    barriers: BarrierReport
    emotions: EmotionReport
    moments: MomentsReport


Check = Callable[[_Context], Iterator[tuple[str, str]]]


def _empty_stage(c: _Context) -> Iterator[tuple[str, str]]:
    for i, stage in enumerate(c.journey.stages):
        if not stage.touchpoints:
            yield f"stages[{i}]", f"stage {stage.name!r} has no touchpoints"


def _missing_emotion(c: _Context) -> Iterator[tuple[str, str]]:
    for i, stage in enumerate(c.journey.stages):
        for k, tp in enumerate(stage.touchpoints):
            if tp.emotion is None:
                yield (
                    f"stages[{i}].touchpoints[{k}]",
                    f"touchpoint {tp.name!r} has no emotion; it is left out of the emotion curve",
                )


def _barrier_threshold(c: _Context) -> Iterator[tuple[str, str]]:
    for s in c.barriers.stages:
        if s.at_risk:
            yield (
                s.path,
                f"stage {s.name!r} has {s.total} barriers, more than {c.barriers.threshold}:"
                " the customer will likely abandon here",
            )


def _critical_without_remedy(c: _Context) -> Iterator[tuple[str, str]]:
    for b in c.barriers.ranked:
        if b.severity is Severity.CRITICAL and not (b.remedy or "").strip():
            yield b.path, f"critical barrier {b.description!r} has no remedy"


def _planned(journey: Journey) -> set[str | None]:
    """Ids of the stages some action of the plan (not cancelled) improves."""
    return {a.stage for a in journey.actions if a.status is not ActionStatus.CANCELLED}


def _risk_without_action(c: _Context) -> Iterator[tuple[str, str]]:
    planned = _planned(c.journey)
    for s in c.barriers.stages:
        if s.at_risk and s.id not in planned:
            yield s.path, f"stage {s.name!r} is an abandonment risk but no action in the plan improves it"


def _sharp_drop(c: _Context) -> Iterator[tuple[str, str]]:
    for d in c.emotions.drops:
        yield (
            d.after.path,
            f"emotion falls by {d.fall:g} points from {d.before.name!r} ({d.before.score:g})"
            f" to {d.after.name!r} ({d.after.score:g})",
        )


def _no_post_purchase(c: _Context) -> Iterator[tuple[str, str]]:
    phases = [phase_of(stage) for stage in c.journey.stages]
    if Phase.PURCHASE in phases and Phase.POST_PURCHASE not in phases:
        i = len(phases) - 1 - phases[::-1].index(Phase.PURCHASE)
        yield (
            f"stages[{i}]",
            f"the journey ends at purchase (stage {c.journey.stages[i].name!r}) with no post-purchase stage;"
            " add loyalty and advocacy",
        )


def _missing_persona(c: _Context) -> Iterator[tuple[str, str]]:
    if c.journey.persona is None:
        yield "persona", "the map has no persona; say whose journey it is"


def _duplicate_touchpoint(c: _Context) -> Iterator[tuple[str, str]]:
    for i, stage in enumerate(c.journey.stages):
        first: dict[str, int] = {}
        for k, tp in enumerate(stage.touchpoints):
            key = " ".join(tp.name.split()).casefold()
            if key in first:
                yield (
                    f"stages[{i}].touchpoints[{k}]",
                    f"touchpoint name {tp.name!r} is used twice in stage {stage.name!r}"
                    f" (also at stages[{i}].touchpoints[{first[key]}])",
                )
            else:
                first[key] = k


def _no_stages(c: _Context) -> Iterator[tuple[str, str]]:
    if not c.journey.stages:
        yield "stages", "the map has no stages"


def _all_barriers(journey: Journey) -> Iterator[tuple[str, Barrier]]:
    for i, stage in enumerate(journey.stages):
        for k, tp in enumerate(stage.touchpoints):
            for b, barrier in enumerate(tp.barriers):
                yield f"stages[{i}].touchpoints[{k}].barriers[{b}]", barrier
        for b, barrier in enumerate(stage.barriers):
            yield f"stages[{i}].barriers[{b}]", barrier


def _unproven_critical_barrier(c: _Context) -> Iterator[tuple[str, str]]:
    for path, barrier in _all_barriers(c.journey):
        if barrier.severity is not Severity.CRITICAL:
            continue
        if barrier.evidence is None:
            yield path, f"critical barrier {barrier.description!r} does not say what shows it is real (no evidence)"
        elif barrier.evidence.kind is EvidenceKind.ASSERTED:
            yield path, f"critical barrier {barrier.description!r} is only asserted; observe or measure it"


def _moment_of_truth_without_action(c: _Context) -> Iterator[tuple[str, str]]:
    planned = _planned(c.journey)
    for moment, (stage, tp) in zip(c.moments.touchpoints, c.journey.touchpoints(), strict=True):
        if not (moment.marked or moment.candidate) or stage.id in planned:
            continue
        scores = [e.score for e in (tp.emotion, *tp.emotions.values()) if e is not None]
        if scores and min(scores) < 0:
            why = "marked" if moment.marked else f"reached by {moment.share:.0%} of its stage's customers"
            yield (
                moment.path,
                f"moment of truth {tp.name!r} ({why}) feels {min(scores):g}"
                f" and no action in the plan improves stage {stage.name!r}",
            )


def _blueprint_step_without_owner(c: _Context) -> Iterator[tuple[str, str]]:
    for i, stage in enumerate(c.journey.stages):
        for lane in ("frontstage", "backstage", "support"):
            for k, step in enumerate(getattr(stage, lane)):
                if not (step.owner or "").strip():
                    yield f"stages[{i}].{lane}[{k}]", f"{lane} step {step.description!r} has no owner"


_E, _W, _I = LintSeverity.ERROR, LintSeverity.WARNING, LintSeverity.INFO
_TABLE: tuple[tuple[Rule, Check], ...] = (
    (Rule(id="JM001", name="empty-stage", severity=_W, summary="A stage has no touchpoints."), _empty_stage),
    (
        Rule(id="JM002", name="missing-emotion", severity=_W, summary="A touchpoint has no emotion."),
        _missing_emotion,
    ),
    (
        Rule(
            id="JM003",
            name="barrier-threshold",
            severity=_W,
            summary=f"A stage has more barriers than the threshold ({DEFAULT_THRESHOLD}): likely abandonment.",
        ),
        _barrier_threshold,
    ),
    (
        Rule(id="JM004", name="critical-without-remedy", severity=_E, summary="A critical barrier has no remedy."),
        _critical_without_remedy,
    ),
    (
        Rule(
            id="JM005",
            name="risk-without-action",
            severity=_E,
            summary="A stage over the barrier threshold has no (non-cancelled) action in the plan.",
        ),
        _risk_without_action,
    ),
    (
        Rule(
            id="JM006",
            name="sharp-drop",
            severity=_I,
            summary=f"The emotion falls by {SHARP_DROP} points or more between consecutive scored touchpoints.",
        ),
        _sharp_drop,
    ),
    (
        Rule(
            id="JM007",
            name="no-post-purchase",
            severity=_W,
            summary="The journey has a purchase stage but no post-purchase stage.",
        ),
        _no_post_purchase,
    ),
    (Rule(id="JM008", name="missing-persona", severity=_W, summary="The map has no persona."), _missing_persona),
    (
        Rule(
            id="JM009",
            name="duplicate-touchpoint",
            severity=_E,
            summary="Two touchpoints of one stage have the same name.",
        ),
        _duplicate_touchpoint,
    ),
    (Rule(id="JM010", name="no-stages", severity=_E, summary="The map has no stages."), _no_stages),
    (
        Rule(
            id="JM011",
            name="unproven-critical-barrier",
            severity=_W,
            summary="A critical barrier has no evidence, or is only asserted.",
        ),
        _unproven_critical_barrier,
    ),
    (
        Rule(
            id="JM012",
            name="moment-of-truth-without-action",
            severity=_W,
            summary="A moment of truth (marked, or reached by nearly every customer) feels negative"
            " and no action in the plan improves its stage.",
        ),
        _moment_of_truth_without_action,
    ),
    (
        Rule(
            id="JM013",
            name="blueprint-step-without-owner",
            severity=_W,
            summary="A frontstage, backstage or support step of the service blueprint has no owner.",
        ),
        _blueprint_step_without_owner,
    ),
)

RULES: Mapping[str, Rule] = {rule.id: rule for rule, _ in _TABLE}
"""Every lint rule by id, in id order."""

_BY_NAME = {rule.name: rule.id for rule, _ in _TABLE}


def _rule_id(key: str, where: str) -> str:
    if key in RULES:
        return key
    if key in _BY_NAME:
        return _BY_NAME[key]
    known = ", ".join(RULES)
    raise ValidationError.at(where, f"unknown lint rule {key!r}; known: {known} (or their names)")


def _severity(value: LintSeverity | str, where: str) -> LintSeverity:
    try:
        return LintSeverity(str(value).strip().lower())
    except ValueError:
        raise ValidationError.at(where, f"must be error, warning or info, got {value!r}") from None


def _sort_key(finding: Finding) -> tuple[list[tuple[int, int | str]], str]:
    """Document order: field names alphabetically, list indexes numerically, then the rule id."""
    parts: list[tuple[int, int | str]] = [
        (0, int(p)) if p.isdigit() else (1, p) for p in finding.path.replace("]", "").replace("[", ".").split(".")
    ]
    return parts, finding.rule


def lint(
    journey: Journey,
    disable: Iterable[str] = (),
    severity_overrides: Mapping[str, LintSeverity | str] | None = None,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    _reports: tuple[BarrierReport, EmotionReport, MomentsReport] | None = None,
) -> list[Finding]:
    """Check ``journey`` against every rule of :data:`RULES`; findings in document order.

    ``disable``: rule ids or names to skip. ``severity_overrides``: rule id or
    name → ``error``/``warning``/``info``. ``threshold``: the barrier threshold
    of JM003 and JM005 (JM012 finds moments of truth with the default share of
    :func:`~journeymap.analysis.moments_of_truth`). An unknown rule or severity raises
    :class:`~journeymap.errors.ValidationError` naming the argument.
    (``_reports`` is private: :func:`~journeymap.analysis.analyze` passes the
    barrier, emotion and moments-of-truth reports it already has.)
    """
    if isinstance(disable, str):
        disable = [disable]
    skipped = {_rule_id(key, "disable") for key in disable}
    severities = {rule.id: rule.severity for rule in RULES.values()}
    for key, value in (severity_overrides or {}).items():
        rule_id = _rule_id(key, "severity_overrides")
        severities[rule_id] = _severity(value, f"severity_overrides.{key}")
    barriers, emotions, moments = _reports or (
        count_barriers(journey, threshold),
        score_emotions(journey),
        moments_of_truth(journey),
    )
    context = _Context(journey, barriers, emotions, moments)
    findings = [
        Finding(rule=rule.id, name=rule.name, severity=severities[rule.id], path=path, message=message)
        for rule, check in _TABLE
        if rule.id not in skipped
        for path, message in check(context)
    ]
    return sorted(findings, key=_sort_key)
