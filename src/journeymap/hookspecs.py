"""The plugin contract: markers, the exporter and importer interfaces, their registries and every hook.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose
names match the hooks below. Third-party plugins are found through the
entry-point group ``journeymap`` (the project name); the built-in exporters
are default plugins registered by the same manager. A plugin author imports
all of this, and the helpers, from :mod:`journeymap.plugin`; the errors a
registry raises live with the others in :mod:`journeymap.errors`. See
``docs/plugins.md``.

>>> from journeymap.hookspecs import ExporterRegistry
>>> class Upper:
...     name = "upper"
...     suffixes = (".up",)
...     description = "The title in capitals."
...     extra = None
...     def write(self, journey, stream, *, lang, **options):
...         stream.write(journey.title.upper().encode())
>>> registry = ExporterRegistry()
>>> registry.register(Upper())
>>> [exporter.name for exporter in registry]
['upper']
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, Generic, Protocol, TypeVar

import pluggy

from journeymap.errors import (
    DuplicateExporterError,
    DuplicateImporterError,
    DuplicateNameError,
    InvalidExporterError,
    InvalidImporterError,
    JourneyMapError,
)

if TYPE_CHECKING:
    from journeymap.model import Journey

__all__ = [
    "PROJECT",
    "DuplicateExporterError",
    "DuplicateImporterError",
    "Exporter",
    "ExporterRegistry",
    "Importer",
    "ImporterRegistry",
    "InvalidExporterError",
    "InvalidImporterError",
    "hookimpl",
    "hookspec",
    "register_exporters",
    "register_importers",
]

T = TypeVar("T")

PROJECT = "journeymap"
"""Project name of the markers, and the entry-point group plugins publish under."""

hookspec = pluggy.HookspecMarker(PROJECT)
"""Marks a hook specification (only this module uses it)."""

hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a plugin's implementation of a hook: ``@hookimpl def register_exporters(registry): ...``."""

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_SUFFIX = re.compile(r"^(\.[a-z0-9_-]+)+$")


