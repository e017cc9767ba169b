"""The ``mermaid-journey`` importer: read a Mermaid ``journey`` diagram (``.mmd``).

It reads what Mermaid's own grammar (``journey.jison``, Mermaid 11) accepts,
token rule by token rule: ``title``, ``section``, ``task: score: actors``,
``accTitle``/``accDescr`` (also the multi-line ``accDescr { … }``), ``%%`` and
``#`` comments, YAML front matter (its ``title`` is used when the diagram has
none), ``%%{init}%%`` directives, blank lines, any spacing around the colons,
tasks without actors or with a trailing colon, keywords in any letter case.

* Sections become stages (a repeated section name is a new stage), tasks
  touchpoints, actors the touchpoint's ``actors`` (empty names, which Mermaid
  keeps for a trailing ``:``, are dropped). Tasks before the first section
  go into a stage named ``(no section)``.
* The score is read as JavaScript's ``Number()`` reads it and mapped 1 … 5 →
  −2 … +2 (score − 3; fractions are kept). A score that is not a number
  (Mermaid silently makes it NaN), is empty (Mermaid reads 0) or lies outside
  1 … 5 is a :class:`~journeymap.errors.ParseError` naming the line; with
  ``strict=False`` it is a :class:`~journeymap.builtin.mermaid.MermaidWarning`
  and the touchpoint has no emotion.
* ``<br>`` in a name becomes a line break; a leading ZERO WIDTH SPACE (which
  the exporter writes before names Mermaid would read as keywords) is removed.
* Mermaid's entity codes (``#lt;``, ``#35;``) are read as the characters Mermaid
  draws for them, in the title, section and task names and actors.
* ``accDescr`` becomes the journey's description.

>>> j = parse_journey('''journey
...     title My working day
...     section Go to work
...       Make tea: 5: Me
...       Do work: 1: Me, Cat
... ''')
>>> [(tp.name, tp.emotion.score, tp.actors) for _, tp in j.touchpoints()]
[('Make tea', 2, ('Me',)), ('Do work', -2, ('Me', 'Cat'))]
>>> parse_journey("journey\\nsection A\\nTask: 7: Me", source="day.mmd")
Traceback (most recent call last):
...
journeymap.errors.ParseError: day.mmd:3: stages[0].touchpoints[0].emotion: score 7 is outside 1 … 5
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path
from typing import Any

import attrs
import yaml

from journeymap.builtin.mermaid._syntax import (
    KEYWORD_GUARD,
    SCORES,
    MermaidWarning,
    decode_entity_codes,
    emotion_of,
    encode_entity_codes,
)
from journeymap.errors import ParseError, Problem, ValidationError
from journeymap.model import Emotion, Journey, Stage, Touchpoint
from journeymap.plugin import ImporterRegistry, hookimpl

__all__ = ["NO_SECTION", "MermaidJourneyImporter", "js_number", "parse_journey", "register_importers"]

NO_SECTION = "(no section)"
"""Name of the stage that holds tasks written before the first ``section``."""

_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\r?\n(.*?\r?\n)-{3}[ \t]*(?:\r?\n|$)", re.DOTALL)
_DIRECTIVE = re.compile(r"%%\{.*?\}%%", re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)

# Mermaid 11's journey lexer rules, in its order (the first rule that matches wins).
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("comment", re.compile(r"%(?!\{)[^\n]*")),
    ("comment", re.compile(r"[^}]%%[^\n]*")),
    ("newline", re.compile(r"\n+")),
    ("space", re.compile(r"\s+")),
    ("comment", re.compile(r"#[^\n]*")),
    ("journey", re.compile(r"journey\b", re.IGNORECASE)),
    ("title", re.compile(r"title\s[^#\n;]+", re.IGNORECASE)),
    ("acc_title", re.compile(r"accTitle\s*:\s*([^\n]*)", re.IGNORECASE)),
    ("acc_descr", re.compile(r"accDescr\s*:\s*([^\n]*)", re.IGNORECASE)),
    ("acc_descr_multiline", re.compile(r"accDescr\s*\{\s*([^}]*)\}", re.IGNORECASE)),
    ("section", re.compile(r"section\s[^#:\n;]+", re.IGNORECASE)),
    ("task_name", re.compile(r"[^#:\n;]+")),
    ("task_data", re.compile(r":[^#\n;]+")),
    ("colon", re.compile(r":")),
]

_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_JS_SPACE = " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"  # noqa: E501


def js_number(text: str) -> float:
    """What JavaScript's ``Number(text)`` gives (NaN for text that is not a number; ``""`` is 0).

    >>> [js_number(t) for t in (" 5 ", "", "0x1f", "2.5e0", "X", "2rem")]
    [5.0, 0.0, 31.0, 2.5, nan, nan]
    """
    text = text.strip(_JS_SPACE)
    if not text:
        return 0.0
    if _DECIMAL.fullmatch(text):
        return float(text)
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if text[:2].lower() == prefix:
            try:
                return float(int(text[2:], base))
            except ValueError:
                return math.nan
    if text.lstrip("+-") == "Infinity":
        return -math.inf if text.startswith("-") else math.inf
    return math.nan


@attrs.define
class _Task:
    name: str
    raw_score: str
    actors: list[str]
    line: int


@attrs.define
class _Section:
    name: str
    tasks: list[_Task] = attrs.Factory(list)


def _name(text: str) -> str:
    text = decode_entity_codes(_BR.sub("\n", text.strip()))
    return text[len(KEYWORD_GUARD) :] if text.startswith(KEYWORD_GUARD) else text


def _blank_out(match: re.Match[str]) -> str:
    """Replace a match by as many line breaks as it held, so line numbers stay right."""
    return "\n" * match.group().count("\n")


def _tokens(text: str, problems: list[Problem]) -> list[tuple[str, re.Match[str], int]]:
    tokens: list[tuple[str, re.Match[str], int]] = []
    position, line = 0, 1
    while position < len(text):
        for kind, rule in _RULES:  # noqa: B007 - the matching kind is used after the loop
            match = rule.match(text, position)
            if match and match.end() > position:
                break
        else:
            problems.append(Problem(message=f"Mermaid cannot read {text[position]!r} here", line=line))
            return tokens
        if kind not in ("comment", "newline", "space"):
            tokens.append((kind, match, line))
        line += match.group().count("\n")
        position = match.end()
    return tokens


def parse_journey(text: str, *, source: str | None = None, strict: bool = True) -> Journey:
    """Read a Mermaid journey diagram; ``source`` names the file in errors and warnings.

    Raises :class:`~journeymap.errors.ParseError` naming the line for text
    Mermaid cannot read and, unless ``strict=False``, for a score that is not
    a number or outside 1 … 5.
    """
    problems: list[Problem] = []
    front, text = _front_matter(text, source)
    text = _DIRECTIVE.sub(_blank_out, text.replace("\r\n", "\n").replace("\r", "\n"))
    tokens = _tokens(encode_entity_codes(text), problems)
    if not tokens or tokens[0][0] != "journey":
        line = tokens[0][2] if tokens else 1
        problems.insert(0, Problem(message="a Mermaid journey must start with 'journey'", line=line))
        raise ParseError([attrs.evolve(p, file=source) for p in problems])
    diagram = _Diagram(title=front.get("title") if isinstance(front.get("title"), str) else None)
    _read_statements(tokens, diagram, problems)
    if problems:
        raise ParseError([attrs.evolve(p, file=source) for p in problems])
    stages = _stages(diagram.sections, source, strict, problems)
    if problems:
        raise ParseError(problems)
    fallback = Path(source).stem if source else "Untitled journey"
    title = diagram.title or diagram.acc_title or fallback
    try:
        return Journey(title=title, description=diagram.description or None, stages=stages)
    except ValidationError as error:
        raise error.located(source) from None


@attrs.define
class _Diagram:
    """What the statements of a journey diagram say, before it becomes a Journey."""

    title: str | None = None
    acc_title: str | None = None
    description: str | None = None
    sections: list[_Section] = attrs.Factory(list)


def _front_matter(text: str, source: str | None) -> tuple[dict[str, Any], str]:
    """The YAML front matter (empty when there is none) and the text with it blanked out (line numbers kept)."""
    found = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not found:
        return {}, text
    try:
        loaded = yaml.safe_load(found.group(1))
    except yaml.YAMLError as error:
        raise ParseError([Problem(message=f"front matter is not YAML: {error}", line=1, file=source)]) from None
    front = loaded if isinstance(loaded, dict) else {}
    return front, _blank_out(found) + text.lstrip("\ufeff")[found.end() :]


def _read_statements(tokens: list[tuple[str, re.Match[str], int]], diagram: _Diagram, problems: list[Problem]) -> None:
    """Fill ``diagram`` from the tokens after ``journey``; what Mermaid would refuse goes to ``problems``."""
    index = 1
    while index < len(tokens):
        kind, match, line = tokens[index]
        index += 1
        if kind == "title":
            diagram.title = decode_entity_codes(match.group()[6:].strip())
        elif kind == "acc_title":
            diagram.acc_title = match.group(1).strip()
        elif kind in ("acc_descr", "acc_descr_multiline"):
            diagram.description = "\n".join(part.strip() for part in match.group(1).strip().split("\n"))
        elif kind == "section":
            diagram.sections.append(_Section(name=_name(match.group()[8:])))
        elif kind == "task_name" and index < len(tokens) and tokens[index][0] == "task_data":
            pieces = tokens[index][1].group()[1:].split(":")
            index += 1
            actors = [decode_entity_codes(a.strip()) for a in pieces[1].split(",")] if len(pieces) > 1 else []
            if not diagram.sections:
                diagram.sections.append(_Section(name=NO_SECTION))
            task = _Task(name=_name(match.group()), raw_score=pieces[0], actors=[a for a in actors if a], line=line)
            diagram.sections[-1].tasks.append(task)
        elif kind == "task_name":
            problems.append(Problem(message=f"task {match.group().strip()!r} has no ': score'", line=line))
        else:
            problems.append(Problem(message=f"unexpected {match.group().strip()!r}", line=line))


def _stages(sections: list[_Section], source: str | None, strict: bool, problems: list[Problem]) -> list[Stage]:
    """One stage per section, one touchpoint per task; a score that is not 1 … 5 goes to ``problems`` or warns."""
    stages = []
    for i, section in enumerate(sections):
        touchpoints = []
        for k, task in enumerate(section.tasks):
            emotion = _emotion(task, f"stages[{i}].touchpoints[{k}].emotion", source, strict, problems)
            try:
                touchpoints.append(Touchpoint(name=task.name, emotion=emotion, actors=task.actors))
            except ValidationError as error:  # a name that is empty once read (``<br>``, the keyword guard)
                problems += [
                    attrs.evolve(p.within("stages", i, "touchpoints", k), line=task.line, file=source)
                    for p in error.problems
                ]
        try:
            stages.append(Stage(name=section.name, touchpoints=touchpoints))
        except ValidationError as error:
            problems += [attrs.evolve(p.within("stages", i), file=source) for p in error.problems]
    return stages


def _emotion(task: _Task, path: str, source: str | None, strict: bool, problems: list[Problem]) -> Emotion | None:
    score = js_number(task.raw_score)
    raw = task.raw_score.strip()
    if math.isnan(score):
        message = f"score {raw!r} is not a number (Mermaid would read it as NaN)"
    elif not raw:
        message = "score is missing (Mermaid would read it as 0)"
    elif not SCORES[0] <= score <= SCORES[1]:
        message = f"score {raw} is outside 1 … 5"
    else:
        return Emotion(score=emotion_of(score))
    if strict:
        problems.append(Problem(message=message, path=path, line=task.line, file=source))
    else:
        where = f"{source}:{task.line}" if source else f"line {task.line}"
        warnings.warn(f"{where}: {path}: {message}; imported without an emotion", MermaidWarning, stacklevel=4)
    return None


class MermaidJourneyImporter:
    """Reads a Mermaid ``journey`` diagram (``.mmd``); option ``strict`` (default true)."""

    name = "mermaid-journey"
    suffixes = (".mmd",)
    description = "Mermaid journey diagram"

    def read(self, data: bytes, *, source: str | None = None, **options: Any) -> Journey:
        """Read a journey from the bytes of a ``.mmd`` file (UTF-8)."""
        unknown = sorted(set(options) - {"strict"})
        if unknown:
            raise ValidationError.at(f"options.{unknown[0]}", f"the {self.name} importer takes: strict")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ParseError([Problem(message="not UTF-8 text", line=line, file=source)]) from None
        return parse_journey(text, source=source, strict=bool(options.get("strict", True)))


@hookimpl
def register_importers(registry: ImporterRegistry) -> None:
    """Register the ``mermaid-journey`` importer."""
    registry.register(MermaidJourneyImporter())
