"""PDF conversion with LibreOffice (headless), through a pool of workers.

Starting LibreOffice costs about a second, converting one more document in a running one a
fifth of that, so each worker is one ``soffice`` process fed many documents at once (its
share of the batch), with a profile folder of its own so that parallel workers, other docgen
runs and the user's open LibreOffice never share one. A supervisor thread per worker watches
the PDFs appear: a worker that makes no progress for ``timeout`` seconds (hung) or exits
abnormally (crashed) is killed with all its processes and started again with what is left;
the document it was converting is retried once and then reported as failed, without stopping
the batch. Every worker is killed when the conversion ends, on errors and on Ctrl-C.

Only this module and :mod:`docgen.render.preview` know about LibreOffice.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError, display_path
from docgen.render.atomic import write_atomic

DOCUMENT_TIMEOUT = 120.0
"""Seconds a worker may spend on one document before it counts as hung."""
START_TIMEOUT = 120.0
"""Extra seconds a fresh worker gets for its first document (LibreOffice's start)."""
ATTEMPTS = 2
"""Conversions tried per document: the first, and one retry after a hung or failed one."""
BARREN_RUNS = 3
"""Failed runs in a row without a single PDF after which the conversion gives up."""
POLL_SECONDS = 0.05
INSTALL_HINT = (
    "cần LibreOffice để tạo PDF: Debian/Ubuntu: sudo apt-get install libreoffice-writer "
    "fonts-liberation2; Windows: tải và cài LibreOffice từ https://www.libreoffice.org/download/"
)


class ConverterMissing(DocgenError):
    """LibreOffice is not installed."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


def soffice_path() -> str | None:
    """Return the LibreOffice executable, or None when LibreOffice is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            candidate = Path(base or "") / "LibreOffice" / "program" / "soffice.exe"
            if base and candidate.is_file():
                return str(candidate)
    return found


def is_pdf(path: Path) -> bool:
    """Return True when ``path`` is a complete PDF file: its header, and an end-of-file
    marker near its end (a converter killed while writing leaves none)."""
    try:
        with path.open("rb") as stream:
            if stream.read(5) != b"%PDF-":
                return False
            stream.seek(0, os.SEEK_END)
            stream.seek(max(0, stream.tell() - 2048))
            return b"%%EOF" in stream.read()
    except OSError:
        return False


def _group_options() -> dict[str, Any]:
    """Return Popen options that put the converter in a process group of its own, so it can
    be killed with every process it starts (``soffice`` starts ``soffice.bin``)."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and every process of its group, and reap it."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


@dataclass
class Conversion:
    """The outcome of one document's conversion."""

    source: Path
    target: Path
    ok: bool = False
    error: str = ""
    attempts: int = 0


@dataclass
class _Shared:
    """State the supervisors share, guarded by ``lock``."""

    queue: deque[Conversion]
    workers: int
    on_done: Callable[[Conversion], None] | None
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)
    processes: set[subprocess.Popen[bytes]] = field(default_factory=set)
    restarts: int = 0
    busy: int = 0
    """Workers converting a batch now (the others share what is left)."""
    barren: int = 0
    """Consecutive failed runs that made no PDF at all: LibreOffice itself does not work."""

    def take(self) -> list[Conversion]:
        """Return the next batch for a worker: its share of what is left, names distinct
        (LibreOffice names a PDF after its document's stem)."""
        with self.lock:
            size = max(1, math.ceil(len(self.queue) / max(1, self.workers - self.busy)))
            batch: list[Conversion] = []
            stems: set[str] = set()
            for conversion in list(self.queue):
                if len(batch) == size:
                    break
                if conversion.source.stem in stems:
                    continue
                stems.add(conversion.source.stem)
                batch.append(conversion)
                self.queue.remove(conversion)
            self.busy += bool(batch)
            return batch

    def finish(self, conversion: Conversion) -> None:
        """Report a document done (converted or given up)."""
        if self.on_done is not None:
            with self.lock:
                self.on_done(conversion)


