"""The shipped examples are complete journeys, round-trip, render, and the tutorial's code runs."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import itertools
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
import yaml

import journeymap as jm
from journeymap.errors import MissingDependencyError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TUTORIAL = ROOT / "docs" / "tutorial.md"
RENDER_ALL = EXAMPLES / "render_all.py"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../docs/journeymap.schema.json"

LANGUAGES = {"online-school": "ru", "wedding-photographer": "ro", "b2b-saas-trial": "en"}
CEDILLA = "şţŞŢ"  # Romanian uses comma-below ș ț Ș Ț (U+0219, U+021B, U+0218, U+021A)


def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def texts_of(value: Any) -> Iterator[str]:
    """Every piece of text in a model object, recursively."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from texts_of(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from texts_of(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from texts_of(getattr(value, field.name))


def stage_barriers(stage: jm.Stage) -> list[jm.Barrier]:
    """The stage's own barriers and those of its touchpoints."""
    return [*stage.barriers, *(b for tp in stage.touchpoints for b in tp.barriers)]


@pytest.fixture(params=example_paths(), ids=lambda p: p.stem)
def example(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def test_the_three_required_examples_exist() -> None:
    assert {p.stem for p in example_paths()} >= set(LANGUAGES)


def test_example_starts_with_the_schema_comment(example: Path) -> None:
    assert example.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_COMMENT


def test_example_is_in_its_language(example: Path) -> None:
    assert jm.load(example).language == LANGUAGES[example.stem]


def test_example_has_metadata_persona_and_segment(example: Path) -> None:
    j = jm.load(example)
    assert all((j.title, j.product, j.client, j.author, j.date, j.description, j.notes))
    assert j.persona is not None
    persona = j.persona
    assert all((persona.age, persona.occupation, persona.income, persona.location, persona.quote))
    assert all((persona.goals, persona.motivations, persona.pains, persona.influences))
    assert j.segment is not None
    segment = j.segment
    assert all((segment.demographic, segment.geographic, segment.psychographic, segment.behavioural))


def test_example_stages_cover_every_phase_and_every_lane(example: Path) -> None:
    j = jm.load(example)
    assert len(j.stages) >= 5
    assert {stage.phase for stage in j.stages} == set(jm.Phase)
    assert j.stages[-1].phase is jm.Phase.POST_PURCHASE
    for stage in j.stages:
        assert stage.owner, stage.id
        assert all((stage.goals, stage.expectations, stage.questions)), stage.id
        assert stage.kpis, stage.id
    assert any(stage.opportunities for stage in j.stages)
    kpis = [kpi for stage in j.stages for kpi in stage.kpis] + list(j.kpis)
    assert all(kpi.target is not None and kpi.actual is not None and kpi.unit for kpi in kpis)


def test_example_touchpoints_have_channel_owned_action_and_emotion(example: Path) -> None:
    touchpoints = [tp for _, tp in jm.load(example).touchpoints()]
    assert len(touchpoints) >= 15
    for tp in touchpoints:
        assert tp.channel, tp.id
        assert tp.owned is not None, tp.id
        assert tp.emotion is not None, tp.id
        assert tp.action, tp.id
    assert {tp.owned for tp in touchpoints} == {True, False}
    assert len({tp.channel for tp in touchpoints}) >= 6


def test_example_emotions_span_the_scale_with_a_sharp_drop(example: Path) -> None:
    touchpoints = [tp for _, tp in jm.load(example).touchpoints()]
    scores = [tp.emotion.score for tp in touchpoints if tp.emotion is not None]
    assert min(scores) == -2
    assert max(scores) == 2
    assert any(before - after >= 2 for before, after in itertools.pairwise(scores))
    full = [tp.emotion for tp in touchpoints if tp.emotion is not None and tp.emotion.label]
    assert full
    assert any(emotion.quote for emotion in full)


def test_example_uses_both_emotion_forms_and_string_barriers(example: Path) -> None:
    """The file shows the shorthands a person writes next to the full forms."""
    raw = yaml.safe_load(example.read_text(encoding="utf-8"))
    touchpoints = [tp for stage in raw["stages"] for tp in stage["touchpoints"]]
    emotions = [tp["emotion"] for tp in touchpoints]
    assert any(isinstance(e, int) for e in emotions)
    assert any(isinstance(e, dict) for e in emotions)
    barriers = [b for stage in raw["stages"] for b in stage.get("barriers", [])]
    barriers += [b for tp in touchpoints for b in tp.get("barriers", [])]
    assert any(isinstance(b, str) for b in barriers)
    assert any(isinstance(b, dict) for b in barriers)


def test_example_has_barriers_of_every_severity_and_an_overloaded_stage(example: Path) -> None:
    j = jm.load(example)
    barriers = [b for stage in j.stages for b in stage_barriers(stage)]
    assert {b.severity for b in barriers} == set(jm.Severity)
    critical = [b for b in barriers if b.severity is jm.Severity.CRITICAL]
    assert all(b.cause and b.remedy for b in critical)
    # Seed rule: more than two barriers at a step and the customer will likely abandon.
    assert any(len(stage_barriers(stage)) > 2 for stage in j.stages)


def test_example_has_journey_kpis_and_an_action_plan(example: Path) -> None:
    j = jm.load(example)
    assert any("NPS" in kpi.name for kpi in j.kpis)
    assert len(j.actions) >= 5
    stage_ids = {stage.id for stage in j.stages}
    for action in j.actions:
        assert action.stage in stage_ids, action.title
        assert all((action.owner, action.due)), action.title
    assert len({action.status for action in j.actions}) >= 3


def test_romanian_example_uses_comma_below_not_cedilla() -> None:
    text = (EXAMPLES / "wedding-photographer.yaml").read_text(encoding="utf-8")
    assert not [c for c in text if c in CEDILLA]
    assert "ș" in text
    assert "ț" in text
    assert "ă" in text
    assert "â" in text
    assert "î" in text
    j = jm.load(EXAMPLES / "wedding-photographer.yaml")
    assert not [t for t in texts_of(j) if any(c in CEDILLA for c in t)]


def test_example_round_trips_through_yaml_and_json(example: Path) -> None:
    j = jm.load(example)
    assert jm.loads(jm.dumps(j, format="yaml"), format="yaml") == j
    assert jm.loads(jm.dumps(j, format="json"), format="json") == j


def test_example_keeps_multiline_text(example: Path) -> None:
    j = jm.load(example)
    assert j.notes is not None
    assert "\n\n" in j.notes
    assert jm.loads(jm.dumps(j)).notes == j.notes


# --- examples/render_all.py ------------------------------------------------


def run_render_all(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RENDER_ALL), *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


@attrs.frozen
class Rendered:
    """Two runs of render_all.py into one directory: every example, then one of them again beside a broken one."""

    out: Path
    first: subprocess.CompletedProcess[str]
    again: subprocess.CompletedProcess[str]
    again_example: str


BROKEN = "title: Broken\nstages:\n  - name: A\n    emotion: 1\n"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """Render the examples once (into a directory render_all creates), then re-render one into the same directory.

    The second run renders ``b2b-saas-trial.yaml`` over its earlier output next to a broken journey, so one
    short run shows both that earlier output is replaced and that a broken example is reported and fails.
    """
    base = tmp_path_factory.mktemp("render_all")
    out = base / "out"
    first = run_render_all(str(out))
    examples = base / "examples"
    examples.mkdir()
    shutil.copy(EXAMPLES / "b2b-saas-trial.yaml", examples)
    (examples / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    again = run_render_all(str(out), "--examples", str(examples))
    return Rendered(out=out, first=first, again=again, again_example="b2b-saas-trial")


def test_render_all_writes_a_json_copy_of_every_example(rendered: Rendered) -> None:
    result, out = rendered.first, rendered.out
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.splitlines()]
    for path in example_paths():
        copy = out / f"{path.stem}.json"
        assert copy in printed
        assert jm.load(copy) == jm.load(path)
    assert all(p.is_file() for p in printed)


def test_render_all_replaces_earlier_output(rendered: Rendered) -> None:
    """Rendering an example again over its files writes every one of them again, without an error."""
    first = [line for line in rendered.first.stdout.splitlines() if Path(line).name.startswith(rendered.again_example)]
    assert len(first) > 1  # the JSON copy and the deliverables
    assert rendered.again.stdout.splitlines() == first
    assert rendered.again.stderr.count("error:") == 2, rendered.again.stderr  # the broken file and the total
    assert "error: 1 example(s) failed" in rendered.again.stderr


def test_render_all_reports_a_broken_example_and_fails(rendered: Rendered) -> None:
    result = rendered.again
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "broken.yaml:4: stages[0]" in result.stderr
    assert (rendered.out / "b2b-saas-trial.json").is_file()
    assert not (rendered.out / "broken.json").exists()


def test_render_all_without_outdir_is_a_usage_error() -> None:
    result = run_render_all()
    assert result.returncode == 2
    assert "OUTDIR" in result.stderr


def load_render_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_all", RENDER_ALL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@attrs.frozen
class FakeExporter:
    name: str
    suffixes: tuple[str, ...]


def test_render_all_exports_every_available_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With jm.formats/jm.export present, each exporter writes <stem><suffix>; a missing extra is skipped."""
    render_all = load_render_all()
    calls: list[str] = []

    def export(journey: jm.Journey, path: Path, *, format: str, overwrite: bool = False) -> Path:
        assert overwrite
        assert path.suffix in {f.suffixes[0] for f in formats if f.name == format}
        if format == "pptx":
            raise MissingDependencyError("python-pptx", "pptx")
        calls.append(path.name)
        path.write_text(journey.title, encoding="utf-8")
        return path

    formats = [
        FakeExporter("json", (".json",)),
        FakeExporter("mermaid", (".mmd", ".mermaid")),
        FakeExporter("outline", (".mmd",)),
        FakeExporter("pptx", (".pptx",)),
    ]
    monkeypatch.setattr(jm, "formats", lambda: formats, raising=False)
    monkeypatch.setattr(jm, "export", export, raising=False)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()) as err:
        assert render_all.main([str(tmp_path)]) == 0
    stem = "online-school"
    assert f"{stem}.mmd" in calls
    assert f"{stem}.outline.mmd" in calls
    assert not any(name.endswith(".json") for name in calls)  # the JSON copy is not exported twice
    assert f"skipped {stem}.pptx" in err.getvalue()
    assert str(tmp_path / f"{stem}.outline.mmd") in out.getvalue().splitlines()


# --- docs/tutorial.md -----------------------------------------------------------

FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def fenced_blocks(page: Path) -> list[tuple[str, str, str]]:
    """(language, title, body) of every fenced block of a Markdown page, in order."""
    blocks = []
    for match in FENCE.finditer(page.read_text(encoding="utf-8")):
        language, _, rest = match["info"].strip().partition(" ")
        title = re.search(r'title="([^"]+)"', rest)
        blocks.append((language, title[1] if title else "", match["body"]))
    return blocks


def run_console(body: str, cwd: Path) -> None:
    """Run each ``$ journeymap ...`` line of a console block; its output must be the lines below it."""
    commands: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        else:
            commands[-1][1].append(line)
    for command, expected in commands:
        program, *args = shlex.split(command)
        assert program == "journeymap", command
        result = subprocess.run(
            [sys.executable, "-m", "journeymap", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert (result.stdout + result.stderr).splitlines() == expected, command
        problems = [line for line in expected if re.match(r"\S+:\d+: ", line)]
        assert result.returncode == (2 if problems else 0), command


def test_tutorial_code_runs_and_prints_what_the_page_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files the tutorial names are written, its Python and commands run in order, each output matches the page."""
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("*.py", "plugins"))
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "tutorial"}
    blocks = fenced_blocks(TUTORIAL)
    ran = {"python": 0, "console": 0}
    for index, (language, title, body) in enumerate(blocks):
        if title:
            (tmp_path / title).write_text(body, encoding="utf-8")
        if language == "console" and body.startswith("$ journeymap "):
            run_console(body, tmp_path)
            ran["console"] += 1
        if language != "python":
            continue
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(compile(body, f"{TUTORIAL.name} block {index}", "exec"), namespace)
        ran["python"] += 1
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and following[0] == "text":
            assert output.getvalue() == following[2], f"output of tutorial block {index}"
    assert ran["python"] >= 6
    assert ran["console"] >= 3


