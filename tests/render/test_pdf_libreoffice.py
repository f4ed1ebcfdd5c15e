"""The worker pool with the real LibreOffice: a batch of reports converted by several workers,
fonts embedded and every Vietnamese character present, a worker killed mid-batch restarted,
and no ``soffice`` process left after a run, an error or Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import docx
import pytest

from docgen import api
from docgen.pdf_outputs import make_pdfs
from docgen.render.pdf import Conversion, PdfConverter, soffice_path
from docgen.render.preview import page_count

pytestmark = pytest.mark.skipif(
    soffice_path() is None or shutil.which("pdffonts") is None or sys.platform == "win32",
    reason="needs LibreOffice and poppler-utils (installed by .ci/run) on Linux",
)

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "data" / "baocao-soket-6thang-2024.yaml"


def soffice_processes(marker: Path) -> list[str]:
    """Return the command lines of running LibreOffice processes whose profile or files are
    under ``marker`` (so other tests' converters do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "status").read_text()
        except OSError:
            continue
        if "soffice" in command and str(marker) in command and "State:\tZ" not in state:
            found.append(command)
    return found


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Return four copies of the rendered sample report (four 'units')."""
    folder = tmp_path_factory.mktemp("reports")
    rendered = api.render_file(REPORT, folder)
    copies = []
    for index in range(4):
        copy = folder / f"don-vi-{index + 1}.docx"
        shutil.copyfile(rendered, copy)
        copies.append(copy)
    return copies


@pytest.fixture(scope="module")
def converted(reports: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Conversion]:
    """Return the four reports converted by two workers (their temporary files, profiles
    included, under the folder ``work`` beside the PDFs)."""
    out = tmp_path_factory.mktemp("pdf")
    (out / "work").mkdir()
    previous, tempfile.tempdir = tempfile.tempdir, str(out / "work")
    try:
        jobs = [(doc, out / f"{doc.stem}.pdf") for doc in reports]
        return PdfConverter(workers=2).convert(jobs)
    finally:
        tempfile.tempdir = previous


def pdf_text(pdf: Path) -> str:
    command = ["pdftotext", "-layout", str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def test_a_batch_is_converted_with_the_expected_pages(converted: list[Conversion]) -> None:
    assert all(outcome.ok and outcome.attempts == 1 for outcome in converted)
    counts = {page_count(outcome.target) for outcome in converted}
    assert counts == {4}  # the sample report is four A4 pages


def test_fonts_are_embedded_and_are_the_times_substitute(converted: list[Conversion]) -> None:
    listing = subprocess.run(
        ["pdffonts", str(converted[0].target)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        columns = line.split()
        name, embedded = columns[0], columns[-5]
        assert embedded == "yes", line
        # No fallback font: a character missing from the serif would be drawn from another.
        assert "LiberationSerif" in name or "TimesNewRoman" in name, line


def test_every_character_of_the_document_is_in_the_pdf(
    reports: list[Path], converted: list[Conversion]
) -> None:
    document = docx.Document(str(reports[0]))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    wanted = {c for c in unicodedata.normalize("NFC", "".join(texts)) if not c.isspace()}
    found = set(unicodedata.normalize("NFC", pdf_text(converted[0].target)))
    assert wanted - found == set()
    text = pdf_text(converted[0].target)
    assert "ỦY BAN NHÂN DÂN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BÁO CÁO" in text
    assert "Trần Văn Bình" in text  # the signer (pho-chu-tich of data/co-quan.yaml)


def test_no_libreoffice_is_left_after_a_run(converted: list[Conversion]) -> None:
    assert all(outcome.ok for outcome in converted)
    work = converted[0].target.parent / "work"
    assert soffice_processes(work) == []
    assert not list(work.iterdir())  # profiles and intermediate PDFs removed


def test_a_worker_killed_mid_batch_is_restarted_and_every_pdf_made(
    reports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    jobs = [(doc, tmp_path / "out" / f"{doc.stem}.pdf") for doc in reports]
    killed: list[str] = []

    def kill_after_first(conversion: Conversion) -> None:
        if killed:
            return
        for command in soffice_processes(tmp_path):
            killed.append(command)
        subprocess.run(["pkill", "-KILL", "-f", f"UserInstallation=file://{tmp_path}"], check=False)

    converter = PdfConverter(workers=1)
    outcomes = converter.convert(jobs, on_done=kill_after_first)
    assert killed, "no LibreOffice process was found to kill"
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    assert converter.restarts >= 1
    assert soffice_processes(tmp_path) == []


def test_no_libreoffice_is_left_after_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a document")
    outcomes = PdfConverter(workers=1).convert([(broken, tmp_path / "broken.pdf")])
    assert not outcomes[0].ok and not (tmp_path / "broken.pdf").exists()
    assert soffice_processes(tmp_path) == []


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_no_libreoffice_is_left_after_ctrl_c_or_sigterm(
    reports: list[Path], tmp_path: Path, stop: signal.Signals
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    for report in reports:
        shutil.copyfile(report, folder / report.name)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    command = [sys.executable, "-m", "docgen", "preview", str(folder / reports[0].name)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, TMPDIR=str(temporary)),
    )
    deadline = time.monotonic() + 60
    while not soffice_processes(temporary) and time.monotonic() < deadline:
        if process.poll() is not None:  # ended before LibreOffice was seen: say how
            out, err = process.communicate()
            pytest.fail(f"docgen preview ended first ({process.returncode}): {out} {err}")
        time.sleep(0.05)
    assert soffice_processes(temporary), "LibreOffice did not start"
    process.send_signal(stop)
    process.communicate(timeout=60)
    assert process.returncode != 0
    # LibreOffice's processes were told to end; on a loaded machine that takes a moment.
    deadline = time.monotonic() + 10
    while (soffice_processes(temporary) or list(temporary.iterdir())) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.1)
    assert soffice_processes(temporary) == []
    assert not list(temporary.iterdir())


def test_build_pdf_converts_only_what_changed(reports: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    documents = []
    for report in reports[:2]:
        shutil.copyfile(report, folder / report.name)
        documents.append(folder / report.name)
    first = make_pdfs(documents, folder)
    assert len(first.written) == 2 and not first.failed
    again = make_pdfs(documents, folder)
    assert not again.written and len(again.up_to_date) == 2


def test_render_preview_writes_page_one_beside_the_document(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)  # the report reads the plan it reports on
    command = [sys.executable, "-m", "docgen", "render", str(data / REPORT.name)]
    result = subprocess.run(
        [*command, "-o", str(tmp_path / "out"), "--preview"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    image = tmp_path / "out" / "baocao-soket-6thang-2024-1.png"
    assert str(image) in result.stdout.split()
    data_png = image.read_bytes()
    assert data_png.startswith(b"\x89PNG") and len(data_png) > 10_000  # a page with text
    assert not (tmp_path / "out" / "baocao-soket-6thang-2024.pdf").exists()  # not asked for
