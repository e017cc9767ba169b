"""The few words only the HTML map shows (its controls), in English, Russian and Romanian (private).

Every heading the map shares with the other deliverables comes from :mod:`journeymap.i18n`; these are the
words of the page's controls. A language without them falls back to English, as the labels do.
"""

from __future__ import annotations

from typing import Final

import attrs

from journeymap.i18n import primary_language

__all__ = ["PageWords", "page_words"]


@attrs.frozen(kw_only=True)
class PageWords:
    """Words of the page's controls in one language."""

    show_lanes: str
    close: str
    details: str
    hint: str
    content: str
    notes: str
    scroll: str
    stage_barrier: str
    flows_hint: str
    flows_summary: str
    """``{customers}``, ``{name}``, ``{distinct}``."""
    top_paths: str
    all_moves: str
    customers: str
    move: str
    source: str
    target: str
    highlight: str
    other_steps: str
    step_says: str
    """``{step}``, ``{position}``, ``{customers}``."""
    move_says: str
    """``{source}``, ``{target}``, ``{customers}``."""
    path_says: str
    """``{path}``, ``{customers}``."""


_WORDS: Final = {
    "en": PageWords(
        show_lanes="Show lanes",
        close="Close",
        details="Details",
        hint="Select a touchpoint, a barrier or a stage to see everything about it.",
        content="Content",
        notes="Notes",
        scroll="Journey map, scrolls sideways",
        stage_barrier="the stage as a whole",
        flows_hint="Point at or select a step, or highlight one of the paths below, to follow those customers.",
        flows_summary="Customers who reached {name}: {customers}; different paths: {distinct}.",
        top_paths="Most frequent paths",
        all_moves="Every move between neighbouring steps",
        customers="Customers",
        move="Position",
        source="From",
        target="To",
        highlight="Highlight",
        other_steps="other steps",
        step_says="{step} at {position}, customers: {customers}",
        move_says="{source} → {target}, customers: {customers}",
        path_says="{path}, customers: {customers}",
    ),
    "ru": PageWords(
        show_lanes="Показать строки",
        close="Закрыть",
        details="Подробности",
        hint="Выберите точку контакта, барьер или этап, чтобы увидеть всё о нём.",
        content="Контент",
        notes="Заметки",
        scroll="Карта пути клиента, прокручивается вбок",
        stage_barrier="этап в целом",
        flows_hint="Наведите на шаг или выберите его либо путь ниже, чтобы проследить за этими клиентами.",
        flows_summary="Клиентов, дошедших до «{name}»: {customers}; различных путей: {distinct}.",
        top_paths="Самые частые пути",
        all_moves="Все переходы между соседними шагами",
        customers="Клиенты",
        move="Позиция",
        source="Откуда",
        target="Куда",
        highlight="Выделить",
        other_steps="другие шаги",
        step_says="{step} на позиции {position}, клиентов: {customers}",
        move_says="{source} → {target}, клиентов: {customers}",
        path_says="{path}, клиентов: {customers}",
    ),
    "ro": PageWords(
        show_lanes="Arată rândurile",
        close="Închide",
        details="Detalii",
        hint="Alegeți un punct de contact, o barieră sau o etapă pentru a vedea totul despre ea.",
        content="Conținut",
        notes="Note",
        scroll="Harta călătoriei clientului, se derulează lateral",
        stage_barrier="etapa în ansamblu",
        flows_hint="Indicați sau alegeți un pas, ori evidențiați un traseu de mai jos, pentru a urmări acești clienți.",
        flows_summary="Clienți care au ajuns la „{name}”: {customers}; trasee diferite: {distinct}.",
        top_paths="Cele mai frecvente trasee",
        all_moves="Toate trecerile între pașii vecini",
        customers="Clienți",
        move="Poziția",
        source="De la",
        target="La",
        highlight="Evidențiază",
        other_steps="alți pași",
        step_says="{step} la poziția {position}, clienți: {customers}",
        move_says="{source} → {target}, clienți: {customers}",
        path_says="{path}, clienți: {customers}",
    ),
}


def page_words(language: str | None) -> PageWords:
    """The control words for a language tag, falling back to English.

    >>> page_words("ro-MD").close
    'Închide'
    """
    return _WORDS.get(primary_language(language), _WORDS["en"])
