"""Tests for docgen.validation: pydantic errors become located Vietnamese problems."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal
from uuid import UUID

import pytest
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from docgen.errors import Problem
from docgen.kinds import KINDS
from docgen.loading import load_yaml
from docgen.models.agency import Agency, AgencyDirectory
from docgen.models.awards import RateTable
from docgen.models.documents import TextDocument
from docgen.models.recipients import RecipientDirectory
from docgen.validation import PATTERN_MESSAGES, problems_from_validation_error


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
        "doc.yaml:10: ghi_chu: phải là số nguyên hoặc chuỗi văn bản, nhận được [1]",
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


# --------------------------------------------------------------------------------------------
# docgen's own models: every error they can raise comes out in Vietnamese

ENGLISH = re.compile(
    r"should|Input|Field required|String|Extra inputs|permitted|valid|Value error|Assertion"
    r"|Dictionary|List |character|expected|None|True|False"
)

BASE_DOCUMENT = {
    "co_quan": "ubnd-dak-ha",
    "nam": "2024",
    "trich_yeu": "Tổ chức hội nghị",
    "noi_dung": "[Một đoạn văn.]",
    "ket_thuc": "Trên đây là kế hoạch.",
    "nguoi_ky": "chu-tich",
}


def _document(**fields: str | None) -> str:
    """Return a valid document's YAML with ``fields`` replaced (``None``: left out)."""
    merged = {**BASE_DOCUMENT, **fields}
    return "".join(f"{key}: {value}\n" for key, value in merged.items() if value is not None)


def _errors(tmp_path: Path, text: str, model: Any = TextDocument) -> tuple[set[str], list[str]]:
    """Return the pydantic error types ``model`` raises for ``text`` and the problems shown."""
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_yaml(path, "doc.yaml")
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(model).validate_python(loaded.data)
    problems = problems_from_validation_error(caught.value, loaded.source, loaded.data)
    return {error["type"] for error in caught.value.errors()}, [str(p) for p in problems]


TABLE = "[{{bang: {{cot: {{a: {{tieu_de: A{column}}}}}, dong: [{row}]}}}}]"

MODEL_ERRORS = [
    ("missing", {"ket_thuc": None}, "ket_thuc: thiếu trường bắt buộc"),
    ("extra_forbidden", {"tac_gia": "X"}, "tac_gia: trường không được phép"),
    ("string_type", {"co_quan": "{ma: ubnd-dak-ha, viet_tat: 5}"}, "phải là chuỗi văn bản"),
    ("string_too_short", {"noi_dung": '[{muc: A, so: ""}]'}, "so: không được để trống"),
    ("string_too_long", {"noi_dung": "[{muc: A, so: abcdefghijklm}]"}, "dài quá 12 ký tự"),
    ("string_pattern_mismatch", {"co_quan": "Ubnd Dak Ha"}, "khóa chỉ gồm chữ thường"),
    ("string_pattern_mismatch", {"noi_dung": '[{muc: A, so: "I I"}]'}, "dấu cách"),
    ("int_parsing", {"so": "abc"}, "so: phải là số nguyên, nhận được 'abc'"),
    ("int_parsing", {"so": "1:30"}, "so: phải là số nguyên, nhận được '1:30'"),
    ("int_type", {"so": "[1]"}, "so: phải là số nguyên, nhận được [1]"),
    ("int_from_float", {"so": "1.5"}, "so: phải là số nguyên, nhận được 1.5"),
    ("greater_than", {"so": "0"}, "so: phải là số dương, nhận được 0"),
    ("less_than_equal", {"so": "100000"}, "so: phải nhỏ hơn hoặc bằng 99999"),
    ("greater_than_equal", {"nam": "1900"}, "nam: phải lớn hơn hoặc bằng 1945"),
    ("float_parsing", {"noi_dung": TABLE.format(column=", rong: rộng", row="{a: x}")}, "số"),
    ("float_type", {"noi_dung": TABLE.format(column=", rong: [1]", row="{a: x}")}, "số"),
    ("less_than_equal", {"noi_dung": TABLE.format(column=", rong: 31", row="{a: x}")}, "30"),
    ("literal_error", {"noi_dung": TABLE.format(column=", canh: phai", row="{a: x}")}, "hoặc"),
    ("bool_parsing", {"noi_nhan": "[{nhom: cum-01, tach: co}]"}, "phải là true hoặc false"),
    ("bool_type", {"noi_nhan": "[{nhom: cum-01, tach: [1]}]"}, "phải là true hoặc false"),
    ("list_type", {"noi_dung": "{muc: A}"}, "noi_dung: phải là danh sách"),
    ("dict_type", {"noi_dung": "[{bang: {cot: [a], dong: [{a: x}]}}]"}, "bảng khóa: giá trị"),
    ("model_type", {"noi_dung": "[{bang: 5}]"}, "bang: phải là một bảng khóa: giá trị"),
    ("too_short", {"noi_dung": "[]"}, "noi_dung: phải có ít nhất 1 mục"),
    ("date_from_datetime_parsing", {"ngay": "2024-02-30"}, "ngày không hợp lệ: 2024-02-30"),
    ("date_from_datetime_parsing", {"ngay": "31/02/2024"}, "ngày không hợp lệ: 31/02/2024"),
    ("date_type", {"ngay": "[1]"}, "ngày không hợp lệ: [1]"),
    ("date_from_datetime_inexact", {"ngay": "2024-03-05 10:00"}, "ngày không hợp lệ"),
    ("value_error", {"ket_thuc": '""'}, "ket_thuc: không được để trống"),
    ("value_error", {"ngay": None, "nam": None}, "cần 'ngay' hoặc 'nam'"),
    ("unknown_block", {"noi_dung": "[{x: 1}]"}, "không xác định được loại khối"),
    ("unknown_recipient", {"noi_nhan": "[[a]]"}, "nơi nhận phải là"),
]


