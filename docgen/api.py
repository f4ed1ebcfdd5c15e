"""The library façade the CLI and tests use: load and validate, then render and write.

Everything is validated before anything is written; a run that fails leaves every existing
output file as it was.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import docx
from pydantic import TypeAdapter, ValidationError

from docgen.check.checker import check
from docgen.check.fix import FixReport, fix_document
from docgen.check.inspect import UnreadableDocument, inspect_document, inspect_file, open_document
from docgen.check.report import FileReport
from docgen.context import build_context
from docgen.errors import DocgenError, InputError, Problem, TemplateError, display_path
from docgen.loading import Loaded, format_field, load_yaml
from docgen.models.agency import Agency, AgencyDirectory
from docgen.models.documents import DOCUMENT_KINDS, DocumentBase
from docgen.models.recipients import RecipientDirectory
from docgen.render.atomic import write_atomic
from docgen.render.pdf import convert_to_pdf, soffice_path

__all__ = [
    "LoadedDocument",
    "Renderer",
    "load_document",
    "output_path",
    "render_file",
    "write_atomic",
]
from docgen.render.template import PreparedTemplate
from docgen.resolve import ResolvedDocument, check_directory, raw_reference_issues, resolve
from docgen.validation import problems_from_validation_error

AGENCIES_FILE = "co-quan.yaml"
RECIPIENTS_FILE = "noi-nhan.yaml"
TEMPLATE_FILES = {"ke_hoach": "kehoach.docx"}
"""The template of each document kind, inside the templates folder."""

T = TypeVar("T")


@dataclass(frozen=True)
class LoadedDocument:
    """A document validated and resolved, ready to render."""

    path: Path
    kind: str
    resolved: ResolvedDocument


def default_templates_dir() -> Path:
    """Return the templates folder: inside the installed package, else beside it (checkout)."""
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def find_upwards(start: Path, name: str) -> Path | None:
    """Return the nearest file called ``name`` in ``start`` or one of its parents."""
    for folder in (start, *start.parents):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _validate(adapter: TypeAdapter[T], loaded: Loaded, problems: list[Problem]) -> T | None:
    """Return ``loaded.data`` validated by ``adapter``, or None after adding its problems."""
    try:
        return adapter.validate_python(loaded.data)
    except ValidationError as error:
        problems += problems_from_validation_error(error, loaded.source, loaded.data)
        return None


def _load(path: Path, problems: list[Problem]) -> Loaded | None:
    try:
        return load_yaml(path, display_path(path))
    except InputError as error:
        problems += error.problems
        return None


def _empty_file(loaded: Loaded, problems: list[Problem]) -> bool:
    if isinstance(loaded.data, dict):
        return False
    message = "tệp trống" if loaded.data is None else "tệp phải là một bảng khóa: giá trị"
    problems.append(Problem(loaded.source.file, 1, "", message))
    return True


def load_document(path: Path) -> LoadedDocument:
    """Return the document at ``path`` validated and with its references resolved.

    The agency profiles (co-quan.yaml) and recipients directory (noi-nhan.yaml) are the
    nearest ones in the document's folder or above. Raises :class:`InputError` listing every
    problem in all of these files at once.
    """
    problems: list[Problem] = []
    loaded = _load(path, problems)
    agencies_path = find_upwards(path.resolve().parent, AGENCIES_FILE)
    recipients_path = find_upwards(path.resolve().parent, RECIPIENTS_FILE)
    agencies = _load_directory(agencies_path, problems, _validate_agencies)
    recipients = _load_directory(recipients_path, problems, _validate_recipients)
    if loaded is None or _empty_file(loaded, problems):
        raise InputError(problems)
    kind = loaded.data.get("loai")
    model = DOCUMENT_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        known = ", ".join(DOCUMENT_KINDS)
        wrong = "thiếu trường bắt buộc" if kind is None else f"loại văn bản không hỗ trợ: {kind!r}"
        line = loaded.source.line_of(("loai",))
        problems.append(Problem(loaded.source.file, line, "loai", f"{wrong} (có: {known})"))
        raise InputError(problems)
    names = (
        display_path(agencies_path) if agencies_path else AGENCIES_FILE,
        display_path(recipients_path) if recipients_path else RECIPIENTS_FILE,
    )
    document: DocumentBase | None = _validate(TypeAdapter(model), loaded, problems)
    if document is None:
        issues = raw_reference_issues(loaded.data, *_usable(agencies, recipients), *names)
    else:
        resolved, issues = resolve(document, *_usable(agencies, recipients), *names)
    # A directory that exists but is invalid has its own problems listed; references into it
    # cannot be judged, so they are not reported as missing too.
    issues = [
        (field_path, message)
        for field_path, message in issues
        if not (field_path[0] == "co_quan" and agencies is INVALID)
        and not (field_path[0] == "noi_nhan" and recipients is INVALID)
    ]
    for field_path, message in issues:
        line = loaded.source.line_of(field_path)
        problems.append(Problem(loaded.source.file, line, format_field(field_path), message))
    if problems or document is None or resolved is None:
        raise InputError(problems)
    return LoadedDocument(path, str(kind), resolved)


INVALID: Any = object()
"""Stands for a directory file that exists but failed validation."""


def _usable(agencies: Any, recipients: Any) -> tuple[Any, Any]:
    return (
        None if agencies is INVALID else agencies,
        None if recipients is INVALID else recipients,
    )


def _validate_agencies(loaded: Loaded, problems: list[Problem]) -> AgencyDirectory | None:
    profiles = _validate(TypeAdapter(dict[str, Agency]), loaded, problems)
    return None if profiles is None else AgencyDirectory(profiles=profiles)


def _validate_recipients(loaded: Loaded, problems: list[Problem]) -> RecipientDirectory | None:
    directory = _validate(TypeAdapter(RecipientDirectory), loaded, problems)
    if directory is not None:
        for field_path, message in check_directory(directory):
            line = loaded.source.line_of(field_path)
            problems.append(Problem(loaded.source.file, line, format_field(field_path), message))
    return directory


def _load_directory(path: Path | None, problems: list[Problem], validate: Any) -> Any:
    """Return the validated directory at ``path``, None when absent, INVALID when broken."""
    if path is None:
        return None
    loaded = _load(path, problems)
    if loaded is None or _empty_file(loaded, problems):
        return INVALID
    result = validate(loaded, problems)
    return INVALID if result is None else result


class Renderer:
    """Renders documents with templates prepared once and reused (batch-friendly)."""

    def __init__(self, templates_dir: Path | None = None) -> None:
        self.templates_dir = templates_dir or default_templates_dir()
        self._prepared: dict[str, PreparedTemplate] = {}

    def template(self, kind: str) -> PreparedTemplate:
        """Return the prepared template of ``kind``, loading it on first use."""
        if kind not in self._prepared:
            path = self.templates_dir / TEMPLATE_FILES[kind]
            if not path.is_file():
                raise TemplateError(f"{display_path(path)}: không tìm thấy mẫu văn bản")
            self._prepared[kind] = PreparedTemplate(path)
        return self._prepared[kind]

    def render(self, document: LoadedDocument) -> bytes:
        """Return the .docx bytes of ``document``."""
        context = build_context(document.resolved, document.kind)
        return self.template(document.kind).render(context)


def check_file(path: Path) -> FileReport:
    """Return the N30 findings of the .docx at ``path`` (or why it could not be read)."""
    try:
        facts = inspect_file(path)
    except UnreadableDocument as error:
        return FileReport(display_path(path), error=str(error).split(": ", 1)[-1])
    return FileReport(display_path(path), check(facts))


def fix_file(source: Path, target: Path) -> tuple[FixReport, FileReport]:
    """Write a corrected copy of ``source`` to ``target`` atomically.

    Returns what was changed and the findings that remain in the corrected copy. ``source``
    is never modified. Raises :class:`UnreadableDocument` when it cannot be read.
    """
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


def require_pdf_converter() -> None:
    """Raise :class:`DocgenError` unless LibreOffice is there to make PDFs."""
    if soffice_path() is None:
        raise DocgenError(
            "cần LibreOffice để tạo PDF (Debian/Ubuntu: sudo apt-get install libreoffice-writer)"
        )


def write_pdf(document: Path) -> Path:
    """Convert ``document`` to a PDF beside it, atomically; return the PDF's path."""
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as folder:
        converted = convert_to_pdf(document, Path(folder))
        target = document.with_suffix(".pdf")
        write_atomic(target, converted.read_bytes())
    return target


def output_path(source: Path, output_dir: Path) -> Path:
    """Return where the document rendered from ``source`` goes: ``output_dir/<stem>.docx``."""
    return output_dir / f"{source.stem}.docx"


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
