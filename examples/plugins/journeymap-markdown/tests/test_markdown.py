"""Tests of the Markdown exporter, using journeymap's conformance kit."""

from __future__ import annotations

import io
from pathlib import Path

import journeymap_markdown
import pytest
from journeymap_markdown import MarkdownExporter
from journeymap_markdown._escape import escape

import journeymap as jm
from journeymap.errors import ValidationError
from journeymap.hookspecs import ExporterRegistry
from journeymap.i18n import labels
from journeymap.testing import ExporterConformance, check_exporter, sample_journeys


class TestMarkdownConformance(ExporterConformance):
    """The exporter object passes every check of journeymap.testing."""

    exporter = MarkdownExporter()


def render(journey: jm.Journey, lang: str = "en") -> str:
    stream = io.BytesIO()
    MarkdownExporter().write(journey, stream, lang=lang)
    return stream.getvalue().decode("utf-8")


def test_plugin_registers_the_markdown_exporter() -> None:
    registry = ExporterRegistry()
    journeymap_markdown.register_exporters(registry)
    assert registry.names() == ["markdown"]


def test_report_has_title_persona_stage_tables_and_action_plan() -> None:
    text = render(sample_journeys()["course"])
    assert text.startswith("# Buying an online marketing course\n")
    assert "## Persona: Anna, marketing lead" in text
    assert "## 2. Consideration (Pre-purchase)" in text
    face = labels("en").face(-1)
    assert f"| Course landing page | site (owned) | \\-1 {face} negative: confused" in text
    assert "No installment plan (critical)" in text
    assert "| Explain declined cards at checkout | Purchase | Web team |  | done |" in text


def test_headings_follow_the_language() -> None:
    text = render(sample_journeys()["course"], lang="ro")
    assert "## 1. Awareness (Înainte de cumpărare)" in text
    assert "| Punct de contact | Canal |" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("<script>", "\\<script\\>"),
        ("# title", "\\# title"),
        ("- item", "\\- item"),
        ("1. first", "1\\. first"),
        ("$x$", "\\$x\\$"),
        ("plain text, 3.5", "plain text, 3.5"),
    ],
)
def test_user_text_is_escaped(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_pipe_in_a_touchpoint_does_not_break_the_table() -> None:
    journey = jm.Journey(title="t", stages=[jm.Stage(name="s", touchpoints=["a | b\nc"])])
    row = next(line for line in render(journey).splitlines() if line.startswith("| a"))
    assert row == "| a \\| b<br>c |  |  |  |"


def test_control_character_is_refused_naming_the_field() -> None:
    journey = jm.Journey(title="t", stages=[jm.Stage(name="s", touchpoints=["bell\x07"])])
    with pytest.raises(ValidationError, match=r"^stages\[0\]\.touchpoints\[0\]\.name: contains .* U\+0007"):
        render(journey)


def test_conformance_kit_on_the_installed_plugin(tmp_path: Path) -> None:
    """The installed entry point is found by name and passes the kit."""
    report = check_exporter("markdown", tmp_path)
    assert set(report.rejected) == {"control-characters"}
