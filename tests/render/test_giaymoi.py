"""The sample giấy mời, read back: tên loại GIẤY MỜI, "Số: 03/GM-UBND", thành phần as "- "
lines, thời gian in N30 words, địa điểm, and the closing "Kính mời ... tham dự ...  ./."."""

from __future__ import annotations

import docx
import pytest
from docx.document import Document

from docgen import api
from docgen.check.effective import run_property, text_runs
from docgen.rules import n30
from tests.render.conftest import ROOT
from tests.render.test_frame_layout import all_paragraphs, tables

SAMPLE = ROOT / "data" / "giaymoi-hoinghi-tongket-2024.yaml"


@pytest.fixture(scope="module")
def giay_moi(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return docx.Document(str(api.render_file(SAMPLE, tmp_path_factory.mktemp("giay-moi"))))


def test_header_and_title(giay_moi: Document) -> None:
    assert tables(giay_moi)[0].cell(1, 0).paragraphs[0].text == "Số: 03/GM-UBND"
    found = [(p.style.style_id, p.text) for p in all_paragraphs(giay_moi)
             if p.style.style_id in {n30.TEN_LOAI.style_id, n30.TRICH_YEU.style_id}]  # fmt: skip
    assert found == [
        (n30.TEN_LOAI.style_id, "GIẤY MỜI"),
        (n30.TRICH_YEU.style_id, "Dự Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024"),
    ]


def test_thanh_phan_thoi_gian_dia_diem_in_order(giay_moi: Document) -> None:
    body = [(p.style.style_id, p.text) for p in all_paragraphs(giay_moi)
            if p.text and p.style.style_id in {n30.NOI_DUNG.style_id, n30.KHOAN_TIEU_DE.style_id,
                                                n30.GACH_DAU_DONG.style_id}]  # fmt: skip
    texts = [text for _, text in body]
    start = texts.index("1. Thành phần mời:")
    assert body[start][0] == n30.KHOAN_TIEU_DE.style_id
    dashes = body[start + 1 : start + 12]
    assert {style for style, _ in dashes} == {n30.GACH_DAU_DONG.style_id}
    assert dashes[0][1] == "- Thường trực Huyện ủy;" and dashes[-1][1].endswith("khen thưởng.")
    assert texts[start + 12] == "2. Thời gian: 08 giờ 00 phút, ngày 15 tháng 01 năm 2025."
    assert texts[start + 13] == "3. Địa điểm: Hội trường Ủy ban nhân dân huyện Đắk Hà."
    assert texts[-1] == "Kính mời các đồng chí tham dự Hội nghị đúng thời gian, thành phần./."


def test_labels_are_bold_through_a_character_style(giay_moi: Document) -> None:
    paragraph = next(p for p in all_paragraphs(giay_moi) if p.text.startswith("2. Thời gian:"))
    runs = text_runs(paragraph)
    assert runs[0].text == "2. Thời gian:" and run_property(giay_moi, paragraph, runs[0], "bold")
    assert run_property(giay_moi, paragraph, runs[-1], "bold") is False
