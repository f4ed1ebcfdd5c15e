"""The project: profiles read once, fields normalized however they were written, header and
signature lines that would wrap reported with their line."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

import docgen.project
from docgen import api
from docgen.loading import load_yaml
from tests.helpers import edit

REPO = Path(__file__).resolve().parents[1]
PLAN = "kehoach-tdkt-2024.yaml"


def test_profiles_are_read_once_for_many_documents(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(5):
        shutil.copyfile(data / PLAN, data / f"ban-sao-{index}.yaml")
    reads: list[str] = []

    def counting(path: Path, display_name: str | None = None) -> object:
        reads.append(path.name)
        return load_yaml(path, display_name)

    monkeypatch.setattr(docgen.project, "load_yaml", counting)
    workspace = api.Workspace()
    for index in range(5):
        workspace.load_file(data / f"ban-sao-{index}.yaml")
    assert reads.count("co-quan.yaml") == 1
    assert reads.count("noi-nhan.yaml") == 1


def test_overridden_profile_fields_are_upper_cased_in_the_header(
    data: Path, tmp_path: Path
) -> None:
    plan = data / PLAN
    edit(
        plan,
        "co_quan: ubnd-dak-ha",
        "co_quan: {ma: ubnd-dak-ha, ten: [Ủy ban nhân dân, huyện Đắk Hà]}",
    )
    edit(
        plan,
        "nguoi_ky: chu-tich",
        "nguoi_ky: {ma: chu-tich, chuc_vu: Chủ tịch, tham_quyen: tm. ủy ban nhân dân}",
    )
    target = api.render_file(plan, tmp_path / "out")
    document = docx.Document(str(target))
    header, closing = document.tables[0], document.tables[-1]
    assert [p.text for p in header.cell(0, 0).paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN ĐẮK HÀ",
    ]
    assert [p.text for p in closing.cell(0, 1).paragraphs if p.text][:2] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    report = api.check_file(target)
    assert report.findings == []


def test_a_header_line_too_wide_for_its_column_is_a_warning_with_its_line(data: Path) -> None:
    profile = data / "co-quan.yaml"
    edit(profile, "    - HUYỆN ĐẮK HÀ\n", "    - HUYỆN ĐẮK HÀ, TỈNH KON TUM, VIỆT NAM\n")
    edit(
        profile,
        "      chuc_vu: CHỦ TỊCH\n",
        "      chuc_vu: CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ TỈNH KON TUM\n",
    )
    document = api.load_document(data / PLAN)
    warnings = [str(w) for w in document.warnings]
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith(
        "data/co-quan.yaml:7: ubnd-dak-ha.ten[1]: dòng “HUYỆN ĐẮK HÀ, TỈNH KON TUM, VIỆT NAM” rộng "
    )
    assert "quá cột 6,6 cm" in warnings[0] and "hãy chia thành nhiều dòng" in warnings[0]
    lines = profile.read_text(encoding="utf-8").splitlines()
    ten, chuc_vu = (
        next(n for n, line in enumerate(lines, 1) if text in line)
        for text in ("- HUYỆN ĐẮK HÀ, TỈNH", "chuc_vu: CHỦ TỊCH ỦY BAN")
    )
    assert warnings[0].startswith(f"data/co-quan.yaml:{ten}: ubnd-dak-ha.ten[1]: ")
    assert warnings[1].startswith(
        f"data/co-quan.yaml:{chuc_vu}: ubnd-dak-ha.nguoi_ky.chu-tich.chuc_vu: "
    )


def test_a_too_wide_line_overridden_in_the_document_points_at_the_document(data: Path) -> None:
    plan = data / PLAN
    edit(
        plan,
        "co_quan: ubnd-dak-ha",
        "co_quan: {ma: ubnd-dak-ha, ten: [ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ]}",
    )
    warnings = [str(w) for w in api.load_document(plan).warnings]
    assert len(warnings) == 1 and warnings[0].startswith(f"data/{PLAN}:4: co_quan.ten: ")


def test_the_sample_profiles_have_no_placeholder_names() -> None:
    text = (REPO / "data" / "co-quan.yaml").read_text(encoding="utf-8")
    assert "Nguyễn Văn A" not in text and "thay bằng" not in text
