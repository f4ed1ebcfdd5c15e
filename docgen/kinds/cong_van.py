"""Công văn (Phụ lục III, Mẫu 1.5): no tên loại, the "V/v ..." trích yếu under Số.

A công văn's ký hiệu has no kind code: the agency's abbreviation, then the drafting unit's
("Số: 12/UBND-NV"). It is addressed with Kính gửi, so Nơi nhận starts "- Như trên;".
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field

from docgen.context import body_context, frame_context
from docgen.formatting import ky_hieu
from docgen.kinds.base import Extras, Kind, Resources
from docgen.models.documents import DocumentBase, TextDocument
from docgen.models.text import Text
from docgen.resolve import ResolvedDocument

VV_PREFIX = "V/v"
"""What the trích yếu of a công văn starts with (Phụ lục I, Mục II.5.d)."""
_WRITTEN_PREFIX = re.compile(r"^\s*v\s*/\s*v\b[\s.:]*", re.IGNORECASE)


class CongVanDocument(TextDocument):
    """A Công văn as written in YAML."""

    loai: Literal["cong_van"]
    don_vi_soan: Annotated[Text, Field(max_length=20)] | None = None
    """The drafting unit's abbreviation after the agency's in the ký hiệu: "NV" in
    "Số: 12/UBND-NV"."""


def vv_line(trich_yeu: list[str]) -> str:
    """Return the công văn's trích yếu as printed: "V/v " and its lines joined; a "V/v"
    the user already wrote is not doubled."""
    text = " ".join(line.strip() for line in trich_yeu)
    return f"{VV_PREFIX} {_WRITTEN_PREFIX.sub('', text)}"


class CongVan(Kind):
    """Công văn: the header with "V/v ..." under Số, Kính gửi, the body and the closing."""

    loai = "cong_van"
    ten_loai = "công văn"
    code = ""
    """None in Phụ lục III: the ký hiệu is the agency's and the unit's abbreviations."""
    model = CongVanDocument
    template = "congvan.docx"
    parts = ("header_cong_van", "kinh_gui", "mo_dau", "body", "ket_thuc", "closing")
    starter = """\
# Công văn (Mẫu 1.5, Nghị định 30/2020/NĐ-CP): không có tên loại; trích yếu “V/v ...” in dưới số.
# Thay mỗi “...” bằng nội dung; docgen báo “cần điền” ở chỗ nào còn “...”.
loai: cong_van
co_quan: ...                   # khóa hồ sơ trong co-quan.yaml
don_vi_soan: ...               # chữ viết tắt đơn vị soạn thảo: Số: 12/UBND-NV (xóa dòng nếu không có)
so:                            # số văn bản (để trống khi là dự thảo)
ngay:                          # ngày ký, dạng 15/01/2025 (để trống khi là dự thảo)
nam: {nam}
trich_yeu: ...                 # không ghi “V/v”: docgen tự thêm
kinh_gui:                      # một nơi: in cùng dòng; nhiều nơi: mỗi nơi một dòng “- ...;”
  - ...                        # hoặc {ma: khóa} trong noi-nhan.yaml
mo_dau: []                     # các đoạn mở đầu (có thể bỏ trống)
noi_dung:                      # các đoạn, khoản, gạch đầu dòng (xem docs/du-lieu.md)
  - ...
ket_thuc: ...                  # câu kết, docgen thêm “./.”
nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan
noi_nhan:                      # “- Như trên;” được thêm tự động
  - ...
luu: VT                        # in thành “- Lưu: VT, ...”
"""

    def resolve_extras(
        self, document: DocumentBase, resolved: ResolvedDocument | None, resources: Resources
    ) -> Extras:
        """Return no extras; a công văn without Kính gửi, or a unit code that cannot stand
        in a ký hiệu, is an issue."""
        extras = super().resolve_extras(document, resolved, resources)
        if not isinstance(document, CongVanDocument):
            raise TypeError(f"a công văn's model is CongVanDocument, got {type(document).__name__}")
        issues = list(extras.issues)
        if not document.kinh_gui:
            issues.append((("kinh_gui",), "công văn cần “Kính gửi”: ít nhất một nơi nhận"))
        unit = document.don_vi_soan
        if unit is not None and (not unit or "/" in unit or any(c.isspace() for c in unit)):
            message = f"chữ viết tắt đơn vị không có dấu cách hay “/”, nhận được {unit!r}"
            issues.append((("don_vi_soan",), message))
        return Extras(extras.values, issues, extras.problems)

    def context(self, resolved: ResolvedDocument) -> dict[str, Any]:
        """Return the frame with the công văn's ký hiệu and "V/v" line, and the body."""
        document = resolved.document
        if not isinstance(document, CongVanDocument):
            raise TypeError(f"a công văn's model is CongVanDocument, got {type(document).__name__}")
        issuer = resolved.agency.viet_tat
        unit = document.don_vi_soan
        symbol = ky_hieu(None, issuer, unit) if unit else issuer
        context = frame_context(resolved, self.ten_loai, self.code, symbol)
        context["vv"] = vv_line(list(document.trich_yeu))
        return {**context, **body_context(resolved)}
