"""``docgen render`` on bad input: every problem located as ``file:line: field: message``,
exit status 1, nothing written, no traceback; and text that must pass through untouched.

Each test works on copies of ``data/`` in a temporary folder (fixture ``workdir``) and breaks
them by replacing text, so the expected line numbers are looked up in the edited text.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from tests.helpers import run_docgen

REPO = Path(__file__).resolve().parents[1]
DOC = "data/kehoach-tdkt-2024.yaml"
AGENCIES = "data/co-quan.yaml"
RECIPIENTS = "data/noi-nhan.yaml"
OUTPUT = Path("output/kehoach-tdkt-2024.docx")
HEADER = re.compile(r"^Lỗi: dữ liệu có (\d+) lỗi, chưa ghi tệp nào:$")

Edit = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
"""A change to a YAML text: what ``pattern`` matches (exactly once) is replaced by a function."""


# --------------------------------------------------------------------------------------------
# Fixtures and helpers


def break_yaml(path: str | Path, *edits: Edit) -> str:
    """Apply ``edits`` to the file at ``path`` and return its new text."""
    target = Path(path)
    text = target.read_text(encoding="utf-8")
    for pattern, replace in edits:
        text, count = pattern.subn(replace, text)
        assert count == 1, f"{pattern.pattern!r} matched {count} times in {target}, not once"
    target.write_text(text, encoding="utf-8", newline="")
    return text


def _line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(key)}.*\n", re.MULTILINE)


def set_line(key: str, new: str) -> Edit:
    """Replace the one line starting with ``key`` (e.g. ``"ngay:"``) by the line ``new``."""
    return _line(key), lambda match: new + "\n"


def delete_line(key: str) -> Edit:
    """Delete the one line starting with ``key``."""
    return _line(key), lambda match: ""


def insert_after(pattern: str, lines: str) -> Edit:
    """Insert the text ``lines`` after what the multiline regex ``pattern`` matches."""
    return re.compile(pattern, re.MULTILINE), lambda match: match.group() + lines


def append(lines: str) -> Edit:
    """Add the text ``lines`` at the end of the file."""
    return re.compile(r"\Z"), lambda match: lines


def line_of(text: str, needle: str) -> int:
    """Return the 1-based number of the only line of ``text`` containing ``needle``."""
    found = [number for number, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(found) == 1, f"{needle!r} should be on exactly one line, found on {found}"
    return found[0]


def render(*args: str) -> Result:
    """Run ``docgen render ARGS`` in-process."""
    return CliRunner().invoke(main, ["render", *args], prog_name="docgen")


def assert_clean_failure(result: Result) -> list[str]:
    """Check a run that refused its input; return the problem lines it printed."""
    assert result.exit_code == 1, result.output
    # CliRunner turns an unexpected exception into exit code 1 too: make sure it was a real exit.
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    header = HEADER.match(lines[0])
    assert header, result.stderr
    problems = lines[1:]
    assert int(header.group(1)) == len(problems), result.stderr
    return problems


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Return the bytes, mtime and inode of every file below ``folder``, by relative path."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return {
        str(path.relative_to(folder)): (
            path.read_bytes(),
            path.stat().st_mtime_ns,
            path.stat().st_ino,
        )
        for path in files
    }


def docx_paragraphs(path: Path) -> list[str]:
    """Return the text of every paragraph of the .docx at ``path``, tables included."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [paragraph.text for paragraph in cell.paragraphs]
    return texts


# --------------------------------------------------------------------------------------------
# The bad inputs


@dataclass(frozen=True)
class Expected:
    """One problem line: in ``file``, on the line containing ``where`` (or line ``where``)."""

    file: str
    where: str | int
    field: str
    words: tuple[str, ...]

    def prefix(self, texts: dict[str, str]) -> str:
        line = self.where if isinstance(self.where, int) else line_of(texts[self.file], self.where)
        return f"{self.file}:{line}: {self.field}: " if self.field else f"{self.file}:{line}: "


