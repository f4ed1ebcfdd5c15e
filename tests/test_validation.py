"""Tests for docgen.validation: pydantic errors become located Vietnamese problems."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from docgen.errors import Problem
from docgen.loading import load_yaml
from docgen.validation import problems_from_validation_error


class NguoiKy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ho_ten: str = Field(min_length=1)
    chuc_vu: str


class Doan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tieu_de: str
    so_trang: int = Field(default=1, ge=1, le=99)


class VanBan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    so: int = Field(gt=0)
    trich_yeu: str
    ngay: date
    khan: bool = False
    nguoi_ky: NguoiKy
    noi_dung: list[Doan]
    noi_nhan: list[str] = []

    @field_validator("trich_yeu")
    @classmethod
    def _not_shouting(cls, value: str) -> str:
        if value.isupper():
            raise ValueError("trích yếu không viết hoa toàn bộ")
        return value


def _problems(tmp_path: Path, text: str, model: type[BaseModel] = VanBan) -> list[str]:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_yaml(path, "doc.yaml")
    with pytest.raises(ValidationError) as caught:
        model.model_validate(loaded.data)
    problems = problems_from_validation_error(caught.value, loaded.source, loaded.data)
    assert all(isinstance(problem, Problem) for problem in problems)
    return [str(problem) for problem in problems]


def test_every_problem_has_its_line_and_vietnamese_message(tmp_path: Path) -> None:
    text = """\
trich_yeu: Về việc tổ chức hội nghị
ngay: 2024-02-30
so: 0
khan: co
nguoi_ky:
  ho_ten: ""
  chuc_danh: Chủ tịch
noi_dung:
  - tieu_de: Mở đầu
    so_trang: hai
  - so_trang: 0
  - 17
noi_nhan: Các sở
"""
    assert _problems(tmp_path, text) == [
        "doc.yaml:3: so: phải là số dương, nhận được 0",
        "doc.yaml:2: ngay: ngày không hợp lệ: 2024-02-30 (dùng dạng NNNN-TT-NN hoặc NN/TT/NNNN, ví dụ 2024-03-05 hoặc 05/03/2024)",
        "doc.yaml:4: khan: phải là true hoặc false",
        "doc.yaml:6: nguoi_ky.ho_ten: không được để trống",
        "doc.yaml:5: nguoi_ky.chuc_vu: thiếu trường bắt buộc",
        "doc.yaml:7: nguoi_ky.chuc_danh: trường không được phép (không có trong mẫu dữ liệu)",
        "doc.yaml:10: noi_dung[0].so_trang: phải là số nguyên, nhận được 'hai'",
        "doc.yaml:11: noi_dung[1].tieu_de: thiếu trường bắt buộc",
        "doc.yaml:11: noi_dung[1].so_trang: phải là số dương, nhận được 0",
        "doc.yaml:12: noi_dung[2]: phải là một bảng khóa: giá trị",
        "doc.yaml:13: noi_nhan: phải là danh sách",
    ]


def test_types_of_whole_values(tmp_path: Path) -> None:
    text = """\
so: 1.5
trich_yeu: [a, b]
ngay: 20240305
nguoi_ky: Nguyễn Văn A
noi_dung:
  - tieu_de: X
    so_trang: 100
thua: 1
"""
    assert _problems(tmp_path, text) == [
        "doc.yaml:1: so: phải là số nguyên, nhận được 1.5",
        "doc.yaml:2: trich_yeu: phải là chuỗi văn bản",
        "doc.yaml:3: ngay: ngày không hợp lệ: 20240305 (dùng dạng NNNN-TT-NN hoặc NN/TT/NNNN, ví dụ 2024-03-05 hoặc 05/03/2024)",
        "doc.yaml:4: nguoi_ky: phải là một bảng khóa: giá trị",
        "doc.yaml:7: noi_dung[0].so_trang: phải nhỏ hơn hoặc bằng 99",
        "doc.yaml:8: thua: trường không được phép (không có trong mẫu dữ liệu)",
    ]


def test_missing_top_level_fields_point_to_line_1(tmp_path: Path) -> None:
    assert _problems(tmp_path, "# trống\n") == ["doc.yaml:1: phải là một bảng khóa: giá trị"]
    assert _problems(tmp_path, "\n\nso: 5\n")[:2] == [
        "doc.yaml:1: trich_yeu: thiếu trường bắt buộc",
        "doc.yaml:1: ngay: thiếu trường bắt buộc",
    ]


def test_validator_message_loses_pydantic_prefix(tmp_path: Path) -> None:
    text = """\
