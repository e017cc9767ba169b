"""Render the chart gallery of docs/charts.md: one dashboard per example journey.

Usage::

    python docs/make_gallery.py [OUTDIR]

Writes ``OUTDIR/dashboard-<example>.png`` (default ``docs/images``) for every
``examples/*.yaml`` through the ``png`` exporter, and prints each path.
"""

from __future__ import annotations

import sys
from pathlib import Path

import journeymap as jm
from journeymap import plugins

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Render every example's dashboard; return the exit status."""
    outdir = Path(argv[0]) if argv else ROOT / "docs" / "images"
    outdir.mkdir(parents=True, exist_ok=True)
    for source in sorted((ROOT / "examples").glob("*.yaml")):
        journey = jm.load(source)
        target = plugins.export(journey, outdir / f"dashboard-{source.stem}.png", overwrite=True, dpi=80)
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
