"""The plugin manager behind :mod:`journeymap.plugins`: candidates, registration, broken plugins (private).

A *candidate* is a plugin not yet loaded: a default-plugin module, an entry
point of the group ``journeymap``, or an object handed to
:func:`journeymap.plugins.isolated`. :func:`build` loads each in turn,
registers it with pluggy, calls its ``register_exporters`` and
``register_importers`` hooks, and records a plugin that fails (on import, on
registration or in a hook) as a :class:`BrokenPlugin`, undoing whatever it
had registered. This is the only module that calls pluggy's hooks.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from journeymap import _tamper
from journeymap.errors import PluginError

if TYPE_CHECKING:
    from journeymap.hookspecs import ExporterRegistry, ImporterRegistry

__all__ = [
    "BrokenPlugin",
    "Candidate",
    "Host",
    "Provided",
    "build",
    "entry_point_candidates",
    "module_candidates",
    "object_candidates",
]

OWN_DISTRIBUTION = "journeymap"


@attrs.frozen(kw_only=True)
class Provided:
    """Something a distribution provides: its name and version, and the two as one line."""

    distribution: str
    """The installed distribution (``journeymap`` for the built-in plugins)."""
    version: str | None

    @property
    def provider(self) -> str:
        """Distribution and version, e.g. ``journeymap-markdown 0.1.0``."""
        return f"{self.distribution} {self.version}" if self.version else self.distribution


@attrs.frozen(kw_only=True)
class BrokenPlugin(Provided):
    """A plugin that failed to import or to register; its exporters and importers are missing."""

    name: str
    error: str
    """The exception type and message, e.g. ``ModuleNotFoundError: No module named 'x'``."""


@attrs.frozen(kw_only=True)
class Candidate(Provided):
    """A plugin to load: its name (entry-point or module name) and how to load it."""

    name: str
    load: Callable[[], object] = attrs.field(eq=False, repr=False)


@attrs.define
class Host:
    """What the plugins registered, who registered each part, and the plugins that failed or were skipped."""

    exporters: ExporterRegistry
    importers: ImporterRegistry
    origins: dict[tuple[str, str], Candidate] = attrs.Factory(dict)
    """The plugin behind each part, by ``("exporter" | "importer", name)``."""
    broken: list[BrokenPlugin] = attrs.Factory(list)
    disabled: list[str] = attrs.Factory(list)

    def origin(self, kind: str, name: str) -> Candidate:
        """The plugin that registered the exporter or importer called ``name``."""
        return self.origins[(kind, name)]


def module_candidates(modules: Iterable[str], version: str) -> list[Candidate]:
    """The default plugins: modules of journeymap itself, imported when loaded."""
    return [
        Candidate(name=module, distribution=OWN_DISTRIBUTION, version=version, load=_importing(module))
        for module in modules
    ]


def _importing(module: str) -> Callable[[], object]:
    return lambda: importlib.import_module(module)


def object_candidates(plugins: Iterable[object]) -> list[Candidate]:
    """Plugin objects (modules or instances with ``@hookimpl`` functions) handed over directly."""
    candidates = []
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        candidates.append(Candidate(name=name, distribution=name, version=None, load=_constant(plugin)))
    return candidates


def _constant(plugin: object) -> Callable[[], object]:
    return lambda: plugin


def entry_point_candidates(group: str) -> list[Candidate]:
    """The installed plugins: entry points of ``group``, in name order."""
    from importlib.metadata import entry_points  # only when plugins are first used: it is slow to import

    candidates = []
    for entry_point in sorted(entry_points(group=group), key=lambda e: e.name):
        dist = entry_point.dist
        candidates.append(
            Candidate(
                name=entry_point.name,
                distribution=dist.name if dist is not None else "unknown distribution",
                version=dist.version if dist is not None else None,
                load=entry_point.load,
            )
        )
    return candidates


def build(candidates: Iterable[Candidate], blocked: Collection[str] = ()) -> Host:
    """Load and register each candidate in turn; skip the ``blocked`` names; record the ones that fail."""
    import pluggy

    from journeymap import hookspecs

    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    host = Host(exporters=hookspecs.ExporterRegistry(), importers=hookspecs.ImporterRegistry())
    with contextlib.redirect_stdout(sys.stderr):  # a plugin printing on import must not spoil `-o -` output
        _load_all(host, manager, candidates, blocked)
    return host


def _load_all(host: Host, manager: Any, candidates: Iterable[Candidate], blocked: Collection[str]) -> None:
    for candidate in candidates:
        if candidate.name in blocked:
            manager.set_blocked(candidate.name)
            host.disabled.append(candidate.name)
            continue
        before = _tamper.snapshot({"exporter": host.exporters, "importer": host.importers})
        try:
            plugin = candidate.load()
            manager.register(plugin, name=candidate.name)
        except Exception as error:
            host.broken.append(_broken(candidate, error))
            _tamper.restore(before)  # a plugin failing halfway through its import may have patched others
            continue
        if _tampered(host, candidate, before):
            manager.unregister(plugin)
            continue
        try:
            manager.check_pending()
            for kind, hook, registry in (
                ("exporter", "register_exporters", host.exporters),
                ("importer", "register_importers", host.importers),
            ):
                for name in _call_hook(manager, plugin, hook, registry, candidate.provider):
                    host.origins[(kind, name)] = candidate
        except Exception as error:
            _forget(host, candidate)
            manager.unregister(plugin)
            host.broken.append(_broken(candidate, error))
            continue
        if _tampered(host, candidate, before):
            _forget(host, candidate)
            manager.unregister(plugin)


def _tampered(host: Host, candidate: Candidate, before: _tamper.Snapshot) -> bool:
    """Undo what ``candidate`` changed in parts other plugins registered; record it as broken if it did."""
    changed = _tamper.restore(before)
    if changed:
        parts = ", ".join(
            f"the {kind} {name!r} of {host.origin(kind, name).provider} ({', '.join(keys)})"
            for (kind, name), keys in changed.items()
        )
        error = PluginError(f"changed {parts} while loading; journeymap undid it")
        host.broken.append(_broken(candidate, error))
    return bool(changed)


def _call_hook(manager: Any, plugin: object, hook: str, registry: Any, provider: str) -> list[str]:
    """Call one plugin's ``hook`` with ``registry``; undo its registrations if it fails. Returns the new names."""
    others = [p for p in manager.get_plugins() if p is not plugin]
    call = manager.subset_hook_caller(hook, remove_plugins=others)
    before = set(registry.names())
    registry.provider = provider
    try:
        call(registry=registry)
    except BaseException:
        for name in registry.names():
            if name not in before:
                registry.unregister(name)
        raise
    return [name for name in registry.names() if name not in before]


def _forget(host: Host, candidate: Candidate) -> None:
    """Drop every exporter and importer a plugin registered (it failed halfway)."""
    registries: dict[str, ExporterRegistry | ImporterRegistry] = {
        "exporter": host.exporters,
        "importer": host.importers,
    }
    for kind, name in [key for key, origin in host.origins.items() if origin is candidate]:
        registries[kind].unregister(name)
        del host.origins[(kind, name)]


def _broken(candidate: Candidate, error: BaseException) -> BrokenPlugin:
    message = " ".join(str(error).split()) or "(no message)"
    return BrokenPlugin(
        name=candidate.name,
        distribution=candidate.distribution,
        version=candidate.version,
        error=f"{type(error).__name__}: {message}",
    )
