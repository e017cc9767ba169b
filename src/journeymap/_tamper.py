"""Noticing a plugin that changes another plugin's exporter or importer while it loads, and undoing it (private).

Before each plugin loads, :func:`snapshot` records every part registered so far: the object, the
attributes of its class and of the object itself. :func:`restore` compares, puts back whatever changed
and names it, so the host reports the plugin as broken and the other part keeps working as it was.
It sees a patched method or attribute of a registered part; it cannot see a patched module-level helper
that a part calls (docs/plugins.md says so).
"""

from __future__ import annotations

import contextlib
from typing import Any

__all__ = ["Snapshot", "restore", "snapshot"]

Snapshot = dict[tuple[str, str], tuple[Any, dict[str, Any], dict[str, Any]]]
"""``(kind, name)`` -> the part, its class's attributes, its own attributes."""


def _attributes(thing: Any) -> dict[str, Any]:
    try:
        return dict(vars(thing))
    except TypeError:  # an object without __dict__ (slots)
        return {}


def snapshot(registries: dict[str, Any]) -> Snapshot:
    """What every registered part looks like now; ``registries`` maps a kind to its registry."""
    return {
        (kind, name): (part, _attributes(type(part)), _attributes(part))
        for kind, registry in registries.items()
        for name in registry.names()
        if (part := registry.get(name)) is not None
    }


def _put_back(thing: Any, before: dict[str, Any]) -> list[str]:
    changed = []
    now = _attributes(thing)
    for key in sorted(set(before) | set(now)):
        if key in before and key in now and now[key] is before[key]:
            continue
        changed.append(key)
        with contextlib.suppress(AttributeError, TypeError):
            if key in before:
                setattr(thing, key, before[key])
            else:
                delattr(thing, key)
    return changed


def restore(before: Snapshot) -> dict[tuple[str, str], list[str]]:
    """Undo changes to the parts in ``before``; return the attributes changed per part (none: nothing changed)."""
    changed = {}
    for key, (part, class_attributes, own_attributes) in before.items():
        keys = _put_back(type(part), class_attributes) + _put_back(part, own_attributes)
        if keys:
            changed[key] = keys
    return changed
