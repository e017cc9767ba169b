"""The analyze, lint and compare commands: output, line numbers, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.cli import main

JOURNEY = """\
title: Online school
stages:
  - name: Study
    touchpoints:
      - name: Site
        channel: site
        emotion: 1
        barriers:
          - Price hidden
          - description: No trial
            severity: critical
      - name: Form
        emotion: -1.5
    barriers: [Too many options]
  - name: Purchase
    touchpoints:
      - {name: Checkout, channel: site, emotion: 0}
"""

CLEAN = """\
title: Clean
persona: Anna
stages:
  - name: Research
    touchpoints:
      - {name: Site, emotion: 1}
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"map": tmp_path / "map.yaml", "clean": tmp_path / "clean.yaml", "json": tmp_path / "map.json"}
    paths["map"].write_text(JOURNEY, encoding="utf-8")
    paths["clean"].write_text(CLEAN, encoding="utf-8")
    paths["json"].write_text(
        json.dumps({"title": "J", "stages": [{"name": "A", "touchpoints": [{"name": "T"}]}]}, indent=2),
        encoding="utf-8",
    )
    return paths


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_lint_prints_file_line_rule_severity_path_message_and_fails_on_errors(files: dict[str, Path]) -> None:
    code, out, _ = _run("lint", str(files["map"]))
    assert code == 1
    m = str(files["map"])
    assert out.splitlines() == [
        f"{m}:1: JM008 warning persona: the map has no persona; say whose journey it is",
        f"{m}:3: JM003 warning stages[0]: stage 'Study' has 3 barriers, more than 2:"
        " the customer will likely abandon here",
        f"{m}:3: JM005 error stages[0]: stage 'Study' is an abandonment risk but no action in the plan improves it",
        f"{m}:10: JM004 error stages[0].touchpoints[0].barriers[1]: critical barrier 'No trial' has no remedy",
        f"{m}:10: JM011 warning stages[0].touchpoints[0].barriers[1]: critical barrier 'No trial'"
        " does not say what shows it is real (no evidence)",
        f"{m}:12: JM006 info stages[0].touchpoints[1]: emotion falls by 2.5 points from 'Site' (1) to 'Form' (-1.5)",
        f"{m}:15: JM007 warning stages[1]: the journey ends at purchase (stage 'Purchase') with no post-purchase stage;"
        " add loyalty and advocacy",
    ]


def test_lint_exits_0_on_warnings_and_1_with_strict(files: dict[str, Path]) -> None:
    args = ("lint", "--disable", "JM004,JM005", str(files["map"]))
    assert _run(*args)[0] == 0
    assert _run(*args[:1], "--strict", *args[1:])[0] == 1
    assert _run("lint", "--strict", str(files["clean"])) == (0, "", "")


def test_lint_finds_lines_in_json_files_too(files: dict[str, Path]) -> None:
    code, out, _ = _run("lint", str(files["json"]))
    assert code == 0
    assert f"{files['json']}:7: JM002 warning stages[0].touchpoints[0]" in out


def test_lint_exits_2_on_unreadable_or_invalid_input_and_still_lints_the_rest(
    files: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: x\nstages:\n  - name: A\n    touchpoints:\n      - {name: T, emotion: 7}\n", encoding="utf-8"
    )
    code, out, err = _run("lint", str(tmp_path / "missing.yaml"), str(bad), str(files["map"]))
    assert code == 2
    assert "missing.yaml" in err
    assert f"{bad}:5: stages[0].touchpoints[0].emotion.score: must be between -2 and 2, got 7" in err
    assert "JM004" in out


def test_analyze_prints_the_summary(files: dict[str, Path]) -> None:
    code, out, _ = _run("analyze", str(files["map"]))
    assert code == 0
    assert out.splitlines()[3].split() == ["Study", "2", "-0.25", "3", "ABANDONMENT", "RISK"]
    assert "Peak-end score: -0.75 (peak Form -1.5, end Checkout 0)" in out


def test_analyze_json_prints_the_report(files: dict[str, Path]) -> None:
    code, out, _ = _run("analyze", "--json", "--threshold", "3", str(files["map"]))
    assert code == 0
    data = json.loads(out)
    assert data["barriers"]["threshold"] == 3
    assert data["barriers"]["at_risk"] == []
    assert data["emotions"]["peak_end"] == -0.75


def test_analyze_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    code, _, err = _run("analyze", str(bad))
    assert code == 2
    assert "invalid YAML" in err


def test_compare_prints_changes_and_json(files: dict[str, Path]) -> None:
    code, out, _ = _run("compare", str(files["map"]), str(files["clean"]))
    assert code == 0
    assert "Research [added]" in out
    assert "Study [removed]" in out
    assert "  - barrier: No trial" in out
    code, out, _ = _run("compare", "--json", str(files["map"]), str(files["map"]))
    assert code == 0
    assert json.loads(out)["completeness_change"] == 0
