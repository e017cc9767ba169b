"""The PowerPoint exporter on the richer map: the blueprint slides, doing/thinking and custom lanes on stage slides."""

from __future__ import annotations

from typing import Any

import pytest

import journeymap as jm
from journeymap.i18n import labels

pytest.importorskip("pptx")

from .test_pptx import deck, expected_titles, opened, overflowing, titles, without_cont
from .test_xlsx_rich import rich_journey


def tables_on(prs: Any, title: str) -> list[Any]:
    """The tables of every slide titled ``title`` (or its "(cont.)"), in deck order."""
    return [
        shape.table
        for slide in prs.slides
        if slide.shapes.title.text.startswith(title)
        for shape in slide.shapes
        if shape.has_table
    ]


def cells(table: Any) -> list[list[str]]:
    return [[cell.text.replace("\v", "\n") for cell in row.cells] for row in table.rows]


def texts_on(prs: Any, title: str) -> list[str]:
    """The text of every text box (not the title) on the slide titled ``title``, one entry per paragraph."""
    (slide,) = [s for s in prs.slides if s.shapes.title.text == title]
    return [
        p.text
        for shape in slide.shapes
        if shape.has_text_frame and shape != slide.shapes.title
        for p in shape.text_frame.paragraphs
    ]


@pytest.fixture(scope="module")
def rich() -> Any:
    return opened(deck(rich_journey()))


def test_blueprint_slide_follows_the_map(rich: Any) -> None:
    journey = rich_journey()
    names = without_cont(titles(rich), "en")
    assert names == expected_titles(journey)
    assert names.index("Service blueprint") == names.index("Customer journey map") + 1
    no_map = without_cont(titles(opened(deck(journey, map="false"))), "en")
    assert no_map[no_map.index("Journey overview") + 1] == "Service blueprint"


def test_blueprint_table_has_stages_as_columns_and_the_lines_as_rows(rich: Any) -> None:
    (table,) = tables_on(rich, "Service blueprint")
    shown = cells(table)
    assert shown[0] == ["", "Trial", "Purchase", "Renewal"]
    assert [row[0] for row in shown[1:]] == [
        "Customer actions",
        "Touchpoints",
        "Line of interaction",
        "Frontstage",
        "Line of visibility",
        "Backstage",
        "Support processes",
    ]
    by_row = {row[0]: row[1:] for row in shown[1:]}
    assert by_row["Customer actions"][0].splitlines() == [
        "• Invites two colleagues",
        "• =Imports a spreadsheet",
        "• Books a slot (Onboarding call)",
    ]
    assert by_row["Touchpoints"] == ["• ★ Onboarding call\n• Welcome email", "Pricing page", "Renewal reminder"]
    assert by_row["Frontstage"] == ["Customer success manager runs the call (CS team) → Onboarding call", "", ""]
    assert by_row["Backstage"] == [
        "Sales engineer prepares the workspace (Solutions)",
        "Billing creates the invoice (Finance)",
        "",
    ]
    assert by_row["Support processes"] == ["CRM sends the invite", "", ""]
    assert by_row["Line of visibility"] == ["", "", ""]


def fill(cell: Any) -> str | None:
    """A table cell's own solid fill colour; None when it has none (the table style shades it)."""
    return str(cell.fill.fore_color.rgb) if cell.fill.type is not None else None


def test_the_lines_are_shaded_across_the_table_the_visibility_line_darker(rich: Any) -> None:
    (table,) = tables_on(rich, "Service blueprint")
    fills = [{fill(cell) for cell in row.cells} for row in list(table.rows)[1:]]
    interaction, visibility = fills[2], fills[4]
    assert len(interaction) == len(visibility) == 1
    assert interaction != visibility
    assert all(fills[n] != interaction and fills[n] != visibility for n in (0, 1, 3, 5, 6))


def test_stage_slide_shows_doing_thinking_and_custom_lanes(rich: Any) -> None:
    shown = texts_on(rich, "Trial")
    for text in (
        "Doing",
        "• Invites two colleagues",
        "Thinking",
        "• Will my team actually use it?",
        "• Onboarding call: Is this worth an hour?",
        "Legal review",
        "• DPA sent for signature",
    ):
        assert text in shown
    (table,) = tables_on(rich, "Trial")
    assert [row[0] for row in cells(table)] == ["Touchpoint", "★ Onboarding call", "Welcome email"]


def test_custom_lane_title_in_the_journey_language() -> None:
    prs = opened(deck(rich_journey("ru")))
    assert "Юридическая проверка" in texts_on(prs, "Trial")
    assert labels("ru").blueprint in titles(prs)


def test_no_blueprint_slide_without_blueprint_steps() -> None:
    journey = jm.Journey(title="t", stages=[jm.Stage(name="A", doing=["x"])])
    assert "Service blueprint" not in titles(opened(deck(journey)))


def test_rich_deck_has_no_overflow_nothing_off_slide_nothing_below_10_pt(rich: Any) -> None:
    assert overflowing(rich) == []


def big_blueprint() -> jm.Journey:
    """Twelve stages with long lists in every row of the blueprint, doing, thinking and a custom lane."""
    words = "Specialist checks the documents, the contract terms and the customer's history before calling back"
    return jm.Journey(
        title="Big blueprint",
        lanes={"legal": "Legal review"},
        stages=[
            jm.Stage(
                name=f"Stage {s} with a long name",
                doing=[f"{words} {n}" for n in range(6)],
                thinking=[f"{words} {n}?" for n in range(6)],
                touchpoints=[
                    jm.Touchpoint(name=f"Touchpoint {s}.{t}", moment_of_truth=t == 0, action=words) for t in range(3)
                ],
                frontstage=[jm.BlueprintStep(description=words, owner="Front office") for _ in range(4)],
                backstage=[jm.BlueprintStep(description=words, touchpoint=f"touchpoint-{s}-0") for _ in range(4)],
                support=[words] * 4,
                lanes={"legal": [words] * 8},
            )
            for s in range(12)
        ],
    )


def test_many_stages_and_long_steps_split_over_slides_without_overflow() -> None:
    journey = big_blueprint()
    prs = opened(deck(journey))
    tables = tables_on(prs, "Service blueprint")
    headers = [cells(table)[0][1:] for table in tables]
    assert {len(h) for h in headers} == {6}  # 12 stages: two groups of six, like the map
    assert sorted({name for h in headers for name in h}) == sorted(s.name for s in journey.stages)
    assert len(tables) > 2  # the tall rows continue on "(cont.)" slides
    assert overflowing(prs) == []
    first = [table for table in tables if cells(table)[0][1] == journey.stages[0].name]
    shown = "".join(row[1] for table in first for row in cells(table)[1:] if row[0] == "Support processes")
    assert shown.replace("\n", "").replace(" ", "").replace("…", "").replace("•", "").count("Specialist") == 4


def test_carriage_returns_in_ids_and_per_persona_emotions_stay_consistent() -> None:
    journey = jm.Journey(
        title="t",
        personas=[jm.Persona(name="Anna", id="an\rna")],
        lanes={"le\rgal": jm.CustomLane(title="Legal\r\nreview")},
        stages=[
            jm.Stage(
                name="A",
                touchpoints=[jm.Touchpoint(name="x", emotion=1, emotions={"an\rna": -1}, personas=["an\rna"])],
                lanes={"le\rgal": ["DPA"]},
            )
        ],
    )
    prs = opened(deck(journey))
    assert "Legal\nreview" in [t.replace("\v", "\n") for t in texts_on(prs, "A")]
