"""Read any .docx into :class:`~docgen.check.facts.DocumentFacts`.

Formatting is resolved through the style chain (see :mod:`docgen.check.effective`), so a
document typed in Word with direct formatting and one built on styles are judged alike.

Documents are read as offices write them: text in content controls, tracked insertions and
fields counts (tracked deletions do not), alignment values of both OOXML editions, theme
fonts, automatic numbering, lines drawn as DrawingML or VML shapes, page numbers inside
content controls or text boxes. A malformed value ("x1", "abc", a 5000-digit number) reads
as "not stated"; it never stops the reading.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Length, Pt, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from docgen.check.effective import (
    FONT_SLOTS,
    UNKNOWN,
    ParagraphStyle,
    Resolver,
    RunStyle,
    first_child,
    number,
)
from docgen.check.facts import DocumentFacts, Location, ParagraphFacts, RunFacts, SectionFacts
from docgen.check.package import DocumentTooLarge, UnreadableDocument, open_package
from docgen.rules import n30

__all__ = [
    "DocumentTooLarge",
    "UnreadableDocument",
    "inspect_document",
    "inspect_file",
    "open_document",
    "walk_paragraphs",
]

ALIGNMENTS = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
    WD_ALIGN_PARAGRAPH.DISTRIBUTE: "justify",
    WD_ALIGN_PARAGRAPH.JUSTIFY_LOW: "justify",
    WD_ALIGN_PARAGRAPH.JUSTIFY_MED: "justify",
    WD_ALIGN_PARAGRAPH.JUSTIFY_HI: "justify",
    WD_ALIGN_PARAGRAPH.THAI_JUSTIFY: "justify",
}
DEFAULT_CELL_MARGIN = Twips(108)  # Word's default left/right cell margin
LINE_PRESETS = {
    "line", "straightConnector1", "straightConnector", "lineInv",
}  # fmt: skip
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
W_R, W_P, W_T, W_TBL, W_TR, W_TC = (
    qn("w:r"),
    qn("w:p"),
    qn("w:t"),
    qn("w:tbl"),
    qn("w:tr"),
    qn("w:tc"),
)
W_VAL, W_PPR, W_RPR, W_SDT = qn("w:val"), qn("w:pPr"), qn("w:rPr"), qn("w:sdt")
W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdtContent"), qn("w:customXml")
TABS, BREAKS, NO_BREAK_HYPHEN = (
    {qn("w:tab"), qn("w:ptab")},
    {qn("w:br"), qn("w:cr")},
    qn("w:noBreakHyphen"),
)
R_FONTS, W_HINT, W_CS, W_RTL = qn("w:rFonts"), qn("w:hint"), qn("w:cs"), qn("w:rtl")
W_DRAWING, W_PICT, W_PBDR, W_TRPR, W_CANT_SPLIT = (
    qn("w:drawing"), qn("w:pict"), qn("w:pBdr"), qn("w:trPr"), qn("w:cantSplit"),
)  # fmt: skip
W_NUMPR, W_NUMID, W_ILVL, W_TCBORDERS = (
    qn("w:numPr"),
    qn("w:numId"),
    qn("w:ilvl"),
    qn("w:tcBorders"),
)
"""Clark names of the elements read for every paragraph or run, computed once (``qn`` parses
its argument on every call)."""
SKIPPED_RUN_CONTAINERS = {
    qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), f"{{{MC_NS}}}Fallback",
}  # fmt: skip
"""Runs inside these are not the paragraph's text: deleted text, a text box's own
paragraphs, and the fallback copy of what mc:Choice already holds."""
EMU_PER_UNIT = {
    "pt": 12700, "in": 914400, "cm": 360000, "mm": 36000, "pc": 152400, "px": 9525,
    "emu": 1, "": 12700,
}  # fmt: skip
"""VML lengths; a bare number is in points (the default unit of VML CSS coordinates)."""
PAGE_FIELD_RE = re.compile(r"^\s*PAGE(?:\s|\\|$)", re.IGNORECASE)
"""A PAGE field instruction ("PAGE", "PAGE \\* MERGEFORMAT"), not NUMPAGES or PAGEREF."""
LATIN1_EAST_ASIAN = {
    0xA1, 0xA4, 0xA7, 0xA8, 0xAA, 0xAD, 0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB6, 0xB7,
    0xB8, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE, 0xBF, 0xD7, 0xF7,
}  # fmt: skip
"""Latin-1 symbols shown in the East Asian font when a run has ``w:hint="eastAsia"``."""
MAX_NUMBER = 10**7
"""Larger lengths (EMU ~ 10 m in twips) are malformed values, read as "not stated"."""


def open_document(path: Path, keep_media: bool = False) -> Document:
    """Return the document at ``path``; raise :class:`UnreadableDocument` if it cannot be read.

    Reading is bounded (see :mod:`docgen.check.package`); ``keep_media`` keeps pictures,
    which a fixed copy must carry over.
    """
    return open_package(path, keep_media)


def _measure(value: str | None) -> int | None:
    """Return a twips attribute as an int, or None when missing or malformed."""
    result = number(value)
    if result is None or abs(result) > MAX_NUMBER:
        return None
    return int(result)


# -- runs and text ------------------------------------------------------------------------


PLAIN_PARAGRAPH_CHILDREN = {
    W_PPR, qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:proofErr"),
    qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:permStart"), qn("w:permEnd"),
}  # fmt: skip
"""Children of a paragraph that hold no run (runs are its own direct ``w:r`` children)."""
PLAIN_RUN_CHILDREN = {
    qn(f"w:{name}")
    for name in (
        "lastRenderedPageBreak", "fldChar", "instrText", "softHyphen", "sym",
        "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
        "separator", "continuationSeparator", "pgNum", "delText", "delInstrText",
    )
}  # fmt: skip
"""Children of a run that draw nothing (besides its properties, text, tabs and breaks)."""


def _own_runs(p: Any) -> Iterator[Any]:
    """Yield the ``w:r`` elements whose text belongs to paragraph ``p``, in order.

    Runs nested in hyperlinks, content controls, smart tags, simple fields and tracked
    insertions count; deleted runs, text boxes and mc:Fallback copies do not.
    """
    for run in p.iter(W_R):
        if _own(run, p):
            yield run


def _own(run: Any, p: Any) -> bool:
    """Return True when the text of ``run``, inside paragraph ``p``, is the paragraph's."""
    parent = run.getparent()
    while parent is not None and parent is not p:
        if parent.tag in SKIPPED_RUN_CONTAINERS or parent.tag == W_P:
            return False
        parent = parent.getparent()
    return True


