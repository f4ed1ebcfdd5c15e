"""Award forms and their prize rates (muc-thuong.yaml), and the awardees of a decision.

Prize amounts are never typed into templates or code: each award form has a coefficient of
the base salary (lương cơ sở) for individuals and for collectives, as Nghị định 98/2023/NĐ-CP
sets them, and the base salary itself is data, so a new decree means editing one file.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from docgen.models.numbers import Int
from docgen.models.text import Lines, Text

STRICT = ConfigDict(extra="forbid", frozen=True)
Subject = Literal["ca_nhan", "tap_the"]
"""Who receives an award: an individual (cá nhân) or a collective (tập thể)."""
SUBJECT_NAMES: dict[Subject, str] = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể"}

Coefficient = Annotated[Decimal, Field(ge=0, le=1000, decimal_places=4)]


class Coefficients(BaseModel):
    """The prize of an award form as a multiple of the base salary, per kind of recipient."""

    model_config = STRICT

    ca_nhan: Coefficient | None = None
    tap_the: Coefficient | None = None

    @model_validator(mode="after")
    def _one_at_least(self) -> Coefficients:
        if self.ca_nhan is None and self.tap_the is None:
            raise ValueError("cần hệ số cho 'ca_nhan' hoặc 'tap_the' (hoặc cả hai)")
        return self


class AwardForm(BaseModel):
    """An award form (hình thức khen thưởng) or title (danh hiệu thi đua)."""

    model_config = STRICT

    ten: Text
    """The name printed in the list, e.g. "Giấy khen của Chủ tịch Ủy ban nhân dân huyện"."""
    ten_ngan: Text | None = None
    """A short name for the list's column, e.g. "Giấy khen" (default: ``ten``)."""
    ten_khac: Lines = Field(default_factory=list)
    """Other names staff write for it in spreadsheets (e.g. "Giấy khen")."""
    he_so: Coefficients
    can_cu: Text | None = None
    """Where the coefficients come from, e.g. "Điều 73 Nghị định 98/2023/NĐ-CP"."""


class RateTable(BaseModel):
    """The contents of muc-thuong.yaml: the base salary and the award forms by key."""

    model_config = STRICT

    luong_co_so: Int = Field(gt=0, le=1_000_000_000)
    """Mức lương cơ sở in đồng, e.g. 1800000 (Nghị định 24/2023/NĐ-CP)."""
    hinh_thuc: dict[str, AwardForm] = Field(min_length=1)

    def prize(self, form: AwardForm, subject: Subject) -> int | None:
        """Return the prize in đồng of ``form`` for ``subject``, rounded to the đồng, or None
        when the form is not given to that kind of recipient."""
        coefficient = getattr(form.he_so, subject)
        if coefficient is None:
            return None
        amount = Decimal(self.luong_co_so) * coefficient
        return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class Awardee(BaseModel):
    """One line of a decision's list, as validated from a spreadsheet row or YAML."""

    model_config = STRICT

    ten: Text
    """Họ và tên (an individual) or tên tập thể (a collective)."""
    chuc_vu_don_vi: Text | None = None
    hinh_thuc: Text
    doi_tuong: Subject | None = None
    so_tien: Int | None = Field(default=None, ge=0, le=999_999_999_999)
    ghi_chu: Text | None = None
