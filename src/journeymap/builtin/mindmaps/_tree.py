"""The one tree every mind-map writer renders (private).

Freeplane, XMind, OPML and the Mermaid mind map all show the same tree, built
here once, with labels in the requested language:

* the root: the journey's title (note: description, product, client, author, date);
* the personas (the main one first) and the segment, with their facts and lists;
* a branch per stage (folded where the format can fold): phase, goals,
  expectations, questions, doing, thinking, then each touchpoint with its
  channel, the personas it is for, thinking, emotion, each persona's own
  emotion, barriers (severity in the text and as a marker), opportunities,
  reach and evidence, then the stage's own barriers, opportunities, KPIs and
  owner, the service blueprint (frontstage, backstage, support: each step
  with its owner, and the touchpoint it serves in its note) and the custom
  lanes under their titles in the requested language;
* the journey's KPIs and the action plan.

A moment of truth is a ``touchpoint`` node with :attr:`Node.mark` set: an
icon where the format has one, the mark's text after the node's text where
it has none (:func:`marked_text`). Evidence is a node of its own under a
touchpoint, and a line of the note of an emotion, a barrier or a step.

Long text (descriptions, notes, quotes, causes, remedies) goes into a node's
``note``; empty lanes are left out. Every node has a ``key`` (its place in the
journey, such as ``stages[0].touchpoints[1]``) and a ``uid`` derived from
it, so ids stay the same when the journey is exported again, and mostly even
after it is edited.

>>> from journeymap import Journey, Stage, Touchpoint
>>> tree = build(Journey(title="Buying a course", stages=[
...     Stage(name="Awareness", goals=["Find a course"], touchpoints=[Touchpoint(name="Ad", emotion=1)])]), "en")
>>> print(outline(tree))  # doctest: +ELLIPSIS
Buying a course
  Awareness
    Customer goals
      Find a course
    Ad
      Emotion: ... +1 (positive)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import Literal

import attrs

from journeymap.i18n import Labels, labels
from journeymap.model import (
    Action,
    Barrier,
    BlueprintStep,
    CustomLane,
    Emotion,
    Evidence,
    Journey,
    Kpi,
    Persona,
    Segment,
    Severity,
    Stage,
    Touchpoint,
)

__all__ = ["DEFAULT_TIMESTAMP_MS", "Kind", "Node", "build", "marked_text", "outline", "timestamp_ms", "walk"]

Kind = Literal[
    "journey", "persona", "segment", "stage", "touchpoint", "heading", "item", "emotion", "barrier", "action"
]

DEFAULT_TIMESTAMP_MS = 1_704_067_200_000
"""Timestamp written for a journey without a date: 2024-01-01T00:00:00Z in epoch milliseconds."""


@attrs.frozen(kw_only=True)
class Node:
    """One node of the tree."""

    text: str
    key: str
    """The node's place in the journey (``stages[0].goals``), unique within the tree."""
    kind: Kind
    uid: int = 0
    """A positive number unique within the tree, derived from :attr:`key` (stable between exports)."""
    note: str | None = None
    children: tuple[Node, ...] = ()
    score: float | None = None
    """The emotion score of an ``emotion`` node (−2 … +2)."""
    severity: Severity | None = None
    """The severity of a ``barrier`` node."""
    folded: bool = False
    """Shown folded where the format can fold (the stage branches)."""
    mark: str | None = None
    """The text mark of a moment of truth (``★ moment of truth``), shown as an icon where the format has icons."""


def marked_text(node: Node) -> str:
    """The node's text with its :attr:`~Node.mark` after it, for formats without icons.

    >>> marked_text(Node(text="Demo call", key="k", kind="touchpoint", mark="★ moment of truth"))
    'Demo call (★ moment of truth)'
    """
    return f"{node.text} ({node.mark})" if node.mark else node.text


