"""Benchmark ``docgen check`` on one long table (a script, not a test).

Builds a .docx holding a table of ROWS rows and 3 columns (one short paragraph per cell),
checks it once in a fresh process and prints the wall time, the CPU time and the peak
resident memory of that process. Checking must grow linearly with the rows (issue 10).

    python bench/bench_check_table.py [--rows 10000]

The peak-memory figure uses ``resource`` (Linux and macOS).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

CHILD = """
import resource, sys, time
from pathlib import Path
from docgen.check.checker import check
from docgen.check.inspect import inspect_file
wall, cpu = time.perf_counter(), time.process_time()
findings = check(inspect_file(Path(sys.argv[1])))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{wall:.2f} {cpu:.2f} {peak:.0f} {len(findings)}")
"""


def build_table(path: Path, rows: int) -> None:
    """Write a document with one table of ``rows`` rows and 3 columns to ``path``."""
    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for row in range(rows):
        for column, cell in enumerate(table.add_row().cells):
            cell.paragraphs[0].add_run(f"Dòng {row + 1}, cột {column + 1}")
    document.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as folder:
        path = Path(folder) / f"bang-{rows}.docx"
        started = time.perf_counter()
        build_table(path, rows)
        print(f"built {rows} rows in {time.perf_counter() - started:.1f} s")
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
        )
        wall, cpu, peak, findings = result.stdout.split()
        print(f"check of a {rows}-row table: {wall} s wall, {cpu} s CPU, peak {peak} MB")
        print(f"bench: rows={rows} wall_s={wall} cpu_s={cpu} peak_mb={peak} findings={findings}")


if __name__ == "__main__":
    main()
