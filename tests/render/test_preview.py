"""Page previews: PNG pages of a PDF (rendered in-process by PDFium) or of a .docx."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from docgen import cli
from docgen.errors import DocgenError
from docgen.render.preview import page_count, png_bytes, render_pages

A4 = (595.28, 841.89)


def read_png(data: bytes) -> tuple[int, int, bytes]:
    """Return (width, height, filtered rows) of an 8-bit RGB PNG, checking every chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks[kind] = body
        position += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, color) == (8, 2)
    return width, height, zlib.decompress(chunks[b"IDAT"])


def make_pdf(path: Path, pages: int) -> Path:
    """Write a PDF of ``pages`` blank A4 pages."""
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(*A4)
    document.save(str(path))
    document.close()
    return path


def test_png_encoder_round_trips() -> None:
    rgb = bytes([255, 0, 0, 0, 255, 0, 9, 9]) + bytes([0, 0, 255, 255, 255, 255, 9, 9])
    width, height, rows = read_png(png_bytes(2, 2, 8, rgb))
    assert (width, height) == (2, 2)
    assert rows == b"\x00" + rgb[:6] + b"\x00" + rgb[8:14]


def test_every_page_is_written_at_the_given_resolution(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "two.pdf", 2)
    assert page_count(pdf) == 2
    images = render_pages(pdf, None, tmp_path / "png", "two", dpi=72)
    assert images == [tmp_path / "png" / "two-1.png", tmp_path / "png" / "two-2.png"]
    width, height, rows = read_png(images[0].read_bytes())
    assert (width, height) == (595, 842) or (width, height) == (596, 842)
    assert set(rows[1 : 1 + width * 3]) == {255}  # a blank page is white


def test_a_page_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "one.pdf", 1)
    with pytest.raises(DocgenError, match="không có trang 3 \\(tệp có 1 trang\\)"):
        render_pages(pdf, [3], tmp_path, "one")
    assert not list(tmp_path.glob("*.png"))


def test_an_unreadable_pdf_is_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    with pytest.raises(DocgenError, match="không đọc được tệp PDF"):
        render_pages(broken, [1], tmp_path, "broken")


def test_preview_command_writes_the_asked_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make_pdf(tmp_path / "doc.pdf", 3)
    assert cli.run(["preview", str(pdf), "--page", "2", "-o", str(tmp_path / "png")]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "png" / "doc-2.png")]
    assert cli.run(["preview", str(pdf), "--all"]) == 0
    assert sorted(p.name for p in tmp_path.glob("doc-*.png")) == [f"doc-{n}.png" for n in (1, 2, 3)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--page", "1", "--all"], "chỉ dùng một trong hai"),
        (["--page", "0"], "giá trị không hợp lệ"),
    ],
)
def test_preview_command_rejects_bad_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    pdf = make_pdf(tmp_path / "doc.pdf", 1)
    assert cli.run(["preview", str(pdf), *arguments]) != 0
    assert message in capsys.readouterr().err


def test_preview_of_another_kind_of_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("x")
    assert cli.run(["preview", str(text)]) == 1
    assert "chỉ xem trước được tệp .docx hoặc .pdf" in capsys.readouterr().err
