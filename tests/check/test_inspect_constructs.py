"""Constructs of documents as offices write them: each gives exactly the expected findings.

The documents are :mod:`tests.check.docbuilder`'s compliant ones (no finding) rewritten by a
construct of :mod:`tests.check.constructs`; a construct that means the same thing must still
give no finding, one that breaks a rule exactly that rule's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen.check.checker import check
from docgen.check.facts import DocumentFacts
from docgen.check.inspect import inspect_file
from docgen.rules import n30
from tests.check import constructs
from tests.check.docbuilder import KE_HOACH_BODY, W_NS, Built, Spec, body_paragraph, build

Mutation = Callable[[Built], None]


def rules(path: Path) -> list[str]:
    return sorted(finding.rule for finding in check(inspect_file(path)))


def facts_of(mutate: Mutation, tmp_path: Path, spec: Spec | None = None) -> DocumentFacts:
    return inspect_file(build(spec, mutate, tmp_path))


def test_compliant_base_has_no_finding(tmp_path: Path) -> None:
    assert rules(build(directory=tmp_path)) == []


def _line_as_shape(name: str, draw: Callable[..., None]) -> Mutation:
    """Redraw the line ``name`` (ke_co_quan or ke_tieu_ngu) with ``draw``, its length kept."""

    def mutate(built: Built) -> None:
        paragraph = built[name]
        if name == "ke_tieu_ngu":
            length = int(n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True))
        else:
            widest = max(n30.text_width(t, Pt(13), True) for t in built.spec.agency)
            length = int(widest * 0.4)
            borders = paragraph._p.pPr.find(qn("w:pBdr"))
            paragraph._p.pPr.remove(borders)
        draw(paragraph, length)

    return mutate


CONSTRUCTS: list[tuple[str, Mutation, list[str]]] = [
    ("jc-start-end", constructs.jc_start_end, []),
    ("jc-start-on-body", constructs.jc_start_on_body, ["BODY.ALIGN"]),
    ("east-asia-theme-slots", constructs.east_asia_theme, []),
    ("cjk-in-east-asian-slot", constructs.east_asian_characters, ["FONT"]),
    ("hint-east-asia-quotes", constructs.hint_east_asia_quotes, []),
    ("margins-25.01mm", constructs.word_rounded_margins, []),
    ("margin-25.2mm", constructs.bottom_margin_25_2, ["MARGIN_BOTTOM"]),
    ("page-number-content-control", constructs.page_number_in_content_control, []),
    ("page-number-simple-field", constructs.page_number_simple_field, []),
    ("page-number-text-box", constructs.page_number_in_text_box, []),
    (
        "tieu-ngu-line-alternate-content",
        _line_as_shape("ke_tieu_ngu", constructs.alternate_content_line),
        [],
    ),
    ("tieu-ngu-line-vml-shape", _line_as_shape("ke_tieu_ngu", constructs.vml_straight_shape), []),
    ("agency-line-vml-shape", _line_as_shape("ke_co_quan", constructs.vml_straight_shape), []),
]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [pytest.param(mutate, expected, id=name) for name, mutate, expected in CONSTRUCTS],
)
def test_construct_gives_exact_findings(
    mutate: Mutation, expected: list[str], tmp_path: Path
) -> None:
    assert rules(build(mutate=mutate, directory=tmp_path)) == expected


def test_one_page_document_needs_no_page_number(tmp_path: Path) -> None:
    path = build(Spec(page_number="none"), directory=tmp_path)
    constructs.set_saved_statistics(path, pages=1, words=350)
    assert inspect_file(path).page_count == 1
    assert rules(path) == []


def test_longer_document_without_page_number_is_reported(tmp_path: Path) -> None:
    path = build(Spec(page_number="none"), directory=tmp_path)
    constructs.set_saved_statistics(path, pages=3, words=900)
    assert inspect_file(path).page_count == 3
    assert rules(path) == ["PAGE_NUMBER.MISSING"]


def test_one_page_estimated_without_statistics(tmp_path: Path) -> None:
    """No trustworthy statistics (python-docx's template: 0 words): the text says one page
    (LibreOffice lays this document out on one page too)."""
    spec = Spec(page_number="none", can_cu=(), body=(KE_HOACH_BODY[0], KE_HOACH_BODY[-1]))
    path = build(spec, directory=tmp_path)
    assert inspect_file(path).page_count == 1
    assert rules(path) == []


def test_stale_statistics_are_not_trusted(tmp_path: Path) -> None:
    """python-docx's blank template says 1 page and 0 words whatever the text: estimated."""
    path = build(directory=tmp_path)
    constructs.set_saved_statistics(path, pages=1, words=0)
    facts = inspect_file(path)
    assert facts.page_count is not None and facts.page_count >= 1


def test_page_number_found_in_content_control(tmp_path: Path) -> None:
    facts = facts_of(constructs.page_number_in_content_control, tmp_path)
    number = facts.sections[0].page_number
    assert number is not None and number.alignment == "center"


def test_alternate_content_line_counts_once(tmp_path: Path) -> None:
    length = int(n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True))
    facts = facts_of(_line_as_shape("ke_tieu_ngu", constructs.alternate_content_line), tmp_path)
    (line,) = [p for p in facts.paragraphs if p.drawn_lines]
    assert line.drawn_lines == [length]


