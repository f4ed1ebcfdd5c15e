"""Reading, writing and checking .docx packages (zip files) deterministically.

Besides the zip itself, this module knows the package-level structure every part depends on:
relationships (``*.rels``), content types (``[Content_Types].xml``) and the document
properties (``docProps/core.xml``, ``docProps/app.xml``). XML is parsed strictly (never with
``recover``), so a malformed part is an error rather than silently repaired.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from docgen.formatting import XML_FORBIDDEN
from docgen.render.ooxml import escape
from docgen.rules import n30

FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
CORE_PROPERTIES = "docProps/core.xml"
APP_PROPERTIES = "docProps/app.xml"
FIXED_DATE = dt.date(2024, 1, 1)
"""The creation date written when none is given, so output stays byte-deterministic."""

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CORE_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
CORE_CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"

APP_LEFTOVERS = frozenset({
    # The template's titles and organisation, which would otherwise label every document.
    "TitlesOfParts", "HeadingPairs", "Company", "Manager", "HyperlinkBase",
    # Statistics of the template, wrong for any rendered document; Word recounts on save.
    "Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs",
})  # fmt: skip
"""Local names of the ``docProps/app.xml`` elements that must not reach a rendered document."""


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class CoreProperties:
    """The core properties (Word: File > Info) of one rendered document.

    ``created`` is a date (a ``datetime`` counts by its date only); it is written at 00:00:00Z
    as both the creation and the modification time, so the same input gives the same bytes.
    Raises ``ValueError`` on construction when a text field holds a character XML forbids.
    """

    title: str
    author: str
    subject: str = ""
    keywords: str = ""
    created: dt.date | None = None
    language: str = n30.LANGUAGE

    def __post_init__(self) -> None:
        for name in ("title", "author", "subject", "keywords", "language"):
            if XML_FORBIDDEN.search(getattr(self, name)):
                raise ValueError(f"CoreProperties.{name} holds a character XML does not allow")


def read_parts(source: Path | bytes) -> dict[str, bytes]:
    """Return the parts of a zip package by name, in archive order.

    Raises ``zipfile.BadZipFile`` when ``source`` is not a zip file.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


# The zip records write_parts writes, laid out as Python's zipfile module lays them out (the
# writer used before), so the packages are byte for byte those zipfile would write.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_ZIP_VERSION = 20  # 2.0: deflate; what zipfile writes when no zip64 record is needed
_UNIX = 3  # "made by" system: permissions in external_attr are Unix ones
_PERMISSIONS = 0o644 << 16
_UTF8_NAME = 0x800  # general-purpose flag: the entry name is UTF-8
_DOS_TIME = 0  # FIXED_TIMESTAMP: 00:00:00
_DOS_DATE = (FIXED_TIMESTAMP[0] - 1980) << 9 | FIXED_TIMESTAMP[1] << 5 | FIXED_TIMESTAMP[2]
_MAX_SIZE = 1 << 30
"""1 GiB: far below the sizes that need zip64 records, which this writer does not write."""


