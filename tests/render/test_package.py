"""Output packages are minimal and valid, and carry per-document core properties.

The package checks here are written against the zip and the XML directly, not through
``docgen.render.package``'s helpers, so they do not trust the code they test.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from lxml import etree

from docgen import api
from docgen.errors import TemplateError
from docgen.render import builder
from docgen.render.minimal import minimal_package
from docgen.render.package import (
    CoreProperties,
    DeflatedPart,
    core_properties_xml,
    package_problems,
    read_parts,
    with_core_properties,
    write_parts,
)
from docgen.render.template import PreparedTemplate
from tests.render.conftest import ROOT, SAMPLE, SAMPLES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
LEFTOVERS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg")
TRICKY = 'Kế hoạch & <thi đua> "2024"'


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


def consistency_problems(parts: dict[str, bytes]) -> list[str]:
    """Return the relationship targets that do not exist and the parts without a content type."""
    types = xml(parts, "[Content_Types].xml")
    overrides = {e.get("PartName").lower() for e in types.iterfind(f"{{{CT}}}Override")}
    defaults = {e.get("Extension").lower() for e in types.iterfind(f"{{{CT}}}Default")}
    problems = [f"override of missing {name}" for name in overrides
                if name.lstrip("/") not in {part.lower() for part in parts}]  # fmt: skip
    for name in parts:
        if name == "[Content_Types].xml":
            continue
        if f"/{name}".lower() not in overrides and name.rsplit(".", 1)[-1] not in defaults:
            problems.append(f"no content type: {name}")
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        for relationship in xml(parts, name).iterfind(f"{{{RELS}}}Relationship"):
            if relationship.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, relationship.get("Target")))
            if target.lstrip("/") not in parts:
                problems.append(f"{name} -> missing {target}")
    return problems


def ignorable_problems(parts: dict[str, bytes]) -> list[str]:
    """Return every mc:Ignorable prefix some XML part lists without declaring it."""
    problems = []
    for name, blob in parts.items():
        if name.endswith(".xml") and name.startswith("word/"):
            root = etree.fromstring(blob)
            for prefix in (root.get(f"{{{MC}}}Ignorable") or "").split():
                if prefix not in root.nsmap:
                    problems.append(f"{name}: {prefix}")
    return problems


@pytest.fixture(scope="module")
def built_output(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return the sample plan rendered with a template freshly built by the builder."""
    folder = tmp_path_factory.mktemp("templates")
    for name, build in builder.TEMPLATES.items():
        (folder / name).write_bytes(build())
    return api.Renderer(folder).render(api.load_document(SAMPLE))


@pytest.fixture(scope="module", params=["built", "committed"])
def output(request: pytest.FixtureRequest, built_output: bytes) -> dict[str, bytes]:
    """Return the parts of the rendered sample plan, with the built or the committed template."""
    if request.param == "built":
        return parts_of(built_output)
    path: Path = request.getfixturevalue("rendered_path")
    return parts_of(path.read_bytes())


