"""Body blocks of a document: parts, sections, clauses, points, dash items, paragraphs, tables.

In YAML a block is a plain string (a paragraph) or a mapping whose first key says what it
is: ``phan`` (Phần I, II, ...), ``muc`` (I., II., ...), ``khoan`` (1., 2., ...), ``diem``
(a), b), ...), ``gach`` (dash items, with "+" items below them), ``doan`` (a paragraph),
``bang`` (a table), ``so_lieu`` (a table of figures with computed totals), ``nhiem_vu`` (a
report's results against its plan's tasks). Numbering is automatic; ``so`` overrides it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from docgen.formatting import PART_NUMBER, ROMAN
from docgen.models.numbers import Float
from docgen.models.text import Lines, PrintableOnly, Text
from docgen.rules.n30 import PAGE

STRICT = ConfigDict(extra="forbid", frozen=True)
NumberOverride = Annotated[str, Field(min_length=1, max_length=12, pattern=r"^\S+$"), PrintableOnly]


def _label(pattern: str, example: str, what: str, flags: int = 0) -> AfterValidator:
    """Return a validator of a heading's ``so``: it must print as N30 numbers that level
    (Phụ lục I, Mục II.6.b), since anything else is read back as body text, not a heading."""
    compiled = re.compile(pattern, flags)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"số {what} phải có dạng như “{example}”, nhận được “{value}”")
        return value

    return AfterValidator(check)


SectionNumber = Annotated[NumberOverride, _label(rf"{ROMAN}\.", "IV.", "mục (số La Mã)")]
ClauseNumber = Annotated[NumberOverride, _label(r"[0-9]{1,4}\.", "3.", "khoản")]
PointNumber = Annotated[NumberOverride, _label(r"[a-zđ]\)", "c)", "điểm")]


PartLabel = Annotated[
    Text,
    Field(max_length=40),
    # The forms a reader (and ``docgen check``) takes for a phần line: "Phần II", "PHẦN THỨ
    # NHẤT", "Phần thứ mười một"; anything else would print as a centred line of body text.
    _label(rf"Phần\s+(?:{PART_NUMBER})\s*\.?", "PHẦN THỨ NHẤT", "phần", re.IGNORECASE),
]


class Part(BaseModel):
    """A phần: "Phần I" on its own line, then its title in upper case, both centred and bold.

    Mục numbering restarts in each phần (Phụ lục I, Mục II.6.b).
    """

    model_config = STRICT

    phan: Text
    so: PartLabel | None = None
    """Replaces the label "Phần I", e.g. "PHẦN THỨ NHẤT"; the phần is still counted."""
    noi_dung: list[Block] = Field(default_factory=list)


class Section(BaseModel):
    """A mục: "I. MỤC ĐÍCH, YÊU CẦU" (Roman numeral, upper case, bold) and its content."""

    model_config = STRICT

    muc: Text
    so: SectionNumber | None = None
    noi_dung: list[Block] = Field(default_factory=list)


class Clause(BaseModel):
    """A khoản "1. ...": a bold title when it has content below it, else a numbered sentence."""

    model_config = STRICT

    khoan: Text
    so: ClauseNumber | None = None
    noi_dung: list[Block] = Field(default_factory=list)


class Point(BaseModel):
    """A điểm "a) ...", upright, with optional content below it."""

    model_config = STRICT

    diem: Text
    so: PointNumber | None = None
    noi_dung: list[Block] = Field(default_factory=list)


def _plus_line(value: Any) -> Any:
    # N30 has nothing below "+": say so instead of pydantic's "should be a string".
    if isinstance(value, dict | list):
        raise ValueError("ý '+' không có cấp con: chỉ có hai cấp, '-' rồi '+'")
    return value


class DashItem(BaseModel):
    """A dash item with "+" items under it: ``{y: "...", cong: ["...", ...]}``."""

    model_config = STRICT

    y: Text
    cong: Annotated[list[Annotated[Text, BeforeValidator(_plus_line)]], Field(min_length=1)]
    """The "+" items, one line each."""


def _dash_entry_kind(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return "gach:text"
    if isinstance(value, dict | DashItem):
        return "gach:y"
    return None


DashEntry = Annotated[
    Annotated[Text, Tag("gach:text")] | Annotated[DashItem, Tag("gach:y")],
    Discriminator(
        _dash_entry_kind,
        custom_error_type="dash_entry",
        custom_error_message="mỗi ý gạch đầu dòng là một chuỗi, hoặc {y: ..., cong: [...]} "
        "khi có các ý '+' bên dưới",
    ),
]


def _one_or_many_entries(value: Any) -> Any:
    return [value] if isinstance(value, str | dict) else value


class DashItems(BaseModel):
    """One or more dash items "- ...", each a line or a line with "+" items below it.

    A line written with a leading "+" is itself a "+" item.
    """

    model_config = STRICT

    gach: Annotated[list[DashEntry], BeforeValidator(_one_or_many_entries)]


class Paragraph(BaseModel):
    """A body paragraph, written as a mapping (a plain string means the same)."""

    model_config = STRICT

    doan: Text


Cell = Lines
"""A table cell: one paragraph, or a list of paragraphs (dash items start with "- ")."""


MIN_COLUMN_CM = 0.5
"""Narrowest table column, given or shared: room for a digit or two."""
_ROUNDING_CM = 1e-6


def cm(value: float) -> str:
    """Return ``value`` (centimetres) the Vietnamese way, with a decimal comma: 16,5."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def columns_width(columns: list[Column]) -> float:
    """Return the least width ``columns`` need: their ``rong``, :data:`MIN_COLUMN_CM` for
    each column without one."""
    return sum(MIN_COLUMN_CM if column.rong is None else column.rong for column in columns)


