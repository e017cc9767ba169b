"""Loading and saving journeys: the behaviour a user sees first."""

from __future__ import annotations

import pytest

import journeymap as jm

SMALL = """
title: Buying a course
stages:
  - name: Awareness
    touchpoints:
      - {name: NO, channel: social, emotion: 1, barriers: [Price hidden]}
      - {name: 012, emotion: {score: -1.5, label: meh}}
  - Consideration
"""


def test_yaml_scalars_keep_their_yaml_1_2_meaning_in_text_fields() -> None:
    journey = jm.loads(SMALL)
    names = [tp.name for tp in journey.stages[0].touchpoints]
    assert names == ["NO", "012"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_dumps_then_loads_gives_an_equal_journey(fmt: str) -> None:
    journey = jm.loads(SMALL)
    assert jm.loads(jm.dumps(journey, format=fmt), format=fmt) == journey


def test_an_error_names_file_line_and_field() -> None:
    text = "title: x\nstages:\n  - name: A\n    touchpoints:\n      - name: t\n        emotion: 7\n"
    with pytest.raises(jm.ValidationError) as caught:
        jm.loads(text, source="school.yaml")
    assert str(caught.value) == (
        "school.yaml:6: stages[0].touchpoints[0].emotion.score: must be between -2 and 2, got 7"
    )
