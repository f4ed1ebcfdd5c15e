"""Header and signature lines too wide for their column, found before Word wraps them.

The agency's name, its parent's name and the signer's lines sit in fixed-width columns of
the header and closing tables. A line wider than its column wraps in Word and breaks the
N30 layout (and the line under the agency name), so docgen names it with a hint instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docgen.formatting import upper_vi
from docgen.rules import n30
from docgen.units import Length


@dataclass(frozen=True)
class Overflow:
    """One line wider than its column."""

    index: int
    """The line's position among the field's lines."""
    text: str
    width: Length
    column: Length

    def message(self) -> str:
        """Return the Vietnamese warning for this line."""
        width, column = (
            f"{length.cm:.1f}".replace(".", ",") for length in (self.width, self.column)
        )
        return (
            f"dòng “{self.text}” rộng {width} cm, quá cột {column} cm nên sẽ bị xuống dòng: "
            "hãy chia thành nhiều dòng (mỗi dòng một phần tử của danh sách)"
        )


def overflows(lines: Sequence[str], component: n30.Component, column: Length) -> list[Overflow]:
    """Return the lines of ``lines`` that, upper-cased when the component is, overflow."""
    found: list[Overflow] = []
    for index, line in enumerate(lines):
        text = upper_vi(line) if component.case is n30.Case.UPPER else line
        width = n30.text_width(text, component.size.default, bool(component.bold))
        if width > column:
            found.append(Overflow(index, text, width, column))
    return found
