"""The build manifest: for each output, a hash of everything that made it.

Kept as ``.docgen-manifest.json`` in the output folder and written atomically, so an
interrupted build leaves the previous manifest whole; outputs written since are simply
rendered again next time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen import __version__
from docgen.render.atomic import write_atomic

MANIFEST_NAME = ".docgen-manifest.json"
FORMAT = 1


class FileHashes:
    """The SHA-256 of files, each read once per build."""

    def __init__(self) -> None:
        self._cache: dict[Path, str | None] = {}

    def __call__(self, path: Path) -> str | None:
        """Return the hash of the file at ``path``, or None when it cannot be read."""
        key = path if path.is_absolute() else path.resolve()
        if key not in self._cache:
            try:
                self._cache[key] = hashlib.sha256(key.read_bytes()).hexdigest()
            except OSError:
                self._cache[key] = None
        return self._cache[key]


def combined_hash(dependencies: dict[str, str | None], fingerprint: str = "") -> str:
    """Return the hash of an output's inputs: its files' hashes, its row, docgen's version."""
    text = json.dumps([__version__, sorted(dependencies.items()), fingerprint])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Entry:
    """What made one output: the files it depends on (path -> hash) and its row's hash."""

    dependencies: dict[str, str | None]
    fingerprint: str = ""

    @property
    def hash(self) -> str:
        """Return the combined hash of this entry."""
        return combined_hash(self.dependencies, self.fingerprint)


@dataclass(frozen=True)
class PdfRecord:
    """A PDF docgen wrote: the hash of the .docx it was made from, and its own hash."""

    docx: str
    pdf: str


@dataclass
class Manifest:
    """The outputs of earlier builds in one folder, by path relative to it (POSIX form)."""

    folder: Path
    outputs: dict[str, Entry] = field(default_factory=dict)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per batch file: the hashes of all its files, and its outputs (skip without reading)."""
    pdfs: dict[str, PdfRecord] = field(default_factory=dict)
    """Per .docx output: the PDF docgen made from it (to skip it, or to know it is ours)."""

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """Return the manifest of ``folder``; an absent or unreadable one is empty (every
        output is then rendered again, which is always safe)."""
        folder = folder.resolve()
        try:
            data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("docgen") != __version__:
                return cls(folder)  # another docgen may render differently: rebuild all
            outputs = {
                name: Entry(dict(entry["dependencies"]), str(entry.get("fingerprint", "")))
                for name, entry in data.get("outputs", {}).items()
            }
            pdfs = {
                name: PdfRecord(str(record["docx"]), str(record["pdf"]))
                for name, record in data.get("pdfs", {}).items()
            }
            return cls(folder, outputs, dict(data.get("batches", {})), pdfs)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(folder)

    def key(self, output: Path) -> str:
        """Return the manifest key of ``output`` (relative to the folder, POSIX form)."""
        if not output.is_absolute():
            output = output.resolve()
        return output.relative_to(self.folder).as_posix()

    def up_to_date(self, output: Path, hashes: FileHashes, fingerprint: str | None) -> bool:
        """Return True when ``output`` exists and nothing it was made from has changed.

        ``fingerprint`` is the current row's hash (None: keep the recorded one, for a
        document that has no row).
        """
        entry = self.outputs.get(self.key(output))
        try:
            if entry is None or output.stat().st_size == 0:
                return False
        except OSError:
            return False
        current = {path: hashes(Path(path)) for path in entry.dependencies}
        if None in current.values():
            return False
        wanted = entry.fingerprint if fingerprint is None else fingerprint
        return combined_hash(current, wanted) == entry.hash

    def record(self, output: Path, entry: Entry) -> None:
        """Remember what made ``output``."""
        self.outputs[self.key(output)] = entry

    def save(self) -> None:
        """Write the manifest atomically."""
        data = {
            "format": FORMAT,
            "docgen": __version__,
            "outputs": {
                name: {"dependencies": entry.dependencies, "fingerprint": entry.fingerprint}
                for name, entry in sorted(self.outputs.items())
            },
            "batches": dict(sorted(self.batches.items())),
            "pdfs": {
                name: {"docx": record.docx, "pdf": record.pdf}
                for name, record in sorted(self.pdfs.items())
            },
        }
        text = json.dumps(data, ensure_ascii=False, indent=1)
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / MANIFEST_NAME, text.encode("utf-8"))
