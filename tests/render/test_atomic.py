"""Atomic writes leave nothing behind (issue 10, items 6 and 7): Ctrl+C and SIGTERM remove the
temporary file being written, a ``kill -9``'s leftovers are swept by the next run, and the
temporary names fit wherever the output's name does.

The interruptions are real signals sent to real processes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen.render.atomic import (
    TEMPORARY_PREFIX,
    stale_temporaries,
    sweep,
    write_atomic,
    write_temporary,
)
from tests.helpers import REPO, run_docgen

POSIX_SIGNALS = pytest.mark.skipif(
    os.name != "posix", reason="signals to other processes and kill -9 are POSIX's"
)

# Writes a large file again and again, the way the CLI runs (SIGTERM as KeyboardInterrupt),
# printing "ready" once the first write is under way.
WRITER = """
import sys
from pathlib import Path
from docgen.cli import terminate_as_interrupt
from docgen.render.atomic import write_atomic

folder = Path(sys.argv[1])
data = b"x" * (8 * 1024 * 1024)
with terminate_as_interrupt():
    try:
        print("ready", flush=True)
        while True:
            write_atomic(folder / "van-ban.docx", data)
    except KeyboardInterrupt:
        sys.exit(130)
"""

# Leaves a temporary file open, as a run killed while writing does.
HOLDER = """
import sys, time
from pathlib import Path
from docgen.render.atomic import write_temporary

print(write_temporary(Path(sys.argv[1]) / "van-ban.docx", b"half"), flush=True)
time.sleep(60)
"""


def _start(script: str, folder: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    process.stdout.readline()
    return process


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@POSIX_SIGNALS
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    for delay in (0.0, 0.01, 0.03, 0.07, 0.15):
        process = _start(WRITER, tmp_path)
        time.sleep(delay)
        process.send_signal(signum)
        _, errors = process.communicate(timeout=30)
        assert process.returncode == 130, errors
        assert "Traceback" not in errors
        assert _leftovers(tmp_path) == []


@POSIX_SIGNALS
def test_render_and_build_sweep_what_a_killed_run_left(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("kehoach-tdkt-2024.yaml", "co-quan.yaml", "noi-nhan.yaml"):
        shutil.copyfile(REPO / "data" / name, data / name)
    for command in ("render", "build"):
        output = tmp_path / command
        output.mkdir()
        process = _start(HOLDER, output)
        live = _leftovers(output)
        assert len(live) == 1 and live[0].startswith(TEMPORARY_PREFIX)
        assert stale_temporaries(output) == []  # its writer still runs: not stale
        process.kill()  # kill -9: no clean-up possible
        process.communicate(timeout=30)
        assert _leftovers(output) == live
        assert [path.name for path in stale_temporaries(output)] == live
        result = run_docgen(command, "data/kehoach-tdkt-2024.yaml", "-o", command, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert _leftovers(output) == []
        assert (output / "kehoach-tdkt-2024.docx").is_file()


def test_the_files_of_a_running_writer_are_not_swept(tmp_path: Path) -> None:
    mine = write_temporary(tmp_path / "a.docx", b"half")
    parent = tmp_path / f"{TEMPORARY_PREFIX}{os.getppid()}-abcd1234.tmp"
    parent.write_bytes(b"half")
    sweep(tmp_path)
    assert mine.exists()
    assert parent.exists()


def test_temporary_files_of_earlier_versions_are_swept(tmp_path: Path) -> None:
    old = tmp_path / ".ke-hoach.docx.k3j_9x2a.tmp"
    old.write_bytes(b"half")
    other = tmp_path / ".notes.tmp"  # not docgen's
    other.write_bytes(b"mine")
    sweep(tmp_path)
    assert not old.exists()
    assert other.exists()


@pytest.mark.parametrize("length", [237, 245, 250])
def test_a_long_output_name_gets_a_temporary_name_that_fits(tmp_path: Path, length: int) -> None:
    # "File name too long" came from the temporary name, longer than the output's (issue 10).
    target = tmp_path / ("x" * length + ".docx")
    try:
        write_atomic(target, b"data")
    except OSError as error:  # pragma: no cover - a file system with shorter names
        pytest.skip(f"this file system refuses the name itself: {error}")
    assert target.read_bytes() == b"data"
    temporary = write_temporary(target, b"data")
    assert len(temporary.name) < 40
    temporary.unlink()


def test_render_of_a_long_stem_writes_its_output(workdir: Path) -> None:
    stem = "k" * 245
    shutil.copyfile(workdir / "data" / "kehoach-tdkt-2024.yaml", workdir / "data" / f"{stem}.yaml")
    result = run_docgen("render", f"data/{stem}.yaml", "-o", "out", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert (workdir / "out" / f"{stem}.docx").is_file()
    assert _leftovers(workdir / "out") == []


def test_a_failed_write_removes_its_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "van-ban.docx").mkdir()  # os.replace cannot put a file over a folder
    with pytest.raises(Exception, match="không ghi được"):
        write_atomic(tmp_path / "van-ban.docx", b"data")
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes and the umask are POSIX's")
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_written_file_has_the_mode_of_any_new_file(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "ke-hoach.docx", b"data")
        temporary = write_temporary(tmp_path / "bao-cao.docx", b"data")
    finally:
        os.umask(previous)
    assert (tmp_path / "ke-hoach.docx").stat().st_mode & 0o777 == 0o666 & ~umask
    assert temporary.stat().st_mode & 0o777 == 0o666 & ~umask