class Column(BaseModel):
    """A table column: its header text and width in centimetres."""

    model_config = STRICT

    tieu_de: Text
    rong: Float | None = Field(default=None, ge=MIN_COLUMN_CM, le=30)
    canh: Literal["deu", "giua", "trai"] = "deu"
    """Alignment of the column's cells: justified, centred or left."""


class GroupRow(BaseModel):
    """A group row spanning the table (e.g. "QUÝ I"), numbered I, II, ... in the TT column."""

    model_config = STRICT

    nhom: Text
    so: NumberOverride | None = None


def _row_kind(value: Any) -> str | None:
    # A mapping with "nhom" is a group row; tagging it keeps an error's location at its row.
    if isinstance(value, GroupRow) or (isinstance(value, dict) and "nhom" in value):
        return "row:nhom"
    return "row:cells" if isinstance(value, dict) else None


Row = Annotated[
    Annotated[GroupRow, Tag("row:nhom")] | Annotated[dict[str, Cell], Tag("row:cells")],
    Discriminator(
        _row_kind,
        custom_error_type="table_row",
        custom_error_message="mỗi hàng là một bảng khóa: giá trị (ô theo khóa cột), "
        "hoặc {nhom: ...} cho hàng nhóm",
    ),
]


class TableSpec(BaseModel):
    """A table. Rows are mappings from column keys (as in ``cot``) to cells, or group rows.

    ``so_thu_tu`` adds a first column numbered automatically: 1, 2, ... restarting after each
    group row, whose own number is a Roman numeral.
    """

    model_config = STRICT

    so_thu_tu: Column | None = None
    cot: dict[str, Column] = Field(min_length=1)
    dong: list[Row] = Field(min_length=1)
    """Rows; in a mapping row the key ``so`` overrides the automatic number."""

    @model_validator(mode="after")
    def _columns_fit(self) -> TableSpec:
        # Columns without a width share what the others leave; were that nothing or less,
        # Word would get zero or negative widths (w:w="-3"), outside the schema.
        columns = ([self.so_thu_tu] if self.so_thu_tu else []) + list(self.cot.values())
        needed = columns_width(columns)
        if needed > PAGE.text_width.cm + _ROUNDING_CM:
            raise ValueError(
                f"các cột rộng {cm(needed)} cm, quá bề rộng trang {cm(PAGE.text_width.cm)} cm"
                f" (cột không ghi 'rong' cần ít nhất {cm(MIN_COLUMN_CM)} cm): hãy giảm 'rong'"
                " của các cột"
            )
        return self


class Table(BaseModel):
    """A ``bang`` block."""

    model_config = STRICT

    bang: TableSpec


FigureValue = Annotated[Float, Field(ge=0, allow_inf_nan=False)]


class FigureRow(BaseModel):
    """One row of a figures table: its label and a number per column key."""

    model_config = ConfigDict(extra="allow", frozen=True)

    ten: Text


