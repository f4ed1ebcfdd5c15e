"""Safe YAML loading that remembers, for every value, the line it was written on.

The schema layer reports problems as ``file:line: field: message``; this module gives it the
data together with a :class:`SourceMap` from field paths to lines, and reports problems of the
YAML text itself (syntax, duplicate keys, non-string keys) as :class:`~docgen.errors.Problem`.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader, ReaderError

from docgen.errors import InputError, Problem
from docgen.limits import (
    MAX_ALIAS_VALUES,
    MAX_DEPTH,
    MAX_FIELD_CHARS,
    MAX_INPUT_BYTES,
    MAX_ITEMS,
    MAX_VALUES,
    excerpt,
    number,
)

FieldPath = tuple[str | int, ...]

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
_MAX_CHARACTER_PROBLEMS = 20

# PyYAML counts these as line breaks in its marks; counting the same way keeps our lines
# consistent with the ones it reports for syntax errors.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

# Vietnamese hints for the syntax errors users make most often (keyed by PyYAML's wording).
_SYNTAX_HINTS: dict[str, str] = {
    "found character '\\t' that cannot start any token": (
        "không dùng phím Tab để thụt lề, hãy dùng dấu cách"
    ),
    "mapping values are not allowed here": (
        "kiểm tra thụt lề; giá trị có dấu ':' cần đặt trong dấu nháy"
    ),
    "found unexpected end of stream": "có thể thiếu dấu nháy hoặc dấu ngoặc đóng",
    "but found another document": "tệp chỉ được chứa một tài liệu; hãy xóa dòng '---'",
}


@dataclass(frozen=True)
class SourceMap:
    """Where each value of a loaded YAML file was written.

    ``lines`` maps a field path (keys as ``str``, list indexes as ``int``) to a 1-based line:
    for a mapping entry the line of its key, for a list item the line of the item.
    ``aliases`` maps the path where an alias (``*name``) or a merged key (``<<``) was used to
    the path where that value was actually written, so paths below it resolve to real lines.
    """

    file: str
    lines: Mapping[FieldPath, int] = field(default_factory=dict)
    aliases: Mapping[FieldPath, FieldPath] = field(default_factory=dict)
    columns: Mapping[FieldPath, str] = field(default_factory=dict)
    """For data read from a spreadsheet (``file`` then names the sheet, ``lines`` the rows):
    the column each field came from."""

    def column_of(self, path: FieldPath) -> str | None:
        """Return the spreadsheet column of ``path`` or of its longest prefix, else None."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.columns:
                return self.columns[path[:end]]
        return None

    def problem(self, path: FieldPath, message: str) -> Problem:
        """Return a :class:`Problem` about the value at ``path``, located in this source."""
        return Problem(
            self.file, self.line_of(path), format_field(path), message, self.column_of(path)
        )

    def line_of(self, path: FieldPath) -> int | None:
        """Return the 1-based line of ``path``.

        When ``path`` itself was not written (a missing field), returns the line of its
        longest existing prefix, i.e. of the mapping that should contain it; the empty path
        is line 1.
        """
        # Each redirect after the first consumes at least one element of the path, so this
        # bound is never reached for maps built by load_yaml; it only guards hand-built ones.
        for _ in range(len(path) + 2):
            if path in self.lines:
                return self.lines[path]
            for i in range(len(path), -1, -1):
                prefix = path[:i]
                target = self.aliases.get(prefix)
                if target is not None:
                    path = target + path[i:]
                    break
                if prefix in self.lines:
                    return self.lines[prefix]
            else:
                return 1
        return self.lines.get((), 1)


@dataclass(frozen=True)
class Loaded:
    """The data of a YAML file and where each part of it was written."""

    data: Any
    source: SourceMap


