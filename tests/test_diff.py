"""``journeymap.diff`` and ``journeymap diff``: what changed between two versions of one map, as a reader sees it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import journeymap as jm
from journeymap.analysis.diff import data
from journeymap.cli import main

from .diffapply import apply

OLD = """\
title: SaaS trial
persona: {name: Anna, age: 34}
stages:
  - name: Trial sign-up
    touchpoints:
      - {name: Pricing page, channel: site, emotion: -1}
      - {name: Sign-up form, emotion: 0, barriers: [Card required]}
  - name: Onboarding
    touchpoints: [{name: Welcome email, channel: email}]
actions:
  - {title: Show prices without a call, stage: trial-sign-up}
"""

NEW = """\
title: SaaS trial
persona: {name: Anna, age: 35}
stages:
  - name: Trial sign-up
    touchpoints:
      - {name: Pricing page, channel: site, emotion: 1, barriers: [{description: Annual plan only, severity: critical}]}
  - name: First week
    touchpoints:
      - {name: Welcome email, channel: email}
      - {name: Sign-up form, emotion: 0, barriers: [{description: Card required, severity: minor}]}
actions:
  - {title: Show prices without a call, stage: trial-sign-up, status: done}
"""

MERMAID = """\
journey
  title SaaS trial
  section Trial sign-up
    Pricing page: 2: Anna