@typing.runtime_checkable
class Exporter(Protocol):
    """Writes a journey in one format.

    ``name`` is what users pass as ``format=`` / ``-f`` (lower case letters,
    digits, ``-`` and ``_``); ``suffixes`` are the lower-case file suffixes
    that select it (``(".xlsx",)``); ``description`` is one line for
    ``journeymap formats``; ``extra`` names the journeymap extra that installs
    what :meth:`write` needs (``"xlsx"`` means ``pip install 'journeymap[xlsx]'``)
    or is ``None``. Plain class attributes are fine for all four::

        class XlsxExporter:
            name = "xlsx"
            suffixes = (".xlsx",)
            description = "Excel workbook for the client"
            extra = "xlsx"

            def write(self, journey, stream, *, lang, **options): ...
    """

    @property
    def name(self) -> str:
        """The format name, e.g. ``"xlsx"``."""

    @property
    def suffixes(self) -> tuple[str, ...]:
        """File suffixes that select this exporter, e.g. ``(".xlsx",)``."""

    @property
    def description(self) -> str:
        """One line for ``journeymap formats``."""

    @property
    def extra(self) -> str | None:
        """The journeymap extra that installs what :meth:`write` needs, or ``None``."""

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` to the binary ``stream``, its labels in language ``lang``.

        ``options`` are exporter-specific; from the command line they arrive
        as strings. Import heavy libraries here, through
        :func:`journeymap.plugins.require`. The same journey and options must
        give the same bytes. Raise a :class:`~journeymap.errors.JourneyMapError`
        naming the field for input the format cannot hold; any other exception
        is reported as an :class:`~journeymap.errors.ExportError`.
        """


class _Registry(Generic[T]):
    """Plugin parts of one kind by name, with who registered each (shared by the two registries)."""

    duplicate: ClassVar[type[DuplicateNameError]] = DuplicateNameError

    def __init__(self, provider: str = "unknown") -> None:
        self.provider = provider
        self._items: dict[str, T] = {}
        self._providers: dict[str, str] = {}

    def _check(self, item: object) -> None:
        raise NotImplementedError

    def register(self, item: T) -> None:
        """Add one; raises the registry's invalid-… error when it is malformed, duplicate-… when the name is taken."""
        self._check(item)
        name: str = getattr(item, "name")  # noqa: B009 - checked above
        if name in self._items:
            raise self.duplicate(name, self._providers[name], self.provider)
        self._items[name] = item
        self._providers[name] = self.provider

    def unregister(self, name: str) -> None:
        """Remove the one called ``name`` (used to undo a plugin that failed halfway)."""
        del self._items[name]
        del self._providers[name]

    def get(self, name: str) -> T | None:
        """The one called ``name``, or ``None``."""
        return self._items.get(name)

    def provider_of(self, name: str) -> str:
        """Who registered the one called ``name``."""
        return self._providers[name]

    def names(self) -> list[str]:
        """Names in the order they were registered."""
        return list(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items


def _check_name_and_suffixes(item: Any, error: type[JourneyMapError], example: str) -> str:
    """Refuse a malformed ``name`` or ``suffixes`` (shared by exporters and importers); returns the type's name."""
    what = type(item).__name__
    if not isinstance(item.name, str) or not _NAME.match(item.name):
        raise error(
            f"{what}.name must be lower-case letters, digits, '-' or '_', starting with a letter; got {item.name!r}"
        )
    suffixes = item.suffixes
    if not isinstance(suffixes, tuple) or not all(isinstance(s, str) and _SUFFIX.match(s) for s in suffixes):
        raise error(f"{what}.suffixes must be a tuple of lower-case suffixes like {example!r}; got {suffixes!r}")
    description = item.description
    if not isinstance(description, str) or not description.strip() or "\n" in description:
        raise error(f"{what}.description must be one non-empty line; got {description!r}")
    return what


class ExporterRegistry(_Registry[Exporter]):
    """The exporters collected from plugins; passed to :func:`register_exporters`.

    ``provider`` names who is registering now (``"journeymap-markdown 0.1.0"``);
    the plugin manager sets it for each plugin in turn. :meth:`register`
    raises :class:`InvalidExporterError` for something that is not an
    :class:`Exporter` or has a malformed name or suffix, and
    :class:`DuplicateExporterError` when the name is taken.
    """

    duplicate = DuplicateExporterError

    def _check(self, item: object) -> None:
        _check(item)


def _check(exporter: object) -> None:
    """Refuse an object that does not look like an :class:`Exporter`, saying why."""
    if not isinstance(exporter, Exporter):
        missing = [a for a in ("name", "suffixes", "description", "extra", "write") if not hasattr(exporter, a)]
        raise InvalidExporterError(f"{type(exporter).__name__} is not an exporter: it has no {', '.join(missing)}")
    what = _check_name_and_suffixes(exporter, InvalidExporterError, ".xlsx")
    if exporter.extra is not None and not isinstance(exporter.extra, str):
        raise InvalidExporterError(f"{what}.extra must be text or None; got {exporter.extra!r}")
    if not callable(exporter.write):
        raise InvalidExporterError(f"{what}.write must be a method")


@hookspec
def register_exporters(registry: ExporterRegistry) -> None:
    """Register this plugin's exporters: call ``registry.register(exporter)`` for each.

    Called once per plugin when the plugin manager is first used. An
    exception here (including a duplicate name) marks the plugin as broken:
    its exporters are dropped and the error is shown by ``journeymap formats``.
    """


@typing.runtime_checkable
class Importer(Protocol):
    """Reads a journey from a file another tool wrote.

    ``name`` is what users pass as ``format=`` to :func:`journeymap.load`
    (the rules of :attr:`Exporter.name`); ``suffixes`` are the lower-case file
    suffixes that select it; ``description`` is one line. Plain class
    attributes are fine::

        class MermaidJourneyImporter:
            name = "mermaid-journey"
            suffixes = (".mmd",)
            description = "Mermaid journey diagram"

            def read(self, data, *, source=None, **options): ...
    """

    @property
    def name(self) -> str:
        """The format name, e.g. ``"mermaid-journey"``."""

    @property
    def suffixes(self) -> tuple[str, ...]:
        """File suffixes that select this importer, e.g. ``(".mmd",)``."""

    @property
    def description(self) -> str:
        """One line describing the format."""

    def read(self, data: bytes, *, source: str | None = None, **options: Any) -> Journey:
        """Build a journey from the file's bytes; ``source`` names the file in errors.

        Raise :class:`~journeymap.errors.ParseError` (with the line) or
        :class:`~journeymap.errors.ValidationError` (with the field) for input
        that is not a journey.
        """


class ImporterRegistry(_Registry[Importer]):
    """The importers collected from plugins; passed to :func:`register_importers`.

    >>> class Lines:
    ...     name = "lines"
    ...     suffixes = (".txt",)
    ...     description = "One stage per line."
    ...     def read(self, data, *, source=None, **options): ...
    >>> registry = ImporterRegistry()
    >>> registry.register(Lines())
    >>> registry.names()
    ['lines']
    """

    duplicate = DuplicateImporterError

    def _check(self, item: object) -> None:
        if not isinstance(item, Importer):
            missing = [a for a in ("name", "suffixes", "description", "read") if not hasattr(item, a)]
            raise InvalidImporterError(f"{type(item).__name__} is not an importer: it has no {', '.join(missing)}")
        what = _check_name_and_suffixes(item, InvalidImporterError, ".mmd")
        if not callable(item.read):
            raise InvalidImporterError(f"{what}.read must be a method")


@hookspec
def register_importers(registry: ImporterRegistry) -> None:
    """Register this plugin's importers: call ``registry.register(importer)`` for each.

    Called once per plugin when the plugin manager is first used, after its
    ``register_exporters``. An exception here marks the plugin as broken and
    drops everything it registered.
    """
