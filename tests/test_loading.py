"""Tests for docgen.loading: data, line numbers and problems of YAML files."""

from __future__ import annotations

import contextlib
from pathlib import Path
from unittest import mock

import pytest
import yaml

from docgen import loading
from docgen.errors import InputError
from docgen.limits import MAX_DEPTH
from docgen.loading import Loaded, SourceMap, format_field, load_yaml

NESTED = """\
so_ky_hieu: 12/QĐ-UBND
ngay: 2024-03-05
co_quan:
  ten: Ủy ban nhân dân
  cap_tren: Tỉnh Hà Nam

noi_dung:
  - tieu_de: Điều 1
    doan:
      - Đoạn một
      - Đoạn hai
  - tieu_de: Điều 2
"""


def _write(tmp_path: Path, text: str | bytes, name: str = "doc.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _load(tmp_path: Path, text: str | bytes) -> Loaded:
    return load_yaml(_write(tmp_path, text), "doc.yaml")


def _problems(tmp_path: Path, text: str | bytes) -> list[str]:
    with pytest.raises(InputError) as caught:
        _load(tmp_path, text)
    return [str(problem) for problem in caught.value.problems]


def test_nested_data_is_loaded(tmp_path: Path) -> None:
    loaded = _load(tmp_path, NESTED)
    assert loaded.data == {
        "so_ky_hieu": "12/QĐ-UBND",
        "ngay": "2024-03-05",
        "co_quan": {"ten": "Ủy ban nhân dân", "cap_tren": "Tỉnh Hà Nam"},
        "noi_dung": [
            {"tieu_de": "Điều 1", "doan": ["Đoạn một", "Đoạn hai"]},
            {"tieu_de": "Điều 2"},
        ],
    }
    assert loaded.source.file == "doc.yaml"


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 1),
        (("so_ky_hieu",), 1),
        (("ngay",), 2),
        (("co_quan",), 3),
        (("co_quan", "ten"), 4),
        (("co_quan", "cap_tren"), 5),
        (("noi_dung",), 7),
        (("noi_dung", 0), 8),
        (("noi_dung", 0, "tieu_de"), 8),
        (("noi_dung", 0, "doan"), 9),
        (("noi_dung", 0, "doan", 1), 11),
        (("noi_dung", 1), 12),
        (("noi_dung", 1, "tieu_de"), 12),
    ],
)
def test_key_and_item_lines(tmp_path: Path, path: tuple[str | int, ...], line: int) -> None:
    assert _load(tmp_path, NESTED).source.line_of(path) == line


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("noi_dung", 1, "doan"), 12),
        (("noi_dung", 1, "doan", 0, "x"), 12),
        (("co_quan", "dia_chi"), 3),
        (("noi_dung", 5), 7),
        (("khong_co",), 1),
    ],
)
def test_missing_paths_fall_back_to_parent(
    tmp_path: Path, path: tuple[str | int, ...], line: int
) -> None:
    assert _load(tmp_path, NESTED).source.line_of(path) == line


def test_source_map_without_lines_puts_everything_on_line_1() -> None:
    assert SourceMap("x.yaml").line_of(("a", 0)) == 1


def test_dates_stay_strings(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "ngay: 2024-03-05\nsai: 2024-02-30\nluc: 2024-03-05 10:00:00\n")
    assert loaded.data == {"ngay": "2024-03-05", "sai": "2024-02-30", "luc": "2024-03-05 10:00:00"}


def test_safe_loader_is_not_changed(tmp_path: Path) -> None:
    _load(tmp_path, "ngay: 2024-03-05\n")
    assert str(yaml.safe_load("ngay: 2024-03-05")["ngay"]) == "2024-03-05"
    assert not isinstance(yaml.safe_load("ngay: 2024-03-05")["ngay"], str)


def test_other_scalars_keep_their_types(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "so: 3\nty_le: 1.5\nco: true\nrong:\nchu: '3'\n")
    assert loaded.data == {"so": 3, "ty_le": 1.5, "co": True, "rong": None, "chu": "3"}