def timestamp_ms(journey: Journey) -> int:
    """The creation time written into files: the journey's date at midnight UTC, or :data:`DEFAULT_TIMESTAMP_MS`.

    >>> import datetime as dt
    >>> timestamp_ms(Journey(title="t", date=dt.date(2024, 9, 16)))
    1726444800000
    """
    if journey.date is None:
        return DEFAULT_TIMESTAMP_MS
    moment = dt.datetime.combine(journey.date, dt.time(), tzinfo=dt.UTC)
    return int(moment.timestamp()) * 1000


def walk(node: Node, depth: int = 0) -> Iterator[tuple[int, Node]]:
    """Every node with its depth (the root is 0), parents before children."""
    yield depth, node
    for child in node.children:
        yield from walk(child, depth + 1)


def outline(node: Node) -> str:
    """The tree as indented text, two spaces a level (for tests and doctests)."""
    return "\n".join("  " * depth + each.text for depth, each in walk(node))


def build(journey: Journey, lang: str) -> Node:
    """The tree of ``journey`` with labels in ``lang``; every node gets a unique :attr:`Node.uid`."""
    return _Builder(labels(lang), journey, lang).journey(journey)


def _note(*parts: str | None) -> str | None:
    text = "\n\n".join(part for part in parts if part)
    return text or None


def _number(value: float) -> str:
    return f"{value:g}"


