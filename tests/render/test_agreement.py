"""Renderer and checker agree: every layout docgen can produce passes ``docgen check``.

Each variant changes a sample the way a user could (one addressee, default phần labels, a
parent agency, a "Căn cứ ..." opening sentence, a title on two lines, figures without a
number column) and the rendered file must give zero findings.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen import api
from tests.render.conftest import ROOT

Edit = Callable[[dict[str, Any]], None]


def one_addressee(data: dict[str, Any]) -> None:
    data["kinh_gui"] = ["Ủy ban nhân dân tỉnh Kon Tum"]


def default_part_labels(data: dict[str, Any]) -> None:
    for block in data["noi_dung"]:
        block.pop("so", None)


def parent_agency(data: dict[str, Any]) -> None:
    data["co_quan"] = {"ma": "ubnd-dak-ha", "chu_quan": ["Ủy ban nhân dân tỉnh Kon Tum"]}


def can_cu_opening(data: dict[str, Any]) -> None:
    data["can_cu"] = [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP.",
    ]
    data["mo_dau"] = [
        "Căn cứ Kế hoạch số 05/KH-UBND ngày 05/3/2024 của Ủy ban nhân dân huyện; thực hiện "
        "Công văn số 12/SNV-TĐKT của Sở Nội vụ, Ủy ban nhân dân huyện báo cáo như sau:"
    ]


def signer_on_two_lines(data: dict[str, Any]) -> None:
    data["nguoi_ky"] = {"ma": "chu-tich", "chuc_vu": ["Chủ tịch", "Hội đồng Thi đua - Khen thưởng"]}


def figures_without_numbers(data: dict[str, Any]) -> None:
    data["noi_dung"].append(
        {
            "so_lieu": {
                "so_thu_tu": False,
                "cot": {"a": "Tập thể", "b": "Cá nhân"},
                "tong_cot": "Tổng",
                "ty_le": "Tỷ lệ",
                "dong": [{"ten": "Khối A", "a": 1, "b": 2}, {"ten": "Khối B", "a": 0, "b": 0}],
            }
        }
    )


def plus_items_in_a_plan(data: dict[str, Any]) -> None:
    data["noi_dung"].append(
        {"gach": [{"y": "Ý chính:", "cong": ["ý con một;", "ý con hai."]}, "+ ý cộng viết tay."]}
    )


def cong_van_without_unit_and_long_vv(data: dict[str, Any]) -> None:
    data.pop("don_vi_soan")
    data["trich_yeu"] = [
        "V/v đôn đốc các cơ quan, đơn vị, địa phương gửi báo cáo tổng kết công tác thi đua,",
        "khen thưởng năm 2024 và hồ sơ đề nghị khen thưởng",
    ]


def two_addressees(data: dict[str, Any]) -> None:
    data["kinh_gui"] = ["Chủ tịch Ủy ban nhân dân huyện", "Hội đồng Thi đua - Khen thưởng huyện"]


def plain_notice(data: dict[str, Any]) -> None:
    conclusions = data.pop("ket_luan")
    data["noi_dung"] = [{"khoan": line} for line in conclusions["y_kien"] if isinstance(line, str)]


def draft_with_one_invitee(data: dict[str, Any]) -> None:
    data["so"] = None
    data["ngay"] = None
    data["thanh_phan"] = ["Đồng chí Trưởng phòng Nội vụ huyện"]


def four_hundred_sections(data: dict[str, Any]) -> None:
    # Mục 400 is "CD.", 500 "D.": Roman numerals with D and M are read back as mục too.
    data["noi_dung"] = [
        {"muc": f"Nội dung {n}", "noi_dung": [{"khoan": "Việc một."}, {"khoan": "Việc hai."}]}
        for n in range(1, 502)
    ]


VARIANTS: list[tuple[str, Edit]] = [
    ("baocao-soket-6thang-2024", one_addressee),
    ("baocao-tongket-2024", default_part_labels),
    ("baocao-tongket-2024", parent_agency),
    ("baocao-soket-6thang-2024", can_cu_opening),
    ("kehoach-tdkt-2024", can_cu_opening),
    ("kehoach-tdkt-2024", signer_on_two_lines),
    ("kehoach-tdkt-2024", figures_without_numbers),
    ("kehoach-tdkt-2024", plus_items_in_a_plan),
    ("kehoach-tdkt-2024", four_hundred_sections),
    ("congvan-don-doc-bao-cao-2024", one_addressee),
    ("congvan-don-doc-bao-cao-2024", cong_van_without_unit_and_long_vv),
    ("giaymoi-hoinghi-tongket-2024", draft_with_one_invitee),
    ("totrinh-khenthuong-2024", two_addressees),
    ("thongbao-ketluan-tongket-2024", plain_notice),
]


@pytest.mark.parametrize(("sample", "edit"), VARIANTS, ids=lambda v: getattr(v, "__name__", v))
def test_variant_renders_with_no_finding(sample: str, edit: Edit, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    path = folder / f"{sample}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rendered = api.render_file(path, tmp_path / "out")
    report = api.check_file(rendered)
    assert report.error is None
    assert [f"{f.rule}: {f.found}" for f in report.findings] == []
