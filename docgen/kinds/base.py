"""What a document kind is: one unit declaring its name, code, model, template and context.

A kind knows nothing of Word. Its template is built by :mod:`docgen.render.builder` from the
kind's ``parts`` (the N30 frame's components, in order), and rendered with the context the
kind returns from :meth:`Kind.context`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from docgen.context import body_context, frame_context
from docgen.errors import Problem
from docgen.models.documents import DocumentBase
from docgen.resolve import FieldPath, Issue, ResolvedDocument

MAU_1_4 = ("header", "title", "can_cu", "mo_dau", "body", "ket_thuc", "closing")
"""The parts of Mẫu 1.4 (văn bản có tên loại), in the order the template lays them out."""

if TYPE_CHECKING:
    from docgen.models.awards import RateTable
    from docgen.models.recipients import Recipient
    from docgen.sources.table import Column, TableRow


class Resources(Protocol):
    """What a kind may read beyond its own data, each relative to the document's folder.

    Every method returns ``(value, None)``, or ``(None, message)`` saying why the value is
    missing; problems inside the file read (located in that file) are reported by the
    project itself, so the message only has to point at it.
    """

    def document(self, reference: str, loai: str) -> tuple[ResolvedDocument | None, str | None]:
        """Return the document of kind ``loai`` at ``reference`` (a report's plan)."""
        ...

    def table(
        self, reference: str, columns: Sequence[Column], sheet: str | None
    ) -> tuple[list[TableRow] | None, str | None]:
        """Return the rows of the spreadsheet (.xlsx, .csv, .yaml) at ``reference``."""
        ...

    def rates(self) -> tuple[RateTable | None, str | None]:
        """Return the project's award forms and prize rates (muc-thuong.yaml)."""
        ...

    def recipients(
        self, entries: list[Recipient], field_name: str
    ) -> tuple[list[str] | None, list[Issue]]:
        """Return the lines of ``entries`` (text, ``{ma: ...}`` or ``{nhom: ...}``) expanded
        through the recipients directory (noi-nhan.yaml), or None with the issues, located
        under ``field_name`` (a giấy mời's thành phần)."""
        ...


@dataclass(frozen=True)
class Extras:
    """What a kind resolves beyond the common frame (for a report: its plan's tasks)."""

    values: Mapping[str, Any]
    issues: list[Issue]
    """Problems of the document itself, located by field path."""
    problems: list[Problem] = field(default_factory=list)
    """Problems located in other files the kind read (a spreadsheet's rows)."""


class Kind:
    """A document kind. Subclasses set the class attributes and may extend the hooks."""

    loai: ClassVar[str]
    """The value of the ``loai`` field, e.g. "bao_cao"."""
    ten_loai: ClassVar[str]
    """The tên loại in sentence case, e.g. "báo cáo" (printed upper case)."""
    code: ClassVar[str]
    """The kind's code in the ký hiệu (Phụ lục III), e.g. "BC" in "Số: 12/BC-UBND"."""
    model: ClassVar[type[DocumentBase]]
    template: ClassVar[str]
    """The template's file name inside the templates folder."""
    parts: ClassVar[tuple[str, ...]] = MAU_1_4
    """The components of the layout, in order; see :data:`MAU_1_4`."""
    starter: ClassVar[str]
    """The commented YAML ``docgen new`` writes for this kind; values to fill are "...",
    and the lines ``co_quan: ...`` and ``nguoi_ky: ...`` are filled from the project's
    profiles when there are any (see :mod:`docgen.starter`)."""

    @property
    def accepts_kinh_gui(self) -> bool:
        """Return True when the layout has a Kính gửi block (ô 9a)."""
        return "kinh_gui" in self.parts

    def resolve_extras(
        self, document: DocumentBase, resolved: ResolvedDocument | None, resources: Resources
    ) -> Extras:
        """Return what this kind needs beyond the common frame, with the issues found.

        ``resolved`` is the document with its references resolved (None when they could not
        be); ``resources`` reads what the data refers to (a report's plan, a decision's list).
        """
        issues: list[Issue] = []
        if document.kinh_gui and not self.accepts_kinh_gui:
            where: FieldPath = ("kinh_gui",)
            issues.append((where, f"{self.ten_loai} không có phần “Kính gửi”"))
        if document.can_cu and "can_cu" not in self.parts:
            message = f"{self.ten_loai} không có phần căn cứ: đưa câu “Căn cứ ...” vào mo_dau"
            issues.append((("can_cu",), message))
        return Extras({}, issues)

    def context(self, resolved: ResolvedDocument) -> dict[str, Any]:
        """Return the template context of ``resolved``: the common frame and the body."""
        return {**frame_context(resolved, self.ten_loai, self.code), **body_context(resolved)}
