"""Agency profiles and signers: the facts an agency repeats in every document.

Values are kept as written; the header and signature upper-case them when the context is
built, so a profile field overridden in a document is printed the same way, and a kind can
still quote a title in sentence case inside its text.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from docgen.models.text import ArchiveLine, Lines, Override, PrintableOnly, Text

STRICT = ConfigDict(extra="forbid", frozen=True)
KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class Signer(BaseModel):
    """A signer: authority lines (TM., KT., ...), position and name (Phụ lục I, Mục II.7)."""

    model_config = STRICT

    tham_quyen: Lines = Field(default_factory=list)
    """Lines above the position, e.g. ["TM. ỦY BAN NHÂN DÂN"] or ["KT. CHỦ TỊCH"]."""
    chuc_vu: Lines
    """The position, e.g. "CHỦ TỊCH"; a list when it must be printed on several lines."""
    ho_ten: Text


class SignerPatch(Override):
    """A document's reference to a profile signer by key, with fields it overrides."""

    model_config = STRICT

    ma: str = Field(pattern=KEY_PATTERN)
    tham_quyen: Lines | None = None
    chuc_vu: Lines | None = None
    ho_ten: Text | None = None


class Agency(BaseModel):
    """An issuing agency (cơ quan ban hành), as the header and the ký hiệu need it."""

    model_config = STRICT

    chu_quan: Lines = Field(default_factory=list)
    """Cơ quan chủ quản trực tiếp, one item per printed line; empty when there is none."""
    ten: Lines
    """Tên cơ quan ban hành, one item per printed line (e.g. ỦY BAN NHÂN DÂN / HUYỆN ĐẮK HÀ)."""
    viet_tat: Annotated[str, PrintableOnly] = Field(pattern=r"^[^\s/-]+$")
    """The agency's abbreviation in the ký hiệu, e.g. UBND."""
    dia_danh: Text
    """Place name of the date line, e.g. Đắk Hà."""
    luu: ArchiveLine = "VT"
    """Default text after "Lưu:" in Nơi nhận, e.g. "VT, TĐKT"."""
    nguoi_ky: dict[str, Signer] = Field(default_factory=dict)
    """Signers by key, referred to from documents."""
    ten_day_du: Text | None = None
    """The full name in sentence case, as text quotes it: "Ủy ban nhân dân huyện Đắk Hà"."""
    thu_truong: Text | None = None
    """The head's title, for decisions in the head's own power: "Chủ tịch"."""
    tap_the: Text | None = None
    """The collective's name after "TM.", for decisions in its power: "Ủy ban nhân dân"."""


class AgencyPatch(Override):
    """A document's reference to an agency profile by key, with fields it overrides."""

    model_config = STRICT

    ma: str = Field(pattern=KEY_PATTERN)
    chu_quan: Lines | None = None
    ten: Lines | None = None
    viet_tat: Annotated[str, PrintableOnly] | None = Field(default=None, pattern=r"^[^\s/-]+$")
    dia_danh: Text | None = None
    luu: Text | None = None
    ten_day_du: Text | None = None
    thu_truong: Text | None = None
    tap_the: Text | None = None


class AgencyDirectory(BaseModel):
    """The contents of co-quan.yaml: agency profiles by key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    profiles: dict[str, Agency]
