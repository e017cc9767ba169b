"""The one cattrs converter of journeymap: plain data <-> model (private).

Structuring accepts the shorthands a person writes (``emotion: -1``, a barrier
as a string, a list of stage names) and YAML 1.2 plain scalars
(:class:`journeymap.serialization._yaml.Plain`), whose meaning the target field decides.
Unstructuring writes the same compact forms back, leaving out defaults.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_unstructure_fn, override

from journeymap._rules import Choice, Text, rule_of, slugify
from journeymap._shorthands import COMPACT, shorthand_field, takes_number
from journeymap.errors import Problem, ValidationError, join_path, split_path
from journeymap.model import Journey
from journeymap.serialization._fields import ISO_DATE, MODEL_CLASSES, field_type
from journeymap.serialization._objects import fields_hook
from journeymap.serialization._yaml import Plain, is_null, plain_bool, plain_is_null, plain_number

__all__ = ["structure", "unstructure"]

T = TypeVar("T")


class _Bad(ValueError):
    """A value of the wrong kind for its field; the message says what was expected."""


def _kind(value: object) -> str:
    if isinstance(value, Plain):
        return repr(str(value))
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


def _text(value: object, _: object = None) -> str:
    if value.__class__ is str:
        return value
    if isinstance(value, str):
        return str(value)
    raise _Bad(f"must be text, got {_kind(value)}")


def _number(value: object, _: object = None) -> int | float:
    if isinstance(value, Plain):
        number = plain_number(value)
        if number is not None:
            return number
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise _Bad(f"must be a number, got {_kind(value)}")


def _whole(value: object, _: object = None) -> int:
    number = _number(value)
    if isinstance(number, float):
        if not number.is_integer():
            raise _Bad(f"must be a whole number, got {number}")
        return int(number)
    return number


def _flag(value: object, _: object = None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Plain):
        flag = plain_bool(value)
        if flag is not None:
            return flag
    raise _Bad(f"must be true or false, got {_kind(value)}")


def _date(value: object, _: object = None) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _Bad(f"must be a date written YYYY-MM-DD, got {_kind(value)}")


def _whole_as_text(value: object, _: object = None) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _text(value)


def _optional(inner: Callable[[object, object], T]) -> Callable[[object, object], T | None]:
    def structure(value: object, kind: object = None) -> T | None:
        if is_null(value):
            return None
        return inner(value, kind)

    return structure


def _optional_text(value: object, _: object = None) -> str | None:
    """An optional text: the common cases (a ``str`` from JSON or a quoted YAML scalar, a plain one) in one step."""
    if value.__class__ is str:
        return value
    if value.__class__ is Plain:
        return None if plain_is_null(value) else str(value)
    return None if is_null(value) else _text(value)


def _enum(kind: type[enum.Enum]) -> Callable[[object, object], object]:
    def structure(value: object, _: object = None) -> object:
        return _text(value)  # the model's converter and validator name the choices

    return structure


def _texts(value: object, _: object = None) -> tuple[str, ...]:
    if is_null(value):
        return ()
    if isinstance(value, str):
        return (str(value),)
    if not isinstance(value, list):
        raise _Bad(f"must be a list of text, got {_kind(value)}")
    problems = [
        Problem(path=f"[{index}]", message=f"must be text, got {_kind(item)}")
        for index, item in enumerate(value)
        if not isinstance(item, str)
    ]
    if problems:
        raise ValidationError(problems)
    return tuple(str(item) for item in value)


def _list_of(cls: type[T], item: Callable[[Any, Any], T]) -> Callable[[object, object], tuple[T, ...]]:
    """A list of model objects: a YAML/JSON list (or nothing), each item structured and located by index."""

    def structure(value: object, _: object = None) -> tuple[T, ...]:
        if is_null(value):
            return ()
        if not isinstance(value, list):
            raise _Bad(f"must be a list, got {_kind(value)}")
        result, errors = [], []
        for index, raw in enumerate(value):
            try:
                result.append(item(raw, cls))
            except Exception as error:  # collected and located below
                error.add_note(IterableValidationNote(f"Structuring item @ index {index}", index, cls))
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring a list of {cls.__name__}", errors, tuple)
        return tuple(result)

    return structure


def _mapping_of(converter: cattrs.Converter, kind: Any) -> Callable[[object, object], dict[str, Any]]:
    """A mapping from ids to values of ``kind`` (or nothing), each value structured and located by its key."""

    def structure(value: object, _: object = None) -> dict[str, Any]:
        if is_null(value):
            return {}
        if not isinstance(value, dict):
            raise _Bad(f"must be a mapping, got {_kind(value)}")
        result, problems = {}, []
        for key, raw in value.items():
            if not isinstance(key, str):
                problems.append(Problem(path="", message=f"keys must be text, got {_kind(key)}"))
                continue
            try:
                result[str(key)] = converter.structure(raw, kind)
            except Exception as error:  # located by its key below
                found = _problems(error, [str(key)])
                if not found:
                    raise
                problems += found
        if problems:
            raise ValidationError(problems)
        return result

    return structure


def _exactly(converter: cattrs.Converter, kind: Any, hook: Callable[[Any, Any], object]) -> None:
    """Register ``hook`` for exactly this type (unions and generics included)."""
    if isinstance(kind, type) and not hasattr(kind, "__origin__"):
        converter.register_structure_hook(kind, hook)
    else:
        converter.register_structure_hook_func(_is_type(kind), hook)


def _is_type(kind: Any) -> Callable[[Any], bool]:
    """A predicate matching exactly one type (union and generic types included)."""

    def matches(candidate: Any) -> bool:
        return bool(candidate == kind)

    return matches


FieldsHooks = dict[str, tuple[Callable[[Any, Any], Any], Any]]
"""Each field's name and (hook reading its value, type)."""


