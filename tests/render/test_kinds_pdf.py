"""LibreOffice lays out the công văn, hướng dẫn, tờ trình, giấy mời and thông báo samples as
it does the plan: the header's two columns side by side with Số and the date on one row (and
a công văn's "V/v" under Số), no page number on page 1 and "2" at the top of page 2, and the
closing block (Nơi nhận, authority, title, name) whole on one page.

Each sample is also rendered padded with body paragraphs so that it runs to a second page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
import yaml

from docgen.loading import load_yaml
from docgen.render.pdf import convert_many, soffice_path
from tests.helpers import run_docgen
from tests.render.test_frame_layout import closing_table
from tests.render.test_pagination import Line, locate, read_pages, words

pytestmark = pytest.mark.skipif(
    soffice_path() is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and poppler-utils (installed by .ci/run)",
)

DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLES = (
    "congvan-don-doc-bao-cao-2024",
    "huongdan-tongket-2024",
    "totrinh-khenthuong-2024",
    "giaymoi-hoinghi-tongket-2024",
    "thongbao-ketluan-tongket-2024",
)
PADDING = 40
"""Short body paragraphs added to the padded variant: more than a page of them."""

Pages = tuple[tuple[Line, ...], ...]


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Pages, Pages]]:
    """Return per sample: its .docx, and the pages of it and of its padded variant."""
    folder = tmp_path_factory.mktemp("kinds-pdf")
    for path in DATA.iterdir():
        if path.is_file():
            shutil.copyfile(path, folder / path.name)
    for stem in SAMPLES:
        data = load_yaml(folder / f"{stem}.yaml").data
        data["noi_dung"] = [
            *data.get("noi_dung", []),
            *(f"Đoạn đệm số {i}." for i in range(PADDING)),
        ]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"{stem}-dem.yaml").write_text(text, encoding="utf-8")
    names = [name for stem in SAMPLES for name in (f"{stem}.yaml", f"{stem}-dem.yaml")]
    result = run_docgen("render", *names, "-o", "out", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    documents = [folder / "out" / f"{Path(name).stem}.docx" for name in names]
    pdfs = iter(convert_many(documents, folder / "pdf"))
    found = {}
    for stem in SAMPLES:
        plain, padded = next(pdfs), next(pdfs)
        found[stem] = (folder / "out" / f"{stem}.docx", read_pages(plain), read_pages(padded))
    return found


def top_of(page: tuple[Line, ...], *wanted: str) -> float:
    """Return the top of the first line of ``page`` that starts with the words of ``wanted``."""
    tops = locate(page, [words(text) for text in wanted])
    assert tops is not None, (wanted, [" ".join(line.words) for line in page[:12]])
    return tops[0]


@pytest.mark.parametrize("stem", SAMPLES)
def test_header_columns_side_by_side_with_so_and_date_level(
    stem: str, laid_out: dict[str, tuple[Path, Pages, Pages]]
) -> None:
    path, pages, _ = laid_out[stem]
    first = pages[0]
    header = docx.Document(str(path)).tables[0]
    agency = header.cell(0, 0).paragraphs[0].text
    number = header.cell(1, 0).paragraphs[0].text
    date = header.cell(1, 1).paragraphs[0].text
    assert abs(top_of(first, agency) - top_of(first, "CỘNG HÒA XÃ HỘI")) < 2
    assert abs(top_of(first, number) - top_of(first, date.split(",")[0] + ",")) < 2
    assert top_of(first, number) > top_of(first, "Độc lập - Tự do - Hạnh phúc")
    if stem.startswith("congvan"):
        assert top_of(first, "V/v") > top_of(first, number)
        assert top_of(first, "Kính gửi:") > top_of(first, "V/v")


@pytest.mark.parametrize("stem", SAMPLES)
def test_page_numbers_from_page_two_only(
    stem: str, laid_out: dict[str, tuple[Path, Pages, Pages]]
) -> None:
    _, _, padded = laid_out[stem]
    assert len(padded) >= 2
    assert not any(line.words == ("1",) for line in padded[0])
    top = min(padded[1], key=lambda line: line.top)
    assert top.words == ("2",)


@pytest.mark.parametrize("stem", SAMPLES)
@pytest.mark.parametrize("variant", ["plain", "padded"])
def test_closing_block_is_whole_on_one_page(
    stem: str, variant: str, laid_out: dict[str, tuple[Path, Pages, Pages]]
) -> None:
    path, plain, padded = laid_out[stem]
    cells = closing_table(docx.Document(str(path))).rows[0].cells
    left, right = ([words(p.text) for p in cell.paragraphs if p.text.strip()] for cell in cells)
    pages = plain if variant == "plain" else padded
    shown = [n for n, page in enumerate(pages, 1) if locate(page, left) and locate(page, right)]
    assert shown, f"{stem} ({variant}): Nơi nhận and the signature are not whole on one page"
