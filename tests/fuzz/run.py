"""Run the coverage-guided fuzzers (atheris, libFuzzer) over every loader, or over the ones named.

    python -m tests.fuzz.run --seconds 60            # every target, 60 s each (make fuzz)
    python -m tests.fuzz.run --seconds 5 yaml xes    # two targets
    python -m tests.fuzz.run --seconds 30 all        # every loader in one process (make test)

Each target runs in a process of its own: libFuzzer stops it on an input that takes over 2 s (``-timeout``)
or grows the process over 512 MiB above its size after start-up (``-rss_limit_mb``); any exception
other than a journeymap error naming the input is a crash. A crash's input is saved as
``out/fuzz/<target>/crash-*``: copy it into ``tests/fuzz/crashes/<target>/`` with the fix, and
tests/test_fuzz.py replays it from then on. The last line per target reports the inputs run.
Without atheris (it ships wheels for CPython on Linux x86-64) the seeds are replayed and the run says so.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out" / "fuzz"
TARGETS = ("yaml", "json", "mermaid", "csv", "jsonl", "xes", "xlsx")
"""The targets of tests/fuzz/targets.py, named here so that nothing of journeymap is imported before atheris
instruments it."""
ALL = "all"
"""Every loader in one process, the first byte of an input picking it (``targets.split``): one start-up."""
MEMORY_MIB = 512
"""Memory an input may take on top of the process's own size after start-up."""


def _rss_mib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def worker(target: str, seconds: int, runs: int | None) -> None:
    """Fuzz one target in this process (called in a child by :func:`main`)."""
    import atheris

    with atheris.instrument_imports(include=["journeymap", "yaml", "openpyxl"]):
        from tests.fuzz import seeds, targets

        targets.prepare()
    work = Path(tempfile.mkdtemp(prefix=f"journeymap-fuzz-{target}-"))
    seed_dir = work / "seeds"
    seeds.write(target, seed_dir)
    artifacts = OUT / target
    artifacts.mkdir(parents=True, exist_ok=True)
    limit = _rss_mib() + MEMORY_MIB
    arguments = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        "-timeout=2",
        f"-rss_limit_mb={limit}",
        f"-malloc_limit_mb={MEMORY_MIB}",
        f"-max_len={seeds.MAX_LEN + (target == ALL)}",  # the byte that picks the loader
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        *([f"-runs={runs}"] if runs is not None else []),
        str(work / "corpus"),
        str(seed_dir),
    ]
    (work / "corpus").mkdir()

    def one_input(data: bytes) -> None:
        targets.check(target, data)

    atheris.Setup(arguments, one_input)
    atheris.Fuzz()


def _replay(target: str) -> int:
    from tests.fuzz import seeds, targets

    targets.prepare()
    inputs = seeds.seeds(target)
    for data in inputs:
        targets.check(target, data)
    return len(inputs)


def main(argv: list[str] | None = None) -> int:
    """Fuzz each target in turn; print one line per target; exit 1 when any crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", choices=[[], *TARGETS, ALL], default=[], metavar="TARGET")
    parser.add_argument("--seconds", type=int, default=60, help="time budget per target (default 60)")
    parser.add_argument("--runs", type=int, default=None, help="stop a target after this many inputs")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.worker:
        worker(options.worker, options.seconds, options.runs)
        return 0
    try:
        import atheris  # noqa: F401
    except ImportError:
        for target in options.targets or TARGETS:
            print(f"SKIP fuzz {target}: atheris is not installed; replayed {_replay(target)} seeds")
        return 0
    failed = 0
    for target in options.targets or TARGETS:
        command = [sys.executable, "-m", "tests.fuzz.run", "--worker", target, "--seconds", str(options.seconds)]
        command += ["--runs", str(options.runs)] if options.runs is not None else []
        log = OUT / f"{target}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with log.open("wb") as stream:
            code = subprocess.call(command, stdout=stream, stderr=subprocess.STDOUT, cwd=ROOT)
        text = log.read_text(errors="replace")
        done = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
        inputs = done[-1] if done else "?"
        took = time.monotonic() - started
        if code == 0:
            print(f"ok   fuzz {target}: {inputs} inputs in {took:.0f} s")
        else:
            failed += 1
            crash = re.findall(r"Test unit written to (\S+)", text)
            print(
                f"FAIL fuzz {target}: exit {code} after {inputs} inputs; input {crash[-1] if crash else '?'}; log {log}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
