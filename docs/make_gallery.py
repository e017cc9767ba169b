"""Render the gallery of the documentation site: every example journey in every format, by the real tools.

Usage::

    python docs/make_gallery.py [OUTDIR]      # or: make gallery

For every ``examples/*.yaml`` it writes, through journeymap's own exporters:

- ``OUTDIR/dashboard-<example>.png`` and ``OUTDIR/map-<example>.png`` (the charts page shows them too);
- ``OUTDIR/gallery/<example>-<chart>.png`` for each chart a journey without measured metrics has;
- ``OUTDIR/gallery/<example>-deck-<n>.png`` and ``<example>-workbook-<n>.png``: the PowerPoint deck and the Excel
  workbook opened by LibreOffice, printed to PDF and rasterised by ``pdftoppm`` (so it needs ``soffice`` and
  ``pdftoppm``, and says so when they are missing);

then ``docs/gallery.md``, the page that shows them. The pictures are small (40–100 dpi, reduced to a
256-colour palette by Pillow) so they can be committed; the HTML maps and the other files are written by the
docs build itself (``docs/hooks/gallery_files.py``), never committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import journeymap as jm
from journeymap import plugins

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hooks.gallery_files import FILES  # the files the docs build writes next to the pictures

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "gallery.md"
CHARTS = ("emotion_curve", "barrier_heatmap", "coverage_matrix")
"""The charts of a journey without measured metrics (``funnel`` and ``transitions`` need ``journeymap mine``)."""
PAGE_DPI = 40
"""Resolution of the deck and workbook pages: enough to see the layout, small enough to commit."""
WORKBOOK_PAGES = 4
"""The first pages of a workbook printed to PDF (its sheets are long; the rest is in the downloadable file)."""
TOOLS = ("soffice", "pdftoppm")
MISSING = """\
make gallery needs LibreOffice (soffice) and poppler (pdftoppm) to show the deck and the workbook as pages;
missing: {missing}. On Debian or Ubuntu:

    apt-get install -y libreoffice-impress libreoffice-calc poppler-utils
"""


def shrink(path: Path) -> None:
    """Rewrite the PNG at ``path`` with a 256-colour palette (no dithering: text stays crisp)."""
    from PIL import Image

    with Image.open(path) as image:
        palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette.save(path, optimize=True)


def pages_of(document: Path, prefix: Path, work: Path, *, last: int | None = None) -> list[Path]:
    """Open ``document`` in LibreOffice, print it to PDF, rasterise its pages to ``<prefix>-<n>.png``."""
    profile = work / "profile"  # a private LibreOffice profile: another soffice running does not block this one
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = work / f"{document.stem}.pdf"
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    pages = ["-l", str(last)] if last else []
    subprocess.run(["pdftoppm", "-png", "-r", str(PAGE_DPI), *pages, str(pdf), str(prefix)], check=True, timeout=300)
    found = sorted(prefix.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    renamed = []
    for number, page in enumerate(found, start=1):  # pdftoppm pads the numbers to the page count: -01, -02
        target = page.with_name(f"{prefix.name}-{number}.png")
        page.rename(target)
        shrink(target)
        renamed.append(target)
    return renamed


def render(source: Path, outdir: Path, work: Path) -> dict[str, list[Path]]:
    """Every picture of one example: its poster, dashboard, charts, deck slides and workbook pages."""
    journey = jm.load(source)
    stem = source.stem
    gallery = outdir / "gallery"
    gallery.mkdir(parents=True, exist_ok=True)
    dashboard = plugins.export(journey, outdir / f"dashboard-{stem}.png", overwrite=True, dpi=80)
    poster = plugins.export(journey, outdir / f"map-{stem}.png", overwrite=True, chart="map", dpi=100)
    shrink(poster)
    charts = []
    for chart in CHARTS:
        picture = plugins.export(journey, gallery / f"{stem}-{chart}.png", overwrite=True, chart=chart, dpi=60)
        shrink(picture)
        charts.append(picture)
    deck = plugins.export(journey, work / f"{stem}.pptx", overwrite=True)
    workbook = plugins.export(journey, work / f"{stem}.xlsx", overwrite=True)
    return {
        "poster": [poster],
        "dashboard": [dashboard],
        "charts": charts,
        "deck": pages_of(deck, gallery / f"{stem}-deck", work),
        "workbook": pages_of(workbook, gallery / f"{stem}-workbook", work, last=WORKBOOK_PAGES),
    }


def page(rendered: dict[str, dict[str, list[Path]]], titles: dict[str, str]) -> str:
    """The Markdown of ``docs/gallery.md``."""
    docs = ROOT / "docs"
    lines = [
        "# Gallery",
        "",
        "Every example journey of `examples/` in every deliverable, rendered by the real tools: the poster, the",
        "dashboard and the charts by journeymap (matplotlib); the PowerPoint deck and the Excel workbook opened by",
        "LibreOffice and printed to PDF. The interactive HTML map and the other files are written by the docs",
        "build from the same examples. `make gallery` renders the pictures again (it needs LibreOffice).",
        "",
        "<!-- Written by docs/make_gallery.py (make gallery): edit that script, not this page. -->",
    ]
    for stem, pictures in rendered.items():
        lines += ["", f"## {titles[stem]}", "", f"`examples/{stem}.yaml`", ""]
        links = " · ".join(f"[{name}](gallery/{stem}{suffix})" for name, suffix, _ in FILES)
        lines += [f"Files: {links}.", ""]
        lines += [
            f"### The map poster\n\n![Journey map poster: {titles[stem]}]({pictures['poster'][0].relative_to(docs)})",
            "",
            "### The interactive HTML map",
            "",
            f'<iframe src="gallery/{stem}.html" title="Interactive map: {titles[stem]}" loading="lazy"'
            ' style="width: 100%; height: 36rem; border: 1px solid #ccc"></iframe>',
            "",
            f"[Open it on its own page](gallery/{stem}.html).",
            "",
            f"### The dashboard\n\n![Dashboard: {titles[stem]}]({pictures['dashboard'][0].relative_to(docs)})",
            "",
            "### Charts",
            "",
        ]
        lines += [
            f"![{p.stem.removeprefix(stem + '-')}]({p.relative_to(docs)}){{ width=32% }}" for p in pictures["charts"]
        ]
        for part, heading in (("deck", "The PowerPoint deck"), ("workbook", "The Excel workbook (first pages)")):
            lines += ["", f"### {heading}", ""]
            lines += [
                f"![{part} page {n}]({p.relative_to(docs)}){{ width=32% }}" for n, p in enumerate(pictures[part], 1)
            ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Render every example's pictures and write the gallery page; return the exit status."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(MISSING.format(missing=", ".join(missing)), file=sys.stderr)
        return 1
    outdir = Path(argv[0]) if argv else ROOT / "docs" / "images"
    rendered, titles = {}, {}
    with tempfile.TemporaryDirectory(prefix="journeymap-gallery-") as work:
        for source in sorted((ROOT / "examples").glob("*.yaml")):
            rendered[source.stem] = render(source, outdir, Path(work))
            titles[source.stem] = jm.load(source).title
            for paths in rendered[source.stem].values():
                print(*paths, sep="\n")
    if not argv:
        PAGE.write_text(page(rendered, titles), encoding="utf-8")
        print(PAGE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
