"""Open a .docx for checking with bounded resources and messages a clerk understands.

A .docx is a zip archive. Before python-docx sees it, every member is read here, streaming,
with a budget:

- an XML part (``*.xml``, ``*.rels``, ``*.vml``) may inflate to at most
  :data:`XML_PART_LIMIT` bytes (100 MB), all XML parts together to :data:`XML_TOTAL_LIMIT`
  (200 MB); a part whose declared size is over the limit is refused without being inflated,
  and a part whose declaration lies is cut off as soon as the real size passes the limit;
- a large part may not inflate more than :data:`MAX_RATIO` times its compressed size (a
  zip bomb does, real documents do not);
- media and other binary parts (pictures, embedded objects, fonts) are never inflated when
  checking: the checker needs none of them, so python-docx receives them empty. When fixing
  (``keep_media=True``) they are kept, each within :data:`MEDIA_PART_LIMIT`.

Files that are not .docx at all (an old .doc renamed, a password-protected document, a zip of
something else) are recognised from their first bytes and reported in Vietnamese.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from docgen.errors import DocgenError, display_path

XML_PART_LIMIT = 100 * 1024 * 1024
"""Largest inflated size of one XML part, in bytes."""
XML_TOTAL_LIMIT = 200 * 1024 * 1024
"""Largest inflated size of all XML parts together, in bytes."""
MEDIA_PART_LIMIT = 100 * 1024 * 1024
"""Largest inflated size of one media part kept for ``--fix``, in bytes."""
MAX_RATIO = 1000
"""Largest compression ratio of a part over :data:`RATIO_FLOOR` bytes (a bomb's is ~1000+)."""
RATIO_FLOOR = 10 * 1024 * 1024
MAX_MEMBERS = 20_000
"""Most members a .docx may have (Word writes a few dozen)."""
CHUNK = 1024 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""First bytes of an OLE compound file: a Word 97–2003 .doc, or an encrypted .docx."""
MAIN_CONTENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


class UnreadableDocument(DocgenError):
    """The file is not a .docx that can be read; the message says why, in Vietnamese."""

    exit_code = 2


class DocumentTooLarge(UnreadableDocument):
    """A part of the .docx inflates beyond the reading budget (a zip bomb, or a huge file)."""


def _fail(path: Path, message: str) -> UnreadableDocument:
    return UnreadableDocument(f"{display_path(path)}: {message}")


def _sniff(path: Path) -> bytes:
    """Return the first bytes of ``path``; raise a worded error when it is no regular file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise _fail(path, "liên kết tượng trưng trỏ tới tệp không tồn tại") from None
        raise _fail(path, "không tìm thấy tệp") from None
    except (OSError, RuntimeError) as error:
        # ELOOP: a symbolic link that points (through others) back to itself.
        if isinstance(error, RuntimeError) or getattr(error, "errno", None) == 40:
            raise _fail(path, "liên kết tượng trưng tạo vòng lặp, không trỏ tới tệp nào") from None
        raise _fail(path, f"không đọc được: {error.strerror or 'lỗi hệ thống'}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail(path, "là thư mục, không phải tệp .docx")
    if not stat.S_ISREG(info.st_mode):
        raise _fail(path, "không phải tệp thường (thiết bị, FIFO...), không đọc")
    try:
        with path.open("rb") as stream:
            return stream.read(8)
    except OSError as error:
        raise _fail(path, f"không đọc được: {error.strerror or 'lỗi hệ thống'}") from None


def _ole_kind(path: Path) -> str:
    """Return the message for an OLE compound file: encrypted .docx or a Word 97–2003 .doc."""
    # An encrypted OOXML file is an OLE container with an "EncryptionInfo" stream; its
    # directory names are UTF-16. Scanning the first megabytes is enough: the directory
    # of such a small container sits near its start.
    marker = "EncryptionInfo".encode("utf-16-le")
    with path.open("rb") as stream:
        head = stream.read(8 * CHUNK)
    if marker in head:
        return "tệp có mật khẩu (đã mã hóa): hãy mở bằng Word, gỡ mật khẩu rồi kiểm tra lại"
    if path.suffix.lower() == ".doc":
        return "tệp Word 97–2003 (.doc): hãy mở bằng Word và lưu lại dạng .docx"
    return "tệp .doc đổi tên thành .docx: hãy mở bằng Word và lưu lại dạng .docx"


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> bytes:
    """Return the inflated bytes of ``info``, refusing more than ``limit`` bytes."""
    too_large = DocumentTooLarge(
        f"{display_path(path)}: tệp quá lớn hoặc là bom nén: phần {info.filename} "
        f"giải nén vượt {limit // (1024 * 1024)} MB, không đọc"
    )
    if info.file_size > limit:
        raise too_large
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise too_large
    chunks: list[bytes] = []
    total = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # the declared size lied
                raise too_large
            chunks.append(chunk)
    return b"".join(chunks)


def _zip_kind(names: set[str]) -> str:
    """Return what a zip that is no Word document holds, for the message."""
    if any(name.startswith("xl/") for name in names):
        return "tệp Excel (.xlsx) đổi tên, không phải văn bản Word"
    if any(name.startswith("ppt/") for name in names):
        return "tệp PowerPoint (.pptx) đổi tên, không phải văn bản Word"
    return "tệp nén zip nhưng không phải văn bản Word (.docx)"


def _filtered_package(path: Path, keep_media: bool) -> tuple[bytes, bytes, set[str]]:
    """Return a copy of the package fit for python-docx, its ``[Content_Types].xml`` and the
    names of its members."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise _fail(
            path, "không phải tệp .docx (tệp nén zip bị hỏng hoặc không phải zip)"
        ) from None
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if len(infos) > MAX_MEMBERS:
            raise DocumentTooLarge(
                f"{display_path(path)}: tệp quá lớn: quá nhiều phần ({len(infos)})"
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise _fail(path, "tệp có mật khẩu (zip mã hóa): hãy gỡ mật khẩu rồi kiểm tra lại")
        if "[Content_Types].xml" not in names:
            raise _fail(path, _zip_kind(names))
        output = io.BytesIO()
        try:
            _copy_members(archive, infos, output, path, keep_media)
            info = archive.getinfo("[Content_Types].xml")
            content_types = _read_member(archive, info, XML_PART_LIMIT, path)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError):
            # A damaged member (CRC, truncated) or a compression method Word never uses.
            raise _fail(path, "tệp nén .docx bị hỏng: hãy mở bằng Word và lưu lại") from None
    return output.getvalue(), content_types, names


def _copy_members(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    output: io.BytesIO,
    path: Path,
    keep_media: bool,
) -> None:
    """Copy the members of ``archive`` into ``output`` within the budget (media emptied
    unless ``keep_media``)."""
    xml_total = 0
    with zipfile.ZipFile(output, "w", zipfile.ZIP_STORED) as copy:
        for info in infos:
            if info.is_dir():
                continue
            if info.filename.lower().endswith(XML_SUFFIXES):
                data = _read_member(archive, info, XML_PART_LIMIT, path)
                xml_total += len(data)
                if xml_total > XML_TOTAL_LIMIT:
                    raise DocumentTooLarge(
                        f"{display_path(path)}: tệp quá lớn: các phần XML giải nén vượt "
                        f"{XML_TOTAL_LIMIT // (1024 * 1024)} MB, không đọc"
                    )
            elif keep_media:
                data = _read_member(archive, info, MEDIA_PART_LIMIT, path)
            else:
                data = b""  # never inflate what the checker does not read
            copy.writestr(info.filename, data)


def open_package(path: Path, keep_media: bool = False) -> Document:
    """Return the document at ``path`` opened within the reading budget.

    ``keep_media`` keeps pictures and embedded objects (needed to save a fixed copy).
    Raises :class:`UnreadableDocument` (or :class:`DocumentTooLarge`) with a Vietnamese
    message when the file cannot be read.
    """
    head = _sniff(path)
    if head.startswith(OLE_SIGNATURE):
        raise _fail(path, _ole_kind(path))
    if head.startswith(b"{\\rtf"):
        raise _fail(path, "tệp RTF đổi tên thành .docx: hãy mở bằng Word và lưu lại dạng .docx")
    if not head.startswith(b"PK"):
        raise _fail(path, "không phải tệp .docx (không phải tệp nén zip của Word)")
    data, content_types, names = _filtered_package(path, keep_media)
    if not any(kind.encode() in content_types for kind in MAIN_CONTENT_TYPES):
        raise _fail(path, _zip_kind(names))
    try:
        document = docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as error:
        line = f" (dòng {error.lineno})" if getattr(error, "lineno", None) else ""
        raise _fail(
            path, f"nội dung XML của tệp bị hỏng{line}: hãy mở bằng Word và lưu lại"
        ) from None
    except (PackageNotFoundError, KeyError, ValueError, TypeError, AttributeError):
        raise _fail(path, "cấu trúc tệp .docx bị hỏng: hãy mở bằng Word và lưu lại") from None
    root = document.element
    if root.tag != qn("w:document") or root.find(qn("w:body")) is None:
        raise _fail(path, "phần văn bản chính không đúng cấu trúc Word (thiếu w:document/w:body)")
    return document
