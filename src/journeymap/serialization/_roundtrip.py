"""Rewriting a YAML journey file a person wrote, keeping what did not change (private).

:func:`update` reads the file with ruamel.yaml's round-trip mode, which keeps
comments, key order, quoting and block or flow style, and merges the new
journey's plain data (the converter's compact form) into that tree:

- a value equal to the old one is not touched, whatever form the person
  wrote it in (``emotion: -1``, ``emotion: {score: -1}``, a quoted date);
- a changed scalar is replaced in place, in the old quoting style when the
  new value is text (``|`` when it gains a line break);
- a shorthand stays a shorthand while the new value can still be written
  as one (a barrier as its text), and a long form stays long;
- a new key goes where the schema puts it among the keys already there,
  a removed key (or one reset to its default) is deleted;
- list items are matched by id (stages, touchpoints, personas…) and
  otherwise by their content and position, so a removed touchpoint removes
  only its own lines and a comment above the next one stays;
- an id the person left out (derived from the name) is written only when
  it no longer follows from the name.

Old and new values are compared as the journey loader reads them (the plain
data of the old file's journey), never as ruamel.yaml types them, so the
YAML 1.2 meaning of scalars of :mod:`~journeymap.serialization._yaml` holds.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
from collections.abc import Callable
from typing import Any

import attrs

from journeymap._rules import slugify
from journeymap._shorthands import shorthand_field
from journeymap.model import Journey
from journeymap.serialization._fields import ISO_DATE, FieldType, field_type
from journeymap.serialization._yaml_nodes import block_ok, drop, fresh, insert, insert_item, needs_escapes, reorder

__all__ = ["update"]

_MISSING: Any = object()
_JOURNEY = FieldType(Journey, many=False, nullable=False)


def update(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """The YAML ``text``, whose journey has the plain data ``old``, rewritten to hold ``new``.

    Raises ImportError when ruamel.yaml is not installed and ruamel.yaml's
    own errors when it cannot read ``text``.
    """
    windows = "\r\n" in text
    text = text.replace("\r\n", "\n") if windows else text  # ruamel.yaml keeps a comment's "\r" and adds "\n"
    yaml = _reader()
    yaml.width = 4096  # never wrap a long line (as the fresh dump does not)
    mapping, sequence, offset = _indents(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.explicit_start = _explicit_start(text)
    tree = yaml.load(text)
    tree = _Merger().value(tree, old, new, _JOURNEY)
    out = io.StringIO()
    yaml.dump(tree, out)
    result = out.getvalue()
    return result.replace("\n", "\r\n") if windows else result


class _Verbatim(str):
    """A plain number, boolean or null as the person wrote it (``+5``, ``True``, ``~``, ``1.50``), written so again.

    ruamel.yaml would write them its own way (``5``, ``true``, nothing, and a float rounded).
    """

    __slots__ = ("tag",)
    tag: str


def _reader() -> Any:
    """A round-trip ruamel.yaml that keeps quotes, and the text of plain numbers, booleans and nulls."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    class Constructor(RoundTripConstructor):
        """Plain numbers, booleans and nulls read as :class:`_Verbatim`."""

    class Representer(RoundTripRepresenter):
        """:class:`_Verbatim` written as it was read."""

    def verbatim(constructor: Any, node: Any) -> Any:
        if node.style:
            return originals[node.tag](constructor, node)
        value = _Verbatim(node.value)
        value.tag = node.tag
        return value

    def represent(representer: Any, value: _Verbatim) -> Any:
        return representer.represent_scalar(value.tag, str(value))

    originals: dict[str, Any] = {}
    for kind in ("int", "float", "bool", "null"):
        tag = "tag:yaml.org,2002:" + kind
        originals[tag] = RoundTripConstructor.yaml_constructors[tag]
        Constructor.add_constructor(tag, verbatim)
    Representer.add_representer(_Verbatim, represent)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    yaml.Representer = Representer
    yaml.preserve_quotes = True
    return yaml


def _indents(text: str) -> tuple[int, int, int]:
    """The mapping indent, block sequence indent and dash offset the text uses (ruamel.yaml's terms).

    >>> _indents("a:\\n  b: 1\\nc:\\n  - x\\n")
    (2, 4, 2)
    >>> _indents("a:\\n    b: 1\\nc:\\n- x\\n")
    (4, 2, 0)
    """
    mapping = sequence = offset = None
    key_line: int | None = None  # indent of the last line that was a lone key ("stages:")
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if key_line is not None and indent >= key_line:
            if stripped.startswith("- ") and sequence is None:
                after = len(stripped) - len(stripped[1:].lstrip(" "))
                offset, sequence = indent - key_line, indent - key_line + after
            elif not stripped.startswith("-") and indent > key_line and mapping is None:
                mapping = indent - key_line
        key_line = indent if stripped.endswith(":") and not stripped.startswith("- ") else None
        if mapping is not None and sequence is not None:
            break
    mapping = mapping or 2
    if sequence is None or offset is None:
        sequence, offset = mapping + 2, mapping
    return mapping, max(sequence, offset + 2), offset