@dataclass(frozen=True)
class Case:
    """A way of breaking the sample data and the problems docgen must report."""

    name: str
    edits: dict[str, Sequence[Edit]]
    expected: tuple[Expected, ...]
    exact: bool = True
    """Whether ``expected`` is every problem reported (else: among those reported)."""
    bug: str | None = None
    """Why the messages are wrong today (the test is then a strict xfail)."""

    def apply(self) -> dict[str, str]:
        """Break the files in the working directory; return the new text of each."""
        return {path: break_yaml(path, *edits) for path, edits in self.edits.items()}


def doc_case(name: str, edits: Sequence[Edit], *expected: Expected, bug: str | None = None) -> Case:
    return Case(name, {DOC: edits}, expected, bug=bug)


def at_doc(where: str | int, field: str, *words: str) -> Expected:
    return Expected(DOC, where, field, words)


FIRST_SECTION = r"^noi_dung:\n  - muc: .*\n"
BODY_START = r"^noi_dung:\n"
RECIPIENTS_START = r"^noi_nhan:\n"
UNKNOWN_FIELD = append("tac_gia: X\n")
IMPOSSIBLE_DATE = (set_line("ngay:", "ngay: 2024-02-30"), set_line("nam:", "nam: 2024"))
UNKNOWN_RECIPIENT = insert_after(RECIPIENTS_START, "  - {ma: khong-co}\n")
TABLE_WITH_UNKNOWN_COLUMN = """\
  - bang:
      cot:
        viec: {tieu_de: Công việc}
        han: {tieu_de: Thời hạn}
      dong:
        - {viec: Tổng kết, han: Quý I, thua: X}
"""

