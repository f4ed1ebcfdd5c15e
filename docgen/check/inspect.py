"""Read any .docx into :class:`~docgen.check.facts.DocumentFacts`.

Formatting is resolved through the style chain (see :mod:`docgen.check.effective`), so a
document typed in Word with direct formatting and one built on styles are judged alike.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Length, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from docgen.check.effective import FONT_SLOTS, paragraph_property, run_property, style_index
from docgen.check.facts import DocumentFacts, Location, ParagraphFacts, RunFacts, SectionFacts
from docgen.errors import DocgenError, display_path

ALIGNMENTS = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
    WD_ALIGN_PARAGRAPH.DISTRIBUTE: "justify",
}
DEFAULT_CELL_MARGIN = Twips(108)  # Word's default left/right cell margin
WPS_LINE_PRESETS = {"line", "straightConnector1"}
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V_NS = "urn:schemas-microsoft-com:vml"


class UnreadableDocument(DocgenError):
    """The file is not a .docx that can be read."""

    exit_code = 2


def open_document(path: Path) -> Document:
    """Return the document at ``path``; raise :class:`UnreadableDocument` if it cannot be read."""
    if not path.exists():  # python-docx reports a missing file as PackageNotFoundError
        raise UnreadableDocument(f"{display_path(path)}: không tìm thấy tệp")
    try:
        return docx.Document(str(path))
    except FileNotFoundError as error:
        raise UnreadableDocument(f"{display_path(path)}: không tìm thấy tệp") from error
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
    ) as error:
        raise UnreadableDocument(
            f"{display_path(path)}: không phải tệp .docx đọc được ({type(error).__name__})"
        ) from error
    except OSError as error:
        raise UnreadableDocument(
            f"{display_path(path)}: không đọc được: {error.strerror}"
        ) from error


def _style_id(document: Document, paragraph: Paragraph) -> str | None:
    chain = style_index(document).paragraph_chain(paragraph)
    return chain[0].get(qn("w:styleId")) if chain else None


def run_facts(document: Document, paragraph: Paragraph) -> list[RunFacts]:
    """Return the effective formatting of the runs of ``paragraph`` that hold visible text."""
    facts = []
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        properties = {
            name: run_property(document, paragraph, run, name)
            for name in ("bold", "italic", "size", "color")
        }
        fonts = {slot: run_property(document, paragraph, run, slot) for slot in FONT_SLOTS}
        underline = run_property(document, paragraph, run, "underline")
        facts.append(
            RunFacts(
                run.text,
                bool(properties["bold"]),
                bool(properties["italic"]),
                properties["size"],
                fonts,
                properties["color"],
                bool(underline),
            )
        )
    return facts


def _bottom_border(document: Document, paragraph: Paragraph) -> bool:
    """Return True when the paragraph (directly or by its style chain) has a solid bottom border."""
    chain = style_index(document).paragraph_chain(paragraph)
    candidates = [paragraph._p.pPr, *(style.find(qn("w:pPr")) for style in chain)]
    for p_pr in candidates:
        if p_pr is None:
            continue
        borders = p_pr.find(qn("w:pBdr"))
        if borders is not None and borders.find(qn("w:bottom")) is not None:
            return borders.find(qn("w:bottom")).get(qn("w:val")) not in ("nil", "none")
    return False


def _drawn_lines(paragraph: Paragraph) -> list[int]:
    """Return the lengths (EMU) of straight lines drawn as shapes in ``paragraph``."""
    lengths: list[int] = []
    for drawing in paragraph._p.iter(qn("w:drawing")):
        geometry = drawing.find(f".//{{{A_NS}}}prstGeom")
        extent = drawing.find(f".//{{{WP_NS}}}extent")
        if geometry is not None and geometry.get("prst") in WPS_LINE_PRESETS and extent is not None:
            lengths.append(int(extent.get("cx", "0")))
    for line in paragraph._p.iter(f"{{{V_NS}}}line"):
        start = _vml_point(line.get("from", "0,0"))
        end = _vml_point(line.get("to", "0,0"))
        lengths.append(abs(end - start))
    return lengths


def _ruled(borders: Any, edge: str) -> bool:
    element = None if borders is None else borders.find(qn(f"w:{edge}"))
    return element is not None and element.get(qn("w:val")) not in (None, "nil", "none")


def _cell_line(paragraph: Paragraph) -> int | None:
    """Return the width (EMU) of the ruled bottom edge of the cell ``paragraph`` ends, if any.

    People draw the line under Tiêu ngữ or the agency name as the bottom border of a (nested)
    table cell as often as with a shape; that counts as the line, as long as the paragraph is
    the cell's last one.
    """
    cell = next(paragraph._p.iterancestors(qn("w:tc")), None)
    if cell is None or cell.findall(qn("w:p"))[-1:] != [paragraph._p]:
        return None
    properties = cell.find(qn("w:tcPr"))
    ruled = _ruled(None if properties is None else properties.find(qn("w:tcBorders")), "bottom")
    row = cell.getparent()
    table = None if row is None else row.getparent()
    if not ruled and table is not None and row is table.findall(qn("w:tr"))[-1]:
        table_properties = table.find(qn("w:tblPr"))
        borders = None if table_properties is None else table_properties.find(qn("w:tblBorders"))
        ruled = _ruled(borders, "bottom")
    width = None if properties is None else properties.find(qn("w:tcW"))
    if not ruled or width is None or width.get(qn("w:type")) not in (None, "dxa"):
        return None
    return int(Twips(int(width.get(qn("w:w"), "0"))))


def _row_cant_split(document: Document, paragraph: Paragraph) -> bool | None:
    """Return whether the table row holding ``paragraph`` may not break across pages.

    Returns None outside tables. The row's own ``w:trPr`` wins over its table style's.
    """
    row = next(paragraph._p.iterancestors(qn("w:tr")), None)
    if row is None:
        return None
    styles = style_index(document).table_chain(paragraph)
    for properties in [row.find(qn("w:trPr")), *(style.find(qn("w:trPr")) for style in styles)]:
        flag = None if properties is None else properties.find(qn("w:cantSplit"))
        if flag is not None:
            return flag.get(qn("w:val")) not in ("0", "false", "off")
    return False


def _vml_point(value: str) -> int:
    x = value.split(",")[0].strip()
    number = float("".join(c for c in x if c.isdigit() or c in ".-") or 0)
    return int(Length(int(number * 12700)))  # VML coordinates default to points


def paragraph_facts(
    document: Document,
    paragraph: Paragraph,
    location: Location,
    container: int | None,
    section: int = 0,
) -> ParagraphFacts:
    """Return the facts of one paragraph, which stands in section ``section``."""
    alignment = paragraph_property(document, paragraph, "alignment")
    values = {
        name: paragraph_property(document, paragraph, name)
        for name in (
            "first_line_indent",
            "left_indent",
            "right_indent",
            "space_before",
            "space_after",
            "line_spacing",
            "keep_with_next",
        )
    }
    line_spacing = values["line_spacing"]
    return ParagraphFacts(
        location=location,
        text=paragraph.text,
        style_id=_style_id(document, paragraph),
        alignment=ALIGNMENTS.get(alignment, "left") if alignment is not None else "left",
        first_line_indent=_int(values["first_line_indent"]),
        left_indent=_int(values["left_indent"]),
        right_indent=_int(values["right_indent"]),
        space_before=_int(values["space_before"]),
        space_after=_int(values["space_after"]),
        line_spacing=line_spacing if isinstance(line_spacing, float) else _int(line_spacing),
        runs=run_facts(document, paragraph),
        bottom_border=_bottom_border(document, paragraph),
        container_width=container,
        drawn_lines=_drawn_lines(paragraph),
        cell_line=_cell_line(paragraph),
        keep_with_next=bool(values["keep_with_next"]),
        row_cant_split=_row_cant_split(document, paragraph),
        section=section,
    )


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _cell_width(cell: Any, table: Any) -> int | None:
    width = cell.find(qn("w:tcPr"))
    w = None if width is None else width.find(qn("w:tcW"))
    if w is None or w.get(qn("w:type")) not in (None, "dxa"):
        return None
    margins = 2 * int(DEFAULT_CELL_MARGIN)
    table_margins = table.find(qn("w:tblPr"))
    if table_margins is not None and table_margins.find(qn("w:tblCellMar")) is not None:
        margins = sum(
            int(Twips(int(edge.get(qn("w:w"), "0"))))
            for edge in table_margins.find(qn("w:tblCellMar"))
            if edge.tag in (qn("w:left"), qn("w:right"), qn("w:start"), qn("w:end"))
        )
    return int(Twips(int(w.get(qn("w:w"), "0")))) - margins


def _blocks(parent: Any) -> Iterator[Any]:
    """Yield the paragraphs and tables of ``parent``, looking inside content controls."""
    for element in parent.iterchildren():
        if element.tag in (qn("w:p"), qn("w:tbl")):
            yield element
        elif element.tag == qn("w:sdt"):
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def walk_paragraphs(
    document: Document, text_width: int | None
) -> Iterator[tuple[Paragraph, Location, int | None]]:
    """Yield every paragraph of the body in reading order, tables included, with its place."""
    counter = 0
    table_index = 0
    for element in _blocks(document.element.body):
        if element.tag == qn("w:p"):
            yield Paragraph(element, document), Location(counter), text_width
            counter += 1
        elif element.tag == qn("w:tbl"):
            for row_index, row in enumerate(element.iterchildren(qn("w:tr"))):
                for column_index, cell in enumerate(row.iterchildren(qn("w:tc"))):
                    width = _cell_width(cell, element)
                    for p in cell.iter(qn("w:p")):
                        yield (
                            Paragraph(p, document),
                            Location(counter, table_index, row_index, column_index),
                            width,
                        )
                        counter += 1
            table_index += 1


def _has_page_field(element: Any) -> bool:
    instructions = "".join(node.text or "" for node in element.iter(qn("w:instrText")))
    simple = " ".join(node.get(qn("w:instr"), "") for node in element.iter(qn("w:fldSimple")))
    return "PAGE" in (instructions + simple).upper().replace("NUMPAGES", "")


def section_facts(document: Document) -> list[SectionFacts]:
    """Return the page setup and numbering of every section."""
    facts = []
    for index, section in enumerate(document.sections):
        page_number = None
        header = section.header
        if not header.is_linked_to_previous or index == 0:
            for paragraph in header.paragraphs:
                if _has_page_field(paragraph._p):
                    page_number = paragraph_facts(
                        document, paragraph, Location(0, part="đầu trang"), None
                    )
                    break
        footer_numbers = any(_has_page_field(p._p) for p in section.footer.paragraphs)
        title_page = bool(section.different_first_page_header_footer)
        if title_page:
            first = [*section.first_page_header.paragraphs, *section.first_page_footer.paragraphs]
        else:
            first = [*section.header.paragraphs, *section.footer.paragraphs]
        facts.append(
            SectionFacts(
                index=index,
                page_width=_int(section.page_width),
                page_height=_int(section.page_height),
                orientation="landscape"
                if section.orientation == WD_ORIENT.LANDSCAPE
                else "portrait",
                top=_int(section.top_margin),
                bottom=_int(section.bottom_margin),
                left=_int(section.left_margin),
                right=_int(section.right_margin),
                title_page=title_page,
                page_number=page_number,
                page_number_in_footer=footer_numbers,
                first_page_number=any(_has_page_field(p._p) for p in first),
            )
        )
    return facts


def _text_width(section: SectionFacts) -> int | None:
    """Return the width between the margins of ``section``'s page, if its setup says."""
    if section.page_width and section.left is not None and section.right is not None:
        return section.page_width - section.left - section.right
    return None


def _ends_section(paragraph: Paragraph) -> bool:
    """Return True when ``paragraph`` carries a section break (the page setup of the section
    it ends, as Word stores every section's but the last)."""
    p_pr = paragraph._p.pPr
    return p_pr is not None and p_pr.find(qn("w:sectPr")) is not None


def inspect_document(document: Document) -> DocumentFacts:
    """Return the facts of ``document``."""
    sections = section_facts(document)
    widths = [_text_width(section) for section in sections] or [None]
    paragraphs = []
    section = 0
    for paragraph, location, container in walk_paragraphs(document, widths[0]):
        # A body paragraph spans its own section's text width (a landscape attachment's is
        # wider); a cell's width comes from the table.
        if location.table is None:
            container = widths[min(section, len(widths) - 1)]
        paragraphs.append(paragraph_facts(document, paragraph, location, container, section))
        if location.table is None and _ends_section(paragraph):
            section += 1
    return DocumentFacts(sections, paragraphs, widths[0])


def inspect_file(path: Path) -> DocumentFacts:
    """Return the facts of the .docx at ``path``; raise :class:`UnreadableDocument` otherwise."""
    return inspect_document(open_document(path))
