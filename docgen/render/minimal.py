"""Strip python-docx's default-template leftovers from a .docx package, keeping it valid.

python-docx starts every document from its own default.docx, saved by Word 2010 for Mac. That
file brings parts no docgen document uses (a 438 KB ``stylesWithEffects.xml``, a thumbnail, a
bibliography in ``customXml``, list definitions nothing refers to), Mac-only namespaces, and
settings that make Word open the result in Compatibility Mode with English/Japanese theme
languages. :func:`minimal_package` removes or modernises all of that and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from docgen.render.package import (
    APP_PROPERTIES,
    CONTENT_TYPES,
    CT_NS,
    extension,
    neutral_app_properties,
    package_problems,
    parse_xml,
    relationship_target,
    relationships,
    rels_name,
    serialize_xml,
)
from docgen.rules import n30

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NUMBERING = "word/numbering.xml"
SETTINGS = "word/settings.xml"
LEFTOVER_PARTS = frozenset({"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"})
LEFTOVER_FOLDERS = ("customXml/",)
COMPAT_URI = "http://schemas.microsoft.com/office/word"
COMPATIBILITY_MODE = "15"
"""Word 2013 and later: the document opens without the "Compatibility Mode" banner."""

KEPT_PREFIXES = ("w", "r")
"""Declarations kept on every WordprocessingML part even when unused there: the fragments
rendered into document and header parts may use them, and the template must declare them."""

MC_PREFIX_ATTRIBUTES = ("Ignorable", "ProcessContent", "MustUnderstand", "PreserveElements",
                        "PreserveAttributes", "Requires")  # fmt: skip
"""Markup-compatibility attributes whose values name namespace prefixes."""

AFTER_COMPAT = frozenset(
    f"{{{W_NS}}}{name}"
    for name in (
        "docVars", "rsids", "attachedSchema", "themeFontLang", "clrSchemeMapping",
        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
        "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
        "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    )
)  # fmt: skip
"""The ``w:settings`` children that the schema places after ``w:compat`` (besides ``m:mathPr``
and extension elements, which are recognised by namespace)."""


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def minimal_package(parts: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return a copy of ``parts`` (as from ``read_parts``) without the default-template leftovers.

    Dropped: ``word/stylesWithEffects.xml``, ``docProps/thumbnail.jpeg``, ``customXml/*`` (kept
    if a content control binds to it), and ``word/numbering.xml`` when nothing refers to a list
    (otherwise only its unreferenced definitions), with their relationships and content types.
    Changed: Word 2013 compatibility mode, vi-VN wherever a language is declared, and namespace
    declarations and ``mc:Ignorable`` entries a part does not use removed together. The order
    of the remaining parts is kept. Raises ``ValueError`` when a part is not well-formed XML or
    the result would not be a valid package.
    """
    try:
        return _minimal(parts)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"malformed XML part: {error}") from error


