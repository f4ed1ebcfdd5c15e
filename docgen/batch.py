"""Batch files: one document definition, one row per unit, one document per unit, and the
roll-up whose figures are the units' sums.

A batch file holds a single key ``hang_loat`` (see :class:`BatchSpec`). Its definitions are
ordinary document YAML whose strings may hold ``{key}`` placeholders filled from the unit's
row: a string that is exactly ``"{key}"`` becomes the row's value itself (a number stays a
number), a placeholder inside a longer text is replaced by the value as printed (numbers in
the Vietnamese format). Nothing here renders or writes: it turns a batch into document data
with the :class:`SourceMap` of its definition, ready for :meth:`Project.load`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from docgen.errors import InputError, Problem, display_path
from docgen.formatting import format_number
from docgen.limits import excerpt
from docgen.loading import Loaded, load_yaml
from docgen.models.text import Lines, Text
from docgen.project import BATCH_KEY
from docgen.sources.table import Column, TableRow, read_table
from docgen.validation import problems_from_validation_error

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
UNITS_PLACEHOLDER = "{don_vi}"
"""The ``dong`` of a roll-up's ``so_lieu`` block that stands for one row per unit."""
SLUG_LIMIT = 80

ColumnKey = str


class ColumnSpec(BaseModel):
    """A column of the units table: the header names staff write, and whether it is a number."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tieu_de: Lines
    so: bool = False
    """A whole number >= 0 (summed in the roll-up)."""


class BatchSpec(BaseModel):
    """The ``hang_loat`` mapping of a batch file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    van_ban: Text
    """The document definition of each unit, relative to the batch file."""
    bang: Text
    """The units table (.xlsx, .csv, .yaml), one row per unit."""
    trang_tinh: Text | None = None
    cot: dict[str, ColumnSpec] = Field(min_length=1)
    """The table's columns by key; ``ten`` (the unit's name) is required."""
    ten_tep: Text = "{ten}"
    """The output name of a unit's document, before it is made a safe ASCII slug."""
    tong_hop: Text | None = None
    """The roll-up's definition; its output is ``<batch stem>-tong-hop``."""


@dataclass(frozen=True)
class BatchDocument:
    """One document of a batch, to fill from its definition when it is rendered (so a batch
    of thousands holds rows, not documents)."""

    name: str
    """The output file's stem (a safe ASCII slug)."""
    definition: Path
    """The definition file; relative references in the data are read from its folder."""
    values: Mapping[str, Any]
    """The placeholders' values: the unit's row, or the roll-up's totals."""
    rows: tuple[Mapping[str, Any], ...] | None
    """For the roll-up: every unit's row (its per-unit table)."""
    fingerprint: str
    """A hash of the row values (or of every row, for the roll-up) this document used."""
    label: str
    """What to call it in messages: the unit's name, or "tổng hợp"."""

    def filled(self, definition: Filler) -> Any:
        """Return the document's data: its definition's, with the placeholders filled."""
        return definition(self.values, self.rows)


@dataclass
class Batch:
    """A batch file read: its documents and the files every document depends on."""

    path: Path
    spec: BatchSpec
    documents: list[BatchDocument] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    """The batch file, its definitions and its table (for the manifest)."""


def is_batch(data: Any) -> bool:
    """Return True when loaded YAML data is a batch file (a mapping with ``hang_loat``)."""
    return isinstance(data, dict) and BATCH_KEY in data


def slug(text: str) -> str:
    """Return ``text`` as a safe ASCII file name: "Xã Đắk Mar" -> "xa-dak-mar"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.decode().lower()).strip("-")
    return words[:SLUG_LIMIT].rstrip("-")


def row_hash(values: Mapping[str, Any]) -> str:
    """Return a stable hash of a row's values."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _printed(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def fill(data: Any, values: Mapping[str, Any], rows: Sequence[Mapping[str, Any]] | None) -> Any:
    """Return ``data`` with placeholders replaced by ``values``.

    A string that is exactly one placeholder becomes the value itself; with ``rows`` (a
    roll-up), a ``so_lieu`` block whose ``dong`` is ``"{don_vi}"`` gets one row per unit.
    Unknown placeholders are left as written (validation of the batch reports them).
    """
    return Filler(data)(values, rows)


