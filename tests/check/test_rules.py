"""``docgen check``, rule by rule: every test builds a compliant document by hand (direct
formatting, as typed in Word; see :mod:`tests.check.docbuilder`), makes exactly one mistake a
person makes, and expects exactly that one finding. Compliant documents give no finding."""

from __future__ import annotations

import copy
import json
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from docgen import api
from docgen.check import report
from docgen.check.checker import ERROR, WARNING, Finding, check
from docgen.check.fix import FIXABLE_PREFIXES
from docgen.check.inspect import inspect_file
from docgen.check.report import SCHEMA, FileReport, to_json, to_text
from docgen.check.roles import identify
from docgen.cli import main
from docgen.formatting import DOC_TYPE_ABBREVIATIONS
from docgen.rules import n30
from tests.check.docbuilder import (
    BAO_CAO,
    CENTER,
    CONG_VAN,
    DECISION,
    DECISION_BODY,
    DECISION_WITH_LIST,
    JUSTIFY,
    KE_HOACH_BODY,
    KINH_GUI_NHIEU,
    LEFT,
    LIST_TITLE,
    LIST_TOTAL,
    MO_DAU_CAN_CU,
    RESULTS_TABLE,
    RIGHT,
    BodyItem,
    Built,
    Mutation,
    Spec,
    add_run,
    body_paragraph,
    border_line,
    build,
    clear_cell,
    drawn_line,
    remove,
    set_bold,
    set_fonts,
    set_italic,
    set_size,
    set_text,
    typed,
    vml_line,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "kehoach-tdkt-2024.yaml"
BODY = "Để thực hiện thắng lợi"
"""The start of a plain body paragraph of the default Kế hoạch."""
SUB_AGENCY = replace(
    Spec(),
    agency=("ỦY BAN NHÂN DÂN TỈNH KON TUM", "SỞ NỘI VỤ"),
    agency_bold=(False, True),
    agency_size=12,
    so="Số: 05/KH-SNV",
    date="Kon Tum, ngày 05 tháng 3 năm 2024",
    signer=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    name="Nguyễn Văn An",
)
"""A compliant Kế hoạch of a Sở, with the name of its parent agency above its own."""


def findings(path: Path) -> list[Finding]:
    return check(inspect_file(path))


def show(found: list[Finding]) -> str:
    return "\n".join(f"{f.rule} {f.severity} “{f.excerpt}”: {f.found}" for f in found) or "none"


# -- mistakes, as a person makes them in Word -----------------------------------------------


def on(name: str, change: Callable[..., None], *args: object) -> Mutation:
    """Return a mutation applying ``change(paragraph, *args)`` to the paragraph ``name``;
    a name that is not a role is the start of a body paragraph's text."""

    def mutate(built: Built) -> None:
        paragraph = built.named[name] if name in built.named else built.find(name)
        change(paragraph, *args)

    return mutate


def align(paragraph: Paragraph, value: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.paragraph_format.alignment = value


def spacing(paragraph: Paragraph, name: str, value: object) -> None:
    """Set ``paragraph_format.<name>`` (the Paragraph dialog: indents, spacing)."""
    setattr(paragraph.paragraph_format, name, value)


def retype(old: str, new: str) -> Mutation:
    """Return a mutation replacing ``old`` by ``new`` in the paragraph starting with ``old``."""

    def mutate(built: Built) -> None:
        paragraph = built.find(old)
        set_text(paragraph, paragraph.text.replace(old, new, 1))

    return mutate


def gone(name: str) -> Mutation:
    return on(name, remove)


def body_with(old: str, *new: BodyItem) -> tuple[BodyItem, ...]:
    """Return the default body with the paragraph starting ``old`` replaced by ``new``."""
    body: list[BodyItem] = []
    for text in KE_HOACH_BODY:
        body += list(new) if text.startswith(old) else [text]
    return tuple(body)


def arial(built: Built) -> None:
    run = built.find(BODY).runs[0]
    run.font.name = "Arial"  # the font box: Latin slots only


def default_font(built: Built) -> None:
    """A sentence added at the end of a paragraph typed in Word's default font (Calibri)."""
    run = built.find(BODY).add_run(" Tiếp tục phát huy.")
    run.font.size = Pt(14)


def red(built: Built) -> None:
    built.find(BODY).runs[0].font.color.rgb = RGBColor(0xFF, 0, 0)


def decomposed(built: Built) -> None:
    """Text pasted from a source in decomposed Unicode (NFD), e.g. a macOS file name."""
    paragraph = built.find(BODY)
    set_text(paragraph, unicodedata.normalize("NFD", paragraph.text))


def private_use_bullet(built: Built) -> None:
    """A Symbol-font bullet (U+F0B7) pasted from a PDF in front of the text."""
    paragraph = built.find(BODY)
    set_text(paragraph, "\uf0b7 " + paragraph.text)


def underlined_tieu_ngu(built: Built) -> None:
    """Tiêu ngữ underlined (Ctrl+U) instead of a line drawn under it."""
    for run in built["tieu_ngu"].runs:
        run.font.underline = True


def full_width_trich_yeu_line(built: Built) -> None:
    """A bottom border on the empty paragraph under the trích yếu, indents left at zero."""
    paragraph_format = built["ke_trich_yeu"].paragraph_format
    paragraph_format.left_indent = None
    paragraph_format.right_indent = None


def page_number_run(change: Callable[..., None], *args: object) -> Mutation:
    return on("so_trang", change, *args)


def number_on_first_page(built: Built) -> None:
    """Different first page is on, but the first-page header got a page number too."""
    section = built.document.sections[0]
    first = section.first_page_header.paragraphs[0]
    first.paragraph_format.alignment = CENTER
    for element in built["so_trang"]._p.iterchildren():
        if element.tag.endswith("}r"):
            first._p.append(copy.deepcopy(element))


def clear(table: str, column: int) -> Mutation:
    def mutate(built: Built) -> None:
        clear_cell(built.tables[table].cell(0, column))

    return mutate


# -- the cases --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    rule: str
    severity: str
    excerpt: str | None
    """The start of the text of the paragraph the finding points at; None: no paragraph."""
    mutate: Mutation | None = None
    spec: Spec = Spec()
    found: str = ""
    """A part of what the finding says it found."""


def case(
    rule: str,
    severity: str,
    excerpt: str | None,
    mutate: Mutation | None = None,
    spec: Spec | None = None,
    *,
    id: str = "",
    found: str = "",
) -> object:
    return pytest.param(
        Case(rule, severity, excerpt, mutate, spec or Spec(), found),
        id=f"{rule}-{id}" if id else rule,
    )


QH, TN = n30.QUOC_HIEU_TEXT, n30.TIEU_NGU_TEXT
TRICH_YEU = Spec().trich_yeu
LETTER = replace(Spec(), page_width=Mm(215.9), page_height=Mm(279.4))
LANDSCAPE = replace(Spec(), page_width=Mm(297), page_height=Mm(210), landscape=True)

PAGE_CASES = [
    case("PAGE_SIZE", ERROR, None, spec=LETTER, id="letter", found="215.9 mm x 279.4 mm"),
    case("ORIENTATION", WARNING, None, spec=LANDSCAPE, id="landscape"),
    case("MARGIN_TOP", ERROR, None, spec=replace(Spec(), top=Mm(15))),
    case("MARGIN_BOTTOM", ERROR, None, spec=replace(Spec(), bottom=Mm(30))),
    case(
        "MARGIN_LEFT",
        ERROR,
        None,
        spec=replace(Spec(), left=Mm(25.4)),
        id="word-default",
        found="25.4 mm",
    ),
    case("MARGIN_RIGHT", ERROR, None, spec=replace(Spec(), right=Mm(25.4)), id="word-default"),
]

TEXT_CASES = [
    case("FONT", ERROR, BODY, arial, id="arial-on-one-run", found="Arial"),
    # Judged by the font shown: the theme's minor font, resolved through theme1.xml.
    case("FONT", ERROR, BODY, default_font, id="theme-font", found="Cambria"),
    case("COLOR", ERROR, BODY, red, id="red", found="FF0000"),
    case("TEXT_NFC", WARNING, BODY, decomposed, id="nfd"),
    case("TEXT_CHARS", ERROR, "\uf0b7", private_use_bullet, id="private-use", found="U+F0B7"),
]

COMPONENT_CASES = [
    case("QUOC_HIEU.SIZE", ERROR, QH, on("quoc_hieu", set_size, 14), found="14 pt"),
    case("QUOC_HIEU.BOLD", ERROR, QH, on("quoc_hieu", set_bold, False)),
    case("QUOC_HIEU.ITALIC", ERROR, QH, on("quoc_hieu", set_italic, True)),
    case(
        "QUOC_HIEU.CASE",
        ERROR,
        "Cộng hòa",
        on("quoc_hieu", set_text, "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ),
    case("QUOC_HIEU.ALIGN", WARNING, QH, on("quoc_hieu", align, LEFT), found="canh trái"),
    case("TIEU_NGU.SIZE", ERROR, TN, on("tieu_ngu", set_size, 12)),
    case("TIEU_NGU.BOLD", ERROR, TN, on("tieu_ngu", set_bold, False)),
    case("TIEU_NGU.ITALIC", ERROR, TN, on("tieu_ngu", set_italic, True)),
    case("TIEU_NGU.ALIGN", WARNING, TN, on("tieu_ngu", align, LEFT)),
    case(
        "CO_QUAN_CHU_QUAN.SIZE",
        ERROR,
        "ỦY BAN NHÂN DÂN TỈNH",
        on("co_quan_0", set_size, 14),
        SUB_AGENCY,
    ),
    case(
        "CO_QUAN_CHU_QUAN.ITALIC",
        ERROR,
        "ỦY BAN NHÂN DÂN TỈNH",
        on("co_quan_0", set_italic, True),
        SUB_AGENCY,
    ),
    case(
        "CO_QUAN_CHU_QUAN.CASE",
        ERROR,
        "Ủy ban nhân dân tỉnh",
        on("co_quan_0", set_text, "Ủy ban nhân dân tỉnh Kon Tum"),
        SUB_AGENCY,
    ),
    case(
        "CO_QUAN_CHU_QUAN.ALIGN",
        WARNING,
        "ỦY BAN NHÂN DÂN TỈNH",
        on("co_quan_0", align, LEFT),
        SUB_AGENCY,
    ),
    case("CO_QUAN_BAN_HANH.SIZE", ERROR, "HUYỆN ĐẮK HÀ", on("co_quan_1", set_size, 14)),
    case("CO_QUAN_BAN_HANH.BOLD", ERROR, "HUYỆN ĐẮK HÀ", on("co_quan_1", set_bold, False)),
    case("CO_QUAN_BAN_HANH.ITALIC", ERROR, "HUYỆN ĐẮK HÀ", on("co_quan_1", set_italic, True)),
    case("CO_QUAN_BAN_HANH.CASE", ERROR, "Huyện Đắk Hà", on("co_quan_1", set_text, "Huyện Đắk Hà")),
    case("CO_QUAN_BAN_HANH.ALIGN", WARNING, "HUYỆN ĐẮK HÀ", on("co_quan_1", align, LEFT)),
    case("SO_KY_HIEU.SIZE", ERROR, "Số: 05", on("so", set_size, 14)),
    case("SO_KY_HIEU.BOLD", ERROR, "Số: 05", on("so", set_bold, True)),
    case("SO_KY_HIEU.ITALIC", ERROR, "Số: 05", on("so", set_italic, True)),
    case("SO_KY_HIEU.ALIGN", WARNING, "Số: 05", on("so", align, LEFT)),
    case("DIA_DANH_NGAY.SIZE", ERROR, "Đắk Hà, ngày", on("ngay", set_size, 12)),
    case("DIA_DANH_NGAY.BOLD", ERROR, "Đắk Hà, ngày", on("ngay", set_bold, True)),
    case("DIA_DANH_NGAY.ITALIC", ERROR, "Đắk Hà, ngày", on("ngay", set_italic, False)),
    case("DIA_DANH_NGAY.ALIGN", WARNING, "Đắk Hà, ngày", on("ngay", align, RIGHT)),
    case("TEN_LOAI.SIZE", ERROR, "KẾ HOẠCH", on("ten_loai", set_size, 12)),
    case("TEN_LOAI.BOLD", ERROR, "KẾ HOẠCH", on("ten_loai", set_bold, False)),
    case("TEN_LOAI.ITALIC", ERROR, "KẾ HOẠCH", on("ten_loai", set_italic, True)),
    case("TEN_LOAI.CASE", ERROR, "Kế hoạch", on("ten_loai", set_text, "Kế hoạch")),
    case("TEN_LOAI.ALIGN", WARNING, "KẾ HOẠCH", on("ten_loai", align, LEFT)),
    case("TRICH_YEU.SIZE", ERROR, TRICH_YEU, on("trich_yeu", set_size, 12)),
    case("TRICH_YEU.BOLD", ERROR, TRICH_YEU, on("trich_yeu", set_bold, False)),
    case("TRICH_YEU.ITALIC", ERROR, TRICH_YEU, on("trich_yeu", set_italic, True)),
    case("TRICH_YEU.ALIGN", WARNING, TRICH_YEU, on("trich_yeu", align, LEFT)),
    case("CAN_CU.SIZE", ERROR, "Căn cứ Luật", on("can_cu_0", set_size, 12)),
    case("CAN_CU.BOLD", ERROR, "Căn cứ Luật", on("can_cu_0", set_bold, True)),
    case("CAN_CU.ITALIC", ERROR, "Căn cứ Luật", on("can_cu_0", set_italic, False)),
    case("CAN_CU.ALIGN", WARNING, "Căn cứ Luật", on("can_cu_0", align, LEFT)),
    case("MUC.SIZE", ERROR, "I. MỤC ĐÍCH", on("I. MỤC ĐÍCH", set_size, 12)),
    case("MUC.BOLD", ERROR, "I. MỤC ĐÍCH", on("I. MỤC ĐÍCH", set_bold, False)),
    case("MUC.ITALIC", ERROR, "I. MỤC ĐÍCH", on("I. MỤC ĐÍCH", set_italic, True)),
    case("MUC.CASE", ERROR, "I. Mục đích", retype("I. MỤC ĐÍCH, YÊU CẦU", "I. Mục đích, yêu cầu")),
    case("MUC.ALIGN", WARNING, "I. MỤC ĐÍCH", on("I. MỤC ĐÍCH", align, CENTER)),
    case("NOI_NHAN_TIEU_DE.SIZE", ERROR, "Nơi nhận:", on("noi_nhan_tieu_de", set_size, 14)),
    case("NOI_NHAN_TIEU_DE.BOLD", ERROR, "Nơi nhận:", on("noi_nhan_tieu_de", set_bold, False)),
    case("NOI_NHAN_TIEU_DE.ITALIC", ERROR, "Nơi nhận:", on("noi_nhan_tieu_de", set_italic, False)),
    case("NOI_NHAN_TIEU_DE.ALIGN", WARNING, "Nơi nhận:", on("noi_nhan_tieu_de", align, CENTER)),
    case("NOI_NHAN.SIZE", ERROR, "- Sở Nội vụ;", on("noi_nhan_0", set_size, 12)),
    case("NOI_NHAN.BOLD", ERROR, "- Sở Nội vụ;", on("noi_nhan_0", set_bold, True)),
    case("NOI_NHAN.ITALIC", ERROR, "- Sở Nội vụ;", on("noi_nhan_0", set_italic, True)),
    case("NOI_NHAN.ALIGN", WARNING, "- Sở Nội vụ;", on("noi_nhan_0", align, CENTER)),
    case("THAM_QUYEN.SIZE", ERROR, "CHỦ TỊCH", on("tham_quyen_1", set_size, 12)),
    case("THAM_QUYEN.BOLD", ERROR, "CHỦ TỊCH", on("tham_quyen_1", set_bold, False)),
    case("THAM_QUYEN.ITALIC", ERROR, "CHỦ TỊCH", on("tham_quyen_1", set_italic, True)),
    case("THAM_QUYEN.CASE", ERROR, "Chủ tịch", on("tham_quyen_1", set_text, "Chủ tịch")),
    case("THAM_QUYEN.ALIGN", WARNING, "CHỦ TỊCH", on("tham_quyen_1", align, LEFT)),
    case("HO_TEN.SIZE", ERROR, "Hà Tiến", on("ho_ten", set_size, 12)),
    case("HO_TEN.BOLD", ERROR, "Hà Tiến", on("ho_ten", set_bold, False)),
    case("HO_TEN.ITALIC", ERROR, "Hà Tiến", on("ho_ten", set_italic, True)),
    case("HO_TEN.ALIGN", WARNING, "Hà Tiến", on("ho_ten", align, LEFT)),
    case("QUOC_HIEU.MISSING", ERROR, None, gone("quoc_hieu")),
    case("TIEU_NGU.MISSING", ERROR, None, gone("tieu_ngu")),
    case(
        "TIEU_NGU.TEXT",
        ERROR,
        "Độc lập – Tự do",
        on("tieu_ngu", set_text, "Độc lập – Tự do – Hạnh phúc"),
        id="en-dash",
    ),
]

LINE_CASES = [
    case(
        "KE_CO_QUAN.MISSING",
        ERROR,
        "HUYỆN ĐẮK HÀ",
        spec=replace(Spec(), agency_line=None),
        id="none",
        found="không có đường kẻ",
    ),
    case(
        "KE_CO_QUAN.LENGTH",
        WARNING,
        "",
        spec=replace(Spec(), agency_line=0.9),
        id="90%",
        found="(90%)",
    ),
    case(
        "KE_TIEU_NGU.MISSING",
        ERROR,
        TN,
        underlined_tieu_ngu,
        replace(Spec(), tieu_ngu_line=None),
        id="underlined",
        found="underline",
    ),
    case("KE_TIEU_NGU.MISSING", ERROR, TN, spec=replace(Spec(), tieu_ngu_line=None), id="none"),
    case(
        "KE_TIEU_NGU.LENGTH",
        WARNING,
        "",
        spec=replace(Spec(), tieu_ngu_line=0.6),
        id="60%",
        found="(60%)",
    ),
    case("KE_TRICH_YEU.MISSING", ERROR, TRICH_YEU, spec=replace(Spec(), trich_yeu_line=None)),
    case("KE_TRICH_YEU.LENGTH", WARNING, "", full_width_trich_yeu_line, id="full-width"),
    case(
        "KE_TRICH_YEU.LENGTH",
        WARNING,
        "",
        spec=replace(Spec(), trich_yeu_line=0.2),
        id="20%",
        found="(20%)",
    ),
]

NUMBER_AND_DATE_CASES = [
    case(
        "SO.FORMAT",
        ERROR,
        "Số: 05/KH UBND",
        spec=replace(Spec(), so="Số: 05/KH UBND"),
        id="space-in-symbol",
    ),
    case(
        "SO.FORMAT",
        ERROR,
        "Số: 05 / KH-UBND",
        spec=replace(Spec(), so="Số: 05 / KH-UBND"),
        id="spaced-slash",
    ),
    case(
        "SO.LEADING_ZERO", ERROR, "Số: 5/KH-UBND", spec=replace(Spec(), so="Số: 5/KH-UBND"), id="5"
    ),
    case(
        "SO.LEADING_ZERO",
        ERROR,
        "Số: 005/KH-UBND",
        spec=replace(Spec(), so="Số: 005/KH-UBND"),
        id="005",
        found="005",
    ),
    case(
        "SO.TYPE",
        ERROR,
        "Số: 05/BC-UBND",
        spec=replace(Spec(), so="Số: 05/BC-UBND"),
        id="BC-under-KE-HOACH",
        found="BC-UBND",
    ),
    case(
        "SO.TYPE",
        ERROR,
        "Số: 12/KH-UBND",
        spec=replace(DECISION, so="Số: 12/KH-UBND"),
        id="KH-under-QUYET-DINH",
        found="KH-UBND",
    ),
    case("SO.MISSING", ERROR, None, gone("so")),
    case(
        "DATE.FORMAT",
        ERROR,
        "Đắk Hà, ngày",
        spec=replace(Spec(), date="Đắk Hà, ngày 05 tháng 3 năm 2024."),
        id="final-period",
    ),
    case(
        "DATE.FORMAT",
        ERROR,
        "Đắk Hà, ngày",
        spec=replace(Spec(), date="Đắk Hà, ngày 05 tháng 3 năm 24"),
        id="two-digit-year",
    ),
    case(
        "DATE.DAY_PADDING",
        ERROR,
        "Đắk Hà, ngày 5",
        spec=replace(Spec(), date="Đắk Hà, ngày 5 tháng 3 năm 2024"),
    ),
    case(
        "DATE.MONTH_PADDING",
        ERROR,
        "Đắk Hà, ngày",
        spec=replace(Spec(), date="Đắk Hà, ngày 05 tháng 03 năm 2024"),
        id="03",
        found="03",
    ),
    case(
        "DATE.MONTH_PADDING",
        ERROR,
        "Đắk Hà, ngày",
        spec=replace(Spec(), date="Đắk Hà, ngày 05 tháng 1 năm 2024"),
        id="1",
    ),
    case(
        "DATE.MONTH_PADDING",
        ERROR,
        "Đắk Hà, ngày",
        spec=replace(Spec(), date="Đắk Hà, ngày 05 tháng 2 năm 2024"),
        id="2",
    ),
    case("DATE.MISSING", ERROR, None, gone("ngay")),
]

BODY_CASES = [
    case("BODY.ALIGN", ERROR, BODY, on(BODY, align, LEFT), id="left"),
    case(
        "BODY.INDENT",
        ERROR,
        BODY,
        on(BODY, spacing, "first_line_indent", Cm(0.5)),
        id="0.5cm",
        found="0.50 cm",
    ),
    case(
        "BODY.INDENT",
        ERROR,
        BODY,
        on(BODY, spacing, "first_line_indent", None),
        id="none",
    ),
    case(
        "BODY.SPACING",
        ERROR,
        BODY,
        on(BODY, spacing, "space_after", Pt(0)),
        id="0pt",
    ),
    case(
        "BODY.LINE_SPACING",
        ERROR,
        BODY,
        on(BODY, spacing, "line_spacing", 2.0),
        id="double",
        found="2 dòng",
    ),
    case(
        "BODY.LINE_SPACING",
        ERROR,
        BODY,
        on(BODY, spacing, "line_spacing", Pt(28)),
        id="exactly-28pt",
    ),
    case("BODY.SIZE", ERROR, BODY, on(BODY, set_size, 12), id="12pt", found="12 pt"),
    case(
        "HEADING.SEQUENCE",
        ERROR,
        "III. TỔ CHỨC",
        retype("II. TỔ CHỨC", "III. TỔ CHỨC"),
        id="muc-I-III",
        found="III",
    ),
    case(
        "HEADING.SEQUENCE",
        WARNING,
        "3. Yêu cầu",
        retype("2. Yêu cầu", "3. Yêu cầu"),
        id="khoan-1-3",
        found="3",
    ),
    case(
        "HEADING.POINT_LETTER",
        ERROR,
        "f) Tổng hợp",
        spec=replace(
            Spec(),
            body=body_with(
                "b) Tổng hợp",
                "b) Theo dõi;",
                "c) Kiểm tra;",
                "d) Đôn đốc;",
                "e) Sơ kết;",
                "f) Tổng hợp, báo cáo kết quả thực hiện.",
            ),
        ),
        id="typed-a-to-f",
        found="f",
    ),
    case(
        "CAN_CU.PUNCTUATION",
        ERROR,
        "Căn cứ Kế hoạch số 12",
        spec=replace(Spec(), can_cu=(Spec().can_cu[0], Spec().can_cu[1][:-1] + ";")),
        id="last-semicolon",
        found="“;”",
    ),
    case(
        "CAN_CU.PUNCTUATION",
        ERROR,
        "Căn cứ Luật",
        spec=replace(Spec(), can_cu=(Spec().can_cu[0][:-1] + ",", Spec().can_cu[1])),
        id="comma",
    ),
]

CLOSING_CASES = [
    case("NOI_NHAN.MISSING", ERROR, None, clear("closing", 0)),
    case("NOI_NHAN.COLON", ERROR, "Nơi nhận", spec=replace(Spec(), noi_nhan_heading="Nơi nhận")),
    case("NOI_NHAN.DASH", ERROR, "Sở Nội vụ;", on("noi_nhan_0", set_text, "Sở Nội vụ;"), id="none"),
    case(
        "NOI_NHAN.DASH",
        ERROR,
        "+ Sở Nội vụ;",
        on("noi_nhan_0", set_text, "+ Sở Nội vụ;"),
        id="plus",
    ),
    case(
        "NOI_NHAN.PUNCTUATION",
        ERROR,
        "- Sở Nội vụ.",
        on("noi_nhan_0", set_text, "- Sở Nội vụ."),
        id="period",
    ),
    case(
        "NOI_NHAN.PUNCTUATION",
        ERROR,
        "- Sở Nội vụ",
        on("noi_nhan_0", set_text, "- Sở Nội vụ"),
        id="nothing",
    ),
    case("NOI_NHAN.LUU", ERROR, "- Các cơ quan", gone("noi_nhan_4"), id="no-luu-line"),
    case(
        "NOI_NHAN.LUU",
        ERROR,
        "- Lưu VT",
        on("noi_nhan_4", set_text, "- Lưu VT, TĐKT."),
        id="no-colon",
    ),
    case(
        "NOI_NHAN.LUU",
        ERROR,
        "- Lưu: TĐKT.",
        on("noi_nhan_4", set_text, "- Lưu: TĐKT."),
        id="no-VT",
    ),
    case(
        "NOI_NHAN.LUU",
        ERROR,
        "- Lưu: VT, TĐKT;",
        on("noi_nhan_4", set_text, "- Lưu: VT, TĐKT;"),
        id="semicolon",
    ),
    case("SIGNATURE.MISSING", ERROR, None, clear("closing", 1)),
    case(
        "SIGNATURE.AUTHORITY",
        ERROR,
        "TM ỦY BAN",
        on("tham_quyen_0", set_text, "TM ỦY BAN NHÂN DÂN"),
        id="TM-without-period",
        found="TM",
    ),
    case(
        "SIGNATURE.AUTHORITY",
        ERROR,
        "T.M. ỦY BAN",
        on("tham_quyen_0", set_text, "T.M. ỦY BAN NHÂN DÂN"),
        id="T.M.",
    ),
    case(
        "SIGNATURE.AUTHORITY",
        ERROR,
        "TM.ỦY BAN",
        on("tham_quyen_0", set_text, "TM.ỦY BAN NHÂN DÂN"),
        id="no-space",
    ),
    case(
        "SIGNATURE.AUTHORITY",
        ERROR,
        "KT GIÁM ĐỐC",
        on("tham_quyen_0", set_text, "KT GIÁM ĐỐC"),
        SUB_AGENCY,
        id="KT-without-period",
        found="KT",
    ),
    case(
        "SIGNATURE.AGREEMENT",
        ERROR,
        "TM. ỦY BAN",
        spec=replace(DECISION, signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        id="TM-for-chairman",
        found="TM. ỦY BAN NHÂN DÂN",
    ),
    case(
        "SIGNATURE.AGREEMENT",
        ERROR,
        "CHỦ TỊCH",
        spec=replace(DECISION, tham_quyen_ban_hanh="ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ"),
        id="no-TM-for-committee",
    ),
]

PAGE_NUMBER_CASES = [
    case(
        "PAGE_NUMBER.MISSING",
        ERROR,
        None,
        spec=replace(Spec(), page_number="footer"),
        id="footer",
        found="chân trang",
    ),
    case("PAGE_NUMBER.MISSING", ERROR, None, spec=replace(Spec(), page_number="none"), id="none"),
    case(
        "PAGE_NUMBER.ALIGN",
        ERROR,
        "2",
        spec=replace(Spec(), page_number_align=RIGHT),
        id="right",
        found="canh phải",
    ),
    case("PAGE_NUMBER.SIZE", ERROR, "2", page_number_run(set_size, 12), id="12pt", found="12 pt"),
    case("PAGE_NUMBER.STYLE", ERROR, "2", page_number_run(set_bold, True), id="bold"),
    case("PAGE_NUMBER.STYLE", ERROR, "2", page_number_run(set_italic, True), id="italic"),
    case(
        "PAGE_NUMBER.FIRST_PAGE",
        ERROR,
        None,
        spec=replace(Spec(), different_first_page=False),
        id="no-different-first-page",
        found="trang đầu có số trang",
    ),
    case(
        "PAGE_NUMBER.FIRST_PAGE", ERROR, None, number_on_first_page, id="first-page-header-numbered"
    ),
]

APPENDIX = replace(Spec(), appendix="Phụ lục I")
APPENDIX_CASES = [
    case("PHU_LUC.CASE", WARNING, "PHỤ LỤC I", spec=replace(APPENDIX, appendix="PHỤ LỤC I")),
    case("PHU_LUC.BOLD", ERROR, "Phụ lục I", on("phu_luc", set_bold, False), APPENDIX),
    case("PHU_LUC.ALIGN", ERROR, "Phụ lục I", on("phu_luc", align, LEFT), APPENDIX),
]

CONG_VAN_CASES = [
    case("VV.SIZE", ERROR, "V/v", on("vv", set_size, 14), CONG_VAN, found="14 pt"),
    case("VV.BOLD", ERROR, "V/v", on("vv", set_bold, True), CONG_VAN),
    case("VV.ITALIC", ERROR, "V/v", on("vv", set_italic, True), CONG_VAN),
    case("VV.ALIGN", WARNING, "V/v", on("vv", align, LEFT), CONG_VAN),
    case("KINH_GUI.SIZE", ERROR, "Kính gửi", on("kinh_gui_0", set_size, 12), CONG_VAN),
    case("KINH_GUI.BOLD", ERROR, "Kính gửi", on("kinh_gui_0", set_bold, True), CONG_VAN),
    case("KINH_GUI.ITALIC", ERROR, "Kính gửi", on("kinh_gui_0", set_italic, True), CONG_VAN),
    case(
        "KINH_GUI.COLON",
        ERROR,
        "Kính gửi Sở",
        on("kinh_gui_0", set_text, "Kính gửi Sở Nội vụ tỉnh Kon Tum"),
        CONG_VAN,
    ),
]

COMMITTEE = "ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ"
"""The authority line of a decision issued in the collective's (the committee's) power."""
CHAIRMAN = DECISION.tham_quyen_ban_hanh or ""
"""The authority line of a decision issued in the chairman's own power."""
COMMITTEE_DECISION = replace(
    DECISION, tham_quyen_ban_hanh=COMMITTEE, signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
)
"""A compliant decision of the committee, its chairman signing on its behalf."""
WITH_LIST = DECISION_WITH_LIST
KEM_THEO = DECISION_WITH_LIST.kem_theo
QD_LINE = "QUYẾT ĐỊNH:"


def split_article_number(built: Built) -> None:
    """ "Điều 1." typed as three runs ("Điều", " ", "1."), the blank one not bold: still a
    bold "Điều 1." on paper."""
    paragraph = built.find("Điều 1.")
    first = paragraph.runs[0]
    first.text = "Điều"
    blank = add_run(paragraph, " ", 14)
    number = add_run(paragraph, "1.", 14, bold=True)
    first._r.addnext(blank._r)
    blank._r.addnext(number._r)


def list_cell_in_arial(built: Built) -> None:
    """One name in the list typed in Arial (pasted from a spreadsheet)."""
    set_fonts(built["bang_7_1"].runs[0], "Arial")


def list_margin(built: Built) -> None:
    """The list's own section given Word's 2.54 cm left margin."""
    built.document.sections[1].left_margin = Mm(25.4)


def full_width_list_line(built: Built) -> None:
    """The line under the list's title drawn across the whole landscape page."""
    paragraph_format = built["ds_ke"].paragraph_format
    paragraph_format.left_indent = None
    paragraph_format.right_indent = None


ARTICLE_CASES = [
    case(
        "DIEU.BOLD", ERROR, "Điều 1.", on("Điều 1.", set_bold, False), DECISION, found="không đậm"
    ),
    case(
        "HEADING.SEQUENCE",
        ERROR,
        "Điều 3.",
        gone("Điều 2."),
        DECISION,
        id="dieu-1-3",
        found="3",
    ),
]

DECISION_CASES = [
    case(
        "THAM_QUYEN_BAN_HANH.SIZE",
        ERROR,
        CHAIRMAN,
        on("tham_quyen_ban_hanh", set_size, 12),
        DECISION,
        found="12 pt",
    ),
    case(
        "THAM_QUYEN_BAN_HANH.BOLD",
        ERROR,
        CHAIRMAN,
        on("tham_quyen_ban_hanh", set_bold, False),
        DECISION,
    ),
    case(
        "THAM_QUYEN_BAN_HANH.ITALIC",
        ERROR,
        CHAIRMAN,
        on("tham_quyen_ban_hanh", set_italic, True),
        DECISION,
    ),
    case(
        "THAM_QUYEN_BAN_HANH.CASE",
        ERROR,
        "Chủ tịch Ủy ban",
        on("tham_quyen_ban_hanh", set_text, "Chủ tịch Ủy ban nhân dân huyện Đắk Hà"),
        DECISION,
    ),
    case(
        "THAM_QUYEN_BAN_HANH.ALIGN",
        WARNING,
        CHAIRMAN,
        on("tham_quyen_ban_hanh", align, LEFT),
        DECISION,
    ),
    case("THAM_QUYEN_BAN_HANH.MISSING", ERROR, None, gone("tham_quyen_ban_hanh"), DECISION),
    case("QUYET_DINH_LENH.SIZE", ERROR, QD_LINE, on(QD_LINE, set_size, 12), DECISION),
    case("QUYET_DINH_LENH.BOLD", ERROR, QD_LINE, on(QD_LINE, set_bold, False), DECISION),
    case("QUYET_DINH_LENH.ITALIC", ERROR, QD_LINE, on(QD_LINE, set_italic, True), DECISION),
    case("QUYET_DINH_LENH.CASE", ERROR, "Quyết định:", retype(QD_LINE, "Quyết định:"), DECISION),
    case(
        "QUYET_DINH_LENH.ALIGN",
        WARNING,
        QD_LINE,
        on(QD_LINE, align, JUSTIFY),
        DECISION,
        id="not-centred",
        found="canh đều",
    ),
    case(
        "QUYET_DINH_LENH.COLON",
        ERROR,
        "QUYẾT ĐỊNH",
        retype(QD_LINE, "QUYẾT ĐỊNH"),
        DECISION,
        id="no-colon",
    ),
    case("QUYET_DINH_LENH.MISSING", ERROR, "Điều 1.", gone(QD_LINE), DECISION),
    case(
        "NOI_NHAN.NHU_DIEU",
        ERROR,
        "- Như Điều 2;",
        on("noi_nhan_0", set_text, "- Như Điều 2;"),
        DECISION,
        id="not-the-last-article",
        found="Như Điều 2",
    ),
    case(
        "NOI_NHAN.NHU_DIEU",
        ERROR,
        "- Như Điều 4;",
        on("noi_nhan_0", set_text, "- Như Điều 4;"),
        DECISION,
        id="no-such-article",
        found="không có Điều 4",
    ),
    case(
        "NOI_NHAN.NHU_DIEU",
        ERROR,
        "- Sở Nội vụ;",
        gone("noi_nhan_0"),
        DECISION,
        id="missing",
        found="không có dòng",
    ),
    case(
        "NOI_NHAN.NHU_DIEU",
        ERROR,
        "- Như Điều 3;",
        spec=replace(DECISION, noi_nhan=("- Sở Nội vụ;", "- Như Điều 3;", "- Lưu: VT, NV.")),
        id="not-first",
        found="không ở dòng đầu",
    ),
    case(
        "SIGNATURE.AGREEMENT",
        ERROR,
        "TM. ỦY BAN",
        spec=replace(WITH_LIST, signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        id="TM-for-chairman-with-list",
        found="TM. ỦY BAN NHÂN DÂN",
    ),
    case(
        "SIGNATURE.AGREEMENT",
        ERROR,
        "KT. CHỦ TỊCH",
        spec=replace(COMMITTEE_DECISION, signer=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        id="KT-without-TM-for-committee",
    ),
    case(
        "SIGNATURE.AGREEMENT",
        ERROR,
        "TM. HỘI ĐỒNG",
        spec=replace(COMMITTEE_DECISION, signer=("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH")),
        id="TM-of-another-collective",
        found="HỘI ĐỒNG",
    ),
    case(
        "SIGNATURE.AGREEMENT",
        ERROR,
        "TL. CHỦ TỊCH",
        spec=replace(
            COMMITTEE_DECISION,
            signer=("TM. ỦY BAN NHÂN DÂN", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ),
        id="TL-under-committee",
    ),
    case(
        "SIGNATURE.AGREEMENT",
        ERROR,
        "TM. ỦY BAN",
        spec=replace(DECISION, signer=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        id="TM-KT-for-chairman",
    ),
    case(
        "SIGNATURE.AGREEMENT",
        ERROR,
        "TM. ỦY BAN",
        spec=replace(
            DECISION, closing="signature-above", signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
        ),
        id="TM-for-chairman-typed-as-paragraphs",
    ),
    case(
        "CAN_CU.PUNCTUATION",
        ERROR,
        "Theo đề nghị",
        spec=replace(
            DECISION, can_cu=(*DECISION.can_cu[:2], "Theo đề nghị của Trưởng phòng Nội vụ;")
        ),
        id="de-nghi-semicolon",
    ),
    case(
        "CAN_CU.PUNCTUATION",
        ERROR,
        "Căn cứ Luật Thi đua",
        spec=replace(
            DECISION,
            can_cu=(
                DECISION.can_cu[0],
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.",
                DECISION.can_cu[2],
            ),
        ),
        id="period-before-de-nghi",
    ),
    case(
        "SIGNATURE.AUTHORITY",
        ERROR,
        "TM ỦY BAN",
        spec=replace(COMMITTEE_DECISION, signer=("TM ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        id="TM-without-period-under-committee",  # the typing, not also the agreement
    ),
]

LIST_CASES = [
    case("KEM_THEO.SIZE", ERROR, "(Kèm theo", on("kem_theo", set_size, 12), WITH_LIST),
    case("KEM_THEO.BOLD", ERROR, "(Kèm theo", on("kem_theo", set_bold, True), WITH_LIST),
    case(
        "KEM_THEO.ITALIC",
        ERROR,
        "(Kèm theo",
        on("kem_theo", set_italic, False),
        WITH_LIST,
        found="chữ đứng",
    ),
    case("KEM_THEO.ALIGN", WARNING, "(Kèm theo", on("kem_theo", align, LEFT), WITH_LIST),
    case(
        "KEM_THEO.FORMAT",
        ERROR,
        "Kèm theo",
        spec=replace(WITH_LIST, kem_theo=KEM_THEO.strip("()")),
        id="no-parentheses",
    ),
    case(
        "KEM_THEO.FORMAT",
        ERROR,
        "(Kèm theo",
        spec=replace(WITH_LIST, kem_theo=KEM_THEO + "."),
        id="final-period",
    ),
    case(
        "FONT",
        ERROR,
        "Ông Nguyễn Văn An",
        list_cell_in_arial,
        WITH_LIST,
        id="list-table-cell",
        found="Arial",
    ),
    case(
        "QUOC_HIEU.SIZE",
        ERROR,
        QH,
        on("ds_quoc_hieu", set_size, 14),
        WITH_LIST,
        id="list-header",
    ),
    case(
        "CO_QUAN_BAN_HANH.BOLD",
        ERROR,
        "HUYỆN ĐẮK HÀ",
        on("ds_co_quan_1", set_bold, False),
        WITH_LIST,
        id="list-header",
    ),
    case(
        "TIEU_NGU.TEXT",
        ERROR,
        "Độc lập – Tự do",
        on("ds_tieu_ngu", set_text, "Độc lập – Tự do – Hạnh phúc"),
        WITH_LIST,
        id="list-header",
    ),
    case(
        "TEN_LOAI.BOLD",
        ERROR,
        "DANH SÁCH",
        on("ds_ten_loai", set_bold, False),
        WITH_LIST,
        id="danh-sach",
    ),
    case(
        "TRICH_YEU.SIZE",
        ERROR,
        LIST_TITLE[1],
        on("ds_tieu_de_1", set_size, 12),
        WITH_LIST,
        id="list-title",
    ),
    case("KE_TRICH_YEU.LENGTH", WARNING, "", full_width_list_line, WITH_LIST, id="list-title-line"),
    case(
        "BODY.INDENT",
        ERROR,
        LIST_TOTAL[:20],
        on("ds_tong", spacing, "first_line_indent", None),
        WITH_LIST,
        id="list-total",
    ),
    case(
        "MARGIN_LEFT",
        ERROR,
        None,
        list_margin,
        WITH_LIST,
        id="list-section",
        found="25.4 mm",
    ),
]


def row_may_split(built: Built) -> None:
    """Table Properties ▸ Row: "Allow row to break across pages" left ticked (Word's default)."""
    properties = built.tables["closing"].rows[0]._tr.trPr
    assert properties is not None
    for flag in properties.findall(qn("w:cantSplit")):
        properties.remove(flag)


def keep_with_next(paragraph: Paragraph, value: bool) -> None:
    """Paragraph ▸ Line and Page Breaks ▸ "Keep with next"."""
    paragraph.paragraph_format.keep_with_next = value


def phan_in_words(body: tuple[BodyItem, ...]) -> tuple[BodyItem, ...]:
    """Return ``body`` with "Phần I", "Phần II" written "PHẦN THỨ NHẤT", "PHẦN THỨ HAI"."""
    words = {"Phần I": "PHẦN THỨ NHẤT", "Phần II": "PHẦN THỨ HAI"}
    return tuple(words.get(item, item) if isinstance(item, str) else item for item in body)


KINH_GUI_MANY = replace(BAO_CAO, kinh_gui=KINH_GUI_NHIEU)
PHAN_WORDS = replace(BAO_CAO, body=phan_in_words(BAO_CAO.body))
SIGNATURE_BELOW = replace(Spec(), closing="signature-below")
SIGNATURE_ABOVE = replace(Spec(), closing="signature-above")
PHAN_TITLE = "KẾT QUẢ CÔNG TÁC"
"""The start of the title of Phần I of :data:`BAO_CAO`."""
TRICH_YEU_2 = "và phương hướng"
"""The start of the second trích yếu line of :data:`BAO_CAO`."""

BAO_CAO_CASES = [
    case("PHAN.SIZE", ERROR, "Phần I", on("Phần I", set_size, 12), BAO_CAO, found="12 pt"),
    case("PHAN.BOLD", ERROR, "Phần I", on("Phần I", set_bold, False), BAO_CAO),
    case("PHAN.ITALIC", ERROR, "Phần I", on("Phần I", set_italic, True), BAO_CAO),
    case("PHAN.ALIGN", WARNING, "Phần I", on("Phần I", align, LEFT), BAO_CAO),
    case(
        "PHAN.BOLD",
        ERROR,
        "PHẦN THỨ HAI",
        on("PHẦN THỨ HAI", set_bold, False),
        PHAN_WORDS,
        id="thu-hai",
    ),
    case("PHAN_TIEU_DE.SIZE", ERROR, PHAN_TITLE, on(PHAN_TITLE, set_size, 12), BAO_CAO),
    case("PHAN_TIEU_DE.BOLD", ERROR, PHAN_TITLE, on(PHAN_TITLE, set_bold, False), BAO_CAO),
    case("PHAN_TIEU_DE.ITALIC", ERROR, PHAN_TITLE, on(PHAN_TITLE, set_italic, True), BAO_CAO),
    case(
        "PHAN_TIEU_DE.CASE",
        ERROR,
        "Kết quả công tác",
        retype(PHAN_TITLE, "Kết quả công tác"),
        BAO_CAO,
    ),
    case("PHAN_TIEU_DE.ALIGN", WARNING, PHAN_TITLE, on(PHAN_TITLE, align, LEFT), BAO_CAO),
    case(
        "HEADING.SEQUENCE",
        ERROR,
        "III. KẾT QUẢ",
        retype("II. KẾT QUẢ", "III. KẾT QUẢ"),
        BAO_CAO,
        id="muc-I-III-in-a-phan",
        found="III",
    ),
    case(
        "HEADING.SEQUENCE",
        ERROR,
        "IV. PHƯƠNG HƯỚNG",
        retype("I. PHƯƠNG HƯỚNG", "IV. PHƯƠNG HƯỚNG"),
        BAO_CAO,
        id="muc-not-restarted-in-phan-II",
        found="IV",
    ),
    case(
        "HEADING.SEQUENCE",
        ERROR,
        "Phần III",
        retype("Phần II", "Phần III"),
        BAO_CAO,
        id="phan-I-III",
        found="Phần III",
    ),
    case(
        "HEADING.SEQUENCE",
        ERROR,
        "PHẦN THỨ BA",
        retype("PHẦN THỨ HAI", "PHẦN THỨ BA"),
        PHAN_WORDS,
        id="phan-thu-nhat-thu-ba",
    ),
    case(
        "TRICH_YEU.BOLD",
        ERROR,
        TRICH_YEU_2,
        on("trich_yeu_1", set_bold, False),
        BAO_CAO,
        id="second-line",
    ),
    case(
        "TRICH_YEU.SIZE",
        ERROR,
        TRICH_YEU_2,
        on("trich_yeu_1", set_size, 12),
        BAO_CAO,
        id="second-line",
    ),
    case(
        "KINH_GUI.SIZE",
        ERROR,
        "- Sở Nội vụ tỉnh",
        on("kinh_gui_2", set_size, 12),
        KINH_GUI_MANY,
        id="recipient-line",
    ),
    case(
        "KINH_GUI.BOLD",
        ERROR,
        "Kính gửi: Ủy ban",
        on("kinh_gui_0", set_bold, True),
        BAO_CAO,
        id="under-the-trich-yeu-line",
    ),
    case(
        "KINH_GUI.COLON",
        ERROR,
        "Kính gửi",
        on("kinh_gui_0", set_text, "Kính gửi"),
        KINH_GUI_MANY,
        id="several-recipients",
    ),
    case(
        "BODY.INDENT",
        ERROR,
        "+ Phát động",
        on("+ Phát động", spacing, "first_line_indent", None),
        BAO_CAO,
        id="plus-item",
    ),
    case(
        "BODY.ALIGN",
        ERROR,
        MO_DAU_CAN_CU[:30],
        on(MO_DAU_CAN_CU[:30], align, LEFT),
        BAO_CAO,
        id="opening-that-starts-can-cu",
    ),
    case(
        "SIGNATURE.PAGE_SPLIT",
        WARNING,
        "Nơi nhận:",
        row_may_split,
        id="table-row-may-split",
        found="ngắt giữa hai trang",
    ),
    case(
        "SIGNATURE.PAGE_SPLIT",
        WARNING,
        "CHỦ TỊCH",
        on("tham_quyen_1", keep_with_next, False),
        SIGNATURE_BELOW,
        id="paragraphs-below-noi-nhan",
        found="1 đoạn",
    ),
    case(
        "SIGNATURE.PAGE_SPLIT",
        WARNING,
        "TM. ỦY BAN",
        on("tham_quyen_0", keep_with_next, False),
        SIGNATURE_ABOVE,
        id="paragraphs-above-noi-nhan",
    ),
]

ALL_CASES = (
    PAGE_CASES
    + TEXT_CASES
    + COMPONENT_CASES
    + LINE_CASES
    + NUMBER_AND_DATE_CASES
    + BODY_CASES
    + CLOSING_CASES
    + PAGE_NUMBER_CASES
    + APPENDIX_CASES
    + CONG_VAN_CASES
    + ARTICLE_CASES
    + DECISION_CASES
    + LIST_CASES
    + BAO_CAO_CASES
)


@pytest.mark.parametrize("mistake", ALL_CASES)
def test_one_mistake_gives_exactly_its_finding(mistake: Case, tmp_path: Path) -> None:
    found = findings(build(mistake.spec, mistake.mutate, tmp_path))
    assert [f.rule for f in found] == [mistake.rule], show(found)
    finding = found[0]
    assert finding.severity == mistake.severity
    if mistake.excerpt is None:
        assert finding.location is None
        assert finding.excerpt == ""
    else:
        assert finding.location is not None
        excerpt = unicodedata.normalize("NFC", finding.excerpt)  # TEXT_NFC shows the text as is
        assert excerpt.startswith(mistake.excerpt), finding.excerpt
    assert finding.expected and finding.found and finding.ref
    assert mistake.found in finding.found, finding.found


RULE_IDS = (
    "PAGE_SIZE",
    "ORIENTATION",
    "MARGIN_TOP",
    "MARGIN_BOTTOM",
    "MARGIN_LEFT",
    "MARGIN_RIGHT",
    "FONT",
    "COLOR",
    "TEXT_NFC",
    "TEXT_CHARS",
    "QUOC_HIEU.MISSING",
    "TIEU_NGU.MISSING",
    "TIEU_NGU.TEXT",
    "KE_CO_QUAN.MISSING",
    "KE_CO_QUAN.LENGTH",
    "KE_TIEU_NGU.MISSING",
    "KE_TIEU_NGU.LENGTH",
    "KE_TRICH_YEU.MISSING",
    "KE_TRICH_YEU.LENGTH",
    "SO.FORMAT",
    "SO.LEADING_ZERO",
    "SO.TYPE",
    "SO.MISSING",
    "DATE.FORMAT",
    "DATE.DAY_PADDING",
    "DATE.MONTH_PADDING",
    "DATE.MISSING",
    "BODY.ALIGN",
    "BODY.INDENT",
    "BODY.SPACING",
    "BODY.LINE_SPACING",
    "BODY.SIZE",
    "HEADING.SEQUENCE",
    "HEADING.POINT_LETTER",
    "CAN_CU.PUNCTUATION",
    "NOI_NHAN.MISSING",
    "NOI_NHAN.COLON",
    "NOI_NHAN.DASH",
    "NOI_NHAN.LUU",
    "NOI_NHAN.PUNCTUATION",
    "SIGNATURE.MISSING",
    "SIGNATURE.AUTHORITY",
    "SIGNATURE.AGREEMENT",
    "SIGNATURE.PAGE_SPLIT",
    "PAGE_NUMBER.MISSING",
    "PAGE_NUMBER.ALIGN",
    "PAGE_NUMBER.SIZE",
    "PAGE_NUMBER.STYLE",
    "PAGE_NUMBER.FIRST_PAGE",
    "PHU_LUC.CASE",
    "PHU_LUC.BOLD",
    "PHU_LUC.ALIGN",
    "KINH_GUI.COLON",
    "DIEU.BOLD",
    "THAM_QUYEN_BAN_HANH.MISSING",
    "QUYET_DINH_LENH.COLON",
    "QUYET_DINH_LENH.MISSING",
    "NOI_NHAN.NHU_DIEU",
    "KEM_THEO.FORMAT",
)


CHECKED_COMPONENTS = (
    n30.QUOC_HIEU, n30.TIEU_NGU, n30.CO_QUAN_CHU_QUAN, n30.CO_QUAN_BAN_HANH, n30.SO_KY_HIEU,
    n30.DIA_DANH_NGAY, n30.TEN_LOAI, n30.TRICH_YEU, n30.CAN_CU, n30.NOI_NHAN_TIEU_DE,
    n30.NOI_NHAN, n30.THAM_QUYEN, n30.HO_TEN, n30.MUC, n30.PHAN, n30.PHAN_TIEU_DE, n30.VV,
    n30.KINH_GUI, n30.THAM_QUYEN_BAN_HANH, n30.QUYET_DINH_LENH, n30.KEM_THEO,
)  # fmt: skip
"""The components :meth:`Checker.check_components` checks."""
UNREACHABLE = {"CO_QUAN_CHU_QUAN.BOLD"}
"""A bold parent-agency line is, by definition, read as the start of the issuing agency's
name (roles._agency), so it cannot be reported as a bold parent agency."""


def component_rule_ids() -> set[str]:
    ids = set()
    for component in CHECKED_COMPONENTS:
        key = component.key.upper()
        ids.add(f"{key}.SIZE")
        if component.check_align:
            ids.add(f"{key}.ALIGN")
        if component.bold is not None:
            ids.add(f"{key}.BOLD")
        if component.italic is not None:
            ids.add(f"{key}.ITALIC")
        if component.case is n30.Case.UPPER:
            ids.add(f"{key}.CASE")
    return ids - UNREACHABLE


def test_every_rule_has_a_case() -> None:
    """Every rule the checker can report is exercised by a case above."""
    covered = {param.values[0].rule for param in ALL_CASES}  # type: ignore[attr-defined]
    wanted = set(RULE_IDS) | component_rule_ids()
    assert wanted <= covered, sorted(wanted - covered)


def test_report_documents_every_rule_id() -> None:
    """The stable rule ids are listed in the JSON schema's documentation (report.py)."""
    documented = report.__doc__ or ""
    missing = [rule for rule in RULE_IDS if rule not in documented]
    missing += [c.key.upper() for c in CHECKED_COMPONENTS if c.key.upper() not in documented]
    assert not missing, missing


# -- compliant documents ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param(Spec(), id="ke-hoach"),
        pytest.param(CONG_VAN, id="cong-van"),
        pytest.param(DECISION, id="quyet-dinh"),
        pytest.param(
            replace(
                DECISION,
                tham_quyen_ban_hanh="ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ",
                signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            ),
            id="quyet-dinh-tap-the",
        ),
        pytest.param(SUB_AGENCY, id="co-quan-chu-quan"),
        pytest.param(APPENDIX, id="phu-luc"),
        pytest.param(replace(Spec(), appendix="Phụ lục"), id="phu-luc-duy-nhat"),
        pytest.param(
            replace(Spec(), top=Mm(25), bottom=Mm(25), left=Mm(35), right=Mm(20)), id="le-toi-da"
        ),
        pytest.param(replace(Spec(), date="Đắk Hà, ngày 15 tháng 12 năm 2024"), id="thang-12"),
        pytest.param(replace(Spec(), agency_line=1 / 2), id="ke-co-quan-1/2"),
        pytest.param(replace(Spec(), agency_line=1 / 3), id="ke-co-quan-1/3"),
        pytest.param(replace(Spec(), agency_size=12), id="co-quan-12pt"),
        pytest.param(BAO_CAO, id="bao-cao"),
        pytest.param(KINH_GUI_MANY, id="kinh-gui-nhieu-noi"),
        pytest.param(
            replace(Spec(), kinh_gui=("Kính gửi: Ủy ban nhân dân tỉnh Kon Tum.",)),
            id="kinh-gui-mot-noi",
        ),
        pytest.param(PHAN_WORDS, id="phan-thu-nhat"),
        pytest.param(
            replace(Spec(), trich_yeu_lines=("và phương hướng, nhiệm vụ năm 2025",)),
            id="trich-yeu-hai-dong",
        ),
        pytest.param(
            replace(
                Spec(),
                trich_yeu="Sơ kết",
                trich_yeu_lines=(
                    "công tác thi đua, khen thưởng 6 tháng đầu năm 2024 và phương hướng,",
                    "nhiệm vụ năm 2025",
                ),
            ),
            id="trich-yeu-dong-giua-dai-nhat",
        ),
        pytest.param(
            replace(
                Spec(),
                body=body_with(
                    "- Triển khai",
                    "- Triển khai các hoạt động thi đua phải đảm bảo:",
                    "+ Thiết thực, hiệu quả, tránh hình thức;",
                    "+ Gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị;",
                ),
            ),
            id="gach-cong",
        ),
        pytest.param(
            replace(Spec(), can_cu=(), body=(MO_DAU_CAN_CU, *KE_HOACH_BODY[1:])),
            id="mo-dau-can-cu-nhu-sau",
        ),
        pytest.param(
            replace(
                Spec(),
                body=(
                    "Căn cứ tình hình thực tế, Ủy ban nhân dân huyện xây dựng Kế hoạch như sau:",
                    *KE_HOACH_BODY[1:],
                ),
            ),
            id="can-cu-roi-mo-dau-can-cu",
        ),
        pytest.param(
            replace(
                Spec(),
                body=(
                    KE_HOACH_BODY[0],
                    "Căn cứ các chỉ tiêu được giao, các cơ quan, đơn vị đăng ký thi đua.",
                    *KE_HOACH_BODY[1:],
                ),
            ),
            id="can-cu-sau-doan-van",
        ),
        pytest.param(
            replace(Spec(), body=body_with(BODY, KE_HOACH_BODY[3], RESULTS_TABLE)),
            id="bang-ket-qua",
        ),
        pytest.param(SIGNATURE_BELOW, id="ky-duoi-noi-nhan"),
        pytest.param(SIGNATURE_ABOVE, id="ky-tren-noi-nhan"),
        pytest.param(replace(SIGNATURE_BELOW, appendix="Phụ lục I"), id="ky-duoi-noi-nhan-phu-luc"),
        pytest.param(replace(DECISION, closing="signature-above"), id="quyet-dinh-ky-tren"),
        pytest.param(WITH_LIST, id="quyet-dinh-danh-sach-ngang"),
        pytest.param(replace(WITH_LIST, danh_sach_landscape=False), id="quyet-dinh-danh-sach-doc"),
        pytest.param(
            replace(
                WITH_LIST,
                tham_quyen_ban_hanh=COMMITTEE,
                signer=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                kem_theo="(Kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm 2024 "
                "của Ủy ban nhân dân huyện Đắk Hà)",
            ),
            id="quyet-dinh-tap-the-du-thao-danh-sach",
        ),
        pytest.param(
            replace(WITH_LIST, closing="signature-below"), id="quyet-dinh-danh-sach-ky-duoi"
        ),
        pytest.param(
            replace(DECISION, signer=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")), id="quyet-dinh-ky-thay"
        ),
        pytest.param(
            replace(
                DECISION,
                can_cu=(
                    *DECISION.can_cu[:2],
                    "Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 05/TTr-NV ngày 10 "
                    "tháng 01 năm 2024.",
                ),
            ),
            id="quyet-dinh-xet-de-nghi",
        ),
        pytest.param(
            replace(DECISION, can_cu=(DECISION.can_cu[0], DECISION.can_cu[1][:-1] + ".")),
            id="quyet-dinh-khong-de-nghi",
        ),
        pytest.param(
            replace(
                DECISION,
                body=(
                    "QUYẾT ĐỊNH:",
                    "Điều 1. Tặng Giấy khen cho các tập thể, cá nhân sau:",
                    "1. Phòng Giáo dục và Đào tạo huyện;",
                    "2. Trường Tiểu học Kim Đồng.",
                    "Điều 2. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện và các "
                    "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
                    "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký./.",
                ),
                noi_nhan=("- Như Điều 2;", "- Lưu: VT, NV."),
            ),
            id="quyet-dinh-dieu-2-thi-hanh",
        ),
        pytest.param(
            replace(
                DECISION,
                body=(
                    "QUYẾT ĐỊNH:",
                    "Điều 1. Tặng Giấy khen cho các tập thể sau:",
                    "1. Phòng Giáo dục và Đào tạo huyện;",
                    "2. Trường Tiểu học Kim Đồng.",
                    "Điều 2. Tiền thưởng:",
                    "1. Mỗi tập thể 3.000.000 đồng;",
                    "2. Nguồn: Quỹ thi đua, khen thưởng của huyện.",
                    DECISION_BODY[-1],
                ),
            ),
            id="quyet-dinh-khoan-trong-moi-dieu",
        ),
    ],
)
def test_compliant_hand_built_document_has_no_finding(spec: Spec, tmp_path: Path) -> None:
    assert show(findings(build(spec, directory=tmp_path))) == "none"


def test_article_number_typed_as_several_runs_is_bold(tmp_path: Path) -> None:
    """ "Điều 1." typed as "Điều" + " " + "1." (the blank run not bold) is no DIEU.BOLD."""
    assert show(findings(build(DECISION, split_article_number, tmp_path))) == "none"


def test_roles_of_a_decision_with_a_list(tmp_path: Path) -> None:
    """The authority line, "QUYẾT ĐỊNH:", the articles, and after the signature the list in
    its own landscape section: header without Số, "DANH SÁCH", title, "Kèm theo", total."""
    facts = inspect_file(build(WITH_LIST, directory=tmp_path))
    roles = identify(facts)

    def text(index: int | None) -> str:
        assert index is not None
        return facts.paragraphs[index].text

    assert text(roles.tham_quyen_ban_hanh) == CHAIRMAN
    assert text(roles.quyet_dinh_lenh) == QD_LINE
    assert [text(i)[:7] for i in roles.dieu] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert text(roles.can_cu[-1]).startswith("Theo đề nghị")
    (attachment,) = roles.attachments
    assert attachment.section == 1 and roles.attachment_sections == {1}
    assert text(attachment.quoc_hieu) == QH and text(attachment.tieu_ngu) == TN
    assert [text(i) for i in attachment.co_quan_ban_hanh] == list(WITH_LIST.agency)
    assert text(attachment.ten_loai) == "DANH SÁCH"
    assert [text(i) for i in attachment.title] == list(LIST_TITLE)
    assert text(attachment.kem_theo) == KEM_THEO
    assert [text(i) for i in attachment.body] == [LIST_TOTAL]
    assert [s.orientation for s in facts.sections] == ["portrait", "landscape"]
    assert {p.section for p in facts.paragraphs if p.location.table == 3} == {1}  # the list


def test_landscape_main_section_is_still_reported_with_a_list(tmp_path: Path) -> None:
    """Only the attachment's own section may be landscape."""
    spec = replace(
        WITH_LIST,
        page_width=Mm(297),
        page_height=Mm(210),
        landscape=True,
        danh_sach_landscape=False,  # the list keeps the main section's (landscape) page size
    )

    def landscape_list(built: Built) -> None:
        built.document.sections[1].orientation = WD_ORIENT.LANDSCAPE

    found = findings(build(spec, landscape_list, tmp_path))
    assert [(f.rule, f.expected[:6]) for f in found] == [("ORIENTATION", "phần 1")]


def test_issued_rules_with_chapters_attached(tmp_path: Path) -> None:
    """An attachment divided into chương (a quy chế a decision issues, Mẫu 1.3): the centred
    "Chương I" line and its title are headings, not body text; articles number afresh."""

    def chapters(built: Built) -> None:
        document = built.document
        for text in ("Chương I", "QUY ĐỊNH CHUNG"):
            typed(document, text, 14, bold=True).paragraph_format.space_after = Pt(6)
        article = body_paragraph(document, "Điều 1.", bold=True)
        add_run(article, " Quy chế này quy định về công tác thi đua, khen thưởng của huyện.", 14)

    path = build(APPENDIX, chapters, tmp_path)
    assert show(findings(path)) == "none"
    (attachment,) = identify(inspect_file(path)).attachments
    assert (len(attachment.phan), len(attachment.phan_tieu_de), len(attachment.dieu)) == (1, 1, 1)


def test_decision_without_attachment_has_none(tmp_path: Path) -> None:
    roles = identify(inspect_file(build(DECISION, directory=tmp_path)))
    assert roles.attachments == [] and roles.attachment_sections == set()


@pytest.mark.parametrize("name", sorted(DOC_TYPE_ABBREVIATIONS))
def test_every_ten_loai_of_the_abbreviation_table_is_accepted(name: str, tmp_path: Path) -> None:
    symbol = DOC_TYPE_ABBREVIATIONS[name]
    spec = replace(Spec(), ten_loai=name.upper(), so=f"Số: 05/{symbol}-UBND")
    assert show(findings(build(spec, directory=tmp_path))) == "none"


def test_roles_of_a_bao_cao(tmp_path: Path) -> None:
    """Trích yếu on two lines, the Kính gửi block under its line, phần and their titles, "+"
    items, and an opening sentence starting "Căn cứ" that is body text, not a căn cứ line."""
    facts = inspect_file(build(KINH_GUI_MANY, directory=tmp_path))
    roles = identify(facts)

    def texts(indexes: list[int]) -> list[str]:
        return [facts.paragraphs[i].text for i in indexes]

    assert texts(roles.trich_yeu) == [BAO_CAO.trich_yeu, *BAO_CAO.trich_yeu_lines]
    assert texts(roles.kinh_gui) == list(KINH_GUI_NHIEU)
    assert texts(roles.phan) == ["Phần I", "Phần II"]
    assert [t[:16] for t in texts(roles.phan_tieu_de)] == [PHAN_TITLE, "PHƯƠNG HƯỚNG, NH"]
    assert [t[:2] for t in texts(roles.gach_cong)] == ["+ ", "+ "]
    assert roles.can_cu == []
    assert texts(roles.body)[0] == MO_DAU_CAN_CU
    assert [t.split(".")[0] for t in texts(roles.muc)] == ["I", "II", "III", "I", "II"]


def test_line_under_tieu_ngu_may_be_vml(tmp_path: Path) -> None:
    """A line drawn as a legacy VML shape counts like a DrawingML one."""
    width = n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True)
    path = build(
        replace(Spec(), tieu_ngu_line=None),
        lambda built: vml_line(built["ke_tieu_ngu"], width),
        tmp_path,
    )
    assert show(findings(path)) == "none"


def test_line_under_tieu_ngu_may_be_a_paragraph_border(tmp_path: Path) -> None:
    width = n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True)
    inner = int(n30.GEOMETRY.header_right) - 2 * 108 * 635

    def mutate(built: Built) -> None:
        border_line(built["ke_tieu_ngu"], inner, width)

    path = build(replace(Spec(), tieu_ngu_line=None), mutate, tmp_path)
    assert show(findings(path)) == "none"


def test_drawn_line_in_the_tieu_ngu_paragraph_itself(tmp_path: Path) -> None:
    width = n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True)
    path = build(
        replace(Spec(), tieu_ngu_line=None),
        lambda built: drawn_line(built["tieu_ngu"], width),
        tmp_path,
    )
    assert show(findings(path)) == "none"


DECISION_SAMPLE = ROOT / "data" / "quyetdinh-khenthuong-2023.yaml"
"""docgen's sample Quyết định of the Chủ tịch, with its list of awardees."""


def test_every_docgen_sample_renders_with_no_finding(tmp_path: Path) -> None:
    """Every document of data/, batch units and roll-ups included, as `docgen build` makes them."""
    from docgen.build import build

    report = build([ROOT / "data"], tmp_path, jobs=1)
    assert SAMPLE.with_suffix(".docx").name in {path.name for path in report.rendered}
    assert len(report.rendered) > 20
    failing = {path.name: show(findings(path)) for path in report.rendered}
    assert {name: shown for name, shown in failing.items() if shown != "none"} == {}


def _rendered(
    start: str, change: Callable[[Paragraph], None], whole: bool = False
) -> Callable[[Document], None]:
    """Return a change of the rendered document's first paragraph (cells included) starting
    with ``start`` (with ``whole``, reading just ``start``)."""

    def mutate(document: Document) -> None:
        paragraphs = [*document.paragraphs]
        paragraphs += [p for t in document.tables for c in t._cells for p in c.paragraphs]
        change(
            next(
                p for p in paragraphs if p.text == start or (not whole and p.text.startswith(start))
            )
        )

    return mutate


@pytest.mark.parametrize(
    "rule, change",
    [
        ("THAM_QUYEN_BAN_HANH.BOLD", _rendered("CHỦ TỊCH ỦY BAN", lambda p: set_bold(p, False))),
        ("QUYET_DINH_LENH.COLON", _rendered(QD_LINE, lambda p: set_text(p, "QUYẾT ĐỊNH"))),
        ("DIEU.BOLD", _rendered("Điều 2.", lambda p: set_bold(p, False))),
        ("NOI_NHAN.NHU_DIEU", _rendered("- Như Điều", lambda p: set_text(p, "- Như Điều 2;"))),
        (
            "SIGNATURE.AGREEMENT",
            _rendered("CHỦ TỊCH", lambda p: set_text(p, "TM. ỦY BAN NHÂN DÂN"), whole=True),
        ),
        ("KEM_THEO.ITALIC", _rendered("(Kèm theo", lambda p: set_italic(p, False))),
        ("KEM_THEO.FORMAT", _rendered("(Kèm theo", lambda p: set_text(p, p.text.strip("()")))),
        ("FONT", _rendered("Tổng cộng", lambda p: set_fonts(p.runs[0], "Arial"))),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_docgen_decision_is_judged_like_a_hand_built_one(
    rule: str, change: Callable[[Document], None], tmp_path: Path
) -> None:
    """The mistakes of the hand-built cases, made in docgen's rendered decision (styles,
    character style for "Điều N.", list in its own section), give the same single finding."""
    import docx

    document = docx.Document(str(api.render_file(DECISION_SAMPLE, tmp_path)))
    change(document)
    path = tmp_path / "sua-tay.docx"
    document.save(str(path))
    assert [f.rule for f in findings(path)] == [rule], show(findings(path))


def test_one_mistake_reports_all_its_places(tmp_path: Path) -> None:
    """Two body paragraphs in Arial give two FONT findings, in document order."""

    def mutate(built: Built) -> None:
        for start in (BODY, "Tham mưu"):
            set_fonts(built.find(start).runs[0], "Arial")

    found = findings(build(mutate=mutate, directory=tmp_path))
    assert [(f.rule, f.excerpt[:8]) for f in found] == [
        ("FONT", BODY[:8]),
        ("FONT", "Tham mưu"),
    ]
    assert [f.location.paragraph for f in found if f.location] == sorted(
        f.location.paragraph for f in found if f.location
    )


def test_mistake_in_a_table_cell_is_located_by_row_and_column(tmp_path: Path) -> None:
    found = findings(build(mutate=on("noi_nhan_0", set_size, 12), directory=tmp_path))
    assert len(found) == 1
    location = found[0].location
    assert location is not None
    assert (location.table, location.row, location.column) == (1, 0, 0)
    assert location.describe() == "bảng 2, hàng 1, cột 1"


# -- reading files, the report, the command line ----------------------------------------------


def test_check_file_of_a_file_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.docx"
    path.write_text("không phải docx", encoding="utf-8")
    report = api.check_file(path)
    assert report.error is not None and "không phải tệp .docx" in report.error
    assert report.findings == []


def test_check_file_of_a_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "nen.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "a")
    report = api.check_file(path)
    assert report.error is not None and report.findings == []


def test_check_file_of_a_missing_file(tmp_path: Path) -> None:
    report = api.check_file(tmp_path / "khong-co.docx")
    assert report.error == "không tìm thấy tệp"
    assert report.findings == []


def test_check_file_of_a_compliant_document(tmp_path: Path) -> None:
    report = api.check_file(build(directory=tmp_path))
    assert report.error is None and report.findings == []
    assert "đúng thể thức, không có lỗi" in to_text([report])


def test_json_report_structure(tmp_path: Path) -> None:
    path = build(replace(Spec(), right=Mm(25.4)), on("so", align, LEFT), tmp_path)
    missing = tmp_path / "khong-co.docx"
    data = json.loads(to_json([api.check_file(path), api.check_file(missing)]))
    assert set(data) == {"schema", "files"}
    assert data["schema"] == SCHEMA == "docgen-check/1"
    checked, unreadable = data["files"]
    assert set(checked) >= {"file", "error", "error_kind", "findings", "summary"}
    assert checked["error"] is None
    assert checked["summary"] == {"errors": 1, "warnings": 1}
    margin, alignment = checked["findings"]
    keys = {"rule", "severity", "location", "excerpt", "expected", "found", "ref", "confidence"}
    assert set(margin) == set(alignment) == keys
    assert (margin["rule"], margin["severity"], margin["location"]) == ("MARGIN_RIGHT", ERROR, None)
    assert margin["confidence"] is None  # a finding on the whole document
    assert alignment["confidence"] == "certain"
    assert margin["found"] == "25.4 mm"
    assert alignment["rule"] == "SO_KY_HIEU.ALIGN"
    assert alignment["severity"] == WARNING
    assert alignment["location"] == {
        "part": "body",
        "paragraph": 6,
        "table": 0,
        "row": 1,
        "column": 0,
        "description": "bảng 1, hàng 2, cột 1",
    }
    assert alignment["excerpt"] == "Số: 05/KH-UBND"
    assert unreadable["error"] == "không tìm thấy tệp"
    assert unreadable["findings"] == []
    assert unreadable["summary"] == {"errors": 0, "warnings": 0}


def test_text_report_names_rule_place_and_reference(tmp_path: Path) -> None:
    report = api.check_file(build(mutate=on(BODY, set_size, 12), directory=tmp_path))
    text = to_text([report])
    assert "[BODY.SIZE]" in text and "lỗi" in text and n30.BODY_REF in text
    assert "1 lỗi, 0 cảnh báo" in text


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", *args], prog_name="docgen")


def test_cli_exit_0_when_compliant(tmp_path: Path) -> None:
    result = invoke(str(build(directory=tmp_path)))
    assert result.exit_code == 0, result.output
    assert "đúng thể thức" in result.output


def test_cli_exit_1_on_an_error(tmp_path: Path) -> None:
    result = invoke(str(build(mutate=on(BODY, set_size, 12), directory=tmp_path)))
    assert result.exit_code == 1
    assert "[BODY.SIZE]" in result.output


@pytest.mark.parametrize("strict, status", [(False, 0), (True, 1)])
def test_cli_strict_turns_warnings_into_failure(strict: bool, status: int, tmp_path: Path) -> None:
    path = build(mutate=on("quoc_hieu", align, LEFT), directory=tmp_path)
    result = invoke(*(["--strict"] if strict else []), str(path))
    assert result.exit_code == status, result.output
    assert "[QUOC_HIEU.ALIGN]" in result.output and "0 lỗi, 1 cảnh báo" in result.output


def test_cli_exit_2_when_a_file_cannot_be_read(tmp_path: Path) -> None:
    good = build(directory=tmp_path)
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    result = invoke(str(good), str(broken), str(tmp_path / "khong-co.docx"))
    assert result.exit_code == 2
    assert "không kiểm tra được" in result.output


def test_cli_json_format(tmp_path: Path) -> None:
    result = invoke("--format", "json", str(build(mutate=red, directory=tmp_path)))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["schema"] == SCHEMA
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["COLOR"]
    assert data["files"][0]["findings"][0]["found"] == "FF0000"


def test_file_report_counts() -> None:
    report = FileReport("x.docx", [Finding("A", ERROR, None, "", "", "", ""),
                                   Finding("B", WARNING, None, "", "", "", "")])  # fmt: skip
    assert (report.count(ERROR), report.count(WARNING)) == (1, 1)


def test_builder_types_everything_directly(tmp_path: Path) -> None:
    """The hand-built document has no style of docgen's: only Word's defaults and direct
    formatting (so the checker is tested on what a person typing in Word produces)."""
    import docx

    document = docx.Document(str(build(directory=tmp_path)))
    used = {p.style.style_id for p in document.paragraphs if p.style is not None}
    assert used == {"Normal"}
    assert not any(s.style_id.startswith("N30") for s in document.styles)


def test_paragraph_spacing_falls_back_to_the_document_defaults(tmp_path: Path) -> None:
    """A paragraph without spacing of its own takes Word's document defaults (here python-docx's
    template: 10 pt after, 1.15 lines); reading them used to crash the inspector."""

    def mutate(built: Built) -> None:
        paragraph_format = built.find(BODY).paragraph_format
        paragraph_format.space_before = None
        paragraph_format.space_after = None
        paragraph_format.line_spacing = None

    facts = inspect_file(build(mutate=mutate, directory=tmp_path))
    paragraph = next(p for p in facts.paragraphs if p.text.startswith(BODY))
    assert paragraph.space_before is None
    assert paragraph.space_after == Pt(10)
    assert paragraph.line_spacing == pytest.approx(1.15)
    assert check(facts) == []


def test_line_under_tieu_ngu_may_be_a_table_cell_border(tmp_path: Path) -> None:
    """Tiêu ngữ typed in a one-cell table as wide as the text, its bottom edge ruled."""
    width = n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True)

    def mutate(built: Built) -> None:
        nation = built.tables["header"].cell(0, 1)
        inner = nation.add_table(rows=1, cols=1)
        cell = inner.cell(0, 0)
        cell.width = Length(width)
        tieu_ngu = built["tieu_ngu"]._p
        cell._tc.remove(cell.paragraphs[0]._p)
        built["quoc_hieu"]._p.addnext(inner._tbl)
        cell._tc.append(tieu_ngu)
        borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), "6")
        borders.append(bottom)
        cell._tc.get_or_add_tcPr().append(borders)
        nation._tc.append(OxmlElement("w:p"))  # a cell must end with a paragraph

    path = build(replace(Spec(), tieu_ngu_line=None), mutate, tmp_path)
    assert show(findings(path)) == "none"


def test_table_cell_border_too_short_is_reported(tmp_path: Path) -> None:
    width = n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True)

    def mutate(built: Built) -> None:
        nation = built.tables["header"].cell(0, 1)
        inner = nation.add_table(rows=1, cols=1)
        cell = inner.cell(0, 0)
        cell.width = Length(int(width * 0.6))
        tieu_ngu = built["tieu_ngu"]._p
        cell._tc.remove(cell.paragraphs[0]._p)
        built["quoc_hieu"]._p.addnext(inner._tbl)
        cell._tc.append(tieu_ngu)
        borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        borders.append(bottom)
        cell._tc.get_or_add_tcPr().append(borders)
        nation._tc.append(OxmlElement("w:p"))

    path = build(replace(Spec(), tieu_ngu_line=None), mutate, tmp_path)
    assert [finding.rule for finding in findings(path)] == ["KE_TIEU_NGU.LENGTH"]


FIXABLE_CASES = [case for case in ALL_CASES if case.values[0].rule.startswith(FIXABLE_PREFIXES)]


@pytest.mark.parametrize("mistake", FIXABLE_CASES)
def test_fix_repairs_every_mistake_of_a_rule_it_claims(mistake: Case, tmp_path: Path) -> None:
    """``--fix`` on each violating fixture of a fixable rule leaves no finding of the rules it
    fixes (a line drawn for a landscape page may then need redrawing by hand: reported)."""
    broken = build(mistake.spec, mistake.mutate, tmp_path)
    changes, remaining = api.fix_file(broken, tmp_path / "fixed.docx")
    assert changes.changes, mistake.rule
    assert remaining.findings == findings(tmp_path / "fixed.docx")
    left = [f for f in remaining.findings if f.rule.startswith(FIXABLE_PREFIXES)]
    assert show(left) == "none"
    if mistake.rule != "ORIENTATION":
        assert show(remaining.findings) == "none"
