"""The sample data reproduces the reference plan word for word, paragraph by paragraph."""

from __future__ import annotations

import re
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from docgen.rules import n30


def normalize(text: str) -> str:
    """Return ``text`` with runs of whitespace folded to one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


def body_items(document: Document) -> list[Paragraph | Table]:
    """Return the top-level paragraphs (with text) and tables of the body, in order."""
    items: list[Paragraph | Table] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, document)
            if paragraph.text.strip():
                items.append(paragraph)
        elif element.tag == qn("w:tbl"):
            items.append(Table(element, document))
    return items


def cell_lines(table: Table, row: int, column: int) -> list[str]:
    return [normalize(p.text) for p in table.cell(row, column).paragraphs if p.text.strip()]


def table_text(table: Table) -> list[list[str]]:
    return [
        [normalize(" ".join(p.text for p in cell.paragraphs)) for cell in row.cells]
        for row in table.rows
    ]


def test_document_is_header_body_closing(rendered: Document) -> None:
    items = body_items(rendered)
    assert isinstance(items[0], Table)
    assert isinstance(items[-1], Table)
    assert sum(isinstance(item, Table) for item in items) == 3


def test_header_text(rendered: Document, expected: dict[str, Any]) -> None:
    header = body_items(rendered)[0]
    assert isinstance(header, Table)
    assert cell_lines(header, 0, 0) == ["ỦY BAN NHÂN DÂN", "HUYỆN ĐẮK HÀ"]
    assert cell_lines(header, 0, 1) == [n30.QUOC_HIEU_TEXT, n30.TIEU_NGU_TEXT]
    assert cell_lines(header, 1, 0) == [expected["so"]]
    assert cell_lines(header, 1, 1) == [expected["dia_danh_ngay"]]


def test_draft_blanks_are_left_for_number_and_date(rendered: Document) -> None:
    header = body_items(rendered)[0]
    assert isinstance(header, Table)
    assert header.cell(1, 0).paragraphs[0].text == "Số:      /KH-UBND"
    assert header.cell(1, 1).paragraphs[0].text == "Đắk Hà, ngày      tháng      năm 2024"


def test_title_and_body_text_match_reference(rendered: Document, expected: dict[str, Any]) -> None:
    items = body_items(rendered)[1:-1]
    found: list[Any] = []
    for item in items:
        found.append(
            {"table": table_text(item)} if isinstance(item, Table) else normalize(item.text)
        )
    wanted = [expected["ten_loai"], expected["trich_yeu"], *expected["body"]]
    wanted = [item if isinstance(item, str) else {"table": item["table"]} for item in wanted]
    assert len(found) == len(wanted)
    for index, (got, want) in enumerate(zip(found, wanted, strict=True)):
        assert got == want, f"paragraph {index}"


def test_closing_text_matches_reference(rendered: Document, expected: dict[str, Any]) -> None:
    closing = body_items(rendered)[-1]
    assert isinstance(closing, Table)
    assert cell_lines(closing, 0, 0) == expected["noi_nhan"]
    assert cell_lines(closing, 0, 1) == expected["chu_ky"]


def test_output_text_is_nfc(rendered: Document) -> None:
    import unicodedata

    for paragraph in rendered.paragraphs:
        assert unicodedata.is_normalized("NFC", paragraph.text)
