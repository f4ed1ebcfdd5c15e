"""Build small N30 documents the way a person types them in Word: direct formatting only.

No custom style is added: every run gets its font (all four script slots), size, bold and
italic directly, every paragraph its alignment, indents and spacing directly, exactly as
someone formatting by hand in Word would leave them. The default document is a compliant
Kế hoạch (or, with :data:`DECISION`, a compliant Quyết định, with :data:`DECISION_WITH_LIST` a
Quyết định khen thưởng with its list of awardees in a landscape section of its own, with
:data:`BAO_CAO` a compliant Báo cáo divided into phần); a test breaks one thing through
the :class:`Spec` fields or a ``mutate`` callback that receives the :class:`Built` document
before it is saved.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from docgen.check.roles import DIEU_RE, KHOAN_RE, MUC_RE, PHAN_RE
from docgen.rules import n30

LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
CELL_MARGIN = 108  # twips: Word's default left and right cell margin
Container = Document | _Cell

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"

KE_HOACH_BODY = (
    "Ủy ban nhân dân huyện Đắk Hà xây dựng Kế hoạch triển khai công tác thi đua, khen "
    "thưởng năm 2024 như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Để thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2024, đẩy mạnh các "
    "phong trào thi đua yêu nước trên địa bàn huyện.",
    "2. Yêu cầu",
    "- Triển khai các hoạt động thi đua phải đảm bảo thiết thực, hiệu quả;",
    "- Phong trào thi đua phải được phát động sôi nổi, sâu rộng đến mọi tầng lớp nhân dân.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Nội vụ",
    "Tham mưu Ủy ban nhân dân huyện triển khai Kế hoạch này, gồm các việc sau:",
    "a) Hướng dẫn các cơ quan, đơn vị đăng ký thi đua;",
    "b) Tổng hợp, báo cáo kết quả thực hiện.",
    "2. Các cơ quan, đơn vị",
    "Căn cứ Kế hoạch này, xây dựng kế hoạch của cơ quan, đơn vị mình.",
    "Trên đây là Kế hoạch triển khai công tác thi đua, khen thưởng năm 2024 của Ủy ban "
    "nhân dân huyện Đắk Hà./.",
)

DECISION_BODY = (
    "QUYẾT ĐỊNH:",
    "Điều 1. Tặng Giấy khen cho 05 tập thể và 12 cá nhân đã có thành tích xuất sắc trong "
    "phong trào thi đua năm 2023 (có danh sách kèm theo).",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội "
    "vụ và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định "
    "này./.",
)


Rows = tuple[tuple[str, ...], ...]
"""A table typed in the body: its rows, the first one the header row."""
BodyItem = str | Rows


@dataclass(frozen=True)
class Spec:
    """What the document says and how its page is set up; every default is compliant."""

    page_width: Length = Mm(210)
    page_height: Length = Mm(297)
    landscape: bool = False
    top: Length = Mm(20)
    bottom: Length = Mm(20)
    left: Length = Mm(30)
    right: Length = Mm(15)
    agency: tuple[str, ...] = ("ỦY BAN NHÂN DÂN", "HUYỆN ĐẮK HÀ")
    agency_bold: tuple[bool, ...] = (True, True)
    agency_size: float = 13
    agency_line: float | None = 0.4
    """Length of the line under the agency, as a fraction of its widest line (None: no line)."""
    tieu_ngu_line: float | None = 1.0
    """Length of the drawn line under Tiêu ngữ, as a fraction of its text (None: no line)."""
    so: str = "Số: 05/KH-UBND"
    date: str = "Đắk Hà, ngày 05 tháng 3 năm 2024"
    ten_loai: str | None = "KẾ HOẠCH"
    """None for a công văn: no tên loại, no trích yếu under it."""
    vv: str | None = None
    """The "V/v ..." line of a công văn, under "Số:"."""
    kinh_gui: tuple[str, ...] = ()
    """The Kính gửi block, between the title (and its line) and the body: one centred line
    "Kính gửi: ...", or "Kính gửi:" and one "- ..." line per recipient, the dashes under the
    colon."""
    trich_yeu: str = "Triển khai công tác thi đua, khen thưởng năm 2024"
    trich_yeu_lines: tuple[str, ...] = ()
    """Further lines of a trích yếu typed on several lines (one paragraph each)."""
    trich_yeu_line: float | None = 0.4
    tham_quyen_ban_hanh: str | None = None
    """The authority line of a decision, between the trích yếu line and the căn cứ."""
    can_cu: tuple[str, ...] = (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 20 tháng 02 năm 2024 của Ủy ban nhân dân tỉnh "
        "Kon Tum về công tác thi đua, khen thưởng năm 2024.",
    )
    body: tuple[BodyItem, ...] = KE_HOACH_BODY
    """Body paragraphs; "Phần ..." makes the next one its title; a :data:`Rows` is a table."""
    noi_nhan: tuple[str, ...] = (
        "- Sở Nội vụ;",
        "- Ban Thi đua - Khen thưởng tỉnh;",
        "- Thường trực Huyện ủy;",
        "- Các cơ quan, đơn vị thuộc huyện;",
        "- Lưu: VT, TĐKT.",
    )
    noi_nhan_heading: str = "Nơi nhận:"
    signer: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    name: str = "Hà Tiến"
    closing: str = "table"
    """How Nơi nhận and the signature are laid out: "table" (a borderless two-column table,
    the row kept on one page), "signature-above" or "signature-below" (plain paragraphs, the
    signature above "Nơi nhận:" or below its list, chained with keep-with-next)."""
    page_number: str = "header"
    """Where the PAGE field is: "header", "footer" or "none"."""
    page_number_align: WD_ALIGN_PARAGRAPH = CENTER
    different_first_page: bool = True
    appendix: str | None = None
    """The heading of an appendix after the signature ("Phụ lục I"), None for no appendix."""
    danh_sach: bool = False
    """Attach the list of awardees (:data:`LIST_TABLE`) after the signature, in a section of
    its own: new page, page numbers from 1, its own header table without Số nor date."""
    danh_sach_landscape: bool = True
    """The list's section is A4 landscape (False: portrait)."""
    kem_theo: str = (
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 01 năm 2024 của Chủ tịch Ủy ban "
        "nhân dân huyện Đắk Hà)"
    )
    """The reference line of the list, under its title."""

    @property
    def text_width(self) -> Length:
        return Length(self.page_width - self.left - self.right)


