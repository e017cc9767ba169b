"""The plugin host: finds exporters and writes journeys with them.

This is the only module that talks to pluggy's hooks; everything else calls
the typed functions below. The plugin manager is built on first use (never
at import): first the built-in default plugins (:data:`DEFAULT_PLUGINS`),
then every entry point of the group ``journeymap``, one at a time and in
name order. A plugin that fails to import or to register is recorded in
:func:`broken_plugins` with its distribution, version and error, and
everything else keeps working. ``JOURNEYMAP_DISABLE_PLUGINS=a,b`` skips the
plugins with those entry-point names (or default-plugin module names)
without importing them.

>>> import io, journeymap as jm
>>> from journeymap import plugins
>>> "json" in [f.name for f in plugins.formats()]
True
>>> stream = io.BytesIO()
>>> plugins.export(jm.Journey(title="Buying a course"), stream, format="json")
>>> b'"title": "Buying a course"' in stream.getvalue()
True
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO, overload

import attrs

from journeymap._atomic import write_atomic
from journeymap._validate import check_language
from journeymap.errors import ExportError, JourneyMapError, MissingDependencyError, UnknownFormatError, ValidationError
from journeymap.exporters import DEFAULT_PLUGINS

if TYPE_CHECKING:
    from journeymap.hookspecs import Exporter, ExporterRegistry, Importer, ImporterRegistry
    from journeymap.model import Journey

__all__ = [
    "DEFAULT_PLUGINS",
    "DISABLE_VARIABLE",
    "BrokenPlugin",
    "FormatInfo",
    "broken_plugins",
    "check_options",
    "disabled_plugins",
    "export",
    "export_with",
    "exporter_for",
    "formats",
    "get_exporter",
    "get_importer",
    "importer_for",
    "isolated",
    "require",
    "reset",
]

DISABLE_VARIABLE = "JOURNEYMAP_DISABLE_PLUGINS"
"""Environment variable with comma-separated plugin names to skip."""

_OWN_DISTRIBUTION = "journeymap"


@attrs.frozen(kw_only=True)
class FormatInfo:
    """What ``journeymap formats`` shows about one exporter."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    extra: str | None
    plugin: str
    """Name of the plugin that registered it (entry-point name or module name)."""
    distribution: str
    """The installed distribution that provides the plugin (``journeymap`` for built-ins)."""
    version: str | None

    @property
    def provider(self) -> str:
        """Distribution and version, e.g. ``journeymap-markdown 0.1.0``."""
        return f"{self.distribution} {self.version}" if self.version else self.distribution


@attrs.frozen(kw_only=True)
class BrokenPlugin:
    """A plugin that failed to import or to register; its exporters are missing."""

    name: str
    distribution: str
    version: str | None
    error: str
    """The exception type and message, e.g. ``ModuleNotFoundError: No module named 'x'``."""

    @property
    def provider(self) -> str:
        """Distribution and version of the broken plugin."""
        return f"{self.distribution} {self.version}" if self.version else self.distribution


@attrs.frozen(kw_only=True)
class _Candidate:
    name: str
    distribution: str
    version: str | None
    load: Callable[[], object]

    @property
    def provider(self) -> str:
        return f"{self.distribution} {self.version}" if self.version else self.distribution


@attrs.define
class _Host:
    registry: ExporterRegistry
    importers: ImporterRegistry
    infos: dict[str, FormatInfo] = attrs.Factory(dict)
    broken: list[BrokenPlugin] = attrs.Factory(list)
    disabled: list[str] = attrs.Factory(list)


_lock = threading.RLock()
_host: _Host | None = None


def _blocked() -> set[str]:
    return {name.strip() for name in os.environ.get(DISABLE_VARIABLE, "").split(",") if name.strip()}


def _own_version() -> str:
    from journeymap._version import __version__

    return __version__


def _default_candidates(modules: Iterable[str]) -> list[_Candidate]:
    version = _own_version()
    return [_Candidate(name=m, distribution=_OWN_DISTRIBUTION, version=version, load=_importer(m)) for m in modules]


def _importer(module: str) -> Callable[[], object]:
    return lambda: importlib.import_module(module)


