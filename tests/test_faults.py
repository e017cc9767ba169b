"""Writing under a broken environment: a full disk, a read-only folder, a directory or a symlink in the way,
two writers at once, a writer killed mid-write. In each case the existing target is untouched or replaced
whole, no temporary file stays behind, the error names the path and the CLI exits with code 2
(docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import journeymap as jm
from journeymap.cli import main
from journeymap.errors import ExportError, TargetExistsError

ORIGINAL = b"the deliverable a client already has\n"
FORMATS = ["json", "xlsx", "mmd"]
"""Suffixes exercised: the journey file writer, a zip-based exporter and a text exporter."""


@pytest.fixture(scope="module")
def journey() -> jm.Journey:
    return jm.load(Path(__file__).parent.parent / "examples" / "online-school.yaml")


def leftovers(directory: Path) -> list[str]:
    """Temporary files journeymap may have left in ``directory``."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@contextlib.contextmanager
def full_disk(monkeypatch: pytest.MonkeyPatch, *, after: int = 0) -> Iterator[None]:
    """Writes to the temporary file fail with ENOSPC once ``after`` bytes went through (0: the first write)."""
    real = os.fdopen

    def fdopen(handle: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode != "wb":
            return real(handle, mode, *args, **kwargs)
        stream = real(handle, "wb", buffering=0)
        budget = [after]

        class Filling(io.RawIOBase):
            def writable(self) -> bool:
                return True

            def fileno(self) -> int:
                return stream.fileno()

            def write(self, data: Any) -> int:
                if budget[0] < len(data):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                budget[0] -= len(data)
                return stream.write(data) or 0

            def close(self) -> None:
                stream.close()
                super().close()

        return io.BufferedWriter(Filling())

    monkeypatch.setattr(os, "fdopen", fdopen)
    yield


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("after", [0, 1000])
def test_a_full_disk_leaves_the_target_untouched_and_names_it(
    journey: jm.Journey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, after: int
) -> None:
    target = tmp_path / f"map.{suffix}"
    target.write_bytes(ORIGINAL)
    with full_disk(monkeypatch, after=after), pytest.raises((jm.JourneyMapError, OSError)) as caught:
        jm.export(journey, target, overwrite=True)
    assert str(target) in str(caught.value)
    assert "No space left on device" in str(caught.value)
    assert target.read_bytes() == ORIGINAL
    assert leftovers(tmp_path) == []


def _mount_tmpfs(where: Path, *options: str) -> bool:
    where.mkdir()
    if os.geteuid() != 0:
        return False
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(where)], capture_output=True, check=False
    )
    return mounted.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 16 KiB file system (tmpfs; needs root and mount), holding one small file."""
    where = tmp_path / "tiny"
    if not _mount_tmpfs(where, "size=16k"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_a_real_full_file_system_leaves_the_target_untouched(journey: jm.Journey, tiny_disk: Path) -> None:
    target = tiny_disk / "map.xlsx"
    target.write_bytes(ORIGINAL)
    with pytest.raises((jm.JourneyMapError, OSError), match="No space left on device") as caught:
        jm.export(journey, target, overwrite=True)
    assert str(target) in str(caught.value)
    assert target.read_bytes() == ORIGINAL
    assert leftovers(tiny_disk) == []


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write in: a read-only tmpfs as root, a folder without write bits otherwise."""
    where = tmp_path / "read-only"
    if os.geteuid() == 0:
        if not _mount_tmpfs(where, "ro", "size=16k"):
            pytest.skip("root ignores write bits and cannot mount a read-only tmpfs here")
        try:
            yield where
        finally:
            subprocess.run(["umount", str(where)], check=False)
        return
    where.mkdir()
    where.chmod(0o555)
    try:
        yield where
    finally:
        where.chmod(0o755)


def test_a_read_only_folder_is_an_error_naming_the_target(journey: jm.Journey, read_only_dir: Path) -> None:
    target = read_only_dir / "map.xlsx"
    with pytest.raises(OSError, match=r"Read-only file system|Permission denied") as caught:
        jm.export(journey, target)
    assert caught.value.filename == str(target)
    assert not target.exists()


