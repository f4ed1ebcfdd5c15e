"""Benchmark of ``docgen build`` against a naive docxtpl loop (a script, not a test).

    python bench/bench_build.py [--units 500] [--memory-units 10000] [--noop-units 1000]

Builds N unit reports of the sample batch (data/hang-loat) with the rows repeated, and
prints per-document costs: docgen's batch path in one process; a naive loop on the same
template and contexts (a new ``DocxTemplate``, ``render``, ``save`` per document); the floor
(writing each output package from its parts with zipfile, every part deflated, as any
generator of a .docx must); a cold single ``docgen render`` against a minimal docxtpl script,
both as whole processes; the peak memory of a large build; a no-change rebuild.

The three per-document figures are each the best of ``--repeats`` runs (default 3), every
run of docgen and of the naive loop in a fresh process: what this machine's noise (mostly
its file system) adds is left out alike on both sides, and no run of docgen finds the text
caches an earlier run in the same process filled. The last line holds every figure:

    bench: docgen_ms=… naive_ms=… floor_ms=… speedup=… cold_ratio=… peak_mb=… noop_s=…
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from docgen.build import Builder, Worker  # noqa: E402
from docgen.render.package import read_parts  # noqa: E402

SAMPLE_TABLE = REPO / "data" / "hang-loat" / "don-vi-2024.csv"
BATCH = "hang-loat/so-ket-2024-csv.yaml"


def make_data(folder: Path, units: int) -> Path:
    """Copy data/ into ``folder`` with a units table of ``units`` rows; return the batch."""
    data = folder / "data"
    shutil.copytree(REPO / "data", data)
    lines = SAMPLE_TABLE.read_text(encoding="utf-8-sig").splitlines()
    title, header, rows = lines[0], lines[1], lines[2:]
    out = [title, header]
    for index in range(units):
        cells = rows[index % len(rows)].split(";")
        cells[0] = str(index + 1)
        cells[1] = f"{cells[1]} {index + 1:05d}"  # every unit its own name and output
        out.append(";".join(cells))
    (data / "hang-loat" / "don-vi-2024.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return data / BATCH


def batch_contexts(batch: Path) -> list[tuple[str, dict[str, object]]]:
    """Return the (template, context) pair of every document of ``batch``, as docgen
    renders them (for the naive loop, which gets them ready-made)."""
    builder = Builder(batch.parent / "contexts", jobs=1)
    worker = Worker(builder.templates_dir)
    contexts = []
    for task in builder._plan([batch]).tasks:
        document = worker.load(task)
        contexts.append((document.kind.template, document.kind.context(document.resolved)))
    return contexts


def run_batch(units: int, keep: Path | None = None) -> float:
    """Return docgen's ms per document for a batch of ``units`` built in this process; with
    ``keep``, the outputs are moved there."""
    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        folder = Path(temporary)
        batch = make_data(folder, units)
        builder = Builder(folder / "out", jobs=1)
        started = time.perf_counter()
        report = builder.run([batch])
        elapsed = time.perf_counter() - started
        if keep is not None:
            shutil.move(folder / "out", keep)
    return elapsed * 1000 / len(report.rendered)


def run_naive(units: int) -> float:
    """Return the ms per document of a new DocxTemplate, render and save for each document
    of a batch of ``units`` (contexts computed before the timing)."""
    from docxtpl import DocxTemplate

    from docgen.api import default_templates_dir
    from docgen.render.environment import make_environment

    with tempfile.TemporaryDirectory(prefix="bench-naive-") as temporary:
        contexts = batch_contexts(make_data(Path(temporary), units))
        environment = make_environment()
        templates = default_templates_dir()
        started = time.perf_counter()
        for index, (name, context) in enumerate(contexts):
            template = DocxTemplate(str(templates / name))
            template.render(context, jinja_env=environment, autoescape=True)
            template.save(str(Path(temporary) / f"{index}.docx"))
        elapsed = time.perf_counter() - started
    return elapsed * 1000 / len(contexts)


def in_fresh_process(what: str, units: int) -> float:
    """Return the figure this script prints for ``--one what``, run as a new process."""
    command = [sys.executable, __file__, "--one", what, "--units", str(units)]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return float(result.stdout.strip().splitlines()[-1])


def bench_floor(outputs: list[bytes], repeats: int) -> float:
    """Return the best ms per document, of ``repeats`` runs, of writing each output's parts
    as a deflated zip."""
    packages = [read_parts(blob) for blob in outputs]
    best = float("inf")
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-floor-") as temporary:
            started = time.perf_counter()
            for index, parts in enumerate(packages):
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                    for name, blob in parts.items():
                        archive.writestr(name, blob)
                (Path(temporary) / f"{index}.docx").write_bytes(buffer.getvalue())
            best = min(best, time.perf_counter() - started)
    return best * 1000 / len(packages)


def best_wall(command: list[str], cwd: Path, runs: int = 5) -> float:
    """Return the best wall time in seconds of running ``command`` as a process, after one
    untimed run that leaves what an installed tool has on a user's machine: the modules'
    bytecode (pip compiles it at install; Python writes it on first import) and docgen's
    per-user cache of compiled templates."""
    times = []
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def bench_cold() -> tuple[float, float]:
    """Return the best wall seconds of a cold ``docgen render`` and of a minimal docxtpl
    script rendering the same template with the same context."""
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as temporary:
        folder = Path(temporary)
        shutil.copytree(REPO / "data", folder / "data")
        sample = "data/kehoach-tdkt-2024.yaml"
        docgen = best_wall([sys.executable, "-m", "docgen", "render", sample, "-o", "out"], folder)
        # The minimal script gets docgen's context ready-made (pickled), so it only loads
        # docxtpl, renders and saves: the least any docxtpl-based tool must do.
        prepare = textwrap.dedent(
            f"""
            import pickle, sys
            sys.path.insert(0, {str(REPO)!r})
            from pathlib import Path
            from docgen.api import load_document
            document = load_document(Path({sample!r}))
            context = document.kind.context(document.resolved)
            Path("context.pickle").write_bytes(pickle.dumps(context))
            """
        )
        subprocess.run([sys.executable, "-c", prepare], cwd=folder, check=True)
        script = folder / "minimal.py"
        script.write_text(
            textwrap.dedent(
                f"""
                import pickle, sys
                sys.path.insert(0, {str(REPO)!r})
                from docxtpl import DocxTemplate
                from docgen.render.environment import make_environment
                context = pickle.loads(open("context.pickle", "rb").read())
                template = DocxTemplate({str(REPO / "templates" / "kehoach.docx")!r})
                template.render(context, jinja_env=make_environment(), autoescape=True)
                template.save("minimal.docx")
                """
            ),
            encoding="utf-8",
        )
        minimal = best_wall([sys.executable, str(script)], folder)
    return docgen, minimal


def bench_memory(units: int) -> float:
    """Return the peak resident memory (MB) of a process building ``units`` documents."""
    code = textwrap.dedent(
        f"""
        import resource, sys, tempfile
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        sys.path.insert(0, {str(REPO / "bench")!r})
        from bench_build import make_data
        from docgen.build import Builder
        with tempfile.TemporaryDirectory() as temporary:
            batch = make_data(Path(temporary), {units})
            report = Builder(Path(temporary) / "out").run([batch])
            assert len(report.rendered) == {units} + 1, len(report.rendered)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    return int(result.stdout.strip().splitlines()[-1]) / 1024  # Linux reports KiB


