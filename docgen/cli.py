"""Command line: ``docgen render`` and friends. Parses arguments, calls :mod:`docgen.api`,
and turns :class:`~docgen.errors.DocgenError` into a message and an exit status."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from docgen import __version__
from docgen.errors import (
    DocgenError,
    InputError,
    UnusableInputError,
    display_path,
    exit_code_of,
)

F = TypeVar("F", bound=Callable[..., object])

HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Tham số"}


class VietnameseHelpFormatter(click.HelpFormatter):
    """Click's help layout with Vietnamese headings, for users who read no English."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cách dùng: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))


class VietnameseContext(click.Context):
    formatter_class = VietnameseHelpFormatter


click.Command.context_class = VietnameseContext
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
HELP_OPTION_TEXT = "Hiện hướng dẫn này rồi thoát."


class Failure(click.ClickException):
    """An error already worded for the user; printed as is."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        # click declares exit_code on the class; each failure carries its own status.
        self.exit_code = exit_code  # type: ignore[misc]

    def format_message(self) -> str:
        return self.message

    def show(self, file: object = None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True)


def _run(debug: bool, action: Callable[[], None]) -> None:
    """Run ``action``; report docgen's own errors without a traceback unless ``debug``."""
    try:
        action()
    except InputError as error:
        if debug:
            traceback.print_exc()
        count = len(error.problems)
        details = "\n".join(str(problem) for problem in error.problems)
        message = f"dữ liệu có {count} lỗi, chưa ghi tệp nào:\n{details}"
        # 2 when a file could not be read at all (missing, a FIFO, too large), else 1.
        raise Failure(message, error.exit_code) from error
    except DocgenError as error:
        if debug:
            traceback.print_exc()
        raise Failure(str(error), error.exit_code) from error
    except (click.exceptions.Exit, click.ClickException, click.Abort):
        raise  # click's own way of ending a command with a status: not a bug
    except MemoryError as error:  # a limit docgen's own do not catch: say so in one line
        if debug:
            traceback.print_exc()
        raise Failure("không đủ bộ nhớ để hoàn thành lệnh; chưa ghi tệp dở dang nào", 2) from error
    except Exception as error:  # a bug: one line and exit 2, the traceback with --debug
        if debug:
            traceback.print_exc()
        raise Failure(
            "lỗi nội bộ của docgen (chạy lại với --debug để xem chi tiết và báo cho người phát "
            "triển)",
            2,
        ) from error


@click.group(
    context_settings=CONTEXT_SETTINGS,
    options_metavar="[TÙY_CHỌN]",
    subcommand_metavar="LỆNH [THAM_SỐ]...",
)
@click.version_option(
    __version__, "-V", "--version", message="docgen %(version)s", help="Hiện phiên bản rồi thoát."
)
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@click.option("--debug", is_flag=True, help="Khi có lỗi, in thêm chi tiết kỹ thuật (traceback).")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """docgen: soạn văn bản hành chính đúng thể thức Nghị định 30/2020/NĐ-CP
    từ dữ liệu YAML.

    Ví dụ: docgen render data/kehoach-tdkt-2024.yaml
    """
    context.obj = {"debug": debug}


@main.command("render", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="TỆP.yaml...",
    type=click.Path(path_type=Path, dir_okay=False),
)
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    metavar="THƯ_MỤC",
    help="Thư mục ghi văn bản .docx (mặc định: output).",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    metavar="THƯ_MỤC",
    help="Thư mục chứa mẫu .docx (mặc định: mẫu đi kèm docgen).",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Tạo thêm bản PDF cạnh mỗi tệp .docx (cần LibreOffice).",
)
@click.option(
    "--preview",
    is_flag=True,
    help="Tạo thêm ảnh PNG trang 1 cạnh mỗi tệp .docx, để xem nhanh (cần LibreOffice).",
)
@click.pass_context
def render_command(
    context: click.Context,
    files: tuple[Path, ...],
    output_dir: Path,
    templates_dir: Path | None,
    pdf: bool,
    preview: bool,
) -> None:
    """Tạo văn bản .docx từ tệp dữ liệu YAML.

    Mỗi TỆP.yaml cho ra THƯ_MỤC/<tên tệp>.docx; đường dẫn tệp đã ghi được in ra.
    Mọi tệp được kiểm tra trước: nếu có lỗi, docgen liệt kê tất cả lỗi
    (tệp:dòng: trường: lỗi) và không ghi tệp nào. Tệp hồ sơ co-quan.yaml và
    noi-nhan.yaml được nhận ra và bỏ qua, nên có thể gõ: docgen render data/*.yaml
    """

    def action() -> None:
        from docgen import api  # models and templates: only for the commands that render

        report = api.render_files(
            expand_patterns(files),
            output_dir,
            templates_dir,
            on_written=lambda path: click.echo(str(path)),
        )
        for path, reason in report.skipped:
            click.echo(f"{path}: {reason}", err=True)
        for warning in report.warnings:
            click.echo(f"Cảnh báo: {warning}", err=True)
        complete = _pdf_step(report.written, output_dir, None, pdf)
        if preview and report.written:
            complete = _preview_step(report.written) and complete
        if not complete:
            context.exit(1)

    _run(context.obj["debug"], action)


