"""Quyết định khen thưởng (Phụ lục III, Mẫu 1.2) with its attached list of awardees.

The authority (the head's power or the collective's) decides the authority line under the
title and the signature block: both are computed from data, and a signature the law does not
allow for that authority is an error. The list comes from a spreadsheet; prizes come from the
project's rate table (muc-thuong.yaml); counts and totals are computed and may be quoted in
the articles as ``{so_ca_nhan}``, ``{so_tap_the}``, ``{tong_tien}``, ``{tong_tien_bang_chu}``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from docgen.amounts import amount_in_words, format_amount
from docgen.context import (
    BodyItem,
    BodyParagraph,
    ColumnView,
    RowView,
    TableView,
    closing_sentence,
    flatten_blocks,
    frame_context,
    plain_cell,
)
from docgen.errors import Problem
from docgen.formatting import (
    attachment_line,
    ky_hieu,
    legal_bases,
    noi_nhan_lines,
    roman,
    upper_vi,
)
from docgen.inline import Span, parse_inline
from docgen.kinds.base import Extras, Kind, Resources
from docgen.models.agency import Agency, Signer, SignerPatch
from docgen.models.awards import SUBJECT_NAMES, AwardForm, RateTable, Subject
from docgen.models.blocks import Block
from docgen.models.documents import DocumentBase
from docgen.models.text import Lines, Text
from docgen.resolve import FieldPath, Issue, ResolvedDocument
from docgen.sources.table import Column, TableRow, normalize_name

STRICT = ConfigDict(extra="forbid", frozen=True)
Authority = Literal["thu_truong", "tap_the"]
"""Whose power the decision is issued in: the head's (Chủ tịch) or the collective's (UBND)."""

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
AS_ARTICLE = re.compile(r"^Như Điều \d+$", re.IGNORECASE)
"""A "Như Điều N" the user wrote in Nơi nhận: docgen writes the right one first."""
COLLECTIVE_ONLY = ("TM.",)
HEAD_ONLY = ("TL.", "TUQ.")
"""Signing marks (Điều 13 N30): TM. signs for a collective; TL. and TUQ. only for a head."""

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


class Article(BaseModel):
    """An article with content below it: ``{dieu: "...", noi_dung: [...]}``."""

    model_config = STRICT

    dieu: Text
    noi_dung: list[Block] = Field(default_factory=list)


def _article_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "dieu:text"
    return "dieu:full" if isinstance(value, dict | Article) else None


ArticleEntry = Annotated[
    Annotated[Text, Tag("dieu:text")] | Annotated[Article, Tag("dieu:full")],
    Discriminator(
        _article_kind,
        custom_error_type="article",
        custom_error_message="mỗi điều là một chuỗi, hoặc {dieu: ..., noi_dung: [...]}",
    ),
]


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


class QuyetDinhDocument(DocumentBase):
    """A Quyết định khen thưởng as written in YAML."""

    loai: Literal["quyet_dinh"]
    tham_quyen: Authority
    de_nghi: Text | None = None
    """"Theo đề nghị của ..." or "Xét đề nghị của ...", after the căn cứ lines."""
    dieu: list[ArticleEntry] = Field(min_length=1)
    danh_sach: AwardList

    def body_blocks(self) -> list[tuple[FieldPath, list[Block]]]:
        """Return the blocks below each article, with their paths."""
        return [
            (("dieu", index, "noi_dung"), entry.noi_dung)
            for index, entry in enumerate(self.dieu)
            if isinstance(entry, Article)
        ]


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


class QuyetDinh(Kind):
    """Quyết định: authority line, căn cứ, "QUYẾT ĐỊNH:", articles, and the attached list."""

    loai = "quyet_dinh"
    ten_loai = "quyết định"
    code = "QĐ"
    model = QuyetDinhDocument
    template = "quyetdinh.docx"
    parts = ("header", "title", "authority", "can_cu", "quyet_dinh_lenh", "body", "closing",
             "attachment")  # fmt: skip

    def resolve_extras(
        self, document: DocumentBase, resolved: ResolvedDocument | None, resources: Resources
    ) -> Extras:
        """Return the awards read from the list; check the authority and signature."""
        extras = super().resolve_extras(document, resolved, resources)
        if not isinstance(document, QuyetDinhDocument):
            raise TypeError(
                f"a decision's model is QuyetDinhDocument, got {type(document).__name__}"
            )
        issues = list(extras.issues)
        if resolved is not None:
            issues += authority_issues(document, resolved)
        values: dict[str, Any] = {}
        rates, message = resources.rates()
        if rates is None:
            issues.append((("danh_sach",), message or "không đọc được bảng mức thưởng"))
        rows, message = resources.table(
            document.danh_sach.tep, LIST_COLUMNS, document.danh_sach.trang_tinh
        )
        if rows is None:
            issues.append((("danh_sach", "tep"), message or "không đọc được danh sách"))
        problems: list[Problem] = []
        if rows is not None and rates is not None:
            awards, problems = read_awards(rows, rates, document.danh_sach.huong)
            if awards is not None:
                values["awards"] = awards
                issues += check_placeholders(document, awards)
        return Extras(values, issues, problems)

    def context(self, resolved: ResolvedDocument) -> dict[str, Any]:
        """Return the decision's context (see :func:`decision_context`)."""
        return decision_context(self, resolved)


