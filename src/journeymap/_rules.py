"""The validation rules of the model, as data: each rule is an attrs validator that also says what it allows (private).

The model (:mod:`journeymap.model`) declares its fields with the helpers at
the end of this module (:func:`text`, :func:`number`,
:func:`whole_number`, …) or with ``attrs.field(validator=<rule>)``; :func:`rule_checks`
turns each rule into the field's validator and keeps it in ``metadata["rule"]``.
The constructors run the rules; the JSON Schema asks each rule for its
keywords (:meth:`Rule.keywords`); the cattrs converter reads the rules and
the shorthand registry (:mod:`journeymap._shorthands`) to decide how a file's
values are read. A rule is written once, here.

>>> import attrs
>>> from journeymap._shorthands import shorthand
>>> @shorthand("score")
... @attrs.frozen(kw_only=True, field_transformer=rule_checks)
... class Mood:
...     score: float = number("How it feels.", low=-2, high=2, required=True)
>>> rule_of(attrs.fields(Mood).score).keywords()
{'minimum': -2, 'maximum': 2}
>>> Mood(score=3)
Traceback (most recent call last):
...
journeymap.errors.ValidationError: score: must be between -2 and 2, got 3
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from journeymap.errors import Problem, ValidationError, join_path

T = TypeVar("T")
K = TypeVar("K", bound=type)

_SURROGATE = re.compile("[\ud800-\udfff]")
_NON_WORD = re.compile(r"[\W_]+")
# For ASCII text: letters lower-cased, digits kept, every other byte a space (a word break).
_ASCII_SLUG = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122 else 32 for byte in range(256)
)
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
"""A BCP 47 language tag such as ``en``, ``ru`` or ``ro-MD`` (the shape, not the registry)."""

_NOT_EMPTY: dict[str, Any] = {"minLength": 1, "pattern": r"\S"}


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


# The rules: attrs validators ``(instance, attribute, value)`` that describe themselves.


class Rule:
    """A validation rule: its :meth:`check` is the field's attrs validator, and the JSON Schema reads :meth:`keywords`.

    A model class declares ``validator=<rule>`` and passes ``field_transformer=rule_checks`` to attrs, which
    puts the rule's bound ``check`` in the validator (a plain method call is a third of an instance call)
    and the rule itself in ``metadata["rule"]`` (see :func:`rule_of`).
    """

    __slots__ = ()

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        """Raise :class:`ValidationError` naming ``attribute`` when ``value`` breaks the rule."""
        raise NotImplementedError

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        self.check(instance, attribute, value)

    def keywords(self) -> dict[str, Any]:
        """JSON Schema keywords this rule adds to the schema of the field's values."""
        return {}

    def __repr__(self) -> str:
        slots: tuple[str, ...] = self.__slots__
        return f"{type(self).__name__}({', '.join(f'{slot}={getattr(self, slot)!r}' for slot in slots)})"


class Text(Rule):
    """Text a UTF-8 file can hold.

    ``blank=False``: not empty nor only whitespace; ``whole_numbers``: a file may write a whole number (``age: 34``).
    """

    __slots__ = ("blank", "whole_numbers")

    def __init__(self, *, blank: bool = True, whole_numbers: bool = False) -> None:
        self.blank = blank
        self.whole_numbers = whole_numbers

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value.__class__ is str and value.isascii():  # the common case, checked fast
            if self.blank or _has_letters(value):
                return
        elif value is None and self.blank:
            return
        (check_text if self.blank else check_name)(attribute.name, value)

    def keywords(self) -> dict[str, Any]:
        return {} if self.blank else dict(_NOT_EMPTY)


class Texts(Rule):
    """A list of text, each item neither empty nor only whitespace."""

    __slots__ = ()

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if value:
            check_texts(attribute.name, value)

    def keywords(self) -> dict[str, Any]:
        return {"items": dict(_NOT_EMPTY)}


class Number(Rule):
    """A finite number (not ``bool``), optionally whole and within ``low`` … ``high``; None passes."""

    __slots__ = ("high", "low", "whole")

    def __init__(self, *, low: float | None = None, high: float | None = None, whole: bool = False) -> None:
        self.low = low
        self.high = high
        self.whole = whole

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
        if value is None:
            return
        if self.whole and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError.at(attribute.name, f"must be a whole number, got {value!r}")
        check_number(attribute.name, value, low=self.low, high=self.high)

    def keywords(self) -> dict[str, Any]:
        bounds = {"minimum": self.low, "maximum": self.high}
        return {key: bound for key, bound in bounds.items() if bound is not None}


