"""One reader for the lists staff keep as tables: ``.xlsx``, ``.csv`` or ``.yaml``.

:func:`read_table` finds the table's header row by the column names staff write (with or
without diacritics, any case), reads the rows below it and returns one :class:`TableRow` per
data row, with a :class:`~docgen.loading.SourceMap` locating each value as staff see it:
``ds.xlsx:Khen thưởng:12:C`` (file:sheet:row:column). Every problem found is raised at once
as an :class:`~docgen.errors.InputError`; validating the values themselves (a date, an amount)
is the caller's job, through ``row.source.problem(...)``.

Behaviour shared by the spreadsheet formats:

- The header row is the first row, among the first :data:`HEADER_SEARCH_ROWS` non-empty
  rows, that holds every required column (so a title such as "DANH SÁCH ĐỀ NGHỊ KHEN
  THƯỞNG" may stand above the table). Columns not asked for are ignored.
- A row right under the header that only numbers the columns ("1, 2, 3" or "(1), (2), (3)",
  as official forms print them) is skipped.
- Rows whose asked-for cells are all empty are skipped (pre-numbered blank rows too).
- Reading stops at the first row whose first non-empty cell is a total line: "Tổng cộng",
  "Tổng số", "Tổng" or "Cộng" (also "Tong cong" and "Tong so" without diacritics). Only those
  words count: "Tổng công ty ..." or "Cộng đồng ..." are names of units, not totals. Rows
  below the table without such a line (signatures, notes) are read as data, and the caller's
  validation reports them.
- Empty cells are *absent* from :attr:`TableRow.values` (never ``None``), as an omitted key
  is in a YAML file, so model defaults apply and a missing required value is reported where
  it should be: ``row.source`` still knows the column of every key.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat, zip_longest
from pathlib import Path
from typing import Any

from docgen.errors import InputError, Problem
from docgen.formatting import nfc
from docgen.limits import MAX_COLUMNS, MAX_FIELD_CHARS
from docgen.limits import number as _count
from docgen.loading import FieldPath, SourceMap, load_yaml, read_limited

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are refused: a list of awardees or units is far smaller."""
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
"""Largest total unpacked size of an .xlsx package (guards against zip bombs)."""
MAX_ROWS = 100_000
"""Highest sheet row (or CSV record) read; a sheet reaching beyond it is refused."""
HEADER_SEARCH_ROWS = 10
"""How many non-empty rows from the top may precede and include the header row."""
SUPPORTED_SUFFIXES = (".xlsx", ".csv", ".yaml", ".yml")

_MB = 1024 * 1024
# Shown in problems: enough of a long cell for staff to recognise it.
_SHOWN_CELL_CHARS = 40
_SHOWN_HEADERS = 20

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"