"""


def _changes(old: jm.Journey, new: jm.Journey) -> list[tuple[str, str, str | None, Any, Any]]:
    """(kind, path, field, old, new) of every change; and the diff applied to ``old`` gives ``new``."""
    result = jm.diff(old, new)
    assert apply(old, result) == new
    return [(c.kind, c.path, c.field, c.old, c.new) for c in result.changes]


def _journey(**fields: Any) -> jm.Journey:
    stages = fields.pop("stages", [jm.Stage(name="Trial", touchpoints=[jm.Touchpoint(name="Pricing", emotion=-1)])])
    return jm.Journey(title="Trial", stages=stages, **fields)


def _tp(journey: jm.Journey, **fields: Any) -> jm.Journey:
    """The journey with its first touchpoint changed."""
    stage = journey.stages[0]
    touchpoint = attrs.evolve(stage.touchpoints[0], **fields)
    return attrs.evolve(journey, stages=[attrs.evolve(stage, touchpoints=[touchpoint, *stage.touchpoints[1:]])])


def test_the_words_of_a_diff_name_the_place_and_the_change() -> None:
    changes = jm.diff(jm.loads(OLD), jm.loads(NEW))
    assert changes.text().splitlines() == [
        "persona “Anna”: age 34 → 35",
        "Trial sign-up › Pricing page: emotion −1 → +1; barrier added: Annual plan only (critical)",
        "First week: renamed from “Onboarding”",
        "First week › Sign-up form: moved from “Trial sign-up”; barrier “Card required”: severity major → minor",
        "action “Show prices without a call”: status planned → done",
    ]


def test_the_words_follow_the_new_journeys_language_unless_told() -> None:
    old, new = jm.loads(OLD), jm.loads(NEW)
    russian = jm.diff(attrs.evolve(old, language="ru"), attrs.evolve(new, language="ru"))
    assert russian.text().splitlines()[1] == (
        "Trial sign-up › Pricing page: эмоция −1 → +1; добавлено: барьер «Annual plan only» (критический)"
    )
    assert russian.text("ro").splitlines()[4] == "acțiune „Show prices without a call”: stare planificată → finalizată"
    assert russian.text("en") == jm.diff(old, new).text()
    assert russian.to_dict()["language"] == "ru"


def test_markdown_groups_the_changes_by_place_and_escapes_the_maps_text() -> None:
    old = _journey()
    new = _tp(old, emotion=1, barriers=["Price *hidden* [x]"])
    assert jm.diff(old, new).markdown() == (
        "- **Trial › Pricing**\n  - emotion −1 → +1\n  - barrier added: Price \\*hidden\\* \\[x\\] (major)"
    )
    assert jm.diff(new, new).markdown() == "No differences."


def test_a_diff_is_frozen_data_in_a_stable_order() -> None:
    old, new = jm.loads(OLD), jm.loads(NEW)
    changes = jm.diff(old, new)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        changes.changes = ()  # type: ignore[misc]
    data = changes.to_dict()
    assert list(data) == ["language", "changes"]
    assert list(data["changes"][0]) == ["path", "place", "kind", "item", "name", "field", "old", "new", "index"]
    assert json.loads(json.dumps(data)) == data
    assert jm.diff(old, new) == changes
    assert bool(changes)
    assert not changes.empty
    assert jm.diff(old, old).text() == "No differences."


def test_the_journeys_own_fields() -> None:
    old = jm.loads("title: Trial\nproduct: Plan\ndate: 2026-05-01")
    new = jm.loads("title: Trial v2\nclient: Acme\ndate: 2026-06-01")
    assert _changes(old, new) == [
        ("changed", "", "title", "Trial", "Trial v2"),
        ("changed", "", "product", "Plan", None),
        ("changed", "", "client", None, "Acme"),
        ("changed", "", "date", "2026-05-01", "2026-06-01"),
    ]
    assert jm.diff(old, new).text().splitlines() == [
        "title Trial → Trial v2",
        "product Plan → (none)",
        "client (none) → Acme",
        "date 2026-05-01 → 2026-06-01",
    ]


def test_personas_main_and_several() -> None:
    old = jm.loads("title: t\npersona: Anna\npersonas: [Boris, {name: Vera, age: 40}]")
    new = jm.loads("title: t\npersonas: [{name: Vera, age: 41}, Gleb]")
    assert _changes(old, new) == [
        ("removed", "persona", None, data(old.persona), None),
        ("changed", "personas[vera]", "age", "40", "41"),
        ("added", "personas[gleb]", None, None, data(new.personas[1])),
        ("removed", "personas[boris]", None, data(old.personas[0]), None),
    ]
    assert jm.diff(old, new).text().splitlines() == [
        "persona removed: Anna",
        "persona “Vera”: age 40 → 41",
        "persona added: Gleb",
        "persona removed: Boris",
    ]


def test_stages_added_removed_renamed_and_reordered() -> None:
    old = jm.loads("title: t\nstages: [Awareness, Trial, Purchase, {name: Support, id: care}]")
    new = jm.loads("title: t\nstages: [Purchase, Awareness, Free trial, Renewal, {name: Help, id: help}]")
    assert [(kind, path, field) for kind, path, field, *_ in _changes(old, new)] == [
        ("changed", "stages[trial]", "name"),
        ("changed", "stages[trial]", "id"),
        ("added", "stages[renewal]", None),
        ("added", "stages[help]", None),  # "Support" has an explicit id, gone from the new map: it is gone
        ("removed", "stages[care]", None),
        ("reordered", "stages", None),
    ]
    changes = jm.diff(old, new)
    assert changes.changes[-1].old == ["awareness", "trial", "purchase"]
    assert changes.changes[-1].new == ["purchase", "awareness", "trial"]
    assert changes.text().splitlines() == [
        "Free trial: renamed from “Trial”",
        "stage added: Renewal",
        "stage added: Help",
        "stage removed: Support",
        "stages: new order Purchase, Awareness, Free trial",
    ]


def test_touchpoints_added_removed_and_moved_between_stages() -> None:
    old = jm.loads(
        "title: t\nstages:\n- {name: Trial, touchpoints: [Pricing, Form, Chat]}\n"
        "- {name: Purchase, touchpoints: [Checkout]}"
    )
    new = jm.loads(
        "title: t\nstages:\n- {name: Trial, touchpoints: [Pricing, {name: Demo call, id: demo}]}\n"
        "- {name: Purchase, touchpoints: [Form, Checkout]}"
    )
    assert _changes(old, new) == [
        ("changed", "stages[trial].touchpoints[chat]", "name", "Chat", "Demo call"),
        ("changed", "stages[trial].touchpoints[chat]", "id", "chat", "demo"),
        ("moved", "stages[purchase].touchpoints[form]", "stage", "Trial", "Purchase"),
    ]
    assert jm.diff(old, new).changes[-1].index == 0
    assert jm.diff(old, new).text() == "Trial › Demo call: renamed from “Chat”\nPurchase › Form: moved from “Trial”"
    fewer = jm.loads("title: t\nstages: [{name: Trial, touchpoints: [Pricing]}, Purchase]")
    assert jm.diff(old, fewer).text() == (
        "Trial: touchpoint removed: Form; touchpoint removed: Chat\nPurchase: touchpoint removed: Checkout"
    )
    assert jm.diff(fewer, old).text() == (
        "Trial: touchpoint added: Form; touchpoint added: Chat\nPurchase: touchpoint added: Checkout"
    )
    assert [(c.kind, c.index) for c in jm.diff(fewer, old).changes] == [("added", 1), ("added", 2), ("added", 0)]


def test_the_fields_of_a_touchpoint() -> None:
    old = _journey(persona="Anna", personas=["Boris"])
    new = _tp(
        old,
        name="Pricing page",
        channel="site",
        emotion=jm.Emotion(score=1.5, label="relieved"),
        emotions={"boris": -2},
        action="Compares plans",
        thinking=["Is there a free plan?"],
        moment_of_truth=True,
        evidence=jm.Evidence(kind="observed", source="12 interviews"),
    )
    assert [(field, a, b) for _, _, field, a, b in _changes(old, new)] == [
        ("name", "Pricing", "Pricing page"),
        ("channel", None, "site"),
        ("action", None, "Compares plans"),
        ("emotion.score", -1, 1.5),
        ("emotion.label", None, "relieved"),
        ("thinking", [], ["Is there a free plan?"]),
        ("moment_of_truth", None, True),
        ("evidence", None, {"kind": "observed", "source": "12 interviews"}),
        ("emotions[boris]", None, {"score": -2, "label": None, "quote": None, "evidence": None}),
    ]
    assert jm.diff(old, new).text() == (
        "Trial › Pricing page: renamed from “Pricing”; channel (none) → site; action (none) → Compares plans;"
        " emotion −1 → +1.5; emotion · label (none) → relieved; thinking added: “Is there a free plan?”;"
        " moment of truth (none) → yes; evidence (none) → observed (12 interviews); emotion · boris (none) → −2"
    )


BARRIERS = """\
title: t
stages:
  - name: Trial
    barriers: [Too many plans]
    touchpoints:
      - name: Pricing
        barriers: [Price hidden, {description: Slow, id: b1}]
