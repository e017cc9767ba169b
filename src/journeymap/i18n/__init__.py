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
from typing import Any, Final

from journeymap.i18n import _en, _ro, _ru
from journeymap.i18n._labels import FACES, Labels

__all__ = ["FACES", "LANGUAGES", "Labels", "labels", "primary_language"]

_EN: Final = _en.WORDS
_RU: Final = _ru.WORDS
_RO: Final = _ro.WORDS


def _build(language: str, table: Mapping[str, object]) -> Labels:
    values: dict[str, Any] = dict(table)
    for key in ("severities", "phases", "statuses", "diff"):
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
