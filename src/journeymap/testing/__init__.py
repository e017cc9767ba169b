"""A conformance kit for exporter plugins, to call from your own pytest suite.

>>> from journeymap.testing import check_exporter
>>> report = check_exporter("json")
>>> sorted(report.written)
['adversarial', 'control-characters', 'course', 'course-ro', 'minimal']

:func:`check_exporter` exports the sample journeys bundled with journeymap
(:func:`sample_journeys`: a realistic map, a minimal one, an adversarial one
with Cyrillic, ș/ț, emoji, Arabic and Hebrew, 10,000-character notes, text
starting with ``=``, ``+``, ``-``, ``@`` and XML special characters, and one
with control characters) and checks that:

* every sample gives a non-empty file, also with ``lang="ro"``;
* two exports of the same journey are byte-identical, to a file and to a stream;
* an exporter failing midway (its stream breaks) leaves an existing target
  untouched and no temporary file behind;
* an existing target is refused without ``overwrite=True`` and replaced with it.

An opt-in check, :func:`check_naughty_strings`, puts every string of the Big
List of Naughty Strings in every text field of a journey and exports it: each
file must be written (and, given a ``read_back`` that returns the text of a
file, hold every string of the title, stage and touchpoint names intact), or
be refused naming the field.

The ``control-characters`` sample may be refused: an exporter whose format
cannot hold ``\\x07``, ``\\x1b``, NUL or U+FFFE may raise
:class:`~journeymap.errors.ValidationError` or
:class:`~journeymap.errors.ExportError` whose message (or ``.problems``)
names the field path as it is written in a journey file, e.g.
``stages[0].touchpoints[0].name``. Every other sample must be written.

Or subclass :class:`ExporterConformance` to get one pytest test per check::

    class TestMarkdown(ExporterConformance):
        exporter = "markdown"
"""

from __future__ import annotations

import io
import itertools
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, cast

import attrs

from journeymap import plugins
from journeymap.errors import ExportError, JourneyMapError, ProblemsError, TargetExistsError, ValidationError
from journeymap.model import Journey
from journeymap.serialization._converter import unstructure
from journeymap.testing._naughty import naughty_journeys, naughty_strings
from journeymap.testing._samples import MAY_REJECT, sample_journeys

if TYPE_CHECKING:
    from journeymap.hookspecs import Exporter

__all__ = [
    "ConformanceReport",
    "ExporterConformance",
    "check_atomic",
    "check_deterministic",
    "check_exporter",
    "check_naughty_strings",
    "check_no_overwrite",
    "check_samples",
    "naughty_strings",
    "sample_journeys",
]

_ORIGINAL = b"original content that must survive\n"


@attrs.define
class ConformanceReport:
    """What :func:`check_exporter` did: files written per sample, and samples refused (with the error)."""

    exporter: str
    written: dict[str, Path] = attrs.Factory(dict)
    rejected: dict[str, str] = attrs.Factory(dict)


def _resolve(exporter: str | Exporter) -> Exporter:
    if isinstance(exporter, str):
        return plugins.get_exporter(exporter)
    from journeymap.hookspecs import ExporterRegistry

    ExporterRegistry(provider="journeymap.testing").register(exporter)  # checks the interface, names what is wrong
    return exporter


def _suffix(exporter: Exporter) -> str:
    return exporter.suffixes[0] if exporter.suffixes else ".out"


def _fail(exporter: Exporter, sample: str, message: str) -> AssertionError:
    return AssertionError(f"exporter {exporter.name!r}, sample {sample!r}: {message}")


