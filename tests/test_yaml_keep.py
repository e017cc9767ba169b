"""Saving into a YAML file a person wrote keeps its comments, order, quoting and shorthands."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeymap as jm
from journeymap.cli import main
from journeymap.errors import JourneyMapWarning

from .conftest import EXAMPLES, example_files, examples
from .strategies import emotions, journeys, touchpoints

SETTINGS = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])

PERSONAL = """\
# yaml-language-server: $schema=../docs/journeymap.schema.json
# Our trial journey; keep the stages in the order of the funnel.
title: 'Trial sign-up'   # the working title
date: 2024-11-04
language: en
stages:
  # Before anyone signs up
  - name: Discover
    touchpoints:
      - name: Pricing page
        channel: site
        emotion: -1          # they can't find the price
        barriers:
          - "Price not shown"
          - description: No trial without a card
            severity: major
      # the demo is the moment of truth
      - name: Demo call
        emotion: {score: 1, label: relieved}
        notes: |
          Booked from the pricing page.
          Sales joins.
  - Consideration
  - name: Buy
    id: purchase
    goals: [Pay once, Get an invoice]

actions:
  - title: Show the price
    status: planned
"""


def _changed(journey: jm.Journey, stage: int, touchpoint: int, **changes: object) -> jm.Journey:
    """The journey with one touchpoint changed through the public model API (``attrs.evolve``)."""
    old_stage = journey.stages[stage]
    points = list(old_stage.touchpoints)
    points[touchpoint] = attrs.evolve(points[touchpoint], **changes)
    stages = list(journey.stages)
    stages[stage] = attrs.evolve(old_stage, touchpoints=points)
    return attrs.evolve(journey, stages=stages)


def _diff(before: str, after: str) -> list[str]:
    """The changed lines, as ``-old`` and ``+new``."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("---", "+++")]


def _first_emotion(journey: jm.Journey) -> tuple[int, int, jm.Emotion]:
    for s, stage in enumerate(journey.stages):
        for t, point in enumerate(stage.touchpoints):
            if point.emotion is not None:
                return s, t, point.emotion
    raise AssertionError("no emotion in the example")


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.name)
def test_an_unchanged_example_is_saved_byte_for_byte(example: Path, tmp_path: Path) -> None:
    copy = tmp_path / example.name
    shutil.copy(example, copy)
    jm.save(jm.load(copy), copy, overwrite=True)
    assert copy.read_bytes() == example.read_bytes()


@pytest.mark.parametrize("example", example_files(), ids=lambda path: path.name)
def test_editing_one_emotion_changes_exactly_that_line(example: Path, tmp_path: Path) -> None:
    copy = tmp_path / example.name
    shutil.copy(example, copy)
    journey = jm.load(copy)
    s, t, emotion = _first_emotion(journey)
    new_score = 2 if emotion.score != 2 else -2
    jm.save(_changed(journey, s, t, emotion=attrs.evolve(emotion, score=new_score)), copy, overwrite=True)
    before, after = example.read_text(encoding="utf-8"), copy.read_text(encoding="utf-8")
    removed, added = _diff(before, after)
    assert removed.lstrip("-").replace(str(emotion.score), str(new_score)) == added.lstrip("+")
    assert jm.load(copy).stages[s].touchpoints[t].emotion == attrs.evolve(emotion, score=new_score)


