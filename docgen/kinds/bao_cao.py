"""Báo cáo (Phụ lục III, Mẫu 1.4): sơ kết and tổng kết reports, addressed with Kính gửi.

A report names its plan (``ke_hoach``); the plan's tasks due in the report's period are
carried into the report by their numbers, each with its result, so nothing is retyped and
no task is forgotten.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from docgen.context import NUMBER_COLUMN_CM
from docgen.kinds.base import MAU_1_4, Extras, Kind, Resources
from docgen.kinds.plan_tasks import PlanTable, find_task_table, plan_table
from docgen.models.blocks import MIN_COLUMN_CM, TaskResultsBlock, cm, iter_blocks
from docgen.models.documents import MAX_YEAR, MIN_YEAR, DocumentBase, TextDocument
from docgen.models.numbers import Int
from docgen.models.text import Text
from docgen.resolve import FieldPath, Issue, ResolvedDocument
from docgen.rules.n30 import PAGE

PERIOD_QUARTERS: dict[str, frozenset[int]] = {
    "quy": frozenset(),  # the quarter given in ``quy``
    "6_thang_dau_nam": frozenset({1, 2}),
    "6_thang_cuoi_nam": frozenset({3, 4}),
    "9_thang": frozenset({1, 2, 3}),
    "nam": frozenset({1, 2, 3, 4}),
    "nam_hoc": frozenset({1, 2, 3, 4}),
}
"""The quarters each kind of period covers."""

PERIOD_NAMES = {
    "quy": "quý {quy} năm {nam}",
    "6_thang_dau_nam": "6 tháng đầu năm {nam}",
    "6_thang_cuoi_nam": "6 tháng cuối năm {nam}",
    "9_thang": "9 tháng năm {nam}",
    "nam": "năm {nam}",
    "nam_hoc": "năm học {truoc} - {nam}",
}

QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Period(BaseModel):
    """The period a report covers: ``{loai: 6_thang_dau_nam, nam: 2024}``.

    For ``nam_hoc`` the year is the one the school year ends in (2023 - 2024 -> 2024).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    loai: Literal["quy", "6_thang_dau_nam", "6_thang_cuoi_nam", "9_thang", "nam", "nam_hoc"]
    nam: Int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    quy: Int | None = Field(default=None, ge=1, le=4)

    @model_validator(mode="after")
    def _quarter_when_needed(self) -> Period:
        if (self.loai == "quy") != (self.quy is not None):
            raise ValueError(
                "kỳ 'quy' cần trường 'quy' (1 đến 4)"
                if self.loai == "quy"
                else "trường 'quy' chỉ dùng khi loai là 'quy'"
            )
        return self

    @property
    def quarters(self) -> frozenset[int]:
        """Return the quarters (1–4) the period covers."""
        return frozenset({self.quy}) if self.quy is not None else PERIOD_QUARTERS[self.loai]

    @property
    def name(self) -> str:
        """Return the period as written in a report: "6 tháng đầu năm 2024"."""
        quarter = QUARTER_NAMES.get(self.quy or 0, "")
        return PERIOD_NAMES[self.loai].format(quy=quarter, nam=self.nam, truoc=self.nam - 1)


class BaoCaoDocument(TextDocument):
    """A Báo cáo as written in YAML."""

    loai: Literal["bao_cao"]
    ky: Period | Annotated[Text, Field(max_length=200)]
    """The period reported on; free text (e.g. "đợt 1 năm 2024") covers every task."""
    ke_hoach: Text | None = None
    """The plan's YAML file, relative to the report; its tasks due in the period must be
    answered in a ``nhiem_vu`` block."""


class BaoCao(Kind):
    """Báo cáo: the Mẫu 1.4 frame with a Kính gửi block, and results against its plan."""

    loai = "bao_cao"
    ten_loai = "báo cáo"
    code = "BC"
    model = BaoCaoDocument
    template = "baocao.docx"
    parts = (*MAU_1_4[:2], "kinh_gui", *MAU_1_4[2:])
    starter = """\
# Báo cáo (Mẫu 1.4, Nghị định 30/2020/NĐ-CP), ký hiệu BC: Số: 12/BC-UBND.
# Báo cáo theo kế hoạch: ghi ke_hoach và khối nhiem_vu (xem docs/bao-cao.md).
# Thay mỗi “...” bằng nội dung; docgen báo “cần điền” ở chỗ nào còn “...”.
loai: bao_cao
co_quan: ...                   # khóa hồ sơ trong co-quan.yaml
so:                            # số văn bản (để trống khi là dự thảo)
ngay:                          # ngày ký, dạng 20/06/2024 (để trống khi là dự thảo)
nam: {nam}
ky: {loai: nam, nam: {nam}}    # kỳ báo cáo: quy, 6_thang_dau_nam, 6_thang_cuoi_nam, 9_thang, nam, nam_hoc
# ke_hoach: kehoach.yaml       # kế hoạch được báo cáo (khi có, thêm khối nhiem_vu vào noi_dung)
trich_yeu: ...                 # ví dụ: Tổng kết công tác thi đua, khen thưởng năm 2024
kinh_gui:                      # cơ quan cấp trên nhận báo cáo (có thể bỏ trống: [])
  - ...
mo_dau:
  - ...
noi_dung:
  - muc: Kết quả đạt được
    noi_dung:
      - ...
  - muc: Tồn tại, hạn chế
    noi_dung:
      - ...
  - muc: Phương hướng, nhiệm vụ
    noi_dung:
      - ...
ket_thuc: ...                  # câu kết, docgen thêm “./.”
nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan
noi_nhan: []                   # có Kính gửi thì “- Như trên;” được thêm tự động
luu: VT
"""

    def resolve_extras(
        self, document: DocumentBase, resolved: ResolvedDocument | None, resources: Resources
    ) -> Extras:
        """Return the plan's task table (``plan``) and check every result against it."""
        extras = super().resolve_extras(document, resolved, resources)
        if not isinstance(document, BaoCaoDocument):
            raise TypeError(f"a report's model is BaoCaoDocument, got {type(document).__name__}")
        blocks = [
            (path, block)
            for path, block in iter_blocks(document.noi_dung, ("noi_dung",))
            if isinstance(block, TaskResultsBlock)
        ]
        issues = list(extras.issues)
        if document.ke_hoach is None:
            issues += [
                ((*path, "nhiem_vu"), "khối nhiem_vu cần trường 'ke_hoach' của báo cáo")
                for path, _ in blocks
            ]
            return Extras({}, issues)
        plan_document, error = resources.document(document.ke_hoach, "ke_hoach")
        if plan_document is None:
            issues.append((("ke_hoach",), error or "không đọc được kế hoạch"))
            return Extras({}, issues)
        plan = plan_document.document
        spec = find_task_table(plan.noi_dung) if isinstance(plan, TextDocument) else None
        if spec is None:
            issues.append((("ke_hoach",), "kế hoạch không có bảng nhiệm vụ"))
            return Extras({}, issues)
        table = plan_table(spec)
        if not blocks:
            message = "báo cáo có 'ke_hoach' nhưng chưa có khối nhiem_vu ghi kết quả các nhiệm vụ"
            issues.append((("ke_hoach",), message))
            return Extras({"plan": table}, issues)
        issues += check_results(table, blocks, document.ky)
        issues += check_widths(table, blocks)
        return Extras({"plan": table}, issues)


