"""Constructs found in documents offices really produce, built as small fixtures.

Each builder starts from a compliant document of :mod:`tests.check.docbuilder` and retypes
one part the way offices do: a header typed as lines with tabs instead of a table, lines
drawn as shapes anchored in the next table row, a line typed with "____", a V/v on several
lines, a "Căn cứ" sentence in a công văn's body, a phiếu trình, rules attached to a decision
after its signature, Word's automatic numbering, and files that are not administrative
documents at all. No real document is copied: only the construct is reproduced.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from docgen.rules import n30
from tests.check.docbuilder import (
    CENTER,
    CONG_VAN,
    DECISION,
    JUSTIFY,
    LEFT,
    Built,
    Mutation,
    Spec,
    _inner_width,
    add_run,
    body_paragraph,
    border_line,
    build,
    drawn_line,
    set_fonts,
    typed,
)

CAN_CU_SENTENCE = (
    "Căn cứ Kế hoạch số 05/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân huyện, Ủy "
    "ban nhân dân huyện Đắk Hà báo cáo kết quả triển khai như sau."
)
"""A công văn's opening sentence that starts "Căn cứ": body text, upright, ending with "."."""
TYPED_AGENCY = ("ỦY BAN NHÂN DÂN", "HUYỆN ĐẮK HÀ")
RULES_AFTER_SIGNATURE = (
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Quy chế này quy định việc xét tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện.",
    "Điều 2. Đối tượng áp dụng",
    "Quy chế này áp dụng đối với các cơ quan, đơn vị thuộc Ủy ban nhân dân huyện.",
)
"""The attached rules (Mẫu 1.3) after a decision's signature."""
UNINDENTED_RULE = RULES_AFTER_SIGNATURE[5]
"""The body paragraph of the attached rules typed without a first-line indent."""


def _move_before(paragraph: Paragraph, anchor: object) -> None:
    """Move ``paragraph`` just before the XML element ``anchor``."""
    anchor.addprevious(paragraph._p)  # type: ignore[attr-defined]


def _header_line(built: Built, parts: tuple[tuple[str, float, bool, bool], ...]) -> Paragraph:
    """Add a left-aligned paragraph holding ``parts`` (text, size, bold, italic) apart by two
    tabs, as a header typed on one line: "ỦY BAN NHÂN DÂN<tab><tab>CỘNG HÒA ..."."""
    paragraph = typed(built.document, "", 13, align=LEFT)
    for position, (text, size, bold, italic) in enumerate(parts):
        if position:
            add_run(paragraph, "\t\t", size)
        add_run(paragraph, text, size, bold, italic)
    return paragraph


def typed_header(agency_size: float = 13) -> Mutation:
    """Return a mutation that replaces the header table by a header typed as lines: agency
    and Quốc hiệu on one line, agency and Tiêu ngữ on the next, a line typed with "____"
    under both, then Số and the date on one line and the V/v line (a công văn)."""

    def mutate(built: Built) -> None:
        table = built.tables["header"]._tbl
        first, second = TYPED_AGENCY
        lines = [
            _header_line(
                built, ((first, agency_size, True, False), (n30.QUOC_HIEU_TEXT, 12, True, False))
            ),
            _header_line(
                built, ((second, agency_size, True, False), (n30.TIEU_NGU_TEXT, 13, True, False))
            ),
            _header_line(
                built, (("_______", 13, False, False), ("______________", 13, False, False))
            ),
            _header_line(
                built, (("Số: 125/UBND-NV", 13, False, False), (built.spec.date, 13, False, True))
            ),
            typed(built.document, built.spec.vv or "", 12, align=LEFT),
        ]
        for paragraph in lines:
            _move_before(paragraph, table)
        table.getparent().remove(table)

    return mutate


def typed_header_cong_van(agency_size: float = 13) -> Path:
    """Return a công văn whose header is typed as lines with tabs (no table)."""
    return build(CONG_VAN, typed_header(agency_size))


def shapes_in_next_row() -> Path:
    """Return a Kế hoạch whose lines under the agency and Tiêu ngữ are line shapes anchored
    in the Số and date paragraphs of the header's second row (where offices drag them)."""

    def mutate(built: Built) -> None:
        drawn_line(built["so"], int(Cm(1.6)))
        drawn_line(built["ngay"], int(n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True)))

    return build(replace(Spec(), agency_line=None, tieu_ngu_line=None), mutate)


