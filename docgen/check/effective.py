"""Effective formatting of paragraphs and runs, resolved the way Word resolves it.

A property is looked up in order: direct formatting of the run, its character style chain,
the paragraph's direct formatting (paragraph properties only), the paragraph style chain, the
style chain of the table the paragraph stands in, then the document defaults. The first level
that states the property wins.
"""

from __future__ import annotations

import weakref
from typing import Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.parfmt import ParagraphFormat
from docx.text.run import Run
from lxml import etree
from lxml.etree import _Element

FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
JUSTIFICATIONS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "start": WD_ALIGN_PARAGRAPH.LEFT,  # LibreOffice writes start/end (ISO 29500 names)
    "numTab": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "end": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "distribute": WD_ALIGN_PARAGRAPH.DISTRIBUTE,
    "lowKashida": WD_ALIGN_PARAGRAPH.JUSTIFY_LOW,
    "mediumKashida": WD_ALIGN_PARAGRAPH.JUSTIFY_MED,
    "highKashida": WD_ALIGN_PARAGRAPH.JUSTIFY_HI,
    "thaiDistribute": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
}
"""Every ``w:jc`` value of a paragraph in the schema (both editions), read from the raw
attribute: python-docx's enum knows only the transitional names and raises on ``start``."""
MALFORMED = (ValueError, TypeError, KeyError, OverflowError, AttributeError)
"""What python-docx raises on a malformed attribute value ("x1", a 5000-digit number...)."""
TOGGLES = {"bold": "w:b", "italic": "w:i", "caps": "w:caps"}
RUN_PROPERTIES = ("bold", "italic", "caps", "underline", "size", "color", *FONT_SLOTS)


RPR, PPR, W_VAL = qn("w:rPr"), qn("w:pPr"), qn("w:val")
TBL, TBL_PR, TBL_STYLE = qn("w:tbl"), qn("w:tblPr"), qn("w:tblStyle")
PSTYLE, RSTYLE, BASED_ON, JC = qn("w:pStyle"), qn("w:rStyle"), qn("w:basedOn"), qn("w:jc")
STYLE, STYLE_ID, W_TYPE, W_DEFAULT = qn("w:style"), qn("w:styleId"), qn("w:type"), qn("w:default")
"""Clark names, computed once: ``qn`` splits and formats its argument on every call."""


UNKNOWN: Any = object()
"""Stands for an argument not given (where None means something)."""


def first_child(parent: Any, tag: str) -> Any:
    """Return the first child ``tag`` of ``parent``, or None: ``parent.find(tag)``, faster.

    lxml's ``find`` parses its path and ``iterchildren(tag)`` prepares its matcher on every
    call, which costs more than looking at the few children of a paragraph, run or cell.
    Stops at the first match, so a table's rows are not all scanned for its ``w:tblPr``.
    """
    if len(parent):
        first = parent[0]  # the schema puts properties elements first
        if first.tag == tag:
            return first
    for child in parent:
        if child.tag == tag:
            return child
    return None


