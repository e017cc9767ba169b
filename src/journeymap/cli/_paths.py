"""``journeymap paths``: the most frequent steps around a touchpoint and before leaving a stage, as tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import click

from journeymap.cli._common import FILE, print_json
from journeymap.plugins import load

__all__ = ["paths_command"]

_NOTHING = "-"  # a position where the customer had no event


@click.command("paths")
@click.argument("events", type=FILE)
@click.option(
    "-j",
    "--journey",
    "journey_path",
    type=FILE,
    help="The journey map whose touchpoints name the steps (needed for --left-at and --by stage).",
)
@click.option("--around", metavar="STEP", help="A touchpoint id (--by stage: a stage id; without -j: an event name).")
@click.option("--before", type=click.IntRange(min=0), default=3, show_default=True, help="Steps before --around.")
@click.option("--after", type=click.IntRange(min=0), default=3, show_default=True, help="Steps after --around.")
@click.option(
    "--by",
    type=click.Choice(["touchpoint", "stage"]),
    default="touchpoint",
    show_default=True,
    help="Steps are touchpoints, or stages (back-to-back events of one stage are one step).",
)
@click.option("--left-at", metavar="STAGE", help="A stage id: the last events of the customers who left there.")
@click.option("--last", type=click.IntRange(min=1), default=3, show_default=True, help="Events shown with --left-at.")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="Sequences shown.")
@click.option("--customer", metavar="COLUMN", help="Customer column [customer_id; XES: case:concept:name].")
@click.option("--touchpoint", metavar="COLUMN", help="Event name column [touchpoint; XES: concept:name].")
@click.option("--timestamp", metavar="COLUMN", help="Timestamp column [timestamp; XES: time:timestamp].")
@click.option("--json", "as_json", is_flag=True, help="Print the sequences as JSON.")
def paths_command(
    events: Path,
    journey_path: Path | None,
    around: str | None,
    before: int,
    after: int,
    by: str,
    left_at: str | None,
    last: int,
    top: int,
    customer: str | None,
    touchpoint: str | None,
    timestamp: str | None,
    as_json: bool,
) -> None:
    """Print what customers did around a touchpoint (--around) and before leaving a stage (--left-at).

    EVENTS is an event log as for `journeymap mine`. With --around: the most
    frequent sequences of steps before and after each customer's first
    event at that touchpoint. With --left-at: for the customers whose
    furthest stage it is, their last events and what came after their last
    event in the stage. Each row shows how many customers followed the
    sequence; "-" is no event (before the first or after the last).
    """
    from journeymap import mining

    if around is None and left_at is None:
        raise click.UsageError("give --around STEP, --left-at STAGE or both")
    if journey_path is None and (left_at is not None or by == "stage"):
        raise click.UsageError("--left-at and --by stage need the journey (-j JOURNEY)")
    journey = load(journey_path) if journey_path is not None else None
    columns: dict[str, Any] = {"customer": customer, "touchpoint": touchpoint, "timestamp": timestamp}
    report: dict[str, Any] = {}
    if around is not None:
        steps: Literal["touchpoint", "stage"] = "stage" if by == "stage" else "touchpoint"
        report["paths"] = mining.paths(
            events, journey, around=around, before=before, after=after, top=top, by=steps, **columns
        )
    if left_at is not None and journey is not None:
        try:
            report["left_at"] = mining.left_at(events, journey, stage=left_at, last=last, top=top, **columns)
        except ValueError as error:
            raise click.BadParameter(str(error).removeprefix("stage: "), param_hint="--left-at") from None
    if as_json:
        print_json({key: _plain(value) for key, value in report.items()})
        return
    blocks = []
    if "paths" in report:
        blocks.append(_paths_text(report["paths"]))
    if "left_at" in report:
        blocks.append(_left_text(report["left_at"], last))
    click.echo("\n\n".join(blocks))


def _plain(result: Any) -> dict[str, Any]:
    """A Paths or DropOff as JSON-ready data (``instead`` as objects with step and customers)."""
    import attrs

    data = attrs.asdict(result)
    if "instead" in data:
        data["instead"] = [{"step": step, "customers": n} for step, n in data["instead"]]
    return data


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: int) -> list[str]:
    """Columns padded to their widest cell; the first ``numeric`` columns right-aligned."""
    widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.rjust(w) if c < numeric else cell.ljust(w) for c, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _step(step: str | None) -> str:
    return _NOTHING if step is None else step


def _paths_text(result: Any) -> str:
    offsets = range(-result.before, result.after + 1)
    head = (
        f"Around {result.around} ({result.before} before, {result.after} after):"
        f" {result.customers} customers, {result.distinct} distinct paths"
    )
    header = ["customers", "share", *(f"{k:+d}" if k else "0" for k in offsets)]
    rows = [
        [str(s.customers), _share(s.customers, result.customers), *(_step(step) for step in s.steps)]
        for s in result.sequences
    ]
    return "\n".join([head, *_table(header, rows, 2)])


def _left_text(result: Any, last: int) -> str:
    head = f"Left at {result.stage}: {result.customers} customers; their last {last} events (oldest first)"
    header = ["customers", "share", *(f"{k:+d}" if k else "last" for k in range(1 - last, 1))]
    rows = [
        [str(s.customers), _share(s.customers, result.customers), *(_step(step) for step in s.steps)]
        for s in result.last
    ]
    instead_rows = [
        [str(n), _share(n, result.customers), "(nothing after)" if step is None else step] for step, n in result.instead
    ]
    instead = ["", "What came after their last event in the stage:"]
    instead += _table(["customers", "share", "step"], instead_rows, 2)
    return "\n".join([head, *_table(header, rows, 2), *instead])
