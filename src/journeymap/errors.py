"""The errors journeymap raises, all under one root: :class:`JourneyMapError`.

Two families hang below it:

* :class:`InputError` — something is wrong with what the user gave us: a file
  that does not parse (:class:`ParseError`), a journey that breaks the rules
  (:class:`ValidationError`), an unknown format (:class:`UnknownFormatError`).
* :class:`OutputError` — we could not write what was asked
  (:class:`TargetExistsError`, :class:`MissingDependencyError`,
  :class:`ExportError`).

A third, :class:`PluginError`, is a plugin breaking the contract of
:mod:`journeymap.hookspecs` (a malformed exporter or importer, a name two
plugins register); the plugin manager reports that plugin as broken and
every other plugin keeps working.

Every input error can say *where*: the file, the line (when the format gives
one) and the field path, e.g.::

    school.yaml:41: stages[2].touchpoints[0].emotion.score: must be between -2 and 2, got 7

The command line prints ``str(error)`` and exits with code 2.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

__all__ = [
    "DuplicateExporterError",
    "DuplicateImporterError",
    "DuplicateNameError",
    "ExportError",
    "InputError",
    "InvalidExporterError",
    "InvalidImporterError",
    "JourneyMapError",
    "JourneyMapWarning",
    "MissingDependencyError",
    "OutputError",
    "ParseError",
    "PluginError",
    "Problem",
    "TargetExistsError",
    "UnknownFormatError",
    "ValidationError",
    "join_path",
    "split_path",
]


_PLAIN_NAME = re.compile(r'[^.\[\]"]+')
"""A name written bare in a path; any other key (an id holding ``.``, ``[`` or ``"``) is written ``["key"]``."""
_PATH_PART = re.compile(r'\.?([^.\[\]"]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def join_path(*parts: str | int) -> str:
    """Join field names, mapping keys and list indexes into a field path.

    A key that is not a plain name (it holds ``.``, ``[``, ``]`` or ``"``) is written as a JSON string in
    brackets, so the path splits back into the same parts.

    >>> join_path("stages", 2, "touchpoints", 0, "emotion", "score")
    'stages[2].touchpoints[0].emotion.score'
    >>> join_path("lanes", "legal.review", "title")
    'lanes["legal.review"].title'
    """
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part and _PLAIN_NAME.fullmatch(part):
            text += f".{part}" if text else part
        elif part:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
    return text


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an input, with where it is.

    ``path`` is the field path (``stages[2].name``, empty for the whole
    document), ``line`` the 1-based line in the file when known.
    """

    message: str
    path: str = ""
    line: int | None = None
    file: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        field = f"{self.path}: " if self.path else ""
        return f"{where}{field}{self.message}"

    def within(self, *prefix: str | int) -> Problem:
        """The same problem, seen from a containing object at ``prefix``."""
        return attrs.evolve(self, path=join_path(*prefix, *split_path(self.path)))


def split_path(path: str) -> list[str | int]:
    """Split a field path into names, keys and indexes (the inverse of :func:`join_path`).

    >>> split_path('lanes["legal.review"].titles.ru')
    ['lanes', 'legal.review', 'titles', 'ru']
    """
    parts: list[str | int] = []
    at = 0
    while at < len(path):
        found = _PATH_PART.match(path, at)
        if found is None or found.end() == at:  # not a path journeymap wrote: keep the rest as one name
            parts.append(path[at:])
            break
        name, index, key = found.groups()
        parts.append(name if name is not None else int(index) if index is not None else json.loads(key))
        at = found.end()
    return parts


class JourneyMapError(Exception):
    """Root of every error journeymap raises on purpose."""


class JourneyMapWarning(UserWarning):
    """Root of the warnings journeymap gives: something was changed or left out, and the result still stands.

    Turn them into errors with ``warnings.simplefilter("error", JourneyMapWarning)``.
    """


class InputError(JourneyMapError):
    """The input (a file, a text, arguments) is wrong; nothing was written."""


class ProblemsError(InputError):
    """An input error made of one or more located :class:`Problem` items."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("an input error needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def path(self) -> str:
        """Field path of the first problem (``""`` for the whole document)."""
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        """Line of the first problem, when the format gives one."""
        return self.problems[0].line

    @property
    def file(self) -> str | None:
        """The file the input came from, when it came from a file."""
        return self.problems[0].file

    def located(self, file: str | Path | None = None, lines: Sequence[int | None] = ()) -> ProblemsError:
        """A copy of this error with the file name and lines filled in."""
        problems = []
        for index, problem in enumerate(self.problems):
            line = lines[index] if index < len(lines) and lines[index] is not None else problem.line
            problems.append(attrs.evolve(problem, file=str(file) if file is not None else problem.file, line=line))
        return type(self)(problems)

    def __reduce__(self) -> tuple[type[ProblemsError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class ValidationError(ProblemsError, ValueError):
    """A value breaks the journey's rules: wrong type, out of range, unknown key…

    ``problems`` lists every problem found; ``str()`` gives one per line.

    >>> from journeymap import Emotion
    >>> Emotion(score=7)
    Traceback (most recent call last):
    ...
    journeymap.errors.ValidationError: score: must be between -2 and 2, got 7
    """

    @classmethod
    def at(cls, path: str, message: str) -> ValidationError:
        """A validation error with one problem at ``path``."""
        return cls([Problem(message=message, path=path)])


class ParseError(ProblemsError):
    """The text is not a journey document at all: bad YAML or JSON, not UTF-8,
    empty, duplicate keys, an alias bomb, more than one document."""

    @classmethod
    def at(cls, message: str, *, line: int | None = None, path: str = "") -> ParseError:
        """A parse error with one problem."""
        return cls([Problem(message=message, path=path, line=line)])


class UnknownFormatError(InputError, ValueError):
    """A file suffix or ``format=`` name that journeymap does not know."""

    def __init__(self, name: str, known: Iterable[str], *, what: str = "format") -> None:
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(f"unknown {what} {name!r}; known: {', '.join(self.known)}")


class OutputError(JourneyMapError):
    """Something could not be written."""


class TargetExistsError(OutputError, FileExistsError):
    """The target file exists and overwriting was not allowed."""

    def __init__(self, path: str | Path) -> None:
        self.target = Path(path)
        super().__init__(f"{path}: already exists (use --force / overwrite=True to replace it)")


class MissingDependencyError(OutputError, ImportError):
    """An optional library is not installed; the message names the extra."""

    def __init__(self, module: str, extra: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(f"{module} is not installed; install it with: pip install 'journeymap[{extra}]'")


class ExportError(OutputError):
    """An exporter failed; the target was left as it was."""


class PluginError(JourneyMapError):
    """A plugin broke the contract of :mod:`journeymap.hookspecs`; the plugin is reported as broken."""


class InvalidExporterError(PluginError, TypeError):
    """A plugin registered something that is not a usable :class:`~journeymap.hookspecs.Exporter`."""


class InvalidImporterError(PluginError, TypeError):
    """A plugin registered something that is not a usable :class:`~journeymap.hookspecs.Importer`."""


class DuplicateNameError(PluginError):
    """Two plugins registered a part of the same kind under the same name; the first one keeps it."""

    kind = "part"

    def __init__(self, name: str, first: str, second: str) -> None:
        self.name = name
        self.providers = (first, second)
        super().__init__(f"{self.kind} {name!r} is registered by both {first} and {second}")

    def __reduce__(self) -> tuple[type[DuplicateNameError], tuple[str, str, str]]:
        return (type(self), (self.name, *self.providers))


class DuplicateExporterError(DuplicateNameError):
    """Two plugins registered an exporter under the same name.

    The first one keeps the name; the second plugin is reported as broken.
    """

    kind = "exporter"


class DuplicateImporterError(DuplicateNameError):
    """Two plugins registered an importer under the same name; the first one keeps it."""

    kind = "importer"
