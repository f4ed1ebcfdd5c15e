"""Layout of the sample plan beyond the common frame: its headings and its task table."""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn

from docgen.check.effective import run_property, text_runs
from docgen.rules import n30
from tests.render.test_frame_layout import by_style, tables


def test_headings_are_numbered_upper_case_and_bold(rendered: Document) -> None:
    sections = by_style(rendered, n30.MUC.style_id)
    assert [p.text.split(".")[0] for p in sections] == ["I", "II", "III", "IV"]
    clauses = by_style(rendered, n30.KHOAN_TIEU_DE.style_id)
    assert [p.text for p in clauses] == ["1. Mục đích", "2. Yêu cầu"]
    dashes = by_style(rendered, n30.GACH_DAU_DONG.style_id)
    assert dashes and all(p.text.startswith("- ") for p in dashes)


def test_body_table_repeats_header_and_sets_widths_on_the_grid(rendered: Document) -> None:
    table = tables(rendered)[1]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 3 and all(width > 0 for width in grid)
    assert sum(grid) <= round(n30.PAGE.text_width.twips) + 1
    first_row = table.rows[0]._tr
    assert first_row.trPr.find(qn("w:tblHeader")) is not None
    for row in table.rows[1:]:
        assert [round(cell.width.twips) for cell in row.cells] == grid
    number_cells = [row.cells[0].paragraphs[0] for row in table.rows[1:]]
    assert all(run_property(rendered, p, r, "bold") for p in number_cells for r in text_runs(p))


def test_table_cells_keep_emphasis_from_the_data(rendered: Document) -> None:
    table = tables(rendered)[1]
    unit = table.cell(2, 2)
    italic = [p for p in unit.paragraphs if p.text.startswith("(Cơ quan thường trực")]
    assert italic
    for paragraph in italic:
        assert all(run_property(rendered, paragraph, run, "italic") for run in text_runs(paragraph))
