"""``--fix`` acts only on what it identified with certainty, and keeps a fix only when the
text, the findings and the page count show it did no harm (else the file is left as is)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Pt

from docgen import api
from docgen.check import fix
from docgen.check.checker import check
from docgen.check.inspect import inspect_file
from docgen.check.roles import identify
from docgen.cli import main
from docgen.render.pdf import soffice_path
from tests.check import office_constructs as oc
from tests.check.docbuilder import CONG_VAN, Built, build

needs_libreoffice = pytest.mark.skipif(soffice_path() is None, reason="cần LibreOffice")


def _layout(path: Path) -> dict[str, tuple[object, ...]]:
    """Return the alignment, indents and run sizes of the V/v, Kính gửi and Nơi nhận lines."""
    facts = inspect_file(path)
    roles = identify(facts)
    indexes = {
        "vv": roles.vv,
        "kinh_gui": roles.kinh_gui,
        "noi_nhan": roles.noi_nhan,
    }
    layout: dict[str, tuple[object, ...]] = {}
    for name, positions in indexes.items():
        for index in positions:
            p = facts.paragraphs[index]
            layout[f"{name}{index}"] = (
                p.alignment,
                p.first_line_indent,
                p.left_indent,
                tuple(run.size for run in p.runs),
            )
    return layout


def test_fix_leaves_vv_kinh_gui_and_recipients_alone(tmp_path: Path) -> None:
    """The damage case: on a công văn with a typed header, --fix once justified and indented
    the V/v line, indented Kính gửi and enlarged 11 pt recipients to 14 pt."""
    source = oc.damage_case()
    target = tmp_path / "da-sua.docx"
    before = _layout(source)
    assert any(size == Pt(11) for sizes in before.values() for size in sizes[3])  # type: ignore[union-attr]
    changes, remaining = api.fix_file(source, target)
    assert changes.refused is None
    assert "lùi đầu dòng 1,27 cm" in changes.changes
    assert not [c for c in changes.changes if "cỡ chữ" in c or "canh đều" in c]
    assert _layout(target) == before
    assert [p.text for p in docx.Document(str(target)).paragraphs] == [
        p.text for p in docx.Document(str(source)).paragraphs
    ]
    # The closing typed with tabs is identified from habits only: not chained by --fix.
    assert [f.rule for f in remaining.findings] == ["SIGNATURE.PAGE_SPLIT"]
    pages = fix.count_pages([source.read_bytes(), target.read_bytes()])
    assert pages is None or pages[0] == pages[1] == 1


@needs_libreoffice
def test_fix_that_adds_a_page_is_refused(tmp_path: Path) -> None:
    """Body text in 11 pt on a full page: 14 pt would push the letter onto a second page."""
    source = oc.damage_case(paragraphs=3, body_size=11, unindented=False, repeat=3)
    target = tmp_path / "da-sua.docx"
    original = source.read_bytes()
    changes, remaining = api.fix_file(source, target)
    assert changes.refused == (
        "không sửa tệp này: bản sửa làm văn bản từ 1 trang thành 2 trang; tệp để nguyên"
    )
    assert not target.exists()
    assert source.read_bytes() == original
    assert {f.rule for f in remaining.findings} == {"BODY.SIZE", "SIGNATURE.PAGE_SPLIT"}


def test_without_libreoffice_enlarging_fix_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fix, "count_pages", lambda documents: None)
    source = oc.damage_case(body_size=11, unindented=False)
    data, report = fix.fix_verified(source.read_bytes())
    assert data is None
    assert report.refused is not None and "LibreOffice" in report.refused


def test_without_libreoffice_a_fix_that_enlarges_nothing_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the section's margins change: nothing grows, the fix is kept."""
    monkeypatch.setattr(fix, "count_pages", lambda documents: None)

    def narrow(built: Built) -> None:
        built.document.sections[0].right_margin = Pt(60)

    source = build(CONG_VAN, narrow)
    data, report = fix.fix_verified(source.read_bytes())
    assert report.refused is None and data is not None
    assert "phần 1: đặt lề phải 20 mm" in report.changes


def test_fix_refuses_a_file_that_is_not_administrative(tmp_path: Path) -> None:
    source = oc.not_administrative(tmp_path)
    target = tmp_path / "da-sua.docx"
    result = CliRunner().invoke(main, ["check", "--fix", str(source), "-o", str(target)])
    assert "không phải văn bản hành chính theo Nghị định 30: không sửa tự động" in result.output
    assert not target.exists()
    assert result.exit_code == 0


def test_fix_touches_only_certain_body_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A body paragraph identified without certainty is left as it is."""
    source = oc.damage_case()
    document = docx.Document(str(source))
    real_identify = fix.identify

    def unsure(facts: object) -> object:
        roles = real_identify(facts)  # type: ignore[arg-type]
        for index in roles.body:
            roles.doubt(index)
        return roles

    monkeypatch.setattr(fix, "identify", unsure)
    report = fix.FixReport()
    fix.fix_body(document, report)
    assert report.changes == []


def test_fixed_damage_case_has_no_new_finding(tmp_path: Path) -> None:
    source = oc.damage_case()
    before = {
        (f.rule, f.location.paragraph if f.location else None) for f in check(inspect_file(source))
    }
    target = tmp_path / "da-sua.docx"
    api.fix_file(source, target)
    after = {
        (f.rule, f.location.paragraph if f.location else None) for f in check(inspect_file(target))
    }
    assert after <= before
