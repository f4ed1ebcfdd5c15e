"""Identify the N30 components of a document from its paragraphs' text and position.

Works on documents docgen did not make: roles come from what the text says ("Số:", "Nơi
nhận:", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ...) and where it stands, not from style names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from docgen.check.facts import DocumentFacts, ParagraphFacts
from docgen.formatting import DOC_TYPE_ABBREVIATIONS, PART_NUMBER, ROMAN

QUOC_HIEU_RE = re.compile(r"^CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
TIEU_NGU_RE = re.compile(r"^Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc$")
SO_RE = re.compile(r"^Số\s*:")
DATE_RE = re.compile(r"^[^,]{2,60},\s*ngày\b.*\btháng\b.*\bnăm\b", re.IGNORECASE)
VV_RE = re.compile(r"^V/v\b")
KINH_GUI_RE = re.compile(r"^Kính gửi\b")
CAN_CU_RE = re.compile(r"^(Căn cứ|Theo đề nghị|Xét đề nghị)\b")
MUC_RE = re.compile(rf"^(?P<number>{ROMAN})\.\s")
KHOAN_RE = re.compile(r"^(?P<number>\d+)\.\s")
DIEM_RE = re.compile(r"^(?P<number>[a-zđ])\)\s")
DIEU_RE = re.compile(r"^Điều\s+(?P<number>\d+)\.")
PHAN_RE = re.compile(
    rf"^Phần\s+(?P<number>{PART_NUMBER})\s*\.?$", re.IGNORECASE
)  # "Phần I", "PHẦN THỨ NHẤT", "Phần thứ mười một": the whole line, nothing after it
CHUONG_RE = re.compile(rf"^Chương\s+(?P<number>{ROMAN})\s*\.?$", re.IGNORECASE)
"""A "Chương I" line of a quy chế or quy định (its title follows on the next line)."""
PLUS_RE = re.compile(r"^\+\s")
DASH_RE = re.compile(r"^[-–]\s*")
LUU_RE = re.compile(r"^-\s*Lưu\b")
PHU_LUC_RE = re.compile(r"^Phụ lục(\s+[IVXLCDM\d]+)?\s*$", re.IGNORECASE)  # "PHỤ LỤC" is a mistake
NOI_NHAN_RE = re.compile(r"^Nơi nhận\s*:?\s*$")
AUTHORITY_RE = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s")
TYPE_NAMES = {name.upper(): name for name in DOC_TYPE_ABBREVIATIONS}
QUYET_DINH_LINE = "QUYẾT ĐỊNH:"
QUYET_DINH_LENH_RE = re.compile(r"^QUYẾT\s+ĐỊNH\s*:?$", re.IGNORECASE)
"""The "QUYẾT ĐỊNH:" line before the articles, also as mistyped (no colon, lower case)."""
DECISION = "QUYẾT ĐỊNH"
"""The tên loại of a decision: the kind with an authority line, "QUYẾT ĐỊNH:" and articles."""
KEM_THEO_RE = re.compile(r"^[(\[]?\s*Kèm\s+theo\b", re.IGNORECASE)
"""The reference line of an attachment, "(Kèm theo Quyết định số ...)", also without its
parentheses (reported, not overlooked)."""
ATTACHMENT_NAMES = {"DANH SÁCH", *TYPE_NAMES}
"""Headings an attachment opens with in the tên loại style: a list, or a document a decision
issues or approves (Mẫu 1.3: "KẾ HOẠCH", "QUY CHẾ", ...)."""
HEAD_RE = re.compile(r"^(CHỦ TỊCH|THỦ TƯỚNG|(TỔNG\s+)?GIÁM ĐỐC|CHÁNH\s|(\S+\s+){0,2}TRƯỞNG\b)")
"""The title of a head of agency opening an authority line: the power is the head's."""
COLLECTIVE_RE = re.compile(
    r"^(ỦY BAN|HỘI ĐỒNG|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|THƯỜNG TRỰC|ĐOÀN CHỦ TỊCH)"
)
"""The name of a collective body opening an authority line: the power is the collective's."""

CERTAIN = "certain"
"""Identified from what the text says and where the decree puts it (a finding is an error)."""
LIKELY = "likely"
"""Identified from layout habits (a typed header, lines after a V/v): findings are warnings."""
GUESS = "guess"
"""Identified on weak evidence only: findings are warnings, ``--fix`` never acts on it."""
OTHER_TYPE_NAMES = {"PHIẾU TRÌNH": "phiếu trình"}
"""Tên loại offices use that Phụ lục III does not list (no abbreviation to check)."""
CONG_VAN = "cong_van"
NO_CAN_CU_KINDS = {CONG_VAN, "giay_moi", "phieu_trinh", "giay_gioi_thieu"}
"""Kinds without a căn cứ block: a "Căn cứ ..." sentence there is body text (Mẫu 1.5)."""
TYPED_LINE_RE = re.compile(r"^[\s_—–―‗]*(?:[_—–―‗]{3,}|-{5,})[\s_—–―‗-]*$")
"""A line typed with characters ("________", "———") under a component."""
QUOC_HIEU_SEARCH = re.compile(r"CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM\s*$")
TIEU_NGU_SEARCH = re.compile(r"Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc\s*$")
DATE_SEARCH = re.compile(
    r"(?:\t|\s{2,})\s*(?P<date>\S(?:[^\s,]| (?! ))*,\s*ngày\b.*\btháng\b.*\bnăm\b.*)$"
)
"""The right-hand half of a header line typed with tabs or spaces: Quốc hiệu, Tiêu ngữ or
"<Địa danh>, ngày ..." after the agency or "Số: ..." on the same line."""
RIGHT_ROLES = ("quoc_hieu", "tieu_ngu", "dia_danh_ngay", "tham_quyen", "ho_ten")
"""The components on the right of a line typed with tabs: the header's right half (ô 1, ô 4)
and, in a closing typed as lines, the signature beside Nơi nhận."""
GAP_RE = re.compile(r"\t+|\s{3,}")
"""What separates the two halves of a line typed with tabs or runs of blanks."""