def test_tutorial_yaml_is_a_valid_journey() -> None:
    files = [(title, body) for language, title, body in fenced_blocks(TUTORIAL) if language == "yaml"]
    assert files
    assert files[0][0] == "yoga.yaml"
    journey = jm.loads(files[0][1], source=files[0][0])
    assert len(journey.stages) == 3


def test_index_code_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The snippet on the front page of the docs works from the repository root."""
    monkeypatch.chdir(ROOT)
    snippets = [body for language, _, body in fenced_blocks(ROOT / "docs" / "index.md") if language == "python"]
    assert snippets
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for snippet in snippets:
            exec(compile(snippet, "index.md", "exec"), {"__name__": "index"})
    assert "Осведомлённость · Пост эксперта школы" in output.getvalue()


# --- examples/b2b-saas-trial-events.csv (the event log docs/mining.md runs on) ---------------------------


def test_the_shipped_event_log_is_what_its_script_writes(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "make_trial_events.py"), str(tmp_path / "events.csv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    shipped = EXAMPLES / "b2b-saas-trial-events.csv"
    assert (tmp_path / "events.csv").read_bytes() == shipped.read_bytes(), "run python examples/make_trial_events.py"


def test_the_event_log_matches_the_trial_journey() -> None:
    pytest.importorskip("duckdb")
    from journeymap import mining

    trial = jm.load(EXAMPLES / "b2b-saas-trial.yaml")
    metrics = mining.mine(EXAMPLES / "b2b-saas-trial-events.csv", trial, segment="plan")
    assert 300 <= metrics.events <= 600
    assert {u.name for u in metrics.unmatched} == {"login", "docs-search", "competitor-pricing"}
    assert all(stage.metrics.reached > 0 for stage in metrics.stages)  # every stage has customers
    assert [s.segment for s in metrics.segments] == ["growth", "starter"]
