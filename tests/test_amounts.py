"""Tests for docgen.amounts."""

from __future__ import annotations

import itertools
import random
import unicodedata
from collections.abc import Iterator

import pytest

from docgen.amounts import MAX_AMOUNT, amount_in_words, format_amount

# -- format_amount ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (21_500_000, "21.500.000"),
        (MAX_AMOUNT, "999.999.999.999"),
    ],
)
def test_format_amount(value: int, expected: str) -> None:
    assert format_amount(value) == expected


@pytest.mark.parametrize("value", [True, 1.5, 1000.0])
def test_format_amount_rejects_non_int(value: object) -> None:
    with pytest.raises(TypeError, match="must be an int"):
        format_amount(value)  # type: ignore[arg-type]


# -- amount_in_words: hand-checked table -------------------------------------------------

WORDS_TABLE: list[tuple[int, str]] = [
    # 0-99
    (0, "Không đồng"),
    (1, "Một đồng"),
    (2, "Hai đồng"),
    (3, "Ba đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (6, "Sáu đồng"),
    (7, "Bảy đồng"),
    (8, "Tám đồng"),
    (9, "Chín đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (12, "Mười hai đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (19, "Mười chín đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (30, "Ba mươi đồng"),
    (31, "Ba mươi mốt đồng"),
    (44, "Bốn mươi tư đồng"),
    (45, "Bốn mươi lăm đồng"),
    (55, "Năm mươi lăm đồng"),
    (70, "Bảy mươi đồng"),
    (91, "Chín mươi mốt đồng"),
    (99, "Chín mươi chín đồng"),
    # 100-999
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (114, "Một trăm mười bốn đồng"),
    (115, "Một trăm mười lăm đồng"),
    (120, "Một trăm hai mươi đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (124, "Một trăm hai mươi tư đồng"),
    (125, "Một trăm hai mươi lăm đồng"),
    (200, "Hai trăm đồng"),
    (305, "Ba trăm linh năm đồng"),
    (410, "Bốn trăm mười đồng"),
    (500, "Năm trăm đồng"),
    (555, "Năm trăm năm mươi lăm đồng"),
    (909, "Chín trăm linh chín đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    # nghìn
    (1000, "Một nghìn đồng"),
    (1001, "Một nghìn không trăm linh một đồng"),
    (1005, "Một nghìn không trăm linh năm đồng"),
    (1010, "Một nghìn không trăm mười đồng"),
    (1015, "Một nghìn không trăm mười lăm đồng"),
    (1020, "Một nghìn không trăm hai mươi đồng"),
    (1021, "Một nghìn không trăm hai mươi mốt đồng"),
    (1100, "Một nghìn một trăm đồng"),
    (1999, "Một nghìn chín trăm chín mươi chín đồng"),
    (2005, "Hai nghìn không trăm linh năm đồng"),
    (10_000, "Mười nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (21_021, "Hai mươi mốt nghìn không trăm hai mươi mốt đồng"),
    (100_000, "Một trăm nghìn đồng"),
    (101_000, "Một trăm linh một nghìn đồng"),
    (500_000, "Năm trăm nghìn đồng"),
    (999_999, "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng"),
    # triệu
    (1_000_000, "Một triệu đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
    (1_000_100, "Một triệu một trăm đồng"),
    (1_001_000, "Một triệu không trăm linh một nghìn đồng"),
    (1_500_000, "Một triệu năm trăm nghìn đồng"),
    (5_000_005, "Năm triệu không trăm linh năm đồng"),
    (10_000_000, "Mười triệu đồng"),
    (21_500_000, "Hai mươi mốt triệu năm trăm nghìn đồng"),
    (25_000_000, "Hai mươi lăm triệu đồng"),
    (101_000_000, "Một trăm linh một triệu đồng"),
    (
        999_999_999,
        "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn"
        " chín trăm chín mươi chín đồng",
    ),
    # tỷ
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    (1_000_001_000, "Một tỷ không trăm linh một nghìn đồng"),
    (1_000_010_000, "Một tỷ không trăm mười nghìn đồng"),
    (1_001_000_000, "Một tỷ không trăm linh một triệu đồng"),
    (
        1_234_567_890,
        "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng",
    ),
    (2_000_000_015, "Hai tỷ không trăm mười lăm đồng"),
    (15_000_000_000, "Mười lăm tỷ đồng"),
    (24_000_000_024, "Hai mươi tư tỷ không trăm hai mươi tư đồng"),
    (100_000_000_000, "Một trăm tỷ đồng"),
    (
        105_105_105_105,
        "Một trăm linh năm tỷ một trăm linh năm triệu một trăm linh năm nghìn"
        " một trăm linh năm đồng",
    ),
    (
        999_999_999_999,
        "Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín"
        " nghìn chín trăm chín mươi chín đồng",
    ),
]


@pytest.mark.parametrize(("value", "expected"), WORDS_TABLE)
def test_amount_in_words_table(value: int, expected: str) -> None:
    assert amount_in_words(value) == expected


def test_table_is_broad_and_consistent() -> None:
    values = [value for value, _ in WORDS_TABLE]
    assert len(values) >= 60
    assert len(set(values)) == len(values)
    # The table is hand-written: check it against the independent parser too.
    for value, words in WORDS_TABLE:
        assert parse_amount_words(words) == value


@pytest.mark.parametrize("value", [-1, -1_000, MAX_AMOUNT + 1, 10**15])
def test_amount_in_words_out_of_range(value: int) -> None:
    with pytest.raises(ValueError) as info:
        amount_in_words(value)
    message = str(info.value)
    assert f"{value:_}" in message
    assert "0 to 999_999_999_999" in message


@pytest.mark.parametrize("value", [True, False, 1.0, 21.5])
def test_amount_in_words_rejects_non_int(value: object) -> None:
    with pytest.raises(TypeError, match="must be an int"):
        amount_in_words(value)  # type: ignore[arg-type]


# -- round-trip parser ------------------------------------------------------------------
# Written independently of docgen.amounts and strict about the reading rules, so that a
# wrong word ("hai mươi một", "mười năm", a missing "không trăm" or "linh") fails to parse
# instead of merely parsing to the right number.

_DIGITS = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
_AFTER_MUOI_MUOI = {**_DIGITS, "lăm": 5}  # after "mười": "mười một", "mười bốn", "mười lăm"
del _AFTER_MUOI_MUOI["không"], _AFTER_MUOI_MUOI["năm"]
_AFTER_MUOI = {**_AFTER_MUOI_MUOI, "mốt": 1, "tư": 4}  # after "mươi": "mốt", "tư", "lăm"
del _AFTER_MUOI["một"], _AFTER_MUOI["bốn"]
_SCALES = {"tỷ": 10**9, "triệu": 10**6, "nghìn": 10**3}


def _lookup(table: dict[str, int], word: str, where: list[str]) -> int:
    """Return the digit `word` stands for in `table`; raise ValueError if it has no place."""
    try:
        return table[word]
    except KeyError:
        raise ValueError(f"{word!r} is not read here: {where}") from None


def _parse_group(words: list[str], *, leading: bool) -> int:
    """Return the value (1-999) of the words of one group; raise ValueError if ill-formed."""
    group = words
    value = 0
    has_hundreds = len(words) >= 2 and words[1] == "trăm"
    if has_hundreds:
        value = 100 * _lookup(_DIGITS, words[0], group)
        if leading and value == 0:
            raise ValueError(f"leading group with 'không trăm': {words}")
        words = words[2:]
    elif not leading:
        raise ValueError(f"non-leading group without hundreds: {words}")
    if not words:
        pass
    elif words[0] == "linh":
        if not has_hundreds or len(words) != 2 or _lookup(_DIGITS, words[1], group) == 0:
            raise ValueError(f"bad 'linh': {group}")
        value += _DIGITS[words[1]]
    elif words[0] == "mười":
        if len(words) > 2:
            raise ValueError(f"bad 'mười': {words}")
        value += 10 + (_lookup(_AFTER_MUOI_MUOI, words[1], group) if len(words) == 2 else 0)
    elif len(words) >= 2 and words[1] == "mươi":
        tens = _lookup(_DIGITS, words[0], group)
        if tens < 2 or len(words) > 3:
            raise ValueError(f"bad 'mươi': {words}")
        value += 10 * tens + (_lookup(_AFTER_MUOI, words[2], group) if len(words) == 3 else 0)
    elif len(words) == 1 and not has_hundreds:
        value += _lookup(_DIGITS, words[0], group)
    else:
        raise ValueError(f"unreadable group: {words}")
    if value == 0:
        raise ValueError("a spoken group must not be zero")
    return value


def parse_amount_words(text: str) -> int:
    """Return the integer that the amount in words `text` reads; raise on any deviation."""
    if not text.endswith(" đồng"):
        raise ValueError(f"no ' đồng' at the end: {text!r}")
    words = text.removesuffix(" đồng").lower().split(" ")
    if words == ["không"]:
        return 0
    total = 0
    group: list[str] = []
    last_scale = 10**12
    for word in [*words, ""]:
        if word in _SCALES or word == "":
            scale = _SCALES.get(word, 1)
            if scale >= last_scale or (not group and word):
                raise ValueError(f"misplaced group name {word!r} in {text!r}")
            if group:
                total += scale * _parse_group(group, leading=total == 0)
            last_scale = scale
            group = []
        else:
            group.append(word)
    return total


@pytest.mark.parametrize(
    "words",
    [
        "Hai mươi một đồng",
        "Mười mốt đồng",
        "Mười năm đồng",
        "Hai mươi năm đồng",
        "Một nghìn hai mươi đồng",
        "Một trăm một đồng",
        "Không trăm mười đồng",
        "Một triệu nghìn đồng",
        "Một nghìn triệu đồng",
        "Một trăm",
    ],
)
def test_parser_rejects_wrong_readings(words: str) -> None:
    with pytest.raises(ValueError):
        parse_amount_words(words)


# -- properties ---------------------------------------------------------------------------

_INTERESTING_GROUPS = (0, 1, 5, 10, 14, 15, 21, 100, 104, 999)


def _every_value_below_2000() -> Iterator[int]:
    return iter(range(2000))


def _strided_to_maximum() -> Iterator[int]:
    # A stride ending in 9 is coprime to 10, so the low digits go through all their values.
    yield from range(0, MAX_AMOUNT + 1, 19_999_999)
    yield MAX_AMOUNT


def _random_to_maximum() -> Iterator[int]:
    rng = random.Random(20_240_501)
    return (rng.randint(0, MAX_AMOUNT) for _ in range(20_000))


def _group_combinations() -> Iterator[int]:
    # Each group position gets each interesting group (zero, linh, mười, lăm, mốt, ...), so
    # every way of skipping middle groups and of reading a group after a higher one is met.
    for groups in itertools.product(_INTERESTING_GROUPS, repeat=4):
        yield int("".join(f"{group:03d}" for group in groups))


SAMPLES = {
    "below_2000": (_every_value_below_2000, 2000),
    "strided": (_strided_to_maximum, 50_000),
    "random": (_random_to_maximum, 20_000),
    "group_combinations": (_group_combinations, 10_000),
}

_FORBIDDEN = ("mươi một", "mười mốt", "mươi năm", "mười năm")


@pytest.mark.parametrize("sample", list(SAMPLES))
def test_properties_and_round_trip(sample: str) -> None:
    values, minimum_count = SAMPLES[sample]
    count = 0
    for value in values():
        text = amount_in_words(value)
        assert text, value
        assert unicodedata.is_normalized("NFC", text), value
        assert text[0].isupper(), (value, text)
        assert text.endswith(" đồng"), (value, text)
        assert "  " not in text, (value, text)
        assert text == text.strip(), (value, text)
        lowered = text.lower()
        assert not any(bad in lowered for bad in _FORBIDDEN), (value, text)
        # The real proof: the strict independent parser reads the value back.
        assert parse_amount_words(text) == value, (value, text)
        count += 1
    assert count >= minimum_count