def kind_slug(type_name: str) -> str:
    """Return the identifier of a tên loại: "QUYẾT ĐỊNH" -> "quyet_dinh"."""
    letters = unicodedata.normalize("NFD", type_name.lower().replace("đ", "d"))
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    return "_".join(plain.split())


SYMBOL_KINDS = {
    abbreviation: kind_slug(name) for name, abbreviation in DOC_TYPE_ABBREVIATIONS.items()
}
"""The kind a ký hiệu's first group names: "QĐ" -> "quyet_dinh" (Phụ lục III, Mục I)."""


def nfc(text: str) -> str:
    """Return ``text`` in precomposed Unicode (NFC), without surrounding blanks."""
    return unicodedata.normalize("NFC", text).strip()


def _upper_key(text: str) -> str:
    """Return ``text`` upper-cased, with the old accent placement "UỶ" written "ỦY"."""
    return nfc(text).upper().replace("UỶ", "ỦY")


def authority_kind(text: str) -> str | None:
    """Return whose power an authority line names: "head" (the head's title, "CHỦ TỊCH ỦY
    BAN NHÂN DÂN ..."), "collective" (a collective body, "ỦY BAN NHÂN DÂN ..."), or None."""
    key = _upper_key(text)
    if HEAD_RE.match(key):
        return "head"
    if COLLECTIVE_RE.match(key):
        return "collective"
    return None


MARK_RE = re.compile(r"^(?P<mark>T\.?M|K\.?T|T\.?L|T\.?U\.?Q|Q)(?:\s*\.\s*|\s+)(?=\S)")
"""A signing mark as typed, well or not: "TM. ", "TM ", "T.M. ", "TM.ỦY" (SIGNATURE.AUTHORITY
reports the typing; the agreement with the authority reads the mark whatever its form)."""


def signing_mark(line: str) -> tuple[str | None, str]:
    """Return the signing mark of a signature line ("TM", "KT", "TL", "TUQ", "Q" or None)
    and the rest of the line, upper-cased."""
    key = _upper_key(line)
    match = MARK_RE.match(key)
    if match is None:
        return None, key
    return match.group("mark").replace(".", ""), key[match.end() :]


def signs_for(line: str, authority: str) -> bool:
    """Return True when the signature line ``line`` is "TM. <name>" with ``<name>`` the start
    of the authority line ``authority`` ("TM. ỦY BAN NHÂN DÂN" for "ỦY BAN NHÂN DÂN HUYỆN X")."""
    mark, rest = signing_mark(line)
    name = " ".join(rest.split())
    return mark == "TM" and bool(name) and " ".join(_upper_key(authority).split()).startswith(name)


@dataclass
class Attachment:
    """An attachment after the signature (a list, an appendix, an issued document): where it
    is and its components, as paragraph indexes. Its header has no Số, date nor signature."""

    start: int
    stop: int
    section: int | None
    """The section it opens, or None when it opens at a "Phụ lục" heading on a new page of
    the signature's section."""
    quoc_hieu: int | None = None
    tieu_ngu: int | None = None
    co_quan_chu_quan: list[int] = field(default_factory=list)
    co_quan_ban_hanh: list[int] = field(default_factory=list)
    phu_luc: int | None = None
    """The "Phụ lục I" heading."""
    ten_loai: int | None = None
    """The heading in the tên loại style: "DANH SÁCH", "KẾ HOẠCH", ..."""
    title: list[int] = field(default_factory=list)
    """The title lines under the heading (in the trích yếu style)."""
    kem_theo: int | None = None
    """The "(Kèm theo ... số ... ngày ... của ...)" line."""
    body: list[int] = field(default_factory=list)
    """Paragraphs of text outside tables, below the title block; table cells are not."""
    phan: list[int] = field(default_factory=list)
    """The "Phần I" and "Chương I" lines."""
    phan_tieu_de: list[int] = field(default_factory=list)
    """The title line under each of them."""
    muc: list[int] = field(default_factory=list)
    khoan: list[int] = field(default_factory=list)
    diem: list[int] = field(default_factory=list)
    dieu: list[int] = field(default_factory=list)

    def line_anchor(self) -> int | None:
        """Return the paragraph the short line under the title block is drawn below."""
        if self.kem_theo is not None:
            return self.kem_theo
        return self.title[-1] if self.title else None


