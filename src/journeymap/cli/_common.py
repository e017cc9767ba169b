"""What every ``journeymap`` command shares: exit codes, the error-reporting group, common options.

The command modules import from here and never from :mod:`journeymap.cli`,
which imports them to build the group: data flows one way.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from journeymap.errors import JourneyMapError, JourneyMapWarning

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "FILE", "Group", "Terminated", "count", "fail", "print_json"]

EXIT_INPUT = 2
"""Exit code for bad input, an unreadable file or a refused write."""

EXIT_FINDINGS = 1
"""Exit code of ``journeymap lint`` when a finding fails the gate."""

FILE = click.Path(dir_okay=False, path_type=Path)
"""The click type of a journey file argument: a path that is not a directory."""


class Group(click.Group):
    """A click group that reports journeymap errors as one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a :class:`~journeymap.errors.JourneyMapError` or an ``OSError`` becomes one line.

        A :class:`~journeymap.errors.JourneyMapWarning` is printed as ``warning: MESSAGE`` on standard error.
        """
        try:
            with warnings.catch_warnings(), _terminate_unwinds():
                warnings.simplefilter("always", JourneyMapWarning)
                warnings.showwarning = _show_warning(warnings.showwarning)
                return super().invoke(ctx)
        except Terminated:
            click.echo("error: interrupted (SIGTERM); no file was left half-written", err=True)
            sys.exit(128 + signal.SIGTERM)
        except JourneyMapError as error:
            fail(str(error))
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            fail(f"{where}{error.strerror or error}")


class Terminated(BaseException):
    """SIGTERM arrived: raised where the program was, so ``finally`` blocks remove temporary files on the way out."""


@contextlib.contextmanager
def _terminate_unwinds() -> Iterator[None]:
    """While the command runs, SIGTERM unwinds the stack like Ctrl-C does (a signal kills without cleanup)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _show_warning(shown: Callable[..., None]) -> Callable[..., None]:
    """A ``warnings.showwarning`` that prints journeymap's warnings as one line and leaves the others to ``shown``."""

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, JourneyMapWarning):
            click.echo(f"warning: {message}", err=True)
        else:
            shown(message, category, *args, **kwargs)

    return show


def fail(message: str) -> NoReturn:
    """Print ``error: MESSAGE`` (a message of several lines as it is) on standard error and exit with code 2."""
    click.echo(f"error: {message}" if "\n" not in message else message, err=True)
    sys.exit(EXIT_INPUT)


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, non-ASCII letters as they are."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def count(number: int, noun: str) -> str:
    """``1 stage``, ``2 stages``: a number with its noun, plural when it is not one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