class StyleIndex:
    """The styles of one document, indexed once: reading a large document looks up the same
    few style chains thousands of times, and python-docx's own lookups are linear XPath scans."""

    def __init__(self, document: Document) -> None:
        styles = document.styles.element
        self._styles: dict[tuple[str, str], Any] = {}
        self.default_paragraph: str | None = None
        for style in styles.findall(STYLE):
            kind = style.get(W_TYPE, "paragraph")
            style_id = style.get(STYLE_ID)
            self._styles[(kind, style_id)] = style
            if kind == "paragraph" and style.get(W_DEFAULT) in ("1", "true", "on"):
                self.default_paragraph = style_id
        self.run_defaults = _defaults(document, "rPr")
        self.paragraph_defaults = _defaults(document, "pPr")
        self._chains: dict[tuple[str, str | None], list[Any]] = {}
        # Keyed by the identity of cached chains (they live as long as the index).
        self._run_levels: dict[tuple[int, int], list[Any]] = {}
        self._no_chain: list[Any] = []
        self._table_chains: dict[Any, list[Any]] = {}
        self.inherited: dict[tuple[int, int, str], Any] = {}
        """Paragraph properties the styles give, by (paragraph chain, table chain, name)."""

    def chain(self, kind: str, style_id: str | None) -> list[Any]:
        """Return the style elements of ``style_id`` and its bases, most specific first."""
        key = (kind, style_id)
        if key not in self._chains:
            chain: list[Any] = []
            seen: set[str] = set()
            current = style_id
            while current is not None and current not in seen:
                seen.add(current)
                element = self._styles.get((kind, current))
                if element is None:
                    break
                chain.append(element)
                based_on = element.find(BASED_ON)
                current = None if based_on is None else based_on.get(W_VAL)
            self._chains[key] = chain
        return self._chains[key]

    def style_run_levels(self, paragraph: Paragraph) -> list[Any]:
        """Return the rPr elements the paragraph's style chain, its table's style chain and
        the document defaults give a run of ``paragraph``, most specific first (cached per
        pair of styles: a long document has thousands of runs and a handful of pairs)."""
        return self.run_levels(self.paragraph_chain(paragraph), self.table_chain(paragraph))

    def run_levels(self, paragraph_chain: list[Any], table_chain: list[Any]) -> list[Any]:
        """Return the rPr elements a pair of style chains and the defaults give a run."""
        key = (id(paragraph_chain), id(table_chain))
        if key not in self._run_levels:
            levels = [style.find(RPR) for style in (*paragraph_chain, *table_chain)]
            levels.append(self.run_defaults)
            self._run_levels[key] = [level for level in levels if level is not None]
        return self._run_levels[key]

    def table_chain(self, paragraph: Paragraph) -> list[Any]:
        """Return the style chain of the innermost table holding ``paragraph`` (or [])."""
        return self.table_chain_of(paragraph._p)

    def table_chain_of(self, p: Any) -> list[Any]:
        """Return the style chain of the innermost table holding paragraph element ``p``."""
        return self.table_style_chain(next(p.iterancestors(TBL), None))

    def table_style_chain(self, table: Any) -> list[Any]:
        """Return the style chain of table element ``table`` (None: no table, [])."""
        if table is None:
            return self._no_chain
        # Cached per table (the key keeps the element proxy alive, so it stays the same):
        # every run of a 10,000-row table asks for it several times.
        chain = self._table_chains.get(table)
        if chain is None:
            properties = next(table.iterchildren(TBL_PR), None)  # find scans every row
            style = None if properties is None else properties.find(TBL_STYLE)
            chain = self._no_chain if style is None else self.chain("table", style.get(W_VAL))
            self._table_chains[table] = chain
        return chain

    def paragraph_chain(self, paragraph: Paragraph) -> list[Any]:
        """Return the paragraph style chain of ``paragraph`` (its own style or the default)."""
        return self.paragraph_chain_of(paragraph._p.find(PPR))

    def paragraph_chain_of(self, p_pr: Any) -> list[Any]:
        """Return the paragraph style chain a paragraph with properties ``p_pr`` has."""
        style = first_child(p_pr, PSTYLE) if p_pr is not None else None
        style_id = style.get(W_VAL) if style is not None else self.default_paragraph
        return self.chain("paragraph", style_id)


# Keyed by the document's part: the Document proxy itself defines equality, so is unhashable.
_INDEXES: weakref.WeakKeyDictionary[Any, StyleIndex] = weakref.WeakKeyDictionary()


def style_index(document: Document) -> StyleIndex:
    """Return the (cached) style index of ``document``.

    Call :func:`forget_styles` after changing the document's styles.
    """
    index = _INDEXES.get(document.part)
    if index is None:
        index = _INDEXES[document.part] = StyleIndex(document)
    return index


def forget_styles(document: Document) -> None:
    """Drop the cached style index of ``document`` (its styles changed)."""
    _INDEXES.pop(document.part, None)