def test_the_cli_reports_a_read_only_folder_in_one_line_with_exit_code_2(read_only_dir: Path) -> None:
    source = Path(__file__).parent.parent / "examples" / "online-school.yaml"
    target = read_only_dir / "map.xlsx"
    result = CliRunner().invoke(main, ["export", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"error: {target}: ")


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_directory_in_the_way_is_an_error_naming_it(journey: jm.Journey, tmp_path: Path, overwrite: bool) -> None:
    target = tmp_path / "map.xlsx"
    target.mkdir()
    (target / "inside").write_bytes(ORIGINAL)
    with pytest.raises(ExportError, match=f"{target}: is a directory"):
        jm.export(journey, target, overwrite=overwrite)
    assert (target / "inside").read_bytes() == ORIGINAL
    assert leftovers(tmp_path) == []


def test_the_cli_exits_with_code_2_on_a_directory_or_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Path(__file__).parent.parent / "examples" / "online-school.yaml"
    (tmp_path / "dir.xlsx").mkdir()
    result = CliRunner().invoke(main, ["export", str(source), "-o", str(tmp_path / "dir.xlsx"), "--force"])
    assert (result.exit_code, result.output.strip()) == (
        2,
        f"error: {tmp_path / 'dir.xlsx'}: is a directory; give a file name to write",
    )
    with full_disk(monkeypatch):
        result = CliRunner().invoke(main, ["export", str(source), "-o", str(tmp_path / "map.xlsx")])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {tmp_path / 'map.xlsx'}: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.xlsx"]


def test_a_symlink_is_followed_the_file_it_points_to_is_replaced(journey: jm.Journey, tmp_path: Path) -> None:
    real = tmp_path / "deliverables" / "map.json"
    real.parent.mkdir()
    real.write_bytes(ORIGINAL)
    link = tmp_path / "map.json"
    link.symlink_to(real)
    with pytest.raises(TargetExistsError, match=str(link)):
        jm.export(journey, link)
    assert real.read_bytes() == ORIGINAL
    jm.export(journey, link, overwrite=True)
    assert link.is_symlink()
    assert jm.load(real) == journey
    assert leftovers(tmp_path) == []
    assert leftovers(real.parent) == []


def test_a_symlink_to_a_directory_is_refused(journey: jm.Journey, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    link = tmp_path / "map.json"
    link.symlink_to(tmp_path / "folder")
    with pytest.raises(ExportError, match="is a directory"):
        jm.export(journey, link, overwrite=True)


_WRITER = textwrap.dedent(
    """
    import os, sys, time
    import journeymap as jm
    from journeymap.errors import TargetExistsError
    journey = jm.load(sys.argv[1])
    import openpyxl  # loaded before the start, so both writers race on writing alone
    ready, go = sys.argv[3], sys.argv[4]
    open(ready, "w").close()
    while not os.path.exists(go):
        time.sleep(0.001)
    try:
        jm.export(journey, sys.argv[2], overwrite=sys.argv[5] == "1")
    except TargetExistsError:
        sys.exit(3)
    """
)


@pytest.mark.parametrize("overwrite", [False, True])
def test_two_processes_exporting_to_one_target_leave_one_whole_file(tmp_path: Path, overwrite: bool) -> None:
    """Without overwrite exactly one wins and the other is refused; with it the target is one whole export."""
    source = Path(__file__).parent.parent / "examples" / "online-school.yaml"
    target = tmp_path / "out" / "map.xlsx"
    target.parent.mkdir()
    go = tmp_path / "go"
    ready = [tmp_path / f"ready{n}" for n in range(2)]
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, *map(str, (source, target, mark, go, int(overwrite)))])
        for mark in ready
    ]
    deadline = time.monotonic() + 60
    while not all(mark.exists() for mark in ready) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    codes = sorted(writer.wait(timeout=120) for writer in writers)
    assert codes == ([0, 0] if overwrite else [0, 3])
    expected = tmp_path / "alone.xlsx"
    jm.export(jm.load(source), expected)
    assert target.read_bytes() == expected.read_bytes()
    assert leftovers(target.parent) == []


_SLOW = textwrap.dedent(
    """
    import sys, time
    import journeymap as jm
    from journeymap import plugins

    class Slow:
        name, suffixes, description, extra = "slow", (".slow",), "writes half, then waits", None

        def write(self, journey, stream, *, lang=None, **options):
            stream.write(b"half a file")
            stream.flush()
            open(sys.argv[2], "w").close()
            time.sleep(60)

    plugins.export_with(Slow(), jm.Journey(title="t"), sys.argv[1], overwrite=True)
    """
)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_a_writer_killed_mid_write_leaves_the_target_and_its_temporary_is_cleaned(
    journey: jm.Journey, tmp_path: Path, how: signal.Signals
) -> None:
    """SIGINT cleans up at once (the exception unwinds); SIGKILL leaves the temporary, and the next write removes it."""
    target = tmp_path / "map.slow"
    target.write_bytes(ORIGINAL)
    started = tmp_path / "started"
    writer = subprocess.Popen([sys.executable, "-c", _SLOW, str(target), str(started)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not started.exists() and writer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert started.exists()
    writer.send_signal(how)
    writer.wait(timeout=30)
    assert target.read_bytes() == ORIGINAL
    if how == signal.SIGINT:
        assert leftovers(tmp_path) == []
    jm.export(journey, tmp_path / "map.json")  # any write beside it removes a dead process's temporaries
    jm.export(journey, tmp_path / "map.slow.json")
    assert [n for n in leftovers(tmp_path) if n.startswith(".map.slow.")] == []
    assert target.read_bytes() == ORIGINAL


def test_the_cli_cleans_up_on_sigterm(tmp_path: Path) -> None:
    """``journeymap export`` turns SIGTERM into an orderly exit: the temporary file is removed at once."""
    slow = tmp_path / "slow_plugin.py"
    slow.write_text(
        textwrap.dedent(
            """
            import os, sys, time
            from journeymap.hookspecs import hookimpl

            class Slow:
                name, suffixes, description, extra = "slow", (".slow",), "writes half, then waits", None

                def write(self, journey, stream, *, lang=None, **options):
                    stream.write(b"half a file")
                    stream.flush()
                    open(os.environ["STARTED"], "w").close()
                    time.sleep(60)

            @hookimpl
            def register_exporters(registry):
                registry.register(Slow())
            """
        )
    )
    script = (
        "import sys, slow_plugin; from journeymap import plugins; from journeymap.cli import main\n"
        "with plugins.isolated(slow_plugin): main(sys.argv[1:])\n"
    )
    source = Path(__file__).parent.parent / "examples" / "online-school.yaml"
    started = tmp_path / "started"
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "STARTED": str(started)}
    writer = subprocess.Popen(
        [sys.executable, "-c", script, "export", str(source), "-o", str(tmp_path / "map.slow")],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not started.exists() and writer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    writer.send_signal(signal.SIGTERM)
    _, errors = writer.communicate(timeout=30)
    assert writer.returncode == 128 + signal.SIGTERM, errors
    assert "interrupted" in errors
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "map.slow").exists()
