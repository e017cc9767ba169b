"""Load/save speed of journey files next to the raw parsers, and import time.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_io.py [--sizes 1000,10000,100000]``.

For each size the first table shows the best of several runs of:

* ``jm.loads`` / ``jm.dumps`` (YAML and JSON), and
* the raw library on the same text: ``json.loads``/``json.dumps`` and
  ``yaml.load``/``yaml.dump`` with libyaml's ``CSafeLoader``/``CSafeDumper``
  (the fastest safe PyYAML loader),

and the ratio ``journeymap / raw`` — the figure the targets are about
(JSON load within 3x, YAML load within 1.5x). The loads are timed again on
a journey that fills the richer map's fields too (two personas, evidence,
moments of truth, blueprint steps, a custom lane: :func:`make_rich_journey`). journeymap pauses the cyclic
garbage collector while it reads or writes; the last two columns time the raw
library with the collector paused as well, so neither side has that advantage.

The second table takes JSON loading apart, each figure a share of the time
of ``json.loads`` (collector paused everywhere): the parse with the
duplicate-key check journeymap needs, the same parse plus making the
journey's objects bare (``object.__new__`` and slot setters, no checks at
all: the floor for any loader that returns these frozen slotted classes),
and ``jm.loads``.

The third table is the load target: ``jm.loads`` of JSON against the same
parse followed by building the same objects through their validated
constructors (``Touchpoint(**fields)`` and so on, children first, written
here by hand from the attrs fields: the cost of attrs' own validation, with
no file format around it). The target is ``jm.loads`` within 1.5x of that.

The fourth table is saving a changed journey over its own YAML file,
keeping the file's layout: ``jm.dumps(changed, keep=text)`` (one emotion
changed) against ruamel.yaml's own round trip of the same text, a
``YAML(typ="rt")`` load and dump (``--keep-sizes``, default 1,000 and
10,000 touchpoints: ruamel.yaml is pure Python and slow on the largest).
journeymap does that load and dump plus reading the old text and the new one
with its own loader (the check that the result means the journey) and the
merge; the ratio is the cost of all that over ruamel.yaml alone (the last
two columns time ruamel.yaml with the cyclic collector paused, as
journeymap runs).

It ends with the time of ``python -c "import journeymap"`` and the heavy
modules that import pulls in.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import attrs
import yaml

import journeymap as jm
from journeymap.serialization._fields import field_type

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


def make_rich_journey(touchpoints: int) -> jm.Journey:
    """The journey of :func:`make_journey` with the fields of the richer map filled in as an agency would.

    Two personas with their own emotions, what the customer thinks, moments of truth, evidence on touchpoints,
    emotions and barriers, and per stage what the customer does and thinks, service-blueprint steps and a custom lane.
    """
    journey = make_journey(touchpoints)
    evidence = (jm.Evidence(kind="observed", source="12 interviews"), jm.Evidence(kind="measured"), None)
    stages = []
    for s, stage in enumerate(journey.stages):
        items = [
            attrs.evolve(
                tp,
                thinking=[f"Is offer {t} worth it?"] if t % 2 else [],
                moment_of_truth=True if t % 10 == 0 else None,
                evidence=evidence[t % 3],
                personas=["anna", "boris"] if t % 5 == 0 else [],
                emotions={"boris": jm.Emotion(score=1, evidence=evidence[t % 3])} if t % 4 == 0 else {},
                emotion=None if tp.emotion is None else attrs.evolve(tp.emotion, evidence=evidence[(t + 1) % 3]),
                barriers=[attrs.evolve(b, evidence=evidence[t % 3]) for b in tp.barriers],
            )
            for t, tp in enumerate(stage.touchpoints)
        ]
        stages.append(
            attrs.evolve(
                stage,
                touchpoints=items,
                doing=["Compares offers"],
                thinking=["Can I trust them?"],
                frontstage=[jm.BlueprintStep(description="Sales call", owner="Sales", touchpoint=items[0].id)],
                backstage=[jm.BlueprintStep(description="Prepares the quote", owner="Sales ops")],
                support=["CRM"],
                lanes={"legal": [f"Contract check {s}"]},
            )
        )
    return attrs.evolve(
        journey,
        stages=stages,
        personas=[jm.Persona(name="Boris")],
        lanes={"legal": jm.CustomLane(title="Legal review", titles={"ru": "Юридическая проверка"})},
    )


def best(fn: Callable[[], object], repeat: int, *, collector: bool = True) -> float:
    """Best wall time of ``repeat`` runs, in seconds, with the cyclic garbage collector on or paused."""
    times = []
    for _ in range(repeat):
        if not collector:
            gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def bare_copy(journey: jm.Journey) -> jm.Journey:
    """The same journey made bare: ``object.__new__`` and the slot setters, no checks, no conversion."""
    copy: jm.Journey = _bare_copiers()[jm.Journey](journey)
    return copy


def _model_classes() -> list[type]:
    """Every attrs class reachable from Journey, leaves first."""
    found: list[type] = []

    def visit(kind: type) -> None:
        if kind in found:
            return
        for field in attrs.fields(kind):
            inner = field_type(kind, field)[0]
            if attrs.has(inner):
                visit(inner)
        found.append(kind)

    visit(jm.Journey)
    return found


def parse_json(text: str) -> Any:
    """``json.loads`` with the duplicate-key check a journey file needs (what journeymap's JSON reader does)."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            raise ValueError("duplicate key")
        return result

    return json.loads(text, object_pairs_hook=no_duplicates)


def construct(data: dict[str, Any]) -> jm.Journey:
    """The journey of plain JSON data, built through the validated constructors (children first)."""
    journey: jm.Journey = _constructors()[jm.Journey](data)
    return journey


@functools.cache
def _constructors() -> dict[type, Callable[[Any], Any]]:
    """For each model class, a function from its plain data to the object, through ``cls(**fields)``.

    Mappings of a nested class are built first; text and numbers are handed to
    the constructor as they are (the model's converters read its shorthands),
    dates are read from their ISO text.
    """
    makers: dict[type, Callable[[Any], Any]] = {}
    for cls in _model_classes():
        nested: dict[str, tuple[Callable[[Any], Any], bool, bool]] = {}
        dates: set[str] = set()
        for field in attrs.fields(cls):
            inner, many, _, keyed = field_type(cls, field)
            if attrs.has(inner):
                nested[field.name] = (makers[inner], many, keyed)
            elif inner is dt.date:
                dates.add(field.name)
        makers[cls] = _maker(cls, nested, dates)
    return makers


def _maker(
    cls: type, nested: dict[str, tuple[Callable[[Any], Any], bool, bool]], dates: set[str]
) -> Callable[[Any], Any]:
    def make(data: Any) -> Any:
        if not isinstance(data, dict):
            return data  # a shorthand: the constructor of the containing class converts it
        fields = dict(data)
        for name, (child, many, keyed) in nested.items():
            value = fields.get(name)
            if value is None:
                continue
            if keyed:
                fields[name] = {key: child(item) for key, item in value.items()}
            else:
                fields[name] = [child(item) for item in value] if many else child(value)
        for name in dates:
            if fields.get(name) is not None:
                fields[name] = dt.date.fromisoformat(fields[name])
        return cls(**fields)

    return make


@functools.cache
def _bare_copiers() -> dict[type, Callable[[Any], Any]]:
    """One generated function per model class: straight-line code, as fast as Python makes objects."""
    names: dict[str, Any] = {"new": object.__new__}
    sources = []
    for cls in _model_classes():
        lines = [f"def copy_{cls.__name__}(t):", f"    o = new({cls.__name__})"]
        names[cls.__name__] = cls
        for field in attrs.fields(cls):
            setter = f"{cls.__name__}_{field.name}"
            names[setter] = cls.__dict__[field.name].__set__
            inner, many, _, keyed = field_type(cls, field)
            value = f"t.{field.name}"
            if attrs.has(inner) and keyed:
                value = f"{{k: copy_{inner.__name__}(x) for k, x in t.{field.name}.items()}}"
            elif attrs.has(inner) and many:
                value = f"tuple([copy_{inner.__name__}(x) for x in t.{field.name}])"
            elif attrs.has(inner):
                value = f"None if t.{field.name} is None else copy_{inner.__name__}(t.{field.name})"
            lines.append(f"    {setter}(o, {value})")
        sources.append("\n".join([*lines, "    return o"]))
    exec("\n\n".join(sources), names)
    return {cls: names[f"copy_{cls.__name__}"] for cls in _model_classes()}


def import_time() -> tuple[float, list[str]]:
    """Best time of ``python -c 'import journeymap'`` and the heavy modules it loaded."""
    code = (
        "import sys, journeymap; "
        "print(','.join(m for m in ('openpyxl', 'pptx', 'matplotlib', 'duckdb', 'ruamel.yaml') if m in sys.modules))"
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


def one_emotion_changed(journey: jm.Journey) -> jm.Journey:
    """The journey with the emotion of the middle touchpoint of the middle stage changed."""
    stage = journey.stages[len(journey.stages) // 2]
    points = list(stage.touchpoints)
    middle = len(points) // 2
    emotion = points[middle].emotion or jm.Emotion(score=0)
    points[middle] = attrs.evolve(points[middle], emotion=attrs.evolve(emotion, score=2 if emotion.score != 2 else -2))
    stages = list(journey.stages)
    stages[len(stages) // 2] = attrs.evolve(stage, touchpoints=points)
    return attrs.evolve(journey, stages=stages)


def ruamel_round_trip(text: str) -> str:
    """ruamel.yaml's own round trip of a text: load and dump in round-trip mode, quotes kept."""
    import io

    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    out = io.StringIO()
    rt.dump(rt.load(text), out)
    return out.getvalue()


def keep_table(sizes: list[int]) -> None:
    """Saving a changed journey over its YAML file, keeping the layout, against ruamel.yaml's load and dump."""
    print("\nsave yaml keeping the layout: jm.dumps(changed, keep=text) / ruamel.yaml load + dump of the text")
    header = f"{'touchpoints':>11}  {'journeymap':>11} {'ruamel.yaml':>11} {'ratio':>6} {'gc paused':>10} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for size in sizes:
        journey = make_journey(size)
        text, changed = jm.dumps(journey), one_emotion_changed(journey)
        kept = jm.dumps(changed, keep=text)
        assert jm.loads(kept) == changed
        pairs = list(zip(text.splitlines(), kept.splitlines(), strict=True))
        assert sum(old != new for old, new in pairs) == 1  # the one emotion's line
        repeat = 3 if size <= 10_000 else 1
        ours = best(lambda text=text, changed=changed: jm.dumps(changed, keep=text), repeat)
        theirs = best(lambda text=text: ruamel_round_trip(text), repeat)
        paused = best(lambda text=text: ruamel_round_trip(text), repeat, collector=False)
        print(
            f"{size:>11,}  {ours * 1000:>9.0f}ms {theirs * 1000:>9.0f}ms {ours / theirs:>5.2f}x"
            f" {paused * 1000:>8.0f}ms {ours / paused:>5.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="touchpoint counts, comma-separated")
    parser.add_argument("--keep-sizes", default="1000,10000", help="touchpoint counts for the layout-keeping save")
    args = parser.parse_args()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"PyYAML {yaml.__version__}, libyaml: {yaml.__with_libyaml__}; Python {sys.version.split()[0]}")
    header = (
        f"{'touchpoints':>11}  {'operation':<10} {'journeymap':>11} {'raw':>10} {'ratio':>6}"
        f" {'raw, gc paused':>15} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for size in sizes:
        journey = make_journey(size)
        repeat = 5 if size <= 10_000 else 2
        for name, ours, raw in operations(journey, loader):
            mine, theirs = best(ours, repeat), best(raw, repeat)
            paused = best(raw, repeat, collector=False)
            print(
                f"{size:>11,}  {name:<10} {mine * 1000:>9.1f}ms {theirs * 1000:>8.1f}ms {mine / theirs:>5.2f}x"
                f" {paused * 1000:>13.1f}ms {mine / paused:>5.2f}x"
            )
    print("\nthe same loads of a journey that fills the richer map's fields (make_rich_journey)")
    print(header)
    print("-" * len(header))
    for size in sizes:
        journey = make_rich_journey(size)
        repeat = 5 if size <= 10_000 else 2
        for name, ours, raw in operations(journey, loader)[:2]:
            mine, theirs = best(ours, repeat), best(raw, repeat)
            paused = best(raw, repeat, collector=False)
            print(
                f"{size:>11,}  {name:<10} {mine * 1000:>9.1f}ms {theirs * 1000:>8.1f}ms {mine / theirs:>5.2f}x"
                f" {paused * 1000:>13.1f}ms {mine / paused:>5.2f}x"
            )
    print("\nload json, as shares of json.loads (collector paused in every column)")
    header = f"{'touchpoints':>11}  {'json.loads':>10} {'+ dup-key check':>15} {'+ bare objects':>14} {'jm.loads':>8}"
    print(header)
    print("-" * len(header))
    for size in sizes:
        journey = make_journey(size)
        text = jm.dumps(journey, "json")
        repeat = 9 if size <= 10_000 else 3
        raw = best(lambda text=text: json.loads(text), repeat, collector=False)
        checked = best(lambda text=text: parse_json(text), repeat, collector=False)
        floor = best(lambda text=text, j=journey: (parse_json(text), bare_copy(j)), repeat, collector=False)
        ours = best(lambda text=text: jm.loads(text, "json"), repeat, collector=False)
        print(f"{size:>11,}  {raw * 1000:>8.1f}ms {checked / raw:>14.2f}x {floor / raw:>13.2f}x {ours / raw:>7.2f}x")
    print("\nload target: jm.loads of JSON / (parse + the validated constructors), collector paused")
    header = f"{'touchpoints':>11}  {'parse':>8} {'+ constructors':>14} {'jm.loads':>9} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for size in sizes:
        journey = make_journey(size)
        text = jm.dumps(journey, "json")
        assert construct(parse_json(text)) == journey
        repeat = 9 if size <= 10_000 else 3
        parse = best(lambda text=text: parse_json(text), repeat, collector=False)
        built = best(lambda text=text: construct(parse_json(text)), repeat, collector=False)
        ours = best(lambda text=text: jm.loads(text, "json"), repeat, collector=False)
        times = f"{parse * 1000:>6.1f}ms {built * 1000:>12.1f}ms {ours * 1000:>7.1f}ms"
        print(f"{size:>11,}  {times} {ours / built:>5.2f}x")
    keep_table([int(s) for s in args.keep_sizes.split(",") if s])
    seconds, heavy = import_time()
    print(f"\npython -c 'import journeymap': {seconds * 1000:.0f} ms over a bare interpreter")
    print(f"heavy modules imported by it: {', '.join(heavy) if heavy else 'none'}")


if __name__ == "__main__":
    main()
