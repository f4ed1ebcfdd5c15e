"""The sample tờ trình, read back: a unit's header (chủ quản, PHÒNG NỘI VỤ), "Số:
07/TTr-PNV", TỜ TRÌNH, Kính gửi on one line, căn cứ punctuated, figures of the list in the
text, "- Như trên;", and the list attached in its own section with the decision's table."""

from __future__ import annotations

import docx
import pytest
from docx.document import Document

from docgen import api
from docgen.rules import n30
from tests.render.conftest import ROOT
from tests.render.test_frame_layout import all_paragraphs, by_style, closing_table, tables

SAMPLE = ROOT / "data" / "totrinh-khenthuong-2024.yaml"


@pytest.fixture(scope="module")
def to_trinh(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return docx.Document(str(api.render_file(SAMPLE, tmp_path_factory.mktemp("to-trinh"))))


def test_components_come_in_order(to_trinh: Document) -> None:
    wanted = {n30.TEN_LOAI.style_id, n30.TRICH_YEU.style_id, n30.KINH_GUI.style_id,
              n30.CAN_CU.style_id, n30.KEM_THEO.style_id}  # fmt: skip
    found = [(p.style.style_id, p.text) for p in all_paragraphs(to_trinh)
             if p.text and p.style.style_id in wanted]  # fmt: skip
    assert [text for _, text in found] == [
        "TỜ TRÌNH",
        "Đề nghị khen thưởng các tập thể, cá nhân đã có thành tích hoàn thành xuất sắc nhiệm vụ"
        " năm 2024",
        "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Đắk Hà.",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi"
        " tiết thi hành một số điều của Luật Thi đua, khen thưởng.",
        "DANH SÁCH",
        "Tập thể, cá nhân đề nghị tặng Giấy khen của Chủ tịch",
        "Ủy ban nhân dân huyện đã có thành tích hoàn thành xuất sắc",
        "nhiệm vụ năm 2024",
        "(Kèm theo Tờ trình số 07/TTr-PNV ngày 06 tháng 01 năm 2025 của Phòng Nội vụ huyện Đắk Hà)",
    ]


def test_unit_header_and_number(to_trinh: Document) -> None:
    agency = [p.text for p in tables(to_trinh)[0].cell(0, 0).paragraphs if p.text]
    assert agency == ["UBND HUYỆN ĐẮK HÀ", "PHÒNG NỘI VỤ"]
    assert tables(to_trinh)[0].cell(1, 0).paragraphs[0].text == "Số: 07/TTr-PNV"


def test_figures_and_nhu_tren(to_trinh: Document) -> None:
    body = " ".join(p.text for p in by_style(to_trinh, n30.NOI_DUNG.style_id))
    assert "cho 03 tập thể và 04 cá nhân" in body
    assert (
        "Tổng số tiền thưởng: 5.400.000 đồng (Bằng chữ: Năm triệu bốn trăm nghìn đồng)./." in body
    )
    recipients = [p.text for p in closing_table(to_trinh).cell(0, 0).paragraphs]
    assert recipients[:2] == ["Nơi nhận:", "- Như trên;"]


def test_list_is_in_its_own_section_with_the_decisions_table(to_trinh: Document) -> None:
    assert len(to_trinh.sections) == 2
    table = tables(to_trinh)[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "TT", "Họ và tên, tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng",
        "Số tiền (đồng)",
    ]  # fmt: skip
    assert table.rows[-1].cells[-1].text == "5.400.000"
