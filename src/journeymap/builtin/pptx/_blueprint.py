"""The service blueprint slide(s): a native table, stages as columns, the lines as labelled rows (private).

Right after the journey map (or the overview when the map is left out), for a
journey with frontstage, backstage or support steps. Rows: customer actions,
touchpoints (★ a moment of truth), the line of interaction, frontstage, the
line of visibility, backstage, support. Each line is a one-line row labelled
with its name and shaded across the table (the line of visibility darker). A
step shows its owner in brackets and ``→`` the touchpoint it serves.

Stages are split over slides as on the map (:func:`._map.stage_groups`); a
group whose rows do not fit one slide continues on "(cont.)" slides, measured
like every other table of the deck.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from journeymap.analysis import Report
from journeymap.builtin._blueprint import customer_actions, has_blueprint, step_text, touchpoint_names
from journeymap.builtin.pptx._deck import Deck, rgb
from journeymap.builtin.pptx._flow import BULLET
from journeymap.builtin.pptx._map import stage_groups
from journeymap.builtin.pptx._notes import journey_notes
from journeymap.builtin.pptx._page import Table, columns_and_table
from journeymap.builtin.pptx._slides import touchpoint_name
from journeymap.model import BlueprintStep, Journey, Stage

__all__ = ["LABEL_SHARE", "LINE_FILLS", "blueprint_slides"]

LABEL_SHARE = 0.16
"""Part of the table's width the row labels take; the stages share the rest."""

LINE_FILLS = {"interaction": "BDD7EE", "visibility": "8EB4E3"}
"""Shade of the row of each line across the table."""

_LABEL_FILL = "F2F2F2"


def blueprint_slides(deck: Deck, journey: Journey, report: Report) -> None:
    """The blueprint table on one slide per group of stages; nothing for a journey without blueprint steps."""
    if not has_blueprint(journey):
        return
    w = deck.words
    names = touchpoint_names(journey)
    notes = journey_notes(report, w)

    def steps(items: Sequence[BlueprintStep]) -> str:
        return _cell([step_text(step, names) for step in items])

    lanes: list[tuple[str, str | None, Any]] = [
        (w.customer_actions, None, lambda s: _cell(customer_actions(s))),
        (w.touchpoints, None, lambda s: _cell([touchpoint_name(tp) for tp in s.touchpoints])),
        (w.line_of_interaction, "interaction", None),
        (w.frontstage, None, lambda s: steps(s.frontstage)),
        (w.line_of_visibility, "visibility", None),
        (w.backstage, None, lambda s: steps(s.backstage)),
        (w.support, None, lambda s: steps(s.support)),
    ]
    done = 0
    for group in stage_groups(len(journey.stages)):
        stages: list[Stage] = [journey.stages[i] for i in group]
        rows: list[tuple[str, ...]] = []
        fills: list[list[Any]] = []
        for label, line, render in lanes:
            if line is not None:
                rows.append((label, *("" for _ in stages)))
                fills.append([rgb(LINE_FILLS[line])] * (len(stages) + 1))
            else:
                rows.append((label, *(render(stage) for stage in stages)))
                fills.append([rgb(_LABEL_FILL), *(None for _ in stages)])
        shares = [LABEL_SHARE, *([(1 - LABEL_SHARE) / len(stages)] * len(stages))]
        header = ("", *(stage.name for stage in stages))
        done += columns_and_table(
            deck, w.blueprint, [], Table(header, shares, rows, fills), notes, first_page=done, table_sizes=(11.0,)
        )


def _cell(items: Sequence[str]) -> str:
    """Items one per line, bulleted when there are several."""
    return "\n".join(BULLET + item for item in items) if len(items) > 1 else "".join(items)
