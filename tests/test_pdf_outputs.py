"""PDFs beside the documents: converted only when out of date, never left stale beside a
newer .docx, and the .docx still written when LibreOffice is missing (with the stand-in
converter of fake_soffice.py, so these run without LibreOffice)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from docgen import cli
from docgen.manifest import Manifest
from docgen.pdf_outputs import current_pdf, make_pdfs, pdf_path, retire_stale_pdfs
from docgen.render import pdf

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a POSIX script")


@pytest.fixture
def converter(fake: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the stand-in the installed LibreOffice; return its state folder."""
    monkeypatch.setattr(pdf, "soffice_path", lambda: str(fake))
    return fake.parent / "state"


def starts(state: Path) -> int:
    log = state / "starts"
    return len(log.read_text().splitlines()) if log.exists() else 0


def documents(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.docx"
        path.write_bytes(f"docx of {name}".encode())
        paths.append(path)
    return paths


def test_an_up_to_date_pdf_is_not_converted_again(converter: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = documents(out, "a", "b")
    first = make_pdfs(docs, out)
    assert first.written == [pdf_path(doc) for doc in docs] and starts(converter) >= 1
    before = starts(converter)
    second = make_pdfs(docs, out)
    assert not second.written and second.up_to_date == [pdf_path(doc) for doc in docs]
    assert starts(converter) == before
    docs[0].write_bytes(b"a changed docx")
    third = make_pdfs(docs, out)
    assert third.written == [pdf_path(docs[0])] and third.up_to_date == [pdf_path(docs[1])]
    forced = make_pdfs(docs, out, force=True)
    assert len(forced.written) == 2


def test_a_pdf_is_current_only_while_its_docx_and_itself_are_as_docgen_left_them(
    converter: Path, tmp_path: Path
) -> None:
    """What ``render --preview`` reads its page from instead of converting again."""
    out = tmp_path / "out"
    a, b = documents(out, "a", "b")
    make_pdfs([a, b], out)
    assert current_pdf(a, Manifest.load(out)) == pdf_path(a)
    pdf_path(a).write_bytes(b"%PDF-1.7 edited by hand\n%%EOF\n")
    b.write_bytes(b"docx of b, edited")
    assert current_pdf(a, Manifest.load(out)) is None  # the PDF changed
    assert current_pdf(b, Manifest.load(out)) is None  # the .docx changed
    assert current_pdf(out / "c.docx", Manifest.load(out)) is None  # never converted


def test_a_pdf_deleted_by_hand_is_made_again(converter: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = documents(out, "a")
    make_pdfs(docs, out)
    pdf_path(docs[0]).unlink()
    assert make_pdfs(docs, out).written == [pdf_path(docs[0])]


def test_a_stale_pdf_of_docgen_is_removed(converter: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = documents(out, "a")
    make_pdfs(docs, out)
    docs[0].write_bytes(b"rendered again, differently")
    report = retire_stale_pdfs(docs, out)
    assert report.removed == [pdf_path(docs[0])] and not pdf_path(docs[0]).exists()
    assert Manifest.load(out).pdfs == {}


def test_a_pdf_of_the_same_docx_is_kept(converter: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = documents(out, "a")
    make_pdfs(docs, out)
    docs[0].write_bytes(docs[0].read_bytes())  # rendered again: the same bytes
    report = retire_stale_pdfs(docs, out)
    assert not report.removed and not report.renamed and pdf_path(docs[0]).exists()


@pytest.mark.parametrize("made_by_docgen", [True, False])
def test_a_stale_pdf_someone_changed_is_kept_under_another_name(
    converter: Path, tmp_path: Path, made_by_docgen: bool
) -> None:
    out = tmp_path / "out"
    docs = documents(out, "a")
    if made_by_docgen:
        make_pdfs(docs, out)
    pdf_path(docs[0]).write_bytes(b"%PDF-1.4 signed by the director\n%%EOF\n")
    docs[0].write_bytes(b"rendered again")
    report = retire_stale_pdfs(docs, out)
    kept = out / "a-cu.pdf"
    assert report.renamed == [(pdf_path(docs[0]), kept)]
    assert kept.read_bytes().startswith(b"%PDF-1.4 signed")
    assert not pdf_path(docs[0]).exists()


def test_a_failed_conversion_retires_the_old_pdf(converter: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (doc,) = documents(out, "bad")
    pdf_path(doc).write_bytes(b"%PDF-1.4 from an earlier version\n%%EOF\n")
    report = make_pdfs([doc], out)
    assert report.failed and report.failed[0][0] == doc
    assert report.renamed == [(pdf_path(doc), out / "bad-cu.pdf")]


def write_sample(folder: Path) -> Path:
    """Copy the sample plan and its profiles into ``folder``; return the plan."""
    import shutil

    root = Path(__file__).resolve().parents[1] / "data"
    folder.mkdir()
    for name in ("kehoach-tdkt-2024.yaml", "co-quan.yaml", "noi-nhan.yaml"):
        shutil.copyfile(root / name, folder / name)
    return folder / "kehoach-tdkt-2024.yaml"


def test_render_without_libreoffice_still_writes_the_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    plan = write_sample(tmp_path / "data")
    status = cli.run(["render", str(plan), "-o", str(tmp_path / "out"), "--pdf"])
    error = capsys.readouterr().err
    assert status == 1
    assert (tmp_path / "out" / "kehoach-tdkt-2024.docx").is_file()
    assert not (tmp_path / "out" / "kehoach-tdkt-2024.pdf").exists()
    lines = [line for line in error.splitlines() if line.startswith("Lỗi")]
    assert len(lines) == 1
    assert "apt-get install libreoffice-writer" in lines[0] and "libreoffice.org" in lines[0]


def test_render_again_without_pdf_says_the_old_pdf_was_removed(
    converter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = write_sample(tmp_path / "data")
    out = tmp_path / "out"
    assert cli.run(["render", str(plan), "-o", str(out), "--pdf"]) == 0
    assert (out / "kehoach-tdkt-2024.pdf").is_file()
    capsys.readouterr()
    # The same data renders the same bytes: the PDF still matches and stays.
    assert cli.run(["render", str(plan), "-o", str(out)]) == 0
    assert (out / "kehoach-tdkt-2024.pdf").is_file()
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("\nso: ", "\nso: 5 ", 1),
        encoding="utf-8",
    )
    assert cli.run(["render", str(plan), "-o", str(out)]) == 0
    assert not (out / "kehoach-tdkt-2024.pdf").exists()
    assert "Đã xóa bản PDF cũ" in capsys.readouterr().err
