"""Hostile text in every text field of every kind of document (issue 10, item 7).

Property-based: starting from the sample documents in ``data/``, hypothesis replaces one
text field, or several, with generated text: arbitrary Unicode (what YAML can carry), XML
specials, template syntax, characters the XML of a .docx cannot hold, NFD, bidi and
zero-width characters, empty strings, 50,000-character fields. Each case must end either

- in a .docx that python-docx opens, whose text holds the NFC of every replaced value, and
  that ``docgen check`` reads without an error and with no finding the sample itself does
  not have; or
- in an :class:`InputError` with a short problem naming the field replaced.

The samples are loaded once and each example renders only the changed document, in memory;
the settings are derandomized, so CI sees the same cases every run.
"""

from __future__ import annotations

import copy
import functools
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.api import Renderer, Workspace, check_file
from docgen.errors import InputError
from docgen.formatting import forbidden_text_chars
from docgen.inline import parse_inline, plain_text
from docgen.loading import Loaded, format_field, load_yaml
from docgen.project import PROFILE_FILES, Project

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FieldPath = tuple[str | int, ...]

# The characters a YAML file cannot carry (outside PyYAML's printable set, YAML 1.1's);
# surrogates are left out by category.
NOT_IN_YAML = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF]
               if chr(c) not in "\t\n\r\x85"]  # fmt: skip
HOSTILE_PIECES = (
    "<w:p>",
    "</w:t>",
    "&amp;",
    "&",
    "<",
    ">",
    '"',
    "'",
    "]]>",
    "<!ENTITY x SYSTEM 'file:///etc/passwd'>",
    "{{ ''.__class__.__mro__ }}",
    "{{",
    "}}",
    "{%",
    "%}",
    "{% for x in y %}",
    "{#",
    "{%p if 1 %}",
    "{r",
    "*",
    "**",
    "\\",
    "\u202e",  # right-to-left override
    "\u202d",
    "\u200f",
    "\u200b",  # zero-width space, joiners, word joiner, byte-order mark
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u0085",  # next line: YAML carries it, XML 1.0 allows it
    "\u007f",  # delete: YAML does not carry it; put in the data directly all the same
    "\ufffd",
    "\ue000",
    "\U0010fffd",
    "\u00a0",
    "\t",
    "\n",
    "\r\n",
    unicodedata.normalize("NFD", "Quyết định khen thưởng Đắk Hà"),
    "e\u0301\u0323",  # a base letter with two combining marks, in the non-canonical order
    "ﬁ",  # compatibility characters: NFC keeps them
    "İı",  # case mappings that change length
    "ß",
)


def yaml_text(
    max_size: int = 40, min_size: int = 0, clean: bool | None = None
) -> st.SearchStrategy[str]:
    """Return a strategy of text that a YAML file could carry, hostile pieces mixed in.

    ``clean`` text holds only characters a document may hold (no controls, private-use or
    unassigned code points); by default half the cases are clean: arbitrary code points are
    mostly unassigned, which validation refuses, so few cases would reach the renderer.
    """
    if clean is None:
        return st.one_of(yaml_text(max_size, min_size, True), yaml_text(max_size, min_size, False))
    if clean:
        character = st.characters(exclude_categories=["Cs", "Cc", "Co", "Cn"])
        pieces = [piece for piece in HOSTILE_PIECES if not forbidden_text_chars(piece)]
    else:
        character = st.characters(exclude_categories=["Cs"], exclude_characters=NOT_IN_YAML)
        pieces = list(HOSTILE_PIECES)
    piece = st.one_of(character, st.sampled_from(pieces))
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)


# --------------------------------------------------------------------------------------------
# The samples, loaded once


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per sample, cached
class Sample:
    """A sample document: its data as loaded, its project, its text fields."""

    path: Path
    loaded: Loaded
    project: Project
    fields: tuple[FieldPath, ...]
    baseline: frozenset[str]
    """The rule ids ``docgen check`` reports on the sample as it is."""


