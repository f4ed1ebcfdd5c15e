"""The limits of the input contract (issue 10): tiny or hostile inputs end in one clear
problem, quickly and within little memory, and nothing is written.

The bombs run in a real process with its address space limited (Linux), so that a regression
fails the test instead of eating the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.limits import MAX_ALIAS_VALUES, MAX_FIELD_CHARS, MAX_INPUT_BYTES, MAX_ITEMS, excerpt
from docgen.loading import load_yaml
from tests.helpers import REPO, load_problems

MEMORY_LIMIT = 1024 * 1024 * 1024
"""Address space allowed to a docgen process that reads a bomb (a normal render needs half)."""
SECONDS = 5.0


def _bomb(levels: int, width: int = 10) -> str:
    """Return a plan whose anchors nest valid blocks ``levels`` deep (issue 10, item 1)."""
    lines = [
        "loai: ke_hoach",
        "co_quan: ubnd-dak-ha",
        "nam: 2024",
        "trich_yeu: Bom",
        "noi_dung:",
        "  - muc: M",
        "    noi_dung:",
        "      - &b0 {khoan: L0, noi_dung: [x]}",
    ]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*b{level - 1}"] * width)
        lines.append(f"      - &b{level} {{khoan: L{level}, noi_dung: [{aliases}]}}")
    lines += ["ket_thuc: Hết./.", "nguoi_ky: chu-tich", "noi_nhan: [{ma: so-noi-vu}]", "luu: VT"]
    return "\n".join(lines) + "\n"


def _run_limited(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``python -m docgen ARGS`` with its memory limited; return it and its seconds."""
    import resource

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
        preexec_fn=limit_memory,
    )
    return result, time.perf_counter() - started


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
@pytest.mark.parametrize("levels", [6, 7, 9])
def test_nested_anchor_bomb_is_refused_quickly_in_little_memory(workdir: Path, levels: int) -> None:
    bomb = workdir / "data" / "bom.yaml"
    bomb.write_text(_bomb(levels), encoding="utf-8")
    assert bomb.stat().st_size < 1000
    # The line is the anchor's (b4, repeated at noi_dung[5].noi_dung[1]): PyYAML's composer
    # hands out the anchored node itself for an alias.
    result, seconds = _run_limited("render", "data/bom.yaml", cwd=workdir)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "Lỗi: dữ liệu có 1 lỗi, chưa ghi tệp nào:",
        f"{Path('data/bom.yaml')}:12: noi_dung[0].noi_dung[5].noi_dung[1]: bí danh (alias) lặp"
        " lại quá nhiều dữ liệu: hơn 100.000 giá trị khi mở rộng (các bí danh lồng nhau nhân"
        " lên); hãy viết thẳng dữ liệu thay vì lồng bí danh",
    ]
    assert seconds < SECONDS
    assert not (workdir / "output").exists()


def test_aliases_repeating_a_little_are_fine(workdir: Path) -> None:
    # Four levels stand for 10,000 blocks: within MAX_ALIAS_VALUES, a (silly) valid plan.
    bomb = workdir / "data" / "bom.yaml"
    bomb.write_text(_bomb(3), encoding="utf-8")
    assert load_problems(bomb) == []


