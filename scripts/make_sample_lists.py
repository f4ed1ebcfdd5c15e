"""Write the sample awardee lists of data/ (invented names), reproducibly.

    python scripts/make_sample_lists.py

data/khen-thuong-2023.xlsx: 10 collectives and 42 individuals for the chairman's decision;
data/khen-thuong-30-nam.csv: the committee's decision, with a Ghi chú column (landscape).
Every name is invented; the units are the district's public bodies.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from reproducible import save_csv, save_workbook

DATA = Path(__file__).resolve().parents[1] / "data"
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Y", "A")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc")
GIVEN = ("An", "Bình", "Cường", "Dung", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Long",
         "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân")  # fmt: skip
UNITS = ("Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Giáo dục và Đào tạo",
         "Phòng Văn hóa và Thông tin", "Phòng Tư pháp", "Văn phòng HĐND và UBND huyện",
         "UBND xã Đắk Mar", "UBND xã Đắk Hring", "UBND xã Hà Mòn", "UBND thị trấn Đắk Hà",
         "Trường THCS Lê Lợi", "Trường Tiểu học Nguyễn Bá Ngọc")  # fmt: skip
POSITIONS = ("Chuyên viên", "Phó Trưởng phòng", "Công chức Văn phòng - Thống kê", "Giáo viên",
             "Kế toán", "Công chức Tư pháp - Hộ tịch")  # fmt: skip
FIXED = dt.datetime(2024, 1, 1)


def person(index: int) -> tuple[str, str]:
    """Return an invented name and a position and unit, the same for the same index."""
    name = " ".join((SURNAMES[index % 11], MIDDLE[(index * 3) % 8], GIVEN[(index * 7) % 22]))
    unit = f"{POSITIONS[index % 6]}, {UNITS[(index * 5) % 12]}"
    return name, unit


def write_xlsx(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Khen thưởng"
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023 (tên người là giả định)"])
    sheet.append(["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Đối tượng",
                  "Số tiền"])  # fmt: skip
    row = 0
    for index, unit in enumerate(UNITS[:10]):
        row += 1
        sheet.append([row, unit if index < 6 else f"Tập thể {unit}", "", "Giấy khen",
                      "Tập thể", 1080000])  # fmt: skip
    for index in range(42):
        row += 1
        name, unit = person(index)
        sheet.append([row, name, unit, "Giấy khen", "Cá nhân", None])
    save_workbook(workbook, path)


def write_csv(path: Path) -> None:
    table: list[list[object]] = [
        ["TT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức", "Đối tượng", "Ghi chú"]
    ]
    rows = [
        ("Phòng Văn hóa và Thông tin", "", "Tập thể", "Tổ chức chuỗi hoạt động kỷ niệm"),
        ("Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện", "", "Tập thể",
         "Chương trình nghệ thuật"),
        ("Văn phòng HĐND và UBND huyện", "", "Tập thể", "Phục vụ Lễ kỷ niệm"),
    ]  # fmt: skip
    for number, (name, unit, subject, note) in enumerate(rows, 1):
        table.append([number, name, unit, "Giấy khen", subject, note])
    for index in range(12):
        name, unit = person(100 + index)
        table.append([len(rows) + index + 1, name, unit, "Giấy khen", "Cá nhân",
                      "Thành tích xuất sắc trong công tác chuẩn bị"])  # fmt: skip
    save_csv(table, path)


def main() -> int:
    """Write both sample lists; return 0."""
    write_xlsx(DATA / "khen-thuong-2023.xlsx")
    write_csv(DATA / "khen-thuong-30-nam.csv")
    print(DATA / "khen-thuong-2023.xlsx")
    print(DATA / "khen-thuong-30-nam.csv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