so: 1
trich_yeu: VỀ VIỆC
ngay: 2024-03-05
nguoi_ky: {ho_ten: A, chuc_vu: B}
noi_dung: []
"""
    assert _problems(tmp_path, text) == ["doc.yaml:2: trich_yeu: trích yếu không viết hoa toàn bộ"]


def test_valid_dates_are_parsed_from_strings(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(
        "so: 1\ntrich_yeu: Về việc A\nngay: 2024-03-05\n"
        "nguoi_ky: {ho_ten: A, chuc_vu: B}\nnoi_dung: []\n",
        encoding="utf-8",
    )
    assert VanBan.model_validate(load_yaml(path).data).ngay == date(2024, 3, 5)


class Loai(Enum):
    CONG_VAN = "cong_van"
    TO_TRINH = "to_trinh"


class KhoiDoan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    loai: Literal["doan"]
    van_ban: str


class KhoiBang(BaseModel):
    model_config = ConfigDict(extra="forbid")

    loai: Literal["bang"]
    so_cot: int = Field(gt=2)


class TaiLieu(BaseModel):
    model_config = ConfigDict(extra="forbid")

    loai: Loai
    muc_do: Literal["thuong", "mat", "toi_mat"] = "thuong"
    khoi: list[Annotated[KhoiDoan | KhoiBang, Field(discriminator="loai")]]
    ghi_chu: int | str | None = None


def test_choices_tagged_unions_and_plain_unions(tmp_path: Path) -> None:
    text = """\
loai: thong_bao
muc_do: kin
khoi:
  - loai: doan
    van_ban: 5
  - loai: bang
    so_cot: 2
  - loai: hinh
  - van_ban: x
ghi_chu: [1]
"""
    assert _problems(tmp_path, text, TaiLieu) == [
        "doc.yaml:1: loai: giá trị không hợp lệ 'thong_bao',"
        " chỉ chấp nhận: 'cong_van' hoặc 'to_trinh'",
        "doc.yaml:2: muc_do: giá trị không hợp lệ 'kin',"
        " chỉ chấp nhận: 'thuong', 'mat' hoặc 'toi_mat'",
        "doc.yaml:5: khoi[0].van_ban: phải là chuỗi văn bản",
        "doc.yaml:7: khoi[1].so_cot: phải lớn hơn 2",
        "doc.yaml:8: khoi[2]: không xác định được loại khối: 'hinh'"
        " (chỉ chấp nhận: 'doan', 'bang')",
        "doc.yaml:9: khoi[3]: không xác định được loại khối: thiếu trường 'loai'",
        "doc.yaml:10: ghi_chu: phải là số nguyên, nhận được [1]",
        "doc.yaml:10: ghi_chu: phải là chuỗi văn bản",
    ]


def test_prefix_places_a_sub_document(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("van_ban:\n  nguoi_ky:\n    ho_ten: A\n    tuoi: 3\n", encoding="utf-8")
    loaded = load_yaml(path, "doc.yaml")
    data: Any = loaded.data["van_ban"]["nguoi_ky"]
    with pytest.raises(ValidationError) as caught:
        NguoiKy.model_validate(data)
    problems = problems_from_validation_error(
        caught.value, loaded.source, data, prefix=("van_ban", "nguoi_ky")
    )
    assert [str(p) for p in problems] == [
        "doc.yaml:2: van_ban.nguoi_ky.chuc_vu: thiếu trường bắt buộc",
        "doc.yaml:4: van_ban.nguoi_ky.tuoi: trường không được phép (không có trong mẫu dữ liệu)",
    ]


def test_long_inputs_are_shortened(tmp_path: Path) -> None:
    text = f"so: {'9' * 30}x{'9' * 40}\n"
    (problem,) = [p for p in _problems(tmp_path, text) if ": so: " in p]
    shown = problem.split("nhận được ", 1)[1]
    assert len(shown) == 60
    assert shown == "'" + "9" * 30 + "x" + "9" * 27 + "…"


def test_identical_problems_are_reported_once(tmp_path: Path) -> None:
    class Cap(BaseModel):
        a: int | Annotated[int, Field(gt=5)]

    assert _problems(tmp_path, "a: x\n", Cap) == ["doc.yaml:1: a: phải là số nguyên, nhận được 'x'"]
