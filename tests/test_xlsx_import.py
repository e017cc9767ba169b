"""Reading a workbook back: edits a person makes in Excel or LibreOffice, errors and warnings naming the cell.

Workbooks are edited with openpyxl the way a person edits them (a changed
cell, an inserted or deleted row, rows sorted or filtered, a copied row), and
one fixture was saved by LibreOffice (see ``tests/fixtures/README.md``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings

import journeymap as jm
from journeymap.builtin.xlsx import XlsxExporter
from journeymap.builtin.xlsx.reader import XlsxWarning, read_workbook
from journeymap.cli import main
from journeymap.errors import ParseError, ValidationError
from journeymap.testing import sample_journeys
from tests.strategies import journeys
from tests.test_xlsx import shop

openpyxl = pytest.importorskip("openpyxl")

FIXTURES = Path(__file__).parent / "fixtures"
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def export(journey: jm.Journey, lang: str | None = None) -> bytes:
    stream = io.BytesIO()
    XlsxExporter().write(journey, stream, lang=lang or journey.language)
    return stream.getvalue()


def edited(journey: jm.Journey, edit: Callable[[Any], None], lang: str | None = None) -> bytes:
    """The journey's workbook after ``edit(workbook)``, saved again by openpyxl."""
    book = openpyxl.load_workbook(io.BytesIO(export(journey, lang)))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data: bytes) -> tuple[jm.Journey, list[str]]:
    """The journey read back, and the warnings given on the way."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        journey = read_workbook(data, source="map.xlsx")
    return journey, [str(w.message) for w in caught if issubclass(w.category, XlsxWarning)]


def errors(data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        read_workbook(data, source="map.xlsx")
    return [str(problem) for problem in raised.value.problems]


def row_of(sheet: Any, column: str, value: object) -> int:
    """The first row whose cell in ``column`` holds ``value``."""
    return int(next(cell.row for cell in sheet[column] if cell.value == value))


# ---------------------------------------------------------------- nothing changed


@pytest.mark.parametrize("lang", ["en", "ru", "ro"])
def test_every_sample_reads_back_equal_in_every_language(lang: str) -> None:
    for name, journey in sample_journeys().items():
        try:
            data = export(journey, lang)
        except ValidationError:  # the sample of control characters, which a workbook cannot hold
            continue
        back, warned = read(data)
        assert back == journey, name
        assert warned == []


def test_load_reads_a_workbook_through_the_importer_hook(tmp_path: Path) -> None:
    path = tmp_path / "map.xlsx"
    jm.export(shop(), path)
    assert jm.load(path) == shop()
    assert jm.plugins.importer_for(path).name == "xlsx"
    (row,) = [f for f in jm.plugins.formats() if f.name == "xlsx"]
    assert (row.reads, row.writes) == (True, True)


def test_saved_again_by_openpyxl_unchanged_reads_back_equal() -> None:
    assert read(edited(shop(), lambda book: None)) == (shop(), [])


def excel_safe(journey: jm.Journey) -> jm.Journey:
    """The journey without the characters a workbook cannot hold (the exporter refuses them)."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return BAD_CHARACTERS.sub("", value)
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {clean(key): clean(item) for key, item in value.items()}
        return value

    try:
        return jm.loads(json.dumps(clean(json.loads(jm.dumps(journey, "json")))), "json")
    except ValidationError:  # a name that was only such characters
        assume(False)
        raise


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(journeys().map(excel_safe))
def test_export_then_import_gives_the_journey(journey: jm.Journey) -> None:
    back, warned = read(export(journey))
    assert back == journey
    assert warned == []


# ---------------------------------------------------------------- edits of the tables


