"""``docgen check`` on constructs offices really produce (see
:mod:`tests.check.office_constructs`): each fixture expects exactly its findings."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from docgen.check.checker import ERROR, WARNING, Checker, check
from docgen.check.facts import DocumentFacts
from docgen.check.files import check_file
from docgen.check.inspect import inspect_file
from docgen.check.report import to_json, to_text
from docgen.check.roles import CERTAIN, LIKELY, identify
from tests.check import office_constructs as oc


def found(path: Path) -> list[tuple[str, str, str]]:
    """Return the findings of ``path`` as (rule, severity, excerpt start)."""
    return [(f.rule, f.severity, f.excerpt[:20]) for f in check(inspect_file(path))]


def test_header_typed_with_tabs_is_read_component_by_component() -> None:
    facts = inspect_file(oc.typed_header_cong_van())
    roles = identify(facts)
    assert (roles.quoc_hieu, roles.tieu_ngu) == (0, 1)
    assert roles.co_quan_ban_hanh == [0, 1]
    assert (roles.so_ky_hieu, roles.dia_danh_ngay) == (3, 3)
    assert roles.segments[3] == {"left": "Số: 125/UBND-NV", "right": oc.CONG_VAN.date}
    assert roles.vv == [4]
    assert roles.kinh_gui and roles.kind == "cong_van"
    # The V/v and Kính gửi lines are not body text.
    assert not set(roles.body) & {4, *roles.kinh_gui}
    assert roles.confidence[0] == LIKELY


def test_header_typed_with_tabs_has_no_finding() -> None:
    assert found(oc.typed_header_cong_van()) == []


def test_finding_on_a_typed_header_is_a_warning() -> None:
    """The agency typed as lines is identified from habits only: its size is a warning."""
    assert found(oc.typed_header_cong_van(agency_size=14)) == [
        ("CO_QUAN_BAN_HANH.SIZE", WARNING, "ỦY BAN NHÂN DÂN"),
        ("CO_QUAN_BAN_HANH.SIZE", WARNING, "HUYỆN ĐẮK HÀ"),
    ]


def test_a_finding_on_an_unsure_identification_says_so() -> None:
    report = check_file(oc.typed_header_cong_van(agency_size=14))
    assert [f.confidence for f in report.findings] == [LIKELY, LIKELY]
    data = json.loads(to_json([report]))
    assert [f["confidence"] for f in data["files"][0]["findings"]] == ["likely", "likely"]
    lines = to_text([report]).splitlines()
    assert (
        "cảnh báo [CO_QUAN_BAN_HANH.SIZE] (đoạn này có lẽ là thành phần đó, chưa chắc chắn): cần"
        in lines[0]
    )


def test_a_finding_on_a_certain_identification_says_nothing_more() -> None:
    report = check_file(oc.typed_header_cong_van(agency_size=14))
    certain = replace(report, findings=[replace(f, confidence=CERTAIN) for f in report.findings])
    assert "] (" not in to_text([certain]).splitlines()[0].split(": cần")[0]


def test_lines_as_shapes_in_the_next_table_row_are_found() -> None:
    assert found(oc.shapes_in_next_row()) == []


def test_line_as_top_border_of_the_next_paragraph_is_found() -> None:
    assert found(oc.top_border_under_agency()) == []


def test_typed_underscore_lines_are_lines_not_trich_yeu() -> None:
    path = oc.underscore_lines()
    roles = identify(inspect_file(path))
    assert len(roles.trich_yeu) == 1
    assert found(path) == []


def test_cong_van_can_cu_sentence_is_body_and_vv_runs_over_two_lines() -> None:
    path = oc.cong_van_with_can_cu()
    roles = identify(inspect_file(path))
    assert roles.kind == "cong_van"
    assert roles.can_cu == []
    assert len(roles.vv) == 2
    assert found(path) == []


@pytest.mark.parametrize("closing", [True, False], ids=["with-closing", "form-only"])
def test_phieu_trinh_is_a_title_not_body(closing: bool) -> None:
    path = oc.phieu_trinh(closing)
    roles = identify(inspect_file(path))
    assert roles.kind == "phieu_trinh"
    assert roles.ten_loai is not None and roles.ten_loai not in roles.body
    # No SO.TYPE (no abbreviation for it in Phụ lục III), no Nơi nhận needed on the form.
    assert found(path) == []


def test_rules_after_the_signature_get_body_checks() -> None:
    path = oc.decision_with_rules()
    roles = identify(inspect_file(path))
    assert roles.tham_quyen_ban_hanh is not None
    assert len(roles.attachments) == 1
    assert found(path) == [("BODY.INDENT", ERROR, oc.UNINDENTED_RULE[:20])]


def test_authority_line_is_not_trich_yeu_when_the_line_is_missing() -> None:
    path = oc.decision_with_rules(indent_mistake=False, trich_yeu_line=False)
    roles = identify(inspect_file(path))
    assert len(roles.trich_yeu) == 1 and roles.tham_quyen_ban_hanh is not None
    assert found(path) == [("KE_TRICH_YEU.MISSING", ERROR, "Về việc tặng Giấy kh")]


@pytest.mark.parametrize("first_only", [False, True], ids=["all-numbered", "mixed"])
def test_automatic_numbering_reads_the_number_word_shows(first_only: bool) -> None:
    assert found(oc.automatic_numbering(first_only)) == []


def test_without_the_numbers_word_shows_the_order_looks_wrong() -> None:
    """The numbering-order rule reads ``numbering_label``: without it, a typed "2." after a
    "1." numbered by Word would look like a slip."""
    facts = inspect_file(oc.automatic_numbering(first_only=True))
    bare = DocumentFacts(
        facts.sections,
        [replace(p, numbering_label=None) for p in facts.paragraphs],
        facts.text_width,
    )
    rules = [(f.rule, f.severity, f.excerpt[:10]) for f in Checker(bare).run()]
    assert rules == [("HEADING.SEQUENCE", WARNING, "2. Yêu cầu")]


def test_components_of_a_table_header_are_certain() -> None:
    roles = identify(inspect_file(oc.shapes_in_next_row()))
    assert roles.quoc_hieu is not None
    assert roles.confidence.get(roles.quoc_hieu, CERTAIN) == CERTAIN
    assert all(roles.sure(index) for index in roles.body)


def test_closing_typed_with_tabs_is_read_half_by_half() -> None:
    """Nơi nhận on the left and the signature on the right of the same lines: the recipients
    (11 pt) are Nơi nhận, never body text; the whole block is only likely."""
    path = oc.damage_case()
    facts = inspect_file(path)
    roles = identify(facts)
    heading = roles.noi_nhan_tieu_de
    assert heading is not None and roles.segments[heading]["left"] == "Nơi nhận:"
    assert [roles.segments[i]["left"] for i in roles.noi_nhan] == ["- Như trên;", "- Lưu: VT, NV."]
    assert [roles.segments[i]["right"] for i in roles.tham_quyen] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    assert roles.ho_ten is not None and roles.segments[roles.ho_ten]["right"] == "Hà Tiến"
    assert not set(roles.body) & {heading, *roles.noi_nhan, roles.ho_ten}
    assert not roles.sure(heading)
    assert found(path) == [
        ("BODY.INDENT", ERROR, "Thực hiện Kế hoạch s"),
        ("SIGNATURE.PAGE_SPLIT", WARNING, "Nơi nhận: TM. ỦY BAN"),
    ]