def test_vml_straight_shape_length_in_emu(tmp_path: Path) -> None:
    facts = facts_of(_line_as_shape("ke_tieu_ngu", constructs.vml_straight_shape), tmp_path)
    (line,) = [p for p in facts.paragraphs if p.drawn_lines]
    length = int(n30.text_width(n30.TIEU_NGU_TEXT, Pt(13), True))
    assert abs(line.drawn_lines[0] - length) <= 12700 // 100  # 0.01 pt in the VML style


def test_top_border_of_next_paragraph(tmp_path: Path) -> None:
    def mutate(built: Built) -> None:
        constructs.top_border(built.find("Căn cứ Luật"))

    facts = facts_of(mutate, tmp_path)
    bordered = [p.text for p in facts.paragraphs if p.top_border]
    assert len(bordered) == 1 and bordered[0].startswith("Căn cứ Luật")
    assert not any(p.top_border for p in facts.paragraphs if not p.text.startswith("Căn cứ"))


def test_tabs_and_breaks_kept_in_text(tmp_path: Path) -> None:
    def mutate(built: Built) -> None:
        constructs.typed_with_tab_and_break(
            built.find("Để thực hiện thắng lợi"), "Số: 05/KH-UBND", "Đắk Hà", "V/v thi đua"
        )

    texts = [p.text for p in facts_of(mutate, tmp_path).paragraphs]
    assert "Số: 05/KH-UBND\tĐắk Hà\nV/v thi đua" in texts


def test_tracked_insertion_counts_deletion_does_not(tmp_path: Path) -> None:
    def mutate(built: Built) -> None:
        constructs.tracked_changes(built.find("Để thực hiện thắng lợi"), " THÊM", " BỎ")

    (text,) = [p.text for p in facts_of(mutate, tmp_path).paragraphs if "THÊM" in p.text]
    assert text.endswith(" THÊM") and "BỎ" not in text


def test_visible_font_resolves_east_asian_theme_slot(tmp_path: Path) -> None:
    facts = facts_of(constructs.east_asia_theme, tmp_path)
    runs = [run for p in facts.paragraphs for run in p.runs]
    assert runs and {run.visible_font for run in runs} == {n30.FONT_NAME}
    assert {run.fonts["eastAsia"] for run in runs} == {"theme:minorHAnsi"}


NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="10">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11">
  <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Điều %1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="12">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="10"/>
  <w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="12"/></w:num>
</w:numbering>"""

NUMBERED = [
    ("1", 0, "I."), ("1", 1, "1."), ("1", 2, "a)"), ("1", 2, "b)"), ("1", 1, "2."),
    ("1", 2, "a)"), ("1", 0, "II."), ("1", 1, "1."), ("2", 0, "Điều 3."), ("2", 1, "3.1."),
    ("2", 1, "3.2."), ("2", 0, "Điều 4."), ("3", 1, "1."), ("3", 1, "2."), ("4", 0, "-"),
    ("1", 1, "2."), ("0", 0, None),
]  # fmt: skip
"""(numId, level, label Word shows): a level restarts under a new higher one; list 3 shares
list 1's definition but restarts (startOverride), so it counts apart and list 1 goes on
after it; numId 0 switches numbering off."""


def test_automatic_numbering_labels(tmp_path: Path) -> None:
    def mutate(built: Built) -> None:
        numbering = built.document.part.numbering_part.element
        for child in list(numbering):
            numbering.remove(child)
        for child in parse_xml(NUMBERING):
            numbering.append(child)
        anchor = built.find("Trên đây là Kế hoạch")
        for position, (num_id, level, _) in enumerate(NUMBERED):
            paragraph = body_paragraph(built.document, f"Mục tự động {position}")
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.append(
                parse_xml(
                    f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
            anchor._p.addprevious(paragraph._p)

    facts = facts_of(mutate, tmp_path)
    labels = [p.numbering_label for p in facts.paragraphs if p.text.startswith("Mục tự động")]
    assert labels == [label for _, _, label in NUMBERED]
