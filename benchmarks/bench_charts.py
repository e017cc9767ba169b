"""Render time of each chart next to a bare matplotlib line plot of the same points.

Run: ``.venv/bin/python benchmarks/bench_charts.py [--sizes 10,100,1000] [--repeat 3]``.

For each size (touchpoints, spread over ten stages, or one stage per ten
touchpoints beyond that) it draws each chart and saves it as a 12x5-inch PNG
at 100 dpi, and does the same for a bare ``Figure().add_subplot().plot(scores)``
of the same scores. The table shows the best of ``--repeat`` runs (build +
save) and the ratio chart / bare plot — the figure that matters, since the
machine's speed cancels out.
"""

from __future__ import annotations

import argparse
import functools
import io
import time
from collections.abc import Callable
from typing import Any

import journeymap as jm
from journeymap import charts


def make_journey(touchpoints: int) -> jm.Journey:
    """``touchpoints`` touchpoints over max(10, touchpoints / 10) stages, with emotions, barriers and channels."""
    stage_count = max(1, min(touchpoints, max(10, touchpoints // 10)))
    per_stage = [touchpoints // stage_count + (1 if s < touchpoints % stage_count else 0) for s in range(stage_count)]
    stages = []
    for s, count in enumerate(per_stage):
        stages.append(
            jm.Stage(
                name=f"Stage {s} of the journey",
                touchpoints=[
                    jm.Touchpoint(
                        name=f"Touchpoint {s}-{t} with a name",
                        channel=("site", "email", "phone", "social", "office")[(s + t) % 5],
                        emotion=((s * 7 + t * 3) % 9 - 4) / 2 if (s + t) % 7 else None,
                        barriers=["Slow"] * ((s + t) % 3),
                    )
                    for t in range(count)
                ],
            )
        )
    return jm.Journey(title=f"Benchmark, {touchpoints} touchpoints", stages=stages)


def _save(figure: Any) -> None:
    charts.save_figure(figure, io.BytesIO(), "png", dpi=100)


def _bare(scores: list[float]) -> None:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(12, 5))
    figure.add_subplot().plot(scores, marker="o")
    figure.savefig(io.BytesIO(), format="png", dpi=100)


def _best(action: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print one row per size and chart: seconds, bare-plot seconds, ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    jobs: dict[str, Callable[[jm.Journey], None]] = {
        "emotion_curve": lambda j: _save(charts.emotion_curve(j).get_figure()),
        "emotion_curve by stage": lambda j: _save(charts.emotion_curve(j, by="stage").get_figure()),
        "barrier_heatmap": lambda j: _save(charts.barrier_heatmap(j).get_figure()),
        "coverage_matrix": lambda j: _save(charts.coverage_matrix(j).get_figure()),
        "dashboard": lambda j: _save(charts.dashboard(j)),
        "journey_map": lambda j: _save(charts.journey_map(j)),
    }
    _bare([0.0, 1.0])  # warm up imports and fonts
    _save(charts.emotion_curve(make_journey(10)).get_figure())
    print(f"{'touchpoints':>11}  {'chart':<24} {'chart s':>8} {'bare s':>8} {'ratio':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        journey = make_journey(size)
        scores = [tp.emotion.score if tp.emotion else float("nan") for _, tp in journey.touchpoints()]
        bare = _best(functools.partial(_bare, scores), args.repeat)
        for name, job in jobs.items():
            took = _best(functools.partial(job, journey), args.repeat)
            print(f"{size:>11}  {name:<24} {took:8.3f} {bare:8.3f} {took / bare:6.1f}")


if __name__ == "__main__":
    main()
