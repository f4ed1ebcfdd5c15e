"""Turn a resolved document into the plain data a template needs.

Pure and independent of Word: numbering, N30 text forms (số, date line, Nơi nhận punctuation),
inline emphasis as spans, tables as rows of cells. The render layer decides how it looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docgen.formatting import (
    date_line,
    ky_hieu,
    noi_nhan_lines,
    point_label,
    roman,
    so_line,
    type_abbreviation,
    upper_vi,
)
from docgen.inline import Rich, Span, parse_inline
from docgen.models.blocks import (
    Block,
    Clause,
    DashItems,
    GroupRow,
    Paragraph,
    Point,
    Section,
    Table,
    TableSpec,
)
from docgen.resolve import ResolvedDocument
from docgen.rules.n30 import PAGE

TYPE_NAMES = {"ke_hoach": "kế hoạch"}
"""The tên loại of each document kind, as in Phụ lục III."""

CLOSING_MARK = "./."


@dataclass(frozen=True)
class BodyParagraph:
    """One paragraph of the body. ``kind`` names its role: muc, khoan_tieu_de, doan, gach."""

    kind: str
    runs: Rich


@dataclass(frozen=True)
class ColumnView:
    """A table column: header text and width in centimetres."""

    title: str
    width_cm: float
    align: str = "deu"
    """deu (justified), giua (centred) or trai (left)."""


@dataclass(frozen=True)
class RowView:
    """A table row: each cell a list of paragraphs. Group rows span a heading across the table."""

    cells: list[list[Rich]]
    group: bool = False


@dataclass(frozen=True)
class TableView:
    """A table of the body; its first row is the header row, repeated on every page."""

    columns: list[ColumnView]
    rows: list[RowView]
    numbered: bool
    kind: str = field(default="bang", init=False)


BodyItem = BodyParagraph | TableView


def build_context(resolved: ResolvedDocument, kind: str) -> dict[str, Any]:
    """Return the template context of a typed document (Mẫu 1.4 layout)."""
    document, agency, signer = resolved.document, resolved.agency, resolved.signer
    type_name = TYPE_NAMES[kind]
    return {
        "co_quan": {"chu_quan": list(agency.chu_quan), "ten": list(agency.ten)},
        "so": so_line(document.so, ky_hieu(type_abbreviation(type_name), agency.viet_tat)),
        "dia_danh_ngay": date_line(agency.dia_danh, document.ngay, document.year),
        "ten_loai": upper_vi(type_name),
        "trich_yeu": document.trich_yeu,
        "can_cu": [parse_inline(line) for line in document.can_cu],
        "mo_dau": [parse_inline(line) for line in document.mo_dau],
        "noi_dung": flatten_blocks(document.noi_dung),
        "ket_thuc": parse_inline(closing_sentence(document.ket_thuc)),
        "noi_nhan": noi_nhan_lines(resolved.recipients, resolved.luu),
        "chu_ky": {"dong": [*signer.tham_quyen, signer.chuc_vu], "ho_ten": signer.ho_ten},
    }


def closing_sentence(text: str) -> str:
    """Return ``text`` ending with N30's closing mark "./."."""
    if text.endswith(CLOSING_MARK):
        return text
    return text.rstrip(" .") + CLOSING_MARK


def flatten_blocks(blocks: list[Block]) -> list[BodyItem]:
    """Return the body as a flat sequence of paragraphs and tables, numbered.

    Numbers count blocks of the same kind among their siblings: mục I, II, ...; khoản 1, 2, ...;
    điểm a), b), ... A block's ``so`` replaces its printed number but still counts.
    """
    items: list[BodyItem] = []
    counters = {"muc": 0, "khoan": 0, "diem": 0}
    for block in blocks:
        if isinstance(block, Section):
            counters["muc"] += 1
            label = block.so or f"{roman(counters['muc'])}."
            items.append(BodyParagraph("muc", (Span(f"{label} {upper_vi(block.muc)}"),)))
            items += flatten_blocks(block.noi_dung)
        elif isinstance(block, Clause):
            counters["khoan"] += 1
            label = block.so or f"{counters['khoan']}."
            if block.noi_dung:
                items.append(BodyParagraph("khoan_tieu_de", (Span(f"{label} {block.khoan}"),)))
                items += flatten_blocks(block.noi_dung)
            else:
                items.append(BodyParagraph("doan", _numbered(label, block.khoan)))
        elif isinstance(block, Point):
            counters["diem"] += 1
            label = block.so or point_label(counters["diem"])
            items.append(BodyParagraph("doan", (Span(f"{label} "), *parse_inline(block.diem))))
            items += flatten_blocks(block.noi_dung)
        elif isinstance(block, DashItems):
            items += [BodyParagraph("gach", dash_item(line)) for line in block.gach]
        elif isinstance(block, Table):
            items.append(table_view(block.bang))
        else:
            text = block.doan if isinstance(block, Paragraph) else block
            items.append(BodyParagraph("doan", parse_inline(text)))
    return items


def _numbered(label: str, text: str) -> Rich:
    """Return a numbered sentence: the number bold, as in the reference documents."""
    rest = parse_inline(text)
    if rest and rest[0].bold:
        # The lead of the sentence is bold too ("**2. Phòng Văn hóa ...** tổ chức"): one run.
        return (Span(f"{label} {rest[0].text}", True, rest[0].italic), *rest[1:])
    return (Span(label, bold=True), Span(" "), *rest)


def dash_item(text: str) -> Rich:
    """Return a dash item "- text", accepting text that already starts with a dash."""
    stripped = text.lstrip("-–•+ ").strip() if text[:1] in "-–•+" else text
    return (Span("- "), *parse_inline(stripped))


def table_view(table: TableSpec) -> TableView:
    """Return a table with its numbering column filled and column widths decided."""
    columns = ([table.so_thu_tu] if table.so_thu_tu else []) + list(table.cot.values())
    given = sum(c.rong for c in columns if c.rong is not None)
    unsized = [c for c in columns if c.rong is None]
    share = (PAGE.text_width.cm - given) / len(unsized) if unsized else 0.0
    views = [
        ColumnView(c.tieu_de, c.rong if c.rong is not None else share, c.canh) for c in columns
    ]
    rows: list[RowView] = []
    groups = items = 0
    for row in table.dong:
        if isinstance(row, GroupRow):
            groups, items = groups + 1, 0
            label = row.so or roman(groups)
            heading: list[list[Rich]] = [[(Span(row.nhom, bold=True),)]]
            number: list[list[Rich]] = [[(Span(label, bold=True),)]] if table.so_thu_tu else []
            blank: list[list[Rich]] = [[] for _ in range(len(table.cot) - 1)]
            rows.append(RowView(number + heading + blank, group=True))
            continue
        items += 1
        cells: list[list[Rich]] = []
        if table.so_thu_tu:
            label = " ".join(row.get("so", [])) or str(items)
            cells.append([(Span(label, bold=True),)])
        for key in table.cot:
            value = row.get(key, [])
            lines = [value] if isinstance(value, str) else list(value)
            cells.append([parse_inline(line) for line in lines])
        rows.append(RowView(cells))
    return TableView(views, rows, numbered=table.so_thu_tu is not None)