class _Run(NamedTuple):
    """A run of a paragraph: its element, its text and its ``w:rPr`` (or None)."""

    element: Any
    text: str
    properties: Any


def _read_run(run: Any) -> tuple[_Run, bool]:
    """Return the text and properties of run element ``run`` in one look at its children,
    and whether it may hold a drawing (a child other than text, breaks and field codes)."""
    parts: list[str] = []
    properties = None
    drawing = False
    for child in run:
        tag = child.tag
        if tag == W_T:
            parts.append(child.text or "")
        elif tag in TABS:
            parts.append("\t")
        elif tag in BREAKS:
            parts.append("\n")
        elif tag == NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == W_RPR:
            if properties is None:
                properties = child
        elif tag not in PLAIN_RUN_CHILDREN:
            drawing = True
    return _Run(run, "".join(parts), properties), drawing


def _runs_and_drawings(p: Any) -> tuple[list[_Run], bool]:
    """Return the own runs of paragraph element ``p`` (see :func:`_own_runs`) and whether
    anything may be drawn in it (see :func:`drawn_lines`), in one scan of the paragraph.

    Most paragraphs hold only their properties and plain runs: read from the paragraph's
    children, without searching the whole paragraph.
    """
    runs: list[_Run] = []
    drawn = False
    for child in p:
        tag = child.tag
        if tag == W_R:
            run, drawing = _read_run(child)
            runs.append(run)
            drawn = drawn or drawing
        elif tag not in PLAIN_PARAGRAPH_CHILDREN:  # hyperlinks, content controls, fields...
            break
    else:
        return runs, drawn
    runs = []
    for element in p.iter(W_R, MC_ALTERNATE, W_DRAWING, W_PICT):
        if element.tag != W_R:
            drawn = True
        elif _own(element, p):
            runs.append(_read_run(element)[0])
    return runs, drawn


def paragraph_text(p: Any) -> str:
    """Return the visible text of paragraph element ``p`` (tabs and breaks kept)."""
    return "".join(_read_run(run)[0].text for run in _own_runs(p))


class ThemeFonts:
    """The major and minor fonts of the document's theme, to resolve ``w:asciiTheme``."""

    def __init__(self, theme_xml: bytes | None) -> None:
        self.fonts: dict[str, str | None] = {}
        if not theme_xml:
            return
        try:
            root = etree.fromstring(theme_xml, etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError:
            return
        for kind in ("major", "minor"):
            font = root.find(f".//{{{A_NS}}}{kind}Font")
            if font is None:
                continue
            for script, names in (
                ("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",)),
            ):  # fmt: skip
                element = font.find(f"{{{A_NS}}}{script}")
                typeface = None if element is None else element.get("typeface") or None
                for name in names:
                    self.fonts[f"{kind}{name}"] = typeface

    def resolve(self, font: str | None) -> str | None:
        """Return ``font`` with a theme reference ("theme:minorHAnsi") replaced by its face."""
        if font is None or not font.startswith("theme:"):
            return font
        return self.fonts.get(font.removeprefix("theme:"))


@functools.lru_cache(maxsize=4096)
def _script_slot(char: str, east_asian_hint: bool) -> str | None:
    """Return the font slot Word uses for ``char`` (None for white space).

    ASCII uses ``ascii``; other Latin letters, Vietnamese ones included (Latin-1, Latin
    Extended, Latin Extended Additional, combining marks), use ``hAnsi``; CJK uses
    ``eastAsia``; Hebrew, Arabic, Thai and other complex scripts use ``cs``. ``w:hint
    eastAsia`` moves the shared punctuation and symbols to ``eastAsia`` (ECMA-376 Part 1,
    17.3.2.26), never a Vietnamese letter (that needs a Chinese language tag as well).
    """
    code = ord(char)
    if char.isspace():
        return None
    if code < 0x80:
        return "ascii"
    if 0x0590 <= code <= 0x08FF or 0x0E00 <= code <= 0x0EFF or 0xFB1D <= code <= 0xFDFF:
        return "cs"
    if (
        0x1100 <= code <= 0x11FF
        or 0x2E80 <= code <= 0xA4CF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    ):
        return "eastAsia"
    if east_asian_hint and (code in LATIN1_EAST_ASIAN or 0x2000 <= code <= 0x2BFF):
        return "eastAsia"
    return "hAnsi"


ASCII = frozenset(map(chr, range(0x80)))
ASCII_SPACE_BYTES = bytes(code for code in range(0x80) if chr(code).isspace())


def _visible_font(
    text: str, fonts: dict[str, str | None], hint: str | None, complex_script: bool
) -> str | None:
    """Return the font most of ``text``'s characters are shown in (theme fonts resolved).

    Each character picks its slot (:func:`_script_slot`); a run marked complex script
    (``w:cs``/``w:rtl``) uses ``cs`` throughout. The slot that shows the most characters wins.
    """
    if complex_script and text:
        return fonts.get("cs")  # every character, white space included, uses cs
    if text.isascii():  # ascii for every character but white space (none: ascii too)
        return fonts.get("ascii")
    return fonts.get(_main_slot(text, hint == "eastAsia"))


def _main_slot(text: str, east_asian: bool) -> str:
    """Return the slot that shows the most characters of non-ASCII ``text`` (ascii when none
    does; the first of :data:`FONT_SLOTS` on a tie). Counts each distinct character once."""
    ascii_text = text.encode("ascii", "ignore")
    ascii_count = len(ascii_text.translate(None, ASCII_SPACE_BYTES))
    if ascii_count >= len(text) - len(ascii_text):
        return "ascii"  # no other slot can show more characters (ascii comes first)
    distinct = set(text)
    counts = dict.fromkeys(FONT_SLOTS, 0)
    counts["ascii"] = ascii_count
    for char in distinct - ASCII:
        slot = _script_slot(char, east_asian)
        if slot is not None:
            counts[slot] += text.count(char)
    best = "ascii"
    for slot in FONT_SLOTS:  # the first slot wins a tie
        if counts[slot] > counts[best]:
            best = slot
    return best