class Filler:
    """Fills the placeholders of one definition, for unit after unit (see :func:`fill`).

    The lists and mappings of the definition that hold no placeholder are found once and
    returned as they are, shared by every filled copy: nothing that reads the filled data
    (validation, rendering) changes it.
    """

    def __init__(self, data: Any) -> None:
        self.data = data
        self._constant: set[int] = set()
        """The ids of the containers without placeholders (``data`` keeps them alive)."""
        self._mark(data)

    def _mark(self, node: Any) -> bool:
        """Return True when ``node`` holds no placeholder, noting the containers that don't."""
        if isinstance(node, str):
            return "{" not in node
        if isinstance(node, list | dict):
            items = node.values() if isinstance(node, dict) else node
            constant = all([self._mark(item) for item in items])  # a list: mark every item
            if constant:
                self._constant.add(id(node))
            return constant
        return True

    def __call__(self, values: Mapping[str, Any], rows: Sequence[Mapping[str, Any]] | None) -> Any:
        """Return the definition's data with its placeholders filled from ``values``."""
        return self._fill(self.data, values, rows)

    def _fill(
        self, data: Any, values: Mapping[str, Any], rows: Sequence[Mapping[str, Any]] | None
    ) -> Any:
        if id(data) in self._constant:
            return data
        if isinstance(data, str):
            if "{" not in data:
                return data
            whole = PLACEHOLDER.fullmatch(data)
            if whole and whole[1] in values:
                return values[whole[1]]
            return PLACEHOLDER.sub(
                lambda m: _printed(values[m[1]]) if m[1] in values else m[0], data
            )
        if isinstance(data, list):
            return [self._fill(item, values, rows) for item in data]
        if isinstance(data, dict):
            filled = {key: self._fill(value, values, rows) for key, value in data.items()}
            if rows is not None and data.get("dong") == UNITS_PLACEHOLDER and "cot" in data:
                keys = list(data["cot"]) if isinstance(data["cot"], dict) else []
                filled["dong"] = [
                    {"ten": row["ten"], **{key: row.get(key, 0) for key in keys}} for row in rows
                ]
            return filled
        return data


def placeholders(data: Any) -> set[str]:
    """Return the placeholder names used anywhere in ``data``."""
    if isinstance(data, str):
        return set(PLACEHOLDER.findall(data))
    if isinstance(data, list):
        return set().union(*(placeholders(item) for item in data)) if data else set()
    if isinstance(data, dict):
        return set().union(*(placeholders(v) for v in data.values())) if data else set()
    return set()


