"""Safe, mechanical corrections of a .docx: page setup, fonts, body paragraphs, page numbers,
and keeping the closing block (Nơi nhận and signature) on one page.

Never changes wording. Each change is reported in Vietnamese; what cannot be fixed this way
(lines, numbering, punctuation, wording) is left for a person and reported by the checker.
Only components identified with certainty are touched, and :func:`fix_verified` keeps a fix
only when the text, the findings and the page count show it did no harm.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Length, Pt

from docgen.check.checker import NOT_ADMINISTRATIVE, Checker, Finding, check
from docgen.check.effective import forget_styles
from docgen.check.facts import DocumentFacts
from docgen.check.inspect import inspect_document, walk_paragraphs
from docgen.check.roles import identify
from docgen.render.ooxml import append_xml, page_number_runs_xml
from docgen.rules import n30

FIXABLE_PREFIXES = (
    "PAGE_SIZE", "ORIENTATION", "MARGIN_", "FONT", "COLOR", "BODY.", "PAGE_NUMBER.",
    "SIGNATURE.PAGE_SPLIT",
)  # fmt: skip
"""Rules whose findings :func:`fix_document` corrects."""


@dataclass
class FixReport:
    """What :func:`fix_document` changed, one Vietnamese line per kind of change."""

    changes: list[str] = field(default_factory=list)
    refused: str | None = None
    """Why the fix was not kept (Vietnamese); None when it was."""
    paper_changed: bool = False
    """The paper size or orientation was corrected: the page count before is that of the
    wrong paper, so it may change."""

    def note(self, message: str, count: int = 1) -> None:
        if count:
            self.changes.append(message if count == 1 else f"{message} ({count} chỗ)")


def _clamp(value: int | None, rule: n30.Range) -> int:
    if value is None:
        return int(rule.default)
    return int(min(max(value, rule.low), rule.high))


def _landscape_a4(section: Section) -> bool:
    """Return True when ``section`` is an A4 page turned landscape."""
    page = n30.PAGE
    return (
        section.orientation == WD_ORIENT.LANDSCAPE
        and n30.same_length(section.page_width or 0, page.height)
        and n30.same_length(section.page_height or 0, page.width)
    )


def fix_page(document: Document, report: FixReport) -> None:
    """Make every section A4 portrait with margins inside the N30 ranges; an attachment's
    section of its own may stay A4 landscape (a wide list)."""
    page = n30.PAGE
    facts = inspect_document(document)
    attachments = identify(facts).attachment_sections
    for index, section in enumerate(document.sections, start=1):
        if index - 1 in attachments and _landscape_a4(section):
            pass
        elif section.orientation != WD_ORIENT.PORTRAIT or not (
            n30.same_length(section.page_width or 0, page.width)
            and n30.same_length(section.page_height or 0, page.height)
        ):
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Length(page.width), Length(page.height)
            report.note(f"phần {index}: đặt khổ giấy A4 dọc")
            report.paper_changed = True
        for side, label, rule in page.margins():
            name = f"{side}_margin"
            value = getattr(section, name)
            if value is None or not rule.allows(value):
                fixed = _clamp(value, rule)
                setattr(section, name, Length(fixed))
                report.note(f"phần {index}: đặt {label} {Length(fixed).mm:.0f} mm")


def _set_fonts(r_pr: BaseOxmlElement) -> bool:
    """Name Times New Roman in every script slot of ``r_pr``; return True if it changed."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        return False
    wanted = {qn(f"w:{slot}"): n30.FONT_NAME for slot in ("ascii", "hAnsi", "cs", "eastAsia")}
    if dict(fonts.attrib) == wanted:
        return False
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute, value in wanted.items():
        fonts.set(attribute, value)
    return True


def _set_black(r_pr: BaseOxmlElement) -> bool:
    colour = r_pr.find(qn("w:color"))
    if colour is None or colour.get(qn("w:val")) in ("auto", n30.COLOR_BLACK):
        return False
    for attribute in list(colour.attrib):
        del colour.attrib[attribute]
    colour.set(qn("w:val"), n30.COLOR_BLACK)
    return True