DECISION = Spec(
    so="Số: 12/QĐ-UBND",
    date="Đắk Hà, ngày 15 tháng 01 năm 2024",
    ten_loai="QUYẾT ĐỊNH",
    trich_yeu="Về việc tặng Giấy khen năm 2023",
    tham_quyen_ban_hanh="CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ",
    can_cu=(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Theo đề nghị của Trưởng phòng Nội vụ.",
    ),
    body=DECISION_BODY,
    noi_nhan=("- Như Điều 3;", "- Sở Nội vụ;", "- Lưu: VT, NV."),
    signer=("CHỦ TỊCH",),
)
"""A compliant Quyết định signed by the Chủ tịch in his own right."""

LIST_TITLE = (
    "Khen thưởng các tập thể, cá nhân đã có thành tích xuất sắc",
    "trong thực hiện nhiệm vụ năm 2023",
)
"""The title of the attached list, one paragraph per printed line."""
LIST_WIDTHS = (Cm(1.2), Cm(7.5), Cm(7.8), Cm(5.2), Cm(3.5))
LIST_TABLE: Rows = (
    ("TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Số tiền (đồng)"),
    ("I", "Giấy khen của Chủ tịch UBND huyện - Tập thể", "", "", ""),
    ("1", "Phòng Giáo dục và Đào tạo huyện", "", "Giấy khen", "3.000.000"),
    ("2", "Trường Tiểu học Kim Đồng", "Phòng Giáo dục và Đào tạo", "Giấy khen", "3.000.000"),
    ("3", "Trạm Y tế xã Hà Mòn", "Trung tâm Y tế huyện", "Giấy khen", "3.000.000"),
    ("", "Cộng", "", "", "9.000.000"),
    ("II", "Giấy khen của Chủ tịch UBND huyện - Cá nhân", "", "", ""),
    ("1", "Ông Nguyễn Văn An", "Trưởng phòng Nội vụ", "Giấy khen", "2.500.000"),
    ("2", "Bà Trần Thị Bình", "Chuyên viên Phòng Tài chính - Kế hoạch", "Giấy khen", "2.500.000"),
    ("3", "Ông Lê Văn Cường", "Chủ tịch UBND xã Hà Mòn", "Giấy khen", "2.500.000"),
    ("4", "Bà Phạm Thị Dung", "Giáo viên Trường Tiểu học Kim Đồng", "Giấy khen", "2.500.000"),
    ("5", "Ông Y Khoa", "Công chức Văn phòng HĐND và UBND huyện", "Giấy khen", "2.500.000"),
    ("", "Cộng", "", "", "12.500.000"),
    ("", "Tổng cộng", "", "", "21.500.000"),
)
"""The awardees: group rows, rows, subtotals ("Cộng") and the total, amounts as printed."""
LIST_TOTAL = (
    "Tổng số tiền thưởng: 21.500.000 đồng (Bằng chữ: Hai mươi mốt triệu năm trăm nghìn đồng)./."
)