@pytest.fixture(scope="module")
def raw_docx() -> dict[str, bytes]:
    """Return the parts python-docx writes for an empty document (all the leftovers)."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return read_parts(buffer.getvalue())


# -- the rendered sample plan ---------------------------------------------------------------


def test_output_has_no_leftover_parts(output: dict[str, bytes]) -> None:
    for name in output:
        assert name not in LEFTOVERS
        assert not name.startswith("customXml/")
    assert "word/numbering.xml" not in output  # nothing in a plan is a Word list


def test_output_opens_in_word_2013_mode(output: dict[str, bytes]) -> None:
    settings = xml(output, "word/settings.xml")
    modes = [s.get(w("val")) for s in settings.iterfind(f"{w('compat')}/{w('compatSetting')}")
             if s.get(w("name")) == "compatibilityMode"]  # fmt: skip
    assert modes == ["15"]


def test_output_package_is_consistent(output: dict[str, bytes]) -> None:
    assert consistency_problems(output) == []
    assert ignorable_problems(output) == []
    assert package_problems(output) == []


def test_output_declares_only_vietnamese(output: dict[str, bytes]) -> None:
    languages = set()
    for name, blob in output.items():
        if name.startswith("word/") and name.endswith(".xml"):
            for element in etree.fromstring(blob).iter(w("lang"), w("themeFontLang")):
                languages |= {element.get(w(slot)) for slot in ("val", "eastAsia")}
    assert languages == {"vi-VN"}


def test_output_drops_legacy_namespaces(output: dict[str, bytes]) -> None:
    for name in ("word/document.xml", "word/header1.xml", "word/styles.xml"):
        assert set(xml(output, name).nsmap) == {"w", "r"}, name


def test_output_opens_in_python_docx(output: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(write_parts(output)))
    assert any("KẾ HOẠCH" in paragraph.text for paragraph in document.paragraphs)


def test_output_carries_nothing_of_the_template_in_its_properties(
    output: dict[str, bytes],
) -> None:
    # Rendered with or without CoreProperties, no template title, description or print date.
    core = xml(output, "docProps/core.xml")
    assert "Mẫu" not in (core.findtext("dc:title", namespaces=CORE_NS) or "")
    assert not core.findtext("dc:description", namespaces=CORE_NS)
    assert core.find("cp:lastPrinted", namespaces=CORE_NS) is None
    app = output["docProps/app.xml"].decode()
    assert "TitlesOfParts" not in app
    assert "Company" not in app


@pytest.mark.parametrize("name", sorted(builder.TEMPLATES))
def test_template_is_small_and_valid(name: str) -> None:
    template = builder.TEMPLATES[name]()
    # The leftovers alone weighed about 18 KB compressed (stylesWithEffects.xml: 438 KB raw).
    assert len(template) < 15_000
    parts = parts_of(template)
    assert consistency_problems(parts) == []
    assert ignorable_problems(parts) == []


# -- minimal_package on python-docx's own output --------------------------------------------


def test_minimal_package_drops_leftovers_and_stays_valid(raw_docx: dict[str, bytes]) -> None:
    before = dict(raw_docx)
    minimal = minimal_package(raw_docx)
    assert raw_docx == before  # pure: the input is not changed
    assert not [name for name in minimal if name in LEFTOVERS or name.startswith("customXml/")]
    for name, blob in minimal.items():
        if name.endswith(".rels") or name == "[Content_Types].xml":
            text = blob.decode()
            assert "stylesWithEffects" not in text
            assert "thumbnail" not in text
            assert "customXml" not in text
    assert 'Extension="jpeg"' not in minimal["[Content_Types].xml"].decode()
    assert consistency_problems(minimal) == []
    assert ignorable_problems(minimal) == []
    docx.Document(io.BytesIO(write_parts(minimal)))


def test_minimal_package_is_idempotent_and_deterministic(raw_docx: dict[str, bytes]) -> None:
    once = minimal_package(raw_docx)
    assert minimal_package(raw_docx) == once
    assert minimal_package(once) == once


def test_minimal_package_keeps_only_referenced_lists(raw_docx: dict[str, bytes]) -> None:
    # python-docx's List Bullet/Number styles refer to lists 1, 2, 3, 5, 6, 7 of nine.
    numbering = xml(minimal_package(raw_docx), "word/numbering.xml")
    nums = {num.get(w("numId")): num.find(w("abstractNumId")).get(w("val"))
            for num in numbering.iterfind(w("num"))}  # fmt: skip
    assert set(nums) == {"1", "2", "3", "5", "6", "7"}
    abstracts = {a.get(w("abstractNumId")) for a in numbering.iterfind(w("abstractNum"))}
    assert abstracts == set(nums.values())


@pytest.mark.parametrize("name", sorted(builder.TEMPLATES))
def test_minimal_package_drops_unreferenced_numbering(name: str) -> None:
    parts = read_parts(builder.TEMPLATES[name]())
    assert "word/numbering.xml" not in parts
    assert "numbering" not in parts["word/_rels/document.xml.rels"].decode()
    assert "numbering" not in parts["[Content_Types].xml"].decode()


def test_minimal_package_adds_a_missing_compat(raw_docx: dict[str, bytes]) -> None:
    settings = xml(raw_docx, "word/settings.xml")
    settings.remove(settings.find(w("compat")))
    parts = dict(raw_docx, **{"word/settings.xml": etree.tostring(settings)})
    result = xml(minimal_package(parts), "word/settings.xml")
    children = [etree.QName(child).localname for child in result]
    assert children.index("compat") < children.index("rsids")  # the schema's order
    setting = result.find(f"{w('compat')}/{w('compatSetting')}")
    assert (setting.get(w("name")), setting.get(w("val"))) == ("compatibilityMode", "15")
    assert result.find(w("savePreviewPicture")) is None


def test_minimal_package_keeps_bound_custom_xml(raw_docx: dict[str, bytes]) -> None:
    document = xml(raw_docx, "word/document.xml")
    document.find(w("body")).insert(0, etree.Element(w("dataBinding")))
    parts = dict(raw_docx, **{"word/document.xml": etree.tostring(document)})
    assert "customXml/item1.xml" in minimal_package(parts)


def test_minimal_package_rejects_malformed_xml(raw_docx: dict[str, bytes]) -> None:
    broken = dict(raw_docx, **{"word/styles.xml": b"<w:styles"})
    with pytest.raises(ValueError, match="malformed"):
        minimal_package(broken)


def test_package_problems_finds_a_dangling_relationship(raw_docx: dict[str, bytes]) -> None:
    parts = minimal_package(raw_docx)
    del parts["word/styles.xml"]
    problems = package_problems(parts)
    assert any("missing word/styles.xml" in problem for problem in problems)


# -- core properties -------------------------------------------------------------------------


def core_fields(blob: bytes) -> dict[str, str | None]:
    root = etree.fromstring(blob)
    return {f"{etree.QName(e).namespace}|{etree.QName(e).localname}": e.text for e in root}


def test_core_properties_escape_and_round_trip() -> None:
    properties = CoreProperties(title=TRICKY, author="UBND <xã> & Đăk Hà", keywords="a&b")
    root = etree.fromstring(core_properties_xml(properties))
    assert root.findtext("dc:title", namespaces=CORE_NS) == TRICKY
    assert root.findtext("dc:creator", namespaces=CORE_NS) == "UBND <xã> & Đăk Hà"
    assert root.findtext("cp:lastModifiedBy", namespaces=CORE_NS) == "UBND <xã> & Đăk Hà"
    assert root.findtext("cp:keywords", namespaces=CORE_NS) == "a&b"
    assert root.findtext("cp:revision", namespaces=CORE_NS) == "1"
    assert root.findtext("dc:language", namespaces=CORE_NS) == "vi-VN"
    assert not root.findtext("dc:description", namespaces=CORE_NS)


def test_core_properties_dates() -> None:
    dated = CoreProperties(title="t", author="a", created=dt.date(2024, 3, 15))
    root = etree.fromstring(core_properties_xml(dated))
    for field in ("dcterms:created", "dcterms:modified"):
        assert root.findtext(field, namespaces=CORE_NS) == "2024-03-15T00:00:00Z"
    moment = CoreProperties(title="t", author="a", created=dt.datetime(2024, 3, 15, 17, 30))
    assert core_properties_xml(moment) == core_properties_xml(dated)
    undated = etree.fromstring(core_properties_xml(CoreProperties(title="t", author="a")))
    assert undated.findtext("dcterms:created", namespaces=CORE_NS) == "2024-01-01T00:00:00Z"


def test_core_properties_refuse_characters_xml_forbids() -> None:
    with pytest.raises(ValueError, match="title"):
        CoreProperties(title="a\x01b", author="a")


def test_with_core_properties_adds_a_missing_core_part(raw_docx: dict[str, bytes]) -> None:
    parts = minimal_package(raw_docx)
    del parts["docProps/core.xml"]
    rels = xml(parts, "_rels/.rels")
    for relationship in list(rels):
        if relationship.get("Target") == "docProps/core.xml":
            rels.remove(relationship)
    parts["_rels/.rels"] = etree.tostring(rels)
    result = with_core_properties(parts, CoreProperties(title="t", author="a"))
    assert consistency_problems(result) == []
    assert docx.Document(io.BytesIO(write_parts(result))).core_properties.title == "t"


def tiny_parts() -> dict[str, bytes]:
    """Return a one-variable template, minimal like the built ones, with a title of its own."""
    document = docx.Document()
    document.add_paragraph("{{ ten }}")
    document.core_properties.title = "Tiêu đề của mẫu"
    document.core_properties.comments = "Mô tả của mẫu"
    buffer = io.BytesIO()
    document.save(buffer)
    return minimal_package(read_parts(buffer.getvalue()))


@pytest.fixture(scope="module")
def tiny_template(tmp_path_factory: pytest.TempPathFactory) -> PreparedTemplate:
    """Return :func:`tiny_parts` prepared for rendering."""
    path = tmp_path_factory.mktemp("tiny") / "tiny.docx"
    path.write_bytes(write_parts(tiny_parts()))
    return PreparedTemplate(path)


def test_render_rewrites_core_properties(tiny_template: PreparedTemplate) -> None:
    properties = CoreProperties(
        title=TRICKY, author="UBND xã", subject="TĐKT", created=dt.date(2024, 5, 2)
    )
    data = tiny_template.render({"ten": "x"}, properties=properties)
    assert tiny_template.render({"ten": "x"}, properties=properties) == data
    opened = docx.Document(io.BytesIO(data)).core_properties
    assert (opened.title, opened.author, opened.last_modified_by) == (TRICKY, "UBND xã", "UBND xã")
    assert (opened.subject, opened.comments, opened.revision) == ("TĐKT", "", 1)
    assert opened.created == opened.modified == dt.datetime(2024, 5, 2, tzinfo=dt.UTC)
    assert opened.language == "vi-VN"
    parts = parts_of(data)
    assert "của mẫu" not in parts["docProps/core.xml"].decode()
    assert b"TitlesOfParts" not in parts["docProps/app.xml"]
    assert consistency_problems(parts) == []


def test_render_without_properties_keeps_the_templates(tiny_template: PreparedTemplate) -> None:
    data = tiny_template.render({"ten": "x"})
    template_core = read_parts(tiny_template.path)["docProps/core.xml"]
    assert parts_of(data)["docProps/core.xml"] == template_core


def test_render_reports_a_template_whose_app_part_is_broken(tmp_path: Path) -> None:
    parts = tiny_parts()
    parts["docProps/app.xml"] = b"<Properties"
    path = tmp_path / "broken.docx"
    path.write_bytes(write_parts(parts))
    template = PreparedTemplate(path)
    assert template.render({"ten": "x"})  # untouched without properties, as before
    with pytest.raises(TemplateError, match="thuộc tính"):
        template.render({"ten": "x"}, CoreProperties(title="t", author="a"))


# -- the zip writer ---------------------------------------------------------------------------
# write_parts writes the zip itself (Python's zipfile cannot take data deflated beforehand), so
# that a template's static parts are deflated once; the bytes are those zipfile wrote.


def zipfile_package(parts: dict[str, bytes]) -> bytes:
    """Return ``parts`` zipped with zipfile the way write_parts did before (the reference)."""
    names = sorted(parts, key=lambda name: (name != "[Content_Types].xml", list(parts).index(name)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, parts[name])
    return buffer.getvalue()


def odd_parts() -> dict[str, bytes]:
    """Return parts a docx never has: empty, binary, incompressible, non-ASCII names."""
    noise = random.Random(30).randbytes(300_000)
    return {
        "a/empty.xml": b"",
        "[Content_Types].xml": b"<Types/>",
        "word/media/ảnh số 1.bin": noise,
        "bytes.bin": bytes(range(256)) * 40,
        "z.xml": "Ủy ban nhân dân ".encode() * 5000,
    }


PACKAGES = {
    **{name: lambda name=name: read_parts(ROOT / "templates" / name) for name in builder.TEMPLATES},
    "tiny": tiny_parts,
    "odd": odd_parts,
}


@pytest.mark.parametrize("make", PACKAGES.values(), ids=PACKAGES.keys())
def test_write_parts_writes_the_bytes_zipfile_wrote(make: Callable[[], dict[str, bytes]]) -> None:
    parts = make()
    assert write_parts(parts) == zipfile_package(parts)


@pytest.mark.parametrize("make", PACKAGES.values(), ids=PACKAGES.keys())
def test_written_zip_is_valid_and_holds_the_parts(make: Callable[[], dict[str, bytes]]) -> None:
    parts = make()
    with zipfile.ZipFile(io.BytesIO(write_parts(parts))) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert [info.filename for info in infos] == sorted(
            parts, key=lambda name: name != "[Content_Types].xml"
        )
        for info in infos:
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert (info.create_system, info.external_attr) == (3, 0o644 << 16)
            assert info.flag_bits == (0 if info.filename.isascii() else 0x800)
            assert archive.read(info) == parts[info.filename]


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_cached_static_parts_give_the_bytes_of_a_fresh_prepare(sample: Path) -> None:
    renderer = api.Renderer()
    document = api.load_document(sample)
    first = renderer.render(document)
    again = renderer.render(document)  # the prepared template, its deflated parts reused
    fresh = api.Renderer().render(document)  # a template prepared anew
    template = renderer.template(document.kind.template)
    template._deflated = {}  # every part deflated at render time, as before the cache
    uncached = renderer.render(document)
    assert first == again == fresh
    assert parts_of(uncached) == parts_of(first)  # only compressed otherwise
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
    assert docx.Document(io.BytesIO(first)).paragraphs
    assert consistency_problems(parts_of(first)) == []


def test_render_deflates_only_the_parts_it_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = api.Renderer()
    document = api.load_document(SAMPLE)
    template = renderer.template(document.kind.template)
    deflated: list[bytes] = []
    original = DeflatedPart.of
    monkeypatch.setattr(
        DeflatedPart, "of", lambda data, *level: deflated.append(data) or original(data, *level)
    )
    parts = parts_of(renderer.render(document))
    assert len(deflated) == len(template._templates) + 1  # + docProps/core.xml
    assert set(deflated) == {parts[name] for name in [*template._templates, "docProps/core.xml"]}


def test_a_deflated_part_for_other_bytes_is_not_used() -> None:
    parts = tiny_parts()
    stale = {name: DeflatedPart.of(blob + b" ") for name, blob in parts.items()}
    assert write_parts(parts, stale) == write_parts(parts)
    fresh = {name: DeflatedPart.of(blob) for name, blob in parts.items()}
    assert write_parts(parts, fresh) == write_parts(parts)