def fix_fonts(document: Document, report: FixReport) -> None:
    """Set Times New Roman and black wherever a font or colour is stated, defaults included."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    holders = [] if defaults is None else list(defaults.iter(qn("w:rPr")))
    if defaults is not None and not holders:
        container = defaults.find(qn("w:rPrDefault"))
        if container is None:
            container = OxmlElement("w:rPrDefault")
            defaults.insert(0, container)
        r_pr = OxmlElement("w:rPr")
        container.append(r_pr)
        holders.append(r_pr)
    for r_pr in holders:
        if r_pr.find(qn("w:rFonts")) is None:
            r_pr.insert(0, OxmlElement("w:rFonts"))
    style_fonts = sum(_set_fonts(r_pr) for r_pr in [*holders, *styles.iter(qn("w:rPr"))])
    parts = [document.element, *(s.header._element for s in document.sections)]
    parts += [s.footer._element for s in document.sections]
    run_fonts = sum(_set_fonts(r_pr) for part in parts for r_pr in part.iter(qn("w:rPr")))
    colours = sum(_set_black(r_pr) for part in [styles, *parts] for r_pr in part.iter(qn("w:rPr")))
    forget_styles(document)
    report.note("đặt phông Times New Roman cho mọi bảng mã trong các kiểu", style_fonts)
    report.note("đặt phông Times New Roman cho đoạn chữ định dạng trực tiếp", run_fonts)
    report.note("đặt chữ màu đen", colours)


def fix_body(document: Document, report: FixReport) -> None:
    """Give body paragraphs N30's alignment, indent, spacing, line spacing and size."""
    facts = inspect_document(document)
    roles = identify(facts)
    paragraphs = [p for p, _, _ in walk_paragraphs(document, facts.text_width)]
    counts = dict.fromkeys(("align", "indent", "spacing", "line", "size"), 0)
    low, high = n30.BODY_LINE_SPACING
    attached = [index for attachment in roles.attachments for index in attachment.body]
    for index in [*roles.body, *attached]:
        fact, paragraph = facts.paragraphs[index], paragraphs[index]
        # A paragraph read as body only from layout habits may be a V/v, Kính gửi or a
        # recipient: formatting it as body text would damage it.
        if not fact.runs or not roles.sure(index) or not roles.administrative:
            continue
        layout = paragraph.paragraph_format
        if fact.alignment != "justify":
            layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            counts["align"] += 1
        if not n30.BODY_FIRST_LINE_INDENT.allows(fact.first_line_indent or 0):
            layout.first_line_indent = n30.BODY_FIRST_LINE_INDENT.default
            counts["indent"] += 1
        if (fact.space_before or 0) + (fact.space_after or 0) < n30.BODY_PARAGRAPH_SPACING_MIN:
            layout.space_after = n30.BODY_SPACING.after
            counts["spacing"] += 1
        spacing = fact.line_spacing
        if isinstance(spacing, float) and not low <= spacing <= high:
            layout.line_spacing = min(max(spacing, low), high)
            counts["line"] += 1
        elif isinstance(spacing, int):
            size = max((run.size or Pt(14) for run in fact.runs), default=Pt(14))
            if not size * low <= spacing <= size * 1.15 * high:
                layout.line_spacing = n30.BODY_SPACING.line
                counts["line"] += 1
        for run, run_fact in zip(
            (r for r in paragraph.runs if r.text.strip()), fact.runs, strict=False
        ):
            if run_fact.size is None or not n30.NOI_DUNG.size.allows(run_fact.size):
                run.font.size = n30.NOI_DUNG.size.default
                counts["size"] += 1
    report.note("canh đều hai lề đoạn nội dung", counts["align"])
    report.note("lùi đầu dòng 1,27 cm", counts["indent"])
    report.note("đặt khoảng cách sau đoạn 6 pt", counts["spacing"])
    report.note("đưa giãn dòng về khoảng 1 – 1,5 dòng", counts["line"])
    report.note("đặt cỡ chữ nội dung 14 pt", counts["size"])


