"""Quyết định: the authority and the signature agree or the decision is refused; every bad
row of the awardee list is reported with its sheet, row and column, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from docgen import api
from docgen.cli import main
from tests.helpers import edit
from tests.helpers import load_problems as problems

CHAIRMAN = "quyetdinh-khenthuong-2023.yaml"
COMMITTEE = "quyetdinh-ubnd-30-nam.yaml"
HEADER = "TT;Họ và tên;Chức vụ, đơn vị;Hình thức;Đối tượng;Số tiền\n"


def signature(path: Path) -> list[str]:
    return [line.upper() for line in api.load_document(path).kind.context(
        api.load_document(path).resolved)["chu_ky"]["dong"]]  # fmt: skip


def test_samples_load_without_problems(data: Path) -> None:
    assert problems(data / CHAIRMAN) == []
    assert problems(data / COMMITTEE) == []


def test_a_chairmans_decision_signed_for_the_committee_is_refused(data: Path) -> None:
    decision = data / CHAIRMAN
    edit(
        decision, "nguoi_ky: chu-tich", "nguoi_ky: {ma: chu-tich, tham_quyen: TM. ỦY BAN NHÂN DÂN}"
    )
    (found,) = problems(decision)
    assert found.startswith(f"data/{CHAIRMAN}:")
    assert (
        ": nguoi_ky: quyết định thuộc thẩm quyền Chủ tịch (cá nhân) không ký “TM. ỦY BAN NHÂN DÂN”"
        in found
    )
    assert "Điều 13 Nghị định 30/2020/NĐ-CP" in found


def test_a_committees_decision_needs_tm(data: Path) -> None:
    decision = data / COMMITTEE
    edit(
        decision, "nguoi_ky: pho-chu-tich", "nguoi_ky: {ma: pho-chu-tich, tham_quyen: KT. CHỦ TỊCH}"
    )
    (found,) = problems(decision)
    assert "quyết định thuộc thẩm quyền tập thể phải ký “TM. ỦY BAN NHÂN DÂN”" in found


def test_tl_and_tuq_are_for_the_heads_power_only(data: Path) -> None:
    decision = data / COMMITTEE
    edit(
        decision,
        "nguoi_ky: pho-chu-tich",
        "nguoi_ky: {ma: pho-chu-tich, tham_quyen: [TM. ỦY BAN NHÂN DÂN, TL. CHỦ TỊCH], "
        "chuc_vu: CHÁNH VĂN PHÒNG}",
    )
    (found,) = problems(decision)
    assert "“TL. CHỦ TỊCH” không dùng được khi ký thay mặt tập thể" in found


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        ("chu-tich", ["CHỦ TỊCH"]),
        ("pho-chu-tich", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        (
            "{ma: pho-chu-tich, tham_quyen: Q. CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH}",
            ["Q. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (
            "{ma: pho-chu-tich, tham_quyen: TL. CHỦ TỊCH, chuc_vu: CHÁNH VĂN PHÒNG}",
            ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ),
        (
            "{ma: pho-chu-tich, tham_quyen: TUQ. CHỦ TỊCH, chuc_vu: CHÁNH VĂN PHÒNG}",
            ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ),
    ],
)
def test_signatures_in_the_heads_power(data: Path, signer: str, lines: list[str]) -> None:
    decision = data / CHAIRMAN
    edit(decision, "nguoi_ky: chu-tich", f"nguoi_ky: {signer}")
    assert signature(decision) == lines


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        ("chu-tich", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("pho-chu-tich", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ],
)
def test_signatures_in_the_committees_power(data: Path, signer: str, lines: list[str]) -> None:
    decision = data / COMMITTEE
    edit(decision, "nguoi_ky: pho-chu-tich", f"nguoi_ky: {signer}")
    assert signature(decision) == lines


def use_list(data: Path, text: str, name: str = "ds.csv") -> Path:
    (data / name).write_text(text, encoding="utf-8")
    decision = data / COMMITTEE
    edit(decision, "tep: khen-thuong-30-nam.csv", f"tep: {name}")
    return decision


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_is_written(
    data: Path,
) -> None:
    decision = use_list(
        data,
        HEADER
        + "1;;Chuyên viên;Giấy khen;Cá nhân;\n"  # row 2: no name
        + "2;Lê Văn A;Chuyên viên;Bằng khen Thủ tướng;Cá nhân;\n"  # row 3: unknown form
        + "3;Lê Văn B;Chuyên viên;Giấy khen;Cá nhân;-540000\n"  # row 4: negative
        + "4;Lê Văn C;Chuyên viên;Giấy khen;Cá nhân;năm trăm\n"  # row 5: not a number
        + "5;Lê Văn D;Chuyên viên;Giấy khen;Cá nhân;\n"
        + "6;Lê Văn D;Chuyên viên;Giấy khen;Cá nhân;\n"  # row 7: twice in one form
        + "7;Lê Văn E;Chuyên viên;Giấy khen;Cá nhân;600000\n",  # row 8: not the rate
    )
    result = CliRunner().invoke(main, ["render", str(decision), "-o", "out"])
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "Lỗi: dữ liệu có 6 lỗi, chưa ghi tệp nào:"
    body = "\n".join(lines)
    assert "data/ds.csv:2:B: ten: thiếu họ tên (hoặc tên tập thể)" in body
    assert (
        "data/ds.csv:3:D: hinh_thuc: không có hình thức khen thưởng “Bằng khen Thủ tướng”" in body
    )
    assert "data/ds.csv:4:F: so_tien: số tiền không được âm, nhận được -540000" in body
    assert (
        "data/ds.csv:5:F: so_tien: số tiền phải là số nguyên (đồng), nhận được 'năm trăm'" in body
    )
    assert "data/ds.csv:7:B: ten: “Lê Văn D” đã có ở dòng 6 với cùng hình thức khen thưởng" in body
    assert "data/ds.csv:8:F: so_tien: số tiền 600.000 khác mức thưởng 540.000 đồng" in body
    assert not Path("out").exists()


def test_an_xlsx_row_is_located_by_sheet_row_and_column(data: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cá nhân"
    sheet.append(["Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Số tiền"])
    sheet.append(["Lê Văn A", "Chuyên viên", "Giấy khen", 540000])
    sheet.append(["Lê Văn B", "Chuyên viên", "Giấy khen", "abc"])
    book.save(data / "ds.xlsx")
    decision = data / COMMITTEE
    edit(decision, "tep: khen-thuong-30-nam.csv", "tep: ds.xlsx")
    found = problems(decision)
    assert (
        "data/ds.xlsx:Cá nhân:3:D: so_tien: số tiền phải là số nguyên (đồng), nhận được 'abc'"
        in found
    )


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("rong.csv", HEADER, "không có dòng dữ liệu"),
        ("khong-phai.xlsx", "đây không phải bảng tính", "không phải"),
    ],
)
def test_an_empty_sheet_or_a_file_that_is_not_a_spreadsheet(
    data: Path, name: str, content: str, words: str
) -> None:
    decision = use_list(data, content, name)
    found = problems(decision)
    assert any(p.startswith(f"data/{name}") and words in p for p in found), found


def test_an_unknown_figure_in_an_article(data: Path) -> None:
    decision = data / CHAIRMAN
    edit(decision, "{so_tap_the} tập thể", "{so_tap_thể} tập thể {tong_so}")
    found = problems(decision)
    assert len(found) == 1 and "không có số liệu {tong_so} (có: {so_ca_nhan}" in found[0]


def test_the_rate_table_is_required(data: Path) -> None:
    (data / "muc-thuong.yaml").unlink()
    found = problems(data / CHAIRMAN)
    assert any("không tìm thấy tệp mức thưởng muc-thuong.yaml" in p for p in found), found


def test_a_bad_rate_table_is_reported_in_its_own_file(data: Path) -> None:
    edit(data / "muc-thuong.yaml", "luong_co_so: 1800000", "luong_co_so: -5")
    found = problems(data / CHAIRMAN)
    assert any(p.startswith("data/muc-thuong.yaml:4: luong_co_so: ") for p in found), found


def test_figures_are_filled_below_an_article_too(data: Path) -> None:
    decision = data / COMMITTEE
    edit(decision, "chuyển kinh phí từ Quỹ", "chuyển {tong_tien} đồng từ Quỹ")
    document = api.load_document(decision)
    texts = ["".join(s.text for s in item.runs) for item in document.kind.context(
        document.resolved)["noi_dung"]]  # fmt: skip
    assert any("chuyển 9.720.000 đồng từ Quỹ" in text for text in texts)
    edit(decision, "chuyển {tong_tien} đồng", "chuyển {tien} đồng")
    (found,) = problems(decision)
    assert "không có số liệu {tien}" in found


def test_overriding_only_the_position_keeps_the_computed_authority_lines(data: Path) -> None:
    decision = data / CHAIRMAN
    edit(decision, "nguoi_ky: chu-tich", "nguoi_ky: {ma: pho-chu-tich, chuc_vu: Phó Chủ tịch}")
    assert signature(decision) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_nhu_dieu_written_by_hand_is_not_repeated(data: Path) -> None:
    decision = data / CHAIRMAN
    edit(
        decision,
        "  - {ma: so-noi-vu, ghi_chu: b/c}",
        "  - Như Điều 2\n  - {ma: so-noi-vu, ghi_chu: b/c}",
    )
    document = api.load_document(decision)
    lines = document.kind.context(document.resolved)["noi_nhan"]
    assert lines[:2] == ["- Như Điều 3;", "- Sở Nội vụ (b/c);"]
