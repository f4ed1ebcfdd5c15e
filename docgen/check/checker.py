"""Check a document's facts against the N30 rules; no I/O.

Every finding names its rule, a severity, where it is, what was expected and what was found,
and the decree reference. Rules and their numbers come from :mod:`docgen.rules.n30`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from docx.shared import Length, Mm, Pt

from docgen.check.facts import DocumentFacts, Location, ParagraphFacts
from docgen.check.roles import (
    AUTHORITY_RE,
    CERTAIN,
    CHUONG_RE,
    DIEM_RE,
    DIEU_RE,
    KHOAN_RE,
    MUC_RE,
    PHAN_RE,
    TYPE_NAMES,
    TYPED_LINE_RE,
    Roles,
    authority_kind,
    identify,
    nfc,
    signing_mark,
    signs_for,
)
from docgen.formatting import (
    DOC_TYPE_ABBREVIATIONS,
    ROMAN,
    VIETNAMESE_LETTERS,
    forbidden_text_chars,
    roman,
)
from docgen.rules import n30

ERROR = "error"
WARNING = "warning"
TEXT_RULES = ("FONT", "COLOR", "TEXT_")
PROPOSAL_RE = re.compile(r"^(Theo|Xét) đề nghị\b")
"""An upright "Xét đề nghị ..., ... như sau:" sentence that closes a căn cứ block."""
LEFT_KEYS = {"CO_QUAN_CHU_QUAN", "CO_QUAN_BAN_HANH", "SO_KY_HIEU", "VV"}
"""The components of the header's left column (placed by tabs in a header typed as lines)."""
"""Rules on the characters themselves: they hold whatever the paragraph's role."""
NO_DATE_KINDS = {"phieu_trinh"}
"""Kinds dated in their signature boxes, not under Quốc hiệu (an office's phiếu trình)."""
NO_CLOSING_KINDS = {"phieu_trinh"}
"""Kinds without Nơi nhận: an internal form signed in boxes by each level."""
NOT_ADMINISTRATIVE = "không phải văn bản hành chính theo Nghị định 30"
"""The one notice a file that is not an administrative document gets."""
AUTHORITY_WORDS = {"TM", "KT", "TL", "TUQ", "Q"}
"""The signing-authority abbreviations (Điều 13), as typed when the period is forgotten."""
ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
"""The words of "Phần thứ nhất", "Phần thứ hai", ... in order."""
AGREEMENT_REF = "Điều 13; Phụ lục III, Mẫu 1.2 (chú thích 6); Phụ lục I, Mục II.7"
NHU_DIEU_REF = "Phụ lục III, Mẫu 1.2: Nơi nhận “- Như Điều …;”; Phụ lục I, Mục II.9.b"
NHU_DIEU_RE = re.compile(
    r"^-\s*Như\s+Điều\s+(?P<numbers>\d+(?:\s*(?:,|và)?\s*(?:Điều\s+)?\d+)*)", re.IGNORECASE
)
"""The first Nơi nhận line of a decision: "- Như Điều 3;" (several: "- Như Điều 2, Điều 3;")."""
EXECUTES_RE = re.compile(r"(?<!hiệu lực )thi hành", re.IGNORECASE)
"""An article naming who carries the decision out ("... chịu trách nhiệm thi hành Quyết định
này"), not the one saying when it takes effect ("có hiệu lực thi hành ...")."""
KEM_THEO_REF = "Phụ lục I, Mục III.1; Phụ lục III, Mẫu 1.3"
CLOSING_SPLIT_REF = (
    "Phụ lục I, Mục II.7, II.9.b (thực tiễn): Nơi nhận ngang hàng với quyền hạn, chức vụ "
    "người ký; khối ký không tách sang trang sau"
)


@dataclass(frozen=True)
class Finding:
    """One departure from the rules."""

    rule: str
    severity: str
    location: Location | None
    excerpt: str
    expected: str
    found: str
    ref: str
    confidence: str | None = None
    """How sure the identification of the paragraph's component is (``roles.CERTAIN``,
    ``LIKELY`` or ``GUESS``), for a finding that depends on it; None for a finding on the
    whole document or on the text itself (font, characters), which holds whatever the
    paragraph is."""

    def sort_key(self) -> tuple[int, int, str]:
        part = 0 if self.location is None else (1 if self.location.part == "body" else 0)
        return (part, self.location.paragraph if self.location else -1, self.rule)


ALIGNMENT_NAMES = {
    "left": "canh trái", "center": "canh giữa", "right": "canh phải", "justify": "canh đều hai lề",
}  # fmt: skip


def _alignment(value: str | None) -> str:
    return ALIGNMENT_NAMES.get(value or "left", str(value))


