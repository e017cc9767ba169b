"""The html exporter's page in a real browser: Debian's Chromium, headless, driven by Selenium and chromedriver.

Every page opens without a console error, a policy violation or a single request; markup in the journey
runs nothing; hiding a lane hides it; a touchpoint, a barrier or a stage opens its detail by click, Enter or
Space, and Escape closes it; without scripts the details open in place; the header row and the lane names
stay while the map scrolls; printed, the controls are gone. Skipped, with the reason, when Chromium,
chromedriver or Selenium is missing (``make test`` installs them: ``tests/interop/run.sh``).
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import journeymap as jm
from journeymap.builtin.html import HtmlExporter

from .conftest import example_files
from .test_html import INJECTIONS, injected

pytest.importorskip("jinja2")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
)
WATCH = """
window.__jm = {alerts: [], violations: []};
window.alert = window.confirm = window.prompt = function (message) { window.__jm.alerts.push(String(message)); };
document.addEventListener("securitypolicyviolation", function (event) {
  window.__jm.violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
"""Run before the page's own script: records alerts and Content-Security-Policy violations."""


def _chrome(scripts: bool = True) -> Any:
    """A headless Chromium with a new profile; skips the test when it cannot be started."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        missing = f"{CHROMIUM}, {CHROMEDRIVER}"
        reason = f"Chromium or chromedriver is not installed ({missing}): apt-get install chromium chromium-driver"
        print(f"test_html_browser: SKIP: {reason}")
        pytest.skip(reason)
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='jm-chromium-')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if not scripts:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    try:
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    except Exception as error:  # a browser that does not start here is a skip, not a failure
        pytest.skip(f"Chromium did not start: {type(error).__name__}: {error}")
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    return driver


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    driver = _chrome()
    yield driver
    driver.quit()


def write(journey: jm.Journey, folder: Path, name: str = "map.html", **options: object) -> Path:
    stream = io.BytesIO()
    HtmlExporter().write(journey, stream, lang=journey.language, **options)
    path = folder / name
    path.write_bytes(stream.getvalue())
    return path


def open_page(driver: Any, path: Path) -> dict[str, Any]:
    """Open ``path``; what happened while it loaded: console errors, requests, violations, alerts."""
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    url = path.resolve().as_uri()
    driver.get(url)
    driver.execute_script("return document.readyState")
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    requests = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]
    watched = driver.execute_script("return window.__jm || {alerts: [], violations: []}")
    return {
        "errors": [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"],
        "requests": [request for request in requests if request != url],
        "violations": watched["violations"],
        "alerts": watched["alerts"],
    }


def clean(found: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in found.items() if value}


@pytest.mark.parametrize("source", example_files(), ids=lambda path: path.stem)
def test_each_example_opens_with_no_error_no_request_and_no_violation(
    chrome: Any, source: Path, tmp_path: Path
) -> None:
    path = write(jm.load(source), tmp_path, f"{source.stem}.html")
    assert clean(open_page(chrome, path)) == {}
    assert chrome.execute_script("return document.documentElement.classList.contains('jm-js')")
    assert chrome.find_element("id", "jm-lanes").is_displayed()
    shot = tmp_path / f"{source.stem}.png"
    assert chrome.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_markup_in_the_journey_runs_nothing_and_shows_as_text(chrome: Any, tmp_path: Path) -> None:
    found = open_page(chrome, write(injected(), tmp_path))
    assert clean(found) == {}
    assert chrome.execute_script("return document.querySelectorAll('img, b').length") == 0
    assert chrome.execute_script("return document.scripts.length") == 1
    heading = chrome.find_element("css selector", "h1").text
    assert heading == INJECTIONS[0]
    chrome.find_element("css selector", "#jm-s0-t0 > summary").click()
    panel = chrome.find_element("id", "jm-detail")
    assert INJECTIONS[1] in panel.text
    assert clean(open_page(chrome, write(injected(), tmp_path, "again.html"))) == {}


def test_hiding_a_lane_hides_its_row_and_showing_it_brings_it_back(chrome: Any, tmp_path: Path) -> None:
    open_page(chrome, write(jm.load(example_files()[0]), tmp_path))
    box = chrome.find_element("css selector", "#jm-lanes input[value='goals']")
    row = chrome.find_element("id", "jm-lane-goals")
    assert row.is_displayed()
    box.click()
    assert not row.is_displayed()
    assert chrome.find_element("id", "jm-lane-touchpoints").is_displayed()
    box.click()
    assert row.is_displayed()


def test_clicking_a_touchpoint_shows_its_detail_and_escape_closes_it(chrome: Any, tmp_path: Path) -> None:
    journey = jm.load(example_files()[0])
    touchpoint = journey.stages[0].touchpoints[1]
    open_page(chrome, write(journey, tmp_path))
    panel = chrome.find_element("id", "jm-detail")
    assert not panel.is_displayed()
    summary = chrome.find_element("css selector", "#jm-s0-t1 > summary")
    summary.click()
    assert panel.is_displayed()
    assert panel.get_attribute("role") == "dialog"
    assert touchpoint.name in panel.text
    assert touchpoint.action is not None
    assert touchpoint.action in panel.text
    assert chrome.switch_to.active_element == panel
    item = chrome.find_element("id", "jm-s0-t1")
    assert item.get_attribute("open") is None  # the panel shows it, not the inline detail
    assert "jm-current" in (item.get_attribute("class") or "")
    from selenium.webdriver.common.keys import Keys

    panel.send_keys(Keys.ESCAPE)
    assert not panel.is_displayed()
    assert chrome.switch_to.active_element == summary
    assert "jm-current" not in (item.get_attribute("class") or "")


def test_enter_on_a_barrier_and_space_on_a_stage_open_their_details(chrome: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    journey = jm.load(example_files()[0])
    path, number, barrier = next(
        (f"jm-s{s}-t{t}-b0", s, tp.barriers[0])
        for s, stage in enumerate(journey.stages)
        for t, tp in enumerate(stage.touchpoints)
        if tp.barriers and tp.barriers[0].remedy
    )
    open_page(chrome, write(journey, tmp_path))
    panel = chrome.find_element("id", "jm-detail")
    summary = chrome.find_element("css selector", f"#{path} > summary")
    chrome.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)
    assert panel.is_displayed()
    assert barrier.description in panel.text
    assert barrier.remedy is not None
    assert barrier.remedy in panel.text
    chrome.find_element("css selector", "#jm-detail .jm-close").click()
    assert not panel.is_displayed()
    stage = chrome.find_element("css selector", f"#jm-s{number} > summary")
    chrome.execute_script("arguments[0].focus()", stage)
    stage.send_keys(Keys.SPACE)
    assert panel.is_displayed()
    assert journey.stages[number].name in panel.text


def test_clicking_a_point_of_the_curve_shows_its_touchpoint(chrome: Any, tmp_path: Path) -> None:
    journey = jm.load(example_files()[0])
    open_page(chrome, write(journey, tmp_path))
    point = chrome.find_element("css selector", ".jm-point[data-target='jm-s1-t0']")
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", point)
    point.click()
    assert journey.stages[1].touchpoints[0].name in chrome.find_element("id", "jm-detail").text


def test_the_stage_row_and_the_lane_names_stay_while_the_map_scrolls(chrome: Any, tmp_path: Path) -> None:
    journey = jm.Journey(
        title="Long",
        stages=[
            jm.Stage(name=f"Stage {n}", goals=[f"goal {g}" for g in range(40)], touchpoints=["t"]) for n in range(12)
        ],
    )
    open_page(chrome, write(journey, tmp_path))
    where = """
    const box = document.querySelector('.jm-scroller');
    box.scrollLeft = arguments[0]; box.scrollTop = arguments[1];
    const edge = box.getBoundingClientRect();
    const lane = document.querySelector('#jm-lane-goals th').getBoundingClientRect();
    const name = document.querySelector('#jm-lane-goals .jm-lane-name').getBoundingClientRect();
    const cell = document.querySelector('thead th:nth-child(2)');
    const head = cell.getBoundingClientRect();
    const paint = getComputedStyle(cell).backgroundColor;
    const wide = box.scrollWidth > box.clientWidth;
    return [lane.left - edge.left, head.top - edge.top, wide, name.top - head.bottom, paint];
    """
    start = chrome.execute_script(where, 0, 0)
    scrolled = chrome.execute_script(where, 900, 400)
    assert start[2], "twelve stages are wider than the window"
    assert abs(scrolled[0] - start[0]) < 2  # the lane names stay at the left
    assert abs(scrolled[1] - start[1]) < 2  # the stage headers stay at the top
    assert 0 <= scrolled[3] < 20  # the name of a lane scrolled halfway stays just under the stage row
    assert scrolled[4] not in ("transparent", "rgba(0, 0, 0, 0)")  # the stage row hides what scrolls under it


def test_printing_hides_the_controls_and_gives_a_landscape_page(chrome: Any, tmp_path: Path) -> None:
    open_page(chrome, write(jm.load(example_files()[0]), tmp_path))
    chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not chrome.find_element("id", "jm-lanes").is_displayed()
        assert chrome.find_element("id", "jm-lane-touchpoints").is_displayed()
        printed = chrome.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    finally:
        chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(printed["data"])
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes
    assert all(float(width) > float(height) for width, height in boxes)


def test_without_scripts_the_map_is_static_and_details_open_in_place(tmp_path: Path) -> None:
    driver = _chrome(scripts=False)
    try:
        found = open_page(driver, write(jm.load(example_files()[0]), tmp_path))
        assert clean({key: found[key] for key in ("errors", "requests")}) == {}
        assert not driver.find_element("id", "jm-lanes").is_displayed()
        assert driver.find_element("id", "jm-lane-goals").is_displayed()
        driver.find_element("css selector", "#jm-s0-t1 > summary").click()
        assert driver.find_element("id", "jm-s0-t1").get_attribute("open") is not None
        assert driver.find_element("css selector", "#jm-s0-t1 .jm-body").is_displayed()
        assert not driver.find_element("id", "jm-detail").is_displayed()
    finally:
        driver.quit()


def test_the_watchers_see_a_page_that_breaks_the_rules(chrome: Any, tmp_path: Path) -> None:
    page = write(jm.Journey(title="t", stages=["a"]), tmp_path).read_text(encoding="utf-8")
    broken = page.replace("<h1>", "<img src=x onerror=alert(1)><p style='color:red'>s</p><h1>", 1)
    (tmp_path / "broken.html").write_text(broken, encoding="utf-8")
    found = open_page(chrome, tmp_path / "broken.html")
    assert found["errors"], "a policy violation is a console error"
    assert found["requests"] == [(tmp_path / "x").as_uri()]
    assert sorted(found["violations"]) == ["img-src file", "script-src-attr inline", "style-src-attr inline"]
    assert found["alerts"] == []


def test_the_scale_stays_beside_the_curve_and_lines_up_with_its_steps(chrome: Any, tmp_path: Path) -> None:
    journey = jm.Journey(
        title="Scale",
        stages=[jm.Stage(name=f"S{n}", touchpoints=[jm.Touchpoint(name="t", emotion=n % 5 - 2)]) for n in range(12)],
    )
    open_page(chrome, write(journey, tmp_path))
    where = """
    const box = document.querySelector('.jm-scroller');
    box.scrollLeft = arguments[0];
    const lines = [...document.querySelectorAll('.jm-grid')].map(l => l.getBoundingClientRect());
    const labels = [...document.querySelectorAll('.jm-axis span')].map(s => s.getBoundingClientRect());
    const lane = document.querySelector('#jm-lane-emotions th').getBoundingClientRect();
    return [lines.map((l, i) => Math.abs((l.top + l.bottom) / 2 - (labels[i].top + labels[i].bottom) / 2)),
            labels[0].left - lane.right];
    """
    for scrolled in (0, 1200):
        offsets, beside = chrome.execute_script(where, scrolled)
        assert max(offsets) < 2, offsets  # each label on its line
        assert 0 <= beside < 40  # just right of the lane names, however far the map scrolls
