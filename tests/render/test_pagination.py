"""The closing block (Nơi nhận, authority, title, blank lines, signer's name) never splits.

Each sample document is padded with short body paragraphs, one more per variant, until its end
has moved across two full page lengths; every variant is rendered, laid out by LibreOffice, and
the PDF's text positions must show the whole closing block on one page, the last one. So that
this would catch a missing ``w:cantSplit``, the padding must really move the closing block to
later pages, and in some variant push it whole onto a new page, leaving body text behind.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from docgen.loading import load_yaml
from docgen.render.pdf import convert_many, soffice_path
from docgen.rules import n30
from tests.helpers import run_docgen

pytestmark = pytest.mark.skipif(
    soffice_path() is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and poppler-utils (installed by .ci/run)",
)

DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLES = sorted(
    [
        DATA / "kehoach-tdkt-2024.yaml",
        *(path for kind in ("baocao", "congvan", "huongdan", "giaymoi", "thongbao")
          for path in DATA.glob(f"{kind}-*.yaml")),
    ]
)  # fmt: skip
"""The plan and every sample of the kinds whose closing block ends the document (a decision
and a tờ trình end with their list: see test_kinds_pdf.py and test_quyetdinh_pdf.py)."""

XHTML = "{http://www.w3.org/1999/xhtml}"


def padding_count() -> int:
    """Return how many one-line body paragraphs surely fill two pages.

    A line is at least one em tall, so a one-line paragraph of body text takes at least
    size x line spacing + the space around it; the text area holds no more such paragraphs.
    """
    spacing = n30.NOI_DUNG.spacing
    least_height = n30.NOI_DUNG.size.default * spacing.line + spacing.before + spacing.after
    text_height = n30.PAGE.height - n30.PAGE.top.default - n30.PAGE.bottom.default
    return math.ceil(2 * text_height / least_height)


PADDING = padding_count()


def padding(index: int) -> str:
    """Return the text of the ``index``-th padding paragraph (short: one line)."""
    return f"Đoạn đệm số {index}."


def words(text: str) -> tuple[str, ...]:
    """Return the NFC words of ``text``, so line breaks and spacing do not matter."""
    return tuple(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class Line:
    """One line of text on a PDF page, as pdftotext found it."""

    words: tuple[str, ...]
    top: float


@dataclass(frozen=True)
class Closing:
    """The closing block's lines as the document holds them: left and right cell."""

    recipients: tuple[tuple[str, ...], ...]
    """"Nơi nhận:" and its lines, top to bottom."""
    signature: tuple[tuple[str, ...], ...]
    """Authority lines, the title and the signer's name, top to bottom."""
    last_body: tuple[str, ...]
    """The last body paragraph before the closing block (the closing sentence)."""


@dataclass(frozen=True)
class Variant:
    """One padded variant of a sample: its padding and the laid-out pages."""

    padding: int
    pages: tuple[tuple[Line, ...], ...]