def _defaults(document: Document, tag: str) -> _Element | None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return None
    container = defaults.find(qn(f"w:{tag}Default"))
    return None if container is None else container.find(qn(f"w:{tag}"))


def _key(element: Any) -> bytes:
    """Return the XML of a properties element (b"" for none): paragraphs and runs whose
    properties are written alike are formatted alike, so they share one resolution."""
    return b"" if element is None else etree.tostring(element, with_tail=False)


class ParagraphStyle:
    """The formatting every paragraph with the same ``w:pPr`` (the same XML) in a table of
    the same style gets, resolved once: a 10,000-row table or a 500-page report has tens of
    thousands of paragraphs and a few dozen distinct ones.

    Holds the style chains, the effective paragraph properties (python-docx names, see
    :data:`PARAGRAPH_PROPERTIES`) and a cache of the run formatting its runs get.
    """

    __slots__ = ("_runs", "memo", "paragraph_chain", "properties", "table_chain")

    def __init__(self, resolver: Resolver, p: Any, p_pr: Any, table_chain: list[Any]) -> None:
        index = resolver.index
        self.paragraph_chain = index.paragraph_chain_of(p_pr)
        self.table_chain = table_chain
        self.properties: dict[str, Any] = {"alignment": resolver.alignment(self, p_pr)}
        direct = ParagraphFormat(p) if p_pr is not None else None
        for name in PARAGRAPH_PROPERTIES[1:]:
            value = None if direct is None else _format_value(direct, name)
            self.properties[name] = value if value is not None else resolver.inherited(self, name)
        self.memo: dict[str, Any] = {}
        """Other values that depend only on the paragraph's pPr and styles, by name (for
        :mod:`docgen.check.inspect`: borders, numbering)."""
        self._runs: dict[bytes, RunStyle] = {}

    @property
    def style_id(self) -> str | None:
        """The id of the paragraph's style (the default style when it names none)."""
        return self.paragraph_chain[0].get(STYLE_ID) if self.paragraph_chain else None


class RunStyle:
    """The effective formatting of every run with the same ``w:rPr`` (the same XML) in
    paragraphs formatted alike, resolved once."""

    __slots__ = ("memo", "values")

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        """Every property of :data:`RUN_PROPERTIES` (see :func:`run_property`)."""
        self.memo: dict[str, Any] = {}
        """Other values that depend only on the run's rPr, by name (for
        :mod:`docgen.check.inspect`)."""


