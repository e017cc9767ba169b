"""The :class:`Labels` of one language: every heading a deliverable shows, and the words for model values.

The words themselves live in one module per language (``_en``, ``_ru``,
``_ro``); :mod:`journeymap.i18n` builds a :class:`Labels` from each.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from journeymap.model import emotion_step

if TYPE_CHECKING:
    from journeymap.model import Persona

__all__ = ["FACES", "Labels"]


@attrs.frozen(kw_only=True)
class Labels:
    """Every label a deliverable shows, in one language.

    Plain attributes are headings; :meth:`severity`, :meth:`phase`,
    :meth:`status`, :meth:`emotion` and :meth:`face` translate model values.
    """

    language: str
    # Sheet names (at most 31 characters, none of []:*?/\).
    sheet_map: str
    sheet_touchpoints: str
    sheet_barriers: str
    sheet_persona: str
    sheet_actions: str
    sheet_analysis: str
    # Lanes of the journey grid.
    stage: str
    phase_heading: str
    goals: str
    expectations: str
    questions: str
    touchpoints: str
    emotion_heading: str
    feeling: str
    barriers: str
    opportunities: str
    kpis: str
    owner: str
    # Columns of the lists.
    touchpoint: str
    channel: str
    owned_or_external: str
    owned: str
    external: str
    barrier_count: str
    reach: str
    barrier: str
    severity_heading: str
    cause: str
    remedy: str
    action: str
    due: str
    status_heading: str
    description: str
    # Persona, segment and map facts.
    persona: str
    segment: str
    product: str
    client: str
    author: str
    date: str
    name: str
    age: str
    gender: str
    education: str
    occupation: str
    income: str
    location: str
    interests: str
    motivations: str
    pains: str
    influences: str
    quote: str
    demographic: str
    geographic: str
    psychographic: str
    behavioural: str
    size: str
    # Analysis.
    barriers_per_stage: str
    weighted_barriers: str
    risk: str
    abandonment_risk: str
    mean_emotion: str
    emotion_curve: str
    coverage: str
    no_channel: str
    more: str
    target: str
    actual: str
    deck_subtitle: str
    continued: str
    overview: str
    pareto: str
    critical_barriers: str
    lowest_moments: str
    no_emotions: str
    without_emotion: str
    # Charts.
    peak_end: str
    completeness: str
    lowest_moment: str
    sharp_drop: str
    no_data: str
    as_is: str
    to_be: str
    total: str
    # Measured figures (journeymap mine).
    funnel: str
    stage_flows: str
    reached: str
    went_further: str
    conversion: str
    dropped: str
    median_to_next: str
    p75_to_next: str
    backward_moves: str
    forward_moves: str
    segment_differences: str
    baseline: str
    difference: str
    confidence_interval: str
    p_value: str
    rest: str
    time_to_convert: str
    paths_around: str
    path_start: str
    path_end: str
    # The journey map (poster, map slide, HTML).
    customer_actions: str
    measured: str
    journey_map: str
    map_legend: str
    # The richer map (issue 14): workbook and deck.
    doing: str
    thinking: str
    sheet_blueprint: str
    blueprint: str
    frontstage: str
    backstage: str
    support: str
    line_of_interaction: str
    line_of_visibility: str
    moment_of_truth: str
    evidence: str
    personas: str
    everyone: str
    evidence_asserted: str
    evidence_observed: str
    evidence_measured: str
    persona_curves: str
    time_units: tuple[str, str, str, str]
    _severities: MappingProxyType[str, str] = attrs.field(alias="severities")
    _phases: MappingProxyType[str, str] = attrs.field(alias="phases")
    _statuses: MappingProxyType[str, str] = attrs.field(alias="statuses")
    _emotions: tuple[str, str, str, str, str] = attrs.field(alias="emotions")
    _diff: MappingProxyType[str, str] = attrs.field(alias="diff")

    def severity(self, value: str) -> str:
        """The label of a :class:`~journeymap.Severity` (or its value)."""
        return self._severities[str(value)]

    def phase(self, value: str | None) -> str:
        """The label of a :class:`~journeymap.Phase`; ``""`` for none."""
        return "" if value is None else self._phases[str(value)]

    def status(self, value: str) -> str:
        """The label of an :class:`~journeymap.ActionStatus` (or its value)."""
        return self._statuses[str(value)]

    def evidence_kind(self, value: str) -> str:
        """The label of an :class:`~journeymap.EvidenceKind` (or its value).

        >>> from journeymap.i18n import labels
        >>> labels("ru").evidence_kind("observed")
        'наблюдение'
        """
        return {
            "asserted": self.evidence_asserted,
            "observed": self.evidence_observed,
            "measured": self.evidence_measured,
        }[str(value)]

    def moment_mark(self) -> str:
        """The inline mark of a moment of truth, after a touchpoint's name in running text.

        >>> from journeymap.i18n import labels
        >>> labels("ro").moment_mark()
        '★ moment al adevărului'
        """
        return f"★ {self.moment_of_truth[:1].lower()}{self.moment_of_truth[1:]}"

    def diff_word(self, key: str) -> str:
        """A word or phrase of ``journeymap diff``: a phrase with ``{…}`` slots, an item, or a field's name.

        >>> from journeymap.i18n import labels
        >>> labels("ru").diff_word("barrier"), labels("en").diff_word("added").format(item="barrier", name="Slow")
        ('барьер', 'barrier added: Slow')
        """
        return self._diff[key]

    def statuses(self) -> tuple[str, ...]:
        """Every action status label, in the order of :class:`~journeymap.ActionStatus`."""
        return tuple(self._statuses.values())

    def emotion(self, score: float) -> str:
        """The word for a score on the −2 … +2 scale, rounded half away from zero."""
        return self._emotions[emotion_step(score) + 2]

    def face(self, score: float) -> str:
        """A face for a score on the −2 … +2 scale (the same for every language)."""
        return FACES[emotion_step(score) + 2]

    def persona_facts(self, persona: Persona) -> list[tuple[str, str | None]]:
        """The persona's short facts with their labels, in the order every deliverable shows them.

        >>> from journeymap import Persona
        >>> from journeymap.i18n import labels
        >>> labels("en").persona_facts(Persona(name="Anna", age=34))[:2]
        [('Age', '34'), ('Gender', None)]
        """
        return [
            (self.age, persona.age),
            (self.gender, persona.gender),
            (self.education, persona.education),
            (self.occupation, persona.occupation),
            (self.income, persona.income),
            (self.location, persona.location),
        ]


FACES: Final = ("😞", "😟", "😐", "😊", "😀")
"""Faces for the emotion scores −2, −1, 0, +1, +2 (Unicode 6 emoji, which common fonts such as DejaVu Sans hold)."""