CASES = [
    # 1. YAML syntax: an unclosed quote (on the last line) and a tab used for indentation
    doc_case(
        "unclosed-quote",
        [delete_line("luu:"), append('luu: "VT, TĐKT\n')],
        at_doc('luu: "VT', "", "lỗi cú pháp YAML", "thiếu dấu nháy"),
    ),
    doc_case(
        "tab-indentation",
        [(re.compile(r"^can_cu:\n  - ", re.MULTILINE), lambda match: "can_cu:\n\t- ")],
        at_doc("\t- ", "", "lỗi cú pháp YAML", "Tab", "dấu cách"),
    ),
    # 2. Unknown fields
    doc_case(
        "unknown-top-level-field",
        [UNKNOWN_FIELD],
        at_doc("tac_gia: X", "tac_gia", "trường không được phép"),
    ),
    doc_case(
        "unknown-field-in-muc",
        [insert_after(FIRST_SECTION, "    tac_gia: X\n")],
        at_doc("tac_gia: X", "noi_dung[0].tac_gia", "trường không được phép"),
    ),
    doc_case(
        "invalid-field-in-muc",
        [insert_after(FIRST_SECTION, '    so: ""\n')],
        at_doc('so: ""', "noi_dung[0].so", "không được để trống"),
    ),
    doc_case(
        "unknown-field-in-recipient",
        [insert_after(RECIPIENTS_START, "  - {ma: so-noi-vu, them: 1}\n")],
        at_doc("them: 1", "noi_nhan[0].them", "trường không được phép"),
    ),
    # 3. Missing required field: reported on the line of the mapping that lacks it (line 1)
    doc_case(
        "missing-trich-yeu",
        [delete_line("trich_yeu:")],
        at_doc(1, "trich_yeu", "thiếu trường bắt buộc"),
    ),
    # 4. Mistyped fields
    doc_case(
        "nam-in-words",
        [set_line("nam:", "nam: hai nghìn")],
        at_doc("nam: hai nghìn", "nam", "phải là số nguyên", "hai nghìn"),
    ),
    doc_case(
        "so-not-a-number",
        [set_line("so:", "so: abc")],
        at_doc("so: abc", "so", "phải là số nguyên", "abc"),
    ),
    # 5. Unknown references
    doc_case(
        "unknown-agency",
        [set_line("co_quan:", "co_quan: ubnd-khong-co")],
        at_doc("co_quan:", "co_quan", "không có cơ quan 'ubnd-khong-co'", AGENCIES, "ubnd-dak-ha"),
    ),
    doc_case(
        "unknown-signer",
        [set_line("nguoi_ky:", "nguoi_ky: khong-co")],
        at_doc("nguoi_ky:", "nguoi_ky", "không có người ký 'khong-co'", "chu-tich"),
    ),
    doc_case(
        "unknown-recipient",
        [UNKNOWN_RECIPIENT],
        at_doc("{ma: khong-co}", "noi_nhan[0].ma", "không có nơi nhận 'khong-co'", RECIPIENTS),
    ),
    doc_case(
        "unknown-recipient-group",
        [insert_after(RECIPIENTS_START, "  - nhom: khong-co\n")],
        at_doc(
            "nhom: khong-co", "noi_nhan[0].nhom", "không có nhóm nơi nhận 'khong-co'", RECIPIENTS
        ),
    ),
    # 6. Impossible dates (nam must agree with ngay, or be absent)
    doc_case(
        "impossible-iso-date",
        IMPOSSIBLE_DATE,
        at_doc("ngay:", "ngay", "ngày không hợp lệ", "2024-02-30"),
    ),
    doc_case(
        "impossible-dmy-date",
        [set_line("ngay:", "ngay: 30/02/2024"), set_line("nam:", "nam: 2024")],
        at_doc("ngay:", "ngay", "ngày không hợp lệ", "30/02/2024"),
    ),
    doc_case(
        "not-a-leap-year-without-nam",
        [set_line("ngay:", "ngay: 2023-02-29"), delete_line("nam:")],
        at_doc("ngay:", "ngay", "ngày không hợp lệ", "2023-02-29"),
    ),
    # 7. Non-positive numbers
    doc_case(
        "so-zero",
        [set_line("so:", "so: 0")],
        at_doc("so: 0", "so", "phải là số dương", "0"),
    ),
    doc_case(
        "so-negative",
        [set_line("so:", "so: -3")],
        at_doc("so: -3", "so", "phải là số dương", "-3"),
    ),
    # 8. Several problems at once (the order is checked by the test: sorted by line)
    doc_case(
        "several-schema-problems",
        [UNKNOWN_FIELD, *IMPOSSIBLE_DATE, set_line("so:", "so: abc")],
        at_doc("so: abc", "so", "phải là số nguyên"),
        at_doc("ngay: 2024-02-30", "ngay", "ngày không hợp lệ"),
        at_doc("tac_gia: X", "tac_gia", "trường không được phép"),
    ),
    doc_case(
        "several-reference-problems",
        [
            set_line("co_quan:", "co_quan: ubnd-khong-co"),
            insert_after(RECIPIENTS_START, "  - {ma: khong-co}\n  - nhom: nhom-khong-co\n"),
        ],
        at_doc("co_quan: ubnd-khong-co", "co_quan", "không có cơ quan"),
        at_doc("{ma: khong-co}", "noi_nhan[0].ma", "không có nơi nhận"),
        at_doc("nhom: nhom-khong-co", "noi_nhan[1].nhom", "không có nhóm nơi nhận"),
    ),
    doc_case(
        "schema-and-reference-problems",
        [UNKNOWN_FIELD, *IMPOSSIBLE_DATE, UNKNOWN_RECIPIENT],
        at_doc("ngay: 2024-02-30", "ngay", "ngày không hợp lệ"),
        at_doc("tac_gia: X", "tac_gia", "trường không được phép"),
        at_doc("{ma: khong-co}", "noi_nhan[0].ma", "không có nơi nhận"),
    ),
    # 10. A control character (BEL), raw in the text or written as a YAML escape
    doc_case(
        "raw-control-character",
        [set_line("trich_yeu:", "trich_yeu: Triển\x07 khai thi đua")],
        at_doc("\x07", "", "ký tự không được phép", "0007"),
    ),
    doc_case(
        "escaped-control-character-x07",
        [set_line("trich_yeu:", r'trich_yeu: "\x07Triển khai thi đua"')],
        at_doc("trich_yeu:", "trich_yeu", "ký tự điều khiển", "U+0007"),
    ),
    doc_case(
        "escaped-control-character-bell",
        [set_line("trich_yeu:", r'trich_yeu: "\aTriển khai thi đua"')],
        at_doc("trich_yeu:", "trich_yeu", "ký tự điều khiển", "U+0007"),
    ),
    # 11. A table cell in a column that ``cot`` does not declare
    doc_case(
        "table-row-unknown-column",
        [insert_after(BODY_START, TABLE_WITH_UNKNOWN_COLUMN)],
        at_doc(
            "thua: X",
            "noi_dung[0].bang.dong[0].thua",
            "cột 'thua' không có trong 'cot'",
            "viec, han",
        ),
    ),
    # 12. Unsupported document kind
    doc_case(
        "unsupported-kind",
        [set_line("loai:", "loai: bao_cao_khong_co")],
        at_doc("loai:", "loai", "loại văn bản không hỗ trợ", "bao_cao_khong_co", "ke_hoach"),
    ),
    # 13. Problems in the agency profiles and recipients directory, at their own lines
    Case(
        "unknown-field-in-co-quan",
        {AGENCIES: [insert_after(r"^  viet_tat: UBND .*\n", "  tac_gia: X\n")]},
        (Expected(AGENCIES, "tac_gia: X", "ubnd-dak-ha.tac_gia", ("trường không được phép",)),),
        exact=False,  # see test_invalid_co_quan_is_not_reported_as_missing
    ),
    Case(
        "unknown-member-in-noi-nhan",
        {RECIPIENTS: [set_line("    thanh_vien:", "    thanh_vien: [ubnd-khong-co]")]},
        (
            Expected(
                RECIPIENTS,
                "thanh_vien:",
                "nhom.cum-thi-dua-01.thanh_vien[0]",
                ("không có đơn vị 'ubnd-khong-co'",),
            ),
        ),
    ),
]

