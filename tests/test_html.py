"""The html exporter's file itself: it parses, it is whole and offline, its policy allows only its own code.

What a real browser does with the page (no console errors, no requests, the controls work) is in
``test_html_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import journeymap as jm
from journeymap import plugins
from journeymap.builtin._xml import XML_ILLEGAL, text_fields
from journeymap.builtin.html import HtmlExporter
from journeymap.cli import main
from journeymap.errors import MissingDependencyError, ValidationError
from journeymap.layout import LANES
from journeymap.testing import ExporterConformance

from .conftest import example_files
from .strategies import journeys

pytest.importorskip("jinja2")

INJECTIONS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</style><b>x</b>", "' onmouseover='x")
"""Text a journey may hold that would run or change markup if it were not escaped."""

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """The parts of a page the tests look at: every start tag, the text, the inline style and script."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.unbalanced: list[str] = []
        self.texts: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.unbalanced.append(tag)
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] in self.raw:
            self.raw[self.open[-1]].append(data)
        else:
            self.texts.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def by_id(self, element_id: str) -> dict[str, str | None]:
        [found] = [attrs for _, attrs in self.tags if attrs.get("id") == element_id]
        return found

    @property
    def text(self) -> str:
        return "".join(self.texts)


def html(journey: jm.Journey, lang: str | None = None, **options: object) -> str:
    stream = io.BytesIO()
    HtmlExporter().write(journey, stream, lang=lang or journey.language, **options)
    return stream.getvalue().decode("utf-8")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(page: Page) -> dict[str, list[str]]:
    [meta] = [m for m in page.all("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    directives = [part.split() for part in (meta["content"] or "").split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


def injected() -> jm.Journey:
    """A journey with markup in every kind of text the page shows."""
    first, second, third, fourth = INJECTIONS
    return jm.Journey(
        title=first,
        product=second,
        persona=jm.Persona(name=second, quote=first),
        segment=jm.Segment(name=third),
        description=fourth,
        stages=[
            jm.Stage(
                name=first,
                goals=[second],
                owner=third,
                touchpoints=[
                    jm.Touchpoint(
                        name=first,
                        channel=second,
                        action=third,
                        description=fourth,
                        emotion=jm.Emotion(score=-1, label=second, quote=first),
                        barriers=[jm.Barrier(description=second, cause=first, remedy=third)],
                    ),
                    jm.Touchpoint(name=second, emotion=1),
                ],
                barriers=[fourth],
                kpis=[jm.Kpi(name=first, actual=1, unit=second)],
            ),
            jm.Stage(name=second, touchpoints=[third]),
        ],
    )


@pytest.fixture(scope="module", params=example_files(), ids=lambda path: path.stem)
def example(request: pytest.FixtureRequest) -> tuple[jm.Journey, str]:
    journey = jm.load(request.param)
    return journey, html(journey)


def test_the_page_parses_with_every_element_closed(example: tuple[jm.Journey, str]) -> None:
    _, text = example
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>\n<html lang=")
    assert page.unbalanced == []
    assert page.open == []
    assert [name for name, _ in page.tags].count("script") == 1
    assert [name for name, _ in page.tags].count("style") == 1


def test_the_policy_allows_only_the_pages_own_style_and_script_by_their_hashes(example: tuple[jm.Journey, str]) -> None:
    page = Page(example[1])
    found = policy(page)
    assert found["default-src"] == ["'none'"]
    assert found["script-src"] == [sha256("".join(page.raw["script"]))]
    assert found["style-src"] == [sha256("".join(page.raw["style"]))]
    assert "img-src" not in found
    assert found["base-uri"] == ["'none'"]
    assert found["form-action"] == ["'none'"]


def test_the_page_is_offline_small_and_free_of_inline_handlers(example: tuple[jm.Journey, str]) -> None:
    text = example[1]
    assert "http://" not in text
    assert "https://" not in text
    assert len(text.encode("utf-8")) < 500_000
    for _, attrs in Page(text).tags:
        assert not [name for name in attrs if name.startswith("on") or name == "style"]
        assert not [name for name in ("src", "href", "action") if name in attrs]


def test_the_same_journey_gives_the_same_bytes(example: tuple[jm.Journey, str]) -> None:
    journey, text = example
    again = jm.loads(jm.dumps(journey))
    assert html(again) == text


def test_the_map_has_a_column_per_stage_a_row_per_lane_and_every_touchpoint(example: tuple[jm.Journey, str]) -> None:
    journey, text = example
    page = Page(text)
    headers = [attrs for attrs in page.all("th") if attrs.get("scope") == "col"]
    assert len(headers) == len(journey.stages) + 1
    rows = [attrs["id"] for attrs in page.all("tr") if (attrs.get("id") or "").startswith("jm-lane-")]
    assert rows[:2] == ["jm-lane-goals", "jm-lane-expectations"]
    assert "jm-lane-emotions" in rows
    for stage_number, stage in enumerate(journey.stages):
        for number, touchpoint in enumerate(stage.touchpoints):
            assert page.by_id(f"jm-s{stage_number}-t{number}")
            assert touchpoint.name in page.text
    checkboxes = [attrs["value"] for attrs in page.all("input") if attrs.get("type") == "checkbox"]
    assert checkboxes == [row.removeprefix("jm-lane-") for row in rows]


def test_the_header_names_the_persona_and_the_segment(example: tuple[jm.Journey, str]) -> None:
    journey, text = example
    page = Page(text)
    assert journey.persona is not None
    assert journey.segment is not None
    assert journey.persona.name in page.text
    assert journey.segment.name in page.text
    assert page.all("html")[0]["lang"] == journey.language


def test_markup_in_the_journey_is_shown_as_text() -> None:
    text = html(injected())
    page = Page(text)
    assert page.unbalanced == []
    assert [name for name, _ in page.tags].count("script") == 1
    assert [name for name, _ in page.tags].count("style") == 1
    assert page.all("img") == []
    assert page.all("b") == []
    for _, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")]
    for injection in INJECTIONS:
        assert injection in page.text
    assert "alert" not in "".join(page.raw["script"])


def test_lanes_choose_and_order_the_rows() -> None:
    journey = jm.load(example_files()[0])
    page = Page(html(journey, lanes="touchpoints, goals"))
    rows = [attrs["id"] for attrs in page.all("tr") if (attrs.get("id") or "").startswith("jm-lane-")]
    assert rows == ["jm-lane-touchpoints", "jm-lane-goals"]
    assert Page(html(journey, lanes=["emotions"])).by_id("jm-lane-emotions")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lanes": "goals,feelings"}, "options.lanes: unknown lane 'feelings'"),
        ({"lanes": ""}, "options.lanes: no lane given"),
        ({"lanes": 3}, "options.lanes: must be lane names"),
        ({"size": "A3"}, "options.size: the html exporter takes: lanes"),
    ],
)
def test_bad_options_name_the_option(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        html(jm.Journey(title="t", stages=["a"]), **options)


def test_the_curve_breaks_at_a_touchpoint_without_an_emotion_and_marks_barriers() -> None:
    journey = jm.Journey(
        title="Gaps",
        stages=[
            jm.Stage(name="One", touchpoints=[jm.Touchpoint(name="a", emotion=2), jm.Touchpoint(name="b", emotion=1)]),
            jm.Stage(
                name="Two",
                touchpoints=[
                    jm.Touchpoint(name="c"),
                    jm.Touchpoint(name="d", emotion=-2, barriers=[jm.Barrier(description="x", severity="critical")]),
                    jm.Touchpoint(name="e", emotion=-1),
                ],
            ),
        ],
    )
    page = Page(html(journey))
    assert len(page.all("path")) == 2  # a–b, then d–e: c has no emotion
    assert len([c for c in page.all("circle") if "jm-gap" in (c["class"] or "")]) == 1
    assert [m["class"] for m in page.all("polygon")] == ["jm-mark jm-critical"]
    assert [line["y1"] for line in page.all("line")] == ["16.0", "46.0", "76.0", "106.0", "136.0"]  # +2 … −2


def test_the_scale_beside_the_curve_sits_where_the_svg_draws_its_steps() -> None:
    """The sticky scale is HTML over the SVG, placed by the stylesheet in percent of the SVG's height."""
    from journeymap.builtin.html import _curve, _render

    style = _render._read("map.css")
    page = Page(
        html(jm.Journey(title="t", stages=[jm.Stage(name="A", touchpoints=[jm.Touchpoint(name="a", emotion=1)])]))
    )
    labels = [attrs["class"] for attrs in page.all("span") if (attrs.get("class") or "").startswith("jm-axis-")]
    assert labels == [f"jm-axis-{n}" for n in range(1, 6)]
    for number, line in enumerate(page.all("line"), start=1):
        percent = re.search(rf"\.jm-axis-{number} {{ top: ([\d.]+)%; }}", style)
        assert percent is not None
        assert float(percent[1]) == pytest.approx(float(line["y1"] or 0) / _curve.HEIGHT * 100, abs=0.01)


def test_a_journey_without_emotions_has_no_curve_and_one_without_stages_still_renders() -> None:
    page = Page(html(jm.Journey(title="Calm", stages=[jm.Stage(name="One", goals=["g"], touchpoints=["t"])])))
    assert page.all("svg") == []
    assert page.by_id("jm-lane-touchpoints")
    empty = Page(html(jm.Journey(title="Empty")))
    assert empty.unbalanced == []
    assert "Empty" in empty.text


def test_labels_follow_the_language() -> None:
    journey = jm.Journey(title="t", language="ru", stages=[jm.Stage(name="Этап", goals=["цель"], touchpoints=["т"])])
    assert "Цели клиента" in Page(html(journey)).text
    romanian = Page(html(journey, lang="ro"))
    assert "Obiectivele clientului" in romanian.text
    assert romanian.all("html")[0]["lang"] == "ro"


def test_details_hold_what_the_panel_shows() -> None:
    journey = injected()
    text = Page(html(journey)).text
    for word in ("Channel", "Action", "Description", "Emotion", "Quote", "Cause", "Remedy", "Severity"):
        assert word in text
    assert "\N{MINUS SIGN}1 · negative" in text


def test_every_lane_is_a_known_lane() -> None:
    journey = jm.load(example_files()[0])
    page = Page(html(journey, lanes=",".join(LANES)))
    assert {a["value"] for a in page.all("input")} <= set(LANES)


def test_the_exporter_is_chosen_by_suffix_and_needs_the_html_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = jm.Journey(title="t", stages=["a"])
    assert plugins.exporter_for("map.HTM").name == "html"
    written = jm.export(journey, tmp_path / "map.html")
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingDependencyError, match=r"journeymap\[html\]"):
        jm.export(journey, tmp_path / "other.html")


