"""The sample reports, read back from the .docx: tên loại, trích yếu on two lines, ký hiệu,
Kính gửi, PHẦN with mục restarting, the plan's tasks with their results, computed totals."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from docgen import api
from docgen.check.effective import run_property, text_runs
from docgen.rules import n30
from tests.render.conftest import ROOT
from tests.render.test_frame_layout import by_style, tables

SO_KET = ROOT / "data" / "baocao-soket-6thang-2024.yaml"
TONG_KET = ROOT / "data" / "baocao-tongket-2024.yaml"


@pytest.fixture(scope="module")
def so_ket(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return docx.Document(str(api.render_file(SO_KET, tmp_path_factory.mktemp("so-ket"))))


@pytest.fixture(scope="module")
def tong_ket(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return docx.Document(str(api.render_file(TONG_KET, tmp_path_factory.mktemp("tong-ket"))))


def texts(document: Document, style_id: str) -> list[str]:
    return [p.text for p in by_style(document, style_id)]


def cell_text(table: Table, row: int, column: int) -> str:
    return "\n".join(p.text for p in table.cell(row, column).paragraphs)


def test_header_says_bao_cao_with_its_number_and_two_line_trich_yeu(so_ket: Document) -> None:
    header = tables(so_ket)[0]
    assert header.cell(1, 0).paragraphs[0].text == "Số: 12/BC-UBND"  # written "012"
    assert header.cell(1, 1).paragraphs[0].text == "Đắk Hà, ngày 20 tháng 6 năm 2024"
    assert texts(so_ket, n30.TEN_LOAI.style_id) == ["BÁO CÁO"]
    assert texts(so_ket, n30.TRICH_YEU.style_id) == [
        "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024",
        "và phương hướng, nhiệm vụ 6 tháng cuối năm 2024",
    ]


def test_rule_under_trich_yeu_is_sized_on_its_longest_line(so_ket: Document) -> None:
    line = by_style(so_ket, n30.LINE_UNDER_TRICH_YEU.style_id)[0]
    indent = line.paragraph_format.left_indent + line.paragraph_format.right_indent
    longest = max(
        n30.text_width(text, n30.TRICH_YEU.size.default, True)
        for text in texts(so_ket, n30.TRICH_YEU.style_id)
    )
    assert 1 / 3 <= (n30.PAGE.text_width - indent) / longest <= 1 / 2


def test_kinh_gui_lists_each_addressee_under_the_colon(so_ket: Document) -> None:
    block = by_style(so_ket, n30.KINH_GUI.style_id)
    assert [p.text for p in block] == [
        "Kính gửi:",
        "- Ủy ban nhân dân tỉnh Kon Tum;",
        "- Ban Thi đua - Khen thưởng tỉnh (Sở Nội vụ).",
    ]
    label, *items = block
    colon = label.paragraph_format.left_indent + n30.text_width(
        "Kính gửi", n30.KINH_GUI.size.default, False
    )
    assert all(abs(item.paragraph_format.left_indent - colon) < 20 * 635 for item in items)
    for paragraph in block:
        assert all(
            run_property(so_ket, paragraph, r, "bold") is False for r in text_runs(paragraph)
        )


def test_noi_nhan_starts_with_nhu_tren_when_there_is_kinh_gui(
    so_ket: Document, tong_ket: Document
) -> None:
    assert tables(so_ket)[-1].cell(0, 0).paragraphs[1].text == "- Như trên;"
    assert tables(tong_ket)[-1].cell(0, 0).paragraphs[1].text == "- Sở Nội vụ (b/c);"
    assert not by_style(tong_ket, n30.KINH_GUI.style_id)


def test_signer_lines_are_upper_case_from_the_profile(so_ket: Document) -> None:
    signature = tables(so_ket)[-1].cell(0, 1)
    lines = [p.text for p in signature.paragraphs if p.text]
    assert lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]


def test_phan_divisions_restart_muc_numbering(tong_ket: Document) -> None:
    assert texts(tong_ket, n30.PHAN.style_id) == ["PHẦN THỨ NHẤT", "PHẦN THỨ HAI"]
    assert texts(tong_ket, n30.PHAN_TIEU_DE.style_id) == [
        "KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2024",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025",
    ]
    numbers = [text.split(".")[0] for text in texts(tong_ket, n30.MUC.style_id)]
    assert numbers == ["I", "II", "III", "IV", "I", "II", "III"]
    for paragraph in by_style(tong_ket, n30.PHAN.style_id):
        assert all(run_property(tong_ket, paragraph, r, "bold") for r in text_runs(paragraph))


def test_plus_items_stay_plus_under_their_dash(so_ket: Document, tong_ket: Document) -> None:
    assert texts(so_ket, n30.GACH_CONG.style_id) == [
        "+ Phong trào thi đua “Đắk Hà chung sức xây dựng nông thôn mới”;",
        "+ Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”.",
    ]
    assert texts(tong_ket, n30.GACH_CONG.style_id)[0].startswith("+ Thiếu biên bản")


def test_tasks_due_in_the_period_are_carried_from_the_plan(so_ket: Document) -> None:
    table = tables(so_ket)[1]
    header = [cell_text(table, 0, c) for c in range(4)]
    assert header == ["TT", "Nội dung nhiệm vụ chủ yếu", "Đơn vị thực hiện", "Kết quả thực hiện"]
    rows = [[cell_text(table, r, c) for c in range(4)] for r in range(1, len(table.rows))]
    groups = [row[1] for row in rows if row[0] in {"I", "II", "III", "IV."}]
    assert groups == ["QUÝ I", "QUÝ II"]  # 6 tháng đầu năm: quarters I and II only
    tasks = [row for row in rows if row[0].isdigit()]
    assert len(tasks) == 7
    assert tasks[1][1].startswith("Chỉ đạo, đôn đốc Cụm thi đua xã, thị trấn")  # plan's I.2
    assert tasks[1][3] == "Hoàn thành; 11/11 xã, thị trấn đã tổng kết và ký giao ước thi đua."
    assert "Phòng Nội vụ tham mưu" in tasks[0][2]


def test_year_report_carries_every_task(tong_ket: Document) -> None:
    table = tables(tong_ket)[1]
    numbers = [cell_text(table, r, 0) for r in range(1, len(table.rows))]
    assert [n for n in numbers if not n.isdigit()] == ["I", "II", "III", "IV."]
    assert len([n for n in numbers if n.isdigit()]) == 11


def test_figures_totals_are_computed_in_vietnamese_format(
    so_ket: Document, tong_ket: Document
) -> None:
    table = tables(so_ket)[2]
    rows = [[cell_text(table, r, c) for c in range(6)] for r in range(len(table.rows))]
    assert rows[0] == ["TT", "Khối, cụm thi đua", "Tập thể", "Cá nhân", "Tổng số", "Tỷ lệ"]
    assert rows[1] == ["1", "Khối Đảng, Mặt trận và các đoàn thể", "6", "14", "20", "14,4%"]
    assert rows[-1] == ["", "Tổng cộng", "42", "97", "139", "100,0%"]
    year = tables(tong_ket)[2]
    totals = [cell_text(year, len(year.rows) - 1, c) for c in range(7)]
    assert totals == ["", "Tổng cộng", "161", "1.645", "75", "189", "2.070"]
    assert cell_text(year, 4, 3) == "1.015"
    last = year.rows[-1].cells[1].paragraphs[0]
    assert all(run_property(tong_ket, last, r, "bold") for r in text_runs(last))


@pytest.mark.parametrize("sample", [SO_KET, TONG_KET], ids=lambda p: p.stem)
def test_every_body_table_is_followed_by_a_paragraph_space(sample: Path, tmp_path: Path) -> None:
    document = docx.Document(str(api.render_file(sample, tmp_path)))
    body = [element for element in document.element.body if not element.tag.endswith("sectPr")]
    # The header table comes first and the closing table last; the rest are body tables.
    body_tables = [i for i, e in enumerate(body[1:-1], 1) if e.tag.endswith("}tbl")]
    assert len(body_tables) == 2
    for index in body_tables:
        spacer = Paragraph(body[index + 1], document)
        assert spacer.style.style_id == n30.SPACE_AFTER_TABLE.style_id
        assert spacer.text == ""