_XLS_MESSAGE = (
    "không đọc được tệp Excel cũ (.xls); hãy Lưu thành .xlsx trong Excel (File > Save As)"
)
_OLE_MESSAGE = (
    "tệp là bảng tính Excel cũ (.xls) bị đổi đuôi, hoặc tệp có đặt mật khẩu; hãy bỏ mật khẩu"
    " (nếu có) rồi Lưu thành .xlsx trong Excel (File > Save As)"
)
_NOT_XLSX_MESSAGE = (
    "tệp không phải bảng tính Excel .xlsx (có thể tệp đã bị đổi đuôi); hãy mở tệp bằng Excel"
    " và Lưu thành .xlsx (File > Save As)"
)
_WORD_MESSAGE = "tệp là văn bản Word, không phải bảng tính Excel; hãy chọn đúng tệp danh sách"
_OPENDOCUMENT_MESSAGE = (
    "tệp là tài liệu OpenDocument (LibreOffice), không phải .xlsx; hãy Lưu thành .xlsx"
    " (File > Save As)"
)
_CORRUPT_MESSAGE = (
    "tệp .xlsx bị hỏng, không đọc được (có thể tải về hoặc sao chép chưa xong); hãy mở tệp"
    " bằng Excel, lưu lại rồi thử lại"
)
_CSV_ENCODING_MESSAGE = "tệp CSV phải lưu với bảng mã UTF-8 (Excel: File > Save As > CSV UTF-8)"
_CSV_BINARY_MESSAGE = (
    "tệp không phải CSV dạng văn bản (có thể là tệp Excel bị đổi đuôi); hãy dùng thẳng tệp"
    " .xlsx, hoặc Lưu thành CSV UTF-8 trong Excel (File > Save As)"
)
_UNCACHED_FORMULA_MESSAGE = "ô công thức chưa có giá trị: hãy mở và lưu lại trong Excel"
_EMPTY_FILE_MESSAGE = "tệp trống, không có dữ liệu"
_EMPTY_SHEET_MESSAGE = "trang tính trống, không có dữ liệu"
_NO_DATA_MESSAGE = "bảng không có dòng dữ liệu nào dưới dòng tiêu đề"
_YAML_SHAPE_MESSAGE = (
    "tệp YAML phải là một danh sách các dòng (mỗi dòng gồm các cặp khóa: giá trị), hoặc có"
    " khóa 'dong' chứa danh sách đó"
)
_YAML_ROW_MESSAGE = "mỗi dòng phải gồm các cặp khóa: giá trị"

# A total line ends the table. Matched on the casefolded NFC text of the row's first
# non-empty cell; whole phrases only, because unit names start with "Tổng" or "Cộng" too.
_TOTAL_LINE = re.compile(r"(?:tổng cộng|tong cong|tổng số|tong so)\b.*|tổng|cộng", re.DOTALL)
# The row of column numbers under an official form's header: 1, 2, 3 or (1), (2), (3).
_COLUMN_NUMBER = re.compile(r"\(?([0-9]{1,2})\)?")
# CSV integers converted to int: plain (no leading zero, so phone and ID numbers such as
# "0912345678" stay text) or grouped the Vietnamese way ("1.500.000"). At most 15 digits,
# the precision Excel keeps.
_CSV_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
_CSV_GROUPED_INT = re.compile(r"-?[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,4}")
# An <f> (formula) element of sheet XML, with or without a namespace prefix.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
# Header decorations staff add to a name: "Họ và tên:", "Họ và tên *", "Họ và tên (*)".
_HEADER_TRAILER = re.compile(r"(?:\s*(?:\(\*\)|[:*]))+$")


@dataclass(frozen=True)
class Column:
    """A field of the table and the header names staff may write for it.

    ``names`` are compared in their :func:`normalize_name` form, as is ``key`` itself (so
    a header ``ho_ten`` also works). The first name is the one shown in problems.
    ``required``: the header row must contain the column (its cells may still be empty:
    whether a value is needed is the caller's validation to say).
    """

    key: str
    names: tuple[str, ...]
    required: bool = True


@dataclass(frozen=True)
class TableRow:
    """One data row of a table.

    ``values`` maps column keys to the non-empty cell values of the row (empty cells are
    absent). ``source.file`` is ``"<file>:<sheet>"`` for .xlsx, ``"<file>"`` otherwise;
    ``source.lines`` maps ``()`` and ``(key,)`` of every column found to the row as staff
    see it (the Excel row number; for CSV the record number, which is the row Excel shows
    and the text line unless a cell holds a line break; for YAML the line of the item and
    of each key); ``source.columns`` maps ``(key,)`` to the column letter (.xlsx and .csv).
    """

    values: dict[str, Any]
    source: SourceMap


def normalize_name(text: str) -> str:
    """Return the form in which header names are compared.

    NFC, casefolded, diacritics removed ("đ" becomes "d"), whitespace collapsed to single
    spaces, and trailing ":", "*" or "(*)" removed: "  HỌ VÀ  TÊN (*):" gives "ho va ten".
    """
    text = nfc(text).casefold().replace("đ", "d")
    text = "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )
    text = " ".join(text.split())
    return _HEADER_TRAILER.sub("", text)