def check_samples(
    exporter: str | Exporter, directory: Path, *, options: Mapping[str, Any] | None = None
) -> ConformanceReport:
    """Export every sample journey into ``directory``: non-empty files, or a refusal naming the field."""
    exporter = _resolve(exporter)
    report = ConformanceReport(exporter=exporter.name)
    runs: list[tuple[str, Journey, str | None]] = [(name, journey, None) for name, journey in sample_journeys().items()]
    runs.append(("course-ro", sample_journeys()["course"], "ro"))
    for name, journey, lang in runs:
        target = directory / f"{name}{_suffix(exporter)}"
        try:
            plugins.export_with(exporter, journey, target, lang=lang, **dict(options or {}))
        except (ValidationError, ExportError) as error:
            if name not in MAY_REJECT:
                raise _fail(exporter, name, f"must be written, but raised {type(error).__name__}: {error}") from error
            _check_refusal(exporter, name, journey, error, target)
            report.rejected[name] = str(error)
            continue
        except Exception as error:
            raise _fail(exporter, name, f"raised {type(error).__name__}: {error}") from error
        if not target.is_file() or target.stat().st_size == 0:
            raise _fail(exporter, name, f"{target} is empty or missing")
        report.written[name] = target
    _check_no_temporaries(exporter, directory)
    return report


def _check_refusal(exporter: Exporter, name: str, journey: Journey, error: JourneyMapError, target: Path) -> None:
    if target.exists():
        raise _fail(exporter, name, f"refused with {error!s} but left {target} behind")
    text = str(error)
    if isinstance(error, ProblemsError):
        text += "\n" + "\n".join(problem.path for problem in error.problems)
    fields = [path for path, value in _texts(unstructure(journey)) if _UNWRITABLE.search(value)]
    if not any(field in text for field in fields):
        raise _fail(
            exporter,
            name,
            f"a refusal must name the field (one of {', '.join(fields)}), got {type(error).__name__}: {error}",
        )


