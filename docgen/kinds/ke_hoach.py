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
