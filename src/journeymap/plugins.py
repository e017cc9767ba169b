"""The plugin host: finds exporters and importers, and reads and writes journeys with them.

The plugin manager (:mod:`journeymap._host`) is built on first use, never
at import: first the built-in default plugins (:data:`DEFAULT_PLUGINS`),
then every entry point of the group ``journeymap``, one at a time and in
name order. A plugin that fails to import or to register is recorded in
:func:`broken_plugins` with its distribution, version and error, and
everything else keeps working. ``JOURNEYMAP_DISABLE_PLUGINS=a,b`` skips the
plugins with those entry-point names (or default-plugin module names, also
their names before 0.2: :data:`FORMER_NAMES`) without importing them.

Everything a plugin author needs lives in :mod:`journeymap.plugin`;
:func:`require` and :func:`check_options` are also importable from here.

>>> import io, journeymap as jm
>>> from journeymap import plugins
>>> [(f.name, f.reads, f.writes) for f in plugins.formats() if f.name in ("json", "xlsx")]
[('json', True, True), ('xlsx', True, True)]
>>> stream = io.BytesIO()
>>> plugins.export(jm.Journey(title="Buying a course"), stream, format="json")
>>> b'"title": "Buying a course"' in stream.getvalue()
True
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast, overload

import attrs

from journeymap import _host, serialization
from journeymap._atomic import write_atomic
from journeymap._checks import check_options, require
from journeymap._host import BrokenPlugin, Provided
from journeymap._rules import check_language
from journeymap.errors import ExportError, JourneyMapError, JourneyMapWarning, UnknownFormatError, ValidationError

if TYPE_CHECKING:
    from journeymap.hookspecs import Exporter, Importer
    from journeymap.model import Journey

__all__ = [
    "DEFAULT_PLUGINS",
    "DISABLE_VARIABLE",
    "FORMER_NAMES",
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
    "load",
    "require",
    "reset",
]

DEFAULT_PLUGINS: tuple[str, ...] = (
    "journeymap.builtin.json_yaml",
    "journeymap.builtin.xlsx",
    "journeymap.builtin.pptx",
    "journeymap.builtin.images",
    "journeymap.builtin.mindmaps.freeplane",
    "journeymap.builtin.mindmaps.xmind",
    "journeymap.builtin.mindmaps.opml",
    "journeymap.builtin.mermaid.writer",
    "journeymap.builtin.mermaid.reader",
    "journeymap.builtin.html",
)
"""Module names of the built-in plugins (:mod:`journeymap.builtin`), registered in this order before any entry point."""

FORMER_NAMES: Mapping[str, str] = {
    "journeymap.exporters.json_yaml": "journeymap.builtin.json_yaml",
    "journeymap.exporters.xlsx": "journeymap.builtin.xlsx",
    "journeymap.exporters.pptx": "journeymap.builtin.pptx",
    "journeymap.exporters.images": "journeymap.builtin.images",
    "journeymap.exporters.freeplane": "journeymap.builtin.mindmaps.freeplane",
    "journeymap.exporters.xmind": "journeymap.builtin.mindmaps.xmind",
    "journeymap.exporters.opml": "journeymap.builtin.mindmaps.opml",
    "journeymap.exporters.mermaid": "journeymap.builtin.mermaid.writer",
    "journeymap.importers.mermaid": "journeymap.builtin.mermaid.reader",
}
"""Module names the default plugins had before 0.2, still accepted by ``JOURNEYMAP_DISABLE_PLUGINS``."""

DISABLE_VARIABLE = "JOURNEYMAP_DISABLE_PLUGINS"
"""Environment variable with comma-separated plugin names to skip."""

ENTRY_POINT_GROUP = "journeymap"
"""The entry-point group plugins publish under (the project name of the hook markers)."""


@attrs.frozen(kw_only=True)
class FormatInfo(Provided):
    """What ``journeymap formats`` shows about one format: whether journeymap reads it, writes it, and who provides it.

    ``suffixes`` select the exporter by the name of the file written;
    ``read_suffixes`` the importer by the name of the file read (the two
    differ for ``mermaid-journey``: ``.journey.mmd`` written, any ``.mmd``
    read).
    """

    name: str
    description: str
    extra: str | None
    """The journeymap extra that installs what the format needs, or None."""
    plugin: str
    """Name of the plugin that registered it (entry-point name or module name)."""
    suffixes: tuple[str, ...] = ()
    read_suffixes: tuple[str, ...] = ()
    reads: bool = False
    """An importer reads the format (``journeymap.load``)."""
    writes: bool = False
    """An exporter writes it (``journeymap.export``)."""


_lock = threading.RLock()
_host_now: _host.Host | None = None


def _version() -> str:
    from journeymap._version import __version__

    return __version__


def _blocked() -> set[str]:
    names = {name.strip() for name in os.environ.get(DISABLE_VARIABLE, "").split(",") if name.strip()}
    return {FORMER_NAMES.get(name, name) for name in names}


def _current() -> _host.Host:
    global _host_now
    with _lock:
        if _host_now is None:
            candidates = [
                *_host.module_candidates(DEFAULT_PLUGINS, _version()),
                *_host.entry_point_candidates(ENTRY_POINT_GROUP),
            ]
            _host_now = _host.build(candidates, _blocked())
        return _host_now


def reset() -> None:
    """Forget the plugin manager; the next use builds it again (after installing a plugin, say)."""
    global _host_now
    with _lock:
        _host_now = None


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
    global _host_now
    candidates = [
        *(_host.module_candidates(DEFAULT_PLUGINS, _version()) if defaults else []),
        *_host.object_candidates(plugins),
    ]
    with _lock:
        saved, _host_now = _host_now, _host.build(candidates, _blocked())
    try:
        yield
    finally:
        with _lock:
            _host_now = saved


def formats() -> tuple[FormatInfo, ...]:
    """Every format a plugin reads or writes, by name (an exporter and an importer of one plugin share a row).

    >>> from journeymap import plugins
    >>> [(f.name, f.suffixes, f.read_suffixes, f.distribution) for f in plugins.formats() if f.name == "yaml"]
    [('yaml', ('.yaml', '.yml'), ('.yaml', '.yml'), 'journeymap')]
    """
    host = _current()
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for exporter in host.exporters:
        origin = host.origin("exporter", exporter.name)
        rows[(exporter.name, origin.name)] = {
            "description": exporter.description,
            "extra": exporter.extra,
            "suffixes": tuple(exporter.suffixes),
            "writes": True,
            "origin": origin,
        }
    for importer in host.importers:
        origin = host.origin("importer", importer.name)
        row = rows.setdefault(
            (importer.name, origin.name),
            {"description": importer.description, "extra": getattr(importer, "extra", None), "origin": origin},
        )
        row.update(read_suffixes=tuple(importer.suffixes), reads=True)
    infos = []
    for (name, plugin), row in sorted(rows.items()):
        origin = row.pop("origin")
        infos.append(
            FormatInfo(name=name, plugin=plugin, distribution=origin.distribution, version=origin.version, **row)
        )
    return tuple(infos)


def broken_plugins() -> tuple[BrokenPlugin, ...]:
    """Plugins that failed to import or register, with their errors."""
    return tuple(_current().broken)


def disabled_plugins() -> tuple[str, ...]:
    """Names of plugins skipped because of ``JOURNEYMAP_DISABLE_PLUGINS``."""
    return tuple(_current().disabled)


def get_exporter(name: str) -> Exporter:
    """The exporter called ``name`` (any letter case); :class:`~journeymap.errors.UnknownFormatError` if none."""
    host = _current()
    exporter = host.exporters.get(name.strip().lower())
    if exporter is None:
        raise _unknown(UnknownFormatError(name, host.exporters.names()), host)
    return exporter


def get_importer(name: str) -> Importer:
    """The importer called ``name`` (any letter case); :class:`~journeymap.errors.UnknownFormatError` if none.

    >>> get_importer("mermaid-journey").suffixes
    ('.mmd',)
    """
    host = _current()
    importer = host.importers.get(name.strip().lower())
    if importer is None:
        raise _unknown(UnknownFormatError(name, host.importers.names()), host)
    return importer


def _longest_suffix(filename: str, claims: Mapping[str, list[str]]) -> str | None:
    """The longest suffix in ``claims`` that ends ``filename`` (and is not all of it), or None."""
    matching = [suffix for suffix in claims if filename.endswith(suffix) and len(filename) > len(suffix)]
    return max(matching, key=len, default=None)


def _claims(parts: Iterator[Any]) -> dict[str, list[str]]:
    """The names of the parts claiming each suffix, in registration order."""
    claims: dict[str, list[str]] = {}
    for part in parts:
        for suffix in part.suffixes:
            claims.setdefault(suffix, []).append(part.name)
    return claims


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
    suffix, names = _claimed(host, iter(host.exporters), path, "file suffix")
    if len(names) > 1:
        providers = ", ".join(f"{n} ({host.origin('exporter', n).provider})" for n in names)
        raise ValidationError.at("format", f"suffix {suffix!r} is used by {providers}; choose one with format=")
    return get_exporter(names[0])


def importer_for(path: str | os.PathLike[str], format: str | None = None) -> Importer:
    """The importer named by ``format``, or else the one whose suffix (longest first) ends the file name.

    >>> importer_for("day.MMD").name
    'mermaid-journey'
    """
    if format is not None:
        return get_importer(format)
    host = _current()
    _suffix, names = _claimed(host, iter(host.importers), path, "journey file suffix")
    return get_importer(names[0])


def _claimed(
    host: _host.Host, parts: Iterator[Exporter] | Iterator[Importer], path: str | os.PathLike[str], what: str
) -> tuple[str, list[str]]:
    """The longest suffix ending the file name that some parts claim, and their names; else UnknownFormatError."""
    claims = _claims(parts)
    suffix = _longest_suffix(Path(path).name.lower(), claims)
    if suffix is None:
        shown = Path(path).suffix or str(path)
        raise _unknown(UnknownFormatError(shown, claims, what=what), host)
    return suffix, claims[suffix]


def _by_name_or_suffix(format: str) -> Exporter:
    host = _current()
    name = format.strip().lower()
    if name in host.exporters:
        return get_exporter(name)
    suffix = "." + name.lstrip(".")
    owners = [exporter.name for exporter in host.exporters if suffix in exporter.suffixes]
    if len(owners) == 1:
        return get_exporter(owners[0])
    raise _unknown(UnknownFormatError(format, host.exporters.names()), host)


def _unknown(error: UnknownFormatError, host: _host.Host) -> UnknownFormatError:
    """Say when a plugin that failed or was disabled may be the one wanted."""
    missing = [p.name for p in host.broken] + host.disabled
    if missing:
        error.args = (f"{error.args[0]} (not loaded: {', '.join(missing)}; see 'journeymap formats')",)
    return error


def load(path: str | os.PathLike[str], format: str | None = None, **options: Any) -> Journey:
    """Read a journey from a file: YAML or JSON, or any format an importer reads.

    ``.yaml``/``.yml``/``.json`` (or ``format="yaml"``/``"json"``) are read by
    :func:`journeymap.serialization.load` without loading any plugin. Any other
    suffix (or ``format=``) goes to the importer registered for it, e.g.
    ``.mmd`` / ``format="mermaid-journey"`` for a Mermaid journey diagram;
    ``options`` go to that importer (``strict=False`` for Mermaid). Raises
    :class:`~journeymap.errors.ParseError` or
    :class:`~journeymap.errors.ValidationError` naming the file, line and
    field, :class:`~journeymap.errors.UnknownFormatError` for a format
    nothing reads.
    """
    if not options and serialization.reads(path, format):
        return serialization.load(path, format)
    importer = importer_for(path, format)
    return importer.read(Path(path).read_bytes(), source=str(path), **options)


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

    where = f"{path}: " if isinstance(path, str | os.PathLike) else ""

    def write(stream: BinaryIO) -> None:
        try:
            with contextlib.redirect_stdout(sys.stderr):  # what a plugin prints must not mix into `-o -` output
                returned = cast(Callable[..., object], exporter.write)(journey, stream, lang=language, **options)
        except JourneyMapError:
            raise
        except Exception as error:
            raise ExportError(
                f"{where}the {exporter.name} exporter ({_provider(exporter)}) failed: {type(error).__name__}: {error}"
            ) from error
        if returned is not None:
            warnings.warn(
                f"{where}the {exporter.name} exporter ({_provider(exporter)}) returned a {type(returned).__name__}"
                " from write(); an exporter returns None (ignored)",
                JourneyMapWarning,
                stacklevel=4,
            )

    if isinstance(path, str | os.PathLike):
        return write_atomic(path, write, overwrite=overwrite)
    write(path)
    return None


def _provider(exporter: Exporter) -> str:
    host = _current()
    if host.exporters.get(exporter.name) is exporter:
        return host.origin("exporter", exporter.name).provider
    return type(exporter).__module__
