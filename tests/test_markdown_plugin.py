"""The example third-party plugin (examples/plugins/journeymap-markdown), installed for real.

`make test` installs it into the venv; these tests use the real entry points, and
put the broken plugin fixture on PYTHONPATH of a subprocess (it is never installed).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import journeymap as jm
from journeymap import plugins
from journeymap.testing import check_exporter, sample_journeys

BROKEN_PLUGIN = Path(__file__).resolve().parent / "fixtures" / "broken-plugin"


@pytest.fixture(autouse=True)
def installed() -> Iterator[None]:
    """The plugin is installed; the global plugin manager is rebuilt for each test."""
    try:
        importlib.metadata.distribution("journeymap-markdown")
    except importlib.metadata.PackageNotFoundError:
        pytest.fail("install the example plugin: pip install -e examples/plugins/journeymap-markdown")
    plugins.reset()
    yield
    plugins.reset()


def journeymap_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "JOURNEYMAP_DISABLE_PLUGINS"} | env
    return subprocess.run(
        [sys.executable, "-m", "journeymap", *args], capture_output=True, text=True, env=environment, check=False
    )


def test_formats_lists_the_markdown_plugin_with_its_distribution() -> None:
    result = journeymap_cli("formats", "--json")
    assert result.returncode == 0, result.stderr
    formats = {f["name"]: f for f in json.loads(result.stdout)["formats"]}
    assert formats["markdown"]["distribution"] == "journeymap-markdown"
    assert formats["markdown"]["version"] == "0.1.0"
    assert formats["markdown"]["suffixes"] == [".md", ".markdown"]
    text = journeymap_cli("formats").stdout
    assert any(
        line.split()[:6] == ["markdown", "-", "yes", ".md", ".markdown", "journeymap-markdown"]
        for line in text.splitlines()
    )


def test_export_with_the_plugin_from_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    jm.save(sample_journeys()["course"], source)
    result = journeymap_cli("export", str(source), "-o", str(tmp_path / "map.md"), "--lang", "ro")
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "map.md").read_text(encoding="utf-8")
    assert report.startswith("# Buying an online marketing course\n")
    assert "| Punct de contact | Canal | Emoție | Bariere |" in report


def test_export_with_the_plugin_from_python(tmp_path: Path) -> None:
    target = plugins.export(sample_journeys()["course"], tmp_path / "map.markdown")
    assert "## Persona: Anna, marketing lead" in target.read_text(encoding="utf-8")


def test_conformance_kit_passes_on_the_plugin(tmp_path: Path) -> None:
    report = check_exporter("markdown", tmp_path)
    assert set(report.rejected) == {"control-characters"}
    assert (
        "stages[0].touchpoints[0].name: contains the control character U+0007" in report.rejected["control-characters"]
    )


def test_broken_plugin_is_reported_and_the_others_keep_working(tmp_path: Path) -> None:
    pythonpath = os.pathsep.join([str(BROKEN_PLUGIN), os.environ.get("PYTHONPATH", "")])
    result = journeymap_cli("formats", "--json", PYTHONPATH=pythonpath)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"json", "yaml", "markdown"} <= {f["name"] for f in data["formats"]}
    assert "yaml-copy" not in {f["name"] for f in data["formats"]}
    broken = {b["name"]: b for b in data["broken"]}
    assert set(broken) == {"broken-import", "duplicate-json", "hook-typo"}
    assert all((b["distribution"], b["version"]) == ("journeymap-broken", "0.1.0") for b in broken.values())
    assert broken["broken-import"]["error"] == (
        "ModuleNotFoundError: No module named 'journeymap_dependency_that_does_not_exist'"
    )
    assert broken["duplicate-json"]["error"].startswith(
        "DuplicateExporterError: exporter 'json' is registered by both journeymap "
    )
    assert broken["duplicate-json"]["error"].endswith(" and journeymap-broken 0.1.0")
    assert "unknown hook 'register_exporter'" in broken["hook-typo"]["error"]
    text = journeymap_cli("formats", PYTHONPATH=pythonpath).stdout
    assert "  broken-import (journeymap-broken 0.1.0): ModuleNotFoundError" in text

    source = tmp_path / "map.yaml"
    jm.save(sample_journeys()["course"], source)
    result = journeymap_cli("export", str(source), "-o", str(tmp_path / "m.md"), PYTHONPATH=pythonpath)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "m.md").stat().st_size > 0


def test_disabled_plugins_are_not_imported(tmp_path: Path) -> None:
    pythonpath = os.pathsep.join([str(BROKEN_PLUGIN), os.environ.get("PYTHONPATH", "")])
    disable = "broken-import,duplicate-json,hook-typo,markdown"
    data = json.loads(
        journeymap_cli("formats", "--json", PYTHONPATH=pythonpath, JOURNEYMAP_DISABLE_PLUGINS=disable).stdout
    )
    assert data["broken"] == []
    assert sorted(data["disabled"]) == sorted(disable.split(","))
    assert "markdown" not in {f["name"] for f in data["formats"]}
