"""``docgen build``: batch files and folders, validated first, rebuilt only where something
changed; ``docgen watch`` re-renders after a save and survives a bad one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from docgen.build import Task, _chunks, build
from docgen.cli import main
from docgen.errors import InputError
from docgen.sources.table import Column, read_table
from tests.helpers import REPO, edit

BATCH = "hang-loat/so-ket-2024.yaml"
BATCH_CSV = "hang-loat/so-ket-2024-csv.yaml"
NUMBERS = ("cstdcs", "ltt", "ttldtt", "giay_khen")


def built(data: Path, *paths: str, **options: object) -> list[str]:
    """Build ``paths`` (relative to ``data``) into ``out``; return the names written."""
    report = build([data / path for path in paths], Path("out"), **options)  # type: ignore[arg-type]
    return sorted(path.name for path in report.rendered)


def unit_names(data: Path) -> list[str]:
    rows = read_table(data / "hang-loat/don-vi-2024.csv", [Column("ten", ("Tên đơn vị",))])
    return [str(row.values["ten"]) for row in rows]


def test_a_batch_makes_one_report_per_unit_and_the_roll_up(data: Path) -> None:
    names = built(data, BATCH)
    assert len(unit_names(data)) == 12
    assert len(names) == 13
    assert "bao-cao-xa-dak-mar.docx" in names and "so-ket-2024-tong-hop.docx" in names
    report = docx.Document("out/bao-cao-xa-dak-mar.docx")
    header = report.tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ ĐẮK MAR",
    ]


def test_xlsx_and_csv_give_identical_documents(data: Path) -> None:
    built(data, BATCH, BATCH_CSV)
    for name in ("xa-dak-mar", "thi-tran-dak-ha", "xa-ngok-wang"):
        assert (
            Path(f"out/bao-cao-{name}.docx").read_bytes()
            == Path(f"out/csv-bao-cao-{name}.docx").read_bytes()
        )
    assert (
        Path("out/so-ket-2024-tong-hop.docx").read_bytes()
        == Path("out/so-ket-2024-csv-tong-hop.docx").read_bytes()
    )


def test_the_roll_up_totals_are_the_column_sums(data: Path) -> None:
    built(data, BATCH)
    titles = ("Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Tập thể lao động tiên tiến",
              "Giấy khen")  # fmt: skip
    columns = [Column("ten", ("Tên đơn vị",))]
    columns += [Column(key, (title,)) for key, title in zip(NUMBERS, titles, strict=True)]
    rows = read_table(data / "hang-loat/don-vi-2024.csv", columns)
    sums = [sum(int(row.values.get(key, 0)) for row in rows) for key in NUMBERS]
    roll_up = docx.Document("out/so-ket-2024-tong-hop.docx")
    table = next(t for t in roll_up.tables if t.cell(0, 1).text == "Xã, thị trấn")
    totals = [cell.text for cell in table.rows[-1].cells]
    assert totals[1] == "Tổng cộng"
    assert [int(text.replace(".", "")) for text in totals[2:6]] == sums
    assert int(totals[6].replace(".", "")) == sum(sums)
    units = [row.cells[1].text for row in table.rows[1:-1]]
    assert units == unit_names(data)


def test_a_second_build_renders_nothing(data: Path) -> None:
    assert len(built(data, ".")) > 13
    report = build([data], Path("out"))
    assert report.rendered == [] and report.skipped > 13


def test_changing_one_row_rerenders_that_unit_and_the_roll_up_only(data: Path) -> None:
    built(data, BATCH_CSV)
    edit(data / "hang-loat/don-vi-2024.csv", "Xã Đắk Mar;Đắk Mar;", "Xã Đắk Mar;Đắk Mar (mới);")
    assert built(data, BATCH_CSV) == [
        "csv-bao-cao-xa-dak-mar.docx",
        "so-ket-2024-csv-tong-hop.docx",
    ]


def test_changing_a_profile_rerenders_what_uses_it(data: Path) -> None:
    built(data, ".")
    edit(data / "co-quan.yaml", "ho_ten: Hà Tiến", "ho_ten: Hà Tiến Dũng")
    rebuilt = built(data, ".")
    assert "kehoach-tdkt-2024.docx" in rebuilt and "so-ket-2024-tong-hop.docx" in rebuilt
    assert "bao-cao-xa-dak-mar.docx" not in rebuilt  # units sign with their own chairman


def test_force_renders_everything(data: Path) -> None:
    first = built(data, BATCH)
    assert built(data, BATCH, force=True) == first


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        ("2;Xã Đắk Mar;", "2;;", ":4:B: ten: ", "thiếu tên đơn vị"),
        (
            ";Nguyễn Văn Hòa;4;",
            ";Nguyễn Văn Hòa;bốn;",
            ":3:E: cstdcs: ",
            "phải là số nguyên không âm",
        ),
        (
            "3;Xã Đắk Hring;",
            "3;Xã Đắk Mar;",
            ":5:B: ten: ",
            "trùng tên tệp 'csv-bao-cao-xa-dak-mar.docx' với dòng 4",
        ),
    ],
)
def test_bad_rows_are_located_and_nothing_is_written(
    data: Path, old: str, new: str, where: str, words: str
) -> None:
    edit(data / "hang-loat/don-vi-2024.csv", old, new)
    with pytest.raises(InputError) as raised:
        build([data / BATCH_CSV], Path("out"))
    found = [str(p) for p in raised.value.problems]
    assert any(
        p.startswith(f"data/hang-loat/don-vi-2024.csv{where}") and words in p for p in found
    ), found
    assert not Path("out").exists() or not list(Path("out").glob("**/*.docx"))


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not a workbook"], ids=["empty", "broken"])
def test_an_empty_or_broken_table_is_reported(data: Path, content: bytes) -> None:
    (data / "hang-loat/don-vi-2024.xlsx").write_bytes(content)
    with pytest.raises(InputError) as raised:
        build([data / BATCH], Path("out"))
    found = [str(p) for p in raised.value.problems]
    assert any(p.startswith("data/hang-loat/don-vi-2024.xlsx") for p in found), found


def test_keep_going_renders_the_valid_documents_and_lists_the_rest(data: Path) -> None:
    edit(data / "hang-loat/don-vi-2024.csv", "2;Xã Đắk Mar;", "2;;")
    result = CliRunner().invoke(main, ["build", "data", "-o", "out", "--keep-going"])
    assert result.exit_code == 1, result.output
    assert "Không tạo được (có 1 lỗi):" in result.stderr
    assert "data/hang-loat/don-vi-2024.csv:4:B: ten: thiếu tên đơn vị" in result.stderr
    assert Path("out/kehoach-tdkt-2024.docx").is_file()
    assert Path("out/hang-loat/bao-cao-xa-dak-hring.docx").is_file()  # the xlsx batch is fine
    assert result.stdout.strip().splitlines()[-1].startswith("Xong: ")


def test_the_cli_summary_and_plain_progress(data: Path) -> None:
    result = CliRunner().invoke(main, ["build", "data/hang-loat/so-ket-2024.yaml", "-o", "out"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 14 and lines[-1].startswith("Xong: 13 văn bản đã tạo, 0 không đổi")
    again = CliRunner().invoke(main, ["build", "data/hang-loat/so-ket-2024.yaml", "-o", "out"])
    assert (
        again.stdout.strip().splitlines() == [again.stdout.strip()]
        and "13 không đổi" in again.stdout
    )


def test_parallel_and_serial_builds_give_the_same_bytes(data: Path) -> None:
    build([data / BATCH], Path("one"), jobs=1)
    build([data / BATCH], Path("two"), jobs=2)
    for path in Path("one").rglob("*.docx"):
        assert path.read_bytes() == (Path("two") / path.relative_to("one")).read_bytes()


def _units(data: Path, count: int) -> Path:
    """Give the CSV batch ``count`` units (the sample's rows repeated, each its own name);
    return the batch file."""
    table = data / "hang-loat" / "don-vi-2024.csv"
    title, header, *rows = table.read_text(encoding="utf-8-sig").splitlines()
    lines = [title, header]
    for index in range(count):
        cells = rows[index % len(rows)].split(";")
        cells[0], cells[1] = str(index + 1), f"{cells[1]} {index + 1}"
        lines.append(";".join(cells))
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data / "hang-loat" / "so-ket-2024-csv.yaml"


def test_a_large_parallel_build_matches_a_serial_one(data: Path) -> None:
    batch = _units(data, 70)  # 71 documents: the workers take them 4 at a time
    assert max(map(len, _chunks([Task(Path(), Path())] * 71, 2))) == 4
    one, two = build([batch], Path("one"), jobs=1), build([batch], Path("two"), jobs=2)
    assert len(one.rendered) == len(two.rendered) == 71
    for path in Path("one").rglob("*.docx"):
        assert path.read_bytes() == (Path("two") / path.relative_to("one")).read_bytes()
    assert not list(Path("two").glob(".~dg-*"))


@pytest.mark.parametrize(
    ("count", "jobs", "size"), [(13, 2, 1), (71, 2, 4), (1000, 2, 8), (1000, 8, 8), (40, 4, 1)]
)
def test_tasks_go_to_the_workers_in_order_a_few_at_a_time(count: int, jobs: int, size: int) -> None:
    tasks = [Task(Path(f"{index}.docx"), Path("a.yaml")) for index in range(count)]
    chunks = list(_chunks(tasks, jobs))
    assert [task for chunk in chunks for task in chunk] == tasks
    assert max(len(chunk) for chunk in chunks) == size
    assert len(chunks) >= min(count, jobs * 8)  # no worker left idle for want of work


def test_watch_rerenders_after_a_save_and_survives_a_bad_one(data: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    target = Path("out/csv-bao-cao-xa-dak-mar.docx")
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "watch", "data/hang-loat/so-ket-2024-csv.yaml",
         "-o", "out", "--interval", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
    )  # fmt: skip

    def wait_for(condition: object, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():  # type: ignore[operator]
                return
            time.sleep(0.1)
        raise AssertionError("timed out")

    try:
        wait_for(target.is_file)
        first = target.read_bytes()
        time.sleep(0.3)
        edit(data / "hang-loat/don-vi-2024.csv", "Xã Đắk Mar;Đắk Mar;", "Xã Đắk Mar;Đắk Mar (mới);")
        wait_for(lambda: target.read_bytes() != first)
        good = target.read_bytes()
        edit(data / "hang-loat/don-vi-2024.csv", ";Nguyễn Văn Hòa;4;", ";Nguyễn Văn Hòa;bốn;")
        time.sleep(2)
        assert process.poll() is None, "watch stopped on a bad save"
        assert target.read_bytes() == good
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "phải là số nguyên không âm" in output
    assert output.count("Xong: ") >= 2


def test_keep_going_keeps_the_valid_units_of_a_batch_but_not_its_roll_up(data: Path) -> None:
    edit(data / "hang-loat/don-vi-2024.csv", "2;Xã Đắk Mar;", "2;;")
    report = build([data / BATCH_CSV], Path("out"), keep_going=True)
    names = sorted(path.name for path in report.rendered)
    assert len(names) == 11 and "so-ket-2024-csv-tong-hop.docx" not in names
    assert [str(p) for p in report.failed] == [
        "data/hang-loat/don-vi-2024.csv:4:B: ten: thiếu tên đơn vị"
    ]


def test_an_empty_text_cell_is_an_error_not_a_placeholder_in_print(data: Path) -> None:
    edit(data / "hang-loat/don-vi-2024.csv", "2;Xã Đắk Mar;Đắk Mar;", "2;Xã Đắk Mar;;")
    with pytest.raises(InputError) as raised:
        build([data / BATCH_CSV], Path("out"))
    assert [str(p) for p in raised.value.problems] == [
        "data/hang-loat/don-vi-2024.csv:4:C: dia_danh: ô trống"
    ]


def test_a_roll_up_table_column_must_be_a_numeric_column(data: Path) -> None:
    edit(data / "hang-loat/tong-hop-so-ket-2024.yaml", "cstdcs:", "cstd:")
    with pytest.raises(InputError) as raised:
        build([data / BATCH_CSV], Path("out"))
    assert any("bảng theo đơn vị có cột 'cstd'" in str(p) for p in raised.value.problems)


def test_a_new_docgen_version_rebuilds_everything(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = built(data, BATCH)
    monkeypatch.setattr("docgen.manifest.__version__", "99.0")
    assert built(data, BATCH) == first


def test_render_explains_that_a_batch_file_is_built(data: Path) -> None:
    result = CliRunner().invoke(main, ["render", f"data/{BATCH}", "-o", "out"])
    assert result.exit_code == 1
    assert "đây là tệp hàng loạt (hang_loat): tạo bằng lệnh docgen build" in result.stderr


def test_an_interrupted_builds_temporary_files_are_removed(data: Path) -> None:
    Path("out").mkdir()
    leftover = Path("out/.bao-cao-xa-dak-mar.docx.abc123.tmp")
    leftover.write_bytes(b"half")
    built(data, BATCH)
    assert not leftover.exists()


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="needs LibreOffice (installed by .ci/run)"
)
def test_build_pdf_writes_a_pdf_beside_each_new_document(data: Path) -> None:
    result = CliRunner().invoke(main, ["build", f"data/{BATCH}", "-o", "out", "--pdf", "-j", "1"])
    assert result.exit_code == 0, result.output
    documents = sorted(Path("out").glob("*.docx"))
    assert len(documents) == 13
    for document in documents:
        assert document.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_an_output_that_would_replace_its_input_is_an_error(data: Path) -> None:
    # Issue 10, item 5: a YAML file named like its output, built into its own folder.
    source = data / "ke-hoach.docx"
    shutil.copyfile(data / "kehoach-tdkt-2024.yaml", source)
    before = source.read_bytes()
    with pytest.raises(InputError) as raised:
        build([source], data)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{Path('data/ke-hoach.docx')}: tệp kết quả {Path('data/ke-hoach.docx')} sẽ ghi đè"
        " chính tệp dữ liệu"
    ]
    assert source.read_bytes() == before


def test_two_documents_with_one_output_name_are_an_error(data: Path) -> None:
    shutil.copyfile(data / "kehoach-tdkt-2024.yaml", data / "kehoach-tdkt-2024.yml")
    with pytest.raises(InputError) as raised:
        build([data / "kehoach-tdkt-2024.yaml", data / "kehoach-tdkt-2024.yml"], Path("out"))
    assert [str(problem) for problem in raised.value.problems] == [
        f"{Path('data/kehoach-tdkt-2024.yml')}: cùng ghi ra"
        f" {Path('out/kehoach-tdkt-2024.docx')} với {Path('data/kehoach-tdkt-2024.yaml')}"
    ]
    assert not Path("out/kehoach-tdkt-2024.docx").exists()


def test_outputs_differing_only_in_case_are_one_file(data: Path) -> None:
    # Plan.docx and plan.docx are the same file on Windows and macOS: refused everywhere.
    shutil.copyfile(data / "kehoach-tdkt-2024.yaml", data / "KeHoach-TDKT-2024.yml")
    with pytest.raises(InputError) as raised:
        build([data / "kehoach-tdkt-2024.yaml", data / "KeHoach-TDKT-2024.yml"], Path("out"))
    [problem] = raised.value.problems
    assert "cùng ghi ra" in problem.message


def _children(pid: int) -> list[int]:
    """Return the pids of the running processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_pool_workers_end_when_the_build_is_killed_outright(data: Path) -> None:
    """kill -9 leaves the main process no chance to stop its pool: the workers notice."""
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "build", "data", "-o", "out", "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.02)
    if process.poll() is not None:
        pytest.skip("the build finished before its pool could be seen")
    process.kill()
    process.wait()
    deadline = time.monotonic() + 15
    while any(_running(worker) for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(worker) for worker in workers)
