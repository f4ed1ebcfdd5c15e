"""Templates are built reproducibly from the N30 rules; the committed ones are up to date."""

from __future__ import annotations

import io

import docx
import pytest

from docgen.api import default_templates_dir
from docgen.render import builder
from docgen.render.template import PreparedTemplate
from docgen.rules import n30


@pytest.mark.parametrize("name", sorted(builder.TEMPLATES))
def test_committed_template_matches_builder(name: str) -> None:
    committed = (default_templates_dir() / name).read_bytes()
    assert committed == builder.TEMPLATES[name](), (
        f"templates/{name} is stale: run `python -m docgen.render.builder`"
    )


def test_builder_is_deterministic() -> None:
    assert builder.TEMPLATES["kehoach.docx"]() == builder.TEMPLATES["kehoach.docx"]()


def test_template_has_a_named_style_per_component() -> None:
    document = docx.Document(io.BytesIO(builder.TEMPLATES["kehoach.docx"]()))
    ids = {style.style_id: style.name for style in document.styles}
    for component in n30.COMPONENTS:
        assert ids[component.style_id] == component.style_name
    for line in n30.RULE_LINES:
        assert ids[line.style_id] == line.style_name
    for style_id, name, _, _ in builder.CHARACTER_STYLES:
        assert ids[style_id] == name


def test_template_declares_the_context_it_needs() -> None:
    template = PreparedTemplate(default_templates_dir() / "kehoach.docx")
    assert template.variables == {
        "co_quan", "so", "dia_danh_ngay", "ten_loai", "trich_yeu", "can_cu", "mo_dau",
        "noi_dung", "ket_thuc", "noi_nhan", "chu_ky",
    }  # fmt: skip