def read_pages(pdf: Path) -> tuple[tuple[Line, ...], ...]:
    """Return the lines of each page of ``pdf`` in pdftotext's reading order, with positions."""
    command = ["pdftotext", "-bbox-layout", str(pdf), "-"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    root = ElementTree.fromstring(output)
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = [
            Line(
                words(" ".join("".join(word.itertext()) for word in line.iter(f"{XHTML}word"))),
                float(line.attrib["yMin"]),
            )
            for line in page.iter(f"{XHTML}line")
        ]
        pages.append(tuple(line for line in lines if line.words))
    return tuple(pages)


def read_closing(path: Path) -> Closing:
    """Return the closing block's lines from the rendered .docx at ``path``.

    The closing block is the document's last table, one row: Nơi nhận left, signature right.
    """
    document = docx.Document(str(path))
    table: Table = document.tables[-1]
    assert len(table.rows) == 1 and len(table.columns) == 2
    left, right = (
        tuple(words(p.text) for p in cell.paragraphs if p.text.strip())
        for cell in table.rows[0].cells
    )
    assert left[0] == ("Nơi", "nhận:"), left
    body = document.element.body
    before = reversed(body[: body.index(table._tbl)])
    paragraphs = (Paragraph(element, document) for element in before if element.tag == qn("w:p"))
    last_body = next(words(p.text) for p in paragraphs if p.text.strip())
    return Closing(left, right, last_body)


def find(stream: Sequence[str], wanted: tuple[str, ...], start: int = 0) -> int | None:
    """Return where the words ``wanted`` start in ``stream`` from ``start`` on, or None."""
    for index in range(start, len(stream) - len(wanted) + 1):
        if tuple(stream[index : index + len(wanted)]) == wanted:
            return index
    return None


def locate(page: Sequence[Line], lines: Sequence[tuple[str, ...]]) -> list[float] | None:
    """Return the top of each of ``lines`` found in order on ``page``, or None if one is not.

    A line of the document may wrap onto several PDF lines, so the page is searched as one
    stream of words; each document line must follow the previous one in reading order.
    """
    stream = [word for line in page for word in line.words]
    tops = [line.top for line in page for _ in line.words]
    found = []
    start = 0
    for wanted in lines:
        index = find(stream, wanted, start)
        if index is None:
            return None
        found.append(tops[index])
        start = index + len(wanted)
    return found


def spread(variant: Variant, lines: Sequence[tuple[str, ...]]) -> str:
    """Return which of ``lines`` each page shows whole, for a failure message."""
    shown: dict[str, list[str]] = {}
    for line in lines:
        pages = [str(n) for n, page in enumerate(variant.pages, 1) if locate(page, [line])]
        for where in [f"page {page}" for page in pages] or ["split across pages"]:
            shown.setdefault(where, []).append(" ".join(line))
    return "; ".join(f"{where}: {' | '.join(texts)}" for where, texts in shown.items())


def is_page_number(line: Line, number: int) -> bool:
    """Return True when ``line`` is the page number ``number`` in the header."""
    return line.words == (str(number),)


def closing_page(variant: Variant, closing: Closing) -> int | None:
    """Return the number of the last page showing "Nơi nhận:", or None if none does."""
    found = [
        number
        for number, page in enumerate(variant.pages, start=1)
        if locate(page, closing.recipients[:1]) is not None
    ]
    return found[-1] if found else None


def pushed_to_new_page(variant: Variant, closing: Closing) -> bool:
    """Return True when the closing block begins its page and the page before ends in body.

    That is the layout a splittable row would have broken: the block did not fit below the
    body text, so it moved whole, leaving the closing sentence or padding on the page before.
    """
    number = closing_page(variant, closing)
    if number is None or number < 2:
        return False
    page = variant.pages[number - 1]
    top = min(locate(page, closing.recipients[:1]) or [0.0])
    above = [line for line in page if line.top < top and not is_page_number(line, number)]
    before = [line for line in variant.pages[number - 2] if not is_page_number(line, number - 1)]
    if above or not before:
        return False
    last = max(before, key=lambda line: line.top).words
    body_ends = [closing.last_body, *(words(padding(i)) for i in range(1, variant.padding + 1))]
    return any(find(body, last) is not None for body in body_ends)


def write_variants(source: Path, folder: Path) -> list[Path]:
    """Write ``source`` padded with 0..PADDING paragraphs into ``folder``; return the files."""
    # docgen's own reading, not yaml.safe_load: PyYAML would read "so: 012" as octal 10.
    document = load_yaml(source).data
    files = []
    for count in range(PADDING + 1):
        padded = dict(document)
        body = document.get("noi_dung", [])  # a thông báo kết luận may have none
        padded["noi_dung"] = [*body, *(padding(i) for i in range(1, count + 1))]
        path = folder / f"{source.stem}-pad-{count:03d}.yaml"
        path.write_text(yaml.safe_dump(padded, allow_unicode=True, sort_keys=False), "utf-8")
        files.append(path)
    return files


@dataclass(frozen=True)
class Sample:
    """A sample document's closing block and its laid-out variants, by padding."""

    closing: Closing
    variants: tuple[Variant, ...]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Sample]:
    """Return every sample's variants laid out by LibreOffice, keyed by the sample's stem.

    Starting docgen and LibreOffice dominates the cost, so all variants of all samples are
    rendered by one docgen process and converted by one LibreOffice run.
    """
    folder = tmp_path_factory.mktemp("pagination")
    # The samples name their agency and recipients by key in co-quan.yaml / noi-nhan.yaml.
    for data in DATA.glob("*.yaml"):
        shutil.copyfile(data, folder / data.name)
    variants = {sample.stem: write_variants(sample, folder) for sample in SAMPLES}
    sources = [path for paths in variants.values() for path in paths]
    result = run_docgen("render", *(path.name for path in sources), "-o", "out", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    documents = [folder / "out" / f"{path.stem}.docx" for path in sources]
    pdfs = iter(convert_many(documents, folder / "pdf"))
    return {
        stem: Sample(
            read_closing(folder / "out" / f"{paths[0].stem}.docx"),
            tuple(Variant(count, read_pages(next(pdfs))) for count in range(len(paths))),
        )
        for stem, paths in variants.items()
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_closing_block_is_whole_on_the_last_page(sample: Path, samples: dict[str, Sample]) -> None:
    closing = samples[sample.stem].closing
    split = []
    for variant in samples[sample.stem].variants:
        last = variant.pages[-1]
        left = locate(last, closing.recipients)
        right = locate(last, closing.signature)
        if left is None or right is None:
            lines = [*closing.recipients, *closing.signature]
            split.append(f"padding {variant.padding}: {spread(variant, lines)}")
            continue
        # Found in reading order, each column must also read top to bottom on the page.
        assert left == sorted(left) and right == sorted(right), variant.padding
        title, name = right[-2:]
        assert title < name, f"padding {variant.padding}: the signer's name is not below the title"
    assert not split, "closing block not whole on the last page:\n" + "\n".join(split)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_padding_moves_the_closing_block_across_pages(
    sample: Path, samples: dict[str, Sample]
) -> None:
    closing = samples[sample.stem].closing
    variants = samples[sample.stem].variants
    pages = [closing_page(variant, closing) for variant in variants]
    numbers = [page for page in pages if page is not None]
    assert numbers == pages, f"no page shows Nơi nhận: {pages}"
    # Padding never pulls the block back; two page lengths of it push it on at least twice.
    assert numbers == sorted(numbers) and len(set(numbers)) >= 3, numbers
    pushed = [variant.padding for variant in variants if pushed_to_new_page(variant, closing)]
    assert pushed, "no variant pushed the closing block whole onto a new page"
