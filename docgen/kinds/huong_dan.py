"""Hướng dẫn (Phụ lục III, Mẫu 1.4): how units carry out a task, e.g. the year-end tổng kết.

The common frame with tên loại HƯỚNG DẪN; the body is usually split into PHẦN, mục (I., II.)
and khoản (1., 2.), which the body blocks ``phan``, ``muc`` and ``khoan`` number.
"""

from __future__ import annotations

from typing import Literal

from docgen.kinds.base import Kind
from docgen.models.documents import TextDocument


class HuongDanDocument(TextDocument):
    """A Hướng dẫn as written in YAML."""

    loai: Literal["huong_dan"]


class HuongDan(Kind):
    """Hướng dẫn: the common Mẫu 1.4 frame, nothing added."""

    loai = "huong_dan"
    ten_loai = "hướng dẫn"
    code = "HD"
    model = HuongDanDocument
    template = "huongdan.docx"
    starter = """\
# Hướng dẫn (Mẫu 1.4, Nghị định 30/2020/NĐ-CP), ký hiệu HD: Số: 15/HD-UBND.
# Thay mỗi “...” bằng nội dung; docgen báo “cần điền” ở chỗ nào còn “...”.
loai: huong_dan
co_quan: ...                   # khóa hồ sơ trong co-quan.yaml
so:                            # số văn bản (để trống khi là dự thảo)
ngay:                          # ngày ký, dạng 15/11/2024 (để trống khi là dự thảo)
nam: {nam}
trich_yeu: ...                 # ví dụ: Tổng kết công tác thi đua, khen thưởng năm 2024
can_cu: []                     # các dòng “Căn cứ ...” (in nghiêng), nếu có
mo_dau:
  - ...
noi_dung:                      # phan (PHẦN I, ...), muc (I., II.), khoan (1., 2.), diem (a), b))
  - phan: ...                  # tiêu đề phần; docgen tự đánh số “Phần I”
    noi_dung:
      - muc: ...               # tiêu đề mục, in hoa: “I. ...”
        noi_dung:
          - khoan: ...         # khoản có tiêu đề: “1. ...”
            noi_dung:
              - ...
ket_thuc: ...                  # câu kết, docgen thêm “./.”
nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan
noi_nhan:
  - ...
luu: VT
"""
