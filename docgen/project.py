"""A project: the agency profiles and recipients directory that many documents share.

Documents are loaded from data (a mapping and the :class:`SourceMap` saying where each value
was written), so the CLI, a batch of spreadsheet rows and a web form all go through the same
validation. Profiles and the directory are read once per project, not once per document.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from docgen.errors import InputError, Problem, display_path
from docgen.fit import overflows
from docgen.kinds import KINDS, Kind, kind_of
from docgen.limits import excerpt
from docgen.loading import FieldPath, Loaded, SourceMap, load_yaml
from docgen.models.agency import Agency, AgencyDirectory, AgencyPatch, SignerPatch
from docgen.models.documents import DocumentBase
from docgen.models.recipients import Recipient, RecipientDirectory
from docgen.resolve import (
    Issue,
    ResolvedDocument,
    check_directory,
    raw_reference_issues,
    resolve,
    resolve_recipients,
)
from docgen.rules import n30
from docgen.validation import problems_from_validation_error

if TYPE_CHECKING:  # imported where used: a plan needs neither spreadsheets nor award rates
    from docgen.models.awards import RateTable
    from docgen.sources.table import Column, TableRow

AGENCIES_FILE = "co-quan.yaml"
RECIPIENTS_FILE = "noi-nhan.yaml"
RATES_FILE = "muc-thuong.yaml"
BATCH_KEY = "hang_loat"
"""The key of a batch file (see :mod:`docgen.batch`), which is not a document itself."""
PROFILE_FILES = (AGENCIES_FILE, RECIPIENTS_FILE, RATES_FILE)
"""Files that hold a project's profiles, recognized (and never rendered) in a folder."""

T = TypeVar("T")


@dataclass(frozen=True)
class LoadedDocument:
    """A document validated and resolved, ready to render."""

    kind: Kind
    resolved: ResolvedDocument
    source: SourceMap
    path: Path | None = None
    """The file it was read from; None for data that came from elsewhere."""
    warnings: list[Problem] = field(default_factory=list)
    """Layout problems that do not stop rendering (a header line that will wrap)."""
    dependencies: list[Path] = field(default_factory=list)
    """Every file the document was made from: itself, the profiles, and what its kind read
    (a plan, a spreadsheet, the rate table); for rebuilding only what changed."""


@dataclass(frozen=True)
class _Directory:
    """A profile file: its validated contents (None when broken) and where it came from."""

    value: Any
    source: SourceMap | None
    broken: bool = False


def find_upwards(start: Path, name: str) -> Path | None:
    """Return the nearest file called ``name`` in ``start`` or one of its parents."""
    for folder in (start, *start.parents):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def validator_for(model: Any) -> TypeAdapter[Any]:
    """Return the (shared) validator of ``model``: building one costs more than a document."""
    return TypeAdapter(model)


def _validate(adapter: TypeAdapter[T], loaded: Loaded, problems: list[Problem]) -> T | None:
    """Return ``loaded.data`` validated by ``adapter``, or None after adding its problems."""
    try:
        return adapter.validate_python(loaded.data)
    except ValidationError as error:
        problems += problems_from_validation_error(error, loaded.source, loaded.data)
        return None


def _mapping_or_problem(loaded: Loaded, problems: list[Problem]) -> bool:
    """Return True when the file holds a mapping; else add why not to ``problems``."""
    if isinstance(loaded.data, dict):
        return True
    message = "tệp trống" if loaded.data is None else "tệp phải là một bảng khóa: giá trị"
    problems.append(Problem(loaded.source.file, 1, "", message))
    return False


def _load_file(path: Path, problems: list[Problem]) -> Loaded | None:
    try:
        return load_yaml(path, display_path(path))
    except InputError as error:
        problems += error.problems
        return None


TO_FILL = "..."
"""The value a starter file (``docgen new``) leaves where the user has to write something."""
TO_FILL_MESSAGE = "cần điền: thay “...” bằng nội dung"


def to_fill(data: Any, path: FieldPath = ()) -> list[FieldPath]:
    """Return the paths of every value of ``data`` that is still :data:`TO_FILL`."""
    if not _holds_to_fill(data):  # the common case, without building a path per value
        return []
    return _paths_to_fill(data, path)


