"""Write sample files byte for byte the same on every run (shared by the sample scripts)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docgen.render.package import read_parts, write_parts

FIXED = dt.datetime(2024, 1, 1)


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save ``workbook`` to ``path`` with fixed dates and zip timestamps.

    openpyxl stamps the save time in docProps/core.xml and in the zip entries; both are
    fixed here, so running a sample script again changes no byte.
    """
    workbook.properties.created = FIXED
    workbook.properties.creator = "docgen"
    buffer = io.BytesIO()
    workbook.save(buffer)
    parts = read_parts(buffer.getvalue())
    core = parts["docProps/core.xml"].decode("utf-8")
    core = re.sub(r"(<dcterms:modified[^>]*>)[^<]*", r"\g<1>2024-01-01T00:00:00Z", core)
    parts["docProps/core.xml"] = core.encode("utf-8")
    path.write_bytes(write_parts(parts))


def save_csv(rows: list[list[object]], path: Path) -> None:
    """Save ``rows`` as Excel's "CSV UTF-8" does: a byte-order mark, ";" between cells (the
    Vietnamese locale's list separator) and CRLF line ends, so docgen is shown reading it."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
