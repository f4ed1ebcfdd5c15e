"""Fault trials of ``docgen build`` (a script, not a test: it takes minutes).

    python scripts/fault_trials.py [--trials 30] [--units 500] [--seed 10]

Builds the sample batch (data/hang-loat/so-ket-2024-csv.yaml) with its units table repeated
to ``--units`` rows, killing the build at a random moment of each trial with a random
signal: SIGKILL or SIGTERM to the main process (as ``kill`` does), SIGINT to its whole
process group (as Ctrl+C in a terminal does). After each kill it checks that:

- every .docx in the output folder opens with python-docx (``corrupt`` counts those that
  do not);
- after SIGTERM or SIGINT no temporary file is left, and after any signal none is left once
  the next run has swept (``strays``);
- no process of the killed build outlives it by more than a few seconds (``orphans``);
- the manifest, when there is one, is readable JSON.

Then a build runs to the end, and another renders nothing. The last line holds every figure:

    fault-trials: trials=… files_checked=… corrupt=0 strays=0 orphans=0 rerun_rendered=… \
second_rerun_rendered=0

The exit status is 0 when every check held, else 1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from bench_build import make_data  # noqa: E402

MANIFEST = ".docgen-manifest.json"
SIGNALS = (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)
ORPHAN_GRACE_S = 5.0
"""How long the processes of a killed build may take to notice and exit."""
EXIT_TIMEOUT_S = 60.0
"""How long a build may take to exit after SIGTERM or SIGINT before it counts as hung."""
SUMMARY = re.compile(r"Xong: (\d+) văn bản đã tạo")


@dataclass
class Totals:
    """The figures of all trials."""

    trials: int = 0
    files_checked: int = 0
    corrupt: int = 0
    strays: int = 0
    orphans: int = 0
    hung: int = 0
    bad_manifest: int = 0


def build_command(batch: Path, output: Path, force: bool) -> list[str]:
    """Return the command line of a build of ``batch`` into ``output``."""
    command = [sys.executable, "-m", "docgen", "build", str(batch), "-o", str(output)]
    return [*command, "--force"] if force else command


def session_members(session: int) -> list[int]:
    """Return the ids of the live processes of session ``session`` (Linux: from /proc)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # The command name (field 2) may hold spaces; the fields after its ")" are fixed.
        fields = stat[stat.rindex(")") + 2 :].split()
        state, sid = fields[0], int(fields[3])
        if sid == session and state != "Z":
            members.append(int(entry.name))
    return members


def become_subreaper() -> None:
    """Make this script the parent of the processes its builds orphan (Linux), so that it
    reaps them: an unreaped one would look alive to the next build's sweep of temporaries."""
    import ctypes

    set_child_subreaper = 36  # PR_SET_CHILD_SUBREAPER, <linux/prctl.h>
    ctypes.CDLL(None, use_errno=True).prctl(set_child_subreaper, 1, 0, 0, 0)


