"""Lengths in English Metric Units (EMU), Word's own unit, with conversions.

The same arithmetic as ``docx.shared`` (914,400 EMU to the inch, constructors truncate to a
whole EMU), without importing python-docx: the domain and the render path use these, so a
``docgen render`` does not pay for loading python-docx. A :class:`Length` is an ``int`` and
is accepted wherever python-docx expects a length.
"""

from __future__ import annotations

EMU_PER_INCH = 914400
EMU_PER_CM = 360000
EMU_PER_MM = 36000
EMU_PER_PT = 12700
EMU_PER_TWIP = 635


class Length(int):
    """A length as a whole number of EMU, with read-only conversions to other units."""

    @property
    def cm(self) -> float:
        """Return the length in centimetres."""
        return self / EMU_PER_CM

    @property
    def mm(self) -> float:
        """Return the length in millimetres."""
        return self / EMU_PER_MM

    @property
    def pt(self) -> float:
        """Return the length in points."""
        return self / EMU_PER_PT

    @property
    def inches(self) -> float:
        """Return the length in inches."""
        return self / EMU_PER_INCH

    @property
    def emu(self) -> int:
        """Return the length in EMU."""
        return int(self)

    @property
    def twips(self) -> int:
        """Return the length in twips (twentieths of a point), rounded to a whole twip."""
        return round(self / EMU_PER_TWIP)


class Cm(Length):
    """A length given in centimetres: ``Cm(1.27)``."""

    def __new__(cls, cm: float) -> Cm:
        return super().__new__(cls, int(cm * EMU_PER_CM))


class Mm(Length):
    """A length given in millimetres: ``Mm(20)``."""

    def __new__(cls, mm: float) -> Mm:
        return super().__new__(cls, int(mm * EMU_PER_MM))


class Pt(Length):
    """A length given in points: ``Pt(13)``."""

    def __new__(cls, points: float) -> Pt:
        return super().__new__(cls, int(points * EMU_PER_PT))


class Twips(Length):
    """A length given in twips: ``Twips(567)``."""

    def __new__(cls, twips: float) -> Twips:
        return super().__new__(cls, int(twips * EMU_PER_TWIP))
