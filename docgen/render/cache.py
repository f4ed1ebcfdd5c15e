"""A per-user cache of compiled templates, so that one ``docgen render`` does not pay again
for what an earlier run already did: docxtpl's tag patching and Jinja's compilation.

An entry is keyed by the template's bytes and by everything the compiled code depends on
(docgen, Jinja and docxtpl versions, the Python version whose bytecode it holds, and the code
of the modules that prepare it), so a changed template or an upgrade never meets a stale
entry. The cache is an optimisation only: an unreadable, corrupt or unwritable cache is
ignored and the template compiled as if there were none.

Location: ``DOCGEN_CACHE_DIR`` when set (empty: no cache); otherwise ``%LOCALAPPDATA%\\docgen\\
cache`` on Windows, ``~/Library/Caches/docgen`` on macOS, ``$XDG_CACHE_HOME/docgen`` (by
default ``~/.cache/docgen``) elsewhere.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from types import CodeType

import jinja2

from docgen import __version__
from docgen.render.atomic import write_atomic

CACHE_ENV = "DOCGEN_CACHE_DIR"
FORMAT = b"docgen-prepared/2"
KEEP_ENTRIES = 64
"""Entries kept; older ones (by last use) are removed when a new one is stored."""


@dataclass(frozen=True)
class CompiledPart:
    """One templated part: its patched source (for error messages), compiled code, and
    whether every rendering of it is well-formed XML (:mod:`docgen.render.wellformed`)."""

    source: str
    code: CodeType
    always_well_formed: bool


@dataclass(frozen=True)
class CompiledTemplate:
    """What preparing a template computes: its compiled parts and the variables they use."""

    parts: dict[str, CompiledPart]
    variables: frozenset[str]


def cache_dir() -> Path | None:
    """Return the folder of the cache, or None when caching is off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "docgen" / "cache" if local else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "docgen"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "docgen"


@functools.cache
def _code_fingerprint() -> bytes:
    """Return a digest of the versions and modules the compiled code depends on."""
    digest = hashlib.sha256(FORMAT)
    digest.update(f"{__version__}\0{sys.version}\0{jinja2.__version__}".encode())
    here = Path(__file__).parent
    modules = ("template.py", "environment.py", "wellformed.py", "cache.py")
    sources = [here / name for name in modules]
    # docxtpl's patching code, located without importing docxtpl (which is slow to import).
    spec = find_spec("docxtpl")
    if spec is not None and spec.origin:
        sources.append(Path(spec.origin).parent / "template.py")
    for source in sources:
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.digest()


def entry_path(template: bytes, folder: Path) -> Path:
    """Return the cache file of the template whose package bytes are ``template``."""
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(template)
    return folder / f"{digest.hexdigest()[:40]}.bin"


def load(template: bytes) -> CompiledTemplate | None:
    """Return the cached compilation of ``template``, or None when there is none usable."""
    folder = cache_dir()
    if folder is None:
        return None
    path = entry_path(template, folder)
    try:
        data = marshal.loads(path.read_bytes())
        os.utime(path)  # last use, for pruning
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return _decode(data)


def _decode(data: object) -> CompiledTemplate | None:
    """Return the entry ``data`` as a :class:`CompiledTemplate`, or None when malformed."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    parts, variables = data.get("parts"), data.get("variables")
    if not isinstance(parts, dict) or not isinstance(variables, list):
        return None
    compiled: dict[str, CompiledPart] = {}
    for name, value in parts.items():
        if not (
            isinstance(name, str)
            and isinstance(value, tuple)
            and len(value) == 3
            and isinstance(value[0], str)
            and isinstance(value[1], CodeType)
            and isinstance(value[2], bool)
        ):
            return None
        compiled[name] = CompiledPart(value[0], value[1], value[2])
    if not all(isinstance(variable, str) for variable in variables):
        return None
    return CompiledTemplate(compiled, frozenset(variables))


def store(template: bytes, compiled: CompiledTemplate) -> None:
    """Keep ``compiled`` for the template whose package bytes are ``template``; on any
    failure keep nothing (the cache is an optimisation, never a reason to fail)."""
    folder = cache_dir()
    if folder is None:
        return
    data = {
        "format": FORMAT,
        "parts": {
            name: (part.source, part.code, part.always_well_formed)
            for name, part in compiled.parts.items()
        },
        "variables": sorted(compiled.variables),
    }
    # Another run may store the same entry at the same time: each write is atomic, and
    # both write the same bytes.
    with contextlib.suppress(Exception):
        write_atomic(entry_path(template, folder), marshal.dumps(data), durable=False)
        _prune(folder)


def _prune(folder: Path) -> None:
    """Remove all but the :data:`KEEP_ENTRIES` most recently used entries."""
    entries = sorted(folder.glob("*.bin"), key=lambda path: path.stat().st_mtime, reverse=True)
    for stale in entries[KEEP_ENTRIES:]:
        with contextlib.suppress(OSError):
            stale.unlink()
