"""Tests for docgen.formatting."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest

from docgen.formatting import (
    DOC_TYPE_ABBREVIATIONS,
    DRAFT_BLANK,
    VIETNAMESE_LETTERS,
    date_line,
    forbidden_xml_chars,
    format_number,
    ky_hieu,
    nfc,
    noi_nhan_lines,
    pad_number,
    point_label,
    roman,
    so_line,
    time_words,
    type_abbreviation,
    upper_vi,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


# -- nfc -------------------------------------------------------------------------------


def test_nfc_composes_nfd_input() -> None:
    text = "Ủy ban nhân dân huyện Đắk Hà"
    assert nfd(text) != text
    assert nfc(nfd(text)) == text
    assert is_nfc(nfc(nfd(text)))


def test_nfc_leaves_nfc_and_ascii_alone() -> None:
    assert nfc("Kế hoạch") == "Kế hoạch"
    assert nfc("") == ""
    assert nfc("UBND-VX") == "UBND-VX"


# -- forbidden_xml_chars ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\x07b", ["U+0007"]),
        ("trang\x0cmới", ["U+000C"]),
        ("x\ufffey", ["U+FFFE"]),
        ("\uffff", ["U+FFFF"]),
        ("\x00", ["U+0000"]),
        ("\x1f", ["U+001F"]),
        ("\ud800", ["U+D800"]),
        ("\x0c\x07\x0c\ufffe\x07", ["U+000C", "U+0007", "U+FFFE"]),
    ],
)
def test_forbidden_xml_chars_found_distinct_in_order(text: str, expected: list[str]) -> None:
    assert forbidden_xml_chars(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a\tb",
        "dòng 1\ndòng 2\r\n",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        nfd("Độc lập - Tự do - Hạnh phúc"),
        "\ud7ff\ue000\ufffd\U00010000\U0010ffff",
        " ",
    ],
)
def test_forbidden_xml_chars_allows_valid_text(text: str) -> None:
    assert forbidden_xml_chars(text) == []


# -- upper_vi --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đ", "Đ"),
        ("ỷ", "Ỷ"),
        ("kế hoạch", "KẾ HOẠCH"),
        ("ủy ban nhân dân tỉnh kon tum", "ỦY BAN NHÂN DÂN TỈNH KON TUM"),
        ("độc lập - tự do - hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
        ("ĐÃ HOA", "ĐÃ HOA"),
        ("", ""),
    ],
)
def test_upper_vi(text: str, expected: str) -> None:
    assert upper_vi(text) == expected


@pytest.mark.parametrize("text", ["đ", "ỷ", "quyết định", "ủy ban nhân dân", "hướng dẫn"])
def test_upper_vi_nfd_input_gives_nfc(text: str) -> None:
    result = upper_vi(nfd(text))
    assert result == upper_vi(text)
    assert is_nfc(result)


# -- roman -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "I"),
        (2, "II"),
        (3, "III"),
        (4, "IV"),
        (5, "V"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (90, "XC"),
        (400, "CD"),
        (1994, "MCMXCIV"),
        (2024, "MMXXIV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_roman(n: int, expected: str) -> None:
    assert roman(n) == expected


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_roman_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match=rf"^roman numerals need 1-3999, got {n}$"):
        roman(n)


# -- point_label -----------------------------------------------------------------------


def test_vietnamese_letters() -> None:
    assert len(VIETNAMESE_LETTERS) == 23
    assert VIETNAMESE_LETTERS[4] == "đ"
    assert not {"f", "j", "w", "z"} & set(VIETNAMESE_LETTERS)


@pytest.mark.parametrize(
    ("index", "expected"),
    [(1, "a)"), (2, "b)"), (3, "c)"), (4, "d)"), (5, "đ)"), (6, "e)"), (7, "g)"), (23, "y)")],
)
def test_point_label(index: int, expected: str) -> None:
    assert point_label(index) == expected


def test_point_label_is_nfc() -> None:
    assert point_label(5) == "\u0111)"


@pytest.mark.parametrize("index", [0, -1, 24])
def test_point_label_out_of_range(index: int) -> None:
    with pytest.raises(ValueError, match=rf"^point labels need 1-23, got {index}$"):
        point_label(index)


# -- pad_number ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (11, "11"), (99, "99"), (123, "123")],
)
def test_pad_number(n: int, expected: str) -> None:
    assert pad_number(n) == expected


@pytest.mark.parametrize("n", [0, -5])
def test_pad_number_below_one(n: int) -> None:
    with pytest.raises(ValueError, match=str(n)):
        pad_number(n)


# -- date_line -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "day", "expected"),
    [
        ("Đắk Hà", date(2024, 3, 5), "Đắk Hà, ngày 05 tháng 3 năm 2024"),
        ("Hà Nội", date(2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),
        ("Hà Nội", date(2020, 2, 29), "Hà Nội, ngày 29 tháng 02 năm 2020"),
        ("Hà Nội", date(2020, 3, 9), "Hà Nội, ngày 09 tháng 3 năm 2020"),
        ("Hà Nội", date(2020, 3, 10), "Hà Nội, ngày 10 tháng 3 năm 2020"),
        ("Kon Tum", date(2023, 10, 1), "Kon Tum, ngày 01 tháng 10 năm 2023"),
        ("Kon Tum", date(2023, 12, 31), "Kon Tum, ngày 31 tháng 12 năm 2023"),
    ],
)
def test_date_line(place: str, day: date, expected: str) -> None:
    assert date_line(place, day, day.year) == expected


def test_date_line_draft() -> None:
    assert DRAFT_BLANK == "      "
    assert date_line("Đắk Hà", None, 2024) == "Đắk Hà, ngày      tháng      năm 2024"


def test_date_line_nfd_place_gives_nfc() -> None:
    result = date_line(nfd("Đắk Hà"), date(2024, 3, 5), 2024)
    assert result == "Đắk Hà, ngày 05 tháng 3 năm 2024"
    assert is_nfc(result)
    assert date_line(nfd("Đắk Hà"), None, 2024) == "Đắk Hà, ngày      tháng      năm 2024"


def test_date_line_year_mismatch() -> None:
    with pytest.raises(ValueError, match="2025"):
        date_line("Hà Nội", date(2024, 12, 31), 2025)


# -- type_abbreviation -----------------------------------------------------------------

EXPECTED_ABBREVIATIONS = {
    "nghị quyết": "NQ",
    "quyết định": "Q\u0110",
    "chỉ thị": "CT",
    "quy chế": "QC",
    "quy định": "Qy\u0110",
    "thông cáo": "TC",
    "thông báo": "TB",
    "hướng dẫn": "HD",
    "chương trình": "CTr",
    "kế hoạch": "KH",
    "phương án": "PA",
    "đề án": "\u0110A",
    "dự án": "DA",
    "báo cáo": "BC",
    "biên bản": "BB",
    "tờ trình": "TTr",
    "hợp đồng": "H\u0110",
    "công điện": "C\u0110",
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


def test_abbreviation_table_is_complete_and_exact() -> None:
    assert DOC_TYPE_ABBREVIATIONS == EXPECTED_ABBREVIATIONS
    assert len(DOC_TYPE_ABBREVIATIONS) == 30
    for name, abbr in DOC_TYPE_ABBREVIATIONS.items():
        assert is_nfc(name)
        assert name == name.lower()
        assert is_nfc(abbr)


@pytest.mark.parametrize(("type_name", "expected"), list(EXPECTED_ABBREVIATIONS.items()))
def test_type_abbreviation(type_name: str, expected: str) -> None:
    assert type_abbreviation(type_name) == expected
    assert type_abbreviation(type_name.upper()) == expected
    assert type_abbreviation(type_name.capitalize()) == expected
    assert type_abbreviation(nfd(type_name)) == expected


@pytest.mark.parametrize(
    ("type_name", "expected"),
    [
        ("giấy uỷ quyền", "GUQ"),
        ("bản thoả thuận", "BTT"),
        ("Giấy Uỷ Quyền", "GUQ"),
        ("BẢN THOẢ THUẬN", "BTT"),
        (nfd("giấy uỷ quyền"), "GUQ"),
        ("  Kế   hoạch ", "KH"),
    ],
)
def test_type_abbreviation_variants(type_name: str, expected: str) -> None:
    assert type_abbreviation(type_name) == expected


def test_type_abbreviation_mixed_case_values() -> None:
    assert type_abbreviation("Quy định") == "QyĐ"
    assert type_abbreviation("Chương trình") == "CTr"
    assert type_abbreviation("Tờ trình") == "TTr"
    assert type_abbreviation("Bản trích sao") == "TrS"
    assert type_abbreviation("Quyết định")[-1] == "\u0110"


@pytest.mark.parametrize("type_name", ["công văn", "thư công", "thông tư", ""])
def test_type_abbreviation_unknown(type_name: str) -> None:
    with pytest.raises(ValueError, match="no abbreviation") as info:
        type_abbreviation(type_name)
    assert repr(type_name) in str(info.value)
    assert isinstance(info.value.__cause__, KeyError)


# -- ky_hieu ---------------------------------------------------------------------------


def test_ky_hieu_typed() -> None:
    assert ky_hieu("KH", "UBND") == "KH-UBND"
    assert ky_hieu("QĐ", "UBND") == "QĐ-UBND"
    assert ky_hieu(nfd("QyĐ"), "SNV") == "QyĐ-SNV"


def test_ky_hieu_cong_van() -> None:
    assert ky_hieu(None, "UBND", "VX") == "UBND-VX"
    assert ky_hieu(None, "UBND", unit="TCKH") == "UBND-TCKH"


def test_ky_hieu_nfd_gives_nfc() -> None:
    result = ky_hieu(None, nfd("SGDĐT"), nfd("TĐKT"))
    assert result == "SGDĐT-TĐKT"
    assert is_nfc(result)


def test_ky_hieu_cong_van_needs_unit() -> None:
    with pytest.raises(ValueError, match="unit"):
        ky_hieu(None, "UBND")


def test_ky_hieu_typed_takes_no_unit() -> None:
    with pytest.raises(ValueError, match="unit"):
        ky_hieu("KH", "UBND", "VX")


@pytest.mark.parametrize(
    ("type_abbr", "issuer", "unit"),
    [
        ("", "UBND", None),
        ("KH", "", None),
        (None, "", "VX"),
        (None, "UBND", ""),
        ("K H", "UBND", None),
        ("KH", "UB ND", None),
        ("KH", "UBND\t", None),
        (None, "UBND", "V X"),
        ("KH", "UBND/", None),
        ("K/H", "UBND", None),
        (None, "UBND", "VX/1"),
    ],
)
def test_ky_hieu_invalid_parts(type_abbr: str | None, issuer: str, unit: str | None) -> None:
    with pytest.raises(ValueError):
        ky_hieu(type_abbr, issuer, unit)


# -- so_line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (5, "KH-UBND", "Số: 05/KH-UBND"),
        (1, "QĐ-UBND", "Số: 01/QĐ-UBND"),
        (9, "UBND-VX", "Số: 09/UBND-VX"),
        (10, "TB-UBND", "Số: 10/TB-UBND"),
        (123, "BC-UBND", "Số: 123/BC-UBND"),
    ],
)
def test_so_line(number: int, symbol: str, expected: str) -> None:
    assert so_line(number, symbol) == expected


def test_so_line_draft() -> None:
    assert so_line(None, "KH-UBND") == "Số:      /KH-UBND"
    assert so_line(None, "KH-UBND") == "Số:" + DRAFT_BLANK + "/KH-UBND"


def test_so_line_nfd_gives_nfc() -> None:
    result = so_line(7, nfd("QĐ-UBND"))
    assert result == "Số: 07/QĐ-UBND"
    assert is_nfc(result)


@pytest.mark.parametrize("number", [0, -1])
def test_so_line_number_below_one(number: int) -> None:
    with pytest.raises(ValueError):
        so_line(number, "KH-UBND")


@pytest.mark.parametrize("symbol", ["", "KH UBND", "05/KH-UBND"])
def test_so_line_invalid_symbol(symbol: str) -> None:
    with pytest.raises(ValueError):
        so_line(5, symbol)


# -- noi_nhan_lines --------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        "Sở Nội vụ (b/c)",
        "- Sở Nội vụ (b/c);",
        "-Sở Nội vụ (b/c)",
        "– Sở Nội vụ (b/c).",
        "+ Sở Nội vụ (b/c),",
        "• Sở Nội vụ (b/c) ; ",
        "  Sở Nội vụ (b/c);;",
        nfd("- Sở Nội vụ (b/c);"),
    ],
)
def test_noi_nhan_item_punctuation(item: str) -> None:
    lines = noi_nhan_lines([item], "VT")
    assert lines == ["- Sở Nội vụ (b/c);", "- Lưu: VT."]
    assert all(is_nfc(line) for line in lines)


def test_noi_nhan_lines_full() -> None:
    assert noi_nhan_lines(["Như trên", "- UBND tỉnh (b/c);", "Lưu trữ huyện."], "VT, TĐKT") == [
        "- Như trên;",
        "- UBND tỉnh (b/c);",
        "- Lưu trữ huyện;",
        "- Lưu: VT, TĐKT.",
    ]


def test_noi_nhan_keeps_inner_punctuation() -> None:
    assert noi_nhan_lines(["Các Sở, ban, ngành thuộc tỉnh"], "VT") == [
        "- Các Sở, ban, ngành thuộc tỉnh;",
        "- Lưu: VT.",
    ]


@pytest.mark.parametrize(
    "luu",
    ["VT, TĐKT", "VT, TĐKT.", "Lưu: VT, TĐKT", "Lưu: VT, TĐKT.", "lưu:VT, TĐKT", " VT, TĐKT "],
)
def test_noi_nhan_luu_variants(luu: str) -> None:
    assert noi_nhan_lines([], luu) == ["- Lưu: VT, TĐKT."]


def test_noi_nhan_luu_nfd_gives_nfc() -> None:
    lines = noi_nhan_lines([], nfd("Lưu: VT, TĐKT."))
    assert lines == ["- Lưu: VT, TĐKT."]
    assert is_nfc(lines[0])


@pytest.mark.parametrize("item", ["", "   ", "-", "- ;", "."])
def test_noi_nhan_empty_item(item: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        noi_nhan_lines(["Như trên", item], "VT")


# -- format_number ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (1234.5, "1.234,5"),
        (0.25, "0,25"),
        (-1234, "-1.234"),
        (Decimal("1234567.89"), "1.234.567,89"),
    ],
)
def test_format_number(value: int | float | Decimal, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    "value", [0, 7, -7, 12, 999, 1000, -1000, 65536, 10**6, -(10**9) - 1, 10**15]
)
def test_integers_are_formatted_as_babel_formats_them(value: int) -> None:
    """Integers take a fast path; it must write what Babel writes for vi_VN."""
    from babel.numbers import format_decimal

    assert format_number(value) == unicodedata.normalize(
        "NFC", format_decimal(value, locale="vi_VN")
    )


# -- time_words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (datetime(2025, 1, 15, 8, 0), "08 giờ 00 phút, ngày 15 tháng 01 năm 2025"),
        (datetime(2024, 12, 5, 14, 30), "14 giờ 30 phút, ngày 05 tháng 12 năm 2024"),
        (datetime(2024, 3, 9, 7, 5, 59), "07 giờ 05 phút, ngày 09 tháng 3 năm 2024"),
    ],
)
def test_time_words_pads_hours_minutes_and_day_like_n30(moment: datetime, words: str) -> None:
    assert time_words(moment) == words
    assert is_nfc(time_words(moment))
