"""Rendering the same input twice gives byte-identical files, so drafts can be versioned."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docgen import api
from tests.render.conftest import SAMPLE


def test_same_input_gives_identical_bytes(tmp_path: Path, rendered_path: Path) -> None:
    again = api.render_file(SAMPLE, tmp_path)
    assert again.read_bytes() == rendered_path.read_bytes()


def test_zip_entries_have_fixed_timestamps(rendered_path: Path) -> None:
    with zipfile.ZipFile(rendered_path) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2024-01-01T00:00:00Z" in core


def test_prepared_template_renders_many_documents(tmp_path: Path) -> None:
    renderer = api.Renderer()
    document = api.load_document(SAMPLE)
    outputs = {renderer.render(document) for _ in range(3)}
    assert len(outputs) == 1
