"""The LibreOffice worker pool's supervision, against a stand-in converter (fake_soffice.py):
hung and crashed workers are killed with their children and restarted, their document is
retried once, a batch never stops for one document, and no process outlives a conversion."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.render import pdf
from docgen.render.pdf import Conversion, PdfConverter, is_pdf

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a POSIX script")


def documents(folder: Path, *names: str) -> list[tuple[Path, Path]]:
    """Return (source, target) jobs for empty .docx files named ``names``."""
    (folder / "in").mkdir(exist_ok=True)
    jobs = []
    for name in names:
        source = folder / "in" / f"{name}.docx"
        source.write_bytes(b"")
        jobs.append((source, folder / "out" / f"{name}.pdf"))
    return jobs


def starts(fake: Path) -> int:
    """Return how many times the stand-in was started."""
    log = fake.parent / "state" / "starts"
    return len(log.read_text().splitlines()) if log.exists() else 0


def assert_no_survivors(fake: Path) -> None:
    """Assert every process the stand-in started (and its children) is gone."""
    pids = fake.parent / "state" / "pids"
    for pid in map(int, pids.read_text().split() if pids.exists() else []):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        # A zombie (dead, not yet reaped by its parent) is not running either.
        status = Path(f"/proc/{pid}/status")
        assert status.exists() and "State:\tZ" in status.read_text(), f"process {pid} survived"


def outcome(results: list[Conversion], name: str) -> Conversion:
    return next(result for result in results if result.source.stem == name)


def test_every_document_is_converted_in_order_by_few_starts(fake: Path, tmp_path: Path) -> None:
    jobs = documents(tmp_path, *(f"doc{index}" for index in range(7)))
    done: list[str] = []
    results = PdfConverter(workers=2, soffice=str(fake)).convert(
        jobs, on_done=lambda conversion: done.append(conversion.source.stem)
    )
    assert [result.source for result in results] == [source for source, _ in jobs]
    assert all(result.ok and result.attempts == 1 for result in results)
    assert all(is_pdf(target) for _, target in jobs)
    assert sorted(done) == sorted(f"doc{index}" for index in range(7))
    assert starts(fake) == 2  # one converter per worker, each fed its share
    assert_no_survivors(fake)


def test_a_hung_worker_is_killed_and_its_document_retried_once(fake: Path, tmp_path: Path) -> None:
    jobs = documents(tmp_path, "doc0", "hang", "doc2", "doc3")
    converter = PdfConverter(workers=1, timeout=1, start_timeout=1, soffice=str(fake))
    started = time.monotonic()
    results = converter.convert(jobs)
    assert time.monotonic() - started < 30
    hung = outcome(results, "hang")
    assert not hung.ok and hung.attempts == pdf.ATTEMPTS and "treo" in hung.error
    assert all(outcome(results, name).ok for name in ("doc0", "doc2", "doc3"))
    assert converter.restarts == 2  # the hang, then its retry
    assert not (tmp_path / "out" / "hang.pdf").exists()
    assert_no_survivors(fake)


def test_a_crash_is_retried_once_and_the_rest_of_the_batch_goes_on(
    fake: Path, tmp_path: Path
) -> None:
    jobs = documents(tmp_path, "doc0", "crash", "flaky", "doc3")
    converter = PdfConverter(workers=1, soffice=str(fake))
    results = converter.convert(jobs)
    crash = outcome(results, "crash")
    assert not crash.ok and crash.attempts == 2 and "mã 3" in crash.error
    flaky = outcome(results, "flaky")
    assert flaky.ok and flaky.attempts == 2
    assert outcome(results, "doc0").ok and outcome(results, "doc3").ok
    assert converter.restarts == 3
    assert_no_survivors(fake)


def test_a_skipped_or_non_pdf_output_is_a_failure_not_a_pdf(fake: Path, tmp_path: Path) -> None:
    jobs = documents(tmp_path, "bad", "junk", "good")
    results = PdfConverter(workers=1, soffice=str(fake)).convert(jobs)
    for name in ("bad", "junk"):
        failed = outcome(results, name)
        assert not failed.ok and failed.attempts == 2
        assert failed.error == "LibreOffice không tạo ra tệp PDF"
        assert not (tmp_path / "out" / f"{name}.pdf").exists()
    assert outcome(results, "good").ok


def test_a_converter_that_never_works_is_given_up_quickly(
    fake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_BROKEN", "1")
    jobs = documents(tmp_path, *(f"doc{index}" for index in range(20)))
    results = PdfConverter(workers=1, soffice=str(fake)).convert(jobs)
    assert not any(result.ok for result in results)
    # The first document was blamed twice (its two attempts), then docgen gave up on the rest.
    assert "dừng bất thường (mã 81)" in results[0].error
    assert all("không chạy được" in result.error for result in results[1:])
    assert starts(fake) == pdf.BARREN_RUNS


def test_documents_sharing_a_name_are_converted_in_different_runs(
    fake: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a" / "same.docx", tmp_path / "b" / "same.docx"
    for source in (first, second):
        source.parent.mkdir()
        source.write_bytes(b"")
    jobs = [(first, tmp_path / "a" / "same.pdf"), (second, tmp_path / "b" / "same.pdf")]
    results = PdfConverter(workers=1, soffice=str(fake)).convert(jobs)
    assert all(result.ok for result in results) and starts(fake) == 2


def test_two_jobs_with_one_target_are_refused(fake: Path, tmp_path: Path) -> None:
    (one, target), (two, _) = documents(tmp_path, "one", "two")
    with pytest.raises(DocgenError, match="cùng ghi một tệp PDF"):
        PdfConverter(soffice=str(fake)).convert([(one, target), (two, target)])
    assert starts(fake) == 0


def test_a_missing_converter_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    with pytest.raises(pdf.ConverterMissing) as error:
        PdfConverter()
    assert "apt-get install libreoffice-writer" in str(error.value)
    assert "libreoffice.org" in str(error.value)


def test_ctrl_c_kills_every_worker(fake: Path, tmp_path: Path) -> None:
    jobs = documents(tmp_path, "hang1", "hang2")
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from docgen.render.pdf import PdfConverter
        jobs = [(Path(s), Path(t)) for s, t in {[(str(s), str(t)) for s, t in jobs]!r}]
        try:
            PdfConverter(workers=2, soffice={str(fake)!r}).convert(jobs)
        except KeyboardInterrupt:
            print("interrupted")
        """
    )
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, TMPDIR=str(temporary)),
    )
    pids = tmp_path / "state" / "pids"
    deadline = time.monotonic() + 30
    while (not pids.exists() or len(pids.read_text().split()) < 4) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=30)
    assert "interrupted" in output
    assert_no_survivors(fake)
    assert not list(temporary.iterdir())  # the workers' profiles and outputs removed


@pytest.mark.parametrize(
    ("content", "complete"),
    [
        (b"%PDF-1.4\n...\n%%EOF\n", True),
        (b"%PDF-1.4\n... cut while writing", False),
        (b"PK\x03\x04 a zip", False),
        (b"", False),
    ],
)
def test_only_a_complete_pdf_counts(tmp_path: Path, content: bytes, complete: bool) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    assert is_pdf(path) is complete