def test_changed_touchpoint_cells_change_only_those_fields() -> None:
    def edit(book: Any) -> None:
        sheet = book["Touchpoints"]
        row = row_of(sheet, "B", "Search ad")
        sheet[f"B{row}"] = "Search ad (brand)"
        sheet[f"E{row}"] = -1
        sheet[f"D{row}"] = "owned"
        sheet[f"G{row}"] = 900
        sheet[f"I{row}"] = "observed: 5 interviews"

    back, warned = read(edited(shop(), edit))
    tp = back.stages[0].touchpoints[0]
    assert (tp.id, tp.name, tp.emotion, tp.owned, tp.reach) == (
        "search-ad",
        "Search ad (brand)",
        jm.Emotion(score=-1),
        True,
        900,
    )
    assert tp.evidence == jm.Evidence(kind="observed", source="5 interviews")
    assert back.stages[0].touchpoints[1:] == shop().stages[0].touchpoints[1:]
    assert back.stages[1:] == shop().stages[1:]
    assert warned == []


def test_an_emotion_edit_keeps_the_label_of_the_emotion() -> None:
    def edit(book: Any) -> None:
        book["Touchpoints"][f"E{row_of(book['Touchpoints'], 'B', 'Size guide')}"] = 1

    back, _ = read(edited(shop(), edit))
    assert back.stages[0].touchpoints[1].emotion == jm.Emotion(score=1, label="confused")


def test_sorted_and_filtered_rows_change_nothing() -> None:
    def edit(book: Any) -> None:
        sheet = book["Touchpoints"]
        rows = [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows(min_row=2)]
        rows.sort(key=lambda cells: (cells[4][0] is None, cells[4][0] or 0), reverse=True)  # sort by emotion
        for number, cells in enumerate(rows, start=2):
            for column, (value, kind) in enumerate(cells, start=1):
                target = sheet.cell(row=number, column=column)
                target.value, target.data_type = (
                    value,
                    kind,
                )  # a sort moves text as text, even text that starts with "="
        sheet.auto_filter.ref = sheet.dimensions
        sheet.auto_filter.add_filter_column(2, ["site"])
        for number in range(2, sheet.max_row + 1):  # what a filter does: hide the rows it leaves out
            sheet.row_dimensions[number].hidden = sheet.cell(row=number, column=3).value != "site"

    assert read(edited(shop(), edit)) == (shop(), [])


def test_an_added_row_is_a_new_touchpoint_and_a_deleted_row_a_deleted_one() -> None:
    def edit(book: Any) -> None:
        sheet = book["Touchpoints"]
        sheet.delete_rows(row_of(sheet, "B", "Forum"))
        sheet.append(["Opinion", "Review site", "reviews", "external", 1])

    back, _ = read(edited(shop(), edit))
    assert [tp.name for tp in back.stages[0].touchpoints] == ["Search ad", "Size guide"]
    added = back.stages[2].touchpoints[-1]
    assert (added.id, added.name, added.channel, added.owned, added.emotion) == (
        "review-site",
        "Review site",
        "reviews",
        False,
        jm.Emotion(score=1),
    )


def test_a_touchpoint_moves_to_the_stage_its_row_names_with_its_barriers() -> None:
    def edit(book: Any) -> None:
        book["Touchpoints"][f"A{row_of(book['Touchpoints'], 'B', 'Size guide')}"] = "Purchase"

    back, _ = read(edited(shop(), edit))
    moved = back.stages[1].touchpoints[-1]  # a touchpoint moved in comes after the stage's own
    assert moved.name == "Size guide"
    assert [b.description for b in moved.barriers] == ["No half sizes", "Metric only"]
    assert "size-guide" not in [tp.id for tp in back.stages[0].touchpoints]


def test_barriers_added_deleted_and_changed() -> None:
    def edit(book: Any) -> None:
        sheet = book["Barriers"]
        sheet[f"D{row_of(sheet, 'C', 'No half sizes')}"] = "minor"
        sheet[f"F{row_of(sheet, 'C', 'No half sizes')}"] = "Stock half sizes"
        sheet.delete_rows(row_of(sheet, "C", "Metric only"))
        sheet.append(["Opinion", "Review mail", "Sent too early", "critical"])
        sheet.append(["Purchase", None, "No express delivery"])

    back, _ = read(edited(shop(), edit))
    guide = back.stages[0].touchpoints[1]
    assert guide.barriers == (jm.Barrier(description="No half sizes", severity="minor", remedy="Stock half sizes"),)
    assert back.stages[2].touchpoints[0].barriers == (jm.Barrier(description="Sent too early", severity="critical"),)
    assert back.stages[1].barriers == (jm.Barrier(description="No express delivery"),)
    assert back.stages[0].barriers == shop().stages[0].barriers