def _hint(run: Any) -> tuple[str | None, bool]:
    """Return the run's ``w:hint`` and whether it is marked complex script or RTL."""
    r_pr = first_child(run, W_RPR)
    if r_pr is None:
        return None, False
    fonts = r_pr.find(R_FONTS)
    hint = None if fonts is None else fonts.get(W_HINT)
    flags = [r_pr.find(W_CS), r_pr.find(W_RTL)]
    marked = any(
        flag is not None and flag.get(W_VAL) not in ("0", "false", "off") for flag in flags
    )
    return hint, marked


Fonts = dict[str, str | None]


def _fonts(run: RunStyle, theme: ThemeFonts) -> tuple[Fonts, Fonts]:
    """Return the fonts of each slot of a run formatted as ``run``, as stated and with theme
    fonts resolved (computed once for all the runs formatted alike: not to be changed)."""
    cached: tuple[ThemeFonts, Fonts, Fonts] | None = run.memo.get("fonts")
    if cached is None or cached[0] is not theme:
        fonts = {slot: run.values[slot] for slot in FONT_SLOTS}
        resolved = {slot: theme.resolve(font) for slot, font in fonts.items()}
        cached = run.memo["fonts"] = (theme, fonts, resolved)
    return cached[1], cached[2]


def _hint_of(run: RunStyle, element: Any) -> tuple[str | None, bool]:
    """Return :func:`_hint` of run ``element``, formatted as ``run`` (it depends only on its
    rPr, so runs formatted alike share it)."""
    if "hint" not in run.memo:
        run.memo["hint"] = _hint(element)
    return run.memo["hint"]  # type: ignore[no-any-return]


def run_facts(
    document: Document,
    paragraph: Paragraph,
    theme: ThemeFonts | None = None,
    resolver: Resolver | None = None,
) -> list[RunFacts]:
    """Return the effective formatting of the runs of ``paragraph`` that hold visible text."""
    resolver = resolver or Resolver(document)
    style = resolver.paragraph(paragraph._p)
    runs = _runs_and_drawings(paragraph._p)[0]
    return _run_facts(resolver, style, runs, theme or ThemeFonts(None))


def _run_facts(
    resolver: Resolver, style: ParagraphStyle, runs: list[_Run], theme: ThemeFonts
) -> list[RunFacts]:
    """Return the facts of ``runs`` of a paragraph formatted as ``style``, those that hold
    visible text."""
    facts = []
    for element, text, r_pr in runs:
        if not text.strip():
            continue
        run = resolver.run(style, element, r_pr)
        properties = run.values
        fonts, resolved = _fonts(run, theme)
        fonts = dict(fonts)  # each run's facts own their dict
        hint, complex_script = _hint_of(run, element)
        underline = properties["underline"]
        facts.append(
            RunFacts(
                text,
                bool(properties["bold"]),
                bool(properties["italic"]),
                properties["size"],
                fonts,
                properties["color"],
                bool(underline),
                visible_font=_visible_font(text, resolved, hint, complex_script),
            )
        )
    return facts


# -- borders and lines --------------------------------------------------------------------


BORDER_EDGES = {"top": qn("w:top"), "bottom": qn("w:bottom")}


def _border(p: Any, style: ParagraphStyle, edge: str) -> bool:
    """Return True when paragraph ``p`` (directly or by its style chain) has a solid ``edge``
    border (``top`` or ``bottom``); ``style`` is its resolved formatting."""
    key = f"border:{edge}"
    if key in style.memo:  # the same for every paragraph with the same pPr and styles
        return bool(style.memo[key])
    candidates = [first_child(p, W_PPR), *(e.find(W_PPR) for e in style.paragraph_chain)]
    found = False
    for p_pr in candidates:
        if p_pr is None:
            continue
        borders = p_pr.find(W_PBDR)
        line = None if borders is None else borders.find(BORDER_EDGES[edge])
        if line is not None:
            found = line.get(W_VAL) not in (None, "nil", "none")
            break
    style.memo[key] = found
    return found


def _vml_length(value: str | None) -> int | None:
    """Return a VML CSS length ("12pt", "1.5in", "100") in EMU, or None when malformed."""
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*([a-z]*)\s*", value or "")
    if match is None or match.group(2) not in EMU_PER_UNIT or len(match.group(1)) > 20:
        return None
    return round(float(match.group(1)) * EMU_PER_UNIT[match.group(2)])


def _vml_x(point: str | None) -> int | None:
    """Return the x coordinate (EMU) of a VML point "x,y", or None when malformed."""
    return None if point is None else _vml_length(point.split(",")[0])


def _style_width(shape: Any) -> int | None:
    """Return the width (EMU) a VML shape's ``style`` gives, or None."""
    for item in (shape.get("style") or "").split(";"):
        key, _, value = item.partition(":")
        if key.strip().lower() == "width":
            return _vml_length(value)
    return None


STRAIGHT_PATH_RE = re.compile(
    r"^\s*m\s*-?\d+\s*,\s*-?\d+\s*l\s*-?\d+\s*,\s*-?\d+\s*(?:[ex]\s*)*$", re.IGNORECASE
)


def _vml_lines(container: Any) -> list[int]:
    lengths: list[int] = []
    for line in container.iter(f"{{{V_NS}}}line"):
        start, end = _vml_x(line.get("from", "0,0")), _vml_x(line.get("to", "0,0"))
        if start is not None and end is not None:
            lengths.append(abs(end - start))
    for shape in container.iter(f"{{{V_NS}}}shape"):
        straight = (
            shape.get(f"{{{O_NS}}}connectortype") == "straight"
            or (shape.get("type") or "").endswith("_x0000_t32")  # Word's straight connector
            or STRAIGHT_PATH_RE.match(shape.get("path") or "") is not None
        )
        width = _style_width(shape)
        if straight and width is not None:
            lengths.append(abs(width))
    return lengths


