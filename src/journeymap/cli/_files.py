"""Commands that work on journey files: ``new``, ``validate``, ``schema``."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import BinaryIO

import click

from journeymap import templates
from journeymap._atomic import write_atomic
from journeymap.cli._common import EXIT_INPUT, count, print_json
from journeymap.errors import JourneyMapError, ProblemsError
from journeymap.model import Journey
from journeymap.plugins import load
from journeymap.serialization import dumps, format_for

__all__ = ["new", "schema", "validate"]

# First line of a YAML journey written by `new`, so that editors validate it against the schema.
_SCHEMA_COMMENT = "# yaml-language-server: $schema={url}"


@click.command()
@click.option(
    "-t",
    "--template",
    type=click.Choice(templates.names()),
    default=templates.names()[0],
    show_default=True,
    help="Stage set to start from.",
)
@click.option(
    "-l",
    "--lang",
    "language",
    default="en",
    show_default=True,
    metavar="LANG",
    help="Language tag of the map; en, ru and ro get translated stage names, others English ones.",
)
@click.option("--title", metavar="TEXT", help="Title of the map (default: 'Customer journey map' in LANG).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write; .yaml, .yml or .json.",
)
@click.option("-f", "--force", is_flag=True, help="Replace FILE if it exists.")
def new(template: str, language: str, title: str | None, output: Path, force: bool) -> None:
    """Write a new journey map from a template.

    The format follows the suffix of FILE; a YAML file starts with the
    yaml-language-server comment that lets editors check it against the
    schema. An existing FILE is replaced only with --force. Exit code 0 on
    success, 2 when nothing was written.

    \b
    Example:
      journeymap new --template five-stage --lang ru -o school.yaml
    """
    journey = templates.new(template, title=title, language=language)
    fmt = format_for(output)
    text = dumps(journey, fmt)
    if fmt == "yaml":
        from journeymap.serialization.schema import SCHEMA_ID

        text = _SCHEMA_COMMENT.format(url=SCHEMA_ID) + "\n" + text
    parent = output.parent
    if not parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "the directory does not exist", str(parent))

    def write(stream: BinaryIO) -> None:
        stream.write(text.encode("utf-8"))

    write_atomic(output, write, overwrite=force)
    click.echo(f"wrote {output} ({template}, {count(len(journey.stages), 'stage')}, language {journey.language})")


def _check(path: Path) -> tuple[Journey | None, list[str]]:
    """Load one file: the journey, or the lines that say what is wrong."""
    try:
        return load(path), []
    except ProblemsError as error:
        return None, [str(p) if p.file is not None else f"{path}: {p}" for p in error.problems]
    except JourneyMapError as error:
        return None, [f"{path}: {error}"]
    except OSError as error:
        return None, [f"{path}: {error.strerror or error}"]


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check journey files and print every problem.

    FILES are .yaml, .yml or .json journeys. Prints one line per problem
    (FILE:LINE: FIELD: MESSAGE) and, for a valid file, "FILE: ok" with its
    counts of stages and touchpoints. Every file is checked, even after a bad
    one. Exit code 0 when every file is valid, 2 otherwise.
    """
    failed = False
    for path in files:
        journey, problems = _check(path)
        for line in problems:
            click.echo(line)
        if journey is None:
            failed = True
            continue
        touchpoints = sum(1 for _ in journey.touchpoints())
        stages = count(len(journey.stages), "stage")
        click.echo(f"{path}: ok ({stages}, {count(touchpoints, 'touchpoint')})")
    if failed:
        click.get_current_context().exit(EXIT_INPUT)


@click.command()
def schema() -> None:
    """Print the JSON Schema of the journey file format.

    \b
    Save it for an editor:
      journeymap schema > journeymap.schema.json
    """
    from journeymap.serialization.schema import json_schema

    print_json(json_schema())
