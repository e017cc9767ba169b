"""Writing a file so that a failure never leaves a partial or lost file (private)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from journeymap.errors import TargetExistsError

__all__ = ["write_atomic"]


def _mode_for(target: Path) -> int:
    """The existing file's permissions, or what a plain ``open()`` would give (0666 less the umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], write: Callable[[BinaryIO], None], *, overwrite: bool = False) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then move it into place.

    On any failure the target is untouched and the temporary file is removed.
    An existing target is replaced only when ``overwrite`` is true.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise TargetExistsError(target)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:  # name the file the user asked for, not our temporary one
        raise OSError(error.errno, error.strerror, str(target)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.chmod(temporary, _mode_for(target))
        if not overwrite:
            # Refuse a file that appeared while we were writing; link fails if it exists.
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise TargetExistsError(target) from None
            except OSError:
                if target.exists():
                    raise TargetExistsError(target) from None
                os.replace(temporary, target)
        else:
            os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target