def _holds_to_fill(data: Any) -> bool:
    if isinstance(data, str):
        return TO_FILL in data and data.strip() == TO_FILL
    if isinstance(data, dict):
        return any(map(_holds_to_fill, data.values()))
    if isinstance(data, list):
        return any(map(_holds_to_fill, data))
    return False


def _paths_to_fill(data: Any, path: FieldPath) -> list[FieldPath]:
    if isinstance(data, str):
        return [path] if data.strip() == TO_FILL else []
    if isinstance(data, dict):
        return [
            found for key, value in data.items() for found in _paths_to_fill(value, (*path, key))
        ]
    if isinstance(data, list):
        return [
            found
            for index, value in enumerate(data)
            for found in _paths_to_fill(value, (*path, index))
        ]
    return []


def mark_to_fill(
    problems: list[Problem], paths: list[FieldPath], source: SourceMap
) -> list[Problem]:
    """Return ``problems`` with one “cần điền” problem per path in ``paths``, in place of
    what validation said about those values (a "..." is no agency key, no file name)."""
    if not paths:
        return problems
    marked = [source.problem(path, TO_FILL_MESSAGE) for path in paths]
    fields = {problem.field for problem in marked}

    def about_placeholder(problem: Problem) -> bool:
        return problem.file == source.file and any(
            problem.field == name or problem.field.startswith((f"{name}.", f"{name}["))
            for name in fields
        )

    return [*(p for p in problems if not about_placeholder(p)), *marked]


def _issues_to_problems(issues: list[Issue], source: SourceMap) -> list[Problem]:
    return [source.problem(path, message) for path, message in issues]


