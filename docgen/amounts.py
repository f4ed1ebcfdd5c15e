"""Money amounts in Vietnamese: in figures ("21.500.000") and in words.

Pure text helpers: no I/O, no docx. Every returned string is Unicode NFC.
"""

from __future__ import annotations

from docgen.formatting import format_number, nfc

__all__ = ["MAX_AMOUNT", "amount_in_words", "format_amount"]

MAX_AMOUNT = 999_999_999_999
"""The largest amount :func:`amount_in_words` reads: just under one nghìn tỷ."""

_UNITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")

# Group names from the highest group down; each group holds three digits.
_GROUP_NAMES = ("tỷ", "triệu", "nghìn", "")


def _check_int(value: int) -> None:
    # bool is an int subclass and a float would be read or formatted as a fraction; neither
    # is a money amount, and letting them through would print "Một đồng" or "1,5" silently.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"amount must be an int, got {type(value).__name__} {value!r}")


def format_amount(value: int) -> str:
    """Return `value` in figures the Vietnamese way, with dots between thousands: "21.500.000".

    Raise |TypeError| when `value` is not an ``int`` (a ``bool`` or ``float`` included).
    """
    _check_int(value)
    return format_number(value)


def _read_tens(tens: int, unit: int) -> list[str]:
    """Return the words of the two last digits of a group, ``tens`` and ``unit``, tens >= 1."""
    words = ["mười"] if tens == 1 else [_UNITS[tens], "mươi"]
    if unit == 0:
        return words
    if unit == 5:
        # "lăm" after any ten: "mười lăm", "hai mươi lăm" (but "linh năm" after a zero ten).
        words.append("lăm")
    elif unit == 1 and tens >= 2:
        # "mốt" only after "mươi"; "mười một" keeps "một".
        words.append("mốt")
    elif unit == 4 and tens >= 2:
        # "tư" only after "mươi"; "mười bốn" keeps "bốn".
        words.append("tư")
    else:
        words.append(_UNITS[unit])
    return words


def _read_group(group: int, *, full: bool) -> list[str]:
    """Return the words of a non-zero three-digit `group` (1-999).

    A `full` group (one that follows a higher group) reads all three digits: a zero hundreds
    digit as "không trăm" and a zero tens digit before a unit as "linh". The leading group
    reads only its significant digits ("mười lăm", not "không trăm mười lăm").
    """
    hundreds, rest = divmod(group, 100)
    tens, unit = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_UNITS[hundreds], "trăm"]
    if tens:
        words += _read_tens(tens, unit)
    elif unit:
        # A zero tens digit is only spoken ("linh") when a hundreds word precedes it.
        words += ["linh", _UNITS[unit]] if words else [_UNITS[unit]]
    return words


def amount_in_words(value: int) -> str:
    """Return `value` (0 to 999 999 999 999) in words ending in "đồng", first letter capital.

    E.g. 21_500_000 -> "Hai mươi mốt triệu năm trăm nghìn đồng", 0 -> "Không đồng".

    The reading is the northern standard used in official documents and accounting:

    - Units: không, một, hai, ba, bốn, năm, sáu, bảy, tám, chín.
    - Tens: "mười" for 10-19 ("mười một", "mười lăm"); "<digit> mươi" from 20 ("hai mươi").
    - After "mươi" a unit 1 reads "mốt" ("hai mươi mốt"); after "mười" it stays "một".
    - After any ten a unit 5 reads "lăm" ("mười lăm", "hai mươi lăm"); after "linh" it
      stays "năm" ("một trăm linh năm").
    - After "mươi" a unit 4 reads "tư" ("hai mươi tư"), the form chosen here over the
      equally common "bốn"; "mười bốn" and "linh bốn" keep "bốn".
    - A zero tens digit before a non-zero unit reads "linh" when a hundreds word precedes
      it ("một trăm linh một"); "lẻ" is the southern equivalent and is not used.
    - Three-digit groups are named "nghìn" (not the southern "ngàn"), "triệu", "tỷ".
    - The leading (highest non-zero) group reads only its significant digits ("mười lăm
      nghìn"). Every later non-zero group reads all three digits: a zero hundreds digit
      as "không trăm" and a zero tens digit as "linh" ("hai nghìn không trăm linh năm",
      "một nghìn không trăm hai mươi").
    - Entirely zero groups are omitted, together with their name: 1_000_000 -> "Một triệu
      đồng", 1_000_001_000 -> "Một tỷ không trăm linh một nghìn đồng", 5_000_005 -> "Năm
      triệu không trăm linh năm đồng". No commas separate the groups.

    Raise |ValueError| naming `value` and the range when `value` is negative or above
    :data:`MAX_AMOUNT`; raise |TypeError| when it is not an ``int``.
    """
    _check_int(value)
    if not 0 <= value <= MAX_AMOUNT:
        raise ValueError(f"amount in words needs a value from 0 to {MAX_AMOUNT:_}, got {value:_}")
    words: list[str] = []
    if value == 0:
        words.append(_UNITS[0])
    for position, name in enumerate(_GROUP_NAMES):
        group = value // 1000 ** (len(_GROUP_NAMES) - 1 - position) % 1000
        if group == 0:
            continue
        words += _read_group(group, full=bool(words))
        if name:
            words.append(name)
    words.append("đồng")
    text = " ".join(words)
    return nfc(text[0].upper() + text[1:])
