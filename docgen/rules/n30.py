"""The numbers of Nghị định 30/2020/NĐ-CP, Phụ lục I, stated once.

Every size, margin, indent and style that docgen builds into a template, or that a checker
verifies in a document, comes from here. A rule carries its allowed range (what the decree
permits) and the default docgen builds with (always inside the range, usually the decree's
own example in Mục V). References are to Phụ lục I of the decree unless said otherwise.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from docgen.units import Cm, Length, Mm, Pt

FONT_NAME = "Times New Roman"
FONT_REF = "Phụ lục I, Phần I, Mục I.3: phông chữ Times New Roman, bộ mã TCVN 6909:2001"
COLOR_BLACK = "000000"
LANGUAGE = "vi-VN"


HALF_TWIP = 318
"""Word stores lengths in twips; a length read back may differ from the rule by this much."""


def same_length(found: int, wanted: int) -> bool:
    """Return True when two lengths (EMU) are equal to within Word's storage precision."""
    return abs(found - wanted) <= HALF_TWIP


@dataclass(frozen=True)
class Range:
    """An inclusive range of lengths (EMU), with the value docgen builds with."""

    low: Length
    high: Length
    default: Length

    def __post_init__(self) -> None:
        if not self.low <= self.default <= self.high:
            raise ValueError(f"default {self.default} outside {self.low}-{self.high}")

    def allows(self, value: int) -> bool:
        """Return True when ``value`` (EMU) lies in the range, to within half a twip."""
        return self.low - HALF_TWIP <= value <= self.high + HALF_TWIP


def pt_range(low: float, high: float, default: float) -> Range:
    """Return a :class:`Range` of font sizes or spacings given in points."""
    return Range(Pt(low), Pt(high), Pt(default))


@dataclass(frozen=True)
class PageRule:
    """Paper and margins (Phụ lục I, Phần I, Mục I)."""

    width: Length = Mm(210)
    height: Length = Mm(297)
    top: Range = Range(Mm(20), Mm(25), Mm(20))
    bottom: Range = Range(Mm(20), Mm(25), Mm(20))
    left: Range = Range(Mm(30), Mm(35), Mm(30))
    right: Range = Range(Mm(15), Mm(20), Mm(15))
    ref: str = (
        "Phụ lục I, Phần I, Mục I.5–6: khổ A4 (210 x 297 mm), "
        "lề trên, dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm"
    )

    def margins(self) -> tuple[tuple[str, str, Range], ...]:
        """Return (side, Vietnamese label, allowed range) for the four margins."""
        return (
            ("top", "lề trên", self.top), ("bottom", "lề dưới", self.bottom),
            ("left", "lề trái", self.left), ("right", "lề phải", self.right),
        )  # fmt: skip

    @property
    def text_width(self) -> Length:
        """Return the width between the default margins."""
        return Length(self.width - self.left.default - self.right.default)


PAGE = PageRule()


class Case(Enum):
    """Letter case a component is written in."""

    UPPER = "in hoa"
    NORMAL = "in thường"
    ANY = "tùy ý"


class Align(Enum):
    """Paragraph alignment, as the value of Word's ``w:jc``."""

    LEFT = "left"
    CENTER = "center"
    JUSTIFY = "both"


@dataclass(frozen=True)
class Spacing:
    """Paragraph geometry a style is built with (not itself a decree rule unless noted)."""

    before: Length = Pt(0)
    after: Length = Pt(0)
    line: float = 1.0  # multiple of single line spacing
    first_line_indent: Length | None = None
    keep_with_next: bool = False


@dataclass(frozen=True)
class Component:
    """One component of the layout (a "thành phần thể thức") and its Word paragraph style.

    ``bold``/``italic`` are None where the decree leaves them free (inline emphasis in body
    text). ``case`` is checked on the text; ``size`` is the allowed range of the font size.
    """

    key: str
    label: str
    ref: str
    style_id: str
    style_name: str
    size: Range
    bold: bool | None = False
    italic: bool | None = False
    case: Case = Case.NORMAL
    align: Align = Align.CENTER
    spacing: Spacing = field(default_factory=Spacing)
    based_on: str | None = None
    check_align: bool = True
    """False where the decree leaves the alignment to practice (the checker then ignores it)."""


