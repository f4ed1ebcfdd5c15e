"""The proof that a template renders to well-formed XML whatever the data
(``docgen.render.wellformed``): docgen's templates are proved, and so need no parse of each
rendered document; what cannot be proved is left to that parse."""

from __future__ import annotations

import io
from pathlib import Path
from xml.parsers import expat

import docx
import pytest
from markupsafe import Markup

from docgen.errors import TemplateError
from docgen.inline import parse_inline
from docgen.render.environment import make_environment
from docgen.render.template import PreparedTemplate
from docgen.render.wellformed import always_well_formed
from tests.helpers import REPO

PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

PROVED = (
    f"{PROLOG}<w:document><w:body>"
    "{% for dong in dong_list %}<w:p><w:r><w:t>{{ dong }}</w:t></w:r></w:p>"
    "{% else %}<w:p/>{% endfor %}"
    "{% if a %}<w:p>{{ a|runs }}</w:p>{% elif b %}{% set c = 1 %}<w:p>{{ b }}</w:p>"
    "{% else %}{% endif %}"
    "<w:p><w:r><w:t>]]{{ b }}&gt;</w:t></w:r></w:p>"
    "</w:body></w:document>"
)


def _proved(source: str) -> bool:
    return always_well_formed(make_environment().parse(source))


@pytest.mark.parametrize("template", sorted((REPO / "templates").glob("*.docx")), ids=str)
def test_docgens_templates_are_proved_well_formed_for_all_data(template: Path) -> None:
    prepared = PreparedTemplate(template)
    assert prepared.always_well_formed == set(prepared.templated_parts)
    assert "word/document.xml" in prepared.always_well_formed


def test_balanced_loops_branches_and_values_are_proved() -> None:
    assert _proved(PROVED)


@pytest.mark.parametrize(
    "values",
    [
        {"dong_list": ["]]", "<w:p>", "&amp;", "]]>", ""], "a": None, "b": "]]"},
        {"dong_list": [], "a": parse_inline("**<b>** ]]"), "b": ">"},
        {"dong_list": [Markup("<w:r/>")], "a": None, "b": None},
    ],
)
def test_what_a_proved_template_renders_is_well_formed(values: dict[str, object]) -> None:
    rendered = make_environment().from_string(PROVED).render(values)
    expat.ParserCreate().Parse(rendered, True)


@pytest.mark.parametrize(
    "body",
    [
        "<w:p>a{% if x %}</w:p><w:p>{% endif %}b</w:p>",  # a tag cut across elements
        '<w:p w:rsid="{{ x }}"/>',  # a value in an attribute
        "<w:{{ x }}/>",  # a value as a name
        "<w:p>{{ x|safe }}</w:p>",  # markup not docgen's
        "<w:p>{{ x|upper }}</w:p>",  # a filter not docgen's (not known to escape)
        "<w:p>{{ f() }}</w:p>",  # a call: whatever it returns
        "<w:p>{{ x }}></w:p>",  # a value "]]" would make "]]>"
        "<w:p>{% if x %}>{% endif %}</w:p>",  # so would a block
        "<w:p><![CDATA[{{ x }}]]></w:p>",
        "<w:p><!-- {{ x }} --></w:p>",
        "{% macro m() %}<w:p/>{% endmacro %}<w:p>{{ m() }}</w:p>",
        "{% autoescape false %}<w:p>{{ x }}</w:p>{% endautoescape %}",
        "{% for x in xs recursive %}<w:p/>{% endfor %}",
        "<w:p>{% if x %}<w:r>{% endif %}</w:p>",  # a branch that opens an element only
        "<w:p>{{ (x|runs)[0:5] }}</w:p>",  # a piece of docgen's markup
        "<w:p>{{ x|runs ~ y|runs }}</w:p>",
        "<w:p>{{ (x|e)|runs }}</w:p>",  # a filter inside docgen's
        "{% set y = x|runs %}<w:p>{{ y[0:5] }}</w:p>",  # markup kept for later
        "{% for c in x|runs %}<w:p>{{ c }}</w:p>{% endfor %}",  # markup looped over
        "{% set y %}<w:r/>{% endset %}<w:p>{{ y }}</w:p>",
    ],
)
def test_what_could_break_is_not_proved(body: str) -> None:
    assert not _proved(f"{PROLOG}<w:body>{body}</w:body>")


def _docx_template(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_a_value_with_a_character_xml_forbids_is_refused(tmp_path: Path) -> None:
    template = PreparedTemplate(_docx_template(tmp_path / "mau.docx", "Kính gửi: {{ x }}"))
    assert template.always_well_formed == {"word/document.xml"}
    with pytest.raises(TemplateError, match="ký tự XML không cho phép: U\\+0001"):
        template.render({"x": "Phòng\x01Nội vụ"})
    rendered = docx.Document(io.BytesIO(template.render({"x": "Phòng <Nội vụ> & ]]"})))
    assert rendered.paragraphs[0].text == "Kính gửi: Phòng <Nội vụ> & ]]"


def test_a_template_cut_across_elements_is_not_proved(tmp_path: Path) -> None:
    path = _docx_template(tmp_path / "cat.docx", "Trước {% if giu %}giữa", "ô {% endif %}sau")
    assert PreparedTemplate(path).always_well_formed == set()