@main.command("check", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@click.argument(
    "files", nargs=-1, required=True, metavar="TỆP.docx|THƯ_MỤC...", type=click.Path(path_type=Path)
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Dạng kết quả: text (cho người đọc, mặc định) hoặc json (cho chương trình).",
)
@click.option("--strict", is_flag=True, help="Coi cả cảnh báo là lỗi (mã thoát 1).")
@click.option(
    "--fix",
    is_flag=True,
    help="Sửa tự động những gì sửa được an toàn (khổ giấy, lề, phông chữ, đoạn nội dung, "
    "số trang, khối chữ ký tách trang) vào một bản sao; không bao giờ sửa câu chữ.",
)
@click.option(
    "-o",
    "--output",
    "fixed_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="TỆP.docx",
    help="Với --fix: nơi ghi bản đã sửa (mặc định: <tên tệp>.fixed.docx cạnh tệp gốc).",
)
@click.pass_context
def check_command(
    context: click.Context,
    files: tuple[Path, ...],
    output_format: str,
    strict: bool,
    fix: bool,
    fixed_path: Path | None,
) -> None:
    """Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP.

    Đọc mọi tệp .docx (do docgen tạo hay soạn tay trong Word), nhận diện các thành phần
    thể thức và báo từng chỗ sai: quy tắc, mức độ, vị trí, cần gì, thấy gì, căn cứ.

    TỆP có thể là thư mục: mọi tệp .docx trong đó (kể cả thư mục con) được kiểm tra.

    Mã thoát: 0 đúng thể thức; 1 có lỗi (có cả cảnh báo khi dùng --strict);
    2 có tệp không kiểm tra được (không phải .docx, có mật khẩu, quá lớn, lỗi nội bộ);
    các tệp khác vẫn được kiểm tra và báo đủ. Tệp không phải văn bản hành chính chỉ được
    báo một dòng (mã 0; 1 khi dùng --strict).

    Ví dụ: docgen check --fix du-thao.docx -o du-thao-da-sua.docx
    """
    from docgen.check.files import check_paths, fix_file
    from docgen.check.report import to_json, to_text

    if fixed_path is not None and not fix:
        raise click.UsageError("-o/--output chỉ dùng cùng --fix", context)
    if fix and len(files) != 1:
        raise click.UsageError("--fix sửa từng tệp một: hãy đưa đúng một TỆP.docx", context)
    if fix:
        source = files[0]
        target = fixed_path or source.with_name(f"{source.stem}.fixed.docx")
        try:
            same = target.resolve() == source.resolve()
        except (RuntimeError, OSError) as error:  # Python 3.11 raises RuntimeError on a loop
            raise Failure(
                f"{display_path(target)}: đường dẫn là liên kết tượng trưng tạo vòng lặp", 2
            ) from error
        if same:
            raise click.UsageError("bản đã sửa phải ghi ra tệp khác tệp gốc", context)
        try:
            changes, remaining = fix_file(source, target)
        except DocgenError as error:
            if context.obj["debug"]:
                traceback.print_exc()
            raise Failure(str(error), error.exit_code) from error
        except Exception as error:  # a bug: one line and exit 2, the traceback with --debug
            if context.obj["debug"]:
                traceback.print_exc()
            raise Failure(
                f"{display_path(source)}: lỗi nội bộ của docgen khi sửa tệp này (chạy lại với "
                "--debug để xem chi tiết); tệp gốc không bị thay đổi",
                2,
            ) from error
        if output_format == "text" and changes.refused is not None:
            click.echo(f"{display_path(source)}: {changes.refused}")
        elif output_format == "text":
            click.echo(f"Đã ghi bản sửa: {target}")
            for change in changes.changes or ["không có gì cần sửa tự động"]:
                click.echo(f"- {change}")
            click.echo("Còn lại (cần người sửa):" if remaining.findings else "Còn lại: không")
        reports = [remaining]
    else:
        reports = check_paths(files)
    if context.obj["debug"]:
        for report in reports:
            if report.trace:
                click.echo(f"{report.file}:\n{report.trace}", err=True)
    click.echo(to_json(reports) if output_format == "json" else to_text(reports))
    if any(report.error is not None for report in reports):
        context.exit(2)
    failing = {"error", "warning"} if strict else {"error"}
    if any(f.severity in failing for report in reports for f in report.findings):
        context.exit(1)
    # Not an administrative document: a notice, a failure only when asked to be strict.
    if strict and any(r.document is not None and not r.document.administrative for r in reports):
        context.exit(1)


def _build_options(function: F) -> F:
    """Add the options ``build`` and ``watch`` share."""
    options = (
        click.argument(
            "paths", nargs=-1, required=True, metavar="THƯ_MỤC|TỆP...",
            type=click.Path(path_type=Path),
        ),
        click.option(
            "-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False),
            default=Path("output"), metavar="THƯ_MỤC",
            help="Thư mục ghi văn bản .docx (mặc định: output).",
        ),
        click.option(
            "--templates", "templates_dir", default=None, metavar="THƯ_MỤC",
            type=click.Path(path_type=Path, file_okay=False, exists=True),
            help="Thư mục chứa mẫu .docx (mặc định: mẫu đi kèm docgen).",
        ),
        click.option(
            "-j", "--jobs", type=click.IntRange(1, 64), default=None, metavar="N",
            help="Số tiến trình tạo văn bản song song (mặc định: số lõi CPU).",
        ),
        click.option(
            "--keep-going", is_flag=True,
            help="Vẫn tạo các văn bản hợp lệ khi có tệp lỗi; liệt kê lỗi ở cuối.",
        ),
    )  # fmt: skip
    for option in reversed(options):
        function = option(function)
    return function


def _progress(total_hint: str) -> tuple[Callable[[Path, int, int], None], Callable[[], None]]:
    """Return (on_written, close): a progress bar on a terminal, plain lines otherwise."""
    import sys

    if not sys.stderr.isatty():
        return (lambda path, number, total: click.echo(display_path(path))), (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn(total_hint), BarColumn(), MofNCompleteColumn(),
        console=Console(stderr=True), transient=True,
    )  # fmt: skip
    task = progress.add_task(total_hint, total=None)
    progress.start()

    def on_written(path: Path, number: int, total: int) -> None:
        progress.update(task, completed=number, total=total)

    return on_written, progress.stop


def _print_build(report: Any) -> None:
    """Print what a build did: notes, warnings, failures, and a one-line summary."""
    for path, reason in report.ignored:
        click.echo(f"{display_path(path)}: {reason}", err=True)
    for warning in report.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    if report.failed:
        click.echo(f"Không tạo được (có {len(report.failed)} lỗi):", err=True)
        for problem in report.failed:
            click.echo(str(problem), err=True)
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    click.echo(
        f"Xong: {len(report.rendered)} văn bản đã tạo, {report.skipped} không đổi (bỏ qua), "
        f"{len(report.failed)} lỗi, {seconds} giây."
    )


def _pdf_step(
    documents: list[Path], output_dir: Path, workers: int | None, pdf: bool, force: bool = False
) -> bool:
    """With ``pdf``, make the PDFs of ``documents``; without, retire the PDFs that the new
    .docx files made stale. Print what was done; return False when a PDF is missing."""
    from docgen.pdf_outputs import make_pdfs, retire_stale_pdfs

    if not pdf:
        _print_pdfs(retire_stale_pdfs(documents, output_dir))
        return True
    if not documents:
        return True
    from docgen.render.pdf import ConverterMissing  # LibreOffice's code only when asked for

    show, close = _progress("Đang chuyển PDF")
    count = 0

    def written(path: Path) -> None:
        nonlocal count
        count += 1
        show(path, count, len(documents))

    try:
        report = make_pdfs(documents, output_dir, workers, force, written)
    except ConverterMissing as error:
        click.echo(f"Lỗi: {error}. Các tệp .docx vẫn đã được tạo.", err=True)
        return False
    finally:
        close()
    _print_pdfs(report)
    return not report.failed


def _print_pdfs(report: Any) -> None:
    """Print what happened to PDFs: kept, retired, failed."""
    if report.up_to_date:
        click.echo(f"{len(report.up_to_date)} bản PDF còn khớp với .docx, giữ nguyên.", err=True)
    for path in report.removed:
        click.echo(
            f"Đã xóa bản PDF cũ {display_path(path)} (không còn khớp với .docx mới).", err=True
        )
    for old, new in report.renamed:
        click.echo(
            f"Bản PDF cũ {display_path(old)} không khớp với .docx mới và có thể đã được sửa "
            f"hay ký: đã đổi tên thành {display_path(new)}.",
            err=True,
        )
    if report.restarts:
        click.echo(f"LibreOffice treo hoặc dừng {report.restarts} lần, đã khởi động lại.", err=True)
    for source, reason in report.failed:
        click.echo(f"Lỗi: {display_path(source)}: không tạo được PDF: {reason}", err=True)


def _preview_step(documents: list[Path]) -> bool:
    """Write page 1 of each of ``documents`` (written to one folder) as ``<name>-1.png``
    beside it: from its PDF when docgen made that from this very .docx, else through a
    temporary PDF. Return False on a failure."""
    import tempfile

    from docgen.manifest import Manifest
    from docgen.pdf_outputs import current_pdf
    from docgen.render.pdf import ConverterMissing, PdfConverter
    from docgen.render.preview import render_pages

    if not documents:
        return True
    manifest = Manifest.load(documents[0].parent)
    pdfs: dict[Path, Path] = {}
    for document in documents:
        pdf = current_pdf(document, manifest)
        if pdf is not None:
            pdfs[document] = pdf
    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as folder:
        missing = [document for document in documents if document not in pdfs]
        try:
            jobs = [(doc, Path(folder) / f"{index}.pdf") for index, doc in enumerate(missing)]
            for outcome in PdfConverter().convert(jobs) if jobs else []:
                if outcome.ok:
                    pdfs[outcome.source] = outcome.target
                else:
                    click.echo(f"Lỗi: {display_path(outcome.source)}: {outcome.error}", err=True)
        except ConverterMissing as error:
            click.echo(f"Lỗi: {error}. Các tệp .docx vẫn đã được tạo.", err=True)
            return False
        for document in (document for document in documents if document in pdfs):
            for image in render_pages(pdfs[document], [1], document.parent, document.stem):
                click.echo(str(image))
        return len(pdfs) == len(documents)


@main.command("build", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@_build_options
@click.option("--force", is_flag=True, help="Tạo lại mọi văn bản, kể cả văn bản không đổi.")
@click.option(
    "--pdf",
    is_flag=True,
    help="Tạo thêm bản PDF cạnh mỗi tệp .docx (cần LibreOffice); bản PDF còn khớp thì giữ.",
)
@click.pass_context
def build_command(
    context: click.Context,
    paths: tuple[Path, ...],
    output_dir: Path,
    templates_dir: Path | None,
    jobs: int | None,
    keep_going: bool,
    force: bool,
    pdf: bool,
) -> None:
    """Tạo hàng loạt: mọi văn bản trong các thư mục, và tệp hàng loạt (hang_loat).

    THƯ_MỤC được tìm cả các thư mục con; tệp hàng loạt cho ra một văn bản mỗi đơn vị
    trong bảng tính và văn bản tổng hợp. Chỉ tạo lại văn bản có dữ liệu, hồ sơ hay mẫu
    đã đổi từ lần trước (ghi nhớ trong THƯ_MỤC kết quả); --force tạo lại tất cả.
    Mọi tệp được kiểm tra trước; có lỗi thì không ghi gì (trừ khi dùng --keep-going).

    Ví dụ: docgen build data -o output
    """
    from docgen.build import build

    def action() -> None:
        inputs = existing_inputs(paths)
        on_written, close = _progress("Đang tạo")
        try:
            report = build(inputs, output_dir, templates_dir, jobs, force, keep_going, on_written)
        finally:
            close()
        _print_build(report)
        documents = [*report.rendered, *report.up_to_date] if pdf else report.rendered
        complete = _pdf_step(documents, output_dir, jobs, pdf, force)
        if report.failed or not complete:
            # --keep-going: 2 when an input could not be read at all, as without it.
            context.exit(exit_code_of(report.failed) if report.failed else 1)

    _run(context.obj["debug"], action)


@main.command("watch", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@_build_options
@click.option(
    "--interval", type=click.FloatRange(0.1, 60), default=1.0, metavar="GIÂY",
    help="Bao lâu kiểm tra thay đổi một lần (mặc định: 1 giây).",
)  # fmt: skip
@click.pass_context
def watch_command(
    context: click.Context,
    paths: tuple[Path, ...],
    output_dir: Path,
    templates_dir: Path | None,
    jobs: int | None,
    keep_going: bool,
    interval: float,
) -> None:
    """Theo dõi và tạo lại văn bản mỗi khi lưu dữ liệu, hồ sơ hay mẫu.

    Lần lưu có lỗi: docgen in lỗi, giữ nguyên bản đã tạo trước đó, và tiếp tục theo dõi.
    Bấm Ctrl+C để dừng.
    """
    from docgen.watch import watch

    def report(message: str) -> None:
        click.echo(message, err=message.startswith("Lỗi"))

    try:
        inputs = tuple(existing_inputs(paths))
    except DocgenError as error:
        raise Failure(str(error)) from error
    try:
        watch(inputs, output_dir, templates_dir, jobs, keep_going, interval, report, _print_build)
    except KeyboardInterrupt:
        click.echo("Đã dừng theo dõi.")


@main.command("preview", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@click.argument(
    "source", metavar="TỆP.docx|TỆP.pdf", type=click.Path(path_type=Path, dir_okay=False)
)
@click.option(
    "--page",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Trang cần xem (mặc định: trang 1).",
)
@click.option("--all", "all_pages", is_flag=True, help="Xem mọi trang.")
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="THƯ_MỤC",
    help="Thư mục ghi ảnh (mặc định: cạnh tệp).",
)
@click.option(
    "--dpi",
    type=click.IntRange(20, 600),
    default=100,
    metavar="D",
    help="Độ phân giải, điểm ảnh mỗi inch (mặc định: 100).",
)
@click.pass_context
def preview_command(
    context: click.Context,
    source: Path,
    page: int | None,
    all_pages: bool,
    output_dir: Path | None,
    dpi: int,
) -> None:
    """Xem trước trang văn bản: ghi ảnh PNG <tên>-<trang>.png.

    Tệp .docx được chuyển sang PDF bằng LibreOffice trước; tệp .pdf được đọc trực tiếp.

    Ví dụ: docgen preview output/kehoach.docx --all
    """
    from docgen.render.preview import preview

    def action() -> None:
        if page is not None and all_pages:
            raise DocgenError("chỉ dùng một trong hai: --page hoặc --all")
        pages = None if all_pages else [page or 1]
        for image in preview(source, pages, output_dir or source.parent, dpi):
            click.echo(str(image))

    _run(context.obj["debug"], action)


@main.command("new", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@click.argument("loai", metavar="LOẠI")
@click.argument("name", metavar="[TÊN]", required=False)
@click.option(
    "--tu-to-trinh",
    "proposal",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    metavar="TỆP",
    help="Với quyet_dinh: lấy danh sách, căn cứ, đề nghị từ một tờ trình đã duyệt.",
)
@click.pass_context
def new_command(context: click.Context, loai: str, name: str | None, proposal: Path | None) -> None:
    """Tạo tệp dữ liệu mẫu (có chú thích) cho một loại văn bản.

    LOẠI: ke_hoach, bao_cao, quyet_dinh, cong_van, huong_dan, to_trinh, giay_moi,
    thong_bao. TÊN: tệp cần ghi (mặc định: tên loại, ví dụ cong-van.yaml); không ghi đè
    tệp đã có. Thay mỗi “...” trong tệp bằng nội dung; docgen render báo “cần điền” ở
    chỗ nào còn “...”.

    Ví dụ: docgen new cong_van data/congvan-don-doc.yaml;
    docgen new quyet_dinh data/qd.yaml --tu-to-trinh data/totrinh.yaml
    """

    def action() -> None:
        from docgen.starter import new_document

        click.echo(str(new_document(loai, name, proposal)))

    _run(context.obj["debug"], action)


@main.command("build-templates", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@click.argument(
    "folder",
    required=False,
    metavar="[THƯ_MỤC]",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
)
def build_templates_command(folder: Path | None) -> None:
    """Dựng lại các mẫu .docx từ quy định N30 (dành cho người phát triển).

    Mặc định ghi vào thư mục mẫu của docgen; chỉ định THƯ_MỤC để ghi nơi khác.
    """
    from docgen.api import default_templates_dir
    from docgen.render import builder

    builder.main([str(folder or default_templates_dir())])


WILDCARDS = frozenset("*?[")


def expand_patterns(paths: tuple[Path, ...]) -> list[Path]:
    """Return ``paths`` with wildcard patterns (``data\\*.yaml``) expanded, sorted.

    Windows shells pass ``*`` through to the program, so docgen expands it itself; a path
    that exists as written is kept as it is. Raises :class:`UnusableInputError` when a pattern
    matches nothing.
    """
    expanded: list[Path] = []
    for path in paths:
        if path.exists() or not WILDCARDS & set(path.name):
            expanded.append(path)
            continue
        # Folders a pattern also matches (data/* with a subfolder) are not documents.
        matches = sorted(match for match in path.parent.glob(path.name) if match.is_file())
        if not matches:
            raise UnusableInputError(f"không có tệp nào khớp mẫu {path}")
        expanded += matches
    return expanded


def existing_inputs(paths: tuple[Path, ...]) -> list[Path]:
    """Return ``paths`` with wildcards expanded; raise UnusableInputError (status 2) for one
    that is not there."""
    expanded = expand_patterns(paths)
    missing = [path for path in expanded if not path.exists()]
    if missing:
        raise UnusableInputError(f"không tìm thấy {', '.join(str(path) for path in missing)}")
    return expanded


USAGE_ERRORS = (
    (r"Missing argument '(.+)'\.", r"thiếu tham số \1"),
    (r"No such option:? '?([^'\s]+?)'?\.?$", r"không có tùy chọn \1"),
    (r"No such command '(.+)'\.", r"không có lệnh '\1'"),
    (r"Option '(.+)' requires an argument\.", r"tùy chọn '\1' cần một giá trị"),
    (r"Got unexpected extra arguments? \((.+)\)", r"thừa tham số: \1"),
    (r"Invalid value for '(.+?)': (.+)", r"giá trị không hợp lệ cho '\1': \2"),
)


def usage_message(error: click.UsageError) -> str:
    """Return click's usage error in Vietnamese where the wording is known, else as is."""
    message = error.format_message()
    for pattern, replacement in USAGE_ERRORS:
        translated, count = re.subn(pattern, replacement, message)
        translated = translated.replace("Did you mean", "Có phải ý bạn là")
        if count:
            return translated
    return message


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, make SIGTERM stop the run the way Ctrl+C does (KeyboardInterrupt).

    The default action of SIGTERM ends the process at once, leaving the temporary files of
    the writes under way; raised as KeyboardInterrupt, it runs the same clean-up as Ctrl+C
    (``finally`` blocks, see :mod:`docgen.render.atomic`). Processes forked inside the block
    (build workers) are ended as SIGTERM asks. Does nothing outside the main thread, where
    signal handlers cannot be set.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def interrupt(signum: int, frame: object) -> None:
        if os.getpid() != owner:  # a forked worker inherited this handler
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args: list[str] | None = None) -> int:
    """Run the CLI as the ``docgen`` command and return its exit status.

    Usage errors are reported in Vietnamese with a pointer to ``--help`` (status 2); docgen's
    own errors as their message: status 1 for invalid data, 2 for unusable input (a file
    missing, not a regular file, unreadable or too large) and internal errors; never a
    traceback unless ``--debug``.
    """
    try:
        with terminate_as_interrupt():
            # Without standalone mode, click returns the status of ctx.exit() instead of exiting.
            status = main.main(args=args, prog_name="docgen", standalone_mode=False)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "docgen"
        click.echo(f"Lỗi: {usage_message(error)}", err=True)
        click.echo(f"Gõ '{command} --help' để xem hướng dẫn.", err=True)
        return 2
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo("Đã hủy.", err=True)
        return 1
    return status if isinstance(status, int) else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run())