@dataclass
class Roles:
    """Paragraph indexes by role; lists keep document order."""

    quoc_hieu: int | None = None
    tieu_ngu: int | None = None
    co_quan_chu_quan: list[int] = field(default_factory=list)
    co_quan_ban_hanh: list[int] = field(default_factory=list)
    so_ky_hieu: int | None = None
    dia_danh_ngay: int | None = None
    ten_loai: int | None = None
    trich_yeu: list[int] = field(default_factory=list)
    vv: list[int] = field(default_factory=list)
    kinh_gui: list[int] = field(default_factory=list)
    can_cu: list[int] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    phan: list[int] = field(default_factory=list)
    """The "Phần I" / "PHẦN THỨ NHẤT" lines of a body divided into phần."""
    phan_tieu_de: list[int] = field(default_factory=list)
    """The title line under each "Phần ..." line."""
    muc: list[int] = field(default_factory=list)
    khoan: list[int] = field(default_factory=list)
    diem: list[int] = field(default_factory=list)
    dieu: list[int] = field(default_factory=list)
    gach_cong: list[int] = field(default_factory=list)
    """Body paragraphs that are "+ ..." items (under a "- ..." item); also in ``body``."""
    phu_luc: list[int] = field(default_factory=list)
    noi_nhan_tieu_de: int | None = None
    noi_nhan: list[int] = field(default_factory=list)
    tham_quyen: list[int] = field(default_factory=list)
    ho_ten: int | None = None
    tham_quyen_ban_hanh: int | None = None
    """The THẨM QUYỀN BAN HÀNH line of a decision (above the căn cứ)."""
    quyet_dinh_lenh: int | None = None
    """The "QUYẾT ĐỊNH:" line of a decision (before the articles)."""
    decision: bool = False
    """The tên loại is QUYẾT ĐỊNH."""
    closing_end: int = 0
    """The index after the closing block (Nơi nhận and signature): attachments follow it."""
    attachments: list[Attachment] = field(default_factory=list)
    """What follows the signature in sections of its own or from a "Phụ lục" heading."""
    attachment_sections: set[int] = field(default_factory=set)
    """The sections that hold only attachments (their pages may be landscape)."""
    kind: str | None = None
    """What the document is: "cong_van", "quyet_dinh", "ke_hoach", "phieu_trinh", ... (the
    tên loại as an identifier), or None when it cannot be told."""
    administrative: bool = True
    """False for a file that is not an administrative document (no two of Quốc hiệu, Số and
    tên loại or V/v): it gets one notice, not the N30 rules."""
    texts: list[str] = field(default_factory=list)
    """The text of every paragraph as read (NFC, trimmed), after its automatic number."""
    segments: dict[int, dict[str, str]] = field(default_factory=dict)
    """For a header line typed with tabs or spaces: its "left" part (agency, Số, V/v) and its
    "right" part (Quốc hiệu, Tiêu ngữ, date), by paragraph index."""
    confidence: dict[int, str] = field(default_factory=dict)
    """How sure the identification of a paragraph is, :data:`LIKELY` or :data:`GUESS`;
    a paragraph not listed is :data:`CERTAIN`."""

    def sure(self, index: int) -> bool:
        """Return True when paragraph ``index`` was identified with certainty."""
        return self.confidence.get(index, CERTAIN) == CERTAIN

    def doubt(self, index: int, level: str = LIKELY) -> None:
        """Record that paragraph ``index`` was identified only at ``level`` (never raised)."""
        order = (CERTAIN, LIKELY, GUESS)
        current = self.confidence.get(index, CERTAIN)
        self.confidence[index] = max(current, level, key=order.index)

    def segment(self, index: int, role: str) -> str | None:
        """Return the part of a split header line that holds ``role`` (a component key such
        as "quoc_hieu" or "so_ky_hieu"), or None when paragraph ``index`` is not split."""
        parts = self.segments.get(index)
        if parts is None:
            return None
        return parts.get("right" if role in RIGHT_ROLES else "left")

    def component_of(self) -> dict[int, str]:
        """Return the role of every identified paragraph of the main text, by index."""
        roles: dict[int, str] = {}
        # Numbered paragraphs are body text first; the rest are not paragraph indexes.
        skipped = {"body", "muc", "khoan", "diem", "dieu", "gach_cong"}
        skipped |= {"decision", "closing_end", "attachments", "attachment_sections"}
        skipped |= {"kind", "administrative", "texts", "segments", "confidence"}
        for name, value in vars(self).items():
            if name in skipped:
                continue
            for index in value if isinstance(value, list) else [value]:
                if index is not None:
                    roles[index] = name
        for name in ("muc", "dieu", "gach_cong", "body"):
            for index in getattr(self, name):
                roles.setdefault(index, "noi_dung" if name == "body" else name)
        return roles


def _read(paragraph: ParagraphFacts) -> str:
    """Return the text of ``paragraph`` as read: NFC, trimmed, after the number Word shows
    for automatic numbering (so "1." typed and "1." numbered by Word read alike)."""
    text = nfc(paragraph.text)
    label = getattr(paragraph, "numbering_label", None)
    if label and text:
        return f"{nfc(label)} {text}"
    return text


