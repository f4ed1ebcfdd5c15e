"""Báo cáo: the period, the plan's tasks carried by number, figures, Kính gửi — and every
way a report can be wrong, each reported at its field and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen import api
from docgen.errors import InputError
from docgen.kinds.bao_cao import Period, due_refs
from docgen.kinds.plan_tasks import find_task_table, plan_table
from tests.helpers import edit
from tests.helpers import load_problems as problems

REPO = Path(__file__).resolve().parents[2]
SO_KET = "baocao-soket-6thang-2024.yaml"


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_samples_load_without_problems() -> None:
    for name in (SO_KET, "baocao-tongket-2024.yaml"):
        assert problems(REPO / "data" / name) == []


@pytest.mark.parametrize(
    ("period", "name", "quarters"),
    [
        ({"loai": "6_thang_dau_nam", "nam": 2024}, "6 tháng đầu năm 2024", {1, 2}),
        ({"loai": "6_thang_cuoi_nam", "nam": 2024}, "6 tháng cuối năm 2024", {3, 4}),
        ({"loai": "9_thang", "nam": 2024}, "9 tháng năm 2024", {1, 2, 3}),
        ({"loai": "quy", "nam": 2024, "quy": 3}, "quý III năm 2024", {3}),
        ({"loai": "nam", "nam": 2024}, "năm 2024", {1, 2, 3, 4}),
        ({"loai": "nam_hoc", "nam": 2024}, "năm học 2023 - 2024", {1, 2, 3, 4}),
    ],
)
def test_period_names_and_quarters(
    period: dict[str, object], name: str, quarters: set[int]
) -> None:
    parsed = Period.model_validate(period)
    assert parsed.name == name
    assert parsed.quarters == quarters


def test_plan_tasks_are_numbered_as_the_plan_prints_them() -> None:
    plan = api.load_document(REPO / "data" / "kehoach-tdkt-2024.yaml")
    table = plan_table(find_task_table(plan.resolved.document.noi_dung))  # type: ignore[arg-type]
    assert [group.title for group in table.groups] == ["QUÝ I", "QUÝ II", "QUÝ III", "QUÝ IV"]
    assert [group.quarter for group in table.groups] == [1, 2, 3, 4]
    assert [t.ref for t in table.tasks][:5] == ["I.1", "I.2", "I.3", "I.4", "II.1"]
    assert table.describe_refs() == "I.1–I.4, II.1–II.3, III.1, IV.1–IV.3"
    half = Period.model_validate({"loai": "6_thang_dau_nam", "nam": 2024})
    assert due_refs(table, half, None) == ["I.1", "I.2", "I.3", "I.4", "II.1", "II.2", "II.3"]
    assert due_refs(table, "đợt 1", None) == [t.ref for t in table.tasks]
    assert due_refs(table, half, ["QUÝ III"]) == ["III.1"]


def test_a_forgotten_task_is_an_error_naming_it(data: Path) -> None:
    report = data / SO_KET
    edit(report, "                II.1: Hoàn thành trong tháng 6/2024.\n", "")
    line = line_of(report, "ket_qua:")
    assert problems(report) == [
        f"data/{SO_KET}:{line}: noi_dung[0].noi_dung[1].noi_dung[0].nhiem_vu.ket_qua: "
        "thiếu kết quả nhiệm vụ II.1 của kế hoạch (Chỉ đạo Cụm thi đua Khối Trường học, "
        "Cụm thi đua xã, thị...)"
    ]


def test_results_for_no_task_or_outside_the_period_are_errors(data: Path) -> None:
    report = data / SO_KET
    edit(
        report,
        "                II.3:",
        "                II.9: Không có.\n                III.1: Sớm.\n                II.3:",
    )
    found = problems(report)
    assert len(found) == 2, found
    unknown = (
        f":{line_of(report, 'II.9:')}: noi_dung[0].noi_dung[1].noi_dung[0].nhiem_vu.ket_qua.II.9: "
    )
    assert any(unknown in p and "kế hoạch không có nhiệm vụ II.9 (có: I.1–I.4" in p for p in found)
    early = f":{line_of(report, 'III.1:')}: "
    assert any(
        early in p and "nhiệm vụ III.1 không thuộc kỳ báo cáo (6 tháng đầu năm 2024)" in p
        for p in found
    )


def test_a_badly_written_task_number_says_how_to_write_it(data: Path) -> None:
    report = data / SO_KET
    edit(report, "                II.3:", "                Quý II-3:")
    found = problems(report)
    assert any("ví dụ: 3 hoặc II.3" in p for p in found), found


def test_plan_reference_problems(data: Path) -> None:
    report = data / SO_KET
    edit(report, "ke_hoach: kehoach-tdkt-2024.yaml", "ke_hoach: khong-co.yaml")
    line = line_of(report, "ke_hoach:")
    assert problems(report) == [
        f"data/{SO_KET}:{line}: ke_hoach: không tìm thấy tệp 'khong-co.yaml' (tính từ thư mục data)"
    ]
    edit(report, "ke_hoach: khong-co.yaml", "ke_hoach: baocao-tongket-2024.yaml")
    assert problems(report) == [
        f"data/{SO_KET}:{line}: ke_hoach: tệp 'baocao-tongket-2024.yaml' là báo cáo, cần kế hoạch"
    ]


def test_errors_in_the_plan_are_reported_in_the_plan(data: Path) -> None:
    edit(data / "kehoach-tdkt-2024.yaml", "nam: 2024", "nam: hai nghìn")
    found = problems(data / SO_KET)
    assert any(p.startswith("data/kehoach-tdkt-2024.yaml:7: nam: ") for p in found), found
    assert any("ke_hoach: tệp 'kehoach-tdkt-2024.yaml' có lỗi" in p for p in found), found


def test_a_task_block_needs_the_plan(data: Path) -> None:
    report = data / SO_KET
    edit(report, "ke_hoach: kehoach-tdkt-2024.yaml", "")
    found = problems(report)
    assert len(found) == 1 and "khối nhiem_vu cần trường 'ke_hoach'" in found[0]


def test_figures_must_be_whole_numbers_for_every_column(data: Path) -> None:
    report = data / SO_KET
    edit(report, "tap_the: 6, ca_nhan: 14}", "tap_the: 1.234, ca_nhan: 14, ca_the: 2}")
    edit(report, "tap_the: 9, ca_nhan: 23}", "tap_the: 9}")
    found = problems(report)
    assert len(found) == 3, found
    assert any(
        "số liệu phải là số nguyên, nhận được 1.234 (viết 1234, không viết 1.234)" in p
        for p in found
    )
    assert any("cột 'ca_the' không có trong 'cot' (có: tap_the, ca_nhan)" in p for p in found)
    assert any("so_lieu.dong[1]: thiếu số liệu cột 'ca_nhan'" in p for p in found)


def test_kinh_gui_is_refused_by_a_plan(data: Path) -> None:
    plan = data / "kehoach-tdkt-2024.yaml"
    edit(plan, "nam: 2024\n", "nam: 2024\nkinh_gui: [Sở Nội vụ]\n")
    assert problems(plan) == [
        "data/kehoach-tdkt-2024.yaml:8: kinh_gui: kế hoạch không có phần “Kính gửi”"
    ]


def test_a_quarter_period_needs_its_quarter(data: Path) -> None:
    report = data / SO_KET
    edit(report, "ky: {loai: 6_thang_dau_nam, nam: 2024}", "ky: {loai: quy, nam: 2024}")
    found = problems(report)
    assert any("kỳ 'quy' cần trường 'quy' (1 đến 4)" in p for p in found), found


def test_nothing_below_plus_items(data: Path) -> None:
    report = data / SO_KET
    edit(
        report,
        "                  - Phong trào thi đua “Đắk Hà",
        "                  - [lồng]\n                  - Phong trào thi đua “Đắk Hà",
    )
    found = problems(report)
    assert len(found) == 1 and "ý '+' không có cấp con: chỉ có hai cấp, '-' rồi '+'" in found[0], (
        found
    )


def test_phan_only_at_the_top(data: Path) -> None:
    report = data / "baocao-tongket-2024.yaml"
    edit(
        report,
        "      - muc: Phương hướng\n",
        "      - phan: Lồng\n        noi_dung: [Một đoạn.]\n      - muc: Phương hướng\n",
    )
    found = problems(report)
    assert len(found) == 1 and "phần chỉ đặt ở cấp ngoài cùng của noi_dung" in found[0], found


def test_unknown_kind_lists_the_kinds(data: Path) -> None:
    report = data / SO_KET
    edit(report, "loai: bao_cao", "loai: bao_cao_nam")
    assert problems(report) == [
        f"data/{SO_KET}:4: loai: loại văn bản không hỗ trợ: 'bao_cao_nam' (có: ke_hoach, bao_cao, quyet_dinh, cong_van, huong_dan, to_trinh, giay_moi, "
        "thong_bao)"
    ]


def test_a_report_loads_from_data_without_files(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The library API: profiles and the document as in-memory data (a web form's JSON)."""
    monkeypatch.chdir(data)
    loaded = yaml.safe_load((data / SO_KET).read_text(encoding="utf-8"))
    project = api.Project.from_data(
        yaml.safe_load((data / "co-quan.yaml").read_text(encoding="utf-8")),
        yaml.safe_load((data / "noi-nhan.yaml").read_text(encoding="utf-8")),
    )
    document = api.load_data(loaded, "bieu-mau-web", project)
    assert document.kind.loai == "bao_cao"
    assert document.path is None
    bad = dict(loaded, so=0)
    with pytest.raises(InputError) as raised:
        api.load_data(bad, "bieu-mau-web", project)
    assert [str(p) for p in raised.value.problems] == [
        "bieu-mau-web:1: so: phải là số dương, nhận được 0"
    ]


