"""Fuzz targets: one function per loader, each checking the loader's promise on arbitrary bytes.

The promise (docs/reliability.md): a loader given any input returns a journey (or, for an event log, its
metrics) or raises a :class:`~journeymap.errors.JourneyMapError` whose message names the input (the file name
passed as ``source`` or the path read). Any other exception escapes the target and is a crash to fix. Time
(2 s an input) and memory (512 MiB above the process's start) are watched by the runner (``run.py``).

>>> check("yaml", b"title: x\\n")
>>> check("mermaid", b"flowchart LR\\n")
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

import journeymap as jm
from journeymap import plugins
from journeymap.errors import JourneyMapError

__all__ = ["ALL", "SUFFIXES", "TARGETS", "check", "prepare", "split"]

SUFFIXES: dict[str, str] = {
    "yaml": ".yaml",
    "json": ".json",
    "mermaid": ".mmd",
    "csv": ".csv",
    "jsonl": ".jsonl",
    "xes": ".xes",
    "xlsx": ".xlsx",
}
"""Every fuzz target and the file suffix of its inputs."""
ALL = "all"
"""The target that fuzzes every loader in one process: the first byte of an input picks the loader
(:func:`split`); one start-up instead of seven, for the short run in ``make test``."""

_SCRATCH_DIR = tempfile.TemporaryDirectory(  # removed when the process ends
    prefix="journeymap-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
)
_SCRATCH = Path(_SCRATCH_DIR.name)


class PromiseBroken(AssertionError):
    """A loader raised a journeymap error whose message does not name the input."""


def _text_loader(format: str) -> Callable[[bytes, str], object]:
    def read(data: bytes, source: str) -> object:
        return jm.loads(data, format=format, source=source)

    return read


def _importer(name: str) -> Callable[[bytes, str], object]:
    def read(data: bytes, source: str) -> object:
        return plugins.get_importer(name).read(data, source=source)

    return read


def _event_log(data: bytes, source: str) -> object:
    from journeymap import mining

    path = _SCRATCH / source
    path.write_bytes(data)
    try:
        return mining.mine(path)
    finally:
        path.unlink(missing_ok=True)


TARGETS: dict[str, Callable[[bytes, str], object]] = {
    "yaml": _text_loader("yaml"),
    "json": _text_loader("json"),
    "mermaid": _importer("mermaid-journey"),
    "csv": _event_log,
    "jsonl": _event_log,
    "xes": _event_log,
    "xlsx": _importer("xlsx"),
}
"""Each target reads ``data`` as the file ``source`` would be read."""


def prepare() -> None:
    """Import what the loaders import lazily, so the runner can instrument it and the first input is not slow."""
    import duckdb  # noqa: F401
    import openpyxl  # noqa: F401

    from journeymap import mining  # noqa: F401

    plugins.get_importer("xlsx")


def split(data: bytes) -> tuple[str, bytes]:
    """The loader an input of the :data:`ALL` target goes to, and the input itself.

    >>> split(bytes([1]) + b"{}")
    ('json', b'{}')
    """
    names = list(SUFFIXES)
    return (names[data[0] % len(names)], data[1:]) if data else (names[0], b"")


def check(target: str, data: bytes) -> None:
    """Feed ``data`` to the loader ``target``: fine if it loads or raises a journeymap error naming the input.

    Raises :class:`PromiseBroken` for an error that does not name the input; any exception other than a
    :class:`~journeymap.errors.JourneyMapError` propagates as it is.
    """
    if target == ALL:
        target, data = split(data)
    source = f"fuzz{SUFFIXES[target]}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # JourneyMapWarning on odd input is part of the promise
        try:
            TARGETS[target](data, source)
        except JourneyMapError as error:
            if source not in str(error):
                raise PromiseBroken(f"{type(error).__name__} does not name {source}: {error}") from error