def top_border_under_agency() -> Path:
    """Return a Kế hoạch whose line under the agency is the top border of the empty
    paragraph under it (Borders ▸ Top border), centred by its indents."""

    def mutate(built: Built) -> None:
        paragraph = built["ke_co_quan"]
        widest = n30.text_width(TYPED_AGENCY[1], Pt(13), True)
        border_line(paragraph, _inner_width(built.tables["header"].cell(0, 0)), int(widest * 0.4))
        bottom = paragraph._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        bottom.tag = qn("w:top")

    return build(replace(Spec(), agency_line=None), mutate)


def underscore_lines() -> Path:
    """Return a Kế hoạch whose lines under the agency and the trích yếu are typed "____"."""

    def mutate(built: Built) -> None:
        add_run(built["ke_co_quan"], "________", 13, bold=True)
        add_run(built["ke_trich_yeu"], "______________", 14)

    return build(replace(Spec(), agency_line=None, trich_yeu_line=None), mutate)


def cong_van_with_can_cu() -> Path:
    """Return a công văn: a V/v on two lines of the header cell, Kính gửi, and a body that
    opens with an upright "Căn cứ ..." sentence ending with "."."""

    def mutate(built: Built) -> None:
        more = typed(built.tables["header"].cell(1, 0), "năm 2024 của huyện", 12)
        built.named["vv_1"] = more

    spec = replace(CONG_VAN, body=(CAN_CU_SENTENCE, *CONG_VAN.body))
    return build(spec, mutate)


PHIEU_TRINH = replace(
    CONG_VAN,
    so="Số: 105/PT-VP",
    ten_loai="PHIẾU TRÌNH",
    vv=None,
    trich_yeu="Về việc khen thưởng năm 2023",
    kinh_gui=("Kính gửi: Lãnh đạo Ủy ban nhân dân huyện",),
    body=(
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện kính trình Lãnh đạo Ủy ban nhân "
        "dân huyện xem xét, cho ý kiến chỉ đạo./.",
    ),
)
"""An office's phiếu trình: tên loại "PHIẾU TRÌNH" (not in Phụ lục III), ký hiệu PT."""


def phieu_trinh(closing: bool = True) -> Path:
    """Return a phiếu trình, with or without Nơi nhận and the signature table."""

    def mutate(built: Built) -> None:
        if not closing:
            table = built.tables["closing"]._tbl
            table.getparent().remove(table)

    return build(PHIEU_TRINH, mutate)


def decision_with_rules(indent_mistake: bool = True, trich_yeu_line: bool = True) -> Path:
    """Return a decision (authority line under the trích yếu) with its rules typed after the
    signature on a new page of the same section: heading, title, "(Kèm theo ...)", chương,
    articles; with ``indent_mistake`` one body paragraph of the rules has no indent."""

    def mutate(built: Built) -> None:
        document = built.document
        typed(document, "", 14).add_run().add_break(WD_BREAK.PAGE)
        typed(document, "QUY CHẾ", 14, bold=True)
        typed(document, "Xét tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện", 14, bold=True)
        typed(
            document,
            "(Kèm theo Quyết định số 12/QĐ-UBND ngày 15 tháng 01 năm 2024 của Chủ tịch Ủy "
            "ban nhân dân huyện Đắk Hà)",
            14,
            italic=True,
        )
        heading = False
        for text in RULES_AFTER_SIGNATURE:
            if text.startswith("Chương") or heading:
                typed(document, text, 14, bold=True)
                heading = text.startswith("Chương")
            elif text.startswith("Điều"):
                body_paragraph(document, text, bold=True)
            else:
                added = body_paragraph(document, text)
                if indent_mistake and text == UNINDENTED_RULE:
                    added.paragraph_format.first_line_indent = Cm(0)

    spec = DECISION if trich_yeu_line else replace(DECISION, trich_yeu_line=None)
    return build(spec, mutate)


def automatic_numbering(first_only: bool = False) -> Path:
    """Return a Kế hoạch whose khoản "1.", "2." are numbered by Word (List Number), not typed:
    the text holds no number. With ``first_only`` only "1. Mục đích" is numbered by Word and
    "2. Yêu cầu" after it is typed (a document edited by several hands)."""

    def mutate(built: Built) -> None:
        starts = ("1. Mục đích",) if first_only else KHOAN_STARTS
        for start in starts:
            paragraph = built.find(start)
            paragraph.style = built.document.styles["List Number"]
            run = paragraph.runs[0]
            run.text = run.text.split(". ", 1)[1]
        if not first_only:
            # Each mục restarts the list: a numbering instance of its own per mục.
            _restart_numbering(built, "Phòng Nội vụ")

    return build(Spec(), mutate)


KHOAN_STARTS = ("1. Mục đích", "2. Yêu cầu", "1. Phòng Nội vụ", "2. Các cơ quan")
"""The khoản of the default Kế hoạch."""


