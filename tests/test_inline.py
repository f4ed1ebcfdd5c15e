"""Inline emphasis markup in user text."""

from __future__ import annotations

from docgen.inline import Span, parse_inline, plain_text


def test_bold_and_italic_spans() -> None:
    assert parse_inline("a **b** *c* d") == (
        Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True), Span(" d"),
    )  # fmt: skip


def test_lone_and_escaped_stars_stay_literal() -> None:
    assert plain_text(parse_inline(r"5 * 3 và \*ghi chú")) == "5 * 3 và *ghi chú"


def test_base_emphasis_applies_to_every_span() -> None:
    assert parse_inline("x *y*", bold=True) == (Span("x ", True), Span("y", True, True))


def test_markup_characters_are_only_text() -> None:
    assert plain_text(parse_inline("<w:p> & {{ x }}")) == "<w:p> & {{ x }}"
