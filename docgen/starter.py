"""``docgen new``: commented starter YAML for any kind, and a decision made from a tờ trình.

A starter is valid as written except for the values left as "..." (:data:`TO_FILL`), which
validation reports as “cần điền”. The agency and signer keys are filled from the project's
co-quan.yaml when it has exactly one agency, else listed in a comment.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

import yaml

from docgen.errors import DocgenError, OutputError, display_path
from docgen.formatting import date_words, ky_hieu, pad_number
from docgen.kinds import KINDS
from docgen.kinds.to_trinh import ToTrinhDocument
from docgen.project import Project
from docgen.render.atomic import write_atomic

_AGENCY_LINE = re.compile(r"^co_quan: \.\.\.( +#.*)?$", re.MULTILINE)
_SIGNER_LINE = re.compile(r"^nguoi_ky: \.\.\.( +#.*)?$", re.MULTILINE)
_PROPOSAL_LEAD = re.compile(r"^(về việc\s+)?(đề nghị|đề xuất)\s+", re.IGNORECASE)


class StarterError(DocgenError):
    """``docgen new`` cannot write the file asked for (unknown kind, file exists)."""


def default_name(loai: str) -> str:
    """Return the file name ``docgen new`` writes without a NAME: "cong-van.yaml"."""
    return f"{loai.replace('_', '-')}.yaml"


def target_path(loai: str, name: str | None) -> Path:
    """Return the file to write: ``name`` with ".yaml" added when it has no suffix, or the
    kind's default name in the current folder."""
    if name is None:
        return Path(default_name(loai))
    path = Path(name)
    return path if path.suffix.lower() in (".yaml", ".yml") else path.with_name(path.name + ".yaml")


def _profile_keys(project: Project) -> tuple[str | None, str | None, list[str]]:
    """Return the only agency key and its first signer key (None when there is no single
    agency), and every agency key known."""
    agencies = project.agencies
    keys = sorted(agencies.profiles) if agencies is not None else []
    if agencies is None or len(keys) != 1:
        return None, None, keys
    signers = list(agencies.profiles[keys[0]].nguoi_ky)
    return keys[0], (signers[0] if signers else None), keys


def starter_text(loai: str, project: Project | None = None, year: int | None = None) -> str:
    """Return the starter YAML of kind ``loai``, with ``year`` (default: this year) and,
    when ``project`` has a single agency, its key and first signer filled in.

    Raises :class:`StarterError` naming the kinds there are when ``loai`` is none of them.
    """
    if loai not in KINDS:
        raise StarterError(f"không có loại văn bản {loai!r} (có: {', '.join(KINDS)})")
    text = KINDS[loai].starter.replace("{nam}", str(year or datetime.date.today().year))
    if project is None:
        return text
    agency, signer, keys = _profile_keys(project)
    if agency is not None:
        text = _AGENCY_LINE.sub(f"co_quan: {agency}", text, count=1)
        if signer is not None:
            text = _SIGNER_LINE.sub(f"nguoi_ky: {signer}", text, count=1)
    elif keys:
        note = f"co_quan: ...                   # khóa trong co-quan.yaml, có: {', '.join(keys)}"
        text = _AGENCY_LINE.sub(note, text, count=1)
    return text


