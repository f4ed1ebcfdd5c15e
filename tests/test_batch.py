"""Filling a batch definition's placeholders, unit after unit."""

from __future__ import annotations

import copy
from pathlib import Path

from docgen.batch import Filler, fill
from docgen.build import Builder, Worker
from docgen.loading import load_yaml
from tests.helpers import REPO

DEFINITION = {
    "loai": "bao_cao",
    "trich_yeu": "Sơ kết công tác của {ten}",
    "ket_thuc": "Không có chỗ trống",
    "noi_dung": [
        {"doan": ["Đoạn cố định.", "Có {cstdcs} chiến sĩ thi đua, {khac} chưa điền."]},
        {"doan": ["Hoàn toàn cố định."]},
        {"so_lieu": {"cot": {"cstdcs": "CSTĐCS"}, "dong": "{don_vi}"}},
    ],
    "so": "{cstdcs}",
}


def test_a_placeholder_alone_gives_the_value_and_inside_text_the_vietnamese_number() -> None:
    filled = fill(DEFINITION, {"ten": "Xã Đắk Mar", "cstdcs": 1234}, None)
    assert filled["trich_yeu"] == "Sơ kết công tác của Xã Đắk Mar"
    assert filled["so"] == 1234  # the value itself: a number stays a number
    assert filled["noi_dung"][0]["doan"][1] == "Có 1.234 chiến sĩ thi đua, {khac} chưa điền."
    assert filled["noi_dung"][2]["so_lieu"]["dong"] == "{don_vi}"  # not a roll-up


def test_a_roll_up_gets_one_row_per_unit() -> None:
    rows = ({"ten": "Xã A", "cstdcs": 2}, {"ten": "Xã B"})
    filled = fill(DEFINITION, {"ten": "Tổng hợp", "cstdcs": 2}, rows)
    assert filled["noi_dung"][2]["so_lieu"]["dong"] == [
        {"ten": "Xã A", "cstdcs": 2},
        {"ten": "Xã B", "cstdcs": 0},
    ]


def test_a_filler_shares_what_has_no_placeholder_and_never_changes_the_definition() -> None:
    definition = copy.deepcopy(DEFINITION)
    filler = Filler(definition)
    first = filler({"ten": "Xã A", "cstdcs": 1}, None)
    second = filler({"ten": "Xã B", "cstdcs": 2}, None)
    assert first["noi_dung"][1] is definition["noi_dung"][1] is second["noi_dung"][1]
    assert first["noi_dung"][0] is not definition["noi_dung"][0]
    assert first["noi_dung"][0]["doan"][1] == "Có 1 chiến sĩ thi đua, {khac} chưa điền."
    assert second["noi_dung"][0]["doan"][1] == "Có 2 chiến sĩ thi đua, {khac} chưa điền."
    assert definition == DEFINITION


def test_rendering_a_whole_batch_leaves_its_definition_as_read(tmp_path: Path) -> None:
    """Validation and rendering read the filled data, whose unfilled parts are the
    definition's own objects: none of them may change it."""
    batch = REPO / "data" / "hang-loat" / "so-ket-2024.yaml"
    builder = Builder(tmp_path, jobs=1)
    worker = Worker(builder.templates_dir)
    for task in builder._plan([batch]).tasks:
        assert worker(task).problems == []
    for path, (loaded, _) in worker._definitions.items():
        assert loaded.data == load_yaml(path).data
    assert len(worker._definitions) == 2  # the unit reports' and the roll-up's
