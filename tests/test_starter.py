"""``docgen new``: a commented starter for every kind, valid except for its "..." values
(each reported as “cần điền”), never written over an existing file; a decision made from a
tờ trình points at the tờ trình's spreadsheet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from docgen import api
from docgen.kinds import KINDS
from docgen.loading import load_yaml
from docgen.project import TO_FILL, to_fill
from docgen.starter import StarterError, new_document, starter_text, target_path
from tests.helpers import load_problems as problems
from tests.helpers import run_docgen

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the sample profiles (one agency kept) and the rate table."""
    for name in ("noi-nhan.yaml", "muc-thuong.yaml", "de-nghi-khen-thuong-2024.csv"):
        shutil.copyfile(REPO / "data" / name, tmp_path / name)
    agencies = (REPO / "data" / "co-quan.yaml").read_text(encoding="utf-8")
    (tmp_path / "co-quan.yaml").write_text(agencies.split("phong-noi-vu:")[0], "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("loai", list(KINDS))
def test_every_kind_has_a_starter_whose_only_problems_are_values_to_fill(
    loai: str, folder: Path
) -> None:
    path = new_document(loai)
    assert path == Path(f"{loai.replace('_', '-')}.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and f"loai: {loai}\n" in text
    assert "co_quan: ubnd-dak-ha\n" in text and "nguoi_ky: chu-tich" in text  # one agency
    found = problems(path)
    expected = len(to_fill(load_yaml(path).data))
    assert expected >= 3
    to_fill_problems = [p for p in found if p.endswith("cần điền: thay “...” bằng nội dung")]
    assert len(to_fill_problems) == expected, found
    assert found == to_fill_problems, found


@pytest.mark.parametrize("loai", list(KINDS))
def test_a_starter_filled_in_renders(loai: str, folder: Path) -> None:
    """Replacing every "..." by text (and the list by the sample one) gives a document."""
    text = starter_text(loai, year=2025)
    text = text.replace("tep: ...", "tep: de-nghi-khen-thuong-2024.csv")
    text = text.replace("thoi_gian: ...", "thoi_gian: 08:00 15/01/2025")
    text = text.replace("co_quan: ...", "co_quan: ubnd-dak-ha")
    text = text.replace("nguoi_ky: ...", "nguoi_ky: chu-tich")
    text = text.replace("don_vi_soan: ...", "don_vi_soan: NV")
    text = text.replace("de_nghi: ...", "de_nghi: Theo đề nghị của Trưởng phòng Nội vụ")
    text = re.sub(r"(can_cu:[^\n]*\n  - )\.\.\.", r"\1Căn cứ Luật Thi đua, khen thưởng", text)
    text = text.replace(f": {TO_FILL}", ": Nội dung").replace(f"- {TO_FILL}", "- Nội dung")
    path = folder / f"{loai}.yaml"
    path.write_text(text, encoding="utf-8")
    assert problems(path) == []
    assert api.render_file(path, folder / "out").exists()


def test_an_existing_file_is_never_overwritten(folder: Path) -> None:
    (folder / "cong-van.yaml").write_text("giữ nguyên\n", encoding="utf-8")
    result = run_docgen("new", "cong_van", cwd=folder)
    assert result.returncode == 1
    assert result.stderr == "Lỗi: tệp cong-van.yaml đã có, không ghi đè (chọn tên khác)\n"
    assert (folder / "cong-van.yaml").read_text(encoding="utf-8") == "giữ nguyên\n"


def test_names_and_unknown_kinds(folder: Path) -> None:
    assert target_path("giay_moi", "moi/hop") == Path("moi/hop.yaml")
    assert target_path("giay_moi", "hop.yml") == Path("hop.yml")
    result = run_docgen("new", "cong_vann", cwd=folder)
    assert result.returncode == 1
    assert "không có loại văn bản 'cong_vann' (có: ke_hoach, bao_cao" in result.stderr
    with pytest.raises(StarterError, match="--tu-to-trinh chỉ dùng với loại quyet_dinh"):
        new_document("cong_van", "x", REPO / "data" / "totrinh-khenthuong-2024.yaml")


def test_help_is_in_vietnamese() -> None:
    result = run_docgen("new", "--help")
    assert result.returncode == 0
    assert "Tạo tệp dữ liệu mẫu" in result.stdout and "--tu-to-trinh TỆP" in result.stdout


def test_a_decision_from_a_proposal_shares_its_list(data: Path) -> None:
    """The names are typed once: the decision reads the tờ trình's spreadsheet."""
    result = run_docgen(
        "new", "quyet_dinh", "data/qd/moi.yaml", "--tu-to-trinh", "data/totrinh-khenthuong-2024.yaml",
        cwd=data.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = data / "qd" / "moi.yaml"
    written = load_yaml(path).data
    assert written["danh_sach"]["tep"] == "../de-nghi-khen-thuong-2024.csv"
    assert written["de_nghi"] == (
        "Theo đề nghị của Trưởng phòng Nội vụ huyện Đắk Hà tại Tờ trình số 07/TTr-PNV "
        "ngày 06 tháng 01 năm 2025"
    )
    assert written["trich_yeu"].startswith("Về việc khen thưởng các tập thể, cá nhân")
    assert [p.split(": ", 1)[1] for p in problems(path)] == [
        "co_quan: cần điền: thay “...” bằng nội dung",
        "dieu[2]: cần điền: thay “...” bằng nội dung",
        "nguoi_ky: cần điền: thay “...” bằng nội dung",
    ]
    text = path.read_text(encoding="utf-8").replace("co_quan: ...", "co_quan: ubnd-dak-ha")
    text = text.replace("nguoi_ky: ...", "nguoi_ky: chu-tich")
    path.write_text(text.replace("  - ...", "  - Các cơ quan liên quan thi hành."), "utf-8")
    decision = api.load_document(path)
    proposal = api.load_document(data / "totrinh-khenthuong-2024.yaml")
    assert decision.resolved.extras["awards"] == proposal.resolved.extras["awards"]