def read_table(
    path: Path,
    columns: Sequence[Column],
    sheet: str | None = None,
    display_name: str | None = None,
) -> list[TableRow]:
    """Read the table in the .xlsx, .csv or .yaml/.yml file at ``path``.

    ``sheet`` names the worksheet of an .xlsx file (matched exactly, else ignoring case and
    diacritics); by default the first visible one. It is ignored for .csv and YAML files,
    which hold one table. ``display_name`` is the file name used in problems (default:
    ``str(path)``).

    Returns the data rows in order, at least one. Raises :class:`~docgen.errors.InputError`
    listing every problem found: a missing, unreadable, too large or unsupported file, a
    file that is not what its extension says, a missing sheet, no header row or missing
    required columns, no data rows, error cells or formulas without a saved value. Raises
    ``ValueError`` if ``columns`` is inconsistent (a programming error, not the user's).
    """
    spec = _Spec.of(columns)
    name = str(path) if display_name is None else display_name
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError([Problem(name, None, "", _XLS_MESSAGE)])
    if suffix not in SUPPORTED_SUFFIXES:
        what = f"loại tệp '{path.suffix}'" if path.suffix else "tệp không có phần mở rộng"
        message = f"không đọc được {what}: chỉ đọc được bảng tính .xlsx, .csv và .yaml/.yml"
        raise InputError([Problem(name, None, "", message)])
    data = _read_bytes(path, name)
    if suffix == ".xlsx":
        return _read_xlsx(data, name, sheet, spec)
    if suffix == ".csv":
        return _read_csv(data, name, spec)
    return _read_yaml(path, name, spec)


@dataclass(frozen=True)
class _Spec:
    """The columns asked for, with their names in compared form."""

    columns: tuple[Column, ...]
    by_name: dict[str, Column]

    @classmethod
    def of(cls, columns: Sequence[Column]) -> _Spec:
        """Return the spec of ``columns``; raises ValueError on duplicate keys or names."""
        if not columns:
            raise ValueError("no columns given")
        by_name: dict[str, Column] = {}
        keys: set[str] = set()
        for column in columns:
            if not column.key or column.key in keys:
                raise ValueError(f"empty or duplicate column key {column.key!r}")
            keys.add(column.key)
            for written in (column.key, *column.names):
                normalized = normalize_name(written)
                other = by_name.setdefault(normalized, column)
                if other is not column:
                    raise ValueError(
                        f"name {written!r} of column {column.key!r} is also a name of {other.key!r}"
                    )
        return cls(tuple(columns), by_name)

    @property
    def required(self) -> tuple[Column, ...]:
        """Return the required columns."""
        return tuple(column for column in self.columns if column.required)


@dataclass(frozen=True)
class _Invalid:
    """A cell whose value cannot be used, and why (in Vietnamese)."""

    message: str


def _read_bytes(path: Path, name: str) -> bytes:
    """Return the content of ``path``; raises InputError if unreadable, empty or too large,
    or not a regular file (see :func:`~docgen.loading.read_limited`)."""

    data = read_limited(path, name, MAX_FILE_BYTES)
    if not data:
        raise InputError([Problem(name, None, "", _EMPTY_FILE_MESSAGE)])
    return data


def _too_many_rows_message() -> str:
    """Return the problem of a sheet going beyond :data:`MAX_ROWS` rows."""
    limit = f"{MAX_ROWS:,}".replace(",", ".")
    return (
        f"bảng tính có dữ liệu hoặc định dạng quá dòng {limit}; hãy xóa các dòng thừa bên dưới"
        " bảng hoặc chia thành nhiều tệp"
    )


