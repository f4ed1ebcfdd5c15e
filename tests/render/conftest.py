"""Fixtures of the rendering tests: the sample plan rendered once per session."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from docx.document import Document

from docgen import api

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "kehoach-tdkt-2024.yaml"
SAMPLES = sorted(
    path for path in (ROOT / "data").glob("*.yaml") if path.name not in api.PROFILE_FILES
)
"""Every sample document in data/ (profile files excluded)."""
EXPECTED = ROOT / "tests" / "fixtures" / "kehoach-tdkt-dak-ha-2024.expected.yaml"


@pytest.fixture(scope="session")
def rendered_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the path of the sample plan rendered into a temporary folder."""
    return api.render_file(SAMPLE, tmp_path_factory.mktemp("output"))


@pytest.fixture(scope="session")
def rendered(rendered_path: Path) -> Document:
    """Return the rendered sample plan opened with python-docx."""
    return docx.Document(str(rendered_path))


@pytest.fixture(scope="session")
def expected() -> dict[str, object]:
    """Return the expected text of the reference plan."""
    with EXPECTED.open(encoding="utf-8") as stream:
        data: dict[str, object] = yaml.safe_load(stream)
    return data