def _excerpt(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pt(value: int | None) -> str:
    return "không đặt" if value is None else f"{Length(value).pt:g} pt"


def _mm(value: int | None) -> str:
    return "không đặt" if value is None else f"{Length(value).mm:.1f} mm"


def _cm(value: int | None) -> str:
    return "0 cm" if not value else f"{Length(value).cm:.2f} cm"


def _nfd_sample(text: str) -> tuple[str, str] | None:
    """Return the first letter of ``text`` written decomposed (NFD) as (the composed letter,
    its code points: "e + U+0302 + U+0303"), or None when the text is NFC."""
    if unicodedata.is_normalized("NFC", text):
        return None
    for start, char in enumerate(text):
        end = start + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        cluster = text[start:end]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster and not unicodedata.combining(char):
            marks = " + ".join(f"U+{ord(mark):04X}" for mark in cluster[1:])
            return composed, f"“{composed}” gõ thành “{char}” + {marks}" if marks else composed
    return unicodedata.normalize("NFC", text)[:1], "chữ tổ hợp"


class Checker:
    """Collects findings for one document."""

    def __init__(self, facts: DocumentFacts) -> None:
        self.facts = facts
        self.roles: Roles = identify(facts)
        self.findings: list[Finding] = []
        self._index = {id(p): i for i, p in enumerate(facts.paragraphs)}
        self._narrowed: list[ParagraphFacts] = []

    def add(
        self,
        rule: str,
        severity: str,
        paragraph: ParagraphFacts | None,
        expected: str,
        found: str,
        ref: str,
        index: int | None = None,
    ) -> None:
        """Record a finding on ``paragraph`` (index ``index`` when it is a narrowed copy); an
        error on a paragraph identified without certainty is recorded as a warning."""
        location = None if paragraph is None else paragraph.location
        excerpt = "" if paragraph is None else _excerpt(paragraph.text)
        confidence = None
        if paragraph is not None and not rule.startswith(TEXT_RULES):
            index = self._index.get(id(paragraph)) if index is None else index
            if index is not None:
                confidence = self.roles.confidence.get(index, CERTAIN)
                # A finding on a component identified only from layout habits may be a
                # misreading: an error there is said as a warning.
                if severity == ERROR and confidence != CERTAIN:
                    severity = WARNING
        finding = Finding(rule, severity, location, excerpt, expected, found, ref, confidence)
        self.findings.append(finding)

    def text_of(self, index: int, role: str) -> str:
        """Return the text of component ``role`` in paragraph ``index``: its part of a header
        line typed with tabs, else the paragraph's text (NFC, trimmed)."""
        return self.roles.segment(index, role) or nfc(self.facts.paragraphs[index].text)

    def paragraph(self, index: int | None) -> ParagraphFacts | None:
        return None if index is None else self.facts.paragraphs[index]

    # -- page ------------------------------------------------------------------------------

    def check_page(self) -> None:
        page = n30.PAGE
        for section in self.facts.sections:
            where = f"phần {section.index + 1}: "
            size_ok = (
                section.page_width is not None
                and section.page_height is not None
                and {round(Length(section.page_width).mm), round(Length(section.page_height).mm)}
                == {210, 297}
            )
            if not size_ok:
                found = f"{_mm(section.page_width)} x {_mm(section.page_height)}"
                self.add("PAGE_SIZE", ERROR, None, where + "khổ A4 210 x 297 mm", found, page.ref)
            # An attachment's wide table may be printed on landscape pages of its own section.
            landscape_allowed = section.index in self.roles.attachment_sections
            if section.orientation != "portrait" and not landscape_allowed:
                self.add(
                    "ORIENTATION", WARNING, None, where + "hướng dọc (trừ khi có bảng biểu rộng)",
                    "hướng ngang", page.ref,
                )  # fmt: skip
            for name, label, rule in page.margins():
                value = getattr(section, name)
                # Word stores 2.5 cm as 1418 twips (25.01 mm): judge to 0.1 mm, as shown.
                if value is None or not rule.allows(int(Mm(round(Length(value).mm, 1)))):
                    expected = f"{where}{label} {_mm(rule.low)} – {_mm(rule.high)}"
                    self.add(f"MARGIN_{name.upper()}", ERROR, None, expected, _mm(value), page.ref)

    # -- text and fonts -------------------------------------------------------------------

    def check_text(self) -> None:
        for paragraph in self.facts.paragraphs:
            # Judged by the font the characters are shown in: a differing East Asian or
            # complex-script slot (eastAsiaTheme="minorHAnsi", which Word writes when Times
            # New Roman is the default) shows nothing of a Vietnamese text.
            fonts = {run.visible_font for run in paragraph.runs}
            wrong = sorted(
                "không đặt (phông mặc định)"
                if font is None
                else str(font).replace("theme:", "phông chủ đề ")
                for font in fonts
                if font != n30.FONT_NAME
            )
            if wrong:
                self.add(
                    "FONT",
                    ERROR,
                    paragraph,
                    n30.FONT_NAME + " (mọi bảng mã)",
                    ", ".join(wrong),
                    n30.FONT_REF,
                )
            colours = {run.color for run in paragraph.runs} - {None, "auto", n30.COLOR_BLACK}
            if colours:
                self.add(
                    "COLOR",
                    ERROR,
                    paragraph,
                    "màu đen",
                    ", ".join(sorted(map(str, colours))),
                    n30.FONT_REF,
                )
            decomposed = _nfd_sample(paragraph.text)
            if decomposed is not None:
                composed, parts = decomposed
                expected = "chữ Unicode dựng sẵn (NFC, TCVN 6909:2001)"
                if len(composed) == 1:
                    expected += f": “{composed}” là một ký tự U+{ord(composed):04X}"
                found = f"dạng NFD (dấu tách rời): {parts}"
                self.add("TEXT_NFC", WARNING, paragraph, expected, found, n30.FONT_REF)
            # The one set of characters render validation refuses too (models/text.py).
            controls = sorted(forbidden_text_chars(paragraph.text))
            if controls:
                self.add(
                    "TEXT_CHARS",
                    ERROR,
                    paragraph,
                    "không có ký tự điều khiển",
                    ", ".join(controls),
                    n30.FONT_REF,
                )

    # -- components -----------------------------------------------------------------------

    def check_component(self, component: n30.Component, indexes: Iterable[int | None]) -> None:
        for index in indexes:
            whole = self.paragraph(index)
            if whole is None or index is None or not whole.runs:
                continue
            paragraph = self._segment_facts(whole, index, component.key)
            key = component.key.upper()
            sizes = {run.size for run in paragraph.runs}
            bad_sizes = sorted(s or 0 for s in sizes if s is None or not component.size.allows(s))
            if bad_sizes:
                expected = f"cỡ chữ {_pt(component.size.low)} – {_pt(component.size.high)}"
                found = ", ".join(_pt(s) for s in bad_sizes)
                self.add(f"{key}.SIZE", ERROR, paragraph, expected, found, component.ref, index)
            if component.bold is not None and any(
                run.bold != component.bold for run in paragraph.runs
            ):
                expected = "chữ đậm" if component.bold else "chữ không đậm"
                found = "có chữ không đậm" if component.bold else "có chữ đậm"
                self.add(f"{key}.BOLD", ERROR, paragraph, expected, found, component.ref, index)
            if component.italic is not None and any(
                run.italic != component.italic for run in paragraph.runs
            ):
                expected = "chữ nghiêng" if component.italic else "chữ đứng (không nghiêng)"
                found = "có chữ đứng" if component.italic else "có chữ nghiêng"
                self.add(f"{key}.ITALIC", ERROR, paragraph, expected, found, component.ref, index)
            if component.case is n30.Case.UPPER and paragraph.text != paragraph.text.upper():
                self.add(
                    f"{key}.CASE",
                    ERROR,
                    paragraph,
                    "chữ in hoa",
                    "có chữ thường",
                    component.ref,
                    index,
                )
            # A header typed as lines is aligned with tabs and blanks, not by the paragraph.
            split = index in self.roles.segments or (
                bool(self.roles.segments) and whole.location.table is None and key in LEFT_KEYS
            )
            wanted = component.align.name.lower()
            # A one-line paragraph "canh đều" prints flush left: offices justify Nơi nhận.
            flush_left = wanted == "left" and paragraph.alignment == "justify"
            if (
                component.check_align
                and not split
                and not flush_left
                and paragraph.alignment != wanted
            ):
                expected = {
                    "center": "canh giữa",
                    "left": "canh trái",
                    "justify": "canh đều hai lề",
                }[component.align.name.lower()]
                self.add(
                    f"{key}.ALIGN",
                    WARNING,
                    paragraph,
                    expected,
                    _alignment(paragraph.alignment),
                    component.ref,
                    index,
                )

    def _segment_facts(self, paragraph: ParagraphFacts, index: int, role: str) -> ParagraphFacts:
        """Return ``paragraph`` narrowed to the runs and text of component ``role`` when it is
        a header line typed with tabs (agency and Quốc hiệu on one line), else unchanged."""
        segment = self.roles.segment(index, role)
        if segment is None:
            return paragraph
        text = unicodedata.normalize("NFC", paragraph.text)
        start = text.find(segment)
        if start < 0:
            return paragraph
        stop, cursor, runs = start + len(segment), 0, []
        for run in paragraph.runs:
            position = text.find(unicodedata.normalize("NFC", run.text), cursor)
            if position < 0:
                continue
            cursor = position + len(run.text)
            if position < stop and cursor > start:
                runs.append(run)
        narrowed = replace(paragraph, text=segment, runs=runs or paragraph.runs)
        # Findings on the copy are findings on paragraph ``index`` (kept alive: ids are reused).
        self._narrowed.append(narrowed)
        self._index[id(narrowed)] = index
        return narrowed

    def part(self, index: int, role: str) -> ParagraphFacts:
        """Return paragraph ``index`` narrowed to component ``role`` (see _segment_facts)."""
        return self._segment_facts(self.facts.paragraphs[index], index, role)

    def check_components(self) -> None:
        roles = self.roles
        self.check_component(n30.QUOC_HIEU, [roles.quoc_hieu])
        self.check_component(n30.TIEU_NGU, [roles.tieu_ngu])
        self.check_component(n30.CO_QUAN_CHU_QUAN, roles.co_quan_chu_quan)
        self.check_component(n30.CO_QUAN_BAN_HANH, roles.co_quan_ban_hanh)
        self.check_component(n30.SO_KY_HIEU, [roles.so_ky_hieu])
        self.check_component(n30.DIA_DANH_NGAY, [roles.dia_danh_ngay])
        self.check_component(n30.TEN_LOAI, [roles.ten_loai])
        self.check_component(n30.TRICH_YEU, roles.trich_yeu)
        self.check_component(n30.THAM_QUYEN_BAN_HANH, [roles.tham_quyen_ban_hanh])
        self.check_component(n30.CAN_CU, roles.can_cu)
        self.check_component(n30.QUYET_DINH_LENH, [roles.quyet_dinh_lenh])
        self.check_component(n30.NOI_NHAN_TIEU_DE, [roles.noi_nhan_tieu_de])
        self.check_component(n30.NOI_NHAN, roles.noi_nhan)
        self.check_component(n30.THAM_QUYEN, roles.tham_quyen)
        self.check_component(n30.HO_TEN, [roles.ho_ten])
        self.check_component(n30.MUC, roles.muc)
        self.check_component(n30.PHAN, roles.phan)
        self.check_component(n30.PHAN_TIEU_DE, roles.phan_tieu_de)
        self.check_component(n30.VV, roles.vv)
        self.check_component(n30.KINH_GUI, roles.kinh_gui)
        for attachment in roles.attachments:
            # Its header and title are typed like the main text's (Mẫu 1.3, Mục III.1).
            self.check_component(n30.QUOC_HIEU, [attachment.quoc_hieu])
            self.check_component(n30.TIEU_NGU, [attachment.tieu_ngu])
            self.check_component(n30.CO_QUAN_CHU_QUAN, attachment.co_quan_chu_quan)
            self.check_component(n30.CO_QUAN_BAN_HANH, attachment.co_quan_ban_hanh)
            self.check_component(n30.TEN_LOAI, [attachment.ten_loai])
            self.check_component(n30.TRICH_YEU, attachment.title)
            self.check_component(n30.KEM_THEO, [attachment.kem_theo])
            self.check_component(n30.MUC, attachment.muc)
            self.check_component(n30.PHAN, attachment.phan)
            self.check_component(n30.PHAN_TIEU_DE, attachment.phan_tieu_de)
            self.check_tieu_ngu_text(attachment.tieu_ngu)
        if roles.kinh_gui:
            first = self.facts.paragraphs[roles.kinh_gui[0]]
            if not re.match(r"^Kính gửi\s*:", nfc(first.text)):
                self.add(
                    "KINH_GUI.COLON", ERROR, first, "“Kính gửi:” có dấu hai chấm",
                    nfc(first.text)[:20], n30.KINH_GUI.ref,
                )  # fmt: skip
        if roles.quoc_hieu is None:
            self.add(
                "QUOC_HIEU.MISSING",
                ERROR,
                None,
                n30.QUOC_HIEU_TEXT,
                "không có",
                n30.QUOC_HIEU.ref,
            )
        if roles.tieu_ngu is None:
            self.add(
                "TIEU_NGU.MISSING", ERROR, None, n30.TIEU_NGU_TEXT, "không có", n30.TIEU_NGU.ref
            )
        else:
            self.check_tieu_ngu_text(roles.tieu_ngu)

    def check_tieu_ngu_text(self, index: int | None) -> None:
        """Check the wording of the Tiêu ngữ line ``index`` (dashes included)."""
        paragraph = self.paragraph(index)
        if paragraph is None or index is None:
            return
        text = self.roles.segment(index, "tieu_ngu") or paragraph.text.strip()
        if text != n30.TIEU_NGU_TEXT:
            self.add("TIEU_NGU.TEXT", ERROR, paragraph, n30.TIEU_NGU_TEXT, text, n30.TIEU_NGU.ref)

    # -- lines ----------------------------------------------------------------------------

    def _line_after(self, index: int) -> tuple[int | None, ParagraphFacts | None]:
        """Return the length of the line drawn under paragraph ``index``, and where it is.

        Offices draw it in many ways, all accepted: a bottom border of the paragraph or a top
        border of the (empty) next one; a cell border; a line shape anchored in the paragraph,
        in the next one of the same cell, or in the paragraphs of the same column in the next
        table row (a shape is placed where it is dragged, whatever its anchor). A line typed
        with characters ("______") has no length to measure: (0, that paragraph).
        """
        paragraphs = self.facts.paragraphs
        own = paragraphs[index]
        place = own.location
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        same_cell = following is not None and (
            following.location.table,
            following.location.row,
            following.location.column,
        ) == (place.table, place.row, place.column)
        empty_next = following is not None and same_cell and not following.text.strip("_—–― \t")
        bordered = [own, *([following] if following is not None and empty_next else [])]
        for paragraph in bordered:
            if paragraph.cell_line:
                return paragraph.cell_line, paragraph
            if paragraph.bottom_border and paragraph.container_width:
                return self._border_length(paragraph), paragraph
        top = following is not None and empty_next and getattr(following, "top_border", False)
        if following is not None and top and following.container_width:
            return self._border_length(following), following
        shaped = [own, *([following] if following is not None and same_cell else [])]
        if place.table is not None and place.row is not None:
            shaped += [
                p for p in paragraphs
                if (p.location.table, p.location.row, p.location.column)
                == (place.table, place.row + 1, place.column)
            ]  # fmt: skip
        for paragraph in shaped:
            if paragraph.drawn_lines:
                return max(paragraph.drawn_lines), paragraph
        if following is not None and same_cell and TYPED_LINE_RE.match(following.text):
            return 0, following
        return None, None

    @staticmethod
    def _border_length(paragraph: ParagraphFacts) -> int:
        """Return the length of a paragraph border: its container less its indents."""
        return max(
            0,
            (paragraph.container_width or 0)
            - (paragraph.left_indent or 0)
            - (paragraph.right_indent or 0),
        )

    @staticmethod
    def _printed_size(paragraph: ParagraphFacts, component: n30.Component) -> Length:
        """Return the size the text above a line is printed in, to measure the line against.

        A size the rule allows is taken as it is (a 13 pt agency name is wider than a 12 pt
        one); a size outside the range is reported by <COMPONENT>.SIZE and measured at the
        nearest allowed size, so that one mistake is not reported twice.
        """
        sizes = [run.size for run in paragraph.runs if run.size is not None]
        if not sizes:
            return Length(component.size.default)
        return Length(min(max(max(sizes), component.size.low), component.size.high))

    def check_line(
        self,
        line: n30.RuleLine,
        indexes: list[int],
        anchor: int | None = None,
        required: bool = True,
    ) -> None:
        """Check the line drawn under the paragraph ``anchor`` (default: the last of
        ``indexes``), measured against the text of ``indexes``; with ``required`` False a
        missing line is no finding."""
        if not indexes:
            return
        paragraphs = [self.facts.paragraphs[i] for i in indexes]
        last = indexes[-1] if anchor is None else anchor
        length, where = self._line_after(last)
        key = line.key.upper()
        if length is None and not required:
            return
        if length is None:
            underlined = any(run.underline for p in paragraphs for run in p.runs)
            if underlined:
                found = "gạch chân chữ (underline) thay cho đường kẻ"
            else:
                found = "không có đường kẻ"
            self.add(
                f"{key}.MISSING", ERROR, paragraphs[-1], f"{line.label}: nét liền", found, line.ref
            )
            return
        if length == 0:
            return  # typed with characters: accepted, its printed length cannot be measured
        width = max(
            int(
                n30.text_width(
                    self.text_of(i, line.measured.key),
                    self._printed_size(p, line.measured),
                    bool(line.measured.bold),
                )
            )
            for i, p in zip(indexes, paragraphs, strict=True)
        )
        if line.measured is not n30.TIEU_NGU and where is not None:
            # A long text wraps: its printed line is at most as wide as its column.
            width = min(width, where.container_width or int(line.container))
        ratio = length / width if width else 0
        low, high = line.fraction
        slack = 0.03  # drawn by hand in Word: a few per cent either way is still "1/3 to 1/2"
        if not low - slack <= ratio <= high + slack:
            expected = f"dài {low:.0%} – {high:.0%} dòng chữ ({_cm(int(width * low))} – {_cm(int(width * high))})"
            self.add(
                f"{key}.LENGTH", WARNING, where, expected, f"{_cm(length)} ({ratio:.0%})", line.ref
            )

    def check_lines(self) -> None:
        roles = self.roles
        self.check_line(n30.LINE_UNDER_CO_QUAN, roles.co_quan_ban_hanh)
        if roles.tieu_ngu is not None:
            self.check_line(n30.LINE_UNDER_TIEU_NGU, [roles.tieu_ngu])
        self.check_line(n30.LINE_UNDER_TRICH_YEU, roles.trich_yeu)
        for attachment in roles.attachments:
            self.check_line(n30.LINE_UNDER_CO_QUAN, attachment.co_quan_ban_hanh)
            if attachment.tieu_ngu is not None:
                self.check_line(n30.LINE_UNDER_TIEU_NGU, [attachment.tieu_ngu])
            anchor = attachment.line_anchor()
            if attachment.title and anchor is not None:
                # The short line under the title block (below the "Kèm theo" line) is the
                # form's (Mẫu 1.3); where it is drawn, it is measured like the trích yếu's.
                self.check_line(n30.LINE_UNDER_TRICH_YEU, attachment.title, anchor, required=False)

    # -- number, date, type ----------------------------------------------------------------

    SO_FORMAT = re.compile(r"^Số:\s*(?P<number>\d*)\s*/(?P<symbol>\S+)$")

    def check_so(self) -> None:
        paragraph = self.paragraph(self.roles.so_ky_hieu)
        ref = n30.SO_KY_HIEU.ref
        if paragraph is None or self.roles.so_ky_hieu is None:
            self.add("SO.MISSING", ERROR, None, "dòng “Số: …/…”", "không có", ref)
            return
        text = self.text_of(self.roles.so_ky_hieu, "so_ky_hieu")
        match = self.SO_FORMAT.match(text)
        if match is None:
            self.add(
                "SO.FORMAT",
                ERROR,
                paragraph,
                "Số: <số>/<ký hiệu> (ký hiệu viết liền, không dấu cách)",
                text,
                ref,
            )
            return
        number = match.group("number")
        if (number and (int(number) < 10) != number.startswith("0")) or (
            number.startswith("0") and len(number) > 2
        ):
            self.add("SO.LEADING_ZERO", ERROR, paragraph, "số nhỏ hơn 10 viết 01 – 09", number, ref)
        type_index = self.roles.ten_loai
        type_name = (
            None
            if type_index is None
            else " ".join(nfc(self.facts.paragraphs[type_index].text).upper().split())
        )
        if type_name in TYPE_NAMES:  # a tên loại Phụ lục III abbreviates
            name = TYPE_NAMES[type_name]
            abbreviation = DOC_TYPE_ABBREVIATIONS[name]
            first = match.group("symbol").split("-")[0]
            if first != abbreviation:
                expected = f"ký hiệu bắt đầu bằng {abbreviation}- (tên loại {name.upper()})"
                self.add(
                    "SO.TYPE",
                    ERROR,
                    paragraph,
                    expected,
                    match.group("symbol"),
                    "Phụ lục III, Mục I",
                )

    def check_header_row(self) -> None:
        """Số (ô 3) and the place and date (ô 4) stand on one line of the header."""
        so, date = self.paragraph(self.roles.so_ky_hieu), self.paragraph(self.roles.dia_danh_ngay)
        if so is None or date is None or so is date:
            return
        here, there = so.location, date.location
        if here.table is None or here.table != there.table or here.row == there.row:
            return
        self.add(
            "SO.DATE_ROW",
            ERROR,
            date,
            "số, ký hiệu và địa danh, ngày tháng trên cùng một dòng",
            f"số ở hàng {here.row + 1}, ngày tháng ở hàng {(there.row or 0) + 1}",  # type: ignore[operator]
            "Phụ lục I, Mục II.3, II.4; Phụ lục III, Mẫu 1.1",
        )

    WRAP_TOLERANCE = 1.08
    """The metrics run about 5% wider than LibreOffice's rendering of the bold Quốc hiệu (9.57
    against 9.14 cm measured on a real letter): only a clear excess is a wrap."""

    def check_quoc_hieu_width(self) -> None:
        """The Quốc hiệu is printed on one line: wider than its column, Word wraps it."""
        paragraph = self.paragraph(self.roles.quoc_hieu)
        if paragraph is None or paragraph.container_width is None or self.roles.quoc_hieu is None:
            return
        if self.roles.segment(self.roles.quoc_hieu, "quoc_hieu"):
            return  # typed on one line with the agency: its width is the line's
        # Measured at the nearest allowed size: a size outside the range is QUOC_HIEU.SIZE's.
        size = self._printed_size(paragraph, n30.QUOC_HIEU)
        bold = any(run.bold for run in paragraph.runs)
        width = n30.text_width(nfc(paragraph.text).strip(), size, bold)
        room = (
            paragraph.container_width - (paragraph.left_indent or 0) - (paragraph.right_indent or 0)
        )
        if room > 0 and width > room * self.WRAP_TOLERANCE:
            self.add(
                "QUOC_HIEU.WRAP",
                ERROR,
                paragraph,
                "Quốc hiệu trên một dòng",
                f"rộng {_cm(width)}, cột chỉ {_cm(room)}: xuống hai dòng (thu nhỏ cỡ chữ về "
                "12–13 pt hoặc nới rộng cột)",
                n30.QUOC_HIEU.ref,
            )

    DATE_FORMAT = re.compile(
        r"^(?P<place>[^,]+), ngày(?P<day>\s*\d*\s*)tháng(?P<month>\s*\d*\s*)năm\s*(?P<year>\d{4})?\s*$"
    )

    def check_date(self) -> None:
        paragraph = self.paragraph(self.roles.dia_danh_ngay)
        ref = n30.DIA_DANH_NGAY.ref
        if paragraph is None or self.roles.dia_danh_ngay is None:
            if self.roles.kind in NO_DATE_KINDS:
                return
            self.add(
                "DATE.MISSING",
                ERROR,
                None,
                "dòng “Địa danh, ngày … tháng … năm …”",
                "không có",
                ref,
            )
            return
        text = self.text_of(self.roles.dia_danh_ngay, "dia_danh_ngay")
        match = self.DATE_FORMAT.match(text)
        if match is None:
            self.add(
                "DATE.FORMAT", ERROR, paragraph, "<Địa danh>, ngày DD tháng MM năm YYYY", text, ref
            )
            return
        day, month = match.group("day").strip(), match.group("month").strip()
        if day and (int(day) < 10) != (len(day) == 2 and day.startswith("0")) and int(day) < 10:
            self.add("DATE.DAY_PADDING", ERROR, paragraph, "ngày nhỏ hơn 10 viết 01 – 09", day, ref)
        if month:
            wanted = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
            if month != wanted:
                self.add(
                    "DATE.MONTH_PADDING",
                    ERROR,
                    paragraph,
                    f"tháng {wanted} (chỉ tháng 1, 2 thêm số 0)",
                    month,
                    ref,
                )

    # -- body -------------------------------------------------------------------------------

    @functools.cached_property
    def body_set(self) -> frozenset[int]:
        """Return the body paragraphs (main text and attachments) as a set."""
        return frozenset(self.body_indexes())

    def body_indexes(self) -> list[int]:
        """Return the body paragraphs of the main text and of every attachment, in order."""
        return [*self.roles.body, *(i for a in self.roles.attachments for i in a.body)]

    def check_body(self) -> None:
        first_low, first_high = n30.BODY_FIRST_LINE_INDENT.low, n30.BODY_FIRST_LINE_INDENT.high
        roles = self.roles
        headings = {*roles.muc, *(i for a in roles.attachments for i in a.muc)}
        for index in self.body_indexes():
            paragraph = self.facts.paragraphs[index]
            if not paragraph.runs:
                continue
            # A mục heading's size and alignment are checked as MUC.SIZE and MUC.ALIGN.
            heading = index in headings
            if paragraph.alignment != "justify" and not heading:
                self.add(
                    "BODY.ALIGN",
                    ERROR,
                    paragraph,
                    "canh đều hai lề",
                    _alignment(paragraph.alignment),
                    n30.BODY_REF,
                )
            indent = paragraph.first_line_indent or 0
            # A tab typed at the start indents the first line to the first tab stop (1,27 cm
            # by default): what the eye sees is the indent the decree asks for.
            tabbed = indent == 0 and paragraph.text.startswith("\t")
            if not tabbed and not first_low - n30.HALF_TWIP <= indent <= first_high + n30.HALF_TWIP:
                self.add(
                    "BODY.INDENT",
                    ERROR,
                    paragraph,
                    "lùi đầu dòng 1 – 1,27 cm",
                    _cm(indent),
                    n30.BODY_REF,
                )
            gap = (paragraph.space_before or 0) + (paragraph.space_after or 0)
            if gap < n30.BODY_PARAGRAPH_SPACING_MIN - n30.HALF_TWIP:
                self.add(
                    "BODY.SPACING",
                    ERROR,
                    paragraph,
                    "cách đoạn tối thiểu 6 pt",
                    _pt(gap),
                    n30.BODY_REF,
                )
            spacing = paragraph.line_spacing
            low, high = n30.BODY_LINE_SPACING
            size = max((run.size or Pt(14) for run in paragraph.runs), default=Pt(14))
            if isinstance(spacing, float):
                ok, shown = low <= spacing <= high, f"{spacing:g} dòng"
            elif isinstance(spacing, int):
                # An exact height: single spacing of Times New Roman is about 1.15 × its size.
                ok, shown = size * low <= spacing <= size * 1.15 * high, _pt(spacing)
            else:
                ok, shown = True, ""
            if not ok:
                self.add(
                    "BODY.LINE_SPACING",
                    ERROR,
                    paragraph,
                    "giãn dòng từ 1 dòng đến 1,5 dòng",
                    shown,
                    n30.BODY_REF,
                )
            sizes = {run.size for run in paragraph.runs}
            if not heading and any(s is None or not n30.NOI_DUNG.size.allows(s) for s in sizes):
                found = ", ".join(_pt(s) for s in sorted(s or 0 for s in sizes))
                self.add("BODY.SIZE", ERROR, paragraph, "cỡ chữ 13 – 14 pt", found, n30.BODY_REF)

    @staticmethod
    def _phan_number(text: str) -> str | None:
        """Return the number of a "Phần ..." or "Chương ..." line as a Roman numeral; None
        when it is not "Phần <I, II, ...>", "Phần thứ <nhất ... mười>" nor "Chương <I, ...>"."""
        match = PHAN_RE.match(text) or CHUONG_RE.match(text)
        number = "" if match is None else match.group("number")
        if re.fullmatch(ROMAN, number):
            return number
        words = number.lower().split()[1:]  # the words after "thứ"
        if len(words) == 1 and words[0] in ORDINALS:
            return roman(ORDINALS.index(words[0]) + 1)
        return None

    def check_numbering(self) -> None:
        roles = self.roles
        self.check_sequence(roles.phan, roles.muc, roles.khoan, roles.dieu)
        self.check_point_letters(roles.diem)
        for attachment in roles.attachments:
            # An attachment is a text of its own: its numbering starts afresh.
            self.check_sequence(attachment.phan, attachment.muc, attachment.khoan, attachment.dieu)
            self.check_point_letters(attachment.diem)

    KHOAN_TITLE_REF = "Phụ lục I, Mục II.6.b: khoản có tiêu đề thì số và tiêu đề in đậm"

    def check_khoan_titles(self) -> None:
        """A khoản with a title (a heading over its own content, not a sentence) is bold."""
        roles = self.roles
        groups = [(roles.khoan, roles.muc), *((a.khoan, a.muc) for a in roles.attachments)]
        for khoan, muc in groups:
            headings = {*khoan, *muc}
            for index in khoan:
                paragraph = self.facts.paragraphs[index]
                text = nfc(paragraph.text).strip()
                match = KHOAN_RE.match(text)
                title = text[match.end() :].strip() if match else ""
                following = index + 1
                # A title ends without punctuation and has content of its own below it.
                if (
                    not title
                    or title[-1] in ".;:!?…)"
                    or len(title) > 150
                    or following >= len(self.facts.paragraphs)
                    or following in headings
                    or following not in self.body_set
                ):
                    continue
                # A bold number before plain text is a numbered sentence set that way on
                # purpose (as docgen sets one); a title typed wholly plain is the mistake.
                runs = [run for run in paragraph.runs if run.text.strip()]
                if runs and not any(run.bold for run in runs):
                    self.add(
                        "KHOAN.BOLD", ERROR, paragraph, "số và tiêu đề khoản in đậm",
                        "không đậm", self.KHOAN_TITLE_REF,
                    )  # fmt: skip

    def check_sequence(
        self, phan: list[int], muc: list[int], khoan: list[int], dieu: list[int]
    ) -> None:
        """Check the numbers of phần (I, II, ...), mục (I, II, ... afresh in each phần),
        điều (1, 2, ... through the text) and khoản (1, 2, ... afresh in each mục and điều)."""
        ref = "Phụ lục I, Mục II.6.b"
        phan_position = muc_position = khoan_expected = dieu_expected = 0
        for index in sorted(phan + muc + khoan + dieu):
            paragraph = self.facts.paragraphs[index]
            text = self.roles.texts[index]  # with the number Word shows, if numbered by Word
            if index in phan:
                phan_position += 1
                muc_position = khoan_expected = 0
                found = self._phan_number(text)
                if found is not None and found != roman(phan_position):
                    part = "chương" if CHUONG_RE.match(text) else "phần"
                    expected = f"{part} số {roman(phan_position)}"
                    self.add("HEADING.SEQUENCE", ERROR, paragraph, expected, text, ref)
            elif index in muc:
                muc_position += 1
                khoan_expected = 0
                number = MUC_RE.match(text).group("number")  # type: ignore[union-attr]
                if number != roman(muc_position):
                    expected = f"mục số {roman(muc_position)}"
                    self.add("HEADING.SEQUENCE", ERROR, paragraph, expected, number, ref)
            elif index in dieu:
                dieu_expected += 1
                khoan_expected = 0
                article = int(DIEU_RE.match(text).group("number"))  # type: ignore[union-attr]
                if article != dieu_expected:
                    self.add(
                        "HEADING.SEQUENCE", ERROR, paragraph, f"điều số {dieu_expected}",
                        str(article), ref,
                    )  # fmt: skip
                    dieu_expected = article  # one slip is one finding, not one per later điều
            else:
                khoan_expected += 1
                number = int(KHOAN_RE.match(text).group("number"))  # type: ignore[union-attr]
                if number != khoan_expected:
                    self.add(
                        "HEADING.SEQUENCE", WARNING, paragraph, f"khoản số {khoan_expected}",
                        str(number), ref,
                    )  # fmt: skip
                    khoan_expected = number  # one slip is one finding, not one per later khoản

    def check_point_letters(self, diem: list[int]) -> None:
        """Check that điểm are lettered with the Vietnamese alphabet (no f, j, w, z)."""
        for index in diem:
            paragraph = self.facts.paragraphs[index]
            letter = DIEM_RE.match(self.roles.texts[index]).group("number")  # type: ignore[union-attr]
            if letter not in VIETNAMESE_LETTERS:
                self.add(
                    "HEADING.POINT_LETTER",
                    ERROR,
                    paragraph,
                    "chữ cái tiếng Việt (không f, j, w, z)",
                    letter,
                    "Phụ lục I, Mục II.6.b",
                )

    def check_articles(self) -> None:
        """Check that "Điều N." is bold at the start of each article; the article's text after
        it may be upright and not bold (practice when the article has no title)."""
        for index in [*self.roles.dieu, *(i for a in self.roles.attachments for i in a.dieu)]:
            paragraph = self.facts.paragraphs[index]
            prefix = DIEU_RE.match(nfc(paragraph.text))
            if prefix is None:
                continue
            # Count letters, not characters: runs of blanks hold no visible text and are not
            # among the facts' runs ("Điều", " ", "1." typed as three runs is still bold).
            wanted = len("".join(prefix.group(0).split()))
            covered, bold = 0, True
            for run in paragraph.runs:
                if covered >= wanted:
                    break
                bold = bold and run.bold
                covered += len("".join(run.text.split()))
            if not bold:
                self.add(
                    "DIEU.BOLD", ERROR, paragraph, "“Điều, số thứ tự” chữ đậm", "không đậm",
                    n30.DIEU.ref,
                )  # fmt: skip

    def check_can_cu(self) -> None:
        """Check the punctuation of the căn cứ block (Mục II.6.a; Mẫu 1.2): every line ends
        with ";" but the block's last, which ends with "." — the "Theo đề nghị ..." ("Xét đề
        nghị ...") line of a decision when there is one, else the last "Căn cứ ..." line."""
        ref = n30.CAN_CU.ref
        lines = [self.facts.paragraphs[i] for i in self.roles.can_cu]
        texts = self.roles.texts
        after = self.roles.can_cu[-1] + 1 if self.roles.can_cu else len(texts)
        while after < len(texts) and not texts[after]:
            after += 1
        # "Căn cứ ...;" then "Xét đề nghị ..., Ủy ban nhân dân tỉnh thông báo:" is one block
        # whose last line is the opening sentence: the căn cứ lines all end with ";".
        continued = after < len(texts) and PROPOSAL_RE.match(texts[after]) is not None
        for position, paragraph in enumerate(lines):
            text = paragraph.text.rstrip()
            last = position == len(lines) - 1
            wanted = "." if last else ";"
            if not text.endswith(wanted) and not (last and continued and text.endswith(";")):
                self.add(
                    "CAN_CU.PUNCTUATION",
                    ERROR,
                    paragraph,
                    f"kết thúc bằng “{wanted}”",
                    f"“{text[-1:]}”",
                    ref,
                )

    def check_noi_nhan(self) -> None:
        ref = n30.NOI_NHAN.ref
        heading = (
            None
            if self.roles.noi_nhan_tieu_de is None
            else self.part(self.roles.noi_nhan_tieu_de, "noi_nhan_tieu_de")
        )
        if heading is None:
            if self.roles.kind not in NO_CLOSING_KINDS:
                self.add("NOI_NHAN.MISSING", ERROR, None, "khối “Nơi nhận:”", "không có", ref)
            return
        if not heading.text.strip().endswith(":"):
            self.add(
                "NOI_NHAN.COLON",
                ERROR,
                heading,
                "“Nơi nhận:” có dấu hai chấm",
                heading.text.strip(),
                ref,
            )
        items = [self.part(i, "noi_nhan") for i in self.roles.noi_nhan]
        for position, paragraph in enumerate(items):
            text = paragraph.text.strip()
            last = position == len(items) - 1
            if not text.startswith("-"):
                self.add(
                    "NOI_NHAN.DASH", ERROR, paragraph, "bắt đầu bằng “-”", f"“{text[:1]}”", ref
                )
            if last:
                if not re.match(r"^-\s*Lưu\s*:\s*VT\b.*\.$", text):
                    self.add(
                        "NOI_NHAN.LUU",
                        ERROR,
                        paragraph,
                        "dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.”",
                        text,
                        ref,
                    )
            elif not text.endswith(";"):
                self.add(
                    "NOI_NHAN.PUNCTUATION",
                    ERROR,
                    paragraph,
                    "kết thúc bằng “;”",
                    f"“{text[-1:]}”",
                    ref,
                )

    def is_decision(self) -> bool:
        """Return True for a decision laid out in articles (Mẫu 1.2, 1.3)."""
        return self.roles.decision and bool(self.roles.dieu)

    def check_decision(self) -> None:
        """Check the lines a decision has and other texts do not: the authority line under the
        title and "QUYẾT ĐỊNH:" before the articles (Mẫu 1.2, 1.3)."""
        roles = self.roles
        ref = n30.QUYET_DINH_LENH.ref
        line = self.paragraph(roles.quyet_dinh_lenh)
        if line is not None and not nfc(line.text).endswith(":"):
            self.add(
                "QUYET_DINH_LENH.COLON", ERROR, line, "“QUYẾT ĐỊNH:” có dấu hai chấm",
                nfc(line.text), ref,
            )  # fmt: skip
        if not self.is_decision():
            return
        if line is None:
            first = self.facts.paragraphs[roles.dieu[0]]
            self.add(
                "QUYET_DINH_LENH.MISSING", ERROR, first, "dòng “QUYẾT ĐỊNH:” trước Điều 1",
                "không có", ref,
            )  # fmt: skip
        if roles.tham_quyen_ban_hanh is None:
            self.add(
                "THAM_QUYEN_BAN_HANH.MISSING", ERROR, None,
                "dòng thẩm quyền ban hành dưới trích yếu (“CHỦ TỊCH ỦY BAN NHÂN DÂN …” hoặc "
                "“ỦY BAN NHÂN DÂN …”)",
                "không có", n30.THAM_QUYEN_BAN_HANH.ref,
            )  # fmt: skip

    def article_number(self, index: int) -> int:
        """Return the number of the article whose "Điều N." paragraph is ``index``."""
        match = DIEU_RE.match(self.roles.texts[index])
        assert match is not None  # roles put only "Điều N." paragraphs among the articles
        return int(match.group("number"))

    def executing_article(self) -> int | None:
        """Return the number of the article that names who carries out the decision: the last
        one saying "... thi hành ..." (its khoản included), else the last article."""
        roles = self.roles
        if not roles.dieu:
            return None
        numbers: list[int] = []
        executing = None
        bounds = [*roles.dieu[1:], roles.closing_end]
        body = sorted(roles.body)
        for start, stop in zip(roles.dieu, bounds, strict=True):
            number = self.article_number(start)
            numbers.append(number)
            text = " ".join(self.facts.paragraphs[i].text for i in body if start <= i < stop)
            if EXECUTES_RE.search(text):
                executing = number
        return executing if executing is not None else numbers[-1]

    def check_nhu_dieu(self) -> None:
        """Check the first Nơi nhận line of a decision: "- Như Điều N;", N the article that
        names who carries the decision out (normally the last; Mẫu 1.2)."""
        roles = self.roles
        if not self.is_decision() or roles.noi_nhan_tieu_de is None:
            return
        wanted = self.executing_article()
        existing = {self.article_number(index) for index in roles.dieu}
        expected = f"dòng đầu tiên “- Như Điều {wanted};” (điều quy định trách nhiệm thi hành)"
        items = [self.part(i, "noi_nhan") for i in roles.noi_nhan]
        lines = [(p, NHU_DIEU_RE.match(nfc(p.text))) for p in items]
        found = next(((p, m) for p, m in lines if m is not None), None)
        if found is None:
            where = items[0] if items else self.paragraph(roles.noi_nhan_tieu_de)
            shown = (
                f"không có dòng “- Như Điều …”; dòng đầu: {nfc(items[0].text)}"
                if items
                else "không có"
            )
            self.add("NOI_NHAN.NHU_DIEU", ERROR, where, expected, shown, NHU_DIEU_REF)
            return
        paragraph, match = found
        numbers = {int(n) for n in re.findall(r"\d+", match.group("numbers"))}
        missing = sorted(numbers - existing)
        if missing:
            shown = f"{nfc(paragraph.text)} (không có Điều {', '.join(map(str, missing))})"
            self.add("NOI_NHAN.NHU_DIEU", ERROR, paragraph, expected, shown, NHU_DIEU_REF)
        elif wanted not in numbers:
            self.add(
                "NOI_NHAN.NHU_DIEU", ERROR, paragraph, expected, nfc(paragraph.text), NHU_DIEU_REF
            )
        elif paragraph is not items[0]:
            shown = f"“{nfc(paragraph.text)}” không ở dòng đầu"
            self.add("NOI_NHAN.NHU_DIEU", ERROR, paragraph, expected, shown, NHU_DIEU_REF)

    def check_signature(self) -> None:
        ref = n30.THAM_QUYEN.ref
        lines = [self.part(i, "tham_quyen") for i in self.roles.tham_quyen]
        if self.roles.noi_nhan_tieu_de is not None and self.roles.ho_ten is None:
            self.add(
                "SIGNATURE.MISSING", ERROR, None, "chức vụ và họ tên người ký", "không có", ref
            )
            return
        for paragraph in lines[:-1]:
            text = nfc(paragraph.text)
            first = text.split()[0]
            # "TM.ỦY BAN", "T.M. ỦY BAN", and "TM ỦY BAN" / "KT GIÁM ĐỐC" without the period.
            abbreviation = "." in first or first in AUTHORITY_WORDS
            if abbreviation and not AUTHORITY_RE.match(text):
                self.add(
                    "SIGNATURE.AUTHORITY",
                    ERROR,
                    paragraph,
                    "TM., KT., Q., TL. hoặc TUQ.",
                    text.split()[0],
                    ref,
                )
        self.check_agreement(lines)

    def check_agreement(self, lines: list[ParagraphFacts]) -> None:
        """Check that the signature agrees with the decision's authority line (Điều 13).

        The head's power ("CHỦ TỊCH ỦY BAN NHÂN DÂN ..."): the head signs in his own name, or
        a deputy "KT."; never "TM.", which signs on behalf of a collective. The collective's
        power ("ỦY BAN NHÂN DÂN ..."): the first line is "TM. <the collective>"; "TL." and
        "TUQ." (by order or authorisation of a head) have no place under it. At most one
        finding per signature: the first disagreement.
        """
        authority = self.paragraph(self.roles.tham_quyen_ban_hanh)
        if authority is None or not lines:
            return
        kind = authority_kind(authority.text)
        texts = [nfc(line.text) for line in lines]
        if kind == "head":
            on_behalf = next((p for p in lines if signing_mark(p.text)[0] == "TM"), None)
            if on_behalf is not None:
                self.add(
                    "SIGNATURE.AGREEMENT", ERROR, on_behalf,
                    "không ký “TM.”: thẩm quyền ban hành thuộc người đứng đầu "
                    f"({nfc(authority.text)}); “TM.” chỉ dùng khi ký thay mặt tập thể",
                    nfc(on_behalf.text), AGREEMENT_REF,
                )  # fmt: skip
        elif kind == "collective":
            name = nfc(authority.text)
            if not signs_for(texts[0], name):
                self.add(
                    "SIGNATURE.AGREEMENT", ERROR, lines[0],
                    f"dòng đầu “TM. {self._collective(name)}”: thẩm quyền ban hành thuộc tập "
                    "thể, người ký thay mặt tập thể",
                    texts[0], AGREEMENT_REF,
                )  # fmt: skip
                return
            delegated = next((p for p in lines if signing_mark(p.text)[0] in ("TL", "TUQ")), None)
            if delegated is not None:
                self.add(
                    "SIGNATURE.AGREEMENT", ERROR, delegated,
                    "không ký “TL.”, “TUQ.” dưới thẩm quyền của tập thể (chỉ “TM.”, rồi chức "
                    "vụ hoặc “KT.” người đứng đầu)",
                    nfc(delegated.text), AGREEMENT_REF,
                )  # fmt: skip

    @staticmethod
    def _collective(authority: str) -> str:
        """Return the collective's name as "TM." writes it: the authority line without the
        place ("ỦY BAN NHÂN DÂN" for "ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ")."""
        match = re.match(
            r"^(.*?)\s+(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b", authority
        )
        return match.group(1) if match else authority

    def closing_split(self) -> tuple[ParagraphFacts, str, str] | None:
        """Return where and how the closing block can break across pages, or None.

        Laid out as a table, the row holding Nơi nhận and the signature must not break
        ("cantSplit"); laid out as paragraphs, every paragraph from the first authority line
        down to the line above the signer's name must be kept with the next one. Returns the
        paragraph to point at, what is expected and what was found.
        """
        roles = self.roles
        heading = self.paragraph(roles.noi_nhan_tieu_de)
        if heading is None or roles.ho_ten is None or not roles.tham_quyen:
            return None
        if heading.location.table is not None:
            if heading.row_cant_split:
                return None
            return (
                heading, "hàng Nơi nhận – chữ ký không bị ngắt sang trang (cantSplit)",
                "hàng bảng có thể bị ngắt giữa hai trang",
            )  # fmt: skip
        chain = range(roles.tham_quyen[0], roles.ho_ten)
        loose = [i for i in chain if not self.facts.paragraphs[i].keep_with_next]
        if not loose:
            return None
        first = self.facts.paragraphs[loose[0]]
        found = f"{len(loose)} đoạn không “giữ với đoạn sau” (keep with next)"
        return first, "các dòng từ quyền hạn đến họ tên người ký giữ liền trang", found

    def check_closing_split(self) -> None:
        split = self.closing_split()
        if split is not None:
            paragraph, expected, found = split
            self.add("SIGNATURE.PAGE_SPLIT", WARNING, paragraph, expected, found, CLOSING_SPLIT_REF)

    def check_page_numbers(self) -> None:
        ref = n30.PAGE_NUMBER_REF
        for section in self.facts.sections:
            if section.index > 0 and section.page_number is None:
                continue
            number = section.page_number
            # N30 shows no number on page 1, so a one-page document needs none.
            if number is None and self.facts.page_count == 1:
                continue
            if number is None:
                found = (
                    "số trang ở chân trang"
                    if section.page_number_in_footer
                    else "không có số trang"
                )
                self.add(
                    "PAGE_NUMBER.MISSING", ERROR, None, "số trang canh giữa ở lề trên", found, ref
                )
                continue
            if number.alignment != "center":
                self.add(
                    "PAGE_NUMBER.ALIGN",
                    ERROR,
                    number,
                    "canh giữa",
                    _alignment(number.alignment),
                    ref,
                )
            for run in number.runs:
                if run.size is not None and not n30.SO_TRANG.size.allows(run.size):
                    self.add(
                        "PAGE_NUMBER.SIZE", ERROR, number, "cỡ chữ 13 – 14 pt", _pt(run.size), ref
                    )
                if run.bold or run.italic:
                    self.add(
                        "PAGE_NUMBER.STYLE",
                        ERROR,
                        number,
                        "chữ đứng, không đậm",
                        "đậm hoặc nghiêng",
                        ref,
                    )
                break
            if section.index == 0 and section.first_page_number:
                self.add(
                    "PAGE_NUMBER.FIRST_PAGE",
                    ERROR,
                    None,
                    "không hiện số trang ở trang đầu",
                    "trang đầu có số trang",
                    ref,
                )

    def check_appendix(self) -> None:
        for index in self.roles.phu_luc:
            paragraph = self.facts.paragraphs[index]
            text = nfc(paragraph.text)
            ref = "Phụ lục I, Mục III.1"
            if text.startswith("PHỤ LỤC"):
                self.add("PHU_LUC.CASE", WARNING, paragraph, "“Phụ lục” chữ thường", text, ref)
            if not all(run.bold for run in paragraph.runs):
                self.add("PHU_LUC.BOLD", ERROR, paragraph, "chữ đậm", "có chữ không đậm", ref)
            if paragraph.alignment != "center":
                self.add(
                    "PHU_LUC.ALIGN",
                    ERROR,
                    paragraph,
                    "canh giữa",
                    _alignment(paragraph.alignment),
                    ref,
                )

    def check_kem_theo(self) -> None:
        """Check the wording frame of each attachment's reference line: "(Kèm theo ...)" in
        parentheses (Mục III.1; Mẫu 1.3). Its number and date may be blanks in a draft."""
        for attachment in self.roles.attachments:
            paragraph = self.paragraph(attachment.kem_theo)
            if paragraph is None:
                continue
            text = nfc(paragraph.text)
            if not (re.match(r"^\(Kèm theo\s", text) and text.endswith(")")):
                self.add(
                    "KEM_THEO.FORMAT", ERROR, paragraph,
                    "“(Kèm theo <tên loại> số …/… ngày … tháng … năm … của …)” trong ngoặc đơn",
                    _excerpt(text, 40), KEM_THEO_REF,
                )  # fmt: skip

    def run(self) -> list[Finding]:
        """Return every finding, in document order."""
        self.check_page()
        self.check_text()
        self.check_components()
        self.check_lines()
        self.check_so()
        self.check_date()
        self.check_header_row()
        self.check_quoc_hieu_width()
        self.check_body()
        self.check_numbering()
        self.check_khoan_titles()
        self.check_articles()
        self.check_can_cu()
        self.check_decision()
        self.check_noi_nhan()
        self.check_nhu_dieu()
        self.check_signature()
        self.check_closing_split()
        self.check_page_numbers()
        self.check_appendix()
        self.check_kem_theo()
        return sorted(self.findings, key=Finding.sort_key)


@dataclass(frozen=True)
class DocumentInfo:
    """What the checker took the document for."""

    kind: str | None
    """"cong_van", "quyet_dinh", "ke_hoach", ... or None when it cannot be told."""
    administrative: bool
    """False for a file that is not an administrative document (no N30 rules applied)."""


def examine(facts: DocumentFacts) -> tuple[list[Finding], DocumentInfo]:
    """Return the N30 findings of a document's facts and what the document is.

    A file that is not an administrative document gets no finding: the N30 rules do not
    apply to it (the report says so once, from :class:`DocumentInfo`).
    """
    checker = Checker(facts)
    roles = checker.roles
    unaccented = None if roles.administrative else _typed_without_diacritics(facts)
    if unaccented is not None:
        # Nothing can be identified in such a file: one finding says why, not a "missing"
        # finding per component.
        return [unaccented], DocumentInfo(None, True)
    info = DocumentInfo(roles.kind if roles.administrative else None, roles.administrative)
    if not roles.administrative:
        return [], info
    return checker.run(), info


UNACCENTED_QUOC_HIEU = re.compile(r"CONG HOA XA HOI CHU NGHIA VIET NAM")
VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
"""The combining marks of Vietnamese letters (tones, circumflex, breve, horn), once in NFD."""


def _typed_without_diacritics(facts: DocumentFacts) -> Finding | None:
    """Return the finding of an administrative document typed without Vietnamese diacritics
    (its Quốc hiệu reads "CONG HOA XA HOI CHU NGHIA VIET NAM"), or None."""
    for paragraph in facts.paragraphs[:40]:
        text = " ".join(unicodedata.normalize("NFC", paragraph.text).upper().split())
        if UNACCENTED_QUOC_HIEU.search(text) is None:
            continue
        letters = unicodedata.normalize("NFD", "".join(p.text for p in facts.paragraphs))
        marks = sum(1 for c in letters if c in VIETNAMESE_MARKS) + letters.count("đ")
        if marks > len(letters) // 200:  # a few accents: the text is Vietnamese after all
            return None
        return Finding(
            "TEXT.NO_DIACRITICS",
            ERROR,
            paragraph.location,
            _excerpt(paragraph.text),
            "tiếng Việt có dấu, bộ mã Unicode (TCVN 6909:2001)",
            "văn bản gõ không dấu: không nhận ra được thành phần thể thức nào",
            n30.FONT_REF,
        )
    return None


def check(facts: DocumentFacts) -> list[Finding]:
    """Return the N30 findings of a document's facts (none for a file that is not an
    administrative document)."""
    return examine(facts)[0]