# --- .xlsx ------------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str, sheet: str | None, spec: _Spec) -> list[TableRow]:
    _check_xlsx_package(data, name)
    # openpyxl warns about parts it does not keep (data validation, conditional formatting
    # extensions, missing default styles); none matters for reading values, and the test
    # suite turns warnings into errors.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # data_only: formulas give the value Excel saved with the file. A program that writes
        # formulas without computing them (openpyxl itself, some exporters) saves no value,
        # and data_only then gives None, indistinguishable from an empty cell; a second
        # reading with formulas tells them apart (see _xlsx_value). It doubles the parsing
        # time, so it is done only for a sheet that has formulas.
        values_book = _open_workbook(data, name, data_only=True)
        formula_book = None
        try:
            title = _choose_sheet(values_book, sheet, name)
            label = f"{name}:{title}"
            values_sheet = values_book[title]
            formula_sheet = None
            if _has_formulas(data, values_sheet):
                formula_book = _open_workbook(data, name, data_only=False)
                formula_sheet = formula_book[title]
            rows = _xlsx_rows(values_sheet, formula_sheet, label)
            return _read_grid(label, rows, spec, _EMPTY_SHEET_MESSAGE)
        finally:
            values_book.close()
            if formula_book is not None:
                formula_book.close()


def _open_workbook(data: bytes, name: str, data_only: bool) -> Any:
    """Return the read-only openpyxl workbook of ``data``; raises InputError if damaged."""
    try:
        import openpyxl  # only when a workbook is read: importing it costs ~0.15 s

        return openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False
        )
    # Any failure inside openpyxl while parsing the user's bytes means the package is
    # damaged; the library raises many unrelated types (KeyError, ValueError, XML errors).
    except Exception as error:
        raise InputError([Problem(name, None, "", _CORRUPT_MESSAGE)]) from error


def _has_formulas(data: bytes, worksheet: Any) -> bool:
    """Return whether the XML of ``worksheet`` (of the package ``data``) has a formula.

    Scans the raw XML for an ``<f>`` element, much faster than parsing it. When the part
    cannot be found, answers True: the slower, complete reading is then used.
    """
    part = getattr(worksheet, "_worksheet_path", None)
    if not isinstance(part, str):
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                # The tail of the previous chunk catches a tag cut between two chunks.
                if _FORMULA_TAG.search(tail + chunk):
                    return True
                tail = chunk[-16:]
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True
    return False


def _check_xlsx_package(data: bytes, name: str) -> None:
    """Raise InputError if ``data`` is not an .xlsx package worth giving to openpyxl."""

    def fail(message: str) -> InputError:
        return InputError([Problem(name, None, "", message)])

    if data.startswith(_OLE_SIGNATURE):
        raise fail(_OLE_MESSAGE)
    if not data.startswith(_ZIP_SIGNATURE):
        raise fail(_NOT_XLSX_MESSAGE)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        # It starts like a zip file but is not a whole one: a truncated download or copy.
        raise fail(_CORRUPT_MESSAGE) from error
    names = {entry.filename for entry in entries}
    if "word/document.xml" in names:
        raise fail(_WORD_MESSAGE)
    if "mimetype" in names:
        raise fail(_OPENDOCUMENT_MESSAGE)
    if not any(entry.startswith("xl/") for entry in names):
        raise fail(_NOT_XLSX_MESSAGE)
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise fail(
            f"nội dung tệp quá lớn khi giải nén (hơn {MAX_UNPACKED_BYTES // _MB} MB); hãy chia"
            " thành nhiều tệp nhỏ hơn"
        )


def _choose_sheet(book: Any, sheet: str | None, name: str) -> str:
    """Return the title of the worksheet to read; raises InputError if there is none."""
    titles: list[str] = [worksheet.title for worksheet in book.worksheets]
    if not titles:
        raise InputError([Problem(name, None, "", "tệp không có trang tính dữ liệu nào")])
    if sheet is None:
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        return (visible or titles)[0]
    if sheet in titles:
        return sheet
    # Staff type sheet names from memory: "khen thuong" should find "Khen thưởng".
    loose = [title for title in titles if normalize_name(title) == normalize_name(sheet)]
    if len(loose) == 1:
        return loose[0]
    listed = ", ".join(f'"{title}"' for title in titles)
    message = f'không có trang tính "{sheet}"; các trang tính trong tệp: {listed}'
    raise InputError([Problem(name, None, "", message)])


