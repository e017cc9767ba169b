"""Reading YAML safely, with the YAML 1.2 meaning of scalars (private).

PyYAML resolves scalars by YAML 1.1 (``NO`` is false, ``012`` is 10). Here the
text is composed into nodes with no implicit resolvers, and every plain
(unquoted) scalar becomes a :class:`Plain` string: the field it lands in
decides what it means. A text field keeps the text as written; a number field
reads it by the YAML 1.2 core schema. Only the core tags are accepted (no
Python objects), duplicate keys are errors, and alias expansion is bounded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar

import yaml

from journeymap.errors import ParseError

__all__ = ["Plain", "find_line", "is_null", "parse", "plain_bool", "plain_is_null", "plain_number"]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_DEPTH = 64
"""Nesting deeper than this is refused (a journey nests about six levels)."""

_TAG = "tag:yaml.org,2002:"


class Plain(str):
    """A plain (unquoted) scalar; its type is decided by the field it fills."""

    __slots__ = ()


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes without guessing scalar types."""

    yaml_implicit_resolvers: ClassVar[dict[str, Any]] = {}


class Dumper(_BaseDumper):  # type: ignore[misc]
    """Writes block style for multi-line text, keeps key order and Unicode."""


def _represent_str(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar(_TAG + "str", value, style=style)


Dumper.add_representer(str, _represent_str)

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"([-+]?)\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_MAX_DIGITS = 4300  # sys.int_info.default_max_str_digits


def plain_is_null(text: str) -> bool:
    """Whether a plain scalar means null in YAML 1.2 (``~``, ``null``, empty)."""
    return text in _NULL


def is_null(value: object) -> bool:
    """Whether a parsed value means null: None, or a plain scalar that YAML 1.2 reads as null."""
    return value is None or (isinstance(value, Plain) and plain_is_null(value))


def plain_bool(text: str) -> bool | None:
    """The YAML 1.2 boolean a plain scalar means, or None if it is not one."""
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def plain_number(text: str) -> int | float | None:
    """The YAML 1.2 core-schema number a plain scalar means, or None.

    Whole numbers of more than 4,300 digits (Python's limit for reading them) are not numbers here.
    """
    if _INT.match(text):
        return int(text) if len(text) <= _MAX_DIGITS else None
    if _FLOAT.match(text):
        return float(text)
    if _OCT.match(text) and len(text) <= _MAX_DIGITS:
        return int(text[2:], 8)
    if _HEX.match(text) and len(text) <= _MAX_DIGITS:
        return int(text[2:], 16)
    match = _INF.match(text)
    if match:
        return float(match.group(1) + "inf")
    if _NAN.match(text):
        return float("nan")
    return None


def parse(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document into plain data and its root node.

    Raises :class:`ParseError` with the line for syntax errors, duplicate
    keys, unsupported tags, recursive or exploding aliases, deep nesting and
    more than one document.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(filter(None, [error.context, error.problem])) or "invalid YAML"
        raise ParseError.at(f"invalid YAML: {message}", line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise ParseError.at(f"invalid YAML: {error}") from None
    except RecursionError:
        raise ParseError.at(f"nested deeper than {MAX_DEPTH} levels") from None
    if root is None:
        return None, None
    builder = _Builder(root)
    builder.check_size()
    return builder.build(root, 0), root


class _Builder:
    """Turns composed nodes into dicts, lists, str and :class:`Plain`."""

    def __init__(self, root: yaml.Node) -> None:
        self.root = root
        self.built: dict[int, Any] = {}

    def check_size(self) -> None:
        """Refuse alias bombs and recursive aliases before anything expands."""
        sizes: dict[int, int] = {}
        active: set[int] = set()

        def size(node: yaml.Node, depth: int) -> int:
            key = id(node)
            if key in sizes:
                return sizes[key]
            if key in active:
                raise ParseError.at("recursive alias: a node contains itself", line=_line(node))
            if depth > MAX_DEPTH:
                raise ParseError.at(f"nested deeper than {MAX_DEPTH} levels", line=_line(node))
            active.add(key)
            total = 1
            if isinstance(node, yaml.SequenceNode):
                total += sum(size(child, depth + 1) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
            active.discard(key)
            sizes[key] = total
            return total

        expanded = size(self.root, 0)
        if expanded > 10 * len(sizes) + 10_000:
            raise ParseError.at(
                f"aliases expand {len(sizes):,} nodes into {expanded:,}; refusing (a 'billion laughs' document?)",
                line=_line(self.root),
            )

    def build(self, node: yaml.Node, depth: int) -> Any:
        key = id(node)
        if key in self.built:
            return self.built[key]
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            _expect_tag(node, "seq")
            value = [self.build(child, depth + 1) for child in node.value]
        else:
            assert isinstance(node, yaml.MappingNode)
            _expect_tag(node, "map")
            value = self._mapping(node, depth)
        self.built[key] = value
        return value

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        lines: dict[str, int] = {}
        merged: list[dict[str, Any]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ParseError.at("a key must be text, not a list or mapping", line=_line(key_node))
            key = str(key_node.value)
            if key == "<<" and not key_node.style:
                merged.extend(self._merge_sources(value_node, depth))
                continue
            if key in result:
                raise ParseError.at(f"duplicate key {key!r} (first at line {lines[key]})", line=_line(key_node))
            lines[key] = _line(key_node)
            result[key] = self.build(value_node, depth + 1)
        for source in merged:
            for key, value in source.items():
                result.setdefault(key, value)
        return result

    def _merge_sources(self, node: yaml.Node, depth: int) -> list[dict[str, Any]]:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        sources = []
        for item in nodes:
            value = self.build(item, depth + 1)
            if not isinstance(value, dict):
                raise ParseError.at("a merge key '<<' needs a mapping or a list of mappings", line=_line(item))
            sources.append(value)
        return sources


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    value: str = node.value
    if tag in (_TAG + "str", "!"):
        return Plain(value) if not node.style else value
    if tag == _TAG + "int" or tag == _TAG + "float":
        number = plain_number(value.strip())
        if number is None:
            raise ParseError.at(f"{value!r} is not a number", line=_line(node))
        return float(number) if tag.endswith("float") else number
    if tag == _TAG + "bool":
        flag = plain_bool(value.strip())
        if flag is None:
            raise ParseError.at(f"{value!r} is not true or false", line=_line(node))
        return flag
    if tag == _TAG + "null":
        return None
    raise ParseError.at(f"unsupported YAML tag {tag!r} (only plain data is read)", line=_line(node))


def _expect_tag(node: yaml.Node, kind: str) -> None:
    if node.tag != _TAG + kind:
        raise ParseError.at(f"unsupported YAML tag {node.tag!r} (only plain data is read)", line=_line(node))


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def find_line(root: yaml.Node | None, path: Sequence[str | int]) -> int | None:
    """The line of the node at ``path`` (a key's own line), or the nearest parent's."""
    node = root
    line = _line(root) if root is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                    line, node = _line(key_node), value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = _line(node)
        else:
            return line
    return line
