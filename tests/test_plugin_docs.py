"""docs/plugins.md's worked example is a plugin that really works: run as written, through the conformance kit."""

from __future__ import annotations

import csv
import io
import re
import sys
import types
from pathlib import Path

import pytest

import journeymap as jm
from journeymap import plugins
from journeymap.errors import ValidationError
from journeymap.testing import check_exporter, sample_journeys

DOCS = Path(__file__).resolve().parents[1] / "docs" / "plugins.md"
MODULE = "journeymap_touchpoints_csv"


def python_block(after: str, containing: str = "") -> str:
    """The first ``python`` code block of docs/plugins.md after a heading, holding ``containing``."""
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text[text.index(after) :], flags=re.DOTALL)
    return next(block for block in blocks if containing in block)


@pytest.fixture
def example_plugin(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The example of "Writing an exporter plugin", importable as the module its page names."""
    module = types.ModuleType(MODULE)
    exec(compile(python_block("## Writing an exporter plugin"), str(DOCS), "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, MODULE, module)
    return module


def test_the_example_owns_a_name_no_built_in_plugin_has(example_plugin: types.ModuleType) -> None:
    built_in = {info.name for info in jm.formats()}
    assert example_plugin.TouchpointsCsv.name not in built_in
    assert not set(example_plugin.TouchpointsCsv.suffixes) & {s for info in jm.formats() for s in info.suffixes}


def test_the_example_loads_without_a_broken_plugin_and_passes_the_conformance_kit(
    example_plugin: types.ModuleType, tmp_path: Path
) -> None:
    exec(python_block("## Testing a plugin", "plugins.isolated"), {})
    with plugins.isolated(example_plugin):
        assert plugins.broken_plugins() == ()
        report = check_exporter("touchpoints-csv", tmp_path / "by-name")
        assert report.rejected.keys() <= {"control-characters"}
        check_exporter("touchpoints-csv", tmp_path / "semicolons", options={"delimiter": ";"})


def test_the_documented_conformance_class_runs(example_plugin: types.ModuleType, tmp_path: Path) -> None:
    namespace: dict[str, object] = {}
    exec(python_block("## Testing a plugin", "ExporterConformance"), namespace)
    kit = namespace["TestTouchpointsCsvConformance"]
    for name in [name for name in dir(kit) if name.startswith("test_")]:
        folder = tmp_path / name
        folder.mkdir()
        getattr(kit(), name)(folder)


def test_the_example_writes_a_csv_a_spreadsheet_reads(example_plugin: types.ModuleType) -> None:
    stream = io.BytesIO()
    with plugins.isolated(example_plugin):
        jm.export(sample_journeys()["course"], stream, format="touchpoints-csv")
        with pytest.raises(ValidationError, match=r"^options\.delimiter: must be one character"):
            jm.export(sample_journeys()["course"], io.BytesIO(), format="touchpoints-csv", delimiter=";;")
    rows = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig"), newline="")))
    course = sample_journeys()["course"]
    assert rows[0] == ["stage", "touchpoint", "channel", "emotion", "barriers"]
    assert [row[1] for row in rows[1:]] == [touchpoint.name for _, touchpoint in course.touchpoints()]
