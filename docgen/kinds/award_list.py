"""The list of awardees shared by the Tờ trình that proposes awards and the Quyết định that
grants them: one spreadsheet reader, one pricing by the rate table, one printed table.

The list is read from a spreadsheet (.xlsx, .csv, or a YAML list) through the kind's
:class:`~docgen.kinds.base.Resources`, priced by the project's rate table (muc-thuong.yaml),
grouped by award form and kind of recipient with subtotals, and laid out in its own section
after the document (``attachment`` part).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from docgen.amounts import amount_in_words, format_amount
from docgen.context import BodyItem, BodyParagraph, ColumnView, RowView, TableView, plain_cell
from docgen.errors import Problem
from docgen.formatting import attachment_line, roman
from docgen.inline import Span
from docgen.kinds.base import Resources
from docgen.models.awards import SUBJECT_NAMES, AwardForm, RateTable, Subject
from docgen.models.text import Lines, Text
from docgen.resolve import Issue
from docgen.sources.table import Column, TableRow, normalize_name

STRICT = ConfigDict(extra="forbid", frozen=True)
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
"""A figure quoted in text: ``{so_ca_nhan}``, ``{tong_tien}`` (see :meth:`Awards.figures`)."""

LIST_COLUMNS = (
    Column("ten", ("Họ và tên", "Họ tên", "Tên tập thể", "Tên", "Họ và tên, tên tập thể",
                   "Tên tập thể, cá nhân", "Tập thể, cá nhân")),
    Column("chuc_vu_don_vi", ("Chức vụ, đơn vị", "Chức vụ, đơn vị công tác", "Chức vụ",
                              "Đơn vị", "Đơn vị công tác"), required=False),
    Column("hinh_thuc", ("Hình thức khen thưởng", "Hình thức", "Danh hiệu",
                         "Hình thức, danh hiệu", "Hình thức khen thưởng, danh hiệu")),
    Column("doi_tuong", ("Đối tượng", "Cá nhân/Tập thể", "Cá nhân, tập thể"), required=False),
    Column("so_tien", ("Số tiền", "Số tiền (đồng)", "Tiền thưởng", "Mức thưởng"),
           required=False),
    Column("ghi_chu", ("Ghi chú",), required=False),
)  # fmt: skip
"""The columns of an awardee list and the headers staff write for them."""

SUBJECT_WORDS = {
    "ca nhan": "ca_nhan", "cn": "ca_nhan", "tap the": "tap_the", "tt": "tap_the",
}  # fmt: skip


class AwardList(BaseModel):
    """The attached list: its title and the spreadsheet it is read from."""

    model_config = STRICT

    tieu_de: Lines
    """The title under "DANH SÁCH", one item per printed line."""
    tep: Text
    """The spreadsheet (.xlsx, .csv) or YAML list, relative to the decision."""
    trang_tinh: Text | None = None
    """The sheet of an .xlsx file (default: the first)."""
    huong: Literal["tu_dong", "doc", "ngang"] = "tu_dong"
    """Page orientation of the list: automatic (landscape when it has a Ghi chú column),
    portrait or landscape."""


@dataclass(frozen=True)
class AwardLine:
    """One awardee of the list, validated, with the prize that applies."""

    ten: str
    chuc_vu_don_vi: str
    form_key: str
    subject: Subject
    amount: int
    ghi_chu: str


@dataclass(frozen=True)
class AwardGroup:
    """The awardees of one award form and one kind of recipient, in the list's order."""

    form: AwardForm
    subject: Subject
    lines: tuple[AwardLine, ...]

    @property
    def total(self) -> int:
        """Return the sum of the group's prizes."""
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class Awards:
    """The whole list, grouped, with what the articles may quote."""

    groups: tuple[AwardGroup, ...]
    landscape: bool

    @property
    def notes(self) -> bool:
        """Return True when some awardee has a note (the list then has a Ghi chú column)."""
        return any(line.ghi_chu for group in self.groups for line in group.lines)

    @property
    def total(self) -> int:
        """Return the sum of every prize."""
        return sum(group.total for group in self.groups)

    def count(self, subject: Subject) -> int:
        """Return how many awardees are individuals (``ca_nhan``) or collectives."""
        return sum(len(g.lines) for g in self.groups if g.subject == subject)

    def figures(self) -> dict[str, str]:
        """Return the values an article may quote by placeholder."""
        return {
            "so_ca_nhan": f"{self.count('ca_nhan'):02d}",
            "so_tap_the": f"{self.count('tap_the'):02d}",
            "tong_tien": format_amount(self.total),
            "tong_tien_bang_chu": amount_in_words(self.total),
        }


def _subject(text: Any) -> Subject | None:
    return SUBJECT_WORDS.get(normalize_name(str(text))) if text not in (None, "") else None  # type: ignore[return-value]


