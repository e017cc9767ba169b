"""The JSON Schema of the journey file format, and its Markdown reference.

Both are generated from the attrs classes of :mod:`journeymap.model` (their
fields, type hints, validators and ``metadata["doc"]``), so neither can drift
from the model. The schema describes the file as JSON sees it, shorthands
included: ``emotion: -1``, a barrier, stage, touchpoint, KPI, action, persona
or segment written as a text, and one text where a list of text is expected.

>>> schema = json_schema()
>>> schema["$defs"]["Journey"]["required"]
['title']
>>> schema["$defs"]["Emotion"]["properties"]["score"]["maximum"]
2
>>> schema["$defs"]["Severity"]["enum"]
['minor', 'major', 'critical']
>>> "| `score` | number from -2 to 2 | required |" in format_reference()
True
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
from collections.abc import Iterator
from typing import Any

import attrs

from journeymap import model
from journeymap._rules import Text, rule_of
from journeymap._shorthands import shorthand_field, takes_number
from journeymap.serialization._fields import field_type

__all__ = ["SCHEMA_ID", "format_reference", "json_schema"]

SCHEMA_ID = f"https://journeymap.invalid/schema/v{model.SCHEMA_VERSION}.json"
"""The ``$id`` of the schema; editors can also be pointed at a local copy."""

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date"},
}


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of journey files, for editors and other tools.

    It accepts the documents :func:`journeymap.loads` accepts and rejects
    unknown keys, wrong types, out-of-range scores and unknown enum values.
    YAML editors use it through a comment on the first line::

        # yaml-language-server: $schema=journeymap.schema.json

    >>> json_schema()["$defs"]["Stage"]["properties"]["touchpoints"]["items"]["anyOf"][1]
    {'type': 'string', 'minLength': 1, 'pattern': '\\\\S'}
    """
    defs: dict[str, Any] = {}
    for kind in _classes():
        defs[kind.__name__] = _enum_def(kind) if issubclass(kind, enum.Enum) else _class_def(kind)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "journeymap journey",
        "description": f"A customer journey map in the journeymap file format, schema_version {model.SCHEMA_VERSION}.",
        "$ref": "#/$defs/Journey",
        "$defs": defs,
    }


def format_reference() -> str:
    """Markdown reference of every class and field of the file format.

    One section per class (fields with type, default and description; the
    shorthand a text or number stands for) and per enum (its values). It is
    the generated part of ``docs/format.md``.
    """
    defs = json_schema()["$defs"]
    sections = []
    for kind in _classes():
        if issubclass(kind, enum.Enum):
            values = ", ".join(f"`{member.value}`" for member in kind)
            sections.append(f"### {kind.__name__}\n\n{_doc(kind)}\n\nValues: {values}.\n")
            continue
        lines = [f"### {kind.__name__}", "", _doc(kind), ""]
        shorthand = _shorthand_note(kind)
        if shorthand:
            lines += [f"**Shorthand:** {shorthand}", ""]
        lines += ["| Field | Type | Default | Description |", "|---|---|---|---|"]
        properties = defs[kind.__name__]["properties"]
        for field in _fields(kind):
            cells = [f"`{field.name}`", _read(properties[field.name]), _default(field), _field_doc(field)]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        sections.append("\n".join(lines) + "\n")
    return "\n".join(sections)


def _classes() -> list[type]:
    """Model classes and enums reachable from Journey, in the order a reader meets them."""
    found: list[type] = []

    def visit(kind: type) -> None:
        if kind in found:
            return
        found.append(kind)
        if attrs.has(kind):
            for field in _fields(kind):
                base = field_type(kind, field)[0]
                if attrs.has(base) or (isinstance(base, type) and issubclass(base, enum.Enum)):
                    visit(base)

    visit(model.Journey)
    return found


def _fields(kind: type) -> Iterator[attrs.Attribute[Any]]:
    """The fields a file may set (``init=False`` fields such as ``_auto_id`` are internal)."""
    return (field for field in attrs.fields(kind) if field.init)


def _doc(kind: type) -> str:
    """A class's docstring up to its examples, with Markdown code marks."""
    paragraphs = []
    for paragraph in inspect.cleandoc(kind.__doc__ or "").split("\n\n"):
        if paragraph.lstrip().startswith(">>>"):
            break
        paragraphs.append(" ".join(paragraph.split()).replace("``", "`").rstrip(":"))
    return "\n\n".join(paragraphs).strip()


def _field_doc(field: attrs.Attribute[Any]) -> str:
    text: str = field.metadata.get("doc", "")
    if not text:
        raise TypeError(f"field {field.name!r} has no metadata['doc']")
    return text


def _enum_def(kind: type[enum.Enum]) -> dict[str, Any]:
    return {
        "title": kind.__name__,
        "description": _doc(kind),
        "type": "string",
        "enum": [member.value for member in kind],
    }