@dataclass(frozen=True)
class DeflatedPart:
    """A part's bytes with the deflated form, CRC-32 and size a zip entry stores for them."""

    data: bytes
    deflated: bytes
    crc: int

    @classmethod
    def of(cls, data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> DeflatedPart:
        """Return ``data`` deflated as zipfile does (a raw deflate stream), by default at
        zlib's default level, the one zipfile uses."""
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        return cls(data, compressor.compress(data) + compressor.flush(), zlib.crc32(data))


RENDERED_PART_LEVEL = 1
"""The zlib level a renderer deflates the parts it writes anew with (document.xml): the
fastest, 2.4 times faster than the default on docgen's documents, for files a few KB
larger. The parts a template keeps as they are were deflated once, at the default level."""


def write_parts(
    parts: Mapping[str, bytes],
    deflated: Mapping[str, DeflatedPart] | None = None,
    level: int = zlib.Z_DEFAULT_COMPRESSION,
) -> bytes:
    """Return a zip package of ``parts`` that depends on nothing but their names and bytes.

    Timestamps and permissions are fixed, so equal input gives byte-identical output; the
    content-types part comes first, as some readers expect. Every part is deflated, except
    that a part whose bytes equal those of its entry in ``deflated`` (parts deflated once,
    e.g. a template's static parts) is written from that entry, as deflated then; the others
    are deflated at zlib ``level`` (by default zipfile's, so the bytes are zipfile's too).
    Raises ``ValueError`` for a package over 1 GiB or of more than 65,535 parts, which no
    document comes near (zip64 is not written).
    """
    order = {name: index for index, name in enumerate(parts)}
    names = sorted(parts, key=lambda name: (name != CONTENT_TYPES, order[name]))
    if len(names) > 0xFFFF:
        raise ValueError("package of more than 65,535 parts")
    cache = deflated or {}
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in names:
        data = parts[name]
        entry = cache.get(name)
        if entry is None or entry.data != data:
            entry = DeflatedPart.of(data, level)
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        size, compressed = len(data), len(entry.deflated)
        if max(size, compressed, offset) > _MAX_SIZE:
            raise ValueError(f"{name}: package too large (over 1 GiB)")
        # Fields shared by both headers: flags, method, time, date, CRC, sizes, name length.
        method = zipfile.ZIP_DEFLATED
        common = (flags, method, _DOS_TIME, _DOS_DATE, entry.crc, compressed, size, len(encoded))
        # Local header: version needed, reserved, common fields, no extra field.
        local += [_LOCAL_HEADER.pack(b"PK\x03\x04", _ZIP_VERSION, 0, *common, 0), encoded]
        local.append(entry.deflated)
        # Central header: version made by (and system), version needed, reserved, common
        # fields, no extra field, no comment, disk 0, no internal attributes, permissions,
        # offset of the local header.
        made_by = (_ZIP_VERSION, _UNIX, _ZIP_VERSION, 0)
        trailer = (0, 0, 0, 0, _PERMISSIONS, offset)
        central += [_CENTRAL_HEADER.pack(b"PK\x01\x02", *made_by, *common, *trailer), encoded]
        offset += _LOCAL_HEADER.size + len(encoded) + compressed
    directory = b"".join(central)
    if offset > _MAX_SIZE:
        raise ValueError("package too large (over 1 GiB)")
    count = len(names)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    return b"".join(local) + directory + end


def parse_xml(blob: bytes) -> etree._Element:
    """Return the root element of the XML document ``blob``.

    Raises ``lxml.etree.XMLSyntaxError`` when it is not well-formed; nothing is repaired.
    """
    return etree.fromstring(blob, _PARSER)


def serialize_xml(root: etree._Element) -> bytes:
    """Return ``root`` as a standalone UTF-8 XML document, the way python-docx writes parts."""
    blob: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return blob


def rels_name(part: str) -> str:
    """Return the name of the relationships part of ``part`` (pass "" for the package's)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def rels_source(rels: str) -> str:
    """Return the part whose relationships ``rels`` holds ("" for the package itself)."""
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base.removesuffix(".rels"))


def relationship_target(rels: str, relationship: etree._Element) -> str | None:
    """Return the part name a relationship of ``rels`` points at; None for external targets."""
    if relationship.get("TargetMode") == "External":
        return None
    target = unquote(relationship.get("Target", ""))
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    folder = posixpath.dirname(rels_source(rels))
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def relationships(root: etree._Element) -> Iterator[etree._Element]:
    """Return the ``Relationship`` elements of a parsed relationships part."""
    yield from root.iterchildren(f"{{{RELS_NS}}}Relationship")


def extension(part: str) -> str:
    """Return the extension of part name ``part``, lower-cased, without the dot ("" if none).

    ``_rels/.rels`` has the extension "rels": OPC defaults key on the text after the last dot.
    """
    base = posixpath.basename(part)
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def content_type(types: etree._Element, part: str) -> str | None:
    """Return the content type ``types`` (a parsed content-types part) gives ``part``, if any.

    Part names and extensions compare case-insensitively, as OPC requires.
    """
    wanted = f"/{part}".lower()
    for override in types.iterchildren(f"{{{CT_NS}}}Override"):
        if override.get("PartName", "").lower() == wanted:
            found: str | None = override.get("ContentType")
            return found
    wanted_extension = extension(part)
    for default in types.iterchildren(f"{{{CT_NS}}}Default"):
        if default.get("Extension", "").lower() == wanted_extension:
            fallback: str | None = default.get("ContentType")
            return fallback
    return None


def package_problems(parts: Mapping[str, bytes]) -> list[str]:
    """Return what makes ``parts`` an invalid package; an empty list when it is valid.

    Checked: the content-types part exists and gives every part a type and overrides only
    existing parts; every internal relationship target exists; every ``r:`` reference in an
    XML part names one of that part's relationships. Raises ``XMLSyntaxError`` on bad XML.
    """
    if CONTENT_TYPES not in parts:
        return [f"{CONTENT_TYPES} is missing"]
    problems: list[str] = []
    types = parse_xml(parts[CONTENT_TYPES])
    lowered = {name.lower() for name in parts}
    for override in types.iterchildren(f"{{{CT_NS}}}Override"):
        if override.get("PartName", "").lstrip("/").lower() not in lowered:
            problems.append(f"{CONTENT_TYPES} overrides missing part {override.get('PartName')}")
    ids: dict[str, set[str]] = {}
    for name, blob in parts.items():
        if name == CONTENT_TYPES:
            continue
        if content_type(types, name) is None:
            problems.append(f"{name} has no content type")
        if not name.endswith(".rels"):
            continue
        ids[rels_source(name)] = set()
        for relationship in relationships(parse_xml(blob)):
            ids[rels_source(name)].add(relationship.get("Id", ""))
            target = relationship_target(name, relationship)
            if target is not None and target not in parts:
                problems.append(f"{name}: {relationship.get('Id')} points at missing {target}")
    for name, blob in parts.items():
        if not name.endswith(".xml") or name == CONTENT_TYPES:
            continue
        for element in parse_xml(blob).iter(etree.Element):
            for attribute, value in element.attrib.items():
                if attribute.startswith(f"{{{R_NS}}}") and value not in ids.get(name, set()):
                    local = etree.QName(attribute).localname
                    problems.append(f"{name}: r:{local}={value} names no relationship")
    return problems


_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
"""The XML declaration lxml writes, which core.xml written as a string repeats."""


def core_properties_xml(properties: CoreProperties) -> bytes:
    """Return a ``docProps/core.xml`` holding ``properties`` and nothing of any template.

    Every text is escaped; ``dc:description`` is empty and the revision is 1. (Written as a
    string, byte for byte what lxml would serialize: a batch writes one per document.)
    """
    day = properties.created or FIXED_DATE
    stamp = f"{dt.date(day.year, day.month, day.day).isoformat()}T00:00:00Z"
    fields = (
        ("dc:title", properties.title),
        ("dc:subject", properties.subject),
        ("dc:creator", properties.author),
        ("cp:keywords", properties.keywords),
        ("dc:description", ""),
        ("cp:lastModifiedBy", properties.author),
        ("cp:revision", "1"),
        ("dcterms:created", stamp),
        ("dcterms:modified", stamp),
        ("dc:language", properties.language),
    )
    elements = []
    for tag, text in fields:
        # OPC requires the W3CDTF type on the dates.
        typed = ' xsi:type="dcterms:W3CDTF"' if tag.startswith("dcterms:") else ""
        elements.append(f"<{tag}{typed}>{escape(text)}</{tag}>" if text else f"<{tag}{typed}/>")
    namespaces = (
        f'xmlns:cp="{CP_NS}" xmlns:dc="{DC_NS}" xmlns:dcterms="{DCTERMS_NS}" xmlns:xsi="{XSI_NS}"'
    )
    xml = f"{_DECLARATION}\n<cp:coreProperties {namespaces}>{''.join(elements)}</cp:coreProperties>"
    return xml.encode("utf-8")


@functools.lru_cache(maxsize=16)  # a template's app.xml, once per template
def neutral_app_properties(blob: bytes) -> bytes:
    """Return ``docProps/app.xml`` without the template's titles, company and statistics."""
    root = parse_xml(blob)
    for element in list(root.iterchildren(etree.Element)):
        if etree.QName(element).namespace == EP_NS and element.tag.split("}")[1] in APP_LEFTOVERS:
            root.remove(element)
    etree.cleanup_namespaces(root)
    return serialize_xml(root)


def with_core_properties(
    parts: Mapping[str, bytes], properties: CoreProperties
) -> dict[str, bytes]:
    """Return a copy of ``parts`` whose document properties are ``properties`` alone.

    ``docProps/core.xml`` is replaced (and added, with its relationship and content type, when
    the package lacks it); ``docProps/app.xml`` loses the template's titles, company and
    statistics. Raises ``XMLSyntaxError`` when a part to be edited is not well-formed.
    """
    result = dict(parts)
    result[CORE_PROPERTIES] = core_properties_xml(properties)
    if APP_PROPERTIES in result:
        result[APP_PROPERTIES] = neutral_app_properties(result[APP_PROPERTIES])
    if CORE_PROPERTIES in parts:
        return result
    package_rels = parse_xml(result[PACKAGE_RELS])
    taken = {relationship.get("Id") for relationship in relationships(package_rels)}
    number = next(n for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    etree.SubElement(
        package_rels,
        f"{{{RELS_NS}}}Relationship",
        Id=f"rId{number}",
        Type=CORE_RELATIONSHIP,
        Target=CORE_PROPERTIES,
    )
    result[PACKAGE_RELS] = serialize_xml(package_rels)
    types = parse_xml(result[CONTENT_TYPES])
    etree.SubElement(
        types, f"{{{CT_NS}}}Override", PartName=f"/{CORE_PROPERTIES}", ContentType=CORE_CONTENT_TYPE
    )
    result[CONTENT_TYPES] = serialize_xml(types)
    return result