def _form_index(rates: RateTable) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, form in rates.hinh_thuc.items():
        for name in (key, form.ten, *form.ten_khac):
            index.setdefault(normalize_name(name), key)
    return index


def read_awards(
    rows: Sequence[TableRow], rates: RateTable, orientation: str
) -> tuple[Awards | None, list[Problem]]:
    """Return the awards of the list's rows, or None with every problem (located in the
    spreadsheet: file, sheet, row, column)."""
    problems: list[Problem] = []
    forms = _form_index(rates)
    known = ", ".join(form.ten for form in rates.hinh_thuc.values())
    lines: list[AwardLine] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for row in rows:
        values, source = row.values, row.source
        name = str(values.get("ten") or "").strip()
        form_text = str(values.get("hinh_thuc") or "").strip()
        row_ok = True
        if not name:
            problems.append(source.problem(("ten",), "thiếu họ tên (hoặc tên tập thể)"))
            row_ok = False
        form_key = forms.get(normalize_name(form_text)) if form_text else None
        if not form_text:
            problems.append(source.problem(("hinh_thuc",), "thiếu hình thức khen thưởng"))
            row_ok = False
        elif form_key is None:
            message = (
                f"không có hình thức khen thưởng “{form_text}” trong bảng mức thưởng (có: {known})"
            )
            problems.append(source.problem(("hinh_thuc",), message))
            row_ok = False
        subject = _subject(values.get("doi_tuong"))
        if values.get("doi_tuong") not in (None, "") and subject is None:
            message = (
                f"đối tượng phải là “Cá nhân” hoặc “Tập thể”, nhận được {values['doi_tuong']!r}"
            )
            problems.append(source.problem(("doi_tuong",), message))
            row_ok = False
        if form_key is not None and subject is None and row_ok:
            form = rates.hinh_thuc[form_key]
            given = [s for s in ("ca_nhan", "tap_the") if getattr(form.he_so, s) is not None]
            if len(given) == 1:
                subject = given[0]  # type: ignore[assignment]
            else:
                message = "cần ghi Đối tượng (Cá nhân hoặc Tập thể): hình thức này có mức thưởng cho cả hai"
                problems.append(source.problem(("doi_tuong",), message))
                row_ok = False
        amount: int | None = None
        if form_key is not None and subject is not None:
            amount = rates.prize(rates.hinh_thuc[form_key], subject)
            if amount is None:
                message = f"“{rates.hinh_thuc[form_key].ten}” không có mức thưởng cho {SUBJECT_NAMES[subject].lower()}"
                problems.append(source.problem(("doi_tuong",), message))
                row_ok = False
        typed = values.get("so_tien")
        if typed not in (None, ""):
            if isinstance(typed, bool) or not isinstance(typed, int):
                message = f"số tiền phải là số nguyên (đồng), nhận được {typed!r}"
                problems.append(source.problem(("so_tien",), message))
                row_ok = False
            elif typed < 0:
                problems.append(
                    source.problem(("so_tien",), f"số tiền không được âm, nhận được {typed}")
                )
                row_ok = False
            elif amount is not None and typed != amount:
                message = (
                    f"số tiền {format_amount(typed)} khác mức thưởng {format_amount(amount)} đồng "
                    f"theo bảng mức thưởng (hệ số × lương cơ sở {format_amount(rates.luong_co_so)})"
                )
                problems.append(source.problem(("so_tien",), message))
                row_ok = False
        if not row_ok or form_key is None or subject is None or amount is None:
            continue
        unit = str(values.get("chuc_vu_don_vi") or "").strip()
        identity = (form_key, subject, normalize_name(name), normalize_name(unit))
        if identity in seen:
            message = f"“{name}” đã có ở dòng {seen[identity]} với cùng hình thức khen thưởng"
            problems.append(source.problem(("ten",), message))
            continue
        seen[identity] = source.line_of(()) or 0
        note = str(values.get("ghi_chu") or "").strip()
        lines.append(AwardLine(name, unit, form_key, subject, amount, note))
    if problems:
        return None, problems
    groups: list[AwardGroup] = []
    for key, form in rates.hinh_thuc.items():
        for subject in ("tap_the", "ca_nhan"):
            members = tuple(x for x in lines if x.form_key == key and x.subject == subject)
            if members:
                groups.append(AwardGroup(form, subject, members))  # type: ignore[arg-type]
    landscape = orientation == "ngang" or (
        orientation == "tu_dong" and any(line.ghi_chu for line in lines)
    )
    return Awards(tuple(groups), landscape), []


