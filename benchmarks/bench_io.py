"""Load/save speed of journey files next to the raw parsers, and import time.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_io.py [--sizes 1000,10000,100000]``.

For each size the table shows the best of several runs of:

* ``jm.loads`` / ``jm.dumps`` (YAML and JSON), and
* the raw parser on the same text: ``json.loads`` and ``yaml.load`` with
  libyaml's ``CSafeLoader`` (the fastest safe PyYAML loader),

and the ratio ``journeymap / raw`` — the figure the targets are about
(JSON load within 3x, YAML load within 1.5x). It ends with the time of
``python -c "import journeymap"`` and the heavy modules that import pulls in.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import yaml

import journeymap as jm

STAGES = 10


def make_journey(touchpoints: int) -> jm.Journey:
    """A journey with ``touchpoints`` touchpoints spread over ten stages, fields filled as in real maps."""
    per_stage = max(1, touchpoints // STAGES)
    stages = []
    for s in range(STAGES):
        items = [
            jm.Touchpoint(
                name=f"Touchpoint {s}-{t}",
                channel=("site", "email", "social", "phone")[t % 4],
                owned=t % 3 != 0,
                action=f"Customer reads page {t} and compares offers",
                emotion=jm.Emotion(score=(t % 5) - 2, label="calm") if t % 2 else (t % 5) - 2,
                barriers=[f"Barrier {t}"] if t % 3 == 0 else [],
                opportunities=[f"Improve step {t}"] if t % 4 == 0 else [],
                reach=1000 + t,
            )
            for t in range(per_stage)
        ]
        stages.append(jm.Stage(name=f"Stage {s}", goals=["Decide quickly"], touchpoints=items))
    return jm.Journey(title="Benchmark journey", persona=jm.Persona(name="Anna"), stages=stages)


def best(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def import_time() -> tuple[float, list[str]]:
    """Best time of ``python -c 'import journeymap'`` and the heavy modules it loaded."""
    code = (
        "import sys, journeymap; "
        "print(','.join(m for m in ('openpyxl', 'pptx', 'matplotlib', 'duckdb') if m in sys.modules))"
    )
    times, heavy = [], ""
    for _ in range(5):
        start = time.perf_counter()
        heavy = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
        times.append(time.perf_counter() - start)
    baseline = min(best(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 1) for _ in range(5))
    return min(times) - baseline, [m for m in heavy.strip().split(",") if m]


def operations(journey: jm.Journey, loader: Any) -> list[tuple[str, Callable[[], object], Callable[[], object]]]:
    """(name, journeymap call, raw-library call doing the same work) for one journey."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml_text, json_text = jm.dumps(journey, "yaml"), jm.dumps(journey, "json")
    json_data, yaml_data = json.loads(json_text), yaml.load(yaml_text, Loader=loader)
    assert jm.loads(yaml_text) == journey
    assert jm.loads(json_text, "json") == journey
    return [
        ("load json", lambda: jm.loads(json_text, "json"), lambda: json.loads(json_text)),
        ("load yaml", lambda: jm.loads(yaml_text), lambda: yaml.load(yaml_text, Loader=loader)),
        ("save json", lambda: jm.dumps(journey, "json"), lambda: json.dumps(json_data, ensure_ascii=False, indent=2)),
        (
            "save yaml",
            lambda: jm.dumps(journey, "yaml"),
            lambda: yaml.dump(yaml_data, Dumper=dumper, allow_unicode=True, sort_keys=False),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="touchpoint counts, comma-separated")
    args = parser.parse_args()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    print(f"PyYAML {yaml.__version__}, libyaml: {yaml.__with_libyaml__}; Python {sys.version.split()[0]}")
    header = f"{'touchpoints':>11}  {'operation':<10} {'journeymap':>11} {'raw':>10} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for size in (int(s) for s in args.sizes.split(",")):
        journey = make_journey(size)
        repeat = 5 if size <= 10_000 else 2
        rows = operations(journey, loader)
        for name, ours, raw in rows:
            mine, theirs = best(ours, repeat), best(raw, repeat)
            print(f"{size:>11,}  {name:<10} {mine * 1000:>9.1f}ms {theirs * 1000:>8.1f}ms {mine / theirs:>5.2f}x")
    seconds, heavy = import_time()
    print(f"\npython -c 'import journeymap': {seconds * 1000:.0f} ms over a bare interpreter")
    print(f"heavy modules imported by it: {', '.join(heavy) if heavy else 'none'}")


if __name__ == "__main__":
    main()