def test_a_shorthand_emotion_stays_a_number_and_its_comment_stays(tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    jm.save(_changed(journey, 0, 0, emotion=jm.Emotion(score=-2)), path, overwrite=True)
    assert _diff(PERSONAL, path.read_text(encoding="utf-8")) == [
        "-        emotion: -1          # they can't find the price",
        "+        emotion: -2          # they can't find the price",
    ]


def test_comments_quotes_and_shorthands_survive_edits_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    pricing = journey.stages[0].touchpoints[0]
    barriers = [attrs.evolve(pricing.barriers[0], description="Price shown only after sign-up"), pricing.barriers[1]]
    edited = _changed(journey, 0, 0, barriers=barriers, channel="web")
    edited = attrs.evolve(edited, title="Trial sign-up, 2025")
    jm.save(edited, path, overwrite=True)
    after = path.read_text(encoding="utf-8")
    assert _diff(PERSONAL, after) == [
        "-title: 'Trial sign-up'   # the working title",
        "+title: 'Trial sign-up, 2025' # the working title",  # the comment's column, where the value leaves room
        "-        channel: site",
        "+        channel: web",
        '-          - "Price not shown"',
        '+          - "Price shown only after sign-up"',
    ]
    assert jm.load(path) == edited


def test_an_edited_folded_text_keeps_its_line_breaks(tmp_path: Path) -> None:
    example = EXAMPLES / "b2b-saas-trial.yaml"
    path = tmp_path / example.name
    shutil.copy(example, path)
    journey = jm.load(path)
    assert journey.description is not None
    assert "four people decide" in journey.description
    edited = attrs.evolve(journey, description=journey.description.replace("four people", "five people"))
    jm.save(edited, path, overwrite=True)
    removed, added = _diff(example.read_text(encoding="utf-8"), path.read_text(encoding="utf-8"))
    assert removed.replace("four people", "five people")[1:] == added[1:]
    assert jm.load(path) == edited


def test_a_removed_touchpoint_removes_only_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    stage = journey.stages[0]
    edited = attrs.evolve(journey, stages=[attrs.evolve(stage, touchpoints=stage.touchpoints[1:]), *journey.stages[1:]])
    jm.save(edited, path, overwrite=True)
    after = path.read_text(encoding="utf-8")
    assert _diff(PERSONAL, after) == [
        "-      - name: Pricing page",
        "-        channel: site",
        "-        emotion: -1          # they can't find the price",
        "-        barriers:",
        '-          - "Price not shown"',
        "-          - description: No trial without a card",
        "-            severity: major",
    ]
    assert "# the demo is the moment of truth" in after
    assert jm.load(path) == edited


def test_new_fields_go_where_the_schema_puts_them_and_derived_ids_stay_out(tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    edited = _changed(journey, 0, 1, channel="video", reach=40)
    edited = attrs.evolve(edited, stages=[*edited.stages, jm.Stage(name="Renew")])
    jm.save(edited, path, overwrite=True)
    after = path.read_text(encoding="utf-8")
    assert _diff(PERSONAL, after) == [
        "+        channel: video",
        "+        reach: 40",
        "+  - name: Renew",
    ]
    assert after.index("- name: Demo call\n        channel: video\n        emotion:") > 0
    assert after.index("goals: [Pay once, Get an invoice]\n  - name: Renew\n\nactions:") > 0
    assert jm.load(path) == edited


def test_a_renamed_stage_whose_id_was_derived_gets_the_id_it_keeps(tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    stages = list(journey.stages)
    stages[1] = attrs.evolve(stages[1], name="Compare plans")  # the id stays 'consideration'
    stages[2] = attrs.evolve(stages[2], name="Purchase")
    edited = attrs.evolve(journey, stages=stages)
    jm.save(edited, path, overwrite=True)
    assert _diff(PERSONAL, path.read_text(encoding="utf-8")) == [
        "-  - Consideration",
        "-  - name: Buy",
        "+  - name: Compare plans",
        "+    id: consideration",
        "+  - name: Purchase",
    ]
    assert jm.load(path) == edited


def test_reordered_stages_keep_their_comments(tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    edited = attrs.evolve(journey, stages=[journey.stages[2], journey.stages[0], journey.stages[1]])
    jm.save(edited, path, overwrite=True)
    after = path.read_text(encoding="utf-8")
    assert jm.load(path) == edited
    for line in PERSONAL.splitlines():
        assert line in after.splitlines()


@pytest.mark.parametrize(
    "text",
    ["no", "yes", "on", "012", "0o17", "0x1F", "1e3", "2024-01-02", "null", "~", "true", "", " x ", "a: b", "#x", "-1"],
)
def test_text_that_looks_like_another_type_reads_back_as_text(text: str, tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    edited = _changed(journey, 0, 0, channel=text or None, action=text or None)
    edited = attrs.evolve(edited, author=text or None)
    jm.save(edited, path, overwrite=True)  # a wrong rewrite would warn, and warnings fail the tests
    assert jm.load(path) == edited


def test_yaml_1_2_scalars_a_person_wrote_are_kept(tmp_path: Path) -> None:
    text = "title: yes\nauthor: 012\nclient: 0o17\nstages:\n  - name: on\n    touchpoints: [{name: NO, emotion: -1}]\n"
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    journey = jm.load(path)
    assert (journey.title, journey.author, journey.client) == ("yes", "012", "0o17")
    jm.save(_changed(journey, 0, 0, emotion=jm.Emotion(score=1)), path, overwrite=True)
    assert _diff(text, path.read_text(encoding="utf-8")) == [
        "-    touchpoints: [{name: NO, emotion: -1}]",
        "+    touchpoints: [{name: NO, emotion: 1}]",
    ]


@SETTINGS
@given(journeys(), journeys())
def test_saving_into_another_journeys_file_reads_back_as_the_new_journey(old: jm.Journey, new: jm.Journey) -> None:
    text = jm.dumps(old)
    assert jm.loads(jm.dumps(new, keep=text)) == new


@SETTINGS
@given(st.sampled_from(example_files()), journeys())
def test_saving_any_journey_into_an_example_file_reads_back_as_that_journey(example: Path, new: jm.Journey) -> None:
    """The examples hold comments, folded text, flow lists and explicit ids: a merge of anything into them is right."""
    assert jm.loads(jm.dumps(new, keep=example.read_text(encoding="utf-8"))) == new


@SETTINGS
@given(st.sampled_from(example_files()), st.data())
def test_edits_of_an_example_read_back_and_keep_its_header(example: Path, data: st.DataObject) -> None:
    text = example.read_text(encoding="utf-8")
    journey = jm.loads(text)
    stages = []
    for stage in journey.stages:
        points = [
            attrs.evolve(point, emotion=data.draw(st.none() | emotions)) if data.draw(st.booleans()) else point
            for point in stage.touchpoints
            if data.draw(st.integers(0, 5))  # now and then a touchpoint is removed
        ]
        stages.append(attrs.evolve(stage, touchpoints=points, frontstage=[], backstage=[], support=[]))
    if data.draw(st.booleans()):
        stages.reverse()
    edited = attrs.evolve(journey, stages=stages)
    result = jm.dumps(edited, keep=text)
    assert jm.loads(result) == edited
    header = text[: text.index("schema_version:")]
    assert result.startswith(header)


@SETTINGS
@given(journeys(), st.data())
def test_editing_touchpoints_of_a_journey_reads_back_and_keeps_the_rest(
    journey: jm.Journey, data: st.DataObject
) -> None:
    text = jm.dumps(journey)
    stages = []
    for stage in journey.stages:
        points = [
            attrs.evolve(point, emotion=data.draw(st.none() | emotions)) if data.draw(st.booleans()) else point
            for point in stage.touchpoints
            if data.draw(st.integers(0, 4))  # now and then a touchpoint is removed
        ]
        if data.draw(st.booleans()):
            points.append(attrs.evolve(data.draw(touchpoints), id=f"added-{len(stages)}"))
        stages.append(attrs.evolve(stage, touchpoints=points, frontstage=[], backstage=[], support=[]))
    edited = attrs.evolve(journey, stages=stages, title=data.draw(st.sampled_from([journey.title, "New title"])))
    result = jm.dumps(edited, keep=text)
    assert jm.loads(result) == edited
    if "\npersona:" in text:  # a part no edit touched is the same text
        start = text.index("\npersona:")
        end = next((i for i in range(start + 1, len(text) - 1) if text[i] == "\n" and text[i + 1] != " "), len(text))
        # ruamel.yaml writes escapes its own way, the rest as it was
        kept = [line for line in text[start + 1 : end].splitlines() if "\\" not in line]
        assert all(line in result.splitlines() for line in kept)


def test_keep_names_the_file_whose_layout_is_kept(tmp_path: Path) -> None:
    source, target = tmp_path / "trial.yaml", tmp_path / "measured.yaml"
    source.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(source)
    jm.save(_changed(journey, 0, 0, reach=120), target, keep=source)
    assert _diff(PERSONAL, target.read_text(encoding="utf-8")) == ["+        reach: 120"]
    assert source.read_text(encoding="utf-8") == PERSONAL


def test_keep_must_name_a_yaml_file(tmp_path: Path) -> None:
    with pytest.raises(jm.ValidationError, match=r"keep: must be a YAML journey file"):
        jm.save(jm.Journey(title="A"), tmp_path / "out.yaml", keep=tmp_path / "map.json")


def test_windows_line_ends_and_a_byte_order_mark_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    original = b"\xef\xbb\xbf" + PERSONAL.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    journey = jm.load(path)
    jm.save(journey, path, overwrite=True)
    assert path.read_bytes() == original
    jm.save(_changed(journey, 0, 0, emotion=jm.Emotion(score=-2)), path, overwrite=True)
    after = path.read_bytes().decode("utf-8")
    assert after.count("\r\n") == PERSONAL.count("\n")
    assert _diff(PERSONAL, after.replace("\r\n", "\n")) == [
        "-        emotion: -1          # they can't find the price",
        "+        emotion: -2          # they can't find the price",
    ]


def test_keep_false_writes_the_file_afresh(tmp_path: Path) -> None:
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    jm.save(journey, path, overwrite=True, keep=False)
    assert path.read_text(encoding="utf-8") == jm.dumps(journey)
    assert "#" not in path.read_text(encoding="utf-8")


def test_a_kept_file_that_does_not_load_is_an_error_naming_it(tmp_path: Path) -> None:
    bad, target = tmp_path / "bad.yaml", tmp_path / "out.yaml"
    bad.write_text("title: A\nstages:\n  - name: B\n    touchpoints: [{name: C, emotion: 7}]\n", encoding="utf-8")
    with pytest.raises(jm.ValidationError, match=r"bad\.yaml:4: stages\[0\]\.touchpoints\[0\]\.emotion"):
        jm.save(jm.Journey(title="A"), target, keep=bad)
    assert not target.exists()


def test_without_ruamel_an_edited_file_is_written_afresh_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [name for name in sys.modules if name == "ruamel" or name.startswith("ruamel.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "ruamel", None)  # `import ruamel.yaml` now raises ImportError
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    journey = jm.load(path)
    jm.save(journey, path, overwrite=True)
    assert path.read_text(encoding="utf-8") == PERSONAL  # unchanged: nothing to rewrite
    edited = _changed(journey, 0, 0, emotion=jm.Emotion(score=-2))
    with pytest.warns(JourneyMapWarning, match=r"trial\.yaml: written afresh.*ruamel\.yaml is not installed") as caught:
        jm.save(edited, path, overwrite=True)
    assert caught[0].filename == __file__  # the warning points at the caller's line
    assert path.read_text(encoding="utf-8") == jm.dumps(edited)


def test_mine_keeps_the_layout_of_the_journey_it_measures(tmp_path: Path) -> None:
    journey = tmp_path / "journey.yaml"
    journey.write_text(
        "# measured every Monday\ntitle: Shop\nstages:\n  - name: Visit  # landing\n    touchpoints: [Home]\n",
        encoding="utf-8",
    )
    log = tmp_path / "log.csv"
    log.write_text("customer_id,touchpoint,timestamp\na,home,2024-01-01T10:00:00Z\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["mine", str(log), "-j", str(journey), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# measured every Monday\ntitle: Shop\nstages:\n  - name: Visit  # landing\n")
    assert jm.load(out).stages[0].metrics is not None


def test_loading_and_saving_a_new_file_does_not_import_ruamel(tmp_path: Path) -> None:
    code = (
        "import sys, journeymap as jm\n"
        f"j = jm.load({str(example_files()[0])!r})\n"
        f"jm.save(j, {str(tmp_path / 'new.yaml')!r})\n"
        f"jm.save(j, {str(tmp_path / 'new.yaml')!r}, overwrite=True)\n"  # unchanged: the file is left as it is
        "print('ruamel.yaml' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_rewrite_that_would_mean_another_journey_is_refused_for_a_fresh_dump(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.serialization import _roundtrip

    monkeypatch.setattr(_roundtrip, "update", lambda text, old, new: text.replace("emotion: -1", "emotion: 1"))
    path = tmp_path / "trial.yaml"
    path.write_text(PERSONAL, encoding="utf-8")
    edited = _changed(jm.load(path), 0, 0, emotion=jm.Emotion(score=-2))
    with pytest.warns(JourneyMapWarning, match=r"trial\.yaml: written afresh.*did not read back as the journey"):
        jm.save(edited, path, overwrite=True)
    assert path.read_text(encoding="utf-8") == jm.dumps(edited)


def test_export_over_an_existing_yaml_file_keeps_its_layout(tmp_path: Path) -> None:
    target, source = tmp_path / "trial.yaml", tmp_path / "changed.json"
    target.write_text(PERSONAL, encoding="utf-8")
    edited = _changed(jm.load(target), 0, 0, emotion=jm.Emotion(score=-2))
    jm.save(edited, source)
    result = CliRunner().invoke(main, ["export", str(source), "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert _diff(PERSONAL, target.read_text(encoding="utf-8")) == [
        "-        emotion: -1          # they can't find the price",
        "+        emotion: -2          # they can't find the price",
    ]


def test_the_example_in_docs_format_md_changes_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = (EXAMPLES.parent / "docs" / "format.md").read_text(encoding="utf-8")
    section = docs[docs.index("## Saving keeps your YAML") :]
    code = section[section.index("```python\n") + len("```python\n") : section.index("```\n", 10)]
    monkeypatch.chdir(tmp_path)
    Path("trial.yaml").write_text(PERSONAL, encoding="utf-8")
    exec(compile(code, "docs/format.md", "exec"), {})
    assert _diff(PERSONAL, Path("trial.yaml").read_text(encoding="utf-8")) == [
        "-        emotion: -1          # they can't find the price",
        "+        emotion: 1           # they can't find the price",
    ]