def _extent(element: Any) -> int | None:
    """Return the width (EMU) of a DrawingML shape: its anchor's extent, else (a shape in a
    group) its own transform. LibreOffice writes a token 360 EMU transform on a lone line,
    so the anchor's extent, which Word and LibreOffice both fill, comes first."""
    in_group = next(element.iterancestors(f"{{{WPG_NS}}}wgp"), None) is not None
    if not in_group:
        drawing = next(element.iterancestors(qn("w:drawing")), None)
        extent = None if drawing is None else drawing.find(f".//{{{WP_NS}}}extent")
        value = None if extent is None else _measure(extent.get("cx"))
        if value is not None:
            return value
    xfrm = element.find(f".//{{{A_NS}}}xfrm/{{{A_NS}}}ext")
    return None if xfrm is None else _measure(xfrm.get("cx"))


def _drawingml_lines(container: Any) -> list[int]:
    lengths: list[int] = []
    for shape in container.iter(f"{{{WPS_NS}}}wsp"):
        geometry = shape.find(f".//{{{A_NS}}}prstGeom")
        if geometry is not None and geometry.get("prst") in LINE_PRESETS:
            width = _extent(shape)
            if width is not None:
                lengths.append(abs(width))
    # Word 2007's pictures of lines (no wps): a picture-less graphic frame with a line preset.
    for drawing in container.iter(qn("w:drawing")):
        if next(drawing.iter(f"{{{WPS_NS}}}wsp"), None) is not None:
            continue
        geometry = drawing.find(f".//{{{A_NS}}}prstGeom")
        extent = drawing.find(f".//{{{WP_NS}}}extent")
        if geometry is not None and geometry.get("prst") in LINE_PRESETS and extent is not None:
            width = _measure(extent.get("cx"))
            if width is not None:
                lengths.append(abs(width))
    return lengths


def _shape_lines(container: Any) -> list[int]:
    """Return the lengths of the straight lines in ``container`` outside any AlternateContent."""
    return [*_drawingml_lines(container), *_vml_lines(container)]


def drawn_lines(p: Any) -> list[int]:
    """Return the lengths (EMU) of straight lines drawn as shapes anywhere in paragraph ``p``.

    DrawingML (``wps:wsp`` with a line or straight-connector preset, in ``w:drawing``) and VML
    (``v:line``, straight ``v:shape``, in ``w:pict``) both count. In ``mc:AlternateContent``
    the mc:Choice is read and the mc:Fallback only when the choice holds no line, so a line
    written both ways counts once.
    """
    if next(p.iter(MC_ALTERNATE, W_DRAWING, W_PICT), None) is None:
        return []  # nothing drawn (most paragraphs): one scan of the paragraph
    lengths: list[int] = []
    alternates = list(p.iter(MC_ALTERNATE))
    outer = [a for a in alternates if next(a.iterancestors(MC_ALTERNATE), None) is None]
    for alternate in outer:
        choice = alternate.find(f"{{{MC_NS}}}Choice")
        fallback = alternate.find(f"{{{MC_NS}}}Fallback")
        found = [] if choice is None else _shape_lines(choice)
        if not found and fallback is not None:
            found = _shape_lines(fallback)
        lengths += found
    for node in p.iter(W_DRAWING, W_PICT):
        # Shapes in an AlternateContent were read above; nested ones with their container.
        wrapped = next(node.iterancestors(MC_ALTERNATE, W_DRAWING, W_PICT), None)
        if wrapped is None:
            lengths += _shape_lines(node)
    return [length for length in lengths if length > 0]  # zero wide: vertical, no rule


def _ruled(borders: Any, edge: str) -> bool:
    element = None if borders is None else borders.find(BORDER_EDGES[edge])
    return element is not None and element.get(W_VAL) not in (None, "nil", "none")


def _is_last_row(row: Any) -> bool:
    """Return True when no ``w:tr`` follows ``row`` in its table (looks only forward)."""
    following = row.getnext()
    while following is not None:
        if following.tag == W_TR or following.find(f".//{W_TR}") is not None:
            return False
        following = following.getnext()
    return True


def _cell_line(p: Any) -> int | None:
    """Return the width (EMU) of the ruled bottom edge of the cell paragraph ``p`` ends, if any.

    People draw the line under Tiêu ngữ or the agency name as the bottom border of a (nested)
    table cell as often as with a shape; that counts as the line, as long as the paragraph is
    the cell's last one. Runs in time independent of the table's size: only the cell and the
    rows after it are looked at (the last row's are none).
    """
    parent = p.getparent()
    if parent is None or parent.tag != W_TC:  # only a cell's own last paragraph can be ruled
        return None
    following = p.getnext()
    while following is not None and following.tag != W_P:
        following = following.getnext()
    if following is not None:
        return None
    return _ruled_width(parent)


def _ruled_width(cell: Any, table: Any = None) -> int | None:
    """Return the width (EMU) of ``cell`` when its bottom edge is ruled, else None (see
    :func:`_cell_line`); ``table`` is the innermost table holding it, when known."""
    properties = first_child(cell, TC_PR)
    ruled = _ruled(None if properties is None else first_child(properties, W_TCBORDERS), "bottom")
    row = cell.getparent()
    table = next(cell.iterancestors(W_TBL), None) if table is None else table
    if not ruled and table is not None and row is not None and _is_last_row(row):
        table_properties = _first(table, qn("w:tblPr"))
        borders = None if table_properties is None else table_properties.find(qn("w:tblBorders"))
        ruled = _ruled(borders, "bottom")
    width = None if properties is None or not ruled else first_child(properties, TC_W)
    if not ruled or width is None or width.get(W_TYPE) not in (None, "dxa"):
        return None
    twips = _measure(width.get(W_W))
    return None if twips is None or twips <= 0 else int(Twips(twips))


def _row_flag(row: Any) -> bool | None:
    """Return the cantSplit the row ``row`` states itself, or None when it states none."""
    own = first_child(row, W_TRPR)
    flag = None if own is None else first_child(own, W_CANT_SPLIT)
    return None if flag is None else flag.get(W_VAL) not in ("0", "false", "off")


