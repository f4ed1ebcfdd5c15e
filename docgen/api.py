"""The library façade the CLI, batch builds and tests use.

:class:`Workspace` loads documents (from files or from data), reading each folder's
profiles once; :func:`render_files` is the whole of ``docgen render``: validate every input,
render every document in memory, and only then write, so a failed run leaves every existing
output as it was.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import DocgenError, InputError, Problem, TemplateError, display_path
from docgen.loading import SourceMap
from docgen.project import (
    AGENCIES_FILE,
    PROFILE_FILES,
    RECIPIENTS_FILE,
    LoadedDocument,
    Project,
    find_upwards,
)
from docgen.render.atomic import write_atomic
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

    def project_for(self, path: Path) -> Project:
        """Return the project of the document at ``path`` (its nearest profile files)."""
        folder = path.resolve().parent
        if folder not in self._folders:
            key = tuple(find_upwards(folder, name) for name in PROFILE_FILES)
            if key not in self._projects:
                self._projects[key] = Project.from_folder(folder)
            self._folders[folder] = self._projects[key]
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
    claimed: dict[Path, Path] = {}
    for source in sources:
        target = output_path(source, output_dir).resolve()
        if target == source.resolve():
            message = f"tệp kết quả {display_path(target)} sẽ ghi đè chính tệp dữ liệu"
            problems.append(Problem(display_path(source), None, "", message))
        elif target in claimed:
            message = (
                f"cùng ghi ra {display_path(target)} với {display_path(claimed[target])}: "
                "hãy đổi tên một tệp hoặc tạo từng tệp với -o khác nhau"
            )
            problems.append(Problem(display_path(source), None, "", message))
        else:
            claimed[target] = source
    return problems


def render_files(
    paths: Iterable[Path],
    output_dir: Path,
    templates_dir: Path | None = None,
    pdf: bool = False,
    on_written: Callable[[Path], None] | None = None,
) -> RenderReport:
    """Validate every file of ``paths``, render them all, then write ``output_dir/<stem>.docx``.

    Profile files (co-quan.yaml, noi-nhan.yaml) are skipped and listed. With ``pdf`` a PDF
    is written beside each .docx. ``on_written`` is called with each path written. Raises
    :class:`InputError` with every problem of every input, or :class:`TemplateError`,
    before anything is written.
    """
    report = RenderReport()
    if pdf:
        require_pdf_converter()
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
    for path, (document, data) in zip(sources, rendered, strict=True):
        report.warnings += document.warnings
        target = output_path(path, output_dir)
        write_atomic(target, data)
        report.written.append(target)
        if on_written:
            on_written(target)
        if pdf:
            written_pdf = write_pdf(target)
            report.written.append(written_pdf)
            if on_written:
                on_written(written_pdf)
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
    """Return the N30 findings of the .docx at ``path`` (or why it could not be read)."""
    from docgen.check.checker import check
    from docgen.check.inspect import UnreadableDocument, inspect_file
    from docgen.check.report import FileReport

    try:
        facts = inspect_file(path)
    except UnreadableDocument as error:
        return FileReport(display_path(path), error=str(error).split(": ", 1)[-1])
    return FileReport(display_path(path), check(facts))


def fix_file(source: Path, target: Path) -> tuple[FixReport, FileReport]:
    """Write a corrected copy of ``source`` to ``target`` atomically.

    Returns ``(changes, remaining findings)``. ``source`` is never modified. Raises
    :class:`UnreadableDocument` when it cannot be read.
    """
    import docx

    from docgen.check.checker import check
    from docgen.check.fix import fix_document
    from docgen.check.inspect import inspect_document, open_document
    from docgen.check.report import FileReport

    document = open_document(source)
    changes = fix_document(document)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    remaining = FileReport(
        display_path(target), check(inspect_document(docx.Document(io.BytesIO(data))))
    )
    write_atomic(target, data)
    return changes, remaining


def soffice_path() -> str | None:
    """Return the path of LibreOffice's ``soffice``, or None when it is not installed."""
    # docgen.render.pdf (and subprocess) is imported only when PDFs are asked for.
    from docgen.render.pdf import soffice_path as find_soffice

    return find_soffice()


def require_pdf_converter() -> None:
    """Raise :class:`DocgenError` unless LibreOffice is there to make PDFs."""
    if soffice_path() is None:
        raise DocgenError(
            "cần LibreOffice để tạo PDF (Debian/Ubuntu: sudo apt-get install libreoffice-writer; "
            "Windows: cài LibreOffice từ libreoffice.org)"
        )


def write_pdfs(documents: list[Path]) -> list[Path]:
    """Convert ``documents`` to PDFs beside them, in as few LibreOffice runs as possible
    (one per group of distinct file names, since LibreOffice names its PDFs by stem), each
    written atomically; return the PDFs' paths in order."""
    from docgen.render.pdf import convert_many

    groups: list[list[Path]] = []
    for document in documents:
        group = next((g for g in groups if all(d.stem != document.stem for d in g)), None)
        if group is None:
            groups.append(group := [])
        group.append(document)
    converted: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as folder:
        for index, group in enumerate(groups):
            for document, pdf in zip(
                group, convert_many(group, Path(folder) / str(index)), strict=True
            ):
                target = document.with_suffix(".pdf")
                write_atomic(target, pdf.read_bytes())
                converted[document] = target
    return [converted[document] for document in documents]


def write_pdf(document: Path) -> Path:
    """Convert ``document`` to a PDF beside it, atomically; return the PDF's path."""
    # Imported here: only `render --pdf` needs the converter (and subprocess).
    from docgen.render.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as folder:
        converted = convert_to_pdf(document, Path(folder))
        target = document.with_suffix(".pdf")
        write_atomic(target, converted.read_bytes())
    return target
