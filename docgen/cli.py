"""Command line: ``docgen render`` and friends. Parses arguments, calls :mod:`docgen.api`,
and turns :class:`~docgen.errors.DocgenError` into a message and an exit status."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from docgen import __version__, api
from docgen.errors import DocgenError, InputError

F = TypeVar("F", bound=Callable[..., object])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Failure(click.ClickException):
    """An error already worded for the user; printed as is."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code

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


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", message="docgen %(version)s")
@click.option("--debug", is_flag=True, help="Khi có lỗi, in thêm chi tiết kỹ thuật (traceback).")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """docgen: soạn văn bản hành chính đúng thể thức Nghị định 30/2020/NĐ-CP
    từ dữ liệu YAML.

    Ví dụ: docgen render data/kehoach-tdkt-2024.yaml
    """
    context.obj = {"debug": debug}


@main.command("render")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Thư mục ghi văn bản .docx.",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Thư mục chứa mẫu .docx (mặc định: mẫu đi kèm docgen).",
)
@click.pass_context
def render_command(
    context: click.Context, files: tuple[Path, ...], output_dir: Path, templates_dir: Path | None
) -> None:
    """Tạo văn bản .docx từ tệp dữ liệu YAML.

    Mỗi tệp FILES.yaml cho ra OUTPUT/<tên tệp>.docx; đường dẫn tệp đã ghi được in ra.
    Mọi tệp được kiểm tra trước: nếu có lỗi, docgen liệt kê tất cả lỗi
    (tệp:dòng: trường: lỗi) và không ghi tệp nào.
    """

    def action() -> None:
        renderer = api.Renderer(templates_dir)
        documents, problems = [], []
        for path in files:
            try:
                documents.append(api.load_document(path))
            except InputError as error:
                problems += error.problems
        if problems:
            raise InputError(problems)
        rendered = [(document, renderer.render(document)) for document in documents]
        for document, data in rendered:
            target = api.output_path(document.path, output_dir)
            api.write_atomic(target, data)
            click.echo(str(target))

    _run(context.obj["debug"], action)


@main.command("build-templates")
@click.argument(
    "folder", required=False, type=click.Path(path_type=Path, file_okay=False), default=None
)
def build_templates_command(folder: Path | None) -> None:
    """Dựng lại các mẫu .docx từ quy định N30 (dành cho người phát triển).

    Mặc định ghi vào thư mục mẫu của docgen; chỉ định FOLDER để ghi nơi khác.
    """
    from docgen.render import builder

    builder.main([str(folder or api.default_templates_dir())])


def run() -> None:
    """Entry point that never lets a Python traceback reach the user for docgen's errors."""
    main(prog_name="docgen")


if __name__ == "__main__":  # pragma: no cover
    run()