def _object_candidates(plugins: Iterable[object]) -> list[_Candidate]:
    candidates = []
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or type(plugin).__name__
        candidates.append(_Candidate(name=name, distribution=name, version=None, load=_constant(plugin)))
    return candidates


def _constant(plugin: object) -> Callable[[], object]:
    return lambda: plugin


def _entry_point_candidates() -> list[_Candidate]:
    from importlib.metadata import entry_points  # only when plugins are first used: it is slow to import

    candidates = []
    for entry_point in sorted(entry_points(group="journeymap"), key=lambda e: e.name):
        dist = entry_point.dist
        candidates.append(
            _Candidate(
                name=entry_point.name,
                distribution=dist.name if dist is not None else "unknown distribution",
                version=dist.version if dist is not None else None,
                load=entry_point.load,
            )
        )
    return candidates


def _build(candidates: Iterable[_Candidate]) -> _Host:
    """Register each candidate in turn; record the ones that fail."""
    import pluggy

    from journeymap import hookspecs

    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    host = _Host(registry=hookspecs.ExporterRegistry(), importers=hookspecs.ImporterRegistry())
    blocked = _blocked()
    for candidate in candidates:
        if candidate.name in blocked:
            manager.set_blocked(candidate.name)
            host.disabled.append(candidate.name)
            continue
        try:
            plugin = candidate.load()
            manager.register(plugin, name=candidate.name)
        except Exception as error:
            host.broken.append(_broken(candidate, error))
            continue
        try:
            manager.check_pending()
            _register_exporters(manager, plugin, candidate, host)
            _register_importers(manager, plugin, candidate, host)
        except Exception as error:
            for name in [n for n, info in host.infos.items() if info.plugin == candidate.name]:
                host.registry.unregister(name)
                del host.infos[name]
            manager.unregister(plugin)
            host.broken.append(_broken(candidate, error))
    return host


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


def _register_exporters(manager: Any, plugin: object, candidate: _Candidate, host: _Host) -> None:
    """Call one plugin's ``register_exporters`` and record what each new exporter is."""
    registry = host.registry
    for name in _call_hook(manager, plugin, "register_exporters", registry, candidate.provider):
        exporter = registry.get(name)
        assert exporter is not None
        host.infos[name] = FormatInfo(
            name=name,
            suffixes=tuple(exporter.suffixes),
            description=exporter.description,
            extra=exporter.extra,
            plugin=candidate.name,
            distribution=candidate.distribution,
            version=candidate.version,
        )


def _register_importers(manager: Any, plugin: object, candidate: _Candidate, host: _Host) -> None:
    """Call one plugin's ``register_importers``."""
    _call_hook(manager, plugin, "register_importers", host.importers, candidate.provider)


def get_importer(name: str) -> Importer:
    """The importer called ``name`` (any letter case); :class:`~journeymap.errors.UnknownFormatError` if none.

    >>> get_importer("mermaid-journey").suffixes
    ('.mmd',)
    """
    host = _current()
    importer = host.importers.get(name.strip().lower())
    if importer is None:
        raise _unknown(UnknownFormatError(name, ["yaml", "json", *host.importers.names()]), host)
    return importer


def importer_for(path: str | os.PathLike[str], format: str | None = None) -> Importer:
    """The importer named by ``format``, or else the one whose suffix (longest first) ends the file name.

    >>> importer_for("day.MMD").name
    'mermaid-journey'
    """
    if format is not None:
        return get_importer(format)
    host = _current()
    filename = Path(path).name.lower()
    matching = sorted(
        (
            (suffix, importer)
            for importer in host.importers
            for suffix in importer.suffixes
            if filename.endswith(suffix)
        ),
        key=lambda pair: len(pair[0]),
    )
    if not matching:
        known = [".yaml", ".yml", ".json", *(s for i in host.importers for s in i.suffixes)]
        raise _unknown(UnknownFormatError(Path(path).suffix or str(path), known, what="journey file suffix"), host)
    return matching[-1][1]


def _broken(candidate: _Candidate, error: BaseException) -> BrokenPlugin:
    message = " ".join(str(error).split()) or "(no message)"
    return BrokenPlugin(
        name=candidate.name,
        distribution=candidate.distribution,
        version=candidate.version,
        error=f"{type(error).__name__}: {message}",
    )


