"""Tờ trình (Phụ lục III, Mẫu 1.4) proposing awards, with the list of proposed awardees.

Addressed with Kính gửi (Nơi nhận starts "- Như trên;"). The attached list is the decision's
list (:mod:`docgen.kinds.award_list`): the same spreadsheet reader, prices from the rate
table, the same table; the text may quote ``{so_ca_nhan}``, ``{so_tap_the}``,
``{tong_tien}`` and ``{tong_tien_bang_chu}``. ``docgen new quyet_dinh --tu-to-trinh`` turns
an approved tờ trình into the decision's data, pointing at the same spreadsheet.
"""

from __future__ import annotations

from typing import Any, Literal

from docgen.context import BodyItem
from docgen.formatting import ky_hieu
from docgen.inline import Rich, Span
from docgen.kinds.award_list import (
    PLACEHOLDER,
    AwardList,
    Awards,
    fill_figures,
    list_context,
    read_list,
)
from docgen.kinds.base import MAU_1_4, Extras, Kind, Resources
from docgen.models.documents import DocumentBase, TextDocument
from docgen.resolve import Issue, ResolvedDocument


class ToTrinhDocument(TextDocument):
    """A Tờ trình as written in YAML."""

    loai: Literal["to_trinh"]
    danh_sach: AwardList
    """The proposed awardees, read like a decision's list."""


def figure_issues(document: ToTrinhDocument, awards: Awards) -> list[Issue]:
    """Return an issue for every ``{name}`` in the text that names no figure of the list."""
    known = awards.figures()
    names = ", ".join("{" + key + "}" for key in known)
    issues: list[Issue] = []
    for field in ("mo_dau", "noi_dung", "ket_thuc"):
        text = document.model_dump_json(include={field})
        for name in dict.fromkeys(PLACEHOLDER.findall(text)):
            if name not in known:
                issues.append(((field,), f"không có số liệu {{{name}}} (có: {names})"))
    return issues


def _fill_rich(rich: Rich, figures: dict[str, str]) -> Rich:
    return tuple(
        Span(PLACEHOLDER.sub(lambda m: figures.get(m[1], m[0]), s.text), s.bold, s.italic)
        for s in rich
    )


class ToTrinh(Kind):
    """Tờ trình: the Mẫu 1.4 frame with Kính gửi, and the proposed awardees attached."""

    loai = "to_trinh"
    ten_loai = "tờ trình"
    code = "TTr"
    model = ToTrinhDocument
    template = "totrinh.docx"
    parts = (*MAU_1_4[:2], "kinh_gui", *MAU_1_4[2:], "attachment")
    starter = """\
# Tờ trình đề nghị khen thưởng (Mẫu 1.4, Nghị định 30/2020/NĐ-CP), ký hiệu TTr: Số: 07/TTr-PNV.
# Danh sách đề nghị lấy từ bảng tính, giống danh sách kèm quyết định khen thưởng; khi tờ trình
# được duyệt: docgen new quyet_dinh TÊN.yaml --tu-to-trinh TỆP-NÀY.yaml
# Thay mỗi “...” bằng nội dung; docgen báo “cần điền” ở chỗ nào còn “...”.
loai: to_trinh
co_quan: ...                   # khóa hồ sơ trong co-quan.yaml (ví dụ Phòng Nội vụ)
so:                            # số văn bản (để trống khi là dự thảo)
ngay:                          # ngày ký, dạng 08/01/2025 (để trống khi là dự thảo)
nam: {nam}
trich_yeu: ...                 # ví dụ: Đề nghị khen thưởng các tập thể, cá nhân ... năm 2024
kinh_gui:                      # ví dụ: Chủ tịch Ủy ban nhân dân huyện
  - ...
can_cu: []                     # các dòng “Căn cứ ...” (in nghiêng), nếu có
mo_dau: []
noi_dung:                      # có thể ghi {so_tap_the}, {so_ca_nhan}, {tong_tien}, {tong_tien_bang_chu}
  - ...
ket_thuc: ...                  # ví dụ: ... kính trình Chủ tịch Ủy ban nhân dân huyện xem xét, quyết định
danh_sach:
  tieu_de:                     # dòng tiêu đề dưới chữ DANH SÁCH
    - ...
  tep: ...                     # bảng tính .xlsx/.csv; cột: Họ và tên, Chức vụ, đơn vị, Hình thức khen thưởng, Đối tượng
nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan
noi_nhan: []                   # “- Như trên;” được thêm tự động
luu: VT
"""

    def resolve_extras(
        self, document: DocumentBase, resolved: ResolvedDocument | None, resources: Resources
    ) -> Extras:
        """Return the proposed awards (``awards``) read from the list; a tờ trình without
        Kính gửi, or a figure the text quotes that the list has not, is an issue."""
        extras = super().resolve_extras(document, resolved, resources)
        if not isinstance(document, ToTrinhDocument):
            raise TypeError(f"a tờ trình's model is ToTrinhDocument, got {type(document).__name__}")
        issues = list(extras.issues)
        if not document.kinh_gui:
            issues.append((("kinh_gui",), "tờ trình cần “Kính gửi”: cấp có thẩm quyền quyết định"))
        awards, found, problems = read_list(document.danh_sach, resources)
        issues += found
        values: dict[str, Any] = {}
        if awards is not None:
            values["awards"] = awards
            issues += figure_issues(document, awards)
        return Extras(values, issues, problems)

    def context(self, resolved: ResolvedDocument) -> dict[str, Any]:
        """Return the frame, the body with the list's figures filled in, and the list."""
        context = super().context(resolved)
        document = resolved.document
        if not isinstance(document, ToTrinhDocument):
            raise TypeError(f"a tờ trình's model is ToTrinhDocument, got {type(document).__name__}")
        awards: Awards = resolved.extras["awards"]
        figures = awards.figures()
        body: list[BodyItem] = context["noi_dung"]
        context["noi_dung"] = [fill_figures(item, figures) for item in body]
        context["mo_dau"] = [_fill_rich(rich, figures) for rich in context["mo_dau"]]
        context["ket_thuc"] = _fill_rich(context["ket_thuc"], figures)
        agency = resolved.agency
        issuer = agency.ten_day_du or " ".join(agency.ten)
        context["danh_sach"] = list_context(
            document.danh_sach,
            awards,
            self.ten_loai.capitalize(),
            document.so,
            ky_hieu(self.code, agency.viet_tat),
            document.ngay,
            document.year,
            issuer,
        )
        return context
