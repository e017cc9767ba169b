"""mine() on real event logs (../shared/corpus/eventlogs), checked against an independent pandas computation.

The oracle orders each customer's events by UTC timestamp, then event name
(journeymap's documented tie rule without a journey), and counts customers,
variants, start and end events, events per name and directly-follows pairs.
"""

from __future__ import annotations

import gzip
import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from journeymap.mining import JourneyMetrics, MissingColumnError, ObjectCentricLogError, mine

pd = pytest.importorskip("pandas")
pytest.importorskip("duckdb")

PM4PY_COLUMNS = {"customer": "case:concept:name", "touchpoint": "concept:name", "timestamp": "time:timestamp"}


def oracle(frame: Any, customer: str, touchpoint: str, timestamp: str) -> dict[str, Any]:
    data = pd.DataFrame(
        {
            "c": frame[customer].astype(str),
            "a": frame[touchpoint].astype(str),
            "t": pd.to_datetime(frame[timestamp], utc=True, format="ISO8601"),
        }
    )
    data = data.sort_values(["c", "t", "a"], kind="stable")
    paths = [tuple(group["a"]) for _, group in data.groupby("c", sort=False)]
    pairs: Counter[tuple[str, str]] = Counter()
    for path in paths:
        pairs.update(itertools.pairwise(path))
    return {
        "customers": len(paths),
        "variants": Counter(paths),
        "start": Counter(path[0] for path in paths),
        "end": Counter(path[-1] for path in paths),
        "events": Counter(data["a"]),
        "pairs": pairs,
    }


def check(m: JourneyMetrics, expected: dict[str, Any]) -> None:
    assert m.customers == expected["customers"]
    assert m.variant_count == len(expected["variants"])
    top = expected["variants"].most_common(1)[0][1]
    assert m.variants[0].customers == top
    for variant in m.variants:
        assert expected["variants"][variant.path] == variant.customers
    assert {t.id: t.first for t in m.touchpoints if t.first} == dict(expected["start"])
    assert {t.id: t.last for t in m.touchpoints if t.last} == dict(expected["end"])
    assert {t.id: t.events for t in m.touchpoints} == dict(expected["events"])
    assert {(t.source, t.target): t.count for t in m.transitions} == dict(expected["pairs"])
    assert m.transitions[0].count == max(expected["pairs"].values())


@pytest.mark.parametrize(
    ("name", "columns", "customers", "activities"),
    [
        ("pm4py/running-example.csv", PM4PY_COLUMNS, 6, 8),
        ("pm4py/receipt.csv", PM4PY_COLUMNS, 1434, 27),  # mixed DST offsets
        ("pm4py/roadtraffic100traces.csv", PM4PY_COLUMNS, 100, 10),  # same-timestamp ties
        ("pm4py/interval_event_log.csv", PM4PY_COLUMNS, 1266, None),  # complete timestamps
        (
            "pm4py/interval_event_log.csv",
            {**PM4PY_COLUMNS, "timestamp": "start_timestamp"},
            1266,
            None,
        ),  # start timestamps of the same intervals
        (
            "eventdataR/patients.csv",
            {"customer": "patient", "touchpoint": "handling", "timestamp": "time"},
            500,
            7,
        ),  # start/complete lifecycle rows, 277 ties
    ],
)
def test_csv_logs_match_pandas(
    corpus: Path, name: str, columns: dict[str, str], customers: int, activities: int | None
) -> None:
    path = corpus / "eventlogs" / name
    m = mine(path, **columns)  # type: ignore[arg-type]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    expected = oracle(frame, columns["customer"], columns["touchpoint"], columns["timestamp"])
    assert m.customers == customers
    if activities is not None:
        assert len(m.touchpoints) == activities
    assert m.events == len(frame)
    check(m, expected)


def read_xes(path: Path) -> Any:
    """An independent full-tree XES reader (the library streams with iterparse)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as stream:
        root = ET.parse(stream).getroot()
    rows = []
    for trace in root:
        if not trace.tag.endswith("trace"):
            continue
        case = next(a.get("value") for a in trace if a.tag.endswith("string") and a.get("key") == "concept:name")
        for event in trace:
            if event.tag.endswith("event"):
                attributes = {a.get("key"): a.get("value") for a in event}
                rows.append((case, attributes["concept:name"], attributes["time:timestamp"]))
    return pd.DataFrame(rows, columns=["c", "a", "t"])


@pytest.mark.parametrize("name", ["pm4py/running-example.xes", "pm4py/helpdesk.xes.gz"])
def test_xes_logs_match_an_independent_reader(corpus: Path, name: str) -> None:
    path = corpus / "eventlogs" / name
    m = mine(path)
    frame = read_xes(path)
    assert m.events == len(frame)
    check(m, oracle(frame, "c", "a", "t"))


def test_helpdesk_counts(corpus: Path) -> None:
    m = mine(corpus / "eventlogs" / "pm4py" / "helpdesk.xes.gz")
    assert (m.events, m.customers) == (21348, 4580)


def test_xes_and_csv_of_the_running_example_agree(corpus: Path) -> None:
    folder = corpus / "eventlogs" / "pm4py"
    assert mine(folder / "running-example.xes") == mine(folder / "running-example.csv", **PM4PY_COLUMNS)  # type: ignore[arg-type]


def test_object_centric_logs_are_refused(corpus: Path) -> None:
    folder = corpus / "eventlogs" / "pm4py"
    with pytest.raises(ObjectCentricLogError) as info:
        mine(
            folder / "example_log.csv",
            customer="ocel:type:element",
            touchpoint="ocel:activity",
            timestamp="ocel:timestamp",
        )
    assert "example_log.csv" in str(info.value)
    assert info.value.column == "ocel:type:element"
    assert info.value.row == 1
    with pytest.raises(ObjectCentricLogError, match=r"example_log\.jsonocel"):
        mine(folder / "example_log.jsonocel")


def test_xes_without_names_or_timestamps_is_refused(corpus: Path) -> None:
    with pytest.raises(MissingColumnError) as info:
        mine(corpus / "eventlogs" / "pm4py" / "xes_20.xes")
    assert "xes_20.xes" in str(info.value)
    assert info.value.column == "case:concept:name"


def test_a_long_xes_log_is_streamed_in_two_passes_with_the_same_table(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``BUFFER_ROWS`` events the columns come from a first pass and rows are streamed: same CSV."""
    from journeymap.mining import xes

    path = corpus / "eventlogs" / "pm4py" / "running-example.xes"
    held, streamed = tmp_path / "held.csv", tmp_path / "streamed.csv"
    xes.write_csv(xes.read_xes(path), held)
    monkeypatch.setattr(xes, "BUFFER_ROWS", 5)
    passes = []

    def again() -> Iterator[dict[str, str]]:
        passes.append(1)
        return xes.read_xes(path)

    assert xes.write_csv(xes.read_xes(path), streamed, again=again) == xes.write_csv(xes.read_xes(path), held)
    assert len(passes) == 2
    assert streamed.read_bytes() == held.read_bytes()
