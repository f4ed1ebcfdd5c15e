"""Command line: ``docgen render`` and friends. Parses arguments, calls :mod:`docgen.api`,
and turns :class:`~docgen.errors.DocgenError` into a message and an exit status."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from docgen import __version__, api
from docgen.errors import DocgenError, InputError, display_path

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
        raise Failure(f"dữ liệu có {count} lỗi, chưa ghi tệp nào:\n{details}") from error
    except DocgenError as error:
        if debug:
            traceback.print_exc()
        raise Failure(str(error), error.exit_code) from error


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
@click.pass_context
def render_command(
    context: click.Context,
    files: tuple[Path, ...],
    output_dir: Path,
    templates_dir: Path | None,
    pdf: bool,
) -> None:
    """Tạo văn bản .docx từ tệp dữ liệu YAML.

    Mỗi TỆP.yaml cho ra THƯ_MỤC/<tên tệp>.docx; đường dẫn tệp đã ghi được in ra.
    Mọi tệp được kiểm tra trước: nếu có lỗi, docgen liệt kê tất cả lỗi
    (tệp:dòng: trường: lỗi) và không ghi tệp nào. Tệp hồ sơ co-quan.yaml và
    noi-nhan.yaml được nhận ra và bỏ qua, nên có thể gõ: docgen render data/*.yaml
    """

    def action() -> None:
        report = api.render_files(
            expand_patterns(files),
            output_dir,
            templates_dir,
            pdf,
            on_written=lambda path: click.echo(str(path)),
        )
        for path, reason in report.skipped:
            click.echo(f"{path}: {reason}", err=True)
        for warning in report.warnings:
            click.echo(f"Cảnh báo: {warning}", err=True)

    _run(context.obj["debug"], action)


@main.command("check", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@click.argument(
    "files", nargs=-1, required=True, metavar="TỆP.docx...", type=click.Path(path_type=Path)
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

    Mã thoát: 0 đúng thể thức; 1 có lỗi (có cả cảnh báo khi dùng --strict);
    2 có tệp không đọc được.

    Ví dụ: docgen check --fix du-thao.docx -o du-thao-da-sua.docx
    """
    from docgen.check.report import to_json, to_text

    if fixed_path is not None and not fix:
        raise click.UsageError("-o/--output chỉ dùng cùng --fix", context)
    if fix and len(files) != 1:
        raise click.UsageError("--fix sửa từng tệp một: hãy đưa đúng một TỆP.docx", context)
    if fix:
        source = files[0]
        target = fixed_path or source.with_name(f"{source.stem}.fixed.docx")
        if target.resolve() == source.resolve():
            raise click.UsageError("bản đã sửa phải ghi ra tệp khác tệp gốc", context)
        try:
            changes, remaining = api.fix_file(source, target)
        except DocgenError as error:
            raise Failure(str(error), error.exit_code) from error
        if output_format == "text":
            click.echo(f"Đã ghi bản sửa: {target}")
            for change in changes.changes or ["không có gì cần sửa tự động"]:
                click.echo(f"- {change}")
            click.echo("Còn lại (cần người sửa):" if remaining.findings else "Còn lại: không")
        reports = [remaining]
    else:
        reports = [api.check_file(path) for path in files]
    click.echo(to_json(reports) if output_format == "json" else to_text(reports))
    if any(report.error is not None for report in reports):
        context.exit(2)
    failing = {"error", "warning"} if strict else {"error"}
    if any(f.severity in failing for report in reports for f in report.findings):
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


@main.command("build", context_settings=CONTEXT_SETTINGS, options_metavar="[TÙY_CHỌN]")
@click.help_option("-h", "--help", help=HELP_OPTION_TEXT)
@_build_options
@click.option("--force", is_flag=True, help="Tạo lại mọi văn bản, kể cả văn bản không đổi.")
@click.option(
    "--pdf", is_flag=True, help="Tạo thêm bản PDF cạnh mỗi tệp .docx vừa tạo (cần LibreOffice)."
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
        if pdf:
            api.require_pdf_converter()
        on_written, close = _progress("Đang tạo")
        try:
            report = build(inputs, output_dir, templates_dir, jobs, force, keep_going, on_written)
        finally:
            close()
        if pdf and report.rendered:
            for written in api.write_pdfs(report.rendered):
                click.echo(display_path(written))
        _print_build(report)
        if report.failed:
            context.exit(1)

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
    from docgen.render import builder

    builder.main([str(folder or api.default_templates_dir())])


WILDCARDS = frozenset("*?[")


def expand_patterns(paths: tuple[Path, ...]) -> list[Path]:
    """Return ``paths`` with wildcard patterns (``data\\*.yaml``) expanded, sorted.

    Windows shells pass ``*`` through to the program, so docgen expands it itself; a path
    that exists as written is kept as it is. Raises :class:`DocgenError` when a pattern
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
            raise DocgenError(f"không có tệp nào khớp mẫu {path}")
        expanded += matches
    return expanded


def existing_inputs(paths: tuple[Path, ...]) -> list[Path]:
    """Return ``paths`` with wildcards expanded; raise DocgenError for one that is not there."""
    expanded = expand_patterns(paths)
    missing = [path for path in expanded if not path.exists()]
    if missing:
        raise DocgenError(f"không tìm thấy {', '.join(str(path) for path in missing)}")
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


def run(args: list[str] | None = None) -> int:
    """Run the CLI as the ``docgen`` command and return its exit status.

    Usage errors are reported in Vietnamese with a pointer to ``--help`` (status 2); docgen's
    own errors as their message (status 1); never a traceback unless ``--debug``.
    """
    try:
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
