"""Commands about formats: ``export`` writes deliverables, ``formats`` lists what journeymap reads and writes."""

from __future__ import annotations

import contextlib
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

import click

from journeymap import plugins
from journeymap.builtin.json_yaml import JourneyFile
from journeymap.cli._common import print_json
from journeymap.errors import ExportError, ValidationError
from journeymap.hookspecs import Exporter
from journeymap.model import Journey
from journeymap.plugins import load
from journeymap.serialization import save

__all__ = ["export", "formats"]

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _options(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs as exporter options; ``-`` in a key becomes ``_``."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not _KEY.match(key):
            raise ValidationError.at("--option", f"must look like KEY=VALUE, got {pair!r}")
        options[key.replace("-", "_")] = value
    return options


class _TimedOut(BaseException):
    """The time of ``--timeout`` ran out (a BaseException, so an exporter's ``except Exception`` cannot hide it)."""


@contextlib.contextmanager
def _time_limit(seconds: float | None, exporter: Exporter, out: str) -> Iterator[None]:
    """Stop the export in this block after ``seconds``: the temporary file is removed, the target left as it was.

    A SIGALRM timer interrupts Python code; a call stuck inside a C library is stopped when it returns.
    """
    if not seconds:
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimedOut:
        provider = next((info.provider for info in plugins.formats() if info.name == exporter.name), "unregistered")
        raise ExportError(
            f"{out}: the {exporter.name} exporter ({provider}) took longer than --timeout {seconds:g} s;"
            " it was stopped and nothing was written"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    required=True,
    metavar="OUT",
    help="File to write; the suffix picks the format. Repeat for several files; '-' is standard output.",
)
@click.option("-f", "--format", "format_", metavar="FORMAT", help="Exporter name (see 'journeymap formats').")
@click.option("--lang", metavar="LANG", help="Language of headings (en, ru, ro); default: the journey's language.")
@click.option("--force", is_flag=True, help="Replace output files that exist.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Stop an exporter that takes longer than this per file (nothing is written); default: no limit.",
)
@click.option(
    "--option",
    "option_pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="Option for the exporter, passed as text; repeatable.",
)
def export(
    file: Path,
    outputs: tuple[str, ...],
    format_: str | None,
    lang: str | None,
    force: bool,
    timeout: float | None,
    option_pairs: tuple[str, ...],
) -> None:
    """Write the journey FILE as one or more deliverables.

    A YAML OUT that exists (with --force) keeps its comments, key order and
    quoting where the journey did not change (needs the yaml-rt extra).

    \b
    journeymap export school.yaml -o school.xlsx -o school.json
    journeymap export school.yaml -f markdown -o - > school.md
    """
    options = _options(option_pairs)
    journey = load(file)
    if "-" in outputs and format_ is None:
        raise ValidationError.at("--format", "is required when writing to standard output ('-o -')")
    # Find every exporter before writing anything, so a bad suffix writes nothing.
    exporters = [plugins.exporter_for(out, format_) for out in outputs]
    for out, exporter in zip(outputs, exporters, strict=True):
        with _time_limit(timeout, exporter, out):
            _export_one(journey, out, exporter, lang, force, options)


def _export_one(
    journey: Journey, out: str, exporter: Exporter, lang: str | None, force: bool, options: dict[str, Any]
) -> None:
    """Write one OUT of ``journeymap export``."""
    if out == "-":
        stdout = cast(BinaryIO, sys.stdout.buffer)
        plugins.export_with(exporter, journey, stdout, lang=lang, **options)
        stdout.flush()
    elif isinstance(exporter, JourneyFile) and exporter.name == "yaml" and not options:
        # A YAML journey file that is replaced keeps its comments and layout (docs/format.md).
        written = save(journey, out, "yaml", overwrite=force)
        click.echo(f"wrote {written} ({exporter.name})", err=True)
    else:
        written = plugins.export_with(exporter, journey, out, lang=lang, overwrite=force, **options)
        click.echo(f"wrote {written} ({exporter.name})", err=True)


_YES, _NO = "yes", "-"


def _formats_json(
    infos: tuple[plugins.FormatInfo, ...], broken: tuple[plugins.BrokenPlugin, ...], disabled: tuple[str, ...]
) -> dict[str, Any]:
    """What ``journeymap formats --json`` prints: the formats, the broken plugins and the disabled ones."""
    return {
        "formats": [
            {
                "name": f.name,
                "reads": f.reads,
                "writes": f.writes,
                "suffixes": list(f.suffixes),
                "read_suffixes": list(f.read_suffixes),
                "description": f.description,
                "extra": f.extra,
                "plugin": f.plugin,
                "distribution": f.distribution,
                "version": f.version,
            }
            for f in infos
        ],
        "broken": [
            {"name": b.name, "distribution": b.distribution, "version": b.version, "error": b.error} for b in broken
        ],
        "disabled": list(disabled),
    }


def _formats_table(infos: tuple[plugins.FormatInfo, ...]) -> list[str]:
    """One aligned line per format, under a heading; the description, last, is not padded.

    SUFFIXES are those of the files written, then those read that differ.
    """
    rows = [("FORMAT", "READS", "WRITES", "SUFFIXES", "PROVIDER", "EXTRA", "DESCRIPTION")]
    for f in infos:
        suffixes = " ".join(dict.fromkeys([*f.suffixes, *f.read_suffixes]))
        reads, writes = (_YES if flag else _NO for flag in (f.reads, f.writes))
        rows.append((f.name, reads, writes, suffixes, f.provider, f.extra or _NO, f.description))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]) for row in rows
    ]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")
def formats(as_json: bool) -> None:
    """List every format, whether journeymap reads or writes it, who provides it, and plugins that failed to load."""
    infos = plugins.formats()
    broken = plugins.broken_plugins()
    disabled = plugins.disabled_plugins()
    if as_json:
        print_json(_formats_json(infos, broken, disabled))
        return
    for line in _formats_table(infos):
        click.echo(line)
    if broken:
        click.echo("\nBroken plugins (their formats are missing):")
        for plugin in broken:
            click.echo(f"  {plugin.name} ({plugin.provider}): {plugin.error}")
    if disabled:
        click.echo(f"\nDisabled by {plugins.DISABLE_VARIABLE}: {', '.join(disabled)}")
