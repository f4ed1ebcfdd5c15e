"""Small WordprocessingML fragments built from domain values, with all text escaped.

Formatting comes from named styles of the template (``w:pStyle``, ``w:rStyle``, ``w:tblStyle``);
the only direct formatting written here is geometry that depends on the data: column widths
and the indents that give a horizontal line its length.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docgen.inline import Rich, Span
from docgen.rules import n30
from docgen.units import Length

if TYPE_CHECKING:
    from docgen.context import TableView  # type-only: rendering needs no models


def escape(text: str) -> str:
    """Return ``text`` safe as XML character data: "&", "<" and ">" escaped, and a carriage
    return written as "&#13;" (as lxml does), so that a reader keeps it.

    (What ``xml.sax.saxutils.escape`` does, whose module imports ``urllib.request``: 15 ms
    of every start.)
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


EMPHASIS_STYLES = {
    (True, False): "N30Dam",
    (False, True): "N30Nghieng",
    (True, True): "N30DamNghieng",
}
"""Character style of each (bold, italic) combination; plain text has none."""

TABLE_STYLE = "N30Bang"
CELL_STYLES = {
    "deu": n30.BANG_NOI_DUNG.style_id,
    "giua": n30.BANG_GIUA.style_id,
    "trai": n30.BANG_TRAI.style_id,
}
"""Paragraph style of body cells by the column's alignment (canh)."""
TWIPS_PER_CM = 1440 / 2.54


def twips(length: Length) -> int:
    """Return ``length`` in twentieths of a point, Word's unit for widths and indents."""
    return int(length.twips)


def page_number_runs_xml(run_properties: str = "") -> str:
    """Return the runs of a PAGE field, each part in a run of its own as Word writes it.

    ``run_properties`` is a ``w:rPr`` element (as XML) given to every run; "" for none.
    """
    parts = (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>2</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    )
    return "".join(f"<w:r>{run_properties}{part}</w:r>" for part in parts)


def append_xml(parent: Any, fragment: str) -> None:
    """Append the elements of a WordprocessingML ``fragment`` to ``parent``."""
    # python-docx's element parser is for editing documents (builder, check --fix); rendering
    # never calls this.
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    wrapper = parse_xml(f"<w:p {nsdecls('w')}>{fragment}</w:p>")
    for child in list(wrapper):
        parent.append(child)


def text_xml(text: str) -> str:
    """Return ``text`` as the content of runs: escaped, tabs and newlines as Word elements."""
    pieces: list[str] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            pieces.append("<w:br/>")
        for tab_index, chunk in enumerate(line.split("\t")):
            if tab_index:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return "".join(pieces)


@functools.lru_cache(maxsize=16384)
def run_xml(span: Span) -> str:
    """Return one ``w:r`` element for ``span``, emphasis by character style.

    Cached: the documents of a batch share most of their text, and a span's XML depends on
    the span alone.
    """
    style = EMPHASIS_STYLES.get((span.bold, span.italic))
    properties = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f"<w:r>{properties}{text_xml(span.text)}</w:r>"


def runs_xml(rich: Rich) -> str:
    """Return the runs of ``rich``, ready to stand inside a paragraph."""
    return "".join(run_xml(span) for span in rich)


def paragraph_xml(style: str, rich: Rich = (), indent: tuple[int, int] | None = None) -> str:
    """Return a ``w:p`` of the given paragraph style; ``indent`` is (left, right) in twips."""
    ind = f'<w:ind w:left="{indent[0]}" w:right="{indent[1]}"/>' if indent else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ind}</w:pPr>{runs_xml(rich)}</w:p>'


def line_indents(
    line: n30.RuleLine, lines: Iterable[str], container: Length | None = None
) -> tuple[int, int]:
    """Return the (left, right) indents, in twips, that give ``line`` its N30 length.

    The length is the rule's default fraction of the widest of ``lines`` as printed in the
    measured component's default size, centred in the rule's container (or ``container``,
    e.g. the text width of a landscape page).
    """
    width = line.container if container is None else container
    component = line.measured
    widest = max(
        (n30.text_width(text, component.size.default, bool(component.bold)) for text in lines),
        default=Length(0),
    )
    # A long text wraps: its printed line is at most the container's width.
    length = int(min(widest, width) * line.default_fraction)
    side = (int(width) - length) // 2
    return twips(Length(side)), twips(Length(side))


def rule_line_xml(line: n30.RuleLine, lines: Iterable[str], container: Length | None = None) -> str:
    """Return the empty paragraph whose bottom border draws ``line`` under ``lines``."""
    return paragraph_xml(line.style_id, indent=line_indents(line, lines, container))