def _row_cant_split(row: Any, style: ParagraphStyle, flag: Any = UNKNOWN) -> bool | None:
    """Return whether table row ``row`` (None: outside tables) may not break across pages,
    for a paragraph formatted as ``style`` (its table style); ``flag`` is the row's own
    :func:`_row_flag`, when known.

    Returns None outside tables. The row's own ``w:trPr`` wins over its table style's.
    """
    if row is None:
        return None
    own = _row_flag(row) if flag is UNKNOWN else flag
    if own is not None:
        return bool(own)
    if "row_cant_split" not in style.memo:  # what the table style says, once per style
        style.memo["row_cant_split"] = False
        for properties in (e.find(W_TRPR) for e in style.table_chain):
            flag = None if properties is None else properties.find(W_CANT_SPLIT)
            if flag is not None:
                style.memo["row_cant_split"] = flag.get(W_VAL) not in ("0", "false", "off")
                break
    return bool(style.memo["row_cant_split"])


# -- automatic numbering ------------------------------------------------------------------


def _letters(value: int, upper: bool) -> str:
    """Return Word's letter numbering: a..z, then aa..zz, aaa..."""
    if value < 1:
        return ""
    letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
    return letter.upper() if upper else letter


def _roman(value: int, upper: bool) -> str:
    if not 1 <= value <= 3999:
        return str(value)
    numerals = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    parts = []
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    text = "".join(parts)
    return text.upper() if upper else text