@pytest.mark.parametrize(
    ("error_type", "fields", "words"),
    MODEL_ERRORS,
    ids=[f"{error_type}-{index}" for index, (error_type, _, _) in enumerate(MODEL_ERRORS)],
)
def test_model_errors_are_in_vietnamese(
    tmp_path: Path, error_type: str, fields: dict[str, str | None], words: str
) -> None:
    types, problems = _errors(tmp_path, _document(**fields))
    assert error_type in types  # the case really drives this error type through the models
    assert any(words in problem for problem in problems), problems
    for problem in problems:
        assert not ENGLISH.search(problem), problem


def test_every_pattern_in_the_models_is_described_in_words() -> None:
    def patterns(schema: object) -> set[str]:
        if isinstance(schema, dict):
            found = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
            return found.union(*(patterns(value) for value in schema.values()))
        if isinstance(schema, list):
            return set().union(*(patterns(value) for value in schema))
        return set()

    used = set()
    kinds = [kind.model for kind in KINDS.values()]
    for model in (*kinds, Agency, AgencyDirectory, RecipientDirectory, RateTable):
        used |= patterns(model.__pydantic_core_schema__)
    assert used, "no pattern found: the walk over the core schema is broken"
    assert used <= PATTERN_MESSAGES.keys(), (
        f"add to PATTERN_MESSAGES: {used - PATTERN_MESSAGES.keys()}"
    )


def test_pattern_messages_say_what_is_allowed(tmp_path: Path) -> None:
    _, problems = _errors(tmp_path, _document(co_quan="UBND-Đắk-Hà"))
    assert problems == [
        "doc.yaml:1: co_quan: giá trị không hợp lệ 'UBND-Đắk-Hà': khóa chỉ gồm chữ thường"
        " không dấu, chữ số, '-' và '_', bắt đầu bằng chữ hoặc số (ví dụ: ubnd-dak-ha)"
    ]
    text = _document(co_quan=None) + "co_quan:\n  ma: ubnd-dak-ha\n  viet_tat: UB/ND\n"
    assert _errors(tmp_path, text)[1] == [
        "doc.yaml:8: co_quan.viet_tat: giá trị không hợp lệ 'UB/ND':"
        " chữ viết tắt không chứa dấu cách, '/' hay '-' (ví dụ: UBND)"
    ]


