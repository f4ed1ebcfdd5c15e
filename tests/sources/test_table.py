"""Tests for docgen.sources.table: lists read from .xlsx, .csv and YAML files."""

from __future__ import annotations

import datetime
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from docgen.errors import InputError
from docgen.sources import Column, TableRow, normalize_name, read_table
from docgen.sources import table as table_module

COLUMNS = (
    Column("ho_ten", ("Họ và tên", "Họ tên", "Tên")),
    Column("chuc_vu", ("Chức vụ",)),
    Column("so_tien", ("Số tiền", "Tiền thưởng"), required=False),
    Column("ngay_sinh", ("Ngày sinh",), required=False),
)
HEADER = ["STT", "Họ và tên", "Chức vụ", "Số tiền", "Ngày sinh", "Ghi chú"]
TITLE = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"


def _xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """Write a real workbook with one worksheet per entry of ``sheets``, in order."""
    book = openpyxl.Workbook()
    for index, (title, rows) in enumerate(sheets.items()):
        worksheet = book.active if index == 0 else book.create_sheet()
        assert worksheet is not None
        worksheet.title = title
        for row in rows:
            worksheet.append(list(row))
    book.save(path)
    return path


def _patch_part(path: Path, replacements: dict[str, str], part: str) -> None:
    """Edit the XML ``part`` of the package at ``path`` (each old text must be there).

    Used to give formulas the cached values that Excel saves and openpyxl cannot write.
    """
    with zipfile.ZipFile(path) as archive:
        items = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, content in items:
            if filename == part:
                text = content.decode("utf-8")
                for old, new in replacements.items():
                    assert old in text, old
                    text = text.replace(old, new)
                content = text.encode("utf-8")
            archive.writestr(filename, content)


def _read(path: Path, columns: Sequence[Column] = COLUMNS, **kwargs: Any) -> list[TableRow]:
    return read_table(path, columns, display_name=path.name, **kwargs)


def _problems(path: Path, columns: Sequence[Column] = COLUMNS, **kwargs: Any) -> list[str]:
    with pytest.raises(InputError) as caught:
        _read(path, columns, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def _values(rows: list[TableRow]) -> list[dict[str, Any]]:
    return [row.values for row in rows]


# --- .xlsx ------------------------------------------------------------------------------


def test_xlsx_values_rows_and_columns_below_a_title(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Trần Thị Bình")
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "Sheet1": [
                [TITLE],
                [],
                HEADER,
                [1, "Nguyễn Văn An", "Chủ tịch", 1500000.0, datetime.date(1980, 1, 2), "x"],
                [2, f"  {decomposed} ", "Phó Chủ tịch", 2500.5, None, None],
                [3, "Lê Văn Cường", "Công chức\r\nVăn phòng", 700000, None, None],
            ]
        },
    )
    rows = _read(path)
    assert _values(rows) == [
        {
            "ho_ten": "Nguyễn Văn An",
            "chuc_vu": "Chủ tịch",
            "so_tien": 1500000,
            "ngay_sinh": datetime.date(1980, 1, 2),
        },
        {"ho_ten": "Trần Thị Bình", "chuc_vu": "Phó Chủ tịch", "so_tien": 2500.5},
        {"ho_ten": "Lê Văn Cường", "chuc_vu": "Công chức\nVăn phòng", "so_tien": 700000},
    ]
    assert type(rows[0].values["so_tien"]) is int
    assert type(rows[0].values["ngay_sinh"]) is datetime.date
    assert rows[1].values["ho_ten"] == unicodedata.normalize("NFC", "Trần Thị Bình")
    first = rows[0].source
    assert first.file == "ds.xlsx:Sheet1"
    assert first.lines == {
        (): 4,
        ("ho_ten",): 4,
        ("chuc_vu",): 4,
        ("so_tien",): 4,
        ("ngay_sinh",): 4,
    }
    assert first.columns == {
        ("ho_ten",): "B",
        ("chuc_vu",): "C",
        ("so_tien",): "D",
        ("ngay_sinh",): "E",
    }
    assert [row.source.line_of(()) for row in rows] == [4, 5, 6]