class _Worker:
    """One supervised LibreOffice process at a time, fed batches until the queue is empty."""

    def __init__(
        self, soffice: str, folder: Path, shared: _Shared, timeout: float, start_timeout: float
    ) -> None:
        self.soffice = soffice
        self.folder = folder
        self.shared = shared
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.runs = 0
        self.profiles = 0

    def loop(self) -> None:
        """Convert batches until none is left or the conversion is stopped."""
        while not self.shared.stopping.is_set():
            batch = self.shared.take()
            if not batch:
                return
            try:
                self._convert(batch)
            finally:
                with self.shared.lock:
                    self.shared.busy -= 1

    def _profile(self) -> Path:
        return self.folder / f"profile{self.profiles}"

    def _command(self, batch: Sequence[Conversion], output: Path) -> list[str]:
        return [
            self.soffice,
            f"-env:UserInstallation={self._profile().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(output),
            *(str(conversion.source) for conversion in batch),
        ]

    def _convert(self, batch: list[Conversion]) -> None:
        """Run one LibreOffice process over ``batch``; write the PDFs it made, put back what
        is to be retried, report the rest as failed."""
        output = self.folder / f"run{self.runs}"
        self.runs += 1
        output.mkdir(parents=True)
        expected = [output / f"{conversion.source.stem}.pdf" for conversion in batch]
        accepted: set[int] = set()
        failure = self._supervise(batch, output, expected, accepted)
        in_progress = True  # the first document without a PDF was being converted
        retry: list[Conversion] = []
        produced = bool(accepted)
        for index, (conversion, made) in enumerate(zip(batch, expected, strict=True)):
            if index in accepted:
                continue
            if is_pdf(made):
                produced = True
                self._accept(conversion, made)
                continue
            if failure is None or in_progress:
                conversion.attempts += 1  # tried: LibreOffice skipped it, or it hung on it
                in_progress = False
            if conversion.attempts >= ATTEMPTS:
                conversion.error = failure or "LibreOffice không tạo ra tệp PDF"
                self.shared.finish(conversion)
            else:
                retry.append(conversion)
        if failure is not None:
            self.profiles += 1  # a killed LibreOffice may leave its profile locked
        shutil.rmtree(output, ignore_errors=True)
        with self.shared.lock:
            barren = failure is not None and not produced
            self.shared.barren = self.shared.barren + 1 if barren else 0
            if self.shared.barren >= BARREN_RUNS:  # give up rather than blame every document
                retry.extend(self.shared.queue)
                self.shared.queue.clear()
                self.shared.stopping.set()
                for conversion in retry:
                    conversion.error = f"LibreOffice không chạy được ({failure})"
            else:
                self.shared.queue.extendleft(reversed(retry))
                retry = []
        for conversion in retry:
            self.shared.finish(conversion)

    def _accept(self, conversion: Conversion, made: Path) -> None:
        """Write the PDF ``made`` for ``conversion`` to its target and report it done."""
        conversion.attempts += 1
        try:
            write_atomic(conversion.target, made.read_bytes())
            conversion.ok = True
        except (OSError, DocgenError) as error:
            conversion.error = str(error)
        self.shared.finish(conversion)

    def _supervise(
        self,
        batch: Sequence[Conversion],
        output: Path,
        expected: Sequence[Path],
        accepted: set[int],
    ) -> str | None:
        """Run LibreOffice over ``batch`` until it ends; return None when it ended by itself
        with success, else why it was stopped or failed. A document's PDF is accepted (and
        its index added to ``accepted``) as soon as a later one appears: LibreOffice
        converts in order, so by then it has finished writing it."""
        with (self.folder / "soffice.log").open("ab") as log:
            process = subprocess.Popen(
                self._command(batch, output),
                stdin=subprocess.DEVNULL,
                stdout=log,  # to a file, never buffered in memory
                stderr=subprocess.STDOUT,
                **_group_options(),
            )
        with self.shared.lock:
            self.shared.processes.add(process)
        try:
            made, since, allowed = 0, time.monotonic(), self.start_timeout + self.timeout
            while (code := process.poll()) is None:
                if self.shared.stopping.is_set():
                    return "đã dừng"
                present = [path.exists() for path in expected]
                count = sum(present)
                if count != made:
                    made, since, allowed = count, time.monotonic(), self.timeout
                    last = max(index for index, there in enumerate(present) if there)
                    for index in range(last):
                        if present[index] and index not in accepted and is_pdf(expected[index]):
                            accepted.add(index)
                            self._accept(batch[index], expected[index])
                elif time.monotonic() - since > allowed:
                    with self.shared.lock:
                        self.shared.restarts += 1
                    return f"LibreOffice treo quá {self.timeout:g} giây"
                time.sleep(POLL_SECONDS)
            if code != 0:
                with self.shared.lock:
                    self.shared.restarts += 1
                return f"LibreOffice dừng bất thường (mã {code})"
            return None
        finally:
            kill_tree(process)  # also any soffice.bin it left behind
            with self.shared.lock:
                self.shared.processes.discard(process)