def test_aliases_resolve_to_the_anchor_lines(tmp_path: Path) -> None:
    text = """\
mac_dinh: &md
  chuc_vu: Chủ tịch
  ho_ten: Nguyễn Văn A
nguoi_ky: *md
pho:
  <<: *md
  chuc_vu: Phó Chủ tịch
"""
    loaded = _load(tmp_path, text)
    signer = {"chuc_vu": "Chủ tịch", "ho_ten": "Nguyễn Văn A"}
    assert loaded.data == {
        "mac_dinh": signer,
        "nguoi_ky": signer,
        "pho": {"chuc_vu": "Phó Chủ tịch", "ho_ten": "Nguyễn Văn A"},
    }
    line_of = loaded.source.line_of
    assert line_of(("nguoi_ky",)) == 4
    assert line_of(("nguoi_ky", "ho_ten")) == 3
    assert line_of(("nguoi_ky", "khong_co")) == 1
    assert line_of(("pho", "chuc_vu")) == 7
    assert line_of(("pho", "ho_ten")) == 3
    assert line_of(("pho", "khong_co")) == 5


def test_recursive_alias_is_a_problem(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a: &x\n  b: *x\n") == [
        "doc.yaml:2: a.b: bí danh (alias) trỏ vào chính khối đang chứa nó"
    ]


def test_empty_file_gives_none(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "# chỉ có chú thích\n")
    assert loaded.data is None
    assert loaded.source.line_of(("so_ky_hieu",)) == 1


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    assert _load(tmp_path, "\ufeffa: 1\n").data == {"a": 1}


def test_bad_indentation_is_reported_at_its_line(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a:\n  b: 1\n c: 2\n") == [
        "doc.yaml:3: lỗi cú pháp YAML: expected <block end>, but found '<block mapping start>'"
        " (while parsing a block mapping ở dòng 1)"
    ]


def test_colon_after_value_is_reported_with_a_hint(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a: 1\nb: x: y\n") == [
        "doc.yaml:2: lỗi cú pháp YAML: mapping values are not allowed here"
        " — gợi ý: kiểm tra thụt lề; giá trị có dấu ':' cần đặt trong dấu nháy"
    ]


def test_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    assert _problems(tmp_path, 'a: 1\nb: "abc\nc: 2\n') == [
        "doc.yaml:2: lỗi cú pháp YAML: found unexpected end of stream"
        " (while scanning a quoted scalar)"
        " — gợi ý: có thể thiếu dấu nháy hoặc dấu ngoặc đóng"
    ]


def test_tab_indentation_is_reported(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a:\n\t- b\n") == [
        "doc.yaml:2: lỗi cú pháp YAML: found character '\\t' that cannot start any token"
        " (while scanning for the next token)"
        " — gợi ý: không dùng phím Tab để thụt lề, hãy dùng dấu cách"
    ]


def test_second_document_is_reported(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a: 1\n---\nb: 2\n") == [
        "doc.yaml:2: lỗi cú pháp YAML: but found another document"
        " (expected a single document in the stream ở dòng 1)"
        " — gợi ý: tệp chỉ được chứa một tài liệu; hãy xóa dòng '---'"
    ]


def test_control_characters_are_reported_at_their_lines(tmp_path: Path) -> None:
    message = "lỗi cú pháp YAML: ký tự không được phép U+0007; hãy xóa ký tự này"
    assert _problems(tmp_path, b"a: 1\nb: x\x07y\n\nc: \x07\n") == [
        f"doc.yaml:2: {message}",
        f"doc.yaml:4: {message}",
    ]


def test_duplicate_keys_are_all_reported(tmp_path: Path) -> None:
    text = """\
so: 1
co_quan:
  ten: A
  ten: B
noi_dung:
  - tieu_de: X
    tieu_de: Y
so: 2
"""
    assert _problems(tmp_path, text) == [
        "doc.yaml:4: co_quan.ten: khóa bị lặp lại (đã có ở dòng 3)",
        "doc.yaml:7: noi_dung[0].tieu_de: khóa bị lặp lại (đã có ở dòng 6)",
        "doc.yaml:8: so: khóa bị lặp lại (đã có ở dòng 1)",
    ]


def test_keys_must_be_strings(tmp_path: Path) -> None:
    assert _problems(tmp_path, "1: a\nco_quan:\n  yes: b\n  [x]: c\n") == [
        "doc.yaml:1: khóa phải là chuỗi (nhận được 1; hãy đặt khóa trong dấu nháy)",
        "doc.yaml:3: co_quan: khóa phải là chuỗi (nhận được True; hãy đặt khóa trong dấu nháy)",
        "doc.yaml:4: co_quan: khóa phải là chuỗi",
    ]


