"""What the document is: its kind from tên loại and ký hiệu, and files that are not
administrative documents (one notice, exit 0 unless ``--strict``)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.check.checker import NOT_ADMINISTRATIVE, examine
from docgen.check.inspect import inspect_file
from docgen.check.roles import kind_slug
from docgen.cli import main
from tests.check import office_constructs as oc
from tests.check.docbuilder import BAO_CAO, CONG_VAN, DECISION, Spec, build


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        (Spec(), "ke_hoach"),
        (BAO_CAO, "bao_cao"),
        (DECISION, "quyet_dinh"),
        (CONG_VAN, "cong_van"),
        (replace(CONG_VAN, vv=None), "cong_van"),  # ký hiệu without a type abbreviation
        (replace(Spec(), so="Số: 05/TB-UBND", ten_loai="THÔNG BÁO"), "thong_bao"),
        (replace(Spec(), so="Số: 05/HD-UBND", ten_loai="HƯỚNG DẪN"), "huong_dan"),
        (replace(Spec(), so="Số: 05/GM-UBND", ten_loai="GIẤY MỜI"), "giay_moi"),
        (replace(Spec(), so="Số: 05/TTr-UBND", ten_loai="TỜ TRÌNH"), "to_trinh"),
        (oc.PHIEU_TRINH, "phieu_trinh"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_kind_is_recognized(spec: Spec, kind: str, tmp_path: Path) -> None:
    _, info = examine(inspect_file(build(spec, directory=tmp_path)))
    assert (info.kind, info.administrative) == (kind, True)


def test_kind_slug() -> None:
    assert kind_slug("QUYẾT ĐỊNH") == "quyet_dinh"
    assert kind_slug("Giấy ủy quyền") == "giay_uy_quyen"


def test_not_administrative_gets_no_finding(tmp_path: Path) -> None:
    findings, info = examine(inspect_file(oc.not_administrative(tmp_path)))
    assert findings == []
    assert (info.kind, info.administrative) == (None, False)


def test_not_administrative_one_notice_exit_0_and_1_when_strict(tmp_path: Path) -> None:
    path = oc.not_administrative(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and NOT_ADMINISTRATIVE in lines[0]
    strict = runner.invoke(main, ["check", "--strict", str(path)])
    assert strict.exit_code == 1
    assert strict.output == result.output


def test_json_carries_the_document_field(tmp_path: Path) -> None:
    manual = oc.not_administrative(tmp_path)
    letter = build(CONG_VAN, directory=tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(manual), str(letter)])
    assert result.exit_code == 0, result.output
    files = json.loads(result.output)["files"]
    assert [f["document"] for f in files] == [
        {"kind": None, "administrative": False},
        {"kind": "cong_van", "administrative": True},
    ]
    assert files[0]["findings"] == []
    assert files[0]["summary"] == {"errors": 0, "warnings": 0}


def test_a_petition_with_quoc_hieu_only_is_not_administrative(tmp_path: Path) -> None:
    """A petition has Quốc hiệu and Tiêu ngữ but no Số, no tên loại of Phụ lục III."""
    spec = replace(Spec(), so="Kính gửi: Ủy ban nhân dân xã", ten_loai="ĐƠN ĐỀ NGHỊ")
    _, info = examine(inspect_file(build(spec, directory=tmp_path)))
    assert info.administrative is False
