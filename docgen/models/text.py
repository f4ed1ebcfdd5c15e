"""Text types shared by every model: normalized, XML-safe, never blank."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

from docgen.formatting import forbidden_xml_chars, nfc


def _clean(value: str) -> str:
    """Return ``value`` in NFC with outer whitespace removed; reject what XML cannot hold."""
    bad = forbidden_xml_chars(value)
    if bad:
        raise ValueError(f"chứa ký tự điều khiển không được phép trong văn bản: {', '.join(bad)}")
    text = nfc(value).strip()
    if not text:
        raise ValueError("không được để trống")
    return text


def _scalar_to_str(value: object) -> object:
    # YAML reads `ten: 2024` or `chuc_vu: 1` as numbers; in a text field the user meant text.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_scalar_to_str), AfterValidator(_clean)]
"""A non-blank line of user text, NFC-normalized, free of XML-forbidden characters."""


def _one_or_many(value: object) -> object:
    return (
        [value] if isinstance(value, str | int | float) and not isinstance(value, bool) else value
    )


def _archive_line(value: str) -> str:
    text = value.strip().rstrip(".").strip()
    if text.lower().startswith("lưu:"):
        text = text[4:].strip()
    if not text:
        raise ValueError("cần ghi nơi lưu sau 'Lưu:', ví dụ: VT, TĐKT")
    return text


ArchiveLine = Annotated[Text, AfterValidator(_archive_line)]
"""What follows "Lưu:" in Nơi nhận, e.g. "VT, TĐKT" (a leading "Lưu:" is accepted)."""

Lines = Annotated[list[Text], BeforeValidator(_one_or_many)]
"""One or more lines of text; a single string is accepted as one line."""
