"""Findings as text for people (Vietnamese) or JSON for programs.

JSON schema (version 1), stable::

    {
      "schema": "docgen-check/1",
      "files": [
        {
          "file": "path/to/document.docx",
          "error": null,                       # or a message when the file could not be read
          "error_kind": null,                  # "unreadable" or "internal" with an error
          "document": {                        # what the checker took the file for (null
            "kind": "cong_van",                #   when unread): the tên loại as an id
            "administrative": true             #   ("quyet_dinh", ...) or null; false: not an
          },                                   #   administrative document, no findings
          "findings": [
            {
              "rule": "BODY.INDENT",            # stable identifier of the rule
              "severity": "error",              # "error" or "warning"
              "location": {                     # null for whole-document findings
                "part": "body",                 # "body" or "đầu trang" (header)
                "paragraph": 12,                # 0-based index in reading order
                "table": null, "row": null, "column": null,   # 0-based, in a table cell
                "description": "đoạn 13"        # the same, for people
              },
              "excerpt": "Để thực hiện thắng lợi…",
              "expected": "lùi đầu dòng 1 – 1,27 cm",
              "found": "0 cm",
              "ref": "Phụ lục I, Mục II.6.e: …",
              "confidence": "certain"           # how sure the paragraph's identification
            }                                   #   is: "certain", "likely" (an error is then
                                                #   a warning) or "guess"; null for findings
                                                #   on the whole document or on the text
                                                #   itself (font, characters). A key added
                                                #   to schema 1; readers ignore unknown keys.
          ],
          "summary": {"errors": 1, "warnings": 0}
        }
      ]
    }

Rule ids (stable):

- page: PAGE_SIZE, ORIENTATION, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT;
- text: FONT, COLOR, TEXT_NFC, TEXT_CHARS, TEXT.NO_DIACRITICS (the only finding of a
  document typed without Vietnamese diacritics, whose components cannot be told);
- components: <KEY>.SIZE, <KEY>.BOLD, <KEY>.ITALIC, <KEY>.CASE, <KEY>.ALIGN (each where the
  component's rule states it) for the keys QUOC_HIEU, TIEU_NGU, CO_QUAN_CHU_QUAN,
  CO_QUAN_BAN_HANH, SO_KY_HIEU, DIA_DANH_NGAY, TEN_LOAI, TRICH_YEU (every line of a trích yếu
  on several lines), CAN_CU, NOI_NHAN_TIEU_DE, NOI_NHAN, THAM_QUYEN, HO_TEN, MUC, PHAN ("Phần
  I", "Phần thứ nhất"), PHAN_TIEU_DE (the title under it), VV, KINH_GUI (every line of the
  block), THAM_QUYEN_BAN_HANH (a decision's authority line), QUYET_DINH_LENH ("QUYẾT ĐỊNH:"),
  KEM_THEO (an attachment's "(Kèm theo ...)" line); QUOC_HIEU.MISSING, TIEU_NGU.MISSING,
  TIEU_NGU.TEXT, QUOC_HIEU.WRAP (wider than its column, so Word wraps it), KINH_GUI.COLON,
  DIEU.BOLD ("Điều N." bold; the article's text may be plain);
- decision (tên loại QUYẾT ĐỊNH, in articles): THAM_QUYEN_BAN_HANH.MISSING,
  QUYET_DINH_LENH.COLON, QUYET_DINH_LENH.MISSING;
- lines: KE_CO_QUAN.MISSING, KE_CO_QUAN.LENGTH, KE_TIEU_NGU.MISSING, KE_TIEU_NGU.LENGTH,
  KE_TRICH_YEU.MISSING, KE_TRICH_YEU.LENGTH (against the longest trích yếu line);
- number and date: SO.FORMAT, SO.LEADING_ZERO, SO.TYPE, SO.MISSING, DATE.FORMAT,
  DATE.DAY_PADDING, DATE.MONTH_PADDING, DATE.MISSING, SO.DATE_ROW (Số and the date on
  different rows of the header table);
- body: BODY.ALIGN, BODY.INDENT, BODY.SPACING, BODY.LINE_SPACING, BODY.SIZE (every body
  paragraph, "- " and "+ " items included), HEADING.SEQUENCE (phần I, II, ...; mục I, II, ...
  afresh in each phần; điều 1, 2, ...; khoản 1, 2, ... afresh in each mục and điều; an
  attachment numbers afresh), HEADING.POINT_LETTER, KHOAN.BOLD (a khoản with a title over
  its own content, number and title not bold), CAN_CU.PUNCTUATION (every line ";", the
  block's last "." — the "Theo đề nghị"/"Xét đề nghị" line when there is one);
- closing: NOI_NHAN.MISSING, NOI_NHAN.COLON, NOI_NHAN.DASH, NOI_NHAN.LUU,
  NOI_NHAN.PUNCTUATION, NOI_NHAN.NHU_DIEU (a decision's first Nơi nhận line is "- Như Điều
  N;", N the article saying who carries it out — the last one saying "thi hành", else the
  last article; reported when the line is missing, not first, or names another or no such
  article), SIGNATURE.MISSING, SIGNATURE.AUTHORITY, SIGNATURE.AGREEMENT (with a decision's
  authority line: no "TM." under the head's power; "TM. <the collective>" first and no "TL.",
  "TUQ." under the collective's), SIGNATURE.PAGE_SPLIT (warning: the Nơi nhận – signature table
  row may break across pages, or the signature paragraphs are not chained with "keep with
  next");
- page numbers: PAGE_NUMBER.MISSING, PAGE_NUMBER.ALIGN, PAGE_NUMBER.SIZE, PAGE_NUMBER.STYLE,
  PAGE_NUMBER.FIRST_PAGE;
- appendices: PHU_LUC.CASE, PHU_LUC.BOLD, PHU_LUC.ALIGN, KEM_THEO.FORMAT ("(Kèm theo ...)" in
  parentheses). An attachment (what follows the signature from a new section or a "Phụ lục"
  heading) is checked with the rules above: its header table (no Số, date nor signature
  needed), heading, title, body paragraphs and numbering; its own section may be landscape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from docgen.check.checker import ERROR, NOT_ADMINISTRATIVE, WARNING, DocumentInfo, Finding
from docgen.check.roles import CERTAIN, GUESS, LIKELY

SCHEMA = "docgen-check/1"
SEVERITY_LABELS = {ERROR: "lỗi", WARNING: "cảnh báo"}
CONFIDENCE_LABELS = {
    LIKELY: "đoạn này có lẽ là thành phần đó, chưa chắc chắn",
    GUESS: "đoạn này được đoán là thành phần đó",
}
"""What the text report says after the rule of a finding on an unsure identification."""


@dataclass
class FileReport:
    """The outcome of checking one file."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    """Why ``error``: "unreadable" (not a .docx, protected, too large...) or "internal"
    (a bug in docgen); None when the file was checked."""
    trace: str | None = field(default=None, repr=False)
    """The traceback of an internal error, shown only with ``--debug``."""
    document: DocumentInfo | None = None
    """What the file was taken for; None when it could not be read."""

    def count(self, severity: str) -> int:
        """Return how many findings have ``severity``."""
        return sum(1 for finding in self.findings if finding.severity == severity)


def finding_dict(finding: Finding) -> dict[str, Any]:
    """Return ``finding`` as the JSON schema's finding object."""
    location = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "location": None
        if location is None
        else {
            "part": location.part,
            "paragraph": location.paragraph,
            "table": location.table,
            "row": location.row,
            "column": location.column,
            "description": location.describe(),
        },
        "excerpt": finding.excerpt,
        "expected": finding.expected,
        "found": finding.found,
        "ref": finding.ref,
        "confidence": finding.confidence,
    }