class Resolver:
    """Effective formatting of the paragraphs and runs of one document, for one reading.

    Results are cached by the XML of each paragraph's and run's own properties: make a new
    resolver after changing the document (its styles: also call :func:`forget_styles`).
    """

    def __init__(self, document: Document) -> None:
        self.index = style_index(document)
        self._paragraphs: dict[tuple[bytes, int], ParagraphStyle] = {}
        self._alignments: dict[tuple[int, int], WD_ALIGN_PARAGRAPH | None] = {}
        self._levels: dict[tuple[int, int], list[dict[str, Any]]] = {}
        self._last: tuple[Any, ParagraphStyle] | None = None

    def paragraph(self, p: Any, table: Any = UNKNOWN) -> ParagraphStyle:
        """Return the resolved formatting of paragraph element ``p``; ``table`` is the
        innermost table holding it (None: none), when known."""
        if self._last is not None and self._last[0] is p:  # asked again for the same one
            return self._last[1]
        p_pr = first_child(p, PPR)
        if table is UNKNOWN:
            table_chain = self.index.table_chain_of(p)
        else:
            table_chain = self.index.table_style_chain(table)
        key = (_key(p_pr), id(table_chain))
        style = self._paragraphs.get(key)
        if style is None:
            style = self._paragraphs[key] = ParagraphStyle(self, p, p_pr, table_chain)
        self._last = (p, style)
        return style

    def run(self, style: ParagraphStyle, r: Any, r_pr: Any = UNKNOWN) -> RunStyle:
        """Return the effective formatting of run element ``r`` (None: the paragraph mark)
        in a paragraph formatted as ``style``; ``r_pr`` is the run's ``w:rPr``, when known."""
        if r_pr is UNKNOWN:
            r_pr = None if r is None else first_child(r, RPR)
        key = _key(r_pr)
        run = style._runs.get(key)
        if run is None:
            levels = self._style_levels(style)
            if r_pr is not None:
                own = [r_pr]
                character = r_pr.find(RSTYLE)
                if character is not None:
                    chain = self.index.chain("character", character.get(W_VAL))
                    own += [element.find(RPR) for element in chain]
                levels = [_children(level) for level in own if level is not None] + levels
            values = {name: _resolve(levels, name) for name in RUN_PROPERTIES}
            run = style._runs[key] = RunStyle(values)
        return run

    def _style_levels(self, style: ParagraphStyle) -> list[dict[str, Any]]:
        key = (id(style.paragraph_chain), id(style.table_chain))
        levels = self._levels.get(key)
        if levels is None:
            chains = (style.paragraph_chain, style.table_chain)
            levels = self._levels[key] = [_children(r) for r in self.index.run_levels(*chains)]
        return levels

    def inherited(self, style: ParagraphStyle, name: str) -> Any:
        """Return paragraph property ``name`` as the styles and the defaults give it."""
        index = self.index
        # What the styles and defaults give depends only on the pair of chains: computed once
        # per pair (a long document has thousands of paragraphs and a handful of pairs).
        key = (id(style.paragraph_chain), id(style.table_chain), name)
        if key not in index.inherited:
            chain = [*style.paragraph_chain, *style.table_chain]
            index.inherited[key] = _inherited(index, chain, name)
        return index.inherited[key]

    def alignment(self, style: ParagraphStyle, p_pr: Any) -> WD_ALIGN_PARAGRAPH | None:
        """Return the effective alignment, read from the raw ``w:jc`` values."""
        value = _jc(p_pr)
        if value is not None:
            return value
        key = (id(style.paragraph_chain), id(style.table_chain))
        if key not in self._alignments:
            found = None
            for element in [*style.paragraph_chain, *style.table_chain]:
                found = _jc(element.find(PPR))
                if found is not None:
                    break
            self._alignments[key] = found
        return self._alignments[key]


def number(value: str | None) -> float | None:
    """Return ``value`` as a number, or None when it is missing or malformed ("abc", "x1")."""
    if value is None or len(value) > 30:  # a 5000-digit "number" is no length
        return None
    try:
        result = float(value)
    except ValueError:
        return None
    return result if result == result and abs(result) != float("inf") else None


def _toggle(element: _Element | None) -> bool | None:
    if element is None:
        return None
    value = element.get(W_VAL)
    return value not in ("0", "false", "off")


def run_property(document: Document, paragraph: Paragraph, run: Run | None, name: str) -> Any:
    """Return the effective value of a run property: bold, italic, caps, underline, size (EMU),
    color, or a font slot (ascii, hAnsi, cs, eastAsia). ``run`` None means the paragraph mark."""
    return run_properties(document, paragraph, run, (name,))[name]


def run_properties(
    document: Document, paragraph: Paragraph, run: Run | None, names: tuple[str, ...]
) -> dict[str, Any]:
    """Return the effective values of the run properties ``names`` (see :func:`run_property`),
    looking up the levels that apply to the run once for all of them."""
    for name in names:
        if name not in RUN_PROPERTIES:
            raise ValueError(f"unknown run property {name!r}")
    resolver = Resolver(document)
    values = resolver.run(resolver.paragraph(paragraph._p), None if run is None else run._r)
    return {name: values.values[name] for name in names}


def _children(r_pr: Any) -> dict[str, Any]:
    """Return the first child of each tag of ``r_pr`` (one pass instead of a find per tag)."""
    children: dict[str, Any] = {}
    for child in r_pr.iterchildren():
        children.setdefault(child.tag, child)
    return children