def _current() -> _Host:
    global _host
    with _lock:
        if _host is None:
            _host = _build([*_default_candidates(DEFAULT_PLUGINS), *_entry_point_candidates()])
        return _host


def reset() -> None:
    """Forget the plugin manager; the next use builds it again (after installing a plugin, say)."""
    global _host
    with _lock:
        _host = None


@contextlib.contextmanager
def isolated(*plugins: object, defaults: bool = True) -> Iterator[None]:
    """Use a plugin manager that loads no entry points, within a ``with`` block.

    It holds the default plugins (unless ``defaults=False``) and ``plugins``
    (modules or objects with ``@hookimpl`` functions). For tests.

    >>> from journeymap import plugins
    >>> with plugins.isolated(defaults=False):
    ...     plugins.formats()
    ()
    """
    global _host
    candidates = [*(_default_candidates(DEFAULT_PLUGINS) if defaults else []), *_object_candidates(plugins)]
    with _lock:
        saved, _host = _host, _build(candidates)
    try:
        yield
    finally:
        with _lock:
            _host = saved


def formats() -> tuple[FormatInfo, ...]:
    """Every exporter that loaded, by name.

    >>> from journeymap import plugins
    >>> [(f.name, f.suffixes, f.distribution) for f in plugins.formats() if f.name == "yaml"]
    [('yaml', ('.yaml', '.yml'), 'journeymap')]
    """
    host = _current()
    return tuple(host.infos[name] for name in sorted(host.infos))


def broken_plugins() -> tuple[BrokenPlugin, ...]:
    """Plugins that failed to import or register, with their errors."""
    return tuple(_current().broken)


def disabled_plugins() -> tuple[str, ...]:
    """Names of plugins skipped because of ``JOURNEYMAP_DISABLE_PLUGINS``."""
    return tuple(_current().disabled)


def get_exporter(name: str) -> Exporter:
    """The exporter called ``name`` (any letter case); :class:`~journeymap.errors.UnknownFormatError` if none."""
    host = _current()
    exporter = host.registry.get(name.strip().lower())
    if exporter is None:
        raise _unknown(UnknownFormatError(name, host.registry.names()), host)
    return exporter


def exporter_for(path: str | os.PathLike[str], format: str | None = None) -> Exporter:
    """The exporter named by ``format``, or else the one whose suffix ends the file name.

    The longest matching suffix wins (``.tar.gz`` before ``.gz``); a suffix two
    exporters claim is a :class:`~journeymap.errors.ValidationError` asking for
    ``format=``.

    >>> exporter_for("out/map.YML").name
    'yaml'
    """
    if format is not None:
        return _by_name_or_suffix(format)
    host = _current()
    filename = Path(path).name.lower()
    claims: dict[str, list[str]] = {}
    for info in host.infos.values():
        for suffix in info.suffixes:
            claims.setdefault(suffix, []).append(info.name)
    matching = sorted((s for s in claims if filename.endswith(s) and len(filename) > len(s)), key=len)
    if not matching:
        shown = Path(path).suffix or str(path)
        raise _unknown(UnknownFormatError(shown, claims, what="file suffix"), host)
    names = claims[matching[-1]]
    if len(names) > 1:
        providers = ", ".join(f"{n} ({host.infos[n].provider})" for n in names)
        raise ValidationError.at("format", f"suffix {matching[-1]!r} is used by {providers}; choose one with format=")
    return get_exporter(names[0])


def _by_name_or_suffix(format: str) -> Exporter:
    host = _current()
    name = format.strip().lower()
    if name in host.registry:
        return get_exporter(name)
    suffix = "." + name.lstrip(".")
    owners = [info.name for info in host.infos.values() if suffix in info.suffixes]
    if len(owners) == 1:
        return get_exporter(owners[0])
    raise _unknown(UnknownFormatError(format, host.registry.names()), host)


def _unknown(error: UnknownFormatError, host: _Host) -> UnknownFormatError:
    """Say when a plugin that failed or was disabled may be the one wanted."""
    missing = [p.name for p in host.broken] + host.disabled
    if missing:
        error.args = (f"{error.args[0]} (not loaded: {', '.join(missing)}; see 'journeymap formats')",)
    return error


