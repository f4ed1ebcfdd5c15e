"""Page previews: PNG images of a PDF's pages, for people and for tests.

Pages are rasterized in-process by PDFium (the ``pypdfium2`` package, no other program
needed) and written as PNG by a small encoder here, so previews need no imaging library.
A .docx is converted to PDF first (:mod:`docgen.render.pdf`, which needs LibreOffice).
"""

from __future__ import annotations

import struct
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from docgen.errors import DocgenError, display_path
from docgen.render.atomic import write_atomic

DEFAULT_DPI = 100
MAX_DPI = 600


def png_bytes(width: int, height: int, stride: int, rgb: bytes) -> bytes:
    """Return a PNG image (8-bit RGB) of ``rgb``: ``height`` rows of ``stride`` bytes, each
    starting with ``width`` pixels of 3 bytes."""
    rows = b"".join(
        b"\x00" + rgb[row * stride : row * stride + width * 3] for row in range(height)
    )  # filter type 0 (none) before each row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def page_count(pdf: Path) -> int:
    """Return the number of pages of ``pdf``. Raises :class:`DocgenError` when unreadable."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as error:
        raise DocgenError(f"{display_path(pdf)}: không đọc được tệp PDF ({error})") from error
    try:
        return len(document)
    finally:
        document.close()


def render_pages(
    pdf: Path, pages: Sequence[int] | None, output_dir: Path, stem: str, dpi: int = DEFAULT_DPI
) -> list[Path]:
    """Write ``output_dir/<stem>-<page>.png`` for each 1-based page of ``pages`` (all pages
    when None) of ``pdf``, at ``dpi``; return the paths written, in page order.

    Raises :class:`DocgenError` when the PDF cannot be read or a page does not exist.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as error:
        raise DocgenError(f"{display_path(pdf)}: không đọc được tệp PDF ({error})") from error
    try:
        count = len(document)
        wanted = list(range(1, count + 1)) if pages is None else list(pages)
        outside = [page for page in wanted if not 1 <= page <= count]
        if outside:
            raise DocgenError(
                f"{display_path(pdf)}: không có trang {outside[0]} (tệp có {count} trang)"
            )
        written = []
        for number in wanted:
            page = document[number - 1]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB byte order
            image = png_bytes(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            target = output_dir / f"{stem}-{number}.png"
            write_atomic(target, image, durable=False)
            written.append(target)
            page.close()
        return written
    finally:
        document.close()


def preview(
    source: Path, pages: Sequence[int] | None, output_dir: Path, dpi: int = DEFAULT_DPI
) -> list[Path]:
    """Write PNG previews of ``source`` (a .pdf, or a .docx converted with LibreOffice) as
    ``output_dir/<stem>-<page>.png``; return the paths written.

    Raises :class:`DocgenError` (LibreOffice missing or failing, unreadable PDF, no such page).
    """
    if not source.is_file():
        raise DocgenError(f"{display_path(source)}: không tìm thấy tệp")
    suffix = source.suffix.lower()
    if suffix == ".pdf":
        return render_pages(source, pages, output_dir, source.stem, dpi)
    if suffix != ".docx":
        raise DocgenError(f"{display_path(source)}: chỉ xem trước được tệp .docx hoặc .pdf")
    from docgen.render.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as folder:
        pdf = convert_to_pdf(source, Path(folder))
        return render_pages(pdf, pages, output_dir, source.stem, dpi)
