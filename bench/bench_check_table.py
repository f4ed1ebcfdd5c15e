"""Benchmark ``docgen check`` on a long table and a long document (a script, not a test).

Renders two documents with docgen itself, from the sample plan ``data/kehoach-tdkt-2024.yaml``:

* a plan whose task table has ROWS rows of 3 columns (TT, task, unit: one paragraph per cell);
* a plan whose body is the sample's body repeated until it is about PAGES pages long.

Then runs ``docgen check`` on each in a fresh process (``python -m docgen check FILE``: the
whole command, imports and report included) and prints the CPU time, wall time and peak
resident memory of that process. The page count is LibreOffice's (when ``soffice`` and
``pdfinfo`` are installed; ``--no-pdf`` skips it), else docgen's own estimate. Checking must
grow linearly with the document (issue "Linear-time checking").

    python bench/bench_check_table.py [--rows 10000] [--pages 500] [--no-pdf]

The last line holds the figures: ``bench: rows=… rows_s=… pages=… pages_s=… peak_mb=…``,
where ``rows_s`` and ``pages_s`` are CPU seconds and ``peak_mb`` the peak memory of the
check of the long document. ``resource`` and ``os.wait4`` exist on Linux and macOS only.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "kehoach-tdkt-2024.yaml"
PAGES_PER_COPY = 4.2
"""Pages one copy of the sample's body adds (LibreOffice: 100 copies make 421 pages)."""


def render(folder: Path, name: str, data: dict[str, Any]) -> Path:
    """Render the plan ``data`` with docgen into ``folder``; return the .docx path."""
    from docgen import api

    source = folder / f"{name}.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return api.render_file(source, folder)


def build_table(folder: Path, rows: int) -> Path:
    """Write the sample plan with a task table of ``rows`` rows; return its path."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    table = data["noi_dung"][1]["noi_dung"][0]["bang"]  # the plan's task table
    table["dong"] = [
        {"noi_dung": f"Nhiệm vụ số {row + 1} của kế hoạch", "don_vi": "Phòng Nội vụ"}
        for row in range(rows)
    ]
    return render(folder, f"bang-{rows}", data)


def build_pages(folder: Path, pages: int) -> Path:
    """Write the sample plan with its body repeated to about ``pages`` pages."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    copies = max(1, round(pages / PAGES_PER_COPY))
    data["noi_dung"] = [copy.deepcopy(part) for _ in range(copies) for part in data["noi_dung"]]
    return render(folder, f"dai-{pages}", data)


def page_count(document: Path, folder: Path) -> int | None:
    """Return the pages LibreOffice lays ``document`` out on, or None without LibreOffice."""
    from docgen.render.pdf import convert_to_pdf, soffice_path

    if soffice_path() is None or shutil.which("pdfinfo") is None:
        return None
    pdf = convert_to_pdf(document, folder)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def estimated_pages(document: Path) -> int | None:
    """Return docgen's own page estimate of ``document`` (it records no page count)."""
    from docgen.check.inspect import inspect_file

    return inspect_file(document).page_count


def check(document: Path) -> tuple[float, float, float, str]:
    """Run ``docgen check`` on ``document`` in a new process; return its CPU seconds, wall
    seconds, peak resident memory (MB) and the last line it printed."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "docgen", "check", str(document)], stdout=output
        )
        _, status, usage = os.wait4(process.pid, 0)  # the resources of this child alone
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):  # 1: the document has errors
            raise SystemExit(f"docgen check failed on {document} ({process.returncode})")
        output.seek(0)
        last = output.read().decode("utf-8").strip().splitlines()[-1]
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return usage.ru_utime + usage.ru_stime, wall, peak, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the long table")
    parser.add_argument("--pages", type=int, default=500, help="pages of the long document")
    parser.add_argument("--no-pdf", action="store_true", help="estimate the page count")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as name:
        folder = Path(name)
        for data in ("co-quan.yaml", "noi-nhan.yaml"):
            shutil.copy(ROOT / "data" / data, folder / data)
        started = time.perf_counter()
        table = build_table(folder, args.rows)
        long = build_pages(folder, args.pages)
        print(f"rendered both documents in {time.perf_counter() - started:.1f} s")

        rows_cpu, rows_wall, rows_peak, rows_last = check(table)
        print(f"{args.rows}-row table: {rows_cpu:.2f} s CPU, {rows_wall:.2f} s wall, ", end="")
        print(f"peak {rows_peak:.0f} MB ({rows_last})")
        pages_cpu, pages_wall, pages_peak, pages_last = check(long)

        pages = None if args.no_pdf else page_count(long, folder)
        source = "LibreOffice" if pages is not None else "docgen's estimate"
        pages = pages if pages is not None else estimated_pages(long)
        print(f"{pages}-page document ({source}): {pages_cpu:.2f} s CPU, ", end="")
        print(f"{pages_wall:.2f} s wall, peak {pages_peak:.0f} MB ({pages_last})")
        print(
            f"bench: rows={args.rows} rows_s={rows_cpu:.2f} pages={pages} "
            f"pages_s={pages_cpu:.2f} peak_mb={pages_peak:.0f}"
        )


if __name__ == "__main__":
    main()