def test_an_action_status_changed_from_the_drop_down_in_the_workbook_language() -> None:
    def edit(book: Any) -> None:
        sheet = book["Plan de acțiuni"]
        sheet["E2"] = "finalizată"
        sheet["D3"] = dt.datetime(2026, 9, 1)
        sheet["B3"] = "Purchase"
        sheet.append(["Call back every lead", None, "Sales"])

    back, _ = read(edited(shop(), edit, lang="ro"))
    assert [a.status for a in back.actions] == ["done", "planned", "planned"]
    assert (back.actions[1].due, back.actions[1].stage) == (dt.date(2026, 9, 1), "purchase")
    assert back.actions[2] == jm.Action(title="Call back every lead", owner="Sales")


# ---------------------------------------------------------------- edits of the Map and the Persona sheet


def test_map_cells_change_stage_names_phases_and_lanes() -> None:
    def edit(book: Any) -> None:
        sheet = book["Map"]
        sheet["A1"] = "Buying trail shoes"
        sheet["B3"] = "Research"
        sheet["C4"] = "Post-purchase"
        sheet["B5"] = "• Find shoes that fit\n• Spend under 150 EUR"  # goals
        sheet["D7"] = "When will it arrive?"  # questions of the third stage
        sheet["B14"] = "Brand team"  # owner

    back, warned = read(edited(shop(), edit))
    assert back.title == "Buying trail shoes"
    study = back.stages[0]
    assert (study.id, study.name, study.goals, study.owner) == (
        "study",
        "Research",
        ("Find shoes that fit", "Spend under 150 EUR"),
        "Brand team",
    )
    assert back.stages[1].phase == "post_purchase"
    assert back.stages[2].questions == ("When will it arrive?",)
    assert back.stages[0].touchpoints == shop().stages[0].touchpoints
    assert warned == []


def test_a_renamed_stage_is_still_found_by_its_old_name_in_the_tables() -> None:
    def edit(book: Any) -> None:
        book["Map"]["B3"] = "Research"
        book["Touchpoints"].append(["Study", "Shoe finder quiz", "site"])

    back, _ = read(edited(shop(), edit))
    assert back.stages[0].touchpoints[-1].name == "Shoe finder quiz"


def test_an_opportunity_of_a_touchpoint_stays_with_it_when_the_cell_is_edited() -> None:
    journey = jm.Journey(
        title="t",
        stages=[jm.Stage(name="A", opportunities=["Own"], touchpoints=[jm.Touchpoint(name="X", opportunities=["Tp"])])],
    )

    def edit(book: Any) -> None:
        sheet = book["Map"]
        row = row_of(sheet, "A", "Opportunities")
        sheet[f"B{row}"] = "• Own\n• Tp\n• New idea"

    back, _ = read(edited(journey, edit))
    assert back.stages[0].opportunities == ("Own", "New idea")
    assert back.stages[0].touchpoints[0].opportunities == ("Tp",)


def test_persona_facts_are_read_back_by_label() -> None:
    def edit(book: Any) -> None:
        sheet = book["Persona"]
        sheet[f"B{row_of(sheet, 'A', 'Name')}"] = "Dana K."
        sheet[f"B{row_of(sheet, 'A', 'Pains')}"] = "• Blisters\n• Shin splints"
        sheet[f"B{row_of(sheet, 'A', 'Author')}"] = "Agency"

    back, warned = read(edited(shop(), edit))
    assert back.persona is not None
    assert (back.persona.name, back.persona.pains, back.author) == ("Dana K.", ("Blisters", "Shin splints"), "Agency")
    assert back.persona.id == shop().persona.id  # type: ignore[union-attr]
    assert warned == []


