"""The limits of docgen's input contract, in one place (documented in docs/du-lieu.md).

Each limit is far above what a real document needs and low enough that the largest input
allowed is rendered in seconds and within a few hundred megabytes; each is enforced while
the input is read, before anything is expanded, validated or rendered.
"""

from __future__ import annotations

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Largest YAML file read (a long plan is some 50 kB)."""
MAX_VALUES = 1_000_000
"""Most values (mappings, lists and scalars) a YAML file may hold, aliases expanded."""
MAX_ALIAS_VALUES = 100_000
"""Most values aliases (``*name``) and merges (``<<``) may repeat in one YAML file.

Aliases repeat small parts (a signer, a list of recipients); nested anchors repeating one
another multiply, and a 700-byte file would otherwise stand for billions of values."""
MAX_FIELD_CHARS = 100_000
"""Longest single value (a YAML scalar or a spreadsheet cell), in characters."""
MAX_ITEMS = 100_000
"""Most items of one YAML list, or keys of one mapping."""
MAX_DEPTH = 50
"""Deepest nesting of YAML lists and mappings (a document is nested about 10 levels)."""
MAX_COLUMNS = 16_384
"""Most cells in one row of a CSV file: as many columns as Excel has (an .xlsx cannot have
more)."""

SHOWN_CHARS = 80
"""Longest excerpt of a user's value quoted in a message."""


def number(value: int) -> str:
    """Return ``value`` written the Vietnamese way, with dots between thousands: 100.000."""
    return f"{value:,}".replace(",", ".")


def excerpt(text: str, limit: int = SHOWN_CHARS) -> str:
    """Return ``text`` cut to at most ``limit`` characters, ending in "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
