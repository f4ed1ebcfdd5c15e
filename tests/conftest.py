"""Fixtures shared across the test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA_FILES = ("kehoach-tdkt-2024.yaml", "co-quan.yaml", "noi-nhan.yaml")


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