def format_number(value: int, fmt: str) -> str:
    """Return ``value`` written in the numbering format ``fmt`` (``w:numFmt``).

    Unknown formats (ordinal words, East Asian counting...) are written as decimals.
    """
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(value, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(value, fmt == "upperRoman")
    return str(value)


class _Level:
    def __init__(self, element: Any) -> None:
        start = element.find(qn("w:start"))
        self.start = _measure(None if start is None else start.get(qn("w:val")))
        if self.start is None:
            self.start = 0 if start is not None else 1
        fmt = element.find(qn("w:numFmt"))
        self.fmt = "decimal" if fmt is None else fmt.get(qn("w:val"), "decimal")
        text = element.find(qn("w:lvlText"))
        self.text = None if text is None else text.get(qn("w:val"))
        restart = element.find(qn("w:lvlRestart"))
        self.restart = None if restart is None else _measure(restart.get(qn("w:val")))
        self.legal = element.find(qn("w:isLgl")) is not None


class Numbering:
    """The lists of ``word/numbering.xml``, with Word's counters as paragraphs go by.

    Counters belong to the abstract list, so two ``w:num`` sharing one ``w:abstractNum``
    continue each other, as in Word; a ``w:num`` with a ``w:startOverride`` (Word's "Restart
    at 1") has counters of its own, starting from the override.
    """

    def __init__(self, root: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for level in abstract.iterchildren(qn("w:lvl")):
                index = _measure(level.get(qn("w:ilvl")))
                if index is not None and 0 <= index <= 8:
                    levels[index] = _Level(level)
            self.abstract[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iterchildren(qn("w:num")):
            reference = num.find(qn("w:abstractNumId"))
            starts: dict[int, int] = {}
            replaced: dict[int, _Level] = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                index = _measure(override.get(qn("w:ilvl")))
                if index is None or not 0 <= index <= 8:
                    continue
                start = override.find(qn("w:startOverride"))
                value = None if start is None else _measure(start.get(qn("w:val")))
                if value is not None:
                    starts[index] = value
                level = override.find(qn("w:lvl"))
                if level is not None:
                    replaced[index] = _Level(level)
            abstract_id = "" if reference is None else reference.get(qn("w:val"), "")
            self.nums[num.get(qn("w:numId"), "")] = (abstract_id, starts, replaced)

    def label(self, num_id: str, level: int) -> str | None:
        """Advance the counters for a paragraph of list ``num_id`` at ``level``; return the
        label Word shows for it (None when the list or level is not defined)."""
        if num_id not in self.nums or not 0 <= level <= 8:
            return None
        abstract_id, starts, replaced = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **replaced}
        if level not in levels:
            return None
        key = f"num:{num_id}" if starts else f"abstract:{abstract_id}"
        counters = self.counters.get(key)
        if counters is None:
            counters = self.counters[key] = [None] * 9

        def start(index: int) -> int:
            own = levels.get(index)
            return starts.get(index, own.start if own is not None and own.start is not None else 1)

        current = counters[level]
        counters[level] = start(level) if current is None else current + 1
        for deeper in range(level + 1, 9):
            restart = levels[deeper].restart if deeper in levels else None
            # lvlRestart 0: never restart; n: restart after level n (1-based) only.
            if restart == 0 or (restart is not None and restart - 1 < level):
                continue
            counters[deeper] = None
        this = levels[level]
        if this.fmt == "bullet":
            return this.text or ""
        if this.text is None:
            return None

        def placeholder(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            value = counters[index]
            value = start(index) if value is None else value
            other = levels.get(index)
            fmt = "decimal" if this.legal or other is None else other.fmt
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", placeholder, this.text)


def _num_pr(p: Any, style: ParagraphStyle) -> tuple[str, int] | None:
    """Return (numId, ilvl) of paragraph ``p``'s automatic numbering: its own or its style's;
    ``style`` is its resolved formatting."""
    if "numbering" in style.memo:  # the same for every paragraph with the same pPr and styles
        return style.memo["numbering"]  # type: ignore[no-any-return]
    num_id: str | None = None
    level: int | None = None
    for p_pr in [first_child(p, W_PPR), *(e.find(W_PPR) for e in style.paragraph_chain)]:
        properties = None if p_pr is None else p_pr.find(W_NUMPR)
        if properties is None:
            continue
        if num_id is None and properties.find(W_NUMID) is not None:
            num_id = properties.find(W_NUMID).get(W_VAL)
        if level is None and properties.find(W_ILVL) is not None:
            level = _measure(properties.find(W_ILVL).get(W_VAL))
    found = None if num_id is None or num_id == "0" else (num_id, level or 0)  # 0: off
    style.memo["numbering"] = found
    return found


def _related_element(document: Document, reltype: str) -> Any:
    """Return the parsed XML of the part related to the main document by ``reltype``."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is not None:
                return element
            try:
                return etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
            except (etree.XMLSyntaxError, ValueError):
                return None
    return None


def _theme(document: Document) -> ThemeFonts:
    for rel in document.part.rels.values():
        if rel.reltype == RT.THEME and not rel.is_external:
            return ThemeFonts(rel.target_part.blob)
    return ThemeFonts(None)


def saved_page_count(document: Document) -> int | None:
    """Return the page count ``docProps/app.xml`` records, when it is trustworthy.

    Word and LibreOffice store the statistics of the last save. A count with no words
    (python-docx's blank template says 1 page, 0 words whatever is added) is stale.
    """
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype != RT.EXTENDED_PROPERTIES or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False))
        except (etree.XMLSyntaxError, ValueError):
            return None
        pages = _measure(root.findtext(f"{{{EP_NS}}}Pages"))
        words = _measure(root.findtext(f"{{{EP_NS}}}Words"))
        if pages is not None and pages > 0 and words is not None and words > 0:
            return pages
    return None


def estimate_pages(paragraphs: list[ParagraphFacts], section: SectionFacts | None) -> int | None:
    """Return a rough page count from the text, for documents that do not record one.

    Each paragraph takes as many lines as its text needs at its size in Times New Roman
    (:func:`docgen.rules.n30.text_width`) across its container, each line 1.15 times its size
    (times the line spacing), plus its spacing before and after; a table row is as tall as
    its tallest cell. The total is divided by the height between the first section's
    margins. Good to a page or so on ordinary letters: used only to tell a one-page document.
    """
    if section is None or not section.page_height:
        return None
    usable = section.page_height - (section.top or 0) - (section.bottom or 0)
    if usable <= 0:
        return None
    total = 0
    rows: dict[tuple[int, int], dict[int, int]] = {}
    printed_widths: dict[tuple[str, int], int] = {}  # a table repeats its cells' texts
    for paragraph in paragraphs:
        size = next((run.size for run in paragraph.runs if run.size), None) or Pt(13)
        spacing = paragraph.line_spacing
        line = int(size * 1.15 * spacing) if isinstance(spacing, float) else int(spacing or 0)
        line = max(line, int(size * 1.15))
        width = paragraph.container_width or 0
        lines = 0
        for text in paragraph.text.split("\n"):
            if width <= 0:
                lines += 1
                continue
            printed = printed_widths.get((text, size))
            if printed is None:
                printed = int(n30.text_width(text, Length(size), False)) if text else 0
                printed_widths[(text, size)] = printed
            lines += max(1, math.ceil(printed / width))
        height = lines * line + (paragraph.space_before or 0) + (paragraph.space_after or 0)
        location = paragraph.location
        if location.table is None:
            total += height
        else:
            cells = rows.setdefault((location.table, location.row or 0), {})
            cells[location.column or 0] = cells.get(location.column or 0, 0) + height
    total += sum(max(cells.values()) for cells in rows.values())
    return max(1, math.ceil(total / usable))


# -- paragraphs ---------------------------------------------------------------------------


def paragraph_facts(
    document: Document,
    paragraph: Paragraph,
    location: Location,
    container: int | None,
    section: int = 0,
    theme: ThemeFonts | None = None,
    numbering_label: str | None = None,
    resolver: Resolver | None = None,
) -> ParagraphFacts:
    """Return the facts of one paragraph, which stands in section ``section``.

    ``resolver`` resolves formatting for the whole reading (a new one when not given).
    """
    resolver = resolver or Resolver(document)
    p = paragraph._p
    style = resolver.paragraph(p)
    theme = theme or ThemeFonts(None)
    cant_split = _row_cant_split(next(p.iterancestors(W_TR), None), style)
    line = _cell_line(p)
    return _facts(
        resolver, style, p, location, container, section, theme, numbering_label, line, cant_split
    )


def _facts(
    resolver: Resolver,
    style: ParagraphStyle,
    p: Any,
    location: Location,
    container: int | None,
    section: int,
    theme: ThemeFonts,
    numbering_label: str | None,
    cell_line: int | None,
    row_cant_split: bool | None,
) -> ParagraphFacts:
    """Return the facts of paragraph element ``p``, formatted as ``style`` (see
    :func:`paragraph_facts`; the cell line and the row's cantSplit are given)."""
    runs, drawn = _runs_and_drawings(p)
    return ParagraphFacts(
        location=location,
        text="".join([run.text for run in runs]),
        runs=_run_facts(resolver, style, runs, theme),
        container_width=container,
        drawn_lines=drawn_lines(p) if drawn else [],
        cell_line=cell_line,
        row_cant_split=row_cant_split,
        section=section,
        numbering_label=numbering_label,
        **_layout(p, style),
    )


def _layout(p: Any, style: ParagraphStyle) -> dict[str, Any]:
    """Return the facts of paragraph element ``p`` that its pPr and styles give (style,
    alignment, indents, spacing, borders...): the same for every paragraph formatted alike,
    so computed once per ``style``."""
    layout: dict[str, Any] | None = style.memo.get("layout")
    if layout is None:
        values = style.properties
        alignment = values["alignment"]
        line_spacing = values["line_spacing"]
        layout = style.memo["layout"] = {
            "style_id": style.style_id,
            "alignment": ALIGNMENTS.get(alignment, "left") if alignment is not None else "left",
            "first_line_indent": _int(values["first_line_indent"]),
            "left_indent": _int(values["left_indent"]),
            "right_indent": _int(values["right_indent"]),
            "space_before": _int(values["space_before"]),
            "space_after": _int(values["space_after"]),
            "line_spacing": (
                line_spacing if isinstance(line_spacing, float) else _int(line_spacing)
            ),
            "bottom_border": _border(p, style, "bottom"),
            "keep_with_next": bool(values["keep_with_next"]),
            "top_border": _border(p, style, "top"),
        }
    return layout


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


TC_PR, TC_W, W_TYPE, W_W = qn("w:tcPr"), qn("w:tcW"), qn("w:type"), qn("w:w")
W_SECT_PR = qn("w:sectPr")
MARGIN_EDGES = {qn("w:left"), qn("w:right"), qn("w:start"), qn("w:end")}


def _first(parent: Any, tag: str) -> Any:
    """Return the first child ``tag`` of ``parent``: lxml's ``find`` scans every child (a
    10,000-row table's rows), ``iterchildren`` stops at the first match."""
    return next(parent.iterchildren(tag), None)


def _cell_margins(table: Any) -> int:
    """Return the left plus right cell margins (EMU) of ``table``: its own, else Word's."""
    properties = _first(table, qn("w:tblPr"))
    cell_margins = None if properties is None else _first(properties, qn("w:tblCellMar"))
    if cell_margins is None:
        return 2 * int(DEFAULT_CELL_MARGIN)
    return sum(
        int(Twips(_measure(edge.get(W_W)) or 0))
        for edge in cell_margins
        if edge.tag in MARGIN_EDGES
    )


def _cell_width(cell: Any, margins: int) -> int | None:
    """Return the width (EMU) of the text in ``cell`` (its width less ``margins``)."""
    properties = first_child(cell, TC_PR)
    w = None if properties is None else first_child(properties, TC_W)
    if w is None:
        return None
    return _text_in_cell(w.get(W_TYPE), w.get(W_W), margins)


@functools.lru_cache(maxsize=1024)
def _text_in_cell(kind: str | None, value: str | None, margins: int) -> int | None:
    """Return the width (EMU) of the text in a cell of ``w:tcW`` type ``kind`` and width
    ``value`` (cached: a table's cells share a few widths)."""
    if kind not in (None, "dxa"):
        return None
    width = _measure(value)
    if width is None or width <= 0:
        return None
    return int(Twips(width)) - margins


def _unwrapped(parent: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """Yield the children of ``parent`` with one of ``tags``, looking inside content controls
    (``w:sdt``) and custom XML wrappers, as Word shows them."""
    for element in parent.iterchildren():
        if element.tag in tags:
            yield element
        elif element.tag == W_SDT:
            content = element.find(W_SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content, tags)
        elif element.tag == W_CUSTOM_XML:
            yield from _unwrapped(element, tags)


def _blocks(parent: Any) -> Iterator[Any]:
    """Yield the paragraphs and tables of ``parent``, looking inside content controls."""
    return _unwrapped(parent, (W_P, W_TBL))


Placed = tuple[Any, Any, Any, bool | None, Any]
"""A paragraph of a cell: (paragraph, innermost table, row, the row's flag, cell it ends)."""


def _cell_paragraphs(cell: Any, table: Any, row: Any, flag: bool | None) -> Iterator[Placed]:
    """Yield the paragraphs of a cell in reading order, nested tables' included, each with
    the innermost table and row holding it (``cell`` stands in ``row`` of ``table``; ``flag``
    is the row's own cantSplit), and the cell whose last paragraph it is (or None).

    The blocks of :func:`_blocks`, unwrapped here without a generator per level.
    """
    blocks = list(cell)
    last = next((block for block in reversed(blocks) if block.tag == W_P), None)
    ends = cell.tag == W_TC  # not a content control's content or a custom XML wrapper
    for block in blocks:
        tag = block.tag
        if tag == W_P:
            yield block, table, row, flag, cell if ends and block is last else None
        elif tag == W_TBL:
            for inner_row in _unwrapped(block, (W_TR,)):
                inner_flag = _row_flag(inner_row)
                for inner in _unwrapped(inner_row, (W_TC,)):
                    yield from _cell_paragraphs(inner, block, inner_row, inner_flag)
        elif tag == W_SDT:
            content = block.find(W_SDT_CONTENT)
            if content is not None:
                yield from _cell_paragraphs(content, table, row, flag)
        elif tag == W_CUSTOM_XML:
            yield from _cell_paragraphs(block, table, row, flag)


class _Place(NamedTuple):
    """Where a paragraph element stands: its location, its container's width, and the
    innermost table and row holding it (None outside tables)."""

    p: Any
    location: Location
    width: int | None
    table: Any
    row: Any
    row_flag: bool | None = None
    """The row's own cantSplit (see :func:`_row_flag`)."""
    ends_cell: Any = None
    """The cell (``w:tc``) this paragraph is the last paragraph of, among its children."""


def _places(document: Document, text_width: int | None) -> Iterator[_Place]:
    """Yield every paragraph element of the body in reading order with its place (see
    :func:`walk_paragraphs`)."""
    counter = 0
    table_index = 0
    for element in _blocks(document.element.body):
        if element.tag == W_P:
            yield _Place(element, Location(counter), text_width, None, None)
            counter += 1
        elif element.tag == W_TBL:
            margins = _cell_margins(element)
            for row_index, row in enumerate(_unwrapped(element, (W_TR,))):
                flag = _row_flag(row)
                for column_index, cell in enumerate(_unwrapped(row, (W_TC,))):
                    width = _cell_width(cell, margins)
                    for p, table, inner_row, inner_flag, ends in _cell_paragraphs(
                        cell, element, row, flag
                    ):
                        location = Location(counter, table_index, row_index, column_index)
                        yield _Place(p, location, width, table, inner_row, inner_flag, ends)
                        counter += 1
            table_index += 1


def walk_paragraphs(
    document: Document, text_width: int | None
) -> Iterator[tuple[Paragraph, Location, int | None]]:
    """Yield every paragraph of the body in reading order, tables included, with its place.

    A nested table's paragraphs stand at the place of the outer cell; text-box paragraphs
    belong to the paragraph they are anchored in and are not yielded.
    """
    for place in _places(document, text_width):
        yield Paragraph(place.p, document), place.location, place.width


# -- sections and page numbers ------------------------------------------------------------


def field_instructions(element: Any) -> Iterator[tuple[Any, str]]:
    """Yield (paragraph element, instruction) for every field in ``element``: simple fields
    (``w:fldSimple``) and complex ones (``w:fldChar`` begin … separate, ``w:instrText``),
    wherever they stand (content controls, text boxes, tables)."""
    for simple in element.iter(qn("w:fldSimple")):
        paragraph = next(simple.iterancestors(W_P), None)
        yield paragraph, simple.get(qn("w:instr"), "")
    stack: list[tuple[Any, list[str]]] = []
    for node in element.iter(qn("w:fldChar"), qn("w:instrText")):
        if node.tag == qn("w:instrText"):
            if stack:
                stack[-1][1].append(node.text or "")
            continue
        kind = node.get(qn("w:fldCharType"))
        if kind == "begin":
            stack.append((next(node.iterancestors(W_P), None), []))
        elif kind == "end" and stack:
            paragraph, parts = stack.pop()
            yield paragraph, "".join(parts)
    for paragraph, parts in stack:  # a field never closed still shows its instruction
        yield paragraph, "".join(parts)


def _page_field_paragraph(part_element: Any) -> Any:
    """Return the first paragraph of a header or footer holding a PAGE field, or None."""
    for paragraph, instruction in field_instructions(part_element):
        if paragraph is not None and PAGE_FIELD_RE.match(instruction):
            return paragraph
    return None


def _part_element(header_footer: Any) -> Any:
    """Return the root element of a header/footer, or None when the section has none."""
    try:
        if header_footer.is_linked_to_previous:
            return None
        return header_footer._element
    except (KeyError, ValueError, AttributeError, NotImplementedError):
        return None


def _section_number(sect_pr: Any, tag: str, attribute: str) -> int | None:
    element = sect_pr.find(qn(tag))
    return None if element is None else _measure(element.get(qn(attribute)))


def section_facts(
    document: Document, theme: ThemeFonts | None = None, resolver: Resolver | None = None
) -> list[SectionFacts]:
    """Return the page setup and numbering of every section."""
    facts = []
    inherited: dict[str, Any] = {}
    for index, section in enumerate(document.sections):
        sect_pr = section._sectPr
        elements = {}
        for name, header_footer in (
            ("header", section.header), ("footer", section.footer),
            ("first_header", section.first_page_header),
            ("first_footer", section.first_page_footer),
        ):  # fmt: skip
            own = _part_element(header_footer)
            # A section without its own header shows the previous section's.
            elements[name] = own if own is not None else inherited.get(name)
        inherited = elements
        page_number = None
        header_paragraph = (
            None if elements["header"] is None else _page_field_paragraph(elements["header"])
        )
        if header_paragraph is not None and (
            index == 0 or _part_element(section.header) is not None
        ):
            page_number = paragraph_facts(
                document,
                Paragraph(header_paragraph, section.header),
                Location(0, part="đầu trang"),
                None,
                theme=theme,
                resolver=resolver,
            )
        footer_numbers = (
            elements["footer"] is not None and _page_field_paragraph(elements["footer"]) is not None
        )
        title_page_flag = sect_pr.find(qn("w:titlePg"))
        title_page = title_page_flag is not None and title_page_flag.get(qn("w:val")) not in (
            "0", "false", "off",
        )  # fmt: skip
        first = (
            [elements["first_header"], elements["first_footer"]]
            if title_page
            else [elements["header"], elements["footer"]]
        )
        orientation = sect_pr.find(qn("w:pgSz"))
        orient = None if orientation is None else orientation.get(qn("w:orient"))
        facts.append(
            SectionFacts(
                index=index,
                page_width=_twips(_section_number(sect_pr, "w:pgSz", "w:w")),
                page_height=_twips(_section_number(sect_pr, "w:pgSz", "w:h")),
                orientation="landscape" if orient == "landscape" else "portrait",
                top=_twips(_section_number(sect_pr, "w:pgMar", "w:top"), absolute=True),
                bottom=_twips(_section_number(sect_pr, "w:pgMar", "w:bottom"), absolute=True),
                left=_twips(_section_number(sect_pr, "w:pgMar", "w:left")),
                right=_twips(_section_number(sect_pr, "w:pgMar", "w:right")),
                title_page=title_page,
                page_number=page_number,
                page_number_in_footer=footer_numbers,
                first_page_number=any(
                    element is not None and _page_field_paragraph(element) is not None
                    for element in first
                ),
            )
        )
    return facts


def _twips(value: int | None, absolute: bool = False) -> int | None:
    """Return a twips count as EMU (a negative top/bottom margin is fixed: its size counts)."""
    if value is None:
        return None
    return int(Twips(abs(value) if absolute else value))


def _text_width(section: SectionFacts) -> int | None:
    """Return the width between the margins of ``section``'s page, if its setup says."""
    if section.page_width and section.left is not None and section.right is not None:
        return section.page_width - section.left - section.right
    return None


def _ends_section(p: Any, style: ParagraphStyle) -> bool:
    """Return True when paragraph element ``p`` (formatted as ``style``) carries a section
    break (the page setup of the section it ends, as Word stores every section's but the
    last)."""
    if "ends_section" not in style.memo:  # it is in the pPr, which ``style`` stands for
        p_pr = first_child(p, W_PPR)
        style.memo["ends_section"] = p_pr is not None and first_child(p_pr, W_SECT_PR) is not None
    return bool(style.memo["ends_section"])


def inspect_document(document: Document) -> DocumentFacts:
    """Return the facts of ``document``."""
    theme = _theme(document)
    numbering = Numbering(_related_element(document, RT.NUMBERING))
    resolver = Resolver(document)  # one reading: formatting is resolved once per kind
    sections = section_facts(document, theme, resolver)
    widths = [_text_width(section) for section in sections] or [None]
    paragraphs = []
    section = 0
    for place in _places(document, widths[0]):
        p, location, container = place.p, place.location, place.width
        # A body paragraph spans its own section's text width (a landscape attachment's is
        # wider); a cell's width comes from the table.
        if location.table is None:
            container = widths[min(section, len(widths) - 1)]
        style = resolver.paragraph(p, place.table)
        numbered = _num_pr(p, style)
        label = None if numbered is None else numbering.label(*numbered)
        ends = place.ends_cell
        cell_line = None if ends is None else _ruled_width(ends, place.table)
        cant_split = _row_cant_split(place.row, style, place.row_flag)
        facts = _facts(
            resolver, style, p, location, container, section, theme, label, cell_line, cant_split
        )
        paragraphs.append(facts)
        if location.table is None and _ends_section(p, style):
            section += 1
    page_count = saved_page_count(document)
    if page_count is None:
        page_count = estimate_pages(paragraphs, sections[0] if sections else None)
    return DocumentFacts(sections, paragraphs, widths[0], page_count=page_count)


def inspect_file(path: Path) -> DocumentFacts:
    """Return the facts of the .docx at ``path``; raise :class:`UnreadableDocument` otherwise."""
    return inspect_document(open_document(path))
