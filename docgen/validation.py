"""Turn pydantic's validation errors into located, Vietnamese :class:`~docgen.errors.Problem`s.

Every error type pydantic can raise for docgen's models has a Vietnamese message here; any
other built-in type gets a generic Vietnamese one, so pydantic's English never reaches the
user. Errors of custom types (raised by the models with their own Vietnamese message, e.g. an
unknown block) keep that message.

When a value fails every member of a union (``co_quan: KEY | AgencyPatch | Agency``), pydantic
reports the errors of every member; only those of the member that fits the value best are
kept, so that one mistake gives one message at the right field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from docgen.errors import Problem
from docgen.loading import FieldPath, SourceMap
from docgen.models.blocks import TASK_REF_PATTERN

_MAX_SHOWN = 60

_BUILT_IN_TYPES = frozenset(get_args(ErrorType))

_DATE_TYPES = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)

_KEY_HINT = (
    "khóa chỉ gồm chữ thường không dấu, chữ số, '-' và '_', bắt đầu bằng chữ hoặc số"
    " (ví dụ: ubnd-dak-ha)"
)

PATTERN_MESSAGES: dict[str, str] = {
    r"^[a-z0-9][a-z0-9_-]*$": _KEY_HINT,
    r"^[^\s/-]+$": "chữ viết tắt không chứa dấu cách, '/' hay '-' (ví dụ: UBND)",
    r"^\S+$": "không được chứa dấu cách (ví dụ: 'c1)' hoặc 'II.')",
    TASK_REF_PATTERN: (
        "ghi số thứ tự của nhiệm vụ như in trong bảng của kế hoạch: số của hàng, có thể kèm"
        " số La Mã của nhóm (ví dụ: 3 hoặc II.3)"
    ),
}
"""What the ``pattern`` of each constrained string in the models allows, in words, by pattern.

A pattern missing here is shown to the user as it is (tests check that none is missing).
"""

# Types saying that the input is not even the kind of value a field (or a union member)
# takes, with that kind in words: such a union member does not fit the value at all.
_KINDS: dict[str, str] = {
    "string_type": "chuỗi văn bản",
    "int_type": "số nguyên",
    "int_parsing": "số nguyên",
    "int_from_float": "số nguyên",
    "float_type": "số",
    "float_parsing": "số",
    "bool_type": "true hoặc false",
    "bool_parsing": "true hoặc false",
    "list_type": "danh sách",
    "tuple_type": "danh sách",
    "set_type": "danh sách",
    "frozen_set_type": "danh sách",
    "iterable_type": "danh sách",
    "dict_type": "một bảng khóa: giá trị",
    "mapping_type": "một bảng khóa: giá trị",
    "model_type": "một bảng khóa: giá trị",
    "model_attributes_type": "một bảng khóa: giá trị",
    "dataclass_type": "một bảng khóa: giá trị",
    "date_type": "ngày",
    "date_parsing": "ngày",
    "date_from_datetime_parsing": "ngày",
    "datetime_type": "ngày giờ",
    "datetime_parsing": "ngày giờ",
    "time_type": "giờ",
    "time_parsing": "giờ",
}

# Of _KINDS, the types whose message also shows the input (see _MESSAGES).
_SHOWN_KINDS = frozenset(
    {"int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"}
    | {"datetime_type", "datetime_parsing", "time_type", "time_parsing"}
    | _DATE_TYPES
)

# Fields through which a document names a profile or directory entry by key (AgencyPatch,
# SignerPatch, RecipientRef). They are written only in that form, so a union member that
# lacks one is not the member the user meant while another member can do without it.
_REFERENCE_KEYS = frozenset({"ma"})

# pydantic's location element for an error in a dict key; not a union member.
_KEY_MARK = "[key]"


def problems_from_validation_error(
    error: ValidationError, source: SourceMap, data: Any, prefix: FieldPath = ()
) -> list[Problem]:
    """Return one :class:`Problem` per distinct error in ``error``, in pydantic's order.

    ``data`` is the input that was validated and ``prefix`` its path in the file named by
    ``source``; pydantic's locations are relative to it. Each problem carries the line from
    ``source``, the field as ``noi_dung[2].tieu_de`` and a Vietnamese message. Of the errors
    that the members of a union report for one value, only the best-fitting member's are kept.
    """
    errors = [
        _Error(index, _steps(details, data), details)
        for index, details in enumerate(error.errors())
    ]
    problems: dict[Problem, None] = {}
    for kept in sorted(_prune(errors, 0), key=lambda item: item.index):
        path = (*prefix, *kept.data_path)
        message = kept.message or _message(kept.details)
        problems[source.problem(path, message)] = None
    return list(problems)


Step = tuple[str | int, bool]
"""One element of an error's location and whether it names a union member (not data)."""