TAGS = {
    "w:sz": qn("w:sz"), "w:u": qn("w:u"), "w:color": qn("w:color"), "w:rFonts": qn("w:rFonts"),
    **{tag: qn(tag) for tag in TOGGLES.values()},
}  # fmt: skip
FONT_ATTRIBUTES = {slot: (qn(f"w:{slot}Theme"), qn(f"w:{slot}")) for slot in FONT_SLOTS}


def _resolve(levels: list[dict[str, Any]], name: str) -> Any:
    """Return the value of run property ``name`` from the first of ``levels`` stating it."""
    for children in levels:
        value: Any
        if name in TOGGLES:
            value = _toggle(children.get(TAGS[TOGGLES[name]]))
        elif name == "size":
            element = children.get(TAGS["w:sz"])
            points = None if element is None else number(element.get(W_VAL))
            value = None if points is None or points <= 0 else round(points * 6350)
        elif name == "underline":
            element = children.get(TAGS["w:u"])
            value = None if element is None else element.get(W_VAL) not in (None, "none")
        elif name == "color":
            element = children.get(TAGS["w:color"])
            value = None if element is None else element.get(W_VAL)
        elif name in FONT_SLOTS:
            element = children.get(TAGS["w:rFonts"])
            theme_attribute, font_attribute = FONT_ATTRIBUTES[name]
            theme = None if element is None else element.get(theme_attribute)
            value = (
                f"theme:{theme}"
                if theme
                else (None if element is None else element.get(font_attribute))
            )
        else:
            raise ValueError(f"unknown run property {name!r}")
        if value is not None:
            return value
    return False if name in TOGGLES or name == "underline" else None


PARAGRAPH_PROPERTIES = (
    "alignment", "first_line_indent", "left_indent", "right_indent",
    "space_before", "space_after", "line_spacing", "keep_with_next",
)  # fmt: skip


def paragraph_property(document: Document, paragraph: Paragraph, name: str) -> Any:
    """Return the effective value of a paragraph_format property (python-docx names)."""
    if name not in PARAGRAPH_PROPERTIES:
        raise ValueError(f"unknown paragraph property {name!r}")
    return Resolver(document).paragraph(paragraph._p).properties[name]


def _inherited(index: StyleIndex, chain: list[Any], name: str) -> Any:
    """Return paragraph property ``name`` as the style ``chain`` and the defaults give it."""
    for style in chain:
        value = _format_value(ParagraphFormat(style), name)
        if value is not None:
            return value
    defaults: Any = index.paragraph_defaults  # a CT_PPr, not a paragraph holding one
    if defaults is not None and name in ("space_before", "space_after", "line_spacing"):
        try:
            return _default_spacing(defaults, name)
        except MALFORMED:
            return None
    return None


def _default_spacing(defaults: Any, name: str) -> Any:
    """Return the document default ``name`` spacing of the ``w:pPrDefault`` ``defaults``."""
    if name == "line_spacing":
        line = defaults.spacing_line
        if line is not None and defaults.spacing_lineRule == WD_LINE_SPACING.MULTIPLE:
            return line / Pt(12)  # a multiple of single spacing, as python-docx gives it
        return line
    return defaults.spacing_before if name == "space_before" else defaults.spacing_after


def _format_value(paragraph_format: ParagraphFormat, name: str) -> Any:
    """Return ``paragraph_format``'s ``name``, or None when it is unset or malformed."""
    try:
        return getattr(paragraph_format, name)
    except MALFORMED:
        return None


def _jc(p_pr: Any) -> WD_ALIGN_PARAGRAPH | None:
    element = None if p_pr is None else p_pr.find(JC)
    return None if element is None else JUSTIFICATIONS.get(element.get(W_VAL, ""))


def text_runs(paragraph: Paragraph) -> list[Run]:
    """Return the runs of ``paragraph`` that hold visible text."""
    return [run for run in paragraph.runs if run.text.strip()]
