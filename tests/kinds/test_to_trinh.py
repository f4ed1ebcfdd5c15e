"""Tờ trình: Kính gửi, the proposed list read like a decision's, figures quoted in its text."""

from __future__ import annotations

from pathlib import Path

from docgen import api
from docgen.kinds import award_list, quyet_dinh, to_trinh
from tests.helpers import edit
from tests.helpers import load_problems as problems

REPO = Path(__file__).resolve().parents[2]
SAMPLE = "totrinh-khenthuong-2024.yaml"


def test_sample_loads_without_problems() -> None:
    assert problems(REPO / "data" / SAMPLE) == []


def test_the_list_is_the_decisions_own_machinery() -> None:
    assert to_trinh.read_list is quyet_dinh.read_list is award_list.read_list
    assert to_trinh.list_context is quyet_dinh.list_context
    assert to_trinh.ToTrinhDocument.model_fields["danh_sach"].annotation is award_list.AwardList


def test_figures_are_filled_in_the_body_and_the_list_attached() -> None:
    loaded = api.load_document(REPO / "data" / SAMPLE)
    context = loaded.kind.context(loaded.resolved)
    text = ["".join(span.text for span in item.runs) for item in context["noi_dung"]]
    assert "cho 03 tập thể và 04 cá nhân" in text[0]
    assert "tổng số tiền 5.400.000 đồng (Bằng chữ: Năm triệu bốn trăm nghìn đồng)" in text[1]
    assert context["danh_sach"]["kem_theo"] == (
        "(Kèm theo Tờ trình số 07/TTr-PNV ngày 06 tháng 01 năm 2025 của Phòng Nội vụ huyện Đắk Hà)"
    )
    assert context["noi_nhan"][0] == "- Như trên;"
    assert context["kinh_gui"] == ["Kính gửi: Chủ tịch Ủy ban nhân dân huyện Đắk Hà."]


def test_unknown_figure_and_missing_kinh_gui(data: Path) -> None:
    path = data / SAMPLE
    edit(path, "{so_tap_the}", "{so_don_vi}")
    edit(path, "kinh_gui:\n  - Chủ tịch Ủy ban nhân dân huyện Đắk Hà\n", "")
    found = problems(path)
    assert any("noi_dung: không có số liệu {so_don_vi}" in p for p in found), found
    assert any("kinh_gui: tờ trình cần “Kính gửi”" in p for p in found), found


def test_list_rows_are_located_in_the_spreadsheet(data: Path) -> None:
    edit(data / "de-nghi-khen-thuong-2024.csv", "Y Thu;Công chức", "Y Thu;Công chức")
    edit(data / "de-nghi-khen-thuong-2024.csv", "Giấy khen;Cá nhân\n6", "Bằng khen;Cá nhân\n6")
    (found,) = problems(data / SAMPLE)
    assert found.startswith("data/de-nghi-khen-thuong-2024.csv:7:D: hinh_thuc: không có hình thức")