DECISION_WITH_LIST = replace(
    DECISION,
    so="Số: 15/QĐ-UBND",
    date="Đắk Hà, ngày 20 tháng 01 năm 2024",
    trich_yeu="Về việc khen thưởng các tập thể, cá nhân đã có thành tích xuất sắc",
    trich_yeu_lines=("trong thực hiện nhiệm vụ năm 2023",),
    can_cu=(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Theo đề nghị của Trưởng phòng Nội vụ huyện.",
    ),
    body=(
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho 03 tập thể và 05 cá "
        "nhân đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2023 (có danh sách kèm "
        "theo).",
        "Điều 2. Tiền thưởng kèm theo Giấy khen thực hiện theo quy định, tổng số tiền "
        "21.500.000 đồng, trích từ Quỹ thi đua, khen thưởng của huyện.",
        "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội "
        "vụ, Trưởng phòng Tài chính - Kế hoạch và các tập thể, cá nhân có tên tại Điều 1 chịu "
        "trách nhiệm thi hành Quyết định này./.",
    ),
    noi_nhan=("- Như Điều 3;", "- Ban Thi đua - Khen thưởng tỉnh;", "- Lưu: VT, NV."),
    danh_sach=True,
)
"""A compliant Quyết định khen thưởng of the Chủ tịch, its list of awardees attached in a
landscape section of its own (header table without Số, "DANH SÁCH", title, "(Kèm theo ...)",
a short line, the table, the total)."""

CONG_VAN = Spec(
    so="Số: 125/UBND-NV",
    ten_loai=None,
    vv="V/v triển khai công tác thi đua, khen thưởng năm 2024",
    kinh_gui=("Kính gửi: Sở Nội vụ tỉnh Kon Tum",),
    can_cu=(),
    body=(
        "Thực hiện Kế hoạch số 05/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân huyện, "
        "Ủy ban nhân dân huyện Đắk Hà báo cáo kết quả triển khai như sau.",
        "Ủy ban nhân dân huyện Đắk Hà kính báo cáo Sở Nội vụ tỉnh Kon Tum./.",
    ),
    noi_nhan=("- Như trên;", "- Lưu: VT, NV."),
)
"""A compliant công văn: V/v under the number, Kính gửi above the body, no tên loại."""

RESULTS_TABLE: Rows = (
    ("TT", "Hình thức khen thưởng", "Số lượng", "Tỷ lệ"),
    ("1", "Giấy khen của Chủ tịch Ủy ban nhân dân huyện", "1.234", "87,5%"),
    ("2", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "176", "12,5%"),
    ("", "Tổng cộng", "1.410", "100%"),
)
MO_DAU_CAN_CU = (
    "Căn cứ Kế hoạch số 05/KH-UBND ngày 05/3/2024 của UBND huyện; thực hiện Công văn số "
    "12/SNV-TĐKT của Sở Nội vụ, Ủy ban nhân dân huyện báo cáo kết quả như sau:"
)
"""An opening sentence that starts like a căn cứ line but is body text (upright, ends ":")."""
BAO_CAO_BODY: tuple[BodyItem, ...] = (
    MO_DAU_CAN_CU,
    "Phần I",
    "KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG 6 THÁNG ĐẦU NĂM 2024",
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "Ủy ban nhân dân huyện đã kịp thời ban hành các văn bản chỉ đạo, hướng dẫn:",
    "- Kế hoạch triển khai công tác thi đua, khen thưởng năm 2024, trong đó:",
    "+ Phát động phong trào thi đua “Đắk Hà chung sức xây dựng nông thôn mới”;",
    "+ Tổ chức ký kết giao ước thi đua giữa các Khối, Cụm thi đua;",
    "- Hướng dẫn chấm điểm, xếp loại thi đua năm 2024.",
    "II. KẾT QUẢ KHEN THƯỞNG",
    "Kết quả khen thưởng 6 tháng đầu năm 2024 như sau:",
    RESULTS_TABLE,
    "III. TỒN TẠI, HẠN CHẾ",
    "Một số cơ quan, đơn vị chưa quan tâm đúng mức đến công tác thi đua, khen thưởng.",
    "Phần II",
    "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024",
    "I. PHƯƠNG HƯỚNG",
    "Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua.",
    "II. NHIỆM VỤ TRỌNG TÂM",
    "1. Sơ kết các phong trào thi đua theo chuyên đề",
    "Tổ chức sơ kết, rút kinh nghiệm các phong trào thi đua theo chuyên đề.",
    "2. Khen thưởng kịp thời",
    "Xét, đề nghị khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc.",
    "Trên đây là báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024 của Ủy "
    "ban nhân dân huyện Đắk Hà./.",
)

