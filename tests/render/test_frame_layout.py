"""Every sample docgen renders (plan and reports) meets the layout rules of N30, on formatting
resolved through styles: the common frame every kind shares."""

from __future__ import annotations

from collections.abc import Iterator

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from docgen import api
from docgen.check.effective import FONT_SLOTS, paragraph_property, run_property, text_runs
from docgen.render.builder import WORD_ALIGNMENT
from docgen.rules import n30
from tests.render.conftest import SAMPLES

BODY_STYLES = {n30.NOI_DUNG.style_id, n30.GACH_DAU_DONG.style_id, n30.CAN_CU.style_id,
               n30.MUC.style_id, n30.KHOAN_TIEU_DE.style_id, n30.GACH_CONG.style_id}  # fmt: skip


def all_paragraphs(document: Document) -> Iterator[Paragraph]:
    """Yield every paragraph of the body, inside tables too."""
    for element in document.element.body.iter(qn("w:p")):
        yield Paragraph(element, document)


def tables(document: Document) -> list[Table]:
    return [Table(element, document) for element in document.element.body.findall(qn("w:tbl"))]


def closing_table(document: Document) -> Table:
    """Return the Nơi nhận and signature table (a decision's list may follow it)."""
    return next(t for t in tables(document) if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")


def by_style(document: Document, style_id: str) -> list[Paragraph]:
    return [
        p for p in all_paragraphs(document) if p.style is not None and p.style.style_id == style_id
    ]


def size_of(document: Document, paragraph: Paragraph) -> Length:
    runs = text_runs(paragraph)
    sizes = {run_property(document, paragraph, run, "size") for run in runs}
    assert len(sizes) == 1, paragraph.text
    return Length(sizes.pop())


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda path: path.stem)
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Document:
    """Return each sample document rendered and opened with python-docx."""
    path = api.render_file(request.param, tmp_path_factory.mktemp("frame"))
    return docx.Document(str(path))


def test_page_is_a4_portrait_with_n30_margins(rendered: Document) -> None:
    assert rendered.sections[0].orientation == WD_ORIENT.PORTRAIT
    for section in rendered.sections:
        # An attachment (a decision's list) may be landscape when its table needs it.
        portrait = section.orientation == WD_ORIENT.PORTRAIT
        width, height = (section.page_width, section.page_height)
        if not portrait:
            width, height = height, width
        assert n30.same_length(width, n30.PAGE.width)
        assert n30.same_length(height, n30.PAGE.height)
        assert n30.PAGE.top.allows(section.top_margin)
        assert n30.PAGE.bottom.allows(section.bottom_margin)
        assert n30.PAGE.left.allows(section.left_margin)
        assert n30.PAGE.right.allows(section.right_margin)


def test_every_run_is_black_times_new_roman_in_every_script_slot(rendered: Document) -> None:
    checked = 0
    for paragraph in all_paragraphs(rendered):
        for run in text_runs(paragraph):
            for slot in FONT_SLOTS:
                assert run_property(rendered, paragraph, run, slot) == n30.FONT_NAME, (
                    slot,
                    run.text,
                )
            assert run_property(rendered, paragraph, run, "color") in (None, n30.COLOR_BLACK)
            checked += 1
    assert checked > 20  # the shortest sample (a công văn) has about 30 runs


def test_no_style_uses_theme_fonts(rendered: Document) -> None:
    xml = rendered.styles.element.xml
    assert "asciiTheme" not in xml and "hAnsiTheme" not in xml and "eastAsiaTheme" not in xml


@pytest.mark.parametrize("component", n30.COMPONENTS, ids=lambda c: c.key)
def test_component_styles_follow_rules(rendered: Document, component: n30.Component) -> None:
    paragraphs = [p for p in by_style(rendered, component.style_id) if p.text.strip()]
    if component.key in {"bang_giua", "bang_trai"} and not paragraphs:
        paragraphs = []  # optional alignments; the sample uses only one of them
    for paragraph in paragraphs:
        assert component.size.allows(size_of(rendered, paragraph)), paragraph.text
        alignment = paragraph_property(rendered, paragraph, "alignment")
        if component.check_align:  # Kính gửi with several addressees stands as a block
            assert alignment == WORD_ALIGNMENT[component.align], paragraph.text
        for run in text_runs(paragraph):
            if component.bold is not None:
                assert run_property(rendered, paragraph, run, "bold") is component.bold, run.text
            if component.italic is not None:
                assert run_property(rendered, paragraph, run, "italic") is component.italic
        if component.case is n30.Case.UPPER:
            assert paragraph.text == paragraph.text.upper()


def test_header_is_a_borderless_two_column_table_with_so_and_date_on_one_row(
    rendered: Document,
) -> None:
    header = tables(rendered)[0]
    assert header.style.style_id == "N30KhongVien"
    borders = header.style.element.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    assert header._tbl.tblPr.find(qn("w:tblBorders")) is None
    assert [p.style.style_id for p in header.cell(0, 1).paragraphs[:2]] == [
        "N30QuocHieu",
        "N30TieuNgu",
    ]
    assert header.cell(1, 0).paragraphs[0].style.style_id == n30.SO_KY_HIEU.style_id
    assert header.cell(1, 1).paragraphs[0].style.style_id == n30.DIA_DANH_NGAY.style_id


def line_length(document: Document, paragraph: Paragraph, container: Length) -> Length:
    """Return the length of the bottom border of an empty line paragraph."""
    style = paragraph.style
    assert (
        style.element.find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val"))
        == "single"
    )
    left = paragraph_property(document, paragraph, "left_indent") or 0
    right = paragraph_property(document, paragraph, "right_indent") or 0
    return Length(container - left - right)


