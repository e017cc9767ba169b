"""Hypothesis strategies for journeys, shared by the property tests.

Between them the strategies fill every field of every model class.
"""

from __future__ import annotations

import datetime as dt

import attrs
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

evidence = st.none() | st.builds(jm.Evidence, kind=st.sampled_from(jm.EvidenceKind), source=maybe_text)
emotions = st.builds(jm.Emotion, score=score, label=maybe_text, quote=maybe_text, evidence=evidence)
barriers = st.builds(
    jm.Barrier,
    description=name,
    severity=st.sampled_from(jm.Severity),
    id=maybe_text,
    cause=maybe_text,
    remedy=maybe_text,
    evidence=evidence,
)
kpis = st.builds(jm.Kpi, name=name, target=number, actual=number, unit=maybe_text, description=maybe_text)
touchpoints = st.builds(
    jm.Touchpoint,
    name=name,
    channel=maybe_text,
    owned=st.none() | st.booleans(),
    action=maybe_text,
    description=maybe_text,
    content=texts,
    emotion=st.none() | emotions,
    barriers=st.lists(barriers, max_size=2),
    opportunities=texts,
    reach=count,
    events=texts,
    actors=texts,
    notes=maybe_text,
    thinking=texts,
    moment_of_truth=st.none() | st.booleans(),
    evidence=evidence,
)
seconds = st.none() | st.floats(min_value=0, max_value=1e9) | st.integers(0, 10**9)
metrics = st.integers(0, 10**6).flatmap(
    lambda reached: st.builds(
        jm.StageMetrics,
        reached=st.just(reached),
        converted=st.integers(0, reached),
        dropped=st.integers(0, reached),
        median_seconds=seconds,
        p75_seconds=seconds,
        p10_seconds=seconds,
        p25_seconds=seconds,
        p90_seconds=seconds,
        timed_customers=st.none() | st.integers(0, reached),
        backward=st.integers(0, 10**6),
    )
)
steps = st.lists(
    st.builds(jm.BlueprintStep, description=name, owner=maybe_text, touchpoint=st.none(), evidence=evidence),
    max_size=2,
)
stages = st.builds(
    jm.Stage,
    name=name,
    phase=st.none() | st.sampled_from(jm.Phase),
    description=maybe_text,
    goals=texts,
    expectations=texts,
    questions=texts,
    touchpoints=st.lists(touchpoints, max_size=3),
    barriers=st.lists(barriers, max_size=2),
    opportunities=texts,
    kpis=st.lists(kpis, max_size=2),
    owner=maybe_text,
    notes=maybe_text,
    metrics=st.none() | metrics,
    doing=texts,
    thinking=texts,
    frontstage=steps,
    backstage=steps,
    support=steps,
)
lane_ids = name.filter(lambda value: value not in jm.model.RESERVED_LANE_IDS)
custom_lanes = st.dictionaries(
    lane_ids,
    st.builds(
        jm.CustomLane,
        title=name,
        titles=st.dictionaries(st.sampled_from(["en", "ru", "ro", "ro-MD", "de"]), name, max_size=2),
        description=maybe_text,
    ),
    max_size=2,
)
personas = st.builds(
    jm.Persona,
    name=name,
    age=st.none() | st.integers(0, 120).map(str) | text,
    gender=maybe_text,
    education=maybe_text,
    occupation=maybe_text,
    income=maybe_text,
    location=maybe_text,
    description=maybe_text,
    interests=texts,
    goals=texts,
    motivations=texts,
    pains=texts,
    influences=texts,
    quote=maybe_text,
    id=st.just("") | name,
)
segments = st.builds(
    jm.Segment,
    name=name,
    description=maybe_text,
    demographic=texts,
    geographic=texts,
    psychographic=texts,
    behavioural=texts,
    size=count,
)


@st.composite
def journeys(draw: st.DrawFn) -> jm.Journey:
    """Journeys whose actions, moves, personas and blueprint steps refer to what exists; some ids are explicit."""
    stage_list = list(jm.Journey(title="t", stages=draw(st.lists(stages, max_size=4))).stages)
    if stage_list and draw(st.booleans()):  # an explicit id, kept when saved
        stage_list[0] = attrs.evolve(stage_list[0], id="explicit-" + stage_list[0].id)
    ids = [stage.id for stage in stage_list]
    stage_list = [_with_moves(draw, stage, [other for other in ids if other != stage.id]) for stage in stage_list]
    base = jm.Journey(title="t", stages=stage_list)
    ids = [stage.id for stage in base.stages]
    actions = st.builds(
        jm.Action,
        title=name,
        stage=st.none() | (st.sampled_from(ids) if ids else st.none()),
        owner=maybe_text,
        due=day,
        status=st.sampled_from(jm.ActionStatus),
        description=maybe_text,
    )
    everyone = draw(st.lists(personas, max_size=3, unique_by=lambda persona: persona.id))  # explicit ids differ
    main, people = (everyone[0], everyone[1:]) if everyone and draw(st.booleans()) else (None, everyone)
    persona_ids = [p.id for p in jm.Journey(title="t", persona=main, personas=people).all_personas()]
    touchpoint_ids = [tp.id for _, tp in base.touchpoints()]
    lanes = draw(custom_lanes)
    stage_list = [_with_references(draw, stage, persona_ids, touchpoint_ids, list(lanes)) for stage in base.stages]
    return jm.Journey(
        title=draw(name),
        language=draw(st.sampled_from(["en", "ru", "ro", "ro-MD"])),
        product=draw(maybe_text),
        date=draw(day),
        persona=main,
        segment=draw(st.none() | segments),
        author=draw(maybe_text),
        client=draw(maybe_text),
        description=draw(maybe_text),
        stages=stage_list,
        personas=people,
        lanes=lanes,
        kpis=draw(st.lists(kpis, max_size=2)),
        actions=draw(st.lists(actions, max_size=3)),
        notes=draw(maybe_text),
    )


def _with_moves(draw: st.DrawFn, stage: jm.Stage, others: list[str]) -> jm.Stage:
    """The stage with measured moves to some of the other stages, when it is measured."""
    if stage.metrics is None or not others:
        return stage
    targets = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
    moves = [jm.StageMove(to=target, count=draw(st.integers(0, 10**6))) for target in targets]
    return attrs.evolve(stage, metrics=attrs.evolve(stage.metrics, moves=moves))


def _with_references(
    draw: st.DrawFn, stage: jm.Stage, persona_ids: list[str], touchpoint_ids: list[str], lane_ids: list[str]
) -> jm.Stage:
    """The stage with touchpoints for some personas (with their own emotions), blueprint steps serving
    touchpoints, and some of the journey's custom lanes filled in."""
    some_personas = st.lists(st.sampled_from(persona_ids), unique=True, max_size=2) if persona_ids else st.just([])
    touchpoints = [
        attrs.evolve(
            tp,
            personas=draw(some_personas),
            emotions={persona: draw(emotions | score) for persona in draw(some_personas)},
        )
        for tp in stage.touchpoints
    ]
    served = st.none() | st.sampled_from(touchpoint_ids) if touchpoint_ids else st.none()
    frontstage = [attrs.evolve(step, touchpoint=draw(served)) for step in stage.frontstage]
    filled = draw(st.lists(st.sampled_from(lane_ids), unique=True)) if lane_ids else []
    lanes = {lane: draw(texts) for lane in filled}
    return attrs.evolve(stage, touchpoints=touchpoints, frontstage=frontstage, lanes=lanes)
