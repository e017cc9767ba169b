"""A team's own lanes: declared once for the journey, filled in at each stage (private).

The public names are in :mod:`journeymap.model`.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from journeymap._rules import NAME, Keyed, doc, rule_checks, text
from journeymap._shorthands import keyed, shorthand

__all__ = ["RESERVED_LANE_IDS", "CustomLane"]

RESERVED_LANE_IDS = frozenset(
    {
        "goals",
        "expectations",
        "questions",
        "doing",
        "thinking",
        "actions",
        "touchpoints",
        "emotions",
        "barriers",
        "opportunities",
        "kpis",
        "measured",
        "owner",
        "frontstage",
        "backstage",
        "support",
        "notes",
    }
)
"""Ids of the built-in lanes of the map, which a custom lane cannot take."""


def _titles(value: Mapping[str, str] | None) -> dict[str, str]:
    return keyed(value, lambda title: title)


@shorthand("title")
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class CustomLane:
    """A row of the map the team adds (legal review, partner steps…), declared in the journey's ``lanes``.

    Stages fill it in their own ``lanes`` under the same id. In files a text is the title.

    >>> lane = CustomLane(title="Legal review", titles={"ru": "Юридическая проверка"})
    >>> lane.title_in("ru"), lane.title_in("ro-MD")
    ('Юридическая проверка', 'Legal review')
    """

    title: str = attrs.field(validator=NAME, metadata=doc("The lane's heading in the journey's language."))
    titles: Mapping[str, str] = attrs.field(
        factory=dict,
        converter=_titles,
        validator=Keyed(str, languages=True),
        hash=False,
        metadata=doc("The heading in other languages, by BCP 47 tag (`{ru: …, ro: …}`)."),
    )
    description: str | None = text("What the lane holds.")

    def title_in(self, language: str) -> str:
        """The heading for ``language``: its title, that of its base language (``ro`` for ``ro-MD``), or ``title``."""
        for tag in (language, language.split("-")[0]):
            if tag in self.titles:
                return self.titles[tag]
        return self.title
