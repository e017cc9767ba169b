"""``journeymap mine``: writes the measured journey, prints a summary, fails cleanly on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import journeymap as jm
from journeymap.cli import main

JOURNEY = """\
title: Shop
stages:
- name: Visit
  touchpoints: [Home]
- name: Buy
  touchpoints:
  - name: Checkout
    events: ["checkout_*"]
"""
LOG = """\
customer_id,touchpoint,timestamp
a,home,2024-01-01T10:00:00Z
a,checkout_start,2024-01-01T10:02:00Z
b,home,2024-01-01T11:00:00Z
b,newsletter,2024-01-01T11:01:00Z
"""


def setup(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "journey.yaml").write_text(JOURNEY, encoding="utf-8")
    (tmp_path / "log.csv").write_text(LOG, encoding="utf-8")
    return tmp_path / "journey.yaml", tmp_path / "log.csv"


def test_mine_writes_the_enriched_journey(tmp_path: Path) -> None:
    journey, log = setup(tmp_path)
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["mine", str(log), "--journey", str(journey), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 customers, 4 events (1 unmatched)" in result.output
    assert "Visit: reached 2, went further 1 (50%)" in result.output
    assert "unmatched events: newsletter (1)" in result.output
    measured = jm.load(out)
    visit = measured.stage("visit").metrics
    assert visit is not None
    assert (visit.reached, visit.converted, visit.median_seconds) == (2, 1, 120.0)
    assert [tp.reach for _, tp in measured.touchpoints()] == [2, 1]
    again = CliRunner().invoke(main, ["mine", str(log), "--journey", str(journey), "-o", str(out)])
    assert again.exit_code == 2
    assert "already exists" in again.output
    forced = CliRunner().invoke(main, ["mine", str(log), "-j", str(journey), "-o", str(out), "--force"])
    assert forced.exit_code == 0


def test_mine_bad_column_is_one_line_and_exit_2(tmp_path: Path) -> None:
    journey, log = setup(tmp_path)
    result = CliRunner().invoke(
        main, ["mine", str(log), "-j", str(journey), "-o", str(tmp_path / "o.yaml"), "--customer", "user"]
    )
    assert result.exit_code == 2
    assert result.output.startswith("error: ")
    assert "column 'user'" in result.output
    assert "log.csv" in result.output
    assert not (tmp_path / "o.yaml").exists()


def test_mine_with_a_window_and_a_mode(tmp_path: Path) -> None:
    journey, log = setup(tmp_path)
    out = tmp_path / "out.yaml"
    args = ["mine", str(log), "--journey", str(journey), "-o", str(out), "--mode", "strict_order"]
    result = CliRunner().invoke(main, [*args, "--window", "1m"])
    assert result.exit_code == 0, result.output
    assert "Visit: reached 2, went further 0 (0%)" in result.output  # a bought 2 minutes later
    result = CliRunner().invoke(main, [*args, "--window", "2m", "--force"])
    assert "Visit: reached 2, went further 1 (50%)" in result.output


def test_mine_rejects_a_bad_window(tmp_path: Path) -> None:
    journey, log = setup(tmp_path)
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["mine", str(log), "--journey", str(journey), "-o", str(out), "--window", "soon"])
    assert result.exit_code == 2
    assert "--window" in result.output
    assert "'soon'" in result.output
    assert not out.exists()


def test_mine_with_a_session_gap(tmp_path: Path) -> None:
    journey, log = setup(tmp_path)
    out = tmp_path / "out.yaml"
    args = ["mine", str(log), "--journey", str(journey), "-o", str(out), "--session-gap", "1m"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "3 sessions (a pause over 1m starts a new one)" in result.output  # a: home | checkout; b: home
    assert "Buy: reached 1, went further 0 (0%), reached in session 2 (median)" in result.output


@pytest.mark.parametrize("value", ["soon", "0m", "-1m"])
def test_mine_rejects_a_bad_session_gap(tmp_path: Path, value: str) -> None:
    journey, log = setup(tmp_path)
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(
        main, ["mine", str(log), "--journey", str(journey), "-o", str(out), f"--session-gap={value}"]
    )
    assert result.exit_code == 2, result.output
    assert "--session-gap" in result.output
    assert not out.exists()
