"""Rendering a prepared template: what it produces is checked before anything is written."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from docgen.errors import TemplateError
from docgen.render.template import PreparedTemplate


def _cut_template(path: Path) -> Path:
    """Write a template whose ``{% if %}`` opens in a body paragraph and closes in a table
    cell: when the condition is false, the XML between the tags goes and what is left is
    not well-formed."""
    document = docx.Document()
    document.add_paragraph("Trước {% if giu %}giữa")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].text = "ô {% endif %}sau"
    document.save(str(path))
    return path


def test_a_template_cut_across_elements_is_caught_for_the_data_that_breaks_it(
    tmp_path: Path,
) -> None:
    template = PreparedTemplate(_cut_template(tmp_path / "cat.docx"))
    whole = docx.Document(io.BytesIO(template.render({"giu": True})))
    assert whole.paragraphs[0].text == "Trước giữa"
    assert whole.tables[0].cell(0, 0).text == "ô sau"
    with pytest.raises(TemplateError, match="mẫu sinh ra XML hỏng"):
        template.render({"giu": False})