def test_unsafe_and_unknown_tags_are_reported(tmp_path: Path) -> None:
    text = "a: !!python/object/apply:os.system [ls]\nb: !!int abc\nc: !rieng {x: 1}\n"
    assert _problems(tmp_path, text) == [
        "doc.yaml:1: a: thẻ YAML không được hỗ trợ: !!python/object/apply:os.system",
        "doc.yaml:2: b: không chuyển được giá trị 'abc' theo thẻ !!int",
        "doc.yaml:3: c: thẻ YAML không được hỗ trợ: !rieng",
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_yaml(tmp_path / "khong_co.yaml", "khong_co.yaml")
    assert [str(p) for p in caught.value.problems] == ["khong_co.yaml: không tìm thấy tệp"]


def test_display_name_defaults_to_the_path(tmp_path: Path) -> None:
    path = tmp_path / "khong_co.yaml"
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    assert caught.value.problems[0].file == str(path)
    assert load_yaml(_write(tmp_path, "a: 1\n")).source.file == str(tmp_path / "doc.yaml")


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_yaml(tmp_path, "thu_muc")
    assert [str(p) for p in caught.value.problems] == [
        "thu_muc: không đọc được tệp: đây là một thư mục, không phải tệp"
    ]


def test_file_not_in_utf8(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a: 1\nb: Hà Nam\n".encode("cp1258")) == [
        "doc.yaml: không đọc được tệp: tệp không ở bảng mã UTF-8 (byte 0xe0 ở dòng 2);"
        " hãy lưu lại tệp với bảng mã UTF-8"
    ]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("noi_dung",), "noi_dung"),
        (("noi_dung", 2, "tieu_de"), "noi_dung[2].tieu_de"),
        (("noi_dung", 2, 0), "noi_dung[2][0]"),
        ((3, "a"), "[3].a"),
    ],
)
def test_format_field(path: tuple[str | int, ...], text: str) -> None:
    assert format_field(path) == text


# Numbers: decimal only. PyYAML (YAML 1.1) reads 010 as octal 8, so "so: 010" printed
# "Số: 08"; 0x.., 0b.., 1_000 and sexagesimal 1:30 are YAML 1.1 integers too.


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("010", 10),
        ("015", 15),
        ("08", 8),
        ("09", 9),
        ("0", 0),
        ("00", 0),
        ("007", 7),
        ("-010", -10),
        ("+07", 7),
        ("2024", 2024),
        ("99999", 99999),
    ],
)
def test_integers_are_decimal_even_with_a_leading_zero(
    tmp_path: Path, written: str, number: int
) -> None:
    data = _load(tmp_path, f"so: {written}\nds: [{written}]\nbang: {{so: {written}}}\n").data
    assert data == {"so": number, "ds": [number], "bang": {"so": number}}
    assert type(data["so"]) is int


@pytest.mark.parametrize(
    ("written", "number"),
    [("1.5", 1.5), ("010.5", 10.5), ("0.25", 0.25), (".5", 0.5), ("1.5e+3", 1500.0)],
)
def test_decimal_fractions_are_floats(tmp_path: Path, written: str, number: float) -> None:
    assert _load(tmp_path, f"rong: {written}\n").data == {"rong": number}


@pytest.mark.parametrize(
    "written",
    ["1:30", "12:30:00", "0x10", "0b101", "1_000", "1:30.5", "1_000.5", "0o17", "1e3"],
)
def test_other_yaml_1_1_number_forms_stay_as_written(tmp_path: Path, written: str) -> None:
    assert _load(tmp_path, f"gio: {written}\n").data == {"gio": written}


def test_numbers_and_dates_together(tmp_path: Path) -> None:
    loaded = _load(tmp_path, "so: 015\nngay: 2024-03-05\nnam: 2024\nluc: 08:30\n")
    assert loaded.data == {"so": 15, "ngay": "2024-03-05", "nam": 2024, "luc": "08:30"}


def test_explicit_int_tag_is_decimal_too(tmp_path: Path) -> None:
    # Explicit tags are rare and deliberate: YAML's own hex form keeps working with one.
    assert _load(tmp_path, "a: !!int 010\nb: !!int 0x10\nc: !!int '09'\n").data == {
        "a": 10,
        "b": 16,
        "c": 9,
    }


def test_numeric_keys_are_decimal_in_the_problem(tmp_path: Path) -> None:
    assert _problems(tmp_path, "010: a\n") == [
        "doc.yaml:1: khóa phải là chuỗi (nhận được 10; hãy đặt khóa trong dấu nháy)"
    ]


def test_safe_loader_keeps_yaml_1_1_numbers(tmp_path: Path) -> None:
    _load(tmp_path, "so: 010\n")
    assert yaml.safe_load("a: 010\nb: 1:30\nc: 0x10\nd: 1_000") == {
        "a": 8,
        "b": 90,
        "c": 16,
        "d": 1000,
    }


