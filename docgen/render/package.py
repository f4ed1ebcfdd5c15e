"""Reading and writing .docx packages (zip files) deterministically."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"


def read_parts(source: Path | bytes) -> dict[str, bytes]:
    """Return the parts of a zip package by name, in archive order.

    Raises ``zipfile.BadZipFile`` when ``source`` is not a zip file.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_parts(parts: Mapping[str, bytes]) -> bytes:
    """Return a zip package of ``parts`` that depends on nothing but their names and bytes.

    Timestamps and permissions are fixed, so equal input gives byte-identical output; the
    content-types part comes first, as some readers expect.
    """
    names = sorted(parts, key=lambda name: (name != CONTENT_TYPES, list(parts).index(name)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, parts[name])
    return buffer.getvalue()