def test_line_under_agency_is_a_third_to_a_half_of_its_name(rendered: Document) -> None:
    cell = tables(rendered)[0].cell(0, 0)
    line = next(p for p in cell.paragraphs if p.style.style_id == n30.LINE_UNDER_CO_QUAN.style_id)
    names = [p.text for p in cell.paragraphs if p.style.style_id == n30.CO_QUAN_BAN_HANH.style_id]
    widest = max(n30.text_width(t, Pt(12), True) for t in names)
    ratio = line_length(rendered, line, n30.GEOMETRY.header_left) / widest
    assert 1 / 3 <= ratio <= 1 / 2


def test_line_under_tieu_ngu_is_as_long_as_it(rendered: Document) -> None:
    cell = tables(rendered)[0].cell(0, 1)
    line = next(p for p in cell.paragraphs if p.style.style_id == n30.LINE_UNDER_TIEU_NGU.style_id)
    width = n30.text_width(n30.TIEU_NGU_TEXT, n30.TIEU_NGU.size.default, True)
    assert 0.95 <= line_length(rendered, line, n30.GEOMETRY.header_right) / width <= 1.05


def test_line_under_trich_yeu_is_a_third_to_a_half_of_its_line(rendered: Document) -> None:
    if not by_style(rendered, n30.TEN_LOAI.style_id):  # a công văn: "V/v ..." has no line
        assert not by_style(rendered, n30.LINE_UNDER_TRICH_YEU.style_id)
        return
    line = by_style(rendered, n30.LINE_UNDER_TRICH_YEU.style_id)[0]
    title = by_style(rendered, n30.TRICH_YEU.style_id)[0]
    width = min(n30.text_width(title.text, Pt(14), True), n30.PAGE.text_width)
    assert 1 / 3 <= line_length(rendered, line, n30.PAGE.text_width) / width <= 1 / 2


def test_body_paragraphs_are_justified_indented_and_spaced(rendered: Document) -> None:
    paragraphs = [p for p in all_paragraphs(rendered) if p.style.style_id in BODY_STYLES and p.text]
    assert len(paragraphs) > 5
    for paragraph in paragraphs:
        assert paragraph_property(rendered, paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        indent = paragraph_property(rendered, paragraph, "first_line_indent")
        assert Cm(1) - 318 <= indent <= Cm(1.27) + 318
        before = paragraph_property(rendered, paragraph, "space_before") or 0
        after = paragraph_property(rendered, paragraph, "space_after") or 0
        assert before + after >= Pt(6)
        spacing = paragraph_property(rendered, paragraph, "line_spacing")
        assert isinstance(spacing, float) and 1.0 <= spacing <= 1.5
        assert n30.NOI_DUNG.size.allows(size_of(rendered, paragraph))


def test_noi_nhan_and_signature_sit_side_by_side_level(rendered: Document) -> None:
    closing = closing_table(rendered)
    assert len(closing.rows) == 1
    left, right = closing.cell(0, 0), closing.cell(0, 1)
    heading, signer = left.paragraphs[0], right.paragraphs[0]
    signers = {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "TRƯỞNG PHÒNG"}
    assert heading.text == "Nơi nhận:" and signer.text in signers
    for paragraph in (heading, signer):
        assert not paragraph_property(rendered, paragraph, "space_before")
    assert size_of(rendered, heading) == Pt(12)
    assert run_property(rendered, heading, heading.runs[0], "bold") is True
    assert run_property(rendered, heading, heading.runs[0], "italic") is True
    for item in left.paragraphs[1:]:
        assert size_of(rendered, item) == Pt(11)
        assert item.text.startswith("- ")
    assert left.paragraphs[-1].text.startswith("- Lưu:") and left.paragraphs[-1].text.endswith(".")
    assert all(p.text.endswith(";") for p in left.paragraphs[1:-1])


def test_page_number_is_centred_in_header_from_page_two(rendered: Document) -> None:
    section = rendered.sections[0]
    assert section.different_first_page_header_footer
    number = section.header.paragraphs[0]
    assert "PAGE" in number._p.xml
    assert paragraph_property(rendered, number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert n30.SO_TRANG.size.allows(size_of(rendered, number))
    assert run_property(rendered, number, number.runs[0], "bold") is False
    assert run_property(rendered, number, number.runs[0], "italic") is False
    assert "PAGE" not in section.first_page_header._element.xml


def test_formatting_lives_in_styles(rendered: Document) -> None:
    """No run carries direct bold/italic/size/font; emphasis uses character styles."""
    for paragraph in all_paragraphs(rendered):
        for run in paragraph.runs:
            properties = run._r.rPr
            if properties is None:
                continue
            direct = {child.tag for child in properties} - {qn("w:rStyle")}
            assert not direct, (run.text, direct)


HEADINGS = (n30.PHAN, n30.PHAN_TIEU_DE, n30.MUC, n30.KHOAN_TIEU_DE, n30.TEN_LOAI, n30.TRICH_YEU)


@pytest.mark.parametrize("component", HEADINGS, ids=lambda c: c.key)
def test_headings_keep_with_the_next_paragraph(
    rendered: Document, component: n30.Component
) -> None:
    """A heading never ends a page alone: its style keeps it with what follows."""
    style = next(s for s in rendered.styles if s.style_id == component.style_id)
    assert style.paragraph_format.keep_with_next is True
    for paragraph in by_style(rendered, component.style_id):
        assert paragraph_property(rendered, paragraph, "keep_with_next") is True


def test_closing_block_cannot_split_across_pages(rendered: Document) -> None:
    (row,) = closing_table(rendered).rows
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
