"""Build time of the journey map in its three forms, next to a bare matplotlib figure with as many texts.

Run: ``.venv/bin/python benchmarks/bench_map.py [--stages 6,12,50] [--repeat 3]``.

For each size (the journeys of ``bench_html.py``: four touchpoints a stage, every lane filled) it times
the poster (``charts.journey_map`` saved as SVG), the map slides of the deck (the deck with the map minus
the deck without it, so the rest of the deck cancels out), and the HTML map. The baseline is a bare
matplotlib figure of the poster's size holding as many ``Figure.text`` boxes as the poster draws, saved as
SVG: the ratio against it is the figure that matters, since the machine's speed cancels out.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable

from bench_html import make_journey

import journeymap as jm
from journeymap import charts


def best(run: Callable[[], object], repeat: int) -> float:
    """The shortest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def poster(journey: jm.Journey) -> int:
    """Draw and save the poster; the number of texts it drew."""
    from matplotlib.text import Text

    figure = charts.journey_map(journey)
    count = len(figure.findobj(Text))
    charts.save_figure(figure, io.BytesIO(), "svg")
    return count


def bare(texts: int, size: tuple[float, float]) -> None:
    """A bare figure of ``size`` inches holding ``texts`` short texts in a grid, saved as SVG."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=size)
    columns = max(1, int(texts**0.5))
    for number in range(texts):
        row, column = divmod(number, columns)
        figure.text(column / columns, 1 - row / (texts / columns + 1), f"Text {number}", fontsize=9)
    figure.savefig(io.BytesIO(), format="svg")


def deck(journey: jm.Journey, *, with_map: bool) -> None:
    jm.export(journey, io.BytesIO(), format="pptx", map=with_map)


def html(journey: jm.Journey) -> None:
    jm.export(journey, io.BytesIO(), format="html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default="6,12,50")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'stages':>6}  {'texts':>5}  {'bare fig':>8}  {'poster':>8} {'ratio':>6}  {'slides':>8} {'ratio':>6}  "
        f"{'html':>8} {'ratio':>6}"
    )
    print("-" * 80)
    for stages in (int(part) for part in args.stages.split(",")):
        print(row(make_journey(stages), stages, args.repeat))


def row(journey: jm.Journey, stages: int, repeat: int) -> str:
    """One line of the table: the texts drawn, the bare figure's time, and each form's time and ratio."""
    texts = poster(journey)
    width, height = charts.journey_map(journey).get_size_inches()
    base = best(lambda: bare(texts, (width, height)), repeat)
    drawn = best(lambda: poster(journey), repeat)
    slides = best(lambda: deck(journey, with_map=True), repeat) - best(lambda: deck(journey, with_map=False), repeat)
    page = best(lambda: html(journey), repeat)
    return (
        f"{stages:>6}  {texts:>5}  {base * 1000:>6.0f}ms  {drawn * 1000:>6.0f}ms {drawn / base:>5.2f}x  "
        f"{slides * 1000:>6.0f}ms {slides / base:>5.2f}x  {page * 1000:>6.0f}ms {page / base:>5.2f}x"
    )


if __name__ == "__main__":
    main()
