"""Loading and saving journeys: round trips, shorthands, YAML 1.2 scalars, and located errors."""

from __future__ import annotations

import datetime as dt
import gc
import json
from pathlib import Path

import pytest

import journeymap as jm
from journeymap.errors import TargetExistsError, UnknownFormatError, ValidationError

SMALL = """\
title: Buying a course
stages:
  - name: Awareness
    touchpoints:
      - {name: NO, channel: social, emotion: 1, barriers: [Price hidden]}
      - {name: 012, emotion: {score: -1.5, label: meh}}
  - Consideration
"""


def test_plain_scalars_keep_their_text_in_text_fields() -> None:
    """`NO`, `Off`, `yes`, `012`, `1e3`, `null`-like words stay the text written."""
    text = "title: Off\nproduct: 012\nclient: yes\nauthor: 1e3\nstages: [NO, 0x1F, .inf]\n"
    journey = jm.loads(text)
    assert (journey.title, journey.product, journey.client, journey.author) == ("Off", "012", "yes", "1e3")
    assert [s.name for s in journey.stages] == ["NO", "0x1F", ".inf"]


def test_number_fields_read_yaml_1_2_numbers() -> None:
    text = "title: t\nstages:\n  - name: s\n    touchpoints:\n      - {name: a, emotion: -1.5, reach: 0x10}\n"
    touchpoint = jm.loads(text).stages[0].touchpoints[0]
    assert touchpoint.emotion == jm.Emotion(score=-1.5)
    assert touchpoint.reach == 16


def test_shorthands_mean_what_a_person_expects() -> None:
    text = """\
title: t
persona: Anna
segment: Marketers
stages:
  - name: Awareness
    goals: Learn the trade
    touchpoints:
      - name: Ad
        emotion: -1
        barriers: [Price hidden]
      - Landing page
    kpis: [Reach]
  - Purchase
actions: [Fix the price page]
"""
    journey = jm.loads(text)
    stage = journey.stages[0]
    assert journey.persona == jm.Persona(name="Anna")
    assert journey.segment == jm.Segment(name="Marketers")
    assert stage.goals == ("Learn the trade",)
    assert stage.touchpoints[0].emotion == jm.Emotion(score=-1)
    assert stage.touchpoints[0].barriers == (jm.Barrier(description="Price hidden", severity=jm.Severity.MAJOR),)
    assert stage.touchpoints[1] == jm.Touchpoint(name="Landing page")
    assert stage.kpis == (jm.Kpi(name="Reach"),)
    assert journey.actions == (jm.Action(title="Fix the price page"),)
    assert [s.name for s in journey.stages] == ["Awareness", "Purchase"]


def test_saving_writes_the_compact_form_back() -> None:
    journey = jm.loads(SMALL)
    text = jm.dumps(journey)
    assert text.startswith("schema_version: 1\ntitle: Buying a course\n")
    assert "emotion: 1\n" in text
    assert "- Price hidden\n" in text
    assert "id:" not in text  # ids equal to the slug of the name are derived again on load


def test_repeated_names_get_distinct_ids_that_survive_a_round_trip() -> None:
    journey = jm.loads("title: t\nstages: [Visit, Visit, {name: Visit, id: visit-2}]\n")
    assert [s.id for s in journey.stages] == ["visit", "visit-3", "visit-2"]
    assert jm.loads(jm.dumps(journey)) == journey


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_multilingual_and_multiline_text_round_trips(fmt: str) -> None:
    journey = jm.Journey(
        title="Путь клиента 🚀",
        language="ro",
        description="Prima linie\nA doua linie cu ș și ț\n\n  indentată\n",
        stages=[jm.Stage(name="Conștientizare", notes="trailing spaces   \nand\ttabs")],
        actions=[jm.Action(title="Исправить", stage="conștientizare", due=dt.date(2026, 12, 1))],
    )
    assert jm.loads(jm.dumps(journey, fmt), fmt) == journey


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_save_and_load_choose_the_format_by_suffix(tmp_path: Path, suffix: str) -> None:
    journey = jm.loads(SMALL)
    path = jm.save(journey, tmp_path / f"copy{suffix}")
    assert jm.load(path) == journey
    if suffix == ".json":
        assert json.loads(path.read_text(encoding="utf-8"))["title"] == "Buying a course"


def test_save_refuses_to_replace_a_file_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "journey.yaml"
    target.write_text("precious", encoding="utf-8")
    journey = jm.loads(SMALL)
    with pytest.raises(TargetExistsError, match="already exists"):
        jm.save(journey, target)
    assert target.read_text(encoding="utf-8") == "precious"
    jm.save(journey, target, overwrite=True)
    assert jm.load(target) == journey
    assert [p.name for p in tmp_path.iterdir()] == ["journey.yaml"]  # no temporary file left behind


