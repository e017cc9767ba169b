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
    ),
}


def page_words(language: str | None) -> PageWords:
    """The control words for a language tag, falling back to English.

    >>> page_words("ro-MD").close
    'Închide'
    """
    return _WORDS.get(primary_language(language), _WORDS["en"])