class _Builder:
    def __init__(self, words: Labels, journey: Journey, lang: str) -> None:
        self.words = words
        self.lang = lang
        self.lanes: dict[str, CustomLane] = dict(journey.lanes)
        self.persona_names = {persona.id: persona.name for persona in journey.all_personas()}
        self.touchpoint_names = {tp.id: tp.name for _, tp in journey.touchpoints()}
        self.taken: set[int] = set()

    def node(self, text: str, key: str, kind: Kind, children: Iterable[Node | None] = (), **more: object) -> Node:
        digest = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
        uid = digest % 9_000_000_000 + 1_000_000_000
        while uid in self.taken:
            uid += 1
        self.taken.add(uid)
        kept = tuple(child for child in children if child is not None)
        return Node(text=text, key=key, kind=kind, uid=uid, children=kept, **more)  # type: ignore[arg-type]

    def fact(self, label: str, value: object, key: str) -> Node | None:
        if value is None or value == "":
            return None
        return self.node(f"{label}: {value}", key, "item")

    def items(self, heading: str, values: tuple[str, ...], key: str) -> Node | None:
        if not values:
            return None
        return self.node(heading, key, "heading", [self.node(v, f"{key}[{i}]", "item") for i, v in enumerate(values)])

    def journey(self, journey: Journey) -> Node:
        w = self.words
        facts = [
            f"{w.product}: {journey.product}" if journey.product else None,
            f"{w.client}: {journey.client}" if journey.client else None,
            f"{w.author}: {journey.author}" if journey.author else None,
            f"{w.date}: {journey.date.isoformat()}" if journey.date else None,
        ]
        meta = "\n".join(f for f in facts if f)
        children: list[Node | None] = [self.persona(journey.persona, "persona") if journey.persona else None]
        children += [self.persona(persona, f"personas[{i}]") for i, persona in enumerate(journey.personas)]
        children.append(self.segment(journey.segment) if journey.segment else None)
        children += [self.stage(stage, f"stages[{i}]") for i, stage in enumerate(journey.stages)]
        children.append(self.kpis(journey.kpis, "kpis"))
        names = {stage.id: stage.name for stage in journey.stages}
        if journey.actions:
            plan = [self.action(a, f"actions[{i}]", names) for i, a in enumerate(journey.actions)]
            children.append(self.node(w.sheet_actions, "actions", "heading", plan))
        return self.node(
            journey.title, "journey", "journey", children, note=_note(journey.description, meta, journey.notes)
        )

    def persona(self, persona: Persona, key: str) -> Node:
        w = self.words
        children = [
            self.fact(label, getattr(persona, name), f"{key}.{name}")
            for name, label in (
                ("age", w.age),
                ("gender", w.gender),
                ("education", w.education),
                ("occupation", w.occupation),
                ("income", w.income),
                ("location", w.location),
            )
        ]
        children += [
            self.items(label, getattr(persona, name), f"{key}.{name}")
            for name, label in (
                ("goals", w.goals),
                ("motivations", w.motivations),
                ("pains", w.pains),
                ("interests", w.interests),
                ("influences", w.influences),
            )
        ]
        quote = f"{w.quote}: {persona.quote}" if persona.quote else None
        return self.node(
            f"{w.persona}: {persona.name}", key, "persona", children, note=_note(persona.description, quote)
        )

    def segment(self, segment: Segment) -> Node:
        w, key = self.words, "segment"
        children = [
            self.items(label, getattr(segment, name), f"{key}.{name}")
            for name, label in (
                ("demographic", w.demographic),
                ("geographic", w.geographic),
                ("psychographic", w.psychographic),
                ("behavioural", w.behavioural),
            )
        ]
        children.append(self.fact(w.size, segment.size, f"{key}.size"))
        return self.node(f"{w.segment}: {segment.name}", key, "segment", children, note=segment.description)

    def stage(self, stage: Stage, key: str) -> Node:
        w = self.words
        children = [
            self.fact(w.phase_heading, w.phase(stage.phase) if stage.phase else None, f"{key}.phase"),
            self.items(w.goals, stage.goals, f"{key}.goals"),
            self.items(w.expectations, stage.expectations, f"{key}.expectations"),
            self.items(w.questions, stage.questions, f"{key}.questions"),
            self.items(w.doing, stage.doing, f"{key}.doing"),
            self.items(w.thinking, stage.thinking, f"{key}.thinking"),
        ]
        children += [self.touchpoint(tp, f"{key}.touchpoints[{i}]") for i, tp in enumerate(stage.touchpoints)]
        children += [
            self.barriers(stage.barriers, f"{key}.barriers"),
            self.items(w.opportunities, stage.opportunities, f"{key}.opportunities"),
            self.kpis(stage.kpis, f"{key}.kpis"),
            self.fact(w.owner, stage.owner, f"{key}.owner"),
            self.steps(w.frontstage, stage.frontstage, f"{key}.frontstage"),
            self.steps(w.backstage, stage.backstage, f"{key}.backstage"),
            self.steps(w.support, stage.support, f"{key}.support"),
        ]
        children += [
            self.items(lane.title_in(self.lang), stage.lanes.get(lane_id, ()), f"{key}.lanes.{lane_id}")
            for lane_id, lane in self.lanes.items()
        ]
        return self.node(stage.name, key, "stage", children, note=_note(stage.description, stage.notes), folded=True)

    def touchpoint(self, touchpoint: Touchpoint, key: str) -> Node:
        w = self.words
        channel = touchpoint.channel
        if channel and touchpoint.owned is not None:
            channel = f"{channel} ({w.owned if touchpoint.owned else w.external})"
        personas = ", ".join(self.persona_names.get(p, p) for p in touchpoint.personas)
        children = [
            self.fact(w.channel, channel, f"{key}.channel"),
            self.fact(w.persona, personas, f"{key}.personas"),
            self.items(w.thinking, touchpoint.thinking, f"{key}.thinking"),
            self.emotion(touchpoint.emotion, f"{key}.emotion") if touchpoint.emotion else None,
        ]
        children += [
            self.emotion(emotion, f"{key}.emotions.{persona}", self.persona_names.get(persona, persona))
            for persona, emotion in touchpoint.emotions.items()
        ]
        children += [
            self.barriers(touchpoint.barriers, f"{key}.barriers"),
            self.items(w.opportunities, touchpoint.opportunities, f"{key}.opportunities"),
            self.fact(w.reach, touchpoint.reach, f"{key}.reach"),
            self.fact(w.evidence, self.evidence(touchpoint.evidence), f"{key}.evidence"),
        ]
        action = f"{w.action}: {touchpoint.action}" if touchpoint.action else None
        note = _note(touchpoint.description, action, "\n".join(touchpoint.content) or None, touchpoint.notes)
        mark = w.moment_mark() if touchpoint.moment_of_truth else None
        return self.node(touchpoint.name, key, "touchpoint", children, note=note, mark=mark)

    def evidence(self, evidence: Evidence | None) -> str | None:
        """``observed (12 interviews)``: the kind in the requested language and the source."""
        if evidence is None:
            return None
        kind = self.words.evidence_kind(evidence.kind)
        return f"{kind} ({evidence.source})" if evidence.source else kind

    def evidence_line(self, evidence: Evidence | None) -> str | None:
        shown = self.evidence(evidence)
        return f"{self.words.evidence}: {shown}" if shown else None

    def emotion(self, emotion: Emotion, key: str, persona: str | None = None) -> Node:
        w = self.words
        heading = f"{w.emotion_heading} ({persona})" if persona else w.emotion_heading
        text = f"{heading}: {w.face(emotion.score)} {emotion.score:+g} ({w.emotion(emotion.score)})"
        if emotion.label:
            text += f" — {emotion.label}"
        note = _note(emotion.quote, self.evidence_line(emotion.evidence))
        return self.node(text, key, "emotion", note=note, score=emotion.score)

    def steps(self, heading: str, steps: tuple[BlueprintStep, ...], key: str) -> Node | None:
        """A blueprint lane: each step with its owner, the touchpoint it serves and its evidence in the note."""
        if not steps:
            return None
        w = self.words
        nodes = []
        for i, step in enumerate(steps):
            text = f"{step.description} ({w.owner}: {step.owner})" if step.owner else step.description
            served = self.touchpoint_names.get(step.touchpoint, step.touchpoint) if step.touchpoint else None
            note = _note(f"{w.touchpoint}: {served}" if served else None, self.evidence_line(step.evidence))
            nodes.append(self.node(text, f"{key}[{i}]", "item", note=note))
        return self.node(heading, key, "heading", nodes)

    def barriers(self, barriers: tuple[Barrier, ...], key: str) -> Node | None:
        if not barriers:
            return None
        w = self.words
        nodes = [
            self.node(
                f"{b.description} ({w.severity(b.severity)})",
                f"{key}[{i}]",
                "barrier",
                note=_note(
                    f"{w.cause}: {b.cause}" if b.cause else None,
                    f"{w.remedy}: {b.remedy}" if b.remedy else None,
                    self.evidence_line(b.evidence),
                ),
                severity=b.severity,
            )
            for i, b in enumerate(barriers)
        ]
        return self.node(w.barriers, key, "heading", nodes)

    def kpis(self, kpis: tuple[Kpi, ...], key: str) -> Node | None:
        if not kpis:
            return None
        w = self.words
        nodes = []
        for i, kpi in enumerate(kpis):
            unit = f" {kpi.unit}" if kpi.unit else ""
            values = [
                f"{w.target} {_number(kpi.target)}{unit}" if kpi.target is not None else None,
                f"{w.actual} {_number(kpi.actual)}{unit}" if kpi.actual is not None else None,
            ]
            shown = ", ".join(v for v in values if v)
            text = f"{kpi.name} ({shown})" if shown else kpi.name
            nodes.append(self.node(text, f"{key}[{i}]", "item", note=kpi.description))
        return self.node(w.kpis, key, "heading", nodes)

    def action(self, action: Action, key: str, stages: dict[str, str]) -> Node:
        w = self.words
        children = [
            self.fact(w.stage, stages.get(action.stage) if action.stage else None, f"{key}.stage"),
            self.fact(w.owner, action.owner, f"{key}.owner"),
            self.fact(w.due, action.due.isoformat() if action.due else None, f"{key}.due"),
            self.fact(w.status_heading, w.status(action.status), f"{key}.status"),
        ]
        return self.node(action.title, key, "action", children, note=action.description)
