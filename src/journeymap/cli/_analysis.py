"""Commands that analyse journey files: ``analyze``, ``lint``, ``compare``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from journeymap.analysis import RULES, Finding, LintSeverity, analyze, compare, lint, render_summary
from journeymap.analysis.barriers import DEFAULT_THRESHOLD
from journeymap.cli._common import EXIT_FINDINGS, EXIT_INPUT, FILE, print_json
from journeymap.errors import JourneyMapError
from journeymap.plugins import load
from journeymap.serialization import locate, reads

__all__ = ["analyze_command", "compare_command", "lint_command"]

_THRESHOLD = click.option(
    "--threshold",
    type=click.IntRange(min=0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="A stage with more barriers than this is an abandonment risk.",
)


@click.command("analyze")
@click.argument("file", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
@_THRESHOLD
@click.option(
    "--weight-by",
    type=click.Choice(["none", "reach"]),
    default="none",
    show_default=True,
    help="Weight emotion means by touchpoint reach.",
)
def analyze_command(file: Path, as_json: bool, threshold: int, weight_by: str) -> None:
    """Analyse a journey: barriers, emotions, coverage and lint findings.

    Prints a summary table (one row per stage), then the lowest moments, the
    peak-end score, the Pareto barriers and the coverage gaps.
    """
    report = analyze(load(file), threshold=threshold, weight_by="reach" if weight_by == "reach" else "none")
    if as_json:
        print_json(report.to_dict())
    else:
        click.echo(render_summary(report))


def _lines(file: Path, findings: list[Finding]) -> list[int | None]:
    """The line of every finding's field path in the file (None for a format without lines, such as Mermaid)."""
    if not reads(file):
        return [None] * len(findings)
    text = file.read_bytes()
    return [locate(text, finding.path) for finding in findings]


@click.command("lint")
@click.argument("files", nargs=-1, required=True, type=FILE)
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option(
    "--disable",
    multiple=True,
    metavar="RULE",
    help="Skip a rule (id or name, e.g. JM002 or missing-emotion); repeatable or comma-separated.",
)
@_THRESHOLD
def lint_command(files: tuple[Path, ...], strict: bool, disable: tuple[str, ...], threshold: int) -> None:
    """Check journey files; print one line per finding: FILE:LINE: RULE SEVERITY PATH: MESSAGE.

    Exit status: 0 when clean, 1 when a finding has severity error (with
    --strict: error or warning), 2 when a file cannot be read or is not a valid
    journey. Rules:"""
    skipped = [name.strip() for item in disable for name in item.split(",") if name.strip()]
    failing = {LintSeverity.ERROR, LintSeverity.WARNING} if strict else {LintSeverity.ERROR}
    status = 0
    for file in files:
        try:
            findings = lint(load(file), disable=skipped, threshold=threshold)
        except JourneyMapError as error:
            message = str(error)
            click.echo(message if message.startswith(str(file)) else f"{file}: {message}", err=True)
            status = EXIT_INPUT
            continue
        except OSError as error:
            click.echo(f"{file}: {error.strerror or error}", err=True)
            status = EXIT_INPUT
            continue
        for finding, line in zip(findings, _lines(file, findings), strict=True):
            where = f"{file}:{line}" if line is not None else str(file)
            click.echo(f"{where}: {finding}")
            if finding.severity in failing and status == 0:
                status = EXIT_FINDINGS
    sys.exit(status)


lint_command.help = (
    (lint_command.help or "").rstrip()
    + "\n\nRules: "
    + ", ".join(f"{r.id} {r.name} ({r.severity})" for r in RULES.values())
)


@click.command("compare")
@click.argument("before", type=FILE)
@click.argument("after", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@_THRESHOLD
def compare_command(before: Path, after: Path, as_json: bool, threshold: int) -> None:
    """Compare an as-is map BEFORE with a to-be map AFTER, stage by stage."""
    result = compare(load(before), load(after), threshold=threshold)
    if as_json:
        print_json(result.to_dict())
        return
    for s in result.stages:
        change = "" if s.mean_change is None else f"{s.mean_change:+.2f}"
        click.echo(f"{s.name} [{s.status}]")
        click.echo(f"  mean emotion: {_num(s.mean_before)} -> {_num(s.mean_after)} {change}".rstrip())
        click.echo(f"  barriers: {s.barriers_before} -> {s.barriers_after}")
        for b in s.barriers_removed:
            click.echo(f"  - barrier: {b.description}")
        for b in s.barriers_added:
            click.echo(f"  + barrier: {b.description}")
        for t in s.touchpoints_removed:
            click.echo(f"  - touchpoint: {t}")
        for t in s.touchpoints_added:
            click.echo(f"  + touchpoint: {t}")
    click.echo(f"Mean emotion: {_num(result.mean_before)} -> {_num(result.mean_after)}")
    click.echo(f"Peak-end score: {_num(result.peak_end_before)} -> {_num(result.peak_end_after)}")
    click.echo(f"Barriers: {result.barriers_before} -> {result.barriers_after}")
    click.echo(f"Completeness: {result.completeness_before:.0f} % -> {result.completeness_after:.0f} %")
    if result.channels_added or result.channels_removed:
        click.echo(
            "Channels: added "
            + (", ".join(result.channels_added) or "none")
            + "; removed "
            + (", ".join(result.channels_removed) or "none")
        )


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
