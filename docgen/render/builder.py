"""Build the .docx templates from the N30 rules, reproducibly.

    python -m docgen.render.builder [TEMPLATES_DIR]

Every paragraph of a template has a named style made from :mod:`docgen.rules.n30`, so staff
can restyle a template in Word (Home > Styles > Modify) without touching the tags. Running the
builder twice gives byte-identical files; a test checks the committed templates against it.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from docgen.kinds import KINDS, Kind
from docgen.render.minimal import minimal_package
from docgen.render.ooxml import append_xml, page_number_runs_xml, twips
from docgen.render.package import read_parts, write_parts
from docgen.rules import n30
from docgen.units import Length, Pt

WORD_ALIGNMENT = {
    n30.Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    n30.Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    n30.Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}
"""python-docx's value of each N30 alignment."""


def exact(height: int) -> Emu:
    """Return ``height`` (EMU) as python-docx's length type: given as a line spacing, an
    ``int`` is read as a multiple of single spacing and only a docx length as exact."""
    return Emu(height)


BORDERLESS_TABLE_STYLE = ("N30KhongVien", "N30 Bảng không viền")
GRID_TABLE_STYLE = ("N30Bang", "N30 Bảng")
CHARACTER_STYLES = (
    ("N30Dam", "N30 Đậm", True, False),
    ("N30Nghieng", "N30 Nghiêng", False, True),
    ("N30DamNghieng", "N30 Đậm nghiêng", True, True),
)
KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _set_fonts(r_pr: BaseOxmlElement) -> None:
    """Set Times New Roman on every script slot of ``r_pr``, dropping theme fonts."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]  # theme attributes would override the explicit names
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), n30.FONT_NAME)


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """Return the first ``tag`` child of ``parent``, created at the end when absent."""
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _reset_styles(document: DocumentObject) -> None:
    """Keep only the base styles and make the document defaults N30's font, size and colour."""
    styles = document.styles.element
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEPT_STYLES:
            styles.remove(style)
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    for element in list(r_pr):
        r_pr.remove(element)
    _set_fonts(r_pr)
    for tag, value in (("w:color", n30.COLOR_BLACK), ("w:sz", "28"), ("w:szCs", "28")):
        _child(r_pr, tag).set(qn("w:val"), value)
    language = _child(r_pr, "w:lang")
    language.set(qn("w:val"), n30.LANGUAGE)
    language.set(qn("w:eastAsia"), n30.LANGUAGE)
    language.set(qn("w:bidi"), "ar-SA")
    p_pr = _child(_child(defaults, "w:pPrDefault"), "w:pPr")
    for element in list(p_pr):
        p_pr.remove(element)
    spacing = _child(p_pr, "w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    normal = document.styles["Normal"]
    normal.font.name = n30.FONT_NAME
    _set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = n30.NOI_DUNG.size.default


def _add_paragraph_style(document: DocumentObject, component: n30.Component) -> None:
    """Add the paragraph style of ``component`` with its N30 defaults."""
    style = document.styles.add_style(component.style_name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), component.style_id)
    style.base_style = _style_by_id(document, component.based_on)
    style.quick_style = True
    font = style.font
    font.size = component.size.default
    font.bold = bool(component.bold)
    font.italic = bool(component.italic)
    _set_fonts(style.element.get_or_add_rPr())
    paragraph = style.paragraph_format
    paragraph.alignment = WORD_ALIGNMENT[component.align]
    spacing = component.spacing
    paragraph.space_before = spacing.before
    paragraph.space_after = spacing.after
    paragraph.line_spacing = spacing.line
    paragraph.first_line_indent = spacing.first_line_indent
    paragraph.keep_with_next = spacing.keep_with_next
    paragraph.widow_control = True


def _style_by_id(document: DocumentObject, style_id: str | None) -> Any:
    if style_id is None:
        return document.styles["Normal"]
    for style in document.styles:
        if style.style_id == style_id:
            return style
    raise KeyError(style_id)


