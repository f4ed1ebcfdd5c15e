"""Document kinds, one module each, and the registry that finds a kind by its ``loai``.

Adding a kind: a module here declaring a :class:`~docgen.kinds.base.Kind` subclass, its
template recipe (``parts``), and one line in :data:`KINDS`.
"""

from __future__ import annotations

from docgen.kinds.bao_cao import BaoCao
from docgen.kinds.base import Kind
from docgen.kinds.ke_hoach import KeHoach
from docgen.kinds.quyet_dinh import QuyetDinh

KINDS: dict[str, Kind] = {kind.loai: kind for kind in (KeHoach(), BaoCao(), QuyetDinh())}
"""Every kind docgen produces, by the value of its ``loai`` field."""


def kind_of(loai: object) -> Kind | None:
    """Return the kind whose ``loai`` is ``loai``, or None when there is none."""
    return KINDS.get(loai) if isinstance(loai, str) else None


__all__ = ["KINDS", "Kind", "kind_of"]