def _split_header_line(text: str) -> tuple[str, str, str] | None:
    """Return ``(left, right, right_role)`` for a header line typed with tabs or spaces that
    holds a left-column part and Quốc hiệu, Tiêu ngữ or the date on the right; else None."""
    for role, pattern in (("quoc_hieu", QUOC_HIEU_SEARCH), ("tieu_ngu", TIEU_NGU_SEARCH)):
        match = pattern.search(text.upper() if role == "quoc_hieu" else text)
        if match is not None and match.start() > 0:
            left = text[: match.start()]
            # The two halves are apart by a tab or a run of blanks, not inside one phrase.
            if "\t" in left[-3:] or left.endswith("  "):
                return left.strip(), text[match.start() :].strip(), role
    match = DATE_SEARCH.search(text)
    if match is not None and match.start() > 0 and text[: match.start()].strip():
        return text[: match.start()].strip(), match.group("date").strip(), "dia_danh_ngay"
    return None


def _header_marks(paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles) -> None:
    """Find Quốc hiệu, Tiêu ngữ, Số and the date, in a header table or typed as lines (one
    line may hold the agency or Số on the left and Quốc hiệu, Tiêu ngữ or the date on the
    right, apart by tabs or blanks)."""
    for index, text in enumerate(texts[:60]):
        parts: list[tuple[str, str | None]] = [(text, None)]
        split = _split_header_line(nfc(paragraphs[index].text)) if index < 40 else None
        if split is not None:
            parts = [(split[0], "left"), (split[1], "right")]
        for part, side in parts:
            if roles.quoc_hieu is None and QUOC_HIEU_RE.match(part.upper()):
                roles.quoc_hieu = index
            elif roles.tieu_ngu is None and TIEU_NGU_RE.match(part):
                roles.tieu_ngu = index
            elif roles.so_ky_hieu is None and SO_RE.match(part) and index < 40:
                roles.so_ky_hieu = index
            elif roles.dia_danh_ngay is None and DATE_RE.match(part) and index < 40:
                roles.dia_danh_ngay = index
            else:
                continue
            if side is not None:
                roles.segments.setdefault(index, {})[side] = part
                roles.doubt(index)
        if split is not None and index in roles.segments:
            roles.segments[index]["left"] = split[0]


def _detect_kind(texts: list[str], roles: Roles) -> None:
    """Tell what the document is from its tên loại, else its ký hiệu ("V/v" and a ký hiệu
    without a type abbreviation: a công văn), and whether it is an administrative document
    at all (at least two of Quốc hiệu, Số and tên loại or V/v)."""
    symbol_kind = None
    if roles.so_ky_hieu is not None:
        so = roles.segment(roles.so_ky_hieu, "so_ky_hieu") or texts[roles.so_ky_hieu]
        match = re.search(r"/\s*([^\s/-]+)", so)
        if match is not None:
            symbol_kind = SYMBOL_KINDS.get(match.group(1), CONG_VAN)
    if roles.ten_loai is not None:
        roles.kind = kind_slug(" ".join(texts[roles.ten_loai].split()))
    elif roles.vv or symbol_kind == CONG_VAN:
        roles.kind = CONG_VAN
    else:
        roles.kind = symbol_kind
    signs = [
        roles.quoc_hieu is not None,
        roles.so_ky_hieu is not None,
        roles.ten_loai is not None or bool(roles.vv),
    ]
    roles.administrative = sum(signs) >= 2


def identify(facts: DocumentFacts) -> Roles:
    """Return the roles of the paragraphs of ``facts``, the document's kind, and how sure
    each identification is."""
    paragraphs = facts.paragraphs
    texts = [_read(p) for p in paragraphs]
    roles = Roles(texts=texts)
    _header_marks(paragraphs, texts, roles)
    _agency(paragraphs, texts, roles)
    start = _title(paragraphs, texts, roles)
    _detect_kind(texts, roles)
    end = _closing(paragraphs, texts, roles)
    _body(paragraphs, texts, roles, start, end)
    _attachments(paragraphs, texts, roles)
    return roles


def _agency(paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles) -> None:
    """Find the agency lines: upper-case lines above "Số:" in its column, or before Quốc hiệu
    (or on the left of Quốc hiệu and Tiêu ngữ in a header typed with tabs)."""
    anchor = roles.so_ky_hieu
    if anchor is None:
        return
    so = paragraphs[anchor].location
    lines = []
    for index in range(anchor - 1, -1, -1):
        location = paragraphs[index].location
        same_column = location.table == so.table and location.column == so.column
        if so.table is not None and not same_column:
            continue
        text = texts[index]
        if index in roles.segments:
            text = roles.segments[index].get("left", "")
        elif index in (roles.quoc_hieu, roles.tieu_ngu):
            break
        # In the header table everything with letters above "Số:" is the agency, whatever its
        # case (so a lower-case name is reported, not overlooked); a row of "___" is not.
        upper = text == text.upper() or so.table is not None
        if any(c.isalpha() for c in text) and upper and not SO_RE.match(text):
            lines.append(index)
            if so.table is None:
                roles.doubt(index)  # typed as lines: upper case and place are all we have
    lines.reverse()
    roles.co_quan_chu_quan, roles.co_quan_ban_hanh = _split_agency(paragraphs, lines)
    for index in range(anchor + 1, min(anchor + 4, len(texts))):
        vv = roles.segments.get(index, {}).get("left", texts[index])
        if VV_RE.match(vv):
            roles.vv.append(index)
            if index in roles.segments:
                roles.segments[index].setdefault("left", vv)
            break
    if roles.vv:
        _vv_lines(paragraphs, texts, roles)