def _add_line_style(document: DocumentObject, line: n30.RuleLine, indent: Length | None) -> None:
    """Add the style of an empty paragraph whose bottom border is an N30 horizontal line."""
    style = document.styles.add_style(line.style_name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), line.style_id)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(1)  # the paragraph only carries the border: keep it flat
    paragraph = style.paragraph_format
    paragraph.alignment = WORD_ALIGNMENT[n30.Align.CENTER]
    paragraph.space_before = Pt(0)
    paragraph.space_after = line.space_after
    paragraph.line_spacing = exact(Pt(3))
    if indent is not None:
        paragraph.left_indent = indent
        paragraph.right_indent = indent
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(round(line.weight.pt * 8)))  # eighths of a point
    bottom.set(qn("w:space"), "0")
    bottom.set(qn("w:color"), n30.COLOR_BLACK)
    borders.append(bottom)
    # Schema order: pBdr comes before spacing, indentation and alignment.
    p_pr.insert(_first_index(p_pr, ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")), borders)


def _add_spacer_style(document: DocumentObject, spacer: n30.Spacer) -> None:
    """Add the style of the empty paragraph that gives a table the space a paragraph has."""
    style = document.styles.add_style(spacer.style_name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), spacer.style_id)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(1)
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(0)
    paragraph.line_spacing = exact(spacer.height)  # the space itself


def _first_index(parent: BaseOxmlElement, tags: tuple[str, ...]) -> int:
    for index, child in enumerate(parent):
        if child.tag in {qn(tag) for tag in tags}:
            return index
    return len(parent)


def _add_character_styles(document: DocumentObject) -> None:
    """Add the emphasis styles used inside paragraphs (``**đậm**``, ``*nghiêng*``)."""
    for style_id, name, bold, italic in CHARACTER_STYLES:
        style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.element.set(qn("w:styleId"), style_id)
        style.font.bold = bold
        style.font.italic = italic


def _add_table_style(document: DocumentObject, ids: tuple[str, str], border: str) -> None:
    """Add a table style with all borders ``border`` ("single" or "nil")."""
    style = document.styles.add_style(ids[1], WD_STYLE_TYPE.TABLE)
    style.element.set(qn("w:styleId"), ids[0])
    style.base_style = document.styles["Normal Table"]
    tbl_pr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), border)
        if border != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), n30.COLOR_BLACK)
        borders.append(element)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    side = "0" if border == "nil" else "85"  # 0.15 cm inside ruled cells
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), side)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    style.element.append(tbl_pr)


