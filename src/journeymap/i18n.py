"""Labels of the deliverables in English, Russian and Romanian.

Exporters never hard-code a heading: they ask :func:`labels` for the
:class:`Labels` of a language and use its attributes and helpers. A language
tag is reduced to its primary subtag (``ro-MD`` → ``ro``); a language without
translations falls back to English.

>>> from journeymap.i18n import labels
>>> labels("ro-MD").sheet_map
'Hartă'
>>> labels("ru").severity("critical")
'критический'
>>> labels("de").language, labels("de").emotion(-2)
('en', 'very negative')
>>> labels("en").face(1.4), labels("en").face(1.6)
('😊', '😀')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from journeymap.model import emotion_step

if TYPE_CHECKING:
    from journeymap.model import Persona

__all__ = ["LANGUAGES", "Labels", "labels", "primary_language"]


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
    time_units: tuple[str, str, str, str]
    _severities: MappingProxyType[str, str] = attrs.field(alias="severities")
    _phases: MappingProxyType[str, str] = attrs.field(alias="phases")
    _statuses: MappingProxyType[str, str] = attrs.field(alias="statuses")
    _emotions: tuple[str, str, str, str, str] = attrs.field(alias="emotions")

    def severity(self, value: str) -> str:
        """The label of a :class:`~journeymap.Severity` (or its value)."""
        return self._severities[str(value)]

    def phase(self, value: str | None) -> str:
        """The label of a :class:`~journeymap.Phase`; ``""`` for none."""
        return "" if value is None else self._phases[str(value)]

    def status(self, value: str) -> str:
        """The label of an :class:`~journeymap.ActionStatus` (or its value)."""
        return self._statuses[str(value)]

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


_EN: Final = {
    "sheet_map": "Map",
    "sheet_touchpoints": "Touchpoints",
    "sheet_barriers": "Barriers",
    "sheet_persona": "Persona",
    "sheet_actions": "Actions",
    "sheet_analysis": "Analysis",
    "stage": "Stage",
    "phase_heading": "Phase",
    "goals": "Customer goals",
    "expectations": "Expectations",
    "questions": "Questions",
    "touchpoints": "Touchpoints",
    "emotion_heading": "Emotion",
    "feeling": "Feeling",
    "barriers": "Barriers",
    "opportunities": "Opportunities",
    "kpis": "KPIs",
    "owner": "Owner",
    "touchpoint": "Touchpoint",
    "channel": "Channel",
    "owned_or_external": "Owned / external",
    "owned": "owned",
    "external": "external",
    "barrier_count": "Barriers",
    "reach": "Reach",
    "barrier": "Barrier",
    "severity_heading": "Severity",
    "cause": "Cause",
    "remedy": "Remedy",
    "action": "Action",
    "due": "Due",
    "status_heading": "Status",
    "description": "Description",
    "persona": "Persona",
    "segment": "Segment",
    "product": "Product",
    "client": "Client",
    "author": "Author",
    "date": "Date",
    "name": "Name",
    "age": "Age",
    "gender": "Gender",
    "education": "Education",
    "occupation": "Occupation",
    "income": "Income",
    "location": "Location",
    "interests": "Interests",
    "motivations": "Motivations",
    "pains": "Pains",
    "influences": "Key influences",
    "quote": "Quote",
    "demographic": "Demographic",
    "geographic": "Geographic",
    "psychographic": "Psychographic",
    "behavioural": "Behavioural",
    "size": "Size",
    "barriers_per_stage": "Barriers per stage",
    "weighted_barriers": "Weighted barriers",
    "risk": "Risk",
    "abandonment_risk": "Abandonment risk",
    "mean_emotion": "Mean emotion",
    "emotion_curve": "Emotion curve",
    "coverage": "Touchpoints per stage and channel",
    "no_channel": "(no channel)",
    "more": "… and {count} more",
    "target": "target",
    "actual": "actual",
    "deck_subtitle": "Customer journey map",
    "continued": "(cont.)",
    "overview": "Journey overview",
    "pareto": "Pareto set: 80 % of barrier weight",
    "critical_barriers": "Critical barriers and remedies",
    "lowest_moments": "Lowest moments",
    "no_emotions": "No emotions scored",
    "without_emotion": "Touchpoints without an emotion (gaps in the curve)",
    "peak_end": "Peak-end score",
    "completeness": "Completeness",
    "lowest_moment": "Lowest moment",
    "sharp_drop": "Sharp drop",
    "no_data": "No data",
    "as_is": "As is",
    "to_be": "To be",
    "total": "Total",
    "funnel": "Funnel",
    "stage_flows": "Moves between stages",
    "reached": "Reached",
    "went_further": "Went further",
    "conversion": "Conversion",
    "dropped": "Dropped",
    "median_to_next": "Median time to next stage",
    "p75_to_next": "75th percentile time to next stage",
    "backward_moves": "Backward moves",
    "forward_moves": "Forward moves",
    "time_units": ("s", "min", "h", "d"),
    "severities": {"minor": "minor", "major": "major", "critical": "critical"},
    "phases": {"pre_purchase": "Pre-purchase", "purchase": "Purchase", "post_purchase": "Post-purchase"},
    "statuses": {"planned": "planned", "in_progress": "in progress", "done": "done", "cancelled": "cancelled"},
    "emotions": ("very negative", "negative", "neutral", "positive", "very positive"),
}

_RU: Final = {
    "sheet_map": "Карта",
    "sheet_touchpoints": "Точки контакта",
    "sheet_barriers": "Барьеры",
    "sheet_persona": "Персона",
    "sheet_actions": "План действий",
    "sheet_analysis": "Анализ",
    "stage": "Этап",
    "phase_heading": "Фаза",
    "goals": "Цели клиента",
    "expectations": "Ожидания",
    "questions": "Вопросы",
    "touchpoints": "Точки контакта",
    "emotion_heading": "Эмоция",
    "feeling": "Ощущение",
    "barriers": "Барьеры",
    "opportunities": "Возможности",
    "kpis": "KPI",
    "owner": "Ответственный",
    "touchpoint": "Точка контакта",
    "channel": "Канал",
    "owned_or_external": "Свой / внешний",
    "owned": "свой",
    "external": "внешний",
    "barrier_count": "Барьеров",
    "reach": "Охват",
    "barrier": "Барьер",
    "severity_heading": "Серьёзность",
    "cause": "Причина",
    "remedy": "Решение",
    "action": "Действие",
    "due": "Срок",
    "status_heading": "Статус",
    "description": "Описание",
    "persona": "Персона",
    "segment": "Сегмент",
    "product": "Продукт",
    "client": "Клиент",
    "author": "Автор",
    "date": "Дата",
    "name": "Имя",
    "age": "Возраст",
    "gender": "Пол",
    "education": "Образование",
    "occupation": "Род занятий",
    "income": "Доход",
    "location": "Место жительства",
    "interests": "Интересы",
    "motivations": "Мотивы",
    "pains": "Боли",
    "influences": "Кто влияет на решения",
    "quote": "Цитата",
    "demographic": "Демографические",
    "geographic": "Географические",
    "psychographic": "Психографические",
    "behavioural": "Поведенческие",
    "size": "Размер",
    "barriers_per_stage": "Барьеры по этапам",
    "weighted_barriers": "Барьеры с весом",
    "risk": "Риск",
    "abandonment_risk": "Риск ухода",
    "mean_emotion": "Средняя эмоция",
    "emotion_curve": "Кривая эмоций",
    "coverage": "Точки контакта по этапам и каналам",
    "no_channel": "(без канала)",
    "more": "… и ещё {count}",
    "target": "цель",
    "actual": "факт",
    "deck_subtitle": "Карта пути клиента",
    "continued": "(продолжение)",
    "overview": "Обзор пути клиента",
    "pareto": "Парето: 80 % веса барьеров",
    "critical_barriers": "Критические барьеры и решения",
    "lowest_moments": "Самые низкие точки",
    "no_emotions": "Эмоции не оценены",
    "without_emotion": "Точки контакта без оценки эмоции (разрывы кривой)",
    "peak_end": "Оценка «пик — конец»",
    "completeness": "Заполненность",
    "lowest_moment": "Худший момент",
    "sharp_drop": "Резкое падение",
    "no_data": "Нет данных",
    "as_is": "Сейчас",
    "to_be": "Целевое",
    "total": "Всего",
    "funnel": "Воронка",
    "stage_flows": "Переходы между этапами",
    "reached": "Дошли",
    "went_further": "Пошли дальше",
    "conversion": "Конверсия",
    "dropped": "Ушли",
    "median_to_next": "Медиана времени до следующего этапа",
    "p75_to_next": "75-й процентиль времени до следующего этапа",
    "backward_moves": "Возвраты назад",
    "forward_moves": "Переходы вперёд",
    "time_units": ("с", "мин", "ч", "дн"),
    "severities": {"minor": "незначительный", "major": "серьёзный", "critical": "критический"},
    "phases": {"pre_purchase": "До покупки", "purchase": "Покупка", "post_purchase": "После покупки"},
    "statuses": {"planned": "запланировано", "in_progress": "в работе", "done": "сделано", "cancelled": "отменено"},
    "emotions": ("очень плохо", "плохо", "нейтрально", "хорошо", "отлично"),
}

_RO: Final = {
    "sheet_map": "Hartă",
    "sheet_touchpoints": "Puncte de contact",
    "sheet_barriers": "Bariere",
    "sheet_persona": "Persona",
    "sheet_actions": "Plan de acțiuni",
    "sheet_analysis": "Analiză",
    "stage": "Etapă",
    "phase_heading": "Fază",
    "goals": "Obiectivele clientului",
    "expectations": "Așteptări",
    "questions": "Întrebări",
    "touchpoints": "Puncte de contact",
    "emotion_heading": "Emoție",
    "feeling": "Stare",
    "barriers": "Bariere",
    "opportunities": "Oportunități",
    "kpis": "KPI",
    "owner": "Responsabil",
    "touchpoint": "Punct de contact",
    "channel": "Canal",
    "owned_or_external": "Propriu / extern",
    "owned": "propriu",
    "external": "extern",
    "barrier_count": "Nr. bariere",
    "reach": "Acoperire",
    "barrier": "Barieră",
    "severity_heading": "Gravitate",
    "cause": "Cauză",
    "remedy": "Soluție",
    "action": "Acțiune",
    "due": "Termen",
    "status_heading": "Stare acțiune",
    "description": "Descriere",
    "persona": "Persona",
    "segment": "Segment",
    "product": "Produs",
    "client": "Client",
    "author": "Autor",
    "date": "Data",
    "name": "Nume",
    "age": "Vârstă",
    "gender": "Gen",
    "education": "Studii",
    "occupation": "Ocupație",
    "income": "Venit",
    "location": "Localitate",
    "interests": "Interese",
    "motivations": "Motivații",
    "pains": "Frustrări",
    "influences": "Influențe cheie",
    "quote": "Citat",
    "demographic": "Demografice",
    "geographic": "Geografice",
    "psychographic": "Psihografice",
    "behavioural": "Comportamentale",
    "size": "Mărime",
    "barriers_per_stage": "Bariere pe etape",
    "weighted_barriers": "Bariere ponderate",
    "risk": "Risc",
    "abandonment_risk": "Risc de abandon",
    "mean_emotion": "Emoție medie",
    "emotion_curve": "Curba emoțiilor",
    "coverage": "Puncte de contact pe etape și canale",
    "no_channel": "(fără canal)",
    "more": "… și încă {count}",
    "target": "țintă",
    "actual": "real",
    "deck_subtitle": "Harta parcursului clientului",
    "continued": "(continuare)",
    "overview": "Privire de ansamblu asupra parcursului",
    "pareto": "Pareto: 80 % din ponderea barierelor",
    "critical_barriers": "Bariere critice și soluții",
    "lowest_moments": "Momentele cele mai slabe",
    "no_emotions": "Nicio emoție evaluată",
    "without_emotion": "Puncte de contact fără emoție (goluri în curbă)",
    "peak_end": "Scor vârf–final",
    "completeness": "Completitudine",
    "lowest_moment": "Cel mai slab moment",
    "sharp_drop": "Scădere bruscă",
    "no_data": "Fără date",
    "as_is": "Situația actuală",
    "to_be": "Situația dorită",
    "total": "Total",
    "funnel": "Pâlnie",
    "stage_flows": "Treceri între etape",
    "reached": "Au ajuns",
    "went_further": "Au continuat",
    "conversion": "Conversie",
    "dropped": "Au abandonat",
    "median_to_next": "Timp median până la etapa următoare",
    "p75_to_next": "Percentila 75 a timpului până la etapa următoare",
    "backward_moves": "Reveniri înapoi",
    "forward_moves": "Treceri înainte",
    "time_units": ("s", "min", "h", "z"),
    "severities": {"minor": "minoră", "major": "majoră", "critical": "critică"},
    "phases": {"pre_purchase": "Înainte de cumpărare", "purchase": "Cumpărare", "post_purchase": "După cumpărare"},
    "statuses": {"planned": "planificată", "in_progress": "în lucru", "done": "finalizată", "cancelled": "anulată"},
    "emotions": ("foarte negativ", "negativ", "neutru", "pozitiv", "foarte pozitiv"),
}


def _build(language: str, table: Mapping[str, object]) -> Labels:
    values: dict[str, Any] = dict(table)
    for key in ("severities", "phases", "statuses"):
        values[key] = MappingProxyType(dict(values[key]))
    return Labels(language=language, **values)


_LABELS: Final = {"en": _build("en", _EN), "ru": _build("ru", _RU), "ro": _build("ro", _RO)}

LANGUAGES: Final = tuple(_LABELS)
"""Languages with translated labels."""


def primary_language(tag: str | None) -> str:
    """The primary subtag of a BCP 47 tag, lower-cased (``"ro-MD"`` → ``"ro"``).

    >>> primary_language("RU-ru"), primary_language(None)
    ('ru', 'en')
    """
    return (tag or "en").split("-", 1)[0].split("_", 1)[0].lower()


def labels(language: str | None) -> Labels:
    """The labels for a language tag, falling back to English.

    >>> labels("ru").sheet_map
    'Карта'
    """
    return _LABELS.get(primary_language(language), _LABELS["en"])
