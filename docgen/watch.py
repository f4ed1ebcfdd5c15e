"""``docgen watch``: build, then build again whenever an input is saved.

Polling, not file-system events: it behaves the same on Windows, network drives and
editors that save through a temporary file, and needs nothing installed. A bad save prints
its problems; the outputs of the last good build stay as they were.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from docgen.api import default_templates_dir
from docgen.build import build
from docgen.errors import DocgenError, InputError
from docgen.project import PROFILE_FILES, find_upwards

WATCHED_SUFFIXES = (".yaml", ".yml", ".xlsx", ".csv", ".docx")


def snapshot(
    paths: Iterable[Path], extra: Iterable[Path], output_dir: Path
) -> dict[Path, tuple[int, int]]:
    """Return (modification time, size) of every file a build of ``paths`` may read (not
    the outputs, which a build itself writes)."""
    outputs = output_dir.resolve()
    files: list[Path] = []
    for path in paths:
        # A document or batch file reads its neighbours (its definitions, its table, a plan):
        # watch its whole folder.
        folder = path if path.is_dir() else path.parent
        files += [
            p
            for p in folder.rglob("*")
            if p.suffix.lower() in WATCHED_SUFFIXES and not p.resolve().is_relative_to(outputs)
        ]
    state: dict[Path, tuple[int, int]] = {}
    for file in [*files, *extra]:
        try:
            stat = file.stat()
        except OSError:
            continue
        state[file] = (stat.st_mtime_ns, stat.st_size)
    return state


def watch(
    paths: tuple[Path, ...],
    output_dir: Path,
    templates_dir: Path | None,
    jobs: int | None,
    keep_going: bool,
    interval: float,
    say: Callable[[str], None],
    show: Callable[[Any], None],
    rounds: int | None = None,
) -> None:
    """Build ``paths`` now and after every change, until interrupted (or ``rounds`` builds).

    Profile files found above the inputs and the templates are watched too.
    """
    folder = templates_dir or default_templates_dir()
    extra = [p for p in folder.glob("*.docx")]
    for path in paths:
        start = path if path.is_dir() else path.parent
        extra += [f for name in PROFILE_FILES if (f := find_upwards(start.resolve(), name))]
    seen: dict[Path, tuple[int, int]] | None = None
    done = 0
    while rounds is None or done < rounds:
        current = snapshot(paths, extra, output_dir)
        if current != seen:
            seen = current
            done += 1
            try:
                show(build(paths, output_dir, templates_dir, jobs, False, keep_going))
            except InputError as error:
                say(f"Lỗi: dữ liệu có {len(error.problems)} lỗi, giữ nguyên bản đã tạo trước:")
                for problem in error.problems:
                    say(f"Lỗi: {problem}")
            except DocgenError as error:
                say(f"Lỗi: {error}")
            say("Đang theo dõi thay đổi (Ctrl+C để dừng)...")
        time.sleep(interval)