def _minimal(parts: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return the minimal package of ``parts``; see :func:`minimal_package`."""
    word = {
        name: parse_xml(blob)
        for name, blob in parts.items()
        if name.startswith("word/") and name.endswith(".xml")
    }
    dropped = {name for name in parts if _is_leftover(name, word)}
    if NUMBERING in word:
        references = _numbering_references(
            {name: root for name, root in word.items() if name not in dropped}
        )
        if references is None:
            dropped.add(NUMBERING)
        else:
            _prune_numbering(word[NUMBERING], references)
    dropped |= {rels_name(name) for name in dropped} & set(parts)
    if SETTINGS in word:
        _modernise_settings(word[SETTINGS])
    result: dict[str, bytes] = {}
    for name, blob in parts.items():
        if name in dropped:
            continue
        if name in word:
            root = word[name]
            _set_languages(root)
            _drop_unused_namespaces(root)
            blob = serialize_xml(root)
        elif name == APP_PROPERTIES:
            blob = neutral_app_properties(blob)
        elif name.endswith(".rels"):
            blob = _without_relationships_to(name, blob, dropped)
        result[name] = blob
    result[CONTENT_TYPES] = _content_types(result)
    problems = package_problems(result)
    if problems:
        raise ValueError("minimal package is invalid: " + "; ".join(problems))
    return result


def _is_leftover(name: str, word: Mapping[str, etree._Element]) -> bool:
    """Return True when part ``name`` is a default-template leftover that may go."""
    if name in LEFTOVER_PARTS:
        return True
    if not name.startswith(LEFTOVER_FOLDERS):
        return False
    # A content control bound to custom XML (w:dataBinding) would lose its data source.
    return not any(root.find(f".//{_w('dataBinding')}") is not None for root in word.values())


def _numbering_references(word: Mapping[str, etree._Element]) -> set[str] | None:
    """Return the list ids (``w:numId``) the document refers to; None when it refers to none."""
    found = [
        element.get(_w("val"), "")
        for name, root in word.items()
        if name != NUMBERING
        for element in root.iter(_w("numId"))
    ]
    return set(found) if found else None


def _prune_numbering(numbering: etree._Element, references: set[str]) -> None:
    """Remove the lists nobody refers to, then the abstract definitions no list uses."""
    used_abstract: set[str] = set()
    for num in numbering.findall(_w("num")):
        if num.get(_w("numId")) not in references:
            numbering.remove(num)
            continue
        abstract = num.find(_w("abstractNumId"))
        if abstract is not None:
            used_abstract.add(abstract.get(_w("val"), ""))
    for abstract_num in numbering.findall(_w("abstractNum")):
        if abstract_num.get(_w("abstractNumId")) not in used_abstract:
            numbering.remove(abstract_num)


def _modernise_settings(settings: etree._Element) -> None:
    """Set compatibility mode 15 (adding ``w:compat`` where missing); drop the thumbnail flag."""
    compat = settings.find(_w("compat"))
    if compat is None:
        compat = etree.Element(_w("compat"))
        position = next(
            (
                index
                for index, child in enumerate(settings)
                if child.tag in AFTER_COMPAT
                or (isinstance(child.tag, str) and etree.QName(child).namespace != W_NS)
            ),
            len(settings),
        )
        settings.insert(position, compat)
    mode = next(
        (
            setting
            for setting in compat.iterchildren(_w("compatSetting"))
            if setting.get(_w("name")) == "compatibilityMode"
            and setting.get(_w("uri")) == COMPAT_URI
        ),
        None,
    )
    if mode is None:
        # compatSetting elements follow the legacy flags in w:compat: appending keeps the order.
        mode = etree.SubElement(compat, _w("compatSetting"))
        mode.set(_w("name"), "compatibilityMode")
        mode.set(_w("uri"), COMPAT_URI)
    mode.set(_w("val"), COMPATIBILITY_MODE)
    # Asks Word to save a thumbnail on every save: the part it would feed has been dropped.
    for flag in settings.findall(_w("savePreviewPicture")):
        settings.remove(flag)


def _set_languages(root: etree._Element) -> None:
    """Make every declared language (``w:lang``, ``w:themeFontLang``) N30's Vietnamese.

    Only the Latin (``w:val``) and East Asian (``w:eastAsia``) slots change; ``w:bidi`` names
    the complex-script language, which Vietnamese text never uses.
    """
    for element in root.iter(_w("lang"), _w("themeFontLang")):
        for slot in ("val", "eastAsia"):
            if element.get(_w(slot)) is not None:
                element.set(_w(slot), n30.LANGUAGE)


def _drop_unused_namespaces(root: etree._Element) -> None:
    """Remove the namespace declarations ``root``'s part does not use.

    A prefix listed in ``mc:Ignorable`` must stay declared (Word refuses the file otherwise), so
    an ignorable prefix whose namespace the part does not use leaves the list first; prefixes
    named by the other markup-compatibility attributes are kept.
    """
    used = {etree.QName(element).namespace for element in root.iter(etree.Element)} | {
        etree.QName(attribute).namespace
        for element in root.iter(etree.Element)
        for attribute in element.attrib
    }
    ignorable = f"{{{MC_NS}}}Ignorable"
    listed = root.get(ignorable)
    if listed is not None:
        kept = [prefix for prefix in listed.split() if root.nsmap.get(prefix) in used]
        if kept:
            root.set(ignorable, " ".join(kept))
        else:
            del root.attrib[ignorable]
    named: set[str] = set()
    for element in root.iter(etree.Element):
        inside = etree.QName(element).namespace == MC_NS
        for attribute in MC_PREFIX_ATTRIBUTES:
            # mc:Choice and mc:AlternateContent carry them unqualified (Requires="wps").
            value = element.get(attribute if inside else f"{{{MC_NS}}}{attribute}")
            named.update((value or "").split())
    etree.cleanup_namespaces(root, keep_ns_prefixes=sorted(named | set(KEPT_PREFIXES)))


def _without_relationships_to(rels: str, blob: bytes, dropped: set[str]) -> bytes:
    """Return relationships part ``rels`` without the relationships to ``dropped`` parts."""
    root = parse_xml(blob)
    doomed = [r for r in relationships(root) if relationship_target(rels, r) in dropped]
    if not doomed:
        return blob  # untouched parts keep their bytes
    for relationship in doomed:
        root.remove(relationship)
    return serialize_xml(root)


def _content_types(parts: Mapping[str, bytes]) -> bytes:
    """Return the content-types part of ``parts`` without entries for parts no longer there.

    Overrides of missing parts go, and so do defaults for extensions no part has any more.
    """
    types = parse_xml(parts[CONTENT_TYPES])
    names = {name.lower() for name in parts}
    extensions = {extension(name) for name in parts}
    for override in list(types.iterchildren(f"{{{CT_NS}}}Override")):
        if override.get("PartName", "").lstrip("/").lower() not in names:
            types.remove(override)
    for default in list(types.iterchildren(f"{{{CT_NS}}}Default")):
        if default.get("Extension", "").lower() not in extensions:
            types.remove(default)
    return serialize_xml(types)
