"""The ``docgen`` command line: help in Vietnamese, version, where ``render`` writes, and clean
failures when the templates are missing or broken.

Tests run in a temporary folder holding a copy of the sample ``data/`` (fixture ``workdir``).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner, Result

from docgen import __version__
from docgen.cli import main
from docgen.render.pdf import soffice_path
from tests.helpers import run_docgen

REPO = Path(__file__).resolve().parents[1]
DOC = "data/kehoach-tdkt-2024.yaml"
DOCX_NAME = "kehoach-tdkt-2024.docx"


def invoke(*args: str) -> Result:
    """Run ``docgen ARGS`` in-process."""
    return CliRunner().invoke(main, list(args), prog_name="docgen")


def assert_valid_docx(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    assert docx.Document(str(path)).paragraphs


def assert_clean_error(result: Result, *words: str, status: int = 1) -> None:
    """Check a run that failed with docgen's own message: exit ``status``, "Lỗi: ...", no
    traceback."""
    assert result.exit_code == status, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert result.stdout == ""
    assert result.stderr.startswith("Lỗi: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr


# --------------------------------------------------------------------------------------------
# Help and version


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_group_help_is_vietnamese(option: str) -> None:
    result = invoke(option)
    assert result.exit_code == 0, result.output
    assert "soạn văn bản hành chính" in result.stdout
    assert "render" in result.stdout
    assert "Tạo văn bản" in result.stdout  # render's short help in the list of commands


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_render_help_is_vietnamese(option: str) -> None:
    result = invoke("render", option)
    assert result.exit_code == 0, result.output
    assert "Tạo văn bản .docx" in result.stdout
    assert "Thư mục" in result.stdout
    assert "--output" in result.stdout
    assert "--templates" in result.stdout


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert (command.help or "").strip(), f"'{name}' has no help"
    assert command.get_short_help_str().strip()
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.output
    assert command.get_short_help_str().rstrip(".") in " ".join(result.stdout.split())


@pytest.mark.parametrize("name", ["", *sorted(main.commands)])
def test_every_option_has_help(name: str) -> None:
    command = main.commands[name] if name else main
    for param in command.params:
        if isinstance(param, click.Option):
            assert (param.help or "").strip(), f"option {param.opts} of '{name}' has no help"


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version(option: str) -> None:
    result = invoke(option)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"docgen {__version__}\n"


def test_python_m_docgen_help() -> None:
    completed = run_docgen("--help")
    assert completed.returncode == 0, completed.stderr
    assert "Tạo văn bản" in completed.stdout
    assert completed.stderr == ""


def test_python_m_docgen_version() -> None:
    completed = run_docgen("--version")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"docgen {__version__}\n"


def test_python_m_docgen_without_files_is_a_usage_error(workdir: Path) -> None:
    completed = run_docgen("render", cwd=workdir)
    assert completed.returncode == 2
    assert "--help" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not (workdir / "output").exists()


# --------------------------------------------------------------------------------------------
# Where render writes


def test_render_writes_to_output_by_default(workdir: Path) -> None:
    result = invoke("render", DOC)
    assert result.exit_code == 0, result.output
    target = Path("output") / DOCX_NAME
    assert result.stdout == f"{target}\n"
    assert result.stderr == ""
    assert_valid_docx(workdir / target)
    assert sorted(path.name for path in (workdir / "output").iterdir()) == [DOCX_NAME]


@pytest.mark.parametrize("option", ["-o", "--output"])
@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "absolute"])
def test_render_honours_output_dir(workdir: Path, option: str, absolute: bool) -> None:
    folder = workdir / "ra" / "van-ban" if absolute else Path("ra/van-ban")
    result = invoke("render", DOC, option, str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{folder / DOCX_NAME}\n"
    assert_valid_docx(workdir / "ra" / "van-ban" / DOCX_NAME)
    assert not (workdir / "output").exists()


def test_render_several_files_prints_each_path(workdir: Path) -> None:
    shutil.copyfile(DOC, "data/ban-sao.yaml")
    result = invoke("render", DOC, "data/ban-sao.yaml", "-o", "ra")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(Path("ra") / DOCX_NAME), str(Path("ra/ban-sao.docx"))]
    assert (workdir / "ra" / DOCX_NAME).read_bytes() == (workdir / "ra/ban-sao.docx").read_bytes()


def test_render_in_a_real_process(workdir: Path) -> None:
    completed = run_docgen("render", DOC, "-o", "ra", cwd=workdir)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"{Path('ra') / DOCX_NAME}\n"
    assert completed.stderr == ""
    assert_valid_docx(workdir / "ra" / DOCX_NAME)


def test_rendering_twice_gives_identical_bytes(workdir: Path) -> None:
    assert invoke("render", DOC, "-o", "a").exit_code == 0
    first = (workdir / "a" / DOCX_NAME).read_bytes()
    assert invoke("render", DOC, "-o", "a").exit_code == 0  # over the previous file
    assert invoke("render", DOC, "-o", "b").exit_code == 0  # into a fresh folder
    assert (workdir / "a" / DOCX_NAME).read_bytes() == first
    assert (workdir / "b" / DOCX_NAME).read_bytes() == first


def test_rendering_over_a_previous_file_leaves_no_temporary_file(workdir: Path) -> None:
    for _ in range(2):
        assert invoke("render", DOC).exit_code == 0
    assert [path.name for path in (workdir / "output").iterdir()] == [DOCX_NAME]


# --------------------------------------------------------------------------------------------
# Clean failures


def test_missing_template_is_a_clean_error(workdir: Path) -> None:
    (workdir / "mau-trong").mkdir()
    result = invoke("render", DOC, "--templates", "mau-trong")
    assert_clean_error(result, "không tìm thấy mẫu văn bản", "kehoach.docx")
    assert not (workdir / "output").exists()


def test_broken_template_is_a_clean_error(workdir: Path) -> None:
    (workdir / "mau-hong").mkdir()
    (workdir / "mau-hong" / "kehoach.docx").write_bytes(b"not a zip file")
    result = invoke("render", DOC, "--templates", "mau-hong")
    assert_clean_error(result, "không đọc được mẫu", "kehoach.docx")
    assert not (workdir / "output").exists()


def test_missing_template_leaves_previous_output_untouched(workdir: Path) -> None:
    assert invoke("render", DOC).exit_code == 0
    target = workdir / "output" / DOCX_NAME
    before = (target.read_bytes(), target.stat().st_mtime_ns, target.stat().st_ino)
    (workdir / "mau-trong").mkdir()
    assert_clean_error(invoke("render", DOC, "--templates", "mau-trong"))
    assert (target.read_bytes(), target.stat().st_mtime_ns, target.stat().st_ino) == before


def test_missing_template_in_a_real_process(workdir: Path) -> None:
    (workdir / "mau-trong").mkdir()
    completed = run_docgen("render", DOC, "--templates", "mau-trong", cwd=workdir)
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.startswith("Lỗi: ")
    assert "không tìm thấy mẫu văn bản" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not (workdir / "output").exists()


def test_missing_input_file_is_a_clean_error(workdir: Path) -> None:
    result = invoke("render", "data/khong-co.yaml")
    assert_clean_error(result, "data/khong-co.yaml", "không tìm thấy tệp", status=2)
    assert not (workdir / "output").exists()


def test_debug_adds_the_traceback(workdir: Path) -> None:
    (workdir / "mau-trong").mkdir()
    plain = invoke("render", DOC, "--templates", "mau-trong")
    debug = invoke("--debug", "render", DOC, "--templates", "mau-trong")
    assert plain.exit_code == debug.exit_code == 1
    assert "Traceback" not in plain.stderr
    assert "Traceback" in debug.stderr
    assert debug.stderr.rstrip().endswith(plain.stderr.rstrip())  # same message, at the end


def test_check_exit_codes_reach_the_shell(workdir: Path) -> None:
    """0 clean, 1 findings, 2 unreadable: through a real process, as a script sees them."""
    assert run_docgen("render", DOC).returncode == 0
    rendered = f"output/{DOCX_NAME}"
    clean = run_docgen("check", rendered)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    plain = workdir / "plain.docx"
    document = docx.Document()
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 5/KH-UBND", "KẾ HOẠCH", "Xin chào"):
        document.add_paragraph(text)
    document.save(str(plain))
    assert run_docgen("check", str(plain)).returncode == 1
    # Not an administrative document: one notice, 0 (1 with --strict).
    letter = workdir / "letter.docx"
    document = docx.Document()
    document.add_paragraph("Xin chào")
    document.save(str(letter))
    assert run_docgen("check", str(letter)).returncode == 0
    assert run_docgen("check", "--strict", str(letter)).returncode == 1
    (workdir / "junk.docx").write_bytes(b"not a zip")
    unreadable = run_docgen("check", "junk.docx", rendered)
    assert unreadable.returncode == 2
    assert "không kiểm tra được" in unreadable.stdout
    assert "Traceback" not in unreadable.stderr


@pytest.mark.skipif(soffice_path() is None, reason="needs LibreOffice (installed by .ci/run)")
def test_render_pdf_writes_a_pdf_beside_the_docx(workdir: Path) -> None:
    result = invoke("render", DOC, "--pdf")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"output/{DOCX_NAME}", "output/kehoach-tdkt-2024.pdf"]
    assert (workdir / "output" / "kehoach-tdkt-2024.pdf").read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------------------------
# Several inputs: profile files, reports, clashing outputs


def test_render_a_whole_folder_skips_the_profile_files(workdir: Path) -> None:
    for name in ("baocao-soket-6thang-2024.yaml", "baocao-tongket-2024.yaml"):
        shutil.copyfile(REPO / "data" / name, workdir / "data" / name)
    files = sorted(str(path.relative_to(workdir)) for path in (workdir / "data").glob("*.yaml"))
    result = invoke("render", *files, "-o", "ra")
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.splitlines()) == [
        str(Path("ra") / name)
        for name in (
            "baocao-soket-6thang-2024.docx",
            "baocao-tongket-2024.docx",
            "kehoach-tdkt-2024.docx",
        )
    ]
    assert result.stderr.splitlines() == [
        f"{Path('data/co-quan.yaml')}: hồ sơ cơ quan, không phải văn bản: bỏ qua",
        f"{Path('data/noi-nhan.yaml')}: danh bạ nơi nhận, không phải văn bản: bỏ qua",
    ]


def test_two_inputs_with_one_output_name_write_nothing(workdir: Path) -> None:
    (workdir / "khac").mkdir()
    shutil.copyfile(DOC, "khac/kehoach-tdkt-2024.yaml")
    shutil.copyfile(DOC, "data/kehoach-tdkt-2024.yml")
    result = invoke("render", DOC, "khac/kehoach-tdkt-2024.yaml", "data/kehoach-tdkt-2024.yml")
    assert_clean_error(result, "chưa ghi tệp nào", "cùng ghi ra")
    assert result.stderr.count("cùng ghi ra") == 2
    assert not (workdir / "output").exists()


def test_an_input_named_like_its_output_is_never_overwritten(workdir: Path) -> None:
    shutil.copyfile(DOC, "data/ke-hoach.docx")
    before = (workdir / "data/ke-hoach.docx").read_bytes()
    result = invoke("render", "data/ke-hoach.docx", "-o", "data")
    assert_clean_error(result, "sẽ ghi đè chính tệp dữ liệu")
    assert (workdir / "data/ke-hoach.docx").read_bytes() == before


def test_a_header_line_too_wide_is_a_warning_and_the_file_is_written(workdir: Path) -> None:
    profile = workdir / "data" / "co-quan.yaml"
    text = profile.read_text(encoding="utf-8").replace(
        "- HUYỆN ĐẮK HÀ", "- HUYỆN ĐẮK HÀ TỈNH KON TUM"
    )
    profile.write_text(text, encoding="utf-8")
    result = invoke("render", DOC)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Cảnh báo: data/co-quan.yaml:7: ubnd-dak-ha.ten[1]: dòng “HUYỆN"
    )
    assert (workdir / "output" / DOCX_NAME).is_file()


def test_render_expands_a_wildcard_itself_as_windows_shells_do_not(workdir: Path) -> None:
    result = invoke("render", "data/*.yaml", "-o", "ra")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(Path("ra") / DOCX_NAME)]
    assert "co-quan.yaml: hồ sơ cơ quan" in result.stderr


def test_a_wildcard_matching_nothing_is_a_clean_error(workdir: Path) -> None:
    assert_clean_error(invoke("render", "data/*.yml"), "không có tệp nào khớp mẫu", status=2)


def test_spreadsheets_among_the_inputs_are_skipped(workdir: Path) -> None:
    shutil.copyfile(REPO / "data" / "khen-thuong-2023.xlsx", "data/khen-thuong-2023.xlsx")
    result = invoke("render", "data/*", "-o", "ra")
    assert result.exit_code == 0, result.output
    assert (
        "khen-thuong-2023.xlsx: bảng tính (danh sách mà văn bản đọc), không phải văn bản"
        in result.stderr
    )


def test_outputs_differing_only_in_case_write_nothing(workdir: Path) -> None:
    shutil.copyfile(DOC, "data/KeHoach-TDKT-2024.yaml")
    result = invoke("render", DOC, "data/KeHoach-TDKT-2024.yaml")
    assert_clean_error(result, "chưa ghi tệp nào", "cùng ghi ra")
    assert not (workdir / "output").exists()
