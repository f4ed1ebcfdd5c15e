"""The reading layer resolves formatting once per kind of paragraph and run (issue "Linear-time
checking"); what it shares must never leak between paragraphs formatted differently."""

from __future__ import annotations

import random

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen.check.effective import FONT_SLOTS, first_child, paragraph_property, run_property
from docgen.check.inspect import _script_slot, _visible_font, inspect_document


def naive_visible_font(
    text: str, fonts: dict[str, str | None], hint: str | None, complex_script: bool
) -> str | None:
    """The visible font counted character by character, as the definition says."""
    counts: dict[str, int] = {}
    for char in text:
        slot = "cs" if complex_script else _script_slot(char, hint == "eastAsia")
        if slot is not None:
            counts[slot] = counts.get(slot, 0) + 1
    if not counts:
        return fonts.get("ascii")
    return fonts.get(max(counts, key=lambda name: (counts[name], -FONT_SLOTS.index(name))))


def test_visible_font_counts_as_the_definition_says() -> None:
    fonts = {slot: f"font-{slot}" for slot in FONT_SLOTS}
    alphabet = [*"ab1 \t\x1c\xa0\u3000ệữĐ中한א、\u2014\u00b7", "\U00020001"]
    picker = random.Random(30)
    for _ in range(20_000):
        text = "".join(picker.choice(alphabet) for _ in range(picker.randint(0, 9)))
        for hint in (None, "eastAsia"):
            for complex_script in (False, True):
                expected = naive_visible_font(text, fonts, hint, complex_script)
                assert _visible_font(text, fonts, hint, complex_script) == expected, text


def test_first_child_is_find() -> None:
    p_pr = OxmlElement("w:pPr")
    for tag in ("w:pStyle", "w:jc", "w:spacing", "w:jc"):
        p_pr.append(OxmlElement(tag))
    for tag in ("w:pStyle", "w:jc", "w:spacing", "w:ind"):
        assert first_child(p_pr, qn(tag)) is p_pr.find(qn(tag))
    assert first_child(OxmlElement("w:pPr"), qn("w:jc")) is None


def test_paragraphs_written_alike_share_nothing_else() -> None:
    """Same pPr in and out of a styled table, same rPr in differently styled paragraphs."""
    document = docx.Document()
    table_style = document.styles.add_style("Giữa", WD_STYLE_TYPE.TABLE)
    p_pr = OxmlElement("w:pPr")
    justification = OxmlElement("w:jc")
    justification.set(qn("w:val"), "center")
    p_pr.append(justification)
    table_style.element.append(p_pr)
    heading = document.styles.add_style("Đậm", WD_STYLE_TYPE.PARAGRAPH)
    heading.font.bold = True
    heading.font.size = Pt(15)
    outside = document.add_paragraph()
    outside.add_run("ngoài bảng")
    table = document.add_table(rows=1, cols=1)
    table._tbl.tblPr.append(OxmlElement("w:tblStyle"))
    table._tbl.tblPr[-1].set(qn("w:val"), table_style.style_id)
    inside = table.cell(0, 0).paragraphs[0]
    inside.add_run("trong bảng")
    bold = document.add_paragraph(style=heading)
    bold.add_run("đậm")
    facts = inspect_document(document).paragraphs
    assert [paragraph.alignment for paragraph in facts] == ["left", "center", "left"]
    assert [paragraph.runs[0].bold for paragraph in facts] == [False, False, True]
    assert facts[2].runs[0].size == Pt(15)
    assert facts[0].runs[0].fonts is not facts[1].runs[0].fonts


def test_changes_are_seen_by_the_next_reading() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("x")
    assert paragraph_property(document, paragraph, "alignment") is None
    assert run_property(document, paragraph, run, "bold") is False
    paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run.font.bold = True
    assert paragraph_property(document, paragraph, "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
    assert run_property(document, paragraph, run, "bold") is True
    assert inspect_document(document).paragraphs[0].alignment == "right"