def _restart_numbering(built: Built, start: str) -> None:
    """Make the List Number paragraph starting with ``start`` open a new list at 1."""
    numbering = built.document.part.numbering_part.element
    style_num = built.document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = next(n.abstractNumId.val for n in numbering.num_lst if n.numId == style_num)
    num = numbering.add_num(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start_override = OxmlElement("w:startOverride")
    start_override.set(qn("w:val"), "1")
    override.append(start_override)
    num.append(override)
    paragraph = built.find(start)
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = p_pr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num.numId
    following = built.find("Các cơ quan, đơn vị")
    f_pr = following._p.get_or_add_pPr().get_or_add_numPr()
    f_pr.get_or_add_ilvl().val = 0
    f_pr.get_or_add_numId().val = num.numId


def not_administrative(folder: Path, name: str = "huong-dan-su-dung.docx") -> Path:
    """Return a product manual: a title and paragraphs, no Quốc hiệu, no Số, no tên loại."""
    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = CENTER
    run = title.add_run("HƯỚNG DẪN SỬ DỤNG MÁY LỌC NƯỚC RO")
    set_fonts(run, "Arial")
    run.font.size = Pt(18)
    run.font.bold = True
    for text in (
        "Cảm ơn quý khách đã chọn sản phẩm của chúng tôi.",
        "1. Lắp đặt máy ở nơi khô ráo, thoáng mát.",
        "3. Thay lõi lọc sau mỗi 6 tháng sử dụng.",
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = JUSTIFY
        added = paragraph.add_run(text)
        set_fonts(added, "Arial")
        added.font.size = Pt(11)
    path = folder / name
    document.save(str(path))
    return path


LETTER_BODY = (
    "Thực hiện Kế hoạch số 05/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân huyện về "
    "công tác thi đua, khen thưởng năm 2024, Ủy ban nhân dân huyện Đắk Hà đề nghị các cơ "
    "quan, đơn vị triển khai các nội dung sau đây."
)
"""A sentence of the letter's body, repeated to fill its page."""


def typed_closing(built: Built) -> None:
    """Replace the closing table by lines typed with tabs: "Nơi nhận:<tab>TM. ỦY BAN NHÂN
    DÂN", "- Như trên;<tab>CHỦ TỊCH", "- Lưu: VT, NV.", blank lines, the name pushed right."""
    table = built.tables["closing"]._tbl
    document = built.document
    signer = built.spec.signer
    lines: list[Paragraph] = []
    heading = typed(document, "", 12, align=LEFT)
    add_run(heading, "Nơi nhận:", 12, bold=True, italic=True)
    add_run(heading, "\t\t\t\t\t", 12)
    add_run(heading, signer[0], 14, bold=True)
    lines.append(heading)
    for position, text in enumerate(built.spec.noi_nhan):
        line = typed(document, "", 11, align=LEFT)
        add_run(line, text, 11)
        if position + 1 < len(signer):
            add_run(line, "\t\t\t\t\t", 11)
            add_run(line, signer[position + 1], 14, bold=True)
        lines.append(line)
    lines += [typed(document, "", 14, align=LEFT) for _ in range(3)]
    name = typed(document, "", 14, align=LEFT)
    add_run(name, "\t\t\t\t\t\t", 14)
    add_run(name, built.spec.name, 14, bold=True)
    lines.append(name)
    for line in lines:
        _move_before(line, table)
    table.getparent().remove(table)


def damage_case(
    paragraphs: int = 3, body_size: float = 14, unindented: bool = True, repeat: int = 1
) -> Path:
    """Return the công văn ``--fix`` once damaged: header typed with tabs, a V/v line, a
    Kính gửi block of several recipients, Nơi nhận (recipients in 11 pt) and the signature
    typed side by side as lines with tabs; ``paragraphs`` body paragraphs in
    ``body_size`` pt, each saying :data:`LETTER_BODY` ``repeat`` times, the first one
    without its first-line indent when ``unindented``."""
    body = tuple(
        " ".join([LETTER_BODY] * repeat) + f" ({position + 1})" for position in range(paragraphs)
    )
    spec = replace(
        CONG_VAN,
        kinh_gui=(
            "Kính gửi:",
            "- Các cơ quan chuyên môn thuộc Ủy ban nhân dân huyện;",
            "- Ủy ban nhân dân các xã, thị trấn.",
        ),
        body=(*body[:-1], body[-1] + "/."),
    )

    def mutate(built: Built) -> None:
        typed_header()(built)
        typed_closing(built)
        for text in body:
            paragraph = built.find(text[:40])
            for run in paragraph.runs:
                run.font.size = Pt(body_size)
        if unindented:
            built.find(body[0][:40]).paragraph_format.first_line_indent = Cm(0)

    return build(spec, mutate)
