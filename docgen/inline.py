"""Inline emphasis in user text: ``**đậm**`` and ``*nghiêng*``, as in Markdown.

A backslash keeps a star literal (``\\*``); a star without a partner is kept as written, so
text that merely contains a star is never mangled.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_CHAR = r"(?:\\\*|\\(?!\*)|[^*\\])"  # an escaped star, a lone backslash, or any non-star
# As in Markdown, emphasis neither starts nor ends with a space: "5 * 3 * 2" stays as written.
MARKUP = re.compile(
    rf"\\\*|\*\*(?!\s)(?P<bold>{_CHAR}+?)(?<!\s)\*\*|\*(?!\s)(?P<italic>{_CHAR}+?)(?<!\s)\*"
)


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


Rich = tuple[Span, ...]
"""Text as a sequence of spans; what templates receive for every paragraph of user prose."""


@functools.lru_cache(maxsize=8192)  # a batch's documents share most of their text
def parse_inline(text: str, bold: bool = False, italic: bool = False) -> Rich:
    """Return the spans of ``text``, with ``bold``/``italic`` added to every span."""
    spans: list[Span] = []
    position = 0
    for match in MARKUP.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()], bold, italic))
        if match.group("bold") is not None:
            spans.append(Span(_unescape(match.group("bold")), True, italic))
        elif match.group("italic") is not None:
            spans.append(Span(_unescape(match.group("italic")), bold, True))
        else:
            spans.append(Span("*", bold, italic))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:], bold, italic))
    return _merge(spans)


def _unescape(text: str) -> str:
    return text.replace("\\*", "*")


def _merge(spans: list[Span]) -> Rich:
    """Return ``spans`` with neighbours of equal emphasis joined."""
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        elif span.text:
            merged.append(span)
    return tuple(merged)


def plain_text(rich: Rich) -> str:
    """Return the text of ``rich`` without emphasis."""
    return "".join(span.text for span in rich)