def test_the_command_line_passes_lanes(tmp_path: Path) -> None:
    from click.testing import CliRunner

    source = example_files()[0]
    target = tmp_path / "map.html"
    result = CliRunner().invoke(
        main, ["export", str(source), "-o", str(target), "--option", "lanes=goals,touchpoints"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    page = Page(target.read_text(encoding="utf-8"))
    assert [a["value"] for a in page.all("input")] == ["goals", "touchpoints"]


def test_the_html_plugin_is_disabled_by_its_module_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(plugins.DISABLE_VARIABLE, "journeymap.builtin.html")
    with plugins.isolated():
        assert "html" not in {f.name for f in plugins.formats()}
        assert plugins.disabled_plugins() == ("journeymap.builtin.html",)


class TestHtmlConformance(ExporterConformance):
    """The conformance kit: every sample written (control characters refused by field), atomic, deterministic."""

    exporter = "html"


def test_control_characters_are_refused_naming_the_field() -> None:
    journey = jm.Journey(title="t", stages=[jm.Stage(name="A", touchpoints=[jm.Touchpoint(name="bell\a")])])
    with pytest.raises(ValidationError, match=re.escape("stages[0].touchpoints[0].name: contains control character")):
        html(journey)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_any_journey_gives_a_well_formed_page_or_a_refusal_naming_a_field(journey: jm.Journey) -> None:
    if any(XML_ILLEGAL.search(value) for _, value in text_fields(journey)):
        with pytest.raises(ValidationError, match="contains"):  # a control character HTML cannot hold, by field
            html(journey)
        return
    page = Page(html(journey))
    assert page.unbalanced == []
    assert page.open == []
    assert [name for name, _ in page.tags].count("script") == 1
    assert [name for name, _ in page.tags].count("style") == 1
    found = policy(page)
    assert found["script-src"] == [sha256("".join(page.raw["script"]))]
    for _, touchpoint in journey.touchpoints():
        assert touchpoint.name in page.text


def test_a_measured_journey_shows_its_figures_in_a_lane_and_in_the_stage_detail() -> None:
    metrics = jm.StageMetrics(reached=120, converted=30, dropped=90, median_seconds=7200)
    journey = jm.Journey(title="Mined", stages=[jm.Stage(name="Visit", touchpoints=["Site"], metrics=metrics)])
    page = Page(html(journey))
    assert page.by_id("jm-lane-measured")
    assert "Reached: 120" in page.text
    assert "Conversion: 25 %" in page.text
    assert "Went further: 30" in page.text  # the stage's detail