def _xlsx_rows(
    values_sheet: Any, formula_sheet: Any | None, label: str
) -> Iterator[tuple[int, list[Any]]]:
    """Yield ``(row number, cell values)`` for every row of the sheet, from row 1.

    ``formula_sheet`` is the same sheet read with formulas (None if it has none); the two
    are parsed in step, so each cell is seen once in both forms.
    """
    # The <dimension> a file declares can be wrong (some exporters write "A1"), and openpyxl
    # would then cut rows short; without it every row is read as written.
    values_sheet.reset_dimensions()
    value_rows = values_sheet.iter_rows()
    if formula_sheet is None:
        formula_rows: Iterator[Any] = repeat(())
    else:
        formula_sheet.reset_dimensions()
        formula_rows = formula_sheet.iter_rows()
    pairs = zip(value_rows, formula_rows, strict=False)
    number = 0
    while True:
        try:
            pair = next(pairs, None)
        # As in _read_xlsx: a failure inside openpyxl's parser means damaged sheet XML.
        except Exception as error:
            raise InputError([Problem(label, number + 1, "", _CORRUPT_MESSAGE)]) from error
        if pair is None:
            return
        number += 1
        if number > MAX_ROWS:
            raise InputError([Problem(label, None, "", _too_many_rows_message())])
        value_cells, formula_cells = pair
        yield (
            number,
            [
                _xlsx_value(cell, formula)
                for cell, formula in zip_longest(value_cells, formula_cells[: len(value_cells)])
            ],
        )


def _xlsx_value(cell: Any, formula_cell: Any | None) -> Any:
    """Return the usable value of ``cell`` (None if empty) or an :class:`_Invalid`.

    ``formula_cell`` is the same cell read with formulas, or None when the sheet has none.
    """
    value = cell.value
    if value is None:
        # An empty cached result of type "str" is a formula that computed "" (Excel writes
        # that); any other formula without a value was never computed.
        if formula_cell is not None and formula_cell.data_type == "f" and cell.data_type != "str":
            return _Invalid(_UNCACHED_FORMULA_MESSAGE)
        return None
    if cell.data_type == "e":
        return _Invalid(f"ô có lỗi công thức {value}: hãy sửa lại trong Excel")
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        return _too_long(value)
    return _clean(value)


def _too_long(text: str) -> _Invalid:
    """Return why a cell of ``text`` (longer than :data:`MAX_FIELD_CHARS`) is refused."""
    return _Invalid(
        f"ô quá dài: {_count(len(text))} ký tự (tối đa {_count(MAX_FIELD_CHARS)}); hãy rút gọn"
    )


def _clean(value: Any) -> Any:
    """Return ``value`` as docgen uses it; None for an empty or blank string.

    Strings are NFC and stripped (line breaks inside a cell kept as "\\n"); integral floats
    become int (Excel stores every number as a float); a midnight datetime (a date cell)
    becomes a date.
    """
    if isinstance(value, str):
        return nfc(value.replace("\r\n", "\n")).strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


# --- .csv -------------------------------------------------------------------------------


def _read_csv(data: bytes, name: str, spec: _Spec) -> list[TableRow]:
    if data.startswith((_ZIP_SIGNATURE, _OLE_SIGNATURE)):
        raise InputError([Problem(name, None, "", _CSV_BINARY_MESSAGE)])
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts the file with a byte-order mark.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError([Problem(name, None, "", _CSV_ENCODING_MESSAGE)]) from error
    delimiter = _csv_delimiter(text, name, spec)
    return _read_grid(name, _csv_rows(text, delimiter, name), spec, _EMPTY_FILE_MESSAGE)


