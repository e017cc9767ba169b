"""The Excel exporter on the richer map: doing/thinking, custom lanes, evidence, personas, the Blueprint sheet.

:func:`rich_journey` (also used by the deck's tests) fills every field of the richer map.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

import journeymap as jm
from journeymap.builtin.xlsx import XlsxExporter

openpyxl = pytest.importorskip("openpyxl")


def rich_journey(language: str = "en") -> jm.Journey:
    """Two personas, a custom lane, doing and thinking, evidence, moments of truth and a service blueprint."""
    return jm.Journey(
        title="Team plan trial",
        language=language,
        persona=jm.Persona(name="Anna", occupation="Marketing lead"),
        personas=[jm.Persona(name="Boris")],
        lanes={"legal_review": jm.CustomLane(title="Legal review", titles={"ru": "Юридическая проверка"})},
        stages=[
            jm.Stage(
                name="Trial",
                goals=["See the team use it"],
                doing=["Invites two colleagues", "=Imports a spreadsheet"],
                thinking=["Will my team actually use it?"],
                touchpoints=[
                    jm.Touchpoint(
                        name="Onboarding call",
                        channel="video",
                        action="Books a slot",
                        thinking=["Is this worth an hour?"],
                        moment_of_truth=True,
                        emotion=jm.Emotion(score=1, evidence=jm.Evidence(kind="observed", source="12 interviews")),
                        emotions={"boris": jm.Emotion(score=-1)},
                        personas=["anna", "boris"],
                        evidence=jm.Evidence(kind="measured", source="CRM"),
                        barriers=[
                            jm.Barrier(
                                description="No SSO on the trial plan",
                                severity="critical",
                                evidence=jm.Evidence(kind="asserted"),
                            )
                        ],
                    ),
                    jm.Touchpoint(name="Welcome email", channel="email", emotion=0, personas=["boris"]),
                ],
                frontstage=[
                    jm.BlueprintStep(
                        description="Customer success manager runs the call",
                        owner="CS team",
                        touchpoint="onboarding-call",
                    )
                ],
                backstage=[jm.BlueprintStep(description="Sales engineer prepares the workspace", owner="Solutions")],
                support=[jm.BlueprintStep(description="CRM sends the invite")],
                lanes={"legal_review": ["DPA sent for signature"]},
            ),
            jm.Stage(
                name="Purchase",
                doing=["Compares plans"],
                touchpoints=[jm.Touchpoint(name="Pricing page", channel="site", emotion=-1)],
                backstage=[jm.BlueprintStep(description="Billing creates the invoice", owner="Finance")],
            ),
            jm.Stage(name="Renewal", touchpoints=[jm.Touchpoint(name="Renewal reminder", channel="email")]),
        ],
    )


def export(journey: jm.Journey, lang: str | None = None) -> bytes:
    stream = io.BytesIO()
    XlsxExporter().write(journey, stream, lang=lang or journey.language)
    return stream.getvalue()


def workbook(journey: jm.Journey, lang: str | None = None) -> Any:
    return openpyxl.load_workbook(io.BytesIO(export(journey, lang)))


def lanes(sheet: Any) -> dict[str, list[Any]]:
    """Map sheet rows from row 5 by their label: the cells of each stage."""
    return {
        row[0].value: [c.value for c in row[1:]]
        for row in sheet.iter_rows(min_row=5, max_row=sheet.max_row)
        if row[0].value is not None
    }


# ---------------------------------------------------------------- Map


def test_map_gains_doing_thinking_and_custom_lanes_in_place() -> None:
    sheet = workbook(rich_journey())["Map"]
    labels = [c.value for c in sheet["A"]][4:-1]  # the last row holds the hidden stage ids
    assert labels == [
        "Customer goals",
        "Expectations",
        "Questions",
        "Doing",
        "Touchpoints",
        "Thinking",
        "Emotion",
        "Feeling",
        "Barriers",
        "Opportunities",
        "Legal review",
        "KPIs",
        "Owner",
    ]
    by_lane = lanes(sheet)
    assert by_lane["Doing"] == ["• Invites two colleagues\n• =Imports a spreadsheet", "Compares plans", None]
    assert by_lane["Thinking"][0] == "• Will my team actually use it?\n• Is this worth an hour? (Onboarding call)"
    assert by_lane["Legal review"] == ["DPA sent for signature", None, None]
    assert by_lane["Touchpoints"][0] == "• ★ Onboarding call (video)\n• Welcome email (email)"
    assert sheet["B8"].data_type == "s"
    assert sheet["B8"].quotePrefix is False
    emotion_row = labels.index("Emotion") + 5
    (scale,) = [r for r in sheet.conditional_formatting if str(r.sqref) == f"B{emotion_row}:D{emotion_row}"]
    assert scale.rules[0].colorScale is not None
    assert sheet.cell(row=emotion_row + 2, column=2).fill.fgColor.rgb[-6:] == "FFC7CE"  # critical barrier


def test_custom_lane_titles_follow_the_journey_language() -> None:
    sheet = workbook(rich_journey("ru"))["Карта"]
    assert "Юридическая проверка" in [c.value for c in sheet["A"]]
    assert "Что делает" in [c.value for c in sheet["A"]]


def test_lanes_no_stage_fills_are_left_out() -> None:
    journey = jm.Journey(
        title="t",
        lanes={"legal": jm.CustomLane(title="Legal")},
        stages=[jm.Stage(name="A", thinking=["Hm"])],
    )
    labels = [c.value for c in workbook(journey)["Map"]["A"]][4:]
    assert "Thinking" in labels
    assert "Doing" not in labels
    assert "Legal" not in labels


# ---------------------------------------------------------------- Touchpoints and Barriers


def test_touchpoints_gain_moment_of_truth_evidence_personas_and_an_emotion_per_persona() -> None:
    sheet = workbook(rich_journey())["Touchpoints"]
    table = sheet.tables["Touchpoints"]
    names = [c.name for c in table.tableColumns]
    assert names[:7] == ["Stage", "Touchpoint", "Channel", "Owned / external", "Emotion", "Barriers", "Reach"]
    assert names[7:] == ["Moment of truth", "Evidence", "Personas", "Emotion: Anna", "Emotion: Boris", "id"]
    assert table.ref == "A1:M5"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=5)]
    assert rows[0][7:] == ["★", "measured: CRM", "Anna, Boris", 1, -1, "onboarding-call"]
    assert rows[1][7:] == [None, None, "Boris", None, 0, "welcome-email"]  # Anna does not meet the welcome email
    assert rows[2][7:] == [None, None, "everyone", -1, -1, "pricing-page"]
    assert rows[3][9:] == ["everyone", None, None, "renewal-reminder"]


def test_no_emotion_per_persona_columns_without_per_persona_emotions() -> None:
    journey = jm.Journey(title="t", personas=["Anna", "Boris"], stages=[jm.Stage(name="A", touchpoints=["x"])])
    sheet = workbook(journey)["Touchpoints"]
    assert [c.name for c in sheet.tables["Touchpoints"].tableColumns][-2:] == ["Personas", "id"]


def test_barriers_gain_evidence() -> None:
    sheet = workbook(rich_journey("ro"), "ro")["Bariere"]
    assert [c.value for c in sheet[1]][-2:] == ["Dovezi", "id"]
    assert [c.value for c in sheet[2]][2:] == ["No SSO on the trial plan", "critică", None, None, "presupus", "#1"]


# ---------------------------------------------------------------- Blueprint


def test_blueprint_sheet_follows_the_map_with_the_lines_between_its_rows() -> None:
    book = workbook(rich_journey())
    assert book.sheetnames[:3] == ["Map", "Blueprint", "Touchpoints"]
    sheet = book["Blueprint"]
    assert [c.value for c in sheet[1]] == ["Stage", "Trial", "Purchase", "Renewal"]
    assert [c.value for c in sheet["A"]] == [
        "Stage",
        "Customer actions",
        "Touchpoints",
        "Line of interaction",
        "Frontstage",
        "Line of visibility",
        "Backstage",
        "Support processes",
    ]
    trial = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert trial["Customer actions"].splitlines() == [
        "• Invites two colleagues",
        "• =Imports a spreadsheet",
        "• Books a slot (Onboarding call)",
    ]
    assert trial["Frontstage"] == "Customer success manager runs the call (CS team) → Onboarding call"
    assert trial["Backstage"] == "Sales engineer prepares the workspace (Solutions)"
    assert trial["Support processes"] == "CRM sends the invite"
    assert sheet["C7"].value == "Billing creates the invoice (Finance)"
    assert sheet["D5"].value is None


def test_blueprint_lines_are_merged_dashed_rows_and_the_grid_is_frozen_and_wrapped() -> None:
    sheet = workbook(rich_journey())["Blueprint"]
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A4:D4", "A6:D6"}
    for row in (4, 6):
        line = sheet.cell(row=row, column=1)
        assert line.border.top.style == line.border.bottom.style == "mediumDashed"
        assert line.alignment.horizontal == "center"
    assert sheet.freeze_panes == "B2"
    assert sheet["B5"].alignment.wrap_text
    assert sheet.row_dimensions[2].height >= 3 * 15  # three customer actions, three lines at least
    assert sheet.column_dimensions["B"].width >= 30
    assert sheet.page_setup.orientation == "landscape"


def test_no_blueprint_sheet_without_blueprint_steps() -> None:
    journey = jm.Journey(title="t", stages=[jm.Stage(name="A", doing=["x"])])
    assert "Blueprint" not in workbook(journey).sheetnames


def test_user_text_on_the_new_sheets_is_never_a_formula() -> None:
    with zipfile.ZipFile(io.BytesIO(export(rich_journey()))) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in package.read(name), name
    journey = jm.Journey(
        title="t",
        stages=[jm.Stage(name="A", support=[jm.BlueprintStep(description="=cmd()", owner="@ops")])],
    )
    cell = workbook(journey)["Blueprint"]["B8"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=cmd() (@ops)", "s", True)
