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


def trial() -> jm.Journey:
    """A stage of a service blueprint: two personas, a custom lane, a moment of truth, evidence."""
    return jm.Journey(
        title="Trial",
        persona="Anna",
        personas=["Boris"],
        lanes={"legal": jm.CustomLane(title="Legal review", titles={"ro": "Verificare juridică"})},
        stages=[
            jm.Stage(
                name="Trial",
                doing=["Invites colleagues"],
                thinking=["Will my team use it?"],
                touchpoints=[
                    jm.Touchpoint(
                        name="Onboarding call",
                        moment_of_truth=True,
                        evidence=jm.Evidence(kind="observed", source="12 interviews"),
                        emotion=1,
                        emotions={"boris": -2},
                        barriers=[jm.Barrier(description="No SSO", evidence="asserted")],
                    ),
                    jm.Touchpoint(name="Admin console", personas=["boris"], thinking=["Where is SSO?"]),
                ],
                frontstage=[
                    jm.BlueprintStep(description="CSM runs the call", owner="CS", touchpoint="onboarding-call")
                ],
                backstage=[jm.BlueprintStep(description="Engineer sets up the workspace", evidence="measured")],
                support=["CRM sends the invite"],
                lanes={"legal": ["DPA sent"]},
            )
        ],
    )


def test_report_shows_both_personas_doing_thinking_and_custom_lanes() -> None:
    text = render(trial())
    assert "## Persona: Anna\n" in text
    assert "## Persona: Boris\n" in text
    assert "**Doing**\n\n- Invites colleagues\n" in text
    assert "**Thinking**\n\n- Will my team use it?\n" in text
    assert "**Legal review**\n\n- DPA sent\n" in text
    assert "**Verificare juridică**\n\n- DPA sent\n" in render(trial(), lang="ro")


def test_touchpoint_rows_mark_moments_of_truth_and_show_persona_emotions_and_evidence() -> None:
    rows = [line for line in render(trial()).splitlines() if line.startswith("| ")]
    assert rows[0] == "| Touchpoint | Channel | Thinking | Emotion | Barriers | Evidence |"
    face, boris = labels("en").face(1), labels("en").face(-2)
    assert rows[2] == (
        f"| Onboarding call *★ moment of truth* |  |  | \\+1 {face} positive<br>Boris: \\-2 {boris} very negative"
        " | No SSO (major, asserted) | observed: 12 interviews |"
    )
    assert rows[3] == "| Admin console<br>Persona: Boris |  | Where is SSO? |  |  |  |"


def test_blueprint_table_puts_the_line_of_visibility_between_frontstage_and_backstage() -> None:
    rows = [line for line in render(trial()).splitlines() if line.startswith("| ")]
    start = rows.index("|  | Description | Owner | Touchpoint | Evidence |")
    assert rows[start + 2 :] == [
        "| **Frontstage** | CSM runs the call | CS | Onboarding call |  |",
        "| *┄ Line of visibility ┄* |  |  |  |  |",
        "| **Backstage** | Engineer sets up the workspace |  |  | measured |",
        "| **Support processes** | CRM sends the invite |  |  |  |",
    ]
