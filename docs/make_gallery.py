"""Render the chart gallery of docs/charts.md: one dashboard and one journey map poster per example journey.

Usage::

    python docs/make_gallery.py [OUTDIR]

Writes ``OUTDIR/dashboard-<example>.png`` and ``OUTDIR/map-<example>.png``
(default ``docs/images``) for every ``examples/*.yaml`` through the ``png``
exporter, and prints each path. The posters are reduced to a 256-colour
palette (Pillow) to stay small.
"""

from __future__ import annotations

import sys
from pathlib import Path

import journeymap as jm
from journeymap import plugins

ROOT = Path(__file__).resolve().parent.parent


def shrink(path: Path) -> None:
    """Rewrite the PNG at ``path`` with a 256-colour palette (no dithering: text stays crisp)."""
    from PIL import Image

    with Image.open(path) as image:
        palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette.save(path, optimize=True)


def main(argv: list[str]) -> int:
    """Render every example's dashboard and map poster; return the exit status."""
    outdir = Path(argv[0]) if argv else ROOT / "docs" / "images"
    outdir.mkdir(parents=True, exist_ok=True)
    for source in sorted((ROOT / "examples").glob("*.yaml")):
        journey = jm.load(source)
        target = plugins.export(journey, outdir / f"dashboard-{source.stem}.png", overwrite=True, dpi=80)
        print(target)
        poster = plugins.export(journey, outdir / f"map-{source.stem}.png", overwrite=True, chart="map", dpi=100)
        shrink(poster)
        print(poster)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