class Version(Rule):
    """The file format's version: a whole number from 1 up to the newest this library reads."""

    __slots__ = ("newest",)

    def __init__(self, newest: int) -> None:
        self.newest = newest

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError.at(attribute.name, f"must be a positive whole number, got {value!r}")
        if value > self.newest:
            raise ValidationError.at(
                attribute.name,
                f"is {value}, but this journeymap reads versions up to {self.newest}; upgrade journeymap",
            )

    def keywords(self) -> dict[str, Any]:
        return {"minimum": 1, "maximum": self.newest}


class Language(Rule):
    """A BCP 47 language tag (:data:`LANGUAGE_TAG`)."""

    __slots__ = ()

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
        check_language(attribute.name, value)

    def keywords(self) -> dict[str, Any]:
        return {"pattern": LANGUAGE_TAG.pattern}


class Choice(Rule):
    """A member of an enum (its values are the choices); ``optional``: None passes."""

    __slots__ = ("kind", "optional")

    def __init__(self, kind: type[enum.Enum], *, optional: bool = False) -> None:
        self.kind = kind
        self.optional = optional

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, self.kind) and not (value is None and self.optional):
            choices = ", ".join(member.value for member in self.kind)
            raise ValidationError.at(attribute.name, f"must be one of {choices}, got {value!r}")


class Flag(Rule):
    """true or false; None passes."""

    __slots__ = ()

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, bool):
            raise ValidationError.at(attribute.name, f"must be true or false, got {value!r}")


class Day(Rule):
    """A calendar date (a ``datetime`` is not one); None passes."""

    __slots__ = ()

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise ValidationError.at(attribute.name, f"must be a date (YYYY-MM-DD), got {value!r}")


class Instances(Rule):
    """One instance of a model class (None passes when ``optional``), or a tuple of them."""

    __slots__ = ("kind", "optional")

    def __init__(self, kind: type, *, optional: bool = False) -> None:
        self.kind = kind
        self.optional = optional

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (value is None and self.optional) or value == ():
            return
        values = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(values):
            if not isinstance(item, self.kind):
                where = f"{attribute.name}[{index}]" if isinstance(value, tuple) else attribute.name
                raise ValidationError.at(where, f"must be a {self.kind.__name__}, got {type(item).__name__}")


