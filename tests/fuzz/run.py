"""Run the coverage-guided fuzzers (atheris, libFuzzer) over every loader, or over the ones named.

    python -m tests.fuzz.run --seconds 60            # every target, 60 s each (make fuzz)
    python -m tests.fuzz.run --seconds 5 yaml xes    # two targets
    python -m tests.fuzz.run --seconds 30 all        # every loader in one process (make test)
    python -m tests.fuzz.run --seconds 1800 --timeout 20 json   # a long run on a loaded machine

Each target runs in a process of its own: libFuzzer stops it on an input that takes over 2 s (``-timeout``)
or grows the process over 512 MiB above its size after start-up (``-rss_limit_mb``); any exception
other than a journeymap error naming the input is a crash. A crash's input is saved as
``out/fuzz/<target>/crash-*``: copy it into ``tests/fuzz/crashes/<target>/`` with the fix, and
tests/test_fuzz.py replays it from then on. The last line per target reports the inputs run.
Without atheris (it ships wheels for CPython on Linux x86-64) the seeds are replayed and the run says so.

libFuzzer's timeout is wall-clock time: on a machine busy with other work an input can be starved past 2 s.
``--timeout`` raises the hang limit for such a run; every input slower than :data:`HANG_SECONDS` is still
saved (``slow-unit-*``) and timed again once the target stops, and one that takes over 2 s then is a failure.
"""

from __future__ import annotations

import argparse
import contextlib
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
HANG_SECONDS = 2
"""The time an input may take: inputs slower than this are saved and timed again after the run."""
"""Memory an input may take on top of the process's own size after start-up."""


def _rss_mib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def worker(target: str, seconds: int, runs: int | None, timeout: int = HANG_SECONDS) -> None:
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
        f"-timeout={timeout}",
        f"-report_slow_units={HANG_SECONDS}",
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


def _slow_after_all(target: str) -> list[tuple[Path, float]]:
    """The saved slow inputs of ``target`` that still take over :data:`HANG_SECONDS` (best of two runs)."""
    from tests.fuzz import targets

    targets.prepare()
    slow = []
    for path in sorted((OUT / target).glob("slow-unit-*")):
        data = path.read_bytes()
        took = []
        for _ in range(2):
            started = time.perf_counter()
            with contextlib.suppress(Exception):  # a crash is the fuzzer's to report; here only the time counts
                targets.check(target, data)
            took.append(time.perf_counter() - started)
        if min(took) > HANG_SECONDS:
            slow.append((path, min(took)))
    return slow


def main(argv: list[str] | None = None) -> int:
    """Fuzz each target in turn; print one line per target; exit 1 when any crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", choices=[[], *TARGETS, ALL], default=[], metavar="TARGET")
    parser.add_argument("--seconds", type=int, default=60, help="time budget per target (default 60)")
    parser.add_argument("--runs", type=int, default=None, help="stop a target after this many inputs")
    parser.add_argument(
        "--timeout",
        type=int,
        default=HANG_SECONDS,
        help=f"libFuzzer's wall-clock hang limit (default {HANG_SECONDS}); slower inputs are timed again after",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.worker:
        worker(options.worker, options.seconds, options.runs, options.timeout)
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
        command += ["--timeout", str(options.timeout)]
        log = OUT / f"{target}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with log.open("wb") as stream:
            code = subprocess.call(command, stdout=stream, stderr=subprocess.STDOUT, cwd=ROOT)
        text = log.read_text(errors="replace")
        done = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
        inputs = done[-1] if done else "?"
        took = time.monotonic() - started
        slow = _slow_after_all(target)
        if code == 0 and slow:
            code = 70
            text += "".join(f"\nTest unit written to {path} (takes {seconds:.1f} s)" for path, seconds in slow)
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
