"""Uses the public API as a user would; checked by ``mypy --strict`` (never run by pytest)."""

from __future__ import annotations

import datetime as dt

import attrs

import journeymap as jm

journey: jm.Journey = jm.Journey(
    title="Buying a course",
    language="en",
    persona=jm.Persona(name="Anna", age=34, goals=["Grow"]),
    segment="Marketers",
    stages=[
        jm.Stage(
            name="Awareness",
            phase=jm.Phase.PRE_PURCHASE,
            touchpoints=[
                jm.Touchpoint(name="Ad", channel="social", emotion=1, barriers=["Price hidden"]),
                jm.Touchpoint(name="Site", emotion=jm.Emotion(score=-0.5, label="unsure")),
                "Word of mouth",
            ],
            kpis=[jm.Kpi(name="Reach", target=10_000.0, unit="people")],
        ),
        "Purchase",
    ],
    actions=[jm.Action(title="Show prices", stage="awareness", due=dt.date(2026, 12, 1))],
)
stage_id: str = journey.stages[0].id
score: float | None = None
emotion = journey.stages[0].touchpoints[0].emotion
if emotion is not None:
    score = emotion.score
severity: jm.Severity = journey.stages[0].touchpoints[0].barriers[0].severity
weight: int = severity.weight
renamed: jm.Journey = attrs.evolve(journey, title="Buying a course, v2")
text: str = jm.dumps(renamed, format="json")
again: jm.Journey = jm.loads(text, format="json")
try:
    jm.load("missing.yaml")
except jm.ValidationError as error:
    first_path: str = error.problems[0].path
except jm.JourneyMapError as error:
    message: str = str(error)
