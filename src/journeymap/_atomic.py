"""Writing a file so that a failure never leaves a partial or lost file (private).

The guarantees (docs/reliability.md): the target is either left as it was or replaced whole by
``os.replace``; an error names the target the caller gave; the temporary file is removed on any error,
and one left behind by a process that was killed (``SIGKILL``, a power cut) is removed by the next write
beside it. A symlink is followed: the file it points to is replaced and the link stays.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from journeymap.errors import ExportError, TargetExistsError

__all__ = ["write_atomic"]

_HOST = re.sub(r"[^A-Za-z0-9-]", "", socket.gethostname())[:24] or "host"
"""This machine in temporary names, so a stale file is only judged by the machine that made it."""


def _mode_for(target: Path) -> int:
    """The existing file's permissions, or what a plain ``open()`` would give (0666 less the umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _remove_stale(directory: Path) -> None:
    """Remove journeymap's temporaries in ``directory`` left by processes of this machine that no longer run."""
    stale = re.compile(r"\..+\." + re.escape(f"{_HOST}-") + r"(\d+)\.[^.]+\.tmp")
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            found = stale.fullmatch(entry.name)
            if found and not _alive(int(found.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _named(error: OSError, target: Path) -> OSError:
    """``error`` naming the file the user asked for, not our temporary one."""
    return OSError(error.errno, error.strerror or str(error), str(target))


def write_atomic(path: str | os.PathLike[str], write: Callable[[BinaryIO], None], *, overwrite: bool = False) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then move it into place.

    On any failure the target is untouched and the temporary file is removed.
    An existing target is replaced only when ``overwrite`` is true. Raises
    :class:`~journeymap.errors.TargetExistsError`, :class:`~journeymap.errors.ExportError`
    when the target is a directory, or :class:`OSError` naming the target (a full disk, a read-only folder).
    """
    target = Path(path)
    final = Path(os.path.realpath(target)) if target.is_symlink() else target
    if final.is_dir():
        raise ExportError(f"{target}: is a directory; give a file name to write")
    if final.exists() and not overwrite:
        raise TargetExistsError(target)
    directory = final.parent if str(final.parent) else Path(".")
    _remove_stale(directory)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{final.name}.{_HOST}-{os.getpid()}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        raise _named(error, target) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            try:  # a full disk may show only now, when the last buffered bytes go out
                stream.flush()
                os.fsync(stream.fileno())  # the bytes on disk before the name points at them (a power cut)
            except OSError as error:
                raise _named(error, target) from None
        _put_in_place(Path(temporary), final, target, overwrite)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target


def _put_in_place(temporary: Path, final: Path, target: Path, overwrite: bool) -> None:
    try:
        os.chmod(temporary, _mode_for(final))
        if overwrite:
            os.replace(temporary, final)
            return
        # Refuse a file that appeared while we were writing; link fails if it exists.
        try:
            os.link(temporary, final)
        except FileExistsError:
            raise TargetExistsError(target) from None
        except OSError:  # a file system without hard links
            if final.exists():
                raise TargetExistsError(target) from None
            os.replace(temporary, final)
    except TargetExistsError:
        raise
    except OSError as error:
        raise _named(error, target) from None
