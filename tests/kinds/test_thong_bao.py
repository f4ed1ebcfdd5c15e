"""Thông báo kết luận: who chaired, then the conclusions numbered, then other content."""

from __future__ import annotations

from pathlib import Path

from docgen import api
from tests.helpers import edit
from tests.helpers import load_problems as problems

REPO = Path(__file__).resolve().parents[2]
SAMPLE = "thongbao-ketluan-tongket-2024.yaml"


def body(path: Path) -> list[tuple[str, str]]:
    loaded = api.load_document(path)
    items = loaded.kind.context(loaded.resolved)["noi_dung"]
    return [(item.kind, "".join(span.text for span in item.runs)) for item in items]


def test_sample_loads_without_problems() -> None:
    assert problems(REPO / "data" / SAMPLE) == []


def test_chair_then_attendance_then_numbered_conclusions() -> None:
    found = body(REPO / "data" / SAMPLE)
    assert found[0][1].startswith("Chủ trì: đồng chí Hà Tiến")
    assert found[1][1].startswith("Tham dự: ")
    assert found[2][1].startswith("Sau khi nghe")
    assert found[3][1].startswith("1. Năm 2024")
    assert found[4] == ("khoan_tieu_de", "2. Nhiệm vụ trọng tâm năm 2025")
    assert [kind for kind, _ in found[5:7]] == ["gach", "gach"]
    assert found[7][1].startswith("3. Giao Phòng Nội vụ")


def test_other_content_is_numbered_after_the_conclusions(data: Path) -> None:
    edit(data / SAMPLE, "ket_thuc:", "noi_dung:\n  - khoan: Một ý khác.\nket_thuc:")
    assert body(data / SAMPLE)[-1][1] == "4. Một ý khác."


def test_a_thong_bao_needs_content(data: Path) -> None:
    path = data / SAMPLE
    text = path.read_text(encoding="utf-8")
    start, end = text.index("ket_luan:"), text.index("ket_thuc:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = problems(path)
    assert len(found) == 1 and "thông báo cần 'noi_dung' hoặc 'ket_luan'" in found[0], found