# Body text: Phụ lục I, Mục II.6.e. Any first-line indent from 1 cm to 1.27 cm is legal;
# between paragraphs at least 6 pt; line spacing from single to 1.5 lines.
BODY_FIRST_LINE_INDENT = Range(Cm(1), Cm(1.27), Cm(1.27))
BODY_PARAGRAPH_SPACING_MIN = Pt(6)
BODY_LINE_SPACING = (1.0, 1.5)
BODY_REF = (
    "Phụ lục I, Mục II.6.e: canh đều hai lề, lùi đầu dòng 1–1,27 cm, "
    "cách đoạn tối thiểu 6 pt, giãn dòng từ đơn đến 1,5 dòng"
)
BODY_SPACING = Spacing(after=Pt(6), line=1.2, first_line_indent=BODY_FIRST_LINE_INDENT.default)
HEADING_SPACING = Spacing(
    after=Pt(6), line=1.2, first_line_indent=BODY_FIRST_LINE_INDENT.default, keep_with_next=True
)
TABLE_CELL_SPACING = Spacing(before=Pt(2), after=Pt(2), line=1.0)
LIST_SPACING = Spacing()  # Nơi nhận and signature lines: single, no gaps (practice)

QUOC_HIEU = Component(
    "quoc_hieu", "Quốc hiệu", "Phụ lục I, Mục II.1.a; Mục V", "N30QuocHieu", "N30 Quốc hiệu",
    pt_range(12, 13, 12), bold=True, case=Case.UPPER,
)  # fmt: skip
TIEU_NGU = Component(
    "tieu_ngu", "Tiêu ngữ", "Phụ lục I, Mục II.1.b; Mục V", "N30TieuNgu", "N30 Tiêu ngữ",
    pt_range(13, 14, 13), bold=True,
)  # fmt: skip
CO_QUAN_CHU_QUAN = Component(
    "co_quan_chu_quan", "Tên cơ quan chủ quản", "Phụ lục I, Mục II.2.b; Mục V",
    "N30CoQuanChuQuan", "N30 Cơ quan chủ quản", pt_range(12, 13, 12), case=Case.UPPER,
)  # fmt: skip
CO_QUAN_BAN_HANH = Component(
    "co_quan_ban_hanh", "Tên cơ quan ban hành", "Phụ lục I, Mục II.2.b; Mục V",
    "N30CoQuanBanHanh", "N30 Cơ quan ban hành", pt_range(12, 13, 12), bold=True, case=Case.UPPER,
)  # fmt: skip
SO_KY_HIEU = Component(
    "so_ky_hieu", "Số, ký hiệu", "Phụ lục I, Mục II.3.c; Mục V", "N30SoKyHieu", "N30 Số, ký hiệu",
    pt_range(13, 13, 13), case=Case.ANY, spacing=Spacing(before=Pt(6)),
)  # fmt: skip
DIA_DANH_NGAY = Component(
    "dia_danh_ngay", "Địa danh và thời gian ban hành", "Phụ lục I, Mục II.4.c; Mục V",
    "N30DiaDanhNgay", "N30 Địa danh, ngày", pt_range(13, 14, 13), italic=True,
    spacing=Spacing(before=Pt(6)),
)  # fmt: skip
TEN_LOAI = Component(
    "ten_loai", "Tên loại văn bản", "Phụ lục I, Mục II.5.c; Mục V", "N30TenLoai", "N30 Tên loại",
    pt_range(13, 14, 14), bold=True, case=Case.UPPER,
    spacing=Spacing(before=Pt(18), keep_with_next=True),
)  # fmt: skip
TRICH_YEU = Component(
    "trich_yeu", "Trích yếu nội dung", "Phụ lục I, Mục II.5.c; Mục V", "N30TrichYeu",
    "N30 Trích yếu", pt_range(13, 14, 14), bold=True, spacing=Spacing(keep_with_next=True),
)  # fmt: skip
CAN_CU = Component(
    "can_cu", "Căn cứ ban hành", "Phụ lục I, Mục II.6.a", "N30CanCu", "N30 Căn cứ",
    pt_range(13, 14, 14), italic=True, align=Align.JUSTIFY, spacing=BODY_SPACING,
)  # fmt: skip
NOI_DUNG = Component(
    "noi_dung", "Nội dung văn bản", BODY_REF, "N30NoiDung", "N30 Nội dung",
    pt_range(13, 14, 14), bold=None, italic=None, case=Case.ANY, align=Align.JUSTIFY,
    spacing=BODY_SPACING,
)  # fmt: skip
GACH_DAU_DONG = Component(
    "gach_dau_dong", "Ý gạch đầu dòng", BODY_REF, "N30GachDauDong", "N30 Gạch đầu dòng",
    pt_range(13, 14, 14), bold=None, italic=None, case=Case.ANY, align=Align.JUSTIFY,
    spacing=BODY_SPACING, based_on="N30NoiDung",
)  # fmt: skip
MUC = Component(
    "muc", "Mục (I., II., ...)", "Phụ lục I, Mục II.6.b; Mục V", "N30Muc", "N30 Mục La Mã",
    pt_range(13, 14, 14), bold=True, case=Case.UPPER, align=Align.JUSTIFY,
    spacing=HEADING_SPACING,
)  # fmt: skip
KHOAN_TIEU_DE = Component(
    "khoan_tieu_de", "Khoản có tiêu đề (1., 2., ...)", "Phụ lục I, Mục II.6.b; Mục V",
    "N30KhoanTieuDe", "N30 Khoản có tiêu đề", pt_range(13, 14, 14), bold=True, case=Case.ANY,
    align=Align.JUSTIFY, spacing=HEADING_SPACING,
)  # fmt: skip
BANG_TIEU_DE = Component(
    "bang_tieu_de", "Hàng tiêu đề bảng", "thực tiễn (N30 không quy định)", "N30BangTieuDe",
    "N30 Bảng - tiêu đề", pt_range(12, 14, 13), bold=True, case=Case.ANY,
    spacing=TABLE_CELL_SPACING,
)  # fmt: skip
BANG_NOI_DUNG = Component(
    "bang_noi_dung", "Nội dung ô bảng", "thực tiễn (N30 không quy định)", "N30BangNoiDung",
    "N30 Bảng - nội dung", pt_range(12, 14, 13), bold=None, italic=None, case=Case.ANY,
    align=Align.JUSTIFY, spacing=TABLE_CELL_SPACING,
)  # fmt: skip
BANG_GIUA = Component(
    "bang_giua", "Ô bảng căn giữa", "thực tiễn (N30 không quy định)", "N30BangGiua",
    "N30 Bảng - căn giữa", pt_range(12, 14, 13), bold=None, italic=None, case=Case.ANY,
    spacing=TABLE_CELL_SPACING, based_on="N30BangNoiDung",
)  # fmt: skip
BANG_TRAI = Component(
    "bang_trai", "Ô bảng căn trái", "thực tiễn (N30 không quy định)", "N30BangTrai",
    "N30 Bảng - căn trái", pt_range(12, 14, 13), bold=None, italic=None, case=Case.ANY,
    align=Align.LEFT, spacing=TABLE_CELL_SPACING, based_on="N30BangNoiDung",
)  # fmt: skip
BANG_SO = Component(
    "bang_so", "Số thứ tự trong bảng", "thực tiễn (N30 không quy định)", "N30BangSo",
    "N30 Bảng - số thứ tự", pt_range(12, 14, 13), bold=None, case=Case.ANY,
    spacing=TABLE_CELL_SPACING,
)  # fmt: skip
KET_THUC = Component(
    "ket_thuc", "Câu kết thúc nội dung", BODY_REF, "N30NoiDung", "N30 Nội dung",
    pt_range(13, 14, 14), bold=None, italic=None, case=Case.ANY, align=Align.JUSTIFY,
    spacing=BODY_SPACING,
)  # fmt: skip
NOI_NHAN_TIEU_DE = Component(
    "noi_nhan_tieu_de", "Chữ “Nơi nhận:”", "Phụ lục I, Mục II.9.b; Mục V", "N30NoiNhanTieuDe",
    "N30 Nơi nhận - tiêu đề", pt_range(12, 12, 12), bold=True, italic=True, align=Align.LEFT,
    spacing=LIST_SPACING,
)  # fmt: skip
NOI_NHAN = Component(
    "noi_nhan", "Danh sách nơi nhận", "Phụ lục I, Mục II.9.b; Mục V", "N30NoiNhan",
    "N30 Nơi nhận", pt_range(11, 11, 11), case=Case.ANY, align=Align.LEFT, spacing=LIST_SPACING,
)  # fmt: skip
THAM_QUYEN = Component(
    "tham_quyen", "Quyền hạn, chức vụ người ký", "Phụ lục I, Mục II.7.b; Mục V",
    "N30ThamQuyen", "N30 Quyền hạn, chức vụ", pt_range(13, 14, 14), bold=True, case=Case.UPPER,
    spacing=LIST_SPACING,
)  # fmt: skip
HO_TEN = Component(
    "ho_ten", "Họ tên người ký", "Phụ lục I, Mục II.7.b; Mục V", "N30HoTen", "N30 Họ tên người ký",
    pt_range(13, 14, 14), bold=True, spacing=LIST_SPACING,
)  # fmt: skip
SO_TRANG = Component(
    "so_trang", "Số trang", "Phụ lục I, Phần I, Mục I.7; Mục V", "N30SoTrang", "N30 Số trang",
    pt_range(13, 14, 14), case=Case.ANY,
)  # fmt: skip

