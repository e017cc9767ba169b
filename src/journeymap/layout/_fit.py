"""Fitting a cell's entries into the lines it has: wrap, share the lines, shorten with an ellipsis (private)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from journeymap._measure import ellipsize, text_width, wrap
from journeymap.layout._content import Entry

__all__ = ["Item", "fit", "natural_lines"]


@attrs.frozen(kw_only=True)
class Item:
    """One thing written in a cell, fitted: the lines shown, and the whole text for a tooltip or a note.

    ``kind`` says what it is (``goal``, ``touchpoint``, ``barrier``, ``more``…) and ``path`` where it is in the
    journey (``stages[1].touchpoints[0]``; empty for the ``more`` line). ``y`` is the top of its first line,
    in points from the top of the page.
    """

    text: str
    """The text as shown (shortened with ``…`` when the cell cannot hold it all)."""
    full: str
    """The whole text."""
    lines: tuple[str, ...]
    """The shown text as wrapped lines; a touchpoint's channel is not among them (see ``channel_line``)."""
    kind: str
    path: str
    y: float = 0.0
    severity: str | None = None
    channel: str | None = None
    """A touchpoint's whole channel."""
    channel_line: str | None = None
    """The channel as shown on the line under the name, or None when a tight cell leaves it to the tooltip."""
    note: str = ""
    """More than the cell shows, for a tooltip or a note (lines): the touchpoint a blueprint step serves,
    the evidence of a touchpoint, a barrier or a step; for a ``more`` line, ``text — note`` of each hidden
    entry that has one."""
    moment_of_truth: bool = False
    """A touchpoint that is a moment of truth (its text starts with ``★``)."""

    @property
    def shortened(self) -> bool:
        """Whether the shown text is not the whole text."""
        return self.text != self.full

    @property
    def line_count(self) -> int:
        """Lines the item takes, the channel line included."""
        return len(self.lines) + (self.channel_line is not None)


def natural_lines(entry: Entry, width: float, size: float) -> int:
    """Lines ``entry`` takes when nothing is shortened."""
    return len(wrap(entry.text, width, size)) + (entry.channel is not None)


def fit(entries: Sequence[Entry], width: float, size: float, budget: int, more: str) -> list[Item]:
    """The items of a cell ``width`` points wide that hold ``budget`` lines at ``size`` points.

    Every entry gets one line first, in order; spare lines go to the entries that need them, in order; an
    entry's channel gets a line last. When there are more entries than lines, the last line says how many
    more there are (``more`` is the label with ``{count}``) and holds their whole text; a one-line cell shows
    its first entry and the count (``Price hidden… +2``), holding every entry's whole text.
    """
    if not entries or budget < 1:
        return []
    if budget == 1 and len(entries) > 1:
        return [_first_and_count(entries, width, size, more)]
    shown = list(entries)
    rest: list[Entry] = []
    if len(shown) > budget:
        shown, rest = shown[: budget - 1], shown[budget - 1 :]
    needs = [natural_lines(entry, width, size) for entry in shown]
    grant = [1] * len(shown)
    spare = budget - len(shown) - (1 if rest else 0)
    for index, need in enumerate(needs):
        extra = min(spare, need - 1)
        grant[index] += extra
        spare -= extra
    items = [_item(entry, width, size, lines) for entry, lines in zip(shown, grant, strict=True)]
    if rest:
        label = more.format(count=len(rest))
        items.append(
            Item(
                text=ellipsize(label, width, size, 1),
                full="\n".join(entry.text for entry in rest),
                lines=(ellipsize(label, width, size, 1),),
                kind="more",
                path="",
                note=_notes(rest),
            )
        )
    return items


def _notes(entries: Sequence[Entry]) -> str:
    """The notes of entries a "more" line hides, a line each: ``text — note``."""
    return "\n".join(f"{entry.text} — {'; '.join(entry.note.splitlines())}" for entry in entries if entry.note)


def _first_and_count(entries: Sequence[Entry], width: float, size: float, more: str) -> Item:
    """A one-line cell of several entries: the first one, shortened, and how many more there are (``… +2``)."""
    suffix = f" +{len(entries) - 1}"
    head = ellipsize(entries[0].text, max(width - text_width(suffix, size), size), size, 1)
    line = head + suffix
    if len(wrap(line, width, size)) > 1:  # too narrow for both: the count alone
        line = ellipsize(more.format(count=len(entries)), width, size, 1)
    whole = "\n".join(entry.text for entry in entries)
    return Item(text=line, full=whole, lines=(line,), kind="more", path="", note=_notes(entries))


def _item(entry: Entry, width: float, size: float, lines: int) -> Item:
    """``entry`` in at most ``lines`` lines; a channel takes the last one only when the name has another."""
    channel_shown = entry.channel is not None and lines >= 2
    text_lines = lines - channel_shown
    text = ellipsize(entry.text, width, size, text_lines)
    return Item(
        text=text,
        full=entry.text,
        lines=tuple(wrap(text, width, size)),
        kind=entry.kind,
        path=entry.path,
        severity=entry.severity,
        channel=entry.channel,
        channel_line=ellipsize(entry.channel, width, size, 1) if entry.channel is not None and channel_shown else None,
        note=entry.note,
        moment_of_truth=entry.moment_of_truth,
    )
