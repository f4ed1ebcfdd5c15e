"""Pure text helpers for the thể thức of Nghị định 30/2020/NĐ-CP.

Nothing here touches docx or lxml: every function takes and returns plain ``str`` (or
numbers), normalizes its text inputs to Unicode NFC and returns NFC text.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import re
import unicodedata

__all__ = [
    "DOC_TYPE_ABBREVIATIONS",
    "DRAFT_BLANK",
    "VIETNAMESE_LETTERS",
    "attachment_line",
    "date_line",
    "date_words",
    "forbidden_text_chars",
    "forbidden_xml_chars",
    "format_number",
    "format_percent",
    "ky_hieu",
    "legal_bases",
    "nfc",
    "noi_nhan_lines",
    "pad_number",
    "point_label",
    "roman",
    "so_line",
    "time_words",
    "type_abbreviation",
    "upper_vi",
]

DRAFT_BLANK = " " * 6
"""Blank left in a draft (not yet numbered or signed) for the number, day and month."""

VIETNAMESE_LETTERS = (
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
    "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
)  # fmt: skip
"""Letters labelling điểm (points) in order: the Vietnamese alphabet, without f, j, w, z."""

DOC_TYPE_ABBREVIATIONS: dict[str, str] = {
    "nghị quyết": "NQ",
    "quyết định": "QĐ",
    "chỉ thị": "CT",
    "quy chế": "QC",
    "quy định": "QyĐ",
    "thông cáo": "TC",
    "thông báo": "TB",
    "hướng dẫn": "HD",
    "chương trình": "CTr",
    "kế hoạch": "KH",
    "phương án": "PA",
    "đề án": "ĐA",
    "dự án": "DA",
    "báo cáo": "BC",
    "biên bản": "BB",
    "tờ trình": "TTr",
    "hợp đồng": "HĐ",
    "công điện": "CĐ",
    "bản ghi nhớ": "BGN",
    "bản thỏa thuận": "BTT",
    "giấy ủy quyền": "GUQ",
    "giấy mời": "GM",
    "giấy giới thiệu": "GGT",
    "giấy nghỉ phép": "GNP",
    "phiếu gửi": "PG",
    "phiếu chuyển": "PC",
    "phiếu báo": "PB",
    "bản sao y": "SY",
    "bản trích sao": "TrS",
    "bản sao lục": "SL",
}
"""Phụ lục III of N30: document type name (lower case, NFC) to its abbreviation.

Công văn and thư công have no abbreviation and are absent.
"""

ROMAN = "[IVXLCDM]+"
"""A Roman numeral as :func:`roman` writes it (a regular expression): the renderer numbers
mục and phần with these, and validation and ``docgen check`` read them back with this."""

PART_NUMBER = rf"{ROMAN}|thứ(?:\s+\w+){{1,2}}"
"""What follows "Phần" on a phần line (a regular expression, case aside): "II", "THỨ NHẤT",
"thứ mười một". Validation accepts a phần's label and ``docgen check`` finds phần by it."""

_ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)

# Old-style tone placement ("hoà", "thoả", "uỷ") puts the tone on the second vowel of a
# word-final oa/oe/uy; the new style ("hòa", "thỏa", "ủy") puts it on the first. Matched in
# NFD text, where the tone is a combining mark following its vowel; "qu" is a consonant, so
# "quý" is left alone.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE_TONE = re.compile(rf"(?<!q)(oa|oe|uy)([{_TONE_MARKS}])(?!\w)")

_NOI_NHAN_LEADING = re.compile(r"^[\s\-–+•]+")
_NOI_NHAN_TRAILING = re.compile(r"[\s;,.]+$")
# Characters XML 1.0 forbids: the complement of #x9 | #xA | #xD | [#x20-#xD7FF] |
# [#xE000-#xFFFD] | [#x10000-#x10FFFF] (lone surrogates included).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters XML 1.0 forbids. (Written as the forbidden set, not as the complement of
the allowed one, which takes Python's regex compiler 10 ms at every start.)"""
_LUU_PREFIX = re.compile(r"^[\s\-–+•]*lưu\s*:\s*", re.IGNORECASE)


def nfc(text: str) -> str:
    """Return `text` in Unicode normalization form NFC."""
    return unicodedata.normalize("NFC", text)


def forbidden_xml_chars(text: str) -> list[str]:
    """Return the distinct characters of `text` that XML 1.0 forbids, as ``"U+0007"`` strings.

    They are listed in order of first appearance; an empty list means `text` can be written
    to XML as is.
    """
    if not XML_FORBIDDEN.search(text):  # the common case, at C speed
        return []
    found: dict[str, None] = {}
    for char in text:
        if not _xml_allowed(ord(char)):
            found.setdefault(f"U+{ord(char):04X}")
    return list(found)


_TEXT_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})
"""Unicode categories no document text may hold: controls, private use, unassigned code
points and non-characters (U+FFFE, U+10FFFF...), lone surrogates."""
_TEXT_CONTROLS_ALLOWED = frozenset("\t\n")
# str.isprintable() is false for every forbidden category (and for a few allowed ones: other
# spaces, format characters), so text it accepts needs no closer look.
_SPACED = str.maketrans("\t\n", "  ")


