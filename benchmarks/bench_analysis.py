"""Time ``journeymap.analysis.analyze`` on journeys of 1k, 10k and 100k touchpoints.

Run: ``python benchmarks/bench_analysis.py [--repeat N] [--sizes 1000,10000,100000]``.

Prints the best time of N runs for each size and the cost per touchpoint in
microseconds; a flat per-touchpoint column means analysis grows linearly.
``analyze`` runs every analysis: barriers, emotions (the map's curve and each
of the two personas'), coverage, moments of truth, evidence share and lint;
the journeys fill what each of them reads (reach, evidence, moments of truth,
per-persona emotions, blueprint steps, measured metrics on every fourth stage).
"""

from __future__ import annotations

import argparse
import gc
import random
import time

from journeymap import Action, Barrier, BlueprintStep, Journey, Stage, StageMetrics, Touchpoint
from journeymap.analysis import analyze

CHANNELS = ["site", "email", "social", "phone", "messenger", "search", "reviews", "office"]
SEVERITIES = ["minor", "major", "critical"]
EVIDENCE = [None, "asserted", "observed", "measured"]
PER_STAGE = 50


def make_journey(touchpoints: int, seed: int = 1) -> Journey:
    """A journey with ``touchpoints`` touchpoints, 50 per stage, with emotions (also Boris's), barriers, reach,
    evidence and moments of truth; blueprint steps on every stage, measured metrics on every fourth."""
    rng = random.Random(seed)
    stages = []
    for s in range(max(1, touchpoints // PER_STAGE)):
        count = min(PER_STAGE, touchpoints - s * PER_STAGE)
        tps = [
            Touchpoint(
                name=f"Touchpoint {s}-{k}",
                channel=rng.choice(CHANNELS),
                owned=rng.choice([True, False, None]),
                emotion=rng.choice([None, -2, -1, -0.5, 0, 0.5, 1, 2]),
                reach=rng.choice([None, rng.randint(0, 10_000)]),
                barriers=[
                    Barrier(
                        description=f"Barrier {s}-{k}-{b}",
                        severity=rng.choice(SEVERITIES),
                        evidence=rng.choice(EVIDENCE),
                    )
                    for b in range(rng.randint(0, 2))
                ],
                evidence=rng.choice(EVIDENCE),
                moment_of_truth=rng.choice([None, None, True]),
                personas=rng.choice([(), (), ("boris",)]),
                emotions=rng.choice([{}, {"boris": rng.choice([-2, -1, 0, 1, 2])}]),
            )
            for k in range(count)
        ]
        steps = [BlueprintStep(description="Prepare", owner=rng.choice([None, "Team"]), evidence=rng.choice(EVIDENCE))]
        stages.append(
            Stage(
                name=f"Stage {s}",
                touchpoints=tps,
                barriers=["Stage-wide barrier"],
                goals=["Goal"],
                frontstage=steps,
                backstage=steps,
                support=steps,
                metrics=StageMetrics(reached=10_000) if s % 4 == 0 else None,
            )
        )
    actions = [Action(title=f"Fix {s.id}", stage=s.id) for s in stages[::3]]
    return Journey(
        title=f"{touchpoints} touchpoints", persona="Anna", personas=["Boris"], stages=stages, actions=actions
    )


def best_time(journey: Journey, repeat: int, *, collect_garbage: bool = True) -> float:
    """Best wall-clock time of ``repeat`` runs of ``analyze(journey)``, in seconds.

    With ``collect_garbage=False`` Python's cyclic garbage collector is paused
    during each run: its full collections scan every live object, so they cost
    more as the heap grows, and pausing them shows the cost of the analysis
    itself.
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        if not collect_garbage:
            gc.disable()
        try:
            start = time.perf_counter()
            analyze(journey)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per size; the best is kept (default 5)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated touchpoint counts")
    args = parser.parse_args()
    print(
        f"{'touchpoints':>12}  {'stages':>7}  {'best of ' + str(args.repeat):>11}  {'per touchpoint':>15}"
        f"  {'per touchpoint, GC paused':>26}"
    )
    for size in (int(n) for n in args.sizes.split(",")):
        journey = make_journey(size)
        seconds = best_time(journey, args.repeat)
        paused = best_time(journey, args.repeat, collect_garbage=False)
        print(
            f"{size:>12,}  {len(journey.stages):>7,}  {seconds * 1000:>8.1f} ms  {seconds / size * 1e6:>12.2f} µs"
            f"  {paused / size * 1e6:>23.2f} µs"
        )


if __name__ == "__main__":
    main()