"""


def test_barriers_added_removed_and_made_worse_with_or_without_ids() -> None:
    old = jm.loads(BARRIERS)
    new = jm.loads(
        BARRIERS.replace("    barriers: [Too many plans]\n", "").replace(
            "[Price hidden, {description: Slow, id: b1}]",
            "[{description: Very slow, id: b1, severity: critical}, Price hidden]",
        )
    )
    assert [(kind, path, field) for kind, path, field, *_ in _changes(old, new)] == [
        ("removed", 'stages[trial].barriers["Too many plans"]', None),
        ("changed", "stages[trial].touchpoints[pricing].barriers[b1]", "description"),
        ("changed", "stages[trial].touchpoints[pricing].barriers[b1]", "severity"),
        ("reordered", "stages[trial].touchpoints[pricing].barriers", None),
    ]
    assert jm.diff(old, new).text().splitlines() == [
        "Trial: barrier removed: Too many plans (major)",
        "Trial › Pricing: barrier “Very slow”: description Slow → Very slow; barrier “Very slow”: severity major →"
        " critical; barriers: new order Very slow, Price hidden",
    ]
    worse = jm.loads(BARRIERS.replace("[Price hidden,", "[{description: Price hidden, severity: critical},"))
    assert jm.diff(old, worse).text() == "Trial › Pricing: barrier “Price hidden”: severity major → critical"


def test_opportunities_kpis_actions_blueprint_steps_and_lanes() -> None:
    old = jm.loads("""\
title: t
lanes: {legal: Legal review}
stages:
  - {name: Trial, opportunities: [Show prices], kpis: [Sign-ups], backstage: [Score the lead]}
actions: [Publish prices, {title: Hire a curator, status: in_progress}]
""")
    new = jm.loads("""\
title: t
lanes: {legal: {title: Legal review, titles: {ru: Юристы}}, partner: Partner steps}
stages:
  - name: Trial
    opportunities: [Show prices, Free plan]
    kpis: [{name: Sign-ups, target: 30, unit: "%"}]
    backstage: [{description: Score the lead, owner: Sales ops}]
    support: [CRM sync]
    lanes: {legal: Check the terms}
