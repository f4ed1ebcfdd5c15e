"""Neutral facts about a document, as the checker reasons about them.

Plain data, independent of python-docx: lengths in EMU (int), sizes in EMU, alignment as a
word. :mod:`docgen.check.inspect` fills these in from a .docx.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RunFacts:
    """Effective formatting of one run of visible text."""

    text: str
    bold: bool
    italic: bool
    size: int | None
    fonts: dict[str, str | None]
    color: str | None
    underline: bool
    visible_font: str | None = None
    """The font the run's characters are shown in: the slot its characters use (ascii for
    ASCII, hAnsi for other Latin letters, Vietnamese ones included; eastAsia for CJK or with
    ``w:hint="eastAsia"``; cs for complex scripts), theme fonts resolved. None when no font
    is set anywhere (Word's default)."""


@dataclass(frozen=True)
class Location:
    """Where a paragraph is: a body paragraph, or a paragraph in a table cell, or a header."""

    paragraph: int
    """Index among all paragraphs of the document body, in reading order (0-based)."""
    table: int | None = None
    row: int | None = None
    column: int | None = None
    part: str = "body"

    def describe(self) -> str:
        """Return the location in Vietnamese, 1-based, for people."""
        if self.part != "body":
            return f"{self.part}, đoạn {self.paragraph + 1}"
        if self.table is None:
            return f"đoạn {self.paragraph + 1}"
        return f"bảng {self.table + 1}, hàng {self.row + 1}, cột {self.column + 1}"  # type: ignore[operator]


@dataclass(frozen=True)
class ParagraphFacts:
    """Effective formatting and text of one paragraph."""

    location: Location
    text: str
    """The visible text: tabs (``w:tab``) as ``\t``, line breaks (``w:br``) as ``\n``;
    tracked insertions included, tracked deletions not."""
    style_id: str | None
    alignment: str | None
    first_line_indent: int | None
    left_indent: int | None
    right_indent: int | None
    space_before: int | None
    space_after: int | None
    line_spacing: float | int | None
    """A float is a multiple of single spacing; an int a fixed height in EMU."""
    runs: list[RunFacts]
    bottom_border: bool
    """The paragraph has a solid bottom border (a horizontal line drawn under it)."""
    container_width: int | None
    """Width available to the paragraph (cell or text width), to measure its border."""
    drawn_lines: list[int] = field(default_factory=list)
    """Lengths (EMU, horizontal extent) of the straight-line shapes anywhere in this
    paragraph: DrawingML lines and straight connectors, VML lines and straight shapes; a line
    written twice in mc:AlternateContent counts once."""
    cell_line: int | None = None
    """Length of a table-cell bottom border right under this paragraph (the last one in a
    cell whose bottom edge is ruled), if any."""
    keep_with_next: bool = False
    """The paragraph is kept on the same page as the next one ("keep with next")."""
    row_cant_split: bool | None = None
    """For a paragraph in a table cell: whether its row may not break across pages
    ("cantSplit"); None outside tables."""
    section: int = 0
    """Index of the section (page setup) the paragraph stands in, 0-based."""
    numbering_label: str | None = None
    """The label Word shows before the paragraph for automatic numbering ("1.", "a)",
    "II."), computed from numbering.xml and the lists' counters; None when not numbered.
    It is not part of :attr:`text`."""
    top_border: bool = False
    """The paragraph has a solid top border (a line drawn above it)."""


@dataclass(frozen=True)
class SectionFacts:
    """Page setup and page numbering of one section."""

    index: int
    page_width: int | None
    page_height: int | None
    orientation: str
    top: int | None
    bottom: int | None
    left: int | None
    right: int | None
    title_page: bool
    """The first page has its own header ("different first page")."""
    page_number: ParagraphFacts | None
    """The paragraph of the primary header holding a PAGE field (complex or ``w:fldSimple``,
    also inside a content control, a table or a text box), if any."""
    page_number_in_footer: bool
    first_page_number: bool
    """The header or footer of the first page shows a PAGE field."""


@dataclass(frozen=True)
class DocumentFacts:
    """Everything the checker needs to know about a document."""

    sections: list[SectionFacts]
    paragraphs: list[ParagraphFacts]
    text_width: int | None
    page_count: int | None = None
    """Pages of the document: as recorded at the last save by Word or LibreOffice
    (docProps/app.xml, when it counts words too), else estimated from the text (see
    :func:`docgen.check.inspect.estimate_pages`); None when unknown."""