def _explicit_start(text: str) -> bool:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith(("#", "%")):
            return line.rstrip() == "---"
    return False


class _Merger:
    """Merges new plain data into a ruamel.yaml tree whose old plain data is known."""

    def value(self, tree: Any, old: Any, new: Any, shape: FieldType) -> Any:
        """The tree for ``new`` made from ``tree`` (which holds ``old``): the same node changed, or a new one."""
        if old is not _MISSING and old == new:
            return tree
        if shape.keyed:
            item = FieldType(shape.base, shape.many, nullable=False)
            if isinstance(tree, dict) and isinstance(new, dict):
                self.mapping(tree, _as_dict(old), new, lambda _: item, None)
                return tree
            return fresh(new)
        if shape.many:
            item = FieldType(shape.base, many=False, nullable=False)
            if isinstance(tree, list) and isinstance(new, list):
                self.sequence(tree, old if isinstance(old, list) else [], new, item)
                return tree
            if not isinstance(tree, dict | list) and isinstance(new, list) and len(new) == 1:
                return self.value(tree, _MISSING, new[0], item)  # `notes: one text` stays one text
            return fresh(new)
        cls = shape.base if attrs.has(shape.base) else None
        if cls is not None:
            return self.thing(tree, old, new, cls)
        return _scalar(tree, new)

    def thing(self, tree: Any, old: Any, new: Any, cls: type) -> Any:
        """A model object, written as a mapping or as the lone value of its shorthand field."""
        short = shorthand_field(cls)
        name = None if short is None else short.name
        if isinstance(tree, dict) and (name is not None or isinstance(new, dict)):
            old_fields: dict[str, Any] = (
                old if isinstance(old, dict) else {name: old} if name and old is not _MISSING else {}
            )
            new_fields: dict[str, Any] = new if isinstance(new, dict) else {str(name): new}
            self.mapping(tree, old_fields, new_fields, _field_shapes(cls), cls)
            return tree
        if name is not None and not isinstance(tree, list):
            lone = new if not isinstance(new, dict) else _lone(new, name, cls)
            if lone is not _MISSING:
                return _scalar(tree, lone)
        return fresh(new)

    def mapping(
        self,
        tree: Any,
        old: dict[str, Any],
        new: dict[str, Any],
        shape_of: Callable[[str], FieldType],
        cls: type | None,
    ) -> None:
        """Merge ``new`` into the mapping ``tree`` that holds ``old``."""
        derived = cls is not None and _derives_id(cls)
        keys = {str(key): key for key in tree}
        for text, key in keys.items():
            if text not in new and text in old and not (derived and text == "id"):
                drop(tree, key)
        order = list(new)
        for text, value in new.items():
            if derived and text == "id":
                continue
            before = old.get(text, _MISSING)
            if text in keys:
                if before is _MISSING or before != value:
                    key = keys[text]
                    tree[key] = self.value(tree[key], before, value, shape_of(text))
            elif before is _MISSING or before != value:
                insert(tree, text, fresh(value), order)
        if derived:
            self._id(tree, keys, new, cls, order)
        if cls is None and [str(key) for key in tree] != [key for key in order if key in new]:
            for text in order:  # a mapping of ids keeps the new order (custom lanes are shown in it)
                tree.move_to_end(next(key for key in tree if str(key) == text))

    def _id(self, tree: Any, keys: dict[str, Any], new: dict[str, Any], cls: Any, order: list[str]) -> None:
        """Write the id where the file has one or where it no longer follows from the name."""
        target = new.get("id")
        if "id" in keys:
            written = tree[keys["id"]]
            wanted = target if target is not None else slugify(str(new.get("name", "")), cls.__name__.lower())
            if str(written) != wanted:
                tree[keys["id"]] = _scalar(written, wanted)
        elif target is not None:
            insert(tree, "id", target, order)

    def sequence(self, tree: Any, old: list[Any], new: list[Any], item: FieldType) -> None:
        """Merge the list ``new`` into ``tree`` (holding ``old``): items matched by id, else by content and place."""
        pairs = _match(old, new, item.base)
        kept = [i for i in pairs if i is not None]
        for index in sorted(set(range(len(old))) - set(kept), reverse=True):
            drop(tree, index)
        remaining = sorted(kept)
        if kept != remaining:  # items moved: put them in the new order, comments with them
            reorder(tree, [remaining.index(i) for i in kept])
        for j, i in enumerate(pairs):
            if i is None:
                insert_item(tree, j, fresh(new[j]))
            elif old[i] != new[j]:
                tree[j] = self.value(tree[j], old[i], new[j], item)


