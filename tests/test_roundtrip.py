"""Property tests: any journey saved as YAML or JSON loads back equal."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeymap as jm

from .conftest import examples
from .strategies import journeys, name

SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(journeys())
def test_yaml_round_trip_gives_an_equal_journey(journey: jm.Journey) -> None:
    assert jm.loads(jm.dumps(journey, "yaml"), "yaml") == journey


@SETTINGS
@given(journeys())
def test_json_round_trip_gives_an_equal_journey(journey: jm.Journey) -> None:
    assert jm.loads(jm.dumps(journey, "json"), "json") == journey


@SETTINGS
@given(journeys())
def test_saving_twice_gives_the_same_text(journey: jm.Journey) -> None:
    """Output is deterministic and stable under a reload (files diff cleanly)."""
    for fmt in ("yaml", "json"):
        text = jm.dumps(journey, fmt)
        assert jm.dumps(jm.loads(text, fmt), fmt) == text


@SETTINGS
@given(st.lists(name, min_size=1, max_size=6))
def test_stage_ids_are_unique_whatever_the_names(names: list[str]) -> None:
    journey = jm.Journey(title="t", stages=names)
    ids = [stage.id for stage in journey.stages]
    assert len(set(ids)) == len(ids)
    assert all(ids)


@SETTINGS
@given(st.text(st.characters(max_codepoint=127)))
def test_an_id_derived_from_an_ascii_name_is_its_words_in_lower_case_joined_by_dashes(text: str) -> None:
    words = re.findall(r"[a-z0-9]+", text.lower())
    assert jm.Touchpoint(name=text + "x").id == "-".join(re.findall(r"[a-z0-9]+", (text + "x").lower()))
    if text.strip():
        assert jm.Stage(name=text).id == ("-".join(words) or "stage")