def _csv_delimiter(text: str, name: str, spec: _Spec) -> str:
    """Return the delimiter of the CSV ``text``: "," or ";" (Excel in a Vietnamese locale).

    The one under which the header row is found wins; otherwise the one used more often in
    the first non-empty line.
    """
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    scores: dict[str, tuple[bool, int, int]] = {}
    for delimiter in (",", ";"):
        try:
            header = _find_header(_csv_rows(text, delimiter, name), spec)
        except InputError:
            header = None
        complete = header is not None and header.complete(spec)
        matched = 0 if header is None else len(header.found)
        scores[delimiter] = (complete, matched, first_line.count(delimiter))
    return max(scores, key=lambda delimiter: scores[delimiter])


def _csv_rows(text: str, delimiter: str, name: str) -> Iterator[tuple[int, list[Any]]]:
    """Yield ``(record number, cell values)`` for every record of the CSV ``text``.

    Record numbers are the rows Excel shows when it opens the file.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            record = next(reader, None)
        except csv.Error as error:
            message = f"tệp CSV không đúng định dạng ({error})"
            raise InputError([Problem(name, number + 1, "", message)]) from error
        if record is None:
            return
        number += 1
        if number > MAX_ROWS:
            raise InputError([Problem(name, None, "", _too_many_rows_message())])
        if len(record) > MAX_COLUMNS:
            message = (
                f"dòng có {_count(len(record))} ô, quá số cột tối đa {_count(MAX_COLUMNS)}: hãy"
                " kiểm tra dấu phân cách của tệp CSV"
            )
            raise InputError([Problem(name, number, "", message)])
        yield number, [_csv_value(cell) for cell in record]


def _csv_value(cell: str) -> Any:
    """Return the value of a CSV cell: None if blank, an int for the integer forms
    described at ``_CSV_PLAIN_INT``, else the NFC, stripped string."""
    if len(cell) > MAX_FIELD_CHARS:
        return _too_long(cell)
    text = _clean(cell)
    if text is None:
        return None
    if _CSV_PLAIN_INT.fullmatch(text):
        return int(text)
    if _CSV_GROUPED_INT.fullmatch(text):
        return int(text.replace(".", ""))
    return text


# --- spreadsheet grids (.xlsx and .csv) ---------------------------------------------------


@dataclass
class _Header:
    """A candidate header row: where each asked-for column was found."""

    row: int
    texts: dict[int, str] = field(default_factory=dict)
    """0-based index -> text of the row's non-empty cells, in order."""
    found: dict[str, list[int]] = field(default_factory=dict)
    """Column key -> indexes of the cells naming it (more than one is a problem)."""

    def complete(self, spec: _Spec) -> bool:
        """Return whether every required column (or, if none is required, any) is found."""
        if not spec.required:
            return bool(self.found)
        return all(column.key in self.found for column in spec.required)


def _find_header(rows: Iterator[tuple[int, list[Any]]], spec: _Spec) -> _Header | None:
    """Consume ``rows`` up to the header row and return it.

    Looks at the first :data:`HEADER_SEARCH_ROWS` non-empty rows and returns the first one
    that is complete. Otherwise returns the best candidate, for the problem to show: the row
    naming the most columns, then the one with the most filled cells (likely the header under
    other names); None if there is no non-empty row at all.
    """
    best: _Header | None = None
    searched = 0
    for number, cells in rows:
        if all(cell is None for cell in cells):
            continue
        searched += 1
        candidate = _match_header(number, cells, spec)
        if candidate.complete(spec):
            return candidate
        if best is None or (len(candidate.found), len(candidate.texts)) > (
            len(best.found),
            len(best.texts),
        ):
            best = candidate
        if searched >= HEADER_SEARCH_ROWS:
            break
    return best


def _match_header(number: int, cells: list[Any], spec: _Spec) -> _Header:
    header = _Header(number)
    for index, cell in enumerate(cells):
        text = _cell_text(cell)
        if not text:
            continue
        header.texts[index] = text
        column = spec.by_name.get(normalize_name(text))
        if column is not None:
            header.found.setdefault(column.key, []).append(index)
    return header


