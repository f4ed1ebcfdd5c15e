"""Fixtures shared across the test suite."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FAKE_SOFFICE = Path(__file__).with_name("fake_soffice.py")
DATA_FILES = ("kehoach-tdkt-2024.yaml", "co-quan.yaml", "noi-nhan.yaml")


@pytest.fixture(scope="session", autouse=True)
def template_cache() -> Iterator[Path]:
    """Keep the compiled-template cache of every test run (and of the processes tests start,
    which inherit the variable) in a temporary folder, never in the user's home."""
    with tempfile.TemporaryDirectory(prefix="docgen-cache-") as folder:
        previous = os.environ.get("DOCGEN_CACHE_DIR")
        os.environ["DOCGEN_CACHE_DIR"] = folder
        yield Path(folder)
        if previous is None:
            os.environ.pop("DOCGEN_CACHE_DIR", None)
        else:
            os.environ["DOCGEN_CACHE_DIR"] = previous


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample ``data/`` folder in ``tmp_path``, which becomes the working dir."""
    data = tmp_path / "data"
    data.mkdir()
    for name in DATA_FILES:
        shutil.copyfile(REPO / "data" / name, data / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the whole ``data/`` folder (plan, reports, profiles) to edit; its parent
    ``tmp_path`` becomes the working directory, so problems read ``data/<file>:<line>``."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return an executable stand-in for soffice; its state folder is ``tmp_path/state``."""
    script = tmp_path / "soffice"
    script.write_text(
        f"#!{sys.executable}\n" + FAKE_SOFFICE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    script.chmod(0o755)
    state = tmp_path / "state"
    state.mkdir()
    monkeypatch.setenv("FAKE_SOFFICE_STATE", str(state))
    return script
