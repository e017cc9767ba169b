"""The fuzz targets' promise on their seeds and on every input that once crashed a loader.

Each loader given any bytes returns a journey (or a log's metrics) or raises a journeymap error naming the
input; ``tests/fuzz/crashes/<target>/`` keeps each input a fuzzer found breaking that, replayed here
with the fix. The fuzzers themselves run with ``make fuzz`` (tests/fuzz/run.py).
"""

from __future__ import annotations

import pytest

from tests.fuzz import seeds, targets


@pytest.fixture(scope="module", autouse=True)
def _prepared() -> None:
    targets.prepare()


@pytest.mark.parametrize("target", list(targets.SUFFIXES))
def test_every_seed_loads_or_fails_naming_the_input(target: str) -> None:
    inputs = seeds.seeds(target)
    assert len(inputs) >= 3
    for data in inputs:
        targets.check(target, data)


@pytest.mark.parametrize(
    "path",
    sorted(path for path in seeds.CRASHES.glob("*/*") if path.is_file()),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_a_past_crash_is_a_located_error_now(path) -> None:  # type: ignore[no-untyped-def]
    targets.check(path.parent.name, path.read_bytes())


def test_the_all_target_reaches_every_loader() -> None:
    picked = {targets.split(data)[0] for data in seeds.seeds(targets.ALL)}
    assert picked == set(targets.SUFFIXES)


def test_an_error_not_naming_the_input_breaks_the_promise(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap.errors import ParseError, Problem

    def unnamed(data: bytes, source: str) -> object:
        raise ParseError([Problem(message="bad")])

    monkeypatch.setitem(targets.TARGETS, "yaml", unnamed)
    with pytest.raises(targets.PromiseBroken, match=r"does not name fuzz\.yaml"):
        targets.check("yaml", b"x")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("journey\nsection S\n<br>: 3: Me\n", "x.mmd:3: stages[0].touchpoints[0].name: must not be empty"),
        ("journey\nsection <br>\nT: 3: Me\n", "x.mmd: stages[0].name: must not be empty"),
    ],
)
def test_a_mermaid_name_empty_once_read_is_located(text: str, where: str) -> None:
    from journeymap import plugins
    from journeymap.errors import ParseError

    with pytest.raises(ParseError) as caught:
        plugins.get_importer("mermaid-journey").read(text.encode(), source="x.mmd")
    assert str(caught.value) == where
