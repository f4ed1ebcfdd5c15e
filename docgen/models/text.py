"""Text types shared by every model: normalized, XML-safe, never blank."""

from __future__ import annotations

import functools
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, field_validator

from docgen.formatting import forbidden_text_chars, nfc
from docgen.limits import excerpt

_SHOWN_CHARACTERS = 10


def _refuse_forbidden(value: str) -> str:
    """Return ``value`` unchanged; raise ValueError when it holds a character
    :func:`~docgen.formatting.forbidden_text_chars` reports."""
    bad = forbidden_text_chars(value)
    if bad:
        shown = ", ".join(bad[:_SHOWN_CHARACTERS]) + (", …" if len(bad) > _SHOWN_CHARACTERS else "")
        raise ValueError(
            "chứa ký tự điều khiển hoặc ký tự không hiển thị được, không được phép trong văn bản:"
            f" {shown}; hãy xóa các ký tự này"
        )
    return value


PrintableOnly = AfterValidator(_refuse_forbidden)
"""For text fields that are not :data:`Text` (abbreviations, numbers written by hand): the
same characters are refused."""


# A batch validates the same definition once per unit: the same texts, again and again.
@functools.lru_cache(maxsize=4096)
def _clean(value: str) -> str:
    """Return ``value`` in NFC with outer whitespace removed and line breaks as "\\n".

    Rejects the characters ``docgen check`` would report in the output
    (:func:`~docgen.formatting.forbidden_text_chars`); a carriage return (a spreadsheet cell
    from an old Mac, a quoted "\\r") is a line break, not such a character.
    """
    value = _refuse_forbidden(value.replace("\r\n", "\n").replace("\r", "\n"))
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
    if not re.match(r"VT\b", text):  # văn thư keeps the original first (Phụ lục I, Mục II.9)
        raise ValueError(
            f"nơi lưu phải bắt đầu bằng VT (văn thư), ví dụ: VT, TĐKT; nhận được “{text}”"
        )
    return text


ArchiveLine = Annotated[Text, AfterValidator(_archive_line)]
"""What follows "Lưu:" in Nơi nhận, e.g. "VT, TĐKT" (a leading "Lưu:" is accepted)."""

Lines = Annotated[list[Text], BeforeValidator(_one_or_many)]
"""One or more lines of text; a single string is accepted as one line."""


def _starting_with(openings: tuple[str, ...], hint: str) -> AfterValidator:
    """Return a validator requiring a line to open with one of ``openings`` (inline ``*``
    and ``**`` marks aside): the line is then read back as the component it is."""

    def check(value: str) -> str:
        if not value.lstrip("*").startswith(openings):
            wanted = " hoặc ".join(f"“{opening}”" for opening in openings)
            raise ValueError(f"phải bắt đầu bằng {wanted}{hint}; nhận được “{excerpt(value, 60)}”")
        return value

    return AfterValidator(check)


LegalBasis = Annotated[
    Text, _starting_with(("Căn cứ",), " (câu “Thực hiện ...” hay “Theo ...” đặt ở mo_dau)")
]
"""One line of the căn cứ block (Phụ lục I, Mục II.6.a): "Căn cứ ..."."""
LegalBases = Annotated[list[LegalBasis], BeforeValidator(_one_or_many)]
"""The căn cứ lines; a single string is accepted as one line."""
Proposal = Annotated[Text, _starting_with(("Theo đề nghị", "Xét đề nghị"), "")]
"""The proposal line closing a decision's căn cứ: "Theo đề nghị của ..."."""


EMPTY_OVERRIDE = (
    "không được để trống: ghi giá trị thay cho giá trị trong hồ sơ, hoặc bỏ hẳn dòng này để"
    " dùng giá trị trong hồ sơ"
)


class Override(BaseModel):
    """A reference to a profile or directory entry with fields that replace the entry's.

    A field written empty (``ho_ten:`` or ``ten: []``) is refused with one message at that
    field, rather than silently keeping the profile's value (or printing nothing).
    """

    @field_validator("*", mode="before")
    @classmethod
    def _not_empty(cls, value: object) -> object:
        # Called only for the fields written, never for the defaults of those left out.
        if value is None or value == []:
            raise ValueError(EMPTY_OVERRIDE)
        return value
