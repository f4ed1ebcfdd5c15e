"""Number types that take numbers only: YAML's ``true``/``false`` are not 1 and 0.

pydantic (in its default, lax mode) accepts a boolean where an integer or a float is
expected, so ``so: true`` printed "Số: 01". These types refuse booleans with the same
error pydantic gives for any other value that is not a number (translated by
:mod:`docgen.validation`), and otherwise validate exactly as ``int`` and ``float`` do.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError


def _not_bool(kind: str, wording: str) -> BeforeValidator:
    def check(value: object) -> object:
        if isinstance(value, bool):
            raise PydanticCustomError(kind, wording)
        return value

    return BeforeValidator(check)


Int = Annotated[int, _not_bool("int_type", "Input should be a valid integer")]
"""An integer; a boolean is refused."""
Float = Annotated[float, _not_bool("float_type", "Input should be a valid number")]
"""A number; a boolean is refused."""
