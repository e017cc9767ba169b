"""Seed inputs for each fuzz target: the examples, the tests' bad-input tables, past crashes, the shared corpus.

Everything but the shared corpus lives in this repository, so seeding works without ``../shared``; the
corpus adds real-world files when it is there. Inputs are cut to :data:`MAX_LEN` (the fuzzers' limit).
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import journeymap as jm
from journeymap import plugins

__all__ = ["CRASHES", "MAX_LEN", "seeds", "write"]

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"
CRASHES = Path(__file__).resolve().parent / "crashes"
"""``crashes/<target>/``: inputs that once broke a loader; each is replayed by tests/test_fuzz.py."""
MAX_LEN = 64 * 1024
"""The largest input the fuzzers make or keep: the promise is for inputs under 64 KiB."""

# From tests/test_io.py (BAD_INPUTS, JSON_BAD, the alias bomb) and tests/test_mermaid.py: inputs the tests refuse.
_YAML = [
    b"title: x\ntitle: y\n",
    b"- a\n- b\n",
    b"",
    b"# only a comment\n",
    b"title: caf\xe9\n",
    b"stages: [A]\n",
    b"title: '  '\n",
    b"title: x\nstages:\n  - {name: A, id: a}\n  - {name: B, id: a}\n",
    b"title: x\nstages: [A]\nactions:\n  - {title: Fix, stage: b}\n",
    b"title: x\nstages:\n  - name: A\n    touchpoints:\n"
    b"      - {name: t, barriers: [{description: d, severity: huge}]}\n",
    b"title: x\nstages:\n  - name: A\n    touchpoints:\n      - {name: t, owned: yes, reach: -3}\n",
    b"title: x\ndate: 23.11.2026\nlanguage: Russian!\n",
    b"schema_version: 9\ntitle: x\n",
    b"title: [unclosed\n",
    b"title: x\n---\ntitle: y\n",
    b"title: !!python/object/apply:os.system [echo hi]\n",
    b"a: &a [*a]\n",
    b"title: x\nstages:\n  - name: A\n    goals: [ok, [nested]]\n",
    b'title: x\nlanes:\n  "legal[1].review": [a]\n',
    b'title: x\nstages:\n  - name: A\n    touchpoints:\n      - name: t\n        emotions: {"a.b": 9}\n',
    b'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b]\n',
]
_JSON = [
    b'{"title": "x",\n "title": "y"}',
    b'{"title": "x",\n "stages": [{"name": 5}]}',
    b'{"title": "x",\n',
    b'{"title": "x",\n "kpis": [{"name": "NPS",\n "actual": NaN}]}',
    b"[1e999999, -0, 1.5e-400]",
]
_MERMAID = [
    b"journey\nsection S\nOk: 5\nTask: 0: Me\nTask: 6\nTask: X\nTask: : Me\n",
    b"journey\nsection S\nsize: 2rem\n",
    b"flowchart LR\n",
    b"journey\nsection S\nNo score here\n",
    b"journey\ntitle A; B\n",
    b"journey\ntitle \xff\n",
    b"---\ntitle: Front\n---\n%%{init: {'theme': 'forest'}}%%\n"
    b"journey\naccTitle: a\naccDescr { b\n}\nsection S\nT: 3: A, B\n",
]
_CSV = [
    b"customer_id,touchpoint,timestamp\n1,ad,2026-01-01 10:00\n1,form,2026-01-01T10:05:00+01:00\n2,ad,not a time\n",
    b"customer_id,touchpoint\n1,ad\n",
    b'customer_id,touchpoint,timestamp\n"1,2",ad,2026-01-01\n,form,\n',
]
_JSONL = [
    b'{"customer_id": 1, "touchpoint": "ad", "timestamp": "2026-01-01T10:00:00Z"}\n'
    b'{"customer_id": [1, 2], "touchpoint": null, "timestamp": 5}\n',
    b'{"customer_id": "a"}\n',
    b"not json\n",
]
_XES = [
    b'<?xml version="1.0"?><log xmlns="http://www.xes-standard.org/"><trace><string key="concept:name" value="c1"/>'
    b'<event><string key="concept:name" value="ad"/><date key="time:timestamp" value="2026-01-01T10:00:00+01:00"/>'
    b"</event></trace></log>",
    b"<log><trace><event></event></trace>",
    b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><log>&b;</log>',
]


def _examples() -> list[jm.Journey]:
    return [jm.load(path) for path in sorted((ROOT / "examples").glob("*.yaml"))]


def _exported(name: str) -> Iterator[bytes]:
    exporter = plugins.get_exporter(name)
    for journey in _examples():
        stream = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # what the format cannot hold is written otherwise, with a warning
            plugins.export_with(exporter, journey, stream)
        yield stream.getvalue()


def _corpus(pattern: str) -> Iterator[bytes]:
    if SHARED.is_dir():
        for path in sorted(SHARED.glob(pattern)):
            yield path.read_bytes()


def _csv_as_jsonl(data: bytes) -> bytes:
    lines = data.decode("utf-8", "replace").splitlines()
    header = lines[0].split(",") if lines else []
    rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:40]]
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def _built_in(target: str) -> Iterator[bytes]:
    if target == "yaml":
        yield from (path.read_bytes() for path in sorted((ROOT / "examples").glob("*.yaml")))
        yield from _YAML
    elif target == "json":
        yield from (jm.dumps(journey, format="json").encode() for journey in _examples())
        yield from _JSON
    elif target == "mermaid":
        yield from _exported("mermaid-journey")
        yield from _MERMAID
        yield from _corpus("mermaid/*.mmd")
    elif target == "csv":
        yield from _CSV
        yield from _corpus("eventlogs/*/*.csv")
    elif target == "jsonl":
        yield from _JSONL
        yield from (_csv_as_jsonl(data) for data in _corpus("eventlogs/*/*.csv"))
    elif target == "xes":
        yield from _XES
        yield from _corpus("eventlogs/*/*.xes")
    elif target == "xlsx":
        yield from _exported("xlsx")
        fixtures = ROOT / "tests" / "fixtures"
        yield from (path.read_bytes() for path in sorted(fixtures.glob("*.xlsx")))


def _cut(data: bytes) -> bytes:
    """``data`` cut to :data:`MAX_LEN` at a line end when it is longer (a long log keeps its first rows)."""
    if len(data) <= MAX_LEN:
        return data
    end = data.rfind(b"\n", 0, MAX_LEN)
    return data[: end + 1] if end > 0 else data[:MAX_LEN]


def seeds(target: str) -> list[bytes]:
    """Every seed input of ``target``, past crashes included, without duplicates.

    The seeds of the ``all`` target are every loader's, each behind the byte that picks its loader.
    """
    from tests.fuzz.targets import ALL, SUFFIXES

    if target == ALL:
        return [bytes([number]) + data for number, name in enumerate(SUFFIXES) for data in seeds(name)]
    found = dict.fromkeys(_cut(data) for data in _built_in(target))
    crashes = CRASHES / target
    if crashes.is_dir():
        found.update(dict.fromkeys(path.read_bytes() for path in sorted(crashes.iterdir())))
    return list(found)


def write(target: str, directory: Path) -> int:
    """Write the seeds of ``target`` into ``directory`` (one file each, named by content); return how many."""
    directory.mkdir(parents=True, exist_ok=True)
    inputs = seeds(target)
    for data in inputs:
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(inputs)
