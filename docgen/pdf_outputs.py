"""PDFs beside the .docx files docgen writes: made when asked and when out of date, and never
left stale beside a newer .docx.

What docgen made is recorded in the output folder's manifest (:mod:`docgen.manifest`): for
each .docx, the hash of the .docx its PDF was made from and the PDF's own hash. A PDF whose
.docx has not changed is not converted again. When a .docx is written anew and its PDF is
not (no ``--pdf``, or the conversion failed), the old PDF no longer matches: it is deleted
when docgen made it and nobody changed it since, and otherwise (a PDF someone signed or
edited) renamed to ``<name>-cu.pdf`` so that it is kept but cannot be taken for the new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.manifest import Manifest, PdfRecord

if TYPE_CHECKING:
    from docgen.render.pdf import Conversion

STALE_SUFFIX = "-cu"


@dataclass
class PdfReport:
    """What :func:`make_pdfs` and :func:`retire_stale_pdfs` did."""

    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    """PDFs kept because their .docx has not changed since they were made."""
    failed: list[tuple[Path, str]] = field(default_factory=list)
    """(.docx, why) for each document left without a PDF."""
    removed: list[Path] = field(default_factory=list)
    """Stale PDFs of docgen's own, deleted."""
    renamed: list[tuple[Path, Path]] = field(default_factory=list)
    """Stale PDFs that someone may have changed, kept under another name: (old, new)."""
    restarts: int = 0
    """LibreOffice workers killed and started again (hung or crashed)."""


def _hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def pdf_path(document: Path) -> Path:
    """Return where the PDF of ``document`` goes: beside it, with the suffix .pdf."""
    return document.with_suffix(".pdf")


def current_pdf(document: Path, manifest: Manifest, docx_hash: str | None = None) -> Path | None:
    """Return the PDF beside ``document`` when docgen made it from this very .docx and
    nobody changed it since (the hashes the manifest recorded), else None. ``docx_hash`` is
    the .docx's hash when the caller has it already."""
    record = manifest.pdfs.get(manifest.key(document))
    target = pdf_path(document)
    if record is None or record.docx != (docx_hash or _hash(document)):
        return None
    return target if record.pdf == _hash(target) else None


def make_pdfs(
    documents: Sequence[Path],
    output_dir: Path,
    workers: int | None = None,
    force: bool = False,
    on_written: Callable[[Path], None] | None = None,
) -> PdfReport:
    """Write the PDF of each of ``documents`` (.docx files in ``output_dir`` or below) beside
    it, skipping those whose .docx has not changed since docgen made their PDF (unless
    ``force``). Return what was done; documents that could not be converted are listed in
    ``failed`` and their old PDFs retired. Raises :class:`~docgen.render.pdf.ConverterMissing`
    when LibreOffice is not installed (before converting anything).
    """
    from docgen.render.pdf import PdfConverter  # LibreOffice only when PDFs are asked for

    manifest = Manifest.load(output_dir)
    report = PdfReport()
    jobs: list[tuple[Path, Path]] = []
    hashes: dict[Path, str | None] = {}
    for document in documents:
        hashes[document] = _hash(document)
        target = pdf_path(document)
        if not force and current_pdf(document, manifest, hashes[document]) is not None:
            report.up_to_date.append(target)
        else:
            jobs.append((document, target))
    converter = PdfConverter(workers)
    done: list[Path] = []

    def finished(conversion: Conversion) -> None:
        if conversion.ok:
            done.append(conversion.target)
            if on_written is not None:
                on_written(conversion.target)

    try:
        outcomes = converter.convert(jobs, on_done=finished)
    finally:
        # Whatever was written before an interruption is recorded, so it is not redone.
        for document, target in jobs:
            pdf_hash, docx_hash = _hash(target), hashes[document]
            if target in done and pdf_hash is not None and docx_hash is not None:
                manifest.pdfs[manifest.key(document)] = PdfRecord(docx_hash, pdf_hash)
        manifest.save()
    report.restarts = converter.restarts
    for outcome in outcomes:
        if outcome.ok:
            report.written.append(outcome.target)
        else:
            report.failed.append((outcome.source, outcome.error))
    stale = retire_stale_pdfs([source for source, _ in report.failed], output_dir)
    report.removed, report.renamed = stale.removed, stale.renamed
    return report


def retire_stale_pdfs(documents: Sequence[Path], output_dir: Path) -> PdfReport:
    """Deal with the PDFs beside ``documents`` (.docx files just written anew, whose PDFs
    were not): keep those docgen made from the very same .docx, delete those it made from an
    earlier one (if nobody changed them), rename the others to ``<name>-cu.pdf``. Return
    what was done (``removed`` and ``renamed``)."""
    report = PdfReport()
    manifest: Manifest | None = None
    for document in documents:
        target = pdf_path(document)
        if not target.is_file():
            continue
        manifest = manifest or Manifest.load(output_dir)
        key = manifest.key(document)
        record = manifest.pdfs.get(key)
        pdf_hash = _hash(target)
        if record is not None and record.pdf == pdf_hash and record.docx == _hash(document):
            continue  # the same .docx again (rendering is deterministic): the PDF still matches
        manifest.pdfs.pop(key, None)
        if record is not None and record.pdf == pdf_hash:
            target.unlink(missing_ok=True)
            report.removed.append(target)
            continue
        renamed = target.with_name(f"{target.stem}{STALE_SUFFIX}.pdf")
        target.replace(renamed)
        report.renamed.append((target, renamed))
    if manifest is not None:
        manifest.save()
    return report
