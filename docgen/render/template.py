"""A docxtpl template prepared once and rendered many times.

docxtpl's ``DocxTemplate.render`` re-reads, re-patches and re-compiles the template on every
call and saves through python-docx. Here the tag patching (docxtpl's own ``patch_xml``, so the
``{%p %}``, ``{%tr %}``, ``{{r }}`` and ``{{p }}`` conventions hold) and the Jinja compilation
happen once; a render is one Jinja call per templated part, a strict XML parse of the result
unless the part was proved well-formed for all data when it was prepared
(:mod:`docgen.render.wellformed`), so that a template can never produce a corrupt file, and a
deterministic zip of cached bytes, the parts a render does not change being deflated once,
when the template is prepared.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.parsers import expat

import jinja2
from jinja2 import meta
from lxml import etree

from docgen.errors import TemplateError, display_path
from docgen.render import cache
from docgen.render.environment import make_environment
from docgen.render.package import (
    RENDERED_PART_LEVEL,
    CoreProperties,
    DeflatedPart,
    read_parts,
    with_core_properties,
    write_parts,
)
from docgen.render.wellformed import always_well_formed

TEMPLATED_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
PARAGRAPH_START = re.compile(r"<w:p([ >])")


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


SECTION_PROPERTIES = "<w:sectPr"


def check_well_formed(blob: bytes) -> None:
    """Raise ``ExpatError`` unless ``blob`` is a well-formed XML document.

    What a template renders to must be checked every time, unless the part was proved
    well-formed for all data (:mod:`docgen.render.wellformed`): a Jinja tag that a staff
    member typed across paragraphs can cut the XML for some data and not for other. Expat
    without a tree is the cheapest check there is. Namespaces need no check here: a rendered part
    uses only the prefixes of its template, which was parsed when it was prepared, and the
    ``w:`` of docgen's own filters.
    """
    expat.ParserCreate().Parse(blob, True)


def collapse_trailing_section(root: etree._Element) -> bool:
    """Make a section that a template ends in a paragraph the document's last section.

    An attachment's page setup depends on the data (portrait or landscape), so it is written
    as an empty paragraph holding a ``w:sectPr`` right before the body's own ``w:sectPr``,
    which would leave an empty last page. Move those properties into the body's ``w:sectPr``
    and drop the paragraph. Return True when the tree was changed.
    """
    body = root.find(f"{{{W_NS}}}body")
    if body is None or len(body) < 2:
        return False
    final, last = body[-1], body[-2]
    if final.tag != f"{{{W_NS}}}sectPr" or last.tag != f"{{{W_NS}}}p":
        return False
    properties = last.find(f"{{{W_NS}}}pPr")
    section = None if properties is None else properties.find(f"{{{W_NS}}}sectPr")
    if section is None or len(last) != 1:  # a paragraph with text is a real section break
        return False
    body.remove(last)
    body.replace(final, section)
    return True


class PreparedTemplate:
    """A .docx template compiled for repeated rendering."""

    def __init__(self, path: Path, environment: jinja2.Environment | None = None) -> None:
        """Load and compile the template at ``path`` (or take its compilation from the cache
        of :mod:`docgen.render.cache`).

        Raises :class:`TemplateError` when it is missing, not a .docx, or has a Jinja error.
        """
        self.path = path
        self.environment = environment or make_environment()
        try:
            package = path.read_bytes()
            self._parts = read_parts(package)
        except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
            raise TemplateError(f"{display_path(path)}: không đọc được mẫu: {error}") from error
        compiled = cache.load(package)
        if compiled is None:
            compiled = self._compile(package)
            cache.store(package, compiled)
        self.variables = set(compiled.variables)
        self._sources = {name: part.source for name, part in compiled.parts.items()}
        self.always_well_formed = {
            name for name, part in compiled.parts.items() if part.always_well_formed
        }
        """The templated parts proved to render well-formed for all data: never parsed."""
        globals_ = self.environment.make_globals(None)
        self._templates = {
            name: self.environment.template_class.from_code(
                self.environment, part.code, globals_, None
            )
            for name, part in compiled.parts.items()
        }
        # The parts no render changes (styles, settings, fonts, images...) are most of the
        # package: deflated here once, each render only deflates the parts it writes.
        self._deflated = {
            name: DeflatedPart.of(blob)
            for name, blob in self._parts.items()
            if name not in self._templates
        }

    @property
    def templated_parts(self) -> list[str]:
        """Return the names of the parts a render fills in (the others are copied)."""
        return list(self._templates)

    def _compile(self, package: bytes) -> cache.CompiledTemplate:
        """Return the templated parts of ``package`` patched (docxtpl's tag conventions)
        and compiled, with the variables they use. Raises :class:`TemplateError`."""
        # docxtpl (which imports python-docx) is needed only here, for its patch_xml.
        from docxtpl import DocxTemplate

        try:
            patcher = DocxTemplate(io.BytesIO(package))
        except (zipfile.BadZipFile, KeyError, ValueError) as error:
            raise TemplateError(
                f"{display_path(self.path)}: không đọc được mẫu: {error}"
            ) from error
        parts: dict[str, cache.CompiledPart] = {}
        variables: set[str] = set()
        for name, blob in self._parts.items():
            if not TEMPLATED_PART.match(name):
                continue
            xml = blob.decode("utf-8")
            if "{{" not in xml and "{%" not in xml:
                continue
            # One paragraph per source line, so Jinja's line numbers point at a paragraph.
            source = PARAGRAPH_START.sub(r"\n<w:p\1", patcher.patch_xml(xml))
            try:
                # Parsed once: compiling the parsed tree gives the same code as compiling the
                # source, and parsing is a fifth of preparing a template.
                tree = self.environment.parse(source)
                variables |= meta.find_undeclared_variables(tree)
                code = self.environment.compile(tree)
            except jinja2.TemplateSyntaxError as error:
                raise TemplateError(self._describe(name, source, error)) from error
            parts[name] = cache.CompiledPart(source, code, always_well_formed(tree))
        return cache.CompiledTemplate(parts, frozenset(variables))

    def render(self, context: Mapping[str, Any], properties: CoreProperties | None = None) -> bytes:
        """Return the bytes of the .docx rendered from ``context``.

        With ``properties``, the document's core properties are exactly those (nothing of the
        template's title, description or dates survives); without, the template's are kept.
        Raises :class:`TemplateError` when the context lacks a variable the template uses or
        rendering fails; nothing is returned in that case.
        """
        missing = sorted(self.variables - set(context))
        if missing:
            names = ", ".join(missing)
            raise TemplateError(f"{display_path(self.path)}: dữ liệu thiếu biến mẫu cần: {names}")
        parts = dict(self._parts)
        for name, template in self._templates.items():
            try:
                xml = template.render(context)
            except jinja2.TemplateError as error:
                raise TemplateError(self._describe(name, self._sources[name], error)) from error
            xml = xml.replace("\n<w:p", "<w:p")
            blob = xml.encode("utf-8")
            try:
                if xml.count(SECTION_PROPERTIES, xml.find("<w:body")) > 1:  # may collapse
                    tree = etree.fromstring(blob)
                    if collapse_trailing_section(tree):
                        blob = etree.tostring(
                            tree, xml_declaration=True, encoding="UTF-8", standalone=True
                        )
                elif name not in self.always_well_formed:  # a part proved once needs no parse
                    check_well_formed(blob)
            except (etree.XMLSyntaxError, expat.ExpatError) as error:
                raise TemplateError(
                    f"{display_path(self.path)}: {name}: mẫu sinh ra XML hỏng: {error}"
                ) from error
            parts[name] = blob
        if properties is not None:
            try:
                parts = with_core_properties(parts, properties)
            except (etree.XMLSyntaxError, KeyError) as error:
                raise TemplateError(
                    f"{display_path(self.path)}: không ghi được thuộc tính tài liệu: {error}"
                ) from error
        return write_parts(parts, self._deflated, RENDERED_PART_LEVEL)

    def _describe(self, part: str, source: str, error: jinja2.TemplateError) -> str:
        """Return a message naming the template, the part and the paragraph text at fault."""
        where = f"{display_path(self.path)}: {part}"
        line = getattr(error, "lineno", None)
        if line:
            text = re.sub(r"<[^>]+>", "", source.splitlines()[line - 1] if source else "")
            where += f": đoạn “{text.strip()[:80]}”"
        return f"{where}: lỗi mẫu: {error.message or error}"