# Phần: "Phần I" on its own line, then its title, both centred and bold (Mục II.6.b); mục
# numbering restarts in each phần.
PHAN = Component(
    "phan", "Phần (Phần I, Phần thứ nhất, ...)", "Phụ lục I, Mục II.6.b", "N30Phan", "N30 Phần",
    pt_range(13, 14, 14), bold=True, case=Case.ANY,
    spacing=Spacing(before=Pt(6), keep_with_next=True),
)  # fmt: skip
PHAN_TIEU_DE = Component(
    "phan_tieu_de", "Tiêu đề phần", "Phụ lục I, Mục II.6.b", "N30PhanTieuDe",
    "N30 Phần - tiêu đề", pt_range(13, 14, 14), bold=True, case=Case.UPPER,
    spacing=Spacing(after=Pt(6), keep_with_next=True),
)  # fmt: skip
# "+" items under a dash item: practice below điểm (n30-spec §3.2), formatted like body text.
GACH_CONG = Component(
    "gach_cong", "Ý dấu cộng", BODY_REF, "N30GachCong", "N30 Gạch cộng",
    pt_range(13, 14, 14), bold=None, italic=None, case=Case.ANY, align=Align.JUSTIFY,
    spacing=BODY_SPACING, based_on="N30NoiDung",
)  # fmt: skip

