"""How the map knows what it says: asserted in a workshop, observed in research, or measured (private).

The public names are in :mod:`journeymap.model`.
"""

from __future__ import annotations

import enum
from typing import cast

import attrs

from journeymap._rules import Choice, doc, rule_checks, text
from journeymap._shorthands import shorthand, to_enum

__all__ = ["Evidence", "EvidenceKind"]


class EvidenceKind(enum.StrEnum):
    """Where a touchpoint, an emotion, a barrier or a blueprint step comes from."""

    ASSERTED = "asserted"
    OBSERVED = "observed"
    MEASURED = "measured"


def _kind(value: EvidenceKind | str) -> EvidenceKind:
    return cast(EvidenceKind, to_enum(EvidenceKind, value))


@shorthand("kind", compact=True)
@attrs.frozen(kw_only=True, field_transformer=rule_checks)
class Evidence:
    """What backs an item of the map, so a reader can tell research from opinion.

    ``asserted``: a workshop's guess; ``observed``: seen in interviews, support logs, usability tests (say
    which in ``source``); ``measured``: counted in event data. In files a plain text is the kind:
    ``evidence: observed``.

    >>> Evidence(kind="Observed", source="12 interviews").kind
    <EvidenceKind.OBSERVED: 'observed'>
    """

    kind: EvidenceKind = attrs.field(
        converter=_kind, validator=Choice(EvidenceKind), metadata=doc("asserted, observed or measured.")
    )
    source: str | None = text("Where it was observed or measured, e.g. '12 interviews, May 2026' or 'support tickets'.")