def _page_field_paragraph(paragraph: BaseOxmlElement) -> None:
    """Fill an empty header paragraph with a centred PAGE field in 14 pt upright type."""
    p_pr = paragraph.get_or_add_pPr()
    for old in p_pr.findall(qn("w:jc")):
        p_pr.remove(old)
    justification = OxmlElement("w:jc")
    justification.set(qn("w:val"), "center")
    p_pr.append(justification)
    fonts = " ".join(f'w:{slot}="{n30.FONT_NAME}"' for slot in ("ascii", "hAnsi", "cs", "eastAsia"))
    size = round(n30.SO_TRANG.size.default.pt * 2)  # half-points
    run_properties = (
        f'<w:rPr><w:rFonts {fonts}/><w:b w:val="0"/><w:i w:val="0"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )
    append_xml(paragraph, page_number_runs_xml(run_properties))


def _strip_page_fields(container: BaseOxmlElement) -> int:
    """Remove the paragraphs of ``container`` that hold a PAGE field; return how many."""
    removed = 0
    for paragraph in list(container.iter(qn("w:p"))):
        instructions = "".join(n.text or "" for n in paragraph.iter(qn("w:instrText")))
        simple = " ".join(n.get(qn("w:instr"), "") for n in paragraph.iter(qn("w:fldSimple")))
        if "PAGE" in (instructions + simple).upper().replace("NUMPAGES", ""):
            for run in list(paragraph.iter(qn("w:r"))) + list(paragraph.iter(qn("w:fldSimple"))):
                if run.getparent() is not None:
                    run.getparent().remove(run)
            removed += 1
    return removed


def fix_page_numbers(document: Document, report: FixReport) -> None:
    """Put a centred page number in the header from page 2 on, none on page 1."""
    facts = inspect_document(document)
    for fact, section in zip(facts.sections, document.sections, strict=True):
        number_ok = (
            fact.page_number is not None
            and fact.page_number.alignment == "center"
            and all(
                not run.bold
                and not run.italic
                and (run.size is None or n30.SO_TRANG.size.allows(run.size))
                for run in fact.page_number.runs
            )
        )
        if fact.index > 0 and fact.page_number is None and section.header.is_linked_to_previous:
            continue
        if not number_ok or fact.page_number_in_footer:
            if fact.page_number_in_footer:
                _strip_page_fields(section.footer._element)
            header = section.header
            header.is_linked_to_previous = False
            _strip_page_fields(header._element)
            paragraph = header.paragraphs[0]._p if header.paragraphs else header._element.add_p()
            for run in list(paragraph.iter(qn("w:r"))):
                paragraph.remove(run)
            _page_field_paragraph(paragraph)
            report.note(f"phần {fact.index + 1}: đặt số trang canh giữa ở lề trên, cỡ 14, chữ đứng")
        if fact.index == 0 and (fact.first_page_number or not fact.title_page):
            # "Different first page" with an empty first-page header: no number on page 1.
            first_had_number = fact.first_page_number
            section.different_first_page_header_footer = True
            _strip_page_fields(section.first_page_header._element)
            _strip_page_fields(section.first_page_footer._element)
            if first_had_number or not number_ok:
                report.note("không hiện số trang ở trang đầu")


def fix_closing(document: Document, report: FixReport) -> None:
    """Keep Nơi nhận and the signature on one page: forbid their table row to break across
    pages, or chain the signature paragraphs with "keep with next"."""
    facts = inspect_document(document)
    checker = Checker(facts)
    if checker.closing_split() is None:
        return
    roles = checker.roles
    paragraphs = [p for p, _, _ in walk_paragraphs(document, facts.text_width)]
    heading = roles.noi_nhan_tieu_de
    assert heading is not None and roles.ho_ten is not None  # closing_split found the block
    if not all(roles.sure(i) for i in (heading, roles.ho_ten, *roles.tham_quyen)):
        return
    if facts.paragraphs[heading].location.table is not None:
        row = next(paragraphs[heading]._p.iterancestors(qn("w:tr")))
        properties = row.get_or_add_trPr()
        for old in properties.findall(qn("w:cantSplit")):
            properties.remove(old)  # a cantSplit w:val="0" would still allow the break
        # Schema order: the row properties proper come before any change-tracking records.
        tracked = {qn("w:ins"), qn("w:del"), qn("w:trPrChange")}
        following = next((child for child in properties if child.tag in tracked), None)
        if following is None:
            properties.append(OxmlElement("w:cantSplit"))
        else:
            following.addprevious(OxmlElement("w:cantSplit"))
        report.note("không cho hàng Nơi nhận – chữ ký ngắt sang trang sau")
        return
    loose = [
        index
        for index in range(roles.tham_quyen[0], roles.ho_ten)
        if not facts.paragraphs[index].keep_with_next
    ]
    for index in loose:
        paragraphs[index].paragraph_format.keep_with_next = True
    report.note("giữ các dòng chữ ký liền một trang (giữ với đoạn sau)", len(loose))


def fix_document(document: Document) -> FixReport:
    """Correct ``document`` in place; return what was changed (nothing for a file that is
    not an administrative document)."""
    report = FixReport()
    if not identify(inspect_document(document)).administrative:
        return report
    fix_page(document, report)
    fix_fonts(document, report)
    fix_body(document, report)
    fix_page_numbers(document, report)
    fix_closing(document, report)
    return report


PAGE_RE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
"""A page object of a PDF (LibreOffice writes each page as an object of its own)."""


def count_pages(documents: list[bytes]) -> list[int] | None:
    """Return the number of pages LibreOffice lays each .docx of ``documents`` out on, or
    None when LibreOffice is not installed or cannot convert them."""
    from docgen.errors import DocgenError
    from docgen.render.pdf import convert_many, soffice_path

    if soffice_path() is None:
        return None
    with tempfile.TemporaryDirectory(prefix="docgen-fix-") as folder:
        sources = []
        for position, data in enumerate(documents):
            source = Path(folder) / f"ban-{position}.docx"
            source.write_bytes(data)
            sources.append(source)
        try:
            pdfs = convert_many(sources, Path(folder) / "pdf")
        except DocgenError:
            return None
        return [len(PAGE_RE.findall(pdf.read_bytes())) for pdf in pdfs]


def _finding_keys(findings: list[Finding]) -> Counter[tuple[str, int | None]]:
    """Return how many findings each (rule, paragraph) pair has."""
    return Counter((f.rule, None if f.location is None else f.location.paragraph) for f in findings)


def _enlarges(before: DocumentFacts, after: DocumentFacts) -> bool:
    """Return True when some paragraph got a larger font size or a larger indent: the
    conservative sign, without LibreOffice to count pages, that a fix may add a page."""
    for old, new in zip(before.paragraphs, after.paragraphs, strict=False):
        old_size = max((run.size or 0 for run in old.runs), default=0)
        new_size = max((run.size or 0 for run in new.runs), default=0)
        if new_size > old_size:
            return True
        for name in ("first_line_indent", "left_indent", "right_indent"):
            if (getattr(new, name) or 0) > (getattr(old, name) or 0):
                return True
    return False


def fix_verified(data: bytes) -> tuple[bytes | None, FixReport]:
    """Fix the .docx ``data``; return the fixed bytes and what changed, or ``(None, report)``
    with ``report.refused`` saying why in Vietnamese when the fix is not safe.

    A fix is kept only when every paragraph's text is unchanged, no finding was added, and
    the page count is unchanged (counted with LibreOffice), unless the paper itself was
    corrected (a Letter or landscape page made A4 portrait: the count before is that of the
    wrong paper). Without LibreOffice a fix that enlarges a font size or an indent is
    refused: it is what pushes text onto a new page.
    """
    before = inspect_document(docx.Document(io.BytesIO(data)))
    if not identify(before).administrative:
        return None, FixReport(refused=f"{NOT_ADMINISTRATIVE}: không sửa tự động")
    document = docx.Document(io.BytesIO(data))
    report = fix_document(document)
    if not report.changes:
        return data, report
    buffer = io.BytesIO()
    document.save(buffer)
    fixed = buffer.getvalue()
    after = inspect_document(docx.Document(io.BytesIO(fixed)))
    reason = None
    if [p.text for p in before.paragraphs] != [p.text for p in after.paragraphs]:
        reason = "bản sửa làm thay đổi chữ của văn bản"
    else:
        added = _finding_keys(check(after)) - _finding_keys(check(before))
        if added:
            rules = ", ".join(sorted({rule for rule, _ in added}))
            reason = f"bản sửa làm phát sinh lỗi mới ({rules})"
    if reason is None:
        pages = count_pages([data, fixed])
        if pages is not None and pages[0] != pages[1] and not report.paper_changed:
            reason = f"bản sửa làm văn bản từ {pages[0]} trang thành {pages[1]} trang"
        elif pages is None and _enlarges(before, after):
            reason = (
                "không có LibreOffice để đếm trang, mà bản sửa tăng cỡ chữ hoặc lề thụt "
                "(có thể làm văn bản dài thêm trang)"
            )
    if reason is not None:
        report.refused = f"không sửa tệp này: {reason}; tệp để nguyên"
        return None, report
    return fixed, report
