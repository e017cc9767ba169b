"""The Excel exporter: sheets, cells and types, tables, formats, validation, chart, safety, determinism, golden files.

Regenerate the golden files after an intended change with
``JOURNEYMAP_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_xlsx.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

from journeymap import Action, Barrier, Emotion, Journey, Kpi, Persona, Stage, Touchpoint
from journeymap.builtin.xlsx import XlsxExporter
from journeymap.errors import MissingDependencyError, TargetExistsError, ValidationError
from journeymap.i18n import LANGUAGES, labels
from journeymap.testing import sample_journeys

openpyxl = pytest.importorskip("openpyxl")

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("JOURNEYMAP_REGEN_GOLDEN") == "1"
CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
FORMULA_LIKE = ['=HYPERLINK("http://evil","x")', "+7 495 123", "-1 day", "@SUM(A1)", "=", "#N/A", "#REF!"]


def shop() -> Journey:
    """A hand-built journey that fills every lane, with a risky stage and a stage without emotions."""
    return Journey(
        title="Buying running shoes",
        language="en",
        date=dt.date(2026, 3, 1),
        author="CX team",
        product="Trail shoes",
        persona=Persona(name="Dana", age=31, goals=["Run a marathon"], pains=["Blisters"], quote="Fit is everything"),
        segment="Amateur runners",
        stages=[
            Stage(
                name="Study",
                phase="pre_purchase",
                goals=["Find shoes that fit"],
                expectations=["Honest reviews"],
                questions=["Which size?"],
                touchpoints=[
                    Touchpoint(name="Search ad", channel="search", owned=False, emotion=1, reach=1200),
                    Touchpoint(
                        name="Size guide",
                        channel="site",
                        owned=True,
                        emotion=Emotion(score=-2, label="confused"),
                        barriers=[Barrier(description="No half sizes", severity="critical"), "Metric only"],
                    ),
                    Touchpoint(name="Forum", channel="word of mouth"),
                ],
                barriers=[Barrier(description="Too many models", severity="minor")],
                opportunities=["Fit quiz"],
                kpis=[Kpi(name="Guide use", actual=12, target=30, unit="%")],
                owner="Marketing",
            ),
            Stage(
                name="Purchase",
                phase="purchase",
                touchpoints=[Touchpoint(name=text, channel="site", emotion=0.5) for text in FORMULA_LIKE],
            ),
            Stage(name="Opinion", phase="post_purchase", touchpoints=[Touchpoint(name="Review mail", channel="email")]),
        ],
        actions=[
            Action(
                title="Add half sizes", stage="study", owner="=Product", due=dt.date(2026, 6, 1), status="in_progress"
            ),
            "Write fit quiz",
        ],
    )


def export(journey: Journey, lang: str | None = None, **options: Any) -> bytes:
    stream = io.BytesIO()
    XlsxExporter().write(journey, stream, lang=lang or journey.language, **options)
    return stream.getvalue()


def workbook(journey: Journey, lang: str | None = None, **options: Any) -> Any:
    return openpyxl.load_workbook(io.BytesIO(export(journey, lang, **options)))


def column(sheet: Any, letter: str) -> list[Any]:
    return [c.value for c in sheet[letter]]


# ---------------------------------------------------------------- sheets and labels


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["Map", "Touchpoints", "Barriers", "Persona", "Actions", "Analysis"]),
        ("ru", ["Карта", "Точки контакта", "Барьеры", "Персона", "План действий", "Анализ"]),
        ("ro-MD", ["Hartă", "Puncte de contact", "Bariere", "Persona", "Plan de acțiuni", "Analiză"]),
        ("de", ["Map", "Touchpoints", "Barriers", "Persona", "Actions", "Analysis"]),
    ],
)
def test_sheets_are_named_in_the_requested_language(lang: str, names: list[str]) -> None:
    book = workbook(shop(), lang)
    assert book.sheetnames == [*names, "journeymap"]
    assert book["journeymap"].sheet_state == "veryHidden"  # the journey itself, for reading the workbook back


def test_labels_follow_the_journey_language_unless_lang_overrides() -> None:
    russian = Journey(title="Курс", language="ru", stages=["Выбор"])
    assert workbook(russian).sheetnames[0] == "Карта"
    assert workbook(russian, "ro").sheetnames[0] == "Hartă"


def test_every_language_has_every_label_and_valid_sheet_names() -> None:
    for language in LANGUAGES:
        words = labels(language)
        for field in attrs.fields(type(words)):
            assert getattr(words, field.name), (language, field.name)
        sheets = [words.sheet_map, words.sheet_touchpoints, words.sheet_barriers, words.sheet_persona]
        sheets += [words.sheet_actions, words.sheet_analysis]
        assert len(set(sheets)) == 6
        assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in sheets)
        assert len(set(words.statuses())) == 4
        assert [words.emotion(s) for s in (-2, -1, 0, 1, 2)] == list(words._emotions)


def test_emotion_words_round_half_away_from_zero() -> None:
    words = labels("en")
    assert [words.emotion(s) for s in (-1.5, -0.4, 0.5, 1.49)] == ["very negative", "neutral", "positive", "positive"]
    assert words.face(-2) == "😞"
    assert words.face(0) == "😐"


# ---------------------------------------------------------------- Map


def test_map_has_a_column_per_stage_and_a_row_per_lane() -> None:
    sheet = workbook(shop())["Map"]
    assert [c.value for c in sheet[3]] == ["Stage", "Study", "Purchase", "Opinion"]
    assert [c.value for c in sheet[4]] == ["Phase", "Pre-purchase", "Purchase", "Post-purchase"]
    lanes = column(sheet, "A")[4:-1]
    assert column(sheet, "A")[-1] == "id"  # the hidden row of stage ids
    assert sheet.row_dimensions[15].hidden
    assert [c.value for c in sheet[15]][1:] == ["study", "purchase", "opinion"]
    assert lanes == [
        "Customer goals",
        "Expectations",
        "Questions",
        "Touchpoints",
        "Emotion",
        "Feeling",
        "Barriers",
        "Opportunities",
        "KPIs",
        "Owner",
    ]
    study = {lane: sheet.cell(row=row, column=2).value for row, lane in enumerate(lanes, start=5)}
    assert study["Touchpoints"] == "• Search ad (search)\n• Size guide (site)\n• Forum (word of mouth)"
    assert study["Emotion"] == pytest.approx(-0.5)  # the forum has no emotion: left out, not a zero
    assert study["Feeling"] == "😟 negative\nconfused"
    assert study["Barriers"].splitlines() == [
        "• !!! critical: No half sizes (Size guide)",
        "• !! major: Metric only (Size guide)",
        "• ! minor: Too many models",
    ]
    assert study["KPIs"] == "Guide use: actual 12 %, target 30 %"
    assert study["Owner"] == "Marketing"
    assert sheet.cell(row=9, column=4).value is None  # Opinion: no emotion at all, an empty cell


def test_map_is_frozen_wrapped_and_prints_landscape_one_page_wide() -> None:
    sheet = workbook(shop())["Map"]
    assert sheet.freeze_panes == "B5"
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet["B8"].alignment.wrap_text
    assert sheet.row_dimensions[8].height >= 3 * 15  # three touchpoints, three lines
    assert sheet.column_dimensions["B"].width >= 30


def test_map_colours_emotions_red_white_green() -> None:
    sheet = workbook(shop())["Map"]
    (rules,) = [r for r in sheet.conditional_formatting if str(r.sqref) == "B9:D9"]
    scale = rules.rules[0].colorScale
    assert [v.val for v in scale.cfvo] == [-2, 0, 2]
    assert [c.rgb[-6:] for c in scale.color] == ["F8696B", "FFFFFF", "63BE7B"]


def test_map_cuts_long_lists_and_points_to_the_full_list() -> None:
    journey = Journey(title="t", stages=[Stage(name="S", touchpoints=[f"tp {n}" for n in range(55)])])
    cell = workbook(journey)["Map"]["B8"].value
    assert cell.splitlines()[-1] == "… and 15 more"
    assert len(cell.splitlines()) == 41


# ---------------------------------------------------------------- lists


def test_touchpoints_sheet_is_a_filterable_table_with_typed_cells() -> None:
    sheet = workbook(shop())["Touchpoints"]
    table = sheet.tables["Touchpoints"]
    assert table.ref == "A1:K12"
    assert sheet.column_dimensions["K"].hidden
    assert [c.name for c in table.tableColumns] == [
        "Stage",
        "Touchpoint",
        "Channel",
        "Owned / external",
        "Emotion",
        "Barriers",
        "Reach",
        "Moment of truth",
        "Evidence",
        "Personas",
        "id",
    ]
    assert table.autoFilter is not None or table.headerRowCount == 1
    assert [c.value for c in sheet[2]] == [
        "Study",
        "Search ad",
        "search",
        "external",
        1,
        0,
        1200,
        None,
        None,
        None,
        "search-ad",
    ]
    assert [c.value for c in sheet[3]][3:6] == ["owned", -2, 2]
    assert [c.data_type for c in sheet[2]][:7] == ["s", "s", "s", "s", "n", "n", "n"]
    assert sheet["D4"].value is None  # ownership unknown stays empty


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_stays_text(text: str) -> None:
    sheet = workbook(shop())["Touchpoints"]
    (cell,) = [c for c in sheet["B"] if c.value == text]
    assert cell.data_type == "s"
    assert cell.quotePrefix == text.startswith(("=", "+", "-", "@"))


def test_no_part_of_the_workbook_holds_a_formula_from_user_text() -> None:
    with zipfile.ZipFile(io.BytesIO(export(shop()))) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in package.read(name), name
                assert b't="e"' not in package.read(name), name


def test_barriers_sheet_lists_every_barrier_with_its_severity_highlighted() -> None:
    sheet = workbook(shop(), "ru")["Барьеры"]
    assert sheet.tables["Barriers"].ref == "A1:H4"
    assert [c.value for c in sheet["H"]] == ["id", "#1", "#2", "#3"]
    assert [c.value for c in sheet[2]][:4] == ["Study", "Size guide", "No half sizes", "критический"]
    assert [c.value for c in sheet[4]][:4] == ["Study", None, "Too many models", "незначительный"]
    formulas = sorted(rule.formula[0] for group in sheet.conditional_formatting for rule in group.rules)
    assert formulas == ['"критический"', '"серьёзный"']


def test_actions_status_is_a_drop_down_of_translated_statuses() -> None:
    sheet = workbook(shop(), "ro")["Plan de acțiuni"]
    assert sheet.tables["Actions"].ref == "A1:G3"
    assert [c.value for c in sheet[2]] == [
        "Add half sizes",
        "Study",
        "=Product",
        dt.datetime(2026, 6, 1),
        "în lucru",
        None,
        "#1",
    ]
    assert sheet["C2"].data_type == "s"
    assert sheet["D2"].number_format == "yyyy-mm-dd"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"planificată,în lucru,finalizată,anulată"'
    assert str(validation.sqref) == "E2:E203"


def test_persona_sheet_lists_persona_segment_and_map_facts() -> None:
    sheet = workbook(shop())["Persona"]
    pairs = [(row[0].value, row[1].value) for row in sheet.iter_rows() if row[0].value]
    assert pairs[:2] == [("Persona", None), ("Name", "Dana")]
    assert ("Segment", None) in pairs
    assert ("Name", "Amateur runners") in pairs
    facts = dict(pairs)
    assert facts["Age"] == "31"
    assert facts["Pains"] == "Blisters"
    assert facts["Quote"] == "Fit is everything"
    assert facts["Product"] == "Trail shoes"
    assert facts["Date"] == "2026-03-01"


# ---------------------------------------------------------------- Analysis


def test_analysis_flags_stages_with_more_than_two_barriers() -> None:
    sheet = workbook(shop())["Analysis"]
    rows = [[c.value for c in row][:6] for row in sheet.iter_rows(min_row=2, max_row=5)]
    assert rows[0] == ["Stage", "Barriers", "Weighted barriers", "Risk", "Mean emotion", "Touchpoints"]
    assert rows[1] == ["Study", 3, 6, "Abandonment risk", pytest.approx(-0.5), 3]
    assert rows[2] == ["Purchase", 0, 0, None, pytest.approx(0.5), 7]
    assert rows[3] == ["Opinion", 0, 0, None, None, 1]  # no emotions: empty, not 0


def test_analysis_threshold_option_moves_the_risk_flag() -> None:
    sheet = workbook(shop(), threshold="3")["Analysis"]
    assert sheet["D3"].value is None
    with pytest.raises(ValidationError, match=r"options\.threshold"):
        export(shop(), threshold="many")
    with pytest.raises(ValidationError, match=r"options\.colour"):
        export(shop(), colour="red")


def test_analysis_has_a_coverage_matrix_with_a_colour_scale() -> None:
    sheet = workbook(shop())["Analysis"]
    (top,) = [c.row for c in sheet["A"] if c.value == "Touchpoints per stage and channel"]
    header = [c.value for c in sheet[top + 1]]
    assert header[:5] == ["Stage", "search", "site", "word of mouth", "email"]
    assert [c.value for c in sheet[top + 2]][:5] == ["Study", 1, 1, 1, 0]
    assert [c.value for c in sheet[top + 3]][:5] == ["Purchase", 0, 7, 0, 0]
    ranges = [str(r.sqref) for r in sheet.conditional_formatting]
    assert f"B{top + 2}:E{top + 4}" in ranges


def test_analysis_chart_plots_mean_emotion_with_labels_below_the_plot() -> None:
    with zipfile.ZipFile(io.BytesIO(export(shop()))) as package:
        (name,) = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        chart = ET.fromstring(package.read(name))
    assert chart.find(f".//{CHART}lineChart") is not None
    refs = [f.text for f in chart.iter(f"{CHART}f")]
    assert refs == ["'Analysis'!E2", "'Analysis'!$A$3:$A$5", "'Analysis'!$E$3:$E$5"]
    axis = chart.find(f".//{CHART}catAx")
    assert axis is not None
    assert axis.find(f"{CHART}tickLblPos").get("val") == "low"  # type: ignore[union-attr]
    scaling = chart.find(f".//{CHART}valAx/{CHART}scaling")
    assert scaling is not None
    assert (scaling.find(f"{CHART}min").get("val"), scaling.find(f"{CHART}max").get("val")) == ("-2", "2")  # type: ignore[union-attr]


# ---------------------------------------------------------------- safety


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda j: j.stages[0].touchpoints[1], "stages[0].touchpoints[1].notes", "control character U+0007"),
        (lambda j: j.stages[0].touchpoints[1], "stages[0].touchpoints[1].notes", "character U+FFFE"),
        (lambda j: j.stages[0].touchpoints[1], "stages[0].touchpoints[1].notes", "at most 32,767"),
    ],
)
def test_text_excel_cannot_hold_is_refused_naming_the_field(change: Any, path: str, message: str) -> None:
    notes = {"control character U+0007": "ring\a", "character U+FFFE": "\ufffe", "at most 32,767": "x" * 32_768}
    journey = shop()
    touchpoint = change(journey)
    stage = attrs.evolve(
        journey.stages[0],
        touchpoints=[*journey.stages[0].touchpoints[:1], attrs.evolve(touchpoint, notes=notes[message])],
    )
    broken = attrs.evolve(journey, stages=[stage, *journey.stages[1:]])
    stream = io.BytesIO()
    with pytest.raises(ValidationError) as caught:
        XlsxExporter().write(broken, stream, lang="en")
    assert caught.value.problems[0].path == path
    assert message in str(caught.value)
    assert stream.getvalue() == b""  # refused before anything was written


def test_every_unwritable_field_is_listed_at_once() -> None:
    journey = Journey(
        title="t\x1b", persona=Persona(name="P", quote="\x00"), stages=[Stage(name="S", goals=["ok", "tab\x0b"])]
    )
    with pytest.raises(ValidationError) as caught:
        export(journey)
    assert [p.path for p in caught.value.problems] == ["title", "persona.quote", "stages[0].goals[1]"]


def test_text_at_the_limit_and_tabs_and_newlines_are_kept() -> None:
    note = "a\tb\r\nc" + "x" * (32_767 - 6)
    journey = Journey(title="t", stages=[Stage(name="S", touchpoints=[Touchpoint(name="tp", notes=note)])], notes=note)
    assert len(export(journey)) > 0


def test_the_conformance_kit_passes(tmp_path: Path) -> None:
    from journeymap.testing import check_exporter

    report = check_exporter("xlsx", tmp_path)
    assert set(report.rejected) == {"control-characters"}
    assert "adversarial" in report.written


# ---------------------------------------------------------------- through journeymap.export


def test_export_by_suffix_writes_a_workbook_and_refuses_to_overwrite(tmp_path: Path) -> None:
    from journeymap.plugins import export as export_file

    target = export_file(shop(), tmp_path / "shop.xlsx", lang="ru")
    assert openpyxl.load_workbook(target).sheetnames[0] == "Карта"
    with pytest.raises(TargetExistsError):
        export_file(shop(), target)
    assert export_file(shop(), target, overwrite=True) == target


def test_missing_openpyxl_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"journeymap\[xlsx\]"):
        export(shop())


# ---------------------------------------------------------------- determinism and golden files


def test_the_same_journey_gives_the_same_bytes() -> None:
    first = export(shop())
    assert export(shop()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2026-03-01T00:00:00Z" in core
    assert "CX team" in core


@pytest.mark.parametrize(("name", "lang"), [("course", "en"), ("course", "ru"), ("adversarial", "ro")])
def test_workbook_matches_the_golden_parts(name: str, lang: str) -> None:
    """Part by part against tests/golden/xlsx-<name>-<lang>/ (JOURNEYMAP_REGEN_GOLDEN=1 rewrites them)."""
    folder = GOLDEN / f"xlsx-{name}-{lang}"
    with zipfile.ZipFile(io.BytesIO(export(sample_journeys()[name], lang))) as package:
        parts = {part: package.read(part) for part in package.namelist()}
    if REGENERATE:
        for part, data in parts.items():
            (folder / part).parent.mkdir(parents=True, exist_ok=True)
            (folder / part).write_bytes(data)
    expected = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert sorted(parts) == expected
    for part in expected:
        want, got = (folder / part).read_bytes(), parts[part]
        if want != got:
            diff = difflib.unified_diff(_lines(want), _lines(got), "golden/" + part, "exported/" + part, lineterm="")
            pytest.fail("\n".join(list(diff)[:60]))


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", "replace").replace("><", ">\n<").splitlines()