@dataclass(frozen=True)
class _Error:
    """One pydantic error with its location classified, or several merged into one."""

    index: int
    """Position in pydantic's list, to report in its order."""
    steps: tuple[Step, ...]
    details: ErrorDetails
    message: str | None = None
    """Replaces the translation of ``details`` (for a merged union error)."""
    kinds: tuple[str, ...] = ()
    """For a merged error: the kinds of value that none of its union's members got."""

    @property
    def data_path(self) -> FieldPath:
        """Return the location without its union members: a path in the validated data."""
        return tuple(element for element, is_member in self.steps if not is_member)


def _steps(details: ErrorDetails, data: Any) -> tuple[Step, ...]:
    """Return ``details['loc']`` with each element marked as a union member or data.

    pydantic's locations also name union members ("int", "function-after[...]", a model's
    class name, a tagged union's tag, "[key]" for a dict key); those are not positions in the
    data. A string is data only when it is a key of the mapping reached so far, or when it is
    the last element of a "missing" error (the absent field itself).
    """
    loc = details["loc"]
    steps: list[Step] = []
    current: Any = data
    for position, element in enumerate(loc):
        if isinstance(element, bool):
            continue
        if isinstance(element, int) and isinstance(current, str):
            # A one-line field written as a single string (Lines): its only line is item 0
            # for the schema, but the user wrote the field itself.
            steps.append((element, True))
        elif isinstance(element, int):
            steps.append((element, False))
            in_list = isinstance(current, list | tuple) and 0 <= element < len(current)
            in_mapping = isinstance(current, Mapping) and element in current
            current = current[element] if in_list or in_mapping else None
        elif isinstance(current, Mapping) and element in current:
            steps.append((element, False))
            current = current[element]
        elif details["type"] == "missing" and position == len(loc) - 1:
            steps.append((element, False))
        else:
            steps.append((element, True))
    return tuple(steps)


def _prune(errors: Sequence[_Error], depth: int) -> list[_Error]:
    """Return ``errors`` (which share their first ``depth`` steps) with losing union members'
    errors dropped, at every union below that point (the innermost first)."""
    kept = [error for error in errors if len(error.steps) <= depth]
    groups: dict[Step, list[_Error]] = {}
    for error in errors:
        if len(error.steps) > depth:
            groups.setdefault(error.steps[depth], []).append(error)
    pruned = {step: _prune(group, depth + 1) for step, group in groups.items()}
    members = [step for step in pruned if step[1] and step[0] != _KEY_MARK]
    if len(members) > 1:
        ranks = {step: _rank(pruned[step], depth + 1) for step in members}
        best = min(members, key=ranks.__getitem__)
        if ranks[best][0]:
            # No member takes this kind of value: one message naming what would be accepted.
            merged = [error for step in members for error in pruned[step]]
            pruned = {step: group for step, group in pruned.items() if step not in members}
            pruned[best] = [_merge(merged, depth)]
        else:
            pruned = {step: group for step, group in pruned.items() if step == best or not step[1]}
    for group in pruned.values():
        kept += group
    return kept


def _rank(errors: Sequence[_Error], depth: int) -> tuple[int, int, int, int]:
    """Return how badly the union member whose ``errors`` start at ``depth`` fits its value.

    Lower is better: first whether the value is of a kind the member does not take at all,
    then whether it lacks the member's reference key (``ma``), then how many fields are
    missing or not allowed (the value's shape), then the number of errors.
    """
    wrong_kind = missing_key = shape = 0
    for error in errors:
        below = [element for element, is_member in error.steps[depth:] if not is_member]
        kind = error.details["type"]
        if not below and (error.kinds or kind in _KINDS):
            wrong_kind = 1
        if len(below) == 1 and kind in ("missing", "extra_forbidden"):
            shape += 1
            if kind == "missing" and below[0] in _REFERENCE_KEYS:
                missing_key = 1
    return wrong_kind, missing_key, shape, len(errors)


def _merge(errors: Sequence[_Error], depth: int) -> _Error:
    """Return one error standing for ``errors``: a union none of whose members takes the kind
    of value given; its message lists the kinds that would be accepted."""
    kinds: list[str] = []
    for error in errors:
        for kind in error.kinds or (_KINDS.get(error.details["type"], ""),):
            if kind and kind not in kinds:
                kinds.append(kind)
    first = min(errors, key=lambda error: error.index)
    message = f"phải là {_or(kinds)}, nhận được {_show(first.details['input'])}"
    return _Error(first.index, first.steps[:depth], first.details, message, tuple(kinds))