LIST_WIDTHS_CM = {
    # (landscape, with a Ghi chú column) -> TT, name, position and unit, award form, amount,
    # (note): they fill the text width of the page, 16.5 cm portrait, 25.2 cm landscape.
    (False, False): (1.1, 4.6, 5.4, 2.6, 2.8),
    (False, True): (1.0, 3.9, 4.3, 2.1, 2.4, 2.8),
    (True, False): (1.2, 6.6, 9.0, 4.4, 4.0),
    (True, True): (1.2, 5.6, 7.4, 3.0, 3.0, 5.0),
}
"""Column widths of the list in portrait (16.5 cm) and landscape (25.2 cm) pages."""


def total_sentence(total: int) -> str:
    """Return the list's closing line with the total in figures and in words."""
    return (
        f"Tổng số tiền thưởng: {format_amount(total)} đồng (Bằng chữ: {amount_in_words(total)})./."
    )


def awards_view(awards: Awards) -> TableView:
    """Return the list as a table: a row per awardee grouped by award form and kind of
    recipient, each group with its subtotal, then the grand total; rows never split."""
    widths = LIST_WIDTHS_CM[(awards.landscape, awards.notes)]
    titles = ["TT", "Họ và tên, tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng",
              "Số tiền (đồng)", "Ghi chú"][: len(widths)]  # fmt: skip
    aligns = ["giua", "trai", "trai", "trai", "giua", "trai"]
    columns = [ColumnView(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=False)]
    blanks = len(widths) - 2

    rows: list[RowView] = []
    for index, group in enumerate(awards.groups, 1):
        heading = f"{group.form.ten} - {SUBJECT_NAMES[group.subject].lower()}"
        rows.append(RowView([plain_cell(roman(index), True), plain_cell(heading, True),
                             *([] for _ in range(blanks))], group=True))  # fmt: skip
        for number, line in enumerate(group.lines, 1):
            cells = [plain_cell(str(number)), plain_cell(line.ten), plain_cell(line.chuc_vu_don_vi),
                     plain_cell(group.form.ten_ngan or group.form.ten),
                     plain_cell(format_amount(line.amount))]  # fmt: skip
            if awards.notes:
                cells.append(plain_cell(line.ghi_chu))
            rows.append(RowView(cells))
        count = f"Cộng: {len(group.lines):02d} {SUBJECT_NAMES[group.subject].lower()}"
        subtotal = [
            [],
            plain_cell(count, True),
            [],
            [],
            plain_cell(format_amount(group.total), True),
        ]
        rows.append(RowView(subtotal + ([[]] if awards.notes else [])))
    total = [
        [],
        plain_cell("Tổng cộng", True),
        [],
        [],
        plain_cell(format_amount(awards.total), True),
    ]
    rows.append(RowView(total + ([[]] if awards.notes else [])))
    return TableView(columns, rows, numbered=True, rows_whole=True, span_groups=True)


def read_list(
    danh_sach: AwardList, resources: Resources
) -> tuple[Awards | None, list[Issue], list[Problem]]:
    """Return the awards of ``danh_sach`` read and priced through ``resources``.

    Returns ``(awards, issues, problems)``: awards is None when the list or the rate table
    could not be read or a row is wrong; issues are located in the document (field
    ``danh_sach``), problems in the spreadsheet (file, sheet, row, column).
    """
    issues: list[Issue] = []
    rates, message = resources.rates()
    if rates is None:
        issues.append((("danh_sach",), message or "không đọc được bảng mức thưởng"))
    rows, message = resources.table(danh_sach.tep, LIST_COLUMNS, danh_sach.trang_tinh)
    if rows is None:
        issues.append((("danh_sach", "tep"), message or "không đọc được danh sách"))
    if rows is None or rates is None:
        return None, issues, []
    awards, problems = read_awards(rows, rates, danh_sach.huong)
    return awards, issues, problems


def list_context(
    danh_sach: AwardList,
    awards: Awards,
    type_name: str,
    number: int | None,
    symbol: str,
    day: datetime.date | None,
    year: int,
    issuer: str,
) -> dict[str, Any]:
    """Return the context of the attached list (the ``danh_sach`` of the ``attachment``
    part): its title, the "(Kèm theo <type_name> số ...)" line, the table and the total."""
    return {
        "tieu_de": list(danh_sach.tieu_de),
        "kem_theo": attachment_line(type_name, number, symbol, day, year, issuer),
        "bang": awards_view(awards),
        "tong": (Span(total_sentence(awards.total)),),
        "ngang": awards.landscape,
    }


def fill_figures(item: BodyItem, figures: dict[str, str]) -> BodyItem:
    """Return ``item`` with the figures' placeholders filled in its text."""
    if not isinstance(item, BodyParagraph):
        return item

    def fill(text: str) -> str:
        return PLACEHOLDER.sub(lambda match: figures.get(match[1], match[0]), text)

    runs = tuple(Span(fill(span.text), span.bold, span.italic) for span in item.runs)
    return BodyParagraph(item.kind, runs)