def _cell_text(cell: Any) -> str:
    """Return a cell as the text staff see in it ("" for an empty or invalid cell)."""
    if cell is None or isinstance(cell, _Invalid):
        return ""
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return str(cell)


def _read_grid(
    file: str, rows: Iterator[tuple[int, list[Any]]], spec: _Spec, empty_message: str
) -> list[TableRow]:
    """Return the data rows of a sheet given as ``rows``; raises InputError on problems."""
    header = _find_header(rows, spec)
    if header is None:
        raise InputError([Problem(file, None, "", empty_message)])
    if not header.complete(spec):
        raise InputError([_missing_columns_problem(file, header, spec)])
    duplicates = _duplicate_column_problems(file, header, spec)
    if duplicates:
        raise InputError(duplicates)

    positions = {key: indexes[0] for key, indexes in header.found.items()}
    letters = {key: get_column_letter(index + 1) for key, index in positions.items()}
    table: list[TableRow] = []
    problems: list[Problem] = []
    first = True
    for number, cells in rows:
        if all(cell is None for cell in cells):
            continue
        if _is_total_line(cells):
            break
        if first:
            first = False
            if _is_column_numbers(cells):
                continue
        values: dict[str, Any] = {}
        invalid: list[tuple[str, _Invalid]] = []
        for key, index in positions.items():
            value = cells[index] if index < len(cells) else None
            if isinstance(value, _Invalid):
                invalid.append((key, value))
            elif value is not None:
                values[key] = value
        if not values and not invalid:
            continue
        lines: dict[FieldPath, int] = {(): number}
        lines.update({(key,): number for key in positions})
        source = SourceMap(file, lines, columns={(key,): letter for key, letter in letters.items()})
        table.append(TableRow(values, source))
        problems.extend(source.problem((key,), cell.message) for key, cell in invalid)
    if problems:
        raise InputError(problems)
    if not table:
        raise InputError([Problem(file, header.row, "", _NO_DATA_MESSAGE)])
    return table


def _describe(column: Column, with_key: bool = False) -> str:
    """Return how a column is named in problems.

    ``"Họ và tên" (hoặc "Họ tên", "Tên")`` for a sheet; with ``with_key`` (YAML, where staff
    write keys) ``ho_ten ("Họ và tên", "Họ tên", "Tên")``.
    """
    names = [f'"{name}"' for name in column.names]
    if with_key:
        return column.key + (f" ({', '.join(names)})" if names else "")
    if len(names) > 1:
        return f"{names[0]} (hoặc {', '.join(names[1:])})"
    return _main_name(column)


def _main_name(column: Column) -> str:
    """Return the first name of ``column`` (its key if it has none), quoted."""
    return f'"{column.names[0]}"' if column.names else f'"{column.key}"'


def _shown_texts(texts: list[str]) -> str:
    shown = [
        f'"{text[:_SHOWN_CELL_CHARS]}…"' if len(text) > _SHOWN_CELL_CHARS else f'"{text}"'
        for text in texts[:_SHOWN_HEADERS]
    ]
    if len(texts) > _SHOWN_HEADERS:
        shown.append("…")
    return ", ".join(shown)


def _missing_columns_problem(file: str, header: _Header, spec: _Spec) -> Problem:
    if not spec.required:
        wanted = ", ".join(_describe(column) for column in spec.columns)
        needed = f"cần ít nhất một trong các cột {wanted}"
    else:
        missing = [column for column in spec.required if column.key not in header.found]
        needed = "thiếu cột " + ", ".join(_describe(column) for column in missing)
    found = _shown_texts(list(header.texts.values()))
    if not header.found:
        message = (
            f"không tìm thấy dòng tiêu đề của bảng trong {HEADER_SEARCH_ROWS} dòng đầu có chữ:"
            f" {needed}; dòng {header.row} có các ô: {found}"
        )
        return Problem(file, None, "", message)
    message = f"dòng tiêu đề {needed}; các cột có ở dòng này: {found}"
    return Problem(file, header.row, "", message)


