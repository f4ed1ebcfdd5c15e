"""The sample decisions, read back: the order of Mẫu 1.2's components, the authority line and
the signature for both powers, căn cứ punctuation, articles, "- Như Điều N;", and the attached
list in its own section (rows, subtotals, totals, amounts in figures and in words)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table

from docgen import api
from docgen.check.effective import run_property, text_runs
from docgen.rules import n30
from tests.render.conftest import ROOT
from tests.render.test_frame_layout import all_paragraphs, by_style, tables

CHAIRMAN = ROOT / "data" / "quyetdinh-khenthuong-2023.yaml"
COMMITTEE = ROOT / "data" / "quyetdinh-ubnd-30-nam.yaml"


def render(path: Path, folder: Path) -> Document:
    return docx.Document(str(api.render_file(path, folder)))


@pytest.fixture(scope="module")
def chairman(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return render(CHAIRMAN, tmp_path_factory.mktemp("chu-tich"))


@pytest.fixture(scope="module")
def committee(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return render(COMMITTEE, tmp_path_factory.mktemp("uy-ban"))


def texts(document: Document, style_id: str) -> list[str]:
    return [p.text for p in by_style(document, style_id)]


def rows(table: Table) -> list[list[str]]:
    """Return the text of each row, one string per grid cell (merged cells repeat)."""
    return [
        ["\n".join(p.text for p in cell.paragraphs) for cell in row.cells] for row in table.rows
    ]


def test_components_come_in_the_order_of_mau_1_2(chairman: Document) -> None:
    order = [
        (p.style.style_id, p.text)
        for p in all_paragraphs(chairman)
        if p.text and p.style.style_id in {
            n30.TEN_LOAI.style_id, n30.TRICH_YEU.style_id, n30.THAM_QUYEN_BAN_HANH.style_id,
            n30.CAN_CU.style_id, n30.QUYET_DINH_LENH.style_id,
        }
    ][:8]  # fmt: skip
    assert [style for style, _ in order] == [
        n30.TEN_LOAI.style_id,
        n30.TRICH_YEU.style_id,
        n30.THAM_QUYEN_BAN_HANH.style_id,
        n30.CAN_CU.style_id,
        n30.CAN_CU.style_id,
        n30.CAN_CU.style_id,
        n30.CAN_CU.style_id,
        n30.QUYET_DINH_LENH.style_id,
    ]
    assert order[0][1] == "QUYẾT ĐỊNH" and order[-1][1] == "QUYẾT ĐỊNH:"
    header = tables(chairman)[0]
    assert header.cell(1, 0).paragraphs[0].text == "Số:      /QĐ-UBND"


def test_authority_line_follows_the_power(chairman: Document, committee: Document) -> None:
    assert texts(chairman, n30.THAM_QUYEN_BAN_HANH.style_id) == [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ"
    ]
    assert texts(committee, n30.THAM_QUYEN_BAN_HANH.style_id) == ["ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ"]


def signature(document: Document) -> list[str]:
    closing = next(t for t in tables(document) if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
    return [p.text for p in closing.cell(0, 1).paragraphs if p.text]


def test_signature_agrees_with_the_power(chairman: Document, committee: Document) -> None:
    # The profile's chairman signs "TM. ỦY BAN NHÂN DÂN" for the committee; in his own
    # power the TM. line goes.
    assert signature(chairman) == ["CHỦ TỊCH", "Hà Tiến"]
    assert signature(committee) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    ]


def test_can_cu_lines_end_with_semicolons_and_the_proposal_with_a_full_stop(
    chairman: Document, committee: Document
) -> None:
    lines = texts(chairman, n30.CAN_CU.style_id)
    assert all(line.endswith(";") for line in lines[:-1])
    assert lines[-1] == "Theo đề nghị của Trưởng phòng Nội vụ huyện."
    assert texts(committee, n30.CAN_CU.style_id)[-1] == "Xét đề nghị của Trưởng phòng Nội vụ huyện."
    for paragraph in by_style(chairman, n30.CAN_CU.style_id):
        assert all(run_property(chairman, paragraph, r, "italic") for r in text_runs(paragraph))


def articles(document: Document) -> list[str]:
    return [p.text for p in all_paragraphs(document) if p.text.startswith("Điều ")]


def test_articles_are_numbered_bold_and_quote_the_computed_figures(chairman: Document) -> None:
    found = articles(chairman)
    assert [text.split(".")[0] for text in found] == ["Điều 1", "Điều 2", "Điều 3"]
    assert "cho 10 tập thể và 42 cá nhân đã có thành tích" in found[0]
    assert (
        "là 33.480.000 đồng (Bằng chữ: Ba mươi ba triệu bốn trăm tám mươi nghìn đồng)" in found[1]
    )
    assert found[-1].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    for paragraph in (p for p in all_paragraphs(chairman) if p.text.startswith("Điều ")):
        label, *rest = text_runs(paragraph)
        assert label.text == "Điều 1." or label.text.startswith("Điều ")
        assert run_property(chairman, paragraph, label, "bold") is True
        assert all(not run_property(chairman, paragraph, r, "bold") for r in rest if r.text.strip())


def test_an_article_can_hold_numbered_clauses(committee: Document) -> None:
    paragraphs = [p.text for p in all_paragraphs(committee)]
    start = paragraphs.index(next(t for t in paragraphs if t.startswith("Điều 2.")))
    assert paragraphs[start + 1].startswith("1. Phòng Tài chính - Kế hoạch")
    assert paragraphs[start + 2].startswith("2. Phòng Nội vụ")


def test_noi_nhan_starts_with_nhu_dieu_of_the_last_article(chairman: Document) -> None:
    closing = next(t for t in tables(chairman) if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
    assert [p.text for p in closing.cell(0, 0).paragraphs][:3] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Sở Nội vụ (b/c);",
    ]


def test_the_list_is_a_section_of_its_own(chairman: Document, committee: Document) -> None:
    for document, landscape in ((chairman, False), (committee, True)):
        main, attached = document.sections
        assert main.orientation == 0 and n30.same_length(main.page_width, n30.PAGE.width)
        number = attached._sectPr.find(qn("w:pgNumType"))
        assert number is not None and number.get(qn("w:start")) == "1"
        assert attached.different_first_page_header_footer
        wide = n30.same_length(attached.page_width, n30.PAGE.height)
        assert wide is landscape
        assert n30.PAGE.left.allows(attached.left_margin)
        assert n30.PAGE.top.allows(attached.top_margin)


def test_the_list_heading_and_its_reference_line(chairman: Document, committee: Document) -> None:
    assert texts(chairman, n30.TEN_LOAI.style_id) == ["QUYẾT ĐỊNH", "DANH SÁCH"]
    assert texts(chairman, n30.KEM_THEO.style_id) == [
        "(Kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm 2024 của Chủ tịch "
        "Ủy ban nhân dân huyện Đắk Hà)"
    ]
    assert texts(committee, n30.KEM_THEO.style_id) == [
        "(Kèm theo Quyết định số 25/QĐ-UBND ngày 02 tháng 4 năm 2024 của Ủy ban nhân dân "
        "huyện Đắk Hà)"
    ]
    list_header = tables(chairman)[2]
    assert len(list_header.rows) == 1  # agency and Quốc hiệu, no Số and date


def test_list_rows_subtotals_and_totals(chairman: Document) -> None:
    table = tables(chairman)[-1]
    found = rows(table)
    assert found[0] == ["TT", "Họ và tên, tên tập thể", "Chức vụ, đơn vị",
                        "Hình thức khen thưởng", "Số tiền (đồng)"]  # fmt: skip
    assert found[1][:2] == ["I", "Giấy khen của Chủ tịch Ủy ban nhân dân huyện - tập thể"]
    assert found[2] == ["1", "Phòng Nội vụ", "", "Giấy khen", "1.080.000"]
    assert found[12] == ["", "Cộng: 10 tập thể", "", "", "10.800.000"]
    assert found[13][:2] == ["II", "Giấy khen của Chủ tịch Ủy ban nhân dân huyện - cá nhân"]
    individuals = found[14:-2]
    assert len(individuals) == 42
    assert all(row[4] == "540.000" for row in individuals)
    assert found[-2] == ["", "Cộng: 42 cá nhân", "", "", "22.680.000"]
    assert found[-1] == ["", "Tổng cộng", "", "", "33.480.000"]
    closing = [p.text for p in all_paragraphs(chairman) if p.text.startswith("Tổng số tiền")]
    assert closing == [
        "Tổng số tiền thưởng: 33.480.000 đồng (Bằng chữ: Ba mươi ba triệu bốn trăm tám mươi "
        "nghìn đồng)./."
    ]


def test_list_header_repeats_and_rows_never_split(chairman: Document) -> None:
    table = tables(chairman)[-1]
    header, *body = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in body)


def test_a_list_with_notes_is_landscape_with_a_ghi_chu_column(committee: Document) -> None:
    found = rows(tables(committee)[-1])
    assert found[0][-1] == "Ghi chú"
    assert found[2] == ["1", "Phòng Văn hóa và Thông tin", "", "Giấy khen", "1.080.000",
                        "Tổ chức chuỗi hoạt động kỷ niệm"]  # fmt: skip
    assert found[-1][:2] == ["", "Tổng cộng"] and found[-1][4] == "9.720.000"
