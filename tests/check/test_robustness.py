"""The checker never crashes: malformed values read as "not stated", files that are no .docx
get a Vietnamese message, and a zip bomb is refused without being inflated."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from docgen import api
from docgen.check import package
from docgen.check.checker import check
from docgen.check.inspect import UnreadableDocument, inspect_file
from tests.check import constructs
from tests.check.docbuilder import V_NS, W_NS, Built, build

Mutation = Callable[[Built], None]


def rules(path: Path) -> list[str]:
    return sorted(finding.rule for finding in check(inspect_file(path)))


def _sect(built: Built) -> object:
    return built.document.sections[0]._sectPr


def orient_sideways(built: Built) -> None:
    _sect(built).find(qn("w:pgSz")).set(qn("w:orient"), "sideways")  # type: ignore[attr-defined]


def huge_page_width(built: Built) -> None:
    _sect(built).find(qn("w:pgSz")).set(qn("w:w"), "9" * 5000)  # type: ignore[attr-defined]


def _first_cell_width(built: Built, value: str) -> None:
    width = built.tables["header"]._tbl.find(f".//{qn('w:tcW')}")
    width.set(qn("w:w"), value)


def indent_x1(built: Built) -> None:
    paragraph = built.find("Để thực hiện thắng lợi")
    paragraph._p.pPr.find(qn("w:ind")).set(qn("w:firstLine"), "x1")


def size_abc(built: Built) -> None:
    run = built.find("Để thực hiện thắng lợi").runs[0]
    run._r.rPr.find(qn("w:sz")).set(qn("w:val"), "abc")


def bad_vml_coordinates(built: Built) -> None:
    built.find("Để thực hiện thắng lợi")._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}" xmlns:v="{V_NS}"><w:pict>'
            '<v:line from="abc,def" to="1.2.3pt,x"/><v:shape path="m0,0 l1,0 e" '
            'style="width:NaNpt"/></w:pict></w:r>'
        )
    )


def bad_drawing_extent(built: Built) -> None:
    paragraph = built["ke_tieu_ngu"]._p
    for extent in paragraph.iter("{*}extent", "{*}ext"):
        extent.set("cx", "abc")


def unknown_alignment(built: Built) -> None:
    built.find("Để thực hiện thắng lợi")._p.pPr.find(qn("w:jc")).set(qn("w:val"), "sideways")


MALFORMED: list[tuple[str, Mutation, list[str]]] = [
    ("orient-sideways", orient_sideways, []),  # not "landscape": read as portrait
    # Without a page width the text width is unknown: the trích yếu line cannot be measured.
    ("page-width-5000-digits", huge_page_width, ["KE_TRICH_YEU.MISSING", "PAGE_SIZE"]),
    # Without the cell's width, the agency line (a border as wide as the cell) is unmeasured.
    ("cell-width-abc", lambda built: _first_cell_width(built, "abc"), ["KE_CO_QUAN.MISSING"]),
    ("cell-width-12.5", lambda built: _first_cell_width(built, "12.5"), []),
    ("indent-x1", indent_x1, ["BODY.INDENT"]),  # not stated: 0 cm
    ("size-abc", size_abc, ["BODY.SIZE"]),
    ("bad-vml-coordinates", bad_vml_coordinates, []),
    ("drawing-extent-abc", bad_drawing_extent, ["KE_TIEU_NGU.MISSING"]),
    ("alignment-not-in-schema", unknown_alignment, ["BODY.ALIGN"]),
]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [pytest.param(mutate, expected, id=name) for name, mutate, expected in MALFORMED],
)
def test_malformed_value_reads_as_not_stated(
    mutate: Mutation, expected: list[str], tmp_path: Path
) -> None:
    assert rules(build(mutate=mutate, directory=tmp_path)) == expected


def _unreadable(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        inspect_file(path)
    message = str(caught.value)
    assert "Error" not in message and "Exception" not in message  # no class names
    return message


def test_encrypted_file(tmp_path: Path) -> None:
    message = _unreadable(constructs.encrypted_docx(tmp_path / "mat-khau.docx"))
    assert "tệp có mật khẩu" in message


def test_renamed_doc(tmp_path: Path) -> None:
    message = _unreadable(constructs.renamed_doc(tmp_path / "cu.docx"))
    assert "tệp .doc đổi tên thành .docx: hãy mở bằng Word và lưu lại dạng .docx" in message


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.docx"
    path.write_text("chỉ là văn bản", encoding="utf-8")
    assert "không phải tệp .docx" in _unreadable(path)


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "anh.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("anh.png", b"\x89PNG")
    assert "không phải văn bản Word" in _unreadable(path)


def test_spreadsheet_renamed(tmp_path: Path) -> None:
    path = tmp_path / "bang.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "tệp Excel" in _unreadable(path)


def test_wrong_root_element(tmp_path: Path) -> None:
    path = build(directory=tmp_path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = f'<w:body xmlns:w="{W_NS}"><w:p/></w:body>'.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert "không đúng cấu trúc Word" in _unreadable(path)


def test_undefined_entity(tmp_path: Path) -> None:
    path = build(directory=tmp_path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"<w:body>", b"<w:body>&undefined;", 1
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert "XML của tệp bị hỏng" in _unreadable(path)


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "vong.docx"
    loop.symlink_to(loop)
    assert "vòng lặp" in _unreadable(loop)


def test_declared_size_over_limit_is_not_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "XML_PART_LIMIT", 2 * 1024 * 1024)
    path = constructs.zip_bomb(tmp_path / "bom.docx", "word/document.xml", 4 * 1024 * 1024)
    assert "tệp quá lớn" in _unreadable(path)


def test_media_never_inflated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A picture is not read when checking: a huge one costs nothing."""
    path = build(directory=tmp_path)
    calls: list[str] = []
    original = package._read_member

    def spy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, where: Path) -> bytes:
        calls.append(info.filename)
        return original(archive, info, limit, where)

    monkeypatch.setattr(package, "_read_member", spy)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/media/image1.png", b"\0" * 1000)
    inspect_file(path)
    assert calls and not any(name.startswith("word/media/") for name in calls)
    assert "docProps/thumbnail.jpeg" not in calls


@pytest.mark.parametrize("member", ["word/document.xml", "word/media/image1.png"])
def test_zip_bomb_under_memory_limit(tmp_path: Path, member: str) -> None:
    """A .docx inflating to 1.2 GB is refused (XML) or ignored (media) in a process limited
    to 1 GB of address space above its start: a regression fails instead of eating memory."""
    bomb = constructs.zip_bomb(tmp_path / "bom.docx", member, 1200 * 1024 * 1024)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    script = textwrap.dedent(
        f"""
        import resource, sys
        from pathlib import Path
        import docgen.check.checker, docgen.check.inspect, docgen.api
        used = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
        limit = used + 1024 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        report = docgen.api.check_file(Path({str(bomb)!r}))
        print(report.error_kind, report.error)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    kind, _, message = result.stdout.strip().partition(" ")
    assert kind == "unreadable"
    if member.startswith("word/media"):
        assert "không phải văn bản Word" in message or "cấu trúc" in message, message
    else:
        assert "tệp quá lớn" in message, message


def test_internal_error_is_reported_for_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docgen.check.inspect as inspect

    def broken(path: Path) -> object:
        raise RuntimeError("bug")

    monkeypatch.setattr(inspect, "inspect_file", broken)
    report = api.check_file(build(directory=tmp_path))
    assert report.error_kind == "internal"
    assert report.error is not None and "RuntimeError" not in report.error
    assert report.trace is not None and "RuntimeError: bug" in report.trace