BAO_CAO = Spec(
    so="Số: 45/BC-UBND",
    date="Đắk Hà, ngày 15 tháng 6 năm 2024",
    ten_loai="BÁO CÁO",
    trich_yeu="Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024",
    trich_yeu_lines=("và phương hướng, nhiệm vụ 6 tháng cuối năm 2024",),
    kinh_gui=("Kính gửi: Ủy ban nhân dân tỉnh Kon Tum.",),
    can_cu=(),
    body=BAO_CAO_BODY,
    noi_nhan=("- Như trên;", "- Sở Nội vụ;", "- Thường trực Huyện ủy;", "- Lưu: VT, NV."),
)
"""A compliant Báo cáo to a superior: trích yếu on two lines, Kính gửi, an opening sentence
starting "Căn cứ", two phần whose mục restart at I, "+" items, a results table."""
KINH_GUI_NHIEU = (
    "Kính gửi:",
    "- Ủy ban nhân dân tỉnh Kon Tum;",
    "- Sở Nội vụ tỉnh Kon Tum;",
    "- Ban Thi đua - Khen thưởng tỉnh.",
)
"""A Kính gửi block for several recipients."""
KINH_GUI_INDENT = Cm(3)
"""Where a several-line "Kính gửi:" starts (practice: roughly centred on the page)."""


@dataclass
class Built:
    """The document being built, handed to ``mutate`` before it is saved."""

    document: Document
    spec: Spec
    named: dict[str, Paragraph] = field(default_factory=dict)
    """Paragraphs by role: co_quan_0, ke_co_quan, quoc_hieu, tieu_ngu, ke_tieu_ngu, so, ngay,
    ten_loai, trich_yeu, ke_trich_yeu, tham_quyen_ban_hanh, can_cu_0…, noi_nhan_tieu_de,
    noi_nhan_0…, tham_quyen_0…, ho_ten, so_trang, phu_luc; in the attached list ds_co_quan_0…,
    ds_quoc_hieu, ds_tieu_ngu, ds_ten_loai, ds_tieu_de_0…, kem_theo, ds_ke, bang_<row>_<column>,
    ds_tong; tables header, closing, danh_sach_header and danh_sach."""
    tables: dict[str, Table] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Paragraph:
        return self.named[name]

    def find(self, start: str) -> Paragraph:
        """Return the first body paragraph whose text starts with ``start``."""
        for paragraph in self.document.paragraphs:
            if paragraph.text.startswith(start):
                return paragraph
        raise KeyError(start)


Mutation = Callable[[Built], None]


# -- typing text, as a person does ----------------------------------------------------------


def set_fonts(run: Run, name: str = n30.FONT_NAME) -> None:
    """Give ``run`` the font ``name`` on all four script slots (Word's font box does this)."""
    run.font.name = name
    fonts = run._r.get_or_add_rPr().find(qn("w:rFonts"))
    assert fonts is not None
    for slot in FONT_SLOTS:
        fonts.set(qn(f"w:{slot}"), name)


def typed(
    container: Container,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = CENTER,
    first: bool = False,
) -> Paragraph:
    """Add a single-spaced paragraph holding ``text`` in one directly formatted run."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.paragraph_format.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    if text:
        add_run(paragraph, text, size, bold, italic)
    return paragraph


def add_run(
    paragraph: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False
) -> Run:
    run = paragraph.add_run(text)
    set_fonts(run)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return run


def body_paragraph(
    document: Document, text: str, bold: bool = False, italic: bool = False
) -> Paragraph:
    """Add a body paragraph: 14 pt, justified, first line 1.27 cm, 6 pt after, 1.15 lines."""
    paragraph = document.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    paragraph_format.alignment = JUSTIFY
    paragraph_format.first_line_indent = Cm(1.27)
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(6)
    paragraph_format.line_spacing = 1.15
    add_run(paragraph, text, 14, bold, italic)
    return paragraph


def set_bold(paragraph: Paragraph, value: bool = True) -> None:
    """Select the paragraph and press Ctrl+B."""
    for run in paragraph.runs:
        run.font.bold = value


def set_italic(paragraph: Paragraph, value: bool = True) -> None:
    for run in paragraph.runs:
        run.font.italic = value


def set_size(paragraph: Paragraph, points: float) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(points)


def set_text(paragraph: Paragraph, text: str) -> None:
    """Retype the paragraph's text, keeping the formatting of its first run."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def remove(paragraph: Paragraph) -> None:
    """Delete the paragraph (in a table cell, leave the cell its required empty paragraph)."""
    element = paragraph._p
    parent = element.getparent()
    parent.remove(element)
    if parent.tag == qn("w:tc") and parent.find(qn("w:p")) is None:
        parent.append(OxmlElement("w:p"))


