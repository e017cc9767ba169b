"""Time ``journeymap.diff`` on two versions of journeys of 1k, 10k and 100k touchpoints.

Run: ``python benchmarks/bench_diff.py [--repeat N] [--sizes 1000,10000,100000]``.

The new version is an edit of the old one: one touchpoint in ten rescored, one in fifty moved to the next
stage, a barrier made critical in one in twenty, the stages' order reversed, and two stages renamed. The
figure is the ratio to ``old == new`` (attrs' own comparison of the same two journeys, which stops at nothing
and reports only True or False): what it costs to say *what* changed, and where. A flat per-touchpoint column
means the diff grows linearly.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from collections.abc import Callable

import attrs
from bench_analysis import make_journey

from journeymap import Barrier, Journey, Touchpoint, diff, dumps, loads


def edit(journey: Journey, seed: int = 2) -> Journey:
    """An edit of ``journey`` as a team makes one (see the module's docstring)."""
    rng = random.Random(seed)
    stages = list(journey.stages)
    carried: list[Touchpoint] = []
    for index, stage in enumerate(stages):
        touchpoints = []
        for tp in stage.touchpoints:
            if rng.random() < 0.1:
                tp = attrs.evolve(tp, emotion=rng.choice([-2, -1, 0, 1, 2]))
            if tp.barriers and rng.random() < 0.05:
                tp = attrs.evolve(tp, barriers=[Barrier(description=tp.barriers[0].description, severity="critical")])
            if rng.random() < 0.02:
                carried.append(tp)
            else:
                touchpoints.append(tp)
        touchpoints, carried = carried + touchpoints, []
        stages[index] = attrs.evolve(stage, touchpoints=touchpoints, name=stage.name + (" (new)" if index < 2 else ""))
    return attrs.evolve(journey, stages=list(reversed(stages)))


def best(run: Callable[[], object], repeat: int) -> float:
    """The best time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    print(f"{'touchpoints':>11}  {'changes':>8}  {'diff s':>8}  {'== s':>8}  {'ratio':>6}  {'µs/touchpoint':>13}")
    for size in (int(text) for text in args.sizes.split(",")):
        old = make_journey(size)
        new, same = edit(old), loads(dumps(old, format="json"), format="json")
        assert same == old
        changes = len(diff(old, new).changes)
        took = best(lambda old=old, new=new: diff(old, new), args.repeat)
        equal = best(lambda old=old, same=same: old == same, args.repeat)
        per = took / size * 1e6
        print(f"{size:>11}  {changes:>8}  {took:>8.3f}  {equal:>8.4f}  {took / equal:>6.1f}  {per:>13.1f}")


if __name__ == "__main__":
    main()
