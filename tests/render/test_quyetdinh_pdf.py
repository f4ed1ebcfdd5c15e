"""A decision with 300 awardees, laid out by LibreOffice: the list's header row is on every list
page, no row is split across pages, and the list numbers its own pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen import api
from docgen.render.pdf import convert_to_pdf, soffice_path
from tests.helpers import edit

pytestmark = pytest.mark.skipif(
    soffice_path() is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and poppler-utils (installed by .ci/run)",
)
AWARDEES = 300


def pages(pdf: Path) -> list[str]:
    """Return the text of each page."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("qd300")
    data = folder / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", data)
    lines = ["TT;Họ và tên;Chức vụ, đơn vị;Hình thức;Đối tượng"]
    for number in range(1, AWARDEES + 1):
        # A unit long enough to wrap, so rows have different heights and land on page ends.
        # It ends in a one-word mark, so a row split across pages shows as a mark elsewhere.
        filler = "Phòng Nội vụ huyện Đắk Hà " * (number % 3 + 1)
        unit = f"Chuyên viên mã {number:03d}, {filler}(K{number:03d})"
        lines.append(f"{number};Người nhận số {number:03d};{unit.strip()};Giấy khen;Cá nhân")
    (data / "ba-tram.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    decision = data / "quyetdinh-khenthuong-2023.yaml"
    edit(decision, "tep: khen-thuong-2023.xlsx", "tep: ba-tram.csv")
    docx_path = api.render_file(decision, folder / "out")
    return pages(convert_to_pdf(docx_path, folder / "pdf"))


def list_pages(found: list[str]) -> list[str]:
    start = next(i for i, page in enumerate(found) if "DANH SÁCH" in page)
    return found[start:]


def test_the_whole_list_is_laid_out(laid_out: list[str]) -> None:
    text = " ".join("\n".join(list_pages(laid_out)).split())
    numbers = sorted(int(n) for n in re.findall(r"Người nhận số (\d{3})", text))
    assert numbers == list(range(1, AWARDEES + 1))
    assert "Cộng: 300 cá nhân" in text and "162.000.000" in text
    assert "Một trăm sáu mươi hai triệu đồng" in text


def test_the_header_row_is_on_every_list_page(laid_out: list[str]) -> None:
    attached = list_pages(laid_out)
    assert len(attached) >= 8
    for page in attached:
        assert "Họ và tên, tên tập" in page and "Số tiền" in page, page[:300]


def test_no_row_is_split_across_pages(laid_out: list[str]) -> None:
    for number in range(1, AWARDEES + 1):
        name = f"Người nhận số {number:03d}"
        unit = f"Chuyên viên mã {number:03d}"
        holding = [i for i, page in enumerate(laid_out) if name in page]
        assert len(holding) == 1, name
        assert unit in laid_out[holding[0]], (name, "its unit is on another page")
        # The last wrapped line of the unit stays on the name's page too.
        assert f"(K{number:03d})" in laid_out[holding[0]], (name, "its row is split")


def test_the_list_numbers_its_own_pages(laid_out: list[str]) -> None:
    attached = list_pages(laid_out)
    first_lines = [page.strip().splitlines()[0].strip() for page in attached]
    assert not first_lines[0].isdigit()  # no number on the list's first page
    assert first_lines[1:4] == ["2", "3", "4"]
