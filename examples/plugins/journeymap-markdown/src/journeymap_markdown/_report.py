"""The Markdown report, one small function per part, called in document order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from journeymap import Barrier, BlueprintStep, Emotion, Evidence, Journey, Kpi, Persona, Stage, Touchpoint
from journeymap.i18n import Labels, labels
from journeymap_markdown._escape import cell, check_writable, escape


def render(journey: Journey, lang: str) -> str:
    """The whole report as text (ends with one newline)."""
    check_writable(journey)
    words = labels(lang)
    parts = [_title(journey, words)]
    parts.extend(_persona(persona, words) for persona in journey.all_personas())
    lanes = _Lanes(journey, lang)
    parts.extend(_stage(number, stage, words, lanes) for number, stage in enumerate(journey.stages, start=1))
    if journey.kpis:
        parts.append(f"## {escape(words.kpis)}\n\n" + _bullets(_kpi(kpi, words) for kpi in journey.kpis))
    if journey.actions:
        parts.append(_actions(journey, words))
    if journey.notes:
        parts.append(_paragraphs(journey.notes))
    return "\n\n".join(part.rstrip("\n") for part in parts if part) + "\n"


def _title(journey: Journey, words: Labels) -> str:
    lines = [f"# {escape(' '.join(journey.title.split()))}"]
    facts = [
        (words.product, journey.product),
        (words.client, journey.client),
        (words.author, journey.author),
        (words.date, journey.date.isoformat() if journey.date else None),
        (words.segment, journey.segment.name if journey.segment else None),
    ]
    shown = [f"**{escape(label)}:** {escape(value)}" for label, value in facts if value]
    if shown:
        lines.append("\\\n".join(shown))
    if journey.description:
        lines.append(_paragraphs(journey.description))
    return "\n\n".join(lines)


def _persona(persona: Persona, words: Labels) -> str:
    lines = [f"## {escape(words.persona)}: {escape(persona.name)}"]
    if persona.quote:
        lines.append("\n".join(f"> {escape(line)}" for line in persona.quote.splitlines()))
    facts = words.persona_facts(persona)
    lists = [
        (words.interests, persona.interests),
        (words.goals, persona.goals),
        (words.motivations, persona.motivations),
        (words.pains, persona.pains),
        (words.influences, persona.influences),
    ]
    items = [f"**{escape(label)}:** {cell(value)}" for label, value in facts if value]
    items += [f"**{escape(label)}:** " + "; ".join(cell(v) for v in values) for label, values in lists if values]
    if items:
        lines.append(_bullets(items))
    if persona.description:
        lines.append(_paragraphs(persona.description))
    return "\n\n".join(lines)


class _Lanes:
    """What a stage needs from the whole journey: custom lane titles, persona and touchpoint names."""

    def __init__(self, journey: Journey, lang: str) -> None:
        self.custom: dict[str, str] = {key: lane.title_in(lang) for key, lane in journey.lanes.items()}
        self.personas = {persona.id: persona.name for persona in journey.all_personas()}
        self.touchpoints = {tp.id: tp.name for _, tp in journey.touchpoints()}


def _stage(number: int, stage: Stage, words: Labels, lanes: _Lanes) -> str:
    heading = f"## {number}. {escape(stage.name)}"
    if stage.phase is not None:
        heading += f" ({escape(words.phase(stage.phase))})"
    lines = [heading]
    if stage.description:
        lines.append(_paragraphs(stage.description))
    for label, values in ((words.goals, stage.goals), (words.expectations, stage.expectations)):
        if values:
            lines.append(f"**{escape(label)}**\n\n" + _bullets(cell(v) for v in values))
    for label, values in (
        (words.questions, stage.questions),
        (words.doing, stage.doing),
        (words.thinking, stage.thinking),
    ):
        if values:
            lines.append(f"**{escape(label)}**\n\n" + _bullets(cell(v) for v in values))
    if stage.touchpoints:
        lines.append(_touchpoints(stage.touchpoints, words, lanes))
    if stage.barriers:
        lines.append(f"**{escape(words.barriers)}**\n\n" + _bullets(_barrier(b, words) for b in stage.barriers))
    opportunities = [*stage.opportunities, *(o for tp in stage.touchpoints for o in tp.opportunities)]
    if opportunities:
        lines.append(f"**{escape(words.opportunities)}**\n\n" + _bullets(cell(o) for o in opportunities))
    if stage.kpis:
        lines.append(f"**{escape(words.kpis)}**\n\n" + _bullets(_kpi(kpi, words) for kpi in stage.kpis))
    if stage.owner:
        lines.append(f"**{escape(words.owner)}:** {cell(stage.owner)}")
    if stage.frontstage or stage.backstage or stage.support:
        lines.append(_blueprint(stage, words, lanes))
    for key, title in lanes.custom.items():
        if stage.lanes.get(key):
            lines.append(f"**{escape(title)}**\n\n" + _bullets(cell(v) for v in stage.lanes[key]))
    if stage.notes:
        lines.append(_paragraphs(stage.notes))
    return "\n\n".join(lines)


def _touchpoints(touchpoints: Sequence[Touchpoint], words: Labels, lanes: _Lanes) -> str:
    """The touchpoint table; the Thinking and Evidence columns appear only when a touchpoint fills them."""
    thinking = any(tp.thinking for tp in touchpoints)
    evidence = any(tp.evidence for tp in touchpoints)
    header = [words.touchpoint, words.channel]
    header += [words.thinking] if thinking else []
    header += [words.emotion_heading, words.barriers]
    header += [words.evidence] if evidence else []
    rows = [_row(cell(h) for h in header), _row("---" for _ in header)]
    for tp in touchpoints:
        channel = cell(tp.channel or "")
        if tp.owned is not None:
            channel += f" ({escape(words.owned if tp.owned else words.external)})"
        cells = [_touchpoint_name(tp, words, lanes), channel.strip()]
        cells += ["<br>".join(cell(t) for t in tp.thinking)] if thinking else []
        cells += [_emotions(tp, words, lanes), "<br>".join(_barrier(b, words) for b in tp.barriers)]
        cells += [_evidence(tp.evidence, words)] if evidence else []
        rows.append(_row(cells))
    return "\n".join(rows)


def _touchpoint_name(tp: Touchpoint, words: Labels, lanes: _Lanes) -> str:
    """The name, then ★ for a moment of truth and the personas it is for (when not everyone)."""
    text = cell(tp.name)
    if tp.moment_of_truth:
        text += f" *{escape(words.moment_mark())}*"
    if tp.personas:
        text += f"<br>{escape(words.persona)}: " + ", ".join(cell(lanes.personas[p]) for p in tp.personas)
    return text


def _emotions(tp: Touchpoint, words: Labels, lanes: _Lanes) -> str:
    """The touchpoint's emotion, then each persona's own, one per line."""
    shown = [_emotion(tp.emotion, words)] if tp.emotion else []
    shown += [f"{cell(lanes.personas[p])}: {_emotion(emotion, words)}" for p, emotion in tp.emotions.items()]
    return "<br>".join(shown)


def _emotion(emotion: Emotion, words: Labels) -> str:
    score = emotion.score
    text = f"{escape(f'{score:+g}')} {words.face(score)} {escape(words.emotion(score))}"
    if emotion.label:
        text += f": {cell(emotion.label)}"
    if emotion.quote:
        text += f"<br>“{cell(emotion.quote)}”"
    if emotion.evidence:
        text += f" ({_evidence(emotion.evidence, words)})"
    return text


def _evidence(evidence: Evidence | None, words: Labels) -> str:
    """``observed: 12 interviews``, in the report's language; empty without evidence."""
    if evidence is None:
        return ""
    kind = escape(words.evidence_kind(evidence.kind))
    return f"{kind}: {cell(evidence.source)}" if evidence.source else kind