class Project:
    """Agency profiles and the recipients directory, validated once, and the documents
    that use them.

    Build one with :meth:`from_folder` (the nearest co-quan.yaml and noi-nhan.yaml) or
    :meth:`from_data`; then :meth:`load` documents from data or :meth:`load_file`.
    """

    def __init__(
        self,
        agencies: Loaded | None = None,
        recipients: Loaded | None = None,
        agencies_name: str = AGENCIES_FILE,
        recipients_name: str = RECIPIENTS_FILE,
        problems: list[Problem] | None = None,
    ) -> None:
        """Validate the profile data given (either may be None: no such file)."""
        self.problems: list[Problem] = list(problems or [])
        """Problems of the profile files themselves, reported with every document."""
        self.agencies_name = agencies_name
        self.recipients_name = recipients_name
        self._agencies = self._directory(agencies, self._validate_agencies)
        self._recipients = self._directory(recipients, self._validate_recipients)
        self._related: dict[Path, tuple[LoadedDocument | None, list[Problem]]] = {}
        self._tables: dict[
            tuple[Path, str | None], tuple[list[TableRow] | None, list[Problem]]
        ] = {}
        self._rates: tuple[RateTable | None, list[Problem], str, Path | None] | None = None
        self.folder: Path | None = None
        """Where the profile files were looked for (muc-thuong.yaml is found from here)."""
        self.paths: list[Path] = []
        """The profile files read (for rebuilding only what changed)."""
        self._folders: dict[Path, Path] = {}

    def folder_of(self, path: Path) -> Path:
        """Return the folder of the file ``path`` points at (links followed), against which a
        document's relative references are read. Cached: a batch loads one file many times."""
        if path not in self._folders:
            self._folders[path] = path.resolve().parent
        return self._folders[path]

    @classmethod
    def from_folder(cls, folder: Path) -> Project:
        """Return the project of the nearest co-quan.yaml and noi-nhan.yaml at or above
        ``folder``; problems of those files are kept in :attr:`problems`."""
        problems: list[Problem] = []
        loaded: list[Loaded | None] = []
        names: list[str] = []
        paths: list[Path | None] = []
        # As named (made absolute), not resolved: see Workspace.project_for.
        folder = Path(os.path.abspath(folder))
        for name in (AGENCIES_FILE, RECIPIENTS_FILE):
            path = find_upwards(folder, name)
            paths.append(path)
            names.append(display_path(path) if path else name)
            loaded.append(_load_file(path, problems) if path else None)
            if path is not None and loaded[-1] is None:
                loaded[-1] = Loaded(None, SourceMap(names[-1]))  # unreadable: broken
        project = cls(loaded[0], loaded[1], names[0], names[1], problems)
        project.folder = folder
        project.paths = [path for path in paths if path is not None]
        return project

    @classmethod
    def from_data(
        cls,
        agencies: Any = None,
        recipients: Any = None,
        agencies_name: str = AGENCIES_FILE,
        recipients_name: str = RECIPIENTS_FILE,
    ) -> Project:
        """Return a project from in-memory profile data (e.g. parsed JSON of a web form)."""
        return cls(
            None if agencies is None else Loaded(agencies, SourceMap(agencies_name)),
            None if recipients is None else Loaded(recipients, SourceMap(recipients_name)),
            agencies_name,
            recipients_name,
        )

    def _directory(self, loaded: Loaded | None, validate: Callable[[Loaded], Any]) -> _Directory:
        if loaded is None:
            return _Directory(None, None)
        if loaded.data is None and not loaded.source.lines:
            return _Directory(None, loaded.source, broken=True)  # already reported
        if not _mapping_or_problem(loaded, self.problems):
            return _Directory(None, loaded.source, broken=True)
        value = validate(loaded)
        return _Directory(value, loaded.source, broken=value is None)

    def _validate_agencies(self, loaded: Loaded) -> AgencyDirectory | None:
        profiles = _validate(validator_for(dict[str, Agency]), loaded, self.problems)
        return None if profiles is None else AgencyDirectory(profiles=profiles)

    def _validate_recipients(self, loaded: Loaded) -> RecipientDirectory | None:
        directory = _validate(validator_for(RecipientDirectory), loaded, self.problems)
        if directory is not None:
            self.problems += _issues_to_problems(check_directory(directory), loaded.source)
        return directory

    @property
    def agencies(self) -> AgencyDirectory | None:
        """Return the agency profiles (co-quan.yaml), or None when absent or broken."""
        value: AgencyDirectory | None = None if self._agencies.broken else self._agencies.value
        return value

    def load_file(self, path: Path) -> LoadedDocument:
        """Return the document at ``path`` validated and resolved.

        Raises :class:`InputError` listing every problem of the document and of the
        project's profile files at once.
        """
        problems: list[Problem] = []
        loaded = _load_file(path, problems)
        if loaded is None:
            raise InputError([*self.problems, *problems])
        return self.load(loaded.data, loaded.source, path)

    def load(self, data: Any, source: SourceMap, path: Path | None = None) -> LoadedDocument:
        """Return the document ``data`` validated and resolved.

        ``source`` locates each value (file and line) for error messages; ``path`` is the
        file the data came from, against which relative references (a report's plan) are
        read. Raises :class:`InputError` listing every problem at once.
        """
        problems = list(self.problems)
        loaded = Loaded(data, source)
        resources = _ProjectResources(self, path, problems)
        if not _mapping_or_problem(loaded, problems):
            raise InputError(problems)
        if BATCH_KEY in data:
            message = f"đây là tệp hàng loạt ({BATCH_KEY}): tạo bằng lệnh docgen build"
            problems.append(source.problem((BATCH_KEY,), message))
            raise InputError(problems)
        kind = kind_of(data.get("loai"))
        if kind is None:
            problems.append(self._unknown_kind(data.get("loai"), source))
            raise InputError(problems)
        document: DocumentBase | None = _validate(validator_for(kind.model), loaded, problems)
        agencies = None if self._agencies.broken else self._agencies.value
        recipients = None if self._recipients.broken else self._recipients.value
        names = (self.agencies_name, self.recipients_name)
        resolved: ResolvedDocument | None = None
        if document is None:
            issues = raw_reference_issues(data, agencies, recipients, *names)
        else:
            resolved, issues = resolve(document, agencies, recipients, *names)
            extras = kind.resolve_extras(document, resolved, resources)
            issues += extras.issues
            problems += [p for p in extras.problems if p not in problems]
            if resolved is not None:
                resolved = replace(resolved, extras=extras.values)
        # References into a profile file that exists but is broken cannot be judged; that
        # file's own problems are listed instead.
        issues = [
            (where, message)
            for where, message in issues
            if not (where[0] == "co_quan" and self._agencies.broken)
            and not (where[0] in ("noi_nhan", "kinh_gui") and self._recipients.broken)
        ]
        problems += _issues_to_problems(issues, source)
        problems = mark_to_fill(problems, to_fill(data), source)
        if problems or resolved is None or document is None:
            raise InputError(problems)
        warnings = self._fit_warnings(document, resolved, source)
        read = [
            *([path] if path is not None else []),
            *self._profiles_used(document),
            *resources.read,
        ]
        dependencies = list(dict.fromkeys(p if p.is_absolute() else p.resolve() for p in read))
        return LoadedDocument(kind, resolved, source, path, warnings, dependencies)

    def _profiles_used(self, document: DocumentBase) -> list[Path]:
        """Return the profile files ``document`` looks keys up in (not those it ignores)."""
        used: list[Path] = []
        for path in self.paths:
            if (path.name == AGENCIES_FILE and not isinstance(document.co_quan, Agency)) or (
                path.name == RECIPIENTS_FILE
                and any(
                    not isinstance(entry, str) for entry in (*document.noi_nhan, *document.kinh_gui)
                )
            ):
                used.append(path)
        return used

    @staticmethod
    def _unknown_kind(loai: Any, source: SourceMap) -> Problem:
        known = ", ".join(KINDS)
        wrong = (
            "thiếu trường bắt buộc"
            if loai is None
            else f"loại văn bản không hỗ trợ: {excerpt(repr(loai))}"
        )
        return source.problem(("loai",), f"{wrong} (có: {known})")

    def _fit_warnings(
        self, document: DocumentBase, resolved: ResolvedDocument, source: SourceMap
    ) -> list[Problem]:
        """Return a warning for each header or signature line too wide for its column."""
        geometry = n30.GEOMETRY
        agency, signer = resolved.agency, resolved.signer
        checks: list[tuple[str, str, list[str], n30.Component, Any]] = [
            ("co_quan", "ten", list(agency.ten), n30.CO_QUAN_BAN_HANH, geometry.header_left),
            (
                "co_quan",
                "chu_quan",
                list(agency.chu_quan),
                n30.CO_QUAN_CHU_QUAN,
                geometry.header_left,
            ),
            (
                "nguoi_ky",
                "tham_quyen",
                list(signer.tham_quyen),
                n30.THAM_QUYEN,
                geometry.closing_right,
            ),
            ("nguoi_ky", "chuc_vu", list(signer.chuc_vu), n30.THAM_QUYEN, geometry.closing_right),
        ]
        warnings: list[Problem] = []
        for owner, name, lines, component, column in checks:
            for overflow in overflows(lines, component, column):
                # A field of one line may have been written as a plain string: no index.
                index = overflow.index if len(lines) > 1 else None
                where_source, where = self._origin(document, owner, name, index, source)
                warnings.append(where_source.problem(where, overflow.message()))
        return warnings

    def _origin(
        self, document: DocumentBase, owner: str, name: str, index: int | None, source: SourceMap
    ) -> tuple[SourceMap, FieldPath]:
        """Return where a header or signer field was written: the document or the profile."""
        ref = document.co_quan if owner == "co_quan" else document.nguoi_ky
        suffix: FieldPath = (name,) if index is None else (name, index)
        if isinstance(ref, AgencyPatch | SignerPatch) and getattr(ref, name) is not None:
            return source, (owner, *suffix)
        if not isinstance(ref, str | AgencyPatch | SignerPatch):
            return source, (owner, *suffix)  # written whole in the document
        agency_ref = document.co_quan
        signer_key = ref if isinstance(ref, str) else getattr(ref, "ma", "")
        if isinstance(agency_ref, Agency):  # its signers are written in the document too
            return source, ("co_quan", "nguoi_ky", signer_key, *suffix)
        profiles = self._agencies.source or source
        agency_key = agency_ref if isinstance(agency_ref, str) else getattr(agency_ref, "ma", "")
        if owner == "co_quan":
            return profiles, (agency_key, *suffix)
        return profiles, (agency_key, "nguoi_ky", signer_key, *suffix)


