"""The ``journeymap`` command line.

Every command turns a :class:`~journeymap.errors.JourneyMapError` (and an
unreadable file) into one clean line on standard error and exit code 2 —
never a traceback. The commands live in small modules beside this one, which
define them without knowing the group; this module builds :data:`main` and
adds each of them.
"""

from __future__ import annotations

import click

from journeymap import __version__
from journeymap.cli._analysis import analyze_command, compare_command, lint_command
from journeymap.cli._common import EXIT_INPUT, Group
from journeymap.cli._diff import diff_command
from journeymap.cli._export import export, formats
from journeymap.cli._files import new, schema, validate
from journeymap.cli._mining import mine
from journeymap.cli._paths import paths_command

__all__ = ["EXIT_INPUT", "main"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="journeymap")
def main() -> None:
    """Customer journey maps as code: validate, analyse and export journeys."""


main.add_command(analyze_command)
main.add_command(compare_command)
main.add_command(diff_command)
main.add_command(export)
main.add_command(formats)
main.add_command(lint_command)
main.add_command(mine)
main.add_command(new)
main.add_command(paths_command)
main.add_command(schema)
main.add_command(validate)
