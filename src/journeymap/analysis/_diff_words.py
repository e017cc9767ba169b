"""The changes of a :class:`~journeymap.analysis.JourneyDiff` in words: plain text and Markdown (private).

Each place (a stage, a touchpoint) gets one line: ``Trial sign-up › Pricing page: emotion −1 → +1; barrier
added: Price hidden (major)``. The words come from :mod:`journeymap.i18n`, in the language asked for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

from journeymap.i18n import Labels, labels

if TYPE_CHECKING:
    from journeymap.analysis.diff import Change

__all__ = ["phrase", "render_markdown", "render_text", "signed"]

_PART = re.compile(r'(\w+)(?:\[(?:([^\]"]+)|("(?:[^"\\]|\\.)*"))\])?')
# Fields whose words would clash with an item's word.
_FIELD_KEYS = {"action": "action_field", "stage": "stage_field", "touchpoint": "touchpoint_field"}
_LONGEST = 80
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~])")


def signed(score: float) -> str:
    """An emotion score with its sign and a real minus: ``−1``, ``0``, ``+1.5``.

    >>> signed(-1), signed(0), signed(1.5)
    ('−1', '0', '+1.5')
    """
    text = f"{abs(score):g}"
    return text if score == 0 else ("+" if score > 0 else "−") + text


def _flat(text: str) -> str:
    """Text on one line: a line break (or any run of white space) in a name or a key becomes one space."""
    return " ".join(text.split())


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _LONGEST else flat[: _LONGEST - 1].rstrip() + "…"


def _parts(field: str) -> list[tuple[str, str | None]]:
    """The parts of a field, each with its mapping key: ``emotions[boris].score`` → emotions (boris), score.

    >>> _parts('lanes["Legal review"]'), _parts("emotion.score")
    ([('lanes', 'Legal review')], [('emotion', None), ('score', None)])
    """
    parts = []
    for found in _PART.finditer(field):
        name, bare, quoted = found.groups()
        parts.append((name, bare if quoted is None else json.loads(quoted)))
    return parts


def _word(words: Labels, name: str) -> str:
    """The word for a field's name; the name itself for a field without one (a plugin's, a newer model's)."""
    try:
        return words.diff_word(_FIELD_KEYS.get(name, name))
    except KeyError:
        return name.replace("_", " ")


def _field(words: Labels, field: str) -> str:
    """A field in words: ``emotion.score`` → ``emotion``, ``emotions[boris].label`` → ``emotion · boris · label``.

    >>> _field(labels("en"), "emotions[boris].label")
    'emotion · boris · label'
    """
    shown: list[str] = []
    for name, key in _parts(field):
        if name != "score":
            shown.append(_word(words, name))
        if key is not None:
            shown.append(key)
    return " · ".join(shown)


def _value(words: Labels, field: str, value: Any) -> str:
    """A value as a reader sees it: signed scores, translated choices, yes or no, lists joined."""
    last = _parts(field)[-1][0] if field else ""
    if value is None or value == [] or value == {}:
        return words.diff_word("none")
    if isinstance(value, bool):
        return words.diff_word("yes" if value else "no")
    if isinstance(value, dict):
        if "score" in value:
            return " ".join([signed(value["score"]), *([value["label"]] if value.get("label") else [])])
        if "kind" in value:
            kind = words.evidence_kind(value["kind"])
            return f"{kind} ({_short(value['source'])})" if value.get("source") else kind
        shown = (f"{_word(words, key)} {_value(words, key, item)}" for key, item in value.items() if item)
        return ", ".join(shown)
    if isinstance(value, list):
        return "; ".join(_value(words, field, item) if isinstance(item, dict) else _short(str(item)) for item in value)
    if isinstance(value, int | float) and last in ("score", "emotion"):
        return signed(value)
    if last == "severity":
        return words.severity(value)
    if last == "status":
        return words.status(value)
    if last == "phase":
        return words.phase(value)
    if last == "kind":
        return words.evidence_kind(value)
    if isinstance(value, float):
        return f"{value:g}"
    return _short(str(value))


