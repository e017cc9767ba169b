"""Invariants of ``journeymap.diff`` on generated journeys (hypothesis).

A journey differs from nothing but itself; applying the changes of ``diff(a, b)`` to ``a`` as
:class:`~journeymap.analysis.Change` documents them gives ``b`` back, every field and every order.
"""

from __future__ import annotations

import json

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeymap as jm
from journeymap.analysis.diff import KINDS

from .conftest import examples
from .diffapply import apply
from .strategies import emotions, journeys, name, score, stages

RICH = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Journeys with every field filled are slow to draw."""


@RICH
@given(journeys())
def test_a_journey_differs_in_nothing_from_itself_or_its_saved_copy(journey: jm.Journey) -> None:
    assert jm.diff(journey, journey).empty
    copy = jm.loads(jm.dumps(journey, format="json"), format="json")
    assert not jm.diff(journey, copy)
    assert jm.diff(journey, copy).text() == jm.analysis.diff(journey, journey).text()


@RICH
@given(journeys(), journeys())
def test_applying_the_diff_of_two_journeys_gives_the_new_one(old: jm.Journey, new: jm.Journey) -> None:
    changes = jm.diff(old, new)
    assert apply(old, changes) == new
    assert bool(changes) == (old != new)
    for language in jm.i18n.LANGUAGES:  # every change has words, in every language
        lines = changes.text(language).splitlines()
        assert len(lines) == len(changes.markdown(language).split("\n- ")) or not changes
        assert all(line.strip() for line in lines)
    json.dumps(changes.to_dict(), allow_nan=False)  # plain data, ready for JSON
    assert changes.to_dict() == jm.diff(old, new).to_dict()  # deterministic


def _without_touchpoints(stage: jm.Stage) -> jm.Stage:
    """The stage without its touchpoints, its id still derived from its name."""
    fields = attrs.fields(jm.Stage)
    return jm.Stage(
        **{f.alias: getattr(stage, f.name) for f in fields if f.init and f.name not in ("id", "touchpoints")}
    )


@st.composite
def edited(draw: st.DrawFn) -> tuple[jm.Journey, jm.Journey]:
    """A journey and an edit of it a person might make: stages reordered, touchpoints moved to other stages,
    renamed or rescored, barriers made worse, stages added, actions done."""
    old = draw(journeys())
    moved = list(old.stages)
    order = draw(st.permutations(range(len(moved))))
    new_stages = [moved[i] for i in order]
    pool = [tp for stage in new_stages for tp in stage.touchpoints]
    cuts = sorted(draw(st.lists(st.integers(0, len(pool)), min_size=len(new_stages), max_size=len(new_stages))))
    edits = []
    for tp in pool:
        if draw(st.booleans()):
            tp = attrs.evolve(tp, name=draw(name), emotion=draw(st.none() | emotions | score))
        if tp.barriers and draw(st.booleans()):
            tp = attrs.evolve(
                tp, barriers=[attrs.evolve(b, severity=draw(st.sampled_from(jm.Severity))) for b in tp.barriers]
            )
        edits.append(tp)
    starts = [0, *cuts[1:]] if new_stages else []
    ends = [*cuts[1:], len(pool)] if new_stages else []
    new_stages = [
        attrs.evolve(stage, touchpoints=edits[start:end])
        for stage, start, end in zip(new_stages, starts, ends, strict=True)
    ]
    new_stages += draw(st.lists(stages.map(_without_touchpoints), max_size=2))
    actions = [attrs.evolve(a, status="done") if draw(st.booleans()) else a for a in old.actions]
    return old, attrs.evolve(old, stages=new_stages, actions=actions)


@RICH
@given(edited())
def test_applying_the_diff_of_an_edit_gives_the_edited_journey(pair: tuple[jm.Journey, jm.Journey]) -> None:
    old, new = pair
    changes = jm.diff(old, new)
    assert apply(old, changes) == new
    assert apply(new, jm.diff(new, old)) == old
    kinds = {change.kind for change in changes.changes}
    assert kinds <= set(KINDS)
