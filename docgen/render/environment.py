"""The one Jinja environment templates are rendered with."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jinja2 import Environment, StrictUndefined, TemplateRuntimeError
from markupsafe import Markup

from docgen.formatting import forbidden_xml_chars
from docgen.inline import Rich
from docgen.render import ooxml
from docgen.rules import n30
from docgen.units import Length

if TYPE_CHECKING:
    from docgen.context import TableView  # type-only: rendering needs no models

RULE_LINES = {line.key: line for line in n30.RULE_LINES}
LANDSCAPE_TEXT_WIDTH = Length(n30.PAGE.height - n30.PAGE.left.default - n30.PAGE.right.default)


def _runs(rich: Rich) -> Markup:
    return Markup(ooxml.runs_xml(rich))


def _table(table: TableView) -> Markup:
    return Markup(ooxml.table_xml(table))


def _rule_line(lines: str | Iterable[str], key: str, landscape: bool = False) -> Markup:
    texts = [lines] if isinstance(lines, str) else list(lines)
    container = LANDSCAPE_TEXT_WIDTH if landscape else None
    return Markup(ooxml.rule_line_xml(RULE_LINES[key], texts, container))


def _section_end(landscape: bool) -> Markup:
    return Markup(ooxml.section_end_xml(bool(landscape)))


def _kinh_gui(lines: list[str]) -> Markup:
    return Markup(ooxml.kinh_gui_xml(list(lines)))


def _xml_text(value: object) -> object:
    """Return ``value``, a template's ``{{ value }}``, unchanged; raise TemplateRuntimeError
    when it is text holding a character XML forbids.

    The models refuse such characters in any text a user writes; this makes sure of it for
    every value, so that a template proved well-formed (:mod:`docgen.render.wellformed`)
    needs no parse of what it renders. docgen's filters return markup built from the
    models' text, and large: not scanned again.
    """
    if isinstance(value, str) and not isinstance(value, Markup) and not value.isprintable():
        forbidden = forbidden_xml_chars(value)
        if forbidden:
            raise TemplateRuntimeError(
                f"giá trị có ký tự XML không cho phép: {', '.join(forbidden)}"
            )
    return value


def make_environment() -> Environment:
    """Return a Jinja environment that escapes every value, fails on missing data and on
    a value holding a character XML forbids.

    Filters: ``runs`` (spans to runs, for ``{{r ...}}``), ``bang`` (a table, for ``{{p ...}}``),
    ``duong_ke(key[, landscape])`` (the N30 line under the given text, for ``{{p ...}}``),
    ``kinh_gui`` (the Kính gửi block, for ``{{p ...}}``), ``het_phan(landscape)`` (the end of
    an attachment's own section, for ``{{p ...}}``).
    """
    environment = Environment(
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=_xml_text,
    )
    environment.filters["runs"] = _runs
    environment.filters["bang"] = _table
    environment.filters["duong_ke"] = _rule_line
    environment.filters["kinh_gui"] = _kinh_gui
    environment.filters["het_phan"] = _section_end
    return environment
