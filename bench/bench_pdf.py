"""Benchmark of PDF conversion: docgen's LibreOffice workers against one ``soffice`` call per
file (a script, not a test).

Converts N (default 50) rendered unit reports twice, in the same run: through
:class:`docgen.render.pdf.PdfConverter` (one long-lived LibreOffice per core, each fed its
share of the batch), and with one ``soffice --convert-to pdf`` process per document, each
with a fresh private profile (what ``docgen render --pdf`` did before the pool, and what a
script calling LibreOffice per file does). Prints both and the ratio; the last line is::

    bench: docs=… workers_s=… per_file_s=… speedup=…

Usage: ``python bench/bench_pdf.py [--docs N] [--workers W]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from docgen import api  # noqa: E402
from docgen.render.pdf import PdfConverter, is_pdf, soffice_path  # noqa: E402

SAMPLE = REPO / "data" / "baocao-soket-6thang-2024.yaml"


def make_documents(folder: Path, count: int) -> list[Path]:
    """Return ``count`` copies of the rendered sample report in ``folder``."""
    rendered = api.render_file(SAMPLE, folder / "rendered")
    documents = []
    for index in range(count):
        copy = folder / "docs" / f"don-vi-{index + 1:03d}.docx"
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(rendered, copy)
        documents.append(copy)
    return documents


def bench_workers(documents: list[Path], folder: Path, workers: int | None) -> float:
    """Return the seconds docgen's worker pool takes for ``documents``."""
    converter = PdfConverter(workers)
    jobs = [(document, folder / "pool" / f"{document.stem}.pdf") for document in documents]
    started = time.perf_counter()
    outcomes = converter.convert(jobs)
    elapsed = time.perf_counter() - started
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes if not o.ok]
    return elapsed


def bench_per_file(documents: list[Path], folder: Path, soffice: str) -> float:
    """Return the seconds of one ``soffice`` process per document, each with a fresh profile."""
    output = folder / "per-file"
    started = time.perf_counter()
    for document in documents:
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
            command = [
                soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                "--convert-to", "pdf", "--outdir", str(output), str(document),
            ]  # fmt: skip
            subprocess.run(command, check=True, capture_output=True, timeout=300)
    elapsed = time.perf_counter() - started
    assert all(is_pdf(output / f"{document.stem}.pdf") for document in documents)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50, help="documents to convert (50)")
    parser.add_argument("--workers", type=int, default=None, help="workers (number of cores)")
    arguments = parser.parse_args()
    soffice = soffice_path()
    if soffice is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as temporary:
        folder = Path(temporary)
        documents = make_documents(folder, arguments.docs)
        pool = bench_workers(documents, folder, arguments.workers)
        print(f"docgen workers:      {pool:.1f} s for {len(documents)} documents")
        per_file = bench_per_file(documents, folder, soffice)
        print(f"one soffice per file: {per_file:.1f} s")
    print(
        f"bench: docs={len(documents)} workers_s={pool:.1f} per_file_s={per_file:.1f} "
        f"speedup={per_file / pool:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