class Figures(BaseModel):
    """A table of figures (e.g. awards per unit) whose totals are computed, never typed.

    ``cot`` maps column keys to titles; every row gives a number for every column. A totals
    row (``tong_hang``) sums each column; a totals column (``tong_cot``) sums each row; a
    share column (``ty_le``) gives each row's total as a percentage of the grand total.
    """

    model_config = STRICT

    tieu_de: Text = "Đơn vị"
    """Title of the first column, the rows' labels."""
    so_thu_tu: bool = True
    cot: dict[str, Text] = Field(min_length=1)
    dong: list[FigureRow] = Field(min_length=1)
    tong_hang: Text | None = "Tổng cộng"
    tong_cot: Text | None = None
    ty_le: Text | None = None


class FiguresBlock(BaseModel):
    """A ``so_lieu`` block."""

    model_config = STRICT

    so_lieu: Figures


TASK_REF_PATTERN = rf"^({ROMAN}\.)?[0-9]+$"
TaskRef = Annotated[str, Field(pattern=TASK_REF_PATTERN)]


class TaskResults(BaseModel):
    """A report's results against the tasks of its plan (``ke_hoach``), by row reference.

    ``ket_qua`` maps a task's number as printed in the plan's table ("II.3": group II, row 3;
    "3" when the table has no groups) to its result. Every task due in the report's period
    needs one; the plan's own cells are carried over, never retyped.
    """

    model_config = STRICT

    ket_qua: dict[TaskRef, Lines] = Field(min_length=1)
    tieu_de: Text = "Kết quả thực hiện"
    """Title of the result column."""
    rong: Float = Field(default=5.5, ge=MIN_COLUMN_CM, le=15)
    """Width of the result column in centimetres; the plan's columns share the rest."""
    nhom: list[Text] | None = None
    """The plan's groups due in the period, when the period alone cannot tell (default:
    the quarters of the period, or every group)."""


class TaskResultsBlock(BaseModel):
    """A ``nhiem_vu`` block."""

    model_config = STRICT

    nhiem_vu: TaskResults


BLOCK_KEYS = ("phan", "muc", "khoan", "diem", "gach", "doan", "bang", "so_lieu", "nhiem_vu")


def block_kind(value: Any) -> str | None:
    """Return the tag of a raw block, "block:text" or "block:<key of BLOCK_KEYS>", or None.

    Tags differ from data keys so that error locations never confuse the two.
    """
    if isinstance(value, str):
        return "block:text"
    if isinstance(value, dict):
        for key in BLOCK_KEYS:
            if key in value:
                return f"block:{key}"
        return None
    if isinstance(value, BaseModel):
        kinds = {
            Part: "phan", Section: "muc", Clause: "khoan", Point: "diem", DashItems: "gach",
            Paragraph: "doan", Table: "bang", FiguresBlock: "so_lieu",
            TaskResultsBlock: "nhiem_vu",
        }  # fmt: skip
        kind = kinds.get(type(value))
        return None if kind is None else f"block:{kind}"
    return None


Block = Annotated[
    Annotated[Text, Tag("block:text")]
    | Annotated[Part, Tag("block:phan")]
    | Annotated[Section, Tag("block:muc")]
    | Annotated[Clause, Tag("block:khoan")]
    | Annotated[Point, Tag("block:diem")]
    | Annotated[DashItems, Tag("block:gach")]
    | Annotated[Paragraph, Tag("block:doan")]
    | Annotated[Table, Tag("block:bang")]
    | Annotated[FiguresBlock, Tag("block:so_lieu")]
    | Annotated[TaskResultsBlock, Tag("block:nhiem_vu")],
    Discriminator(
        block_kind,
        custom_error_type="unknown_block",
        custom_error_message="không xác định được loại khối: dùng chuỗi văn bản hoặc một trong "
        + ", ".join(BLOCK_KEYS),
    ),
]

Part.model_rebuild()
Section.model_rebuild()
Clause.model_rebuild()
Point.model_rebuild()


def iter_blocks(
    blocks: list[Block], path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Block]]:
    """Yield every block below ``blocks`` depth first, each with its field path.

    ``path`` is the path of the list itself, e.g. ``("noi_dung",)``.
    """
    for index, block in enumerate(blocks):
        here = (*path, index)
        yield here, block
        if isinstance(block, Part | Section | Clause | Point):
            yield from iter_blocks(block.noi_dung, (*here, "noi_dung"))
