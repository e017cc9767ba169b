"""Speed and memory of the PowerPoint exporter next to python-pptx building the same deck directly.

Run: ``.venv/bin/python benchmarks/bench_pptx.py [--stages 12,50] [--repeat 3]``.

For a 12-stage and a 50-stage journey (10 touchpoints per stage, every lane
filled) it times ``PptxExporter().write`` (best of ``--repeat``) and its
peak memory (the high-water resident set size of a fresh child process
that builds the deck once, so lxml's C allocations count too; Linux only), then does the same for a *baseline*:
plain python-pptx code that adds the same number of slides, the same native
line charts (same categories and values), the same tables (same cell
text) and the same drawn shapes, text boxes and lines (same kind, frame and
text), sets every title and saves. The baseline skips what the exporter adds
on top — measuring and paginating text, explicit fonts and fills, speaker
notes, deterministic zip — so the ratio is the cost of those.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.util import Emu

import journeymap as jm
from journeymap.builtin.pptx import PptxExporter

TOUCHPOINTS = 10


def make_journey(stages: int) -> jm.Journey:
    """A journey of ``stages`` stages with ten touchpoints each and every lane filled."""
    return jm.Journey(
        title=f"Benchmark journey with {stages} stages",
        product="Online course",
        persona=jm.Persona(name="Anna, marketing lead", age=34, goals=["Switch career", "Earn more"]),
        stages=[
            jm.Stage(
                name=f"Stage {s + 1}: evaluating the offer",
                goals=[f"Goal {g} of stage {s + 1}: understand what the course gives" for g in range(4)],
                expectations=[f"Expectation {e}: a clear price and programme" for e in range(3)],
                questions=[f"Question {q}: how long does it take?" for q in range(3)],
                opportunities=[f"Opportunity {o}: show graduates' portfolios" for o in range(3)],
                touchpoints=[
                    jm.Touchpoint(
                        name=f"Touchpoint {s + 1}.{t + 1} on the landing page",
                        channel=("site", "email", "social", "phone")[t % 4],
                        emotion=None if t == 7 else (t % 5) - 2,
                        barriers=[
                            jm.Barrier(
                                description=f"Barrier {b} at {s}.{t}",
                                severity="critical" if b else "major",
                                remedy="Fix it",
                            )
                            for b in range(t % 3)
                        ],
                    )
                    for t in range(TOUCHPOINTS)
                ],
            )
            for s in range(stages)
        ],
        actions=[jm.Action(title=f"Action {a}", owner="Web team") for a in range(stages)],
    )


def exporter(journey: jm.Journey) -> bytes:
    stream = io.BytesIO()
    PptxExporter().write(journey, stream, lang="en")
    return stream.getvalue()


def structure(deck: bytes) -> list[dict[str, Any]]:
    """What each slide of the exporter's deck holds: title, charts, tables, drawn shapes and text (not timed)."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    slides = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        item: dict[str, Any] = {"title": slide.shapes.title.text, "charts": [], "tables": [], "shapes": []}
        for shape in slide.shapes:
            frame = [shape.left, shape.top, shape.width, shape.height]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                item["charts"].append((list(plot.categories), list(plot.series[0].values)))
            elif shape.has_table:
                item["tables"].append([[cell.text for cell in row.cells] for row in shape.table.rows])
            elif shape.is_placeholder:
                continue
            elif shape.shape_type == MSO_SHAPE_TYPE.LINE:
                item["shapes"].append(("line", [shape.begin_x, shape.begin_y, shape.end_x, shape.end_y], ""))
            elif shape.shape_type == MSO_SHAPE_TYPE.FREEFORM:
                points = shape._element.xpath(".//a:path/*/a:pt")
                at = [(shape.left + int(p.get("x")), shape.top + int(p.get("y"))) for p in points]
                item["shapes"].append(("polyline", at, ""))
            elif shape.shape_type == MSO_SHAPE_TYPE.TEXT_BOX:
                item["shapes"].append(("text", frame, shape.text_frame.text))
            else:
                item["shapes"].append((int(shape.auto_shape_type), frame, shape.text_frame.text))
        slides.append(item)
    return slides


