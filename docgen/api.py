"""The library façade the CLI, batch builds and tests use.

:class:`Workspace` loads documents (from files or from data), reading each folder's
profiles once; :func:`render_files` is the whole of ``docgen render``: validate every input,
render every document in memory, and only then write, so a failed run leaves every existing
output as it was.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import InputError, Problem, TemplateError, display_path
from docgen.loading import SourceMap
from docgen.project import (
    AGENCIES_FILE,
    PROFILE_FILES,
    RECIPIENTS_FILE,
    LoadedDocument,
    Project,
    find_upwards,
)
from docgen.render.atomic import output_key, sweep, would_replace, write_atomic
from docgen.render.package import CoreProperties
from docgen.render.template import PreparedTemplate

if TYPE_CHECKING:  # the checker is imported only by the commands that use it
    from docgen.check.fix import FixReport
    from docgen.check.report import FileReport

__all__ = [
    "AGENCIES_FILE",
    "RECIPIENTS_FILE",
    "LoadedDocument",
    "Project",
    "RenderReport",
    "Renderer",
    "Workspace",
    "load_document",
    "output_path",
    "render_file",
    "render_files",
    "write_atomic",
]


def default_templates_dir() -> Path:
    """Return the templates folder: inside the installed package, else beside it (checkout)."""
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


class Workspace:
    """Loads documents from files, each with the project of its folder, read once."""

    def __init__(self) -> None:
        self._projects: dict[tuple[Path | None, ...], Project] = {}
        self._folders: dict[Path, Project] = {}
        self._given: dict[Path, Project] = {}

    def project_for(self, path: Path) -> Project:
        """Return the project of the document at ``path``: the nearest profile files in the
        folder ``path`` names (a symbolic link's own folder) or above."""
        given = path.parent if path.is_absolute() else Path.cwd() / path.parent
        if given in self._given:  # resolving costs file-system calls; a batch asks per unit
            return self._given[given]
        # The folder the user named, not the one a symbolic link points to: a linked document
        # takes the profiles beside the link. ".." is applied to the name, as a shell does.
        folder = Path(os.path.abspath(path)).parent
        if folder not in self._folders:
            key = tuple(find_upwards(folder, name) for name in PROFILE_FILES)
            if key not in self._projects:
                self._projects[key] = Project.from_folder(folder)
            self._folders[folder] = self._projects[key]
        self._given[given] = self._folders[folder]
        return self._folders[folder]

    def load_file(self, path: Path) -> LoadedDocument:
        """Return the document at ``path`` validated and resolved; see :meth:`Project.load`."""
        return self.project_for(path).load_file(path)


def load_document(path: Path) -> LoadedDocument:
    """Return the document at ``path`` validated and with its references resolved.

    The agency profiles (co-quan.yaml) and recipients directory (noi-nhan.yaml) are the
    nearest ones in the document's folder or above. Raises :class:`InputError` listing every
    problem in all of these files at once.
    """
    return Workspace().load_file(path)


def load_data(data: Any, source: SourceMap | str, project: Project) -> LoadedDocument:
    """Return a document loaded from in-memory ``data`` with ``project``'s profiles.

    ``source`` locates values for error messages (a :class:`SourceMap`), or is just a name.
    """
    source_map = SourceMap(source) if isinstance(source, str) else source
    return project.load(data, source_map)


class Renderer:
    """Renders documents with templates prepared once and reused (batch-friendly)."""

    def __init__(self, templates_dir: Path | None = None) -> None:
        self.templates_dir = templates_dir or default_templates_dir()
        self._prepared: dict[str, PreparedTemplate] = {}

    def template(self, name: str) -> PreparedTemplate:
        """Return the prepared template file ``name``, loading it on first use."""
        if name not in self._prepared:
            path = self.templates_dir / name
            if not path.is_file():
                raise TemplateError(f"{display_path(path)}: không tìm thấy mẫu văn bản")
            self._prepared[name] = PreparedTemplate(path)
        return self._prepared[name]

    def render(self, document: LoadedDocument) -> bytes:
        """Return the .docx bytes of ``document``."""
        context = document.kind.context(document.resolved)
        return self.template(document.kind.template).render(
            context, properties=document_properties(document)
        )


def document_properties(document: LoadedDocument) -> CoreProperties:
    """Return the core properties of the rendered file: title, author and date."""
    resolved = document.resolved
    return CoreProperties(
        title=" ".join(resolved.document.trich_yeu),
        author=" ".join(resolved.agency.ten),
        subject=document.kind.ten_loai.capitalize(),
        created=resolved.document.ngay,
    )


@dataclass
class RenderReport:
    """What :func:`render_files` did."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Inputs recognized and not rendered, with why (profile files)."""
    warnings: list[Problem] = field(default_factory=list)


def output_path(source: Path, output_dir: Path) -> Path:
    """Return where the document rendered from ``source`` goes: ``output_dir/<stem>.docx``."""
    return output_dir / f"{source.stem}.docx"


PROFILE_NAMES = dict(
    zip(PROFILE_FILES, ("hồ sơ cơ quan", "danh bạ nơi nhận", "bảng mức thưởng"), strict=True)
)


TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
"""Spreadsheets (lists a document reads), recognized among the inputs and not rendered."""


def _skip_reason(path: Path) -> str | None:
    name = PROFILE_NAMES.get(path.name)
    if name is None and path.suffix.lower() in TABLE_SUFFIXES:
        name = "bảng tính (danh sách mà văn bản đọc)"
    return None if name is None else f"{name}, không phải văn bản: bỏ qua"


def _output_conflicts(sources: list[Path], output_dir: Path) -> list[Problem]:
    """Return a problem for each input whose output another input or itself would clobber."""
    problems: list[Problem] = []
    claimed: dict[str, Path] = {}
    for source in sources:
        target = output_path(source, output_dir)
        key = output_key(target.resolve())
        if would_replace(target, source):
            message = f"tệp kết quả {display_path(target)} sẽ ghi đè chính tệp dữ liệu"
            problems.append(Problem(display_path(source), None, "", message))
        elif key in claimed:
            message = (
                f"cùng ghi ra {display_path(target)} với {display_path(claimed[key])}: "
                "hãy đổi tên một tệp hoặc tạo từng tệp với -o khác nhau"
            )
            problems.append(Problem(display_path(source), None, "", message))
        else:
            claimed[key] = source
    return problems


def render_files(
    paths: Iterable[Path],
    output_dir: Path,
    templates_dir: Path | None = None,
    on_written: Callable[[Path], None] | None = None,
) -> RenderReport:
    """Validate every file of ``paths``, render them all, then write ``output_dir/<stem>.docx``.

    Profile files (co-quan.yaml, noi-nhan.yaml) are skipped and listed. ``on_written`` is
    called with each path written (PDFs: :mod:`docgen.pdf_outputs`). Raises
    :class:`InputError` with every problem of every input, or :class:`TemplateError`,
    before anything is written.
    """
    report = RenderReport()
    sources: list[Path] = []
    for path in paths:
        reason = _skip_reason(path)
        if reason is None:
            sources.append(path)
        else:
            report.skipped.append((path, reason))
    workspace = Workspace()
    documents: list[LoadedDocument] = []
    problems = _output_conflicts(sources, output_dir)
    for path in sources:
        try:
            documents.append(workspace.load_file(path))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    renderer = Renderer(templates_dir)
    rendered = [(document, renderer.render(document)) for document in documents]
    for folder in dict.fromkeys(output_path(path, output_dir).parent for path in sources):
        sweep(folder, recursive=False)  # what a killed earlier run left beside its outputs
    for path, (document, data) in zip(sources, rendered, strict=True):
        report.warnings += document.warnings
        target = output_path(path, output_dir)
        write_atomic(target, data)
        report.written.append(target)
        if on_written:
            on_written(target)
    return report


def render_file(source: Path, output_dir: Path, renderer: Renderer | None = None) -> Path:
    """Validate ``source``, render it and write ``output_dir/<stem>.docx`` atomically.

    Returns the path written. Raises :class:`InputError` or :class:`TemplateError` before
    anything is written.
    """
    document = load_document(source)
    data = (renderer or Renderer()).render(document)
    target = output_path(source, output_dir)
    write_atomic(target, data)
    return target


def check_file(path: Path) -> FileReport:
    """Return the N30 findings of the .docx at ``path``, or why it could not be checked.

    Never raises for a bad file: an unreadable or too large file, and any internal error
    while checking it, become the report's ``error`` (the traceback is kept in
    ``FileReport.trace`` for ``--debug``), so a run over many files goes on.
    """
    import traceback

    from docgen.check.checker import examine
    from docgen.check.inspect import UnreadableDocument, inspect_file
    from docgen.check.report import FileReport

    name = display_path(path)
    try:
        findings, document = examine(inspect_file(path))
        return FileReport(name, findings, document=document)
    except UnreadableDocument as error:
        return FileReport(name, error=str(error).split(": ", 1)[-1], error_kind="unreadable")
    except MemoryError:
        return FileReport(
            name, error="tệp quá lớn, không đủ bộ nhớ để đọc", error_kind="unreadable"
        )
    except RecursionError:
        return FileReport(name, error="cấu trúc tệp lồng nhau quá sâu", error_kind="unreadable")
    except Exception:  # a bug: reported for this file, the others are still checked
        return FileReport(
            name,
            error="lỗi nội bộ của docgen khi kiểm tra tệp này (chạy lại với --debug để xem "
            "chi tiết và báo cho người phát triển)",
            error_kind="internal",
            trace=traceback.format_exc(),
        )


def docx_files_in(folder: Path) -> list[Path]:
    """Return the .docx files below ``folder``, recursively, sorted.

    Word's lock files ("~$name.docx") and hidden files are skipped; symbolic links to
    folders are not followed (a link back to a parent would loop).
    """
    import os

    found: list[Path] = []
    for root, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [
            Path(root, name)
            for name in files
            if name.lower().endswith(".docx") and not name.startswith(("~$", "."))
        ]
    return sorted(found)


def check_paths(paths: Iterable[Path]) -> list[FileReport]:
    """Return one report per file: each path given, a folder standing for its .docx files.

    A folder without any .docx gets a report whose error says so. Never raises for a bad
    file (see :func:`check_file`).
    """
    from docgen.check.report import FileReport

    reports: list[FileReport] = []
    for path in paths:
        try:
            folder = path.is_dir()
        except OSError:  # a symbolic-link loop and the like: check_file words it
            folder = False
        if not folder:
            reports.append(check_file(path))
            continue
        files = docx_files_in(path)
        if not files:
            reports.append(
                FileReport(
                    display_path(path),
                    error="thư mục không có tệp .docx nào (kể cả thư mục con)",
                    error_kind="unreadable",
                )
            )
        reports += [check_file(file) for file in files]
    return reports


def fix_file(source: Path, target: Path) -> tuple[FixReport, FileReport]:
    """Write a corrected copy of ``source`` to ``target`` atomically.

    Returns ``(changes, remaining findings)``. ``source`` is never modified; when the fix
    cannot be verified harmless, ``changes.refused`` says why, nothing is written and the
    findings are the source's. Raises :class:`UnreadableDocument` when it cannot be read.
    """
    import docx

    from docgen.check.checker import examine
    from docgen.check.fix import fix_verified
    from docgen.check.inspect import inspect_document, open_document
    from docgen.check.report import FileReport

    # Pictures are kept: the fixed copy must carry them (read within the same budget).
    document = open_document(source, keep_media=True)
    buffer = io.BytesIO()
    document.save(buffer)
    # Kept only when verified (text, findings, page count); else nothing is written.
    data, changes = fix_verified(buffer.getvalue())
    if data is None:
        findings, info = examine(inspect_document(document))
        return changes, FileReport(display_path(source), findings, document=info)
    findings, info = examine(inspect_document(docx.Document(io.BytesIO(data))))
    remaining = FileReport(display_path(target), findings, document=info)
    write_atomic(target, data)
    return changes, remaining