def write_new(text: str, path: Path) -> Path:
    """Write ``text`` to ``path``, never over an existing file; return ``path``.

    Raises :class:`StarterError` when ``path`` exists, :class:`OutputError` when it cannot
    be written.
    """
    if path.exists():
        raise StarterError(f"tệp {display_path(path)} đã có, không ghi đè (chọn tên khác)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise OutputError(f"không ghi được {display_path(path)}: {error.strerror}") from error
    return path


def new_document(loai: str, name: str | None = None, proposal: Path | None = None) -> Path:
    """Write the starter of kind ``loai`` (or, with ``proposal``, a decision made from that
    tờ trình) to ``name``; return the path written."""
    path = target_path(loai, name)
    if proposal is not None:
        if loai != "quyet_dinh":
            raise StarterError("--tu-to-trinh chỉ dùng với loại quyet_dinh")
        return write_new(decision_from_proposal(proposal, path), path)
    project = Project.from_folder(path.resolve().parent)
    return write_new(starter_text(loai, project), path)


def _yaml_value(value: Any) -> str:
    """Return ``value`` as one line of YAML flow text (quoted when it must be)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return dumped.removesuffix("\n...\n").strip()


def decision_from_proposal(proposal: Path, target: Path) -> str:
    """Return the YAML of a Quyết định khen thưởng made from the tờ trình at ``proposal``.

    The decision's list points at the tờ trình's own spreadsheet (its path made relative
    to ``target``), so the names are never typed twice and the list stays one file; its
    title, the căn cứ and the "Theo đề nghị của ... tại Tờ trình số ..." line are carried
    over, the trích yếu is turned from "Đề nghị khen thưởng ..." into "Về việc khen thưởng
    ...". The agency and signer of the decision are left to fill. Raises
    :class:`~docgen.errors.InputError` when the tờ trình itself has problems.
    """
    project = Project.from_folder(proposal.resolve().parent)
    loaded = project.load_file(proposal)
    document = loaded.resolved.document
    if not isinstance(document, ToTrinhDocument):
        raise StarterError(
            f"{display_path(proposal)} là {loaded.kind.ten_loai}, không phải tờ trình (to_trinh)"
        )
    agency, signer = loaded.resolved.agency, loaded.resolved.signer
    symbol = ky_hieu(loaded.kind.code, agency.viet_tat)
    number = f" {pad_number(document.so)}/{symbol}" if document.so else f" .../{symbol}"
    proposer = " ".join(line.capitalize() for line in signer.chuc_vu) or "..."
    unit = agency.ten_day_du or " ".join(agency.ten).capitalize()
    head, _, rest = unit.partition(" ")
    if rest and proposer.split()[-1].casefold() == head.casefold():
        unit = rest  # "Trưởng phòng Nội vụ huyện", not "Trưởng phòng Phòng Nội vụ huyện"
    de_nghi = (
        f"Theo đề nghị của {proposer} {unit} tại Tờ trình số{number} "
        f"{date_words(document.ngay, document.year)}"
    )
    subject = _PROPOSAL_LEAD.sub("", " ".join(document.trich_yeu))
    spreadsheet = (proposal.resolve().parent / document.danh_sach.tep).resolve()
    relative = Path(os.path.relpath(spreadsheet, target.resolve().parent)).as_posix()
    keys = _profile_keys(project)[2]
    lines = [
        f"# Quyết định khen thưởng làm từ tờ trình {display_path(proposal)}"
        " (docgen new quyet_dinh --tu-to-trinh).",
        "# Danh sách dùng chung bảng tính của tờ trình: sửa danh sách ở một nơi. Nếu cấp có",
        "# thẩm quyền duyệt khác tờ trình, chép bảng tính thành tệp mới rồi sửa 'tep' bên dưới.",
        "# Thay mỗi “...” bằng nội dung; docgen báo “cần điền” ở chỗ nào còn “...”.",
        "loai: quyet_dinh",
        "co_quan: ...                   # cơ quan ra quyết định, khóa trong co-quan.yaml"
        + (f" (có: {', '.join(keys)})" if keys else ""),
        "so:                            # số văn bản (để trống khi là dự thảo)",
        "ngay:                          # ngày ký (để trống khi là dự thảo)",
        f"nam: {document.year if document.ngay is None else document.ngay.year}",
        "tham_quyen: thu_truong         # thu_truong: Chủ tịch (cá nhân); tap_the: Ủy ban nhân dân",
        f"trich_yeu: {_yaml_value('Về việc ' + subject)}",
        "can_cu:                        # căn cứ của tờ trình; thêm căn cứ thẩm quyền nếu cần",
        *(f"  - {_yaml_value(line.rstrip(' ;.'))}" for line in document.can_cu),
        *([] if document.can_cu else ["  - ..."]),
        f"de_nghi: {_yaml_value(de_nghi)}",
        "dieu:                          # có thể ghi {so_tap_the}, {so_ca_nhan}, {tong_tien}, {tong_tien_bang_chu}",
        "  - Khen thưởng {so_tap_the} tập thể và {so_ca_nhan} cá nhân có tên trong danh sách"
        " kèm theo.",
        '  - "Tổng số tiền thưởng là {tong_tien} đồng (Bằng chữ: {tong_tien_bang_chu})."',
        "  - ...                        # điều thi hành: “... chịu trách nhiệm thi hành Quyết"
        " định này.”",
        "danh_sach:",
        "  tieu_de:                     # tiêu đề của tờ trình: sửa lời cho quyết định",
        *(f"    - {_yaml_value(line)}" for line in document.danh_sach.tieu_de),
        f"  tep: {_yaml_value(relative)}",
        *(
            [f"  trang_tinh: {_yaml_value(document.danh_sach.trang_tinh)}"]
            if document.danh_sach.trang_tinh
            else []
        ),
        *(
            [f"  huong: {document.danh_sach.huong}"]
            if document.danh_sach.huong != "tu_dong"
            else []
        ),
        "nguoi_ky: ...                  # khóa người ký trong hồ sơ cơ quan",
        "noi_nhan: []                   # “- Như Điều N;” được thêm tự động",
    ]
    return "\n".join(lines) + "\n"
