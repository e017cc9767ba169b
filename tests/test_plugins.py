"""The plugin system: hooks, the manager, export(), the CLI commands and the test kit.

Every test uses an isolated plugin manager (no entry points) unless it says otherwise.
"""

from __future__ import annotations

import ast
import importlib.metadata
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, BinaryIO

import pytest
from click.testing import CliRunner

import journeymap as jm
from journeymap import hookspecs, plugins
from journeymap.cli import main
from journeymap.errors import (
    ExportError,
    JourneyMapError,
    MissingDependencyError,
    TargetExistsError,
    UnknownFormatError,
    ValidationError,
)
from journeymap.hookspecs import ExporterRegistry, hookimpl
from journeymap.testing import check_exporter, sample_journeys

ROOT = Path(__file__).resolve().parent.parent
JOURNEY = jm.Journey(title="Buying a course", language="ro", stages=["Awareness"])


class Recorder:
    """An exporter that writes what it was called with."""

    suffixes: tuple[str, ...] = (".rec", ".tar.rec")
    description = "Records its call"
    extra = None

    def __init__(self, name: str = "rec", fail_after: bytes | None = None) -> None:
        self.name = name
        self.fail_after = fail_after

    def write(self, journey: jm.Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        if self.fail_after is not None:
            stream.write(self.fail_after)
            raise RuntimeError("boom halfway")
        stream.write(json.dumps({"title": journey.title, "lang": lang, "options": options}).encode())


def plugin(*exporters: Any, name: str = "test-plugin") -> object:
    """A plugin object registering these exporters."""

    class Plugin:
        __name__ = name

        @hookimpl
        def register_exporters(self, registry: ExporterRegistry) -> None:
            for exporter in exporters:
                registry.register(exporter)

    return Plugin()


@pytest.fixture
def rec() -> Iterator[Recorder]:
    recorder = Recorder()
    with plugins.isolated(plugin(recorder)):
        yield recorder


def test_isolated_manager_has_the_built_in_formats_from_journeymap() -> None:
    with plugins.isolated():
        found = {f.name: f for f in plugins.formats()}
    assert {"json", "yaml"} <= set(found)
    assert found["yaml"].suffixes == (".yaml", ".yml")
    assert found["yaml"].distribution == "journeymap"
    assert found["json"].plugin == "journeymap.builtin.json_yaml"


def test_every_default_plugin_loads() -> None:
    with plugins.isolated():
        assert plugins.broken_plugins() == ()


def test_plugin_failing_in_its_hook_is_recorded_and_its_exporters_dropped() -> None:
    class Failing:
        __name__ = "failing"

        @hookimpl
        def register_exporters(self, registry: ExporterRegistry) -> None:
            registry.register(Recorder("half"))
            raise RuntimeError("cannot register")

    with plugins.isolated(Failing(), plugin(Recorder("ok"))):
        names = [f.name for f in plugins.formats()]
        broken = plugins.broken_plugins()
    assert "ok" in names
    assert "half" not in names
    assert [(b.name, b.error) for b in broken] == [("failing", "RuntimeError: cannot register")]


def test_duplicate_exporter_name_names_both_providers() -> None:
    with plugins.isolated(plugin(Recorder("rec"), name="first"), plugin(Recorder("rec"), name="second")):
        (broken,) = plugins.broken_plugins()
        assert {f.name: f.plugin for f in plugins.formats()}["rec"] == "first"
    assert broken.name == "second"
    assert "exporter 'rec' is registered by both first and second" in broken.error


def test_registry_refuses_a_duplicate_directly() -> None:
    registry = ExporterRegistry("one")
    registry.register(Recorder())
    registry.provider = "two"
    with pytest.raises(hookspecs.DuplicateExporterError) as caught:
        registry.register(Recorder())
    assert caught.value.providers == ("one", "two")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "Bad Name"}, "name must be lower-case"),
        ({"suffixes": ["rec"]}, "suffixes must be a tuple"),
        ({"suffixes": ("rec",)}, "suffixes must be a tuple"),
        ({"description": "two\nlines"}, "description must be one non-empty line"),
        ({"extra": 3}, "extra must be text or None"),
    ],
)
def test_malformed_exporter_is_refused_saying_why(change: dict[str, object], message: str) -> None:
    exporter = Recorder()
    for key, value in change.items():
        setattr(exporter, key, value)
    with pytest.raises(hookspecs.InvalidExporterError, match=message):
        ExporterRegistry().register(exporter)


