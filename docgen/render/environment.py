"""The one Jinja environment templates are rendered with."""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from docgen.context import TableView
from docgen.inline import Rich
from docgen.render import ooxml
from docgen.rules import n30

RULE_LINES = {line.key: line for line in n30.RULE_LINES}


def _runs(rich: Rich) -> Markup:
    return Markup(ooxml.runs_xml(rich))


def _table(table: TableView) -> Markup:
    return Markup(ooxml.table_xml(table))


def _rule_line(lines: str | Iterable[str], key: str) -> Markup:
    texts = [lines] if isinstance(lines, str) else list(lines)
    return Markup(ooxml.rule_line_xml(RULE_LINES[key], texts))


def _kinh_gui(lines: list[str]) -> Markup:
    return Markup(ooxml.kinh_gui_xml(list(lines)))


def make_environment() -> Environment:
    """Return a Jinja environment that escapes every value and fails on missing data.

    Filters: ``runs`` (spans to runs, for ``{{r ...}}``), ``bang`` (a table, for ``{{p ...}}``),
    ``duong_ke(key)`` (the N30 line under the given text, for ``{{p ...}}``), ``kinh_gui``
    (the Kính gửi block, for ``{{p ...}}``).
    """
    environment = Environment(
        autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
    )
    environment.filters["runs"] = _runs
    environment.filters["bang"] = _table
    environment.filters["duong_ke"] = _rule_line
    environment.filters["kinh_gui"] = _kinh_gui
    return environment
