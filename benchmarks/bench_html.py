"""Export time of the interactive HTML map for journeys of 6, 12 and 50 stages.

Run: ``.venv/bin/python benchmarks/bench_html.py [--stages 6,12,50] [--repeat 3]``.

Each stage holds four touchpoints with channels, actions, emotions (one in seven left out: a gap in the
curve) and barriers, and goals, questions, opportunities and a KPI, so every lane has content. The table
shows the best of ``--repeat`` exports (layout + render + encode), the page's size, and the time per
stage; the 50-stage export is meant to stay under a second.
"""

from __future__ import annotations

import argparse
import io
import time

import journeymap as jm
from journeymap.builtin.html import HtmlExporter


def make_journey(stages: int) -> jm.Journey:
    """``stages`` stages of four touchpoints each, every lane filled."""
    return jm.Journey(
        title=f"Benchmark, {stages} stages",
        persona=jm.Persona(name="Anna, marketing lead", quote="I want to see it all on one page."),
        stages=[
            jm.Stage(
                name=f"Stage {s} of the journey",
                goals=[f"Goal {s} the customer has at this step of the journey"],
                questions=[f"Question {s} the customer asks here?", "How much does it cost?"],
                touchpoints=[
                    jm.Touchpoint(
                        name=f"Touchpoint {s}-{t} with a longer name",
                        channel=("site", "email", "phone", "social", "office")[(s + t) % 5],
                        action=f"Does something at touchpoint {s}-{t}",
                        emotion=((s * 7 + t * 3) % 9 - 4) / 2 if (s + t) % 7 else None,
                        barriers=[jm.Barrier(description="Slow answer", cause="One person", remedy="A bot")]
                        * ((s + t) % 3),
                    )
                    for t in range(4)
                ],
                opportunities=[f"Idea {s} to make this step better"],
                kpis=[jm.Kpi(name=f"KPI {s}", actual=s, target=s + 1, unit="%")],
                owner="Marketing",
            )
            for s in range(stages)
        ],
    )


def export(journey: jm.Journey) -> int:
    """Export the page to memory; its size in bytes."""
    stream = io.BytesIO()
    HtmlExporter().write(journey, stream, lang="en")
    return len(stream.getvalue())


def main() -> None:
    """Print one row per size: seconds (best of the runs), kilobytes, milliseconds per stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default="6,12,50")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    export(make_journey(2))  # warm up imports, the template and the font metrics
    print(f"{'stages':>6} {'touchpoints':>11} {'export s':>9} {'KB':>7} {'ms/stage':>9}")
    for stages in (int(s) for s in args.stages.split(",")):
        journey = make_journey(stages)
        times, size = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            size = export(journey)
            times.append(time.perf_counter() - start)
        best = min(times)
        print(f"{stages:>6} {stages * 4:>11} {best:9.3f} {size / 1024:7.1f} {best * 1000 / stages:9.1f}")


if __name__ == "__main__":
    main()
