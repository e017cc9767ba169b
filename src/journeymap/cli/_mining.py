"""``journeymap mine``: measure a journey from an event log and write the journey with the figures."""

from __future__ import annotations

import time
from pathlib import Path

import click

from journeymap.plugins import load
from journeymap.serialization import format_for, reads, save

__all__ = ["mine"]

_QUIET_SECONDS = 1.0  # steps are shown once a run has taken this long


@click.command()
@click.argument("events", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-j",
    "--journey",
    "journey_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The journey map whose stages and touchpoints are measured.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Journey file to write, with the measured figures (.yaml, .yml or .json).",
)
@click.option("--customer", metavar="COLUMN", help="Customer column [customer_id; XES: case:concept:name].")
@click.option("--touchpoint", metavar="COLUMN", help="Event name column [touchpoint; XES: concept:name].")
@click.option("--timestamp", metavar="COLUMN", help="Timestamp column [timestamp; XES: time:timestamp].")
@click.option("--segment", metavar="COLUMN", help="Also measure per value of this column.")
@click.option("--window", metavar="DURATION", help="Count a conversion only within this time (14d, 36h, 30m, 90s).")
@click.option(
    "--mode",
    type=click.Choice(["any_order", "ordered", "strict_order"]),
    default="any_order",
    show_default=True,
    help="Funnel mode, as in windowFunnel: later stages in any order, in journey order, or with nothing between.",
)
@click.option("--dedup", is_flag=True, help="Count only each customer's first event of each stage.")
@click.option(
    "--session-gap",
    metavar="DURATION",
    help="Cut each customer's events into sessions at pauses longer than this (30m) and count sessions to convert.",
)
@click.option("-f", "--force", is_flag=True, help="Replace OUTPUT if it exists.")
def mine(
    events: Path,
    journey_path: Path,
    output: Path,
    customer: str | None,
    touchpoint: str | None,
    timestamp: str | None,
    segment: str | None,
    window: str | None,
    mode: str,
    dedup: bool,
    session_gap: str | None,
    force: bool,
) -> None:
    """Measure JOURNEY from the event log EVENTS (CSV, Parquet, JSON lines, XES, XES.gz).

    Writes the journey with each stage's measured metrics and each
    touchpoint's reach, and prints a summary; unmatched event names are
    listed. Long runs show their steps on standard error. A YAML OUTPUT
    keeps the comments, key order and quoting of a YAML JOURNEY (needs
    ruamel.yaml, extra yaml-rt), so only the figures are new lines.
    """
    from journeymap import mining

    for option, value in (("--window", window), ("--session-gap", session_gap)):
        if value is None:
            continue
        try:
            seconds = mining.parse_duration(value, option)
        except ValueError as error:
            raise click.BadParameter(str(error).removeprefix(f"{option}: "), param_hint=option) from None
        if option == "--session-gap" and not seconds:
            raise click.BadParameter(f"must be more than 0, got {value!r}", param_hint=option)
    journey = load(journey_path)
    start = time.monotonic()

    def progress(step: str) -> None:
        elapsed = time.monotonic() - start
        if elapsed >= _QUIET_SECONDS:
            click.echo(f"[{elapsed:6.1f}s] {step}…", err=True)

    metrics = mining.mine(
        events,
        journey,
        customer=customer,
        touchpoint=touchpoint,
        timestamp=timestamp,
        segment=segment,
        window=window,
        mode=mode,
        dedup=dedup,
        session_gap=session_gap,
        progress=progress,
    )
    keep = journey_path if reads(journey_path) and format_for(journey_path) == "yaml" else True
    written = save(mining.enrich(journey, metrics), output, overwrite=force, keep=keep)
    click.echo(
        f"{metrics.customers} customers, {metrics.events} events"
        f" ({metrics.unmatched_events} unmatched), {metrics.variant_count} paths -> {written}"
    )
    if metrics.sessions is not None:
        click.echo(f"{metrics.sessions} sessions (a pause over {session_gap} starts a new one)")
    for result in metrics.stages:
        figures = result.metrics
        share = f"{figures.conversion:.0%}" if figures.conversion is not None else "-"
        line = f"  {result.name}: reached {figures.reached}, went further {figures.converted} ({share})"
        sessions = next((s for s in metrics.sessions_to_convert if s.stage == result.id), None)
        if sessions is not None:
            line += f", reached in session {sessions.p50:g} (median)"
        click.echo(line)
    if metrics.unmatched:
        names = ", ".join(f"{u.name} ({u.events})" for u in metrics.unmatched[:10])
        more = f" and {len(metrics.unmatched) - 10} more" if len(metrics.unmatched) > 10 else ""
        click.echo(f"unmatched events: {names}{more}", err=True)
