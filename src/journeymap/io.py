"""Loading and saving journeys as YAML or JSON.

>>> import journeymap as jm
>>> j = jm.loads('''
... title: Buying a course
... stages:
...   - name: Awareness
...     touchpoints:
...       - {name: Instagram ad, channel: social, emotion: 1}
...   - Consideration
... ''')
>>> j.stages[0].touchpoints[0].emotion.score
1
>>> jm.loads(jm.dumps(j, format="json"), format="json") == j
True

YAML is read safely and with the YAML 1.2 meaning of scalars: a touchpoint
named ``NO`` stays the text ``NO`` and ``012`` stays ``012`` in a text field.
Errors name the file, the line and the field path::

    school.yaml:41: stages[2].touchpoints[0].emotion.score: must be between -2 and 2, got 7
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

import yaml

from journeymap import _yaml
from journeymap._atomic import write_atomic
from journeymap._convert import structure, unstructure
from journeymap.errors import ParseError, ProblemsError, UnknownFormatError, ValidationError, split_path
from journeymap.model import Journey

__all__ = ["FORMATS", "dumps", "load", "loads", "save"]

Format = Literal["yaml", "json"]

FORMATS: dict[str, tuple[str, ...]] = {"yaml": (".yaml", ".yml"), "json": (".json",)}
"""Journey file formats and their suffixes."""


def format_for(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The file format named by ``format`` or, failing that, by the path's suffix."""
    if format is not None:
        name = format.lower().lstrip(".")
        name = "yaml" if name == "yml" else name
        if name not in FORMATS:
            raise UnknownFormatError(format, FORMATS)
        return name
    suffix = Path(path).suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    known = [s for suffixes in FORMATS.values() for s in suffixes]
    raise UnknownFormatError(suffix or str(path), known, what="journey file suffix")


def load(path: str | os.PathLike[str], format: str | None = None, **options: Any) -> Journey:
    """Read a journey from a ``.yaml``/``.yml``/``.json`` file (or ``format=``).

    Any other suffix (or a ``format=`` other than yaml/json) goes to the
    importer registered for it, e.g. ``.mmd`` / ``format="mermaid-journey"``
    for a Mermaid journey diagram; ``options`` go to that importer
    (``strict=False`` for Mermaid). Raises
    :class:`~journeymap.errors.ParseError` or
    :class:`~journeymap.errors.ValidationError` naming the file, line and
    field, :class:`~journeymap.errors.UnknownFormatError` for a format
    nothing reads.
    """
    if not _is_journey_file(path, format):
        from journeymap import plugins

        try:
            importer = plugins.importer_for(path, format)
        except UnknownFormatError:
            format_for(path, format)  # nothing reads it: the error that lists the journey file formats
            raise
        return importer.read(Path(path).read_bytes(), source=str(path), **options)
    if options:
        raise ValidationError.at(f"options.{next(iter(options))}", "YAML and JSON journey files take no options")
    name = format_for(path, format)
    data = Path(path).read_bytes()
    return loads(data, format=name, source=str(path))


def _is_journey_file(path: str | os.PathLike[str], format: str | None) -> bool:
    """Whether ``load`` reads this itself (YAML or JSON) rather than through an importer."""
    if format is not None:
        return format.lower().lstrip(".") in (*FORMATS, "yml")
    return Path(path).suffix.lower() in {s for suffixes in FORMATS.values() for s in suffixes}


def loads(text: str | bytes, format: str = "yaml", *, source: str | None = None) -> Journey:
    """Read a journey from YAML or JSON text; ``source`` names it in errors.

    The cyclic garbage collector is paused meanwhile: reading a document
    makes many objects and no cycles, and on a large one the collections
    that would find nothing take a third of the time or more.
    """
    name = format_for(source or "", format)
    with _collector_paused():
        return _loads(text, name, source)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector in this block, unless someone else already has."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _loads(text: str | bytes, name: str, source: str | None) -> Journey:
    try:
        if isinstance(text, bytes):
            text = _decode(text)
        if name == "json":
            data, root = (None if not text or text.isspace() else _parse_json(text)), None
        else:
            data, root = _yaml.parse(text)
        if data is None:
            raise ParseError.at("the document is empty; a journey needs at least a title")
        try:
            return structure(data)
        except ProblemsError as error:
            if root is None and name == "json":
                root = _json_nodes(text)
            lines = [_yaml.find_line(root, split_path(p.path)) for p in error.problems]
            raise error.located(source, lines) from None
    except ProblemsError as error:
        if source is None or error.file is not None:
            raise
        raise error.located(source) from None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError.at(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); save the file as UTF-8",
            line=line,
        ) from None


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise ParseError.at(f"invalid JSON: {error.msg} (column {error.colno})", line=error.lineno) from None
    except RecursionError:
        raise ParseError.at(f"nested deeper than {_yaml.MAX_DEPTH} levels") from None
    except ValueError:  # the one ValueError json raises besides JSONDecodeError
        raise ParseError.at("invalid JSON: a whole number of more than 4,300 digits") from None
    except _DuplicateKey:
        _yaml.parse(text)  # JSON is YAML: this finds the duplicate and its line
        raise ParseError.at("duplicate key in a JSON object") from None


def _json_nodes(text: str) -> yaml.Node | None:
    """YAML nodes of a JSON text, only to find lines for error messages."""
    try:
        return _yaml.parse(text)[1]
    except ParseError:
        return None


def dumps(journey: Journey, format: str = "yaml") -> str:
    """The journey as YAML or JSON text, in the compact form a person writes.

    Like :func:`loads`, it pauses the cyclic garbage collector while it works.
    """
    name = format_for("", format)
    with _collector_paused():
        data = unstructure(journey)
        if name == "json":
            return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        text: str = yaml.dump(
            data, Dumper=_yaml.Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False
        )
        return text


def save(journey: Journey, path: str | os.PathLike[str], format: str | None = None, *, overwrite: bool = False) -> Path:
    """Write the journey to a ``.yaml``/``.yml``/``.json`` file (or ``format=``).

    The file is written whole or not at all; an existing file is replaced only
    with ``overwrite=True``. Returns the path written.
    """
    text = dumps(journey, format_for(path, format))

    def write(stream: BinaryIO) -> None:
        stream.write(text.encode("utf-8"))

    return write_atomic(path, write, overwrite=overwrite)