def test_row_source_locates_a_field(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {"Sheet1": [[TITLE], [], [], ["STT", "Họ tên", "Chức vụ"], [1, None, "Chủ tịch"]]},
    )
    (row,) = _read(path)
    assert row.values == {"chuc_vu": "Chủ tịch"}
    assert str(row.source.problem(("ho_ten",), "thiếu họ tên")) == (
        "ds.xlsx:Sheet1:5:B: ho_ten: thiếu họ tên"
    )


def test_headers_match_without_diacritics_case_or_spacing(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "Sheet1": [
                ["  HO   VA TEN * ", "chức VỤ:", "TIEN THUONG (*)", "ngay sinh"],
                ["Nguyễn Văn An", "Chủ tịch", 100, None],
            ]
        },
    )
    assert _values(_read(path)) == [
        {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Chủ tịch", "so_tien": 100}
    ]


def test_header_may_be_the_column_key(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["ho_ten", "chuc_vu"], ["An", "Chủ tịch"]]})
    assert _values(_read(path)) == [{"ho_ten": "An", "chuc_vu": "Chủ tịch"}]


def test_optional_column_may_be_missing(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["Tên", "Chức vụ"], ["An", "Chủ tịch"]]})
    (row,) = _read(path)
    assert row.values == {"ho_ten": "An", "chuc_vu": "Chủ tịch"}
    assert row.source.columns == {("ho_ten",): "A", ("chuc_vu",): "B"}


def test_other_cell_types(tmp_path: Path) -> None:
    columns = (
        Column("co", ("Có",)),
        Column("luc", ("Lúc",)),
        Column("ty_le", ("Tỷ lệ",)),
    )
    moment = datetime.datetime(2024, 3, 5, 14, 30)
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["Có", "Lúc", "Tỷ lệ"], [True, moment, 0.25]]})
    (row,) = _read(path, columns)
    assert row.values == {"co": True, "luc": moment, "ty_le": 0.25}
    assert type(row.values["luc"]) is datetime.datetime


def test_named_second_sheet(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "Hướng dẫn": [["Điền danh sách ở trang sau"]],
            "Khen thưởng": [["Họ và tên", "Chức vụ"], ["Nguyễn Văn An", "Chủ tịch"]],
        },
    )
    (row,) = _read(path, sheet="Khen thưởng")
    assert row.values == {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Chủ tịch"}
    assert row.source.file == "ds.xlsx:Khen thưởng"
    assert str(row.source.problem(("chuc_vu",), "sai")) == "ds.xlsx:Khen thưởng:2:B: chuc_vu: sai"
    # Typed from memory: case and diacritics do not matter when only one sheet fits.
    assert _read(path, sheet="KHEN THUONG")[0].source.file == "ds.xlsx:Khen thưởng"


def test_default_sheet_is_the_first_visible_one(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "DM": [["danh mục ẩn"]],
            "Khen thưởng": [["Họ và tên", "Chức vụ"], ["Nguyễn Văn An", "Chủ tịch"]],
        },
    )
    book = openpyxl.load_workbook(path)
    book["DM"].sheet_state = "hidden"
    book.active = 1
    book.save(path)
    assert _read(path)[0].source.file == "ds.xlsx:Khen thưởng"


def test_first_sheet_is_read_by_default(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "Hướng dẫn": [["Điền danh sách ở trang sau"]],
            "Khen thưởng": [["Họ và tên", "Chức vụ"], ["Nguyễn Văn An", "Chủ tịch"]],
        },
    )
    assert _problems(path) == [
        'ds.xlsx:Hướng dẫn: không tìm thấy dòng tiêu đề của bảng trong 10 dòng đầu có chữ: thiếu cột "Họ và tên" (hoặc "Họ tên", "Tên"), "Chức vụ"; dòng 1 có các ô: "Điền danh sách ở trang sau"'
    ]


def test_missing_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["Họ tên", "Chức vụ"]], "Sheet2": []})
    assert _problems(path, sheet="Khen thưởng") == [
        'ds.xlsx: không có trang tính "Khen thưởng"; các trang tính trong tệp: "Sheet1", "Sheet2"'
    ]