def _quoted(words: Labels, text: str) -> str:
    return words.diff_word("quoted").format(text=_short(text))


def _changed(words: Labels, change: Change) -> str:
    field = change.field or ""
    if field == "name" and change.item in ("stage", "touchpoint"):
        return words.diff_word("renamed").format(old=_quoted(words, str(change.old)))
    if isinstance(change.old, list) and isinstance(change.new, list) and not field.endswith("moves"):
        return _list(words, field, change.old, change.new)
    old, new = _value(words, field, change.old), _value(words, field, change.new)
    return words.diff_word("changed").format(field=_field(words, field), old=old, new=new)


def _list(words: Labels, field: str, old: list[Any], new: list[Any]) -> str:
    """A list of texts: what came in, what went, or that only the order changed."""
    gone = [item for item in old if item not in new]
    came = [item for item in new if item not in old]
    name = _field(words, field)
    parts = []
    if came:
        parts.append(
            words.diff_word("list_added").format(field=name, values=", ".join(_quoted(words, x) for x in came))
        )
    if gone:
        shown = ", ".join(_quoted(words, x) for x in gone)
        parts.append(words.diff_word("list_removed").format(field=name, values=shown))
    return "; ".join(parts) or words.diff_word("list_reordered").format(field=name)


def phrase(words: Labels, change: Change) -> str:
    """One change in words, without its place."""
    item = words.diff_word(change.item)
    if change.kind in ("added", "removed"):
        thing = change.new if change.kind == "added" else change.old
        text = words.diff_word(change.kind).format(item=item, name=_short(change.name))
        if change.item == "barrier":
            text += f" ({words.severity(thing['severity'])})"
        return text
    if change.kind == "moved":
        return words.diff_word("moved").format(old=_quoted(words, str(change.old)))
    if change.kind == "reordered":
        plural = words.diff_word(change.path.rsplit(".", 1)[-1] + "_items")
        return words.diff_word("reordered").format(items=plural, values=change.name)
    text = _changed(words, change)
    if change.item in ("stage", "touchpoint", "journey"):
        return text
    return words.diff_word("of_item").format(item=item, name=_quoted(words, change.name), change=text)


def _groups(changes: Sequence[Change], words: Labels) -> Iterator[tuple[str, list[str]]]:
    """Consecutive changes of one place, with their phrases; each change of the journey itself on its own.

    The new id of a renamed stage or touchpoint goes without saying: the words leave it out (the data keeps it).
    """
    renamed = {c.path for c in changes if c.field == "name" and c.item in ("stage", "touchpoint", "persona")}
    shown = [c for c in changes if not (c.field == "id" and c.path in renamed)]
    for where, group in groupby(shown, key=lambda change: change.place):
        place = _flat(where)
        phrases = [_flat(phrase(words, change)) for change in group]
        if place:
            yield place, phrases
        else:
            yield from (("", [text]) for text in phrases)


def render_text(changes: Sequence[Change], language: str) -> str:
    """One line per place: ``PLACE: CHANGE; CHANGE``; a line saying so when nothing changed."""
    words = labels(language)
    if not changes:
        return words.diff_word("no_changes")
    return "\n".join(f"{place}: {'; '.join(texts)}" if place else texts[0] for place, texts in _groups(changes, words))


def _md(text: str) -> str:
    """Text with the signs Markdown would read escaped (a list sign at the start too)."""
    escaped = re.sub(r"^(\d+)([.)])", r"\1\\\2", _MARKDOWN.sub(r"\\\1", text))
    return "\\" + escaped if escaped[:1] in ("+", "-") else escaped


def render_markdown(changes: Sequence[Change], language: str) -> str:
    """A Markdown list: each place in bold with its changes below it; Markdown signs in the map's text escaped."""
    words = labels(language)
    if not changes:
        return words.diff_word("no_changes")
    lines = []
    for place, texts in _groups(changes, words):
        if place:
            lines.append(f"- **{_md(place)}**")
            lines += [f"  - {_md(text)}" for text in texts]
        else:
            lines.append(f"- {_md(texts[0])}")
    return "\n".join(lines)