def build_styles(document: DocumentObject) -> None:
    """Give ``document`` every N30 style: components, lines, emphasis, tables."""
    _reset_styles(document)
    for component in n30.COMPONENTS:
        if component.based_on is None:
            _add_paragraph_style(document, component)
    for component in n30.COMPONENTS:
        if component.based_on is not None:
            _add_paragraph_style(document, component)
    tieu_ngu = n30.LINE_UNDER_TIEU_NGU
    width = n30.text_width(n30.TIEU_NGU_TEXT, n30.TIEU_NGU.size.default, True)
    _add_line_style(document, tieu_ngu, Length((tieu_ngu.container - width) // 2))
    _add_line_style(document, n30.LINE_UNDER_CO_QUAN, None)
    _add_line_style(document, n30.LINE_UNDER_TRICH_YEU, None)
    _add_spacer_style(document, n30.SPACE_AFTER_TABLE)
    _add_character_styles(document)
    _add_table_style(document, BORDERLESS_TABLE_STYLE, "nil")
    _add_table_style(document, GRID_TABLE_STYLE, "single")


def set_up_page(document: DocumentObject) -> None:
    """Make the single section A4 portrait with N30 margins and a page number from page 2."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Emu(n30.PAGE.width)
    section.page_height = Emu(n30.PAGE.height)
    section.top_margin = Emu(n30.PAGE.top.default)
    section.bottom_margin = Emu(n30.PAGE.bottom.default)
    section.left_margin = Emu(n30.PAGE.left.default)
    section.right_margin = Emu(n30.PAGE.right.default)
    section.header_distance = Length(n30.PAGE.top.default // 2)
    section.footer_distance = Length(n30.PAGE.bottom.default // 2)
    section.different_first_page_header_footer = True  # N30: no number on the first page
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.style = _style_by_id(document, n30.SO_TRANG.style_id)
    append_xml(number._p, page_number_runs_xml())
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = _style_by_id(document, n30.SO_TRANG.style_id)


def _layout_table(
    document: DocumentObject, rows: int, widths: tuple[Length, Length], style: tuple[str, str]
) -> Table:
    """Add a borderless layout table with fixed column widths on the grid and every cell."""
    table: Table = document.add_table(rows=rows, cols=len(widths))
    table.style = _style_by_id(document, style[0])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: LibreOffice ignores widths set only on cells
        for cell in column.cells:
            cell.width = width
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    # The style's zero side margins, repeated on the table: a reader that does not resolve
    # table styles (docgen check, some converters) would otherwise assume Word's 0.19 cm
    # and measure the header's rule lines against a narrower column.
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    return table


def _write(
    cell: _Cell | DocumentObject, style_id: str, text: str = "", first: bool = False
) -> Paragraph:
    """Add (or, in a new cell, reuse) a paragraph of ``style_id`` holding ``text``."""
    document = cell if isinstance(cell, DocumentObject) else cell.part.document  # type: ignore[attr-defined]
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.style = _style_by_id(document, style_id)
    if text:
        paragraph.add_run(text)
    return paragraph


def _tag(container: _Cell | DocumentObject, tag: str) -> None:
    """Add a paragraph holding only a docxtpl paragraph tag (it vanishes when rendered)."""
    _write(container, n30.NOI_DUNG.style_id, tag)


def _header_table(document: DocumentObject, with_number: bool) -> Table:
    """Add the header table: agency and Quốc hiệu side by side (ô 1–2), and with
    ``with_number`` a second row for Số and the date line (ô 3–4)."""
    geometry = n30.GEOMETRY
    widths = (geometry.header_left, geometry.header_right)
    table = _layout_table(document, 2 if with_number else 1, widths, BORDERLESS_TABLE_STYLE)
    agency = table.cell(0, 0)
    _write(agency, n30.CO_QUAN_CHU_QUAN.style_id, "{%p for dong in co_quan.chu_quan %}", first=True)
    _write(agency, n30.CO_QUAN_CHU_QUAN.style_id, "{{ dong }}")
    _tag(agency, "{%p endfor %}")
    _tag(agency, "{%p for dong in co_quan.ten %}")
    _write(agency, n30.CO_QUAN_BAN_HANH.style_id, "{{ dong }}")
    _tag(agency, "{%p endfor %}")
    _write(agency, n30.LINE_UNDER_CO_QUAN.style_id, "{{p co_quan.ten|duong_ke('ke_co_quan') }}")
    nation = table.cell(0, 1)
    _write(nation, n30.QUOC_HIEU.style_id, n30.QUOC_HIEU_TEXT, first=True)
    _write(nation, n30.TIEU_NGU.style_id, n30.TIEU_NGU_TEXT)
    _write(nation, n30.LINE_UNDER_TIEU_NGU.style_id)
    return table


def build_header(document: DocumentObject) -> None:
    """Add ô 1–4: agency and Quốc hiệu side by side, then Số and the date line on one row."""
    table = _header_table(document, with_number=True)
    _write(table.cell(1, 0), n30.SO_KY_HIEU.style_id, "{{ so }}", first=True)
    _write(table.cell(1, 1), n30.DIA_DANH_NGAY.style_id, "{{ dia_danh_ngay }}", first=True)


def build_header_cong_van(document: DocumentObject) -> None:
    """Add a công văn's header (Mẫu 1.5): ô 1–4 as in :func:`build_header`, with the
    "V/v ..." trích yếu (ô 5b) under Số in the left column."""
    table = _header_table(document, with_number=True)
    number = table.cell(1, 0)
    _write(number, n30.SO_KY_HIEU.style_id, "{{ so }}", first=True)
    _write(number, n30.VV.style_id, "{{ vv }}")
    _write(table.cell(1, 1), n30.DIA_DANH_NGAY.style_id, "{{ dia_danh_ngay }}", first=True)


def build_authority(document: DocumentObject) -> None:
    """Add a decision's authority line (Mẫu 1.2): whose power it is issued in."""
    _write(document, n30.THAM_QUYEN_BAN_HANH.style_id, "{{ tham_quyen_ban_hanh }}")


def build_quyet_dinh_lenh(document: DocumentObject) -> None:
    """Add "QUYẾT ĐỊNH:" before a decision's articles (Mẫu 1.2)."""
    _write(document, n30.QUYET_DINH_LENH.style_id, n30.QUYET_DINH_LENH_TEXT)


def build_attachment(document: DocumentObject) -> None:
    """Add the attached list: its own section on a new page, with the header without Số,
    "DANH SÁCH", its title, the "(Kèm theo ...)" line, the table and the total.

    The decision's section ends in a paragraph holding a copy of the template's page setup;
    the list's page setup (portrait or landscape, numbered from 1) depends on the data and
    comes from the ``het_phan`` filter.
    """
    main_section = deepcopy(document.sections[0]._sectPr)
    end = _write(document, n30.SPACE_AFTER_TABLE.style_id)
    end._p.get_or_add_pPr().append(main_section)
    _header_table(document, with_number=False)
    _write(document, n30.TEN_LOAI.style_id, n30.DANH_SACH_TEXT)
    _loop(document, "danh_sach.tieu_de", n30.TRICH_YEU.style_id, "{{ dong }}")
    _write(document, n30.KEM_THEO.style_id, "{{ danh_sach.kem_theo }}")
    _write(
        document,
        n30.LINE_UNDER_TRICH_YEU.style_id,
        "{{p danh_sach.tieu_de|duong_ke('ke_trich_yeu', danh_sach.ngang) }}",
    )
    _tag(document, "{{p danh_sach.bang|bang }}")
    _write(document, n30.NOI_DUNG.style_id, "{{r danh_sach.tong|runs }}")
    _tag(document, "{{p danh_sach.ngang|het_phan }}")


BODY_BRANCHES = (
    ("phan", n30.PHAN.style_id),
    ("phan_tieu_de", n30.PHAN_TIEU_DE.style_id),
    ("muc", n30.MUC.style_id),
    ("khoan_tieu_de", n30.KHOAN_TIEU_DE.style_id),
    ("gach", n30.GACH_DAU_DONG.style_id),
    ("gach_cong", n30.GACH_CONG.style_id),
)


def _loop(container: DocumentObject, items: str, style_id: str, value: str) -> None:
    """Add one paragraph of ``style_id`` per item of the context list ``items``."""
    _tag(container, f"{{%p for dong in {items} %}}")
    _write(container, style_id, value)
    _tag(container, "{%p endfor %}")


def build_title(document: DocumentObject) -> None:
    """Add ô 5a: tên loại, the trích yếu's lines and the short line under them."""
    _write(document, n30.TEN_LOAI.style_id, "{{ ten_loai }}")
    _loop(document, "trich_yeu", n30.TRICH_YEU.style_id, "{{ dong }}")
    _write(document, n30.LINE_UNDER_TRICH_YEU.style_id, "{{p trich_yeu|duong_ke('ke_trich_yeu') }}")


def build_kinh_gui(document: DocumentObject) -> None:
    """Add ô 9a: the Kính gửi block (its geometry depends on the addressees)."""
    _tag(document, "{{p kinh_gui|kinh_gui }}")


def build_can_cu(document: DocumentObject) -> None:
    """Add the căn cứ lines (italic)."""
    _loop(document, "can_cu", n30.CAN_CU.style_id, "{{r dong|runs }}")


def build_opening(document: DocumentObject) -> None:
    """Add the opening paragraphs before the first block."""
    _loop(document, "mo_dau", n30.NOI_DUNG.style_id, "{{r dong|runs }}")


def build_body(document: DocumentObject) -> None:
    """Add ô 6: the body's paragraphs and tables, each paragraph in its role's style."""
    _tag(document, "{%p for khoi in noi_dung %}")
    for index, (kind, style_id) in enumerate(BODY_BRANCHES):
        keyword = "if" if index == 0 else "elif"
        _tag(document, f"{{%p {keyword} khoi.kind == '{kind}' %}}")
        _write(document, style_id, "{{r khoi.runs|runs }}")
    _tag(document, "{%p elif khoi.kind == 'bang' %}")
    _tag(document, "{{p khoi|bang }}")
    _tag(document, "{%p else %}")
    _write(document, n30.NOI_DUNG.style_id, "{{r khoi.runs|runs }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")


def build_closing_sentence(document: DocumentObject) -> None:
    """Add the closing sentence, ending "./."."""
    _write(document, n30.NOI_DUNG.style_id, "{{r ket_thuc|runs }}")


def build_closing(document: DocumentObject) -> None:
    """Add ô 9b (Nơi nhận, left) and ô 7 (signature, right), level with each other."""
    geometry = n30.GEOMETRY
    table = _layout_table(
        document, 1, (geometry.closing_left, geometry.closing_right), BORDERLESS_TABLE_STYLE
    )
    margin = table._tbl.tblPr.find(qn("w:tblCellMar"))
    top = OxmlElement("w:top")
    top.set(qn("w:w"), str(twips(Pt(12))))  # room above Nơi nhận and the signer alike
    top.set(qn("w:type"), "dxa")
    margin.insert(0, top)  # schema order: top, left, bottom, right
    # N30 practice: Nơi nhận, the authority, the title and the signer's name stay on one page.
    # A row that cannot split moves whole to the next page instead of leaving the name behind.
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))
    recipients = table.cell(0, 0)
    _write(recipients, n30.NOI_NHAN_TIEU_DE.style_id, "Nơi nhận:", first=True)
    _tag(recipients, "{%p for dong in noi_nhan %}")
    _write(recipients, n30.NOI_NHAN.style_id, "{{ dong }}")
    _tag(recipients, "{%p endfor %}")
    signature = table.cell(0, 1)
    _write(signature, n30.THAM_QUYEN.style_id, "{%p for dong in chu_ky.dong %}", first=True)
    _write(signature, n30.THAM_QUYEN.style_id, "{{ dong }}")
    _tag(signature, "{%p endfor %}")
    for _ in range(geometry.signature_blank_lines):
        _write(signature, n30.THAM_QUYEN.style_id)
    _write(signature, n30.HO_TEN.style_id, "{{ chu_ky.ho_ten }}")


