"""Exit statuses a script can rely on (issue 10, item 3), for ``render`` and ``build``.

0 done; 1 invalid data (the file was read and something in it is wrong); 2 unusable input
(a file named to docgen is missing, not a regular file, unreadable or over the size limit)
or an internal error. Never a traceback without ``--debug``. (``check`` has its own tests.)
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from docgen import api
from docgen.cli import run
from docgen.limits import MAX_INPUT_BYTES

REPO = Path(__file__).resolve().parents[1]
DOC = "data/kehoach-tdkt-2024.yaml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a working folder holding a copy of the sample data (``data/``)."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def docgen(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Return the exit status and the error output of ``docgen ARGS``, run in-process."""
    status = run(list(args))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


def _too_large(path: Path) -> None:
    with path.open("wb") as stream:
        stream.write(b"loai: ke_hoach\n")
        stream.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing much is written


def _invalid(path: Path) -> None:
    path.write_text("loai: ke_hoach\ntrich_yeu: [\n", encoding="utf-8")


@pytest.mark.parametrize("command", ["render", "build"])
def test_a_valid_run_exits_0(
    folder: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert docgen(capsys, command, DOC, "-o", "ra")[0] == 0


@pytest.mark.parametrize("command", ["render", "build"])
def test_invalid_data_exits_1(
    folder: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    _invalid(folder / "data" / "hong.yaml")
    status, err = docgen(capsys, command, "data/hong.yaml", "-o", "ra")
    assert status == 1, err
    assert "lỗi cú pháp YAML" in err


@pytest.mark.parametrize("command", ["render", "build"])
def test_a_missing_file_exits_2(
    folder: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    status, err = docgen(capsys, command, "data/khong-co.yaml", "-o", "ra")
    assert (status, err.startswith("Lỗi: ")) == (2, True), err
    assert "không tìm thấy" in err


@pytest.mark.parametrize("command", ["render", "build"])
def test_a_file_over_the_size_limit_exits_2(
    folder: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    _too_large(folder / "data" / "lon.yaml")
    status, err = docgen(capsys, command, "data/lon.yaml", "-o", "ra")
    assert status == 2, err
    assert "tệp quá lớn" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_built_folder_exits_2_and_the_rest_is_built_with_keep_going(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(folder / "data" / "ong.yaml")
    status, err = docgen(capsys, "build", "data", "-o", "ra", "--keep-going")
    assert status == 2, err
    assert "không phải tệp thông thường" in err
    assert (folder / "ra" / "kehoach-tdkt-2024.docx").is_file()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_exits_2(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / DOC).chmod(0)
    status, err = docgen(capsys, "render", DOC, "-o", "ra")
    assert status == 2, err
    assert "không có quyền đọc" in err


def test_unusable_input_wins_over_invalid_data_and_both_are_reported(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _invalid(folder / "data" / "hong.yaml")
    status, err = docgen(capsys, "render", "data/hong.yaml", "data/khong-co.yaml", "-o", "ra")
    assert status == 2, err
    assert "hong.yaml" in err and "khong-co.yaml" in err
    assert not (folder / "ra").exists()


def test_a_wildcard_matching_nothing_exits_2(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = docgen(capsys, "render", "data/*.yml", "-o", "ra")
    assert status == 2, err
    assert "không có tệp nào khớp mẫu" in err


@pytest.mark.parametrize("command", ["render", "build"])
def test_an_internal_error_exits_2_with_one_line_and_its_traceback_with_debug(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:  # fmt: skip
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "render_files", broken)
    monkeypatch.setattr("docgen.build.build", broken)
    status, err = docgen(capsys, command, DOC, "-o", "ra")
    assert status == 2
    assert err.splitlines() == [
        "Lỗi: lỗi nội bộ của docgen (chạy lại với --debug để xem chi tiết và báo cho người "
        "phát triển)"
    ]
    assert run(["--debug", command, DOC, "-o", "ra"]) == 2
    debug = capsys.readouterr().err
    assert "Traceback" in debug and "RuntimeError: a bug" in debug


def test_memory_exhaustion_exits_2_in_one_line(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(api, "render_files", exhausted)
    status, err = docgen(capsys, "render", DOC, "-o", "ra")
    assert status == 2
    assert err.startswith("Lỗi: không đủ bộ nhớ")


def test_the_readme_and_the_data_guide_state_the_exit_statuses() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    guide = (REPO / "docs" / "du-lieu.md").read_text(encoding="utf-8")
    assert "Mã thoát của `render`, `build` và `watch`" in readme
    assert "2 khi có tệp không dùng được" in guide