def _barrier(barrier: Barrier, words: Labels) -> str:
    shown = [escape(words.severity(barrier.severity))]
    shown += [_evidence(barrier.evidence, words)] if barrier.evidence else []
    return f"{cell(barrier.description)} ({', '.join(shown)})"


def _blueprint(stage: Stage, words: Labels, lanes: _Lanes) -> str:
    """The service blueprint as one table: frontstage, the line of visibility, backstage, support."""
    header = ["", words.description, words.owner, words.touchpoint, words.evidence]
    rows = [_row(cell(h) for h in header), _row("---" for _ in header)]
    rows += _steps(words.frontstage, stage.frontstage, words, lanes)
    line = f"*┄ {escape(words.line_of_visibility)} ┄*"
    rows.append(_row([line, *([""] * (len(header) - 1))]))
    rows += _steps(words.backstage, stage.backstage, words, lanes)
    rows += _steps(words.support, stage.support, words, lanes)
    return "\n".join(rows)


def _steps(lane: str, steps: Sequence[BlueprintStep], words: Labels, lanes: _Lanes) -> list[str]:
    return [
        _row(
            [
                f"**{escape(lane)}**" if i == 0 else "",
                cell(step.description),
                cell(step.owner or ""),
                cell(lanes.touchpoints.get(step.touchpoint, step.touchpoint)) if step.touchpoint else "",
                _evidence(step.evidence, words),
            ]
        )
        for i, step in enumerate(steps)
    ]


def _kpi(kpi: Kpi, words: Labels) -> str:
    unit = cell(kpi.unit or "")
    pairs = ((words.target, kpi.target), (words.actual, kpi.actual))
    shown = [f"{escape(label)} {_number(value)}{unit}" for label, value in pairs if value is not None]
    return f"{cell(kpi.name)}: {', '.join(shown)}" if shown else cell(kpi.name)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _actions(journey: Journey, words: Labels) -> str:
    header = [words.action, words.stage, words.owner, words.due, words.status_heading]
    rows = [_row(cell(h) for h in header), _row("---" for _ in header)]
    names = {stage.id: stage.name for stage in journey.stages}
    for action in journey.actions:
        stage = names.get(action.stage, "") if action.stage else ""
        due = action.due.isoformat() if action.due else ""
        owner = cell(action.owner or "")
        rows.append(_row([cell(action.title), cell(stage), owner, due, escape(words.status(action.status))]))
    return f"## {escape(words.sheet_actions)}\n\n" + "\n".join(rows)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _paragraphs(text: str) -> str:
    """Text as paragraphs; single line breaks are kept as hard breaks."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return "\n\n".join("\\\n".join(escape(line.strip()) for line in block.splitlines()) for block in blocks)
