"""The fields every document kind shares; each kind's own model lives in :mod:`docgen.kinds`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from docgen.models.agency import Agency, AgencyPatch, Signer, SignerPatch
from docgen.models.blocks import Block
from docgen.models.numbers import Int
from docgen.models.recipients import Recipient
from docgen.models.text import ArchiveLine, LegalBases, Lines, Text

KEY = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
MIN_YEAR = 1945
"""The first year a document may bear (the Democratic Republic of Vietnam's)."""
MAX_YEAR = 2100
"""The last year a document may bear: a later one is a typing mistake."""


def _parse_date(value: Any) -> Any:
    # Staff write dates as 05/03/2024 as often as 2024-03-05; accept both, strictly.
    if isinstance(value, int | float) and not isinstance(value, bool):
        # pydantic would read a number as a Unix timestamp (a day in 1970): not a date.
        raise ValueError(f"ngày không hợp lệ: {value} (dùng dạng NN/TT/NNNN, ví dụ 05/03/2024)")
    if isinstance(value, str) and "/" in value:
        try:
            return datetime.strptime(value.strip(), "%d/%m/%Y").date()
        except ValueError:
            return value  # let pydantic report it as an invalid date
    return value


def _year_in_range(value: date) -> date:
    # The same years as `nam`: a date in year 1 or 9999 is a typing mistake too.
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(
            f"ngày không hợp lệ: {value:%d/%m}/{value.year}: năm phải từ {MIN_YEAR} đến {MAX_YEAR}"
        )
    return value


IssueDate = Annotated[date, BeforeValidator(_parse_date), AfterValidator(_year_in_range)]


class DocumentBase(BaseModel):
    """The fields of the N30 frame every kind has: header, title, căn cứ, signature, Nơi nhận."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    co_quan: KEY | AgencyPatch | Agency
    """An agency profile key, a key with overrides, or a whole agency written inline."""
    so: Int | None = Field(default=None, gt=0, le=99999)
    """Số văn bản; empty in a draft, assigned when signed."""
    ngay: IssueDate | None = None
    """Ngày ban hành; empty in a draft."""
    nam: Int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    """Năm, needed when ``ngay`` is empty (a draft)."""
    trich_yeu: Lines
    """Trích yếu, one item per printed line (a report's subject, then its period)."""
    kinh_gui: list[Recipient] = Field(default_factory=list)
    """Kính gửi (ô 9a): the bodies a report or a proposal is addressed to."""
    can_cu: LegalBases = Field(default_factory=list)
    nguoi_ky: KEY | SignerPatch | Signer
    noi_nhan: list[Recipient] = Field(default_factory=list)
    luu: ArchiveLine | None = None

    @model_validator(mode="after")
    def _year_known(self) -> DocumentBase:
        if self.ngay is None and self.nam is None:
            raise ValueError("cần 'ngay' hoặc 'nam': văn bản dự thảo vẫn ghi năm ban hành")
        return self

    @property
    def year(self) -> int:
        """Return the year of issue."""
        return self.ngay.year if self.ngay is not None else int(self.nam or 0)

    def body_blocks(self) -> list[tuple[tuple[str | int, ...], list[Block]]]:
        """Return the lists of body blocks with their field paths (none in the frame)."""
        return []


class TextDocument(DocumentBase):
    """A document whose body is free text in blocks (Kế hoạch, Báo cáo, ...): an opening,
    the blocks, and a closing sentence."""

    mo_dau: Lines = Field(default_factory=list)
    noi_dung: list[Block] = Field(min_length=1)
    ket_thuc: Text
    """The closing sentence; "./." is added when it does not already end so."""

    def body_blocks(self) -> list[tuple[tuple[str | int, ...], list[Block]]]:
        """Return ``noi_dung`` with its path."""
        return [(("noi_dung",), self.noi_dung)]