# libyaml: the C parser composes the node tree when PyYAML has it (its wheels do); tags,
# values and lines must be exactly those of the Python parser, which still words every error.

REPO = Path(__file__).resolve().parents[1]
SAMPLE_FILES = sorted((REPO / "data").glob("*.yaml"))
needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")


def _outcome(text: str, libyaml: bool) -> tuple[object, ...]:
    """Return what users get from ``text``: data, lines and aliases, or the problems' text."""
    try:
        loaded = loading._load_text(text, "doc.yaml", libyaml)
    except InputError as error:
        return ("problems", [str(problem) for problem in error.problems])
    # repr: NaN is not equal to itself, and int 1 must not pass for True.
    source = loaded.source
    return ("data", repr(loaded.data), dict(source.lines), dict(source.aliases))


def _libyaml_tried(text: str) -> bool:
    """Return True when loading ``text`` hands it to libyaml first."""
    if loading._C_LOADER is None:
        return False
    tried: list[str] = []

    class Spy(loading._C_LOADER):  # type: ignore[name-defined,misc]
        def __init__(self, stream: str) -> None:
            tried.append(stream)
            super().__init__(stream)

    with mock.patch.object(loading, "_C_LOADER", Spy), contextlib.suppress(yaml.YAMLError):
        loading._compose(text)
    return bool(tried)


def _parser(text: str) -> str:
    """Return which parser composed the nodes of ``text``: "libyaml" or "python"."""
    _, loader = loading._compose(text)
    return "libyaml" if yaml.__with_libyaml__ and isinstance(loader, yaml.CSafeLoader) else "python"


TRICKY = {
    "anchors, aliases and merge keys": """\
mac_dinh: &md
  chuc_vu: Chủ tịch
  ho_ten: Nguyễn Văn A
nguoi_ky: *md
pho:
  <<: *md
  chuc_vu: Phó Chủ tịch
nhieu:
  <<: [*md, {so: 3}]
ds: [*md, &x {a: 1}, *x]
""",
    "multi-line strings": """\
gap: dòng một
  dòng hai

  đoạn mới
nhay_kep: "một \\
  hai\\tba \\u1EA1
  bốn"
nhay_don: 'it''s
  two'
khoi: |
  dòng 1
    thụt lề
  dòng 3

gap_khoi: >-
  một
  hai

  ba
giu: |+
  x

sau: 1
""",
    "unicode and line breaks": "tên: Hà Nội 😀\r\n\"khóa có dấu\": 'giá trị'\r\nnel: a\x85"
    "ls: b\u2028ps: c\u2029\u00e9: NFD e\u0301\n",
    "flow collections and comments": """\
# chú thích
ky: {loai: nam, nam: 2024}   # cả năm
ds:
- {ten: "Khối Đảng, Mặt trận", so: 6}
- [a, 'b, c', "d: e", http://x.y/z]
- {}
- []
rong:
trong: ''
""",
    "numbers, dates and other scalars": """\
so: 015
am: -010
ty_le: 1.5
ngay: 2024-03-05
luc: 1:30
hex: 0x10
co: yes
khong: ~
inf: .inf
nan: .nan
""",
    "empty items and complex structure": """\
-
- - a
  - b
-   c: 1
    d:
      - e
- &goc
  k: v
- *goc
""",
    "problems: duplicate and non-string keys, recursive alias": """\
so: 1
so: 2
1: so
[x]: danh sach
v: &r [*r]
""",
}


@needs_libyaml
def test_libyaml_parses_the_samples_exactly_as_the_python_parser() -> None:
    assert SAMPLE_FILES
    for path in SAMPLE_FILES:
        text = path.read_text(encoding="utf-8")
        assert _parser(text) == "libyaml", path.name
        assert _outcome(text, libyaml=True) == _outcome(text, libyaml=False), path.name


@needs_libyaml
@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_libyaml_gives_the_same_data_and_lines_on_tricky_input(text: str) -> None:
    assert _parser(text) == "libyaml"
    assert _outcome(text, libyaml=True) == _outcome(text, libyaml=False)