actions: [{title: Hire a curator, status: done}]
""")
    assert jm.diff(old, new).text().splitlines() == [
        "lane “Legal review”: titles · ru (none) → Юристы",
        "lane added: Partner steps",
        "Trial: opportunities added: “Free plan”; lane · legal (none) → Check the terms; KPI “Sign-ups”: target"
        " (none) → 30; KPI “Sign-ups”: unit (none) → %; backstage step “Score the lead”: owner (none) → Sales ops;"
        " support step added: CRM sync",
        "action “Hire a curator”: status in progress → done",
        "action removed: Publish prices",
    ]
    assert apply(old, jm.diff(old, new)) == new


def _fields(cls: type, seen: set[type]) -> set[str]:
    """Every field name of a model class and of the classes it holds."""
    if cls in seen:
        return set()
    seen.add(cls)
    names = set()
    for field in attrs.fields(cls):
        if field.init:
            names.add(field.name)
            for held in (*getattr(field.type, "__args__", ()), field.type):
                if isinstance(held, type) and attrs.has(held):
                    names |= _fields(held, seen)
    return names


@pytest.mark.parametrize("language", jm.i18n.LANGUAGES)
def test_every_field_of_the_model_has_a_word_in_every_language(language: str) -> None:
    words = jm.i18n.labels(language)
    model = [getattr(jm.model, name) for name in jm.model.__all__ if attrs.has(getattr(jm.model, name))]
    fields = set().union(*(_fields(cls, set()) for cls in model))
    fields -= {"actions", "barriers", "kpis", "stages", "touchpoints"}  # lists of items: each change names its item
    fields -= {"score", "to", "count"}  # the emotion's word stands for its score; a StageMove is shown whole
    renamed = {"action": "action_field", "stage": "stage_field", "touchpoint": "touchpoint_field"}
    missing = [name for name in sorted(fields) if renamed.get(name, name) not in words._diff]
    assert missing == []


def test_a_saved_and_reloaded_map_has_no_differences(example: Path) -> None:
    journey = jm.load(example)
    assert jm.diff(journey, jm.loads(jm.dumps(journey))).empty


@pytest.fixture(params=sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def test_the_examples_diff_into_each_other_and_back(example: Path) -> None:
    old = jm.load(example)
    for other in sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")):
        new = jm.load(other)
        assert apply(old, jm.diff(old, new)) == new


# --- the command -----------------------------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "old": tmp_path / "old.yaml",
        "new": tmp_path / "new.yaml",
        "json": tmp_path / "new.json",
        "mmd": tmp_path / "trial.mmd",
        "bad": tmp_path / "bad.yaml",
    }
    paths["old"].write_text(OLD, encoding="utf-8")
    paths["new"].write_text(NEW, encoding="utf-8")
    paths["json"].write_text(jm.dumps(jm.loads(NEW), format="json"), encoding="utf-8")
    paths["mmd"].write_text(MERMAID, encoding="utf-8")
    paths["bad"].write_text(OLD.replace("emotion: -1", "emotion: 7"), encoding="utf-8")
    return paths


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_the_command_prints_the_changes_and_exits_1_like_diff(files: dict[str, Path]) -> None:
    code, out, err = _run("diff", files["old"], files["new"])
    assert (code, err) == (1, "")
    assert out == jm.diff(jm.load(files["old"]), jm.load(files["new"])).text() + "\n"
    assert out.splitlines()[1].startswith("Trial sign-up › Pricing page: emotion −1 → +1")


def test_the_command_exits_0_when_nothing_changed_whatever_the_formats(files: dict[str, Path]) -> None:
    assert _run("diff", files["new"], files["json"]) == (0, "No differences.\n", "")
    assert _run("diff", "--format", "json", files["new"], files["new"])[:2] == (
        0,
        json.dumps({"language": "en", "changes": []}, indent=2) + "\n",
    )


def test_the_command_prints_json_and_markdown_for_programs_and_pull_requests(files: dict[str, Path]) -> None:
    code, out, _ = _run("diff", "--format", "json", files["old"], files["new"])
    assert code == 1
    assert json.loads(out) == jm.diff(jm.load(files["old"]), jm.load(files["new"])).to_dict()
    code, out, _ = _run("diff", "--format", "markdown", "--lang", "ru", files["old"], files["new"])
    assert code == 1
    assert "- **Trial sign\\-up › Pricing page**\n  - эмоция −1 → \\+1\n" not in out  # no needless escapes
    assert "- **Trial sign-up › Pricing page**\n  - эмоция −1 → +1\n" in out


def test_the_command_reads_any_format_journeymap_loads(files: dict[str, Path]) -> None:
    code, out, _ = _run("diff", files["mmd"], files["new"])
    assert code == 1
    # Mermaid's score 2 is −1 on journeymap's scale, and its actor is the touchpoint's, not a persona.
    assert out.splitlines()[:2] == [
        "persona added: Anna",
        "Trial sign-up › Pricing page: channel (none) → site; emotion −1 → +1; actors removed: “Anna”;"
        " barrier added: Annual plan only (critical)",
    ]


def test_an_unreadable_input_exits_2_naming_the_file_and_field(files: dict[str, Path], tmp_path: Path) -> None:
    code, out, err = _run("diff", files["old"], files["bad"])
    assert (code, out) == (2, "")
    assert err == f"error: {files['bad']}:6: stages[0].touchpoints[0].emotion.score: must be between -2 and 2, got 7\n"
    code, _, err = _run("diff", tmp_path / "missing.yaml", files["new"])
    assert code == 2
    assert "missing.yaml" in err
