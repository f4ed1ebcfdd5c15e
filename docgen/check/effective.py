"""Effective formatting of paragraphs and runs, resolved the way Word resolves it.

A property is looked up in order: direct formatting of the run, its character style chain,
the paragraph's direct formatting (paragraph properties only), the paragraph style chain, then
the document defaults. The first level that states the property wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.document import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import _Element

FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
TOGGLES = {"bold": "w:b", "italic": "w:i", "caps": "w:caps"}


def _style_chain(style: Any) -> Iterator[Any]:
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _defaults(document: Document, tag: str) -> _Element | None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return None
    container = defaults.find(qn(f"w:{tag}Default"))
    return None if container is None else container.find(qn(f"w:{tag}"))


def _run_property_levels(document: Document, paragraph: Paragraph, run: Run | None) -> list[Any]:
    """Return the rPr elements that apply to ``run``, most specific first."""
    levels: list[Any] = []
    if run is not None:
        levels.append(run._r.rPr)
        character_style = (
            run._r.rPr.rStyle.val
            if run._r.rPr is not None and run._r.rPr.rStyle is not None
            else None
        )
        if character_style is not None:
            style = document.styles.get_by_id(character_style, 2)  # WD_STYLE_TYPE.CHARACTER
            levels += [s.element.rPr for s in _style_chain(style)]
    levels += [s.element.rPr for s in _style_chain(paragraph.style)]
    levels.append(_defaults(document, "rPr"))
    return [level for level in levels if level is not None]


def _toggle(element: _Element | None) -> bool | None:
    if element is None:
        return None
    value = element.get(qn("w:val"))
    return value not in ("0", "false", "off")


def run_property(document: Document, paragraph: Paragraph, run: Run | None, name: str) -> Any:
    """Return the effective value of a run property: bold, italic, caps, size (EMU), color,
    or a font slot (ascii, hAnsi, cs, eastAsia). ``run`` None means the paragraph mark."""
    for r_pr in _run_property_levels(document, paragraph, run):
        value: Any
        if name in TOGGLES:
            value = _toggle(r_pr.find(qn(TOGGLES[name])))
        elif name == "size":
            element = r_pr.find(qn("w:sz"))
            value = None if element is None else int(element.get(qn("w:val"))) * 6350
        elif name == "color":
            element = r_pr.find(qn("w:color"))
            value = None if element is None else element.get(qn("w:val"))
        elif name in FONT_SLOTS:
            element = r_pr.find(qn("w:rFonts"))
            theme = None if element is None else element.get(qn(f"w:{name}Theme"))
            value = (
                f"theme:{theme}"
                if theme
                else (None if element is None else element.get(qn(f"w:{name}")))
            )
        else:
            raise ValueError(f"unknown run property {name!r}")
        if value is not None:
            return value
    return False if name in TOGGLES else None


PARAGRAPH_PROPERTIES = (
    "alignment", "first_line_indent", "left_indent", "right_indent",
    "space_before", "space_after", "line_spacing", "keep_with_next",
)  # fmt: skip


def paragraph_property(document: Document, paragraph: Paragraph, name: str) -> Any:
    """Return the effective value of a paragraph_format property (python-docx names)."""
    if name not in PARAGRAPH_PROPERTIES:
        raise ValueError(f"unknown paragraph property {name!r}")
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for style in _style_chain(paragraph.style):
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
    defaults: Any = _defaults(document, "pPr")  # a CT_PPr, not a paragraph holding one
    if defaults is not None and name in ("space_before", "space_after", "line_spacing"):
        if name == "line_spacing":
            line = defaults.spacing_line
            if line is not None and defaults.spacing_lineRule == WD_LINE_SPACING.MULTIPLE:
                return line / Pt(12)  # a multiple of single spacing, as python-docx gives it
            return line
        return defaults.spacing_before if name == "space_before" else defaults.spacing_after
    return None


def text_runs(paragraph: Paragraph) -> list[Run]:
    """Return the runs of ``paragraph`` that hold visible text."""
    return [run for run in paragraph.runs if run.text.strip()]