_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def _texts(data: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text in unstructured journey data, with its field path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            yield from _texts(value, f"{path}[{index}]")


def check_deterministic(exporter: str | Exporter, directory: Path, *, options: Mapping[str, Any] | None = None) -> None:
    """Two exports of each writable sample are byte-identical, to a file and to a binary stream."""
    exporter = _resolve(exporter)
    for name, journey in sample_journeys().items():
        if name in MAY_REJECT:
            continue
        first, second = (directory / f"{name}-{n}{_suffix(exporter)}" for n in (1, 2))
        plugins.export_with(exporter, journey, first, **dict(options or {}))
        plugins.export_with(exporter, journey, second, **dict(options or {}))
        one, two = first.read_bytes(), second.read_bytes()
        if one != two:
            offset = next(
                (i for i, (a, b) in enumerate(zip(one, two, strict=False)) if a != b), min(len(one), len(two))
            )
            raise _fail(exporter, name, f"two exports differ (first at byte {offset}); fix timestamps and ordering")
        stream = io.BytesIO()
        plugins.export_with(exporter, journey, cast(BinaryIO, stream), **dict(options or {}))
        if stream.getvalue() != one:
            raise _fail(exporter, name, "writing to a stream gives other bytes than writing to a file")
    _check_no_temporaries(exporter, directory)


class _BreakingStream:
    """A binary stream that fails with ``OSError`` once ``budget`` bytes were written."""

    def __init__(self, inner: BinaryIO, budget: int) -> None:
        self._inner = inner
        self._budget = budget

    def write(self, data: bytes) -> int:
        size = memoryview(data).nbytes
        if size > self._budget:
            self._inner.write(bytes(memoryview(data).cast("B")[: self._budget]))
            self._budget = 0
            raise OSError(28, "No space left on device (simulated by journeymap.testing)")
        self._budget -= size
        return self._inner.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@attrs.frozen
class _BreakingExporter:
    """An exporter whose stream breaks halfway through the real exporter's output."""

    inner: Exporter
    budget: int

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def suffixes(self) -> tuple[str, ...]:
        return self.inner.suffixes

    @property
    def description(self) -> str:
        return self.inner.description

    @property
    def extra(self) -> str | None:
        return self.inner.extra

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        self.inner.write(journey, cast(BinaryIO, _BreakingStream(stream, self.budget)), lang=lang, **options)


def check_atomic(exporter: str | Exporter, directory: Path, *, options: Mapping[str, Any] | None = None) -> None:
    """An export that fails midway leaves the existing target untouched and no temporary file."""
    exporter = _resolve(exporter)
    journey = sample_journeys()["course"]
    good = io.BytesIO()
    plugins.export_with(exporter, journey, cast(BinaryIO, good), **dict(options or {}))
    target = directory / f"atomic{_suffix(exporter)}"
    target.write_bytes(_ORIGINAL)
    before = sorted(os.listdir(directory))
    breaking = _BreakingExporter(exporter, len(good.getvalue()) // 2)
    try:
        plugins.export_with(breaking, journey, target, overwrite=True, **dict(options or {}))
    except JourneyMapError:
        pass
    else:
        raise _fail(exporter, "course", "its stream failed midway, yet the export reported success")
    if target.read_bytes() != _ORIGINAL:
        raise _fail(exporter, "course", "a failed export changed the existing target")
    if sorted(os.listdir(directory)) != before:
        raise _fail(exporter, "course", f"a failed export left files behind: {sorted(os.listdir(directory))}")


def check_no_overwrite(exporter: str | Exporter, directory: Path, *, options: Mapping[str, Any] | None = None) -> None:
    """An existing target is refused without ``overwrite=True`` and replaced with it."""
    exporter = _resolve(exporter)
    journey = sample_journeys()["course"]
    target = directory / f"existing{_suffix(exporter)}"
    target.write_bytes(_ORIGINAL)
    try:
        plugins.export_with(exporter, journey, target, **dict(options or {}))
    except TargetExistsError:
        pass
    else:
        raise _fail(exporter, "course", "replaced an existing file without overwrite=True")
    if target.read_bytes() != _ORIGINAL:
        raise _fail(exporter, "course", "a refused export changed the existing file")
    plugins.export_with(exporter, journey, target, overwrite=True, **dict(options or {}))
    if target.read_bytes() == _ORIGINAL:
        raise _fail(exporter, "course", "overwrite=True did not replace the existing file")
    _check_no_temporaries(exporter, directory)


def _check_no_temporaries(exporter: Exporter, directory: Path) -> None:
    left = sorted(p.name for p in directory.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))
    if left:
        raise AssertionError(f"exporter {exporter.name!r} left temporary files: {', '.join(left)}")


_SHOWN = re.compile(r"title|stages\[\d+\]\.name|stages\[\d+\]\.touchpoints\[\d+\]\.name")
"""The fields every exporter that writes text shows: the title, the stage and the touchpoint names."""


def _flat(text: str) -> str:
    return " ".join(text.split())


def check_naughty_strings(
    exporter: str | Exporter,
    directory: Path,
    *,
    read_back: Callable[[Path], str] | None = None,
    shown: re.Pattern[str] = _SHOWN,
    per_field: int = 40,
    limit: int | None = None,
    normalise: Callable[[str], str] = str,
    options: Mapping[str, Any] | None = None,
) -> int:
    """Export journeys holding every naughty string in every text field; return how many files were written.

    Every journey is written, or refused with a :class:`~journeymap.errors.ValidationError` or
    :class:`~journeymap.errors.ExportError` naming one of its fields; a journey whose strings hold
    control characters or U+FFFE/U+FFFF may be refused, the others must be written. With ``read_back``
    (a function returning all the text of a written file, e.g. every cell of a workbook through openpyxl),
    each string laid in a field matching ``shown`` must be found in it (runs of whitespace compared as
    one space, and ``normalise`` applied to both sides: it undoes a change the format documents, such as
    Mermaid's full-width ``：`` for ``:``). Opt-in: it exports 14 journeys of some 300 KB of text each
    (``per_field`` strings joined in each field); a slow exporter may take fewer strings per field and
    only the first ``limit`` journeys.

    >>> import tempfile, journeymap as jm
    >>> def names(path):  # the title, stage and touchpoint names, as journeymap reads the file back
    ...     journey = jm.load(path)
    ...     touchpoints = [touchpoint.name for _, touchpoint in journey.touchpoints()]
    ...     return " ".join([journey.title, *(stage.name for stage in journey.stages), *touchpoints])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     check_naughty_strings("json", Path(folder), read_back=names)
    14
    """
    exporter = _resolve(exporter)
    written = 0
    for number, naughty in enumerate(itertools.islice(naughty_journeys(per_field=per_field), limit)):
        sample = f"naughty-{number}"
        target = directory / f"{sample}{_suffix(exporter)}"
        try:
            plugins.export_with(exporter, naughty.journey, target, **dict(options or {}))
        except (ValidationError, ExportError) as error:
            text = str(error) + "".join(f"\n{problem.path}" for problem in getattr(error, "problems", ()))
            if not naughty.may_reject:
                raise _fail(exporter, sample, f"must be written, but raised {type(error).__name__}: {error}") from error
            if target.exists() or not any(field in text for field in naughty.fields):
                message = f"a refusal must name the field and write nothing, got: {error}"
                raise _fail(exporter, sample, message) from error
            continue
        except Exception as error:
            raise _fail(exporter, sample, f"raised {type(error).__name__}: {error}") from error
        written += 1
        if read_back is not None:
            intact = _Intact(text=_flat(normalise(read_back(target))), shown=shown, normalise=normalise)
            intact.check(exporter, sample, naughty.fields)
    _check_no_temporaries(exporter, directory)
    return written


@attrs.frozen
class _Intact:
    """The text read back from a file, and which fields' strings it must hold."""

    text: str
    shown: re.Pattern[str]
    normalise: Callable[[str], str]

    def check(self, exporter: Exporter, sample: str, fields: Mapping[str, tuple[str, ...]]) -> None:
        for field, strings in fields.items():
            if not self.shown.fullmatch(field):
                continue
            lost = [string for string in strings if _flat(self.normalise(string)) not in self.text]
            if lost:
                message = f"{field}: {len(lost)} strings not read back intact, first {lost[0]!r}"
                raise _fail(exporter, sample, message)


def check_exporter(
    exporter: str | Exporter, tmp_path: Path | None = None, *, options: Mapping[str, Any] | None = None
) -> ConformanceReport:
    """Run every check on an exporter (a registered name or an exporter object).

    Files go to ``tmp_path`` (pytest's fixture) or a temporary directory that
    is removed afterwards. Raises :class:`AssertionError` saying which sample
    and which check failed; returns what was written and what was refused.
    """
    if tmp_path is None:
        with tempfile.TemporaryDirectory(prefix="journeymap-check-") as directory:
            return check_exporter(exporter, Path(directory), options=options)
    resolved = _resolve(exporter)
    checks = {name: tmp_path / name for name in ("samples", "twice", "atomic", "overwrite")}
    for folder in checks.values():
        folder.mkdir(parents=True, exist_ok=True)
    report = check_samples(resolved, checks["samples"], options=options)
    check_deterministic(resolved, checks["twice"], options=options)
    check_atomic(resolved, checks["atomic"], options=options)
    check_no_overwrite(resolved, checks["overwrite"], options=options)
    return report


class ExporterConformance:
    """Base class for a pytest test class: one test per check of the kit.

    Set ``exporter`` to the exporter's name (or an exporter object) and,
    if it needs them, ``options``::

        class TestMarkdown(ExporterConformance):
            exporter = "markdown"
    """

    exporter: ClassVar[str | Exporter]
    options: ClassVar[Mapping[str, Any]] = {}

    def test_writes_every_sample_or_names_the_refused_field(self, tmp_path: Path) -> None:
        """Every sample journey is written (control characters may be refused naming the field)."""
        check_samples(self.exporter, tmp_path, options=self.options)

    def test_same_journey_gives_identical_bytes(self, tmp_path: Path) -> None:
        """Two exports are byte-identical."""
        check_deterministic(self.exporter, tmp_path, options=self.options)

    def test_failure_midway_leaves_target_untouched(self, tmp_path: Path) -> None:
        """A failed export changes nothing and leaves no temporary file."""
        check_atomic(self.exporter, tmp_path, options=self.options)

    def test_existing_file_needs_overwrite(self, tmp_path: Path) -> None:
        """An existing target is replaced only with overwrite=True."""
        check_no_overwrite(self.exporter, tmp_path, options=self.options)
