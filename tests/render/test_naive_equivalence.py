"""The fast path (templates prepared once, static parts compressed once) gives the same
document as a plain docxtpl render of the same template and context: same paragraphs, same
text, same styles, same tables and sections."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from docgen import api
from docgen.render.environment import make_environment
from tests.render.conftest import SAMPLES


def structure(document: Document) -> list[tuple[str, str, tuple[str, ...]]]:
    """Return (style, text, character styles of its runs) for every paragraph, in order,
    table cells included, with a marker for each table and section break."""
    found: list[tuple[str, str, tuple[str, ...]]] = []
    for element in document.element.body.iter(qn("w:p"), qn("w:tbl"), qn("w:sectPr")):
        if element.tag == qn("w:tbl"):
            found.append(("<table>", "", ()))
            continue
        if element.tag == qn("w:sectPr"):
            found.append(("<section>", "", ()))
            continue
        paragraph = docx.text.paragraph.Paragraph(element, document)
        styles = tuple(
            run.style.style_id if run.style is not None else "" for run in paragraph.runs
        )
        found.append((paragraph.style.style_id, paragraph.text, styles))
    return found


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_fast_render_equals_a_naive_docxtpl_render(sample: Path) -> None:
    loaded = api.load_document(sample)
    renderer = api.Renderer()
    fast = docx.Document(io.BytesIO(renderer.render(loaded)))
    context = loaded.kind.context(loaded.resolved)
    naive_template = DocxTemplate(str(renderer.templates_dir / loaded.kind.template))
    naive_template.render(context, jinja_env=make_environment(), autoescape=True)
    buffer = io.BytesIO()
    naive_template.save(buffer)
    naive = docx.Document(io.BytesIO(buffer.getvalue()))
    fast_structure, naive_structure = structure(fast), structure(naive)
    if len(fast.sections) < len(naive.sections):
        # An attachment's page setup is written as an empty paragraph ending its section;
        # docgen then makes it the body's last section (render/template.py), where docxtpl
        # leaves an empty last section. Apply the same to the naive structure.
        paragraph, marker = naive_structure[-3], naive_structure[-2]
        assert paragraph == ("N30SauBang", "", ()) and marker == ("<section>", "", ())
        naive_structure = [*naive_structure[:-3], naive_structure[-1]]
        assert len(naive.sections) == len(fast.sections) + 1
    assert fast_structure == naive_structure