class Rieng(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ma: UUID | None = None
    mau: Annotated[str, Field(pattern=r"^x+$")] = "x"
    kiem: str = ""

    @field_validator("kiem")
    @classmethod
    def _custom(cls, value: str) -> str:
        if value:
            raise PydanticCustomError("rieng", "lỗi riêng của mẫu: {value}", {"value": value})
        return value


def test_other_error_types_never_show_english(tmp_path: Path) -> None:
    _, problems = _errors(tmp_path, "ma: khong-phai-uuid\nmau: y\nkiem: z\n", Rieng)
    assert problems == [
        "doc.yaml:1: ma: giá trị không hợp lệ: 'khong-phai-uuid'",
        "doc.yaml:2: mau: giá trị không hợp lệ 'y': không đúng dạng quy định (mẫu: ^x+$)",
        "doc.yaml:3: kiem: lỗi riêng của mẫu: z",
    ]


def test_empty_value_is_named_in_words(tmp_path: Path) -> None:
    _, problems = _errors(tmp_path, _document(co_quan=""))
    assert problems == [
        "doc.yaml:1: co_quan: phải là chuỗi văn bản hoặc một bảng khóa: giá trị,"
        " nhận được giá trị trống"
    ]


# --------------------------------------------------------------------------------------------
# Unions: one bad value gives the errors of the member that fits best, not of every member


def _union_problems(tmp_path: Path, field: str, lines: str) -> list[str]:
    text = _document(**{field: None}) + f"{field}:\n{lines}"
    return _errors(tmp_path, text)[1]


@pytest.mark.parametrize(
    ("field", "lines", "expected"),
    [
        (  # a key with overrides (ma present): AgencyPatch
            "co_quan",
            '  ma: ubnd-dak-ha\n  viet_tat: "A B"\n',
            ["doc.yaml:8: co_quan.viet_tat: giá trị không hợp lệ 'A B': chữ viết tắt"],
        ),
        (  # a whole agency (no ma): Agency
            "co_quan",
            "  ten: Ủy ban nhân dân\n  viet_tat: A-B\n  dia_danh: Đắk Hà\n",
            ["doc.yaml:8: co_quan.viet_tat: giá trị không hợp lệ 'A-B': chữ viết tắt"],
        ),
        (  # a whole agency lacking a field: not "ma" missing
            "co_quan",
            "  ten: Ủy ban nhân dân\n  viet_tat: UBND\n",
            ["doc.yaml:6: co_quan.dia_danh: thiếu trường bắt buộc"],
        ),
        (  # a key with an unknown field: only that field, not "ten" and "ma" too
            "co_quan",
            "  ma: ubnd-dak-ha\n  dia_chi: X\n",
            ["doc.yaml:8: co_quan.dia_chi: trường không được phép"],
        ),
        (  # a bad key in ma
            "nguoi_ky",
            "  ma: Chu Tich\n  ho_ten: Nguyễn Văn B\n",
            ["doc.yaml:7: nguoi_ky.ma: giá trị không hợp lệ 'Chu Tich': khóa chỉ gồm"],
        ),
        (  # an empty override
            "nguoi_ky",
            '  ma: chu-tich\n  ho_ten: ""\n',
            ["doc.yaml:8: nguoi_ky.ho_ten: không được để trống"],
        ),
        (  # a whole signer lacking a field
            "nguoi_ky",
            "  chuc_vu: Chủ tịch\n",
            ["doc.yaml:6: nguoi_ky.ho_ten: thiếu trường bắt buộc"],
        ),
        (  # a whole signer with a bad field
            "nguoi_ky",
            "  chuc_vu: Chủ tịch\n  ho_ten: Hà Tiến\n  tham_quyen: {tm: UBND}\n",
            ["doc.yaml:9: nguoi_ky.tham_quyen: phải là danh sách"],
        ),
        (  # a list where a key or a mapping belongs: no member takes it
            "nguoi_ky",
            "  - chu-tich\n",
            [
                "doc.yaml:6: nguoi_ky: phải là chuỗi văn bản hoặc một bảng khóa: giá trị,"
                " nhận được ['chu-tich']"
            ],
        ),
    ],
)
def test_union_reports_only_the_best_fitting_member(
    tmp_path: Path, field: str, lines: str, expected: list[str]
) -> None:
    problems = _union_problems(tmp_path, field, lines)
    assert len(problems) == len(expected), problems
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start), problems


def test_table_rows_report_the_row_form(tmp_path: Path) -> None:
    # dong: list[GroupRow | dict[str, Cell]]: a bad cell is not reported as a bad group row.
    text = _document(noi_dung=TABLE.format(column="", row="{a: {b: 1}}"))
    assert _errors(tmp_path, text)[1] == [
        "doc.yaml:4: noi_dung[0].bang.dong[0].a: phải là danh sách"
    ]


class Tho(BaseModel):
    model_config = ConfigDict(extra="forbid")

    a: int
    b: int = 0


class Ve(BaseModel):
    model_config = ConfigDict(extra="forbid")

    a: int
    c: str


class Long(BaseModel):
    x: list[int | Tho | Ve]
    y: int | list[int | str] = 0


def test_nested_unions_are_pruned_inside_out(tmp_path: Path) -> None:
    text = "x:\n  - {a: 1, b: hai}\n  - {a: 1, c: [x]}\n  - [1]\ny: [[1]]\n"
    assert _errors(tmp_path, text, Long)[1] == [
        "doc.yaml:2: x[0].b: phải là số nguyên, nhận được 'hai'",
        "doc.yaml:3: x[1].c: phải là chuỗi văn bản",
        "doc.yaml:4: x[2]: phải là số nguyên hoặc một bảng khóa: giá trị, nhận được [1]",
        "doc.yaml:5: y[0]: phải là số nguyên hoặc chuỗi văn bản, nhận được [1]",
    ]