def reap() -> None:
    """Collect the exit status of every ended child, orphans handed to this script included."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def orphans_of(session: int) -> int:
    """Return how many processes of ``session`` outlive the grace period; end them (they are
    this script's own descendants) so that the next trial starts clean."""
    deadline = time.monotonic() + ORPHAN_GRACE_S
    members = session_members(session)
    while members and time.monotonic() < deadline:
        time.sleep(0.1)
        reap()
        members = session_members(session)
    for pid in members:
        with contextlib.suppress(ProcessLookupError):  # ended meanwhile
            os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    reap()
    return len(members)


def temporaries(folder: Path) -> list[Path]:
    """Return the temporary files below ``folder``: docgen's ``.~dg-*.tmp`` and any ``*.tmp``."""
    return [path for path in folder.rglob("*") if path.name.endswith(".tmp")]


def corrupt_documents(folder: Path) -> tuple[int, list[Path]]:
    """Return (how many .docx files below ``folder`` were checked, those python-docx cannot
    open)."""
    import docx

    checked, bad = 0, []
    for path in sorted(folder.rglob("*.docx")):
        checked += 1
        try:
            docx.Document(str(path))
        except Exception:  # any failure to open is what the trial looks for
            bad.append(path)
    return checked, bad


def manifest_ok(folder: Path) -> bool:
    """Return True when the manifest of ``folder`` is absent or readable JSON."""
    path = folder / MANIFEST
    if not path.exists():
        return True
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True


def run_to_end(batch: Path, output: Path) -> tuple[int, int, float]:
    """Build ``batch`` into ``output`` without a kill; return (status, rendered, seconds)."""
    started = time.monotonic()
    result = subprocess.run(
        build_command(batch, output, False), capture_output=True, text=True, check=False
    )
    match = SUMMARY.search(result.stdout)
    rendered = int(match.group(1)) if match else -1
    if result.returncode != 0 or match is None:
        print(result.stdout[-2000:], result.stderr[-2000:], sep="\n", file=sys.stderr)
    return result.returncode, rendered, time.monotonic() - started


def trial(
    number: int, batch: Path, output: Path, full_s: float, chance: random.Random, totals: Totals
) -> None:
    """Run one build, kill it at a random moment with a random signal, check the output."""
    signum = chance.choice(SIGNALS)
    delay = chance.uniform(0.05, full_s * 1.1)
    force = chance.random() < 0.5  # else a build after a completed one has nothing to do
    swept_before = temporaries(output)  # a SIGKILLed predecessor's; this run must sweep them
    process = subprocess.Popen(
        build_command(batch, output, force),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own session: its processes are found by session id
    )
    time.sleep(delay)
    finished_first = process.poll() is not None
    if not finished_first:
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)
        else:
            os.kill(process.pid, signum)
    try:
        status = process.wait(timeout=EXIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        totals.hung += 1
        os.killpg(process.pid, signal.SIGKILL)
        status = process.wait()
    orphans = orphans_of(process.pid)
    left = temporaries(output)
    new = [path for path in left if path not in swept_before]
    # Only a SIGKILLed run may leave its own temporaries (the next run sweeps them). A run
    # that wrote any got past its sweep, so none its predecessors left may remain; one
    # killed before that leaves them to the next run (the final runs check that none stay).
    strays = [] if signum == signal.SIGKILL and not finished_first else new
    if new:
        strays += [path for path in left if path in swept_before]
    checked, bad = corrupt_documents(output)
    manifest = manifest_ok(output)
    totals.trials += 1
    totals.files_checked += checked
    totals.corrupt += len(bad)
    totals.strays += len(strays)
    totals.orphans += orphans
    totals.bad_manifest += not manifest
    how = "finished before the signal" if finished_first else f"{signal.Signals(signum).name}"
    print(
        f"trial {number:2d}: {how} after {delay:5.2f} s{' (--force)' if force else ''}, "
        f"exit {status}: {checked} .docx checked, {len(bad)} corrupt, "
        f"{len(left)} temporaries left, {len(strays)} strays, {orphans} orphans, "
        f"manifest {'ok' if manifest else 'UNREADABLE'}",
        flush=True,
    )
    for path in bad:
        print(f"  corrupt: {path}", flush=True)


def main() -> int:
    """Run the trials; print a line per trial and the summary; return the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    chance = random.Random(args.seed)
    become_subreaper()
    totals = Totals()
    with tempfile.TemporaryDirectory(prefix="fault-trials-") as temporary:
        folder = Path(temporary)
        batch = make_data(folder, args.units)
        # The length of a whole build, timed in another folder, spreads the kills over it.
        status, rendered, full_s = run_to_end(batch, folder / "timing")
        print(f"a whole build: {rendered} documents in {full_s:.1f} s (exit {status})", flush=True)
        output = folder / "out"
        for number in range(1, args.trials + 1):
            trial(number, batch, output, full_s, chance, totals)
        status, rerun_rendered, _ = run_to_end(batch, output)
        totals.strays += len(temporaries(output))
        second_status, second_rendered, _ = run_to_end(batch, output)
        checked, bad = corrupt_documents(output)
        totals.files_checked += checked
        totals.corrupt += len(bad)
        totals.bad_manifest += not manifest_ok(output)
    print(
        f"reruns: exit {status} ({rerun_rendered} rendered), "
        f"exit {second_status} ({second_rendered} rendered); hung {totals.hung}, "
        f"unreadable manifests {totals.bad_manifest}"
    )
    print(
        f"fault-trials: trials={totals.trials} files_checked={totals.files_checked} "
        f"corrupt={totals.corrupt} strays={totals.strays} orphans={totals.orphans} "
        f"rerun_rendered={rerun_rendered} second_rerun_rendered={second_rendered}"
    )
    failed = totals.corrupt or totals.strays or totals.orphans or totals.hung or totals.bad_manifest
    return int(bool(failed or status or second_status or second_rendered != 0))


if __name__ == "__main__":
    raise SystemExit(main())