def _field_shapes(cls: type) -> Callable[[str], FieldType]:
    fields = attrs.fields_dict(cls)

    def shape_of(name: str) -> FieldType:
        return field_type(cls, fields[name])

    return shape_of


def _derives_id(cls: type) -> bool:
    """Whether the class derives its id from its name when the file leaves it out."""
    return "_auto_id" in attrs.fields_dict(cls) and "name" in attrs.fields_dict(cls)


def _lone(new: dict[str, Any], name: str, cls: type) -> Any:
    """The shorthand value of ``new`` if it holds nothing but the shorthand field (and a derived id)."""
    rest = set(new) - {name}
    if _derives_id(cls) and rest == {"id"} and new["id"] == slugify(str(new.get(name, "")), cls.__name__.lower()):
        rest = set()
    if rest or name not in new or isinstance(new[name], dict | list):
        return _MISSING
    return new[name]


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _identity(value: Any, cls: Any) -> str | None:
    """What identifies a list item: its id, or for a thing whose id is derived the slug of its name."""
    if not attrs.has(cls) or "id" not in attrs.fields_dict(cls):
        return None
    if isinstance(value, dict):
        if value.get("id") is not None:
            return str(value["id"])
        if _derives_id(cls) and isinstance(value.get("name"), str):
            return slugify(value["name"], cls.__name__.lower())
        return None
    if _derives_id(cls) and isinstance(value, str) and getattr(shorthand_field(cls), "name", None) == "name":
        return slugify(value, cls.__name__.lower())
    return None


def _match(old: list[Any], new: list[Any], cls: Any) -> list[int | None]:
    """For each new item, the index of the old item it continues (None for an added item)."""
    old_ids = [_identity(value, cls) for value in old]
    new_ids = [_identity(value, cls) for value in new]
    ids_usable = None not in old_ids and None not in new_ids
    if ids_usable and len(set(old_ids)) == len(old_ids) and len(set(new_ids)) == len(new_ids):
        where = {key: index for index, key in enumerate(old_ids)}
        return [where.get(key) for key in new_ids]
    pairs: list[int | None] = [None] * len(new)
    matcher = difflib.SequenceMatcher(None, [_key(v) for v in old], [_key(v) for v in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):  # a replaced run is edited item by item, as far as it pairs up
            for offset in range(min(i2 - i1, j2 - j1)):
                pairs[j1 + offset] = i1 + offset
    return pairs


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _scalar(tree: Any, new: Any) -> Any:
    """``new`` as a scalar written the way ``tree`` was: the same quotes or block style for text, a date for a date."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString

    if isinstance(new, str):
        if isinstance(tree, dt.date) and not isinstance(tree, dt.datetime) and ISO_DATE.match(new):
            return dt.date.fromisoformat(new)
        if "\n" in new and block_ok(new):
            return LiteralScalarString(new)
        if "\n" in new or needs_escapes(new):
            return fresh(new)
        if isinstance(tree, ScalarString) and not isinstance(tree, LiteralScalarString | FoldedScalarString):
            return type(tree)(new)
        if isinstance(tree, FoldedScalarString):
            folded = FoldedScalarString(new)
            folded.fold_pos = _folds(str(tree), getattr(tree, "fold_pos", []), new)
            return folded
    return fresh(new)


def _folds(old: str, positions: list[int], new: str) -> list[int]:
    """Where a ``>`` block of ``new`` breaks its lines: at the old breaks whose text around them is unchanged.

    >>> _folds("one two three four five", [7, 18], "one two three FOUR five")
    [7, 18]
    >>> _folds("one two three four five", [7, 18], "one two three big four five")
    [7, 22]
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    moved = []
    for position in positions:
        for start, other, size in matcher.get_matching_blocks():
            if start <= position < start + size:
                target = other + position - start
                if new[target] == " ":
                    moved.append(target)
                break
    return moved


# Comments: ruamel.yaml keeps a comment (and blank lines) after the last scalar before it, so the lines
# above an item belong to the end of the item before it. Removing or adding an item moves that tail along.