def baseline(slides: list[dict[str, Any]]) -> bytes:
    """python-pptx used directly: the same slides, charts, tables, shapes and text; no measuring or styling."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    layout = prs.slide_layouts[5]
    for item in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = item["title"]
        for categories, values in item["charts"]:
            data = CategoryChartData()
            data.categories = categories
            data.add_series("Emotion", values)
            slide.shapes.add_chart(
                XL_CHART_TYPE.LINE_MARKERS, Emu(457200), Emu(2000000), Emu(11000000), Emu(4000000), data
            )
        for cells in item["tables"]:
            table = slide.shapes.add_table(
                len(cells), len(cells[0]), Emu(457200), Emu(1400000), Emu(11000000), Emu(4000000)
            ).table
            for r, row in enumerate(cells):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        for kind, frame, text in item["shapes"]:
            if kind == "polyline":
                builder = slide.shapes.build_freeform(*frame[0], scale=1.0)
                builder.add_line_segments(frame[1:], close=False)
                builder.convert_to_shape()
                continue
            x, y, cx, cy = frame
            if kind == "line":
                slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x, y, cx, cy)
                continue
            shape = (
                slide.shapes.add_textbox(x, y, cx, cy) if kind == "text" else slide.shapes.add_shape(kind, x, y, cx, cy)
            )
            if text:
                shape.text_frame.text = text
    stream = io.BytesIO()
    prs.save(stream)
    return stream.getvalue()


def best_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mib(kind: str, stages: int, slides: list[dict[str, Any]]) -> float:
    """Peak RSS in MiB of a child process that builds one deck (``kind``: ``journeymap`` or ``python-pptx``)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(slides, handle)
    try:
        command = [sys.executable, __file__, "--child", kind, "--stages", str(stages), "--slides", handle.name]
        return float(subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()[-1])
    finally:
        Path(handle.name).unlink()


def child(kind: str, stages: int, slides_file: str) -> None:
    """Build one deck, then print the peak RSS in MiB.

    Read from ``VmHWM`` in ``/proc/self/status`` (Linux): ``ru_maxrss`` would
    include the parent's peak, which a forked child inherits.
    """
    if kind == "journeymap":
        exporter(make_journey(stages))
    else:
        baseline(json.loads(Path(slides_file).read_text()))
    status = Path("/proc/self/status").read_text()
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    print(int(kib) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default="12,50", help="comma-separated stage counts (default 12,50)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is shown")
    parser.add_argument("--child", choices=("journeymap", "python-pptx"), help=argparse.SUPPRESS)
    parser.add_argument("--slides", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, int(args.stages), args.slides)
        return
    exporter(make_journey(1))  # warm imports and font caches
    head = ("stages", "touchpoints", "slides", "journeymap s", "python-pptx s", "ratio", "jm MiB", "pptx MiB", "ratio")
    print(" | ".join(head))
    for count in (int(n) for n in args.stages.split(",")):
        journey = make_journey(count)
        slides = structure(exporter(journey))
        ours, theirs = (
            best_time(lambda: exporter(journey), args.repeat),  # noqa: B023 - called before the next iteration
            best_time(lambda: baseline(slides), args.repeat),  # noqa: B023
        )
        our_mem, their_mem = peak_mib("journeymap", count, slides), peak_mib("python-pptx", count, slides)
        row = (
            str(count),
            str(count * TOUCHPOINTS),
            str(len(slides)),
            f"{ours:.2f}",
            f"{theirs:.2f}",
            f"{ours / theirs:.2f}x",
            f"{our_mem:.1f}",
            f"{their_mem:.1f}",
            f"{our_mem / their_mem:.2f}x",
        )
        print(" | ".join(row))


if __name__ == "__main__":
    main()
