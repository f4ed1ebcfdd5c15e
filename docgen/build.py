"""``docgen build``: every document of folders and batch files, validated, rendered in
parallel, and put in place only when every input was valid; only what changed is rebuilt.

A build runs in three steps. *Plan* (main process): find the inputs, read batch files,
and skip the outputs the manifest says are up to date. *Work* (worker processes, or the
main one for a few documents): load and validate each document, render it, and write it to
a hidden temporary file beside its output; workers keep their profiles and prepared
templates for all their documents, and nothing large is kept per document, so memory stays
flat however many documents there are. *Commit* (main process): when every document is
valid, rename the temporary files into place and save the manifest; otherwise remove them
and report every problem (or, with ``keep_going``, commit the valid ones).

A build stopped (Ctrl+C, SIGTERM through the CLI, an error) removes its temporary files and
stops its workers in bounded time: those that do not finish their document within
:data:`SHUTDOWN_GRACE_S` are terminated.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType
from typing import Any

from docgen.api import Renderer, Workspace, default_templates_dir
from docgen.batch import BatchDocument, Filler, read_batch
from docgen.errors import DocgenError, InputError, Problem, display_path
from docgen.limits import MAX_INPUT_BYTES
from docgen.loading import Loaded, load_yaml, read_limited
from docgen.manifest import Entry, FileHashes, Manifest
from docgen.project import BATCH_KEY, PROFILE_FILES, LoadedDocument
from docgen.render.atomic import (
    commit,
    discard,
    output_key,
    sweep,
    would_replace,
    write_temporary,
)

DOCUMENT_SUFFIXES = (".yaml", ".yml")
BATCH_LINE = re.compile(rf"^{BATCH_KEY}\s*:", re.MULTILINE)
PARALLEL_FROM = 8
"""Fewer documents than this are rendered in the main process: starting workers costs more."""
WINDOW = 8
"""Lists of tasks in flight per worker: enough to keep them busy, few enough to bound
memory (at most WINDOW × CHUNK documents per worker)."""
CHUNK = 8
"""The most tasks a worker takes at a time (see :func:`_chunks`)."""
SHUTDOWN_GRACE_S = 5.0
"""How long the workers of a stopped build may take to finish the documents they are making
(well under a second each) and exit, before they are terminated: whatever a worker is stuck
on, Ctrl+C must not hang the build (a hang was seen once in the fault trials), and the user
should not wait long for the temporary files to be removed."""
KILL_GRACE_S = 1.0
"""How long a terminated worker may take to end before it is killed; also how long the pool's
own thread may take to notice."""
POLL_S = 0.1
"""How often a build waiting for a worker checks for Ctrl+C (see :class:`_StopRequests`)."""


@dataclass(frozen=True)
class Task:
    """One document to make: a file, or a batch's unit (filled from its definition)."""

    output: Path
    source: Path
    """The document file, or the batch file."""
    unit: BatchDocument | None = None


@dataclass
class Outcome:
    """What a worker made of a task: a temporary file, or the problems that prevent it."""

    task: Task
    temporary: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    dependencies: list[Path] = field(default_factory=list)


@dataclass
class BuildReport:
    """What a build did."""

    rendered: list[Path] = field(default_factory=list)
    skipped: int = 0
    """Outputs already up to date."""
    up_to_date: list[Path] = field(default_factory=list)
    """Those outputs (whose PDFs ``--pdf`` still makes when missing)."""
    failed: list[Problem] = field(default_factory=list)
    """With ``keep_going``: the problems of the inputs left out."""
    warnings: list[Problem] = field(default_factory=list)
    ignored: list[tuple[Path, str]] = field(default_factory=list)
    """Inputs recognized and not rendered (profile files), with why."""
    seconds: float = 0.0


@dataclass
class _Plan:
    tasks: list[Task] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    ignored: list[tuple[Path, str]] = field(default_factory=list)
    claimed: dict[Path, str] = field(default_factory=dict)
    claimed_keys: dict[str, str] = field(default_factory=dict)
    """``claimed`` by :func:`~docgen.render.atomic.output_key`, to find clashes."""