def to_json(reports: list[FileReport]) -> str:
    """Return the JSON document of ``reports``."""
    files = [
        {
            "file": report.file,
            "error": report.error,
            "error_kind": report.error_kind,
            "document": None
            if report.document is None
            else {"kind": report.document.kind, "administrative": report.document.administrative},
            "findings": [finding_dict(finding) for finding in report.findings],
            "summary": {"errors": report.count(ERROR), "warnings": report.count(WARNING)},
        }
        for report in reports
    ]
    return json.dumps({"schema": SCHEMA, "files": files}, ensure_ascii=False, indent=2)


def to_text(reports: list[FileReport]) -> str:
    """Return ``reports`` as Vietnamese text, one line per finding."""
    lines: list[str] = []
    for report in reports:
        if report.error is not None:
            lines.append(f"{report.file}: không kiểm tra được: {report.error}")
            continue
        if report.document is not None and not report.document.administrative:
            lines.append(f"{report.file}: {NOT_ADMINISTRATIVE} (không kiểm tra thể thức)")
            continue
        for finding in report.findings:
            where = finding.location.describe() if finding.location else "toàn văn bản"
            excerpt = f" “{finding.excerpt}”" if finding.excerpt else ""
            doubt = CONFIDENCE_LABELS.get(finding.confidence or CERTAIN)
            unsure = f" ({doubt})" if doubt else ""
            lines.append(
                f"{report.file}: {where}{excerpt}: {SEVERITY_LABELS[finding.severity]} "
                f"[{finding.rule}]{unsure}: cần {finding.expected}; thực tế: {finding.found} "
                f"({finding.ref})"
            )
        errors, warnings = report.count(ERROR), report.count(WARNING)
        if errors or warnings:
            lines.append(f"{report.file}: {errors} lỗi, {warnings} cảnh báo")
        else:
            lines.append(f"{report.file}: đúng thể thức, không có lỗi")
    return "\n".join(lines)
