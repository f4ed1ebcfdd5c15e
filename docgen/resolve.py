"""Resolve a document's references to agency profiles and the recipients directory.

Pure functions over validated models. Problems are returned as (field path, message) pairs so
that the caller can locate them in the YAML file; nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from docgen.formatting import VIETNAMESE_LETTERS
from docgen.limits import excerpt
from docgen.models.agency import Agency, AgencyDirectory, AgencyPatch, Signer, SignerPatch
from docgen.models.blocks import (
    Block,
    Clause,
    Figures,
    FiguresBlock,
    Part,
    Point,
    Section,
    Table,
    TableSpec,
)
from docgen.models.documents import DocumentBase
from docgen.models.recipients import GroupRef, Recipient, RecipientDirectory, RecipientRef
from docgen.rules.n30 import PAGE

FieldPath = tuple[str | int, ...]
Path = FieldPath
Issue = tuple[FieldPath, str]


@dataclass(frozen=True)
class ResolvedDocument:
    """A validated document with every reference replaced by what it names."""

    document: DocumentBase
    agency: Agency
    signer: Signer
    recipients: list[str]
    """Nơi nhận lines as the user means them, before N30 punctuation is applied."""
    luu: str
    kinh_gui: list[str] = field(default_factory=list)
    """Kính gửi recipients as the user means them, before N30 punctuation is applied."""
    extras: Mapping[str, Any] = field(default_factory=dict)
    """What the document's kind resolved beyond the common frame (a report's plan)."""


def _merge(base: BaseModel, patch: BaseModel) -> Any:
    """Return ``base`` with every field that ``patch`` sets (other than ``ma``) replaced."""
    updates = {
        name: value
        for name, value in patch
        if name != "ma" and value is not None and name in type(base).model_fields
    }
    return base.model_copy(update=updates)


def _unknown(what: str, key: str, keys: Any, where: str) -> str:
    """Return the message for a key that names nothing, listing the keys there are."""
    names = sorted(keys)
    known = ", ".join(names) if names else "(chưa có mục nào)"
    return f"không có {what} '{excerpt(key)}' trong {where} (có: {known})"


def resolve_agency(
    ref: str | AgencyPatch | Agency, agencies: AgencyDirectory | None, agencies_file: str
) -> tuple[Agency | None, list[Issue]]:
    """Return the agency a document names, or None with the issues that prevent it."""
    if isinstance(ref, Agency):
        return ref, []
    key = ref if isinstance(ref, str) else ref.ma
    path: Path = ("co_quan",) if isinstance(ref, str) else ("co_quan", "ma")
    if agencies is None:
        return None, [
            (path, f"không tìm thấy tệp hồ sơ cơ quan {agencies_file} để tra khóa '{key}'")
        ]
    profile = agencies.profiles.get(key)
    if profile is None:
        return None, [(path, _unknown("cơ quan", key, agencies.profiles, agencies_file))]
    return (profile if isinstance(ref, str) else _merge(profile, ref)), []


def resolve_signer(
    ref: str | SignerPatch | Signer, agency: Agency
) -> tuple[Signer | None, list[Issue]]:
    """Return the signer a document names, or None with the issues that prevent it."""
    if isinstance(ref, Signer):
        return ref, []
    key = ref if isinstance(ref, str) else ref.ma
    path: Path = ("nguoi_ky",) if isinstance(ref, str) else ("nguoi_ky", "ma")
    signer = agency.nguoi_ky.get(key)
    if signer is None:
        return None, [(path, _unknown("người ký", key, agency.nguoi_ky, "hồ sơ cơ quan"))]
    return (signer if isinstance(ref, str) else _merge(signer, ref)), []


def resolve_recipients(
    entries: list[Recipient],
    directory: RecipientDirectory | None,
    directory_file: str,
    field_name: str = "noi_nhan",
) -> tuple[list[str], list[Issue]]:
    """Return the lines of ``entries`` (Nơi nhận or Kính gửi), expanding keys and groups."""
    lines: list[str] = []
    issues: list[Issue] = []
    for index, entry in enumerate(entries):
        if isinstance(entry, str):
            lines.append(entry)
            continue
        if directory is None:
            message = f"không tìm thấy tệp danh bạ nơi nhận {directory_file} để tra khóa"
            issues.append(((field_name, index), message))
            continue
        if isinstance(entry, RecipientRef):
            name = entry.ten or directory.don_vi.get(entry.ma)
            if name is None:
                message = _unknown("nơi nhận", entry.ma, directory.don_vi, directory_file)
                issues.append(((field_name, index, "ma"), message))
                continue
            lines.append(_noted(name, entry.ghi_chu))
        elif isinstance(entry, GroupRef):
            group = directory.nhom.get(entry.nhom)
            if group is None:
                message = _unknown("nhóm nơi nhận", entry.nhom, directory.nhom, directory_file)
                issues.append(((field_name, index, "nhom"), message))
                continue
            if group.ten is not None and not entry.tach:
                lines.append(_noted(group.ten, entry.ghi_chu))
                continue
            for member in group.thanh_vien:
                if member in directory.don_vi:
                    lines.append(_noted(directory.don_vi[member], entry.ghi_chu))
                else:
                    message = f"nhóm '{entry.nhom}' có thành viên '{member}' không có trong don_vi"
                    issues.append(((field_name, index, "nhom"), message))
    return lines, issues


def _noted(name: str, note: str | None) -> str:
    if note is None:
        return name
    note = note.strip("()")
    return f"{name} ({note})"


def check_directory(directory: RecipientDirectory) -> list[Issue]:
    """Return the issues inside the recipients directory itself (dangling group members)."""
    issues: list[Issue] = []
    for key, group in directory.nhom.items():
        for index, member in enumerate(group.thanh_vien):
            if member not in directory.don_vi:
                message = f"không có đơn vị '{member}' trong don_vi"
                issues.append((("nhom", key, "thanh_vien", index), message))
        if group.ten is None and not group.thanh_vien:
            issues.append((("nhom", key), "nhóm cần 'ten' hoặc 'thanh_vien'"))
    return issues


def check_blocks(blocks: list[Block], path: Path, top: bool = True) -> list[Issue]:
    """Return the issues of body blocks that the schema cannot see (table rows vs columns,
    figures, a phần below the top level)."""
    issues: list[Issue] = []
    points = [index for index, block in enumerate(blocks) if isinstance(block, Point)]
    if len(points) > len(VIETNAMESE_LETTERS):
        message = f"quá {len(VIETNAMESE_LETTERS)} điểm liền nhau: hãy chia thành các khoản"
        issues.append(((*path, points[len(VIETNAMESE_LETTERS)]), message))
    for index, block in enumerate(blocks):
        here = (*path, index)
        if isinstance(block, Part) and not top:
            issues.append(((*here, "phan"), "phần chỉ đặt ở cấp ngoài cùng của noi_dung"))
        if isinstance(block, Part | Section | Clause | Point):
            issues += check_blocks(block.noi_dung, (*here, "noi_dung"), top=False)
        elif isinstance(block, Table):
            issues += check_table(block.bang, (*here, "bang"))
        elif isinstance(block, FiguresBlock):
            issues += check_figures(block.so_lieu, (*here, "so_lieu"))
    return issues


def check_figures(figures: Figures, path: Path) -> list[Issue]:
    """Return the issues of a figures table: every row a whole number >= 0 per column."""
    issues: list[Issue] = []
    columns = list(figures.cot)
    if figures.ty_le is not None and figures.tong_cot is None:
        issues.append(((*path, "ty_le"), "cột tỷ lệ cần cột tổng ('tong_cot')"))
    for index, row in enumerate(figures.dong):
        values = row.model_extra or {}
        for key, value in values.items():
            where: Path = (*path, "dong", index, key)
            if key not in figures.cot:
                issues.append(
                    (where, f"cột '{key}' không có trong 'cot' (có: {', '.join(columns)})")
                )
            elif isinstance(value, bool) or not isinstance(value, int):
                shown = repr(value) if isinstance(value, str) else str(value)
                hint = " (viết 1234, không viết 1.234)" if isinstance(value, float) else ""
                issues.append((where, f"số liệu phải là số nguyên, nhận được {shown}{hint}"))
            elif value < 0:
                issues.append((where, f"số liệu không được âm, nhận được {value}"))
        for key in columns:
            if key not in values:
                issues.append(
                    ((*path, "dong", index), f"thiếu số liệu cột '{key}' (không có thì ghi 0)")
                )
    return issues


def check_table(table: TableSpec, path: Path) -> list[Issue]:
    """Return the issues of one table: unknown or missing cells, columns wider than the page."""
    issues: list[Issue] = []
    columns = list(table.cot)
    for index, row in enumerate(table.dong):
        if not isinstance(row, dict):
            continue
        for key in row:
            if key != "so" and key not in table.cot:
                message = f"cột '{key}' không có trong 'cot' (có: {', '.join(columns)})"
                issues.append(((*path, "dong", index, key), message))
        for key in columns:
            if key not in row:
                message = f"thiếu ô '{key}' (ô trống thì ghi: {key}: [])"
                issues.append(((*path, "dong", index), message))
    widths = [c.rong for c in _all_columns(table) if c.rong is not None]
    available = PAGE.text_width.cm
    if sum(widths) > available + 0.01:
        message = (
            f"tổng độ rộng các cột {sum(widths):.2f} cm vượt quá bề rộng trang {available:.2f} cm"
        )
        issues.append(((*path, "cot"), message))
    return issues


def _all_columns(table: TableSpec) -> list[Any]:
    return ([table.so_thu_tu] if table.so_thu_tu else []) + list(table.cot.values())


def raw_reference_issues(
    data: dict[str, Any],
    agencies: AgencyDirectory | None,
    directory: RecipientDirectory | None,
    agencies_file: str = "co-quan.yaml",
    directory_file: str = "noi-nhan.yaml",
) -> list[Issue]:
    """Return the unknown keys a document names, read from its raw data.

    Used when the document fails validation, so that every problem is still reported in one
    run; entries too malformed to read a key from are left to the schema's messages.
    """
    issues: list[Issue] = []
    reference = data.get("co_quan")
    key = reference.get("ma") if isinstance(reference, dict) else reference
    agency = None
    if isinstance(key, str) and (not isinstance(reference, dict) or "ten" not in reference):
        try:
            agency, issues = resolve_agency(AgencyPatch(ma=key), agencies, agencies_file)
        except ValueError:
            agency = None
        issues = [(("co_quan",) if isinstance(reference, str) else path, m) for path, m in issues]
    signer = data.get("nguoi_ky")
    signer_key = signer.get("ma") if isinstance(signer, dict) else signer
    if agency is not None and isinstance(signer_key, str):
        try:
            ref = signer_key if isinstance(signer, str) else SignerPatch(ma=signer_key)
            issues += resolve_signer(ref, agency)[1]
        except ValueError:
            pass  # a malformed key: the schema's message covers it
    entries = data.get("noi_nhan")
    if directory is not None and isinstance(entries, list):
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            if isinstance(entry.get("ma"), str) and "ten" not in entry:
                if entry["ma"] not in directory.don_vi:
                    message = _unknown("nơi nhận", entry["ma"], directory.don_vi, directory_file)
                    issues.append((("noi_nhan", index, "ma"), message))
            elif isinstance(entry.get("nhom"), str) and entry["nhom"] not in directory.nhom:
                message = _unknown("nhóm nơi nhận", entry["nhom"], directory.nhom, directory_file)
                issues.append((("noi_nhan", index, "nhom"), message))
    return issues


def resolve(
    document: DocumentBase,
    agencies: AgencyDirectory | None,
    directory: RecipientDirectory | None,
    agencies_file: str = "co-quan.yaml",
    directory_file: str = "noi-nhan.yaml",
) -> tuple[ResolvedDocument | None, list[Issue]]:
    """Return the resolved document, or None and every issue found in its references."""
    issues = [
        issue for path, blocks in document.body_blocks() for issue in check_blocks(blocks, path)
    ]
    agency, found = resolve_agency(document.co_quan, agencies, agencies_file)
    issues += found
    signer = None
    if agency is not None:
        signer, found = resolve_signer(document.nguoi_ky, agency)
        issues += found
    recipients, found = resolve_recipients(document.noi_nhan, directory, directory_file)
    issues += found
    addressees, found = resolve_recipients(document.kinh_gui, directory, directory_file, "kinh_gui")
    issues += found
    if (
        document.ngay is not None
        and document.nam is not None
        and document.ngay.year != document.nam
    ):
        issues.append((("nam",), f"năm {document.nam} khác năm của 'ngay' ({document.ngay.year})"))
    if agency is None or signer is None or issues:
        return None, issues
    luu = document.luu or agency.luu
    return ResolvedDocument(document, agency, signer, recipients, luu, addressees), []
