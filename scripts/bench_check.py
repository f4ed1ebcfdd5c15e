"""Benchmark ``docgen check`` on a long document (a script, not a test).

Builds a plan of about 30 pages by repeating the sample's body, checks it several times and
prints the page count (via LibreOffice when available) and the median time of one check.

    python scripts/bench_check.py [--repeat 6] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from docgen import api
from docgen.check.checker import check
from docgen.check.inspect import inspect_file
from docgen.render.pdf import convert_to_pdf, soffice_path

ROOT = Path(__file__).resolve().parents[1]


def build_long_document(folder: Path, repeat: int) -> Path:
    """Write a plan whose body is the sample's body ``repeat`` times; return the .docx path."""
    for name in ("co-quan.yaml", "noi-nhan.yaml"):
        shutil.copy(ROOT / "data" / name, folder / name)
    data = yaml.safe_load((ROOT / "data" / "kehoach-tdkt-2024.yaml").read_text(encoding="utf-8"))
    data["noi_dung"] = data["noi_dung"] * repeat
    source = folder / "ke-hoach-dai.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return api.render_file(source, folder)


def page_count(document: Path, folder: Path) -> int | None:
    """Return the number of pages LibreOffice lays ``document`` out on, if it is installed."""
    if soffice_path() is None or shutil.which("pdfinfo") is None:
        return None
    pdf = convert_to_pdf(document, folder)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=6, help="copies of the sample body")
    parser.add_argument("--runs", type=int, default=5, help="timed checks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        document = build_long_document(folder, args.repeat)
        pages = page_count(document, folder)
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            findings = check(inspect_file(document))
            timings.append(time.perf_counter() - start)
        print(f"pages: {pages if pages is not None else 'unknown (no LibreOffice)'}")
        print(f"paragraphs: {len(inspect_file(document).paragraphs)}, findings: {len(findings)}")
        print(f"check time: median {statistics.median(timings):.3f} s, min {min(timings):.3f} s")


if __name__ == "__main__":
    main()
