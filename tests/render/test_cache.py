"""The per-user cache of compiled templates: used when valid, ignored when not, and never a
difference in the output."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from docgen import api
from docgen.render import cache
from docgen.render.template import PreparedTemplate

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "templates" / "kehoach.docx"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test only."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def rendered(template: PreparedTemplate) -> bytes:
    """Return the sample plan rendered with ``template``."""
    document = api.load_document(REPO / "data" / "kehoach-tdkt-2024.yaml")
    properties = api.document_properties(document)
    return template.render(document.kind.context(document.resolved), properties=properties)


def test_second_preparation_reads_the_cache_and_renders_the_same(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = PreparedTemplate(TEMPLATE)
    assert len(list(folder.glob("*.bin"))) == 1

    def no_compilation(self: PreparedTemplate, package: bytes) -> cache.CompiledTemplate:
        raise AssertionError("compiled although the cache holds the template")

    monkeypatch.setattr(PreparedTemplate, "_compile", no_compilation)
    second = PreparedTemplate(TEMPLATE)
    assert second.variables == first.variables
    assert rendered(second) == rendered(first)


def test_output_is_the_same_without_a_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cached = rendered(PreparedTemplate(TEMPLATE))
    cached_again = rendered(PreparedTemplate(TEMPLATE))
    monkeypatch.setenv(cache.CACHE_ENV, "")
    assert rendered(PreparedTemplate(TEMPLATE)) == cached == cached_again


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    PreparedTemplate(TEMPLATE)
    assert cache.cache_dir() is None
    assert not any(tmp_path.rglob("*.bin"))


@pytest.mark.parametrize("content", [b"", b"garbage", b"\xe3\x00\x00\x00"])
def test_a_corrupt_entry_is_ignored_and_replaced(folder: Path, content: bytes) -> None:
    expected = rendered(PreparedTemplate(TEMPLATE))
    (entry,) = folder.glob("*.bin")
    entry.write_bytes(content)
    assert rendered(PreparedTemplate(TEMPLATE)) == expected
    assert entry.read_bytes() not in (content, b"")


def test_a_different_template_gets_its_own_entry(folder: Path, tmp_path: Path) -> None:
    PreparedTemplate(TEMPLATE)
    other = tmp_path / "baocao.docx"
    shutil.copyfile(REPO / "templates" / "baocao.docx", other)
    PreparedTemplate(other)
    assert len(list(folder.glob("*.bin"))) == 2


def test_an_unwritable_cache_does_not_stop_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert rendered(PreparedTemplate(TEMPLATE)).startswith(b"PK")


def test_old_entries_are_pruned(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEEP_ENTRIES", 2)
    folder.mkdir()
    for index in range(4):
        stale = folder / f"stale{index}.bin"
        stale.write_bytes(b"x")
        os.utime(stale, (1_000_000 + index, 1_000_000 + index))  # long unused
    PreparedTemplate(TEMPLATE)
    assert sorted(path.name for path in folder.glob("*.bin")) == sorted(
        ["stale3.bin", cache.entry_path(TEMPLATE.read_bytes(), folder).name]
    )
    assert (folder / cache.entry_path(TEMPLATE.read_bytes(), folder).name).exists()
