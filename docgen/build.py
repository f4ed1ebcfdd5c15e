"""``docgen build``: every document of folders and batch files, validated first, rendered
in parallel, written atomically, and only what changed since the last build.

The render of one document is a pure function of its template and context, so documents
are spread over worker processes (each prepares its templates once); the rest of a build
(reading, validating, deciding what changed, writing) happens here, in the main process.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.api import Renderer, Workspace, default_templates_dir, document_properties
from docgen.batch import BATCH_KEY, Batch, BatchDocument, read_batch
from docgen.errors import InputError, Problem, display_path
from docgen.loading import load_yaml
from docgen.manifest import Entry, FileHashes, Manifest
from docgen.project import PROFILE_FILES, LoadedDocument
from docgen.render.atomic import write_atomic
from docgen.render.package import CoreProperties

DOCUMENT_SUFFIXES = (".yaml", ".yml")
BATCH_LINE = re.compile(rf"^{BATCH_KEY}\s*:", re.MULTILINE)
PARALLEL_FROM = 8
"""Fewer documents than this render in the main process: starting workers costs more."""


@dataclass
class Job:
    """One document to render, and where it goes."""

    output: Path
    document: LoadedDocument
    fingerprint: str = ""


@dataclass
class BuildReport:
    """What a build did."""

    rendered: list[Path] = field(default_factory=list)
    skipped: int = 0
    """Outputs already up to date."""
    failed: list[Problem] = field(default_factory=list)
    """With ``keep_going``: the problems of the inputs left out."""
    warnings: list[Problem] = field(default_factory=list)
    ignored: list[tuple[Path, str]] = field(default_factory=list)
    """Inputs recognized and not rendered (profile files), with why."""
    seconds: float = 0.0


@dataclass
class _Plan:
    """What a build found: the jobs, the problems, what is up to date."""

    jobs: list[Job] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    ignored: list[tuple[Path, str]] = field(default_factory=list)
    claimed: dict[Path, str] = field(default_factory=dict)


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
        self.workspace = Workspace()
        self.hashes = FileHashes()
        self.manifest = Manifest.load(self.output_dir)

    def run(
        self, paths: Iterable[Path], on_written: Callable[[Path, int, int], None] | None = None
    ) -> BuildReport:
        """Build every document of ``paths``; return what was done.

        Raises :class:`InputError` with every problem of every input before anything is
        written, unless ``keep_going``, which renders the valid documents and lists the rest.
        """
        started = time.perf_counter()
        plan = self._plan(paths)
        report = BuildReport(skipped=plan.skipped, ignored=plan.ignored)
        if plan.problems and not self.keep_going:
            raise InputError(plan.problems)
        report.failed = plan.problems
        rendered = self._render(plan.jobs)
        for number, (job, data) in enumerate(zip(plan.jobs, rendered, strict=True), 1):
            # No fsync per file: the rename is still atomic, and the manifest (written durably,
            # last) only vouches for outputs that are there and not empty.
            write_atomic(job.output, data, durable=False)
            dependencies = [*job.document.dependencies, self._template(job.document)]
            entry = Entry({str(p): self.hashes(p) for p in dependencies}, job.fingerprint)
            self.manifest.record(job.output, entry)
            report.rendered.append(job.output)
            report.warnings += job.document.warnings
            if on_written:
                on_written(job.output, number, len(plan.jobs))
        self.manifest.save()
        report.seconds = time.perf_counter() - started
        return report

    def _template(self, document: LoadedDocument) -> Path:
        return self.templates_dir / document.kind.template

    def _plan(self, paths: Iterable[Path]) -> _Plan:
        plan = _Plan()
        sources = _sources(paths)
        batches: list[tuple[Path, Path]] = []
        used_by_batches: set[Path] = set()
        documents: list[tuple[Path, Path]] = []
        for file, root in sources:
            if file.name in PROFILE_FILES:
                plan.ignored.append((file, "hồ sơ dùng chung, không phải văn bản: bỏ qua"))
            elif _is_batch_file(file):
                batches.append((file, root))
            else:
                documents.append((file, root))
        for file, root in batches:
            used_by_batches |= self._plan_batch(file, root, plan)
        for file, root in documents:
            if file in used_by_batches:
                continue  # a definition or table of a batch, not a document on its own
            output = self.output_dir / file.parent.relative_to(root) / f"{file.stem}.docx"
            if not self._claim(output, display_path(file), plan):
                continue
            if not self.force and self.manifest.up_to_date(output, self.hashes, None):
                plan.skipped += 1
                continue
            try:
                plan.jobs.append(Job(output, self.workspace.load_file(file)))
            except InputError as error:
                plan.problems += error.problems
        return plan

    def _claim(self, output: Path, source: str, plan: _Plan) -> bool:
        key = output
        if key in plan.claimed:
            message = f"cùng ghi ra {display_path(output)} với {plan.claimed[key]}"
            plan.problems.append(Problem(source, None, "", message))
            return False
        plan.claimed[key] = source
        return True

    def _plan_batch(self, file: Path, root: Path, plan: _Plan) -> set[Path]:
        """Add a batch file's jobs to ``plan``; return the files it uses (not documents)."""
        folder = self.output_dir / file.parent.relative_to(root)
        record = self.manifest.batches.get(str(file))
        if not self.force and record and self._batch_unchanged(record, folder):
            plan.skipped += len(record["outputs"])
            for name in record["outputs"]:
                plan.claimed[folder / f"{name}.docx"] = display_path(file)
            return {Path(path) for path in record["files"]}
        try:
            batch = read_batch(file, load_yaml(file, display_path(file)))
        except InputError as error:
            plan.problems += error.problems
            return {file}
        jobs_before = len(plan.jobs)
        for document in batch.documents:
            output = folder / f"{document.name}.docx"
            if not self._claim(output, display_path(file), plan):
                continue
            if not self.force and self.manifest.up_to_date(
                output, self.hashes, document.fingerprint
            ):
                plan.skipped += 1
                continue
            job = self._load_batch_document(batch, document, output, plan)
            if job is not None:
                plan.jobs.append(job)
        files = {path.resolve() for path in batch.files}
        if len(plan.problems) == 0 or len(plan.jobs) > jobs_before:
            self.manifest.batches[str(file)] = {
                "files": {str(path): self.hashes(path) for path in sorted(files)},
                "outputs": [document.name for document in batch.documents],
            }
        return files

    def _batch_unchanged(self, record: dict[str, Any], folder: Path) -> bool:
        """Return True when no file of a batch changed and all its outputs are there."""
        files: dict[str, str] = record.get("files", {})
        if any(self.hashes(Path(path)) != digest for path, digest in files.items()):
            return False
        for name in record.get("outputs", []):
            output = folder / f"{name}.docx"
            entry = self.manifest.outputs.get(self.manifest.key(output))
            if entry is None or not output.is_file():
                return False
            if any(self.hashes(Path(p)) != h for p, h in entry.dependencies.items()):
                return False
        return True

    def _load_batch_document(
        self, batch: Batch, document: BatchDocument, output: Path, plan: _Plan
    ) -> Job | None:
        project = self.workspace.project_for(document.definition)
        try:
            loaded = project.load(document.data, document.source, document.definition)
        except InputError as error:
            plan.problems += error.problems
            return None
        dependencies = [*loaded.dependencies, batch.path]
        loaded = LoadedDocument(
            loaded.kind, loaded.resolved, loaded.source, loaded.path, loaded.warnings,
            list(dict.fromkeys(dependencies)),
        )  # fmt: skip
        return Job(output, loaded, document.fingerprint)

    def _render(self, jobs: list[Job]) -> list[bytes]:
        """Return the .docx bytes of every job, in order, in worker processes when many."""
        tasks = [
            (job.document.kind.template, job.document.kind.context(job.document.resolved),
             document_properties(job.document))
            for job in jobs
        ]  # fmt: skip
        if self.jobs <= 1 or len(tasks) < PARALLEL_FROM:
            renderer = Renderer(self.templates_dir)
            return [renderer.template(name).render(context, properties=props)
                    for name, context, props in tasks]  # fmt: skip
        chunk = max(1, len(tasks) // (self.jobs * 4))
        with ProcessPoolExecutor(
            self.jobs, initializer=_start_worker, initargs=(self.templates_dir,)
        ) as pool:
            return list(pool.map(_render_task, tasks, chunksize=chunk))


def _is_batch_file(path: Path) -> bool:
    """Return True when the YAML file at ``path`` is a batch file (cheap: no parsing)."""
    try:
        return BATCH_LINE.search(path.read_text(encoding="utf-8", errors="replace")) is not None
    except OSError:
        return False


_WORKER_RENDERER: Renderer | None = None


def _start_worker(templates_dir: Path) -> None:
    global _WORKER_RENDERER  # one per worker process: templates are prepared once there
    _WORKER_RENDERER = Renderer(templates_dir)


def _render_task(task: tuple[str, dict[str, Any], CoreProperties]) -> bytes:
    name, context, properties = task
    assert _WORKER_RENDERER is not None, "worker started without its renderer"
    return _WORKER_RENDERER.template(name).render(context, properties=properties)


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
