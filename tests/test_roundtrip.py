"""Property tests: any journey saved as YAML or JSON loads back equal."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeymap as jm

# Any Unicode a file can hold (no lone surrogates), control characters and line breaks included.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
name = text.filter(lambda value: value.strip() != "")
maybe_text = st.none() | text
texts = st.lists(name, max_size=3)
score = st.floats(min_value=-2, max_value=2, allow_nan=False) | st.integers(min_value=-2, max_value=2)
number = st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**12), 10**12)
count = st.none() | st.integers(min_value=0, max_value=10**12)
day = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))

emotions = st.builds(jm.Emotion, score=score, label=maybe_text, quote=maybe_text)
barriers = st.builds(
    jm.Barrier,
    description=name,
    severity=st.sampled_from(jm.Severity),
    id=maybe_text,
    cause=maybe_text,
    remedy=maybe_text,
)
kpis = st.builds(jm.Kpi, name=name, target=number, actual=number, unit=maybe_text, description=maybe_text)
touchpoints = st.builds(
    jm.Touchpoint,
    name=name,
    channel=maybe_text,
    owned=st.none() | st.booleans(),
    action=maybe_text,
    content=texts,
    emotion=st.none() | emotions,
    barriers=st.lists(barriers, max_size=2),
    opportunities=texts,
    reach=count,
    actors=texts,
    notes=maybe_text,
)
stages = st.builds(
    jm.Stage,
    name=name,
    phase=st.none() | st.sampled_from(jm.Phase),
    goals=texts,
    questions=texts,
    touchpoints=st.lists(touchpoints, max_size=3),
    barriers=st.lists(barriers, max_size=2),
    kpis=st.lists(kpis, max_size=2),
    owner=maybe_text,
)
personas = st.builds(jm.Persona, name=name, age=st.none() | st.integers(0, 120).map(str) | text, pains=texts)
segments = st.builds(jm.Segment, name=name, behavioural=texts, size=count)


@st.composite
def journeys(draw: st.DrawFn) -> jm.Journey:
    """Journeys whose actions refer to stages that exist."""
    stage_list = draw(st.lists(stages, max_size=4))
    base = jm.Journey(title="t", stages=stage_list)
    ids = [stage.id for stage in base.stages]
    actions = st.builds(
        jm.Action,
        title=name,
        stage=st.none() | (st.sampled_from(ids) if ids else st.none()),
        owner=maybe_text,
        due=day,
        status=st.sampled_from(jm.ActionStatus),
    )
    return jm.Journey(
        title=draw(name),
        language=draw(st.sampled_from(["en", "ru", "ro", "ro-MD"])),
        product=draw(maybe_text),
        date=draw(day),
        persona=draw(st.none() | personas),
        segment=draw(st.none() | segments),
        stages=base.stages,
        kpis=draw(st.lists(kpis, max_size=2)),
        actions=draw(st.lists(actions, max_size=3)),
        notes=draw(maybe_text),
    )


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
