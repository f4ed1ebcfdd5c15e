"""The sample thông báo kết luận, read back: tên loại THÔNG BÁO, "Số: 08/TB-UBND", who
chaired, then the conclusions numbered 1., 2., 3. (one with a bold title and dash items)."""

from __future__ import annotations

import docx
import pytest
from docx.document import Document

from docgen import api
from docgen.rules import n30
from tests.render.conftest import ROOT
from tests.render.test_frame_layout import all_paragraphs, tables

SAMPLE = ROOT / "data" / "thongbao-ketluan-tongket-2024.yaml"


@pytest.fixture(scope="module")
def thong_bao(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return docx.Document(str(api.render_file(SAMPLE, tmp_path_factory.mktemp("thong-bao"))))


def test_header_and_title(thong_bao: Document) -> None:
    assert tables(thong_bao)[0].cell(1, 0).paragraphs[0].text == "Số: 08/TB-UBND"
    assert [
        p.text for p in all_paragraphs(thong_bao) if p.style.style_id == n30.TEN_LOAI.style_id
    ] == ["THÔNG BÁO"]


def test_chair_then_numbered_conclusions(thong_bao: Document) -> None:
    styles = {n30.NOI_DUNG.style_id, n30.KHOAN_TIEU_DE.style_id, n30.GACH_DAU_DONG.style_id}
    body = [(p.style.style_id, p.text) for p in all_paragraphs(thong_bao)
            if p.text and p.style.style_id in styles]  # fmt: skip
    texts = [text for _, text in body]
    chair = next(i for i, t in enumerate(texts) if t.startswith("Chủ trì: đồng chí Hà Tiến"))
    assert texts[chair + 1].startswith("Tham dự:")
    assert texts[chair + 2].startswith("Sau khi nghe")
    assert texts[chair + 3].startswith("1. Năm 2024")
    assert body[chair + 4] == (n30.KHOAN_TIEU_DE.style_id, "2. Nhiệm vụ trọng tâm năm 2025")
    assert [style for style, _ in body[chair + 5 : chair + 7]] == [n30.GACH_DAU_DONG.style_id] * 2
    assert texts[chair + 7].startswith("3. Giao Phòng Nội vụ")
    assert texts[-1].endswith("biết, thực hiện./.")
