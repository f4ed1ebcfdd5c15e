"""Effective formatting follows Word's order: direct, character style, paragraph style chain,
table style, document defaults."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from docgen.check.effective import paragraph_property, run_property
from docgen.check.inspect import inspect_file


def table_style(document: Document) -> str:
    """Add a table style that makes text bold, 11 pt and centred; return its id."""
    style = document.styles.add_style("Bold Table", WD_STYLE_TYPE.TABLE)
    p_pr = OxmlElement("w:pPr")
    justification = OxmlElement("w:jc")
    justification.set(qn("w:val"), "center")
    p_pr.append(justification)
    r_pr = OxmlElement("w:rPr")
    r_pr.append(OxmlElement("w:b"))
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "22")
    r_pr.append(size)
    style.element.append(p_pr)
    style.element.append(r_pr)
    return style.style_id


def cell_paragraph(document: Document, style_id: str, text: str = "ô") -> Paragraph:
    table = document.add_table(rows=1, cols=1)
    table._tbl.tblPr.append(OxmlElement("w:tblStyle"))
    table._tbl.tblPr[-1].set(qn("w:val"), style_id)
    paragraph = table.cell(0, 0).paragraphs[0]
    paragraph.add_run(text)
    return paragraph


def test_table_style_applies_below_the_paragraph_style() -> None:
    document = docx.Document()
    paragraph = cell_paragraph(document, table_style(document))
    run = paragraph.runs[0]
    assert run_property(document, paragraph, run, "bold") is True
    assert run_property(document, paragraph, run, "size") == Pt(11)
    assert paragraph_property(document, paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_paragraph_style_and_direct_formatting_override_the_table_style() -> None:
    document = docx.Document()
    paragraph = cell_paragraph(document, table_style(document))
    heading = document.styles.add_style("Plain Left", WD_STYLE_TYPE.PARAGRAPH)
    heading.font.bold = False
    heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    paragraph.style = heading
    run = paragraph.runs[0]
    assert run_property(document, paragraph, run, "bold") is False
    assert paragraph_property(document, paragraph, "alignment") == WD_ALIGN_PARAGRAPH.LEFT
    run.font.size = Pt(14)
    assert run_property(document, paragraph, run, "size") == Pt(14)


def test_character_style_sits_between_direct_and_paragraph_formatting() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("x")
    emphasis = document.styles.add_style("Nghiêng", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.italic = True
    run.style = emphasis
    assert run_property(document, paragraph, run, "italic") is True
    run.font.italic = False
    assert run_property(document, paragraph, run, "italic") is False


def test_theme_fonts_are_reported_as_such() -> None:
    document = docx.Document()  # python-docx's default template uses theme fonts
    paragraph = document.add_paragraph()
    run = paragraph.add_run("x")
    assert str(run_property(document, paragraph, run, "ascii")).startswith("theme:")


def test_paragraphs_inside_content_controls_are_read(tmp_path: Path) -> None:
    """Word wraps blocks in content controls (w:sdt); their paragraphs are part of the text."""
    document = docx.Document()
    document.add_paragraph("trước")
    inside = document.add_paragraph("bên trong")
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    control.append(content)
    inside._p.addprevious(control)
    content.append(inside._p)
    document.add_paragraph("sau")
    path = tmp_path / "sdt.docx"
    document.save(str(path))
    texts = [paragraph.text for paragraph in inspect_file(path).paragraphs]
    assert texts == ["trước", "bên trong", "sau"]
