"""The plugin contract: markers, the exporter interface and every hook.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose
names match the hooks below. Third-party plugins are found through the
entry-point group ``journeymap`` (the project name); the built-in exporters
are default plugins registered by the same manager. See ``docs/plugins.md``.

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
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

import pluggy

from journeymap.errors import JourneyMapError

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


class InvalidExporterError(JourneyMapError, TypeError):
    """A plugin registered something that is not a usable :class:`Exporter`."""


class DuplicateExporterError(JourneyMapError):
    """Two plugins registered an exporter under the same name.

    The first one keeps the name; the second plugin is reported as broken.
    """

    def __init__(self, name: str, first: str, second: str) -> None:
        self.name = name
        self.providers = (first, second)
        super().__init__(f"exporter {name!r} is registered by both {first} and {second}")


class ExporterRegistry:
    """The exporters collected from plugins; passed to :func:`register_exporters`.

    ``provider`` names who is registering now (``"journeymap-markdown 0.1.0"``);
    the plugin manager sets it for each plugin in turn.
    """

    def __init__(self, provider: str = "unknown") -> None:
        self.provider = provider
        self._exporters: dict[str, Exporter] = {}
        self._providers: dict[str, str] = {}

    def register(self, exporter: Exporter) -> None:
        """Add an exporter.

        Raises :class:`InvalidExporterError` when it lacks an attribute of
        :class:`Exporter` or has a malformed name or suffix, and
        :class:`DuplicateExporterError` when the name is taken.
        """
        _check(exporter)
        if exporter.name in self._exporters:
            raise DuplicateExporterError(exporter.name, self._providers[exporter.name], self.provider)
        self._exporters[exporter.name] = exporter
        self._providers[exporter.name] = self.provider

    def unregister(self, name: str) -> None:
        """Remove the exporter called ``name`` (used to undo a plugin that failed halfway)."""
        del self._exporters[name]
        del self._providers[name]

    def get(self, name: str) -> Exporter | None:
        """The exporter called ``name``, or ``None``."""
        return self._exporters.get(name)

    def provider_of(self, name: str) -> str:
        """Who registered the exporter called ``name``."""
        return self._providers[name]

    def names(self) -> list[str]:
        """Exporter names in the order they were registered."""
        return list(self._exporters)

    def __iter__(self) -> Iterator[Exporter]:
        return iter(list(self._exporters.values()))

    def __len__(self) -> int:
        return len(self._exporters)

    def __contains__(self, name: object) -> bool:
        return name in self._exporters


def _check(exporter: object) -> None:
    """Refuse an object that does not look like an :class:`Exporter`, saying why."""
    what = type(exporter).__name__
    if not isinstance(exporter, Exporter):
        missing = [a for a in ("name", "suffixes", "description", "extra", "write") if not hasattr(exporter, a)]
        raise InvalidExporterError(f"{what} is not an exporter: it has no {', '.join(missing)}")
    if not isinstance(exporter.name, str) or not _NAME.match(exporter.name):
        raise InvalidExporterError(
            f"{what}.name must be lower-case letters, digits, '-' or '_', starting with a letter; got {exporter.name!r}"
        )
    suffixes = exporter.suffixes
    if not isinstance(suffixes, tuple) or not all(isinstance(s, str) and _SUFFIX.match(s) for s in suffixes):
        raise InvalidExporterError(
            f"{what}.suffixes must be a tuple of lower-case suffixes like '.xlsx'; got {suffixes!r}"
        )
    description = exporter.description
    if not isinstance(description, str) or not description.strip() or "\n" in description:
        raise InvalidExporterError(f"{what}.description must be one non-empty line; got {description!r}")
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


class InvalidImporterError(JourneyMapError, TypeError):
    """A plugin registered something that is not a usable :class:`Importer`."""


class DuplicateImporterError(JourneyMapError):
    """Two plugins registered an importer under the same name; the first one keeps it."""

    def __init__(self, name: str, first: str, second: str) -> None:
        self.name = name
        self.providers = (first, second)
        super().__init__(f"importer {name!r} is registered by both {first} and {second}")


class ImporterRegistry:
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

    def __init__(self, provider: str = "unknown") -> None:
        self.provider = provider
        self._importers: dict[str, Importer] = {}
        self._providers: dict[str, str] = {}

    def register(self, importer: Importer) -> None:
        """Add an importer; :class:`InvalidImporterError` or :class:`DuplicateImporterError` if it cannot be."""
        what = type(importer).__name__
        if not isinstance(importer, Importer):
            missing = [a for a in ("name", "suffixes", "description", "read") if not hasattr(importer, a)]
            raise InvalidImporterError(f"{what} is not an importer: it has no {', '.join(missing)}")
        if not isinstance(importer.name, str) or not _NAME.match(importer.name):
            raise InvalidImporterError(
                f"{what}.name must be lower-case letters, digits, '-' or '_'; got {importer.name!r}"
            )
        suffixes = importer.suffixes
        if not isinstance(suffixes, tuple) or not all(isinstance(x, str) and _SUFFIX.match(x) for x in suffixes):
            raise InvalidImporterError(f"{what}.suffixes must be a tuple of lower-case suffixes; got {suffixes!r}")
        if importer.name in self._importers:
            raise DuplicateImporterError(importer.name, self._providers[importer.name], self.provider)
        self._importers[importer.name] = importer
        self._providers[importer.name] = self.provider

    def unregister(self, name: str) -> None:
        """Remove the importer called ``name``."""
        del self._importers[name]
        del self._providers[name]

    def get(self, name: str) -> Importer | None:
        """The importer called ``name``, or ``None``."""
        return self._importers.get(name)

    def provider_of(self, name: str) -> str:
        """Who registered the importer called ``name``."""
        return self._providers[name]

    def names(self) -> list[str]:
        """Importer names in the order they were registered."""
        return list(self._importers)

    def __iter__(self) -> Iterator[Importer]:
        return iter(list(self._importers.values()))

    def __len__(self) -> int:
        return len(self._importers)

    def __contains__(self, name: object) -> bool:
        return name in self._importers


@hookspec
def register_importers(registry: ImporterRegistry) -> None:
    """Register this plugin's importers: call ``registry.register(importer)`` for each.

    Called once per plugin when the plugin manager is first used, after its
    ``register_exporters``. An exception here marks the plugin as broken and
    drops everything it registered.
    """
