"""PDF conversion with LibreOffice (headless), isolated so nothing else depends on it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docgen.errors import DocgenError, display_path

TIMEOUT_SECONDS = 180


def soffice_path() -> str | None:
    """Return the LibreOffice executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(source: Path, output_dir: Path) -> Path:
    """Convert ``source`` (.docx) to ``output_dir/<stem>.pdf`` and return that path.

    A private LibreOffice profile is used so a running LibreOffice or a parallel conversion
    cannot interfere. Raises :class:`DocgenError` when LibreOffice is missing or fails.
    """
    soffice = soffice_path()
    if soffice is None:
        raise DocgenError("không tìm thấy LibreOffice (soffice) để chuyển sang PDF")
    output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(output_dir),
            str(source),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise DocgenError(
                f"{display_path(source)}: LibreOffice không chuyển được sang PDF"
            ) from error
    target = output_dir / f"{source.stem}.pdf"
    if not target.is_file():
        raise DocgenError(f"{display_path(source)}: LibreOffice không tạo ra tệp PDF")
    return target
