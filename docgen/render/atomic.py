"""Atomic file writes: a reader sees the old file or the new one, never half of either.

The data goes first to a hidden temporary file in the target's folder, named
``.~dg-<process id>-<random>.tmp``: short, so that it fits the file system's name limit
whenever the target's name does, and carrying the id of the process writing it, so that a
later run can tell (:func:`stale_temporaries`) the leftovers of a killed run (``kill -9``)
from the files a run still going on is writing. An interrupted write (Ctrl+C, SIGTERM, an
error) removes its temporary file itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import sys
from pathlib import Path

from docgen.errors import OutputError, display_path

TEMPORARY_PREFIX = ".~dg-"
_TEMPORARY = re.compile(r"^\.~dg-(\d+)-[0-9a-z_]*\.tmp$")
# Names of earlier versions (".NAME.docx.XXXXXXXX.tmp"), which said nothing of their writer.
_OLD_TEMPORARY = re.compile(r"^\..+\.(?:docx|pdf|json|bin)\.[A-Za-z0-9_]+\.tmp$")


_ATTEMPTS = 100
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _write_new(target: Path, data: bytes, durable: bool) -> Path:
    """Write ``data`` to a new temporary file beside ``target``; return its path.

    Whatever interrupts the write (an error, Ctrl+C, SIGTERM through the CLI), the file is
    removed before the exception goes on. The name is chosen before the file is created, so
    that the clean-up knows it even when the interruption comes between the creation and
    the return of ``os.open``; it holds this process's id and a random part, so no other
    process creates that name. Raises :class:`OutputError` when it cannot be written.
    """
    temporary: Path | None = None
    try:
        for _ in range(_ATTEMPTS):
            name = f"{TEMPORARY_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp"
            temporary = target.parent / name
            try:
                # The mode a new file gets (0666 less the umask), so that the renamed file
                # needs no chmod: setting it afterwards meant reading the umask, which can
                # only be done by changing it, a race with any other thread creating files.
                handle = os.open(temporary, _FLAGS, 0o666)
                break
            except FileExistsError:
                temporary = None  # someone else's file: never removed by the clean-up
            except FileNotFoundError:  # the folder first (not tried before every file)
                temporary = None
                target.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise FileExistsError(errno.EEXIST, "không tạo được tệp tạm", str(target.parent))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        return temporary
    except BaseException as error:
        if temporary is not None:
            discard(temporary)
        if isinstance(error, OSError):
            message = f"{display_path(target)}: không ghi được: {error.strerror}"
            raise OutputError(message) from error
        raise


def write_atomic(target: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename.

    The rename is atomic: a killed or interrupted run leaves either the old file or the new
    one, never a part. ``durable`` also flushes the data to the disk before the rename, so
    a power cut cannot leave an empty file either; a batch of thousands of files may skip it
    (it costs milliseconds per file) and rely on the manifest to render again what is lost.
    Raises :class:`OutputError` when the folder cannot be created or written; ``target`` is
    then untouched.
    """
    temporary = _write_new(target, data, durable)
    try:
        os.replace(temporary, target)
    except BaseException as error:
        # Also on KeyboardInterrupt (Ctrl+C, or SIGTERM through the CLI's handler): no
        # hidden file may stay behind.
        discard(temporary)
        if isinstance(error, OSError):
            message = f"{display_path(target)}: không ghi được: {error.strerror}"
            raise OutputError(message) from error
        raise


def would_replace(target: Path, source: Path) -> bool:
    """Return True when writing ``target`` would replace the file ``source``: the same path
    once resolved, or the same file under another name (case-insensitive file systems)."""
    try:
        return target.resolve() == source.resolve() or (
            target.exists() and source.exists() and target.samefile(source)
        )
    except OSError:
        return False


def output_key(target: Path) -> str:
    """Return what identifies the file ``target`` (absolute and resolved) names among a run's
    outputs.

    Windows and macOS ignore the case of names (Plan.docx is plan.docx there), so two outputs
    differing only in case are one file: a run refuses them on every system alike.
    """
    return str(target).casefold()


def write_temporary(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new hidden temporary file beside ``target``; return its path.

    With :func:`commit` this splits :func:`write_atomic` in two, so that a batch can write
    every output first and rename them only once all succeeded (or :func:`discard` them).
    Raises :class:`OutputError`; an interrupted write leaves no file.
    """
    return _write_new(target, data, durable=False)


def commit(temporary: Path, target: Path) -> None:
    """Put the temporary file in place of ``target`` (atomic rename). Raises OutputError."""
    try:
        os.replace(temporary, target)
    except OSError as error:
        discard(temporary)
        raise OutputError(f"{display_path(target)}: không ghi được: {error.strerror}") from error


def discard(temporary: Path) -> None:
    """Remove a temporary file that will not be used."""
    with contextlib.suppress(OSError):
        temporary.unlink()


def stale_temporaries(folder: Path, recursive: bool = True) -> list[Path]:
    """Return the temporary files killed runs left in ``folder`` (and below, ``recursive``).

    A temporary file is stale when the process named in it is no longer running; the files
    of runs still going on (another docgen writing to the same folder) are left alone.
    """
    try:
        if not folder.is_dir():
            return []
        candidates = folder.rglob(".*.tmp") if recursive else folder.glob(".*.tmp")
        return [path for path in candidates if _is_stale(path.name)]
    except OSError:  # an unreadable folder: nothing to sweep there
        return []


def sweep(folder: Path, recursive: bool = True) -> None:
    """Remove the :func:`stale_temporaries` of ``folder``; never raises."""
    for leftover in stale_temporaries(folder, recursive):
        discard(leftover)


def _is_stale(name: str) -> bool:
    match = _TEMPORARY.match(name)
    if match is None:
        return _OLD_TEMPORARY.match(name) is not None
    return not _running(int(match.group(1)))


def _running(pid: int) -> bool:
    """Return True when process ``pid`` may be running (and may be writing its file)."""
    return pid == os.getpid() or _process_exists(pid)


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    _QUERY_LIMITED_INFORMATION = 0x1000
    _ACCESS_DENIED = 5
    _STILL_ACTIVE = 259

    def _process_exists(pid: int) -> bool:
        """Return True when process ``pid`` exists (os.kill would end it on Windows)."""
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:  # no such process, unless it is another user's
            return ctypes.get_last_error() == _ACCESS_DENIED
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == _STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)

else:

    def _process_exists(pid: int) -> bool:
        """Return True when process ``pid`` exists (signal 0 only checks, it sends nothing)."""
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # PermissionError: it exists, owned by another user
            return True
        return True
