"""The journey file format: YAML and JSON text to model objects and back.

This layer knows YAML and JSON and nothing of plugins: :func:`journeymap.load`
(in :mod:`journeymap.plugins`) reads other formats through importers and
hands ``.yaml``/``.yml``/``.json`` files here. The converter (cattrs), the
YAML and JSON readers and the JSON Schema (:mod:`~journeymap.serialization.schema`)
live beside this module.

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
import functools
import gc
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal

import yaml

from journeymap._atomic import write_atomic
from journeymap.errors import (
    JourneyMapWarning,
    ParseError,
    ProblemsError,
    TargetExistsError,
    UnknownFormatError,
    ValidationError,
    split_path,
)
from journeymap.model import Journey
from journeymap.serialization import _json, _yaml
from journeymap.serialization._converter import structure, unstructure

__all__ = ["FORMATS", "dumps", "format_for", "load", "loads", "locate", "reads", "save"]

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


def reads(path: str | os.PathLike[str], format: str | None = None) -> bool:
    """Whether :func:`load` reads this file itself: ``format`` is yaml/json or, without it, the suffix is one of theirs.

    >>> reads("map.YML"), reads("map.mmd"), reads("map.txt", format="json")
    (True, False, True)
    """
    if format is not None:
        return format.lower().lstrip(".") in (*FORMATS, "yml")
    return Path(path).suffix.lower() in {s for suffixes in FORMATS.values() for s in suffixes}


def load(path: str | os.PathLike[str], format: str | None = None) -> Journey:
    """Read a journey from a ``.yaml``/``.yml``/``.json`` file (or ``format="yaml"``/``"json"``).

    Raises :class:`~journeymap.errors.ParseError` or
    :class:`~journeymap.errors.ValidationError` naming the file, line and
    field. Other formats are read by :func:`journeymap.load`.
    """
    name = format_for(path, format)
    return loads(Path(path).read_bytes(), format=name, source=str(path))


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
        data = _json.parse(text) if name == "json" else _yaml.parse(text)[0]
        if data is None:
            raise ParseError.at("the document is empty; a journey needs at least a title")
        try:
            return structure(data)
        except ProblemsError as error:
            lines = [locate(text, problem.path) for problem in error.problems]
            raise error.located(source, lines) from None
    except ProblemsError as error:
        if source is None or error.file is not None:
            raise
        raise error.located(source) from None


def locate(text: str | bytes, path: str) -> int | None:
    """The 1-based line where the field at ``path`` is written in a YAML or JSON text (JSON is YAML).

    A path that goes deeper than the text gives the line of the deepest field
    it does reach; a text that does not parse gives None. The last texts
    asked about are kept parsed, so locating many fields of one file parses
    it once.

    >>> text = "title: A day\\nstages:\\n  - name: Visit\\n    notes: [x]\\n"
    >>> locate(text, "stages[0].notes"), locate(text, "stages[0].goals"), locate(text, "")
    (4, 3, 1)
    """
    if isinstance(text, bytes):
        try:
            text = _decode(text)
        except ParseError:
            return None
    return _yaml.find_line(_nodes(text), split_path(path))


@functools.lru_cache(maxsize=4)
def _nodes(text: str) -> yaml.Node | None:
    """The YAML nodes of a text, only to find lines (None when it does not parse)."""
    try:
        return _yaml.parse(text)[1]
    except ParseError:
        return None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError.at(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); save the file as UTF-8",
            line=line,
        ) from None


def dumps(journey: Journey, format: str = "yaml", *, keep: str | None = None) -> str:
    """The journey as YAML or JSON text, in the compact form a person writes.

    ``keep`` is the text of a YAML journey file this journey replaces (YAML
    only): the result is that text with only what changed rewritten, its
    comments, key order, quoting and shorthands kept (see
    :func:`save`). Like :func:`loads`, it pauses the cyclic garbage
    collector while it works.

    >>> import attrs, journeymap as jm
    >>> text = "title: A day  # draft\\nstages:\\n  - name: Visit\\n    touchpoints: [{name: Door, emotion: -1}]"
    >>> j = jm.loads(text)
    >>> door = attrs.evolve(j.stages[0].touchpoints[0], emotion=1)
    >>> changed = attrs.evolve(j, stages=[attrs.evolve(j.stages[0], touchpoints=[door])])
    >>> print(jm.dumps(changed, keep=text), end="")
    title: A day  # draft
    stages:
      - name: Visit
        touchpoints: [{name: Door, emotion: 1}]
    """
    name = format_for("", format)
    with _collector_paused():
        if keep is not None and name == "yaml":
            kept = _keeping(journey, keep, None, depth=3)
            if kept is not None:
                return kept
        data = unstructure(journey)
        if name == "json":
            return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        text: str = yaml.dump(
            data, Dumper=_yaml.Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False
        )
        return text


def _keeping(journey: Journey, text: str, source: str | None, *, depth: int) -> str | None:
    """``text`` (a YAML journey) rewritten to hold ``journey``, or None to write it afresh.

    An unchanged journey gives ``text`` itself. Without ruamel.yaml, or when
    the rewritten text would not read back as ``journey``, the answer is
    None and a :class:`~journeymap.errors.JourneyMapWarning` says the file
    is written afresh; ``depth`` is how many calls up the user's code is.
    """
    old = unstructure(_loads(text, "yaml", source))
    new = unstructure(journey)
    if old == new:
        return text
    where = source or "the YAML text"
    try:
        from journeymap.serialization import _roundtrip

        result = _roundtrip.update(text, old, new)
        same = _loads(result, "yaml", None) == journey
    except ImportError:
        _warn(f"{where}: {_AFRESH}: ruamel.yaml is not installed (pip install 'journeymap[yaml-rt]')", depth)
        return None
    except Exception as error:  # ruamel.yaml could not read or write this text; the fresh dump is still right
        _warn(f"{where}: {_AFRESH}: {type(error).__name__}: {error}", depth)
        return None
    if not same:
        _warn(f"{where}: {_AFRESH}: the kept layout did not read back as the journey (please report this)", depth)
        return None
    return result


_AFRESH = "written afresh, without its comments and layout"


def _kept(journey: Journey, source: Path, *, strict: bool) -> bytes | None:
    """The bytes of ``source`` rewritten to hold ``journey`` (the same bytes when nothing changed), or None.

    A ``source`` that does not read as a journey raises the loader's error when ``strict``, else gives None.
    """
    raw = source.read_bytes()
    try:
        original = _decode(raw)
        with _collector_paused():
            text = _keeping(journey, original, str(source), depth=4)
    except ProblemsError as error:
        if not strict:
            return None
        raise error if error.file is not None else error.located(str(source)) from None
    if text is None:
        return None
    return raw if text == original else text.encode("utf-8")


def _warn(message: str, depth: int) -> None:
    import warnings

    warnings.warn(message, JourneyMapWarning, stacklevel=depth + 1)


def save(
    journey: Journey,
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    overwrite: bool = False,
    keep: bool | str | os.PathLike[str] = True,
) -> Path:
    """Write the journey to a ``.yaml``/``.yml``/``.json`` file (or ``format=``).

    The file is written whole or not at all; an existing file is replaced only
    with ``overwrite=True``. Returns the path written.

    A YAML file that is replaced keeps what a person wrote in it: its
    comments, key order, quoting and shorthands (``emotion: -1``) stay for
    everything that did not change, and an unchanged journey leaves the file
    byte for byte as it was. ``keep`` chooses the file whose layout is kept:
    ``True`` the file being replaced, a path another YAML journey file (the
    one the journey was read from, when it is saved under a new name),
    ``False`` none (a fresh dump). Keeping a layout needs ruamel.yaml (extra
    ``yaml-rt``); without it the file is written afresh with a
    :class:`~journeymap.errors.JourneyMapWarning`. A file named by ``keep``
    that does not read as a journey raises the loader's error (file and
    line); a file being replaced that does not is simply replaced. JSON is
    always written afresh. See "Saving keeps your YAML" in ``docs/format.md``.
    """
    name = format_for(path, format)
    target = Path(path)
    source: Path | None = None
    if name == "yaml" and keep is not False:
        if keep is True:
            source = target if overwrite and target.is_file() else None
        elif reads(keep) and format_for(keep) == "yaml":
            source = Path(keep)
        else:
            raise ValidationError.at("keep", f"must be a YAML journey file (.yaml, .yml), got {str(keep)!r}")
    if target.exists() and not overwrite:
        raise TargetExistsError(target)  # before any work (write_atomic checks again as it writes)
    data = _kept(journey, source, strict=keep is not True) if source is not None else None
    if data is None:
        data = dumps(journey, name).encode("utf-8")

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    return write_atomic(path, write, overwrite=overwrite)
