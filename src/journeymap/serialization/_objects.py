"""The structure hook of a model class: a mapping of fields to an object, by a plan made once per class (private).

cattrs' generated hook ends in ``cls(**fields)``, and attrs' ``__init__`` then
converts and checks every field, the absent ones too: a touchpoint that gives
a name and a channel pays for nineteen conversions and checks, most of them of
an empty default. The hook made here does what the two do, in one pass over
the fields in field order:

* a given value is read by the converter's hook for the field's type (every
  failure is collected with its attribute, as cattrs does, so the field paths
  of errors are the same), then put through the field's converter, set, and
  checked by its validator (unless attrs' validators are disabled);
* an absent field gets its default: converted and checked once when the plan
  is made and shared when it is immutable (``None``, ``()``, an enum member),
  else made again for each object through the converter (a factory's ``{}``),
  as attrs does;
* then ``__attrs_post_init__`` runs.

The object is made bare (``object.__new__``) and its slots are set through
their descriptors, so frozen and slotted classes stay as they are. Errors
are raised in the constructor's order: values that could not be read (and
unknown keys), else the first converter that failed, else the first
validator, else the post-init check. The model's converters and rules each
look at one value, so the validated constructors remain the one definition
of a valid object; the plan only leaves out work whose result is known in
advance.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, TypeVar, cast

import attrs
from cattrs.errors import AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError

__all__ = ["fields_hook"]

T = TypeVar("T")

Hook = Callable[[Any, Any], Any]

_IMMUTABLE = (type(None), bool, int, float, str, tuple, enum.Enum)


class _Field(NamedTuple):
    """How one field of a model class is read and set."""

    name: str
    hook: Hook | None
    """Reads the field's value in a file (None for a field the constructor does not take)."""
    kind: Any
    required: bool
    convert: Callable[[Any], Any] | None
    set: Callable[[object, object], None]
    """The slot's setter."""
    default: Any
    """The converted default, shared by every object (checked once, when the plan is made)."""
    fresh: Callable[[], Any] | None
    """Makes the converted default for one object: a factory's, or one that is not immutable."""
    check: Callable[[object, attrs.Attribute[Any], Any], None] | None
    attribute: attrs.Attribute[Any]


def fields_hook(cls: type[T], hooks: Mapping[str, tuple[Hook, Any]]) -> Callable[[Mapping[str, Any], Any], T]:
    """The cattrs structure hook of a model class given as a mapping: ``hooks`` has each field's (hook, type).

    Errors are those of cattrs' generated hook and of the constructor: a
    :class:`ClassValidationError` holding each field's error with an
    :class:`AttributeValidationNote` (``KeyError`` for a required field that is
    missing) and a :class:`ForbiddenExtraKeysError` for unknown keys; else one
    holding the first error of the converters, else the first of the
    validators (attrs runs every converter, then every validator, in field
    order), else what ``__attrs_post_init__`` raises.
    """
    fields = attrs.fields(cast(Any, cls))
    plan = [_plain(_field(cls, field, hooks)) for field in fields]
    known = frozenset(field.name for field in fields if field.init)
    post_init = getattr(cls, "__attrs_post_init__", None)
    title = f"While structuring {cls.__name__}"
    new = object.__new__

    def structure(data: Mapping[str, Any], _: Any = None) -> T:
        thing: T = new(cls)
        errors: list[Exception] = []
        converting = failed = None
        validate = not attrs.validators.get_disabled()
        for name, hook, kind, required, convert, set_slot, default, fresh, check, attribute in plan:
            if hook is not None and name in data:
                try:
                    value = hook(data[name], kind)
                except Exception as error:  # collected with its attribute, as cattrs does
                    errors.append(_noted(error, cls, name, kind))
                    continue
                if convert is not None:
                    try:
                        value = convert(value)
                    except Exception as error:  # raised below, unless a value could not be read
                        converting = converting or error
                        continue
                set_slot(thing, value)
                if check is not None and validate and failed is None:
                    try:
                        check(thing, attribute, value)
                    except Exception as error:  # raised below, unless a converter failed
                        failed = error
            elif required:
                errors.append(_noted(KeyError(name), cls, name, kind))
            else:
                set_slot(thing, default if fresh is None else fresh())
        if not data.keys() <= known:
            errors.append(ForbiddenExtraKeysError("", cls, set(data) - known))
        if errors:
            raise ClassValidationError(title, errors, cls)
        if converting is not None or failed is not None:
            raise ClassValidationError(title, [cast(Exception, converting or failed)], cls)
        if post_init is not None:
            try:
                post_init(thing)
            except Exception as error:
                raise ClassValidationError(title, [error], cls) from None
        return thing

    return structure


def _field(cls: type, field: attrs.Attribute[Any], hooks: Mapping[str, tuple[Hook, Any]]) -> _Field:
    convert = _converter_of(field)
    default, fresh = _default_of(field, convert)
    hook, kind = hooks[field.name] if field.init else (None, None)
    return _Field(
        name=field.name,
        hook=hook,
        kind=kind,
        required=field.default is attrs.NOTHING,
        convert=convert,
        set=cls.__dict__[field.name].__set__,
        default=default,
        fresh=fresh,
        check=field.validator,
        attribute=field,
    )


def _plain(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A named tuple as a plain one: a loop unpacks a plain tuple fastest (a subclass goes through an iterator)."""
    return tuple(row)


def _converter_of(field: attrs.Attribute[Any]) -> Callable[[Any], Any] | None:
    convert = field.converter
    if isinstance(convert, attrs.Converter):
        raise TypeError(f"{field.name}: an attrs.Converter is not supported here; give a plain function")
    return convert


def _default_of(field: attrs.Attribute[Any], convert: Callable[[Any], Any] | None) -> tuple[Any, Any]:
    """(the shared converted default, None), or (None, a function making it for each object)."""
    default: Any = field.default
    if default is attrs.NOTHING:
        return None, None
    if isinstance(default, cast(Any, attrs.Factory)):
        if default.takes_self:
            raise TypeError(f"{field.name}: a factory taking self is not supported here")
        factory = default.factory
        if convert is None or _leaves_as_is(convert, factory):
            return None, factory
        return None, lambda: convert(factory())
    value = default if convert is None else convert(default)
    if not isinstance(value, _IMMUTABLE) or (isinstance(value, tuple) and value):
        return None, lambda: default if convert is None else convert(default)
    if field.validator is not None:  # checked once here, not again for each object
        field.validator(None, field, value)
    return value, None


def _leaves_as_is(convert: Callable[[Any], Any], factory: Callable[[], Any]) -> bool:
    """Whether the converter gives back a value like the factory's (an empty mapping stays one): it need not run."""
    made, converted = factory(), convert(factory())
    return type(converted) is type(made) and converted == made


def _noted(error: Exception, cls: type, name: str, kind: Any) -> Exception:
    error.add_note(AttributeValidationNote(f"Structuring class {cls.__name__} @ attribute {name}", name, kind))
    return error