# Which plain scalars become numbers. YAML 1.1 (PyYAML) also reads 010 as octal 8, 0x10,
# 0b10, 1_000 and sexagesimal 1:30 (= 90) as integers, and 1:30.5 as a float. Staff write
# numbers in decimal, sometimes with a leading zero ("so: 015" is number 15), and a value
# like 1:30 is a time, so only plain decimal numbers are numbers here; the rest stay strings
# (an integer field then reports them as not a number instead of silently using another one).
_DECIMAL_INT = re.compile(r"^[-+]?[0-9]+$")
_DECIMAL_FLOAT = re.compile(
    r"""^(?:[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?
        |\.[0-9]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
    re.VERBOSE,
)
_NUMBER_RESOLVERS = {_INT_TAG: _DECIMAL_INT, _FLOAT_TAG: _DECIMAL_FLOAT}


def _implicit_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """Return a copy of SafeLoader's implicit resolvers for :class:`_Loader`.

    The timestamp resolver is left out (dates stay strings) and the int and float ones are
    replaced, in place so that their precedence is unchanged, by decimal-only patterns.
    """
    return {
        first: [
            (tag, _NUMBER_RESOLVERS.get(tag, regexp))
            for tag, regexp in resolvers
            if tag != _TIMESTAMP_TAG
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _construct_decimal_int(loader: SafeConstructor, node: ScalarNode) -> int:
    """Return the integer written at ``node``, reading plain digits as decimal.

    Leading zeros do not make a number octal: ``010`` is 10. Other YAML 1.1 forms (``0x1F``,
    ``1:30``) only get here with an explicit ``!!int`` tag, and keep their YAML meaning.
    """
    value = loader.construct_scalar(node)
    if _DECIMAL_INT.match(value):
        return int(value, 10)
    return loader.construct_yaml_int(node)


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads numbers as decimal and leaves dates as strings.

    Dates stay strings so that the schema can report impossible ones. Only this class is
    changed: ``yaml.SafeLoader`` itself keeps its YAML 1.1 behaviour for other code.
    """

    yaml_implicit_resolvers = _implicit_resolvers()

    def construct_decimal_int(self, node: ScalarNode) -> int:
        """Return the integer written at ``node``; see :func:`_construct_decimal_int`."""
        return _construct_decimal_int(self, node)


_Loader.add_constructor(_INT_TAG, _Loader.construct_decimal_int)

_C_LOADER: type[yaml.CSafeLoader] | None = None
""":class:`_Loader` on libyaml's parser, when PyYAML was built with it (its wheels are)."""

if yaml.__with_libyaml__:

    class _CLoader(yaml.CSafeLoader):
        """:class:`_Loader`'s resolvers and constructors on libyaml's parser.

        Only parsing and composition run in C (25 times faster than in Python): tags are still
        resolved by the same Python resolvers and values built by the same constructors.
        """

        yaml_implicit_resolvers = _implicit_resolvers()

        def construct_decimal_int(self, node: ScalarNode) -> int:
            """Return the integer written at ``node``; see :func:`_construct_decimal_int`."""
            return _construct_decimal_int(self, node)

    _CLoader.add_constructor(_INT_TAG, _CLoader.construct_decimal_int)
    _C_LOADER = _CLoader

# Where libyaml and PyYAML's Python parser disagree (found by comparing both on generated
# input), so that libyaml would accept a file the Python parser rejects or build other data:
# tabs (libyaml accepts them as separators, "a:<tab>b"); a byte-order mark inside the text;
# "?" (libyaml accepts it in flow collections, "{a: sao?}", and places the empty value of a
# complex key elsewhere); a "!" that may be a tag (the non-specific tag "!" on an empty value
# is a string for libyaml, null for PyYAML); a comment right after a block scalar header
# ("|#", which PyYAML rejects). Such text, rare in documents, is parsed by the Python parser
# only, so every file loads exactly as it did before libyaml was used.
_LIBYAML_DIFFERENT_CHARACTERS = ("\t", "\ufeff", "?")
_TAG_START = re.compile(r"(?:^|[\s\[\]{},])!")
_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")


def _libyaml_differs(text: str) -> bool:
    """Return True when libyaml might read ``text`` otherwise than PyYAML's Python parser."""
    # Plain substring tests first: one regex over the whole text costs a fifth of a load.
    return (
        any(character in text for character in _LIBYAML_DIFFERENT_CHARACTERS)
        or ("!" in text and _TAG_START.search(text) is not None)
        or _HEADER_COMMENT.search(text) is not None
    )


_LIBYAML_MAX_DEPTH = MAX_DEPTH
"""Nesting depth beyond which a libyaml-composed tree is parsed again by the Python parser.

The Python parser recurses on nesting and fails with ``RecursionError`` ("tệp lồng nhau quá
nhiều cấp") some 400 to 500 levels deep (it depends on the caller's stack); libyaml does not
recurse. A file nested beyond :data:`~docgen.limits.MAX_DEPTH` is refused either way; parsing
it again makes it fail exactly as with the Python parser (with that message, or with the
depth limit's when the Python parser gets that far)."""


class _TooDeep(Exception):
    """A libyaml-composed tree is nested more than :data:`_LIBYAML_MAX_DEPTH` levels."""


class _Refused(Exception):
    """The walk stops: the data goes beyond a limit of :mod:`docgen.limits`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _compose(text: str, libyaml: bool = True) -> tuple[Node | None, SafeConstructor]:
    """Return the root node of ``text`` (None when it holds no document) and its loader.

    The loader (a :class:`_Loader`, or a :class:`_CLoader` when libyaml parsed the text)
    builds the values of the nodes. libyaml is used when available, ``libyaml`` is true and
    :func:`_libyaml_differs` is false. Raises PyYAML's errors (``ReaderError``,
    ``MarkedYAMLError``...) as the Python parser reports them, or ``RecursionError``.
    """
    if libyaml and _C_LOADER is not None and not _libyaml_differs(text):
        c_loader = _C_LOADER(text)
        try:
            return c_loader.get_single_node(), c_loader
        except yaml.YAMLError:
            # libyaml words and places its errors differently; the Python parser, run again
            # below, gives the messages (problem, context, marks) users are shown.
            pass
        finally:
            c_loader.dispose()
    loader = _Loader(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def format_field(path: FieldPath) -> str:
    """Return ``path`` written the way users see fields, e.g. ``noi_dung[2].tieu_de``.

    Integers become ``[i]``; the empty path gives ``""``.
    """
    parts: list[str] = []
    for element in path:
        if isinstance(element, int):
            parts.append(f"[{element}]")
        else:
            parts.append(f".{element}" if parts else element)
    return "".join(parts)


def load_yaml(path: Path, display_name: str | None = None) -> Loaded:
    """Load the YAML file at ``path`` safely, with a line for every value.

    ``display_name`` is the file name used in problems (default: ``str(path)``).
    Returns the data (``None`` for an empty file) and its :class:`SourceMap`.
    Raises :class:`~docgen.errors.InputError` listing every problem found: an unreadable
    file, syntax errors, forbidden characters, duplicate keys, non-string keys.
    """
    name = str(path) if display_name is None else display_name
    text = _read_text(path, name)
    bad_characters = _forbidden_characters(text, name)
    if bad_characters:
        raise InputError(bad_characters)

    return _load_text(text, name)


def _load_text(text: str, name: str, libyaml: bool = True) -> Loaded:
    """Return the data of YAML ``text`` and its :class:`SourceMap`; see :func:`load_yaml`.

    ``libyaml=False`` parses with the Python parser only (tests compare both parsers).
    """
    try:
        return _load_once(text, name, libyaml)
    except _TooDeep:
        pass
    return _load_once(text, name, libyaml=False)


def _load_once(text: str, name: str, libyaml: bool) -> Loaded:
    """Return what :func:`_load_text` returns; raises :class:`_TooDeep` (libyaml only)."""
    try:
        root, loader = _compose(text, libyaml)
    except ReaderError as error:
        line = _line_at(text, error.position)
        message = f"lỗi cú pháp YAML: {error.reason} (U+{error.character:04X})"
        raise InputError([Problem(name, line, "", message)]) from error
    except yaml.MarkedYAMLError as error:
        raise InputError([_syntax_problem(error, text, name)]) from error
    except yaml.YAMLError as error:
        raise InputError([Problem(name, None, "", f"lỗi cú pháp YAML: {error}")]) from error
    except RecursionError as error:
        raise InputError([Problem(name, None, "", "tệp lồng nhau quá nhiều cấp")]) from error

    if root is None:
        return Loaded(None, SourceMap(name, {(): 1}))
    by_libyaml = not isinstance(loader, _Loader)
    walker = _Walker(loader, name, _LIBYAML_MAX_DEPTH if by_libyaml else None)
    try:
        data = walker.value(root, ())
    except RecursionError as error:
        raise InputError([Problem(name, None, "", "tệp lồng nhau quá nhiều cấp")]) from error
    except _Refused as refused:
        raise InputError([refused.problem]) from None
    if walker.problems:
        raise InputError(walker.problems)
    return Loaded(data, SourceMap(name, walker.lines, walker.aliases))


def read_limited(path: Path, name: str, limit: int) -> bytes:
    """Return the content of the regular file at ``path``, at most ``limit`` bytes.

    Raises :class:`~docgen.errors.InputError` (one problem, about ``name``) when the file is
    missing, unreadable, not a regular file (a folder, a device such as ``/dev/zero``, a FIFO:
    reading those may never end, or block) or larger than ``limit``, checked before reading;
    the problem is marked ``unusable`` (exit status 2).
    """

    def fail(message: str) -> InputError:
        return InputError([Problem(name, None, "", message, unusable=True)])

    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise fail("không đọc được tệp: đây là một thư mục, không phải tệp")
        if not stat.S_ISREG(status.st_mode):
            raise fail(
                "không đọc được tệp: không phải tệp thông thường (thiết bị, FIFO hay socket);"
                " hãy lưu dữ liệu vào một tệp rồi đưa tệp đó vào"
            )
        if status.st_size > limit:
            raise fail(_too_large(limit))
        with path.open("rb") as stream:
            # One byte past the limit tells a file that grew since stat() without reading it all.
            raw = stream.read(limit + 1)
    except FileNotFoundError as error:
        raise fail("không tìm thấy tệp") from error
    except IsADirectoryError as error:
        raise fail("không đọc được tệp: đây là một thư mục, không phải tệp") from error
    except PermissionError as error:
        raise fail("không đọc được tệp: không có quyền đọc") from error
    except OSError as error:
        raise fail(f"không đọc được tệp: {error.strerror or error}") from error
    if len(raw) > limit:
        raise fail(_too_large(limit))
    return raw


def _too_large(limit: int) -> str:
    return f"tệp quá lớn (hơn {limit // (1024 * 1024)} MB); hãy chia thành nhiều tệp nhỏ hơn"


def _read_text(path: Path, name: str) -> str:
    raw = read_limited(path, name, MAX_INPUT_BYTES)
    try:
        # utf-8-sig: Windows editors often prepend a byte-order mark.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = (
            f"không đọc được tệp: tệp không ở bảng mã UTF-8 (byte 0x{raw[error.start]:02x} "
            f"ở dòng {line}); hãy lưu lại tệp với bảng mã UTF-8"
        )
        raise InputError([Problem(name, None, "", message)]) from error


def _forbidden_characters(text: str, name: str) -> list[Problem]:
    """Return a problem for every character PyYAML would refuse (it reports only the first)."""
    problems = []
    # A binary file would otherwise yield thousands of identical problems.
    for match in islice(Reader.NON_PRINTABLE.finditer(text), _MAX_CHARACTER_PROBLEMS):
        line = _line_at(text, match.start())
        code = ord(match.group())
        problems.append(
            Problem(
                name,
                line,
                "",
                f"lỗi cú pháp YAML: ký tự không được phép U+{code:04X}; hãy xóa ký tự này",
            )
        )
    return problems


def _line_at(text: str, position: int) -> int:
    return len(_LINE_BREAK.findall(text, 0, position)) + 1


def _show_tag(tag: str) -> str:
    """Return ``tag`` as the user wrote it, e.g. ``!!int`` rather than its expanded form."""
    if tag.startswith(_STANDARD_TAG_PREFIX):
        return "!!" + tag.removeprefix(_STANDARD_TAG_PREFIX)
    return tag


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    problem_mark, context_mark = error.problem_mark, error.context_mark
    mark = problem_mark or context_mark
    # An unclosed quote or bracket is only noticed at the end of the file, a line the user
    # cannot act on; the line where the unclosed construct starts is the useful one.
    at_end = problem_mark is not None and not text[problem_mark.index :].strip()
    if at_end and context_mark is not None:
        mark = context_mark
    line = None if mark is None else mark.line + 1
    detail = error.problem or error.context or str(error)
    if error.problem and error.context:
        if context_mark is not None and context_mark.line + 1 != line:
            detail += f" ({error.context} ở dòng {context_mark.line + 1})"
        else:
            detail += f" ({error.context})"
    hint = _SYNTAX_HINTS.get(error.problem or "")
    message = f"lỗi cú pháp YAML: {detail}" + (f" — gợi ý: {hint}" if hint else "")
    return Problem(name, line, "", message)


class _Walker:
    """Builds Python data from a composed node tree, recording lines and problems.

    Every node is constructed once: an alias reuses the first value (as PyYAML does), and its
    path is recorded as a redirect to where the value was written instead of being walked
    again, which keeps alias-heavy files ("billion laughs") cheap to load. The values each
    node stands for, aliases expanded, are counted as well: validation and rendering expand
    them, so a file whose aliases multiply (anchors nesting valid blocks) is refused here
    (:class:`_Refused`), as is one beyond the other limits of :mod:`docgen.limits`.
    """

    def __init__(self, loader: SafeConstructor, name: str, max_depth: int | None = None) -> None:
        """Prepare a walk; with ``max_depth``, :meth:`value` raises :class:`_TooDeep` beyond it."""
        self.loader = loader
        self.name = name
        self.max_depth = max_depth
        self.lines: dict[FieldPath, int] = {(): 1}
        self.aliases: dict[FieldPath, FieldPath] = {}
        self.problems: list[Problem] = []
        self.done: dict[Node, tuple[Any, FieldPath]] = {}
        self.in_progress: set[Node] = set()
        self.sizes: dict[Node, int] = {}
        """Values each walked node stands for, itself and its aliases' targets included."""
        self.values = 0
        """Values walked so far, aliases expanded."""
        self.written = 0
        """Nodes walked so far, each once: the values written in the file."""

    def refuse(self, node: Node, path: FieldPath, message: str, field: bool = True) -> NoReturn:
        """Stop the walk with one problem at ``path`` (or, without ``field``, its line only)."""
        line = self.lines.get(path, node.start_mark.line + 1)
        raise _Refused(Problem(self.name, line, format_field(path) if field else "", message))

    def count(self, node: Node, path: FieldPath, values: int) -> None:
        """Count ``values`` more values, reached at ``path``; refuse the file beyond limits."""
        self.values += values
        if self.values - self.written > MAX_ALIAS_VALUES:
            self.refuse(
                node,
                path,
                "bí danh (alias) lặp lại quá nhiều dữ liệu: hơn "
                f"{number(MAX_ALIAS_VALUES)} giá trị khi mở rộng (các bí danh lồng nhau nhân "
                "lên); hãy viết thẳng dữ liệu thay vì lồng bí danh",
            )
        if self.values > MAX_VALUES:
            self.refuse(
                node,
                path,
                f"tệp có quá nhiều dữ liệu: hơn {number(MAX_VALUES)} giá trị; hãy chia thành "
                "nhiều tệp nhỏ hơn",
            )

    def problem(self, node: Node, path: FieldPath, message: str) -> None:
        self.problems.append(
            Problem(self.name, node.start_mark.line + 1, format_field(path), message)
        )

    def value(self, node: Node, path: FieldPath) -> Any:
        if self.max_depth is not None and len(path) > self.max_depth:
            raise _TooDeep
        if len(path) > MAX_DEPTH:
            message = f"dữ liệu lồng nhau quá nhiều cấp (tối đa {MAX_DEPTH} cấp)"
            self.refuse(node, path, message, field=False)
        if node in self.done:
            value, written_at = self.done[node]
            if written_at != path:
                self.aliases.setdefault(path, written_at)
            self.count(node, path, self.sizes[node])
            return value
        before = self.values
        self.written += 1
        self.count(node, path, 1)
        if node in self.in_progress:
            # The node's own mark is the anchor; the user needs the line of the alias.
            line = self.lines.get(path, node.start_mark.line + 1)
            message = "bí danh (alias) trỏ vào chính khối đang chứa nó"
            self.problems.append(Problem(self.name, line, format_field(path), message))
            return None
        self.in_progress.add(node)
        try:
            if isinstance(node, MappingNode):
                value = self.mapping(node, path)
            elif isinstance(node, SequenceNode):
                value = self.sequence(node, path)
            else:
                value = self.scalar(node, path)
        finally:
            self.in_progress.discard(node)
        self.done[node] = (value, path)
        self.sizes[node] = self.values - before
        return value

    def scalar(self, node: Node, path: FieldPath) -> Any:
        if len(node.value) > MAX_FIELD_CHARS:
            self.problem(
                node,
                path,
                f"giá trị quá dài: {number(len(node.value))} ký tự (tối đa "
                f"{number(MAX_FIELD_CHARS)}); hãy rút gọn hoặc chia thành nhiều đoạn",
            )
            return None
        if node.tag not in self.loader.yaml_constructors:
            self.problem(node, path, f"thẻ YAML không được hỗ trợ: {_show_tag(node.tag)}")
            return None
        try:
            return self.loader.construct_object(node, deep=True)
        # Explicit tags such as "!!int abc" make PyYAML's constructors raise plain errors.
        except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError, IndexError):
            self.problem(
                node,
                path,
                f"không chuyển được giá trị {excerpt(node.value)!r} theo thẻ {_show_tag(node.tag)}",
            )
            return None

    def sequence(self, node: SequenceNode, path: FieldPath) -> list[Any]:
        if node.tag != _SEQ_TAG:
            self.problem(node, path, f"thẻ YAML không được hỗ trợ: {_show_tag(node.tag)}")
        if len(node.value) > MAX_ITEMS:
            message = (
                f"danh sách quá dài: {number(len(node.value))} mục (tối đa {number(MAX_ITEMS)})"
            )
            self.refuse(node, path, message)
        items = []
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            self.lines.setdefault(item_path, item.start_mark.line + 1)
            items.append(self.value(item, item_path))
        return items

    def mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        if node.tag != _MAP_TAG:
            self.problem(node, path, f"thẻ YAML không được hỗ trợ: {_show_tag(node.tag)}")
        if len(node.value) > MAX_ITEMS:
            message = f"quá nhiều trường: {number(len(node.value))} (tối đa {number(MAX_ITEMS)})"
            self.refuse(node, path, message)
        result: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        merge_values: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merge_values.append(value_node)
                continue
            key = self.key(key_node, path)
            if key is None:
                continue
            key_line = key_node.start_mark.line + 1
            key_path = (*path, key)
            if key in key_lines:
                self.problems.append(
                    Problem(
                        self.name,
                        key_line,
                        format_field(key_path),
                        f"khóa bị lặp lại (đã có ở dòng {key_lines[key]})",
                    )
                )
                continue
            key_lines[key] = key_line
            self.lines.setdefault(key_path, key_line)
            result[key] = self.value(value_node, key_path)
        self.merge(result, merge_values, path)
        return result

    def key(self, node: Node, path: FieldPath) -> str | None:
        """Return the key written at ``node``, or ``None`` after recording why it is unusable."""
        if not isinstance(node, ScalarNode):
            self.problem(node, path, "khóa phải là chuỗi")
            return None
        key = self.scalar(node, path)
        if not isinstance(key, str):
            # YAML reads yes/no/on/off, numbers and ~ as non-strings; quoting fixes that.
            self.problem(
                node,
                path,
                f"khóa phải là chuỗi (nhận được {excerpt(repr(key))}; hãy đặt khóa trong dấu nháy)",
            )
            return None
        return key

    def merge(self, result: dict[str, Any], merge_values: list[Node], path: FieldPath) -> None:
        """Add the keys of ``<<`` merges that ``result`` does not set itself.

        Like PyYAML: within ``<<: [*a, *b]`` the earlier mapping wins, and a later ``<<`` key
        wins over an earlier one.
        """
        sources: list[Node] = []
        for merge_value in reversed(merge_values):
            if isinstance(merge_value, SequenceNode):
                sources.extend(merge_value.value)
            else:
                sources.append(merge_value)
        for index, source in enumerate(sources):
            if not isinstance(source, MappingNode):
                self.problem(
                    source, path, "giá trị của '<<' phải là một bảng khóa: giá trị (hoặc bí danh)"
                )
                continue
            # A merge source written inline has no path of its own; "<<" keeps it apart from
            # the real keys while still giving its problems a readable field.
            source_value = self.value(source, (*path, "<<", index))
            written_at = self.done[source][1] if source in self.done else None
            if not isinstance(source_value, dict) or written_at is None:
                continue
            for key, item in source_value.items():
                if key not in result:
                    result[key] = item
                    self.aliases.setdefault((*path, key), (*written_at, key))