def test_unknown_suffix_and_format_list_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError, match=r"\.json, \.mmd, \.xlsx, \.yaml, \.yml"):
        jm.load(tmp_path / "journey.txt")
    with pytest.raises(UnknownFormatError, match="json, yaml"):
        jm.loads("title: t", format="toml")


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    assert jm.loads("\ufefftitle: t\n".encode()).title == "t"


BAD_INPUTS = [
    pytest.param(
        "title: x\nstages:\n  - name: A\n    touchpoints:\n      - name: t\n        emotion: 7\n",
        "f.yaml:6: stages[0].touchpoints[0].emotion.score: must be between -2 and 2, got 7",
        id="score-out-of-range",
    ),
    pytest.param(
        "title: x\nstages:\n  - name: A\n    touchpoints:\n      - {name: t, emotion: {score: .nan}}\n",
        "f.yaml:5: stages[0].touchpoints[0].emotion.score: must be a finite number, got nan",
        id="nan-score",
    ),
    pytest.param(
        "title: x\nkpis:\n  - {name: NPS, target: .inf}\n",
        "f.yaml:3: kpis[0].target: must be a finite number, got inf",
        id="infinite-kpi",
    ),
    pytest.param(
        "title: x\nstages:\n  - name: A\n    touchpoints:\n      - name: t\n        emotoin: 1\n",
        "f.yaml:6: stages[0].touchpoints[0].emotoin: unknown key (did you mean 'emotion'?)",
        id="unknown-key-with-suggestion",
    ),
    pytest.param("title: x\ntitle: y\n", "f.yaml:2: duplicate key 'title' (first at line 1)", id="duplicate-key"),
    pytest.param(
        "- a\n- b\n",
        "f.yaml:1: a journey document must be a mapping of fields (title, stages, …), got a list",
        id="not-a-mapping",
    ),
    pytest.param("", "f.yaml: the document is empty; a journey needs at least a title", id="empty"),
    pytest.param("# only a comment\n", "f.yaml: the document is empty; a journey needs at least a title", id="comment"),
    pytest.param(
        b"title: caf\xe9\n", "f.yaml:1: not UTF-8 text (byte 0xe9 at offset 10); save the file as UTF-8", id="latin-1"
    ),
    pytest.param("stages: [A]\n", "f.yaml:1: title: is required", id="missing-title"),
    pytest.param("title: '  '\n", "f.yaml:1: title: must not be empty", id="blank-title"),
    pytest.param(
        "title: x\nstages:\n  - {name: A, id: a}\n  - {name: B, id: a}\n",
        "f.yaml:4: stages[1].id: duplicate id 'a' (also at stages[0])",
        id="duplicate-explicit-id",
    ),
    pytest.param(
        "title: x\nstages: [A]\nactions:\n  - {title: Fix, stage: b}\n",
        "f.yaml:4: actions[0].stage: refers to stage 'b', which does not exist (stage ids: a)",
        id="action-to-missing-stage",
    ),
    pytest.param(
        "title: x\nstages:\n  - name: A\n    touchpoints:\n"
        "      - {name: t, barriers: [{description: d, severity: huge}]}\n",
        "f.yaml:5: stages[0].touchpoints[0].barriers[0].severity: must be one of minor, major, critical, got 'huge'",
        id="bad-severity",
    ),
    pytest.param(
        "title: x\nstages:\n  - name: A\n    touchpoints:\n      - {name: t, owned: yes}\n",
        "f.yaml:5: stages[0].touchpoints[0].owned: must be true or false, got 'yes'",
        id="yaml-1-1-boolean",
    ),
    pytest.param(
        "title: x\nstages:\n  - name: A\n    touchpoints:\n      - {name: t, reach: lots}\n",
        "f.yaml:5: stages[0].touchpoints[0].reach: must be a number, got 'lots'",
        id="reach-not-a-number",
    ),
    pytest.param(
        "title: x\nstages:\n  - name: A\n    touchpoints:\n      - {name: t, reach: -3}\n",
        "f.yaml:5: stages[0].touchpoints[0].reach: must be at least 0, got -3",
        id="negative-reach",
    ),
    pytest.param(
        "title: x\ndate: 23.11.2026\n",
        "f.yaml:2: date: must be a date written YYYY-MM-DD, got '23.11.2026'",
        id="bad-date",
    ),
    pytest.param("title: x\nlanguage: Russian!\n", "f.yaml:2: language: must be a BCP 47 language tag", id="language"),
    pytest.param(
        "schema_version: 9\ntitle: x\n",
        "f.yaml:1: schema_version: is 9, but this journeymap reads versions up to 1; upgrade journeymap",
        id="newer-schema",
    ),
    pytest.param("title: [unclosed\n", "f.yaml:2: invalid YAML:", id="syntax"),
    pytest.param("title: x\n---\ntitle: y\n", "f.yaml:2: invalid YAML: expected a single document", id="two-documents"),
    pytest.param(
        "title: !!python/object/apply:os.system [echo hi]\n",
        "f.yaml:1: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        id="python-object-tag",
    ),
    pytest.param("a: &a [*a]\n", "f.yaml:1: recursive alias: a node contains itself", id="recursive-alias"),
    pytest.param(
        "title: x\nstages: {name: A}\n",
        "f.yaml:2: stages: ",
        id="stages-not-a-list",
    ),
    pytest.param(
        "title: x\nstages:\n  - name: A\n    goals: [ok, [nested]]\n",
        "f.yaml:4: stages[0].goals[1]: must be text, got a list",
        id="nested-list-in-text-list",
    ),
    pytest.param(
        'title: x\nlanes:\n  "legal[1].review": [a]\n',
        'f.yaml:3: lanes["legal[1].review"]: must be a mapping or a text, got a list',
        id="key-holding-path-characters",
    ),
    pytest.param(
        'title: x\nstages:\n  - name: A\n    touchpoints:\n      - name: t\n        emotions: {"a.b": 9}\n',
        'f.yaml:6: stages[0].touchpoints[0].emotions["a.b"].score: must be between -2 and 2, got 9',
        id="persona-key-with-a-dot",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_INPUTS)
def test_bad_input_gives_a_located_error(text: str | bytes, message: str) -> None:
    with pytest.raises(jm.JourneyMapError) as caught:
        jm.loads(text, source="f.yaml")
    assert str(caught.value).splitlines()[0].startswith(message)


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(jm.ParseError, match="billion laughs"):
        jm.loads("\n".join(lines), source="bomb.yaml")


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = "title: x\nstages:\n  - name: A\n    touchpoints:\n      - {name: t, emotion: 7}\n      - {name: ''}\n"
    with pytest.raises(jm.ValidationError) as caught:
        jm.loads(text, source="f.yaml")
    assert [(p.line, p.path) for p in caught.value.problems] == [
        (5, "stages[0].touchpoints[0].emotion.score"),
        (6, "stages[0].touchpoints[1].name"),
    ]


JSON_BAD = [
    pytest.param('{"title": "x",\n "title": "y"}', "f.json:2: duplicate key 'title' (first at line 1)", id="dup"),
    pytest.param('{"title": "x",\n "stages": [{"name": 5}]}', "f.json:2: stages[0].name: must be text", id="type"),
    pytest.param('{"title": "x",\n', "f.json:2: invalid JSON: Expecting property name", id="syntax"),
    pytest.param(
        '{"title": "x",\n "kpis": [{"name": "NPS",\n "actual": NaN}]}',
        "f.json:3: kpis[0].actual: must be a finite number, got nan",
        id="nan",
    ),
]


@pytest.mark.parametrize(("text", "message"), JSON_BAD)
def test_json_errors_are_located_too(text: str, message: str) -> None:
    with pytest.raises(jm.JourneyMapError) as caught:
        jm.loads(text, format="json", source="f.json")
    assert str(caught.value).startswith(message)


def test_load_names_the_file_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "school.yaml"
    path.write_text("title: x\nstages:\n  - name: ''\n", encoding="utf-8")
    with pytest.raises(jm.ValidationError, match=r"school\.yaml:3: stages\[0\]\.name: must not be empty"):
        jm.load(path)


def test_validation_errors_are_value_errors_and_keep_their_data() -> None:
    with pytest.raises(ValueError, match="score") as caught:
        jm.Emotion(score=3)
    assert isinstance(caught.value, jm.ValidationError)
    assert caught.value.path == "score"


def test_saved_files_get_ordinary_permissions(tmp_path: Path) -> None:
    """Atomic writing must not leave the owner-only mode of a temporary file on the result."""
    import os

    umask = os.umask(0o022)
    try:
        path = jm.save(jm.loads(SMALL), tmp_path / "journey.yaml")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_and_saving_leave_the_garbage_collector_as_it_was(enabled: bool) -> None:
    """loads and dumps pause the cyclic collector while they work, and only then."""
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        jm.dumps(jm.loads(SMALL), "json")
        assert gc.isenabled() is enabled
        with pytest.raises(ValidationError):
            jm.loads("title: t\nstages: [{name: a, touchpoints: [{name: b, emotion: 7}]}]\n")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
