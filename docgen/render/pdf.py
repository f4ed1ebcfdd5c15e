"""PDF conversion with LibreOffice (headless), isolated so nothing else depends on it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from docgen.errors import DocgenError, display_path

TIMEOUT_SECONDS = 180
"""Time allowed for LibreOffice to start and convert one document."""
TIMEOUT_PER_EXTRA_FILE = 15
"""Extra time allowed for each further document of one conversion run."""


def soffice_path() -> str | None:
    """Return the LibreOffice executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _command(soffice: str, profile: Path, sources: Sequence[Path], output_dir: Path) -> list[str]:
    """Return the LibreOffice command line converting ``sources`` to PDFs in ``output_dir``."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(output_dir),
        *(str(source) for source in sources),
    ]


def _names(sources: Sequence[Path]) -> str:
    """Return the display paths of ``sources`` joined for an error message."""
    return ", ".join(display_path(source) for source in sources)


def convert_many(sources: Sequence[Path], output_dir: Path) -> list[Path]:
    """Convert every .docx of ``sources`` to ``output_dir/<stem>.pdf`` in one LibreOffice run.

    Returns the PDF paths in the order of ``sources`` (an empty list for no sources, without
    starting LibreOffice). Starting LibreOffice costs seconds, so converting many documents at
    once is much faster than one :func:`convert_to_pdf` each. A private LibreOffice profile is
    used so a running LibreOffice or a parallel conversion cannot interfere. Raises
    :class:`DocgenError` when LibreOffice is missing, fails, times out, or leaves a PDF missing
    (naming those documents), and when two sources share a stem (their PDFs would collide).
    """
    if not sources:
        return []
    soffice = soffice_path()
    if soffice is None:
        raise DocgenError("không tìm thấy LibreOffice (soffice) để chuyển sang PDF")
    targets = [output_dir / f"{source.stem}.pdf" for source in sources]
    if len(set(targets)) < len(targets):
        raise DocgenError(f"{_names(sources)}: trùng tên tệp, các tệp PDF sẽ ghi đè lên nhau")
    output_dir.mkdir(parents=True, exist_ok=True)
    # LibreOffice exits 0 even when a document fails to convert; only a fresh PDF proves success,
    # so a PDF left over from an earlier run must not be mistaken for one.
    for target in targets:
        target.unlink(missing_ok=True)
    timeout = TIMEOUT_SECONDS + TIMEOUT_PER_EXTRA_FILE * (len(sources) - 1)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as profile:
        command = _command(soffice, Path(profile), sources, output_dir)
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise DocgenError(
                f"{_names(sources)}: LibreOffice không chuyển được sang PDF"
            ) from error
    missing = [
        source for source, target in zip(sources, targets, strict=True) if not target.is_file()
    ]
    if missing:
        raise DocgenError(f"{_names(missing)}: LibreOffice không tạo ra tệp PDF")
    return targets


def convert_to_pdf(source: Path, output_dir: Path) -> Path:
    """Convert ``source`` (.docx) to ``output_dir/<stem>.pdf`` and return that path.

    A private LibreOffice profile is used so a running LibreOffice or a parallel conversion
    cannot interfere. Raises :class:`DocgenError` when LibreOffice is missing or fails.
    """
    return convert_many([source], output_dir)[0]