def _set_properties(document: DocumentObject, title: str) -> None:
    """Give the template neutral, fixed core properties; ``title`` is deliberately not written.

    A document rendered without ``CoreProperties`` (docgen.render.package) keeps the template's
    core properties, so a template title, description or print date would label it.
    """
    properties = document.core_properties
    properties.title = ""
    properties.author = "docgen"
    properties.last_modified_by = "docgen"
    properties.comments = ""  # replaces python-docx's "generated by python-docx"
    properties.created = FIXED_TIME.replace(tzinfo=None)
    properties.modified = FIXED_TIME.replace(tzinfo=None)
    properties.revision = 1
    properties.language = n30.LANGUAGE


PART_BUILDERS: dict[str, Callable[[DocumentObject], None]] = {
    "header": build_header,
    "header_cong_van": build_header_cong_van,
    "title": build_title,
    "kinh_gui": build_kinh_gui,
    "can_cu": build_can_cu,
    "mo_dau": build_opening,
    "body": build_body,
    "ket_thuc": build_closing_sentence,
    "closing": build_closing,
    "authority": build_authority,
    "quyet_dinh_lenh": build_quyet_dinh_lenh,
    "attachment": build_attachment,
}
"""How each part a kind's layout names is built (see ``Kind.parts``)."""


def build_template(kind: Kind) -> bytes:
    """Return the bytes of ``kind``'s template: the N30 frame with the kind's parts."""
    document = Document()
    build_styles(document)
    set_up_page(document)
    body = document.element.body
    for paragraph in list(body.findall(qn("w:p"))):
        body.remove(paragraph)
    for part in kind.parts:
        PART_BUILDERS[part](document)
    _set_properties(document, f"Mẫu {kind.ten_loai.capitalize()} (Nghị định 30/2020/NĐ-CP)")
    buffer = io.BytesIO()
    document.save(buffer)
    return write_parts(minimal_package(read_parts(buffer.getvalue())))


def _builder(kind: Kind) -> Callable[[], bytes]:
    return lambda: build_template(kind)


TEMPLATES: dict[str, Callable[[], bytes]] = {
    kind.template: _builder(kind) for kind in KINDS.values()
}
"""Every template the builder makes, by file name: one per document kind."""


def main(argv: list[str] | None = None) -> int:
    """Write every template into the folder given (default ``templates``); return 0."""
    from docgen.render.atomic import write_atomic

    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("templates")
    for name, build in TEMPLATES.items():
        write_atomic(folder / name, build())
        print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