def _vv_lines(paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles) -> None:
    """Add the further lines of a V/v typed on several paragraphs: the rest of its table
    cell, or the lines right under it aligned like it (until a blank line or Kính gửi)."""
    first = roles.vv[0]
    place = paragraphs[first].location
    index = first + 1
    while index < len(texts):
        location = paragraphs[index].location
        text = texts[index]
        if place.table is not None:
            same_cell = (location.table, location.row, location.column) == (
                place.table,
                place.row,
                place.column,
            )
            if not same_cell:
                break
            if text and not TYPED_LINE_RE.match(text):
                roles.vv.append(index)
        else:
            aligned = paragraphs[index].alignment == paragraphs[first].alignment
            if not text or location.table is not None or not aligned or _opens_body(text):
                break
            if index in roles.segments or index in (roles.dia_danh_ngay, roles.so_ky_hieu):
                break
            roles.vv.append(index)
            roles.doubt(index)
        index += 1


def _split_agency(
    paragraphs: list[ParagraphFacts], lines: list[int]
) -> tuple[list[int], list[int]]:
    """Return the agency lines split into the parent agency's (upright, above) and the issuing
    agency's (from the first bold line down)."""
    parent: list[int] = []
    issuer: list[int] = []
    for index in lines:
        if issuer or any(run.bold for run in paragraphs[index].runs):
            issuer.append(index)
        else:
            parent.append(index)
    return parent, issuer


def _header_end(paragraphs: list[ParagraphFacts], roles: Roles) -> int:
    marks = [
        i
        for i in (roles.quoc_hieu, roles.tieu_ngu, roles.so_ky_hieu, roles.dia_danh_ngay)
        if i is not None
    ]
    # A header typed as lines ends after its last component: the V/v lines under Số.
    marks += [*roles.vv, *roles.co_quan_chu_quan, *roles.co_quan_ban_hanh]
    last = max(marks, default=-1)
    if last >= 0 and paragraphs[last].location.table is not None:
        table = paragraphs[last].location.table
        while last + 1 < len(paragraphs) and paragraphs[last + 1].location.table == table:
            last += 1
    return last + 1


def _skip_empty(texts: list[str], index: int) -> int:
    """Return the first index from ``index`` on whose paragraph has text other than a typed
    line ("_____", "———"), or len(texts)."""
    while index < len(texts) and (not texts[index] or TYPED_LINE_RE.match(texts[index])):
        index += 1
    return index


def _opens_body(text: str) -> bool:
    """Return True when ``text`` can only be the start of something below the title."""
    patterns = (CAN_CU_RE, KINH_GUI_RE, PHAN_RE, MUC_RE, KHOAN_RE, DIEU_RE, QUYET_DINH_LENH_RE)
    return any(pattern.match(text) for pattern in patterns)


def _authority_line(text: str, decision: bool) -> bool:
    """Return True when ``text``, the first line under a title, is a decision's authority line.

    Upper case and naming a head or a collective, in any document; in a decision also when
    typed in lower case (reported as such, not overlooked), as long as it is not a sentence.
    """
    if authority_kind(text) is None:
        return False
    if text == text.upper():
        return True
    return decision and not text.endswith((".", ";", ":", ","))


def _title(paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles) -> int:
    """Find tên loại, trích yếu and Kính gửi after the header; return the first index after them."""
    index = _skip_empty(texts, _header_end(paragraphs, roles))
    name = " ".join(texts[index].upper().split()) if index < len(texts) else ""
    if name in TYPE_NAMES or name in OTHER_TYPE_NAMES:
        roles.ten_loai = index  # in any case: a lower-case tên loại is reported, not overlooked
        roles.decision = name == DECISION
        index += 1
        # A long trích yếu runs over several paragraphs. It ends at the empty paragraph that
        # carries the line under it, or right after a paragraph the line is drawn on; in a
        # decision whose line is missing, at the authority line (upper case, never a trích yếu).
        while (
            index < len(texts)
            and texts[index]
            and not _opens_body(texts[index])
            and not TYPED_LINE_RE.match(texts[index])
            # An upper-case authority line ("ỦY BAN NHÂN DÂN TỈNH ...") is never a trích yếu.
            and not _authority_line(texts[index], decision=False)
        ):
            paragraph = paragraphs[index]
            # The trích yếu is bold and centred; either one tells it from the body.
            bold = all(run.bold for run in paragraph.runs)
            if not bold and paragraph.alignment != "center":
                break
            roles.trich_yeu.append(index)
            index += 1
            if paragraph.bottom_border or paragraph.drawn_lines or paragraph.cell_line:
                break
    return _kinh_gui(paragraphs, texts, roles, index)