def test_object_without_write_is_not_an_exporter() -> None:
    with pytest.raises(hookspecs.InvalidExporterError, match="it has no write"):
        ExporterRegistry().register(SimpleNamespace(name="x", suffixes=(), description="d", extra=None))


def test_hook_name_typo_is_reported() -> None:
    class Typo:
        __name__ = "typo"

        @hookimpl
        def register_exporter(self, registry: ExporterRegistry) -> None:
            raise AssertionError("never called")

    with plugins.isolated(Typo()):
        (broken,) = plugins.broken_plugins()
    assert "unknown hook 'register_exporter'" in broken.error


class FakeEntryPoint:
    def __init__(self, name: str, load: Any, dist: str = "journeymap-fake", version: str = "1.2.3") -> None:
        self.name = name
        self.dist = SimpleNamespace(name=dist, version=version)
        self.load = load


@pytest.fixture
def fresh_manager() -> Iterator[None]:
    """The global manager rebuilt for this test, and forgotten after it."""
    plugins.reset()
    yield
    plugins.reset()


def test_entry_points_load_one_by_one(monkeypatch: pytest.MonkeyPatch, fresh_manager: None) -> None:
    imported: list[str] = []

    def fails() -> object:
        imported.append("bad")
        raise ImportError("No module named 'missing_dependency'")

    def blocked() -> object:
        imported.append("blocked")
        return plugin(Recorder("blocked"))

    points = [
        FakeEntryPoint("bad", fails),
        FakeEntryPoint("good", lambda: plugin(Recorder("good"))),
        FakeEntryPoint("off", blocked, dist="other"),
    ]
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: points if group == "journeymap" else [])
    monkeypatch.setenv("JOURNEYMAP_DISABLE_PLUGINS", " off ,unused")
    found = {f.name: f for f in plugins.formats()}
    assert found["good"].provider == "journeymap-fake 1.2.3"
    assert {"json", "yaml"} <= set(found)
    assert "blocked" not in found
    assert imported == ["bad"]
    assert plugins.disabled_plugins() == ("off",)
    (broken,) = [b for b in plugins.broken_plugins() if b.name == "bad"]
    assert (broken.distribution, broken.version) == ("journeymap-fake", "1.2.3")
    assert broken.error == "ImportError: No module named 'missing_dependency'"


