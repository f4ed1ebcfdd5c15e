"""Giấy mời (Phụ lục III, Mẫu 1.4): an invitation to a meeting, e.g. the hội nghị tổng kết.

The body is laid out from data: the thành phần mời as a "- " list (text, or keys and groups
of the recipients directory noi-nhan.yaml), the thời gian written the N30 way ("08 giờ 00
phút, ngày 15 tháng 01 năm 2025"), the địa điểm, then any other content, all numbered as
khoản; the closing sentence is "Kính mời ... tham dự./.".
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from docgen.context import flatten_blocks
from docgen.formatting import time_words
from docgen.kinds.base import Extras, Kind, Resources
from docgen.models.blocks import Block, Clause, DashItem, DashItems
from docgen.models.documents import MAX_YEAR, MIN_YEAR, DocumentBase, TextDocument
from docgen.models.recipients import Recipient
from docgen.models.text import Text
from docgen.resolve import FieldPath, ResolvedDocument

DEFAULT_CLOSING = "Kính mời các đồng chí tham dự đúng thời gian, thành phần./."
TIME_FORMATS = ("%H:%M %d/%m/%Y", "%H:%M, %d/%m/%Y", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M")
_HOUR_WORDS = re.compile(
    r"^\s*(\d{1,2})\s*(?:giờ|h)\s*(?:(\d{1,2})(?![\d/]))?\s*(?:phút)?\s*,?\s*", re.I
)


def _parse_time(value: Any) -> Any:
    # Staff write "08:00 15/01/2025" or "8 giờ 00, 15/01/2025"; YAML keeps both as text.
    if not isinstance(value, str):
        if isinstance(value, datetime.datetime):
            return value
        raise ValueError(f"thời gian phải là chữ dạng 08:00 15/01/2025, nhận được {value!r}")
    text = " ".join(value.split())
    words = _HOUR_WORDS.match(text)
    if words:
        text = f"{words[1]}:{words[2] or '00'} {text[words.end() :].removeprefix('ngày ')}"
    for pattern in TIME_FORMATS:
        try:
            moment = datetime.datetime.strptime(text, pattern)
        except ValueError:
            continue
        if not MIN_YEAR <= moment.year <= MAX_YEAR:
            raise ValueError(f"năm phải từ {MIN_YEAR} đến {MAX_YEAR}, nhận được {moment.year}")
        return moment
    raise ValueError(
        f"thời gian không hợp lệ: {value!r} (dùng dạng giờ:phút ngày/tháng/năm, "
        "ví dụ 08:00 15/01/2025)"
    )


MeetingTime = Annotated[datetime.datetime, BeforeValidator(_parse_time)]


class GiayMoiDocument(TextDocument):
    """A Giấy mời as written in YAML."""

    loai: Literal["giay_moi"]
    thanh_phan: list[Recipient] = Field(min_length=1)
    """Who is invited: lines, ``{ma: ...}`` or ``{nhom: ...}`` of noi-nhan.yaml."""
    thoi_gian: MeetingTime
    """When: "08:00 15/01/2025"; printed "08 giờ 00 phút, ngày 15 tháng 01 năm 2025"."""
    dia_diem: Text
    noi_dung: list[Block] = Field(default_factory=list)
    """Anything else (the agenda, what to prepare), numbered after the địa điểm."""
    ket_thuc: Text = DEFAULT_CLOSING

    def body_blocks(self) -> list[tuple[FieldPath, list[Block]]]:
        """Return ``noi_dung`` with its path."""
        return [(("noi_dung",), self.noi_dung)]


def invitation_blocks(document: GiayMoiDocument, invited: list[str]) -> list[Block]:
    """Return the thành phần (a "- " list, each line ending ";" and the last "."), the
    thời gian and the địa điểm as khoản blocks, before the document's own blocks."""
    names = [line.strip().lstrip("-–+• ").rstrip(" ;,.") for line in invited]
    dashes: list[str | DashItem] = [f"{name};" for name in names[:-1]]
    dashes.append(f"{names[-1]}.")
    place = document.dia_diem.rstrip(" .")
    return [
        Clause(khoan="Thành phần mời:", noi_dung=[DashItems(gach=dashes)]),
        Clause(khoan=f"**Thời gian:** {time_words(document.thoi_gian)}."),
        Clause(khoan=f"**Địa điểm:** {place}."),
        *document.noi_dung,
    ]


class GiayMoi(Kind):
    """Giấy mời: the Mẫu 1.4 frame; thành phần, thời gian, địa điểm laid out from data."""

    loai = "giay_moi"
    ten_loai = "giấy mời"
    code = "GM"
    model = GiayMoiDocument
    template = "giaymoi.docx"
    parts = ("header", "title", "mo_dau", "body", "ket_thuc", "closing")
    starter = """\
# Giấy mời (Mẫu 1.4, Nghị định 30/2020/NĐ-CP), ký hiệu GM: Số: 03/GM-UBND.
# Thay mỗi “...” bằng nội dung; docgen báo “cần điền” ở chỗ nào còn “...”.
loai: giay_moi
co_quan: ...                   # khóa hồ sơ trong co-quan.yaml
so:                            # số văn bản (để trống khi là dự thảo)
ngay:                          # ngày ký, dạng 06/01/2025 (để trống khi là dự thảo)
nam: {nam}
trich_yeu: ...                 # ví dụ: Dự Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024
mo_dau:
  - ...                        # ví dụ: Ủy ban nhân dân huyện tổ chức Hội nghị ..., cụ thể như sau:
thanh_phan:                    # mỗi dòng một thành phần; hoặc {ma: khóa}, {nhom: khóa, tach: true} trong noi-nhan.yaml
  - ...
thoi_gian: ...                 # giờ:phút ngày/tháng/năm, ví dụ 08:00 15/01/2025
dia_diem: ...                  # ví dụ: Hội trường Ủy ban nhân dân huyện
noi_dung: []                   # nội dung khác (chương trình, chuẩn bị), đánh số tiếp
# ket_thuc: Kính mời các đồng chí tham dự đúng thời gian, thành phần./.   (câu mặc định)
nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan
noi_nhan:
  - Như thành phần mời
luu: VT
"""

    def resolve_extras(
        self, document: DocumentBase, resolved: ResolvedDocument | None, resources: Resources
    ) -> Extras:
        """Return the thành phần's lines (``thanh_phan``), read through the directory."""
        extras = super().resolve_extras(document, resolved, resources)
        if not isinstance(document, GiayMoiDocument):
            raise TypeError(f"a giấy mời's model is GiayMoiDocument, got {type(document).__name__}")
        issues = list(extras.issues)
        lines, found = resources.recipients(list(document.thanh_phan), "thanh_phan")
        issues += found
        values = dict(extras.values)
        if lines is not None:
            values["thanh_phan"] = lines
        return Extras(values, issues, extras.problems)

    def context(self, resolved: ResolvedDocument) -> dict[str, Any]:
        """Return the frame and the body: thành phần, thời gian, địa điểm, the rest."""
        context = super().context(resolved)
        document = resolved.document
        if not isinstance(document, GiayMoiDocument):
            raise TypeError(f"a giấy mời's model is GiayMoiDocument, got {type(document).__name__}")
        blocks = invitation_blocks(document, list(resolved.extras["thanh_phan"]))
        context["noi_dung"] = flatten_blocks(blocks)
        return context