def test_tricky_input_loads_as_expected(tmp_path: Path) -> None:
    loaded = _load(tmp_path, TRICKY["anchors, aliases and merge keys"])
    assert loaded.data["nhieu"] == {"chuc_vu": "Chủ tịch", "ho_ten": "Nguyễn Văn A", "so": 3}
    assert loaded.source.line_of(("ds", 2, "a")) == 10
    strings = _load(tmp_path, TRICKY["multi-line strings"]).data
    assert strings["gap"] == "dòng một dòng hai\nđoạn mới"
    assert strings["nhay_kep"] == "một hai\tba \u1ea1 bốn"
    assert strings["khoi"] == "dòng 1\n  thụt lề\ndòng 3\n"
    assert strings["giu"] == "x\n\n"
    lines = _load(tmp_path, TRICKY["unicode and line breaks"]).source.lines
    assert [lines[(key,)] for key in ("tên", "khóa có dấu", "nel", "ls", "ps", "\u00e9")] == [
        1, 2, 3, 4, 5, 6
    ]  # fmt: skip


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "a:\n  b: 1\n c: 2\n",
        "a: 1\nb: x: y\n",
        'a: 1\nb: "abc\nc: 2\n',
        "a: 1\n---\nb: 2\n",
        "a: *khong_co\n",
        "a: &x 1\nb: &x 2\n",
        "a: [1, 2\nb: 3\n",
        "%YAML 2.0\n---\na: 1\n",
        "a: 'x\n",
    ],
)
def test_syntax_errors_are_worded_by_the_python_parser(text: str) -> None:
    assert _libyaml_tried(text)
    with pytest.raises(yaml.YAMLError):
        yaml.CSafeLoader(text).get_single_node()
    assert _outcome(text, libyaml=True) == _outcome(text, libyaml=False)
    assert _outcome(text, libyaml=True)[0] == "problems"


@pytest.mark.parametrize(
    "text",
    [
        "a:\tb\n",  # libyaml takes a tab as a separator
        "a: b\t# c\n",
        "{a: sao?}\n",  # and "?" inside flow collections
        "[a?b]\n",
        "a: !\n",  # the non-specific tag on an empty value: str for libyaml, null here
        "a: |#\n  x\n",  # a comment glued to a block scalar header
        "\ufeff\ufeff",  # a byte-order mark left after the first: None for libyaml
        "a: !!str 12\nb: !!int '09'\nc: !!int abc\nd: !rieng x\n",
    ],
)
def test_input_libyaml_reads_differently_goes_to_the_python_parser(text: str) -> None:
    assert not _libyaml_tried(text)
    assert _outcome(text, libyaml=True) == _outcome(text, libyaml=False)


def test_tab_after_a_colon_is_still_reported(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a:\tb\n") == [
        "doc.yaml:1: lỗi cú pháp YAML: found character '\\t' that cannot start any token"
        " (while scanning for the next token)"
        " — gợi ý: không dùng phím Tab để thụt lề, hãy dùng dấu cách"
    ]


def _nested(depth: int) -> str:
    return "- " * depth + "x\n"  # a list in a list... ``depth`` deep


def test_nesting_beyond_the_limit_fails_the_same_with_both_parsers() -> None:
    # The Python parser recurses, libyaml does not: whatever the depth, both must refuse a
    # file nested beyond MAX_DEPTH alike (with the limit's message, or the recursion one
    # when the Python parser cannot get that far), and load one nested up to it.
    assert _outcome(_nested(MAX_DEPTH), libyaml=False)[0] == "data"
    limit = f"doc.yaml:1: dữ liệu lồng nhau quá nhiều cấp (tối đa {MAX_DEPTH} cấp)"
    assert _outcome(_nested(MAX_DEPTH + 1), libyaml=False) == ("problems", [limit])
    for depth in (MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 150, 450, 900, 2000):
        assert _outcome(_nested(depth), libyaml=True) == _outcome(_nested(depth), libyaml=False)


def test_very_deep_nesting_is_reported() -> None:
    text = "".join(" " * level + "k:\n" for level in range(3000))
    assert _outcome(text, libyaml=True) == (
        "problems",
        ["doc.yaml: tệp lồng nhau quá nhiều cấp"],
    )


def test_python_parser_is_used_without_libyaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "_C_LOADER", None)
    assert _parser("a: 1\n") == "python"
    loaded = _load(tmp_path, NESTED)
    assert loaded.data["noi_dung"][0]["doan"] == ["Đoạn một", "Đoạn hai"]
    assert loaded.source.line_of(("noi_dung", 1, "tieu_de")) == 12


def test_an_empty_explicit_int_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: !!int\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_yaml(path, "a.yaml")
    assert "không chuyển được giá trị" in str(raised.value.problems[0])
