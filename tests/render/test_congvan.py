"""The sample công văn, read back: no tên loại, "V/v ..." under Số in the header's left
column (12 pt, upright, 6 pt below Số), the ký hiệu without a kind code, Kính gửi with each
addressee on a "- " line, the body, and "- Như trên;" first in Nơi nhận."""

from __future__ import annotations

import docx
import pytest
from docx.document import Document
from docx.shared import Pt

from docgen import api
from docgen.check.effective import paragraph_property, run_property, text_runs
from docgen.rules import n30
from tests.render.conftest import ROOT
from tests.render.test_frame_layout import all_paragraphs, by_style, closing_table, tables

SAMPLE = ROOT / "data" / "congvan-don-doc-bao-cao-2024.yaml"


@pytest.fixture(scope="module")
def cong_van(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return docx.Document(str(api.render_file(SAMPLE, tmp_path_factory.mktemp("cong-van"))))


def test_vv_sits_under_so_in_the_left_column(cong_van: Document) -> None:
    left = tables(cong_van)[0].cell(1, 0).paragraphs
    assert [p.style.style_id for p in left] == [n30.SO_KY_HIEU.style_id, n30.VV.style_id]
    assert left[0].text == "Số: 2156/UBND-NV"
    assert left[1].text == (
        "V/v đôn đốc gửi báo cáo tổng kết và hồ sơ đề nghị khen thưởng năm 2024"
    )
    vv = left[1]
    assert n30.VV.size.allows(Pt(12))
    for run in text_runs(vv):
        assert run_property(cong_van, vv, run, "size") == n30.VV.size.default
        assert run_property(cong_van, vv, run, "bold") is False
        assert run_property(cong_van, vv, run, "italic") is False
    assert paragraph_property(cong_van, vv, "space_before") == Pt(6)


def test_no_ten_loai_nor_trich_yeu_line(cong_van: Document) -> None:
    for component in (n30.TEN_LOAI, n30.TRICH_YEU, n30.LINE_UNDER_TRICH_YEU, n30.CAN_CU):
        assert by_style(cong_van, component.style_id) == []


def test_components_come_in_the_order_of_mau_1_5(cong_van: Document) -> None:
    wanted = {n30.SO_KY_HIEU.style_id, n30.VV.style_id, n30.KINH_GUI.style_id,
              n30.NOI_DUNG.style_id, n30.NOI_NHAN_TIEU_DE.style_id}  # fmt: skip
    order = [
        p.style.style_id for p in all_paragraphs(cong_van) if p.text and p.style.style_id in wanted
    ]
    collapsed = [s for i, s in enumerate(order) if i == 0 or order[i - 1] != s]
    assert collapsed == [
        n30.SO_KY_HIEU.style_id, n30.VV.style_id, n30.KINH_GUI.style_id,
        n30.NOI_DUNG.style_id, n30.NOI_NHAN_TIEU_DE.style_id,
    ]  # fmt: skip


def test_kinh_gui_lists_the_units_and_noi_nhan_starts_nhu_tren(cong_van: Document) -> None:
    assert [p.text for p in by_style(cong_van, n30.KINH_GUI.style_id)] == [
        "Kính gửi:",
        "- Các cơ quan, ban, ngành, đoàn thể huyện;",
        "- UBND các xã, thị trấn.",
    ]
    recipients = [p.text for p in closing_table(cong_van).cell(0, 0).paragraphs]
    assert recipients[:2] == ["Nơi nhận:", "- Như trên;"]
    last = [p.text for p in by_style(cong_van, n30.NOI_DUNG.style_id) if p.text][-1]
    assert last.endswith("quan tâm, thực hiện./.")
