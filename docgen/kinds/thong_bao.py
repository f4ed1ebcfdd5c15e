"""Thông báo (Phụ lục III, Mẫu 1.4), including the thông báo kết luận of a meeting.

A kết luận names who chaired the meeting (and who attended), then the conclusions as
numbered items "1.", "2.", ...; an item with content below it prints as a bold titled
khoản. Other content (``noi_dung``) follows the conclusions, numbered on from them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from docgen.context import BodyItem, BodyParagraph, flatten_blocks
from docgen.inline import Span, parse_inline
from docgen.kinds.base import Kind
from docgen.models.blocks import Block, Clause
from docgen.models.documents import TextDocument
from docgen.models.text import Text
from docgen.resolve import FieldPath, ResolvedDocument

STRICT = ConfigDict(extra="forbid", frozen=True)


class Conclusion(BaseModel):
    """A conclusion with content below it: ``{y: "...", noi_dung: [...]}``."""

    model_config = STRICT

    y: Text
    noi_dung: list[Block] = Field(default_factory=list)


class Conclusions(BaseModel):
    """The kết luận of a meeting: who chaired, who attended, and the numbered conclusions."""

    model_config = STRICT

    chu_tri: Text
    """Who chaired: "đồng chí Hà Tiến - Chủ tịch UBND huyện"."""
    tham_du: Text | None = None
    """Who attended, in one sentence."""
    dan_nhap: Text | None = None
    """The sentence before the conclusions: "Sau khi nghe ..., đồng chí ... kết luận:"."""
    y_kien: list[Text | Conclusion] = Field(min_length=1)
    """The conclusions, numbered 1., 2., ... in order."""


class ThongBaoDocument(TextDocument):
    """A Thông báo as written in YAML: a body of blocks, a kết luận, or both."""

    loai: Literal["thong_bao"]
    ket_luan: Conclusions | None = None
    noi_dung: list[Block] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_content(self) -> ThongBaoDocument:
        if not self.noi_dung and self.ket_luan is None:
            raise ValueError("thông báo cần 'noi_dung' hoặc 'ket_luan'")
        return self

    def body_blocks(self) -> list[tuple[FieldPath, list[Block]]]:
        """Return the body and the content below each conclusion, with their paths."""
        found: list[tuple[FieldPath, list[Block]]] = [(("noi_dung",), self.noi_dung)]
        if self.ket_luan is not None:
            found += [
                (("ket_luan", "y_kien", index, "noi_dung"), entry.noi_dung)
                for index, entry in enumerate(self.ket_luan.y_kien)
                if isinstance(entry, Conclusion)
            ]
        return found


def conclusion_blocks(conclusions: Conclusions) -> list[Block]:
    """Return the conclusions as khoản blocks, numbered in order by the body's numbering."""
    return [
        Clause(khoan=entry)
        if isinstance(entry, str)
        else Clause(khoan=entry.y, noi_dung=list(entry.noi_dung))
        for entry in conclusions.y_kien
    ]


class ThongBao(Kind):
    """Thông báo: the Mẫu 1.4 frame; a kết luận adds who chaired and numbered conclusions."""

    loai = "thong_bao"
    ten_loai = "thông báo"
    code = "TB"
    model = ThongBaoDocument
    template = "thongbao.docx"
    starter = """\
# Thông báo (Mẫu 1.4, Nghị định 30/2020/NĐ-CP), ký hiệu TB: Số: 08/TB-UBND.
# Thông báo kết luận cuộc họp: ghi ket_luan (người chủ trì, các ý kết luận đánh số 1., 2., ...).
# Thông báo thường: bỏ ket_luan, ghi noi_dung. Thay mỗi “...” bằng nội dung.
loai: thong_bao
co_quan: ...                   # khóa hồ sơ trong co-quan.yaml
so:                            # số văn bản (để trống khi là dự thảo)
ngay:                          # ngày ký, dạng 20/01/2025 (để trống khi là dự thảo)
nam: {nam}
trich_yeu: ...                 # ví dụ: Kết luận của Chủ tịch UBND huyện tại Hội nghị ...
mo_dau:
  - ...                        # ngày, nơi họp, nội dung cuộc họp
ket_luan:
  chu_tri: ...                 # ví dụ: đồng chí Hà Tiến - Chủ tịch UBND huyện
  tham_du: ...                 # thành phần tham dự (xóa dòng nếu không cần)
  dan_nhap: ...                # ví dụ: Sau khi nghe ..., đồng chí Chủ tịch kết luận như sau:
  y_kien:                      # mỗi ý một khoản “1.”, “2.”; ý có nội dung con: {y: ..., noi_dung: [...]}
    - ...
ket_thuc: ...                  # ví dụ: Ủy ban nhân dân huyện thông báo để các cơ quan, đơn vị biết, thực hiện
nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan
noi_nhan:
  - ...
luu: VT
"""

    def context(self, resolved: ResolvedDocument) -> dict[str, Any]:
        """Return the frame and the body: who chaired and attended, the conclusions
        numbered, then the other content, numbered on."""
        context = super().context(resolved)
        document = resolved.document
        if not isinstance(document, ThongBaoDocument):
            raise TypeError(
                f"a thông báo's model is ThongBaoDocument, got {type(document).__name__}"
            )
        conclusions = document.ket_luan
        if conclusions is None:
            return context
        items: list[BodyItem] = [labelled("Chủ trì", conclusions.chu_tri)]
        if conclusions.tham_du:
            items.append(labelled("Tham dự", conclusions.tham_du))
        if conclusions.dan_nhap:
            items.append(plain_item(conclusions.dan_nhap))
        blocks = [*conclusion_blocks(conclusions), *document.noi_dung]
        context["noi_dung"] = [*items, *flatten_blocks(blocks)]
        return context


def labelled(label: str, text: str) -> BodyParagraph:
    """Return a body paragraph "<label>: <text>" with the label bold."""
    return BodyParagraph("doan", (Span(f"{label}:", bold=True), Span(" "), *parse_inline(text)))


def plain_item(text: str) -> BodyParagraph:
    """Return a body paragraph of ``text``."""
    return BodyParagraph("doan", parse_inline(text))