class _ProjectResources:
    """What a document's kind may read, relative to the document's folder; cached per
    project. Problems inside those files are added to the document's problems."""

    def __init__(self, project: Project, path: Path | None, problems: list[Problem]) -> None:
        self.project = project
        self.base = project.folder_of(path) if path is not None else Path.cwd()
        self.problems = problems
        self.read: list[Path] = []
        """The files read, in order (a plan's own dependencies included)."""

    def _report(self, found: list[Problem]) -> None:
        self.problems.extend(p for p in found if p not in self.problems)

    def _target(self, reference: str) -> tuple[Path, str | None]:
        target = (self.base / reference).resolve()
        if target.is_file():
            return target, None
        where = display_path(self.base)
        return target, f"không tìm thấy tệp '{reference}' (tính từ thư mục {where})"

    def document(self, reference: str, loai: str) -> tuple[ResolvedDocument | None, str | None]:
        """Return the document of kind ``loai`` at ``reference``, loaded once per project."""
        target, missing = self._target(reference)
        if missing:
            return None, missing
        cache = self.project._related
        if target not in cache:
            try:
                cache[target] = (self.project.load_file(target), [])
            except InputError as error:
                own = [p for p in error.problems if p not in self.project.problems]
                cache[target] = (None, own)
        related, related_problems = cache[target]
        self.read += related.dependencies if related is not None else [target]
        if related is None:
            self._report(related_problems)
            return None, f"tệp '{reference}' có lỗi (xem các lỗi của tệp đó)"
        if related.kind.loai != loai:
            wanted = KINDS[loai].ten_loai
            return None, f"tệp '{reference}' là {related.kind.ten_loai}, cần {wanted}"
        return related.resolved, None

    def table(
        self, reference: str, columns: Sequence[Column], sheet: str | None
    ) -> tuple[list[TableRow] | None, str | None]:
        """Return the rows of the spreadsheet at ``reference``, read once per project."""
        target, missing = self._target(reference)
        if missing:
            return None, missing
        cache = self.project._tables
        if (target, sheet) not in cache:
            try:
                from docgen.sources.table import read_table

                rows = read_table(target, columns, sheet, display_path(target))
                cache[(target, sheet)] = (rows, [])
            except InputError as error:
                cache[(target, sheet)] = (None, list(error.problems))
        rows_found, table_problems = cache[(target, sheet)]
        self.read.append(target)
        if rows_found is None:
            self._report(table_problems)
            return None, f"tệp '{reference}' có lỗi (xem các lỗi của tệp đó)"
        return rows_found, None

    def recipients(
        self, entries: list[Recipient], field_name: str
    ) -> tuple[list[str] | None, list[Issue]]:
        """Return the lines of ``entries`` expanded through the recipients directory."""
        project = self.project
        if any(not isinstance(entry, str) for entry in entries):
            self.read += [path for path in project.paths if path.name == RECIPIENTS_FILE]
            if project._recipients.broken:  # its own problems are listed instead
                return None, []
        directory = None if project._recipients.broken else project._recipients.value
        lines, issues = resolve_recipients(entries, directory, project.recipients_name, field_name)
        return (None if issues else lines), issues

    def rates(self) -> tuple[RateTable | None, str | None]:
        """Return the nearest muc-thuong.yaml above the document, validated once."""
        from docgen.models.awards import RateTable

        if self.project._rates is None:
            folder = self.project.folder or self.base
            path = find_upwards(folder, RATES_FILE)
            found: list[Problem] = []
            table: RateTable | None = None
            if path is None:
                message = (
                    f"không tìm thấy tệp mức thưởng {RATES_FILE} trong thư mục văn bản "
                    "hay các thư mục cha"
                )
                self.project._rates = (None, [], message, None)
            else:
                loaded = _load_file(path, found)
                if loaded is not None and _mapping_or_problem(loaded, found):
                    table = _validate(validator_for(RateTable), loaded, found)
                name = display_path(path)
                message = f"tệp {name} có lỗi (xem các lỗi của tệp đó)"
                self.project._rates = (table, found, message, path)
        table, found, message, rates_path = self.project._rates
        if rates_path is not None:
            self.read.append(rates_path)
        if table is None:
            self._report(found)
            return None, message
        return table, None
