"""Turn a resolved document into the plain data a template needs.

Pure and independent of Word: numbering, N30 text forms (số, date line, Nơi nhận punctuation),
inline emphasis as spans, tables as rows of cells. The render layer decides how it looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docgen.formatting import (
    date_line,
    format_number,
    format_percent,
    ky_hieu,
    legal_bases,
    noi_nhan_lines,
    point_label,
    roman,
    so_line,
    upper_vi,
)
from docgen.inline import Rich, Span, parse_inline
from docgen.models.blocks import (
    Block,
    Clause,
    Column,
    DashItem,
    DashItems,
    Figures,
    FiguresBlock,
    GroupRow,
    Paragraph,
    Part,
    Point,
    Section,
    Table,
    TableSpec,
    TaskResults,
    TaskResultsBlock,
)
from docgen.models.documents import TextDocument
from docgen.resolve import ResolvedDocument
from docgen.rules.n30 import PAGE

if TYPE_CHECKING:  # kinds build on this module; it needs their types only for hints
    from docgen.kinds.plan_tasks import PlanTable

CLOSING_MARK = "./."
AS_ABOVE = "Như trên"
"""First Nơi nhận line of a document with Kính gửi (Phụ lục I, Mục II.9.b)."""
NUMBER_COLUMN_CM = 1.2
"""Width of a TT column whose width is not given."""
FIGURE_LABEL_MIN_CM = 4.0
FIGURE_COLUMN_MAX_CM = 2.5


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
    rows_whole: bool = False
    """Every row stays on one page (an awardee list); long rows of a plan may split."""
    span_groups: bool = False
    """Group rows run their heading across the table (a plan keeps the cells, as typed)."""
    kind: str = field(default="bang", init=False)


BodyItem = BodyParagraph | TableView


def frame_context(
    resolved: ResolvedDocument, ten_loai: str, code: str, symbol: str | None = None
) -> dict[str, Any]:
    """Return the context of the N30 frame: header, title, Kính gửi, căn cứ and closing.

    ``ten_loai`` is the kind's name in sentence case, ``code`` its ký hiệu code ("KH");
    ``symbol`` replaces the ký hiệu made from it (a công văn's "UBND-NV" has no code).
    Header and signature lines are upper-cased here, whatever case the data was written in.
    """
    document, agency, signer = resolved.document, resolved.agency, resolved.signer
    recipients = list(resolved.recipients)
    if resolved.kinh_gui and not any(
        r.strip(" -;.").casefold() == AS_ABOVE.casefold() for r in recipients
    ):
        recipients.insert(0, AS_ABOVE)
    return {
        "co_quan": {
            "chu_quan": [upper_vi(line) for line in agency.chu_quan],
            "ten": [upper_vi(line) for line in agency.ten],
        },
        "so": so_line(document.so, symbol or ky_hieu(code, agency.viet_tat)),
        "dia_danh_ngay": date_line(agency.dia_danh, document.ngay, document.year),
        "ten_loai": upper_vi(ten_loai),
        "trich_yeu": list(document.trich_yeu),
        "kinh_gui": kinh_gui_lines(resolved.kinh_gui),
        "can_cu": [parse_inline(line) for line in legal_bases(document.can_cu, None)],
        "noi_nhan": noi_nhan_lines(recipients, resolved.luu),
        "chu_ky": {
            "dong": [upper_vi(line) for line in (*signer.tham_quyen, *signer.chuc_vu)],
            "ho_ten": signer.ho_ten,
        },
    }


def body_context(resolved: ResolvedDocument) -> dict[str, Any]:
    """Return the context of a text document's body: opening, blocks, closing sentence."""
    document = resolved.document
    if not isinstance(document, TextDocument):
        raise TypeError(f"a body of blocks needs a TextDocument, got {type(document).__name__}")
    return {
        "mo_dau": [parse_inline(line) for line in document.mo_dau],
        "noi_dung": flatten_blocks(document.noi_dung, resolved.extras.get("plan")),
        "ket_thuc": parse_inline(closing_sentence(document.ket_thuc)),
    }


def kinh_gui_lines(addressees: list[str]) -> list[str]:
    """Return the Kính gửi block's lines (Phụ lục I, Mục II.9.a).

    One addressee: one line "Kính gửi: X."; several: "Kính gửi:" then "- X;" per addressee,
    the last ending "."; none: no line at all.
    """
    names = [name.strip().lstrip("-–+• ").rstrip(" ;,.") for name in addressees]
    if not names:
        return []
    if len(names) == 1:
        return [f"Kính gửi: {names[0]}."]
    return ["Kính gửi:", *(f"- {name};" for name in names[:-1]), f"- {names[-1]}."]


def closing_sentence(text: str) -> str:
    """Return ``text`` ending with N30's closing mark "./."."""
    if text.endswith(CLOSING_MARK):
        return text
    return text.rstrip(" .") + CLOSING_MARK


def flatten_blocks(blocks: list[Block], plan: PlanTable | None = None) -> list[BodyItem]:
    """Return the body as a flat sequence of paragraphs and tables, numbered.

    Numbers count blocks of the same kind among their siblings: phần I, II, ...; mục I, II,
    ... (restarting in each phần); khoản 1, 2, ...; điểm a), b), ... A block's ``so``
    replaces its printed number but still counts. ``plan`` is the task table a report's
    ``nhiem_vu`` blocks answer.
    """
    items: list[BodyItem] = []
    counters = {"phan": 0, "muc": 0, "khoan": 0, "diem": 0}
    for block in blocks:
        if isinstance(block, Part):
            counters["phan"] += 1
            label = block.so or f"Phần {roman(counters['phan'])}"
            items.append(BodyParagraph("phan", (Span(label),)))
            items.append(BodyParagraph("phan_tieu_de", (Span(upper_vi(block.phan)),)))
            items += flatten_blocks(block.noi_dung, plan)
        elif isinstance(block, Section):
            counters["muc"] += 1
            label = block.so or f"{roman(counters['muc'])}."
            items.append(BodyParagraph("muc", (Span(f"{label} {upper_vi(block.muc)}"),)))
            items += flatten_blocks(block.noi_dung, plan)
        elif isinstance(block, Clause):
            counters["khoan"] += 1
            label = block.so or f"{counters['khoan']}."
            if block.noi_dung:
                items.append(BodyParagraph("khoan_tieu_de", (Span(f"{label} {block.khoan}"),)))
                items += flatten_blocks(block.noi_dung, plan)
            else:
                items.append(BodyParagraph("doan", _numbered(label, block.khoan)))
        elif isinstance(block, Point):
            counters["diem"] += 1
            label = block.so or point_label(counters["diem"])
            items.append(BodyParagraph("doan", (Span(f"{label} "), *parse_inline(block.diem))))
            items += flatten_blocks(block.noi_dung, plan)
        elif isinstance(block, DashItems):
            items += dash_paragraphs(block)
        elif isinstance(block, Table):
            items.append(table_view(block.bang))
        elif isinstance(block, FiguresBlock):
            items.append(figures_view(block.so_lieu))
        elif isinstance(block, TaskResultsBlock):
            if plan is None:  # resolution reports a nhiem_vu block without a plan
                raise ValueError("a nhiem_vu block needs the report's plan")
            items.append(task_results_view(block.nhiem_vu, plan))
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


def dash_item(text: str, mark: str = "-") -> Rich:
    """Return an item "- text" (or "+ text"), accepting text that already starts with a mark."""
    stripped = text.lstrip("-–•+ ").strip() if text[:1] in "-–•+" else text
    return (Span(f"{mark} "), *parse_inline(stripped))


def dash_paragraphs(block: DashItems) -> list[BodyParagraph]:
    """Return the "-" items of ``block`` and the "+" items under them, in order.

    A line written with a leading "+" is a "+" item, not turned into a dash.
    """
    paragraphs: list[BodyParagraph] = []
    for entry in block.gach:
        if isinstance(entry, DashItem):
            paragraphs.append(BodyParagraph("gach", dash_item(entry.y)))
            paragraphs += [BodyParagraph("gach_cong", dash_item(line, "+")) for line in entry.cong]
        elif entry.startswith("+"):
            paragraphs.append(BodyParagraph("gach_cong", dash_item(entry, "+")))
        else:
            paragraphs.append(BodyParagraph("gach", dash_item(entry)))
    return paragraphs


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


def plain_cell(text: str, bold: bool = False) -> list[Rich]:
    """Return a table cell of one paragraph holding ``text``; an empty text is an empty cell."""
    return [(Span(text, bold=bold),)] if text else []


def figures_view(figures: Figures) -> TableView:
    """Return a figures table with its totals computed and numbers in Vietnamese format.

    Row totals (``tong_cot``), column totals (``tong_hang``) and each row's share of the
    grand total (``ty_le``, "12,5%") are computed here, never typed.
    """
    keys = list(figures.cot)
    rows_values = [[int((row.model_extra or {})[key]) for key in keys] for row in figures.dong]
    numeric_titles = list(figures.cot.values())
    if figures.tong_cot is not None:
        numeric_titles.append(figures.tong_cot)
    if figures.ty_le is not None:
        numeric_titles.append(figures.ty_le)
    number_cm = NUMBER_COLUMN_CM if figures.so_thu_tu else 0.0
    available = PAGE.text_width.cm - number_cm
    figure_cm = min(FIGURE_COLUMN_MAX_CM, (available - FIGURE_LABEL_MIN_CM) / len(numeric_titles))
    columns = [ColumnView("TT", number_cm, "giua")] if figures.so_thu_tu else []
    columns.append(ColumnView(figures.tieu_de, available - figure_cm * len(numeric_titles)))
    columns += [ColumnView(title, figure_cm, "giua") for title in numeric_titles]
    grand_total = sum(sum(values) for values in rows_values)

    def numbers(values: list[int], bold: bool) -> list[list[Rich]]:
        cells = [plain_cell(format_number(value), bold) for value in values]
        if figures.tong_cot is not None:
            cells.append(plain_cell(format_number(sum(values)), bold))
        if figures.ty_le is not None:
            share = 100 * sum(values) / grand_total if grand_total else 0.0
            cells.append(plain_cell(format_percent(share), bold))
        return cells

    rows: list[RowView] = []
    for index, (row, values) in enumerate(zip(figures.dong, rows_values, strict=True), 1):
        number = [plain_cell(str(index), True)] if figures.so_thu_tu else []
        rows.append(RowView([*number, [parse_inline(row.ten)], *numbers(values, False)]))
    if figures.tong_hang is not None:
        totals = [sum(column) for column in zip(*rows_values, strict=True)]
        number = [[]] if figures.so_thu_tu else []
        rows.append(RowView([*number, plain_cell(figures.tong_hang, True), *numbers(totals, True)]))
    return TableView(columns, rows, numbered=figures.so_thu_tu)


def _column_widths(columns: list[Column], width_cm: float) -> list[float]:
    """Return the widths of ``columns`` scaled to fill ``width_cm``, unsized ones sharing."""
    given = sum(c.rong for c in columns if c.rong is not None)
    unsized = [c for c in columns if c.rong is None]
    share = max(width_cm - given, 1.0) / len(unsized) if unsized else 0.0
    natural = [c.rong if c.rong is not None else share for c in columns]
    scale = width_cm / sum(natural) if sum(natural) else 1.0
    return [width * scale for width in natural]


def task_results_view(results: TaskResults, plan: PlanTable) -> TableView:
    """Return the plan's tasks answered in ``results``, with the plan's own cells and the
    result of each in a last column; group rows as the plan prints them."""
    # The number column keeps its width; the plan's text columns make room for the result.
    number = [plan.numbered] if plan.numbered else []
    number_widths = [c.rong or NUMBER_COLUMN_CM for c in number]
    room = PAGE.text_width.cm - results.rong - sum(number_widths)
    widths = number_widths + _column_widths(list(plan.columns), room)
    columns = [
        ColumnView(column.tieu_de, width, column.canh)
        for column, width in zip([*number, *plan.columns], widths, strict=True)
    ]
    columns.append(ColumnView(results.tieu_de, results.rong))
    numbered = plan.numbered is not None
    rows: list[RowView] = []
    shown_group: str | None = None
    for task in plan.tasks:
        if task.ref not in results.ket_qua:
            continue
        if task.group is not None and task.group != shown_group:
            shown_group = task.group
            group = next(g for g in plan.groups if g.ref == task.group)
            heading: list[list[Rich]] = [[(Span(group.title, bold=True),)]]
            label: list[list[Rich]] = [plain_cell(group.label, True)] if numbered else []
            blanks: list[list[Rich]] = [[] for _ in range(len(plan.columns))]
            rows.append(RowView([*label, *heading, *blanks], True))
        cells: list[list[Rich]] = (
            [plain_cell(task.ref.rsplit(".", 1)[-1], True)] if numbered else []
        )
        cells += [[parse_inline(line) for line in lines] for lines in task.cells]
        cells.append([parse_inline(line) for line in results.ket_qua[task.ref]])
        rows.append(RowView(cells))
    return TableView(columns, rows, numbered=numbered)
