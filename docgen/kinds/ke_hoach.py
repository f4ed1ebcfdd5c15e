"""Kế hoạch (Phụ lục III, Mẫu 1.4): the plan of the year's emulation and commendation work."""

from __future__ import annotations

from typing import Literal

from docgen.kinds.base import Kind
from docgen.models.documents import TextDocument


class KeHoachDocument(TextDocument):
    """A Kế hoạch as written in YAML."""

    loai: Literal["ke_hoach"]


class KeHoach(Kind):
    """Kế hoạch: the common Mẫu 1.4 frame, nothing added."""

    loai = "ke_hoach"
    ten_loai = "kế hoạch"
    code = "KH"
    model = KeHoachDocument
    template = "kehoach.docx"
    starter = """\
# Kế hoạch (Mẫu 1.4, Nghị định 30/2020/NĐ-CP), ký hiệu KH: Số: 05/KH-UBND.
# Thay mỗi “...” bằng nội dung; docgen báo “cần điền” ở chỗ nào còn “...”.
loai: ke_hoach
co_quan: ...                   # khóa hồ sơ trong co-quan.yaml
so:                            # số văn bản (để trống khi là dự thảo)
ngay:                          # ngày ký, dạng 05/03/2024 (để trống khi là dự thảo)
nam: {nam}
trich_yeu: ...                 # ví dụ: Triển khai công tác thi đua, khen thưởng năm 2024
can_cu: []                     # các dòng “Căn cứ ...” (in nghiêng), nếu có
mo_dau:
  - ...
noi_dung:                      # muc (I., II.), khoan (1., 2.), diem, gach, bang (xem docs/du-lieu.md)
  - muc: Mục đích, yêu cầu
    noi_dung:
      - ...
  - muc: Nội dung
    noi_dung:
      - ...
  - muc: Tổ chức thực hiện
    noi_dung:
      - ...
ket_thuc: ...                  # câu kết, docgen thêm “./.”
nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan
noi_nhan:
  - ...
luu: VT
"""
