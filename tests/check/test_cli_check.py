"""``docgen check`` on many files: exit statuses 0/1/2, folders, and one bad file among good
ones (reported on one line, the others still checked, the JSON complete)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from tests.check import constructs
from tests.check.docbuilder import Spec, build


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="docgen")


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(directory=tmp_path_factory.mktemp("good"))


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A document with one error (a right margin of 25 mm)."""
    from docx.shared import Mm

    return build(Spec(right=Mm(25)), directory=tmp_path_factory.mktemp("faulty"))


def test_exit_0_when_clean(good: Path) -> None:
    result = invoke("check", str(good))
    assert result.exit_code == 0, result.output


def test_exit_1_on_findings(faulty: Path) -> None:
    result = invoke("check", "--format", "json", str(faulty))
    assert result.exit_code == 1
    (report,) = json.loads(result.output)["files"]
    assert [finding["rule"] for finding in report["findings"]] == ["MARGIN_RIGHT"]


def test_unreadable_file_among_others(good: Path, faulty: Path, tmp_path: Path) -> None:
    renamed = constructs.renamed_doc(tmp_path / "cu.docx")
    result = invoke("check", "--format", "json", str(good), str(renamed), str(faulty))
    assert result.exit_code == 2
    files = json.loads(result.output)["files"]
    assert [Path(f["file"]).name for f in files] == ["van-ban.docx", "cu.docx", "van-ban.docx"]
    assert [f["error_kind"] for f in files] == [None, "unreadable", None]
    assert [len(f["findings"]) for f in files] == [0, 0, 1]
    assert "đổi tên thành .docx" in files[1]["error"]


def test_internal_error_reported_on_one_line(
    good: Path, faulty: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docgen.check.inspect as inspect

    original = inspect.inspect_file

    def failing_on_faulty(path: Path) -> object:
        if path == faulty:
            raise KeyError("lỗi giả")
        return original(path)

    monkeypatch.setattr(inspect, "inspect_file", failing_on_faulty)
    result = invoke("check", str(faulty), str(good))
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "KeyError" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 2
    assert "lỗi nội bộ" in lines[0]
    assert "không có lỗi" in lines[1] or "đúng thể thức" in lines[1]

    as_json = invoke("check", "--format", "json", str(faulty), str(good))
    assert as_json.exit_code == 2
    files = json.loads(as_json.output)["files"]  # complete and valid
    assert [f["error_kind"] for f in files] == ["internal", None]

    debug = CliRunner().invoke(main, ["--debug", "check", str(faulty)], prog_name="docgen")
    assert debug.exit_code == 2
    assert "Traceback" in debug.output and "KeyError" in debug.output


def test_directory_is_checked_recursively(good: Path, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "mot.docx").write_bytes(good.read_bytes())
    (tmp_path / "hai.docx").write_bytes(good.read_bytes())
    (tmp_path / "~$hai.docx").write_bytes(b"lock")  # Word's lock file: skipped
    (tmp_path / "ghi-chu.txt").write_text("x", encoding="utf-8")
    result = invoke("check", "--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.output
    names = [Path(f["file"]).name for f in json.loads(result.output)["files"]]
    assert names == ["mot.docx", "hai.docx"]


def test_directory_without_docx(tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 2
    assert "không có tệp .docx nào" in result.output
    assert "không tìm thấy" not in result.output


def test_missing_file_and_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "vong.docx"
    loop.symlink_to(loop)
    result = invoke("check", str(tmp_path / "khong-co.docx"), str(loop))
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "RuntimeError" not in result.output
    assert "không tìm thấy tệp" in result.output and "vòng lặp" in result.output


def test_encrypted_file_message(tmp_path: Path) -> None:
    result = invoke("check", str(constructs.encrypted_docx(tmp_path / "mat-khau.docx")))
    assert result.exit_code == 2
    assert "tệp có mật khẩu" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_zip_bomb_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.check import package

    monkeypatch.setattr(package, "XML_PART_LIMIT", 1024 * 1024)
    bomb = constructs.zip_bomb(tmp_path / "bom.docx", "word/document.xml", 3 * 1024 * 1024)
    result = invoke("check", str(bomb))
    assert result.exit_code == 2
    assert "tệp quá lớn" in result.output


def test_fix_output_symlink_loop(good: Path, tmp_path: Path) -> None:
    loop = tmp_path / "vong.docx"
    loop.symlink_to(loop)
    result = invoke("check", "--fix", str(good), "-o", str(loop))
    assert result.exit_code == 2
    assert "vòng lặp" in result.output and "Traceback" not in result.output