def signature_lines(
    authority: Authority, agency: Agency, signer: Signer, explicit: bool
) -> tuple[list[str] | None, str | None]:
    """Return the decision's signature lines (before upper-casing) for ``authority``.

    The profile's signer serves collective documents too, so its "TM." line is dropped for
    the head's power and added for the collective's. Lines the document writes itself
    (``explicit``) must already agree with the authority: a mismatch is the error returned.
    """
    lines = [*signer.tham_quyen, *signer.chuc_vu]
    marks = [line for line in lines if line.upper().startswith(COLLECTIVE_ONLY)]
    core = [line for line in lines if line not in marks]
    if authority == "thu_truong":
        if marks and explicit:
            return None, (
                f"quyết định thuộc thẩm quyền {agency.thu_truong or 'người đứng đầu'} (cá nhân) "
                f"không ký “{marks[0]}”: “TM.” chỉ dùng khi ký thay mặt tập thể (Điều 13 Nghị định "
                "30/2020/NĐ-CP); bỏ dòng này khỏi nguoi_ky.tham_quyen, hoặc ghi tham_quyen: tap_the "
                "cho quyết định"
            )
        return core, None
    if core and core[0].upper().startswith(HEAD_ONLY):
        return None, (
            f"“{core[0]}” không dùng được khi ký thay mặt tập thể: TL., TUQ. chỉ dùng cho "
            "thẩm quyền của người đứng đầu (Điều 13 Nghị định 30/2020/NĐ-CP)"
        )
    if agency.tap_the is None:
        return None, "hồ sơ cơ quan cần 'tap_the' (ví dụ: Ủy ban nhân dân) để ký “TM. ...”"
    if explicit and not marks:
        return None, (
            f"quyết định thuộc thẩm quyền tập thể phải ký “TM. {agency.tap_the.upper()}” "
            "(Điều 13 Nghị định 30/2020/NĐ-CP)"
        )
    return [f"TM. {agency.tap_the}", *core], None


def explicit_signer(document: DocumentBase) -> bool:
    """Return True when the document itself writes the signer's authority lines."""
    ref = document.nguoi_ky
    if isinstance(ref, Signer):
        return True
    return isinstance(ref, SignerPatch) and ref.tham_quyen is not None


def authority_issues(document: QuyetDinhDocument, resolved: ResolvedDocument) -> list[Issue]:
    """Return the issues of the authority line and signature for ``resolved``."""
    issues: list[Issue] = []
    agency = resolved.agency
    if document.tham_quyen == "thu_truong" and agency.thu_truong is None:
        message = "hồ sơ cơ quan cần 'thu_truong' (ví dụ: Chủ tịch) cho thẩm quyền người đứng đầu"
        issues.append((("tham_quyen",), message))
    if agency.ten_day_du is None:
        message = "hồ sơ cơ quan cần 'ten_day_du' (ví dụ: Ủy ban nhân dân huyện Đắk Hà)"
        issues.append((("co_quan",), message))
    _, error = signature_lines(
        document.tham_quyen, agency, resolved.signer, explicit_signer(document)
    )
    if error:
        issues.append((("nguoi_ky",), error))
    return issues


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


def check_placeholders(document: QuyetDinhDocument, awards: Awards) -> list[Issue]:
    """Return an issue for every ``{name}`` in the articles that names no figure."""
    known = awards.figures()
    issues: list[Issue] = []
    for index, entry in enumerate(document.dieu):
        # The article's own line and every text below it may quote figures.
        text = entry if isinstance(entry, str) else entry.model_dump_json()
        for name in dict.fromkeys(PLACEHOLDER.findall(text)):
            if name not in known:
                where: FieldPath = (
                    ("dieu", index) if isinstance(entry, str) else ("dieu", index, "dieu")
                )
                message = (
                    f"không có số liệu {{{name}}} (có: {', '.join('{' + k + '}' for k in known)})"
                )
                issues.append((where, message))
    return issues


