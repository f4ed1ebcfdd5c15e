"""Constructs of real office documents, as mutations of :mod:`tests.check.docbuilder`'s
compliant documents and as raw files.

Each mutation rewrites the compliant document the way Word or LibreOffice writes the same
thing (``w:jc="start"``, theme fonts, lines as VML shapes, page numbers in content controls,
margins stored as 25.01 mm...), so a test can assert the exact findings. The raw builders
make files that are no valid .docx (a zip bomb, an encrypted file, a renamed .doc).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph

from tests.check.docbuilder import A_NS, V_NS, W_NS, WP_NS, WPS_NS, Built

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
O_NS = "urn:schemas-microsoft-com:office:office"
WP14_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _all(built: Built, tag: str) -> list[object]:
    """Return every ``tag`` element in the body and the headers of ``built``."""
    roots = [built.document.element.body]
    section = built.document.sections[0]
    for part in (section.header, section.footer, section.first_page_header):
        if not part.is_linked_to_previous:
            roots.append(part._element)
    return [element for root in roots for element in root.iter(qn(tag))]


# -- alignment and fonts ---------------------------------------------------------------------


def jc_start_end(built: Built) -> None:
    """Write alignments as LibreOffice does: ``start``/``end`` instead of ``left``/``right``."""
    for jc in _all(built, "w:jc"):
        value = jc.get(qn("w:val"))  # type: ignore[attr-defined]
        new = {"left": "start", "right": "end"}.get(value, value)
        jc.set(qn("w:val"), new)  # type: ignore[attr-defined]


def jc_start_on_body(built: Built) -> None:
    """A body paragraph aligned ``start`` (left) where N30 wants it justified."""
    paragraph = built.find("Để thực hiện thắng lợi")
    jc = paragraph._p.pPr.find(qn("w:jc"))
    jc.set(qn("w:val"), "start")


def east_asia_theme(built: Built) -> None:
    """Fonts as Word writes them when Times New Roman is the default: the East Asian slot a
    theme font (``eastAsiaTheme="minorHAnsi"``), the complex-script slot another font."""
    for fonts in _all(built, "w:rFonts"):
        fonts.attrib.pop(qn("w:eastAsia"), None)  # type: ignore[attr-defined]
        fonts.set(qn("w:eastAsiaTheme"), "minorHAnsi")  # type: ignore[attr-defined]
        fonts.set(qn("w:cs"), "Arial")  # type: ignore[attr-defined]


def east_asian_characters(built: Built) -> None:
    """A run of CJK characters in a body paragraph, shown in its East Asian slot (SimSun)."""
    paragraph = built.find("Để thực hiện thắng lợi")
    run = paragraph.add_run(" 中文")
    run.font.size = paragraph.runs[0].font.size
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{slot}"), "Times New Roman")
    fonts.set(qn("w:eastAsia"), "SimSun")


def hint_east_asia_quotes(built: Built) -> None:
    """A run marked ``w:hint="eastAsia"`` whose East Asian slot is SimSun: only its quote
    marks use that slot, its Vietnamese letters stay in Times New Roman."""
    paragraph = built.find("Để thực hiện thắng lợi")
    run = paragraph.add_run(" “Thi đua yêu nước”")
    run.font.size = paragraph.runs[0].font.size
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{slot}"), "Times New Roman")
    fonts.set(qn("w:eastAsia"), "SimSun")
    fonts.set(qn("w:hint"), "eastAsia")


# -- page setup ------------------------------------------------------------------------------


def word_rounded_margins(built: Built) -> None:
    """Margins typed in Word as 2 cm, 2 cm, 3.5 cm, 1.5 cm are stored in whole twips:
    1134, 1134, 1985 (35.02 mm), 851 (15.01 mm); 2.5 cm would be 1418 (25.01 mm)."""
    margins = built.document.sections[0]._sectPr.find(qn("w:pgMar"))
    for side, twips in (("top", "1418"), ("bottom", "1134"), ("left", "1985"), ("right", "851")):
        margins.set(qn(f"w:{side}"), twips)


def bottom_margin_25_2(built: Built) -> None:
    """A bottom margin of 25.2 mm (1429 twips): over 25 mm even after rounding to 0.1 mm."""
    built.document.sections[0]._sectPr.find(qn("w:pgMar")).set(qn("w:bottom"), "1429")


# -- page numbers ----------------------------------------------------------------------------


def page_number_in_content_control(built: Built) -> None:
    """Wrap the header's page-number paragraph in a content control, as Word's Insert ▸ Page
    Number gallery does (``w:docPartGallery`` "Page Numbers (Top of Page)")."""
    paragraph = built["so_trang"]._p
    sdt = parse_xml(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr><w:id w:val="-1"/><w:docPartObj>'
        '<w:docPartGallery w:val="Page Numbers (Top of Page)"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
    )
    paragraph.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(paragraph)


def page_number_simple_field(built: Built) -> None:
    """Replace the header's complex PAGE field by a simple one (``w:fldSimple``)."""
    paragraph = built["so_trang"]._p
    runs = paragraph.findall(qn("w:r"))
    r_pr = runs[0].find(qn("w:rPr"))
    for run in runs:
        paragraph.remove(run)
    field = parse_xml(
        f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE   \\* MERGEFORMAT "><w:r><w:t>2</w:t>'
        "</w:r></w:fldSimple>"
    )
    field.find(qn("w:r")).insert(0, r_pr)
    paragraph.append(field)


