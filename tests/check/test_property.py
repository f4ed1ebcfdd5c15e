"""Property test: the checker returns findings, never raises, on documents with random valid
properties (every alignment of the schema, theme fonts, sizes, indents, borders, sections,
automatic numbering, content controls, fields, nested tables, tracked changes, shapes).

Deterministic (``derandomize``) and bounded (50 examples) so CI stays stable and fast.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.check.checker import check
from docgen.check.inspect import inspect_document
from tests.check.constructs import MC_NS
from tests.check.docbuilder import A_NS, V_NS, W_NS, WP_NS, WPS_NS

NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:wps="{WPS_NS}" '
    f'xmlns:v="{V_NS}" xmlns:mc="{MC_NS}"'
)
JUSTIFICATIONS = (
    "left", "start", "center", "right", "end", "both", "distribute", "mediumKashida",
    "highKashida", "lowKashida", "thaiDistribute", "numTab",
)  # fmt: skip
THEME_FONTS = (
    "majorAscii", "majorHAnsi", "majorEastAsia", "majorBidi",
    "minorAscii", "minorHAnsi", "minorEastAsia", "minorBidi",
)  # fmt: skip
FONTS = ("Times New Roman", "Arial", "Calibri", "SimSun", "Cambria")
BORDERS = ("single", "double", "nil", "none", "dotted", "thick")
TEXT = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠỦƯỜỞỠỢ .,;:-()/0123456789中\u0301\u0323",
    max_size=40,
)

NUMBERING = (
    f'<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
    '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="0"/>'
    '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
    '<w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="9"/></w:num></w:numbering>'
)


@st.composite
def run_xml(draw: st.DrawFn) -> str:
    fonts = []
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        choice = draw(st.sampled_from(("none", "font", "theme")))
        if choice == "font":
            fonts.append(f'w:{slot}="{draw(st.sampled_from(FONTS))}"')
        elif choice == "theme":
            fonts.append(f'w:{slot}Theme="{draw(st.sampled_from(THEME_FONTS))}"')
    if draw(st.booleans()):
        fonts.append('w:hint="eastAsia"')
    properties = f"<w:rFonts {' '.join(fonts)}/>"
    if draw(st.booleans()):
        properties += f'<w:sz w:val="{draw(st.integers(1, 200))}"/>'
    if draw(st.booleans()):
        properties += "<w:b/>" if draw(st.booleans()) else '<w:b w:val="0"/>'
    if draw(st.booleans()):
        properties += "<w:cs/>"
    text = escape(draw(TEXT))
    content = draw(
        st.sampled_from(
            (
                f'<w:t xml:space="preserve">{text}</w:t>',
                f"<w:t>{text}</w:t><w:tab/><w:t>x</w:t><w:br/>",
                '<w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
                '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/>',
                f'<w:delText xml:space="preserve">{text}</w:delText>',
            )
        )
    )
    run = f"<w:r><w:rPr>{properties}</w:rPr>{content}</w:r>"
    wrapper = draw(st.sampled_from(("none", "ins", "del", "sdt", "hyperlink", "fldSimple")))
    if wrapper == "ins":
        return f'<w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">{run}</w:ins>'
    if wrapper == "del":
        return f'<w:del w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">{run}</w:del>'
    if wrapper == "sdt":
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{run}</w:sdtContent></w:sdt>"
    if wrapper == "hyperlink":
        return f'<w:hyperlink w:anchor="x">{run}</w:hyperlink>'
    if wrapper == "fldSimple":
        return f'<w:fldSimple w:instr=" PAGE ">{run}</w:fldSimple>'
    return run


@st.composite
def shape_xml(draw: st.DrawFn) -> str:
    length = draw(st.integers(0, 10_000_000))
    preset = draw(st.sampled_from(("line", "straightConnector1", "rect")))
    drawing = (
        f'<w:drawing><wp:inline><wp:extent cx="{length}" cy="0"/><wp:docPr id="1" name="x"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><wps:wsp><wps:spPr><a:prstGeom prst="{preset}"/></wps:spPr>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
    vml = f'<w:pict><v:line from="0,0" to="{length / 12700:.1f}pt,0"/></w:pict>'
    kind = draw(st.sampled_from(("drawing", "vml", "alternate")))
    if kind == "drawing":
        return f"<w:r>{drawing}</w:r>"
    if kind == "vml":
        return f"<w:r>{vml}</w:r>"
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>"
    )


@st.composite
def paragraph_xml(draw: st.DrawFn) -> str:
    properties = f'<w:jc w:val="{draw(st.sampled_from(JUSTIFICATIONS))}"/>'
    if draw(st.booleans()):
        left, first = draw(st.integers(-2000, 5000)), draw(st.integers(0, 3000))
        properties = f'<w:ind w:left="{left}" w:firstLine="{first}"/>' + properties
    if draw(st.booleans()):
        line = draw(st.integers(1, 1000))
        rule = draw(st.sampled_from(("auto", "exact", "atLeast")))
        properties = f'<w:spacing w:after="{line}" w:line="{line}" w:lineRule="{rule}"/>' + (
            properties
        )
    if draw(st.booleans()):
        edge = draw(st.sampled_from(("top", "bottom")))
        properties = (
            f'<w:pBdr><w:{edge} w:val="{draw(st.sampled_from(BORDERS))}" w:sz="6"/></w:pBdr>'
            + properties
        )
    if draw(st.booleans()):
        num_id, level = draw(st.integers(0, 4)), draw(st.integers(0, 3))
        properties = (
            f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>' + properties
        )
    if draw(st.booleans()):
        properties = f'<w:pStyle w:val="{draw(st.sampled_from(("Normal", "Heading1", "X")))}"/>' + (
            properties
        )
    if draw(st.integers(0, 5)) == 0:  # a section break
        orient = draw(st.sampled_from(("portrait", "landscape")))
        width, height = draw(st.integers(1000, 20000)), draw(st.integers(1000, 20000))
        margin = draw(st.integers(0, 3000))
        properties += (
            f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}" w:orient="{orient}"/>'
            f'<w:pgMar w:top="{-margin}" w:bottom="{margin}" w:left="{margin}" '
            f'w:right="{margin}" w:header="0" w:footer="0" w:gutter="0"/>'
            f"{'<w:titlePg/>' if draw(st.booleans()) else ''}</w:sectPr>"
        )
    runs = "".join(draw(st.lists(st.one_of(run_xml(), shape_xml()), max_size=4)))
    paragraph = f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"
    if draw(st.integers(0, 4)) == 0:
        paragraph = f"<w:sdt><w:sdtPr/><w:sdtContent>{paragraph}</w:sdtContent></w:sdt>"
    return paragraph


def table_xml(depth: int) -> st.SearchStrategy[str]:
    cell_content = (
        st.lists(paragraph_xml(), min_size=1, max_size=2).map("".join)
        if depth >= 1
        else st.one_of(
            st.lists(paragraph_xml(), min_size=1, max_size=2).map("".join),
            table_xml(depth + 1).map(lambda table: table + "<w:p/>"),
        )
    )

    @st.composite
    def table(draw: st.DrawFn) -> str:
        rows = []
        for _ in range(draw(st.integers(1, 3))):
            cells = []
            for _ in range(draw(st.integers(1, 3))):
                width = draw(st.sampled_from(('w:w="2000" w:type="dxa"', 'w:w="50" w:type="pct"',
                                              'w:type="auto"')))  # fmt: skip
                bottom = draw(st.sampled_from(BORDERS))
                cells.append(
                    f'<w:tc><w:tcPr><w:tcW {width}/><w:tcBorders><w:bottom w:val="{bottom}"/>'
                    f"</w:tcBorders></w:tcPr>{draw(cell_content)}</w:tc>"
                )
            row = f"<w:tr>{''.join(cells)}</w:tr>"
            if draw(st.integers(0, 5)) == 0:
                row = f"<w:sdt><w:sdtContent>{row}</w:sdtContent></w:sdt>"
            rows.append(row)
        return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"

    return table()


@st.composite
def document_bytes(draw: st.DrawFn) -> bytes:
    document = docx.Document()
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    blocks = draw(st.lists(st.one_of(paragraph_xml(), table_xml(0)), min_size=1, max_size=8))
    for block in blocks:
        section.addprevious(parse_xml(f"<w:body {NAMESPACES}>{block}</w:body>")[0])
    numbering = document.part.numbering_part.element
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    header_kind = draw(st.sampled_from(("none", "plain", "sdt")))
    if header_kind != "none":
        header = document.sections[0].header
        header.is_linked_to_previous = False
        paragraph = parse_xml(f"<w:body {NAMESPACES}>{draw(paragraph_xml())}</w:body>")[0]
        if header_kind == "sdt":
            paragraph = parse_xml(
                f"<w:sdt {NAMESPACES}><w:sdtPr><w:docPartObj><w:docPartGallery "
                'w:val="Page Numbers (Top of Page)"/></w:docPartObj></w:sdtPr><w:sdtContent>'
                "</w:sdtContent></w:sdt>"
            )
            paragraph[1].append(
                parse_xml(f"<w:body {NAMESPACES}>{draw(paragraph_xml())}</w:body>")[0]
            )
        header._element.append(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@settings(
    max_examples=50,
    database=None,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document_bytes())
def test_checker_never_raises_on_valid_documents(data: bytes) -> None:
    facts = inspect_document(docx.Document(io.BytesIO(data)))
    findings = check(facts)
    assert isinstance(findings, list)
    assert all(finding.rule and finding.expected is not None for finding in findings)