def test_a_lane_drawn_from_another_sheet_warns_and_is_not_read() -> None:
    def edit(book: Any) -> None:
        book["Map"]["B8"] = "Something else"  # the touchpoints lane
        book["Touchpoints"]["F2"] = 9  # number of barriers
        book.create_sheet("Notes")["A1"] = "call Dana"

    back, warned = read(edited(shop(), edit))
    assert back == shop()
    assert warned == [
        "map.xlsx: sheet 'Notes': is not a sheet journeymap writes; it is not read",
        "map.xlsx: Map!B8: the Touchpoints lane is drawn from the Touchpoints sheet; change touchpoints there;"
        " this edit is not read",
        "map.xlsx: Touchpoints!F2: the number of barriers is counted from the Barriers sheet; this edit is not read",
    ]


def test_an_edit_of_the_blueprint_warns_and_is_not_read() -> None:
    journey = jm.Journey(
        title="t",
        stages=[jm.Stage(name="Demo", touchpoints=["Call"], frontstage=[jm.BlueprintStep(description="Prepare")])],
    )

    def edit(book: Any) -> None:
        book["Blueprint"]["B5"] = "Prepare the demo"

    back, warned = read(edited(journey, edit))
    assert back == journey
    assert warned == [
        "map.xlsx: Blueprint!B5: the Blueprint sheet is not read back;"
        " change service blueprint steps in the journey file"
    ]
    assert read(export(journey)) == (journey, [])


# ---------------------------------------------------------------- what cannot be read back


def test_an_emotion_out_of_range_names_the_sheet_and_cell() -> None:
    def edit(book: Any) -> None:
        book["Touchpoints"]["E3"] = 7

    assert errors(edited(shop(), edit)) == ["map.xlsx: Touchpoints!E3: emotion must be between -2 and 2, got 7"]


def test_every_bad_cell_is_reported_at_once_in_the_workbook_language() -> None:
    def edit(book: Any) -> None:
        sheet = book["Точки контакта"]
        sheet["E2"] = "very"
        sheet["G2"] = 2.5
        sheet["D3"] = "maybe"
        book["Барьеры"]["D2"] = "fatal"

    assert errors(edited(shop(), edit, lang="ru")) == [
        "map.xlsx: 'Точки контакта'!E2: emotion must be a number, got 'very'",
        "map.xlsx: 'Точки контакта'!G2: reach must be a whole number, got 2.5",
        "map.xlsx: 'Точки контакта'!D3: owned must be one of: свой, внешний, owned, external; got 'maybe'",
    ]  # the Barriers sheet is read once the touchpoints are right


def test_a_formula_typed_into_a_cell_is_an_error() -> None:
    def edit(book: Any) -> None:
        book["Touchpoints"]["G2"] = "=SUM(G3:G4)"

    assert errors(edited(shop(), edit)) == [
        "map.xlsx: Touchpoints!G2: a formula (=SUM(G3:G4)) cannot be read back; type the value instead"
    ]


def test_text_that_looks_like_a_formula_is_still_text() -> None:
    back, _ = read(export(shop()))
    assert back.stages[1].touchpoints[0].name == '=HYPERLINK("http://evil","x")'


def test_merged_cells_in_the_grid_are_an_error() -> None:
    def edit(book: Any) -> None:
        book["Map"].merge_cells("B5:C5")

    assert errors(edited(shop(), edit)) == [
        "map.xlsx: Map!B5:C5: merged cells cannot be read back (only the first cell keeps its value); unmerge them"
    ]


def test_a_broken_title_merge_is_harmless() -> None:
    assert read(edited(shop(), lambda book: book["Map"].unmerge_cells("A1:D1"))) == (shop(), [])


def test_a_copied_row_keeps_its_id_and_is_an_error() -> None:
    def edit(book: Any) -> None:
        sheet = book["Touchpoints"]
        sheet.append([cell.value for cell in sheet[2]])

    (message,) = errors(edited(shop(), edit))
    assert message == (
        "map.xlsx: Touchpoints!K13: id 'search-ad' is also on Touchpoints!K2;"
        " a copied row needs its id cell cleared (it is a new item)"
    )


