"""Checking .docx files from the outside: one report per file, never an exception.

This module is what ``docgen check`` imports: it knows nothing of rendering, models or
templates, and imports the checker itself only when a file is checked, so the command
starts without paying for what it does not use.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.errors import display_path
from docgen.render.atomic import write_atomic

if TYPE_CHECKING:
    from docgen.check.fix import FixReport
    from docgen.check.report import FileReport


def check_file(path: Path) -> FileReport:
    """Return the N30 findings of the .docx at ``path``, or why it could not be checked.

    Never raises for a bad file: an unreadable or too large file, and any internal error
    while checking it, become the report's ``error`` (the traceback is kept in
    ``FileReport.trace`` for ``--debug``), so a run over many files goes on.
    """
    import traceback

    from docgen.check.checker import examine
    from docgen.check.inspect import UnreadableDocument, inspect_file
    from docgen.check.report import FileReport

    name = display_path(path)
    try:
        findings, document = examine(inspect_file(path))
        return FileReport(name, findings, document=document)
    except UnreadableDocument as error:
        return FileReport(name, error=str(error).split(": ", 1)[-1], error_kind="unreadable")
    except MemoryError:
        return FileReport(
            name, error="tệp quá lớn, không đủ bộ nhớ để đọc", error_kind="unreadable"
        )
    except RecursionError:
        return FileReport(name, error="cấu trúc tệp lồng nhau quá sâu", error_kind="unreadable")
    except Exception:  # a bug: reported for this file, the others are still checked
        return FileReport(
            name,
            error="lỗi nội bộ của docgen khi kiểm tra tệp này (chạy lại với --debug để xem "
            "chi tiết và báo cho người phát triển)",
            error_kind="internal",
            trace=traceback.format_exc(),
        )


def docx_files_in(folder: Path) -> list[Path]:
    """Return the .docx files below ``folder``, recursively, sorted.

    Word's lock files ("~$name.docx") and hidden files are skipped; symbolic links to
    folders are not followed (a link back to a parent would loop).
    """
    found: list[Path] = []
    for root, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [
            Path(root, name)
            for name in files
            if name.lower().endswith(".docx") and not name.startswith(("~$", "."))
        ]
    return sorted(found)


def check_paths(paths: Iterable[Path]) -> list[FileReport]:
    """Return one report per file: each path given, a folder standing for its .docx files.

    A folder without any .docx gets a report whose error says so. Never raises for a bad
    file (see :func:`check_file`).
    """
    from docgen.check.report import FileReport

    reports: list[FileReport] = []
    for path in paths:
        try:
            folder = path.is_dir()
        except OSError:  # a symbolic-link loop and the like: check_file words it
            folder = False
        if not folder:
            reports.append(check_file(path))
            continue
        files = docx_files_in(path)
        if not files:
            reports.append(
                FileReport(
                    display_path(path),
                    error="thư mục không có tệp .docx nào (kể cả thư mục con)",
                    error_kind="unreadable",
                )
            )
        reports += [check_file(file) for file in files]
    return reports


def fix_file(source: Path, target: Path) -> tuple[FixReport, FileReport]:
    """Write a corrected copy of ``source`` to ``target`` atomically.

    Returns ``(changes, remaining findings)``. ``source`` is never modified; when the fix
    cannot be verified harmless, ``changes.refused`` says why, nothing is written and the
    findings are the source's. Raises :class:`UnreadableDocument` when it cannot be read.
    """
    import docx

    from docgen.check.checker import examine
    from docgen.check.fix import fix_verified
    from docgen.check.inspect import inspect_document, open_document
    from docgen.check.report import FileReport

    # Pictures are kept: the fixed copy must carry them (read within the same budget).
    document = open_document(source, keep_media=True)
    buffer = io.BytesIO()
    document.save(buffer)
    # Kept only when verified (text, findings, page count); else nothing is written.
    data, changes = fix_verified(buffer.getvalue())
    if data is None:
        findings, info = examine(inspect_document(document))
        return changes, FileReport(display_path(source), findings, document=info)
    findings, info = examine(inspect_document(docx.Document(io.BytesIO(data))))
    remaining = FileReport(display_path(target), findings, document=info)
    write_atomic(target, data)
    return changes, remaining