def page_number_in_text_box(built: Built) -> None:
    """Move the header's page-number paragraph into a text box anchored in the header
    (DrawingML text box with its VML fallback, as Word 2010+ writes it)."""
    paragraph = built["so_trang"]._p
    inner = paragraph.__copy__()
    for run in paragraph.findall(qn("w:r")):
        paragraph.remove(run)
    inner_xml = inner.xml if hasattr(inner, "xml") else ""
    box = parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" '
        f'xmlns:wps="{WPS_NS}" xmlns:v="{V_NS}"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
        'distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin">'
        '<wp:align>center</wp:align></wp:positionH><wp:positionV relativeFrom="paragraph">'
        '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="914400" cy="274320"/>'
        '<wp:wrapNone/><wp:docPr id="900" name="Text Box 900"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>'
        f"<w:txbxContent>{inner_xml}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>"
        '<w:pict><v:shape style="width:72pt;height:21.6pt" type="#_x0000_t202"><v:textbox>'
        f"<w:txbxContent>{inner_xml}</w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph.append(box)


def set_saved_statistics(path: Path, pages: int, words: int) -> None:
    """Rewrite ``docProps/app.xml`` of the .docx at ``path`` as Word leaves it on saving a
    document of ``pages`` pages and ``words`` words."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    app = members["docProps/app.xml"].decode()
    app = re.sub(r"<Pages>\d+</Pages>", f"<Pages>{pages}</Pages>", app)
    app = re.sub(r"<Words>\d+</Words>", f"<Words>{words}</Words>", app)
    members["docProps/app.xml"] = app.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


# -- lines -----------------------------------------------------------------------------------


def _clear_shapes(paragraph: Paragraph) -> None:
    for run in paragraph._p.findall(qn("w:r")):
        if run.find(qn("w:drawing")) is not None or run.find(qn("w:pict")) is not None:
            paragraph._p.remove(run)


def alternate_content_line(paragraph: Paragraph, length: int) -> None:
    """Draw a line as Word 2010+ saves it: a DrawingML connector in mc:Choice and the same
    line as VML in mc:Fallback (one line, written twice)."""
    _clear_shapes(paragraph)
    points = Length(length).pt
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" '
            f'xmlns:wps="{WPS_NS}" xmlns:v="{V_NS}" xmlns:o="{O_NS}"><mc:AlternateContent>'
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
            'distR="0" simplePos="0" relativeHeight="2" behindDoc="0" locked="0" '
            'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            f'</wp:positionV><wp:extent cx="{length}" cy="0"/><wp:wrapNone/>'
            '<wp:docPr id="901" name="Straight Connector 901"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f'<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{length}" '
            'cy="0"/></a:xfrm><a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
            "</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
            "</w:drawing></mc:Choice><mc:Fallback><w:pict>"
            f'<v:shape type="#_x0000_t32" o:connectortype="straight" style="position:absolute;'
            f'width:{points:.2f}pt;height:0" strokeweight=".5pt"/></w:pict></mc:Fallback>'
            "</mc:AlternateContent></w:r>"
        )
    )


def vml_straight_shape(paragraph: Paragraph, length: int) -> None:
    """Draw a line as a VML shape with a straight path (LibreOffice's .doc conversions)."""
    _clear_shapes(paragraph)
    points = Length(length).pt
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}" xmlns:v="{V_NS}"><w:pict><v:shape coordsize="21600,21600" '
            f'path="m0,0 l21600,0 e" style="position:absolute;width:{points:.2f}pt;height:0pt" '
            'filled="f" stroked="t"/></w:pict></w:r>'
        )
    )


def top_border(paragraph: Paragraph) -> None:
    """Give ``paragraph`` a single top border (the line drawn as the next paragraph's top)."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert(
        0,
        parse_xml(
            f'<w:pBdr xmlns:w="{W_NS}"><w:top w:val="single" w:sz="6" w:space="1" '
            'w:color="auto"/></w:pBdr>'
        ),
    )


# -- text ------------------------------------------------------------------------------------


def tracked_changes(paragraph: Paragraph, inserted: str, deleted: str) -> None:
    """Append a tracked insertion and a tracked deletion to ``paragraph``."""
    paragraph._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W_NS}" w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">'
            f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W_NS}" w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
        )
    )


def typed_with_tab_and_break(paragraph: Paragraph, before: str, after: str, last: str) -> None:
    """Replace the text of ``paragraph`` by ``before`` TAB ``after`` LINE-BREAK ``last``."""
    for run in paragraph._p.findall(qn("w:r")):
        paragraph._p.remove(run)
    paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:t>{before}</w:t><w:tab/><w:t>{after}</w:t><w:br/>'
            f"<w:t>{last}</w:t></w:r>"
        )
    )


# -- files that are no .docx -----------------------------------------------------------------


def zip_bomb(path: Path, member: str, size: int) -> Path:
    """Write a .docx-looking zip whose ``member`` inflates to ``size`` zero bytes (streamed:
    the test never holds it in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        if member != "word/document.xml":
            archive.writestr(
                "word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
            )
        with archive.open(member, "w", force_zip64=True) as stream:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                stream.write(chunk)
    return path


def encrypted_docx(path: Path) -> Path:
    """Write what Word saves for a password-protected .docx: an OLE container holding the
    EncryptionInfo and EncryptedPackage streams (the directory names are UTF-16)."""
    body = OLE_SIGNATURE + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 1024
    path.write_bytes(body + "EncryptedPackage".encode("utf-16-le") + zlib.compress(b"x" * 100))
    return path


def renamed_doc(path: Path) -> Path:
    """Write a Word 97–2003 .doc (an OLE container with a WordDocument stream) to ``path``."""
    path.write_bytes(OLE_SIGNATURE + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 512)
    return path