@overload
def export(
    journey: Journey,
    path: str | os.PathLike[str],
    format: str | None = None,
    lang: str | None = None,
    overwrite: bool = False,
    **options: Any,
) -> Path: ...


@overload
def export(
    journey: Journey,
    path: BinaryIO,
    format: str | None = None,
    lang: str | None = None,
    overwrite: bool = False,
    **options: Any,
) -> None: ...


def export(
    journey: Journey,
    path: str | os.PathLike[str] | BinaryIO,
    format: str | None = None,
    lang: str | None = None,
    overwrite: bool = False,
    **options: Any,
) -> Path | None:
    """Write ``journey`` to a file (or binary stream) with an exporter.

    The format comes from ``format`` (an exporter name such as ``"xlsx"``) or
    else from the file's suffix; a stream needs ``format``. ``lang`` selects
    the language of headings (default: the journey's ``language``).
    ``options`` go to the exporter. A file is written whole or not at all,
    and an existing one is replaced only with ``overwrite=True``. Returns the
    path written (``None`` for a stream).

    Raises :class:`~journeymap.errors.UnknownFormatError` listing the known
    formats, :class:`~journeymap.errors.TargetExistsError`,
    :class:`~journeymap.errors.MissingDependencyError` naming the extra to
    install, or :class:`~journeymap.errors.ExportError` naming the exporter.
    """
    if isinstance(path, str | os.PathLike):
        exporter = exporter_for(path, format)
    elif format is None:
        raise ValidationError.at("format", "is required when writing to a stream (there is no file suffix)")
    else:
        exporter = _by_name_or_suffix(format)
    return export_with(exporter, journey, path, lang=lang, overwrite=overwrite, **options)


@overload
def export_with(
    exporter: Exporter,
    journey: Journey,
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    overwrite: bool = False,
    **options: Any,
) -> Path: ...


@overload
def export_with(
    exporter: Exporter,
    journey: Journey,
    path: BinaryIO,
    *,
    lang: str | None = None,
    overwrite: bool = False,
    **options: Any,
) -> None: ...


def export_with(
    exporter: Exporter,
    journey: Journey,
    path: str | os.PathLike[str] | BinaryIO,
    *,
    lang: str | None = None,
    overwrite: bool = False,
    **options: Any,
) -> Path | None:
    """Write ``journey`` with this exporter object, registered or not (see :func:`export`)."""
    language = lang or journey.language
    check_language("lang", language)

    def write(stream: BinaryIO) -> None:
        try:
            exporter.write(journey, stream, lang=language, **options)
        except JourneyMapError:
            raise
        except Exception as error:
            raise ExportError(
                f"the {exporter.name} exporter ({_provider(exporter)}) failed: {type(error).__name__}: {error}"
            ) from error

    if isinstance(path, str | os.PathLike):
        return write_atomic(path, write, overwrite=overwrite)
    write(path)
    return None


def _provider(exporter: Exporter) -> str:
    host = _current()
    if host.registry.get(exporter.name) is exporter:
        return host.infos[exporter.name].provider
    return type(exporter).__module__


def require(module: str, extra: str) -> ModuleType:
    """Import an optional library, or raise :class:`~journeymap.errors.MissingDependencyError` naming the extra.

    Call it inside :meth:`~journeymap.hookspecs.Exporter.write`, never at import.

    >>> require("json", "none").dumps(1)
    '1'
    >>> require("no_such_module", "xlsx")
    Traceback (most recent call last):
    ...
    journeymap.errors.MissingDependencyError: no_such_module is not installed; install it with: pip install ...
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingDependencyError(module, extra) from error


def check_options(exporter: str, options: Mapping[str, object], known: Iterable[str] = ()) -> None:
    """Refuse options an exporter does not take, naming them as ``options.<key>``.

    >>> check_options("json", {"indent": "4"})
    Traceback (most recent call last):
    ...
    journeymap.errors.ValidationError: options.indent: the json exporter takes no options
    """
    allowed = sorted(known)
    for key in options:
        if key not in allowed:
            takes = f"takes: {', '.join(allowed)}" if allowed else "takes no options"
            raise ValidationError.at(f"options.{key}", f"the {exporter} exporter {takes}")