def read_batch(path: Path, loaded: Loaded) -> tuple[Batch, list[Problem]]:
    """Return the documents of the batch file at ``path`` (already loaded as ``loaded``),
    with every problem found: of the batch file, of its definitions (placeholders no column
    fills), and of the table's rows (located by sheet, row, column: a missing unit name or
    cell, a non-number in a numeric column, two units with one output name).

    The documents are those of the valid rows; the roll-up only when every row is valid
    (its totals would be wrong otherwise); none when the batch itself is broken.
    """
    problems: list[Problem] = []
    empty: Batch = Batch(path, None, files=[path])  # type: ignore[arg-type]
    try:
        spec = TypeAdapter(BatchSpec).validate_python(loaded.data[BATCH_KEY])
    except ValidationError as error:
        data = loaded.data[BATCH_KEY]
        return empty, problems_from_validation_error(error, loaded.source, data, (BATCH_KEY,))
    if "ten" not in spec.cot:
        return empty, [loaded.source.problem((BATCH_KEY, "cot"), "cần cột 'ten' (tên đơn vị)")]
    folder = path.parent
    batch = Batch(path, spec, files=[path])

    def definition(reference: str, key: str) -> Loaded | None:
        target = folder / reference
        if not target.is_file():
            message = f"không tìm thấy tệp '{reference}' (tính từ thư mục {display_path(folder)})"
            problems.append(loaded.source.problem((BATCH_KEY, key), message))
            return None
        batch.files.append(target)
        try:
            return load_yaml(target, display_path(target))
        except InputError as error:
            problems.extend(error.problems)
            return None

    unit_definition = definition(spec.van_ban, "van_ban")
    roll_up = definition(spec.tong_hop, "tong_hop") if spec.tong_hop else None
    table = folder / spec.bang
    # Every declared column must be in the header: a column missing would leave its
    # placeholders unfilled in every document.
    columns = [Column(key, tuple(c.tieu_de)) for key, c in spec.cot.items()]
    rows: list[TableRow] = []
    if not table.is_file():
        message = f"không tìm thấy tệp '{spec.bang}' (tính từ thư mục {display_path(folder)})"
        problems.append(loaded.source.problem((BATCH_KEY, "bang"), message))
    else:
        batch.files.append(table)
        try:
            rows = read_table(table, columns, spec.trang_tinh, display_path(table))
        except InputError as error:
            problems.extend(error.problems)
    row_problems: list[Problem] = []
    checked = [_check_row(row, spec) for row in rows]
    values_by_row = [values for values, _ in checked]
    for _, row_found in checked:
        row_problems += row_found
    known = set(spec.cot)
    numeric = {key for key, column in spec.cot.items() if column.so}
    for loaded_definition, names in (
        (unit_definition, known),
        (roll_up, {f"tong_{k}" for k in numeric} | {"so_don_vi", "don_vi"}),
    ):
        if loaded_definition is None:
            continue
        for name in sorted(placeholders(loaded_definition.data) - names):
            shown = ", ".join("{" + n + "}" for n in sorted(names))
            message = f"không có cột nào cho chỗ trống {{{name}}} (có: {shown})"
            problems.append(Problem(loaded_definition.source.file, None, "", message))
    if roll_up is not None:
        for key in sorted(_unit_table_keys(roll_up.data) - numeric):
            message = f"bảng theo đơn vị có cột '{key}' không phải cột số của bảng đơn vị"
            problems.append(Problem(roll_up.source.file, None, "", message))
    if problems or unit_definition is None:
        return batch, problems + row_problems
    used: dict[str, TableRow] = {}
    for row, (values, found) in zip(rows, checked, strict=True):
        name = slug(_printed_name(spec.ten_tep, values))
        if not name:
            row_problems.append(row.source.problem(("ten",), "tên đơn vị không tạo được tên tệp"))
            continue
        if name in used:
            other = used[name].source.line_of(())
            message = f"đơn vị trùng tên tệp '{name}.docx' với dòng {other}"
            row_problems.append(row.source.problem(("ten",), message))
            continue
        used[name] = row
        if found:
            continue  # a row with problems: its unit is left out (listed with --keep-going)
        batch.documents.append(
            BatchDocument(
                name, folder / spec.van_ban, values, None, row_hash(values), str(values["ten"])
            )
        )
    if roll_up is not None and spec.tong_hop is not None and not row_problems:
        totals: dict[str, Any] = {
            f"tong_{key}": sum(int(v.get(key, 0)) for v in values_by_row) for key in numeric
        }
        totals["so_don_vi"] = len(values_by_row)
        name = slug(f"{path.stem}-tong-hop")
        if name in used:
            message = f"tên tệp '{name}.docx' trùng với một đơn vị"
            problems.append(loaded.source.problem((BATCH_KEY, "tong_hop"), message))
        else:
            batch.documents.append(
                BatchDocument(
                    name,
                    folder / spec.tong_hop,
                    totals,
                    tuple(values_by_row),
                    row_hash({"rows": values_by_row}),
                    "tổng hợp",
                )
            )
    return batch, problems + row_problems


def _unit_table_keys(data: Any) -> set[str]:
    """Return the column keys of the roll-up's per-unit tables (``dong: "{don_vi}"``)."""
    if isinstance(data, list):
        return set().union(*(_unit_table_keys(item) for item in data)) if data else set()
    if not isinstance(data, dict):
        return set()
    keys: set[str] = set()
    if data.get("dong") == UNITS_PLACEHOLDER and isinstance(data.get("cot"), dict):
        keys |= set(data["cot"])
    for value in data.values():
        keys |= _unit_table_keys(value)
    return keys


def _printed_name(pattern: str, values: Mapping[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: _printed(values.get(m[1], m[0])), pattern)


def _check_row(row: TableRow, spec: BatchSpec) -> tuple[dict[str, Any], list[Problem]]:
    """Return a row's values checked against the columns, with its problems (located)."""
    problems: list[Problem] = []
    values = dict(row.values)
    name = values.get("ten")
    if name is None or not str(name).strip():
        problems.append(row.source.problem(("ten",), "thiếu tên đơn vị"))
    for key, column in spec.cot.items():
        value = values.get(key)
        if not column.so:
            if value is None or not str(value).strip():
                if key != "ten":  # reported above
                    problems.append(row.source.problem((key,), "ô trống"))
            else:
                values[key] = str(value).strip()
            continue
        if value is None:
            values[key] = 0  # an empty cell is none of that award
        elif isinstance(value, bool) or not isinstance(value, int):
            hint = " (viết 1234, không viết 1.234)" if isinstance(value, float) else ""
            message = f"phải là số nguyên không âm, nhận được {excerpt(repr(value))}{hint}"
            problems.append(row.source.problem((key,), message))
        elif value < 0:
            problems.append(row.source.problem((key,), f"không được âm, nhận được {value}"))
    return values, problems