def check_widths(table: PlanTable, blocks: list[tuple[FieldPath, TaskResultsBlock]]) -> list[Issue]:
    """Return an issue for each ``nhiem_vu`` block whose result column leaves the plan's
    text columns (which shrink to share what is left) less than :data:`MIN_COLUMN_CM` each:
    they would get tiny, zero or negative widths."""
    issues: list[Issue] = []
    number = table.numbered.rong or NUMBER_COLUMN_CM if table.numbered else 0.0
    needed = MIN_COLUMN_CM * len(table.columns)
    for path, block in blocks:
        width = block.nhiem_vu.rong
        if PAGE.text_width.cm - width - number < needed - 1e-6:
            message = (
                f"cột kết quả rộng {cm(width)} cm, các cột của kế hoạch còn lại không đủ chỗ"
                f" (cần ít nhất {cm(number + needed)} cm trong bề rộng trang"
                f" {cm(PAGE.text_width.cm)} cm); hãy giảm 'rong'"
            )
            issues.append(((*path, "nhiem_vu", "rong"), message))
    return issues


def due_refs(table: PlanTable, period: Period | str, groups: list[str] | None) -> list[str]:
    """Return the numbers of the plan's tasks due in ``period``, in the plan's order.

    Explicit ``groups`` (titles as in the plan) win; otherwise groups naming a quarter are
    due when the period covers it, and every task is due when the period cannot tell.
    """
    if groups is not None:
        wanted = {title.casefold() for title in groups}
        due = {g.ref for g in table.groups if g.title.casefold() in wanted}
        return [task.ref for task in table.tasks if task.group in due]
    if isinstance(period, str) or not any(g.quarter for g in table.groups):
        return [task.ref for task in table.tasks]
    due = {g.ref for g in table.groups if g.quarter in period.quarters}
    return [task.ref for task in table.tasks if task.group in due]


def check_results(
    table: PlanTable,
    blocks: list[tuple[FieldPath, TaskResultsBlock]],
    period: Period | str,
) -> list[Issue]:
    """Return the issues of the report's results against its plan's tasks.

    A result for no task, for a task outside the period, or twice for one task is an
    issue; so is a task due in the period that no block answers.
    """
    issues: list[Issue] = []
    answered: set[str] = set()
    period_name = period if isinstance(period, str) else period.name
    first_path: FieldPath = (*blocks[0][0], "nhiem_vu", "ket_qua")
    for path, block in blocks:
        spec = block.nhiem_vu
        if spec.nhom is not None:
            known = {g.title.casefold() for g in table.groups}
            for index, title in enumerate(spec.nhom):
                if title.casefold() not in known:
                    names = ", ".join(g.title for g in table.groups) or "(không có nhóm)"
                    message = f"kế hoạch không có nhóm '{title}' (có: {names})"
                    issues.append(((*path, "nhiem_vu", "nhom", index), message))
        due = due_refs(table, period, spec.nhom)
        for ref in spec.ket_qua:
            where: FieldPath = (*path, "nhiem_vu", "ket_qua", ref)
            if table.task(ref) is None:
                message = f"kế hoạch không có nhiệm vụ {ref} (có: {table.describe_refs()})"
                issues.append((where, message))
            elif ref in answered:
                issues.append((where, f"nhiệm vụ {ref} đã có kết quả ở khối nhiem_vu trước"))
            elif ref not in due:
                issues.append((where, f"nhiệm vụ {ref} không thuộc kỳ báo cáo ({period_name})"))
            answered.add(ref)
    groups = blocks[0][1].nhiem_vu.nhom
    for ref in due_refs(table, period, groups):
        if ref not in answered:
            task = table.task(ref)
            summary = f" ({task.summary})" if task else ""
            issues.append((first_path, f"thiếu kết quả nhiệm vụ {ref} của kế hoạch{summary}"))
    return issues
