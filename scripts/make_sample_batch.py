"""Write the sample units table of data/hang-loat/ (invented figures), reproducibly.

    python scripts/make_sample_batch.py

SỐ LIỆU GIẢ ĐỊNH: the chairmen's names and the four award figures of every unit are invented,
only to show how `docgen build` fills one report per unit; they describe no real person and
no real result.

data/hang-loat/don-vi-2024.xlsx: sheet "Đơn vị", a title row above the header row;
data/hang-loat/don-vi-2024.csv: the same title, header and rows, UTF-8 with a byte-order mark,
";" separated (as Excel's "CSV UTF-8" writes it).

The units are the commune-level units of Đắk Hà district (Kon Tum): the district has 11 of
them (thị trấn Đắk Hà and 10 xã, as in 2024). The 12th row, "Xã Mẫu Thử", is an INVENTED unit
added only so the sample has 12 rows; it does not exist. Delete its row to get the real list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from reproducible import save_csv, save_workbook

FOLDER = Path(__file__).resolve().parents[1] / "data" / "hang-loat"
TITLE = (
    "DANH SÁCH CÁC XÃ, THỊ TRẤN VÀ KẾT QUẢ THI ĐUA, KHEN THƯỞNG 6 THÁNG ĐẦU NĂM 2024"
    " (số liệu giả định)"
)
HEADER = ["TT", "Tên đơn vị", "Địa danh", "Chủ tịch", "Chiến sĩ thi đua cơ sở",
          "Lao động tiên tiến", "Tập thể lao động tiên tiến", "Giấy khen"]  # fmt: skip
# Name, place name (the date line's địa danh), chairman (INVENTED), then the INVENTED figures:
# Chiến sĩ thi đua cơ sở, Lao động tiên tiến, Tập thể lao động tiên tiến, Giấy khen.
UNITS: tuple[tuple[str, str, str, int, int, int, int], ...] = (
    ("Thị trấn Đắk Hà", "Đắk Hà", "Nguyễn Văn Hòa", 4, 32, 6, 12),
    ("Xã Đắk Mar", "Đắk Mar", "Trần Quốc Huy", 3, 27, 5, 9),
    ("Xã Đắk Hring", "Đắk Hring", "A Khánh", 2, 24, 4, 7),
    ("Xã Đắk La", "Đắk La", "Lê Thị Hồng", 3, 26, 5, 8),
    ("Xã Đắk Long", "Đắk Long", "Y Liên", 1, 19, 3, 5),
    ("Xã Đắk Pxi", "Đắk Pxi", "A Nhơn", 2, 21, 3, 6),
    ("Xã Đắk Ui", "Đắk Ui", "Phạm Minh Đức", 2, 23, 4, 7),
    ("Xã Hà Mòn", "Hà Mòn", "Đặng Văn Tuấn", 3, 25, 4, 10),
    ("Xã Ngọk Réo", "Ngọk Réo", "A Phương", 1, 18, 2, 4),
    ("Xã Ngọk Wang", "Ngọk Wang", "Y Nhung", 2, 20, 3, 6),
    ("Xã Đắk Ngọk", "Đắk Ngọk", "Võ Thanh Sơn", 2, 22, 3, 5),
    # INVENTED unit: Đắk Hà district has only the 11 units above. Sample data only.
    ("Xã Mẫu Thử", "Mẫu Thử", "Bùi Thị Mai", 1, 15, 2, 3),
)
WIDTHS = {"A": 5, "B": 20, "C": 14, "D": 18, "E": 14, "F": 14, "G": 16, "H": 11}
FIXED = dt.datetime(2024, 1, 1)


def rows() -> list[list[object]]:
    """Return the data rows, numbered from 1."""
    return [[number, *unit] for number, unit in enumerate(UNITS, 1)]


def write_xlsx(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Đơn vị"
    sheet.append([TITLE])
    sheet.append(HEADER)
    for row in rows():
        sheet.append(row)
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    save_workbook(workbook, path)


def write_csv(path: Path) -> None:
    save_csv([[TITLE], HEADER, *rows()], path)


def main() -> int:
    """Write both tables; return 0."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    write_xlsx(FOLDER / "don-vi-2024.xlsx")
    write_csv(FOLDER / "don-vi-2024.csv")
    print(FOLDER / "don-vi-2024.xlsx")
    print(FOLDER / "don-vi-2024.csv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
