"""The ``journeymap`` command line.

Every command turns a :class:`~journeymap.errors.JourneyMapError` (and an
unreadable file) into one clean line on standard error and exit code 2 —
never a traceback. The commands live in small modules beside this one, each
adding itself to :data:`main`.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from journeymap import __version__
from journeymap.errors import JourneyMapError

__all__ = ["EXIT_INPUT", "main"]

EXIT_INPUT = 2
"""Exit code for bad input, an unreadable file or a refused write."""


class _Group(click.Group):
    """A click group that reports journeymap errors as one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JourneyMapError as error:
            _fail(str(error))
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            _fail(f"{where}{error.strerror or error}")


def _fail(message: str) -> None:
    click.echo(f"error: {message}" if "\n" not in message else message, err=True)
    sys.exit(EXIT_INPUT)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="journeymap")
def main() -> None:
    """Customer journey maps as code: validate, analyse and export journeys."""


# Command modules register themselves on import (kept last: they import `main`).
from journeymap.cli import (  # noqa: E402
    _analysis,  # noqa: F401
    _export,  # noqa: F401
    _files,  # noqa: F401
    _mining,  # noqa: F401
)
