"""Lint: every rule, its location and severity; options; the documented examples trigger their rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import journeymap as jm
from journeymap import Action, Barrier, BlueprintStep, Journey, Stage, StageMetrics, Touchpoint, ValidationError
from journeymap.analysis import RULES, LintSeverity, lint

DOC = Path(__file__).resolve().parent.parent / "docs" / "lint-rules.md"


def _clean(**changes: object) -> Journey:
    """A journey no rule complains about, with ``changes`` applied."""
    fields: dict[str, object] = {
        "title": "t",
        "persona": "Anna",
        "stages": [Stage(name="Research", touchpoints=[Touchpoint(name="Site", emotion=0)])],
    }
    fields.update(changes)
    return Journey(**fields)  # type: ignore[arg-type]


def test_a_clean_journey_has_no_findings() -> None:
    assert lint(_clean()) == []


@pytest.mark.parametrize(
    ("journey", "rule", "path"),
    [
        (_clean(stages=[Stage(name="A", touchpoints=[Touchpoint(name="S", emotion=0)]), "B"]), "JM001", "stages[1]"),
        (
            _clean(stages=[Stage(name="A", touchpoints=[Touchpoint(name="S", emotion=0), "T"])]),
            "JM002",
            "stages[0].touchpoints[1]",
        ),
        (
            _clean(
                stages=[Stage(name="A", touchpoints=[Touchpoint(name="S", emotion=0, barriers=["x", "y", "z"])])],
                actions=[Action(title="Fix", stage="a")],
            ),
            "JM003",
            "stages[0]",
        ),
        (
            _clean(
                stages=[
                    Stage(
                        name="A",
                        touchpoints=[Touchpoint(name="S", emotion=0)],
                        barriers=[Barrier(description="x", severity="critical", remedy="fix", evidence="observed")],
                    ),
                    Stage(
                        name="B",
                        touchpoints=[Touchpoint(name="S", emotion=0)],
                        barriers=[Barrier(description="y", severity="critical", evidence="measured")],
                    ),
                ]
            ),
            "JM004",
            "stages[1].barriers[0]",
        ),
        (
            _clean(
                stages=[
                    Stage(name="A", touchpoints=[Touchpoint(name="S", emotion=1), Touchpoint(name="T", emotion=-1)])
                ]
            ),
            "JM006",
            "stages[0].touchpoints[1]",
        ),
        (
            _clean(stages=[Stage(name="Pay", phase="purchase", touchpoints=[Touchpoint(name="S", emotion=0)])]),
            "JM007",
            "stages[0]",
        ),
        (_clean(persona=None), "JM008", "persona"),
        (
            _clean(
                stages=[
                    Stage(
                        name="A", touchpoints=[Touchpoint(name="Site", emotion=0), Touchpoint(name=" SITE", emotion=0)]
                    )
                ]
            ),
            "JM009",
            "stages[0].touchpoints[1]",
        ),
        (_clean(stages=[]), "JM010", "stages"),
        (
            _clean(
                stages=[
                    Stage(
                        name="A",
                        touchpoints=[Touchpoint(name="S", emotion=0)],
                        barriers=[
                            Barrier(description="y", severity="major"),  # only critical barriers need proof
                            Barrier(description="z", severity="critical", remedy="fix", evidence="asserted"),
                        ],
                    ),
                ],
            ),
            "JM011",
            "stages[0].barriers[1]",
        ),
        (
            _clean(stages=[Stage(name="A", touchpoints=[Touchpoint(name="S", emotion=-0.5, moment_of_truth=True)])]),
            "JM012",
            "stages[0].touchpoints[0]",
        ),
        (
            _clean(
                stages=[
                    Stage(
                        name="A",
                        touchpoints=[Touchpoint(name="S", emotion=0)],
                        frontstage=[BlueprintStep(description="Greets", owner="Front desk")],
                        support=["CRM"],
                    )
                ]
            ),
            "JM013",
            "stages[0].support[0]",
        ),
    ],
)
def test_each_rule_reports_its_location(journey: Journey, rule: str, path: str) -> None:
    findings = lint(journey)
    assert [(f.rule, f.path) for f in findings] == [(rule, path)]
    assert findings[0].severity == RULES[rule].severity
    assert findings[0].name == RULES[rule].name


def test_risk_without_action_needs_an_action_that_is_not_cancelled() -> None:
    stages = [Stage(name="A", touchpoints=[Touchpoint(name="S", emotion=0)], barriers=["x", "y", "z"])]
    assert [f.rule for f in lint(_clean(stages=stages))] == ["JM003", "JM005"]
    cancelled = [Action(title="Fix", stage="a", status="cancelled")]
    assert [f.rule for f in lint(_clean(stages=stages, actions=cancelled))] == ["JM003", "JM005"]
    assert [f.rule for f in lint(_clean(stages=stages, actions=[Action(title="Fix", stage="a")]))] == ["JM003"]
    assert lint(_clean(stages=stages), threshold=3) == []


def test_unproven_critical_barrier_says_whether_evidence_is_missing_or_only_asserted() -> None:
    tp = Touchpoint(name="S", emotion=0, barriers=[Barrier(description="Down", severity="critical", remedy="fix")])
    (missing,) = lint(_clean(stages=[Stage(name="A", touchpoints=[tp])]))
    assert (missing.rule, missing.path) == ("JM011", "stages[0].touchpoints[0].barriers[0]")
    assert missing.message == "critical barrier 'Down' does not say what shows it is real (no evidence)"
    asserted = Barrier(description="Down", severity="critical", remedy="fix", evidence="asserted")
    (finding,) = lint(
        _clean(stages=[Stage(name="A", touchpoints=[Touchpoint(name="S", emotion=0, barriers=[asserted])])])
    )
    assert finding.message == "critical barrier 'Down' is only asserted; observe or measure it"
    observed = Barrier(description="Down", severity="critical", remedy="fix", evidence="observed")
    assert (
        lint(_clean(stages=[Stage(name="A", touchpoints=[Touchpoint(name="S", emotion=0, barriers=[observed])])])) == []
    )


def test_moment_of_truth_without_action_needs_a_negative_feeling_and_no_plan_for_its_stage() -> None:
    def journey(tp: Touchpoint, actions: list[Action] | None = None, **extra: object) -> Journey:
        return _clean(stages=[Stage(name="A", touchpoints=[tp])], actions=actions or [], **extra)

    assert lint(journey(Touchpoint(name="S", emotion=1, moment_of_truth=True))) == []
    assert lint(journey(Touchpoint(name="S", emotion=-1))) == []  # not a moment of truth
    assert [f.rule for f in lint(journey(Touchpoint(name="S", moment_of_truth=True)))] == ["JM002"]  # no feeling
    marked = Touchpoint(name="S", emotion=-1, moment_of_truth=True)
    assert lint(journey(marked, [Action(title="Fix", stage="a")])) == []
    assert [f.rule for f in lint(journey(marked, [Action(title="Fix", stage="a", status="cancelled")]))] == ["JM012"]
    # one persona's negative feeling is enough
    boris = Touchpoint(name="S", emotion=1, emotions={"boris": -2}, moment_of_truth=True)
    (finding,) = lint(journey(boris, personas=["Boris"]))
    assert finding.message == "moment of truth 'S' (marked) feels -2 and no action in the plan improves stage 'A'"


def test_a_measured_moment_of_truth_is_found_by_its_reach() -> None:
    stage = Stage(
        name="A",
        metrics=StageMetrics(reached=100),
        touchpoints=[Touchpoint(name="Form", emotion=-1, reach=95), Touchpoint(name="Chat", emotion=-1, reach=10)],
    )
    (finding,) = lint(_clean(stages=[stage]))
    assert (finding.rule, finding.path) == ("JM012", "stages[0].touchpoints[0]")
    assert "(reached by 95% of its stage's customers)" in finding.message


def test_post_purchase_stage_silences_jm007() -> None:
    stages = [
        Stage(name="Purchase", touchpoints=[Touchpoint(name="S", emotion=0)]),
        Stage(name="After", phase="post_purchase", touchpoints=[Touchpoint(name="T", emotion=0)]),
    ]
    assert lint(_clean(stages=stages)) == []


def test_findings_are_in_document_order_with_numeric_indexes() -> None:
    stages = [Stage(name=f"S{n}", touchpoints=[Touchpoint(name="T")]) for n in range(12)]
    paths = [f.path for f in lint(_clean(stages=stages))]
    assert paths == [f"stages[{n}].touchpoints[0]" for n in range(12)]


def test_disable_takes_ids_or_names_and_overrides_change_severity() -> None:
    journey = _clean(persona=None, stages=[Stage(name="A", touchpoints=["T"])])
    assert [f.rule for f in lint(journey)] == ["JM008", "JM002"]
    assert [f.rule for f in lint(journey, disable=["JM008"])] == ["JM002"]
    assert [f.rule for f in lint(journey, disable=("missing-persona", "missing-emotion"))] == []
    assert lint(journey, disable="JM002")[0].rule == "JM008"
    overridden = lint(journey, severity_overrides={"missing-persona": "ERROR", "JM002": LintSeverity.INFO})
    assert [f.severity for f in overridden] == [LintSeverity.ERROR, LintSeverity.INFO]


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"disable": ["JM999"]}, "disable"),
        ({"severity_overrides": {"nope": "error"}}, "severity_overrides"),
        ({"severity_overrides": {"JM001": "fatal"}}, "severity_overrides.JM001"),
    ],
)
def test_unknown_rule_or_severity_is_a_validation_error_naming_the_argument(
    kwargs: dict[str, object], where: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        lint(_clean(), **kwargs)  # type: ignore[arg-type]
    assert caught.value.path == where


def test_finding_prints_as_rule_severity_path_message() -> None:
    (finding,) = lint(_clean(persona=None))
    assert str(finding) == "JM008 warning persona: the map has no persona; say whose journey it is"
    assert finding.to_dict() == {
        "rule": "JM008",
        "name": "missing-persona",
        "severity": "warning",
        "path": "persona",
        "message": "the map has no persona; say whose journey it is",
    }


def _documented() -> list[tuple[str, str, set[str], str]]:
    """(rule id, name, rules also triggered, YAML example) for every rule section of docs/lint-rules.md."""
    sections = re.split(r"^## ", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
    found = []
    for section in sections:
        heading = section.splitlines()[0].split()
        also = re.search(r"^Also triggers: (.+)$", section, flags=re.MULTILINE)
        extra = set(re.findall(r"JM\d{3}", also.group(1))) if also else set()
        blocks = re.findall(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
        assert len(blocks) == 1, f"{heading[0]} needs exactly one YAML example"
        found.append((heading[0], heading[1], extra, blocks[0]))
    return found


def test_every_rule_is_documented_in_order_with_its_name_and_severity() -> None:
    documented = _documented()
    assert [(rule, name) for rule, name, _, _ in documented] == [(r.id, r.name) for r in RULES.values()]
    text = DOC.read_text(encoding="utf-8")
    for rule in RULES.values():
        assert re.search(rf"## {rule.id} {rule.name}\n\nSeverity: {rule.severity.value}\.", text), rule.id


@pytest.mark.parametrize(
    ("rule", "name", "also", "example"),
    _documented(),
    ids=lambda v: v if isinstance(v, str) and v.startswith("JM") else "",
)
def test_documented_example_triggers_exactly_its_rule(rule: str, name: str, also: set[str], example: str) -> None:
    found = {f.rule for f in lint(jm.loads(example))}
    assert found == {rule} | also
