"""``journeymap paths``: the sequences of mining.paths and mining.left_at as a table or JSON; bad input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.cli import main

pytest.importorskip("duckdb")

JOURNEY = """\
title: Shop
stages:
- name: Discover
  touchpoints: [Ad, Blog]
- name: Consider
  touchpoints: [Pricing]
- name: Buy
  touchpoints: [Checkout]
"""
# a buys; b and c leave at Consider (b reads the newsletter instead); c prices twice
LOG = """\
user,event,at
a,ad,2024-01-01T10:00:00Z
a,pricing,2024-01-01T10:01:00Z
a,checkout,2024-01-01T10:02:00Z
b,blog,2024-01-01T10:00:00Z
b,pricing,2024-01-01T10:01:00Z
b,newsletter,2024-01-01T10:02:00Z
c,ad,2024-01-01T10:00:00Z
c,pricing,2024-01-01T10:01:00Z
c,pricing,2024-01-01T10:05:00Z
"""
COLUMNS = ["--customer", "user", "--touchpoint", "event", "--timestamp", "at"]


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "shop.yaml").write_text(JOURNEY, encoding="utf-8")
    (tmp_path / "log.csv").write_text(LOG, encoding="utf-8")
    return str(tmp_path / "log.csv"), str(tmp_path / "shop.yaml")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["paths", *args])
    return result.exit_code, result.output


def test_paths_around_a_touchpoint_as_a_table(files: tuple[str, str]) -> None:
    log, journey = files
    code, output = run(log, "-j", journey, *COLUMNS, "--around", "pricing", "--before", "1", "--after", "1")
    assert code == 0, output
    assert output.splitlines() == [
        "Around pricing (1 before, 1 after): 3 customers, 3 distinct paths",
        "customers  share  -1    0        +1",
        "        1    33%  ad    pricing  pricing",  # ties: in journey order
        "        1    33%  ad    pricing  checkout",
        "        1    33%  blog  pricing  newsletter",
    ]


def test_left_at_a_stage_as_a_table(files: tuple[str, str]) -> None:
    log, journey = files
    code, output = run(log, "-j", journey, *COLUMNS, "--left-at", "consider", "--last", "2")
    assert code == 0, output
    assert output.splitlines() == [
        "Left at consider: 2 customers; their last 2 events (oldest first)",
        "customers  share  -1       last",
        "        1    50%  pricing  pricing",
        "        1    50%  pricing  newsletter",
        "",
        "What came after their last event in the stage:",
        "customers  share  step",
        "        1    50%  (nothing after)",
        "        1    50%  newsletter",
    ]


def test_both_as_json(files: tuple[str, str]) -> None:
    log, journey = files
    code, output = run(
        log, "-j", journey, *COLUMNS, "--around", "consider", "--by", "stage", "--left-at", "consider", "--json"
    )
    assert code == 0, output
    data = json.loads(output)
    assert data["paths"]["by"] == "stage"
    assert data["paths"]["customers"] == 3
    assert data["paths"]["sequences"][0] == {
        "steps": [None, None, "discover", "consider", None, None, None],  # c: pricing twice is one step
        "customers": 1,
    }
    assert data["left_at"]["customers"] == 2
    assert data["left_at"]["instead"] == [{"step": None, "customers": 1}, {"step": "newsletter", "customers": 1}]


def test_without_a_journey_event_names_are_the_steps(files: tuple[str, str]) -> None:
    log, _ = files
    code, output = run(log, *COLUMNS, "--around", "newsletter", "--before", "1", "--after", "0", "--json")
    assert code == 0, output
    assert json.loads(output)["paths"]["sequences"] == [{"steps": ["pricing", "newsletter"], "customers": 1}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give --around STEP, --left-at STAGE or both"),
        (["--left-at", "consider", "--no-journey"], "--left-at and --by stage need the journey"),
        (["--around", "consider", "--by", "stage", "--no-journey"], "--left-at and --by stage need the journey"),
        (["--left-at", "nope"], "'nope' is not a stage of the journey (stages: discover, consider, buy)"),
        (["--around", "nope"], "around: 'nope' is neither a touchpoint nor an event of the log"),
        (["--around", "pricing", "--before", "-1"], "--before"),
        (["--around", "pricing", "--customer", "customer_id"], "column 'customer_id'"),
    ],
)
def test_bad_input_exits_2(files: tuple[str, str], args: list[str], message: str) -> None:
    log, journey = files
    with_journey = [] if "--no-journey" in args else ["-j", journey]
    code, output = run(log, *with_journey, *COLUMNS, *[a for a in args if a != "--no-journey"])
    assert code == 2, output
    assert message in output


def test_the_example_in_docs_cli_md_is_what_the_command_prints() -> None:
    root = Path(__file__).resolve().parent.parent
    section = (root / "docs" / "cli.md").read_text(encoding="utf-8").split("## `journeymap paths`")[1]
    shown = section.split("```text\n")[1].split("```")[0]
    log, journey = root / "examples" / "b2b-saas-trial-events.csv", root / "examples" / "b2b-saas-trial.yaml"
    code, output = run(
        str(log), "-j", str(journey), "--around", "pricing", "--before", "1", "--after", "1", "--top", "4"
    )
    assert code == 0, output
    assert output == shown
