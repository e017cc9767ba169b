"""Size limits: huge inputs either load within the memory documented in docs/reliability.md or fail clearly.

Each case runs in a child process of its own, so its peak resident memory (``ru_maxrss``) is its own:

* a YAML and a JSON journey file over 50 MB (many stages, each with touchpoints and long notes);
* a YAML document of 1M nodes (one stage's ``goals``, a list of 1M texts);
* an event log (CSV) of one customer with 10M events (``--events`` changes the count).

    python benchmarks/bench_limits.py                 # every case (several minutes, ~1 GB of disk for the log)
    python benchmarks/bench_limits.py --events 1000000 yaml-1m-nodes

Prints one row per case: input size, outcome (loaded, or the error's first line), seconds, peak RSS in MiB,
and the ratio of peak RSS to input size.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = """
import json, resource, sys, time
import journeymap as jm
kind, path = sys.argv[1], sys.argv[2]
started = time.perf_counter()
try:
    if kind == "log":
        from journeymap import mining
        metrics = mining.mine(path)
        outcome = f"mined: {metrics.customers:,} customer(s), {metrics.events:,} events"
    else:
        journey = jm.load(path)
        outcome = f"loaded: {len(journey.stages):,} stages"
except jm.JourneyMapError as error:
    outcome = "refused: " + str(error).splitlines()[0][:120]
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mib": peak}))
"""


def _big_journey(target: Path, megabytes: int) -> None:
    note = "A long note about what the customer does here, repeated to make the file large. " * 40
    stages = []
    stage = 0
    size = 0
    while size < megabytes * 1_000_000:
        touchpoints = [
            {"name": f"Touchpoint {stage}-{n}", "channel": "site", "emotion": (n % 5) - 2, "notes": note}
            for n in range(20)
        ]
        stages.append({"name": f"Stage {stage}", "goals": [f"goal {stage}"], "touchpoints": touchpoints})
        size += len(note) * 20 + 600
        stage += 1
    document = {"title": "A very large journey", "stages": stages}
    # JSON is YAML too; written one stage a line in block style, as a person's YAML file would be
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in document.items() if key != "stages"]
    if target.suffix == ".json":
        target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return
    with target.open("w", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\nstages:\n")
        for item in stages:
            stream.write(f"  - name: {item['name']}\n    goals: {json.dumps(item['goals'])}\n    touchpoints:\n")
            for touchpoint in item["touchpoints"]:
                stream.write(
                    f"      - name: {touchpoint['name']}\n        channel: site\n"
                    f"        emotion: {touchpoint['emotion']}\n        notes: {touchpoint['notes']}\n"
                )


def _million_nodes(target: Path, nodes: int = 1_000_000) -> None:
    with target.open("w", encoding="utf-8") as stream:
        stream.write("title: One million nodes\nstages:\n  - name: Everything\n    goals:\n")
        for n in range(nodes):
            stream.write(f"      - g{n}\n")


def _one_customer(target: Path, events: int) -> None:
    with target.open("w", encoding="utf-8") as stream:
        stream.write("customer_id,touchpoint,timestamp\n")
        names = ("ad", "landing", "form", "call", "payment")
        for n in range(events):
            hours, minutes, seconds = n // 3_600_000, n // 60_000 % 60, n // 1000 % 60
            stream.write(f"c1,{names[n % 5]},2026-01-01 {hours:02d}:{minutes:02d}:{seconds:02d}.{n % 1000:03d}\n")


def _run(kind: str, path: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _CHILD, kind, str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        killed = " (killed: out of memory?)" if done.returncode < 0 else ""
        return {"outcome": f"CRASHED exit {done.returncode}{killed}: {tail[:120]}", "seconds": 0.0, "peak_mib": 0.0}
    last = done.stdout.strip().splitlines()[-1]  # DuckDB's progress bar may share the line
    result: dict[str, object] = json.loads(last[last.rindex('{"outcome"') :])
    return result


def main() -> None:
    """Make each input in a temporary folder, load it in a child process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cases = ["yaml-50mb", "json-50mb", "yaml-1m-nodes", "log-one-customer"]
    parser.add_argument("cases", nargs="*", choices=[[], *cases], default=[])
    parser.add_argument("--events", type=int, default=10_000_000, help="events of the one-customer log")
    parser.add_argument("--megabytes", type=int, default=55, help="size of the large journey files")
    options = parser.parse_args()
    print(f"{'case':<18} {'input MB':>9} {'seconds':>8} {'peak MiB':>9} {'RSS/input':>9}  outcome")
    with tempfile.TemporaryDirectory(prefix="journeymap-limits-") as folder:
        for case in options.cases or cases:
            if case == "yaml-50mb":
                path, kind = Path(folder, "big.yaml"), "journey"
                _big_journey(path, options.megabytes)
            elif case == "json-50mb":
                path, kind = Path(folder, "big.json"), "journey"
                _big_journey(path, options.megabytes)
            elif case == "yaml-1m-nodes":
                path, kind = Path(folder, "nodes.yaml"), "journey"
                _million_nodes(path)
            else:
                path, kind = Path(folder, "one-customer.csv"), "log"
                _one_customer(path, options.events)
            megabytes = path.stat().st_size / 1e6
            started = time.perf_counter()
            result = _run(kind, path)
            seconds = float(str(result["seconds"])) or time.perf_counter() - started
            peak = float(str(result["peak_mib"]))
            ratio = f"{peak / megabytes:.1f}" if peak else "-"
            print(f"{case:<18} {megabytes:>9.1f} {seconds:>8.1f} {peak:>9.0f} {ratio:>9}  {result['outcome']}")
            path.unlink()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this script itself peaked at {own:.0f} MiB while making the inputs)")


if __name__ == "__main__":
    main()
