"""Body blocks of a document: sections, clauses, points, dash items, paragraphs, tables.

In YAML a block is a plain string (a paragraph) or a mapping whose first key says what it
is: ``muc`` (I., II., ...), ``khoan`` (1., 2., ...), ``diem`` (a), b), ...), ``gach`` (a dash
item), ``doan`` (a paragraph), ``bang`` (a table). Numbering is automatic; ``so`` overrides it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from docgen.models.text import Lines, Text

STRICT = ConfigDict(extra="forbid", frozen=True)
NumberOverride = Annotated[str, Field(min_length=1, max_length=12, pattern=r"^\S+$")]


class Section(BaseModel):
    """A mục: "I. MỤC ĐÍCH, YÊU CẦU" (Roman numeral, upper case, bold) and its content."""

    model_config = STRICT

    muc: Text
    so: NumberOverride | None = None
    noi_dung: list[Block] = Field(default_factory=list)


class Clause(BaseModel):
    """A khoản "1. ...": a bold title when it has content below it, else a numbered sentence."""

    model_config = STRICT

    khoan: Text
    so: NumberOverride | None = None
    noi_dung: list[Block] = Field(default_factory=list)


class Point(BaseModel):
    """A điểm "a) ...", upright, with optional content below it."""

    model_config = STRICT

    diem: Text
    so: NumberOverride | None = None
    noi_dung: list[Block] = Field(default_factory=list)


class DashItems(BaseModel):
    """One or more dash items "- ..."."""

    model_config = STRICT

    gach: Lines


class Paragraph(BaseModel):
    """A body paragraph, written as a mapping (a plain string means the same)."""

    model_config = STRICT

    doan: Text


Cell = Lines
"""A table cell: one paragraph, or a list of paragraphs (dash items start with "- ")."""


class Column(BaseModel):
    """A table column: its header text and width in centimetres."""

    model_config = STRICT

    tieu_de: Text
    rong: float | None = Field(default=None, gt=0, le=30)
    canh: Literal["deu", "giua", "trai"] = "deu"
    """Alignment of the column's cells: justified, centred or left."""


class GroupRow(BaseModel):
    """A group row spanning the table (e.g. "QUÝ I"), numbered I, II, ... in the TT column."""

    model_config = STRICT

    nhom: Text
    so: NumberOverride | None = None


class TableSpec(BaseModel):
    """A table. Rows are mappings from column keys (as in ``cot``) to cells, or group rows.

    ``so_thu_tu`` adds a first column numbered automatically: 1, 2, ... restarting after each
    group row, whose own number is a Roman numeral.
    """

    model_config = STRICT

    so_thu_tu: Column | None = None
    cot: dict[str, Column] = Field(min_length=1)
    dong: list[GroupRow | dict[str, Cell]] = Field(min_length=1)
    """Rows; in a mapping row the key ``so`` overrides the automatic number."""

    @field_validator("dong", mode="before")
    @classmethod
    def _group_rows_first(cls, rows: Any) -> Any:
        # Make a mapping with "nhom" a GroupRow before the generic mapping form can take it.
        if isinstance(rows, list):
            return [
                GroupRow.model_validate(row) if isinstance(row, dict) and "nhom" in row else row
                for row in rows
            ]
        return rows


class Table(BaseModel):
    """A ``bang`` block."""

    model_config = STRICT

    bang: TableSpec


BLOCK_KEYS = ("muc", "khoan", "diem", "gach", "doan", "bang")


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
            Section: "muc", Clause: "khoan", Point: "diem", DashItems: "gach",
            Paragraph: "doan", Table: "bang",
        }  # fmt: skip
        kind = kinds.get(type(value))
        return None if kind is None else f"block:{kind}"
    return None


Block = Annotated[
    Annotated[Text, Tag("block:text")]
    | Annotated[Section, Tag("block:muc")]
    | Annotated[Clause, Tag("block:khoan")]
    | Annotated[Point, Tag("block:diem")]
    | Annotated[DashItems, Tag("block:gach")]
    | Annotated[Paragraph, Tag("block:doan")]
    | Annotated[Table, Tag("block:bang")],
    Discriminator(
        block_kind,
        custom_error_type="unknown_block",
        custom_error_message="không xác định được loại khối: dùng chuỗi văn bản hoặc một trong "
        + ", ".join(BLOCK_KEYS),
    ),
]

Section.model_rebuild()
Clause.model_rebuild()
Point.model_rebuild()
