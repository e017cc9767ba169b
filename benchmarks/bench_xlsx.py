"""Benchmark the Excel exporter against raw openpyxl writing the same Touchpoints cells.

Each measurement runs in its own subprocess, so peak memory (``ru_maxrss``)
belongs to that run alone. Three runs per size:

* ``raw``: openpyxl appends the Touchpoints sheet's plain values (7 columns) and saves;
* ``touchpoints``: journeymap's Touchpoints sheet (safe text cells, the table) and the deterministic save;
* ``full``: the whole export (validation, six sheets, analysis, chart, deterministic save).

The ratio ``touchpoints / raw`` is the figure (target: at most 1.5). Sizes up to 10k run three
times, interleaved, and keep the fastest run of each mode; 100k runs once.
Usage: ``.venv/bin/python benchmarks/bench_xlsx.py [600 10000 100000]``.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence

MODES = ("raw", "touchpoints", "full")
CHANNELS = ("site", "email", "social", "search", "phone", "messenger", "reviews", "marketplace")


def journey(touchpoints: int) -> object:
    """A journey of 10 stages sharing ``touchpoints`` touchpoints, with emotions, barriers and reach."""
    from journeymap import Barrier, Emotion, Journey, Stage, Touchpoint

    per_stage = max(1, touchpoints // 10)
    stages = []
    for s in range(10):
        points = []
        for k in range(per_stage):
            n = s * per_stage + k
            points.append(
                Touchpoint(
                    name=f"Touchpoint {n} — =formula-like text",
                    id=f"tp-{n}",
                    channel=CHANNELS[n % len(CHANNELS)],
                    owned=(n % 3 == 0) if n % 5 else None,
                    emotion=Emotion(score=(n % 5) - 2) if n % 5 else None,
                    barriers=[Barrier(description=f"Barrier at {n}", severity="critical")] if n % 3 == 0 else [],
                    reach=n * 10 if n % 2 else None,
                )
            )
        stages.append(Stage(name=f"Stage {s}", id=f"stage-{s}", touchpoints=points))
    return Journey(title="Benchmark", stages=stages)


def run(mode: str, touchpoints: int) -> dict[str, float]:
    """One measurement in this process: seconds and peak resident memory in MiB."""
    import openpyxl

    from journeymap.builtin.xlsx import XlsxExporter, _deterministic
    from journeymap.builtin.xlsx._lists import write_touchpoints
    from journeymap.i18n import labels

    built = journey(touchpoints)
    stream = io.BytesIO()
    start = time.perf_counter()
    if mode == "raw":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["Stage", "Touchpoint", "Channel", "Owned / external", "Emotion", "Barriers", "Reach"])
        for stage, tp in built.touchpoints():  # type: ignore[attr-defined]
            owned = {True: "owned", False: "external", None: None}[tp.owned]
            score = tp.emotion.score if tp.emotion else None
            sheet.append([stage.name, tp.name, tp.channel, owned, score, len(tp.barriers), tp.reach])
        workbook.save(stream)
    elif mode == "touchpoints":
        workbook = openpyxl.Workbook()
        write_touchpoints(workbook.active, built, labels("en"))  # type: ignore[arg-type]
        stream.write(_deterministic(workbook))
    else:
        XlsxExporter().write(built, stream, lang="en")  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak, "bytes": len(stream.getvalue())}


def best_runs(script: str, modes: Sequence[str], size: int, key: str) -> dict[str, dict[str, float]]:
    """Each mode's best run (lowest ``key``) of ``script --one MODE SIZE``, runs interleaved against a busy machine."""
    results: dict[str, dict[str, float]] = {}
    repeats = 3 if size <= 10_000 else 1
    for _ in range(repeats):
        for mode in modes:
            output = subprocess.run(
                [sys.executable, script, "--one", mode, str(size)], check=True, capture_output=True, text=True
            ).stdout
            run_result = json.loads(output)
            if mode not in results or run_result[key] < results[mode][key]:
                results[mode] = run_result
    return results


def main(sizes: list[int]) -> None:
    print(f"{'touchpoints':>11} {'mode':>12} {'seconds':>8} {'peak MiB':>9} {'MB out':>7} {'× raw':>6}")
    for size in sizes:
        results = best_runs(__file__, MODES, size, "seconds")
        for mode in MODES:
            ratio = results[mode]["seconds"] / results["raw"]["seconds"]
            row = results[mode]
            print(
                f"{size:>11,} {mode:>12} {row['seconds']:>8.2f} {row['peak_mib']:>9.0f}"
                f" {row['bytes'] / 1e6:>7.2f} {ratio:>6.2f}",
                flush=True,
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run(sys.argv[2], int(sys.argv[3]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [600, 10_000, 100_000])