def test_formulas_give_their_saved_values(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "Sheet1": [
                ["Họ và tên", "Chức vụ", "Số tiền"],
                ["Nguyễn Văn An", "Chủ tịch", "=1000000*1.5"],
                ['=PROPER("tran thi binh")', "Phó Chủ tịch", '=IF(1>2,1,"")'],
            ]
        },
    )
    # What Excel saves: the formula and its last computed value ("str" for text results).
    _patch_part(
        path,
        {
            "<f>1000000*1.5</f><v></v>": "<f>1000000*1.5</f><v>1500000</v>",
            '<c r="A3"><f>PROPER("tran thi binh")</f><v></v>': (
                '<c r="A3" t="str"><f>PROPER("tran thi binh")</f><v>Trần Thị Bình</v>'
            ),
            '<c r="C3"><f>IF(1&gt;2,1,"")</f><v></v>': '<c r="C3" t="str"><f>IF(1&gt;2,1,"")</f><v></v>',
        },
        "xl/worksheets/sheet1.xml",
    )
    assert _values(_read(path)) == [
        {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Chủ tịch", "so_tien": 1500000},
        {"ho_ten": "Trần Thị Bình", "chuc_vu": "Phó Chủ tịch"},
    ]


def test_formulas_without_saved_values_and_error_cells(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "Sheet1": [
                [TITLE],
                ["Họ và tên", "Chức vụ", "Số tiền", "Ghi chú"],
                ["Nguyễn Văn An", "Chủ tịch", "=1000000*1.5", "=1+1"],
                ["Trần Thị Bình", "#REF!", "#DIV/0!"],
                ["=B5", None, None],
            ]
        },
    )
    assert _problems(path) == [
        "ds.xlsx:Sheet1:3:C: so_tien: ô công thức chưa có giá trị: hãy mở và lưu lại trong Excel",
        "ds.xlsx:Sheet1:4:B: chuc_vu: ô có lỗi công thức #REF!: hãy sửa lại trong Excel",
        "ds.xlsx:Sheet1:4:C: so_tien: ô có lỗi công thức #DIV/0!: hãy sửa lại trong Excel",
        "ds.xlsx:Sheet1:5:A: ho_ten: ô công thức chưa có giá trị: hãy mở và lưu lại trong Excel",
    ]


def test_total_line_ends_the_table_and_empty_rows_are_skipped(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "Sheet1": [
                [TITLE],
                HEADER,
                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
                [1, "Nguyễn Văn An", "Chủ tịch", 1000],
                [],
                [2, "Tổng công ty Điện lực", "Tập thể", 2000],
                [None, None, None, None, None, "ghi chú lẻ"],
                [3, "Cộng đồng dân cư thôn 1", "Tập thể", 3000],
                [4],
                [5],
                ["TỔNG CỘNG:", None, None, "=SUM(D4:D10)"],
                [],
                [None, "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"],
            ]
        },
    )
    rows = _read(path)
    assert _values(rows) == [
        {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Chủ tịch", "so_tien": 1000},
        {"ho_ten": "Tổng công ty Điện lực", "chuc_vu": "Tập thể", "so_tien": 2000},
        {"ho_ten": "Cộng đồng dân cư thôn 1", "chuc_vu": "Tập thể", "so_tien": 3000},
    ]
    assert [row.source.line_of(()) for row in rows] == [4, 6, 8]


@pytest.mark.parametrize("total", ["Tổng cộng", "Cộng", "Tổng", "Tổng số: 3 người", "tong cong"])
def test_total_line_forms(tmp_path: Path, total: str) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {"Sheet1": [HEADER, [1, "An", "Chủ tịch"], [total], [2, "Bình", "Phó"]]},
    )
    assert _values(_read(path)) == [{"ho_ten": "An", "chuc_vu": "Chủ tịch"}]


def test_column_number_row_is_data_when_not_right_under_the_header(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [HEADER, [1, "An", "Chủ tịch"], [1, 2, 3]]})
    assert _values(_read(path)) == [
        {"ho_ten": "An", "chuc_vu": "Chủ tịch"},
        {"ho_ten": 2, "chuc_vu": 3},
    ]


def test_missing_required_column(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {
            "Khen thưởng": [
                [TITLE],
                ["STT", "Họ và tên", "Đơn vị", "Số tiền"],
                [1, "Nguyễn Văn An", "UBND xã", 1000],
            ]
        },
    )
    assert _problems(path) == [
        'ds.xlsx:Khen thưởng:2: dòng tiêu đề thiếu cột "Chức vụ"; các cột có ở dòng này: "STT", "Họ và tên", "Đơn vị", "Số tiền"'
    ]