def forbidden_text_chars(text: str) -> list[str]:
    """Return the distinct characters of `text` no document may hold, as ``"U+0085"`` strings.

    The same set ``docgen check`` reports as TEXT_CHARS (besides what XML forbids): control
    characters other than tab and line break (U+007F, U+0085...), private-use characters
    (U+E000, U+10FFFD...), unassigned code points and non-characters (U+FFFE...), lone
    surrogates. Listed in order of first appearance; an empty list means `text` is fine.
    """
    # The common cases, at C speed: one line of text, or text with tabs and line breaks.
    if text.isprintable() or text.translate(_SPACED).isprintable():
        return []
    found: dict[str, None] = {}
    for char in text:
        if (
            unicodedata.category(char) in _TEXT_FORBIDDEN_CATEGORIES
            and char not in _TEXT_CONTROLS_ALLOWED
        ):
            found.setdefault(f"U+{ord(char):04X}")
    return list(found)


def _xml_allowed(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def upper_vi(text: str) -> str:
    """Return `text` upper-cased the Vietnamese way ("đ" to "Đ", "ỷ" to "Ỷ"), in NFC."""
    return nfc(nfc(text).upper())


@functools.lru_cache(maxsize=256)  # every document numbers its mục I, II, III...
def roman(n: int) -> str:
    """Return `n` as an upper-case Roman numeral.

    Raise |ValueError| unless 1 <= `n` <= 3999.
    """
    if not 1 <= n <= 3999:
        raise ValueError(f"roman numerals need 1-3999, got {n}")
    parts: list[str] = []
    for value, numeral in _ROMAN_VALUES:
        count, n = divmod(n, value)
        parts.append(numeral * count)
    return "".join(parts)


def point_label(index: int) -> str:
    """Return the label of the điểm at 1-based `index`: "a)", "b)", ..., "đ)", ..., "y)".

    Raise |ValueError| when `index` falls outside the 23 letters of :data:`VIETNAMESE_LETTERS`.
    """
    if not 1 <= index <= len(VIETNAMESE_LETTERS):
        raise ValueError(f"point labels need 1-{len(VIETNAMESE_LETTERS)}, got {index}")
    return f"{VIETNAMESE_LETTERS[index - 1]})"


def pad_number(n: int) -> str:
    """Return `n` padded to two digits: "01" to "09", then "10", "11", ..., "123".

    Raise |ValueError| when `n` is less than 1.
    """
    if n < 1:
        raise ValueError(f"numbers start at 1, got {n}")
    return f"{n:02d}"


def date_line(place: str, day: datetime.date | None, year: int) -> str:
    """Return the N30 place and date line, e.g. "Đắk Hà, ngày 05 tháng 3 năm 2024".

    Days below 10 and the months 1 and 2 are padded to two digits; other months are not.
    When `day` is |None| (a draft not yet signed) return the draft form with
    :data:`DRAFT_BLANK` for day and month: "Đắk Hà, ngày      tháng      năm 2024".

    Raise |ValueError| when `day` is given and is not in `year`.
    """
    return f"{nfc(place)}, {date_words(day, year)}"


def date_words(day: datetime.date | None, year: int) -> str:
    """Return a date the N30 way, "ngày 05 tháng 3 năm 2024", or its draft form with blanks.

    Raise |ValueError| when `day` is given and is not in `year`.
    """
    if day is None:
        return f"ngày{DRAFT_BLANK}tháng{DRAFT_BLANK}năm {year}"
    if day.year != year:
        raise ValueError(f"date {day.isoformat()} is not in year {year}")
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {year}"


def time_words(moment: datetime.datetime) -> str:
    """Return a time and date the N30 way, "08 giờ 00 phút, ngày 15 tháng 01 năm 2025".

    Hours and minutes are padded to two digits like the day; the date part follows
    :func:`date_words` (months 1 and 2 padded, others not). Seconds are not shown.
    """
    clock = f"{moment.hour:02d} giờ {moment.minute:02d} phút"
    return f"{clock}, {date_words(moment.date(), moment.year)}"


def attachment_line(
    type_name: str,
    number: int | None,
    symbol: str,
    day: datetime.date | None,
    year: int,
    issuer: str,
) -> str:
    """Return the reference line of an attachment (Phụ lục I, Mục III.1), e.g.
    "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 01 năm 2024 của Chủ tịch ...)".

    A draft (`number` or `day` |None|) keeps blanks where they will be filled in.
    """
    so = f" {pad_number(number)}/{symbol}" if number is not None else f"{DRAFT_BLANK}/{symbol}"
    return nfc(f"(Kèm theo {type_name} số{so} {date_words(day, year)} của {issuer})")


def legal_bases(lines: list[str], proposal: str | None) -> list[str]:
    """Return the căn cứ lines punctuated as N30 wants (Phụ lục I, Mục II.6.a): each line
    ends ";"; the proposal ("Theo đề nghị của ...") ends "."; without one the last căn cứ
    does. Punctuation the user typed at the ends is replaced."""
    texts = [
        _NOI_NHAN_TRAILING.sub("", nfc(line))
        for line in [*lines, *([proposal] if proposal else [])]
    ]
    return [text + ("." if index == len(texts) - 1 else ";") for index, text in enumerate(texts)]


def _lookup_key(type_name: str) -> str:
    text = unicodedata.normalize("NFD", " ".join(type_name.split()).lower())
    return nfc(_OLD_STYLE_TONE.sub(lambda m: m[1][0] + m[2] + m[1][1], text))


def type_abbreviation(type_name: str) -> str:
    """Return the Phụ lục III abbreviation of the document type `type_name`, e.g. "KH".

    The lookup ignores case and surplus whitespace and accepts old-style tone placement
    ("giấy uỷ quyền", "bản thoả thuận"). Raise |ValueError| naming `type_name` when the
    type has no abbreviation (công văn, thư công) or is unknown.
    """
    try:
        return DOC_TYPE_ABBREVIATIONS[_lookup_key(type_name)]
    except KeyError as exc:
        raise ValueError(f"no abbreviation for document type {nfc(type_name)!r}") from exc


def _check_symbol_part(what: str, part: str) -> str:
    part = nfc(part)
    if not part:
        raise ValueError(f"{what} is empty")
    if "/" in part or any(char.isspace() for char in part):
        raise ValueError(f"{what} {part!r} must not contain whitespace or '/'")
    return part


def ky_hieu(type_abbr: str | None, issuer: str, unit: str | None = None) -> str:
    """Return the ký hiệu of a document: "KH-UBND" (type-issuer), or "UBND-VX" for công văn.

    A công văn (`type_abbr` |None|) is marked by the `issuer` and the drafting `unit`, which
    is then required; a typed document takes no `unit`. Raise |ValueError| when a part is
    empty or contains whitespace or "/", or when `unit` is missing or not applicable.
    """
    issuer = _check_symbol_part("issuer", issuer)
    if type_abbr is None:
        if unit is None:
            raise ValueError("unit is required for công văn")
        return f"{issuer}-{_check_symbol_part('unit', unit)}"
    if unit is not None:
        raise ValueError("unit applies only to công văn (type_abbr None)")
    return f"{_check_symbol_part('type_abbr', type_abbr)}-{issuer}"


def so_line(number: int | None, symbol: str) -> str:
    """Return the "Số" line, e.g. "Số: 05/KH-UBND".

    When `number` is |None| (a draft not yet numbered) return "Số:" followed by
    :data:`DRAFT_BLANK`, e.g. "Số:      /KH-UBND". Raise |ValueError| when `number` is less
    than 1 or `symbol` is empty or contains whitespace or "/".
    """
    symbol = _check_symbol_part("symbol", symbol)
    if number is None:
        return f"Số:{DRAFT_BLANK}/{symbol}"
    return f"Số: {pad_number(number)}/{symbol}"


def noi_nhan_lines(items: list[str], luu: str) -> list[str]:
    """Return the Nơi nhận lines: "- <item>;" for each of `items`, then "- Lưu: <luu>.".

    Leading "-", "–", "+" or "•" and trailing ";", "," or "." (with surrounding spaces) are
    stripped from each item before N30 punctuation is added; a leading "Lưu:" and a trailing
    "." are stripped from `luu`. Raise |ValueError| when an item or `luu` is left empty.
    """
    lines: list[str] = []
    for position, item in enumerate(items, start=1):
        text = _NOI_NHAN_TRAILING.sub("", _NOI_NHAN_LEADING.sub("", nfc(item)))
        if not text:
            raise ValueError(f"Nơi nhận item {position} is empty")
        lines.append(f"- {text};")
    storage = _NOI_NHAN_TRAILING.sub("", _LUU_PREFIX.sub("", nfc(luu).strip()))
    if not storage:
        raise ValueError("Lưu is empty")
    lines.append(f"- Lưu: {storage}.")
    return lines


@functools.lru_cache(maxsize=4096, typed=True)  # typed: 1, 1.0 and True print apart
def format_number(value: int | float | decimal.Decimal) -> str:
    """Return `value` formatted the Vietnamese way: "1.234.567", "1.234,5"."""
    if isinstance(value, int) and not isinstance(value, bool):
        # What Babel writes for vi_VN (groups of three, "." between them), 20 times faster:
        # a batch formats every figure of every unit.
        return f"{value:,}".replace(",", ".")
    # Cached: Babel looks the locale's pattern up on every call, and figures repeat.
    return nfc(_babel_decimal(value))


def _babel_decimal(value: int | float | decimal.Decimal, pattern: str | None = None) -> str:
    """Return ``value`` as Babel writes it for vi_VN, with ``pattern`` when given."""
    # Imported here: most documents have whole numbers only, and a cold render should not
    # pay for loading Babel's locale machinery it does not use.
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale="vi_VN")


@functools.lru_cache(maxsize=1024)
def format_percent(value: float) -> str:
    """Return a percentage with one decimal the Vietnamese way: 12.5 -> "12,5%"."""
    return nfc(_babel_decimal(value, "#,##0.0")) + "%"
