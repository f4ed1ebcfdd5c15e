"""Atomic file writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from docgen.errors import OutputError, display_path


def write_atomic(target: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename.

    The rename is atomic: a killed or interrupted run leaves either the old file or the new
    one, never a part. ``durable`` also flushes the data to the disk before the rename, so
    a power cut cannot leave an empty file either; a batch of thousands of files may skip it
    (it costs milliseconds per file) and rely on the manifest to render again what is lost.
    Raises :class:`OutputError` when the folder cannot be created or written; ``target`` is
    then untouched.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise OutputError(f"{display_path(target)}: không ghi được: {error.strerror}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates 0600; give the usual mode
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{display_path(target)}: không ghi được: {error.strerror}") from error


def write_temporary(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new hidden temporary file beside ``target``; return its path.

    With :func:`commit` this splits :func:`write_atomic` in two, so that a batch can write
    every output first and rename them only once all succeeded (or :func:`discard` them).
    Raises :class:`OutputError`.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise OutputError(f"{display_path(target)}: không ghi được: {error.strerror}") from error
    return Path(temporary)


def commit(temporary: Path, target: Path) -> None:
    """Put the temporary file in place of ``target`` (atomic rename). Raises OutputError."""
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as error:
        discard(temporary)
        raise OutputError(f"{display_path(target)}: không ghi được: {error.strerror}") from error


def discard(temporary: Path) -> None:
    """Remove a temporary file that will not be used."""
    with contextlib.suppress(OSError):
        temporary.unlink()


def stale_temporaries(folder: Path) -> list[Path]:
    """Return the temporary files an interrupted run left in ``folder`` and below."""
    if not folder.is_dir():
        return []
    return [path for path in folder.rglob(".*.tmp") if path.name.count(".") >= 3]