def test_no_header_row(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {"Sheet1": [[TITLE], ["TT", "Người", "Nhiệm vụ"], [1, "Nguyễn Văn An", "Chủ tịch"]]},
    )
    assert _problems(path) == [
        'ds.xlsx:Sheet1: không tìm thấy dòng tiêu đề của bảng trong 10 dòng đầu có chữ: thiếu cột "Họ và tên" (hoặc "Họ tên", "Tên"), "Chức vụ"; dòng 2 có các ô: "TT", "Người", "Nhiệm vụ"'
    ]


def test_header_below_the_search_rows_is_not_found(tmp_path: Path) -> None:
    rows: list[list[Any]] = [[f"Dòng giới thiệu {i}"] for i in range(1, 11)]
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [*rows, ["Họ tên", "Chức vụ"], ["An", "CT"]]})
    (problem,) = _problems(path)
    assert problem.startswith("ds.xlsx:Sheet1: không tìm thấy dòng tiêu đề của bảng")


def test_duplicate_columns(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {"Sheet1": [["STT", "Họ tên", "Chức vụ", "Tên"], [1, "Nguyễn Văn An", "Chủ tịch", "An"]]},
    )
    assert _problems(path) == [
        'ds.xlsx:Sheet1:1:D: có 2 cột cùng là "Họ và tên": B ("Họ tên") và D ("Tên"); hãy xóa hoặc đổi tên cột thừa'
    ]


def test_empty_sheet(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [], "Trống": []})
    assert _problems(path, sheet="Trống") == ["ds.xlsx:Trống: trang tính trống, không có dữ liệu"]


def test_header_without_data_rows(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {"Sheet1": [[TITLE], HEADER, [1], [2], [], ["Tổng cộng"], ["NGƯỜI LẬP BIỂU"]]},
    )
    assert _problems(path) == ["ds.xlsx:Sheet1:2: bảng không có dòng dữ liệu nào dưới dòng tiêu đề"]


def test_wrong_declared_dimension_does_not_cut_rows(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "ds.xlsx",
        {"Sheet1": [["Họ tên", "Chức vụ"], ["An", "Chủ tịch"], ["Bình", "Phó"]]},
    )
    _patch_part(
        path, {'<dimension ref="A1:B3"/>': '<dimension ref="A1"/>'}, "xl/worksheets/sheet1.xml"
    )
    assert _values(_read(path)) == [
        {"ho_ten": "An", "chuc_vu": "Chủ tịch"},
        {"ho_ten": "Bình", "chuc_vu": "Phó"},
    ]


def test_too_many_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_module, "MAX_ROWS", 5)
    rows = [["Họ tên", "Chức vụ"], *[[f"Người {i}", "CV"] for i in range(5)]]
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": rows})
    assert _problems(path) == [
        "ds.xlsx:Sheet1: bảng tính có dữ liệu hoặc định dạng quá dòng 5; hãy xóa các dòng thừa bên dưới bảng hoặc chia thành nhiều tệp"
    ]
    # Reading stops at a total line before the limit.
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [*rows[:3], ["Cộng"], *rows[3:]]})
    assert len(_read(path)) == 2


# --- files that are not what they should be ----------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert _problems(tmp_path / "ds.xlsx") == ["ds.xlsx: không tìm thấy tệp"]


def test_display_name_defaults_to_the_path(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    with pytest.raises(InputError) as caught:
        read_table(path, COLUMNS)
    assert str(caught.value) == f"{path}: không tìm thấy tệp"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "ds.xlsx"
    folder.mkdir()
    assert _problems(folder) == ["ds.xlsx: không đọc được tệp: đây là một thư mục, không phải tệp"]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(b"")
    assert _problems(path) == ["ds.xlsx: tệp trống, không có dữ liệu"]


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_module, "MAX_FILE_BYTES", 3 * 1024 * 1024)
    path = tmp_path / "ds.csv"
    path.write_bytes(b"x" * (3 * 1024 * 1024 + 1))
    assert _problems(path) == ["ds.csv: tệp quá lớn (hơn 3 MB); hãy chia thành nhiều tệp nhỏ hơn"]


def test_old_excel_name(tmp_path: Path) -> None:
    path = tmp_path / "ds.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert _problems(path) == [
        "ds.xls: không đọc được tệp Excel cũ (.xls); hãy Lưu thành .xlsx trong Excel (File > Save As)"
    ]


