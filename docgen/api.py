"""The library façade the CLI, batch builds and tests use.

:class:`Workspace` loads documents (from files or from data), reading each folder's
profiles once; :func:`render_files` is the whole of ``docgen render``: validate every input,
render every document in memory, and only then write, so a failed run leaves every existing
output as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.check.files import check_file, check_paths, docx_files_in, fix_file
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

__all__ = [
    "AGENCIES_FILE",
    "RECIPIENTS_FILE",
    "LoadedDocument",
    "Project",
    "RenderReport",
    "Renderer",
    "Workspace",
    "check_file",
    "check_paths",
    "docx_files_in",
    "fix_file",
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