def test_values_from_a_spreadsheet_are_located_by_sheet_row_and_column(data: Path) -> None:
    """A batch reads rows of a sheet; its problems read ``file:sheet:row:column: field``."""
    from docgen.loading import SourceMap

    loaded = yaml.safe_load((data / SO_KET).read_text(encoding="utf-8"))
    source = SourceMap(
        "don-vi.xlsx:Sheet1",
        lines={(): 7, ("so",): 7, ("trich_yeu",): 7},
        columns={("so",): "C", ("trich_yeu",): "D"},
    )
    project = api.Workspace().project_for(data / SO_KET)
    with pytest.raises(InputError) as raised:
        project.load(dict(loaded, so="mười hai"), source, data / SO_KET)
    assert [str(p) for p in raised.value.problems] == [
        "don-vi.xlsx:Sheet1:7:C: so: phải là số nguyên, nhận được 'mười hai'"
    ]


def test_a_result_column_leaving_the_plan_no_room_is_an_error(data: Path) -> None:
    # Issue 10, item 7: the plan's columns shrank to what was left, here less than nothing.
    report = data / "baocao-soket-6thang-2024.yaml"
    text = report.read_text(encoding="utf-8")
    text = text.replace(
        "          - nhiem_vu:\n", "          - nhiem_vu:\n              rong: 15\n", 1
    )
    report.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "rong: 15" in row)
    found = problems(report)
    assert [p for p in found if ".nhiem_vu.rong:" in p] == [
        f"{Path('data/baocao-soket-6thang-2024.yaml')}:{line}: noi_dung[0].noi_dung[1].noi_dung[0]"
        ".nhiem_vu.rong: cột kết quả rộng 15 cm, các cột của kế hoạch còn lại không đủ chỗ"
        " (cần ít nhất 2,2 cm trong bề rộng trang 16,5 cm); hãy giảm 'rong'"
    ]