def clear_cell(cell: _Cell) -> None:
    """Delete everything typed in ``cell``."""
    for paragraph in cell.paragraphs:
        remove(paragraph)


# -- lines -----------------------------------------------------------------------------------


def border_line(paragraph: Paragraph, container: int, length: int) -> None:
    """Make the empty ``paragraph`` a centred bottom-border line ``length`` long (EMU)."""
    side = Length(max(container - length, 0) // 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    p_pr.insert(0 if p_pr.find(qn("w:pStyle")) is None else 1, borders)  # before spacing, ind


_shape_ids = iter(range(1, 1_000_000))


def drawn_line(paragraph: Paragraph, length: int, offset: int = 0) -> None:
    """Draw a straight-line shape ``length`` EMU long, anchored in ``paragraph`` (Insert ▸
    Shapes ▸ Line, as Word 2010+ writes it)."""
    shape_id = next(_shape_ids)
    xml = (
        f'<w:r xmlns:w="{W_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:wps="{WPS_NS}">'
        "<w:rPr><w:noProof/></w:rPr><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{251659264 + shape_id}" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{offset}</wp:posOffset>'
        "</wp:positionH>"
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{length}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="Straight Connector {shape_id}"/>'
        "<wp:cNvGraphicFramePr/><a:graphic>"
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<wps:wsp><wps:cNvCnPr/><wps:spPr>"
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{length}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'
        "</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def vml_line(paragraph: Paragraph, length: int) -> None:
    """Draw a straight line as legacy VML (what Word 2003 files and converters hold)."""
    points = Length(length).pt
    xml = (
        f'<w:r xmlns:w="{W_NS}" xmlns:v="{V_NS}"><w:pict>'
        f'<v:line from="0,0" to="{points:.2f}pt,0" strokeweight=".75pt"/>'
        "</w:pict></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


# -- the document ----------------------------------------------------------------------------


def _layout_table(document: Document, rows: int, widths: tuple[Length, ...]) -> Table:
    """Add a table without borders whose columns have the fixed ``widths``."""
    table: Table = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr = table._tbl.tblPr
    successors = {qn(tag) for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")}
    following = next((child for child in tbl_pr if child.tag in successors), None)
    if following is None:
        tbl_pr.append(borders)
    else:
        following.addprevious(borders)  # schema order: tblBorders before layout and look
    return table


def _inner_width(cell: _Cell) -> int:
    """Return the width inside ``cell``'s default margins, as the cell's tcW states it."""
    assert cell.width is not None
    return int(Twips(Length(cell.width).twips - 2 * CELL_MARGIN))


def _page(document: Document, spec: Spec) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if spec.landscape else WD_ORIENT.PORTRAIT
    section.page_width = spec.page_width
    section.page_height = spec.page_height
    section.top_margin = spec.top
    section.bottom_margin = spec.bottom
    section.left_margin = spec.left
    section.right_margin = spec.right
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _page_number(built: Built) -> None:
    spec, section = built.spec, built.document.sections[0]
    section.different_first_page_header_footer = spec.different_first_page
    if spec.different_first_page:
        first = section.first_page_header
        first.is_linked_to_previous = False  # an empty header: no number on page 1
    if spec.page_number == "none":
        return
    part = section.header if spec.page_number == "header" else section.footer
    part.is_linked_to_previous = False
    paragraph = part.paragraphs[0]
    paragraph.paragraph_format.alignment = spec.page_number_align
    # Insert ▸ Page Number: a complex field, each part in a run of its own.
    for kind in ("begin", " PAGE ", "separate", "2", "end"):
        run = paragraph.add_run()
        set_fonts(run)
        run.font.size = Pt(14)
        if kind in ("begin", "separate", "end"):
            character = OxmlElement("w:fldChar")
            character.set(qn("w:fldCharType"), kind)
            run._r.append(character)
        elif kind == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = kind
            run._r.append(instruction)
        else:
            run._r.append(parse_xml(f'<w:t xmlns:w="{W_NS}">{kind}</w:t>'))
    built.named["so_trang"] = paragraph


def _header_table(built: Built, rows: int, prefix: str = "") -> Table:
    """Type the header table: agency and its line | Quốc hiệu, Tiêu ngữ and its line (and an
    empty second row for Số and the date when ``rows`` is 2); name its paragraphs with
    ``prefix``."""
    spec, named = built.spec, built.named
    geometry = n30.GEOMETRY
    table = _layout_table(built.document, rows, (geometry.header_left, geometry.header_right))
    agency = table.cell(0, 0)
    for position, (text, bold) in enumerate(zip(spec.agency, spec.agency_bold, strict=True)):
        named[f"{prefix}co_quan_{position}"] = typed(
            agency, text, spec.agency_size, bold=bold, first=position == 0
        )
    named[f"{prefix}ke_co_quan"] = line = typed(agency, "", spec.agency_size)
    if spec.agency_line is not None:
        # The line goes under the name of the issuing agency: the lines from the first bold one.
        first_bold = spec.agency_bold.index(True)
        widest = max(
            n30.text_width(name, Pt(spec.agency_size), True) for name in spec.agency[first_bold:]
        )
        border_line(line, _inner_width(agency), int(widest * spec.agency_line))
    nation = table.cell(0, 1)
    named[f"{prefix}quoc_hieu"] = typed(nation, n30.QUOC_HIEU_TEXT, 12, bold=True, first=True)
    named[f"{prefix}tieu_ngu"] = typed(nation, n30.TIEU_NGU_TEXT, 13, bold=True)
    named[f"{prefix}ke_tieu_ngu"] = line = typed(nation, "", 13)
    if spec.tieu_ngu_line is not None:
        width = n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True)
        length = int(width * spec.tieu_ngu_line)
        drawn_line(line, length, offset=(_inner_width(nation) - length) // 2)
    return table


def _header(built: Built) -> None:
    spec, named = built.spec, built.named
    table = _header_table(built, 2)
    built.tables["header"] = table
    named["so"] = typed(table.cell(1, 0), spec.so, 13, first=True)
    named["ngay"] = typed(table.cell(1, 1), spec.date, 13, italic=True, first=True)
    if spec.vv is not None:
        named["vv"] = typed(table.cell(1, 0), spec.vv, 12)
        named["vv"].paragraph_format.space_before = Pt(6)
    for paragraph in (named["so"], named["ngay"]):
        paragraph.paragraph_format.space_before = Pt(6)


def _title(built: Built) -> None:
    spec, named, document = built.spec, built.named, built.document
    if spec.ten_loai is None:
        _kinh_gui(built)
        return
    named["ten_loai"] = typed(document, spec.ten_loai, 14, bold=True)
    named["ten_loai"].paragraph_format.space_before = Pt(18)
    named["trich_yeu"] = typed(document, spec.trich_yeu, 14, bold=True)
    for position, text in enumerate(spec.trich_yeu_lines, start=1):
        named[f"trich_yeu_{position}"] = typed(document, text, 14, bold=True)
    named["ke_trich_yeu"] = line = typed(document, "", 14)
    line.paragraph_format.space_after = Pt(12)
    if spec.trich_yeu_line is not None:
        # The line is measured against the longest line of the trích yếu.
        width = min(
            max(n30.text_width(t, Pt(14), True) for t in (spec.trich_yeu, *spec.trich_yeu_lines)),
            spec.text_width,
        )
        border_line(line, int(spec.text_width), int(width * spec.trich_yeu_line))
    _kinh_gui(built)
    if spec.tham_quyen_ban_hanh is not None:
        named["tham_quyen_ban_hanh"] = typed(document, spec.tham_quyen_ban_hanh, 14, bold=True)
        named["tham_quyen_ban_hanh"].paragraph_format.space_after = Pt(6)
    for position, text in enumerate(spec.can_cu):
        named[f"can_cu_{position}"] = body_paragraph(document, text, italic=True)


def _kinh_gui(built: Built) -> None:
    lines = built.spec.kinh_gui
    if not lines:
        return
    if len(lines) == 1:
        paragraph = typed(built.document, lines[0], 14)
        paragraph.paragraph_format.space_after = Pt(6)
        built.named["kinh_gui_0"] = paragraph
        return
    # Several recipients: left-aligned lines, the dashes indented to stand under the colon.
    colon = Length(KINH_GUI_INDENT + n30.text_width(lines[0].rstrip(":"), Pt(14), False))
    for position, text in enumerate(lines):
        paragraph = typed(built.document, text, 14, align=LEFT)
        paragraph.paragraph_format.left_indent = KINH_GUI_INDENT if position == 0 else colon
        built.named[f"kinh_gui_{position}"] = paragraph
    paragraph.paragraph_format.space_after = Pt(6)


def _table(built: Built, rows: Rows) -> None:
    """Type a results table (Insert ▸ Table, grid borders), its header and total rows bold."""
    widths = (Cm(1.2), Cm(8.8), Cm(3), Cm(3.5))
    table = built.document.add_table(rows=len(rows), cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    for row_index, row in enumerate(rows):
        bold = row_index == 0 or "Tổng cộng" in row
        for column, (text, width) in enumerate(zip(row, widths, strict=True)):
            cell = table.cell(row_index, column)
            cell.width = width
            alignment = LEFT if column == 1 and row_index > 0 else CENTER
            typed(cell, text, 13, bold=bold, align=alignment, first=True)
    built.tables[f"bang_{len(built.tables)}"] = table


def _body(built: Built) -> None:
    document = built.document
    phan_title = False
    for text in built.spec.body:
        if isinstance(text, tuple):
            _table(built, text)
        elif phan_title:
            title = typed(document, text, 14, bold=True)
            title.paragraph_format.space_after = Pt(6)
            phan_title = False
        elif PHAN_RE.match(text):
            phan = typed(document, text, 14, bold=True)
            phan.paragraph_format.space_before = Pt(6)
            phan_title = True
        elif text == "QUYẾT ĐỊNH:":
            paragraph = typed(document, text, 14, bold=True)
            paragraph.paragraph_format.space_after = Pt(6)
        elif MUC_RE.match(text) or KHOAN_RE.match(text):
            body_paragraph(document, text, bold=True)
        elif match := DIEU_RE.match(text):
            paragraph = body_paragraph(document, match.group(0), bold=True)
            add_run(paragraph, text[match.end() :], 14)
        else:
            body_paragraph(document, text)


def _closing(built: Built) -> None:
    if built.spec.closing != "table":
        _closing_paragraphs(built)
        return
    spec, named = built.spec, built.named
    geometry = n30.GEOMETRY
    table = _layout_table(built.document, 1, (geometry.closing_left, geometry.closing_right))
    built.tables["closing"] = table
    # Table Properties ▸ Row: "Allow row to break across pages" unticked.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signature = table.cell(0, 0), table.cell(0, 1)
    named["noi_nhan_tieu_de"] = typed(
        recipients, spec.noi_nhan_heading, 12, bold=True, italic=True, align=LEFT, first=True
    )
    for position, text in enumerate(spec.noi_nhan):
        named[f"noi_nhan_{position}"] = typed(recipients, text, 11, align=LEFT)
    for position, text in enumerate(spec.signer):
        named[f"tham_quyen_{position}"] = typed(signature, text, 14, bold=True, first=position == 0)
    for _ in range(n30.GEOMETRY.signature_blank_lines):
        typed(signature, "", 14)
    named["ho_ten"] = typed(signature, spec.name, 14, bold=True)


def _closing_paragraphs(built: Built) -> None:
    """Type Nơi nhận and the signature as plain paragraphs, the signature indented into the
    right half of the page and chained with "keep with next" down to the signer's name."""
    spec, named, document = built.spec, built.named, built.document

    def signature() -> None:
        for position, text in enumerate(spec.signer):
            named[f"tham_quyen_{position}"] = line = typed(document, text, 14, bold=True)
            line.paragraph_format.left_indent = n30.GEOMETRY.closing_left
            line.paragraph_format.keep_with_next = True
        for _ in range(n30.GEOMETRY.signature_blank_lines):
            blank = typed(document, "", 14)
            blank.paragraph_format.keep_with_next = True
        named["ho_ten"] = typed(document, spec.name, 14, bold=True)
        named["ho_ten"].paragraph_format.left_indent = n30.GEOMETRY.closing_left

    if spec.closing == "signature-above":
        signature()
        typed(document, "", 12)
    named["noi_nhan_tieu_de"] = typed(
        document, spec.noi_nhan_heading, 12, bold=True, italic=True, align=LEFT
    )
    for position, text in enumerate(spec.noi_nhan):
        named[f"noi_nhan_{position}"] = typed(document, text, 11, align=LEFT)
    if spec.closing == "signature-below":
        typed(document, "", 14)
        signature()


def _appendix(built: Built) -> None:
    spec, document = built.spec, built.document
    if spec.appendix is None:
        return
    heading = typed(document, spec.appendix, 14, bold=True)
    heading.paragraph_format.page_break_before = True
    built.named["phu_luc"] = heading
    typed(document, "DANH SÁCH CÁC KHỐI, CỤM THI ĐUA NĂM 2024", 14, bold=True)
    typed(
        document,
        f"(Kèm theo Kế hoạch số {spec.so.removeprefix('Số: ')} ngày 05 tháng 3 năm 2024 "
        "của Ủy ban nhân dân huyện Đắk Hà)",
        14,
        italic=True,
    )
    body_paragraph(document, "1. Khối các cơ quan Đảng, đoàn thể huyện.")


def _list_section(built: Built) -> None:
    """Insert ▸ Break ▸ Next Page section, then Layout ▸ Orientation and page numbering
    "Start at: 1", as a person sets up the pages of a wide list."""
    spec = built.spec
    section = built.document.add_section(WD_SECTION.NEW_PAGE)
    wide = spec.danh_sach_landscape
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (spec.page_height, spec.page_width) if wide else (spec.page_width, spec.page_height)
    )
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    margins = section._sectPr.find(qn("w:pgMar"))
    assert margins is not None
    margins.addnext(numbering)  # schema order: pgSz, pgMar, ..., pgNumType, cols, ..., titlePg


def _list_table(built: Built, width: Length) -> Table:
    """Type the list (Insert ▸ Table, grid borders): the header row repeated on every page,
    no row broken across pages, group, subtotal and total rows bold."""
    table: Table = built.document.add_table(rows=len(LIST_TABLE), cols=len(LIST_WIDTHS))
    table.style = "Table Grid"
    table.autofit = False
    # On a portrait page the columns shrink in proportion to fit between the margins.
    scale = min(1.0, width / sum(LIST_WIDTHS))
    widths = [Length(int(w * scale)) for w in LIST_WIDTHS]
    for row_index, row in enumerate(LIST_TABLE):
        properties = table.rows[row_index]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if row_index == 0:
            properties.append(OxmlElement("w:tblHeader"))
        group = row[0] in ("I", "II") or row[1] in ("Cộng", "Tổng cộng")
        for column, (text, cell_width) in enumerate(zip(row, widths, strict=True)):
            cell = table.cell(row_index, column)
            cell.width = cell_width
            bold = row_index == 0 or (group and (column in (0, 1) or column == 4))
            alignment = LEFT if column in (1, 2) and row_index > 0 else CENTER
            alignment = RIGHT if column == 4 and row_index > 0 else alignment
            built.named[f"bang_{row_index}_{column}"] = typed(
                cell, text, 13, bold=bold, align=alignment, first=True
            )
    built.tables["danh_sach"] = table
    return table


def _danh_sach(built: Built) -> None:
    """Attach the list of awardees on new pages of a section of its own."""
    spec, named, document = built.spec, built.named, built.document
    if not spec.danh_sach:
        return
    _list_section(built)
    section = document.sections[-1]
    assert section.page_width is not None
    width = Length(section.page_width - spec.left - spec.right)
    built.tables["danh_sach_header"] = _header_table(built, 1, prefix="ds_")
    named["ds_ten_loai"] = typed(document, "DANH SÁCH", 14, bold=True)
    named["ds_ten_loai"].paragraph_format.space_before = Pt(18)
    for position, text in enumerate(LIST_TITLE):
        named[f"ds_tieu_de_{position}"] = typed(document, text, 14, bold=True)
    named["kem_theo"] = typed(document, spec.kem_theo, 14, italic=True)
    named["ds_ke"] = line = typed(document, "", 14)
    line.paragraph_format.space_after = Pt(12)
    widest = max(n30.text_width(text, Pt(14), True) for text in LIST_TITLE)
    border_line(line, int(width), int(min(widest, width) * 0.4))
    _list_table(built, width)
    typed(document, "", 13).paragraph_format.space_after = Pt(6)  # room after the table
    named["ds_tong"] = body_paragraph(document, LIST_TOTAL)


def build(
    spec: Spec | None = None,
    mutate: Mutation | None = None,
    directory: Path | None = None,
    name: str = "van-ban.docx",
) -> Path:
    """Build the document of ``spec``, let ``mutate`` change it, save it and return its path.

    ``directory`` defaults to a new temporary folder.
    """
    spec = spec or Spec()
    document = docx.Document()
    built = Built(document, spec)
    _page(document, spec)
    _page_number(built)
    _header(built)
    _title(built)
    _body(built)
    _closing(built)
    _appendix(built)
    _danh_sach(built)
    if mutate is not None:
        mutate(built)
    folder = directory or Path(tempfile.mkdtemp(prefix="docgen-check-"))
    path = folder / name
    document.save(str(path))
    return path
