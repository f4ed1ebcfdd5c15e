"""Công văn: the "V/v" line, the ký hiệu without a kind code, Kính gửi required."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import api
from docgen.kinds.cong_van import vv_line
from tests.helpers import edit
from tests.helpers import load_problems as problems

REPO = Path(__file__).resolve().parents[2]
SAMPLE = "congvan-don-doc-bao-cao-2024.yaml"


def test_sample_loads_without_problems() -> None:
    assert problems(REPO / "data" / SAMPLE) == []


@pytest.mark.parametrize(
    ("lines", "printed"),
    [
        (["đôn đốc gửi báo cáo"], "V/v đôn đốc gửi báo cáo"),
        (["V/v đôn đốc gửi báo cáo"], "V/v đôn đốc gửi báo cáo"),
        (["v/v: đôn đốc", "gửi báo cáo"], "V/v đôn đốc gửi báo cáo"),
    ],
)
def test_vv_line_adds_v_v_once(lines: list[str], printed: str) -> None:
    assert vv_line(lines) == printed


def test_symbol_is_agency_then_unit_and_without_unit_agency_only(data: Path) -> None:
    loaded = api.load_document(data / SAMPLE)
    context = loaded.kind.context(loaded.resolved)
    assert context["so"] == "Số: 2156/UBND-NV"
    assert context["vv"].startswith("V/v đôn đốc")
    edit(data / SAMPLE, "don_vi_soan: NV", "# no unit")
    loaded = api.load_document(data / SAMPLE)
    assert loaded.kind.context(loaded.resolved)["so"] == "Số: 2156/UBND"


def test_nhu_tren_comes_first_in_noi_nhan(data: Path) -> None:
    loaded = api.load_document(data / SAMPLE)
    lines = loaded.kind.context(loaded.resolved)["noi_nhan"]
    assert lines[0] == "- Như trên;" and lines[-1] == "- Lưu: VT, NV."


def test_kinh_gui_is_required_and_the_unit_code_checked(data: Path) -> None:
    path = data / SAMPLE
    edit(path, "kinh_gui:\n  - ma: co-quan-huyen\n  - ma: ubnd-xa-thi-tran\n", "")
    edit(path, "don_vi_soan: NV", "don_vi_soan: N V")
    found = problems(path)
    assert any("kinh_gui: công văn cần “Kính gửi”" in p for p in found), found
    assert any("don_vi_soan: chữ viết tắt đơn vị không có dấu cách" in p for p in found), found


def test_can_cu_is_refused_by_a_cong_van(data: Path) -> None:
    path = data / SAMPLE
    edit(path, "mo_dau:", "can_cu: ['Căn cứ Luật Thi đua, khen thưởng.']\nmo_dau:")
    found = problems(path)
    assert len(found) == 1 and "can_cu: công văn không có phần căn cứ" in found[0], found