CASES_BY_NAME = {case.name: case for case in CASES}


def problem_order(problems: list[str]) -> list[tuple[str, int]]:
    """Return the (file, line) of each problem line, in the order printed."""
    located = [re.match(r"^(.+?):(\d+): ", problem) for problem in problems]
    assert all(located), problems
    return [(match.group(1), int(match.group(2))) for match in located if match]


def message_params() -> list[object]:
    return [
        pytest.param(
            case,
            id=case.name,
            marks=[pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else [],
        )
        for case in CASES
    ]


@pytest.mark.parametrize("case", message_params())
def test_bad_input_is_reported_and_nothing_is_written(workdir: Path, case: Case) -> None:
    texts = case.apply()
    result = render(DOC, "-o", "out")
    problems = assert_clean_failure(result)
    for expected in case.expected:
        prefix = expected.prefix(texts)
        found = [problem for problem in problems if problem.startswith(prefix)]
        assert len(found) == 1, f"no single line starting {prefix!r} in:\n{result.stderr}"
        for word in expected.words:
            assert word in found[0], f"{word!r} missing from {found[0]!r}"
    if case.exact:
        assert len(problems) == len(case.expected), result.stderr
    assert problem_order(problems) == sorted(problem_order(problems)), "not sorted by file:line"
    assert not (workdir / "out").exists()
    assert not (workdir / "output").exists()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_leaves_previous_output_untouched(workdir: Path, case: Case) -> None:
    first = render(DOC)
    assert first.exit_code == 0, first.output
    before = snapshot(workdir / "output")
    assert list(before) == [OUTPUT.name]

    case.apply()
    result = render(DOC)

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert snapshot(workdir / "output") == before  # same bytes, mtime and inode; no temp file


def test_raw_control_character_is_named_like_an_escaped_one(workdir: Path) -> None:
    texts = CASES_BY_NAME["raw-control-character"].apply()
    problems = assert_clean_failure(render(DOC))
    assert len(problems) == 1
    assert problems[0].startswith(f"{DOC}:{line_of(texts[DOC], chr(7))}: ")
    assert "U+0007" in problems[0]


def test_invalid_co_quan_is_not_reported_as_missing(workdir: Path) -> None:
    texts = CASES_BY_NAME["unknown-field-in-co-quan"].apply()
    problems = assert_clean_failure(render(DOC))
    line = line_of(texts[AGENCIES], "tac_gia: X")
    assert len(problems) == 1
    assert problems[0].startswith(f"{AGENCIES}:{line}: ubnd-dak-ha.tac_gia: trường không được phép")


# --------------------------------------------------------------------------------------------
# 9. Several files: one bad file stops them all


@pytest.fixture
def good_and_bad(workdir: Path) -> tuple[str, str]:
    """A second, broken copy of the sample document beside the good one."""
    bad = "data/hong.yaml"
    shutil.copyfile(DOC, bad)
    break_yaml(bad, set_line("nam:", "nam: hai nghìn"))
    return DOC, bad


@pytest.mark.parametrize("bad_first", [False, True], ids=["good-then-bad", "bad-then-good"])
def test_one_bad_file_means_nothing_is_written(
    workdir: Path, good_and_bad: tuple[str, str], bad_first: bool
) -> None:
    good, bad = good_and_bad
    files = [bad, good] if bad_first else [good, bad]
    problems = assert_clean_failure(render(*files, "-o", "out"))
    line = line_of(Path(bad).read_text(encoding="utf-8"), "nam: hai nghìn")
    assert problems == [f"{bad}:{line}: nam: phải là số nguyên, nhận được 'hai nghìn'"]
    assert not (workdir / "out").exists()


def test_one_bad_file_leaves_previous_output_untouched(
    workdir: Path, good_and_bad: tuple[str, str]
) -> None:
    good, bad = good_and_bad
    assert render(good).exit_code == 0
    before = snapshot(workdir / "output")
    result = render(good, bad)
    assert result.exit_code == 1
    assert snapshot(workdir / "output") == before


# --------------------------------------------------------------------------------------------
# A real process: no traceback reaches the user


@pytest.mark.parametrize(
    "edits",
    [
        CASES_BY_NAME["unclosed-quote"].edits[DOC],
        CASES_BY_NAME["several-schema-problems"].edits[DOC],
        CASES_BY_NAME["raw-control-character"].edits[DOC],
    ],
    ids=["syntax", "schema", "control-character"],
)
def test_subprocess_reports_without_traceback(workdir: Path, edits: list[Edit]) -> None:
    break_yaml(DOC, *edits)
    completed = run_docgen("render", DOC)
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    assert HEADER.match(completed.stderr.splitlines()[0]), completed.stderr
    assert all(line.startswith(f"{DOC}:") for line in completed.stderr.splitlines()[1:])
    assert not (workdir / "output").exists()


# --------------------------------------------------------------------------------------------
# Text safety: markup-like text and decomposed Vietnamese come out exactly, in NFC

SPECIAL = "A & B < C > D \" E ' F {{ x }} {% if %} G"
NFD_TEXT = unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Đắk Hà")


def yaml_string(text: str) -> str:
    """Return ``text`` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@pytest.fixture
def special_output(workdir: Path) -> Path:
    """The sample rendered with SPECIAL in trích yếu, mở đầu and the body, plus NFD text."""
    break_yaml(
        DOC,
        set_line("trich_yeu:", f"trich_yeu: {yaml_string(SPECIAL + ' năm 2024')}"),
        insert_after(r"^mo_dau:\n", f"  - {yaml_string(SPECIAL)}\n"),
        insert_after(
            FIRST_SECTION + r"    noi_dung:\n",
            f"      - {yaml_string(SPECIAL)}\n      - doan: {yaml_string(NFD_TEXT)}\n",
        ),
    )
    result = render(DOC)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{OUTPUT}\n"
    return workdir / OUTPUT


def test_nfd_input_is_really_decomposed() -> None:
    assert unicodedata.normalize("NFC", NFD_TEXT) != NFD_TEXT


def test_special_characters_pass_through_verbatim(special_output: Path) -> None:
    paragraphs = docx_paragraphs(special_output)
    assert SPECIAL + " năm 2024" in paragraphs  # trích yếu
    assert paragraphs.count(SPECIAL) == 2  # mở đầu and body paragraph


def test_decomposed_text_comes_out_in_nfc(special_output: Path) -> None:
    nfc_text = unicodedata.normalize("NFC", NFD_TEXT)
    paragraphs = docx_paragraphs(special_output)
    assert nfc_text in paragraphs
    assert not any(NFD_TEXT in paragraph for paragraph in paragraphs)
    with zipfile.ZipFile(special_output) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert nfc_text in xml
    assert NFD_TEXT not in xml
    assert all(text == unicodedata.normalize("NFC", text) for text in paragraphs)


# --------------------------------------------------------------------------------------------
# Numbers written with a leading zero are decimal (YAML 1.1 would read 010 as octal 8)


@pytest.mark.parametrize(("written", "printed"), [("010", "10"), ("015", "15"), ("08", "08")])
def test_number_with_leading_zero_is_decimal(workdir: Path, written: str, printed: str) -> None:
    break_yaml(DOC, set_line("so:", f"so: {written}"), set_line("ngay:", "ngay: 05/03/2024"))
    result = render(DOC)
    assert result.exit_code == 0, result.output
    numbers = [text for text in docx_paragraphs(workdir / OUTPUT) if text.startswith("Số:")]
    assert numbers == [f"Số: {printed}/KH-UBND"]


def test_time_like_number_is_not_a_number(workdir: Path) -> None:
    texts = {DOC: break_yaml(DOC, set_line("so:", "so: 1:30"))}
    problems = assert_clean_failure(render(DOC))
    assert problems == [
        f"{at_doc('so: 1:30', 'so').prefix(texts)}phải là số nguyên, nhận được '1:30'"
    ]


# --------------------------------------------------------------------------------------------
# A bad value in a union field (co_quan, nguoi_ky): one message, at the field that is wrong


@pytest.mark.parametrize(
    ("edit", "where", "field", "words"),
    [
        (
            set_line("co_quan:", 'co_quan: {ma: ubnd-dak-ha, viet_tat: "U B"}'),
            "co_quan:",
            "co_quan.viet_tat",
            ("'U B'", "chữ viết tắt không chứa dấu cách, '/' hay '-' (ví dụ: UBND)"),
        ),
        (
            set_line("co_quan:", "co_quan: UBND Đắk Hà"),
            "co_quan:",
            "co_quan",
            ("khóa chỉ gồm chữ thường không dấu, chữ số, '-' và '_'", "ví dụ: ubnd-dak-ha"),
        ),
        (
            set_line("nguoi_ky:", "nguoi_ky: {ma: chu-tich, ho_ten: [a, b]}"),
            "nguoi_ky:",
            "nguoi_ky.ho_ten",
            ("phải là chuỗi văn bản",),
        ),
        (
            set_line("nguoi_ky:", "nguoi_ky: {chuc_vu: Chủ tịch}"),
            "nguoi_ky:",
            "nguoi_ky.ho_ten",
            ("thiếu trường bắt buộc",),
        ),
    ],
    ids=["co_quan-patch", "co_quan-key", "nguoi_ky-patch", "nguoi_ky-inline"],
)
def test_union_field_gives_one_precise_problem(
    workdir: Path, edit: Edit, where: str, field: str, words: tuple[str, ...]
) -> None:
    texts = {DOC: break_yaml(DOC, edit)}
    problems = assert_clean_failure(render(DOC))
    assert len(problems) == 1, problems
    assert problems[0].startswith(at_doc(where, field).prefix(texts)), problems
    for word in words:
        assert word in problems[0], problems
    assert not re.search(r"should|Input|Field required|String|Extra inputs", problems[0])


def test_an_error_in_a_group_row_is_reported_at_that_row(data: Path) -> None:
    """Regression: a bad group row was reported at the table, and later rows were lost."""
    plan = data / "kehoach-tdkt-2024.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "            - nhom: QUÝ II\n", "            - nhom: QUÝ II\n              mau: do\n", 1
    )
    text = text.replace("            - nhom: QUÝ IV\n", "            - nhom: ''\n", 1)
    plan.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    extra = next(n for n, line in enumerate(lines, 1) if "mau: do" in line)
    empty = next(n for n, line in enumerate(lines, 1) if "- nhom: ''" in line)
    result = render("data/kehoach-tdkt-2024.yaml")
    problems = assert_clean_failure(result)
    table = "data/kehoach-tdkt-2024.yaml:{}: noi_dung[1].noi_dung[0].bang.dong[{}]"
    assert any(p.startswith(table.format(extra, 5) + ".mau: ") for p in problems), problems
    assert any(p.startswith(table.format(empty, 11) + ".nhom: ") for p in problems), problems


# --------------------------------------------------------------------------------------------
# Issue 10, item 7: what render accepted and should not have


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('"Kế hoạch\\x85năm 2024"', "U+0085"),
        ('"Kế hoạch\\x7fnăm 2024"', "U+007F"),
        ('"Kế hoạch \\U0010FFFD"', "U+10FFFD"),
        ('"Kế hoạch \\uE000"', "U+E000"),
        ('"Kế hoạch \\uFFFE"', "U+FFFE"),
    ],
)
def test_characters_the_checker_rejects_are_refused(workdir: Path, value: str, shown: str) -> None:
    text = break_yaml(DOC, set_line("trich_yeu:", f"trich_yeu: {value}"))
    problems = assert_clean_failure(render(DOC))
    assert problems == [
        f"{Path(DOC)}:{_line_of(text, 'trich_yeu:')}: trich_yeu: chứa ký tự điều khiển hoặc ký tự"
        f" không hiển thị được, không được phép trong văn bản: {shown}; hãy xóa các ký tự này"
    ]
    assert not OUTPUT.exists()


def test_a_carriage_return_is_a_line_break_not_a_forbidden_character(workdir: Path) -> None:
    break_yaml(DOC, set_line("trich_yeu:", 'trich_yeu: "Kế hoạch\\rnăm 2024"'))
    result = render(DOC)
    assert result.exit_code == 0, result.output
    assert run_docgen("check", str(OUTPUT), cwd=workdir).returncode == 0


@pytest.mark.parametrize("value", ["true", "false"])
def test_a_boolean_is_not_a_number(workdir: Path, value: str) -> None:
    # "so: true" printed "Số: 01".
    text = break_yaml(DOC, set_line("so:", f"so: {value}"))
    problems = assert_clean_failure(render(DOC))
    assert problems == [
        f"{Path(DOC)}:{_line_of(text, 'so:')}: so: phải là số nguyên, nhận được {value}"
    ]


@pytest.mark.parametrize(
    ("day", "shown"), [("0001-01-01", "01/01/1"), ("31/12/9999", "31/12/9999")]
)
def test_dates_keep_to_the_years_of_nam(workdir: Path, day: str, shown: str) -> None:
    text = break_yaml(DOC, set_line("ngay:", f"ngay: {day}"), set_line("nam:", "nam:"))
    problems = assert_clean_failure(render(DOC))
    assert problems == [
        f"{Path(DOC)}:{_line_of(text, 'ngay:')}: ngay: ngày không hợp lệ: {shown}: năm phải từ"
        " 1945 đến 2100"
    ]


OVERRIDE_EMPTY = (
    "không được để trống: ghi giá trị thay cho giá trị trong hồ sơ, hoặc bỏ hẳn dòng này để"
    " dùng giá trị trong hồ sơ"
)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("co_quan: {ma: ubnd-dak-ha, dia_danh: }", "co_quan.dia_danh"),
        ("co_quan: {ma: ubnd-dak-ha, ten: []}", "co_quan.ten"),
        ("nguoi_ky: {ma: chu-tich, ho_ten: }", "nguoi_ky.ho_ten"),
        ("nguoi_ky: {ma: chu-tich, chuc_vu: []}", "nguoi_ky.chuc_vu"),
    ],
)
def test_one_empty_override_field_is_one_error(workdir: Path, line: str, field: str) -> None:
    key = line.split(":")[0] + ":"
    text = break_yaml(DOC, set_line(key, line))
    problems = assert_clean_failure(render(DOC))
    assert problems == [f"{Path(DOC)}:{_line_of(text, key)}: {field}: {OVERRIDE_EMPTY}"]


def test_columns_wider_than_the_page_are_an_error_not_a_negative_width(workdir: Path) -> None:
    # An unsized column got what the others left: here -3.5 cm, written as a negative w:w.
    text = break_yaml(
        DOC,
        (
            re.compile(r"noi_dung: \{tieu_de: Nội dung nhiệm vụ chủ yếu, rong: 9.8\}"),
            lambda match: "noi_dung: {tieu_de: Nội dung nhiệm vụ chủ yếu, rong: 13.3}",
        ),
        (re.compile(r"\{tieu_de: TT, rong: 1.2\}"), lambda match: "{tieu_de: TT}"),
    )
    problems = assert_clean_failure(render(DOC))
    assert problems == [
        f"{Path(DOC)}:{_line_of(text, '      - bang:')}: noi_dung[1].noi_dung[0].bang: các cột"
        " rộng 19,3 cm, quá bề rộng trang 16,5 cm (cột không ghi 'rong' cần ít nhất 0,5 cm):"
        " hãy giảm 'rong' của các cột"
    ]


def test_a_column_too_narrow_is_an_error(workdir: Path) -> None:
    text = break_yaml(
        DOC, (re.compile(r"\{tieu_de: TT, rong: 1.2\}"), lambda match: "{tieu_de: TT, rong: 0.001}")
    )
    problems = assert_clean_failure(render(DOC))
    line = _line_of(text, "          so_thu_tu:")
    assert problems == [
        f"{Path(DOC)}:{line}: noi_dung[1].noi_dung[0].bang.so_thu_tu.rong: phải lớn hơn hoặc"
        " bằng 0.5"
    ]


def test_every_rendered_width_is_positive(workdir: Path) -> None:
    # The widest table the validation lets through: the unsized column gets its minimum.
    break_yaml(
        DOC,
        (
            re.compile(r"noi_dung: \{tieu_de: Nội dung nhiệm vụ chủ yếu, rong: 9.8\}"),
            lambda match: "noi_dung: {tieu_de: Nội dung nhiệm vụ chủ yếu}",
        ),
        (re.compile(r"rong: 5.5, canh: giua"), lambda match: "rong: 14.8, canh: giua"),
    )
    result = render(DOC)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(OUTPUT) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    widths = [int(w) for w in re.findall(r'<w:(?:gridCol|tcW|tblW) w:w="(-?\d+)"', xml)]
    assert widths and min(widths) > 0


def test_a_symlinked_document_takes_the_profiles_beside_the_link(workdir: Path) -> None:
    elsewhere = workdir / "kho"
    elsewhere.mkdir()
    shutil.copyfile(DOC, elsewhere / "ke-hoach.yaml")  # no profiles there
    link = workdir / "data" / "lien-ket.yaml"
    try:
        link.symlink_to(elsewhere / "ke-hoach.yaml")
    except OSError as error:  # Windows without the privilege to create links
        pytest.skip(f"cannot create a symbolic link here: {error}")
    result = render("data/lien-ket.yaml")
    assert result.exit_code == 0, result.output
    assert Path("output/lien-ket.docx").is_file()


def test_an_abbreviation_with_a_control_character_is_refused(workdir: Path) -> None:
    line = 'co_quan: {ma: ubnd-dak-ha, viet_tat: "UB\\x7fND"}'
    text = break_yaml(DOC, set_line("co_quan:", line))
    problems = assert_clean_failure(render(DOC))
    assert problems == [
        f"{Path(DOC)}:{_line_of(text, 'co_quan:')}: co_quan.viet_tat: chứa ký tự điều khiển hoặc"
        " ký tự không hiển thị được, không được phép trong văn bản: U+007F; hãy xóa các ký tự này"
    ]
