"""Plugins that misbehave: raise inside write, return garbage, print to stdout, take minutes, patch another
exporter while loading. The host names the plugin's distribution, and every other exporter keeps working
(docs/plugins.md, "When a plugin misbehaves").
"""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from click.testing import CliRunner

import journeymap as jm
from journeymap import _host, plugins
from journeymap.builtin.xlsx import XlsxExporter
from journeymap.cli import main
from journeymap.errors import ExportError, JourneyMapWarning
from journeymap.hookspecs import ExporterRegistry, hookimpl

JOURNEY = jm.Journey(title="Shop", stages=[jm.Stage(name="Buy")])
EXAMPLE = Path(__file__).parent.parent / "examples" / "online-school.yaml"


class Bad:
    """An exporter whose write does what ``behaviour`` says."""

    description = "misbehaves"
    extra = None

    def __init__(self, behaviour: str) -> None:
        self.name = behaviour
        self.suffixes = (f".{behaviour}",)
        self.behaviour = behaviour

    def write(self, journey: jm.Journey, stream: BinaryIO, *, lang: str, **options: Any) -> Any:
        stream.write(b"part of a file")
        if self.behaviour == "raises":
            raise KeyError("boom")
        if self.behaviour == "prints":
            print("hello from the plugin")
            sys.stdout.write("more noise\n")
        if self.behaviour == "slow":
            time.sleep(120)
        if self.behaviour == "garbage":
            return {"not": "None"}
        return None


def plugin(*exporters: Any, name: str = "journeymap-bad") -> object:
    class Plugin:
        __name__ = name

        @hookimpl
        def register_exporters(self, registry: ExporterRegistry) -> None:
            for exporter in exporters:
                registry.register(exporter)

    return Plugin()


def others_still_work(tmp_path: Path) -> None:
    """The built-in exporters write as usual."""
    for suffix in ("json", "xlsx", "mmd"):
        written = jm.export(JOURNEY, tmp_path / f"after.{suffix}", overwrite=True)
        assert written.stat().st_size > 0
    assert jm.load(tmp_path / "after.json") == JOURNEY


def test_a_plugin_raising_in_write_is_an_export_error_naming_its_distribution(tmp_path: Path) -> None:
    target = tmp_path / "x.raises"
    with plugins.isolated(plugin(Bad("raises"))), pytest.raises(ExportError) as caught:
        jm.export(JOURNEY, target)
    assert str(caught.value) == f"{target}: the raises exporter (journeymap-bad) failed: KeyError: 'boom'"
    assert not target.exists()
    with plugins.isolated(plugin(Bad("raises"))):
        others_still_work(tmp_path)


def test_a_plugin_returning_garbage_from_write_gets_a_warning_naming_it(tmp_path: Path) -> None:
    with (
        plugins.isolated(plugin(Bad("garbage"))),
        pytest.warns(JourneyMapWarning, match=r"\(journeymap-bad\) returned a dict"),
    ):
        jm.export(JOURNEY, tmp_path / "x.garbage")
    assert (tmp_path / "x.garbage").read_bytes() == b"part of a file"


def test_a_plugin_registering_garbage_is_reported_broken_and_the_rest_works(tmp_path: Path) -> None:
    with plugins.isolated(plugin(object(), name="journeymap-junk")):
        (broken,) = plugins.broken_plugins()
        assert broken.distribution == "journeymap-junk"
        assert "is not an exporter" in broken.error
        others_still_work(tmp_path)


def test_what_a_plugin_prints_goes_to_stderr_not_into_the_exported_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    stream = io.BytesIO()
    with plugins.isolated(plugin(Bad("prints"))):
        plugins.export(JOURNEY, stream, format="prints")
    captured = capfd.readouterr()
    assert captured.out == ""
    assert "hello from the plugin" in captured.err
    assert "more noise" in captured.err


def test_the_cli_keeps_stdout_for_the_deliverable_when_a_plugin_prints(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from tests.test_plugin_faults import Bad, plugin\n"
        "from journeymap import plugins\n"
        "from journeymap.cli import main\n"
        "with plugins.isolated(plugin(Bad('prints'))):\n"
        "    main(sys.argv[1:])\n"
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", script, "export", str(EXAMPLE), "-f", "prints", "-o", "-"],
        capture_output=True,
        cwd=Path(__file__).parent.parent,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"part of a file"
    assert b"hello from the plugin" in result.stderr


def test_timeout_stops_a_slow_exporter_names_it_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "x.slow"
    started = time.monotonic()
    with plugins.isolated(plugin(Bad("slow"))):
        result = CliRunner().invoke(
            main, ["export", str(EXAMPLE), "-o", str(tmp_path / "first.json"), "-o", str(target), "--timeout", "0.5"]
        )
    assert time.monotonic() - started < 60
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"error: {target}: the slow exporter (journeymap-bad) took longer than --timeout 0.5 s;"
        " it was stopped and nothing was written"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.json"]
    result = CliRunner().invoke(main, ["export", str(EXAMPLE), "-o", str(tmp_path / "x.xlsx"), "--timeout", "120"])
    assert result.exit_code == 0, result.output


def test_timeout_must_be_positive() -> None:
    result = CliRunner().invoke(main, ["export", str(EXAMPLE), "-o", "x.json", "--timeout", "0"])
    assert result.exit_code == 2
    assert "--timeout" in result.output


def _patching_candidate(what: str) -> _host.Candidate:
    """A plugin that, while it is imported, patches the built-in xlsx exporter, then registers nothing."""

    def load() -> object:
        if what == "method":
            XlsxExporter.write = lambda self, *args, **kwargs: None  # type: ignore[method-assign]
        else:
            XlsxExporter.suffixes = (".evil",)  # type: ignore[misc]
        return plugin(name="journeymap-evil")

    return _host.Candidate(name="evil", distribution="journeymap-evil", version="6.6.6", load=load)


@pytest.mark.parametrize("what", ["method", "attribute"])
def test_a_plugin_patching_another_exporter_on_import_is_undone_and_reported(tmp_path: Path, what: str) -> None:
    original = (XlsxExporter.write, XlsxExporter.suffixes)
    candidates = [*_host.module_candidates(plugins.DEFAULT_PLUGINS, "1.0"), _patching_candidate(what)]
    try:
        host = _host.build(candidates)
    finally:
        patched = (XlsxExporter.write, XlsxExporter.suffixes)
        XlsxExporter.write, XlsxExporter.suffixes = original  # type: ignore[method-assign, misc]
    assert patched == original
    (broken,) = host.broken
    assert (broken.distribution, broken.version) == ("journeymap-evil", "6.6.6")
    changed = "write" if what == "method" else "suffixes"
    assert broken.error == (
        f"PluginError: changed the exporter 'xlsx' of journeymap 1.0 ({changed}) while loading; journeymap undid it"
    )
    assert "evil" not in [c.name for c in host.origins.values()]
    others_still_work(tmp_path)


def test_formats_json_lists_a_patching_plugin_as_broken() -> None:
    from journeymap.cli._export import _formats_json

    candidates = [*_host.module_candidates(plugins.DEFAULT_PLUGINS, "1.0"), _patching_candidate("method")]
    original = XlsxExporter.write
    try:
        host = _host.build(candidates)
    finally:
        XlsxExporter.write = original  # type: ignore[method-assign]
    data = _formats_json((), tuple(host.broken), ())
    assert json.dumps(data).count("journeymap-evil") >= 1