def _duplicate_column_problems(file: str, header: _Header, spec: _Spec) -> list[Problem]:
    problems = []
    for column in spec.columns:
        indexes = header.found.get(column.key, [])
        if len(indexes) < 2:
            continue
        cells = " và ".join(
            f'{get_column_letter(index + 1)} ("{header.texts[index]}")' for index in indexes
        )
        message = (
            f"có {len(indexes)} cột cùng là {_main_name(column)}: {cells};"
            " hãy xóa hoặc đổi tên cột thừa"
        )
        problems.append(Problem(file, header.row, "", message, get_column_letter(indexes[1] + 1)))
    return problems


def _is_total_line(cells: list[Any]) -> bool:
    """Return whether the row is a total line ("Tổng cộng", ...) that ends the table."""
    first = next((cell for cell in cells if cell is not None), None)
    if not isinstance(first, str):
        return False
    text = " ".join(nfc(first.casefold()).split()).rstrip(":").rstrip()
    return _TOTAL_LINE.fullmatch(text) is not None


def _is_column_numbers(cells: list[Any]) -> bool:
    """Return whether the row only numbers the columns: 1, 2, 3 ... or (1), (2), (3) ..."""
    numbers: list[int] = []
    for cell in cells:
        if cell is None:
            continue
        if isinstance(cell, int) and not isinstance(cell, bool):
            numbers.append(cell)
        elif isinstance(cell, str) and (match := _COLUMN_NUMBER.fullmatch(cell)):
            numbers.append(int(match.group(1)))
        else:
            return False
    return len(numbers) >= 2 and all(b == a + 1 for a, b in pairwise(numbers))


# --- .yaml ------------------------------------------------------------------------------


def _read_yaml(path: Path, name: str, spec: _Spec) -> list[TableRow]:
    loaded = load_yaml(path, name)
    data, source = loaded.data, loaded.source
    base: FieldPath = ()
    if isinstance(data, dict):
        if "dong" not in data:
            raise InputError([Problem(name, 1, "", _YAML_SHAPE_MESSAGE)])
        data, base = data["dong"], ("dong",)
    if data is None or data == []:
        raise InputError([source.problem(base, "không có dòng dữ liệu nào")])
    if not isinstance(data, list):
        raise InputError([source.problem(base, _YAML_SHAPE_MESSAGE)])

    table: list[TableRow] = []
    problems: list[Problem] = []
    present: set[str] = set()
    for index, item in enumerate(data):
        item_path: FieldPath = (*base, index)
        if not isinstance(item, dict):
            problems.append(source.problem(item_path, _YAML_ROW_MESSAGE))
            continue
        values: dict[str, Any] = {}
        written: dict[str, str] = {}
        lines: dict[FieldPath, int] = {(): source.line_of(item_path) or 1}
        for key, value in item.items():
            column = spec.by_name.get(normalize_name(key))
            if column is None:
                continue
            if column.key in written:
                message = (
                    f'trùng với khóa "{written[column.key]}" (cùng là cột'
                    f" {_describe(column, with_key=True)}); hãy giữ một khóa"
                )
                problems.append(source.problem((*item_path, key), message))
                continue
            written[column.key] = key
            present.add(column.key)
            lines[(column.key,)] = source.line_of((*item_path, key)) or lines[()]
            cleaned = _clean(value)
            if cleaned is not None:
                values[column.key] = cleaned
        table.append(TableRow(values, SourceMap(name, lines)))
    # As for a sheet's header: a required column must be there, in at least one row; a row
    # without it is like an empty cell, for the caller's validation to judge.
    missing = [column for column in spec.required if column.key not in present]
    if missing and table:
        shown = ", ".join(_describe(column, with_key=True) for column in missing)
        problems.append(source.problem(base, f"không dòng nào có cột {shown}"))
    if problems:
        raise InputError(problems)
    return table


def get_column_letter(number: int) -> str:
    """Return the spreadsheet letters of the 1-based column ``number``: 1 -> "A", 28 -> "AB"."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
