"""LibreOffice (what staff without Word use, and what CI has) lays the plan out on A4 pages,
with no page number on page 1 and "2" at the top of page 2."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.render.pdf import convert_many, convert_to_pdf, soffice_path

pytestmark = pytest.mark.skipif(
    soffice_path() is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and poppler-utils (installed by .ci/run)",
)


@pytest.fixture(scope="module")
def pdf(rendered_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert_to_pdf(rendered_path, tmp_path_factory.mktemp("pdf"))


def page_text(pdf: Path, page: int) -> list[str]:
    """Return the non-empty lines of one page, top to bottom."""
    command = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [line.strip() for line in output.splitlines() if line.strip()]


def test_pages_are_a4(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 2
    for page in range(1, pages + 1):
        command = ["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)]
        detail = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        size = next(line for line in detail.splitlines() if "size:" in line)
        assert "595.3" in size and "841.89" in size, size


def test_first_page_has_no_number(pdf: Path) -> None:
    lines = page_text(pdf, 1)
    assert lines[0].startswith("ỦY BAN NHÂN DÂN")
    assert not any(line.isdigit() for line in lines)


def test_second_page_shows_2_at_the_top(pdf: Path) -> None:
    assert page_text(pdf, 2)[0] == "2"


def test_vietnamese_text_survives_conversion(pdf: Path) -> None:
    text = "\n".join(page_text(pdf, 1))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "KẾ HOẠCH" in text


def test_convert_many_converts_every_file(rendered_path: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.docx"
    shutil.copyfile(rendered_path, second)
    pdfs = convert_many([rendered_path, second], tmp_path / "pdf")
    assert pdfs == [tmp_path / "pdf" / f"{rendered_path.stem}.pdf", tmp_path / "pdf" / "second.pdf"]
    assert all(pdf.read_bytes().startswith(b"%PDF") for pdf in pdfs)


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a POSIX script")
def test_convert_many_names_the_files_left_without_a_pdf(
    tmp_path: Path, fake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [tmp_path / "bad-a.docx", tmp_path / "bad-b.docx"]
    for source in sources:
        source.write_bytes(b"")
    output = tmp_path / "pdf"
    output.mkdir()
    (output / "bad-b.pdf").write_bytes(b"%PDF stale, from an earlier run")
    monkeypatch.setattr("docgen.render.pdf.soffice_path", lambda: str(fake))
    # The stand-in, like LibreOffice, exits 0 even when it converts nothing.
    with pytest.raises(DocgenError, match="LibreOffice không tạo ra tệp PDF") as error:
        convert_many(sources, output)
    assert str(sources[0]) in str(error.value) and str(sources[1]) in str(error.value)