def _kinh_gui(paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles, start: int) -> int:
    """Find the Kính gửi block under the title (below the line under the trích yếu).

    Either one line "Kính gửi: <recipient>", or "Kính gửi:" followed by one "- <recipient>"
    line each, the last ending with ".". Return the index after the block, or ``start``.
    """
    index = _skip_empty(texts, start)
    if index >= len(texts) or not KINH_GUI_RE.match(texts[index]):
        return start
    roles.kinh_gui.append(index)
    place = paragraphs[index].location
    if place.table is not None:
        # "Kính gửi:" in one cell, the recipients in the next one of the same row.
        row = [
            i for i, p in enumerate(paragraphs)
            if (p.location.table, p.location.row) == (place.table, place.row) and i > index
        ]  # fmt: skip
        for position in row:
            if texts[position]:
                roles.kinh_gui.append(position)
                roles.doubt(position)
        return (row[-1] if row else index) + 1
    # A recipient list stops at its final "."; a body opening with "- " items is not part of it.
    while (
        index + 1 < len(texts)
        and DASH_RE.match(texts[index + 1])
        and not texts[index].endswith(".")
    ):
        index += 1
        roles.kinh_gui.append(index)
    return index + 1


def _upper_line(text: str) -> bool:
    """Return True for an upper-case line that is not a list item (a signing-authority line)."""
    return (
        text == text.upper() and any(c.isalpha() for c in text) and not text.startswith(("-", "+"))
    )


def _closing(paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles) -> int:
    """Find Nơi nhận and the signature block; return the index where the body ends."""
    heading = next((i for i, text in enumerate(texts) if NOI_NHAN_RE.match(text)), None)
    typed = next(
        (
            i for i, p in enumerate(paragraphs)
            if p.location.table is None and NOI_NHAN_RE.match(_halves(p)[0]) and _halves(p)[1]
        ),
        None,
    )  # fmt: skip
    if heading is None and typed is not None:
        return _closing_typed(paragraphs, texts, roles, typed)
    if heading is None:
        roles.closing_end = len(texts)
        return len(texts)
    roles.noi_nhan_tieu_de = heading
    place = paragraphs[heading].location
    if place.table is None:
        end = _closing_paragraphs(paragraphs, texts, roles, heading)
        block = [heading, *roles.noi_nhan, *roles.tham_quyen]
        roles.closing_end = max([*block, roles.ho_ten if roles.ho_ten is not None else -1]) + 1
        return end
    for index in range(heading + 1, len(texts)):
        location = paragraphs[index].location
        if (location.table, location.row, location.column) != (
            place.table,
            place.row,
            place.column,
        ):
            continue
        if texts[index]:
            roles.noi_nhan.append(index)
    signature = [
        i for i, p in enumerate(paragraphs)
        if p.location.table == place.table and p.location.row == place.row
        and p.location.column != place.column and texts[i]
    ]  # fmt: skip
    if signature:
        roles.ho_ten = signature[-1]
        roles.tham_quyen = signature[:-1]
    table = [i for i, p in enumerate(paragraphs) if p.location.table == place.table]
    roles.closing_end = table[-1] + 1
    return table[0]