def _class_def(kind: type) -> dict[str, Any]:
    properties = {field.name: _property(kind, field) for field in _fields(kind)}
    definition: dict[str, Any] = {
        "title": kind.__name__,
        "description": _doc(kind),
        "type": "object",
        "properties": properties,
    }
    required = [field.name for field in _fields(kind) if field.default is attrs.NOTHING]
    if required:
        definition["required"] = required
    definition["additionalProperties"] = False
    return definition


def _property(kind: type, field: attrs.Attribute[Any]) -> dict[str, Any]:
    base, many, nullable, keyed = field_type(kind, field)
    extra = _keywords(field)
    if keyed:
        # A mapping from ids (or language tags) to values, or null for an empty mapping.
        names = extra.get("propertyNames", {})
        value = _value(base, extra.get("items", {}))
        if many:
            value = {"anyOf": [value, {"type": "array", "items": value}]}
        schema = _nullable({"type": "object", "propertyNames": names, "additionalProperties": value})
    elif many:
        # A list, or null for an empty list; one text stands for a list of one text.
        item = {**_value(base, {}), **extra.get("items", {})}
        array = {"type": "array", "items": item}
        schema = _nullable({"anyOf": [item, array]} if base is str else array)
    else:
        schema = _value(base, extra)
        if isinstance(rule := rule_of(field), Text) and rule.whole_numbers:
            schema = {**schema, "type": [schema["type"], "integer"]}
        if nullable:
            schema = _nullable(schema)
    result = {"description": _field_doc(field), **schema}
    default = _plain_default(field)
    if default is not None:
        result["default"] = default
    return result


def _value(base: Any, extra: dict[str, Any]) -> dict[str, Any]:
    """The schema of one value of type ``base``, shorthands included."""
    if base in _SCALARS:
        return {**_SCALARS[base], **extra}
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return {"$ref": f"#/$defs/{base.__name__}"}
    if attrs.has(base):
        ref: dict[str, Any] = {"$ref": f"#/$defs/{base.__name__}"}
        target = shorthand_field(base)
        if target is None:
            return ref
        short = _value(field_type(base, target)[0], _keywords(target))
        return {"anyOf": [ref, short]}
    raise TypeError(f"unsupported field type {base!r}")


def _keywords(field: attrs.Attribute[Any]) -> dict[str, Any]:
    """What the field's rule allows, as JSON Schema keywords."""
    rule = rule_of(field)
    return {} if rule is None else rule.keywords()


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    if isinstance(kind, list):
        return {**schema, "type": [*kind, "null"]}
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def _plain_default(field: attrs.Attribute[Any]) -> object:
    """A field's default as it is written in a file, or None when it has no telling one."""
    default = field.default
    if default is attrs.NOTHING or isinstance(default, attrs.Factory) or default in (None, "", ()):  # type: ignore[arg-type]
        return None
    return default.value if isinstance(default, enum.Enum) else default


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "required"
    if isinstance(field.default, attrs.Factory) or field.default == ():  # type: ignore[arg-type]
        return "empty"
    default = _plain_default(field)
    return "—" if default is None else f"`{default}`"


def _shorthand_note(kind: type) -> str:
    target = shorthand_field(kind)
    if target is None:
        return ""
    name = kind.__name__
    article = "an" if name[0] in "AEIOU" else "a"
    value = "a number" if takes_number(target) else "a text"
    return f"{value} in place of {article} {name} is {article} {name} with that `{target.name}`."


_TYPE_NAMES = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
    "array": "list",
    "object": "mapping",
}


def _read(schema: dict[str, Any]) -> str:
    """A property's schema as a person reads it, e.g. 'number from -2 to 2'."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in schema:
        options = [_read(option) for option in schema["anyOf"] if option.get("type") != "null"]
        return " or ".join(options)
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    words = [_TYPE_NAMES[kind] for kind in kinds if kind != "null"]
    text = " or ".join(words)
    if "additionalProperties" in schema:
        names = schema["propertyNames"]
        keys = "language" if "pattern" in names and "minLength" not in names else "id"
        keys = "language" if "pattern" in names and "minLength" not in names else "id"
        value = _read(schema["additionalProperties"])
        text = f"mapping of {keys} to ({value})" if " or " in value else f"mapping of {keys} to {value}"
    if kinds[0] == "array":
        item = _read(schema["items"])
        text = f"list of ({item})" if " or " in item else f"list of {item}"
    if schema.get("format") == "date":
        text = "date (YYYY-MM-DD)"
    if schema.get("minimum", 0) == schema.get("maximum"):
        text += f" equal to {schema['minimum']}"
    elif "minimum" in schema and "maximum" in schema:
        text += f" from {schema['minimum']} to {schema['maximum']}"
    elif "minimum" in schema:
        text += f" ≥ {schema['minimum']}"
    return text
