"""Numbering, N30 text forms and tables in the template context."""

from __future__ import annotations

from pydantic import TypeAdapter

from docgen.context import BodyParagraph, TableView, closing_sentence, dash_item, flatten_blocks
from docgen.inline import Span, plain_text
from docgen.models.blocks import Block, TableSpec

BLOCKS = TypeAdapter(list[Block])


def texts(items: list[object]) -> list[str]:
    return [plain_text(item.runs) for item in items if isinstance(item, BodyParagraph)]


def test_sections_clauses_points_are_numbered_among_siblings() -> None:
    blocks = BLOCKS.validate_python([
        {"muc": "mục đích", "noi_dung": [
            {"khoan": "Tiêu đề", "noi_dung": [{"diem": "một"}, {"diem": "hai"}]},
            {"khoan": "Câu thứ hai."},
        ]},
        {"muc": "Tổ chức", "so": "V.", "noi_dung": ["Đoạn."]},
        {"muc": "Sau"},
    ])  # fmt: skip
    assert texts(flatten_blocks(blocks)) == [
        "I. MỤC ĐÍCH", "1. Tiêu đề", "a) một", "b) hai", "2. Câu thứ hai.",
        "V. TỔ CHỨC", "Đoạn.", "III. SAU",
    ]  # fmt: skip


def test_untitled_clause_number_is_bold_and_joins_a_bold_lead() -> None:
    [plain] = flatten_blocks(BLOCKS.validate_python([{"khoan": "Văn bản."}]))
    assert isinstance(plain, BodyParagraph) and plain.runs[0] == Span("1.", bold=True)
    [lead] = flatten_blocks(BLOCKS.validate_python([{"khoan": "**Phòng A** làm."}]))
    assert isinstance(lead, BodyParagraph) and lead.runs[0] == Span("1. Phòng A", bold=True)


def test_dash_items_get_exactly_one_dash() -> None:
    assert plain_text(dash_item("- có sẵn")) == "- có sẵn"
    assert plain_text(dash_item("chưa có")) == "- chưa có"


def test_closing_sentence_ends_with_mark_once() -> None:
    assert closing_sentence("Trên đây là kế hoạch.") == "Trên đây là kế hoạch./."
    assert closing_sentence("Xong./.") == "Xong./."


def test_table_numbers_restart_after_groups_and_widths_fill_the_page() -> None:
    spec = TableSpec.model_validate({
        "so_thu_tu": {"tieu_de": "TT", "rong": 1.5},
        "cot": {"a": {"tieu_de": "A"}, "b": {"tieu_de": "B"}},
        "dong": [{"nhom": "Nhóm"}, {"a": "x", "b": []}, {"a": "y", "b": "z"}, {"nhom": "Hai"},
                 {"a": "w", "b": "v", "so": "9"}],
    })  # fmt: skip
    [view] = flatten_blocks(BLOCKS.validate_python([{"bang": spec.model_dump()}]))
    assert isinstance(view, TableView)
    numbers = [plain_text(row.cells[0][0]) for row in view.rows]
    assert numbers == ["I", "1", "2", "II", "9"]
    assert [c.width_cm for c in view.columns] == [1.5, 7.5, 7.5]
    assert view.rows[1].cells[2] == []