def test_manager_is_built_on_first_use_not_at_import() -> None:
    code = (
        "import sys, journeymap, journeymap.plugins;"
        "print(sorted(m for m in ('pluggy', 'journeymap.builtin.json_yaml', 'openpyxl') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_only_plugins_module_touches_pm_hook() -> None:
    offenders = []
    for path in (ROOT / "src" / "journeymap").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "hook" and path.name != "plugins.py":
                offenders.append(str(path))
    assert offenders == []


def test_export_picks_the_format_from_the_suffix(rec: Recorder, tmp_path: Path) -> None:
    written = jm.plugins.export(JOURNEY, tmp_path / "out.REC", option="1")
    assert written == tmp_path / "out.REC"
    assert json.loads(written.read_text()) == {"title": "Buying a course", "lang": "ro", "options": {"option": "1"}}


def test_longest_suffix_wins() -> None:
    class Short(Recorder):
        suffixes = (".rec",)

    with plugins.isolated(plugin(Recorder("long")), plugin(Short("short"), name="other")):
        assert plugins.exporter_for("x.tar.rec").name == "long"
        with pytest.raises(ValidationError, match="is used by long"):
            plugins.exporter_for("x.rec")


def test_suffix_claimed_twice_asks_for_a_format(tmp_path: Path) -> None:
    class Other(Recorder):
        suffixes = (".rec",)

    with plugins.isolated(plugin(Recorder("rec")), plugin(Other("other"), name="o")):
        with pytest.raises(
            ValidationError, match=r"^format: suffix '\.rec' is used by rec \(test-plugin\), other \(o\)"
        ):
            plugins.export(JOURNEY, tmp_path / "x.rec")
        assert plugins.export(JOURNEY, tmp_path / "x.rec", format="other").exists()


def test_format_argument_overrides_the_suffix(rec: Recorder, tmp_path: Path) -> None:
    target = jm.plugins.export(JOURNEY, tmp_path / "out.txt", format="REC", lang="ru")
    assert json.loads(target.read_text())["lang"] == "ru"


def test_format_may_be_given_as_a_suffix(tmp_path: Path) -> None:
    with plugins.isolated():
        assert plugins.exporter_for("x", "yml").name == "yaml"


def test_unknown_suffix_lists_the_known_ones(rec: Recorder, tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError, match=r"unknown file suffix '\.doc'; known: .*\.json, .*\.rec"):
        jm.plugins.export(JOURNEY, tmp_path / "out.doc")
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_mentions_plugins_that_failed(tmp_path: Path) -> None:
    class Broken:
        __name__ = "broken-one"

        @hookimpl
        def register_exporters(self, registry: ExporterRegistry) -> None:
            raise RuntimeError("no")

    with plugins.isolated(Broken()), pytest.raises(UnknownFormatError) as caught:
        plugins.export(JOURNEY, tmp_path / "x", format="docx")
    assert str(caught.value).startswith("unknown format 'docx'; known: ")
    assert "not loaded: broken-one; see 'journeymap formats'" in str(caught.value)


def test_export_to_a_stream_needs_a_format(rec: Recorder) -> None:
    stream = io.BytesIO()
    with pytest.raises(ValidationError, match=r"^format: is required when writing to a stream"):
        jm.plugins.export(JOURNEY, stream)
    assert jm.plugins.export(JOURNEY, stream, format="rec") is None
    assert json.loads(stream.getvalue())["title"] == "Buying a course"


def test_bad_language_is_refused_naming_lang(rec: Recorder, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"^lang: must be a BCP 47 language tag"):
        jm.plugins.export(JOURNEY, tmp_path / "x.rec", lang="not a language")


def test_existing_file_is_replaced_only_with_overwrite(rec: Recorder, tmp_path: Path) -> None:
    target = tmp_path / "x.rec"
    target.write_text("keep")
    with pytest.raises(TargetExistsError):
        jm.plugins.export(JOURNEY, target)
    assert target.read_text() == "keep"
    jm.plugins.export(JOURNEY, target, overwrite=True)
    assert "Buying a course" in target.read_text()


def test_exporter_failing_midway_leaves_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "x.rec"
    target.write_text("keep")
    failing = plugin(Recorder(fail_after=b"half a file"))
    message = "^" + re.escape(f"{target}: the rec exporter (test-plugin) failed: RuntimeError: boom halfway")
    with plugins.isolated(failing), pytest.raises(ExportError, match=message):
        jm.plugins.export(JOURNEY, target, overwrite=True)
    assert target.read_text() == "keep"
    assert [p.name for p in tmp_path.iterdir()] == ["x.rec"]


def test_journeymap_errors_from_an_exporter_pass_unchanged(tmp_path: Path) -> None:
    class Picky(Recorder):
        def write(self, journey: jm.Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
            plugins.require("journeymap_no_such_library", "rec")

    with plugins.isolated(plugin(Picky())), pytest.raises(MissingDependencyError) as caught:
        jm.plugins.export(JOURNEY, tmp_path / "x.rec")
    assert str(caught.value) == (
        "journeymap_no_such_library is not installed; install it with: pip install 'journeymap[rec]'"
    )
    assert caught.value.extra == "rec"
    assert list(tmp_path.iterdir()) == []


def test_require_returns_the_module() -> None:
    assert plugins.require("json", "none") is json


@pytest.mark.parametrize("name", ["yaml", "json"])
@pytest.mark.parametrize("sample", sorted(sample_journeys()))
def test_built_in_journey_file_exporters_round_trip(name: str, sample: str, tmp_path: Path) -> None:
    journey = sample_journeys()[sample]
    with plugins.isolated():
        target = plugins.export(journey, tmp_path / f"map.{name}")
    assert jm.load(target) == journey


def test_built_in_exporters_refuse_options(tmp_path: Path) -> None:
    with (
        plugins.isolated(),
        pytest.raises(ValidationError, match=r"^options\.indent: the json exporter takes no options"),
    ):
        plugins.export(JOURNEY, tmp_path / "x.json", indent="4")


@pytest.mark.parametrize("name", ["yaml", "json"])
def test_built_in_exporters_pass_the_conformance_kit(name: str, tmp_path: Path) -> None:
    with plugins.isolated():
        report = check_exporter(name, tmp_path)
    assert report.rejected == {}
    assert set(report.written) == {"course", "course-ro", "minimal", "adversarial", "control-characters"}


# The conformance kit must catch broken exporters, not only pass good ones.


class Unstable(Recorder):
    calls = 0

    def write(self, journey: jm.Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        Unstable.calls += 1
        stream.write(f"{journey.title} {Unstable.calls}".encode())


class Swallower(Recorder):
    """Hides the failure of its stream and reports success."""

    def write(self, journey: jm.Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        try:
            for _ in range(100):
                stream.write(b"x" * 100)
        except OSError:
            pass


class RefusesAll(Recorder):
    def write(self, journey: jm.Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        raise ValidationError.at("title", "refused")


class RefusesControl(Recorder):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def write(self, journey: jm.Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        if journey.title == "Control characters":
            raise ExportError(f"{self.path}: holds a control character")
        stream.write(journey.title.encode())


@pytest.mark.parametrize(
    ("exporter", "message"),
    [
        (Unstable(), "two exports differ"),
        (Swallower(), "yet the export reported success"),
        (RefusesAll(), "sample 'course': must be written, but raised ValidationError: title: refused"),
        (RefusesControl("somewhere"), "a refusal must name the field"),
    ],
)
def test_conformance_kit_catches_a_bad_exporter(exporter: Recorder, message: str, tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=message):
        check_exporter(exporter, tmp_path)


def test_conformance_kit_accepts_a_refusal_naming_the_field(tmp_path: Path) -> None:
    report = check_exporter(RefusesControl("stages[0].touchpoints[0].notes"), tmp_path)
    assert set(report.rejected) == {"control-characters"}


def test_conformance_kit_refuses_something_that_is_not_an_exporter() -> None:
    with pytest.raises(hookspecs.InvalidExporterError):
        check_exporter(SimpleNamespace(name="x"))


# Command line.


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def journey_file(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    jm.save(sample_journeys()["course"], path)
    return path


def test_cli_export_writes_several_files(rec: Recorder, journey_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run("export", str(journey_file), "-o", str(out / "a.json"), "-o", str(out / "b.rec"), "--lang", "ru")
    assert result.exit_code == 0, result.output
    assert jm.load(out / "a.json") == sample_journeys()["course"]
    assert json.loads((out / "b.rec").read_text())["lang"] == "ru"


def test_cli_export_passes_options_as_text(rec: Recorder, journey_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "o.rec"
    result = run("export", str(journey_file), "-o", str(target), "--option", "page-size=A4", "--option", "n=3")
    assert result.exit_code == 0
    assert json.loads(target.read_text())["options"] == {"page_size": "A4", "n": "3"}


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["-o", "a.json", "-o", "b.doc"], "error: unknown file suffix '.doc'"),
        (["-o", "x.json", "--option", "novalue"], "error: --option: must look like KEY=VALUE, got 'novalue'"),
        (["-o", "x.json", "--option", "indent=2"], "error: options.indent: the json exporter takes no options"),
        (["-o", "-"], "error: --format: is required when writing to standard output"),
        (["-o", "x.json", "--lang", "?"], "error: lang: must be a BCP 47 language tag"),
    ],
)
def test_cli_export_errors_exit_2_and_write_nothing(
    args: list[str], error: str, journey_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with plugins.isolated():
        result = run("export", str(journey_file), *args)
    assert result.exit_code == 2
    assert result.output.startswith(error)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]


def test_cli_export_needs_force_to_replace(journey_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    target.write_text("keep")
    with plugins.isolated():
        assert run("export", str(journey_file), "-o", str(target)).exit_code == 2
        assert target.read_text() == "keep"
        assert run("export", str(journey_file), "-o", str(target), "--force").exit_code == 0
    assert jm.load(target) == sample_journeys()["course"]


def test_cli_export_to_standard_output(journey_file: Path) -> None:
    with plugins.isolated():
        result = run("export", str(journey_file), "-f", "yaml", "-o", "-")
    assert result.exit_code == 0
    assert jm.loads(result.stdout) == sample_journeys()["course"]


def test_cli_formats_lists_exporters_and_broken_plugins() -> None:
    class Broken:
        __name__ = "broken-one"

        @hookimpl
        def register_exporters(self, registry: ExporterRegistry) -> None:
            raise RuntimeError("no luck")

    with plugins.isolated(Broken(), plugin(Recorder())):
        text = run("formats").output
        data = json.loads(run("formats", "--json").output)
    lines = text.splitlines()
    assert lines[0].split() == ["FORMAT", "READS", "WRITES", "SUFFIXES", "PROVIDER", "EXTRA", "DESCRIPTION"]
    assert any(line.split()[:5] == ["yaml", "yes", "yes", ".yaml", ".yml"] and "journeymap" in line for line in lines)
    assert "  broken-one (broken-one): RuntimeError: no luck" in lines
    assert {"name": "broken-one", "distribution": "broken-one", "version": None, "error": "RuntimeError: no luck"} in (
        data["broken"]
    )
    assert {f["name"] for f in data["formats"]} >= {"json", "yaml", "rec"}


def test_cli_formats_shows_disabled_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_DISABLE_PLUGINS", "journeymap.builtin.json_yaml")
    with plugins.isolated():
        output = run("formats").output
    assert "Disabled by JOURNEYMAP_DISABLE_PLUGINS: journeymap.builtin.json_yaml" in output
    assert "yaml" not in output.split("Disabled")[0]


# Documentation.


def test_every_hook_has_a_heading_in_docs_plugins_md() -> None:
    """The datasette habit: each hookspec is documented under its own heading."""
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    headings = {line.lstrip("#").strip().strip("`").split("(")[0] for line in docs.splitlines() if line.startswith("#")}
    hooks = [name for name in dir(hookspecs) if hasattr(getattr(hookspecs, name), "journeymap_spec")]
    assert hooks == ["register_exporters", "register_importers"]
    assert set(hooks) <= headings


def test_docs_show_every_cli_option_of_export() -> None:
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for option in ("--output", "--format", "--lang", "--force", "--option", "JOURNEYMAP_DISABLE_PLUGINS"):
        assert option in docs


def test_plugin_errors_are_journeymap_errors() -> None:
    assert issubclass(hookspecs.DuplicateExporterError, JourneyMapError)
    assert issubclass(hookspecs.InvalidExporterError, JourneyMapError)