def _sources(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """Return (file, the folder its output mirrors), both absolute, for every YAML file of
    ``paths``."""
    found: list[tuple[Path, Path]] = []
    for path in (path.resolve() for path in paths):
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES)
            found += [(file, path) for file in files if not _hidden(file, path)]
        else:
            found.append((path, path.parent))
    return found


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


def _is_batch_file(path: Path) -> bool:
    """Return True when the YAML file at ``path`` is a batch file (cheap: no parsing).

    A file that cannot be read as a document (a FIFO, a device, too large) is not one: it is
    then loaded as a document, which reports why, instead of being read here (a FIFO would
    block, a device never end).
    """
    try:
        raw = read_limited(path, str(path), MAX_INPUT_BYTES)
    except InputError:
        return False
    return BATCH_LINE.search(raw.decode("utf-8", errors="replace")) is not None


class WorkerLostError(DocgenError):
    """A worker process ended abruptly (killed, out of memory, crashed): nothing was written."""

    exit_code = 2

    def __init__(self) -> None:
        super().__init__(
            "một tiến trình tạo văn bản đã dừng đột ngột (có thể do thiếu bộ nhớ hoặc bị dừng từ"
            " bên ngoài); chưa ghi tệp nào, hãy chạy lại lệnh"
        )


class Worker:
    """Loads, validates and renders documents; one per process, reused for all its tasks."""

    def __init__(self, templates_dir: Path) -> None:
        self.workspace = Workspace()
        self.renderer = Renderer(templates_dir)
        self.templates_dir = templates_dir
        self._definitions: dict[Path, tuple[Loaded, Filler]] = {}

    def __call__(self, task: Task) -> Outcome:
        """Return the outcome of ``task``: its output written to a temporary file."""
        try:
            document = self.load(task)
            data = self.renderer.render(document)
        except InputError as error:
            return Outcome(task, problems=list(error.problems))
        except DocgenError as error:
            return Outcome(
                task, problems=[Problem(display_path(task.source), None, "", str(error))]
            )
        dependencies = [*document.dependencies, self.templates_dir / document.kind.template]
        if task.unit is not None:
            dependencies.append(task.source)
        temporary = write_temporary(task.output, data)
        return Outcome(task, temporary, [], document.warnings, list(dict.fromkeys(dependencies)))

    def load(self, task: Task) -> LoadedDocument:
        """Return the task's document validated and resolved. Raises InputError."""
        if task.unit is None:
            return self.workspace.load_file(task.source)
        definition, filler = self._definition(task.unit.definition)
        project = self.workspace.project_for(task.unit.definition)
        return project.load(task.unit.filled(filler), definition.source, task.unit.definition)

    def _definition(self, path: Path) -> tuple[Loaded, Filler]:
        if path not in self._definitions:
            loaded = load_yaml(path, display_path(path))
            self._definitions[path] = (loaded, Filler(loaded.data))
        return self._definitions[path]


_WORKER: Worker | None = None


