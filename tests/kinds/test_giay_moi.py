"""Giấy mời: thành phần from the recipients directory, thời gian parsed and printed the N30
way, địa điểm, and the numbered body around them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from docgen import api
from docgen.kinds.giay_moi import _parse_time
from tests.helpers import edit
from tests.helpers import load_problems as problems

REPO = Path(__file__).resolve().parents[2]
SAMPLE = "giaymoi-hoinghi-tongket-2024.yaml"


def test_sample_loads_without_problems() -> None:
    assert problems(REPO / "data" / SAMPLE) == []


@pytest.mark.parametrize(
    "written",
    ["08:00 15/01/2025", "8:00, 15/01/2025", "15/01/2025 08:00", "2025-01-15 08:00",
     "8 giờ 00, ngày 15/01/2025", "8h 15/01/2025"],
)  # fmt: skip
def test_times_staff_write_are_read(written: str) -> None:
    assert _parse_time(written) == datetime.datetime(2025, 1, 15, 8, 0)


def test_a_wrong_time_says_how_to_write_it(data: Path) -> None:
    edit(data / SAMPLE, "thoi_gian: 08:00 15/01/2025", "thoi_gian: sáng 15/01/2025")
    (found,) = problems(data / SAMPLE)
    assert found.startswith(f"data/{SAMPLE}:21: thoi_gian: ")
    assert "ví dụ 08:00 15/01/2025" in found


def test_directory_keys_and_group_members_are_the_thanh_phan(data: Path) -> None:
    loaded = api.load_document(data / SAMPLE)
    body = [
        "".join(span.text for span in item.runs)
        for item in loaded.kind.context(loaded.resolved)["noi_dung"]
    ]
    assert body[0] == "1. Thành phần mời:"
    assert body[1] == "- Thường trực Huyện ủy;"
    assert body[5:9] == [  # the group split into its members ("tach: true")
        "- UBND huyện Đắk Tô;", "- UBND huyện Tu Mơ Rông;", "- UBND huyện Ngọc Hồi;",
        "- UBND huyện Đắk Glei;",
    ]  # fmt: skip
    assert body[11] == "- Đại diện các tập thể, cá nhân điển hình tiên tiến được khen thưởng."
    assert body[12] == "2. Thời gian: 08 giờ 00 phút, ngày 15 tháng 01 năm 2025."
    assert body[13] == "3. Địa điểm: Hội trường Ủy ban nhân dân huyện Đắk Hà."
    assert body[14].startswith("4. Nội dung:")


def test_unknown_group_is_located_at_thanh_phan(data: Path) -> None:
    edit(data / SAMPLE, "nhom: cum-thi-dua-01", "nhom: cum-thi-dua-1")
    (found,) = problems(data / SAMPLE)
    assert found.startswith(f"data/{SAMPLE}:17: thanh_phan[4].nhom: không có nhóm nơi nhận")


def test_closing_sentence_has_a_default(data: Path) -> None:
    edit(data / SAMPLE, "ket_thuc: Kính mời", "# ket_thuc: Kính mời")
    loaded = api.load_document(data / SAMPLE)
    closing = loaded.kind.context(loaded.resolved)["ket_thuc"]
    assert "".join(s.text for s in closing) == (
        "Kính mời các đồng chí tham dự đúng thời gian, thành phần./."
    )