# Quyết định (Mẫu 1.2): the authority line under the title, and "QUYẾT ĐỊNH:" before the
# articles. The form shows both upper case, bold and centred; sizes are practice (n30-spec §3.4).
THAM_QUYEN_BAN_HANH = Component(
    "tham_quyen_ban_hanh", "Thẩm quyền ban hành", "Phụ lục III, Mẫu 1.2 (chú thích 6)",
    "N30ThamQuyenBanHanh", "N30 Thẩm quyền ban hành", pt_range(13, 14, 14), bold=True,
    case=Case.UPPER, spacing=Spacing(before=Pt(6), after=Pt(6), keep_with_next=True),
)  # fmt: skip
QUYET_DINH_LENH = Component(
    "quyet_dinh_lenh", "Chữ “QUYẾT ĐỊNH:”", "Phụ lục III, Mẫu 1.2", "N30QuyetDinhLenh",
    "N30 Quyết định:", pt_range(13, 14, 14), bold=True, case=Case.UPPER,
    spacing=Spacing(before=Pt(6), after=Pt(6), keep_with_next=True),
)  # fmt: skip
# The reference line of an attachment: "(Kèm theo Quyết định số .../QĐ-... ngày ... của ...)",
# italic, centred under its title (Phụ lục I, Mục III.1).
KEM_THEO = Component(
    "kem_theo", "Dòng “Kèm theo ...” của phụ lục, danh sách", "Phụ lục I, Mục III.1",
    "N30KemTheo", "N30 Kèm theo", pt_range(13, 14, 14), italic=True, case=Case.ANY,
    spacing=Spacing(keep_with_next=True),
)  # fmt: skip

VV = Component(
    "vv", "Trích yếu công văn (V/v)", "Phụ lục I, Mục II.5.d; Mục V", "N30VV", "N30 V/v",
    pt_range(12, 13, 12), case=Case.ANY, spacing=Spacing(before=Pt(6)),
)  # fmt: skip
KINH_GUI = Component(
    "kinh_gui", "Kính gửi", "Phụ lục I, Mục II.9.a; Mục V", "N30KinhGui", "N30 Kính gửi",
    pt_range(13, 14, 14), case=Case.ANY, check_align=False,
    spacing=Spacing(before=Pt(6), after=Pt(6)),
)  # fmt: skip
DIEU = Component(
    "dieu", "Điều", "Phụ lục I, Mục II.6.b; Mục V", "N30Dieu", "N30 Điều",
    pt_range(13, 14, 14), bold=True, italic=None, case=Case.ANY, align=Align.JUSTIFY,
    spacing=HEADING_SPACING,
)  # fmt: skip
CHECKED_ONLY: tuple[Component, ...] = (DIEU,)
"""Components the checker knows that no docgen template uses yet (a decision's articles are
body paragraphs with a bold "Điều N." run)."""