LIST_WIDTHS_CM = {
    # (landscape, with a Ghi chú column) -> TT, name, position and unit, award form, amount,
    # (note): they fill the text width of the page, 16.5 cm portrait, 25.2 cm landscape.
    (False, False): (1.1, 4.6, 5.4, 2.6, 2.8),
    (False, True): (1.0, 3.9, 4.3, 2.1, 2.4, 2.8),
    (True, False): (1.2, 6.6, 9.0, 4.4, 4.0),
    (True, True): (1.2, 5.6, 7.4, 3.0, 3.0, 5.0),
}
"""Column widths of the list in portrait (16.5 cm) and landscape (25.2 cm) pages."""


def decision_context(kind: Kind, resolved: ResolvedDocument) -> dict[str, Any]:
    """Return the template context of a decision: the frame, the authority line, the
    punctuated căn cứ, the articles, "- Như Điều N;" and the attached list."""
    document = resolved.document
    if not isinstance(document, QuyetDinhDocument):
        raise TypeError(f"a decision's model is QuyetDinhDocument, got {type(document).__name__}")
    agency = resolved.agency
    awards: Awards = resolved.extras["awards"]
    lines, error = signature_lines(
        document.tham_quyen, agency, resolved.signer, explicit_signer(document)
    )
    if lines is None:  # resolution reports it; a resolved decision always has lines
        raise ValueError(error)
    name = " ".join(agency.ten)
    head = agency.thu_truong or ""
    authority = f"{head} {name}" if document.tham_quyen == "thu_truong" else name
    issuer = agency.ten_day_du or name
    if document.tham_quyen == "thu_truong":
        issuer = f"{head} {issuer}"
    articles = article_items(document, awards)
    symbol = ky_hieu(kind.code, agency.viet_tat)
    context = frame_context(resolved, kind.ten_loai, kind.code)
    context.update(
        {
            "tham_quyen_ban_hanh": upper_vi(authority),
            "can_cu": [
                parse_inline(line) for line in legal_bases(document.can_cu, document.de_nghi)
            ],
            "noi_dung": articles,
            "noi_nhan": noi_nhan_lines(
                [
                    f"Như Điều {len(document.dieu)}",
                    *(r for r in resolved.recipients if not AS_ARTICLE.match(r.strip(" -;."))),
                ],
                resolved.luu,
            ),
            "chu_ky": {
                "dong": [upper_vi(line) for line in lines],
                "ho_ten": resolved.signer.ho_ten,
            },
            "danh_sach": {
                "tieu_de": list(document.danh_sach.tieu_de),
                "kem_theo": attachment_line(
                    kind.ten_loai.capitalize(),
                    document.so,
                    symbol,
                    document.ngay,
                    document.year,
                    issuer,
                ),
                "bang": awards_view(awards),
                "tong": (Span(total_sentence(awards.total)),),
                "ngang": awards.landscape,
            },
        }
    )
    return context


def total_sentence(total: int) -> str:
    """Return the list's closing line with the total in figures and in words."""
    return (
        f"Tổng số tiền thưởng: {format_amount(total)} đồng (Bằng chữ: {amount_in_words(total)})./."
    )


def article_items(document: QuyetDinhDocument, awards: Awards) -> list[BodyItem]:
    """Return the articles as body paragraphs: "Điều N." bold, the text upright, figures
    quoted by placeholder filled in; the last paragraph ends "./."."""
    figures = awards.figures()
    items: list[BodyItem] = []
    for number, entry in enumerate(document.dieu, 1):
        text = entry if isinstance(entry, str) else entry.dieu
        text = PLACEHOLDER.sub(lambda match: figures.get(match[1], match[0]), text)
        items.append(BodyParagraph("doan", (Span(f"Điều {number}.", bold=True), Span(" "),
                                            *parse_inline(text))))  # fmt: skip
        if isinstance(entry, Article):
            items += [fill_figures(item, figures) for item in flatten_blocks(entry.noi_dung)]
    last = items[-1]
    if isinstance(last, BodyParagraph) and last.runs:
        *head, tail = last.runs
        closed = Span(closing_sentence(tail.text), tail.bold, tail.italic)
        items[-1] = BodyParagraph(last.kind, (*head, closed))
    return items


def fill_figures(item: BodyItem, figures: dict[str, str]) -> BodyItem:
    """Return ``item`` with the figures' placeholders filled in its text."""
    if not isinstance(item, BodyParagraph):
        return item

    def fill(text: str) -> str:
        return PLACEHOLDER.sub(lambda match: figures.get(match[1], match[0]), text)

    runs = tuple(Span(fill(span.text), span.bold, span.italic) for span in item.runs)
    return BodyParagraph(item.kind, runs)


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
