"""Quyết định khen thưởng (Phụ lục III, Mẫu 1.2) with its attached list of awardees.

The authority (the head's power or the collective's) decides the authority line under the
title and the signature block: both are computed from data, and a signature the law does not
allow for that authority is an error. The list comes from a spreadsheet; prizes come from the
project's rate table (muc-thuong.yaml); counts and totals are computed and may be quoted in
the articles as ``{so_ca_nhan}``, ``{so_tap_the}``, ``{tong_tien}``, ``{tong_tien_bang_chu}``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from docgen.context import (
    BodyItem,
    BodyParagraph,
    closing_sentence,
    flatten_blocks,
    frame_context,
)
from docgen.formatting import (
    ky_hieu,
    legal_bases,
    noi_nhan_lines,
    upper_vi,
)
from docgen.inline import Span, parse_inline
from docgen.kinds.award_list import (
    PLACEHOLDER,
    AwardList,
    Awards,
    fill_figures,
    list_context,
    read_list,
)
from docgen.kinds.base import Extras, Kind, Resources
from docgen.models.agency import Agency, Signer, SignerPatch
from docgen.models.blocks import Block
from docgen.models.documents import DocumentBase
from docgen.models.text import Proposal, Text
from docgen.resolve import FieldPath, Issue, ResolvedDocument

STRICT = ConfigDict(extra="forbid", frozen=True)
Authority = Literal["thu_truong", "tap_the"]
"""Whose power the decision is issued in: the head's (Chủ tịch) or the collective's (UBND)."""

AS_ARTICLE = re.compile(r"^Như Điều \d+$", re.IGNORECASE)
"""A "Như Điều N" the user wrote in Nơi nhận: docgen writes the right one first."""
COLLECTIVE_ONLY = ("TM.",)
HEAD_ONLY = ("TL.", "TUQ.")
"""Signing marks (Điều 13 N30): TM. signs for a collective; TL. and TUQ. only for a head."""


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


class QuyetDinhDocument(DocumentBase):
    """A Quyết định khen thưởng as written in YAML."""

    loai: Literal["quyet_dinh"]
    tham_quyen: Authority
    de_nghi: Proposal | None = None
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


class QuyetDinh(Kind):
    """Quyết định: authority line, căn cứ, "QUYẾT ĐỊNH:", articles, and the attached list."""

    loai = "quyet_dinh"
    ten_loai = "quyết định"
    code = "QĐ"
    model = QuyetDinhDocument
    template = "quyetdinh.docx"
    parts = ("header", "title", "authority", "can_cu", "quyet_dinh_lenh", "body", "closing",
             "attachment")  # fmt: skip
    starter = """\
# Quyết định khen thưởng (Mẫu 1.2, Nghị định 30/2020/NĐ-CP), ký hiệu QĐ: Số: 15/QĐ-UBND.
# Danh sách kèm theo lấy từ bảng tính; tiền thưởng theo muc-thuong.yaml (xem docs/quyet-dinh.md).
# Từ một tờ trình đã duyệt: docgen new quyet_dinh TÊN.yaml --tu-to-trinh TỜ-TRÌNH.yaml
# Thay mỗi “...” bằng nội dung; docgen báo “cần điền” ở chỗ nào còn “...”.
loai: quyet_dinh
co_quan: ...                   # khóa hồ sơ trong co-quan.yaml
so:                            # số văn bản (để trống khi là dự thảo)
ngay:                          # ngày ký, dạng 15/01/2025 (để trống khi là dự thảo)
nam: {nam}
tham_quyen: thu_truong         # thu_truong: thẩm quyền Chủ tịch (cá nhân); tap_the: của Ủy ban nhân dân
trich_yeu: ...                 # ví dụ: Về việc khen thưởng ...
can_cu:                        # mỗi dòng bắt đầu bằng “Căn cứ”; docgen tự thêm dấu “;”
  - ...
de_nghi: ...                   # ví dụ: Theo đề nghị của Trưởng phòng Nội vụ huyện
dieu:                          # “Điều 1.”, “Điều 2.” tự đánh số; có thể ghi {so_tap_the}, {so_ca_nhan}, {tong_tien}, {tong_tien_bang_chu}
  - Khen thưởng {so_tap_the} tập thể và {so_ca_nhan} cá nhân có tên trong danh sách kèm theo.
  - "Tổng số tiền thưởng là {tong_tien} đồng (Bằng chữ: {tong_tien_bang_chu})."
  - ...                        # điều thi hành: “... chịu trách nhiệm thi hành Quyết định này.”
danh_sach:
  tieu_de:                     # dòng tiêu đề dưới chữ DANH SÁCH
    - ...
  tep: ...                     # bảng tính .xlsx/.csv; cột: Họ và tên, Chức vụ, đơn vị, Hình thức khen thưởng, Đối tượng
nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan
noi_nhan: []                   # “- Như Điều N;” được thêm tự động
luu: VT
"""

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
        awards, found, problems = read_list(document.danh_sach, resources)
        issues += found
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
            "danh_sach": list_context(
                document.danh_sach,
                awards,
                kind.ten_loai.capitalize(),
                document.so,
                symbol,
                document.ngay,
                document.year,
                issuer,
            ),
        }
    )
    return context


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