def bench_noop(units: int) -> float:
    """Return the seconds of a rebuild of ``units`` outputs when nothing changed."""
    with tempfile.TemporaryDirectory(prefix="bench-noop-") as temporary:
        folder = Path(temporary)
        batch = make_data(folder, units)
        Builder(folder / "out").run([batch])
        started = time.perf_counter()
        report = Builder(folder / "out").run([batch])
        elapsed = time.perf_counter() - started
        assert not report.rendered and report.skipped == units + 1
    return elapsed


def main() -> int:
    """Run every measurement and print the figures; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--memory-units", type=int, default=10_000)
    parser.add_argument("--noop-units", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure, best kept")
    parser.add_argument("--one", choices=["batch", "naive"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # one run, in this process, for the main one
        print(run_batch(args.units) if args.one == "batch" else run_naive(args.units))
        return 0

    batch_runs = [in_fresh_process("batch", args.units) for _ in range(args.repeats)]
    docgen_ms = min(batch_runs)
    print(f"docgen batch, one process: {docgen_ms:.2f} ms per document ({_runs(batch_runs)})")
    naive_runs = [in_fresh_process("naive", args.units) for _ in range(args.repeats)]
    naive_ms = min(naive_runs)
    print(f"naive docxtpl loop:        {naive_ms:.2f} ms per document ({_runs(naive_runs)})")
    with tempfile.TemporaryDirectory(prefix="bench-outputs-") as temporary:
        run_batch(args.units, keep=Path(temporary) / "out")
        outputs = [path.read_bytes() for path in sorted(Path(temporary).rglob("*.docx"))]
    floor_ms = bench_floor(outputs, args.repeats)
    print(f"floor (zip + write):       {floor_ms:.2f} ms per document ({len(outputs)} outputs)")
    cold, minimal = bench_cold()
    print(f"cold docgen render:        {cold:.3f} s; minimal docxtpl script {minimal:.3f} s")
    peak_mb = bench_memory(args.memory_units)
    print(f"peak memory, {args.memory_units} documents: {peak_mb:.0f} MB")
    noop_s = bench_noop(args.noop_units)
    print(f"no-change rebuild of {args.noop_units + 1} outputs: {noop_s:.3f} s")
    print(
        f"bench: docgen_ms={docgen_ms:.2f} naive_ms={naive_ms:.2f} floor_ms={floor_ms:.2f} "
        f"speedup={naive_ms / docgen_ms:.1f} cold_ratio={cold / minimal:.2f} "
        f"peak_mb={peak_mb:.0f} noop_s={noop_s:.3f}"
    )
    return 0


def _runs(figures: list[float]) -> str:
    """Return every run's figure, for the reader to see the spread."""
    return "runs: " + ", ".join(f"{figure:.2f}" for figure in figures)


if __name__ == "__main__":
    raise SystemExit(main())
