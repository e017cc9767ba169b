"""Making and placing nodes of a ruamel.yaml round-trip tree, comments kept with their items (private).

:mod:`~journeymap.serialization._roundtrip` decides what changed; this module
writes it: new nodes for plain data (:func:`fresh`), keys inserted in the
schema's order, list items inserted, dropped or reordered with the comment
lines that belong to them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["block_ok", "drop", "fresh", "insert", "insert_item", "needs_escapes", "reorder"]

_MISSING: Any = object()


def fresh(value: Any) -> Any:
    """A new node for plain data: block mappings and lists, multi-line text as a ``|`` block."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, dict):
        return CommentedMap((_fresh_key(key), fresh(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(fresh(item) for item in value)
    if isinstance(value, str) and "\n" in value and block_ok(value):
        return LiteralScalarString(value)
    if isinstance(value, str) and needs_escapes(value):
        return DoubleQuotedScalarString(value)
    return value


def _fresh_key(key: str) -> str:
    """A new mapping key: double-quoted when only escapes write it safely."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(key) if needs_escapes(key) else key


def needs_escapes(text: str) -> bool:
    """Whether the text has characters only a double-quoted scalar writes safely (controls, NEL, LS, PS)."""
    return not all(char == "\n" or char.isprintable() for char in text)


def block_ok(text: str) -> bool:
    """Whether a ``|`` block holds ``text`` as it is (else ruamel.yaml picks a quoted form with escapes).

    >>> block_ok("two\\nlines"), block_ok(" indented\\nfirst"), block_ok("bell\\x07\\n"), block_ok("end \\nspace")
    (True, False, False, False)
    """
    return not text.startswith((" ", "\n")) and " \n" not in text and not needs_escapes(text)


def _tail(node: Any) -> tuple[dict[Any, Any], Any, int] | None:
    """Where the comment after ``node``'s last line is kept: (comment items, key, slot), or None."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while isinstance(node, CommentedMap | CommentedSeq) and len(node) and not node.fa.flow_style():
        last = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        child = node[last]
        if isinstance(child, CommentedMap | CommentedSeq) and len(child) and not child.fa.flow_style():
            node = child
            continue
        return node.ca.items, last, 2 if isinstance(node, CommentedMap) else 0
    return None


def _child_tail(container: Any, key: Any) -> tuple[dict[Any, Any], Any, int] | None:
    """Where the comment after the entry ``key`` of ``container`` is kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(container, CommentedMap | CommentedSeq) or container.fa.flow_style():
        return None
    inner = _tail(container[key])
    if inner is not None:
        return inner
    return container.ca.items, key, 2 if isinstance(container, CommentedMap) else 0


def _take(where: tuple[dict[Any, Any], Any, int] | None) -> Any:
    if where is None:
        return None
    items, key, slot = where
    entry = items.get(key)
    if not entry:
        return None
    token, entry[slot] = entry[slot], None
    return token


def _put(where: tuple[dict[Any, Any], Any, int] | None, token: Any) -> None:
    if where is None:
        return
    items, key, slot = where
    entry = items.setdefault(key, [None, None, None, None])
    entry[slot] = token


def _before(tree: Any, key: Any) -> Any:
    """The key (or index) of the entry before ``key``, or _MISSING for the first."""
    if isinstance(tree, list):
        return key - 1 if key > 0 else _MISSING
    keys = list(tree)
    at = keys.index(key)
    return keys[at - 1] if at > 0 else _MISSING


def drop(tree: Any, key: Any) -> None:
    """Remove an entry with its lines; the comment after it now follows the entry before it."""
    previous = _before(tree, key)
    token = _take(_child_tail(tree, key))
    if previous is not _MISSING:
        _take(_child_tail(tree, previous))  # the comment above the removed entry goes with it
        if token is not None:
            _put(_child_tail(tree, previous), token)
    elif token is not None and len(tree) > 1:
        _lead(tree, token)
    del tree[key]


def _lead(tree: Any, token: Any) -> None:
    """Put the whole-line comments of a tail token before the first entry of ``tree``."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    lines = str(token.value).split("\n")[1:-1]  # the first part ends the removed entry's own last line
    tokens = [CommentToken(line.lstrip() + "\n", CommentMark(len(line) - len(line.lstrip())), None) for line in lines]
    if not tokens:
        return
    if tree.ca.comment is None:
        tree.ca.comment = [None, []]
    tree.ca.comment[1] = [*(tree.ca.comment[1] or []), *tokens]


def insert(tree: Any, key: str, value: Any, order: list[str]) -> None:
    """Insert a mapping key after the last key present that comes before it in ``order``."""
    present = {str(k): index for index, k in enumerate(tree)}
    position = 0
    for name in reversed(order[: order.index(key)]):
        if name in present:
            position = present[name] + 1
            break
    previous = list(tree)[position - 1] if position > 0 else _MISSING
    token = _take(_child_tail(tree, previous)) if previous is not _MISSING else None
    key = _fresh_key(key)
    tree.insert(position, key, value)
    if token is not None:
        _put(_child_tail(tree, key), token)


def insert_item(tree: Any, index: int, value: Any) -> None:
    """Insert a list item; the comment after the item before it now follows the new one."""
    token = _take(_child_tail(tree, index - 1)) if index > 0 else None
    tree.insert(index, value)
    if token is not None:
        _put(_child_tail(tree, index), token)


def reorder(tree: Any, order: list[int]) -> None:
    """Put the items of ``tree`` in ``order`` (old indices), each with its comments; the list's last tail stays last."""
    items = list(tree)
    tails = [_take(_child_tail(tree, index)) for index in range(len(items))]
    comments = dict(tree.ca.items)
    tree.ca.items.clear()
    list.clear(tree)
    for new_index, old_index in enumerate(order):
        list.append(tree, items[old_index])
        if old_index in comments:
            tree.ca.items[new_index] = comments[old_index]
    moved = [tails[old_index] for old_index in order]
    was_last = order.index(len(items) - 1)
    moved[was_last], moved[-1] = moved[-1], moved[was_last]
    for new_index, token in enumerate(moved):
        if token is not None:
            _put(_child_tail(tree, new_index), token)