def _make_converter(
    objects: Callable[[cattrs.Converter, type, FieldsHooks], Callable[[Any, Any], Any]] | None = None,
) -> cattrs.Converter:
    """The converter; ``objects`` makes a model class's hook from its fields' hooks (a test puts cattrs' own here)."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    simple: dict[Any, Callable[[object, object], object]] = {
        str: _text,
        float: _number,
        int: _whole,
        bool: _flag,
        dt.date: _date,
        tuple[str, ...]: _texts,
    }
    for kind, hook in simple.items():
        _exactly(converter, kind, hook)
        _exactly(converter, kind | None, _optional_text if kind is str else _optional(hook))
    rules = [rule_of(field) for cls in MODEL_CLASSES for field in attrs.fields(cls)]
    for kind in dict.fromkeys(rule.kind for rule in rules if isinstance(rule, Choice)):
        _exactly(converter, kind, _enum(kind))
        _exactly(converter, kind | None, _optional(_enum(kind)))
        converter.register_unstructure_hook(kind, _enum_value)
        converter.register_unstructure_hook_func(_is_type(kind | None), _enum_value)
    converter.register_unstructure_hook(dt.date, _iso_date)
    converter.register_unstructure_hook_func(_is_type(dt.date | None), _iso_date)
    for cls in MODEL_CLASSES:
        for field in attrs.fields(cls):
            if field_type(cls, field).keyed:
                hint = typing.get_type_hints(cls)[field.name]
                _exactly(converter, hint, _mapping_of(converter, typing.get_args(hint)[1]))
        hints = typing.get_type_hints(cls)
        hooks = {f.name: (_field_hook(converter, f, hints[f.name]), hints[f.name]) for f in attrs.fields(cls) if f.init}
        fields = fields_hook(cls, hooks) if objects is None else objects(converter, cls, hooks)
        hook = _with_shorthand(cls, fields)
        _exactly(converter, cls, hook)
        _exactly(converter, cls | None, _optional(hook))
        _exactly(converter, cast(Any, tuple)[cls, ...], _list_of(cls, hook))
        plain = make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True, _auto_id=override(omit=True))
        converter.register_unstructure_hook(cls, _compacted(cls, plain) if cls in COMPACT else plain)
    return converter


def _field_hook(converter: cattrs.Converter, field: attrs.Attribute[Any], hint: Any) -> Callable[[Any, Any], Any]:
    """How a field's value is read: by its type, except a text that a file may write as a whole number."""
    if isinstance(rule := rule_of(field), Text) and rule.whole_numbers:
        return _optional(_whole_as_text)
    return converter.get_structure_hook(hint)


def _enum_value(member: enum.Enum | None) -> object:
    return None if member is None else member.value


