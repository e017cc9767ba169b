"""The ``diff`` command: what changed between two versions of one map."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from journeymap.analysis import diff
from journeymap.cli._common import FILE, print_json
from journeymap.plugins import load

__all__ = ["EXIT_DIFFERENT", "diff_command"]

EXIT_DIFFERENT = 1
"""Exit code of ``journeymap diff`` when the journeys differ (like ``diff``)."""


@click.command("diff")
@click.argument("old", type=FILE)
@click.argument("new", type=FILE)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, json for programs, markdown for a pull-request comment.",
)
@click.option("--lang", metavar="LANG", help="Language of the words (en, ru, ro); default: NEW's language.")
def diff_command(old: Path, new: Path, format_: str, lang: str | None) -> None:
    """Print what changed from OLD to NEW, two versions of one map, item by item.

    OLD and NEW are any files journeymap reads (YAML, JSON, Mermaid, and what
    an importer plugin adds). Stages, touchpoints and personas are matched by
    id. Exit status: 0 when they are the same, 1 when they differ, 2 when a
    file cannot be read or is not a valid journey.

    \b
    journeymap diff map.yaml edited.yaml
    journeymap diff --format markdown main.yaml branch.yaml > comment.md
    """
    result = diff(load(old), load(new))
    if format_ == "json":
        print_json(result.to_dict())
    elif format_ == "markdown":
        click.echo(result.markdown(lang))
    else:
        click.echo(result.text(lang))
    sys.exit(EXIT_DIFFERENT if result else 0)