def test_old_excel_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert _problems(path) == [
        "ds.xlsx: tệp là bảng tính Excel cũ (.xls) bị đổi đuôi, hoặc tệp có đặt mật khẩu; hãy bỏ mật khẩu (nếu có) rồi Lưu thành .xlsx trong Excel (File > Save As)"
    ]


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "ds.ods"
    path.write_bytes(b"PK\x03\x04")
    assert _problems(path) == [
        "ds.ods: không đọc được loại tệp '.ods': chỉ đọc được bảng tính .xlsx, .csv và .yaml/.yml"
    ]
    assert _problems(tmp_path / "ds") == [
        "ds: không đọc được tệp không có phần mở rộng: chỉ đọc được bảng tính .xlsx, .csv và .yaml/.yml"
    ]


def test_text_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_text("Họ và tên,Chức vụ\nNguyễn Văn An,Chủ tịch\n", encoding="utf-8")
    assert _problems(path) == [
        "ds.xlsx: tệp không phải bảng tính Excel .xlsx (có thể tệp đã bị đổi đuôi); hãy mở tệp bằng Excel và Lưu thành .xlsx (File > Save As)"
    ]


def test_word_document_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    document = docx.Document()
    document.add_paragraph("Họ và tên")
    document.save(str(path))
    assert _problems(path) == [
        "ds.xlsx: tệp là văn bản Word, không phải bảng tính Excel; hãy chọn đúng tệp danh sách"
    ]


def test_other_zip_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("anh.jpg", b"...")
    assert _problems(path) == [
        "ds.xlsx: tệp không phải bảng tính Excel .xlsx (có thể tệp đã bị đổi đuôi); hãy mở tệp bằng Excel và Lưu thành .xlsx (File > Save As)"
    ]


def test_truncated_xlsx(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["Họ tên", "Chức vụ"], ["An", "CT"]]})
    path.write_bytes(path.read_bytes()[:-200])
    assert _problems(path) == [
        "ds.xlsx: tệp .xlsx bị hỏng, không đọc được (có thể tải về hoặc sao chép chưa xong); hãy mở tệp bằng Excel, lưu lại rồi thử lại"
    ]


def test_damaged_sheet_xml(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["Họ tên", "Chức vụ"], ["An", "CT"]]})
    _patch_part(path, {"</sheetData>": "<row><c"}, "xl/worksheets/sheet1.xml")
    (problem,) = _problems(path)
    assert problem.startswith("ds.xlsx:Sheet1")
    assert problem.endswith(
        "tệp .xlsx bị hỏng, không đọc được (có thể tải về hoặc sao chép chưa xong); hãy mở tệp bằng Excel, lưu lại rồi thử lại"
    )