def test_a_stage_name_no_stage_has_is_an_error() -> None:
    def edit(book: Any) -> None:
        book["Touchpoints"]["A2"] = "Checkout"

    assert errors(edited(shop(), edit)) == [
        "map.xlsx: Touchpoints!A2: stage 'Checkout' is not a stage of the Map (stages: 'Study', 'Purchase', 'Opinion')"
    ]


def test_a_barrier_of_a_deleted_touchpoint_is_an_error() -> None:
    def edit(book: Any) -> None:
        book["Touchpoints"].delete_rows(row_of(book["Touchpoints"], "B", "Size guide"))

    assert errors(edited(shop(), edit)) == [
        "map.xlsx: Barriers!B2: touchpoint 'Size guide' was deleted from the Touchpoints sheet;"
        " delete this barrier's row too, or name another touchpoint",
        "map.xlsx: Barriers!B3: touchpoint 'Size guide' was deleted from the Touchpoints sheet;"
        " delete this barrier's row too, or name another touchpoint",
    ]


def test_a_deleted_stage_column_is_an_error() -> None:
    assert errors(edited(shop(), lambda book: book["Map"].delete_cols(3))) == [
        "map.xlsx: Map: stage 'Purchase' is missing; stages are removed in the journey file, not in the workbook"
    ]


def test_a_workbook_journeymap_did_not_write_is_a_parse_error(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ParseError, match=r"map\.xlsx: the hidden 'journeymap' sheet is missing"):
        read_workbook(out.getvalue(), source="map.xlsx")
    with pytest.raises(ParseError, match="not an Excel workbook"):
        read_workbook(b"not a zip", source="map.xlsx")


# ---------------------------------------------------------------- LibreOffice and the command line


def test_a_workbook_edited_and_saved_by_libreoffice_reads_back() -> None:
    """tests/fixtures/libreoffice-edited.xlsx: see tests/fixtures/README.md for how it was made."""
    journey, warned = read((FIXTURES / "libreoffice-edited.xlsx").read_bytes())
    original = shop()
    assert journey.stages[0].touchpoints[0].emotion == jm.Emotion(score=-1)
    assert journey.actions[0].status == "done"
    assert [tp.name for tp in journey.stages[2].touchpoints] == ["Review mail", "Review site"]
    assert journey.stages[1:2] == original.stages[1:2]
    assert warned == []


def test_export_from_a_workbook_writes_the_journey_file(tmp_path: Path) -> None:
    source = tmp_path / "map.xlsx"
    source.write_bytes(edited(shop(), lambda book: book["Touchpoints"].__setitem__("E2", -2)))
    target = tmp_path / "map.yaml"
    result = CliRunner().invoke(main, ["export", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert jm.load(target).stages[0].touchpoints[0].emotion == jm.Emotion(score=-2)
    again = CliRunner().invoke(main, ["export", str(source), "-o", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.output


def test_export_from_a_bad_workbook_exits_2_naming_the_cell_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "map.xlsx"
    source.write_bytes(edited(shop(), lambda book: book["Touchpoints"].__setitem__("E2", 7)))
    target = tmp_path / "map.yaml"
    result = CliRunner().invoke(main, ["export", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert f"{source}: Touchpoints!E2: emotion must be between -2 and 2, got 7" in result.output
    assert not target.exists()


def test_export_from_a_workbook_prints_each_warning_as_one_line(tmp_path: Path) -> None:
    source = tmp_path / "map.xlsx"
    source.write_bytes(edited(shop(), lambda book: book["Map"].__setitem__("B8", "Something else")))
    result = CliRunner().invoke(main, ["export", str(source), "-o", str(tmp_path / "map.yaml")])
    assert result.exit_code == 0, result.output
    assert f"warning: {source}: Map!B8: the Touchpoints lane is drawn from the Touchpoints sheet" in result.output
    assert "XlsxWarning" not in result.output