def test_alias_budget_counts_expanded_values(tmp_path: Path) -> None:
    # One list of MAX_ALIAS_VALUES // 10 + 1 aliases to an 11-value block: just over.
    count = MAX_ALIAS_VALUES // 10 + 1
    path = tmp_path / "a.yaml"
    path.write_text(
        "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [" + ", ".join(["*a"] * count) + "]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as raised:
        load_yaml(path, "a.yaml")
    [problem] = raised.value.problems
    assert str(problem).startswith("a.yaml:1: b[9090]: ")  # the line of the anchor
    assert "bí danh (alias) lặp lại quá nhiều dữ liệu" in problem.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_without_reading_it(workdir: Path) -> None:
    result, seconds = _run_limited("render", "/dev/zero", cwd=workdir)
    assert result.returncode == 2  # unusable input
    assert result.stderr.splitlines() == [
        "Lỗi: dữ liệu có 1 lỗi, chưa ghi tệp nào:",
        "/dev/zero: không đọc được tệp: không phải tệp thông thường (thiết bị, FIFO hay"
        " socket); hãy lưu dữ liệu vào một tệp rồi đưa tệp đó vào",
    ]
    assert seconds < SECONDS


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("command", ["render", "build"])
def test_a_fifo_is_refused_without_blocking(workdir: Path, command: str) -> None:
    os.mkfifo(workdir / "data" / "ong.yaml")
    result, seconds = _run_limited(command, "data/ong.yaml", "-o", "ra", cwd=workdir)
    assert result.returncode == 2  # unusable input
    assert f"{Path('data/ong.yaml')}: không đọc được tệp: không phải tệp thông thường" in (
        result.stderr
    )
    assert seconds < SECONDS
    assert not list((workdir / "ra").glob("*.docx")) if (workdir / "ra").exists() else True


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "lon.yaml"
    with path.open("wb") as stream:
        stream.write(b"trich_yeu: ")
        stream.truncate(MAX_INPUT_BYTES + 1)  # sparse: no need to write 10 MB
    with pytest.raises(InputError) as raised:
        load_yaml(path, "lon.yaml")
    assert [str(p) for p in raised.value.problems] == [
        "lon.yaml: tệp quá lớn (hơn 10 MB); hãy chia thành nhiều tệp nhỏ hơn"
    ]


def test_a_long_value_is_refused_and_not_echoed(workdir: Path) -> None:
    plan = workdir / "data" / "kehoach-tdkt-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    long_value = "Triển khai " + "rất " * (MAX_FIELD_CHARS // 4)
    plan.write_text(
        text.replace("trich_yeu: Triển khai", f"trich_yeu: {long_value}\nx: Triển khai", 1),
        encoding="utf-8",
    )
    problems = load_problems(plan)
    assert problems == [
        f"{Path('data/kehoach-tdkt-2024.yaml')}:8: trich_yeu: giá trị quá dài: 100.010 ký tự"
        " (tối đa 100.000); hãy rút gọn hoặc chia thành nhiều đoạn"
    ]


def test_a_long_wrong_value_is_shown_as_a_short_excerpt(workdir: Path) -> None:
    plan = workdir / "data" / "kehoach-tdkt-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("nam: 2024", "nam: " + "x" * 50_000, 1), encoding="utf-8")
    [problem] = load_problems(plan)
    assert problem.startswith(f"{Path('data/kehoach-tdkt-2024.yaml')}:7: nam: phải là số")
    assert len(problem) < 200
    assert problem.endswith("…'") or problem.endswith("…")


def test_a_list_too_long_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dai.yaml"
    path.write_text("noi_nhan:\n" + "- a\n" * (MAX_ITEMS + 1), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_yaml(path, "dai.yaml")
    assert [str(p) for p in raised.value.problems] == [
        "dai.yaml:1: noi_nhan: danh sách quá dài: 100.001 mục (tối đa 100.000)"
    ]


def test_nesting_too_deep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sau.yaml"
    path.write_text("a:\n" + "".join("  " * level + "- b:\n" for level in range(1, 60)))
    with pytest.raises(InputError) as raised:
        load_yaml(path, "sau.yaml")
    [problem] = raised.value.problems
    assert str(problem) == "sau.yaml:26: dữ liệu lồng nhau quá nhiều cấp (tối đa 50 cấp)"


def test_excerpt_cuts_with_an_ellipsis() -> None:
    assert excerpt("abc") == "abc"
    assert excerpt("x" * 200) == "x" * 79 + "…"


def test_spreadsheet_cell_and_row_limits(tmp_path: Path) -> None:
    from docgen.sources.table import Column, read_table

    columns = [Column("ho_ten", ("Họ và tên",), required=True)]
    wide = tmp_path / "rong.csv"
    wide.write_text("Họ và tên\n" + "a" + "," * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_table(wide, columns, display_name="rong.csv")
    assert [str(p) for p in raised.value.problems] == [
        "rong.csv:2: dòng có 20.001 ô, quá số cột tối đa 16.384: hãy kiểm tra dấu phân cách"
        " của tệp CSV"
    ]
    long_cell = tmp_path / "dai.csv"
    long_cell.write_text("Họ và tên\n" + "a" * (MAX_FIELD_CHARS + 1) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_table(long_cell, columns, display_name="dai.csv")
    assert [str(p) for p in raised.value.problems] == [
        "dai.csv:2:A: ho_ten: ô quá dài: 100.001 ký tự (tối đa 100.000); hãy rút gọn"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_spreadsheet_fifo_is_refused(tmp_path: Path) -> None:
    from docgen.sources.table import Column, read_table

    os.mkfifo(tmp_path / "ds.csv")
    with pytest.raises(InputError) as raised:
        read_table(tmp_path / "ds.csv", [Column("ho_ten", ("Họ và tên",))], display_name="ds.csv")
    assert "không phải tệp thông thường" in str(raised.value)


def test_readme_documents_the_limits() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "Giới hạn dữ liệu đầu vào" in readme
