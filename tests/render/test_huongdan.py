"""The sample hướng dẫn, read back: tên loại HƯỚNG DẪN, "Số: 15/HD-UBND", and the PHẦN /
mục / khoản levels in their styles, mục numbering restarting in each phần."""

from __future__ import annotations

import docx
import pytest
from docx.document import Document

from docgen import api
from docgen.rules import n30
from tests.render.conftest import ROOT
from tests.render.test_frame_layout import all_paragraphs, tables

SAMPLE = ROOT / "data" / "huongdan-tongket-2024.yaml"


@pytest.fixture(scope="module")
def huong_dan(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return docx.Document(str(api.render_file(SAMPLE, tmp_path_factory.mktemp("huong-dan"))))


def test_header_and_title(huong_dan: Document) -> None:
    assert tables(huong_dan)[0].cell(1, 0).paragraphs[0].text == "Số: 15/HD-UBND"
    assert tables(huong_dan)[0].cell(1, 1).paragraphs[0].text == (
        "Đắk Hà, ngày 15 tháng 11 năm 2024"
    )
    titles = [
        p.text for p in all_paragraphs(huong_dan) if p.style.style_id == n30.TEN_LOAI.style_id
    ]
    assert titles == ["HƯỚNG DẪN"]


def test_phan_muc_khoan_levels_in_order(huong_dan: Document) -> None:
    levels = {n30.PHAN.style_id: "phan", n30.PHAN_TIEU_DE.style_id: "tieu_de",
              n30.MUC.style_id: "muc", n30.KHOAN_TIEU_DE.style_id: "khoan"}  # fmt: skip
    found = [(levels[p.style.style_id], p.text) for p in all_paragraphs(huong_dan)
             if p.style.style_id in levels]  # fmt: skip
    assert found[:6] == [
        ("phan", "Phần I"),
        ("tieu_de", "TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2024"),
        ("muc", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("khoan", "1. Mục đích"),
        ("khoan", "2. Yêu cầu"),
        ("muc", "II. NỘI DUNG TỔNG KẾT"),
    ]
    second = found.index(("phan", "Phần II"))
    assert found[second + 1 : second + 3] == [
        ("tieu_de", "TỔ CHỨC THỰC HIỆN"),
        ("muc", "I. THỜI GIAN, HỒ SƠ"),  # mục restart in each phần
    ]
