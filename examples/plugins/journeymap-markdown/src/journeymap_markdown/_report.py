"""The Markdown report, one small function per part, called in document order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from journeymap import Barrier, Journey, Kpi, Persona, Stage, Touchpoint
from journeymap.i18n import Labels, labels
from journeymap_markdown._escape import cell, check_writable, escape


def render(journey: Journey, lang: str) -> str:
    """The whole report as text (ends with one newline)."""
    check_writable(journey)
    words = labels(lang)
    parts = [_title(journey, words)]
    if journey.persona is not None:
        parts.append(_persona(journey.persona, words))
    parts.extend(_stage(number, stage, words) for number, stage in enumerate(journey.stages, start=1))
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


def _stage(number: int, stage: Stage, words: Labels) -> str:
    heading = f"## {number}. {escape(stage.name)}"
    if stage.phase is not None:
        heading += f" ({escape(words.phase(stage.phase))})"
    lines = [heading]
    if stage.description:
        lines.append(_paragraphs(stage.description))
    for label, values in ((words.goals, stage.goals), (words.expectations, stage.expectations)):
        if values:
            lines.append(f"**{escape(label)}**\n\n" + _bullets(cell(v) for v in values))
    if stage.questions:
        lines.append(f"**{escape(words.questions)}**\n\n" + _bullets(cell(v) for v in stage.questions))
    if stage.touchpoints:
        lines.append(_touchpoints(stage.touchpoints, words))
    if stage.barriers:
        lines.append(f"**{escape(words.barriers)}**\n\n" + _bullets(_barrier(b, words) for b in stage.barriers))
    opportunities = [*stage.opportunities, *(o for tp in stage.touchpoints for o in tp.opportunities)]
    if opportunities:
        lines.append(f"**{escape(words.opportunities)}**\n\n" + _bullets(cell(o) for o in opportunities))
    if stage.kpis:
        lines.append(f"**{escape(words.kpis)}**\n\n" + _bullets(_kpi(kpi, words) for kpi in stage.kpis))
    if stage.owner:
        lines.append(f"**{escape(words.owner)}:** {cell(stage.owner)}")
    if stage.notes:
        lines.append(_paragraphs(stage.notes))
    return "\n\n".join(lines)


def _touchpoints(touchpoints: Sequence[Touchpoint], words: Labels) -> str:
    header = [words.touchpoint, words.channel, words.emotion_heading, words.barriers]
    rows = [_row(cell(h) for h in header), _row("---" for _ in header)]
    for tp in touchpoints:
        channel = cell(tp.channel or "")
        if tp.owned is not None:
            channel += f" ({escape(words.owned if tp.owned else words.external)})"
        rows.append(
            _row(
                [
                    cell(tp.name),
                    channel.strip(),
                    _emotion(tp, words),
                    "<br>".join(_barrier(b, words) for b in tp.barriers),
                ]
            )
        )
    return "\n".join(rows)


def _emotion(tp: Touchpoint, words: Labels) -> str:
    if tp.emotion is None:
        return ""
    score = tp.emotion.score
    text = f"{escape(f'{score:+g}')} {words.face(score)} {escape(words.emotion(score))}"
    if tp.emotion.label:
        text += f": {cell(tp.emotion.label)}"
    if tp.emotion.quote:
        text += f"<br>“{cell(tp.emotion.quote)}”"
    return text


def _barrier(barrier: Barrier, words: Labels) -> str:
    return f"{cell(barrier.description)} ({escape(words.severity(barrier.severity))})"


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
