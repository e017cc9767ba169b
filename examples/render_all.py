"""Render every example journey into a directory.

Usage::

    python examples/render_all.py OUTDIR [--examples DIR]

For each ``examples/*.yaml`` (or ``DIR/*.yaml``) it loads the journey (so a broken example fails
loudly), writes a JSON copy ``OUTDIR/<stem>.json`` and, when this journeymap
has exporters (``journeymap.export``), one deliverable per exporter whose extra
library is installed: ``OUTDIR/<stem><suffix>``. It prints one line per file
written and exits with status 1 when any example fails, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import journeymap as jm
from journeymap.errors import JourneyMapError, MissingDependencyError

EXAMPLES = Path(__file__).resolve().parent
JOURNEY_FORMATS = frozenset({"json", "yaml"})  # already written as the JSON copy


class Exporter(Protocol):
    """The part of a registered exporter this script uses."""

    @property
    def name(self) -> str: ...

    @property
    def suffixes(self) -> Sequence[str]: ...


def exporters() -> list[Exporter]:
    """Exporters of this journeymap (none before ``journeymap.formats`` exists)."""
    formats: Callable[[], Iterable[Exporter]] | None = getattr(jm, "formats", None)
    if formats is None or not hasattr(jm, "export"):
        return []
    return [e for e in formats() if e.name not in JOURNEY_FORMATS and e.suffixes]


def render(source: Path, outdir: Path, formats: Sequence[Exporter]) -> Iterator[Path]:
    """Write the JSON copy and every available deliverable of one example, yielding each path written."""
    journey = jm.load(source)
    written = [jm.save(journey, outdir / f"{source.stem}.json", overwrite=True)]
    yield written[0]
    export: Callable[..., Any] | None = getattr(jm, "export", None)
    if export is None:
        return
    for exporter in formats:
        target = outdir / f"{source.stem}{exporter.suffixes[0]}"
        if target in written:  # two exporters share a suffix: keep both, named apart
            target = outdir / f"{source.stem}.{exporter.name}{exporter.suffixes[0]}"
        try:
            written.append(Path(export(journey, target, format=exporter.name, overwrite=True)))
        except MissingDependencyError as error:
            print(f"skipped {target.name}: {error}", file=sys.stderr)
        else:
            yield written[-1]


def main(argv: Sequence[str] | None = None) -> int:
    """Render all examples into the directory given on the command line; return the exit status."""
    parser = argparse.ArgumentParser(description="Render every example journey into OUTDIR.")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="directory for the rendered files")
    parser.add_argument(
        "--examples",
        type=Path,
        default=EXAMPLES,
        metavar="DIR",
        help="directory of *.yaml journeys (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    outdir: Path = args.outdir
    sources = sorted(Path(args.examples).glob("*.yaml"))
    if not sources:
        print(f"error: no *.yaml journeys in {args.examples}", file=sys.stderr)
        return 1
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"error: cannot create {outdir}: {error.strerror or error}", file=sys.stderr)
        return 1
    formats = exporters()
    failed = 0
    for source in sources:
        try:
            for path in render(source, outdir, formats):
                print(path)
        except (JourneyMapError, OSError) as error:
            failed += 1
            message = str(error)
            print(f"error: {message if source.name in message else f'{source.name}: {message}'}", file=sys.stderr)
    if failed:
        print(f"error: {failed} example(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
