"""Helpers shared by tests that run docgen as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_docgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m docgen ARGS`` in a real process, with this checkout importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the text file at ``path`` with ``new`` (``old`` must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_problems(path: Path) -> list[str]:
    """Return the problems docgen reports for the document at ``path``, as printed ([] if none)."""
    from docgen import api
    from docgen.errors import InputError

    try:
        api.load_document(path)
    except InputError as error:
        return [str(problem) for problem in error.problems]
    return []