def _start_worker(templates_dir: Path) -> None:
    global _WORKER  # one per worker process: profiles and templates are prepared once there
    # Ctrl+C reaches every process of the terminal: the main one stops the build and removes
    # the temporary files; a worker finishes its document (its file is then removed too)
    # instead of dying with a traceback. SIGTERM ends a worker at once (the main process's
    # handler is inherited with fork); a file it leaves is swept as stale.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if os.name == "posix":
        # A main process killed outright (kill -9) cannot stop its pool: a worker waits for
        # work forever. On POSIX it is then re-parented, which it notices. (On Windows the
        # pool's pipe to a dead main process breaks, which ends the worker.)
        threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _WORKER = Worker(templates_dir)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT (Ctrl+C) back from this thread while the block runs, then let it in.

    Ctrl+C reaches every process of the terminal. One that arrived while the pool was
    starting its processes reached a worker before its initializer ignored it, or the main
    process in the middle of starting one, and the pool's shutdown then hung (seen in the
    fault trials). Held back, it reaches the main process once the pool has started, where
    stopping is clean; the workers, forked with it held, never see it. (Windows has no
    signal masks; its Ctrl+C is a console event.)
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _StopRequests:
    """Ctrl+C and SIGTERM (through the CLI) held back while the main process works with its
    pool, and acted on where that is safe: :meth:`act`.

    Raised at any moment, the KeyboardInterrupt of a Ctrl+C can come between a lock's
    acquisition and the ``try`` that releases it (Python-level ``__enter__`` methods, as
    those of ``threading.Condition``; on Python 3.11, one interrupt in four of a tight loop
    over ``Future.result`` left the future's lock held). A lock of a pending future or of the
    pool's queues left held can make the pool's own thread wait forever, and then every
    shutdown of the pool: a hang no time bound can end. Held back, a stop request is acted
    on only between two steps.
    """

    def __init__(self) -> None:
        self.received: list[int] = []
        """The signals received and not acted on yet, in order."""
        self._handlers: dict[int, Callable[[int, FrameType | None], Any]] = {}
        self._owner = os.getpid()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold stop requests back within the block; act on those left at its end, unless
        an exception already stops the run.

        Only the signals that have a Python handler (which raises KeyboardInterrupt, or does
        what it does) are held back; ignored or default ones are left so. Outside the main
        thread nothing is held back: signals reach the main thread only.
        """
        try:
            if threading.current_thread() is threading.main_thread():
                for signum in (signal.SIGINT, signal.SIGTERM):
                    handler = signal.getsignal(signum)
                    if callable(handler):
                        signal.signal(signum, self._hold)
                        self._handlers[signum] = handler
            yield
        finally:
            for held, handler in self._handlers.items():
                signal.signal(held, handler)
        self.act()

    def act(self) -> None:
        """Run the handler of every stop request received, in order (for Ctrl+C, raise
        KeyboardInterrupt); return when none raised."""
        while self.received:
            signum = self.received.pop(0)
            self._handlers[signum](signum, None)

    def _hold(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self._owner:  # a worker forked before its initializer ran
            self._handlers[signum](signum, frame)
            return
        self.received.append(signum)


def _result(future: Future[list[Outcome]], requests: _StopRequests) -> list[Outcome]:
    """Return the outcomes of ``future`` once it is done, acting on stop requests meanwhile
    (raises KeyboardInterrupt for Ctrl+C) and raising what the work raised."""
    requests.act()
    while not wait_for([future], timeout=POLL_S).done:
        requests.act()
    return future.result()


def _worker_processes(pool: ProcessPoolExecutor) -> list[BaseProcess]:
    """Return the worker processes of ``pool``; [] where this Python does not show them.

    No public API lists them (Python 3.14 can terminate them, not wait for them);
    ``_processes`` maps their ids to them from 3.3 to 3.14 at least, until the pool is shut
    down.
    """
    processes = getattr(pool, "_processes", None)
    if not isinstance(processes, dict):
        return []
    return [process for process in processes.values() if isinstance(process, BaseProcess)]


def _end_in_time(processes: list[BaseProcess], deadline: float) -> list[BaseProcess]:
    """Wait until every one of ``processes`` has ended, or until ``deadline`` (a
    ``time.monotonic`` value); return those still running. Those ended are reaped."""
    for process in processes:
        with contextlib.suppress(ValueError):  # closed: ended long ago
            process.join(max(0.0, deadline - time.monotonic()))
    return [process for process in processes if _alive(process)]


def _alive(process: BaseProcess) -> bool:
    try:
        return process.is_alive()
    except ValueError:  # closed: ended long ago
        return False


def _terminate(pool: ProcessPoolExecutor, workers: list[BaseProcess]) -> None:
    """End ``workers``, those of ``pool``, now: terminate them, then kill those still alive
    after KILL_GRACE_S (Windows terminates either way). Shuts ``pool`` down; returns once
    they are ended and reaped, or KILL_GRACE_S after killing them.

    Work in flight is lost: what its worker wrote is removed by the sweep of the stale
    temporary files (their names hold the dead worker's id).
    """
    terminate_workers = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if callable(terminate_workers):
        terminate_workers()  # also shuts the pool down; does nothing once it is shut down
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        with contextlib.suppress(OSError, ValueError):  # ended meanwhile
            worker.terminate()
    survivors = _end_in_time(workers, time.monotonic() + KILL_GRACE_S)
    for worker in survivors:
        with contextlib.suppress(OSError, ValueError):
            worker.kill()
    _end_in_time(survivors, time.monotonic() + KILL_GRACE_S)


def _stop_pool(
    pool: ProcessPoolExecutor, futures: list[Future[list[Outcome]]], requests: _StopRequests
) -> None:
    """Stop ``pool`` within a bounded time and remove the temporary files of ``futures``
    (those not taken yet: all of them when the build was stopped, none when it ended).

    The documents not started are cancelled; the workers get SHUTDOWN_GRACE_S to finish
    those they are making and exit, or less when the user presses Ctrl+C again; then they
    are terminated (:func:`_terminate`). Returns in at most about SHUTDOWN_GRACE_S + 4 ×
    KILL_GRACE_S, the workers ended (unless they could not even be killed).
    """
    workers = _worker_processes(pool)  # before any shutdown(), which forgets them
    manager = getattr(pool, "_executor_manager_thread", None)  # idem; joined by shutdown()
    deadline = time.monotonic() + SHUTDOWN_GRACE_S
    try:
        in_flight = {future for future in futures if not future.cancel()}
        # A stop request not acted on (a second Ctrl+C, the one that stopped the build being
        # acted on already) cuts the wait short.
        while in_flight and time.monotonic() < deadline and not requests.received:
            in_flight = wait_for(in_flight, timeout=POLL_S).not_done
        stuck = bool(in_flight) or bool(requests.received)
        if not stuck:
            pool.shutdown(wait=False)  # the idle workers exit (wait=True could wait forever)
            workers = _end_in_time(workers, max(deadline, time.monotonic() + KILL_GRACE_S))
        if stuck or workers:
            _terminate(pool, workers)
        if isinstance(manager, threading.Thread):  # it notices the workers ended, then ends
            manager.join(KILL_GRACE_S)
    finally:
        _discard_results(futures)


def _exit_with_parent(parent: int) -> None:
    """End this worker process as soon as its parent ``parent`` is gone."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _work(tasks: list[Task]) -> list[Outcome]:
    assert _WORKER is not None, "worker started without its state"
    return [_WORKER(task) for task in tasks]


def _chunks(tasks: list[Task], jobs: int) -> Iterator[list[Task]]:
    """Yield ``tasks`` in order, in the lists a worker takes at a time.

    A task sent to a worker alone costs the main process about half a millisecond of CPU
    (pickling, queues, a future, the pool's threads), a fifth of rendering the document: a
    few tasks at a time cost that once (measured: a 2,000-unit build with two workers took
    20 % less time). Never so many that a worker is left idle while the other has a long
    list: each gets at least eight lists to do.
    """
    size = max(1, min(CHUNK, len(tasks) // (jobs * 8)))
    for start in range(0, len(tasks), size):
        yield tasks[start : start + size]


def _discard_all(outcomes: list[Outcome]) -> None:
    """Remove the temporary files of ``outcomes``."""
    for outcome in outcomes:
        if outcome.temporary is not None:
            discard(outcome.temporary)


def _discard_results(futures: list[Future[list[Outcome]]]) -> None:
    """Remove the temporary files of the finished ones of ``futures``."""
    for future in futures:
        if future.done() and not future.cancelled() and future.exception() is None:
            _discard_all(future.result())


class Builder:
    """One build: the output folder, its manifest, the options."""

    def __init__(
        self,
        output_dir: Path,
        templates_dir: Path | None = None,
        jobs: int | None = None,
        force: bool = False,
        keep_going: bool = False,
    ) -> None:
        # Absolute once: every output path derives from it, so none needs resolving again.
        self.output_dir = output_dir.resolve()
        self.templates_dir = (templates_dir or default_templates_dir()).resolve()
        self.jobs = jobs or os.cpu_count() or 1
        self.force = force
        self.keep_going = keep_going
        self.hashes = FileHashes()
        self.manifest = Manifest.load(self.output_dir)

    def run(
        self, paths: Iterable[Path], on_written: Callable[[Path, int, int], None] | None = None
    ) -> BuildReport:
        """Build every document of ``paths``; return what was done.

        Raises :class:`InputError` with every problem of every input, having written
        nothing, unless ``keep_going``, which writes the valid documents and lists the rest.
        """
        started = time.perf_counter()
        sweep(self.output_dir)  # what killed earlier runs left
        plan = self._plan(paths)
        report = BuildReport(skipped=plan.skipped, ignored=plan.ignored)
        rendering = {task.output for task in plan.tasks}
        report.up_to_date = [output for output in plan.claimed if output not in rendering]
        problems = list(plan.problems)
        done: list[Outcome] = []
        outcomes = self._outcomes(plan.tasks)
        try:
            for number, outcome in enumerate(outcomes, 1):
                if outcome.problems:
                    problems += [p for p in outcome.problems if p not in problems]
                else:
                    done.append(outcome)
                if on_written:
                    on_written(outcome.task.output, number, len(plan.tasks))
        except BaseException:
            # Ctrl+C, SIGTERM (see the CLI) or an error: no temporary file may stay behind.
            outcomes.close()  # stops the workers and removes the files of those in flight
            _discard_all(done)
            sweep(self.output_dir)  # a worker's, if one was ended while writing
            raise
        if problems and not self.keep_going:
            _discard_all(done)
            raise InputError(problems)
        report.failed = problems
        for index, outcome in enumerate(done):
            assert outcome.temporary is not None
            try:
                commit(outcome.temporary, outcome.task.output)
            except BaseException:
                _discard_all(done[index:])
                raise
            fingerprint = outcome.task.unit.fingerprint if outcome.task.unit else ""
            hashes = {str(path): self.hashes(path) for path in outcome.dependencies}
            self.manifest.record(outcome.task.output, Entry(hashes, fingerprint))
            report.rendered.append(outcome.task.output)
            report.warnings += outcome.warnings
        self.manifest.save()
        report.seconds = time.perf_counter() - started
        return report

    def _outcomes(self, tasks: list[Task]) -> Generator[Outcome, None, None]:
        """Yield the outcome of every task, in order, from worker processes when many."""
        if self.jobs <= 1 or len(tasks) < PARALLEL_FROM:
            worker = Worker(self.templates_dir)
            for task in tasks:
                yield worker(task)
            return
        requests = _StopRequests()
        with (
            ProcessPoolExecutor(
                self.jobs, initializer=_start_worker, initargs=(self.templates_dir,)
            ) as pool,
            requests.held(),  # see _StopRequests: a Ctrl+C stops the build between two steps
        ):
            pending: list[Future[list[Outcome]]] = []
            taken: list[Outcome] = []  # received from a worker, not yet handed on
            try:
                queue = _chunks(tasks, self.jobs)
                with _interrupts_held():  # the first submit starts the pool's processes
                    for chunk in queue:
                        pending.append(pool.submit(_work, chunk))
                        if len(pending) >= WINDOW * self.jobs:
                            break
                while pending:
                    taken = _result(pending[0], requests)
                    del pending[0]  # only now: a file written for it is removed until then
                    following = next(queue, None)
                    if following is not None:
                        pending.append(pool.submit(_work, following))
                    while taken:
                        yield taken.pop(0)
            except BrokenProcessPool as error:
                raise WorkerLostError() from error
            finally:
                _discard_all(taken)
                # Bounded, on every way out: a stuck worker cannot hang the build, and the
                # pool is stopped before the signals held back are acted on.
                _stop_pool(pool, pending, requests)

    def _plan(self, paths: Iterable[Path]) -> _Plan:
        plan = _Plan()
        batches: list[tuple[Path, Path]] = []
        documents: list[tuple[Path, Path]] = []
        for file, root in _sources(paths):
            if file.name in PROFILE_FILES:
                plan.ignored.append((file, "hồ sơ dùng chung, không phải văn bản: bỏ qua"))
            elif _is_batch_file(file):
                batches.append((file, root))
            else:
                documents.append((file, root))
        used_by_batches: set[Path] = set()
        for file, root in batches:
            used_by_batches |= self._plan_batch(file, root, plan)
        for file, root in documents:
            if file in used_by_batches:
                continue  # a definition or table of a batch, not a document on its own
            output = self.output_dir / file.parent.relative_to(root) / f"{file.stem}.docx"
            if would_replace(output, file):
                message = f"tệp kết quả {display_path(output)} sẽ ghi đè chính tệp dữ liệu"
                plan.problems.append(Problem(display_path(file), None, "", message))
                continue
            if not self._claim(output, display_path(file), plan):
                continue
            if not self.force and self.manifest.up_to_date(output, self.hashes, None):
                plan.skipped += 1
                continue
            plan.tasks.append(Task(output, file))
        return plan

    def _claim(self, output: Path, source: str, plan: _Plan) -> bool:
        key = output_key(output)  # names differing only in case are one file on Windows
        if key in plan.claimed_keys:
            message = f"cùng ghi ra {display_path(output)} với {plan.claimed_keys[key]}"
            plan.problems.append(Problem(source, None, "", message))
            return False
        plan.claimed[output] = plan.claimed_keys[key] = source
        return True

    def _plan_batch(self, file: Path, root: Path, plan: _Plan) -> set[Path]:
        """Add a batch file's tasks to ``plan``; return the files it uses (not documents)."""
        folder = self.output_dir / file.parent.relative_to(root)
        shown = display_path(file)
        record = self.manifest.batches.get(str(file))
        if not self.force and record and self._batch_unchanged(record, folder):
            plan.skipped += len(record["outputs"])
            for name in record["outputs"]:
                output = folder / f"{name}.docx"
                plan.claimed[output] = plan.claimed_keys[output_key(output)] = shown
            return {Path(path) for path in record["files"]}
        batch, problems = read_batch(file, load_yaml(file, shown))
        plan.problems += problems
        files = {path if path.is_absolute() else path.resolve() for path in batch.files}
        for document in batch.documents:
            output = folder / f"{document.name}.docx"
            if not self._claim(output, shown, plan):
                continue
            if not self.force and self.manifest.up_to_date(
                output, self.hashes, document.fingerprint
            ):
                plan.skipped += 1
                continue
            plan.tasks.append(Task(output, file, document))
        if not problems:
            self.manifest.batches[str(file)] = {
                "files": {str(path): self.hashes(path) for path in sorted(files)},
                "outputs": [document.name for document in batch.documents],
            }
        return files

    def _batch_unchanged(self, record: dict[str, Any], folder: Path) -> bool:
        """Return True when no file of a batch changed and all its outputs are up to date."""
        files: dict[str, str] = record.get("files", {})
        if any(self.hashes(Path(path)) != digest for path, digest in files.items()):
            return False
        for name in record.get("outputs", []):
            output = folder / f"{name}.docx"
            if not self.manifest.up_to_date(output, self.hashes, None):
                return False
        return True


def build(
    paths: Iterable[Path],
    output_dir: Path,
    templates_dir: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    keep_going: bool = False,
    on_written: Callable[[Path, int, int], None] | None = None,
) -> BuildReport:
    """Build the documents of ``paths`` (folders, documents, batch files) into ``output_dir``.

    See :class:`Builder`; raises :class:`InputError` before writing anything when an input
    is invalid, unless ``keep_going``.
    """
    builder = Builder(output_dir, templates_dir, jobs, force, keep_going)
    return builder.run(paths, on_written)


__all__ = ["BuildReport", "Builder", "Worker", "WorkerLostError", "build"]