def _iso_date(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _with_shorthand(cls: type[T], fields: Callable[[Any, Any], T]) -> Callable[[object, object], T]:
    """A model object is a mapping of its fields, or the value of its shorthand field (a text, or a number)."""
    target = shorthand_field(cls)
    name = None if target is None else target.name
    number = target is not None and takes_number(target)

    def structure(value: object, _: object = None) -> T:
        if isinstance(value, dict):
            return fields(value, cls)
        if number:
            return fields({cast(str, name): _number(value)}, cls)
        if name is not None and isinstance(value, str):
            return fields({name: str(value)}, cls)
        expected = "a mapping" + (" or a text" if name else "")
        raise _Bad(f"must be {expected}, got {_kind(value)}")

    return structure


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter, built on first use (generating its hooks takes a while; ``import journeymap`` should not)."""
    return _make_converter()


def structure(data: object) -> Journey:
    """Build a :class:`Journey` from plain data, or raise :class:`ValidationError`
    listing every problem with its field path.

    cattrs reads each value as its field's type (a YAML plain scalar as a
    number where a number is expected), then the model's validated
    constructors check it.
    """
    if not isinstance(data, dict):
        raise ValidationError.at(
            "", f"a journey document must be a mapping of fields (title, stages, …), got {_kind(data)}"
        )
    try:
        return _converter().structure(data, Journey)
    except Exception as error:
        problems = _problems(error, [])
        if not problems:
            raise
        raise ValidationError(problems) from None


def _problems(error: BaseException, path: list[str | int]) -> list[Problem]:
    """Flatten cattrs' exception groups into problems with field paths."""
    if isinstance(error, ClassValidationError):
        with_notes, without = error.group_exceptions()
        located = [(inner, [*path, note.name]) for inner, note in with_notes]
        return _flatten(located + [(inner, path) for inner in without])
    if isinstance(error, IterableValidationError):
        with_index, rest = error.group_exceptions()
        indexed = [(inner, [*path, int(note.index)]) for inner, note in with_index]
        return _flatten(indexed + [(inner, path) for inner in rest])
    if isinstance(error, ForbiddenExtraKeysError):
        allowed = [a.name for a in attrs.fields(error.cl) if a.init]
        return [
            Problem(path=_join([*path, key]), message=_unknown_key(key, allowed)) for key in sorted(error.extra_fields)
        ]
    if isinstance(error, ValidationError):
        return [Problem(path=_join([*path, *split_path(p.path)]), message=p.message) for p in error.problems]
    if isinstance(error, KeyError):
        return [Problem(path=_join(path), message="is required")]
    if isinstance(error, _Bad | ValueError | TypeError):
        return [Problem(path=_join(path), message=str(error))]
    return []


def _flatten(errors: list[tuple[Exception, list[str | int]]]) -> list[Problem]:
    return [problem for inner, where in errors for problem in _problems(inner, where)]


def _unknown_key(key: str, allowed: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(allowed)})"
    return f"unknown key{hint}"


def _join(parts: list[str | int]) -> str:
    return join_path(*parts)


def _compacted(cls: type, plain: Callable[[Any], dict[str, Any]]) -> Callable[[Any], object]:
    """Unstructure to the shorthand (``emotion: -1``, a barrier as its text) when nothing else is set."""
    target = shorthand_field(cls)
    assert target is not None, cls
    name = target.name

    def unstructure(thing: Any) -> object:
        raw = plain(thing)
        return raw[name] if len(raw) == 1 and name in raw else raw

    return unstructure


def unstructure(journey: Journey) -> dict[str, Any]:
    """Plain data for a journey, in the compact form a person would write."""
    data: dict[str, Any] = _converter().unstructure(journey)
    data.pop("schema_version", None)
    data = {"schema_version": journey.schema_version, **data}
    for stage, raw_stage in zip(journey.stages, data.get("stages", ()), strict=True):
        _compact_id(stage, raw_stage)
        for touchpoint, raw in zip(stage.touchpoints, raw_stage.get("touchpoints", ()), strict=True):
            _compact_id(touchpoint, raw)
    if isinstance(data.get("persona"), dict) and journey.persona is not None:
        _compact_id(journey.persona, data["persona"])
    for persona, raw in zip(journey.personas, data.get("personas", ()), strict=True):
        if isinstance(raw, dict):
            _compact_id(persona, raw)
    return data


def _compact_id(thing: Any, raw: dict[str, Any]) -> None:
    """Leave out an id that is the slug of the name (the loader derives it again)."""
    if raw.get("id") == slugify(thing.name, type(thing).__name__.lower()):
        del raw["id"]
