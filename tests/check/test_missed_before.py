"""What the checker used to miss on real documents (issue 9, "Missed"): Số and the date on
different lines, a Quốc hiệu too wide for its column, a document typed without diacritics."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from docgen.check.checker import ERROR, check
from docgen.check.inspect import inspect_file
from tests.check.docbuilder import Built, build, set_size, set_text


def rules(path: Path) -> list[str]:
    """Return the rule ids of the findings of the document at ``path``."""
    return sorted(finding.rule for finding in check(inspect_file(path)))


def test_the_compliant_document_has_none_of_these() -> None:
    found = rules(build())
    assert not {"SO.DATE_ROW", "QUOC_HIEU.WRAP", "TEXT.NO_DIACRITICS"} & set(found)


def test_a_date_below_the_number_row_is_reported() -> None:
    def mutate(built: Built) -> None:
        table = built.tables["header"]
        row = table.add_row()
        date = built["ngay"]
        source = date._p.getparent()
        row.cells[1]._tc.append(date._p)
        source.append(
            Paragraph(source.makeelement(date._p.tag), None)._p
        )  # a cell keeps a paragraph

    findings = [f for f in check(inspect_file(build(mutate=mutate))) if f.rule == "SO.DATE_ROW"]
    assert len(findings) == 1 and findings[0].severity == ERROR
    assert findings[0].found == "số ở hàng 2, ngày tháng ở hàng 3"


def test_a_quoc_hieu_wider_than_its_column_is_reported() -> None:
    def mutate(built: Built) -> None:
        table = built.tables["header"]
        narrow = str(int(Cm(7.5).twips))  # 13 pt bold needs about 9 cm
        for cell in table.columns[1].cells:
            cell._tc.get_or_add_tcPr().get_or_add_tcW().set(qn("w:w"), narrow)
        table._tbl.tblGrid.findall(qn("w:gridCol"))[1].set(qn("w:w"), narrow)

    assert rules(build(mutate=mutate)) == ["QUOC_HIEU.WRAP"]


def test_an_oversized_quoc_hieu_is_one_finding_not_two() -> None:
    def mutate(built: Built) -> None:
        set_size(built["quoc_hieu"], 15)

    assert "QUOC_HIEU.WRAP" not in rules(build(mutate=mutate))


def _all_paragraphs(built: Built) -> Iterator[Paragraph]:
    yield from built.document.paragraphs
    for table in built.document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_a_document_typed_without_diacritics_gets_one_finding() -> None:
    def strip(text: str) -> str:
        bare = "".join(
            c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
        )
        return bare.replace("đ", "d").replace("Đ", "D")

    def mutate(built: Built) -> None:
        for paragraph in _all_paragraphs(built):
            if paragraph.runs and paragraph.text:
                set_text(paragraph, strip(paragraph.text))

    findings = check(inspect_file(build(mutate=mutate)))
    assert [(f.rule, f.severity) for f in findings] == [("TEXT.NO_DIACRITICS", ERROR)]
    assert "CONG HOA XA HOI" in findings[0].excerpt


def test_a_titled_khoan_not_bold_is_reported_and_a_sentence_khoan_is_not() -> None:
    def mutate(built: Built) -> None:
        title = built.find("1. Mục đích")
        for run in title.runs:
            run.bold = False

    findings = [f for f in check(inspect_file(build(mutate=mutate))) if f.rule == "KHOAN.BOLD"]
    assert [(f.severity, f.excerpt) for f in findings] == [(ERROR, "1. Mục đích")]


def test_a_numbered_sentence_may_be_plain() -> None:
    def mutate(built: Built) -> None:
        sentence = built.find("2. Yêu cầu")
        set_text(sentence, "2. Yêu cầu: triển khai thiết thực, hiệu quả.")
        for run in sentence.runs:
            run.bold = False

    assert "KHOAN.BOLD" not in rules(build(mutate=mutate))