def test_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_module, "MAX_UNPACKED_BYTES", 1024 * 1024)
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["Họ tên", "Chức vụ"]]})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/big.bin", b"\0" * (2 * 1024 * 1024))
    assert _problems(path) == [
        "ds.xlsx: nội dung tệp quá lớn khi giải nén (hơn 1 MB); hãy chia thành nhiều tệp nhỏ hơn"
    ]


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Return ``text`` in Windows-1258, which writes tone marks as combining characters."""
    encoded = b""
    for char in text:
        marks = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONE_MARKS))
        tones = "".join(m for m in marks if m in _TONE_MARKS)
        encoded += (base + tones).encode("cp1258")
    return encoded


# --- .csv -------------------------------------------------------------------------------


def test_csv_utf8_bom_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    text = (
        f"{TITLE};;;\r\n"
        "STT;Họ và tên;Chức vụ;Số tiền;Ghi chú\r\n"
        "1;Nguyễn Văn An;Chủ tịch;1.500.000;0912345678\r\n"
        ";;;;\r\n"
        '2;" Trần Thị Bình ";"Phó Chủ tịch; kiêm nhiệm";1,5;\r\n'
        "3;Lê Văn Cường;Công chức;012;\r\n"
        "Tổng cộng;;;1.500.000;\r\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    rows = _read(path)
    assert _values(rows) == [
        {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Chủ tịch", "so_tien": 1500000},
        {"ho_ten": "Trần Thị Bình", "chuc_vu": "Phó Chủ tịch; kiêm nhiệm", "so_tien": "1,5"},
        {"ho_ten": "Lê Văn Cường", "chuc_vu": "Công chức", "so_tien": "012"},
    ]
    assert rows[0].source.file == "ds.csv"
    assert rows[0].source.lines[()] == 3
    assert rows[0].source.columns == {("ho_ten",): "B", ("chuc_vu",): "C", ("so_tien",): "D"}
    assert [row.source.line_of(("so_tien",)) for row in rows] == [3, 5, 6]
    assert str(rows[1].source.problem(("so_tien",), "không phải số")) == (
        "ds.csv:5:D: so_tien: không phải số"
    )


def test_csv_commas_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    text = (
        "Ho va ten,Chuc vu,So tien\n"
        '"Nguyễn Văn An","Chủ tịch, Bí thư",2000000\n'
        '"Trần Thị Bình","Ghi chú\nhai dòng",-5\n'
        "Lê Văn Cường,Công chức,\n"
    )
    path.write_text(text, encoding="utf-8")
    rows = _read(path)
    assert _values(rows) == [
        {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Chủ tịch, Bí thư", "so_tien": 2000000},
        {"ho_ten": "Trần Thị Bình", "chuc_vu": "Ghi chú\nhai dòng", "so_tien": -5},
        {"ho_ten": "Lê Văn Cường", "chuc_vu": "Công chức"},
    ]
    # Rows as Excel shows them: the cell with a line break is still one row.
    assert [row.source.line_of(()) for row in rows] == [2, 3, 4]


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_bytes("Ho va ten;Chuc vu\nRené;Café\n".encode("latin-1"))
    assert _problems(path) == [
        "ds.csv: tệp CSV phải lưu với bảng mã UTF-8 (Excel: File > Save As > CSV UTF-8)"
    ]
    path.write_bytes(_cp1258("Họ và tên;Chức vụ\nAn;Chủ tịch\n"))
    assert _problems(path) == [
        "ds.csv: tệp CSV phải lưu với bảng mã UTF-8 (Excel: File > Save As > CSV UTF-8)"
    ]


def test_xlsx_renamed_csv(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["Họ tên", "Chức vụ"]]})
    path = path.rename(tmp_path / "ds.csv")
    assert _problems(path) == [
        "ds.csv: tệp không phải CSV dạng văn bản (có thể là tệp Excel bị đổi đuôi); hãy dùng thẳng tệp .xlsx, hoặc Lưu thành CSV UTF-8 trong Excel (File > Save As)"
    ]


def test_csv_missing_column_and_empty(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text("Họ và tên;Đơn vị\nAn;UBND\n", encoding="utf-8")
    assert _problems(path) == [
        'ds.csv:1: dòng tiêu đề thiếu cột "Chức vụ"; các cột có ở dòng này: "Họ và tên", "Đơn vị"'
    ]
    path.write_text("\n;;\n", encoding="utf-8")
    assert _problems(path) == ["ds.csv: tệp trống, không có dữ liệu"]
    path.write_text("Họ và tên;Chức vụ\n;\n", encoding="utf-8")
    assert _problems(path) == ["ds.csv:1: bảng không có dòng dữ liệu nào dưới dòng tiêu đề"]


def test_csv_ignores_sheet(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    path.write_text("Họ và tên,Chức vụ\nAn,Chủ tịch\n", encoding="utf-8")
    assert _values(_read(path, sheet="Sheet1")) == [{"ho_ten": "An", "chuc_vu": "Chủ tịch"}]


# --- .yaml ------------------------------------------------------------------------------


def test_yaml_list(tmp_path: Path) -> None:
    path = tmp_path / "ds.yaml"
    path.write_text(
        "- ho_ten: Nguyễn Văn An\n"
        "  Chức vụ: Chủ tịch\n"
        "  so_tien: 1500000\n"
        "  ghi_chu: bỏ qua\n"
        "- Họ và tên: '  Trần Thị Bình '\n"
        "  chuc_vu: Phó Chủ tịch\n"
        "  ngay_sinh: 1980-01-02\n"
        "  so_tien:\n",
        encoding="utf-8",
    )
    rows = _read(path)
    assert _values(rows) == [
        {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Chủ tịch", "so_tien": 1500000},
        {"ho_ten": "Trần Thị Bình", "chuc_vu": "Phó Chủ tịch", "ngay_sinh": "1980-01-02"},
    ]
    second = rows[1].source
    assert second.file == "ds.yaml"
    assert second.columns == {}
    assert second.lines == {
        (): 5,
        ("ho_ten",): 5,
        ("chuc_vu",): 6,
        ("ngay_sinh",): 7,
        ("so_tien",): 8,
    }
    assert str(second.problem(("ngay_sinh",), "sai ngày")) == "ds.yaml:7: ngay_sinh: sai ngày"


def test_yaml_mapping_with_dong(tmp_path: Path) -> None:
    path = tmp_path / "ds.yml"
    path.write_text(
        "tieu_de: Danh sách\ndong:\n  - ho_ten: An\n    chuc_vu: Chủ tịch\n", encoding="utf-8"
    )
    (row,) = _read(path)
    assert row.values == {"ho_ten": "An", "chuc_vu": "Chủ tịch"}
    assert row.source.lines == {(): 3, ("ho_ten",): 3, ("chuc_vu",): 4}


def test_yaml_problems(tmp_path: Path) -> None:
    path = tmp_path / "ds.yaml"
    path.write_text("- ho_ten: An\n  Họ tên: An\n- Bình\n- ho_ten: Cường\n", encoding="utf-8")
    assert _problems(path) == [
        'ds.yaml:1: không dòng nào có cột chuc_vu ("Chức vụ")',
        'ds.yaml:2: [0].Họ tên: trùng với khóa "ho_ten" (cùng là cột ho_ten ("Họ và tên", "Họ tên", "Tên")); hãy giữ một khóa',
        "ds.yaml:3: [1]: mỗi dòng phải gồm các cặp khóa: giá trị",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "ten: An\n",
            "ds.yaml:1: tệp YAML phải là một danh sách các dòng (mỗi dòng gồm các cặp khóa: giá trị), hoặc có khóa 'dong' chứa danh sách đó",
        ),
        (
            "dong: An\n",
            "ds.yaml:1: dong: tệp YAML phải là một danh sách các dòng (mỗi dòng gồm các cặp khóa: giá trị), hoặc có khóa 'dong' chứa danh sách đó",
        ),
        ("dong: []\n", "ds.yaml:1: dong: không có dòng dữ liệu nào"),
        ("# trống\n", "ds.yaml:1: không có dòng dữ liệu nào"),
        ("- ho_ten: [An\n", "ds.yaml:1: lỗi cú pháp YAML"),
    ],
)
def test_yaml_shape(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "ds.yaml"
    path.write_text(text, encoding="utf-8")
    (found,) = _problems(path)
    assert found.startswith(problem)


# --- names and columns ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normalized"),
    [
        ("Họ và tên", "ho va ten"),
        ("  HỌ  VÀ\nTÊN (*): ", "ho va ten"),
        ("Đơn vị *", "don vi"),
        (unicodedata.normalize("NFD", "Ngày sinh:"), "ngay sinh"),
        ("ho_ten", "ho_ten"),
    ],
)
def test_normalize_name(written: str, normalized: str) -> None:
    assert normalize_name(written) == normalized


@pytest.mark.parametrize(
    "columns",
    [
        (),
        (Column("a", ("A",)), Column("a", ("B",))),
        (Column("a", ("Họ tên",)), Column("b", ("HO TEN",))),
        (Column("", ("A",)),),
    ],
)
def test_inconsistent_columns_are_a_programming_error(
    tmp_path: Path, columns: tuple[Column, ...]
) -> None:
    with pytest.raises(ValueError):
        read_table(tmp_path / "ds.csv", columns)


def test_all_optional_columns_need_one_of_them(tmp_path: Path) -> None:
    columns = (Column("a", ("Cột A",), required=False), Column("b", ("Cột B",), required=False))
    path = tmp_path / "ds.csv"
    path.write_text("Khác\n1\n", encoding="utf-8")
    assert _problems(path, columns) == [
        'ds.csv: không tìm thấy dòng tiêu đề của bảng trong 10 dòng đầu có chữ: cần ít nhất một trong các cột "Cột A", "Cột B"; dòng 1 có các ô: "Khác"'
    ]
    path.write_text("Cột B\n1\n", encoding="utf-8")
    assert _values(_read(path, columns)) == [{"b": 1}]
