"""Turn pydantic's validation errors into located, Vietnamese :class:`~docgen.errors.Problem`s."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from docgen.errors import Problem
from docgen.loading import FieldPath, SourceMap, format_field

_MAX_SHOWN = 60

_DATE_TYPES = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)


def problems_from_validation_error(
    error: ValidationError, source: SourceMap, data: Any, prefix: FieldPath = ()
) -> list[Problem]:
    """Return one :class:`Problem` per distinct error in ``error``, in pydantic's order.

    ``data`` is the input that was validated and ``prefix`` its path in the file named by
    ``source``; pydantic's locations are relative to it. Each problem carries the line from
    ``source``, the field as ``noi_dung[2].tieu_de`` and a Vietnamese message.
    """
    problems: dict[Problem, None] = {}
    for details in error.errors():
        path = (*prefix, *_data_path(details, data))
        problem = Problem(source.file, source.line_of(path), format_field(path), _message(details))
        problems[problem] = None
    return list(problems)


def _data_path(details: ErrorDetails, data: Any) -> FieldPath:
    """Return the path in ``data`` that ``details['loc']`` points to.

    pydantic's locations also name union members ("int", "function-after[...]", a model's
    class name, a tagged union's tag); those are not positions in the data and are dropped:
    a string is kept only when it is a key of the mapping reached so far, or when it is the
    last element of a "missing" error (the absent field itself).
    """
    loc = details["loc"]
    path: list[str | int] = []
    current: Any = data
    for position, element in enumerate(loc):
        if isinstance(element, bool):
            continue
        if isinstance(element, int):
            path.append(element)
            in_list = isinstance(current, list | tuple) and 0 <= element < len(current)
            in_mapping = isinstance(current, Mapping) and element in current
            current = current[element] if in_list or in_mapping else None
        elif isinstance(element, str):
            if isinstance(current, Mapping) and element in current:
                path.append(element)
                current = current[element]
            elif details["type"] == "missing" and position == len(loc) - 1:
                path.append(element)
    return tuple(path)


def _show(value: Any) -> str:
    """Return a short ``repr`` of an input value, for messages."""
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _show_plain(value: Any) -> str:
    """Like :func:`_show`, but strings appear without quotes (as the user typed them)."""
    if isinstance(value, str):
        return value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 1] + "…"
    return _show(value)


def _choices(expected: object) -> str:
    """Return pydantic's "'a', 'b' or 'c'" list of accepted values with a Vietnamese "or"."""
    text = str(expected)
    head, separator, last = text.rpartition(" or ")
    return f"{head} hoặc {last}" if separator else text


def _strip(message: str, prefix: str, fallback: str) -> str:
    stripped = message.removeprefix(prefix).strip()
    return stripped or fallback


def _greater_than(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    value = details["input"]
    if "gt" in ctx:
        limit, positive = ctx["gt"], ctx["gt"] == 0
        bound = f"phải lớn hơn {limit}"
    else:
        # ge=1 means "positive" only for whole numbers; 0.5 is positive but still rejected.
        limit = ctx.get("ge")
        positive = limit == 1 and isinstance(value, int)
        bound = f"phải lớn hơn hoặc bằng {limit}"
    if positive:
        return f"phải là số dương, nhận được {_show(value)}"
    return bound


def _less_than(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    if "lt" in ctx:
        return f"phải nhỏ hơn {ctx['lt']}"
    return f"phải nhỏ hơn hoặc bằng {ctx.get('le')}"


def _string_too_short(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    minimum = ctx.get("min_length", 1)
    return "không được để trống" if minimum == 1 else f"phải có ít nhất {minimum} ký tự"


def _union_tag_invalid(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return (
        f"không xác định được loại khối: {_show(ctx.get('tag'))} "
        f"(chỉ chấp nhận: {_choices(ctx.get('expected_tags'))})"
    )


def _union_tag_not_found(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return f"không xác định được loại khối: thiếu trường {ctx.get('discriminator')}"


def _integer(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return f"phải là số nguyên, nhận được {_show(details['input'])}"


def _number(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return f"phải là số, nhận được {_show(details['input'])}"


def _date(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return (
        f"ngày không hợp lệ: {_show_plain(details['input'])} "
        "(dùng dạng NNNN-TT-NN hoặc NN/TT/NNNN, ví dụ 2024-03-05 hoặc 05/03/2024)"
    )


def _choice(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return (
        f"giá trị không hợp lệ {_show(details['input'])}, "
        f"chỉ chấp nhận: {_choices(ctx.get('expected'))}"
    )


def _fixed(message: str) -> Callable[[ErrorDetails, dict[str, Any]], str]:
    return lambda details, ctx: message


_MESSAGES: dict[str, Callable[[ErrorDetails, dict[str, Any]], str]] = {
    "missing": _fixed("thiếu trường bắt buộc"),
    "extra_forbidden": _fixed("trường không được phép (không có trong mẫu dữ liệu)"),
    "string_type": _fixed("phải là chuỗi văn bản"),
    "int_type": _integer,
    "int_parsing": _integer,
    "int_from_float": _integer,
    "int_parsing_size": _integer,
    "float_type": _number,
    "float_parsing": _number,
    "bool_type": _fixed("phải là true hoặc false"),
    "bool_parsing": _fixed("phải là true hoặc false"),
    **dict.fromkeys(_DATE_TYPES, _date),
    "greater_than": _greater_than,
    "greater_than_equal": _greater_than,
    "less_than": _less_than,
    "less_than_equal": _less_than,
    "list_type": _fixed("phải là danh sách"),
    "dict_type": _fixed("phải là một bảng khóa: giá trị"),
    "model_type": _fixed("phải là một bảng khóa: giá trị"),
    "model_attributes_type": _fixed("phải là một bảng khóa: giá trị"),
    "string_too_short": _string_too_short,
    "string_too_long": lambda details, ctx: f"dài quá {ctx.get('max_length')} ký tự",
    "too_short": lambda details, ctx: f"phải có ít nhất {ctx.get('min_length')} mục",
    "too_long": lambda details, ctx: f"có nhiều hơn {ctx.get('max_length')} mục",
    "literal_error": _choice,
    "enum": _choice,
    "union_tag_invalid": _union_tag_invalid,
    "union_tag_not_found": _union_tag_not_found,
    "value_error": lambda details, ctx: _strip(
        details["msg"], "Value error,", "giá trị không hợp lệ"
    ),
    "assertion_error": lambda details, ctx: _strip(
        details["msg"], "Assertion failed,", "giá trị không hợp lệ"
    ),
}


def _message(details: ErrorDetails) -> str:
    """Return the Vietnamese message for one pydantic error (pydantic's own when unknown)."""
    translate = _MESSAGES.get(details["type"])
    if translate is None:
        return details["msg"]
    return translate(details, dict(details.get("ctx") or {}))
