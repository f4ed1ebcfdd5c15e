"""Document kinds, one module each, and the registry that finds a kind by its ``loai``.

Adding a kind: a module here declaring a :class:`~docgen.kinds.base.Kind` subclass, its
template recipe (``parts``) and its starter YAML (``starter``), and one line in
:data:`KIND_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docgen.kinds.base import Kind

KIND_MODULES: dict[str, str] = {
    "ke_hoach": "docgen.kinds.ke_hoach:KeHoach",
    "bao_cao": "docgen.kinds.bao_cao:BaoCao",
    "quyet_dinh": "docgen.kinds.quyet_dinh:QuyetDinh",
    "cong_van": "docgen.kinds.cong_van:CongVan",
    "huong_dan": "docgen.kinds.huong_dan:HuongDan",
    "to_trinh": "docgen.kinds.to_trinh:ToTrinh",
    "giay_moi": "docgen.kinds.giay_moi:GiayMoi",
    "thong_bao": "docgen.kinds.thong_bao:ThongBao",
}
"""Where each kind is declared (``module:class``), by the value of its ``loai`` field."""


class KindRegistry(Mapping[str, "Kind"]):
    """Every kind docgen produces, by ``loai``; a kind's module is imported on first use,
    so that rendering a plan does not pay for loading the models of decisions."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self._modules = dict(modules)
        self._kinds: dict[str, Kind] = {}

    def __getitem__(self, loai: str) -> Kind:
        if loai not in self._kinds:
            module, _, name = self._modules[loai].partition(":")
            kind: Kind = getattr(importlib.import_module(module), name)()
            if kind.loai != loai:  # a registry typo would otherwise surface much later
                raise RuntimeError(f"{self._modules[loai]} declares loai {kind.loai!r}")
            self._kinds[loai] = kind
        return self._kinds[loai]

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


KINDS = KindRegistry(KIND_MODULES)
"""Every kind docgen produces, by the value of its ``loai`` field."""


def kind_of(loai: object) -> Kind | None:
    """Return the kind whose ``loai`` is ``loai``, or None when there is none."""
    return KINDS[loai] if isinstance(loai, str) and loai in KINDS else None


def __getattr__(name: str) -> object:
    # ``from docgen.kinds import Kind`` keeps working without importing the base eagerly.
    if name == "Kind":
        from docgen.kinds.base import Kind

        return Kind
    raise AttributeError(name)


__all__ = ["KINDS", "KIND_MODULES", "Kind", "KindRegistry", "kind_of"]