class Keyed(Rule):
    """A mapping from ids (or, with ``languages``, BCP 47 tags) to values: model objects of ``kind``, or text.

    ``kind=str`` holds one text per key; ``many``: a list of text per key. An empty mapping passes.
    """

    __slots__ = ("kind", "languages", "many")

    def __init__(self, kind: type, *, many: bool = False, languages: bool = False) -> None:
        self.kind = kind
        self.many = many
        self.languages = languages

    def check(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is dict and not value:  # the common case, fast
            return
        if not isinstance(value, Mapping):
            raise ValidationError.at(attribute.name, f"must be a mapping, got {_describe(value)}")
        for key, item in value.items():
            if self.languages:
                check_language(attribute.name, key)
            else:
                check_name(f"{attribute.name} key", key)
            where = join_path(attribute.name, key)
            if self.kind is str and self.many:
                if not isinstance(item, tuple):
                    raise ValidationError.at(where, f"must be a list of text, got {_describe(item)}")
                check_texts(where, item)
            elif self.kind is str:
                check_name(where, item)
            elif not isinstance(item, self.kind):
                raise ValidationError.at(where, f"must be a {self.kind.__name__}, got {type(item).__name__}")

    def keywords(self) -> dict[str, Any]:
        names = {"pattern": LANGUAGE_TAG.pattern} if self.languages else dict(_NOT_EMPTY)
        return {"propertyNames": names, **({"items": dict(_NOT_EMPTY)} if self.kind is str else {})}


def rule_checks(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs ``field_transformer``: each rule's ``check`` becomes the validator, the rule goes to the metadata."""
    return [
        field.evolve(validator=field.validator.check, metadata={**field.metadata, "rule": field.validator})
        if isinstance(field.validator, Rule)
        else field
        for field in fields
    ]


def rule_of(field: attrs.Attribute[Any]) -> Rule | None:
    """The rule of a model field (None for a field without one, such as ``_auto_id``)."""
    rule = field.metadata.get("rule")
    return rule if isinstance(rule, Rule) else None


# The checks the rules make, also used on their own (a language argument, for one).


def check_text(name: str, value: str | None) -> None:
    """Text must be a real ``str`` that a UTF-8 file can hold."""
    if value is None:
        return
    if not isinstance(value, str):
        raise ValidationError.at(name, f"must be text, got {type(value).__name__}")
    if _SURROGATE.search(value):
        raise ValidationError.at(name, "contains a lone surrogate code point, which no file can hold")


def check_name(name: str, value: str | None) -> None:
    """A name is non-empty text that is not only whitespace."""
    if value is None:
        raise ValidationError.at(name, "is required")
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
        if not (value.__class__ is str and value.isascii() and _has_letters(value)):  # else checked fast
            check_name(f"{name}[{index}]", value)


def _has_letters(text: str) -> bool:
    """Whether a text is neither empty nor only whitespace."""
    return bool(text) and not text.isspace()


def check_language(name: str, value: str) -> None:
    """A BCP 47 language tag such as ``en``, ``ru`` or ``ro-MD``."""
    check_text(name, value)
    if not LANGUAGE_TAG.match(value):
        raise ValidationError.at(name, f"must be a BCP 47 language tag such as 'en' or 'ro-MD', got {value!r}")


# Field helpers for the optional fields without a converter, one line each in the model. Fields that
# convert what they are given (lists to tuples, shorthands to objects) are written out with ``attrs.field``
# in the model, so that type checkers see what their ``__init__`` accepts.

NAME = Text(blank=False)
TEXT = Text()
TEXTS = Texts()


def doc(text: str) -> dict[str, str]:
    """Field metadata holding the field's documentation (read by the JSON Schema and the format reference)."""
    return {"doc": text}


def text(doc: str, *, default: str | None = None) -> Any:
    """An optional text."""
    return attrs.field(default=default, validator=TEXT, metadata={"doc": doc})


def number(
    doc: str,
    *,
    low: float | None = None,
    high: float | None = None,
    whole: bool = False,
    default: float | None = None,
    required: bool = False,
) -> Any:
    """A number (``whole``: an integer) within ``low`` … ``high``; optional unless ``required``."""
    rule = Number(low=low, high=high, whole=whole)
    if required:
        return attrs.field(validator=rule, metadata={"doc": doc})
    return attrs.field(default=default, validator=rule, metadata={"doc": doc})


def whole_number(doc: str, *, default: int | None = None, required: bool = False) -> Any:
    """A whole number ≥ 0."""
    return number(doc, low=0, whole=True, default=default, required=required)


def flag(doc: str) -> Any:
    """An optional true or false."""
    return attrs.field(default=None, validator=Flag(), metadata={"doc": doc})


def day(doc: str) -> Any:
    """An optional date."""
    return attrs.field(default=None, validator=Day(), metadata={"doc": doc})


# Ids: derived from names, unique within a journey.


def make_unique_ids(things: Sequence[Any], path_of: Callable[[int], str], problems: list[Problem]) -> Sequence[Any]:
    """Make ids unique: explicit duplicates are problems, ids derived from a name get ``-2``, ``-3``….

    Each thing has ``id`` and ``_auto_id`` (whether the id was derived).
    Returns ``things`` itself when no id changes; ``path_of(index)`` names a thing in a problem.
    """
    taken: dict[str, int] = {}
    for index, thing in enumerate(things):
        if not thing._auto_id:
            first = taken.setdefault(thing.id, index)
            if first != index:
                message = f"duplicate id {thing.id!r} (also at {path_of(first)})"
                problems.append(Problem(path=f"{path_of(index)}.id", message=message))
    changed: list[Any] | None = None
    for index, thing in enumerate(things):
        if thing._auto_id:
            base, suffix, candidate = thing.id, 1, thing.id
            while candidate in taken:
                suffix += 1
                candidate = f"{base}-{suffix}"
            taken[candidate] = index
            if candidate != thing.id:
                changed = list(things) if changed is None else changed
                changed[index] = evolve(thing, id=candidate)
    return things if changed is None else changed


def evolve(thing: Any, **changes: Any) -> Any:
    """``attrs.evolve`` that keeps knowing whether the id was derived from the name."""
    new = attrs.evolve(thing, **changes)
    object.__setattr__(new, "_auto_id", thing._auto_id)
    return new


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