def _string_fields(data: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    """Yield the path of every string value in ``data``."""
    if isinstance(data, str):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _string_fields(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _string_fields(value, (*path, index))


@functools.cache
def renderer() -> Renderer:
    """Return the renderer all examples share (templates prepared once)."""
    return Renderer()


@functools.cache
def samples() -> tuple[Sample, ...]:
    """Return every sample document of ``data/`` (profiles and batches aside), checked once."""
    import tempfile

    workspace = Workspace()
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(DATA.glob("*.yaml")):
            if path.name in PROFILE_FILES:
                continue
            loaded = load_yaml(path, path.name)
            project = workspace.project_for(path)
            data = renderer().render(project.load(loaded.data, loaded.source, path))
            report = _checked(data, Path(folder))
            assert report.error is None, (path.name, report.error)
            fields = tuple(_string_fields(loaded.data))
            baseline = frozenset(finding.rule for finding in report.findings)
            found.append(Sample(path, loaded, project, fields, baseline))
    return tuple(found)


def _checked(data: bytes, folder: Path) -> Any:
    """Return the check report of the .docx ``data``, written to ``folder``."""
    target = folder / "hostile.docx"
    target.write_bytes(data)
    return check_file(target)


def _all_fields() -> list[tuple[int, FieldPath]]:
    return [(index, field) for index, sample in enumerate(samples()) for field in sample.fields]


@functools.cache
def _free_text_fields() -> list[tuple[int, FieldPath]]:
    """Return the fields of every sample that accept and print a plain word."""
    return [(index, path) for index, sample in enumerate(samples()) for path in _printed(sample)]


# --------------------------------------------------------------------------------------------
# What an outcome must be


def _set(data: Any, path: FieldPath, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _document_text(data: bytes) -> str:
    """Return the text of every paragraph of the .docx ``data`` (body, headers, footers),
    with breaks and tabs as spaces."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(package.read(name))
            for paragraph in root.iter(f"{W}p"):
                pieces = []
                for element in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab", f"{W}cr"):
                    pieces.append(element.text or "" if element.tag == f"{W}t" else " ")
                lines.append("".join(pieces))
    return "\n".join(lines)


def _normal(text: str) -> str:
    """Return ``text`` as compared: NFC, case folded, whitespace runs as one space."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return " ".join(folded.split())


def _printed_forms(value: str) -> list[str]:
    """Return the forms in which ``value`` may be printed: as written or in capitals, with
    its ``*emphasis*`` markup applied or not, each normalized by :func:`_normal`."""
    nfc = unicodedata.normalize("NFC", value)
    forms = [nfc, plain_text(parse_inline(nfc))]
    forms += [form.upper() for form in forms]
    return [_normal(form) for form in forms]


def _assert_outcome(sample: Sample, changes: dict[FieldPath, str], folder: Path) -> str:
    """Render ``sample`` with ``changes``; assert the outcome is one of the two allowed.

    Returns "rendered" or "refused", for the tests that want one of them.
    """
    data = copy.deepcopy(sample.loaded.data)
    for path, value in changes.items():
        _set(data, path, value)
    try:
        document = sample.project.load(data, sample.loaded.source, sample.path)
    except InputError as error:
        named = {format_field(path) for path in changes}
        assert error.problems
        for problem in error.problems:
            # Every problem is about a field changed (or a part of one), and short.
            assert any(
                problem.field == name or problem.field.startswith((f"{name}.", f"{name}["))
                for name in named
            ), (str(problem), sorted(named))
            assert len(str(problem)) < 1000, str(problem)[:300]
        return "refused"
    output = renderer().render(document)
    docx.Document(io.BytesIO(output))  # python-docx opens it
    text = _normal(_document_text(output))
    for path, value in changes.items():
        assert any(form in text for form in _printed_forms(value)), (format_field(path), value)
    report = _checked(output, folder)
    assert report.error is None, report.error
    new = sorted({finding.rule for finding in report.findings} - sample.baseline)
    assert not new, (new, {format_field(path): value[:200] for path, value in changes.items()})
    return "rendered"


# --------------------------------------------------------------------------------------------
# The properties

SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder for the files the checker reads."""
    return tmp_path_factory.mktemp("hostile")


@settings(SETTINGS, max_examples=250)
@given(choice=st.data(), value=yaml_text())
def test_one_field(choice: st.DataObject, value: str, folder: Path) -> None:
    """Any text in any one text field (free text or not: dates, numbers, keys): a faithful,
    checked .docx or a problem naming the field."""
    index, path = choice.draw(st.sampled_from(_all_fields()), label="field")
    event(_assert_outcome(samples()[index], {path: value}, folder))


@settings(SETTINGS, max_examples=60)
@given(choice=st.data())
def test_several_fields(choice: st.DataObject, folder: Path) -> None:
    """Several free-text fields of one document changed at once."""
    sample = choice.draw(st.sampled_from(samples()), label="sample")
    paths = choice.draw(
        st.lists(st.sampled_from(_printed(sample)), min_size=2, max_size=6, unique=True),
        label="fields",
    )
    clean = choice.draw(st.booleans(), label="clean")  # one forbidden character refuses all
    changes = {
        path: choice.draw(yaml_text(20, clean=clean), label=format_field(path)) for path in paths
    }
    event(_assert_outcome(sample, changes, folder))


@settings(SETTINGS, max_examples=16)
@given(choice=st.data(), free=st.booleans())
def test_long_field(choice: st.DataObject, free: bool, folder: Path) -> None:
    """A 50,000-character value in a text field (mostly free text): rendered whole, or
    refused in short."""
    fields = _free_text_fields() if free else _all_fields()
    index, path = choice.draw(st.sampled_from(fields), label="field")
    unit = choice.draw(yaml_text(12, min_size=1), label="unit")
    value = (unit * (50_000 // len(unit) + 1))[:50_000]
    event(_assert_outcome(samples()[index], {path: value}, folder))


@functools.cache
def _printed(sample: Sample) -> tuple[FieldPath, ...]:
    """Return the fields of ``sample`` that accept a plain word and print it (cached)."""
    return tuple(_printed_fields(sample))


def _printed_fields(sample: Sample) -> list[FieldPath]:
    """Return the fields of ``sample`` that accept a plain word and print it."""
    printed = []
    for path in sample.fields:
        data = copy.deepcopy(sample.loaded.data)
        _set(data, path, "Zqxmarker")
        try:
            document = sample.project.load(data, sample.loaded.source, sample.path)
        except InputError:
            continue  # a date, a number, a choice, a reference: not free text
        if "zqxmarker" in _document_text(renderer().render(document)).casefold():
            printed.append(path)
    return printed


@pytest.mark.parametrize("name", [path.name for path in sorted(DATA.glob("*.yaml"))
                                  if path.name not in PROFILE_FILES])  # fmt: skip
def test_every_free_text_field_at_once(name: str, folder: Path) -> None:
    """Every free-text field of a sample holding XML specials, template syntax, NFD, bidi and
    zero-width characters at once: all printed as written, and the checker content."""
    sample = next(sample for sample in samples() if sample.path.name == name)
    paths = list(_printed(sample))
    assert paths, "no free-text field found"
    hostile = (
        "<b>&amp; \"x\" 'y'</b> {{ ''.__class__ }} {% if 1 %}{#",
        unicodedata.normalize("NFD", "Khen thưởng Đắk Hà") + " \u202ehữu\u202c a\u200bb\ufeff",
    )
    changes = {path: f"Ô{number} {hostile[number % 2]}" for number, path in enumerate(paths)}
    data = copy.deepcopy(sample.loaded.data)
    for path, value in changes.items():
        _set(data, path, value)
    try:
        sample.project.load(data, sample.loaded.source, sample.path)
    except InputError as error:  # fields with a length limit (a number, a unit's short name)
        for problem in error.problems:
            path = next(path for path in changes if format_field(path) == problem.field)
            assert "quá" in problem.message, str(problem)
            changes[path] = "<&'{{%}}\u202e"
    assert _assert_outcome(sample, changes, folder) == "rendered"


def test_fields_that_are_printed_cover_every_sample() -> None:
    """Every text field of the samples is either printed or validated (a marker in it is
    either found in the output or refused), so the properties above see both outcomes."""
    for sample in samples():
        assert len(_printed(sample)) > 0, sample.path.name


def _refused(data: dict[str, Any], sample: Any, field: str, words: str) -> None:
    """Assert that loading ``data`` fails with one problem at ``field`` saying ``words``."""
    with pytest.raises(InputError) as raised:
        sample.project.load(data, sample.loaded.source, sample.path)
    problems = [p for p in raised.value.problems if p.field == field]
    assert len(problems) == 1 and words in problems[0].message, raised.value.problems


def test_an_archive_line_without_vt_is_refused_as_the_checker_would(folder: Path) -> None:
    sample = next(sample for sample in samples() if ("luu",) in sample.fields)
    data = copy.deepcopy(sample.loaded.data)
    data["luu"] = "Văn thư"
    _refused(data, sample, "luu", "phải bắt đầu bằng VT")
    data["luu"] = "VT, Văn thư"
    output = renderer().render(sample.project.load(data, sample.loaded.source, sample.path))
    assert not _checked(output, folder).findings


@pytest.mark.parametrize(
    ("index", "number", "accepted"),
    [(0, "x", False), (0, "II", False), (0, "III.", True)],
)
def test_a_heading_number_is_refused_unless_it_reads_back_as_one(
    folder: Path, index: int, number: str, accepted: bool
) -> None:
    sample = next(s for s in samples() if s.path.name == "kehoach-tdkt-2024.yaml")
    data = copy.deepcopy(sample.loaded.data)
    section = next(
        block for block in data["noi_dung"] if isinstance(block, dict) and "muc" in block
    )
    section["so"] = number
    if not accepted:
        where = f"noi_dung[{data['noi_dung'].index(section)}].so"
        _refused(data, sample, where, "số mục (số La Mã) phải có dạng")
        return
    output = renderer().render(sample.project.load(data, sample.loaded.source, sample.path))
    rules = {finding.rule for finding in _checked(output, folder).findings}
    assert rules <= {"HEADING.SEQUENCE"}  # a valid number out of order is only a warning


def test_a_legal_basis_not_opening_with_can_cu_is_refused(folder: Path) -> None:
    sample = next(s for s in samples() if s.path.name == "quyetdinh-khenthuong-2024.yaml")
    data = copy.deepcopy(sample.loaded.data)
    data["can_cu"][1] = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
    _refused(data, sample, "can_cu[1]", "phải bắt đầu bằng “Căn cứ”")
    data = copy.deepcopy(sample.loaded.data)
    data["de_nghi"] = "Đề nghị của Trưởng phòng Nội vụ"
    _refused(data, sample, "de_nghi", "“Theo đề nghị” hoặc “Xét đề nghị”")


@pytest.mark.parametrize(
    ("label", "accepted"),
    [
        ("Chương I", False),
        ("PHẦN MỘT", False),
        ("Phần I: Tổng quan", False),
        ("PHẦN THỨ NHẤT", True),
        ("Phần thứ mười một", True),
        ("Phần IV", True),
    ],
)
def test_a_part_label_is_refused_unless_it_reads_back_as_one(
    folder: Path, label: str, accepted: bool
) -> None:
    sample = next(s for s in samples() if s.path.name == "baocao-tongket-2024.yaml")
    data = copy.deepcopy(sample.loaded.data)
    index, part = next(
        (i, block)
        for i, block in enumerate(data["noi_dung"])
        if isinstance(block, dict) and "phan" in block
    )
    part["so"] = label
    if not accepted:
        _refused(data, sample, f"noi_dung[{index}].so", "số phần phải có dạng")
        return
    output = renderer().render(sample.project.load(data, sample.loaded.source, sample.path))
    rules = {finding.rule for finding in _checked(output, folder).findings}
    assert rules <= sample.baseline | {"HEADING.SEQUENCE"}


@pytest.mark.parametrize("ending", ["", ";", " ,", ".;"])
def test_a_plans_legal_basis_is_punctuated_as_n30_wants(folder: Path, ending: str) -> None:
    sample = next(s for s in samples() if s.path.name == "kehoach-tdkt-2024.yaml")
    data = copy.deepcopy(sample.loaded.data)
    first = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
    data["can_cu"] = [first + ending, first + " (lần hai)" + ending]
    output = renderer().render(sample.project.load(data, sample.loaded.source, sample.path))
    assert not _checked(output, folder).findings
    text = _document_text(output)
    assert f"{first};" in text and f"{first} (lần hai)." in text


def test_an_unknown_long_key_is_quoted_in_short() -> None:
    sample = samples()[0]
    data = copy.deepcopy(sample.loaded.data)
    data["co_quan"] = "x" * 50_000
    with pytest.raises(InputError) as raised:
        sample.project.load(data, sample.loaded.source, sample.path)
    assert all(len(str(problem)) < 1000 for problem in raised.value.problems)


@pytest.mark.parametrize(
    "value",
    [
        "<w:p>&amp; {{ ''.__class__.__mro__ }} {% if 1 %}",
        unicodedata.normalize("NFD", "Kế hoạch tổng kết") + " \u202eđảo\u202c\u200b\ufeff",
        "\u0085 dòng mới",
    ],
    ids=["xml-template", "nfd-bidi-zero-width", "next-line"],
)
def test_through_a_yaml_file(value: str, tmp_path: Path) -> None:
    """The same through a real YAML file and ``render_files``: the loader's path as well."""
    import shutil

    import yaml

    from docgen.api import render_files

    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("hang-loat"))
    plan = data / "kehoach-tdkt-2024.yaml"
    document = yaml.safe_load(plan.read_text(encoding="utf-8"))
    document["trich_yeu"] = value
    plan.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        [written] = render_files([plan], tmp_path / "ra").written
    except InputError as error:
        assert [problem.field for problem in error.problems] == ["trich_yeu"]
        return
    output = written.read_bytes()
    assert any(form in _normal(_document_text(output)) for form in _printed_forms(value))
    report = check_file(written)
    assert (report.error, [finding.rule for finding in report.findings]) == (None, [])