class PdfConverter:
    """Converts .docx files to PDF with a pool of LibreOffice workers."""

    def __init__(
        self,
        workers: int | None = None,
        timeout: float = DOCUMENT_TIMEOUT,
        start_timeout: float = START_TIMEOUT,
        soffice: str | None = None,
    ) -> None:
        """``workers`` defaults to the number of cores; ``soffice`` to the installed one.

        Raises :class:`ConverterMissing` when LibreOffice is not installed.
        """
        found = soffice or soffice_path()
        if found is None:
            raise ConverterMissing()
        self.soffice = found
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.restarts = 0
        """Workers killed and started again (hung or crashed) in the last conversion."""

    def convert(
        self,
        jobs: Sequence[tuple[Path, Path]],
        on_done: Callable[[Conversion], None] | None = None,
    ) -> list[Conversion]:
        """Convert each (source .docx, target .pdf) of ``jobs``; return their outcomes in order.

        Each target is written atomically, and only from a complete PDF; a failed one is left
        as it was. ``on_done`` is called once per document as it finishes, one call at a time.
        Raises :class:`DocgenError` when two jobs have the same target.
        """
        targets = [target for _, target in jobs]
        if len(set(targets)) < len(targets):
            clashing = sorted({display_path(t) for t in targets if targets.count(t) > 1})
            raise DocgenError(f"{', '.join(clashing)}: nhiều văn bản cùng ghi một tệp PDF")
        conversions = [Conversion(source, target) for source, target in jobs]
        if not conversions:
            return []
        shared = _Shared(deque(conversions), min(self.workers, len(conversions)), on_done)
        with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as temporary:
            workers = [
                _Worker(
                    self.soffice, Path(temporary) / f"worker{index}", shared, self.timeout,
                    self.start_timeout,
                )
                for index in range(shared.workers)
            ]  # fmt: skip
            threads = [threading.Thread(target=worker.loop, daemon=True) for worker in workers]
            try:
                for thread in threads:
                    thread.start()
                for thread in threads:
                    while thread.is_alive():
                        thread.join(0.2)  # in slices, so Ctrl-C reaches this thread
            finally:
                shared.stopping.set()
                with shared.lock:
                    running = list(shared.processes)
                for process in running:
                    kill_tree(process)
                for thread in threads:
                    thread.join(30)
        self.restarts = shared.restarts
        return conversions


def convert_many(sources: Sequence[Path], output_dir: Path) -> list[Path]:
    """Convert every .docx of ``sources`` to ``output_dir/<stem>.pdf``; return the PDFs' paths
    in the order of ``sources`` (an empty list, without starting LibreOffice, for none).

    Raises :class:`DocgenError` when LibreOffice is missing, when two sources share a stem
    (their PDFs would collide), or naming the documents left without a PDF.
    """
    if not sources:
        return []
    converter = PdfConverter()
    targets = [output_dir / f"{source.stem}.pdf" for source in sources]
    if len(set(targets)) < len(targets):
        names = ", ".join(display_path(source) for source in sources)
        raise DocgenError(f"{names}: trùng tên tệp, các tệp PDF sẽ ghi đè lên nhau")
    outcomes = converter.convert(list(zip(sources, targets, strict=True)))
    failed = [outcome for outcome in outcomes if not outcome.ok]
    if failed:
        names = ", ".join(display_path(outcome.source) for outcome in failed)
        raise DocgenError(f"{names}: LibreOffice không tạo ra tệp PDF ({failed[0].error})")
    return targets


def convert_to_pdf(source: Path, output_dir: Path) -> Path:
    """Convert ``source`` (.docx) to ``output_dir/<stem>.pdf`` and return that path.

    Raises :class:`DocgenError` when LibreOffice is missing or fails.
    """
    return convert_many([source], output_dir)[0]
