"""Small validators and converters shared by the model classes (private)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from journeymap.errors import ValidationError

T = TypeVar("T")

_SURROGATE = re.compile("[\ud800-\udfff]")
_NON_WORD = re.compile(r"[\W_]+")
# For ASCII text: letters lower-cased, digits kept, every other byte a space (a word break).
_ASCII_SLUG = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122 else 32 for byte in range(256)
)
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def slugify(text: str, fallback: str) -> str:
    """Lower-case ``text`` and join its words with ``-``; Unicode letters stay.

    >>> slugify("Reach & Engage", "stage")
    'reach-engage'
    >>> slugify("Осведомлённость", "stage")
    'осведомлённость'
    """
    if text.isascii():  # the common case, in one pass of bytes.translate
        return b"-".join(text.encode().translate(_ASCII_SLUG).split()).decode() or fallback
    folded = unicodedata.normalize("NFKC", text).casefold()
    slug = _NON_WORD.sub("-", folded).strip("-")
    return slug or fallback


def check_text(name: str, value: str | None) -> None:
    """Text must be a real ``str`` that a UTF-8 file can hold."""
    if value is None:
        return
    if not isinstance(value, str):
        raise ValidationError.at(name, f"must be text, got {type(value).__name__}")
    if _SURROGATE.search(value):
        raise ValidationError.at(name, "contains a lone surrogate code point, which no file can hold")


def check_name(name: str, value: str) -> None:
    """A name is non-empty text that is not only whitespace."""
    check_text(name, value)
    if not value.strip():
        raise ValidationError.at(name, "must not be empty")


def check_number(name: str, value: float | None, *, low: float | None = None, high: float | None = None) -> None:
    """A finite number (``bool`` is not a number), optionally within bounds."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError.at(name, f"must be a number, got {_describe(value)}")
    if isinstance(value, float) and not math.isfinite(value):  # an int is always finite, however long
        raise ValidationError.at(name, f"must be a finite number, got {value}")
    if low is not None and high is not None and not low <= value <= high:
        raise ValidationError.at(name, f"must be between {_fmt(low)} and {_fmt(high)}, got {_fmt(value)}")
    if low is not None and value < low:
        raise ValidationError.at(name, f"must be at least {_fmt(low)}, got {_fmt(value)}")


def check_texts(name: str, values: tuple[str, ...]) -> None:
    """Every item of a list of text is non-empty text."""
    for index, value in enumerate(values):
        check_name(f"{name}[{index}]", value)


def check_language(name: str, value: str) -> None:
    """A BCP 47 language tag such as ``en``, ``ru`` or ``ro-MD``."""
    check_text(name, value)
    if not _LANGUAGE_TAG.match(value):
        raise ValidationError.at(name, f"must be a BCP 47 language tag such as 'en' or 'ro-MD', got {value!r}")


def texts(value: Iterable[str] | str | None) -> tuple[str, ...]:
    """Convert a list of text (or one text, or nothing) to a tuple."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return value if value.__class__ is tuple else tuple(value)


def collect(value: Iterable[Any] | None, make: Callable[[Any], T]) -> tuple[T, ...]:
    """Turn an iterable of items or shorthands (or one shorthand, or nothing) into a tuple."""
    if value is None or value == ():
        return ()
    if isinstance(value, str | bytes):
        value = (value,)
    return tuple(make(item) for item in value)


def _fmt(value: float) -> str:
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else f"a number of {len(str(abs(value)))} digits"
    return str(int(value)) if value.is_integer() else str(value)


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return repr(value)
    return type(value).__name__