def _or(items: Sequence[str]) -> str:
    """Return ``items`` as "a, b hoặc c"."""
    return " hoặc ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else items[0]


def _show(value: Any) -> str:
    """Return a short ``repr`` of an input value, for messages.

    An empty YAML value (``None``) is named in words, and booleans are spelt as in YAML.
    """
    if value is None:
        return "giá trị trống"
    text = str(value).lower() if isinstance(value, bool) else repr(value)
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
    """Return ``message`` without pydantic's English ``prefix``, or ``fallback`` if empty."""
    stripped = message.removeprefix(prefix).strip()
    return stripped or fallback


Translator = Callable[[ErrorDetails, dict[str, Any]], str]
"""Makes the Vietnamese message of one error from its details and context."""


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


def _pattern(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    pattern = str(ctx.get("pattern", ""))
    hint = PATTERN_MESSAGES.get(pattern, f"không đúng dạng quy định (mẫu: {pattern})")
    return f"giá trị không hợp lệ {_show(details['input'])}: {hint}"


def _union_tag_invalid(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return (
        f"không xác định được loại khối: {_show(ctx.get('tag'))} "
        f"(chỉ chấp nhận: {_choices(ctx.get('expected_tags'))})"
    )


def _union_tag_not_found(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return f"không xác định được loại khối: thiếu trường {ctx.get('discriminator')}"


def _kind_and_input(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return f"phải là {_KINDS[details['type']]}, nhận được {_show(details['input'])}"


def _kind(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return f"phải là {_KINDS[details['type']]}"


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


def _invalid(details: ErrorDetails, ctx: dict[str, Any]) -> str:
    return f"giá trị không hợp lệ: {_show(details['input'])}"


def _fixed(message: str) -> Translator:
    return lambda details, ctx: message


_MESSAGES: dict[str, Translator] = {
    "missing": _fixed("thiếu trường bắt buộc"),
    "extra_forbidden": _fixed("trường không được phép (không có trong mẫu dữ liệu)"),
    # A wrong number is short and worth showing; a wrong list or mapping is not.
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), _kind_and_input),
    **dict.fromkeys(("float_type", "float_parsing"), _kind_and_input),
    **dict.fromkeys(("datetime_type", "datetime_parsing"), _kind_and_input),
    **dict.fromkeys(("time_type", "time_parsing"), _kind_and_input),
    **dict.fromkeys(_DATE_TYPES, _date),
    **dict.fromkeys(_KINDS.keys() - _SHOWN_KINDS, _kind),
    "int_parsing_size": _fixed("số quá lớn"),
    "finite_number": lambda details, ctx: (
        f"phải là số hữu hạn, nhận được {_show(details['input'])}"
    ),
    "multiple_of": lambda details, ctx: f"phải là bội số của {ctx.get('multiple_of')}",
    "greater_than": _greater_than,
    "greater_than_equal": _greater_than,
    "less_than": _less_than,
    "less_than_equal": _less_than,
    "string_too_short": _string_too_short,
    "string_too_long": lambda details, ctx: f"không được dài quá {ctx.get('max_length')} ký tự",
    "string_pattern_mismatch": _pattern,
    "string_not_ascii": _fixed("chỉ được dùng chữ không dấu, chữ số và dấu câu (ASCII)"),
    "string_unicode": _fixed("phải là chuỗi văn bản Unicode hợp lệ"),
    "too_short": lambda details, ctx: f"phải có ít nhất {ctx.get('min_length')} mục",
    "too_long": lambda details, ctx: f"không được có quá {ctx.get('max_length')} mục",
    "none_required": _fixed("phải để trống"),
    "literal_error": _choice,
    "enum": _choice,
    "union_tag_invalid": _union_tag_invalid,
    "union_tag_not_found": _union_tag_not_found,
    "recursion_loop": _fixed("dữ liệu lặp vòng: giá trị chứa chính nó (qua bí danh)"),
    "value_error": lambda details, ctx: _strip(
        details["msg"], "Value error,", "giá trị không hợp lệ"
    ),
    "assertion_error": lambda details, ctx: _strip(
        details["msg"], "Assertion failed,", "giá trị không hợp lệ"
    ),
}


def _message(details: ErrorDetails) -> str:
    """Return the Vietnamese message for one pydantic error.

    A built-in type without its own message gets a generic one; a custom type (raised by a
    model with its own Vietnamese message) keeps that message.
    """
    error_type = details["type"]
    translate = _MESSAGES.get(error_type)
    if translate is None:
        if error_type in _BUILT_IN_TYPES:
            translate = _invalid
        else:
            return details["msg"]
    return translate(details, dict(details.get("ctx") or {}))
