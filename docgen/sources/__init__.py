"""Lists kept by staff outside docgen (spreadsheets, CSV, YAML), read into located rows.

:func:`read_table` turns one table of a ``.xlsx``, ``.csv`` or ``.yaml`` file into
:class:`TableRow` values, each with a :class:`~docgen.loading.SourceMap` so that later
validation can point at the row and column (``ds.xlsx:Sheet1:12:C``) staff have to fix.
"""

from __future__ import annotations

from docgen.sources.table import (
    HEADER_SEARCH_ROWS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    SUPPORTED_SUFFIXES,
    Column,
    TableRow,
    normalize_name,
    read_table,
)

__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "SUPPORTED_SUFFIXES",
    "Column",
    "TableRow",
    "normalize_name",
    "read_table",
]