def _halves(paragraph: ParagraphFacts) -> tuple[str, str]:
    """Return the left and right halves of a line typed with tabs or runs of blanks; the
    left is empty when the line starts with them (text pushed to the right)."""
    raw = unicodedata.normalize("NFC", paragraph.text).rstrip()
    if raw[:1].isspace():
        return "", raw.strip()
    parts = GAP_RE.split(raw, maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def _closing_typed(
    paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles, heading: int
) -> int:
    """Find Nơi nhận and the signature typed as lines with tabs: "Nơi nhận:<tab>TM. ỦY BAN
    ...", "- Như trên;<tab>CHỦ TỊCH", ..., then the name pushed right by tabs. The left
    halves are Nơi nhận, the right halves the signature; all identified from habits only.
    Return the index where the body ends."""
    roles.noi_nhan_tieu_de = heading
    signature: list[int] = []
    listed = True
    end = heading
    for index in range(heading, len(texts)):
        paragraph = paragraphs[index]
        if paragraph.location.table is not None or PHU_LUC_RE.match(texts[index]):
            break
        left, right = _halves(paragraph)
        if not left and not right:
            continue
        if left and index != heading:
            if not (listed and DASH_RE.match(left)):
                break  # the list is over and this is text of its own (an appendix, a note)
            roles.noi_nhan.append(index)
            listed = not LUU_RE.match(left)
        if right:
            signature.append(index)
        parts = roles.segments.setdefault(index, {})
        if left:
            parts["left"] = left
        if right:
            parts["right"] = right
        roles.doubt(index)
        end = index
    if signature:
        roles.ho_ten = signature[-1]
        roles.tham_quyen = signature[:-1]
    roles.closing_end = end + 1
    return heading


def _closing_paragraphs(
    paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles, heading: int
) -> int:
    """Find Nơi nhận and the signature typed as plain paragraphs, not in a table.

    Without a table the signature cannot stand beside Nơi nhận: it is typed either above
    "Nơi nhận:" or below its list. Return the index where the body ends.
    """

    def free(index: int) -> bool:
        return 0 <= index < len(texts) and paragraphs[index].location.table is None

    index = heading + 1
    # The list ends after "- Lưu: ...", or where an upper-case line (the signature) or an
    # appendix begins; a recipient typed without its dash still belongs to it.
    while free(index):
        text = texts[index]
        if text:
            if _upper_line(text) or PHU_LUC_RE.match(text):
                break
            roles.noi_nhan.append(index)
            if LUU_RE.match(text):
                index += 1
                break
        index += 1
    below = _skip_empty(texts, index)
    authority = []
    while free(below) and _upper_line(texts[below]):
        authority.append(below)
        below += 1
    if authority:
        roles.tham_quyen = authority
        name = _skip_empty(texts, below)
        if free(name) and not PHU_LUC_RE.match(texts[name]):
            roles.ho_ten = name
        return heading
    # Above "Nơi nhận:": the name, the blank lines left for signing, then the authority lines,
    # read upwards; the body's last sentence (not upper case) ends them.
    name = heading - 1
    while free(name) and not texts[name]:
        name -= 1
    if not free(name) or _upper_line(texts[name]) or texts[name].endswith("."):
        return heading
    above = name - 1
    while free(above) and not texts[above]:
        above -= 1
    while free(above) and _upper_line(texts[above]):
        authority.insert(0, above)
        above -= 1
    if not authority:
        return heading
    roles.tham_quyen = authority
    roles.ho_ten = name
    return authority[0]


def _is_can_cu(paragraph: ParagraphFacts, text: str, roles: Roles) -> bool:
    """Return True when a paragraph starting "Căn cứ"/"Theo đề nghị"/"Xét đề nghị" is a line
    of the căn cứ block rather than body text.

    The block comes before any body text. An upright sentence ending with ":" ("Căn cứ Kế
    hoạch số 05/KH-UBND ..., Ủy ban nhân dân huyện báo cáo kết quả như sau:") opens the body:
    a căn cứ line is italic and ends with ";" or ".", so that paragraph is neither.
    """
    if roles.body or roles.phan or roles.dieu or roles.quyet_dinh_lenh is not None:
        return False
    upright = not any(run.italic for run in paragraph.runs)
    return not (upright and text.endswith(":"))


def _phan_title(paragraph: ParagraphFacts, text: str) -> bool:
    """Return True when the paragraph after "Phần ..." looks like its title (a heading)."""
    if _opens_body(text):
        return False
    bold = bool(paragraph.runs) and all(run.bold for run in paragraph.runs)
    return bold or paragraph.alignment == "center" or _upper_line(text)


def _numbering(text: str) -> str | None:
    """Return the numbered level ``text`` opens: "muc", "khoan", "diem", "dieu", "gach_cong"."""
    for name, pattern in (
        ("muc", MUC_RE), ("khoan", KHOAN_RE), ("diem", DIEM_RE), ("dieu", DIEU_RE),
        ("gach_cong", PLUS_RE),
    ):  # fmt: skip
        if pattern.match(text):
            return name
    return None


def _body(
    paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles, start: int, end: int
) -> None:
    """Classify the content between the title and the closing block."""
    after_phan = False
    for index in range(start, end):
        text = texts[index]
        paragraph = paragraphs[index]
        if not text or paragraph.location.table is not None or TYPED_LINE_RE.match(text):
            continue  # a typed "____" line is a line, not text
        if after_phan:
            after_phan = False
            if _phan_title(paragraph, text):
                roles.phan_tieu_de.append(index)
                continue
        opened = roles.body or roles.phan or roles.can_cu or roles.quyet_dinh_lenh is not None
        if PHAN_RE.match(text):
            roles.phan.append(index)
            after_phan = True
        elif (
            roles.tham_quyen_ban_hanh is None
            and not opened
            and _authority_line(text, roles.decision)
        ):
            roles.tham_quyen_ban_hanh = index  # the first line under the title, nowhere else
        elif (
            CAN_CU_RE.match(text)
            and roles.kind not in NO_CAN_CU_KINDS
            and _is_can_cu(paragraph, text, roles)
        ):
            roles.can_cu.append(index)
        elif PHU_LUC_RE.match(text):
            roles.phu_luc.append(index)
        elif QUYET_DINH_LENH_RE.match(text) and (roles.decision or text == QUYET_DINH_LINE):
            if roles.quyet_dinh_lenh is None and not roles.dieu:
                roles.quyet_dinh_lenh = index
        else:
            roles.body.append(index)
            level = _numbering(text)
            if level is not None:
                getattr(roles, level).append(index)
    if roles.noi_nhan_tieu_de is None:
        # Without a Nơi nhận the body's end is unknown: what runs to the end of the file may
        # be recipients or a signature typed without their headings.
        for index in roles.body:
            roles.doubt(index)


def _attachments(paragraphs: list[ParagraphFacts], texts: list[str], roles: Roles) -> None:
    """Find the attachments that follow the signature, and their components.

    An attachment opens where a new section begins after the closing block (docgen's lists
    and most attachments typed in Word: new page, own page setup and numbering), or at a
    "Phụ lục ..." heading there (an appendix on a new page). A "Phụ lục" heading that opens
    a new section's content (after at most its header table) belongs to that attachment.
    """
    starts: list[tuple[int, int | None]] = []
    for index in range(roles.closing_end, len(texts)):
        paragraph = paragraphs[index]
        if index > 0 and paragraph.section != paragraphs[index - 1].section:
            starts.append((index, paragraph.section))
        elif paragraph.location.table is None and PHU_LUC_RE.match(texts[index]):
            opening = starts[-1][0] if starts else index
            header_only = all(
                not texts[i] or paragraphs[i].location.table is not None
                for i in range(opening, index)
            )
            if not (starts and header_only):
                starts.append((index, None))
    # Whatever follows the signature is checked too (a decision's attached rules typed on a
    # new page of the same section, an attached list): it opens an attachment of its own.
    first_text = _skip_empty(texts, roles.closing_end)
    closed = roles.noi_nhan_tieu_de is not None and first_text < len(texts)
    if closed and (not starts or starts[0][0] > first_text):
        starts.insert(0, (first_text, None))
    if not starts:
        return
    bounds = [index for index, _ in starts[1:]] + [len(texts)]
    for (start, section), stop in zip(starts, bounds, strict=True):
        attachment = Attachment(start, stop, section)
        if any(texts[start:stop]):
            _attachment(paragraphs, texts, attachment)
            roles.attachments.append(attachment)
            if attachment.phu_luc is not None:
                roles.phu_luc.append(attachment.phu_luc)
            if section is not None:
                roles.attachment_sections |= {p.section for p in paragraphs[start:stop]}


def _attachment_header(
    paragraphs: list[ParagraphFacts], texts: list[str], attachment: Attachment, index: int
) -> int:
    """Find the header table opening an attachment at ``index`` (agency beside Quốc hiệu and
    Tiêu ngữ, no Số nor date needed); return the index after it, or ``index``."""
    table = paragraphs[index].location.table
    if table is None:
        return index
    cells = [
        i for i in range(index, attachment.stop) if paragraphs[i].location.table == table
    ]  # fmt: skip
    quoc_hieu = next((i for i in cells if QUOC_HIEU_RE.match(texts[i].upper())), None)
    if quoc_hieu is None:
        return index  # a table of the attachment's content, not its header
    attachment.quoc_hieu = quoc_hieu
    attachment.tieu_ngu = next((i for i in cells if TIEU_NGU_RE.match(texts[i])), None)
    column = paragraphs[quoc_hieu].location.column
    # A Số or date row, if typed, is no mistake here; its lines are simply not the agency's.
    agency = [
        i for i in cells
        if paragraphs[i].location.column != column and any(c.isalpha() for c in texts[i])
        and not SO_RE.match(texts[i]) and not DATE_RE.match(texts[i]) and not VV_RE.match(texts[i])
    ]  # fmt: skip
    attachment.co_quan_chu_quan, attachment.co_quan_ban_hanh = _split_agency(paragraphs, agency)
    return cells[-1] + 1


def _attachment(paragraphs: list[ParagraphFacts], texts: list[str], attachment: Attachment) -> None:
    """Identify the header, heading, title, "Kèm theo" line and body of ``attachment``."""
    stop = attachment.stop

    def text_at(index: int) -> int:
        """Return the first index from ``index`` on, within the attachment, holding text."""
        while index < stop and not texts[index]:
            index += 1
        return index

    def free(index: int) -> bool:
        return index < stop and paragraphs[index].location.table is None

    index = text_at(attachment.start)
    if index < stop:
        index = text_at(_attachment_header(paragraphs, texts, attachment, index))
    if free(index) and PHU_LUC_RE.match(texts[index]):
        attachment.phu_luc = index
        index = text_at(index + 1)
    if free(index) and texts[index].upper() in ATTACHMENT_NAMES:
        attachment.ten_loai = index
        index = text_at(index + 1)
    # The title, like a trích yếu: bold or centred lines, up to the "Kèm theo" line or the
    # line drawn under the title block.
    while (
        free(index)
        and texts[index]
        and not KEM_THEO_RE.match(texts[index])
        and not _opens_body(texts[index])
    ):
        paragraph = paragraphs[index]
        if not all(run.bold for run in paragraph.runs) and paragraph.alignment != "center":
            break
        attachment.title.append(index)
        index += 1
        if paragraph.bottom_border or paragraph.drawn_lines or paragraph.cell_line:
            break
    if free(text_at(index)) and KEM_THEO_RE.match(texts[text_at(index)]):
        attachment.kem_theo = text_at(index)
        index = attachment.kem_theo + 1
    after_part = False
    for position in range(index, stop):
        text = texts[position]
        if not text or not free(position) or TYPED_LINE_RE.match(text):
            continue
        if after_part:
            after_part = False
            if _phan_title(paragraphs[position], text):
                attachment.phan_tieu_de.append(position)
                continue
        # An issued quy chế, quy định (Mẫu 1.3) is divided into phần or chương, each line
        # centred above its title.
        if PHAN_RE.match(text) or CHUONG_RE.match(text):
            attachment.phan.append(position)
            after_part = True
            continue
        attachment.body.append(position)
        level = _numbering(text)
        if level is not None and level != "gach_cong":
            getattr(attachment, level).append(position)
