"""A parallel build stopped while a worker is stuck, or when a worker dies, ends in bounded
time, leaves no temporary file and no worker behind, and keeps the previous outputs.

The builds are real ``docgen build`` runs in their own process group, stopped by real
signals (Ctrl+C reaches every process of the group); only one document's rendering is
replaced, by a driver script that patches :class:`docgen.build.Worker` before building.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen.build import KILL_GRACE_S, SHUTDOWN_GRACE_S, build
from docgen.manifest import MANIFEST_NAME
from tests.helpers import REPO

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="signals to a process group are POSIX's (Windows has console events)"
)

BATCH = "hang-loat/so-ket-2024.yaml"  # 13 documents: rendered by a pool of workers
TEMPORARIES = ".~dg-*.tmp"

# Run as a file, not with -c: where workers are spawned rather than forked, they import it
# again (as __mp_main__), so they are patched too. The first document a worker takes makes
# that worker hang ("stuck") or die ("die"); every worker records its id.
DRIVER = """
import os
import sys
import time
from pathlib import Path

import docgen.build
from docgen.cli import run

STATE = Path(os.environ["DG_TEST_STATE"])
OUTPUT = Path(os.environ["DG_TEST_OUTPUT"])
MODE = os.environ["DG_TEST_MODE"]
render = docgen.build.Worker.__call__


def patched(self, task):
    (STATE / f"worker-{os.getpid()}").touch()
    try:
        os.close(os.open(STATE / "chosen", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return render(self, task)
    # Let the other worker write some temporary files first: they must be removed too.
    deadline = time.monotonic() + 30
    while len(list(OUTPUT.glob(".~dg-*.tmp"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    if MODE == "die":
        os._exit(3)
    (STATE / "stuck").touch()
    while True:  # Ctrl+C is ignored in workers: only being terminated ends this
        time.sleep(60)


docgen.build.Worker.__call__ = patched

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
"""


def _start(data: Path, mode: str) -> tuple[subprocess.Popen[str], Path]:
    """Start ``docgen build --force -j 2`` of the batch through the driver in ``mode``;
    return the process (leader of its own group) and its state folder."""
    state = data.parent / "state"
    state.mkdir()
    driver = data.parent / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        PYTHONIOENCODING="utf-8",
        DG_TEST_STATE=str(state),
        DG_TEST_OUTPUT=str(Path("out").resolve()),
        DG_TEST_MODE=mode,
    )
    command = [sys.executable, str(driver), "build", f"data/{BATCH}", "-o", "out"]
    process = subprocess.Popen(
        [*command, "-j", "2", "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        start_new_session=True,  # its own group: Ctrl+C is a SIGINT to the group
    )
    return process, state


def _wait_for(condition: object, process: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if process.poll() is not None:
            raise AssertionError(f"the build ended first: {process.communicate()}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            raise AssertionError("timed out")
        time.sleep(0.05)


def _running(pid: int) -> bool:
    """Return True when process ``pid`` runs (a zombie does not: it has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (macOS): signal 0 only checks
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _finish(process: subprocess.Popen[str]) -> tuple[str, float]:
    """Wait for the build to end; return its standard error and how long it took."""
    started = time.monotonic()
    try:
        _, errors = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError("the build hung") from None
    return errors, time.monotonic() - started


def _previous_build(data: Path) -> dict[Path, bytes]:
    """Build the batch to the end (serially); return every file of ``out`` and its bytes."""
    build([data / BATCH], Path("out"), jobs=1)
    return {path: path.read_bytes() for path in Path("out").rglob("*") if path.is_file()}


def _assert_clean(state: Path, previous: dict[Path, bytes]) -> None:
    """No worker left running, no temporary file left, the previous build untouched."""
    workers = [int(path.name.split("-")[1]) for path in state.glob("worker-*")]
    assert workers and (state / "chosen").exists()
    assert [pid for pid in workers if _running(pid)] == []
    assert list(Path("out").rglob(TEMPORARIES)) == []
    assert json.loads((Path("out") / MANIFEST_NAME).read_text(encoding="utf-8"))
    now = {path: path.read_bytes() for path in Path("out").rglob("*") if path.is_file()}
    assert now == previous


@pytest.mark.parametrize(
    "stops",
    [[signal.SIGINT], [signal.SIGINT, signal.SIGINT], [signal.SIGTERM]],
    ids=["ctrl-c", "ctrl-c-twice", "sigterm"],
)
def test_a_build_whose_worker_is_stuck_stops_in_bounded_time(
    data: Path, stops: list[signal.Signals]
) -> None:
    previous = _previous_build(data)
    process, state = _start(data, "stuck")
    _wait_for((state / "stuck").exists, process)
    for number, signum in enumerate(stops):
        if number:  # the user insists: the workers are terminated at once
            time.sleep(0.5)
        if signum == signal.SIGINT:  # Ctrl+C reaches every process of the terminal's group
            os.killpg(process.pid, signum)
        else:  # as kill does
            process.send_signal(signum)
    errors, seconds = _finish(process)
    assert process.returncode == 1, errors
    assert "Đã hủy." in errors and "Traceback" not in errors
    if len(stops) > 1:  # not given its grace
        assert seconds < SHUTDOWN_GRACE_S, seconds
    else:  # given SHUTDOWN_GRACE_S to finish its document, then terminated
        assert seconds < SHUTDOWN_GRACE_S + 4 * KILL_GRACE_S + 5, seconds
    _assert_clean(state, previous)


def test_a_worker_that_dies_is_reported_and_nothing_is_left(data: Path) -> None:
    previous = _previous_build(data)
    process, state = _start(data, "die")
    errors, seconds = _finish(process)
    assert process.returncode == 2, errors
    assert "Lỗi: một tiến trình tạo văn bản đã dừng đột ngột" in errors, errors
    assert "Traceback" not in errors
    assert seconds < 60
    _assert_clean(state, previous)
