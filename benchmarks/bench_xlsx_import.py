"""Benchmark reading a workbook back against raw openpyxl reading the same cells.

The workbooks are those of ``bench_xlsx.py`` (600, 10,000 and 100,000 touchpoints),
written by the ``xlsx`` exporter. Each measurement runs in its own subprocess, so
peak memory (``ru_maxrss``) belongs to that run alone:

* ``raw``: openpyxl opens the workbook read-only and reads the values of every cell of the
  sheets the importer reads (Map, Touchpoints, Barriers, Persona, Actions and the hidden
  ``journeymap`` sheet);
* ``import``: ``read_workbook`` (what ``journeymap.load`` runs) on the workbook as the exporter wrote it;
* ``raw-edited`` and ``edited``: the same two after a person changed one emotion, the file saved
  again by openpyxl (not timed; it then holds shared strings, which read faster than the
  exporter's inline strings), so the journey is built again with the edit.

The ratios ``import / raw`` and ``edited / raw-edited`` are the figures (target: at most 1.5),
taken on CPU seconds, which a machine shared with other work disturbs less than the wall clock
(both are printed). Sizes up to 10k run three times, interleaved, and keep the fastest run of
each mode; 100k runs once.
Usage: ``.venv/bin/python benchmarks/bench_xlsx_import.py [600 10000 100000]``.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_xlsx import best_runs, journey

MODES = ("raw", "import", "raw-edited", "edited")
BASELINE = {"raw": "raw", "import": "raw", "raw-edited": "raw-edited", "edited": "raw-edited"}


def workbook(touchpoints: int, edit: bool) -> bytes:
    """The exporter's workbook of the benchmark journey; with ``edit``, one emotion changed in openpyxl."""
    import openpyxl

    from journeymap.builtin.xlsx import XlsxExporter

    stream = io.BytesIO()
    XlsxExporter().write(journey(touchpoints), stream, lang="en")  # type: ignore[arg-type]
    if not edit:
        return stream.getvalue()
    book = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    book["Touchpoints"]["E3"] = 2
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(mode: str, touchpoints: int) -> dict[str, float]:
    """One measurement in this process: seconds and peak resident memory in MiB."""
    import openpyxl

    from journeymap.builtin.xlsx.reader import read_workbook

    data = workbook(touchpoints, edit=mode.endswith("edited"))
    start, cpu = time.perf_counter(), time.process_time()
    if mode.startswith("raw"):
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        cells = 0
        for name in ("Map", "Touchpoints", "Barriers", "Persona", "Actions", "journeymap"):
            rows = list(book[name].iter_rows(values_only=True))
            cells += sum(len(row) for row in rows)
    else:
        read_workbook(data)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "peak_mib": peak, "bytes": len(data)}


def main(sizes: list[int]) -> None:
    print(f"{'touchpoints':>11} {'mode':>10} {'seconds':>8} {'CPU s':>7} {'peak MiB':>9} {'MB in':>6} {'× raw':>6}")
    for size in sizes:
        results = best_runs(__file__, MODES, size, "cpu")
        for mode in MODES:
            row = results[mode]
            ratio = row["cpu"] / results[BASELINE[mode]]["cpu"]
            print(
                f"{size:>11,} {mode:>10} {row['seconds']:>8.2f} {row['cpu']:>7.2f} {row['peak_mib']:>9.0f}"
                f" {row['bytes'] / 1e6:>6.2f} {ratio:>6.2f}",
                flush=True,
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run(sys.argv[2], int(sys.argv[3]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [600, 10_000, 100_000])