def section_end_xml(landscape: bool) -> str:
    """Return an empty paragraph closing a section of its own: A4 portrait or landscape with
    the N30 margins, page numbers restarting at 1 and none on its first page (an attachment).

    Headers are not referenced, so the section shows the previous section's (OOXML's
    inheritance); the render step makes this the document's last section.
    """
    page = n30.PAGE
    width, height = (page.height, page.width) if landscape else (page.width, page.height)
    orient = ' w:orient="landscape"' if landscape else ""
    margins = {side: twips(rule.default) for side, _, rule in page.margins()}
    header, footer = twips(Length(page.top.default // 2)), twips(Length(page.bottom.default // 2))
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{n30.SPACE_AFTER_TABLE.style_id}"/><w:sectPr>'
        f'<w:pgSz w:w="{twips(width)}" w:h="{twips(height)}"{orient}/>'
        f'<w:pgMar w:top="{margins["top"]}" w:right="{margins["right"]}" '
        f'w:bottom="{margins["bottom"]}" w:left="{margins["left"]}" w:header="{header}" '
        f'w:footer="{footer}" w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/>'
        "</w:sectPr></w:pPr></w:p>"
    )


def kinh_gui_xml(lines: list[str]) -> str:
    """Return the Kính gửi block's paragraphs (Phụ lục I, Mục II.9.a).

    One line is centred by its style. Several stand as a block centred on the page, with the
    dashes of the addressees under the colon of "Kính gửi:"; the indents depend on the text.
    """
    if not lines:
        return ""
    style = n30.KINH_GUI.style_id
    if len(lines) == 1:
        return paragraph_xml(style, (Span(lines[0]),))
    size = n30.KINH_GUI.size.default
    label = n30.text_width(lines[0].rstrip(":"), size, False)
    widest = max(n30.text_width(line, size, False) for line in lines[1:])
    block = label + widest
    left = max((n30.PAGE.text_width - block) // 2, 0)
    paragraphs = [_left_paragraph(style, lines[0], twips(Length(left)))]
    dash = twips(Length(left + label))
    paragraphs += [_left_paragraph(style, line, dash) for line in lines[1:]]
    return "".join(paragraphs)


def _left_paragraph(style: str, text: str, left: int) -> str:
    """Return a left-aligned paragraph of ``style`` indented ``left`` twips."""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:ind w:left="{left}"/>'
        f'<w:jc w:val="left"/></w:pPr>{runs_xml((Span(text),))}</w:p>'
    )


def table_xml(table: TableView) -> str:
    """Return a ``w:tbl`` for ``table``: widths on the grid and on every cell, header repeated."""
    widths = [round(column.width_cm * TWIPS_PER_CM) for column in table.columns]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    properties = (
        f'<w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr>'
    )
    header: list[list[Rich]] = [[(Span(column.title),)] for column in table.columns]
    alignments = [CELL_STYLES[column.align] for column in table.columns]
    rows = [_row_xml(header, widths, alignments, header=True, numbered=table.numbered)]
    rows += [
        _row_xml(
            row.cells,
            widths,
            alignments,
            table.numbered,
            whole=table.rows_whole,
            span=table.span_groups and row.group,
        )
        for row in table.rows
    ]
    spacer = paragraph_xml(n30.SPACE_AFTER_TABLE.style_id)
    return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>{spacer}"


def _row_xml(
    cells: list[list[Rich]],
    widths: list[int],
    alignments: list[str],
    numbered: bool,
    header: bool = False,
    whole: bool = False,
    span: bool = False,
) -> str:
    if header:
        row_properties = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    else:
        row_properties = "<w:trPr><w:cantSplit/></w:trPr>" if whole else ""
    merged = 1
    if span:
        # A group heading runs across the columns after the number: one cell, gridSpan'd.
        lead = 2 if numbered else 1
        merged = len(widths) - lead + 1
        cells = cells[:lead]
        widths = [*widths[: lead - 1], sum(widths[lead - 1 :])]
    xml_cells = []
    for index, (paragraphs, width) in enumerate(zip(cells, widths, strict=True)):
        if header:
            style = n30.BANG_TIEU_DE.style_id
        elif numbered and index == 0:
            style = n30.BANG_SO.style_id
        else:
            style = alignments[index]
        body = "".join(paragraph_xml(style, rich) for rich in paragraphs) or paragraph_xml(style)
        align = '<w:vAlign w:val="center"/>' if header else ""
        grid_span = f'<w:gridSpan w:val="{merged}"/>' if span and index == len(cells) - 1 else ""
        xml_cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}{align}</w:tcPr>'
            f"{body}</w:tc>"
        )
    return f"<w:tr>{row_properties}{''.join(xml_cells)}</w:tr>"
