"""``docgen check --fix``: corrects what is mechanical, reports it, never touches wording."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor

from docgen import api
from docgen.check.checker import check
from docgen.check.fix import FIXABLE_PREFIXES
from docgen.check.inspect import inspect_file
from docgen.render.pdf import soffice_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return api.render_file(ROOT / "data" / "kehoach-tdkt-2024.yaml", tmp_path_factory.mktemp("s"))


def body_paragraphs(document: Document) -> list[docx.text.paragraph.Paragraph]:
    body_styles = {"N30NoiDung", "N30GachDauDong"}
    return [p for p in document.paragraphs if p.style.style_id in body_styles and p.text]


def landscape_letter(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(279), Mm(216)


def wide_margins(document: Document) -> None:
    section = document.sections[0]
    section.left_margin, section.right_margin = Mm(25.4), Mm(25.4)
    section.top_margin, section.bottom_margin = Mm(15), Mm(30)


def arial_and_red(document: Document) -> None:
    for paragraph in body_paragraphs(document)[:5]:
        for run in paragraph.runs:
            run.font.name = "Arial"
            run.font.color.rgb = RGBColor(0xFF, 0, 0)


def sloppy_body(document: Document) -> None:
    for paragraph in body_paragraphs(document)[:8]:
        layout = paragraph.paragraph_format
        layout.alignment = WD_ALIGN_PARAGRAPH.LEFT
        layout.first_line_indent = Cm(0.5)
        layout.space_after = Pt(0)
        layout.line_spacing = 2.0
        for run in paragraph.runs:
            run.font.size = Pt(12)


def numbers_in_footer(document: Document) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = False
    header = section.header.paragraphs[0]
    footer = section.footer.paragraphs[0]
    for run in list(header.runs):
        footer._p.append(run._r)


def closing_row_may_split(document: Document) -> None:
    """The Nơi nhận – signature row allowed to break across pages (Word's default)."""
    row = document.tables[-1].rows[0]._tr
    assert "Nơi nhận" in "".join(row.itertext())
    for flag in row.iter(qn("w:cantSplit")):
        flag.getparent().remove(flag)


BREAKAGES: dict[str, Callable[[Document], None]] = {
    "landscape-letter": landscape_letter,
    "wide-margins": wide_margins,
    "arial-and-red": arial_and_red,
    "sloppy-body": sloppy_body,
    "page-number-in-footer-and-on-page-1": numbers_in_footer,
    "closing-row-may-split": closing_row_may_split,
}
ADDS_A_PAGE = {"sloppy-body"}
"""Breakages whose fix changes the page count (verified with LibreOffice): refused."""


def break_copy(sample: Path, tmp_path: Path, breakage: Callable[[Document], None]) -> Path:
    document = docx.Document(str(sample))
    breakage(document)
    target = tmp_path / "broken.docx"
    document.save(str(target))
    return target


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_fix_corrects_what_it_claims(sample: Path, tmp_path: Path, name: str) -> None:
    broken = break_copy(sample, tmp_path, BREAKAGES[name])
    before = check(inspect_file(broken))
    assert before, "the breakage must be detected"
    assert any(finding.rule.startswith(FIXABLE_PREFIXES) for finding in before), before
    fixed = tmp_path / "fixed.docx"
    changes, remaining = api.fix_file(broken, fixed)
    assert changes.changes
    if name in ADDS_A_PAGE and soffice_path() is not None:
        # 14 pt body text makes the plan a page longer: the fix is refused, nothing written.
        assert changes.refused is not None and "trang" in changes.refused
        assert not fixed.exists()
        return
    assert remaining.findings == []
    assert check(inspect_file(fixed)) == []


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_fix_never_changes_wording(sample: Path, tmp_path: Path, name: str) -> None:
    broken = break_copy(sample, tmp_path, BREAKAGES[name])
    fixed = tmp_path / "fixed.docx"
    changes, _ = api.fix_file(broken, fixed)
    if changes.refused is not None:
        fixed = broken  # nothing written: the source is all there is
    texts = [[p.text for p in docx.Document(str(path)).paragraphs] for path in (broken, fixed)]
    assert texts[0] == texts[1]


def test_fix_leaves_the_source_untouched_and_reports_nothing_for_a_clean_file(
    sample: Path, tmp_path: Path
) -> None:
    original = sample.read_bytes()
    changes, remaining = api.fix_file(sample, tmp_path / "same.docx")
    assert changes.changes == []
    assert remaining.findings == []
    assert sample.read_bytes() == original


def test_fix_reports_what_it_cannot_fix(sample: Path, tmp_path: Path) -> None:
    def wrong_number(document: Document) -> None:
        for table in document.tables[:1]:
            paragraph = table.cell(1, 0).paragraphs[0]
            paragraph.runs[0].text = "Số: 5/KH-UBND"

    broken = break_copy(sample, tmp_path, wrong_number)
    _, remaining = api.fix_file(broken, tmp_path / "fixed.docx")
    assert [finding.rule for finding in remaining.findings] == ["SO.LEADING_ZERO"]


def test_fix_keeps_a_landscape_list_landscape(tmp_path: Path) -> None:
    """The attached list's own landscape section is allowed: --fix corrects its margins and
    the list's body paragraph, but does not turn its pages upright."""
    from tests.check.docbuilder import DECISION_WITH_LIST, Built, build

    def sloppy_list(built: Built) -> None:
        built.document.sections[1].left_margin = Mm(25.4)
        built["ds_tong"].paragraph_format.first_line_indent = None

    broken = build(DECISION_WITH_LIST, sloppy_list, tmp_path, name="quyet-dinh.docx")
    assert sorted(f.rule for f in check(inspect_file(broken))) == ["BODY.INDENT", "MARGIN_LEFT"]
    fixed = tmp_path / "fixed.docx"
    changes, remaining = api.fix_file(broken, fixed)
    assert changes.changes and remaining.findings == []
    section = docx.Document(str(fixed)).sections[1]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(Length(section.page_width or 0).mm) == 297
    assert round(Length(section.page_height or 0).mm) == 210