COMPONENTS: tuple[Component, ...] = (
    QUOC_HIEU, TIEU_NGU, CO_QUAN_CHU_QUAN, CO_QUAN_BAN_HANH, SO_KY_HIEU, DIA_DANH_NGAY,
    TEN_LOAI, TRICH_YEU, CAN_CU, NOI_DUNG, GACH_DAU_DONG, MUC, KHOAN_TIEU_DE, BANG_TIEU_DE,
    BANG_NOI_DUNG, BANG_GIUA, BANG_TRAI, BANG_SO, NOI_NHAN_TIEU_DE, NOI_NHAN, THAM_QUYEN,
    HO_TEN, SO_TRANG, PHAN, PHAN_TIEU_DE, GACH_CONG, KINH_GUI, THAM_QUYEN_BAN_HANH,
    QUYET_DINH_LENH, KEM_THEO, VV,
)  # fmt: skip
"""Every component that has a paragraph style of its own, in the order styles are built."""


@dataclass(frozen=True)
class Geometry:
    """Widths of the two-column header and closing tables (practice; N30 gives no numbers)."""

    header_left: Length = Cm(6.6)  # ≈ 40 % of the 16.5 cm text width (n30-spec §2.0)
    header_right: Length = Cm(9.9)
    closing_left: Length = Cm(7.0)  # Nơi nhận
    closing_right: Length = Cm(9.5)  # signature block
    signature_blank_lines: int = 4  # room for the signature and seal (practice, §2.9)


GEOMETRY = Geometry()


@dataclass(frozen=True)
class RuleLine:
    """A solid horizontal line under a component, as a fraction of that component's text."""

    key: str
    label: str
    ref: str
    style_id: str
    style_name: str
    fraction: tuple[float, float]  # allowed length relative to the text above it
    default_fraction: float
    measured: Component  # the component whose text the line is measured against
    container: Length  # width of the column the line is centred in
    space_after: Length = Pt(0)
    weight: Length = Pt(0.75)


LINE_UNDER_CO_QUAN = RuleLine(
    "ke_co_quan", "Đường kẻ dưới tên cơ quan ban hành", "Phụ lục I, Mục II.2.b",
    "N30KeCoQuan", "N30 Đường kẻ dưới cơ quan", (1 / 3, 1 / 2), 0.4,
    CO_QUAN_BAN_HANH, GEOMETRY.header_left,
)  # fmt: skip
LINE_UNDER_TIEU_NGU = RuleLine(
    "ke_tieu_ngu", "Đường kẻ dưới Tiêu ngữ", "Phụ lục I, Mục II.1.b",
    "N30KeTieuNgu", "N30 Đường kẻ dưới Tiêu ngữ", (0.95, 1.05), 1.0,
    TIEU_NGU, GEOMETRY.header_right,
)  # fmt: skip
LINE_UNDER_TRICH_YEU = RuleLine(
    "ke_trich_yeu", "Đường kẻ dưới trích yếu", "Phụ lục I, Mục II.5.c",
    "N30KeTrichYeu", "N30 Đường kẻ dưới trích yếu", (1 / 3, 1 / 2), 0.4,
    TRICH_YEU, PAGE.text_width, space_after=Pt(12),
)  # fmt: skip
RULE_LINES = (LINE_UNDER_CO_QUAN, LINE_UNDER_TIEU_NGU, LINE_UNDER_TRICH_YEU)


@dataclass(frozen=True)
class Spacer:
    """An empty paragraph of a fixed height (Word has no space after a table)."""

    style_id: str
    style_name: str
    height: Length


SPACE_AFTER_TABLE = Spacer("N30SauBang", "N30 Sau bảng", BODY_SPACING.after)
"""Follows every body table, so the next paragraph stands as far from it as from text."""

QUOC_HIEU_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU_TEXT = "Độc lập - Tự do - Hạnh phúc"
QUYET_DINH_LENH_TEXT = "QUYẾT ĐỊNH:"
DANH_SACH_TEXT = "DANH SÁCH"
"""The heading of a list attached to a decision, in the tên loại style."""


PAGE_NUMBER_REF = (
    "Phụ lục I, Phần I, Mục I.7: số trang bằng chữ số Ả Rập, cỡ 13–14, kiểu đứng, "
    "canh giữa theo chiều ngang trong phần lề trên, không hiển thị số trang thứ nhất"
)


@functools.lru_cache(maxsize=1024)
def text_width(text: str, size: Length, bold: bool) -> Length:
    """Return the printed width of one line of ``text`` in Times New Roman.

    Characters missing from the metrics table count as a typical lower-case letter.
    """
    from docgen.rules.font_metrics import BOLD, REGULAR

    widths = BOLD if bold else REGULAR
    characters = unicodedata.normalize("NFC", text)
    units = sum(map(widths.get, characters, itertools.repeat(500, len(characters))))
    return Length(round(units * size / 1000))
